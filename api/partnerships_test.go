package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// partnershipJSON is what the tests read of a partnership answer.
type partnershipJSON struct {
	ID              string `json:"id"`
	InstitutionID   string `json:"institution_id"`
	InstitutionName string `json:"institution_name"`
	EnterpriseID    string `json:"enterprise_id"`
	EnterpriseName  string `json:"enterprise_name"`
	Status          string `json:"status"`
	ProposedBy      string `json:"proposed_by"`
	Synthetic       bool   `json:"synthetic"`
	History         []struct {
		At     string `json:"at"`
		Status string `json:"status"`
		By     string `json:"by"`
		Actor  string `json:"actor"`
		Note   string `json:"note"`
	} `json:"history"`
}

const softstone = `{"name":"西安软通动力信息技术有限公司","city":"西安市","region":"关中"}`

// workflow is a server with two institutions and an enterprise to pair.
type workflow struct {
	*env
	xjtu, xupt, ent string
}

func newWorkflow(t *testing.T) workflow {
	t.Helper()
	e := newEnv(t)
	return workflow{env: e, xjtu: e.create(t, "institutions", xjtu).ID, xupt: e.create(t, "institutions", xupt).ID,
		ent: e.create(t, "enterprises", softstone).ID}
}

// step posts body to path and decodes the partnership answered with status.
func (w workflow) step(t *testing.T, path, body string, status int) partnershipJSON {
	t.Helper()
	var p partnershipJSON
	w.send(t, http.MethodPost, path, body).want(t, status).decode(t, &p)
	return p
}

func (w workflow) propose(inst, by, note string) string {
	return `{"institution_id":"` + inst + `","enterprise_id":"` + w.ent + `","by":"` + by + `","actor":"李老师","note":"` + note + `"}`
}

