package e2e_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xiaoqi-dev/xiaoqi"
)

// unmarkedHanScript lists the texts holding Chinese characters, under the elements of the
// selector given as %s, whose language (the nearest lang attribute) is not Chinese.
const unmarkedHanScript = `[...document.querySelectorAll(%s)].flatMap((root) => {
	const out = []; const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	for (let n = w.nextNode(); n; n = w.nextNode()) {
		if (!/\p{Script=Han}/u.test(n.textContent)) continue;
		const el = n.parentElement.closest('[lang]');
		if (!el || !el.getAttribute('lang').startsWith('zh')) out.push(n.textContent);
	}
	return out }).slice(0, 10)`

// chineseDataJourney: on the English page the data's Chinese (firm names, job titles and
// descriptions, a hit's line, the 示例 and 未核验 halves of the badges) is marked
// lang="zh-CN", so that a screen reader reads it in Chinese (WCAG 3.1.2); on the Chinese page
// the English halves of the badges are marked lang="en".
func chineseDataJourney(t *testing.T, p *page, svc *service, a actors) {
	p.open("/#/explore")
	p.switchLang()
	p.waitText("nav", "Search")
	unmarked := func(where, sel string) {
		var texts []string
		p.eval(strings.Replace(unmarkedHanScript, "%s", jsString(sel), 1), &texts)
		if len(texts) > 0 {
			p.fail("on the English page %s shows Chinese not marked lang=zh-CN: %q", where, texts)
		}
	}
	p.open("/#/search?q=" + url.QueryEscape("软件 西安"))
	p.waitJS("the results", `document.querySelectorAll('.hits .hit').length > 3 && !!document.querySelector('.hits .badge.synthetic')`)
	unmarked("the search's hits", ".hits")
	p.open("/#/hr/" + url.PathEscape(a.enterpriseID))
	p.waitJS("the jobs", `!!document.querySelector('.job-list .job h3')`)
	unmarked("the enterprise's page", "h1, .job-list, .badge")
	p.open("/#/hr")
	p.waitJS("the directory", `!!document.querySelector('.directory li a')`)
	unmarked("the enterprise directory", ".directory li")

	p.switchLang()
	p.waitText("nav", "搜索")
	p.open("/#/search?q=" + url.QueryEscape("软件 西安"))
	p.waitJS("the results", `!!document.querySelector('.hits .badge.synthetic')`)
	var langs []string
	// The synthetic badges themselves: the first five badges of any kind may all be 未核验.
	p.eval(`[...document.querySelectorAll('.badge.synthetic')].slice(0, 5).flatMap((b) => [...b.querySelectorAll('[lang]')].map((s) => s.getAttribute('lang') + ':' + s.textContent))`, &langs)
	if got := strings.Join(langs, " "); !strings.Contains(got, "zh-CN:示例") || !strings.Contains(got, "en:synthetic") {
		p.fail("the badges' halves are marked %q, want zh-CN:示例 and en:synthetic", got)
	}
	p.noConsoleErrors()
}

// directoryPinyinJourney: the English enterprise directory sorts Chinese names by pinyin, as
// the Chinese one does: it sorted them by code point (万, 三, 上…).
func directoryPinyinJourney(t *testing.T, p *page, svc *service) {
	p.open("/#/explore")
	p.switchLang()
	p.waitText("nav", "Search")
	p.open("/#/hr")
	p.waitJS("the directory", `document.querySelectorAll('.directory li a').length > 20`)
	var wrong []string
	// (长, 重, 厦 are sorted as the name reads them, which the collator does not know.)
	p.eval(`(() => { const c = new Intl.Collator('zh-Hans-CN'), out = [];
		for (const ul of document.querySelectorAll('.directory ul')) {
			const names = [...ul.querySelectorAll('li a')].map((a) => a.textContent).filter((n) => /^\p{Script=Han}/u.test(n) && !/^[长重厦]/.test(n));
			for (let i = 1; i < names.length; i++) if (c.compare(names[i - 1], names[i]) > 0) out.push(names[i - 1] + ' > ' + names[i]);
		}
		return out.slice(0, 5) })()`, &wrong)
	if len(wrong) > 0 {
		p.fail("the English directory is not in pinyin order: %q", wrong)
	}
	p.noConsoleErrors()
}

// candidatesLiveJourney: HR's panel of matching candidates is not one live region with a live
// region in each card (their messages were read out twice): its status says how many.
func candidatesLiveJourney(t *testing.T, p *page, svc *service, a actors) {
	p.open("/#/hr/" + url.PathEscape(a.enterpriseID))
	p.clickLive(".job-list [data-action=match]")
	p.waitJS("the candidates", `!!document.querySelector('#candidates .cand-list, #candidates p.muted:not(:first-of-type)') && (document.querySelector('#candidates-status') || {}).textContent !== '加载中…'`)
	if n := p.count("[aria-live] .cand-list, [role=status] .cand-list, main [aria-live] [aria-live]"); n != 0 {
		p.fail("%d lists or live regions inside a live region", n)
	}
	if s := p.text("#candidates-status"); !strings.Contains(s, "候选人") {
		p.fail("the panel's status says %q", s)
	}
	p.noConsoleErrors()
}

