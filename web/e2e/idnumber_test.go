package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// idNumberJourney: a candidate list's 身份证号 column was reported 未知列，未导入；可用映射文件指定, which
// invites mapping it; the dry run's report says that ID numbers are not imported, xiaoqi
// keeping none, in Chinese and in English, and offers no mapping for it.
func idNumberJourney(t *testing.T, p *page, svc *service) {
	file := filepath.Join(t.TempDir(), "students.csv")
	if err := os.WriteFile(file, []byte("姓名,毕业院校,专业,身份证号\n张合成,西北大学,软件工程,610102200101011234\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.signIn("admin-ui")
	p.open("/#/admin")
	p.waitJS("the import form", `!!document.querySelector('#import-form')`)
	p.do("check a candidate list with ID numbers", chromedp.SetUploadFiles("#import-file", []string{file}),
		chromedp.SetValue("#import-type", "candidates"), chromedp.Click("#import-dry"))
	p.waitText("#report-h", "试导入报告")
	row := `[data-notice=unknown] li`
	if got := p.waitText(row, "D 身份证号：不导入身份证号：xiaoqi 不保存证件号码"); strings.Contains(got, "映射") || strings.Contains(got, "ID numbers") {
		p.fail("the ID numbers' column: %q", got)
	}
	// In English (the page is drawn anew, without the report: the file is checked again).
	p.switchLang()
	p.waitJS("the import form in English", `document.documentElement.lang === 'en' && !!document.querySelector('#import-form') && !document.querySelector('#report-h')`)
	p.do("check it in English", chromedp.SetUploadFiles("#import-file", []string{file}),
		chromedp.SetValue("#import-type", "candidates"), chromedp.Click("#import-dry"))
	if got := p.waitText(row, "D 身份证号: ID numbers are not imported: xiaoqi does not keep them"); strings.Contains(got, "mapping") {
		p.fail("the ID numbers' column in English: %q", got)
	}
	p.noConsoleErrors()
}
