package e2e_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/xiaoqi-dev/xiaoqi"
)

// punctuationJourney: the English UI joins lists with ", " and follows a name with ": ", not
// with the Chinese 、 and ：: the search's active filters, the returnee explorer's supply
// note, the skills of programs and of job needs.
func punctuationJourney(t *testing.T, p *page, svc *service, a actors) {
	p.open("/#/explore")
	p.switchLang()
	p.waitText("nav", "Search")
	chinese := func(where, text string) {
		p.t.Helper()
		if strings.ContainsAny(text, "、：；") {
			p.fail("%s in English: %q", where, text)
		}
	}
	p.open("/#/search?q=Java&skill=Java&near=" + url.QueryEscape("西安市") + "&within=50")
	p.waitJS("the active filters", `document.querySelectorAll('.active-filters .chip').length === 2`)
	chips := p.texts(".active-filters .chip")
	for _, c := range chips {
		chinese("an active filter", c)
	}
	if !strings.Contains(strings.Join(chips, "|"), ": Java") {
		p.fail("the active filters in English: %q", chips)
	}

	p.open("/#/explore")
	note := p.waitText("[data-chart=supply] figcaption", "Python")
	chinese("the supply note", note)
	if !strings.Contains(note, ", ") {
		p.fail("the supply note lists no skills: %q", note)
	}

	p.open("/#/institution/" + a.institutionID)
	p.waitJS("the programs", `document.querySelectorAll('.programs-list .skills').length > 0`)
	for _, s := range p.texts(".programs-list .skills") {
		chinese("a program's skills", s)
	}
	p.open("/#/hr/" + a.enterpriseID)
	p.waitJS("the job needs", `document.querySelectorAll('.job-list .skills').length > 0`)
	for _, s := range p.texts(".job-list .skills") {
		chinese("a job's skills", s)
	}
	p.noConsoleErrors()
}

// pluralJourney: a count of one is said in the singular in English: "1 result", "Xi'an: 1
// open position", not "1 results".
func pluralJourney(t *testing.T, p *page, svc *service, a actors) {
	p.open("/#/explore")
	p.switchLang()
	p.waitText("nav", "Search")
	p.open("/#/search?type=enterprise&q=" + url.QueryEscape(a.enterpriseName))
	if h := p.waitText("#results-h", "result"); !strings.HasPrefix(h, "1 result") || strings.HasPrefix(h, "1 results") {
		p.fail("one result in English: %q", h)
	}
	// The map of a sector in which some city has one open position.
	var ones []string
	for _, sector := range []string{"software", "it_ops", "finance", "logistics", "medical", "energy"} {
		p.open("/#/explore?sector=" + sector)
		p.waitJS("the map", `document.querySelectorAll('svg.shaanxi a, svg.shaanxi [aria-label]').length > 1`)
		p.eval(`[...document.querySelectorAll('svg.shaanxi [aria-label]')].map(e => e.getAttribute('aria-label')).filter(l => /: 1 open/.test(l))`, &ones)
		if len(ones) > 0 {
			break
		}
	}
	if len(ones) == 0 {
		t.Fatal("no city of the sectors tried has one open position")
	}
	for _, l := range ones {
		if strings.Contains(l, "positions") {
			p.fail("a city with one open position in English: %q", l)
		}
	}
	p.noConsoleErrors()
}

// factorGapJourney: in English a factor's name ("Capacity", "Languages") is wider than the
// Chinese one (容量); it keeps a gap before its score, not "Capacity100%".
func factorGapJourney(t *testing.T, p *page, svc *service, a actors) {
	p.open("/#/explore")
	p.switchLang()
	p.waitText("nav", "Search")
	p.open("/#/institution/" + a.institutionID)
	p.waitJS("the partners' explanations", `document.querySelectorAll('.partners .factors .factor-score').length > 0`)
	var touching []string
	p.eval(`[...document.querySelectorAll('.factors li')].filter((li) => li.querySelector('.factor-score')).map((li) => {
		const n = li.querySelector('.factor-name').getBoundingClientRect(), s = li.querySelector('.factor-score').getBoundingClientRect();
		return s.left - n.right < 4 ? li.querySelector('.factor-name').textContent + li.querySelector('.factor-score').textContent : '' }).filter(Boolean)`, &touching)
	if len(touching) > 0 {
		p.fail("factor names run into their scores: %q", touching)
	}
	p.noConsoleErrors()
}

// profilePhoneJourney: a candidate reads their profile in English on a 375 px phone: the long
// English names ("Wants to found a company") do not squeeze the values into a column of a
// few letters, breaking the phone number, the birth date and "Bachelor's".
func profilePhoneJourney(t *testing.T, p *page, svc *service) {
	c := &xiaoqi.Candidate{Meta: xiaoqi.Meta{Synthetic: true}, Name: "令狐嘉怡", Phone: "13700001111", Email: "jiayi.linghu@example.com",
		BirthDate: "2000-02-29", City: "西安市", Degree: "本科", Skills: []string{"Java"}, Visibility: xiaoqi.VisibilityAnonymous}
	res, err := svc.Store.Upsert(context.Background(), []xiaoqi.Doc{c})
	if err != nil {
		t.Fatal(err)
	}
	svc.addUser(t, "cand-phone", xiaoqi.RoleCandidate, res[0].ID)
	p.do("phone size", chromedp.EmulateViewport(375, 812))
	p.signIn("cand-phone")
	p.switchLang()
	p.open("/#/me")
	p.waitText(".profile-list", "Bachelor's")
	var broken []string
	p.eval(`[...document.querySelectorAll('.profile-list dd')].filter((dd) => ['13700001111', '2000-02-29', "Bachelor's"].includes(dd.textContent)).filter((dd) => {
		const r = document.createRange(); r.selectNodeContents(dd); return r.getClientRects().length !== 1 }).map((dd) => dd.textContent)`, &broken)
	if len(broken) > 0 {
		p.fail("values broken over lines at 375 px in English: %q", broken)
	}
	p.checkA11y("the candidate's profile at 375 px in English")
	p.noConsoleErrors()
}
