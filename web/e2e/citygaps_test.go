package e2e_test

import (
	"net/url"
	"strings"
	"testing"
)

// cityGapsJourney: a school outside 西安 sees the gaps of its own city on its page, not only
// its region's: a dean of 宝鸡 saw only 关中's, where the schools of 西安 are best placed. The
// choice is kept in the address, so a reload shows the city's gaps again.
func cityGapsJourney(t *testing.T, p *page, svc *service) {
	var insts listAnswer[struct{ ID, Name, Type, City string }]
	apiGet(t, svc.URL, "/api/v1/institutions", url.Values{"city": {"宝鸡市"}, "type": {"university"}, "limit": {"1"}}, &insts)
	if len(insts.Data) == 0 {
		t.Fatal("the default data set has no university in 宝鸡市")
	}
	var gaps struct {
		Gaps []struct{ Skill string }
	}
	apiGet(t, svc.URL, "/api/v1/insights/gaps", url.Values{"city": {"宝鸡市"}, "limit": {"5"}}, &gaps)
	if len(gaps.Gaps) == 0 {
		t.Fatal("宝鸡市 has no skill gap")
	}
	first := gaps.Gaps[0].Skill
	p.open("/#/institution/" + url.PathEscape(insts.Data[0].ID))
	p.waitText("#gaps-h", "关中")
	if got := p.text(`label[for=gaps-city]`); got != "只看本市（宝鸡市）" {
		p.fail("the city's box reads %q", got)
	}
	p.click("#gaps-city")
	p.waitText("#gaps-h", "宝鸡市")
	p.waitJS("the city's first gap", `(document.querySelector('.gap-list li') || {dataset: {}}).dataset.skill === `+jsString(first))
	var at string
	p.eval(`location.hash`, &at)
	if !strings.Contains(at, "gaps_city=1") {
		p.fail("the address %q does not keep the city's gaps", at)
	}
	p.open("/" + at)
	p.waitText("#gaps-h", "宝鸡市")
	var checked bool
	p.eval(`document.getElementById('gaps-city').checked`, &checked)
	if !checked {
		p.fail("after a reload the city's box is not ticked")
	}
	p.noConsoleErrors()
}
