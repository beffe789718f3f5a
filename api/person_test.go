package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// graduates is a school's list of one student, with name and phone.
var graduates = []byte("学号,姓名,手机,邮箱,最高学历,城市,个人简介\r\n2024001,陈晓东,137 0000 1111,CXD@Example.com,本科,西安市,学校名单上的简介\r\n")

// importOne uploads file as name with fields and waits for the job to end.
func (e *env) importOne(tb testing.TB, name string, file []byte, fields map[string]string) importJob {
	tb.Helper()
	var j importJob
	e.upload(tb, name, file, fields).want(tb, http.StatusAccepted).decode(tb, &j)
	return e.waitImport(tb, j.ID)
}

// importGraduates imports graduates (one student) under source into a store that has no
// candidate yet, and returns the id of the student it created.
func (e *env) importGraduates(tb testing.TB, source string) string {
	tb.Helper()
	j := e.importOne(tb, "2026届毕业生.csv", graduates, map[string]string{"type": "candidates", "source": source})
	cs := storedCandidates(tb, e)
	if j.Status != "done" || j.Counts.Created != 1 || len(cs) != 1 {
		tb.Fatalf("upload: %+v counts %+v, %d stored; want the one student created", j, j.Counts, len(cs))
	}
	return cs[0].ID
}

// storedCandidates returns every stored candidate, private ones too.
func storedCandidates(tb testing.TB, e *env) []*xiaoqi.Candidate {
	tb.Helper()
	page, err := e.Store.List(context.Background(), xiaoqi.KindCandidate, xiaoqi.ListOptions{Limit: xiaoqi.MaxListLimit})
	if err != nil {
		tb.Fatal(err)
	}
	var out []*xiaoqi.Candidate
	for _, d := range page.Docs {
		out = append(out, d.(*xiaoqi.Candidate))
	}
	return out
}

// TestErasedPersonStaysErasedUnderAnotherSource: the erasure was remembered by the source and
// id of the person's row only, and the school's list sent again under another source, or
// another file name, brought them back. Their name with their phone or e-mail now refuses the
// row, and an administrator's POST of them under any source.
func TestErasedPersonStaysErasedUnderAnotherSource(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.do(t, http.MethodDelete, "/api/v1/candidates/"+e.importGraduates(t, "A"), nil, "").want(t, http.StatusNoContent)

	for _, tc := range []struct {
		name   string
		file   []byte
		fields map[string]string
	}{
		{"2026届毕业生.csv", graduates, map[string]string{"type": "candidates", "source": "B"}},
		{"毕业生名单（终版）.csv", graduates, map[string]string{"type": "candidates"}},
		// The phone written otherwise, the e-mail alone: still her.
		{"名单.csv", []byte("学号,姓名,手机,邮箱\r\n9,陈晓东,+86 137-0000-1111,\r\n10,陈晓东,,cxd@example.COM\r\n"), map[string]string{"type": "candidates"}},
		// Her name in traditional characters, or with a remark: still her (both came back).
		{"名单2.csv", []byte("学号,姓名,手机\r\n11,陳曉東,13700001111\r\n12,陈晓东（学生）,13700001111\r\n"), map[string]string{"type": "candidates"}},
	} {
		j := e.importOne(t, tc.name, tc.file, tc.fields)
		if j.Status != "done" || j.Counts.Created != 0 || j.Counts.Invalid == 0 || len(j.Errors) != j.Counts.Invalid ||
			!strings.Contains(j.Errors[0].Message, "erased at their request") {
			t.Errorf("%s %v after the erasure: %+v counts %+v errors %+v; want the row refused as erased", tc.name, tc.fields, j, j.Counts, j.Errors)
		}
	}
	if cs := storedCandidates(t, e); len(cs) != 0 {
		t.Errorf("stored after the lists again: %+v; want no one", cs)
	}
	body := `{"name":"陈晓东","phone":"13700001111","source":"C","external_id":"1"}`
	r := e.do(t, http.MethodPost, "/api/v1/candidates", strings.NewReader(body), "application/json").want(t, http.StatusConflict)
	if !strings.Contains(string(r.Body), "erased at their request") || strings.Contains(string(r.Body), "1111") {
		t.Errorf("POST of the erased person under another source: %s", r.Body)
	}
	body = `[{"name":"王丽","phone":"13700002222"},{"name":"陈晓东","email":"cxd@example.com"}]`
	r = e.do(t, http.MethodPost, "/api/v1/candidates/batch", strings.NewReader(body), "application/json").want(t, http.StatusConflict)
	if !strings.Contains(string(r.Body), "docs[1]") || !strings.Contains(string(r.Body), "erased at their request") {
		t.Errorf("a batch holding the erased person: %s", r.Body)
	}
}

