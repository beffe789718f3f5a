package e2e_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xiaoqi-dev/xiaoqi"
)

// auditJourney: on #/admin the administrator reads the audit log newest first, 50 entries at
// a time, and narrows it to one HR officer (by username) or one candidate (by clicking their
// id, or by their account's username); an account they disable is in it at once. Before, the
// log was only in the API, oldest first: the page had no audit log at all, and disabling an
// account left no trace.
func auditJourney(t *testing.T, p *page, svc *service) {
	ctx := context.Background()
	svc.addUser(t, "hr-audit", xiaoqi.RoleEnterprise, "ent_audit")
	hr, err := svc.Store.UserByName(ctx, "hr-audit")
	if err != nil {
		t.Fatal(err)
	}
	svc.addUser(t, "cand-audit", xiaoqi.RoleCandidate, "cnd_audit007")
	start := time.Now().Add(-2 * time.Hour).UTC()
	for i := range 120 {
		e := &xiaoqi.AuditEntry{Action: xiaoqi.AuditContactRelease, ActorID: hr.ID, ActorRole: xiaoqi.RoleEnterprise, ActorEnterpriseID: "ent_audit",
			SubjectID: fmt.Sprintf("cnd_audit%03d", i%10), Reason: fmt.Sprintf("面试 %03d", i), Fields: []string{"name", "phone"}, Time: start.Add(time.Duration(i) * time.Minute)}
		if i%3 == 0 {
			e = &xiaoqi.AuditEntry{Action: xiaoqi.AuditAccount, ActorID: "cli", ActorRole: xiaoqi.RoleAdmin,
				SubjectID: fmt.Sprintf("cnd_audit%03d", i%10), Reason: fmt.Sprintf("设置密码 password set %03d", i), Time: start.Add(time.Duration(i) * time.Minute)}
		}
		if err := svc.Store.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	p.signIn("admin-ui")
	p.open("/#/admin")
	p.waitText("#audit-h", "审计日志")
	// Far down the page, below the imports and the accounts: the list at the top goes there.
	p.click(`#admin-toc button[data-part=audit]`)
	p.waitJS("the audit log's heading focused", `document.activeElement && document.activeElement.id === 'audit-h'`)
	p.waitJS("the audit log listed", `document.querySelectorAll('#audit-table tbody tr').length > 0`)
	if n := p.count("#audit-table tbody tr"); n != 50 {
		p.fail("the audit log draws %d rows, want the newest 50", n)
	}
	first := `#audit-table tbody tr:first-child`
	for _, want := range []string{"hr-audit", "企业招聘", "查看了联系方式（姓名、电话）", "cnd_audit009", "面试 119"} {
		if got := p.text(first); !strings.Contains(got, want) {
			p.fail("the first row of the audit log reads %q, want the newest entry, with %q", got, want)
		}
	}
	if got := p.text("#audit-count"); got != "显示最近 50 条，还有更早的记录" {
		p.fail("the audit count reads %q", got)
	}
	p.checkA11y("the audit log")
	p.click("#audit-more")
	p.waitJS("100 entries", `document.querySelectorAll('#audit-table tbody tr').length === 100`)
	if got := p.text(`#audit-table tbody tr:nth-child(100)`); !strings.Contains(got, "面试 020") {
		p.fail("the 100th row reads %q, want the 100th newest entry (面试 020)", got)
	}
	if got := p.text(`#audit-table tbody tr[data-action="candidate.account"]`); !strings.Contains(got, "服务器命令行") || !strings.Contains(got, "管理了求职者的账户") {
		p.fail("an entry of the command line reads %q", got)
	}

	// One HR officer, by username: their releases alone.
	p.do("filter by hr-audit", chromedp.SendKeys("#audit-actor", "hr-audit"), chromedp.Click("#audit-apply"))
	p.waitJS("hr-audit's entries", `document.querySelectorAll('#audit-table tbody tr').length === 50 && [...document.querySelectorAll('#audit-table tbody tr')].every(r => r.dataset.action === 'contact.release')`)
	// One candidate, by clicking their id: everything about them, newest first.
	p.clickLive(`#audit-table tbody tr:first-child button[data-subject]`)
	p.waitJS("cnd_audit009's entries", `document.querySelector('#audit-subject').value === 'cnd_audit009' && document.querySelectorAll('#audit-table tbody tr').length === 8`)
	if got := p.text("#audit-count"); got != "共 8 条记录" {
		p.fail("the count of hr-audit's entries about cnd_audit009 reads %q, want 共 8 条记录", got)
	}
	p.click("#audit-clear")
	p.waitJS("the whole log again", `document.querySelectorAll('#audit-table tbody tr').length === 50 && document.querySelector('#audit-clear').hidden`)
	// A candidate by their account's username.
	p.do("filter by cand-audit", chromedp.SendKeys("#audit-subject", "cand-audit"), chromedp.Click("#audit-apply"))
	p.waitJS("cnd_audit007's entries", `document.querySelectorAll('#audit-table tbody tr').length === 12 && [...document.querySelectorAll('#audit-table tbody tr button[data-subject]')].every(b => b.textContent === 'cnd_audit007')`)
	// Nobody: said so, not an empty table.
	var cleared bool
	p.eval(`(() => { document.querySelector('#audit-subject').value = ''; return true })()`, &cleared)
	p.do("filter by a stranger", chromedp.SendKeys("#audit-actor", "-nobody"), chromedp.Click("#audit-apply"))
	p.waitText("#audit-count", "没有符合筛选条件的记录")
	if n := p.count("#audit-table tbody tr"); n != 0 {
		p.fail("a filter that matches nothing leaves %d rows", n)
	}
	// Disabling an account is in the log at once: who disabled whom.
	p.click("#audit-clear")
	p.waitJS("the whole log again", `document.querySelectorAll('#audit-table tbody tr').length === 50`)
	p.do("find hr-audit", chromedp.SendKeys("#accounts-filter", "hr-audit"))
	p.waitJS("hr-audit alone", `document.querySelectorAll('#accounts-table tbody tr').length === 1`)
	p.clickLive(`#accounts-table tr[data-user="hr-audit"] button`)
	p.waitJS("hr-audit disabled", `!!document.querySelector('tr[data-user="hr-audit"][data-disabled=true]')`)
	p.waitJS("the disabling in the log", `(document.querySelector('#audit-table tbody tr') || {dataset: {}}).dataset.action === 'user.account'`)
	// The reason in the page's language alone ("停用账户（hr-audit） / account disabled (hr-audit)").
	for _, want := range []string{"admin-ui · 管理员", "管理了账户", "hr-audit · 企业招聘", "停用账户（hr-audit）"} {
		if got := p.text(first); !strings.Contains(got, want) {
			p.fail("the log's first row after disabling hr-audit reads %q, want %q in it", got, want)
		}
	}
	// In English.
	p.switchLang()
	p.waitText("#audit-h", "Audit log")
	p.waitJS("the log in English", `document.querySelectorAll('#audit-table tbody tr').length === 50`)
	if got := p.text(`#audit-table tbody tr[data-action="contact.release"]`); !strings.Contains(strings.ToLower(got), "saw contact details (name, phone)") {
		p.fail("in English the first row reads %q", got)
	}
	if got := p.text(first); !strings.Contains(got, "account disabled (hr-audit)") || strings.Contains(got, "停用账户") {
		p.fail("in English the disabling reads %q, want its English half alone", got)
	}
	p.noConsoleErrors()
}