// missingRecordJourney: a link to a record that is not there is a page not found, with its
// heading and title, in either language: it was "出错了：未找到院校 ins_bogus" under no heading,
// and #/policy/abc an "invalid policy id".
func missingRecordJourney(t *testing.T, p *page, svc *service) {
	for _, l := range []struct{ heading, title string }{{"没有找到这项记录。", "没有找到这项记录。 · 校企"}, {"There is no such record.", "There is no such record. · xiaoqi"}} {
		if l.title[0] == 'T' {
			p.open("/#/explore")
			p.switchLang()
			p.waitText("nav", "Search")
		}
		for _, path := range []string{"/#/institution/ins_bogus", "/#/hr/ent_bogus", "/#/policy/99", "/#/policy/abc"} {
			p.open(path)
			p.waitText("h1", l.heading)
			p.waitJS("the title of "+path, `document.title === `+jsString(l.title))
			if n := p.count("main .notice.error"); n != 0 || p.count("#home-link") != 1 {
				p.fail("%s shows %d errors and %d links home: want none and one", path, n, p.count("#home-link"))
			}
			if strings.Contains(p.text("main"), "invalid") || strings.Contains(p.text("main"), "无效") {
				p.fail("%s says the address is invalid: %q", path, p.text("main"))
			}
		}
		p.checkA11y("the page of a missing record")
	}
	p.noConsoleErrors(badRequest, notFoundStatus)
}

// pluralOneJourney: an English count of 1 is singular: a facet's "1 result" (it read "1
// results") and an import's "Download (1 problem)".
func pluralOneJourney(t *testing.T, p *page, svc *service, a actors) {
	at := time.Now().Add(-time.Minute).UTC()
	if err := svc.Store.PutImportJob(context.Background(), &xiaoqi.ImportJob{ID: "imp_onebad", Type: xiaoqi.KindJob, FileName: "one-bad.csv",
		Mode: "default", Source: "one", Status: xiaoqi.ImportDone, CreatedAt: at, StartedAt: at, FinishedAt: at, UpdatedAt: at,
		Summary: []byte(`{"format":"csv","counts":{"read":3,"written":2,"invalid":1},"problem_count":1}`)}); err != nil {
		t.Fatal(err)
	}
	p.signIn("admin-ui")
	p.switchLang()
	p.waitText("nav", "Search")
	p.open("/#/search?type=enterprise&q=" + url.QueryEscape(a.enterpriseName))
	p.waitJS("the facets", `!!document.querySelector('.facet-value .count')`)
	var units []string
	p.eval(`[...document.querySelectorAll('.facet-value .count')].filter((c) => c.firstChild.textContent === '1').map((c) => c.textContent)`, &units)
	if len(units) == 0 {
		p.fail("no facet counts 1")
	}
	for _, u := range units {
		if u != "1 result" {
			p.fail("a facet's count of 1 reads %q, want \"1 result\"", u)
		}
	}
	p.open("/#/admin")
	p.waitText(`tr[data-import=imp_onebad]`, "Download")
	if got := p.text(`tr[data-import=imp_onebad] a[download]`); got != "Download (1 problem)" {
		p.fail("the report of one problem reads %q", got)
	}
	p.noConsoleErrors()
}

// gapHeadingJourney: a skill gap's heading and its badge are two words to a screen reader:
// "Offshore deliverythis institution is best placed" ran them together.
func gapHeadingJourney(t *testing.T, p *page, svc *service) {
	var gaps struct {
		Gaps []struct {
			BestPlaced []struct{ ID string } `json:"best_placed"`
		} `json:"gaps"`
	}
	apiGet(t, svc.URL, "/api/v1/insights/gaps", url.Values{"region": {"关中"}, "limit": {"5"}}, &gaps)
	if len(gaps.Gaps) == 0 || len(gaps.Gaps[0].BestPlaced) == 0 {
		t.Fatal("no institution is best placed for a gap of 关中")
	}
	p.open("/#/institution/" + url.PathEscape(gaps.Gaps[0].BestPlaced[0].ID))
	p.waitJS("a gap of this institution", `!!document.querySelector('.gap-list h3 .badge.here')`)
	var names []string
	p.eval(`[...document.querySelectorAll('.gap-list h3')].filter((h) => h.querySelector('.badge.here')).map((h) => h.textContent)`, &names)
	for _, n := range names {
		if !strings.Contains(n, " 本校最具基础") {
			p.fail("a gap's heading reads %q: the badge runs into the skill", n)
		}
	}
	p.noConsoleErrors()
}

// profileErrorJourney: a wrong phone on #/me says the field once: "候选人有误：电话 电话格式不正确"
// said it twice.
func profileErrorJourney(t *testing.T, p *page, svc *service) {
	c := &xiaoqi.Candidate{Meta: xiaoqi.Meta{Synthetic: true}, Name: "欧阳晓月", Phone: "13700005555", Email: "xiaoyue@example.com",
		City: "西安市", Degree: "本科", Skills: []string{"Java"}, Visibility: xiaoqi.VisibilityAnonymous}
	res, err := svc.Store.Upsert(context.Background(), []xiaoqi.Doc{c})
	if err != nil {
		t.Fatal(err)
	}
	svc.addUser(t, "cand-twice", xiaoqi.RoleCandidate, res[0].ID)
	p.signIn("cand-twice")
	p.open("/#/me")
	p.waitJS("the details form", `!!document.querySelector('#details-form') && document.querySelector('#me-phone').value === '13700005555'`)
	p.do("a wrong phone", chromedp.SetValue("#me-phone", "12345"), chromedp.Click("#details-form button[type=submit]"))
	msg := p.waitText("#details-form .notice.error", "电话")
	if strings.Count(msg, "电话") != 1 || strings.Contains(msg, "phone") {
		p.fail("the phone's error reads %q: want 电话 said once", msg)
	}
	p.noConsoleErrors(badRequest)
}