// TestSamePersonUnderAnotherSource: a student who made her profile private and consented to
// one enterprise came back as a second, anonymous and searchable profile when the school sent
// its list again under another source. The row now updates her profile: one candidate, her
// id, her choices.
func TestSamePersonUnderAnotherSource(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "甲软件", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	firm := res[0].ID
	id := e.importGraduates(t, "A")
	me := e.newUser(t, "cxd", xiaoqi.RoleCandidate, id)
	path := "/api/v1/candidates/" + id
	var own map[string]any
	e.as(me).get(t, path).want(t, http.StatusOK).decode(t, &own)
	own["visibility"], own["consent_enterprises"] = "private", []string{firm}
	e.as(me).do(t, http.MethodPut, path, mustJSON(t, own), "application/json").want(t, http.StatusOK)

	for _, fields := range []map[string]string{
		{"type": "candidates", "source": "B"},
		{"type": "candidates"}, // named after another file
	} {
		j := e.importOne(t, "毕业生名单（终版）.csv", graduates, fields)
		if j.Status != "done" || j.Counts.Created != 0 || j.Counts.Invalid != 0 {
			t.Errorf("the list under %v: %+v counts %+v errors %+v; want her profile updated, none created", fields, j, j.Counts, j.Errors)
		}
		cs := storedCandidates(t, e)
		if len(cs) != 1 || cs[0].ID != id || cs[0].Visibility != xiaoqi.VisibilityPrivate ||
			len(cs[0].ConsentEnterprises) != 1 || cs[0].ConsentEnterprises[0] != firm {
			t.Fatalf("stored after the list under %v: %+v; want her alone, private, consenting to %s", fields, cs, firm)
		}
		// The index follows the store's feed: it is asked once it holds her PUT and the
		// import (it still held her first, anonymous version when asked at once).
		if err := e.Index.WaitFor(ctx, mustLastSeq(t, e.Store)); err != nil {
			t.Fatal(err)
		}
		found := string(e.get(t, "/api/v1/search?q="+"本科").want(t, http.StatusOK).Body)
		if strings.Contains(found, `"candidate"`) {
			t.Errorf("a search finds a candidate after the list under %v: %s", fields, found)
		}
	}
	body := `{"name":"陈晓东","phone":"13700001111","source":"C","external_id":"1"}`
	r := e.do(t, http.MethodPost, "/api/v1/candidates", strings.NewReader(body), "application/json").want(t, http.StatusConflict)
	if !strings.Contains(string(r.Body), "already has a profile") || strings.Contains(string(r.Body), id) {
		t.Errorf("POST of her under another source: %s", r.Body)
	}
}