// TestPartnershipWorkflow walks a partnership from proposal to active, checks that both sides
// see it and that every step is in its history.
func TestPartnershipWorkflow(t *testing.T) {
	t.Parallel()
	w := newWorkflow(t)

	// A note the store refuses is named as the body has it: "note", not "docs[0].note".
	bad := w.send(t, http.MethodPost, "/api/v1/partnerships", w.propose(w.xjtu, "enterprise", `共建\u0000基地`)).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "note")
	if strings.Contains(bad.Error.Message, "docs[") {
		t.Errorf("the refusal of one proposal speaks of a batch: %s", bad.Error.Message)
	}

	res := w.send(t, http.MethodPost, "/api/v1/partnerships", w.propose(w.xjtu, "enterprise", "共建软件测试实训基地"))
	var p partnershipJSON
	res.want(t, http.StatusCreated).decode(t, &p)
	if loc := res.Header.Get("Location"); loc != "/api/v1/partnerships/"+p.ID {
		t.Errorf("Location %q, id %s", loc, p.ID)
	}
	if p.Status != xiaoqi.PartnershipProposed || p.ProposedBy != "enterprise" || p.InstitutionName != "西安交通大学" ||
		p.EnterpriseName != "西安软通动力信息技术有限公司" || len(p.History) != 1 || p.History[0].Actor != "李老师" ||
		p.History[0].Note != "共建软件测试实训基地" || p.History[0].By != "enterprise" || p.History[0].At == "" {
		t.Fatalf("proposed partnership: %+v", p)
	}
	path := "/api/v1/partnerships/" + p.ID

	// The proposing side cannot accept its own proposal; nothing can be activated before it
	// is accepted; the same pair cannot be proposed twice.
	msg := w.send(t, http.MethodPost, path+"/accept", `{"by":"enterprise"}`).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "by").Error.Message
	if !strings.Contains(msg, "另一方") || !strings.Contains(msg, "other side") {
		t.Errorf("self-accept message: %s", msg)
	}
	msg = w.send(t, http.MethodPost, path+"/activate", `{"by":"institution"}`).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "status").Error.Message
	if !strings.Contains(msg, "已提议") || !strings.Contains(msg, "the partnership is proposed") {
		t.Errorf("early activate message does not name the current state: %s", msg)
	}
	msg = w.send(t, http.MethodPost, "/api/v1/partnerships", w.propose(w.xjtu, "institution", "")).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "status").Error.Message
	if !strings.Contains(msg, p.ID) || !strings.Contains(msg, "open partnership") {
		t.Errorf("duplicate proposal message: %s", msg)
	}

	p = w.step(t, path+"/accept", `{"by":"institution","actor":"王处长","note":"同意，下学期开始"}`, http.StatusOK)
	if p.Status != xiaoqi.PartnershipAccepted {
		t.Fatalf("after accept: %+v", p)
	}
	msg = w.send(t, http.MethodPost, path+"/decline", `{"by":"institution"}`).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "status").Error.Message
	if !strings.Contains(msg, "已接受") || !strings.Contains(msg, "accepted") {
		t.Errorf("late decline message does not name the current state: %s", msg)
	}
	p = w.step(t, path+"/activate", `{"by":"enterprise"}`, http.StatusOK)
	want := []string{"proposed:enterprise", "accepted:institution", "active:enterprise"}
	var got []string
	for _, h := range p.History {
		got = append(got, h.Status+":"+h.By)
	}
	if p.Status != xiaoqi.PartnershipActive || strings.Join(got, " ") != strings.Join(want, " ") || p.History[1].Actor != "王处长" {
		t.Fatalf("history %v, want %v; %+v", got, want, p)
	}

	// The store holds what the answers said.
	d, err := w.Store.Get(context.Background(), xiaoqi.KindPartnership, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sp := d.(*xiaoqi.Partnership); sp.Status != xiaoqi.PartnershipActive || len(sp.History) != 3 || sp.History[2].At.IsZero() {
		t.Errorf("stored partnership: %+v", sp)
	}

	// Both sides see it.
	var l struct{ Data []partnershipJSON }
	w.get(t, "/api/v1/partnerships?institution_id="+w.xjtu).want(t, http.StatusOK).decode(t, &l)
	if len(l.Data) != 1 || l.Data[0].ID != p.ID || len(l.Data[0].History) != 3 {
		t.Errorf("institution's list: %+v", l.Data)
	}
	w.get(t, "/api/v1/partnerships?enterprise_id="+w.ent+"&status=active").want(t, http.StatusOK).decode(t, &l)
	if len(l.Data) != 1 || l.Data[0].ID != p.ID {
		t.Errorf("enterprise's active partnerships: %+v", l.Data)
	}
	w.get(t, "/api/v1/partnerships?institution_id="+w.xupt).want(t, http.StatusOK).decode(t, &l)
	if len(l.Data) != 0 {
		t.Errorf("the other institution sees %+v", l.Data)
	}
	// The public sees the partnership and its steps, not who took them.
	var pub partnershipJSON
	w.as("").get(t, path).want(t, http.StatusOK).decode(t, &pub)
	if len(pub.History) != 3 || pub.History[1].Note != "同意，下学期开始" {
		t.Errorf("public view of the partnership: %+v", pub)
	}
	for _, h := range pub.History {
		if h.Actor != "" {
			t.Errorf("the public sees who acted: %+v", pub.History)
		}
	}
}

