package api_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// onlyReader hides the length of a body, so the client sends it chunked and the server cannot
// refuse it by its Content-Length.
type onlyReader struct{ io.Reader }

func TestBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ins := e.create(t, "institutions", xjtu)
	job := e.create(t, "jobs", javaJob)

	big := `{"name":"` + strings.Repeat("大", 400_000) + `","type":"training","city":"西安市"}` // 1.2 MB
	manyDocs := "[" + strings.Repeat(`{"name":"x","type":"training","city":"西安市"},`, 1000) + xupt + "]"
	hugeBatch := "[" + strings.Repeat(big+",", 9) + big + "]" // 12 MB

	tests := []struct {
		name        string
		method      string
		path        string
		body        any
		contentType string
		status      int
		code        string
		field       string
	}{
		{"unknown field", "POST", "/api/v1/institutions", `{"name":"x","bogus":1,"type":"training","city":"西安市"}`, jsonType, 400, "invalid", "bogus"},
		{"wrong type", "POST", "/api/v1/institutions", `{"name":5,"type":"training","city":"西安市"}`, jsonType, 400, "invalid", "name"},
		{"wrong nested type", "POST", "/api/v1/institutions", `{"name":"x","type":"training","city":"西安市","geo":{"lat":"north","lon":1}}`, jsonType, 400, "invalid", "geo.lat"},
		{"wrong array type", "POST", "/api/v1/institutions", `{"name":"x","type":"training","city":"西安市","tags":"985"}`, jsonType, 400, "invalid", "tags"},
		{"integer overflow", "POST", "/api/v1/jobs", `{"title":"x","city":"西安市","enterprise_name":"y","headcount":1e30}`, jsonType, 400, "invalid", "headcount"},
		{"bad date-time", "POST", "/api/v1/jobs", `{"title":"x","city":"西安市","enterprise_name":"y","posted_at":"yesterday"}`, jsonType, 400, "invalid", "posted_at"},
		{"truncated JSON", "POST", "/api/v1/institutions", `{"name":"x",`, jsonType, 400, "invalid", "body"},
		{"malformed JSON", "POST", "/api/v1/institutions", `{"name" "x"}`, jsonType, 400, "invalid", "body"},
		{"trailing data", "POST", "/api/v1/institutions", xupt + ` {"name":"y"}`, jsonType, 400, "invalid", "body"},
		{"trailing brace", "POST", "/api/v1/institutions", xupt + `}`, jsonType, 400, "invalid", "body"},
		{"empty body", "POST", "/api/v1/institutions", "", jsonType, 400, "invalid", "body"},
		{"blank body", "POST", "/api/v1/institutions", " \n", jsonType, 400, "invalid", "body"},
		{"null body", "POST", "/api/v1/institutions", "null", jsonType, 400, "invalid", "body"},
		{"array body", "POST", "/api/v1/institutions", "[" + xupt + "]", jsonType, 400, "invalid", "body"},
		{"oversize body", "POST", "/api/v1/institutions", big, jsonType, 413, "too_large", "body"},
		{"oversize chunked body", "POST", "/api/v1/institutions", onlyReader{strings.NewReader(big)}, jsonType, 413, "too_large", "body"},
		{"no Content-Type", "POST", "/api/v1/institutions", xupt, "", 415, "unsupported_media_type", "Content-Type"},
		{"form Content-Type", "POST", "/api/v1/institutions", xupt, "application/x-www-form-urlencoded", 415, "unsupported_media_type", "Content-Type"},
		{"latin1 charset", "POST", "/api/v1/institutions", xupt, "application/json; charset=latin1", 415, "unsupported_media_type", "Content-Type"},
		{"invalid document", "POST", "/api/v1/institutions", `{"name":"x","type":"university","code":"123","city":"西安市"}`, jsonType, 400, "invalid", "code"},
		{"id on POST", "POST", "/api/v1/institutions", `{"id":"ins_0000000000000001","name":"x","type":"training","city":"西安市"}`, jsonType, 400, "invalid", "id"},
		{"unknown write parameter", "POST", "/api/v1/institutions?pretty=1", xupt, jsonType, 400, "invalid", "pretty"},
		{"bad refresh", "POST", "/api/v1/institutions?refresh=later", xupt, jsonType, 400, "invalid", "refresh"},

		{"batch unknown field", "POST", "/api/v1/institutions/batch", "[" + xupt + `,{"name":"x","type":"training","city":"西安市","bogus":true}]`, jsonType, 400, "invalid", "docs[1].bogus"},
		{"batch wrong type", "POST", "/api/v1/institutions/batch", `[{"name":["x"],"type":"training","city":"西安市"}]`, jsonType, 400, "invalid", "docs[0].name"},
		{"batch element not object", "POST", "/api/v1/institutions/batch", "[" + xupt + `,42]`, jsonType, 400, "invalid", "docs[1]"},
		{"batch invalid document", "POST", "/api/v1/institutions/batch", "[" + xupt + `,{"name":"x","type":"training"}]`, jsonType, 400, "invalid", "docs[1].city"},
		{"batch wrong kind of id", "POST", "/api/v1/institutions/batch", `[{"id":"job_0000000000000001","name":"x","type":"training","city":"西安市"}]`, jsonType, 400, "invalid", "docs[0].id"},
		{"batch object", "POST", "/api/v1/institutions/batch", xupt, jsonType, 400, "invalid", "body"},
		{"batch empty", "POST", "/api/v1/institutions/batch", "[]", jsonType, 400, "invalid", "body"},
		{"batch malformed", "POST", "/api/v1/institutions/batch", "[" + xupt, jsonType, 400, "invalid", "body"},
		{"batch trailing data", "POST", "/api/v1/institutions/batch", "[" + xupt + "] []", jsonType, 400, "invalid", "body"},
		{"batch too many documents", "POST", "/api/v1/institutions/batch", manyDocs, jsonType, 413, "too_large", "body"},
		{"batch too many bytes", "POST", "/api/v1/institutions/batch", hugeBatch, jsonType, 413, "too_large", "body"},
		{"batch wrong Content-Type", "POST", "/api/v1/institutions/batch", "[" + xupt + "]", "text/plain", 415, "unsupported_media_type", "Content-Type"},

		{"PUT invalid id", "PUT", "/api/v1/institutions/not-an-id", xupt, jsonType, 400, "invalid", "id"},
		{"PUT id of another kind", "PUT", "/api/v1/institutions/" + job.ID, xupt, jsonType, 400, "invalid", "id"},
		{"PUT id mismatch", "PUT", "/api/v1/institutions/" + ins.ID, strings.Replace(xupt, `"name"`, `"id":"ins_0000000000000001","name"`, 1), jsonType, 400, "invalid", "id"},
		{"PUT unknown field", "PUT", "/api/v1/institutions/" + ins.ID, `{"name":"x","type":"training","city":"西安市","nmae":"y"}`, jsonType, 400, "invalid", "nmae"},
		// encoding/json stores half of a surrogate pair as U+FFFD without a word.
		{"lone surrogate", "POST", "/api/v1/institutions", `{"name":"西安\ud800学院","type":"training","city":"西安市"}`, jsonType, 400, "invalid", "name"},
		{"lone low surrogate", "POST", "/api/v1/institutions", `{"name":"x","type":"training","city":"西安市","tags":["a","\udc00"]}`, jsonType, 400, "invalid", "tags[1]"},
		{"batch lone surrogate", "POST", "/api/v1/institutions/batch", `[` + xupt + `,{"name":"\\\ud83d","type":"training","city":"西安市"}]`, jsonType, 400, "invalid", "docs[1].name"},
		// Nesting bounded before the passes that name paths, each depth² (7 s for 16 KB).
		{"deep nesting", "POST", "/api/v1/institutions", strings.Repeat("[", 8000) + strings.Repeat("]", 8000), jsonType, 400, "invalid", "body"},
		{"deep nesting in a batch", "POST", "/api/v1/jobs/batch", "[" + strings.Repeat(`{"a":`, 40) + "1" + strings.Repeat("}", 40) + "]", jsonType, 400, "invalid", "body"},
		{"PUT negative version", "PUT", "/api/v1/institutions/" + ins.ID, strings.Replace(xupt, `"name"`, `"version":-1,"name"`, 1), jsonType, 400, "invalid", "version"},
		{"batch negative version", "POST", "/api/v1/institutions/batch", "[" + strings.Replace(xupt, `"name"`, `"version":-1,"name"`, 1) + "]", jsonType, 400, "invalid", "docs[0].version"},
		{"PUT invalid document", "PUT", "/api/v1/jobs/" + job.ID, `{"title":"x","city":"西安市","enterprise_name":"y","headcount":-1}`, jsonType, 400, "invalid", "headcount"},
		{"PUT oversize", "PUT", "/api/v1/institutions/" + ins.ID, big, jsonType, 413, "too_large", "body"},
		{"PUT wrong Content-Type", "PUT", "/api/v1/institutions/" + ins.ID, xupt, "text/plain", 415, "unsupported_media_type", "Content-Type"},
		{"DELETE invalid id", "DELETE", "/api/v1/institutions/ins_%F0%9F%98%80", nil, "", 400, "invalid", "id"},
		{"DELETE bad refresh", "DELETE", "/api/v1/institutions/" + ins.ID + "?refresh=1", nil, "", 400, "invalid", "refresh"},
		{"GET invalid id", "GET", "/api/v1/jobs/job_!!", nil, "", 400, "invalid", "id"},
		{"GET unknown parameter", "GET", "/api/v1/jobs/" + job.ID + "?fields=title", nil, "", 400, "invalid", "fields"},

		{"list unknown filter", "GET", "/api/v1/institutions?colour=red", nil, "", 400, "invalid", "colour"},
		{"list filter of another kind", "GET", "/api/v1/institutions?enterprise_id=ent_1", nil, "", 400, "invalid", "enterprise_id"},
		// Values no document can have answered an empty list, as if none had them.
		{"list policy number not a number", "GET", "/api/v1/policies?number=abc", nil, "", 400, "invalid", "number"},
		{"list policy number full width", "GET", "/api/v1/policies?number=%EF%BC%91%EF%BC%92", nil, "", 400, "invalid", "number"},
		{"list policy number zero", "GET", "/api/v1/policies?number=0", nil, "", 400, "invalid", "number"},
		{"list unknown level", "GET", "/api/v1/institutions?level=%E5%8D%9A%E5%A3%AB", nil, "", 400, "invalid", "level"},
		{"list malformed major code", "GET", "/api/v1/programs?major_code=abc", nil, "", 400, "invalid", "major_code"},
		{"list repeated filter", "GET", "/api/v1/institutions?city=a&city=b", nil, "", 400, "invalid", "city"},
		{"list bad synthetic", "GET", "/api/v1/institutions?synthetic=maybe", nil, "", 400, "invalid", "synthetic"},
		{"list limit not a number", "GET", "/api/v1/institutions?limit=ten", nil, "", 400, "invalid", "limit"},
		{"list limit zero", "GET", "/api/v1/institutions?limit=0", nil, "", 400, "invalid", "limit"},
		{"list limit too large", "GET", "/api/v1/institutions?limit=1001", nil, "", 400, "invalid", "limit"},
		{"list malformed query", "GET", "/api/v1/institutions?city=%zz", nil, "", 400, "invalid", "query"},
		// A cursor that is no id of the kind listed nothing, as if the list had ended.
		{"list cursor not an id", "GET", "/api/v1/institutions?after=zzz", nil, "", 400, "invalid", "after"},
		{"list cursor of another kind", "GET", "/api/v1/institutions?after=" + job.ID, nil, "", 400, "invalid", "after"},
		{"list cursor not UTF-8", "GET", "/api/v1/jobs?after=%ff", nil, "", 400, "invalid", "after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			beforeIns, beforeJobs := e.count(t, xiaoqi.KindInstitution), e.count(t, xiaoqi.KindJob)
			e.do(t, tt.method, tt.path, tt.body, tt.contentType).wantError(t, tt.status, tt.code, tt.field)
			if n := e.count(t, xiaoqi.KindInstitution); n != beforeIns {
				t.Errorf("%d institutions stored, want %d", n, beforeIns)
			}
			if n := e.count(t, xiaoqi.KindJob); n != beforeJobs {
				t.Errorf("%d jobs stored, want %d", n, beforeJobs)
			}
		})
	}

	// Nothing above changed the two documents either.
	var got stored
	e.get(t, "/api/v1/institutions/"+ins.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Version != ins.Version || got.Name != "西安交通大学" {
		t.Errorf("institution became %+v", got)
	}
	e.get(t, "/api/v1/jobs/"+job.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Version != job.Version || got.Title != "Java开发工程师" {
		t.Errorf("job became %+v", got)
	}
}

func TestErrorMessages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		name, body string
		want       []string // in the message of the field
	}{
		{"wrong type names the expected type", `{"name":5,"type":"training","city":"西安市"}`, []string{"string", "number"}},
		{"unknown field", `{"nme":"x"}`, []string{"unknown field"}},
		{"validation", `{"name":"x","type":"school","city":"西安市"}`, []string{"university or training"}},
	}
	// Search's paging on a list says how lists page; it said "cannot filter by per_page".
	for _, name := range []string{"per_page", "page", "offset"} {
		ae := e.get(t, "/api/v1/enterprises?"+name+"=3").wantError(t, 400, "invalid", name)
		for _, w := range []string{"limit", "after", "分页"} {
			if !strings.Contains(ae.Error.Message, w) {
				t.Errorf("%s on a list: message %q does not say %q", name, ae.Error.Message, w)
			}
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ae := e.send(t, http.MethodPost, "/api/v1/institutions", tt.body).wantError(t, 400, "invalid", "")
			if len(ae.Error.Details) == 0 {
				t.Fatal("no details")
			}
			for _, w := range tt.want {
				if !strings.Contains(ae.Error.Details[0].Message, w) {
					t.Errorf("detail %+v does not say %q", ae.Error.Details[0], w)
				}
			}
		})
	}
}

