package e2e_test

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/xiaoqi-dev/xiaoqi"
)

// experienceNameEN is the page's experienceName(v) (assets/i18n.js) in English.
func (p *page) experienceNameEN(v string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	expr := `import('/assets/i18n.js').then((m) => { const was = m.lang(); m.setLang('en'); const s = m.experienceName(` + jsString(v) + `); m.setLang(was); return s })`
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.fail("experienceName: %v", err)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		p.fail("experienceName: %v", err)
	}
	return s
}

// experienceEnglishJourney: in English, the HR page showed the experience of 三星's jobs as
// "experience 在校生/应届生", others' as "experience 无需经验" and "experience 1年及以上":
// experienceName knew 应届生, 不限 and N年, N-M年, N年以上, N年以下 only, and said 1年 as "1
// years". Every experience value of the default data set now reads in English.
func experienceEnglishJourney(t *testing.T, p *page, svc *service) {
	ctx := context.Background()
	jobOf := map[string]*xiaoqi.JobNeed{} // a job of each experience value
	opt := xiaoqi.ListOptions{Limit: xiaoqi.MaxListLimit}
	for {
		page, err := svc.Store.List(ctx, xiaoqi.KindJob, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range page.Docs {
			if j := d.(*xiaoqi.JobNeed); j.Experience != "" && jobOf[j.Experience] == nil {
				jobOf[j.Experience] = j
			}
		}
		if page.Next == "" {
			break
		}
		opt.After = page.Next
	}
	want := map[string]string{
		"在校生/应届生": "students and new graduates", "应届生": "new graduates", "无需经验": "none needed", "不限": "any",
		"1年及以上": "1+ years", "1年": "1 year", "2年": "2 years", "3-4年": "3–4 years", "5-7年": "5–7 years",
	}
	for _, v := range []string{"在校生/应届生", "无需经验", "1年及以上"} {
		if jobOf[v] == nil {
			t.Fatalf("no job need of the default data set asks for %s", v)
		}
	}
	// Every value the data holds, and those imports write.
	han := regexp.MustCompile(`\p{Han}`)
	values := []string{"经验不限", "3年以上", "1年以下", "10年以上", "5年以内", "1年经验", "3~5年"}
	for v := range jobOf {
		values = append(values, v)
	}
	slices.Sort(values)
	p.open("/#/search")
	p.waitText("nav", "搜索")
	for _, v := range values {
		got := p.experienceNameEN(v)
		if w, ok := want[v]; ok && got != w || han.MatchString(got) {
			p.fail("experienceName(%q) in English = %q, want %q", v, got, want[v])
		}
	}

	// What HR reads: the job's line on its enterprise's page, a phrase of its own in either
	// language: it read "experience students and new graduates", "experience any" and 经验 1年及以上.
	line := map[string][2]string{
		"在校生/应届生": {"在校生/应届生", "students and new graduates welcome"},
		"无需经验":    {"无需经验", "no experience required"},
		"1年及以上":   {"1年及以上经验", "1+ years' experience"},
		"1年":      {"1年经验", "1 year's experience"},
	}
	for i, l := range []string{"zh", "en"} {
		if l == "en" {
			p.switchLang()
			p.waitText("nav", "Search")
		}
		for _, v := range []string{"在校生/应届生", "无需经验", "1年及以上", "1年"} {
			j := jobOf[v]
			p.open("/#/hr/" + url.PathEscape(j.EnterpriseID) + "?job=" + url.QueryEscape(j.ID))
			meta := p.waitText(".job.target .muted", " · ")
			if !slices.Contains(strings.Split(meta, " · "), line[v][i]) {
				p.fail("the job %s (%s) reads %q in %s, want %q on it", j.Name, v, meta, l, line[v][i])
			}
		}
	}
	// 三星's page, whose jobs all asked for 在校生/应届生 in Chinese.
	samsung := ""
	opt = xiaoqi.ListOptions{Limit: xiaoqi.MaxListLimit}
	for samsung == "" {
		page, err := svc.Store.List(ctx, xiaoqi.KindEnterprise, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range page.Docs {
			if e := d.(*xiaoqi.Enterprise); e.Name == "三星（中国）半导体有限公司" {
				samsung = e.ID
			}
		}
		if page.Next == "" {
			break
		}
		opt.After = page.Next
	}
	if samsung == "" {
		t.Fatal("三星（中国）半导体有限公司 not in the default data set")
	}
	p.open("/#/hr/" + url.PathEscape(samsung))
	p.waitText(".job .muted", "students and new graduates welcome")
	var metas []string
	p.eval(`[...document.querySelectorAll('.job .muted')].map((e) => e.textContent)`, &metas)
	for _, m := range metas {
		if strings.Contains(m, "在校生") || strings.Contains(m, "· experience ") {
			p.fail("a job of 三星 reads %q in English", m)
		}
	}
	p.noConsoleErrors()
}