// TestPartnershipDeclineAndPropose declines a proposal and proposes the pair again, and
// records a suggestion that a side then proposes.
func TestPartnershipDeclineAndPropose(t *testing.T) {
	t.Parallel()
	w := newWorkflow(t)
	p := w.step(t, "/api/v1/partnerships", w.propose(w.xupt, "institution", "实习合作"), http.StatusCreated)
	path := "/api/v1/partnerships/" + p.ID
	p = w.step(t, path+"/decline", `{"by":"enterprise","note":"今年没有名额"}`, http.StatusOK)
	if p.Status != xiaoqi.PartnershipDeclined {
		t.Fatalf("after decline: %+v", p)
	}
	w.send(t, http.MethodPost, path+"/accept", `{"by":"enterprise"}`).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "status")

	// A declined pair may be proposed again, by either side: same partnership, longer history.
	again := w.step(t, "/api/v1/partnerships", w.propose(w.xupt, "enterprise", "明年再谈"), http.StatusOK)
	if again.ID != p.ID || again.Status != xiaoqi.PartnershipProposed || again.ProposedBy != "enterprise" || len(again.History) != 3 ||
		again.History[1].Note != "今年没有名额" {
		t.Fatalf("proposed again: %+v", again)
	}
	w.step(t, path+"/accept", `{"by":"institution"}`, http.StatusOK)

	// A suggestion (from the matcher, say) is recorded, cannot be accepted, and becomes a
	// proposal when a side proposes it.
	sug := w.step(t, "/api/v1/partnerships", `{"institution_id":"`+w.xjtu+`","enterprise_id":"`+w.ent+`","by":"enterprise","status":"suggested"}`, http.StatusCreated)
	if sug.Status != xiaoqi.PartnershipSuggested || sug.ProposedBy != "" {
		t.Fatalf("suggestion: %+v", sug)
	}
	msg := w.send(t, http.MethodPost, "/api/v1/partnerships/"+sug.ID+"/accept", `{"by":"institution"}`).
		wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "status").Error.Message
	if !strings.Contains(msg, "建议中") || !strings.Contains(msg, "suggested") {
		t.Errorf("accepting a suggestion: %s", msg)
	}
	prop := w.step(t, "/api/v1/partnerships", w.propose(w.xjtu, "institution", ""), http.StatusOK)
	if prop.ID != sug.ID || prop.Status != xiaoqi.PartnershipProposed || prop.ProposedBy != "institution" {
		t.Errorf("suggestion proposed: %+v", prop)
	}
}

// TestPartnershipGenericWritesRefused checks that PUT, batch and DELETE cannot change a
// partnership around the workflow, and that GET still works.
func TestPartnershipGenericWritesRefused(t *testing.T) {
	t.Parallel()
	w := newWorkflow(t)
	p := w.step(t, "/api/v1/partnerships", w.propose(w.xjtu, "enterprise", ""), http.StatusCreated)
	path := "/api/v1/partnerships/" + p.ID
	forged := `{"institution_id":"` + w.xjtu + `","enterprise_id":"` + w.ent + `","status":"active"}`
	for _, r := range []response{
		w.send(t, http.MethodPut, path, forged),
		w.send(t, http.MethodPost, "/api/v1/partnerships/batch", "["+forged+"]"),
		w.do(t, http.MethodDelete, path, nil, ""),
	} {
		e := r.wantError(t, http.StatusMethodNotAllowed, "method_not_allowed", "")
		if !strings.Contains(e.Error.Message, "accept") || r.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("refusal does not point to the workflow: %s (Allow %q)", e.Error.Message, r.Header.Get("Allow"))
		}
	}
	var got partnershipJSON
	w.get(t, path).want(t, http.StatusOK).decode(t, &got)
	if got.Status != xiaoqi.PartnershipProposed || len(got.History) != 1 {
		t.Errorf("partnership changed by a refused write: %+v", got)
	}
}