// TestBodyAmbiguous: a body whose bytes are not UTF-8, or whose JSON gives a key twice in one
// object, is refused naming what is wrong; encoding/json would keep U+FFFD or the last value
// without a word, and the caller would never learn which title was stored.
func TestBodyAmbiguous(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tc := range []struct{ path, body, field string }{
		{"/api/v1/jobs", `{"title":"","title":"重复键","city":"西安市","enterprise_name":"某公司"}`, "title"},
		{"/api/v1/jobs/batch", `[{"title":"a","city":"西安市","enterprise_name":"某公司"},{"title":"b","city":"西安市","city":"咸阳市","enterprise_name":"某公司"}]`, "docs[1].city"},
		{"/api/v1/candidates", `{"name":"张三","education":[{"institution_name":"西北大学"},{"institution_name":"长安大学","major":"法学","major":"哲学"}]}`, "education[1].major"},
		// encoding/json takes a key for a field whatever its case, Unicode's folding too (ſ is
		// s): it kept CaseB as the title of a job posted with both.
		{"/api/v1/jobs", `{"title":"CaseA","TITLE":"CaseB","city":"西安市","enterprise_name":"某公司"}`, "TITLE"},
		{"/api/v1/jobs", `{"title":"a","city":"西安市","enterprise_name":"某公司","skills":["Java"],"ſkills":["Go"]}`, "ſkills"},
		{"/api/v1/jobs/batch", `[{"title":"a","city":"西安市","enterprise_name":"某公司"},{"title":"b","city":"西安市","City":"咸阳市","enterprise_name":"某公司"}]`, "docs[1].City"},
		{"/api/v1/jobs", "{\"title\":\"\xff\xfe\",\"city\":\"西安市\",\"enterprise_name\":\"某公司\"}", "body"},
		// An unknown field or a wrong type in an array's item names the item, as a duplicate
		// does: they said foo and education.graduation_year.
		{"/api/v1/candidates", `{"name":"x","education":[{"major":"a"},{"major":"a","foo":"b"}]}`, "education[1].foo"},
		{"/api/v1/candidates", `{"name":"x","foo":1,"education":[{"major":"a","foo":"b"}]}`, "foo"},
		{"/api/v1/candidates", `{"name":"x","major":"a","education":[{"major":"a"}]}`, "major"},
		{"/api/v1/candidates", `{"name":"x","education":[{"major":"a"},{"major":"a","graduation_year":"2020"}]}`, "education[1].graduation_year"},
		{"/api/v1/candidates/batch", `[{"name":"y"},{"name":"x","education":[{"major":"a"},{"major":"a","foo":"b"}]}]`, "docs[1].education[1].foo"},
		{"/api/v1/candidates/batch", `[{"name":"y"},{"name":"x","education":[{},{"graduation_year":"2020"}]}]`, "docs[1].education[1].graduation_year"},
	} {
		e.send(t, http.MethodPost, tc.path, tc.body).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, tc.field)
	}
	// The sign-in takes a body from anyone: a deep one is refused as at once.
	e.as("").send(t, http.MethodPost, "/api/v1/session", strings.Repeat("[", 8000)+strings.Repeat("]", 8000)).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "body")
	// Brackets inside a string are text, not nesting.
	e.send(t, http.MethodPost, "/api/v1/candidates", `{"name":"王五","summary":"`+strings.Repeat("[{", 40)+`"}`).want(t, http.StatusCreated)
	// The same key in two objects is no duplicate.
	e.send(t, http.MethodPost, "/api/v1/candidates", `{"name":"李四","education":[{"institution_name":"西北大学","major":"法学"},{"institution_name":"长安大学","major":"哲学"}]}`).
		want(t, http.StatusCreated)
}

// TestSurrogatePairs: a whole pair is one character, and a backslash written before "ud800"
// is text; neither is taken for half of a pair.
func TestSurrogatePairs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var got xiaoqi.Institution
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"笑脸\ud83d\ude00学院\\ud800","type":"training","city":"西安市"}`).
		want(t, http.StatusCreated).decode(t, &got)
	if got.Name != `笑脸😀学院\ud800` {
		t.Errorf("name %q", got.Name)
	}
}
