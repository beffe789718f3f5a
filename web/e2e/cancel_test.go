package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xiaoqi-dev/xiaoqi"
)

// cancelJourney: the administrator starts a long import, thinks better of it and cancels it
// on #/admin after a confirmation that says the rows written so far stay; the page and the
// import list then say 已取消 and how many rows were kept, which is what the store holds.
// Before, nothing on the page could stop a running import.
func cancelJourney(t *testing.T, p *page, svc *service) {
	ctx := context.Background()
	// Long enough that the import is still writing when the cancel is clicked, on a fast
	// machine; its dry run takes a while on a busy one (slowWait).
	const rows = 200000
	var long strings.Builder
	long.WriteString("岗位编号,岗位名称,公司名称,工作地点,招聘人数\n")
	for i := range rows {
		fmt.Fprintf(&long, "C%d,取消样例岗位%d,取消样例（合成）公司,西安市,1\n", i, i)
	}
	file := filepath.Join(t.TempDir(), "cancel-me.csv")
	if err := os.WriteFile(file, []byte(long.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := svc.Store.Count(ctx, xiaoqi.KindJob, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.signIn("admin-ui")
	p.open("/#/admin")
	p.waitText("#imports-h", "导入记录")
	// The dry run first, as the page asks, then the import for real.
	p.do("check the long file", chromedp.SetUploadFiles("#import-file", []string{file}), chromedp.SetValue("#import-type", "jobs"), chromedp.Click("#import-dry"))
	p.slowWait("the dry run's report", `(document.querySelector('#report-h') || {innerText: ''}).innerText.includes('试导入报告')`)
	p.click("#import-confirm")
	p.waitText("#import-progress", "已写入")
	// The running import is in the list at once, with a button to cancel it.
	row := `#imports-table tr[data-status=running]`
	p.waitText(row, "cancel-me.csv")
	p.clickLive(row + ` .cancel-import button`) // the list is drawn again every 2 s while the import runs
	p.waitText(row+` .confirm`, "已经写入的行会保留")
	p.checkA11y("the confirmation of a cancel")
	p.clickLive(row + ` [data-cancel-confirm]`)
	p.waitText("#report-h", "导入已取消")
	notice := p.waitText("[data-notice=cancelled]", "行保留")
	m := regexp.MustCompile(`已写入的 ([\d,]+) 行保留`).FindStringSubmatch(notice)
	if m == nil {
		p.fail("the cancelled import says %q, without the rows it kept", notice)
		return
	}
	kept, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
	after, err := svc.Store.Count(ctx, xiaoqi.KindJob, nil)
	if err != nil {
		t.Fatal(err)
	}
	if int64(kept) != after-before || kept >= rows {
		p.fail("the page says %d rows were kept, the store holds %d more jobs (of %d)", kept, after-before, rows)
	}
	p.waitJS("the list saying cancelled", `!!document.querySelector('#imports-table tr[data-status=cancelled]')`)
	if got := p.text(`#imports-table tr[data-status=cancelled]`); !strings.Contains(got, "已取消") || !strings.Contains(got, "取消前写入的行已保留") ||
		!strings.Contains(got, fmt.Sprintf("写入 %d", kept)) {
		p.fail("the cancelled import is listed as %q", got)
	}
	// With several administrators, each job says who started it.
	if got := p.text(`#imports-table tr[data-status=cancelled] .import-by`); got != "由 admin-ui 发起" {
		p.fail("the cancelled import says it was started %q, want 由 admin-ui 发起", got)
	}
	if n := p.count(`#imports-table .cancel-import`); n != 0 {
		p.fail("%d cancel buttons left after the import ended", n)
	}
	p.noConsoleErrors()
}

// slowWait waits up to two minutes until the JavaScript expression is true: for a step whose
// time depends on the machine's load (a dry run of a long file).
func (p *page) slowWait(what, expr string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 2*time.Minute)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(2*time.Minute))); err != nil {
		p.fail("waiting for %s (%s): %v", what, expr, err)
	}
}