// TestPartnershipBadRequests checks that bad workflow requests name what is wrong.
func TestPartnershipBadRequests(t *testing.T) {
	t.Parallel()
	w := newWorkflow(t)
	p := w.step(t, "/api/v1/partnerships", w.propose(w.xjtu, "enterprise", ""), http.StatusCreated)
	pair := `"institution_id":"` + w.xupt + `","enterprise_id":"` + w.ent + `"`
	cases := []struct {
		name, path, body string
		status           int
		code, field      string
	}{
		{"no side", "/api/v1/partnerships", `{` + pair + `}`, 400, xiaoqi.EINVALID, "by"},
		{"unknown side", "/api/v1/partnerships", `{` + pair + `,"by":"admin"}`, 400, xiaoqi.EINVALID, "by"},
		{"unknown field", "/api/v1/partnerships", `{` + pair + `,"by":"enterprise","stauts":"active"}`, 400, xiaoqi.EINVALID, "stauts"},
		{"new and active", "/api/v1/partnerships", `{` + pair + `,"by":"enterprise","status":"active"}`, 400, xiaoqi.EINVALID, "status"},
		{"bad institution id", "/api/v1/partnerships", `{"institution_id":"西安邮电","enterprise_id":"` + w.ent + `","by":"enterprise"}`, 400, xiaoqi.EINVALID, "institution_id"},
		{"no such institution", "/api/v1/partnerships", `{"institution_id":"ins_0000000000000000","enterprise_id":"` + w.ent + `","by":"enterprise"}`, 404, xiaoqi.ENOTFOUND, "institution_id"},
		{"no such enterprise", "/api/v1/partnerships", `{"institution_id":"` + w.xupt + `","enterprise_id":"ent_0000000000000000","by":"enterprise"}`, 404, xiaoqi.ENOTFOUND, "enterprise_id"},
		{"long note", "/api/v1/partnerships", `{` + pair + `,"by":"enterprise","note":"` + strings.Repeat("长", 501) + `"}`, 400, xiaoqi.EINVALID, "note"},
		{"step changes the pair", "/api/v1/partnerships/" + p.ID + "/accept", `{"by":"institution","enterprise_id":"` + w.ent + `"}`, 400, xiaoqi.EINVALID, "enterprise_id"},
		{"step without side", "/api/v1/partnerships/" + p.ID + "/accept", `{}`, 400, xiaoqi.EINVALID, "by"},
		{"no such partnership", "/api/v1/partnerships/prt_0000000000000000/accept", `{"by":"institution"}`, 404, xiaoqi.ENOTFOUND, ""},
		{"unknown step", "/api/v1/partnerships/" + p.ID + "/approve", `{"by":"institution"}`, 404, xiaoqi.ENOTFOUND, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w.send(t, http.MethodPost, c.path, c.body).wantError(t, c.status, c.code, c.field)
		})
	}
	if n := w.count(t, xiaoqi.KindPartnership); n != 1 {
		t.Errorf("%d partnerships stored after bad requests, want 1", n)
	}
	var got partnershipJSON
	w.get(t, "/api/v1/partnerships/"+p.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Status != xiaoqi.PartnershipProposed || len(got.History) != 1 {
		t.Errorf("partnership changed by bad requests: %+v", got)
	}
}

// TestDeletePartnerRefused: an enterprise or institution that is a party to a proposed,
// accepted or active partnership is not deleted (409 naming the partnership): it was (204),
// and the partnership was then accepted and activated with a partner that no longer existed.
// A declined or suggested one, which cannot move on without the party, does not hold it.
func TestDeletePartnerRefused(t *testing.T) {
	t.Parallel()
	w := newWorkflow(t)
	p := w.step(t, "/api/v1/partnerships", w.propose(w.xjtu, "enterprise", ""), http.StatusCreated)
	w.step(t, "/api/v1/partnerships", `{"institution_id":"`+w.xupt+`","enterprise_id":"`+w.ent+`","status":"suggested","by":"institution"}`, http.StatusCreated)
	for _, path := range []string{"/api/v1/enterprises/" + w.ent, "/api/v1/institutions/" + w.xjtu} {
		msg := w.send(t, http.MethodDelete, path, "").wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "id").Error.Message
		if !strings.Contains(msg, p.ID) {
			t.Errorf("DELETE %s: the refusal does not name the partnership %s: %s", path, p.ID, msg)
		}
	}
	w.step(t, "/api/v1/partnerships/"+p.ID+"/accept", `{"by":"institution"}`, http.StatusOK)
	w.send(t, http.MethodDelete, "/api/v1/enterprises/"+w.ent, "").wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "id")
	// Only suggested with 西安邮电大学: deleted.
	w.send(t, http.MethodDelete, "/api/v1/institutions/"+w.xupt, "").want(t, http.StatusNoContent)
}

