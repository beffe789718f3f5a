package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xiaoqi-dev/xiaoqi"
)

// accountsJourney: among 500 accounts the administrator finds HR who left the firm by name on
// #/admin, disables the account (its key is refused at once) and enables it again. Before, the
// admin page had no accounts at all, and nothing anywhere could disable one.
func accountsJourney(t *testing.T, p *page, svc *service) {
	ctx := context.Background()
	for i := range 500 {
		// Straight into the store, without a password (keys only): 500 argon2 hashes take long.
		b := xiaoqi.NewUser(fmt.Sprintf("bulk-%03d", i), xiaoqi.RoleAdmin, "")
		b.ID, b.CreatedAt, b.UpdatedAt = fmt.Sprintf("u_bulk%03d", i), time.Now(), time.Now()
		if err := svc.Store.CreateUser(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	u := xiaoqi.NewUser("hr-left", xiaoqi.RoleAdmin, "")
	if err := svc.Auth.AddUser(ctx, u, testPassword); err != nil {
		t.Fatal(err)
	}
	key, _, err := svc.Auth.CreateKey(ctx, u.ID, "left", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	keyStatus := func() int {
		req, _ := http.NewRequest(http.MethodGet, svc.URL+"/api/v1/session", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}

	// HR of a firm, to be found by the firm's name.
	var ents listAnswer[struct{ ID, Name string }]
	apiGet(t, svc.URL, "/api/v1/enterprises", url.Values{"limit": {"1"}}, &ents)
	if len(ents.Data) == 0 {
		t.Fatal("no enterprise")
	}
	firm := ents.Data[0]
	svc.addUser(t, "hr-firm", xiaoqi.RoleEnterprise, firm.ID)

	p.signIn("admin-ui")
	p.open("/#/admin")
	p.waitText("#accounts-h", "账户")
	p.waitJS("the accounts listed", `document.querySelectorAll('#accounts-table tbody tr').length > 0`)
	if n := p.count("#accounts-table tbody tr"); n != 50 {
		p.fail("the accounts table draws %d rows of 500 and more, want the first 50", n)
	}
	if p.count("#accounts-more:not([hidden])") != 1 {
		p.fail("no way to show more accounts")
	}
	p.checkA11y("the accounts")
	p.do("find the firm's HR", chromedp.SendKeys("#accounts-filter", firm.Name))
	p.waitJS("hr-firm alone", `document.querySelectorAll('#accounts-table tbody tr').length === 1 && !!document.querySelector('tr[data-user="hr-firm"]')`)
	if got := p.text(`tr[data-user="hr-firm"]`); !strings.Contains(got, firm.Name) || !strings.Contains(got, firm.ID) {
		p.fail("hr-firm's row reads %q, want the firm's name %s and id %s", got, firm.Name, firm.ID)
	}
	var cleared1 bool
	p.eval(`(() => { document.querySelector('#accounts-filter').value = ''; return true })()`, &cleared1)
	p.do("find hr-left", chromedp.SendKeys("#accounts-filter", "hr-left"))
	p.waitJS("hr-left alone", `document.querySelectorAll('#accounts-table tbody tr').length === 1 && !!document.querySelector('tr[data-user="hr-left"]')`)
	all, err := svc.Store.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.text("#accounts-count"), fmt.Sprintf("显示 1 个，符合 1 个，共 %d 个账户", len(all)); got != want {
		p.fail("the count reads %q", got)
	}
	p.click(`tr[data-user="hr-left"] button`)
	p.waitJS("hr-left disabled", `!!document.querySelector('tr[data-user="hr-left"][data-disabled=true]')`)
	p.waitText("#accounts-status .notice.ok", "已停用账户 hr-left")
	if got := p.text(`tr[data-user="hr-left"] .account-state`); got != "已停用" {
		p.fail("the state of a disabled account reads %q", got)
	}
	if code := keyStatus(); code != http.StatusUnauthorized {
		p.fail("the key of the disabled account answers %d, want 401", code)
	}
	// The disabled accounts, by their state.
	var cleared0 bool
	p.eval(`(() => { document.querySelector('#accounts-filter').value = ''; return true })()`, &cleared0)
	p.do("find the disabled accounts", chromedp.SendKeys("#accounts-filter", "已停用"))
	p.waitJS("hr-left alone, disabled", `document.querySelectorAll('#accounts-table tbody tr').length === 1 && !!document.querySelector('tr[data-user="hr-left"][data-disabled=true]')`)
	p.click(`tr[data-user="hr-left"] button`)
	// Enabled, it no longer matches 已停用: the page says what happened.
	p.waitText("#accounts-status .notice.ok", "已启用账户 hr-left")
	if code := keyStatus(); code != http.StatusOK {
		p.fail("the key of the account enabled again answers %d, want 200", code)
	}
	// The administrator's own row offers no button: nobody locks themselves out here.
	var cleared bool
	p.eval(`(() => { document.querySelector('#accounts-filter').value = ''; return true })()`, &cleared)
	p.do("find admin-ui", chromedp.SendKeys("#accounts-filter", "admin-ui"))
	p.waitJS("admin-ui alone", `document.querySelectorAll('#accounts-table tbody tr').length === 1`)
	if n := p.count(`tr[data-user="admin-ui"] button`); n != 0 {
		p.fail("the administrator's own account offers a button to disable it")
	}
	p.noConsoleErrors()
}

// importsJourney: the administrator reads on #/admin the import jobs the server keeps (here
// 100 and more), 20 at a time, each with its file, status and counts, and a confirmed import
// joins the list. Before, the page showed only the import being run: earlier ones, and any
// other administrator's, were only in the API.
func importsJourney(t *testing.T, p *page, svc *service) {
	ctx := context.Background()
	for i := range 100 {
		at := time.Now().Add(-time.Duration(i+1) * time.Hour).UTC()
		j := &xiaoqi.ImportJob{ID: fmt.Sprintf("imp_old%03d", i), Type: xiaoqi.KindJob, FileName: fmt.Sprintf("week-%03d.csv", i),
			Mode: "default", Source: "week", Status: xiaoqi.ImportDone, CreatedAt: at, StartedAt: at, FinishedAt: at, UpdatedAt: at,
			Summary: []byte(`{"format":"csv","counts":{"read":3,"written":2,"invalid":1},"problem_count":1}`)}
		if err := svc.Store.PutImportJob(ctx, j); err != nil {
			t.Fatal(err)
		}
	}
	p.signIn("admin-ui")
	p.open("/#/admin")
	p.waitText("#imports-h", "导入记录")
	p.waitJS("the import jobs listed", `document.querySelectorAll('#imports-table tbody tr').length > 0`)
	if n := p.count("#imports-table tbody tr"); n != 20 {
		p.fail("the import jobs table draws %d rows, want the newest 20", n)
	}
	var all struct{ Data []struct{ ID string } }
	res, err := apiSession(t, svc.URL, "admin-ui").Get(svc.URL + "/api/v1/imports")
	if err != nil {
		t.Fatal(err)
	}
	err = json.NewDecoder(res.Body).Decode(&all)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.text("#imports-count"), fmt.Sprintf("显示 20 条，共 %d 条（服务器保留最近 100 条）", len(all.Data)); got != want {
		p.fail("the count reads %q, want %q", got, want)
	}
	p.click("#imports-more")
	p.waitJS("40 import jobs", `document.querySelectorAll('#imports-table tbody tr').length === 40`)
	row := `tr[data-import=imp_old010]`
	for _, want := range []string{"week-010.csv", "岗位需求", "已完成", "读取 3，写入 2，无效 1"} {
		if got := p.text(row); !strings.Contains(got, want) {
			p.fail("the row of week-010.csv reads %q, want %q in it", got, want)
		}
	}
	p.checkA11y("the import jobs")

	// A confirmed import joins the list at the top, without reloading the page.
	file, err := filepath.Abs("../../examples/jobs_example.csv")
	if err != nil {
		t.Fatal(err)
	}
	p.do("check a file", chromedp.SetUploadFiles("#import-file", []string{file}), chromedp.SetValue("#import-type", "jobs"), chromedp.Click("#import-dry"))
	p.waitJS("the dry run listed", `(document.querySelector('#imports-table tbody tr') || {textContent: ''}).textContent.includes('jobs_example.csv')`)
	if got := p.text("#imports-table tbody tr"); !strings.Contains(got, "试导入") {
		p.fail("the dry run is listed as %q, without saying it was a dry run", got)
	}
	p.noConsoleErrors()
}
