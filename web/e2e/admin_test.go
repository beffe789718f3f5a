package e2e_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// adminJourney: the administrator checks a file with a dry run, reads the report, confirms;
// a file with a bad row gets the row named.
func adminJourney(t *testing.T, p *page, svc *service) {
	// A visitor is not offered the import, and is told who may use it.
	p.open("/#/admin")
	p.waitText("[data-notice=admin-only]", "数据导入仅供管理员使用")
	if n := p.count("#nav-admin:not([hidden]), #import-form"); n != 0 {
		p.fail("a visitor is offered the import")
	}
	p.signIn("admin-ui")
	p.waitJS("the import page", `location.hash === '#/admin'`)
	p.waitJS("the import in the menu", `!document.querySelector('#nav-admin').hidden`)
	p.checkA11y("the import page")
	file, err := filepath.Abs("../../examples/jobs_example.csv")
	if err != nil {
		t.Fatal(err)
	}
	countSource := func() int {
		var jobs listAnswer[jobDoc]
		apiGet(t, svc.URL, "/api/v1/jobs", url.Values{"source": {"jobs_example"}, "limit": {"100"}}, &jobs)
		return len(jobs.Data)
	}
	if n := countSource(); n != 0 {
		t.Fatalf("%d jobs of jobs_example before the import", n)
	}
	p.do("choose the file", chromedp.SetUploadFiles("#import-file", []string{file}), chromedp.SetValue("#import-type", "jobs"), chromedp.Click("#import-dry"))
	p.waitText("#report-h", "试导入报告（尚未写入）")
	p.checkA11y("the dry-run report")
	if got := p.text(`[data-count=read] dd`); got != "5" {
		p.fail("the dry run read %s rows, the file has 5", got)
	}
	if got := p.text(`[data-count=written] dd`); got != "5" {
		p.fail("the dry run would write %s rows, want 5", got)
	}
	if got := p.text(`[data-count=written] dt`); got != "将写入" {
		p.fail("the dry run labels the rows it would write %q, want 将写入", got)
	}
	// The columns' fields by their names, with the code beside.
	for field, want := range map[string]string{"title": "岗位名称 title", "enterprise_name": "公司名称 enterprise_name", "posted_at": "发布日期 posted_at", "synthetic": "合成数据 synthetic"} {
		var got string
		p.eval(`(document.querySelector('table.columns tr[data-field=`+field+`] td') || {textContent: ''}).textContent`, &got)
		if got != want {
			p.fail("the column of %s reads %q, want %q", field, got, want)
		}
	}
	if n := countSource(); n != 0 {
		p.fail("the dry run wrote %d jobs", n)
	}
	p.waitJS("the confirm button", `!document.querySelector('#import-confirm').hidden`)
	p.screenshot("admin", "")
	p.click("#import-confirm")
	p.waitText("#report-h", "导入完成")
	if got := p.text(`[data-count=written] dt`); got != "已写入" {
		p.fail("the import labels the rows it wrote %q, want 已写入", got)
	}
	// Done means found: the page says so once the server's index has the rows.
	p.waitText("#import-report .notice.ok", "导入完成：已写入 5，已可搜索")
	if n := countSource(); n != 5 {
		p.fail("after confirming, %d jobs of jobs_example are stored, want 5", n)
	}

	// Bad rows are named with their row numbers, counted by kind, and nothing is offered to
	// confirm.
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("岗位名称,公司名称,工作地点,招聘人数\n,示例（合成）公司,西安市,3\n,示例（合成）公司,西安市,2\n,示例（合成）公司,西安市,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.do("choose the bad file", chromedp.SetUploadFiles("#import-file", []string{bad}), chromedp.Click("#import-dry"))
	p.waitText("#report-h", "试导入报告")
	p.waitText(".problems", "第 2 行")
	if got := p.text(`[data-count=invalid] dd`); got != "3" {
		p.fail("%s rows with errors, want 3", got)
	}
	p.waitText(".kinds [data-count='3']", "3 处 · 岗位名称：")
	p.waitText(".kinds", "（第 2–4 行）")
	p.waitJS("no confirm button", `document.querySelector('#import-confirm').hidden`)
	p.checkA11y("the report naming a bad row")

	// Repeated rows: a problem of the whole row names no column, and has no stray separator.
	dup := filepath.Join(t.TempDir(), "dup.csv")
	if err := os.WriteFile(dup, []byte("岗位名称,公司名称,工作地点,招聘人数\n重复样例岗位,示例（合成）公司,西安市,3\n重复样例岗位,示例（合成）公司,西安市,3\n重复样例岗位,示例（合成）公司,西安市,3\n合计,,,9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.do("check a file with repeated rows", chromedp.SetUploadFiles("#import-file", []string{dup}), chromedp.Click("#import-dry"))
	p.waitText("#report-h", "试导入报告")
	p.waitText(".problems:not(.kinds)", "第 3 行：与第 2 行重复")
	p.waitText(".kinds [data-count='2']", "2 处：与第 2 行重复")
	p.waitText(".kinds", "（第 3–4 行）")
	// The total row under the table is skipped, counted, and said once.
	if got := p.text(`[data-count=skipped] dd`); got != "1" {
		p.fail("%s total rows skipped, want 1", got)
	}
	p.waitText(".problems", "第 5 行是合计行，已跳过")
	if report := p.text("#import-report"); strings.Contains(report, " ：") || strings.Contains(report, "· ：") {
		p.fail("a problem without a column keeps its separator: %q", report)
	}

	// A list without a city column: refused row by row, then checked with the form's default
	// city, which the API takes as the upload's defaults.
	nocity := filepath.Join(t.TempDir(), "nocity.csv")
	if err := os.WriteFile(nocity, []byte("岗位名称,公司名称,招聘人数\n默认城市样例岗位,示例（合成）公司,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.do("check a list without cities", chromedp.SetUploadFiles("#import-file", []string{nocity}), chromedp.SetValue("#import-type", "jobs"), chromedp.Click("#import-dry"))
	p.waitText("#import-report", "缺少必填列")
	p.waitText("#import-report", "「默认城市」")
	p.do("give a default city", chromedp.Click("#import-mapping-box summary"), chromedp.SetValue("#import-default-city", "宝鸡市"), chromedp.Click("#import-dry"))
	p.waitJS("the report with the default city", `document.querySelector('[data-count=written] dd') && document.querySelector('[data-count=written] dd').textContent === '1' && document.querySelector('[data-count=invalid] dd').textContent === '0'`)
	var cleared string
	p.eval(`document.querySelector('#import-default-city').value = ''; document.querySelector('#import-mapping-box').open = false; ''`, &cleared)

	// A school list checked as candidates: the report says its columns look like schools.
	schools := filepath.Join(t.TempDir(), "schools.csv")
	if err := os.WriteFile(schools, []byte("name,code,authority,city,level\n示例学院（合成）,4161099999,陕西省教育厅,西安市,本科\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.do("check a school list as candidates", chromedp.SetUploadFiles("#import-file", []string{schools}),
		chromedp.SetValue("#import-type", "candidates"), chromedp.Click("#import-dry"))
	p.waitText("#report-h", "试导入报告")
	p.waitText(`[data-notice=better-type]`, "更像「院校」数据，而不是「候选人」")

	// A 备注 column is not imported by default: the report says why, and how to import it on
	// this page (the column mapping), not with the command line's --mapping. A company not on
	// record would be created: the report says how many.
	notes := filepath.Join(t.TempDir(), "notes.csv")
	if err := os.WriteFile(notes, []byte("岗位名称,公司名称,工作地点,招聘人数,备注\n备注样例岗位,备注样例（合成）科技公司,西安市,3,联系人内部安排\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.do("check a file with a 备注 column", chromedp.SetUploadFiles("#import-file", []string{notes}),
		chromedp.SetValue("#import-type", "jobs"), chromedp.Click("#import-dry"))
	p.waitText("#report-h", "试导入报告")
	noteRow := `[data-notice=unknown] li`
	p.waitText(noteRow, "E 备注：备注可能含内部信息")
	p.waitText(noteRow, "请用「列名映射」映射")
	var table string
	p.eval(`document.querySelector('table.columns tr[data-field=""] .col-note').textContent`, &table)
	if txt := p.text("#import-report") + table; strings.Contains(txt, "--mapping") || strings.Contains(txt, "notes may be internal") || !strings.Contains(table, "列名映射") {
		p.fail("the report tells a web user about the CLI, or in both languages: %q; the column's note: %q", p.text(noteRow), table)
	}
	if got := p.text(`[data-count=enterprises_created] dd`); got != "1" {
		p.fail("the dry run would create %q enterprises, want 1", got)
	}
	p.waitText(`[data-notice=enterprises]`, "将新建 1 家企业")

	// A file without a required column is refused at once: the message names the mapping
	// of this page too.
	nocol := filepath.Join(t.TempDir(), "nocol.csv")
	if err := os.WriteFile(nocol, []byte("公司名称,工作地点,招聘人数\n备注样例（合成）科技公司,西安市,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.do("check a file without job titles", chromedp.SetUploadFiles("#import-file", []string{nocol}), chromedp.Click("#import-dry"))
	if msg := p.waitText("#import-report .notice.error", "缺少必填列 岗位名称"); strings.Contains(msg, "--mapping") || !strings.Contains(msg, "列名映射") {
		p.fail("a file without job titles is refused with %q", msg)
	}
	p.click("#import-mapping-box summary")
	p.do("map the 备注 column", chromedp.SetUploadFiles("#import-file", []string{notes}), chromedp.SendKeys("#import-mapping", `{"备注": "description", "岗位编号X": "external_id"}`), chromedp.Click("#import-dry"))
	p.waitJS("the 备注 column as the description", `(() => { const th = document.querySelector('table.columns tr[data-field=description] th'); return !!th && th.textContent.includes('备注') })()`)
	if n := p.count("[data-notice=unknown]"); n != 0 {
		p.fail("the mapped 备注 column is still said not to be imported")
	}
	// A column the mapping names and the file does not have (last year's header) is said.
	p.waitText("[data-notice=unused-mapping]", "岗位编号X")
	p.checkA11y("the report of a file with a 备注 column")

	// A long file: while it runs the page says how far it got, and the report follows.
	var long strings.Builder
	long.WriteString("岗位编号,岗位名称,公司名称,工作地点,招聘人数\n")
	for i := range 40000 {
		fmt.Fprintf(&long, "L%d,进度样例岗位%d,进度样例（合成）公司,西安市,1\n", i, i)
	}
	big := filepath.Join(t.TempDir(), "long.csv")
	if err := os.WriteFile(big, []byte(long.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	p.eval(`document.querySelector('#import-mapping').value = ''; ''`, &cleared)
	p.do("check a long file", chromedp.SetUploadFiles("#import-file", []string{big}),
		chromedp.SetValue("#import-type", "jobs"), chromedp.Click("#import-dry"))
	p.waitText("#import-progress", "正在检查：已读 ")
	p.waitText("#report-h", "试导入报告")
	if got := p.text(`[data-count=read] dd`); got != "40000" {
		p.fail("the long file's report read %s rows, want 40000", got)
	}

	// A workbook with a sheet per district: the sheets not imported are named.
	wb := excelize.NewFile()
	for i, sh := range []string{"高新区", "雁塔区"} {
		if i == 0 {
			wb.SetSheetName("Sheet1", sh)
		} else {
			wb.NewSheet(sh)
		}
		wb.SetSheetRow(sh, "A1", &[]any{"岗位名称", "企业名称", "所在城市"})
		wb.SetSheetRow(sh, "A2", &[]any{"岗位" + sh, "示例（合成）公司", "西安市" + sh})
	}
	districts := filepath.Join(t.TempDir(), "districts.xlsx")
	if err := wb.SaveAs(districts); err != nil {
		t.Fatal(err)
	}
	p.do("check a workbook with a sheet per district", chromedp.SetUploadFiles("#import-file", []string{districts}), chromedp.Click("#import-dry"))
	p.waitText("[data-notice=other-sheets]", "工作表 雁塔区 也有数据，未导入")

	// In English, a field whose name says its code goes without it; the note is in English.
	p.switchLang()
	p.waitText("h1", "Import")
	p.do("check it in English", chromedp.SetUploadFiles("#import-file", []string{notes}),
		chromedp.SetValue("#import-type", "jobs"), chromedp.Click("#import-dry"))
	p.waitText(noteRow, "notes may be internal")
	p.waitText(noteRow, "the “Column mapping” field")
	for field, want := range map[string]string{"title": "Job title", "enterprise_name": "Company name enterprise_name", "headcount": "Openings headcount"} {
		var got string
		p.eval(`(document.querySelector('table.columns tr[data-field=`+field+`] td') || {textContent: ''}).textContent`, &got)
		if got != want {
			p.fail("in English the column of %s reads %q, want %q", field, got, want)
		}
	}
	p.noConsoleErrors(regexp.MustCompile(`status of 400`)) // the file without job titles
}
