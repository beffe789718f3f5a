package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// wukong is another school's list of one person not yet in xiaoqi, with name and phone.
var wukong = []byte("姓名,手机,邮箱,出生日期,学号,学历,城市,个人简介\r\n孙悟空,13511112222,wukong@example.com,2001-05-06,W100,硕士,宝鸡市,花果山学院的学生\r\n")

// graduateSignedIn imports a school's list of graduates (source A) and signs in one of them,
// cxd: the environment, her id, her key and the path of her profile.
func graduateSignedIn(t *testing.T) (e *env, id, me, path string) {
	t.Helper()
	e = newEnv(t)
	id = e.importGraduates(t, "A")
	me = e.newUser(t, "cxd", xiaoqi.RoleCandidate, id)
	return e, id, me, "/api/v1/candidates/" + id
}

// declareWukong has the candidate with key me, of the profile at path, write another person's
// name and phone (孙悟空's) on her own profile, as anyone may type anything there.
func (e *env) declareWukong(tb testing.TB, me, path string) {
	tb.Helper()
	var own map[string]any
	e.as(me).get(tb, path).want(tb, http.StatusOK).decode(tb, &own)
	own["name"], own["phone"] = "孙悟空", "13511112222"
	e.as(me).do(tb, http.MethodPut, path, mustJSON(tb, own), jsonType).want(tb, http.StatusOK)
}

// TestDeclaredIdentityTakesNoOnesRow: a candidate who wrote another person's name and phone
// on her own profile got that person's row of a school's list: the import took her for them
// by name and phone (samePerson), wrote the victim's e-mail, birth date and degree onto her
// profile, and the victim had no record of their own. Who a candidate says she is decides
// nothing about anyone else: the list makes the victim's own profile, and hers is as it was.
// Her own school's row, by the name and phone the school gave, is still her.
func TestDeclaredIdentityTakesNoOnesRow(t *testing.T) {
	t.Parallel()
	e, id, me, path := graduateSignedIn(t)
	e.declareWukong(t, me, path)

	j := e.importOne(t, "花果山学院2027.csv", wukong, map[string]string{"type": "candidates", "source": "花果山学院2027"})
	if j.Status != "done" || j.Counts.Created != 1 || j.Counts.Updated != 0 || len(j.Errors) != 0 {
		t.Errorf("the victim's list: %+v counts %+v errors %+v; want their own profile created, no warning", j, j.Counts, j.Errors)
	}
	var own xiaoqi.Candidate
	e.as(me).get(t, path).want(t, http.StatusOK).decode(t, &own)
	if own.Email != "CXD@Example.com" || own.BirthDate != "" || own.Degree != "本科" || own.City != "西安市" {
		t.Errorf("her profile after the victim's list: %+v; want hers, without their e-mail, birth date, degree or city", own)
	}
	var victims int
	for _, c := range storedCandidates(t, e) {
		if c.ID != id && c.Email == "wukong@example.com" && c.BirthDate == "2001-05-06" {
			victims++
		}
	}
	if victims != 1 {
		t.Errorf("%d profiles of the victim stored; want their own, one", victims)
	}

	// Her school's list again, under another source: the name and phone it gave are still hers.
	j = e.importOne(t, "2026届毕业生.csv", graduates, map[string]string{"type": "candidates", "source": "B"})
	if j.Status != "done" || j.Counts.Created != 0 || j.Counts.Invalid != 0 {
		t.Errorf("her school's list under another source: %+v counts %+v errors %+v; want her profile updated", j, j.Counts, j.Errors)
	}
	if n := len(storedCandidates(t, e)); n != 2 {
		t.Errorf("%d candidates stored; want her and the victim", n)
	}
}

// TestDeclaredIdentityBlocksNoOne: a candidate who wrote another person's name and phone on
// her own profile, then erased herself, kept that person out of xiaoqi for ever: the erasure
// remembered the identity she had declared, and an administrator's POST of them was 409 and
// every row of them refused as erased, though they never asked. Her erasure remembers who the
// school said she was, which still keeps her out.
func TestDeclaredIdentityBlocksNoOne(t *testing.T) {
	t.Parallel()
	e, _, me, path := graduateSignedIn(t)
	e.declareWukong(t, me, path)
	e.as(me).do(t, http.MethodDelete, path, nil, "").want(t, http.StatusNoContent)

	e.send(t, http.MethodPost, "/api/v1/candidates", `{"name":"孙悟空","phone":"13511112222","city":"宝鸡市"}`).want(t, http.StatusCreated)
	j := e.importOne(t, "花果山学院2027.csv", wukong, map[string]string{"type": "candidates", "source": "花果山学院2027"})
	if j.Status != "done" || j.Counts.Invalid != 0 || j.Counts.Written != 1 {
		t.Errorf("the victim's list: %+v counts %+v errors %+v; want their row written", j, j.Counts, j.Errors)
	}

	j = e.importOne(t, "2026届毕业生.csv", graduates, map[string]string{"type": "candidates", "source": "B"})
	if j.Counts.Created != 0 || j.Counts.Invalid != 1 || len(j.Errors) != 1 || !strings.Contains(j.Errors[0].Message, "erased at their request") {
		t.Errorf("her school's list under another source: counts %+v errors %+v; want her row refused as erased", j.Counts, j.Errors)
	}
}

// TestExportHidesFormerKeys: the export of a candidate who had corrected her phone showed
// "former_keys", the digests the server keeps of who she was, which no answer shows.
func TestExportHidesFormerKeys(t *testing.T) {
	t.Parallel()
	e, _, me, path := graduateSignedIn(t)
	var own map[string]any
	e.as(me).get(t, path).want(t, http.StatusOK).decode(t, &own)
	own["phone"] = "13911112222"
	e.as(me).do(t, http.MethodPut, path, mustJSON(t, own), jsonType).want(t, http.StatusOK)
	body := string(e.as(me).get(t, path+"/export").want(t, http.StatusOK).Body)
	if strings.Contains(body, "former_keys") || !strings.Contains(body, "13911112222") {
		t.Errorf("her export: %s; want her new phone and no former_keys", body)
	}
}
