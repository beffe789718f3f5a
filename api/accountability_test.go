package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestActingForACandidateIsAudited: what an administrator does that lets them act as a
// candidate (create their account, set its password, make it a key) or that widens whom the
// candidate's contact details reach (consent, visibility) is in the audit log the candidate
// reads. An audit found both possible unseen.
func TestActingForACandidateIsAudited(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "乙外包", City: "西安市"},
		&xiaoqi.Candidate{Name: "欧阳审", Phone: "13912345671", City: "西安市", Skills: []string{"Java"}}})
	if err != nil {
		t.Fatal(err)
	}
	ent, cand := res[0].ID, res[1].ID

	var u struct{ ID string }
	e.send(t, http.MethodPost, "/api/v1/users", `{"username":"oy","role":"candidate","candidate_id":"`+cand+`","password":"`+testPassword+`"}`).
		want(t, http.StatusCreated).decode(t, &u)
	e.send(t, http.MethodPut, "/api/v1/users/"+u.ID+"/password", `{"password":"another-horse-battery-7"}`).want(t, http.StatusNoContent)
	e.send(t, http.MethodPost, "/api/v1/users/"+u.ID+"/keys", `{"name":"impersonate"}`).want(t, http.StatusCreated)
	e.send(t, http.MethodPut, "/api/v1/candidates/"+cand,
		`{"name":"欧阳审","phone":"13912345671","city":"西安市","skills":["Java"],"visibility":"public","consent_enterprises":["`+ent+`"]}`).
		want(t, http.StatusOK)
	// The same again changes nothing and records nothing more.
	e.send(t, http.MethodPut, "/api/v1/candidates/"+cand,
		`{"name":"欧阳审","phone":"13912345671","city":"西安市","skills":["Java"],"visibility":"public","consent_enterprises":["`+ent+`"]}`).
		want(t, http.StatusOK)

	me := e.newUser(t, "oy-own", xiaoqi.RoleCandidate, cand)
	var log struct {
		Data []xiaoqi.AuditEntry `json:"data"`
	}
	e.as(me).get(t, "/api/v1/candidates/"+cand+"/audit").want(t, http.StatusOK).decode(t, &log)
	var got []string
	for _, a := range log.Data {
		got = append(got, a.Action+": "+a.Reason)
		if a.ActorRole != xiaoqi.RoleAdmin || a.SubjectID != cand {
			t.Errorf("entry %+v: want the administrator acting on %s", a, cand)
		}
	}
	// Each reason is "中文 / English", as the API's other texts: the page shows one (apiText).
	want := []string{"candidate.account: 创建账户（oy） / account created (oy)", "candidate.account: 设置密码（oy） / password set (oy)",
		"candidate.account: 创建 API 密钥（oy） / API key created (oy)",
		"candidate.consent: 同意查看联系方式的企业增加：乙外包 (" + ent + ")；可见性：匿名 → 公开 / enterprises allowed to see contact details, added: 乙外包 (" + ent + "); visibility: anonymous → public"}
	if len(got) != len(want) {
		t.Fatalf("the candidate's audit log: %q, want %d entries like %q", got, len(want), want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// TestHRMayNotVerifyItself: a valid credit code makes an enterprise verified, and verified
// HR may see public candidates' contact details; HR may not give its own enterprise one.
func TestHRMayNotVerifyItself(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "丙科技", City: "西安市"},
		&xiaoqi.Candidate{Name: "司马公开", Phone: "13812345672", City: "西安市", Visibility: xiaoqi.VisibilityPublic}})
	if err != nil {
		t.Fatal(err)
	}
	ent, cand := res[0].ID, res[1].ID
	hr := e.newUser(t, "hr-bing", xiaoqi.RoleEnterprise, ent)
	contact := "/api/v1/candidates/" + cand + "/contact?reason=" + url.QueryEscape("邀请面试 Java 岗位")
	e.as(hr).get(t, contact).wantError(t, http.StatusForbidden, xiaoqi.EFORBIDDEN, "")
	code := "91610131MA6TXXC03" + string(xiaoqi.CreditCodeCheck("91610131MA6TXXC03"))
	e.as(hr).send(t, http.MethodPut, "/api/v1/enterprises/"+ent, `{"name":"丙科技","city":"西安市","credit_code":"`+code+`"}`).
		wantError(t, http.StatusForbidden, xiaoqi.EFORBIDDEN, "")
	e.as(hr).get(t, contact).wantError(t, http.StatusForbidden, xiaoqi.EFORBIDDEN, "")
	// An administrator may.
	e.send(t, http.MethodPut, "/api/v1/enterprises/"+ent, `{"name":"丙科技","city":"西安市","credit_code":"`+code+`"}`).want(t, http.StatusOK)
	e.as(hr).get(t, contact).want(t, http.StatusOK)
}

