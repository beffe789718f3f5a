package e2e_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xiaoqi-dev/xiaoqi"
)

// partnerEndJourney: the staff of a school end an active partnership from its page with a
// reason, propose it again and withdraw the proposal, each step in the history with who and
// when; in English the states and buttons are named in English. The firm, closed, is then
// deleted, and the school still reads the partnership under the firm's name, marked deleted,
// with no form to propose to a firm that is gone. There was no step after 启动合作 (an active
// partnership offered no button), and the firm could never be deleted.
func partnerEndJourney(t *testing.T, p *page, svc *service, a actors) {
	ctx := context.Background()
	// A school other than the one the other journeys act for, and a firm of this journey's own.
	var insts listAnswer[struct{ ID, Name string }]
	apiGet(t, svc.URL, "/api/v1/institutions", url.Values{"limit": {"5"}}, &insts)
	var inst *struct{ ID, Name string }
	for i := range insts.Data {
		if insts.Data[i].ID != a.institutionID {
			inst = &insts.Data[i]
			break
		}
	}
	if inst == nil {
		t.Fatal("no second institution in the default data set")
	}
	const firm = "西安止合软件有限公司"
	res, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: firm, City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	entID := res[0].ID
	at := time.Now().UTC().Add(-72 * time.Hour)
	pt := &xiaoqi.Partnership{InstitutionID: inst.ID, InstitutionName: inst.Name, EnterpriseID: entID, EnterpriseName: firm,
		Status: xiaoqi.PartnershipActive, ProposedBy: "enterprise", Note: "共建实训基地",
		History: []xiaoqi.PartnershipEvent{
			{At: at, Status: xiaoqi.PartnershipProposed, By: "enterprise", Actor: "hr-end", Note: "共建实训基地"},
			{At: at.Add(time.Hour), Status: xiaoqi.PartnershipAccepted, By: "institution", Actor: "staff-end"},
			{At: at.Add(2 * time.Hour), Status: xiaoqi.PartnershipActive, By: "enterprise", Actor: "hr-end"},
		}}
	if res, err = svc.Store.Upsert(ctx, []xiaoqi.Doc{pt}); err != nil {
		t.Fatal(err)
	}
	pt.ID = res[0].ID
	svc.addUser(t, "staff-end", xiaoqi.RoleInstitution, inst.ID)
	stored := func() *xiaoqi.Partnership {
		var got xiaoqi.Partnership
		apiGet(t, svc.URL, "/api/v1/partnerships/"+pt.ID, nil, &got)
		return &got
	}
	item := `.proposals .partnership[data-id="` + pt.ID + `"]`
	statusIs := func(st string) {
		p.waitJS("the partnership "+st, `(() => { const e = document.querySelector(`+jsString(item)+`); return !!e && e.dataset.status === `+jsString(st)+` })()`)
	}

	p.signIn("staff-end")
	p.open("/#/institution/" + inst.ID)
	p.waitText(item+" .badge.status", "合作中")
	p.waitText(item+" form.end label", "结束原因（可选）")
	p.waitText(item+" form.end button", "结束合作")
	p.checkA11y("an active partnership that may be ended")

	// Ended, with the reason: the history says who ended it and why, and the pair may be
	// proposed again.
	p.do("end the partnership", chromedp.SendKeys(item+" input[name=reason]", "学校合并，实训转至新校区"), chromedp.Click(item+" form.end button"))
	p.waitText(".proposals .notice.ok", "已结束与"+firm+"的合作")
	statusIs(xiaoqi.PartnershipEnded)
	p.waitText(item+" .badge.status", "已结束")
	p.waitText(item+" .history li[data-status=ended]", "院校方结束合作（staff-end）")
	p.waitText(item+" .history li[data-status=ended]", "学校合并，实训转至新校区")
	if n := p.count(item + " form.end"); n != 0 {
		p.fail("an ended partnership offers %d forms to end it", n)
	}
	if got := stored(); got.Status != xiaoqi.PartnershipEnded || len(got.History) != 4 || got.History[3].By != "institution" || got.History[3].Note != "学校合并，实训转至新校区" {
		t.Fatalf("the partnership ended from the page: %+v", got)
	}

	// Proposed again, then withdrawn by the school that proposed it.
	p.waitText(item+" [data-action=propose] button", "重新提议")
	p.do("propose again", chromedp.SendKeys(item+" input[name=note]", "新校区再合作"), chromedp.Click(item+" [data-action=propose] button"))
	p.waitText(".proposals .notice.ok", "已重新向"+firm+"提议合作")
	statusIs(xiaoqi.PartnershipProposed)
	p.waitText(item+" [data-action=withdraw]", "撤回提议")
	p.clickLive(item + " [data-action=withdraw]")
	p.waitText(".proposals .notice.ok", "已撤回向"+firm+"的合作提议")
	statusIs(xiaoqi.PartnershipWithdrawn)
	p.waitText(item+" .badge.status", "已撤回")
	p.waitText(item+" .history li[data-status=withdrawn]", "院校方撤回提议（staff-end）")
	if got := stored(); got.Status != xiaoqi.PartnershipWithdrawn || got.ProposedBy != "institution" || len(got.History) != 6 {
		t.Fatalf("the partnership withdrawn from the page: %+v", got)
	}
	p.checkA11y("a withdrawn partnership")

	// In English: the states and steps in English words, not their keys.
	p.switchLang()
	p.waitText(item+" .badge.status", "withdrawn")
	p.waitText(item+" .history li[data-status=ended]", "ended by the institution")
	p.waitText(item+" .history li[data-status=withdrawn]", "withdrawn by the institution")
	p.waitText(item+" [data-action=propose] button", "Propose again")
	p.switchLang()
	p.waitText(item+" .badge.status", "已撤回")

	// The firm closed: with no partnership standing it is deleted, and the school still reads
	// the partnership, under the firm's name and marked deleted, with no link to a page that
	// is gone and no form to propose to it.
	deleteAsAdmin(t, svc, "/api/v1/enterprises/"+entID)
	p.do("reload the page", chromedp.Reload())
	p.waitText(item+" .badge.deleted", "已删除")
	p.waitText(item, firm)
	p.waitText(item+" .history li[data-status=ended]", "学校合并，实训转至新校区")
	if n := p.count(item + " a"); n != 0 {
		p.fail("the partnership links %d times to the deleted firm", n)
	}
	if n := p.count(item + " form"); n != 0 {
		p.fail("the partnership with a deleted firm offers %d forms", n)
	}
	p.checkA11y("a partnership with a deleted firm")
	p.noConsoleErrors(regexp.MustCompile(`status of 404`)) // the deleted firm, read for its badges
}

// deleteAsAdmin deletes path through the API with an administrator's key, wanting 204.
func deleteAsAdmin(t *testing.T, svc *service, path string) {
	t.Helper()
	ctx := context.Background()
	u := xiaoqi.NewUser("admin-delete", xiaoqi.RoleAdmin, "")
	if err := svc.Auth.AddUser(ctx, u, testPassword); err != nil {
		t.Fatal(err)
	}
	key, _, err := svc.Auth.CreateKey(ctx, u.ID, "e2e", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodDelete, svc.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = r.Body.Close()
	if r.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE %s: %d, want 204", path, r.StatusCode)
	}
}
