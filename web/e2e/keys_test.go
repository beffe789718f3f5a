package e2e_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/xiaoqi-dev/xiaoqi"
)

// partnerKeysJourney: the staff of a school accept a proposal and start the partnership with
// the keyboard; the button pressed goes with the list drawn again, and the focus goes to the
// notice of what it did, not back to the top of the page.
func partnerKeysJourney(t *testing.T, p *page, svc *service, a actors) {
	var ents listAnswer[struct{ ID, Name string }]
	apiGet(t, svc.URL, "/api/v1/enterprises", url.Values{"limit": {"10"}}, &ents)
	other := ents.Data[len(ents.Data)-1]
	if other.ID == a.enterpriseID {
		other = ents.Data[len(ents.Data)-2]
	}
	at := time.Now().UTC().Add(-time.Hour)
	pt := &xiaoqi.Partnership{InstitutionID: a.institutionID, InstitutionName: a.institutionName, EnterpriseID: other.ID, EnterpriseName: other.Name,
		Status: xiaoqi.PartnershipProposed, ProposedBy: "enterprise", Note: "共建实训基地",
		History: []xiaoqi.PartnershipEvent{{At: at, Status: xiaoqi.PartnershipProposed, By: "enterprise", Actor: "hr-keys", Note: "共建实训基地"}}}
	res, err := svc.Store.Upsert(context.Background(), []xiaoqi.Doc{pt})
	if err != nil {
		t.Fatal(err)
	}
	item := `.partnerships li[data-id="` + res[0].ID + `"]`
	p.signIn("staff-ui")
	p.open("/#/institution/" + a.institutionID)
	for _, step := range []struct{ action, notice string }{{"accept", "已接受"}, {"activate", "已启动"}} {
		p.waitJS("the "+step.action+" button", `!!document.querySelector('`+item+` [data-action=`+step.action+`]')`)
		p.do(step.action+" with the keyboard", chromedp.Focus(item+` [data-action=`+step.action+`]`), chromedp.KeyEvent(kb.Enter))
		p.waitText(".proposals .notice.ok", step.notice)
		var focused string
		p.eval(`(() => { const e = document.activeElement; return e && e.matches('.proposals .notice.ok') ? e.innerText : (e ? e.tagName + ' ' + e.className : '') })()`, &focused)
		if focused == "" || focused != p.text(".proposals .notice.ok") {
			p.fail("after %s with the keyboard the focus is on %q, not on the notice", step.action, focused)
		}
	}
	p.noConsoleErrors()
}

// consentKeysJourney: a candidate takes back the consent of two enterprises with the keyboard;
// the remove button pressed goes with the list drawn again, and the focus goes to the next
// enterprise's button, then to the search box, not back to the top of the page.
func consentKeysJourney(t *testing.T, p *page, svc *service) {
	var ents listAnswer[struct{ ID, Name string }]
	apiGet(t, svc.URL, "/api/v1/enterprises", url.Values{"limit": {"2"}}, &ents)
	c := &xiaoqi.Candidate{Meta: xiaoqi.Meta{Synthetic: true}, Name: "上官雨桐", City: "西安市", Degree: "本科", Skills: []string{"Java"},
		Visibility: xiaoqi.VisibilityAnonymous, ConsentEnterprises: []string{ents.Data[0].ID, ents.Data[1].ID}}
	res, err := svc.Store.Upsert(context.Background(), []xiaoqi.Doc{c})
	if err != nil {
		t.Fatal(err)
	}
	svc.addUser(t, "cand-keys", xiaoqi.RoleCandidate, res[0].ID)
	p.signIn("cand-keys")
	p.open("/#/me")
	p.waitJS("the consent list", `document.querySelectorAll('.consent-list [data-action=remove]').length === 2`)
	for _, want := range []string{`li[data-id="` + ents.Data[1].ID + `"] [data-action=remove]`, "#consent-q"} {
		p.do("remove with the keyboard", chromedp.Focus(".consent-list [data-action=remove]"), chromedp.KeyEvent(kb.Enter))
		p.waitJS("the focus on "+want, `document.activeElement && document.activeElement.matches('`+want+`')`)
	}
	if n := p.count(".consent-list [data-action=remove]"); n != 0 {
		p.fail("%d enterprises left in the consent list", n)
	}
	p.noConsoleErrors()
}

// jobFormKeysJourney: HR edits a job need with the keyboard: the edit form (beside or, on a
// phone, below the list) gets the focus; cancelled, the focus goes back to the job's edit
// button; saved, to the notice of the save.
func jobFormKeysJourney(t *testing.T, p *page, svc *service, a actors) {
	p.signIn("hr-ui")
	p.waitJS("the HR page of the user's enterprise", `location.hash === '#/hr/`+a.enterpriseID+`'`)
	p.waitJS("the job needs", `document.querySelectorAll('.job-list [data-action=edit]').length > 0`)
	var id string
	p.eval(`document.querySelector('.job-list li.job').dataset.id`, &id)
	edit := `.job-list li[data-id="` + id + `"] [data-action=edit]`
	focused := func(what, sel string) {
		p.t.Helper()
		p.waitJS("the focus on "+what, `document.activeElement && document.activeElement.matches('`+sel+`')`)
	}
	p.do("edit with the keyboard", chromedp.Focus(edit), chromedp.KeyEvent(kb.Enter))
	focused("the edit form's heading", "#job-form h2")
	p.do("cancel with the keyboard", chromedp.Focus("#job-form .actions button:not(.primary)"), chromedp.KeyEvent(kb.Enter))
	focused("the job's edit button again", edit)
	p.do("edit again", chromedp.KeyEvent(kb.Enter))
	focused("the edit form's heading", "#job-form h2")
	p.do("save with the keyboard", chromedp.Focus("#job-form button.primary"), chromedp.KeyEvent(kb.Enter))
	focused("the notice of the save", ".job-form .notice.ok")
	p.noConsoleErrors()
}

// slowPartsJourney: a user who goes into a page while its slow part (the suggested partners)
// still loads keeps the focus where they put it when the page is done; it is not moved back
// to the heading.
func slowPartsJourney(t *testing.T, p *page, svc *service, a actors) {
	p.open("/#/search")
	p.waitText("h1", "搜索")
	// The suggested partners answer only when the test says so.
	var ok bool
	p.eval(`(() => { window.__hold = new Promise((r) => { window.__release = r; }); const f = window.fetch;
		window.fetch = (u, i) => String(u).includes('/partners') ? window.__hold.then(() => f(u, i)) : f(u, i); return true })()`, &ok)
	p.eval(`(location.hash = '#/hr/`+a.enterpriseID+`', true)`, &ok)
	p.waitJS("the job needs", `document.querySelectorAll('.job-list [data-action=match]').length > 0 && !document.querySelector('.partners .match')`)
	p.do("go into the page", chromedp.Focus(".job-list [data-action=match]"))
	p.eval(`(window.__release(), true)`, &ok)
	p.waitJS("the suggested partners and the page done", `document.querySelectorAll('.partners .match').length > 0 && document.body.dataset.ready === 'hr'`)
	var focused string
	p.eval(`document.activeElement.matches('.job-list [data-action=match]') ? '' : document.activeElement.tagName + ' ' + document.activeElement.innerText`, &focused)
	if focused != "" {
		p.fail("the focus went from the job's button to %q when the page was done", focused)
	}
	p.noConsoleErrors()
}