// TestReleaseNeedsTheEnterprise: consent given to an enterprise that was deleted no longer
// releases anything to its HR, and the reason HR gives is kept without the candidate's data.
func TestReleaseNeedsTheEnterprise(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "丁软件", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	ent := res[0].ID
	res, err = e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Candidate{Name: "端木删除", Phone: "13611112222", City: "西安市",
		ConsentEnterprises: []string{ent}}})
	if err != nil {
		t.Fatal(err)
	}
	cand := res[0].ID
	hr := e.newUser(t, "hr-ding", xiaoqi.RoleEnterprise, ent)
	contact := "/api/v1/candidates/" + cand + "/contact?reason=" + url.QueryEscape("约端木删除面试 13611112222")
	e.as(hr).get(t, contact).want(t, http.StatusOK)
	var log struct {
		Data []xiaoqi.AuditEntry `json:"data"`
	}
	e.get(t, "/api/v1/audit").want(t, http.StatusOK).decode(t, &log)
	if len(log.Data) != 1 || strings.Contains(log.Data[0].Reason, "端木删除") || strings.Contains(log.Data[0].Reason, "13611112222") ||
		!strings.Contains(log.Data[0].Reason, "面试") {
		t.Errorf("the audit log: %+v, want one release whose reason keeps 面试 but not the name or phone", log.Data)
	}
	e.send(t, http.MethodDelete, "/api/v1/enterprises/"+ent, "").want(t, http.StatusNoContent)
	e.as(hr).get(t, contact).wantError(t, http.StatusForbidden, xiaoqi.EFORBIDDEN, "")
}

// TestDisableUser: an administrator disables HR who left the firm (PUT /users/{id}/disabled):
// their key is refused and they cannot sign in, while the account, its keys and whose the
// audit entries were stay; enabled again, the same key and password work. Before, the only
// way to stop an account was to delete it: there was no way to set the disabled flag the
// service honours, neither in the API nor in the CLI.
func TestDisableUser(t *testing.T) {
	e := newEnv(t)
	res, err := e.Store.Upsert(context.Background(), []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "丁外包", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	hr := e.newUser(t, "hr-ding", xiaoqi.RoleEnterprise, res[0].ID)
	var me struct{ User struct{ ID string } }
	e.as(hr).get(t, "/api/v1/session").want(t, http.StatusOK).decode(t, &me)
	id := me.User.ID
	pub := e.as("")
	login := `{"username":"hr-ding","password":"` + testPassword + `"}`

	var u struct{ Disabled bool }
	e.send(t, http.MethodPut, "/api/v1/users/"+id+"/disabled", `{"disabled":true}`).want(t, http.StatusOK).decode(t, &u)
	if !u.Disabled {
		t.Errorf("the answer to disabling does not say disabled: %+v", u)
	}
	e.as(hr).get(t, "/api/v1/session").want(t, http.StatusUnauthorized)
	pub.send(t, http.MethodPost, "/api/v1/session", login).want(t, http.StatusUnauthorized)
	e.get(t, "/api/v1/users/"+id).want(t, http.StatusOK).decode(t, &u)
	if !u.Disabled {
		t.Errorf("GET /users/%s after disabling: %+v, want disabled", id, u)
	}

	e.send(t, http.MethodPut, "/api/v1/users/"+id+"/disabled", `{"disabled":false}`).want(t, http.StatusOK)
	e.as(hr).get(t, "/api/v1/session").want(t, http.StatusOK)
	pub.send(t, http.MethodPost, "/api/v1/session", login).want(t, http.StatusOK)

	// Bad requests name what is wrong; an administrator cannot lock themselves out.
	e.send(t, http.MethodPut, "/api/v1/users/"+id+"/disabled", `{}`).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "disabled")
	e.send(t, http.MethodPut, "/api/v1/users/"+id+"/disabled", `{"disabled":"yes"}`).want(t, http.StatusBadRequest)
	e.send(t, http.MethodPut, "/api/v1/users/u_nobody/disabled", `{"disabled":true}`).want(t, http.StatusNotFound)
	var self struct{ User struct{ ID string } }
	e.get(t, "/api/v1/session").want(t, http.StatusOK).decode(t, &self)
	e.send(t, http.MethodPut, "/api/v1/users/"+self.User.ID+"/disabled", `{"disabled":true}`).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "id")
}

