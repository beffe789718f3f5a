package e2e_test

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// hanChar matches a Chinese character.
var hanChar = regexp.MustCompile(`\p{Han}`)

// errorsJourney: the API says every message as "中文 / English"; the page shows the half of
// its language: a wrong password, a refused search, the problems of an import, in Chinese and
// in English, neither half twice nor the other language's.
func errorsJourney(t *testing.T, p *page, svc *service) {
	wrongPassword := func() string {
		p.open("/#/signin")
		p.do("a wrong password", chromedp.SendKeys("#username", "admin-ui"), chromedp.SendKeys("#password", "wrong-password"), chromedp.KeyEvent(kb.Enter))
		p.waitJS("the error", `!!document.querySelector('main .notice.error')`)
		return p.text("main .notice.error")
	}
	badSearch := func() string {
		p.open("/#/search?q=x&near=" + url.QueryEscape("西安市") + "&within=abc")
		p.waitJS("the error", `!!document.querySelector('.results .notice.error')`)
		return p.text(".results .notice.error")
	}
	if msg := wrongPassword(); msg != "出错了：用户名或密码错误" {
		p.fail("a wrong password in Chinese reads %q", msg)
	}
	// The Chinese half says which value was refused, as the English does: no English line. The
	// parameter is named as the form names it (范围, not within).
	if msg := badSearch(); msg != `出错了：范围：应为公里数，如 50 或 50km，不能是 "abc"` || p.count(".other-lang") != 0 {
		p.fail("a refused search in Chinese reads %q", msg)
	}
	p.switchLang()
	p.waitText("nav", "Search")
	if msg := wrongPassword(); msg != "Something went wrong: wrong username or password" {
		p.fail("a wrong password in English reads %q", msg)
	}
	if msg := badSearch(); !strings.Contains(msg, "Within: must be a distance in km") || hanChar.MatchString(msg) || strings.Contains(msg, " / ") || p.count(".other-lang") != 0 {
		p.fail("a refused search in English reads %q", msg)
	}

	// The shapes of the API's messages, through the page's own function.
	cases := map[string][2]string{
		"per_page: 须在 1 与 100 之间，不能是 0 / must be between 1 and 100, not 0":        {"per_page: 须在 1 与 100 之间，不能是 0", "per_page: must be between 1 and 100, not 0"},
		"职位有误 / invalid job: title 不能为空 / must not be empty（另有 2 处 / and 2 more）": {"职位有误：title 不能为空（另有 2 处）", "invalid job: title must not be empty (and 2 more)"},
		"API 密钥无效 invalid API key": {"API 密钥无效", "invalid API key"},
		"无法识别的学历，已留空 / degree not understood, left empty (本科, 大专 …)":                                  {"无法识别的学历，已留空", "degree not understood, left empty (本科, 大专 …)"},
		`the mapping must be a JSON object such as {"岗位": "title"}: invalid character 'b' / 映射文件格式错误`: {"映射文件格式错误", `the mapping must be a JSON object such as {"岗位": "title"}: invalid character 'b'`},
		"must be 关中, 陕南 or 陕北, not \"x\" / 地区无效":                                                      {"地区无效", "must be 关中, 陕南 or 陕北, not \"x\""},
		"Import stopped: column 岗位名称 is missing":                                                      {"Import stopped: column 岗位名称 is missing", "Import stopped: column 岗位名称 is missing"},
	}
	for _, lang := range []string{"zh", "en"} {
		for msg, want := range cases {
			got := p.apiText(lang, msg)
			if w := want[map[string]int{"zh": 0, "en": 1}[lang]]; got != w {
				p.fail("apiText(%q) in %s = %q, want %q", msg, lang, got, w)
			}
		}
	}

	// An import's problems, row by row, in Chinese only, then in English only.
	p.switchLang()
	p.waitText("nav", "搜索")
	p.signIn("admin-ui")
	p.open("/#/admin")
	p.waitText("h1", "导入")
	file := filepath.Join(t.TempDir(), "problems.csv")
	rows := "岗位名称,企业名称,城市,人数,学历\nJava开发,示例错误企业（合成）,西安,abc,本科\n,示例错误企业（合成）,西安,3,院士\nPython,示例错误企业（合成）,西安,2,本科\nPython,示例错误企业（合成）,西安,2,本科\n"
	if err := os.WriteFile(file, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	problems := func() string {
		p.do("check a file with problems", chromedp.SetUploadFiles("#import-file", []string{file}), chromedp.Click("#import-dry"))
		p.waitJS("the problems", `document.querySelectorAll('#import-report ul.problems:not(.kinds) li').length === 4`)
		return strings.Join(p.texts("#import-report ul.problems:not(.kinds) li"), "\n")
	}
	if got := problems(); !strings.Contains(got, "与第 4 行重复，已跳过") || strings.Contains(got, "repeats") || strings.Contains(got, " / ") {
		p.fail("the problems in Chinese: %q", got)
	}
	p.switchLang()
	p.waitText("h1", "Import")
	got := problems()
	for _, want := range []string{"title is required", "repeats row 4, skipped", `headcount "abc" must be a number`} {
		if !strings.Contains(got, want) {
			p.fail("the problems in English do not say %q: %q", want, got)
		}
	}
	for _, zh := range []string{"必填", "重复", "应为数字", " / "} {
		if strings.Contains(got, zh) {
			p.fail("the problems in English say %q: %q", zh, got)
		}
	}
	p.noConsoleErrors(regexp.MustCompile(`status of 40[01]`))
}

// apiText is the page's apiText(msg) (assets/i18n.js) in lang.
func (p *page) apiText(lang, msg string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	expr := `import('/assets/i18n.js').then((m) => { const was = m.lang(); m.setLang(` + jsString(lang) + `); const s = m.apiText(` + jsString(msg) + `); m.setLang(was); return s })`
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.fail("apiText: %v", err)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		p.fail("apiText: %v", err)
	}
	return s
}
