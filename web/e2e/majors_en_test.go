package e2e_test

import (
	"net/url"
	"testing"
)

// hanText finds, in the texts of the elements sel selects, those holding Chinese characters.
func hanText(sel string) string {
	return `[...document.querySelectorAll(` + jsString(sel) + `)].map((e) => e.textContent).filter((s) => /\p{Script=Han}/u.test(s))`
}

// majorsEnglishJourney: a returned student on the English pages searches for a major in
// English and reads a university's programs and the gaps of its region. The English pages
// named every major and program in Chinese only (长安大学 · 软件工程), and an English search for
// software engineering found no program of it.
func majorsEnglishJourney(t *testing.T, p *page, svc *service) {
	p.open("/#/search")
	p.switchLang()
	p.waitText("nav", "Search")

	// An English major name finds its programs, named in English.
	p.open("/#/search?type=program&q=" + url.QueryEscape("software engineering"))
	p.waitText(".hits .hit-title", "Software Engineering")
	var titles, han []string
	p.eval(`[...document.querySelectorAll('.hits .hit-title')].map((e) => e.textContent)`, &titles)
	for _, s := range titles {
		if len(s) < len(" · Software Engineering") || s[len(s)-len(" · Software Engineering"):] != " · Software Engineering" {
			p.fail("a program hit of software engineering reads %q, want school · Software Engineering", s)
		}
	}
	// The school too, by the English name it writes where known (Chang'an University ·
	// Software Engineering, not 长安大学 · Software Engineering); the line below has 长安大学.
	var progs searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"software engineering"}, "type": {"program"}}, &progs)
	named := 0
	for i, x := range progs.Hits[:min(len(progs.Hits), len(titles))] {
		if en := x.Fields.InstitutionNameEN; en != "" {
			named++
			if titles[i] != en+" · Software Engineering" {
				p.fail("hit %d, a program of %s (%s), reads %q, want %q", i, x.Fields.InstitutionName, en, titles[i], en+" · Software Engineering")
			}
		}
	}
	if named == 0 {
		p.fail("no program of software engineering at a school with an English name among %q", titles)
	}
	if n := p.count("[data-notice=relaxed]"); n != 0 {
		p.fail("software engineering among programs was relaxed: %q", p.text("[data-notice=relaxed]"))
	}
	p.screenshot("search-en", "")

	// A candidate hit is "major · degree · city", all in English.
	p.open("/#/search?type=candidate&q=" + url.QueryEscape("computer science Xi'an"))
	p.waitText(".hits .hit-title", "Computer Science and Technology · ")
	p.eval(hanText(".hits .hit-title"), &han)
	if len(han) > 0 {
		p.fail("candidate hits on the English page with Chinese in their titles: %q", han)
	}

	// A university's programs, by their English names; the gaps' majors to add too.
	var inst searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"长安大学"}, "type": {"institution"}}, &inst)
	if len(inst.Hits) == 0 || inst.Hits[0].Title != "长安大学" {
		t.Fatalf("the default data set has no 长安大学: %+v", inst.Hits)
	}
	p.open("/#/institution/" + inst.Hits[0].ID)
	p.waitJS("programs and gaps", `document.querySelectorAll('.programs-list li').length > 0 && document.querySelectorAll('.gap-list li').length > 0`)
	p.waitText(".programs-list", "Software Engineering")
	p.eval(hanText(".programs-list li h3"), &han)
	if len(han) > 0 {
		p.fail("programs named in Chinese on the English page: %q", han)
	}
	var adds []string
	p.eval(`[...document.querySelectorAll('.gap-list li p')].map((e) => e.textContent).filter((s) => s.includes('majors to add:')).map((s) => s.split('majors to add:')[1].split(';')[0]).filter((s) => /\p{Script=Han}/u.test(s))`, &adds)
	if len(adds) > 0 {
		p.fail("gaps naming the majors to add in Chinese on the English page: %q", adds)
	}
	p.noConsoleErrors()
}