// TestRotatingACandidatesKeyIsAudited: an administrator who rotates a candidate's API key gets
// its new secret, as good as making a key; it is in the candidate's audit log, while the
// candidate rotating their own key is not. Before, the rotation left no trace.
func TestRotatingACandidatesKeyIsAudited(t *testing.T) {
	e := newEnv(t)
	res, err := e.Store.Upsert(context.Background(), []xiaoqi.Doc{&xiaoqi.Candidate{Name: "轮换人", Phone: "13912345673", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	cand := res[0].ID
	key := e.newUser(t, "lun", xiaoqi.RoleCandidate, cand)
	id := strings.Split(key, "_")[1]
	var rotated struct{ Key string }
	e.as(key).send(t, http.MethodPost, "/api/v1/keys/"+id+"/rotate", "").want(t, http.StatusOK).decode(t, &rotated)
	e.send(t, http.MethodPost, "/api/v1/keys/"+id+"/rotate", "").want(t, http.StatusOK).decode(t, &rotated)

	var log struct {
		Data []xiaoqi.AuditEntry `json:"data"`
	}
	e.get(t, "/api/v1/audit?subject="+cand).want(t, http.StatusOK).decode(t, &log)
	if len(log.Data) != 1 || log.Data[0].ActorRole != xiaoqi.RoleAdmin || !strings.HasPrefix(log.Data[0].Reason, "轮换 API 密钥") {
		t.Errorf("the candidate's audit log after their own rotation and an administrator's: %+v, want the administrator's alone", log.Data)
	}
}

// TestAuditNewestFirst: an administrator reads the audit log newest first (order=newest), a
// page at a time back to the oldest entry, filtered by actor or subject. Before, the log came
// only oldest first: the last page, what happened today, took reading every page before it.
func TestAuditNewestFirst(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "丙外包", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	ent := res[0].ID
	var cands []string
	for _, name := range []string{"甲一", "乙二"} {
		res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Candidate{Name: name, Phone: "13912345678", City: "西安市", ConsentEnterprises: []string{ent}}})
		if err != nil {
			t.Fatal(err)
		}
		cands = append(cands, res[0].ID)
	}
	hr := e.newUser(t, "hr-bing", xiaoqi.RoleEnterprise, ent)
	for i := range 5 {
		e.as(hr).get(t, "/api/v1/candidates/"+cands[i%2]+"/contact?reason="+url.QueryEscape(fmt.Sprintf("面试 %d", i))).want(t, http.StatusOK)
	}
	type page struct {
		Data []xiaoqi.AuditEntry `json:"data"`
		Next string              `json:"next"`
	}
	reasons := func(p page) []string {
		var out []string
		for _, e := range p.Data {
			out = append(out, e.Reason)
		}
		return out
	}
	var p page
	e.get(t, "/api/v1/audit?order=newest&limit=2").want(t, http.StatusOK).decode(t, &p)
	if got := reasons(p); !slices.Equal(got, []string{"面试 4", "面试 3"}) || p.Next == "" {
		t.Fatalf("newest first, 2 a page: %q, next %q; want 面试 4, 面试 3 and a next page", got, p.Next)
	}
	e.get(t, "/api/v1/audit?order=newest&limit=2&after="+p.Next).want(t, http.StatusOK).decode(t, &p)
	if got := reasons(p); !slices.Equal(got, []string{"面试 2", "面试 1"}) {
		t.Errorf("newest first, second page: %q, want 面试 2, 面试 1", got)
	}
	e.get(t, "/api/v1/audit?order=newest&subject="+cands[1]).want(t, http.StatusOK).decode(t, &p)
	if got := reasons(p); !slices.Equal(got, []string{"面试 3", "面试 1"}) {
		t.Errorf("newest first about %s: %q, want 面试 3, 面试 1", cands[1], got)
	}
	var hrID struct{ User struct{ ID string } }
	e.as(hr).get(t, "/api/v1/session").want(t, http.StatusOK).decode(t, &hrID)
	e.get(t, "/api/v1/audit?order=newest&limit=1&actor="+hrID.User.ID).want(t, http.StatusOK).decode(t, &p)
	if got := reasons(p); !slices.Equal(got, []string{"面试 4"}) {
		t.Errorf("newest first by %s: %q, want 面试 4", hrID.User.ID, got)
	}
	// The default stays oldest first; the candidate's own log takes the order too.
	e.get(t, "/api/v1/audit?order=oldest&limit=1").want(t, http.StatusOK).decode(t, &p)
	if got := reasons(p); !slices.Equal(got, []string{"面试 0"}) {
		t.Errorf("oldest first: %q, want 面试 0", got)
	}
	e.get(t, "/api/v1/candidates/"+cands[0]+"/audit?order=newest&limit=1").want(t, http.StatusOK).decode(t, &p)
	if got := reasons(p); !slices.Equal(got, []string{"面试 4"}) {
		t.Errorf("the candidate's log, newest first: %q, want 面试 4", got)
	}
	e.get(t, "/api/v1/audit?order=latest").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "order")
}

