package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// operatorValues are what a NoSQL injection puts where a string is expected.
var operatorValues = []string{`{"$ne":null}`, `{"$gt":""}`, `{"$where":"sleep(1000)"}`, `{"$regex":".*"}`, `$ne`, `.*`, `^`}

// TestInjectionQueryParams: operator-looking values in list filters and search filters are
// plain strings that match nothing; operator-looking parameter names (city[$ne], $where, the
// bracket syntax of PHP and Express) and operators where numbers or names are expected are
// refused 400 naming the parameter. No request lists everything.
func TestInjectionQueryParams(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for i := range 3 {
		e.create(t, "jobs", `{"title":"软件测试工程师","enterprise_name":"西安某公司","city":"西安市","source":"inj","external_id":"`+itoa(i)+`","skills":["软件测试"]}`)
	}
	var all struct{ Data []json.RawMessage }
	e.get(t, "/api/v1/jobs").want(t, http.StatusOK).decode(t, &all)
	if len(all.Data) != 3 {
		t.Fatalf("%d jobs listed, want 3", len(all.Data))
	}

	for _, v := range operatorValues {
		q := url.QueryEscape(v)
		for _, p := range []string{"/api/v1/jobs?city=" + q, "/api/v1/jobs?source=" + q, "/api/v1/jobs?after=" + q,
			"/api/v1/candidates?city=" + q, "/api/v1/enterprises?credit_code=" + q} {
			var page struct{ Data []json.RawMessage }
			r := e.get(t, p)
			if r.Status == http.StatusOK {
				r.decode(t, &page)
				if len(page.Data) != 0 && !(strings.Contains(p, "after=") && v[0] < 'a') {
					t.Errorf("GET %s: %d documents, want none", p, len(page.Data))
				}
			} else if r.Status != http.StatusBadRequest {
				t.Errorf("GET %s: status %d, want 200 with nothing or 400", p, r.Status)
			}
		}
		var res xiaoqi.SearchResult
		for _, p := range []string{"q=" + q, "q=软件测试&city=" + q, "q=软件测试&skill=" + q, "q=软件测试&region=" + q,
			"q=软件测试&degree=" + q, "q=软件测试&language=" + q, "q=软件测试&institution=" + q, "q=软件测试&enterprise=" + q} {
			r := e.get(t, "/api/v1/search?"+p)
			if r.Status == http.StatusBadRequest {
				continue
			}
			r.want(t, http.StatusOK).decode(t, &res)
			if res.Total != 0 {
				t.Errorf("search %s: %d hits, want none", p, res.Total)
			}
		}
	}

	refused := []struct{ path, field string }{
		{"/api/v1/jobs?city[$ne]=x", "city[$ne]"},
		{"/api/v1/jobs?city[$regex]=.*", "city[$regex]"},
		{"/api/v1/jobs?$where=sleep(1000)", "$where"},
		{"/api/v1/jobs?f.city=x", "f.city"},
		{"/api/v1/jobs?_id[$gt]=", "_id[$gt]"},
		{"/api/v1/jobs?limit=" + url.QueryEscape(`{"$gt":0}`), "limit"},
		{"/api/v1/jobs?synthetic=" + url.QueryEscape(`{"$ne":null}`), "synthetic"},
		{"/api/v1/search?q=x&type=" + url.QueryEscape(`{"$ne":null}`), "type"},
		{"/api/v1/search?q=x&type[$ne]=job", "type[$ne]"},
		{"/api/v1/search?q=x&sort=" + url.QueryEscape(`{"$natural":1}`), "sort"},
		{"/api/v1/search?q=x&page=" + url.QueryEscape(`{"$gt":0}`), "page"},
		{"/api/v1/search?q=x&per_page=" + url.QueryEscape(`{"$gt":0}`), "per_page"},
		{"/api/v1/search?q=x&facets=" + url.QueryEscape(`{"$ne":null}`), "facets"},
		{"/api/v1/search?q=x&near=" + url.QueryEscape(`{"$near":[108.9,34.2]}`), "near"},
		{"/api/v1/search?q=x&near=西安&within=" + url.QueryEscape(`{"$lt":1}`), "within"},
		{"/api/v1/search?q=x&synthetic=" + url.QueryEscape(`{"$ne":null}`), "synthetic"},
		{"/api/v1/search?q=x&skill[$ne]=x", "skill[$ne]"},
	}
	for _, rf := range refused {
		r := e.get(t, rf.path)
		if r.Status != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 400 naming %s; body %s", rf.path, r.Status, rf.field, r.Body)
			continue
		}
		r.wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, rf.field)
	}
}

// TestInjectionJSONBodies: operator objects where the document has strings, numbers or
// arrays, and operator-looking field names, are refused 400 naming the field, in one-document
// writes, replacements and batches; nothing is written.
func TestInjectionJSONBodies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	job := e.create(t, "jobs", javaJob)
	cases := []struct{ body, field string }{
		{`{"title":{"$ne":null},"city":"西安市","enterprise_name":"y"}`, "title"},
		{`{"title":"x","city":{"$gt":""},"enterprise_name":"y"}`, "city"},
		{`{"title":"x","city":"西安市","enterprise_name":{"$where":"sleep(1000)"}}`, "enterprise_name"},
		{`{"title":"x","city":"西安市","skills":{"$ne":null}}`, "skills"},
		{`{"title":"x","city":"西安市","skills":[{"$ne":null}]}`, "skills[0]"},
		{`{"title":"x","city":"西安市","headcount":{"$gt":0}}`, "headcount"},
		{`{"title":"x","city":"西安市","id":{"$ne":null}}`, "id"},
		{`{"title":"x","city":"西安市","$where":"sleep(1000)"}`, "$where"},
		{`{"title":"x","city":"西安市","f.city":"y"}`, "f.city"},
		{`{"title":"x","city":"西安市","$set":{"headcount":99}}`, "$set"},
	}
	before := e.count(t, xiaoqi.KindJob)
	for _, c := range cases {
		e.send(t, http.MethodPost, "/api/v1/jobs", c.body).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, c.field)
		e.send(t, http.MethodPut, "/api/v1/jobs/"+job.ID, c.body).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, c.field)
		e.send(t, http.MethodPost, "/api/v1/jobs/batch", "["+c.body+"]").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "docs[0]."+c.field)
	}
	if after := e.count(t, xiaoqi.KindJob); after != before {
		t.Errorf("%d jobs after the refused writes, want %d", after, before)
	}
	var got map[string]any
	e.get(t, "/api/v1/jobs/"+job.ID).want(t, http.StatusOK).decode(t, &got)
	if got["version"] != float64(1) {
		t.Errorf("job after refused replacements: version %v, want 1", got["version"])
	}

	// Sign-in with operators for credentials: refused, never signed in.
	for _, body := range []string{`{"username":{"$ne":null},"password":{"$ne":null}}`, `{"username":"admin","password":{"$gt":""}}`,
		`{"username":"admin","password":"x","$where":"1"}`} {
		r := e.as("").send(t, http.MethodPost, "/api/v1/session", body)
		if r.Status != http.StatusBadRequest && r.Status != http.StatusUnauthorized {
			t.Errorf("POST /api/v1/session %s: status %d, want 400 or 401; body %s", body, r.Status, r.Body)
		}
		if r.Header.Get("Set-Cookie") != "" {
			t.Errorf("POST /api/v1/session %s set a cookie", body)
		}
	}
}
