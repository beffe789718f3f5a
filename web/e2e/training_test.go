package e2e_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// trainingJourney: the page of a training institution speaks of its courses and trainees,
// not of majors and graduates, in Chinese and in English, as the match package's
// explanations of its partners do.
func trainingJourney(t *testing.T, p *page, svc *service) {
	var hits searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"职业技能培训学校"}, "type": {"institution"}}, &hits)
	id := ""
	for _, h := range hits.Hits {
		var inst struct{ Type string }
		apiGet(t, svc.URL, "/api/v1/institutions/"+h.ID, nil, &inst)
		if inst.Type == "training" {
			id = h.ID
			break
		}
	}
	if id == "" {
		t.Fatal("the default data set has no training institution")
	}
	p.open("/#/institution/" + id)
	p.waitJS("the courses", `document.querySelectorAll('.programs-list li').length > 0 && !!document.querySelector('#gaps-h')`)
	if lead := p.text(".lead"); !strings.Contains(lead, "培训机构") {
		p.fail("the lead of a training institution: %q", lead)
	}
	if h := p.text("#programs-h"); !strings.HasPrefix(h, "开设课程（") {
		p.fail("the courses' heading: %q", h)
	}
	if meta := p.text(".programs-list .muted"); !strings.Contains(meta, "年结业学员约") || strings.Contains(meta, "毕业生") {
		p.fail("a course's trainees: %q", meta)
	}
	if h := p.text("#gaps-h"); strings.Contains(h, "新专业") {
		p.fail("the gaps' heading promises a training institution new majors: %q", h)
	}
	// Each gap is a course for it to start, with the API's count of openings, not the
	// catalogue majors and the universities best placed to add them (可增设专业：130515TK …).
	var inst struct{ Region string }
	apiGet(t, svc.URL, "/api/v1/institutions/"+id, nil, &inst)
	var gaps struct {
		Gaps []struct {
			Skill   string
			SkillEN string `json:"skill_en"`
			Demand  int
		}
	}
	apiGet(t, svc.URL, "/api/v1/insights/gaps", url.Values{"region": {inst.Region}, "limit": {"5"}}, &gaps)
	if len(gaps.Gaps) == 0 {
		t.Fatalf("no gaps in %s", inst.Region)
	}
	p.waitJS("the gaps", `document.querySelectorAll('.gap-list li').length > 0`)
	first := gaps.Gaps[0]
	want := fmt.Sprintf("可开设「%s」培训课程：%d 个岗位需要", first.Skill, first.Demand)
	if got := p.text(".gap-list li p"); !strings.HasPrefix(got, want) {
		p.fail("a training institution's first gap: %q, want it to start %q", got, want)
	}
	for _, g := range p.texts(".gap-list li p") {
		if strings.Contains(g, "可增设专业") || strings.Contains(g, "最具基础的院校") {
			p.fail("a training institution is told to add majors: %q", g)
		}
	}
	p.switchLang()
	p.waitText("#programs-h", "Courses (")
	if meta := p.text(".programs-list .muted"); !strings.Contains(meta, "trainees a year") || strings.Contains(meta, "graduates") {
		p.fail("a course's trainees in English: %q", meta)
	}
	p.waitText(".gap-list li p", "Start a course on ")
	if got := p.text(".gap-list li p"); !strings.HasPrefix(got, "Start a course on "+first.SkillEN+": asked for by "+fmt.Sprint(first.Demand)+" openings") {
		p.fail("a training institution's first gap in English: %q", got)
	}
	if lead := p.text(".lead"); !strings.HasPrefix(lead, "Training institution · ") {
		p.fail("the lead in English: %q", lead)
	}
	p.checkA11y("a training institution's page")

	// Found through its courses, among schools found through their majors: a training
	// institution is badged so and its count is of courses, not of 专业.
	q, name := "", ""
	for _, w := range []string{"呼叫中心", "数据标注", "外包", "实训课程"} {
		apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {w}, "type": {"institution"}, "per_page": {"20"}}, &hits)
		for _, h := range hits.Hits {
			if h.Fields.InstitutionType == "training" && h.Fields.Programs > 0 {
				q, name = w, h.Title
				break
			}
		}
		if name != "" {
			break
		}
	}
	if name == "" {
		t.Fatal("no training institution among the first 20 institutions found through their courses")
	}
	var got string
	li := `[...document.querySelectorAll('.finder li')].find(li => li.textContent.includes(` + jsString(name) + `))`
	p.open("/#/institution?q=" + url.QueryEscape(q))
	p.waitJS("the training institution in the finder", `!!`+li)
	if p.eval(li+`.textContent`, &got); !strings.Contains(got, "matching course") || strings.Contains(got, "program") {
		p.fail("a training institution found through its courses, in English: %q", got)
	}
	p.switchLang()
	p.waitText(".finder li", "与之相关")
	if p.eval(li+`.textContent`, &got); !strings.Contains(got, "门课程与之相关") || strings.Contains(got, "个专业") {
		p.fail("a training institution found through its courses: %q", got)
	}
	// Among search hits, its badge says what it is.
	p.open("/#/search?type=institution&q=" + url.QueryEscape("职业技能培训学校"))
	p.waitJS("the hits", `document.querySelectorAll('.hit').length > 0`)
	if badge := p.text(".hit .badge.kind"); badge != "培训机构" {
		p.fail("a training institution's badge: %q", badge)
	}
	p.noConsoleErrors()
}