// TestManagingAnAccountIsAudited: an administrator who disables, enables or deletes the
// account of HR (not a candidate) leaves an entry in the audit log, under that user's id, so
// that the admin page can say who stopped whom. Before, only candidates' accounts were
// audited: disabling HR, or deleting any account, left no trace.
func TestManagingAnAccountIsAudited(t *testing.T) {
	e := newEnv(t)
	res, err := e.Store.Upsert(context.Background(), []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "戊外包", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	hr := e.newUser(t, "hr-wu", xiaoqi.RoleEnterprise, res[0].ID)
	var me struct{ User struct{ ID string } }
	e.as(hr).get(t, "/api/v1/session").want(t, http.StatusOK).decode(t, &me)
	id := me.User.ID
	e.send(t, http.MethodPut, "/api/v1/users/"+id+"/disabled", `{"disabled":true}`).want(t, http.StatusOK)
	e.send(t, http.MethodPut, "/api/v1/users/"+id+"/disabled", `{"disabled":true}`).want(t, http.StatusOK) // no change: no entry
	e.send(t, http.MethodPut, "/api/v1/users/"+id+"/disabled", `{"disabled":false}`).want(t, http.StatusOK)
	e.send(t, http.MethodDelete, "/api/v1/users/"+id, "").want(t, http.StatusNoContent)
	e.send(t, http.MethodDelete, "/api/v1/users/"+id, "").want(t, http.StatusNotFound)

	var log struct {
		Data []xiaoqi.AuditEntry `json:"data"`
	}
	e.get(t, "/api/v1/audit?subject="+id).want(t, http.StatusOK).decode(t, &log)
	var got []string
	for _, a := range log.Data {
		if a.Action != xiaoqi.AuditUserAccount || a.ActorID != e.Admin.ID || a.ActorRole != xiaoqi.RoleAdmin {
			t.Errorf("entry %+v, want user.account by the administrator %s", a, e.Admin.ID)
		}
		got = append(got, a.Reason)
	}
	want := []string{"停用账户（hr-wu） / account disabled (hr-wu)", "启用账户（hr-wu） / account enabled (hr-wu)", "删除账户（hr-wu） / account deleted (hr-wu)"}
	if !slices.Equal(got, want) {
		t.Errorf("the audit log of hr-wu's account: %q, want %q", got, want)
	}
}

// TestUsersListNamesScopes: the list of accounts names each HR officer's enterprise and each
// staff member's institution, so that an administrator finds "the HR of 己外包" among 500
// accounts; a candidate's account does not carry the candidate's name. Before, the list gave
// ids only.
func TestUsersListNamesScopes(t *testing.T) {
	e := newEnv(t)
	res, err := e.Store.Upsert(context.Background(), []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "己外包", City: "西安市"},
		&xiaoqi.Institution{Name: "庚学院", City: "西安市", Type: "university"}, &xiaoqi.Candidate{Name: "辛某", Phone: "13912345671", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	e.newUser(t, "hr-ji", xiaoqi.RoleEnterprise, res[0].ID)
	e.newUser(t, "hr-ji2", xiaoqi.RoleEnterprise, res[0].ID)
	e.newUser(t, "staff-geng", xiaoqi.RoleInstitution, res[1].ID)
	e.newUser(t, "xin", xiaoqi.RoleCandidate, res[2].ID)
	var list struct {
		Data []struct {
			Username  string `json:"username"`
			ScopeName string `json:"scope_name"`
		} `json:"data"`
	}
	e.get(t, "/api/v1/users").want(t, http.StatusOK).decode(t, &list)
	got := map[string]string{}
	for _, u := range list.Data {
		got[u.Username] = u.ScopeName
	}
	want := map[string]string{"hr-ji": "己外包", "hr-ji2": "己外包", "staff-geng": "庚学院", "xin": ""}
	for name, scope := range want {
		if got[name] != scope {
			t.Errorf("%s is listed with scope_name %q, want %q", name, got[name], scope)
		}
	}
}