// TestRenameReachesPartnerships: an enterprise or institution renamed gives its new name to its
// partnerships, as to its job needs and programs (they kept the old one, and search by the new
// name missed them), and an institution its new name to the education of its candidates,
// the second school of a candidate too.
func TestRenameReachesPartnerships(t *testing.T) {
	t.Parallel()
	w := newWorkflow(t)
	p := w.step(t, "/api/v1/partnerships", w.propose(w.xjtu, "enterprise", ""), http.StatusCreated)
	cnd := w.create(t, "candidates", `{"name":"王五","city":"西安市","education":[{"institution_name":"西北大学","degree":"本科"},{"institution_id":"`+w.xjtu+`","degree":"硕士"}]}`)
	w.send(t, http.MethodPut, "/api/v1/enterprises/"+w.ent, `{"name":"西安软通改名科技有限公司","city":"西安市","region":"关中"}`).want(t, http.StatusOK)
	w.send(t, http.MethodPut, "/api/v1/institutions/"+w.xjtu, `{"name":"西安交通大学改名测试","type":"university","code":"4161010698","level":"本科","city":"西安市","region":"关中"}`).want(t, http.StatusOK)
	var got partnershipJSON
	w.get(t, "/api/v1/partnerships/"+p.ID).want(t, http.StatusOK).decode(t, &got)
	if got.EnterpriseName != "西安软通改名科技有限公司" || got.InstitutionName != "西安交通大学改名测试" {
		t.Errorf("after the renames the partnership is of %q and %q, want the new names", got.InstitutionName, got.EnterpriseName)
	}
	var c xiaoqi.Candidate
	w.get(t, "/api/v1/candidates/"+cnd.ID).want(t, http.StatusOK).decode(t, &c)
	if len(c.Education) != 2 || c.Education[0].InstitutionName != "西北大学" || c.Education[1].InstitutionName != "西安交通大学改名测试" {
		t.Errorf("after the rename the candidate's education is %+v, want 西北大学 and the new name", c.Education)
	}
}

// TestPartnershipWithdraw: the side that proposed takes its proposal back (→ withdrawn), with
// who and when in the history; the other side cannot (it declines), a withdrawn proposal is
// answered no more, and the pair may be proposed again. There was no way back: a proposal
// sent by mistake stood for ever (404 for …/withdraw).
func TestPartnershipWithdraw(t *testing.T) {
	t.Parallel()
	w := newWorkflow(t)
	hr := w.as(w.newUser(t, "hr-softstone", xiaoqi.RoleEnterprise, w.ent))
	staff := w.as(w.newUser(t, "staff-xjtu", xiaoqi.RoleInstitution, w.xjtu))
	var p partnershipJSON
	hr.send(t, http.MethodPost, "/api/v1/partnerships", w.propose(w.xjtu, "enterprise", "误发的提议")).want(t, http.StatusCreated).decode(t, &p)
	path := "/api/v1/partnerships/" + p.ID

	msg := staff.send(t, http.MethodPost, path+"/withdraw", `{}`).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "by").Error.Message
	if !strings.Contains(msg, "只有提议方可以撤回") || !strings.Contains(msg, "only the proposing side can withdraw") || !strings.Contains(msg, "decline") {
		t.Errorf("the other side withdrawing: %s", msg)
	}
	// The Chinese half names the side in Chinese (it read 提议由企业方 (enterprise)发起).
	if zh, _, _ := strings.Cut(msg, " / "); !strings.Contains(zh, "提议由企业方发起") {
		t.Errorf("the other side withdrawing, in Chinese: %s", zh)
	}
	hr.send(t, http.MethodPost, path+"/withdraw", `{"note":"发错了学校"}`).want(t, http.StatusOK).decode(t, &p)
	last := p.History[len(p.History)-1]
	if p.Status != xiaoqi.PartnershipWithdrawn || len(p.History) != 2 || last.Status != xiaoqi.PartnershipWithdrawn ||
		last.By != "enterprise" || last.Actor != "hr-softstone" || last.Note != "发错了学校" || last.At == "" {
		t.Fatalf("after withdraw: %+v", p)
	}
	for _, a := range []string{"withdraw", "accept", "decline", "end"} {
		msg := staff.send(t, http.MethodPost, path+"/"+a, `{}`).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "status").Error.Message
		if !strings.Contains(msg, "已撤回") || !strings.Contains(msg, "is withdrawn") {
			t.Errorf("%s of a withdrawn proposal: %s", a, msg)
		}
	}
	var l struct{ Data []partnershipJSON }
	w.get(t, "/api/v1/partnerships?enterprise_id="+w.ent+"&status=withdrawn").want(t, http.StatusOK).decode(t, &l)
	if len(l.Data) != 1 || l.Data[0].ID != p.ID {
		t.Errorf("the enterprise's withdrawn partnerships: %+v", l.Data)
	}

	// Proposed again, by the other side: the same partnership, its history going on.
	var again partnershipJSON
	staff.send(t, http.MethodPost, "/api/v1/partnerships", w.propose(w.xjtu, "institution", "重新提议")).want(t, http.StatusOK).decode(t, &again)
	if again.ID != p.ID || again.Status != xiaoqi.PartnershipProposed || again.ProposedBy != "institution" || len(again.History) != 3 {
		t.Fatalf("proposed again after the withdrawal: %+v", again)
	}
	if n := w.count(t, xiaoqi.KindPartnership); n != 1 {
		t.Errorf("%d partnerships of one pair, want 1", n)
	}
}