func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestErasedAfterCorrectingStaysErased: a student corrected her phone, then erased herself;
// the school's list, which still has the phone it always had, brought her back under another
// source: the erasure knew her new phone only. Who she was before (FormerKeys, digests kept by
// the server, shown to no one) is remembered too.
func TestErasedAfterCorrectingStaysErased(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.importGraduates(t, "A")
	me := e.newUser(t, "cxd", xiaoqi.RoleCandidate, id)
	body := `{"name":"陈晓东","phone":"13911112222","email":"new.cxd@example.com","city":"西安市","degree":"本科","summary":"本人更正的简介"}`
	e.as(me).send(t, http.MethodPut, "/api/v1/candidates/"+id, body).want(t, http.StatusOK)
	own := string(e.as(me).get(t, "/api/v1/candidates/"+id).want(t, http.StatusOK).Body)
	if strings.Contains(own, "former_keys") {
		t.Errorf("her own view shows the digests of who she was: %s", own)
	}
	e.as(me).do(t, http.MethodDelete, "/api/v1/candidates/"+id, nil, "").want(t, http.StatusNoContent)

	j := e.importOne(t, "2026届毕业生.csv", graduates, map[string]string{"type": "candidates", "source": "B"})
	if j.Counts.Created != 0 || j.Counts.Invalid != 1 || len(j.Errors) != 1 || !strings.Contains(j.Errors[0].Message, "erased at their request") {
		t.Errorf("the school's list with her old phone under another source: counts %+v errors %+v; want the row refused as erased", j.Counts, j.Errors)
	}
	if cs := storedCandidates(t, e); len(cs) != 0 {
		t.Errorf("stored after the list again: %+v; want no one", cs)
	}
}

// TestBlankCellKeepsStoredValue: a list without e-mails, imported again, wiped the e-mail of
// every student who had one, without a word; a blank cell is not known to the list, not a
// value to erase, as with institutions, firms and postings.
func TestBlankCellKeepsStoredValue(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.importGraduates(t, "A")
	blank := []byte("学号,姓名,手机,邮箱,最高学历,城市,个人简介\r\n2024001,陈晓东,137 0000 1111,,本科,西安市,\r\n")
	j := e.importOne(t, "2026届毕业生.csv", blank, map[string]string{"type": "candidates", "source": "A"})
	if j.Status != "done" || j.Counts.Invalid != 0 {
		t.Fatalf("the list again: %+v counts %+v", j, j.Counts)
	}
	cs := storedCandidates(t, e)
	if len(cs) != 1 || cs[0].Email != "CXD@Example.com" || cs[0].Summary != "学校名单上的简介" {
		t.Errorf("after a list with the e-mail and summary blank: %+v; want them kept", cs)
	}
}

// TestCandidateEducationInstitution: a candidate's education that names its school by id gets
// the school's name, as a program does, so that search's institution filter finds the
// candidate (it did not: the name was empty); an id of no school is refused naming
// education[i].institution_id (it was 201).
func TestCandidateEducationInstitution(t *testing.T) {
	e := newEnv(t)
	uni := e.create(t, "institutions", xupt)
	var c xiaoqi.Candidate
	e.send(t, http.MethodPost, "/api/v1/candidates?refresh=wait_for", `{"name":"王五","city":"西安市","visibility":"public","skills":["Java"],
		"education":[{"institution_id":"`+uni.ID+`","major":"软件工程","degree":"本科"}]}`).want(t, http.StatusCreated).decode(t, &c)
	if len(c.Education) != 1 || c.Education[0].InstitutionName != "西安邮电大学" {
		t.Errorf("education by institution id stored as %+v, want 西安邮电大学", c.Education)
	}
	var p facetPage
	e.get(t, "/api/v1/search?type=candidate&institution="+uni.ID).want(t, http.StatusOK).decode(t, &p)
	if got := hitIDs(p); !slices.Equal(got, []string{c.ID}) {
		t.Errorf("institution=%s found %v, want the candidate %s", uni.ID, got, c.ID)
	}
	e.send(t, http.MethodPost, "/api/v1/candidates", `{"name":"赵六","city":"西安市","education":[{"institution_name":"西北大学"},{"institution_id":"ins_0000000000000000"}]}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "education[1].institution_id")
	e.send(t, http.MethodPost, "/api/v1/candidates/batch", `[{"name":"赵六","city":"西安市"},{"name":"孙七","city":"西安市","education":[{"institution_id":"ins_0000000000000000"}]}]`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "docs[1].education[0].institution_id")
}
