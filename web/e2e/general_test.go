package e2e_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/xiaoqi-dev/xiaoqi"
)

// languageJourney: the English switch changes every text, survives a reload (localStorage)
// and switches back.
func languageJourney(t *testing.T, p *page, svc *service, a actors) {
	p.open("/#/explore")
	p.waitText("nav", "留学生创业")
	var lang string
	p.eval(`document.documentElement.lang`, &lang)
	if lang != "zh-CN" {
		p.fail("lang=%q, want zh-CN by default", lang)
	}
	p.switchLang()
	p.waitText("nav", "Returnees")
	p.waitText("h1", "Returnees: where and in which sector")
	p.waitJS("the view's title in English", `document.title === 'Returnees: where and in which sector to found an outsourcing company · xiaoqi'`)
	p.waitText("#dossier-h", "Xi'an · Software development and testing")
	p.eval(`document.documentElement.lang`, &lang)
	if lang != "en" {
		p.fail("lang=%q after the switch, want en", lang)
	}
	p.checkA11y("the explorer in English")
	p.do("reload", chromedp.Reload())
	p.waitText("h1", "Returnees")

	// The data's Chinese values have English names: the institution's level, authority, city
	// and region; the partner cards' cities; the programs' degree; and an estimate is said
	// once, in English.
	han := regexp.MustCompile(`\p{Han}`)
	p.open("/#/institution/" + a.institutionID)
	p.waitJS("the institution's partners and programs", `document.querySelectorAll('.partners .match').length > 0 && document.querySelectorAll('.programs-list li').length > 0`)
	if lead := p.text(".lead"); han.MatchString(lead) || !strings.Contains(lead, "Guanzhong") {
		p.fail("the institution's header in English: %q", lead)
	}
	for _, city := range p.texts(".partners .match-head .muted") {
		if han.MatchString(city) {
			p.fail("a partner card's city in English: %q", city)
		}
	}
	p.waitText(".programs-list .muted", "Bachelor's")
	var twice []string
	p.eval(`[...document.querySelectorAll('.factors li')].map(li => li.innerText).filter(x => (x.match(/estimate/gi) || []).length > 1 || x.includes('估算'))`, &twice)
	if len(twice) > 0 {
		p.fail("explanations that say estimate twice, or in Chinese: %q", twice)
	}
	p.open("/#/hr/" + a.enterpriseID)
	p.waitJS("the enterprise's jobs", `document.querySelectorAll('.job-list li').length > 0`)
	if lead := p.text(".lead"); han.MatchString(lead) || !strings.Contains(lead, "Guanzhong") {
		p.fail("the HR page's header in English: %q", lead)
	}
	for _, meta := range p.texts(".job-list .muted") {
		for _, degree := range []string{"本科", "大专", "硕士", "博士", "不限"} {
			if strings.Contains(meta, degree) {
				p.fail("a job's degree in English: %q", meta)
			}
		}
	}
	p.checkA11y("the HR page in English")
	// Skills, stored under their Chinese names, show the taxonomy's English names.
	var skills listAnswer[xiaoqi.Skill]
	apiGet(t, svc.URL, "/api/v1/skills", nil, &skills)
	english := map[string]string{}
	for _, s := range skills.Data {
		if s.NameZH != s.NameEN {
			english[s.NameZH] = s.NameEN
		}
	}
	var jobs listAnswer[jobDoc]
	apiGet(t, svc.URL, "/api/v1/jobs", url.Values{"enterprise_id": {a.enterpriseID}, "limit": {"50"}}, &jobs)
	shown := map[string]bool{}
	for _, line := range p.texts(".job-list .skills") {
		for _, s := range strings.Split(line, ", ") {
			shown[s] = true
		}
	}
	checked := 0
	for _, j := range jobs.Data {
		for _, s := range j.Skills {
			if en, ok := english[s]; ok {
				checked++
				if !shown[en] || shown[s] {
					p.fail("the skill %s of %q is not shown as %q in English", s, j.Title, en)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no job of the enterprise has a skill with an English name")
	}

	p.open("/#/search?q=Java")
	p.waitText("#results-h", "results")
	p.waitText(".tabs", "Institutions")
	p.waitText(".tabs", "Jobs")
	p.switchLang()
	p.waitText("nav", "搜索")
	p.waitText("#results-h", "条结果")
	p.noConsoleErrors()
}

// keyboardJourney: the first Tab reaches the skip link, focus is always visible, and the
// search works without a mouse.
func keyboardJourney(t *testing.T, p *page, svc *service) {
	p.open("/")
	p.waitText("h1", "搜索")
	p.do("tab", chromedp.KeyEvent(kb.Tab))
	var active string
	p.eval(`document.activeElement.className`, &active)
	if active != "skip" {
		p.fail("the first Tab reaches %q, want the skip link", active)
	}
	var problem string
	p.eval(focusVisibleScript, &problem)
	if problem != "" {
		p.fail("skip link: %s", problem)
	}
	// Tab through the header to the search box, checking the focus ring on the way.
	for i := 0; i < 12; i++ {
		p.do("tab", chromedp.KeyEvent(kb.Tab))
		p.eval(focusVisibleScript, &problem)
		if problem != "" {
			p.fail("after %d tabs: %s", i+2, problem)
		}
		var id string
		p.eval(`document.activeElement.id`, &id)
		if id == "q" {
			p.do("type and press Enter", chromedp.KeyEvent("Python"), chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Enter))
			p.waitText("#results-h", "条结果")
			p.noConsoleErrors()
			return
		}
	}
	p.fail("the search box is not reached within 13 tabs")
}

// phoneJourney: every page at 375 px wide, without sideways scrolling and with its checks.
func phoneJourney(t *testing.T, p *page, svc *service, a actors) {
	p.do("phone size", chromedp.EmulateViewport(375, 812))
	for _, path := range []string{"/#/search?q=" + "软件测试", "/#/explore", "/#/institution/" + a.institutionID, "/#/hr/" + a.enterpriseID, "/#/admin", "/#/me", "/#/signin", "/#/policy"} {
		p.open(path)
		p.waitJS("the page's content", `document.querySelector('h1') && !document.querySelector('main [role=status]')`)
		p.checkA11y(path + " at 375 px")
		if path == "/#/search?q=软件测试" {
			p.screenshot("phone-search", "")
		}
	}
	// In English, whose words are longer: the explorer's figures for screen readers (a table
	// hidden as sr-only, which a table's width ignores) made its page 550 px wide.
	p.switchLang()
	for _, path := range []string{"/#/explore", "/#/search?q=" + "软件测试", "/#/institution/" + a.institutionID, "/#/hr/" + a.enterpriseID, "/#/policy"} {
		p.open(path)
		p.waitJS("the page's content", `document.querySelector('h1') && !document.querySelector('main [role=status]')`)
		p.checkA11y(path + " in English at 375 px")
	}
	p.switchLang()
	p.noConsoleErrors()
}

// notFoundJourney: an address that names no page says so, leads back to the home page, and
// is marked rendered like every page (body[data-ready]).
func notFoundJourney(t *testing.T, p *page, svc *service) {
	p.open("/#/nonexistent")
	p.waitText("h1", "没有这个页面")
	p.waitText("#home-link", "返回首页")
	p.checkA11y("the page of an unknown address")
	p.click("#home-link")
	p.waitText("h1", "搜索")
	p.waitJS("the home page", `document.body.dataset.ready === 'search'`)
	p.noConsoleErrors()
}

// policyJourney: the policy the product implements, every item by section with an English
// gloss beside its heading, and one item whole; a search hit of a policy item leads to it.
func policyJourney(t *testing.T, p *page, svc *service) {
	p.open("/#/policy")
	p.waitText("h1", "促进服务外包产业加快发展的实施意见")
	if n := p.count(".policy-list li"); n != 15 {
		p.fail("%d policy items listed, want 15", n)
	}
	if n := p.count("h2"); n != 5 {
		p.fail("%d sections, want the policy's 5", n)
	}
	p.waitText(".policy-list [data-item='12'] .gloss", "Do more to train and attract talent")
	p.waitText("[data-note=translation]", "非官方译文")
	p.checkA11y("the policy")
	// Each view has its own title.
	p.waitJS("the policy's title", `document.title === '陕西省人民政府关于促进服务外包产业加快发展的实施意见（2015） · 校企'`)
	p.clickText(".policy-list a", "加大人才培育和引进力度")
	p.waitText("h1", "（十二）加大人才培育和引进力度")
	p.waitJS("the item's title", `document.title === '（十二）加大人才培育和引进力度 · 校企'`)
	p.waitText(".policy-text", "鼓励海外留学生在陕创办服务外包企业")
	// Beside the official text, its English, labelled an unofficial translation; on the
	// Chinese page the Chinese comes first.
	p.waitText("[data-version=translation] .policy-label", "非官方译文")
	p.waitText("[data-version=translation] .policy-text-en", "encourage overseas students to found service outsourcing enterprises in Shaanxi")
	var order []string
	p.eval(`[...document.querySelectorAll('[data-version]')].map((e) => e.dataset.version)`, &order)
	if strings.Join(order, " ") != "official translation" {
		p.fail("on the Chinese page the texts come as %q, want the official one first", order)
	}
	p.checkA11y("policy item (12)")
	// From a search hit.
	p.open("/#/search?type=policy&q=" + url.QueryEscape("留学生 创业"))
	p.waitJS("the search's title", `document.title === '「留学生 创业」的搜索结果 · 校企'`)
	// The hit names its item as the policy does (it read 第（12）项).
	p.waitText(".hits", "第（十二）项")
	if got := p.text(".hits"); regexp.MustCompile(`第（\d+）项`).MatchString(got) {
		p.fail("a policy hit names its item in digits: %q", got)
	}
	p.clickText(".hit-title a", "加大人才培育和引进力度")
	p.waitText(".policy-text", "双向合作机制")
	// An item the policy has not, named as the policy would name it.
	p.open("/#/policy/16")
	p.waitText("body", "政策没有第（十六）项。")
	p.noConsoleErrors()
}

// skipLinkJourney: the skip link moves the focus to the content and leaves the address as
// it was (it went to /#main, which a reload showed as 加载中 forever); an address of an
// in-page anchor on the first load shows the default page.
func skipLinkJourney(t *testing.T, p *page, svc *service) {
	p.open("/#/policy")
	p.waitText("h1", "促进服务外包产业加快发展的实施意见")
	p.do("tab to the skip link and press Enter", chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter))
	p.waitJS("the focus on the content", `document.activeElement && document.activeElement.id === 'main'`)
	var hash string
	p.eval(`location.hash`, &hash)
	if hash != "#/policy" {
		p.fail("the skip link changed the address to %q", hash)
	}
	// A new load (the same document only scrolls to an anchor).
	p.do("leave the page", chromedp.Navigate("about:blank"))
	p.open("/#main")
	p.waitJS("the default page", `document.body.dataset.ready === 'search' && !!document.querySelector('main h1')`)
	p.waitText("main h1", "搜索")
	p.noConsoleErrors()
}