// TestPartnershipEnd: either side ends an accepted or active partnership (→ ended) with a
// reason, recorded with who and when; nothing else follows but proposing the pair again,
// which reopens the same partnership, and only one of the pair stands at a time. There was
// no end (404 for …/end): a firm that closed stayed a partner for ever.
func TestPartnershipEnd(t *testing.T) {
	t.Parallel()
	w := newWorkflow(t)
	hr := w.as(w.newUser(t, "hr-softstone", xiaoqi.RoleEnterprise, w.ent))
	staff := w.as(w.newUser(t, "staff-xjtu", xiaoqi.RoleInstitution, w.xjtu))
	other := w.as(w.newUser(t, "staff-xupt", xiaoqi.RoleInstitution, w.xupt))
	p := w.step(t, "/api/v1/partnerships", w.propose(w.xjtu, "enterprise", "共建实训基地"), http.StatusCreated)
	path := "/api/v1/partnerships/" + p.ID

	// A proposal is withdrawn or declined, not ended.
	msg := staff.send(t, http.MethodPost, path+"/end", `{}`).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "status").Error.Message
	if !strings.Contains(msg, "已接受") || !strings.Contains(msg, "合作中") || !strings.Contains(msg, "accepted or active") {
		t.Errorf("ending a proposal: %s", msg)
	}
	w.step(t, path+"/accept", `{"by":"institution"}`, http.StatusOK)
	other.send(t, http.MethodPost, path+"/end", `{}`).wantError(t, http.StatusForbidden, xiaoqi.EFORBIDDEN, "")
	w.as("").send(t, http.MethodPost, path+"/end", `{"by":"institution"}`).want(t, http.StatusUnauthorized)

	// Accepted, not yet started: the school, which accepted, ends it.
	var p2 partnershipJSON
	staff.send(t, http.MethodPost, path+"/end", `{"note":"学校合并，项目取消"}`).want(t, http.StatusOK).decode(t, &p2)
	last := p2.History[len(p2.History)-1]
	if p2.Status != xiaoqi.PartnershipEnded || len(p2.History) != 3 || last.Status != xiaoqi.PartnershipEnded ||
		last.By != "institution" || last.Actor != "staff-xjtu" || last.Note != "学校合并，项目取消" || last.At == "" {
		t.Fatalf("after end: %+v", p2)
	}
	for _, a := range []string{"end", "activate", "accept", "withdraw"} {
		msg := hr.send(t, http.MethodPost, path+"/"+a, `{}`).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "status").Error.Message
		if !strings.Contains(msg, "已结束") || !strings.Contains(msg, "is ended") {
			t.Errorf("%s of an ended partnership: %s", a, msg)
		}
	}

	// Proposed again, accepted, started, then ended by the enterprise: one partnership, the
	// whole story in its history; while it stands the pair cannot be proposed twice.
	hr.send(t, http.MethodPost, "/api/v1/partnerships", w.propose(w.xjtu, "enterprise", "再次合作")).want(t, http.StatusOK)
	w.send(t, http.MethodPost, "/api/v1/partnerships", w.propose(w.xjtu, "institution", "")).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "status")
	staff.send(t, http.MethodPost, path+"/accept", `{}`).want(t, http.StatusOK)
	staff.send(t, http.MethodPost, path+"/activate", `{}`).want(t, http.StatusOK)
	w.send(t, http.MethodPost, "/api/v1/partnerships", w.propose(w.xjtu, "institution", "")).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "status")
	hr.send(t, http.MethodPost, path+"/end", `{"note":"公司业务调整"}`).want(t, http.StatusOK).decode(t, &p2)
	var got []string
	for _, h := range p2.History {
		got = append(got, h.Status+":"+h.By)
	}
	want := "proposed:enterprise accepted:institution ended:institution proposed:enterprise accepted:institution active:institution ended:enterprise"
	if p2.Status != xiaoqi.PartnershipEnded || strings.Join(got, " ") != want || p2.History[6].Note != "公司业务调整" {
		t.Errorf("history %v, want %s", got, want)
	}
	if n := w.count(t, xiaoqi.KindPartnership); n != 1 {
		t.Errorf("%d partnerships of one pair, want 1", n)
	}
	// The public reads the end and its reason, not who ended it.
	var pub partnershipJSON
	w.as("").get(t, path).want(t, http.StatusOK).decode(t, &pub)
	if pub.Status != xiaoqi.PartnershipEnded || pub.History[6].Note != "公司业务调整" || pub.History[6].Actor != "" {
		t.Errorf("public view of the ended partnership: %+v", pub.History)
	}
}