// emptyPartnersJourney: a vocational college, whose programs the default data set does not
// hold, gets no suggested partners: the box says why (the API's zh/en), and nothing else
// ("null" was shown above it). Its gaps are courses to start, not 本科 majors.
func emptyPartnersJourney(t *testing.T, p *page, svc *service) {
	var hits searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"宝鸡职业技术学院"}, "type": {"institution"}}, &hits)
	if len(hits.Hits) == 0 || hits.Hits[0].Title != "宝鸡职业技术学院" {
		t.Fatal("the default data set has no 宝鸡职业技术学院")
	}
	p.open("/#/institution/" + hits.Hits[0].ID)
	p.waitText(".partners", "没有专业或课程")
	if txt := p.text(".partners"); strings.Contains(txt, "null") || strings.Contains(txt, "暂无") {
		p.fail("the empty partners box: %q", txt)
	}
	// A 专科 college adds no major of the 本科 catalogue the gaps suggest: it is told of
	// courses (or a specialisation) to start.
	p.waitJS("the gaps", `document.querySelectorAll('.gap-list li').length > 0`)
	if h := p.text("#gaps-h"); strings.Contains(h, "新专业") {
		p.fail("the gaps' heading promises a vocational college new majors: %q", h)
	}
	for _, g := range p.texts(".gap-list li p") {
		if !strings.HasPrefix(g, "可开设「") || strings.Contains(g, "可增设专业") {
			p.fail("a vocational college's gap: %q, want a course to start, not 本科 majors to add", g)
		}
	}
	p.switchLang()
	p.waitText(".partners", "no programs or courses of this institution")
	if txt := p.text(".partners"); strings.Contains(txt, "null") || hanChar.MatchString(txt) {
		p.fail("the empty partners box in English: %q", txt)
	}
	p.noConsoleErrors()
}

// policyEnglishJourney: in English the policy's sections have an English gloss, as its items
// do, and its Chinese headings are marked Chinese (lang), so that a screen reader reads them
// as Chinese in an English page.
func policyEnglishJourney(t *testing.T, p *page, svc *service) {
	p.open("/#/policy")
	p.switchLang()
	p.waitText("h1", "Shaanxi")
	var missing []string
	p.eval(`[...document.querySelectorAll('main h2')].filter((h) => !(h.querySelector('.gloss[lang=en]') || {}).textContent).map((h) => h.textContent)`, &missing)
	if len(missing) > 0 {
		p.fail("sections without an English gloss: %q", missing)
	}
	unmarked := `(() => { const out = []; const w = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
		for (let n = w.nextNode(); n; n = w.nextNode()) { if (/\p{Script=Han}/u.test(n.textContent) && !n.parentElement.closest('[lang^=zh]')) out.push(n.textContent) }
		return out })()`
	p.eval(unmarked, &missing)
	if len(missing) > 0 {
		p.fail("Chinese not marked as Chinese on the English policy page: %q", missing)
	}
	p.waitText("[data-note=translation]", "unofficial translation")
	// An English reader clicks the English heading, and reads the item in English, labelled
	// an unofficial translation, before the official Chinese (it was Chinese only).
	p.clickText(".policy-list a", "Do more to train and attract talent")
	p.waitText("h1", "（十二）加大人才培育和引进力度")
	p.waitJS("the item's English title", `document.title === '（十二）加大人才培育和引进力度 Do more to train and attract talent · xiaoqi'`)
	p.eval(unmarked, &missing)
	if len(missing) > 0 {
		p.fail("Chinese not marked as Chinese on the English page of item (12): %q", missing)
	}
	label := p.waitText("[data-version=translation] .policy-label", "Unofficial translation")
	if !strings.Contains(label, "非官方译文") {
		p.fail("the translation's label reads %q, want 非官方译文 beside it", label)
	}
	p.waitText("[data-version=translation]", "the Chinese text is authoritative")
	p.waitText("[data-version=official] .policy-label", "Official text")
	text := p.waitText(".policy-text-en", "Set up a two-way cooperation mechanism between service outsourcing enterprises and higher education institutions")
	if hanChar.MatchString(text) {
		p.fail("the English text of item (12) holds Chinese: %q", text)
	}
	var order []string
	p.eval(`[...document.querySelectorAll('[data-version]')].map((e) => e.dataset.version)`, &order)
	if strings.Join(order, " ") != "translation official" {
		p.fail("on the English page the texts come as %q, want the translation first", order)
	}
	// The policy reads on item by item.
	p.clickText(".policy-nav a[rel=next]", "Strengthen enterprises' capacity to innovate")
	p.waitText("h1", "（十三）强化企业创新能力建设")
	p.waitText(".policy-text-en", "(13) Strengthen enterprises' capacity to innovate.")
	p.checkA11y("policy item (13) in English")

	// A search in English finds an item by its English words.
	p.open("/#/search?type=policy&q=" + url.QueryEscape("venture capital"))
	p.waitText(".hit[data-type=policy] .hit-title", "积极发展金融保险行业服务外包")
	p.noConsoleErrors()
}