// TestDeleteAfterPartnershipEnds: the refusal to delete a party says the way out (withdraw a
// proposal, end an accepted partnership), naming the partnership and both parties; once it is
// withdrawn or ended the firm and the school are deleted, and the partnership stays, with
// both names and its history, for the other party to read; proposing it again is then 404
// naming the party that is gone. An ended partnership held its firm for ever.
func TestDeleteAfterPartnershipEnds(t *testing.T) {
	t.Parallel()
	w := newWorkflow(t)
	ended := w.step(t, "/api/v1/partnerships", w.propose(w.xjtu, "enterprise", ""), http.StatusCreated)
	withdrawn := w.step(t, "/api/v1/partnerships", w.propose(w.xupt, "enterprise", ""), http.StatusCreated)

	msg := w.send(t, http.MethodDelete, "/api/v1/institutions/"+w.xupt, "").wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "id").Error.Message
	for _, s := range []string{withdrawn.ID, "西安邮电大学 × 西安软通动力信息技术有限公司", "/api/v1/partnerships/" + withdrawn.ID + "/withdraw", "撤回", "withdraw the proposal first"} {
		if !strings.Contains(msg, s) {
			t.Errorf("the refusal to delete a party to a proposal does not say %q: %s", s, msg)
		}
	}
	w.step(t, "/api/v1/partnerships/"+ended.ID+"/accept", `{"by":"institution"}`, http.StatusOK)
	msg = w.send(t, http.MethodDelete, "/api/v1/institutions/"+w.xjtu, "").wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "id").Error.Message
	for _, s := range []string{ended.ID, "/api/v1/partnerships/" + ended.ID + "/end", "请先结束该合作", "end it first"} {
		if !strings.Contains(msg, s) {
			t.Errorf("the refusal to delete a party to an accepted partnership does not say %q: %s", s, msg)
		}
	}

	w.step(t, "/api/v1/partnerships/"+withdrawn.ID+"/withdraw", `{"by":"enterprise"}`, http.StatusOK)
	w.send(t, http.MethodDelete, "/api/v1/institutions/"+w.xupt, "").want(t, http.StatusNoContent)
	// The enterprise is still a party to the accepted one.
	w.send(t, http.MethodDelete, "/api/v1/enterprises/"+w.ent, "").wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "id")
	w.step(t, "/api/v1/partnerships/"+ended.ID+"/end", `{"by":"enterprise","note":"公司注销"}`, http.StatusOK)
	w.send(t, http.MethodDelete, "/api/v1/enterprises/"+w.ent, "").want(t, http.StatusNoContent)

	var got partnershipJSON
	w.as("").get(t, "/api/v1/partnerships/"+ended.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Status != xiaoqi.PartnershipEnded || got.InstitutionName != "西安交通大学" || got.EnterpriseName != "西安软通动力信息技术有限公司" ||
		len(got.History) != 3 || got.History[2].Note != "公司注销" {
		t.Errorf("the ended partnership after its enterprise was deleted: %+v", got)
	}
	var l struct{ Data []partnershipJSON }
	w.get(t, "/api/v1/partnerships?institution_id="+w.xjtu).want(t, http.StatusOK).decode(t, &l)
	if len(l.Data) != 1 || l.Data[0].ID != ended.ID {
		t.Errorf("the school's partnerships after the firm was deleted: %+v", l.Data)
	}
	w.send(t, http.MethodPost, "/api/v1/partnerships", w.propose(w.xjtu, "institution", "")).wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "enterprise_id")
}
