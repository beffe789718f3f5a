package e2e_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// badRequest and notFoundStatus are the failed requests the browser logs for the addresses
// these journeys follow on purpose.
var (
	badRequest     = regexp.MustCompile(`status of 400`)
	notFoundStatus = regexp.MustCompile(`status of 404`)
)

// narrowOrderJourney: on a phone the results come before the filters in the keyboard's order
// as on the screen (WCAG 2.4.3): the filters stood first in the document and CSS moved them
// below, so Tab went through some 45 filter links before the first result. On a wide screen
// the filters still stand left of the results.
func narrowOrderJourney(t *testing.T, p *page, svc *service) {
	var order struct{ FirstHit, FirstFacet int }
	const tabOrder = `(() => { const all = [...document.querySelectorAll('main a[href], main button, main select, main input')];
		return {FirstHit: all.indexOf(document.querySelector('.hits a')), FirstFacet: all.indexOf(document.querySelector('.facet a'))} })()`
	p.do("phone size", chromedp.EmulateViewport(800, 900))
	p.open("/#/search?q=java")
	p.waitJS("results and facets", `!!document.querySelector('.hits a') && !!document.querySelector('.facet a')`)
	p.eval(tabOrder, &order)
	if order.FirstHit < 0 || order.FirstFacet < 0 || order.FirstHit > order.FirstFacet {
		p.fail("at 800 px the keyboard reaches the first result at stop %d, after the first filter at stop %d", order.FirstHit, order.FirstFacet)
	}
	var below bool
	p.eval(`document.querySelector('aside.filters').getBoundingClientRect().top >= document.querySelector('.hits').getBoundingClientRect().bottom`, &below)
	if !below {
		p.fail("at 800 px the filters are not below the results")
	}
	p.checkA11y("the search at 800 px")
	p.do("wide", chromedp.EmulateViewport(1280, 900))
	var beside bool
	p.eval(`(() => { const f = document.querySelector('aside.filters').getBoundingClientRect(), r = document.querySelector('section.results').getBoundingClientRect();
		return f.right <= r.left && Math.abs(f.top - r.top) < 2 })()`, &beside)
	if !beside {
		p.fail("at 1280 px the filters do not stand left of the results")
	}
	p.noConsoleErrors()
}

// badFilterJourney: a link with a filter the API refuses shows the error and, beside it, the
// address's filters as chips, the refused one marked: removing it searches again (the page
// showed the error alone, and every later search and tab kept the bad value). The Chinese
// error names the parameter as the page does (月薪, not salary).
func badFilterJourney(t *testing.T, p *page, svc *service) {
	for _, c := range []struct {
		query, chip, param, name string
	}{
		{"q=java&city=西安市&degree=" + url.QueryEscape("博士后"), "博士后", "degree", "学历："},
		{"q=java&city=西安市&type=bogus", "bogus", "type", "结果类型："},
		{"q=java&city=西安市&near=" + url.QueryEscape("北京市") + "&within=50", "北京市", "near", "靠近城市："},
		{"q=java&city=西安市&salary=zz", "zz", "salary", "月薪："},
		{"q=java&city=西安市&date_from=xx", "xx", "date_from", "起始日期："},
	} {
		p.open("/#/search?" + c.query)
		// (Below, the English half when it holds a figure the Chinese lacks, as it is.)
		msg, _, _ := strings.Cut(p.waitText("main .notice.error", "出错了"), "\n")
		if strings.Contains(msg, c.param+":") || !strings.Contains(msg, c.name) {
			p.fail("the error of %s reads %q: want the parameter named %q", c.param, msg, c.name)
		}
		p.waitText(".chip.invalid", c.chip)
		if n := p.count(".chip.invalid"); n != 1 {
			p.fail("%d chips marked for %s, want the refused one", n, c.query)
		}
		p.waitText(".chip:not(.invalid)", "西安")
		p.checkA11y("the search with a refused " + c.param)
		p.clickLive(".chip.invalid")
		p.waitJS("the search without "+c.param, `!!document.querySelector('.hits') && !document.querySelector('#search-error')`)
		var hash string
		p.eval(`decodeURIComponent(location.hash)`, &hash)
		if strings.Contains(hash, c.param+"=") || !strings.Contains(hash, "city=西安市") {
			p.fail("after removing the refused %s the address is %q: want it gone and the city kept", c.param, hash)
		}
	}
	p.noConsoleErrors(badRequest)
}

// liveResultsJourney: only the status of a search (loading, then the count) is live, not the
// whole list, which a screen reader read out on every search; the count is said once.
func liveResultsJourney(t *testing.T, p *page, svc *service) {
	p.open("/#/search?q=java")
	p.waitJS("the results", `!!document.querySelector('.hits .hit')`)
	if n := p.count("[aria-live] .hit, [role=status] .hit, [role=alert] .hit"); n != 0 {
		p.fail("%d results are inside a live region", n)
	}
	var said []string
	p.eval(`[...document.querySelectorAll('main [aria-live], main [role=status]')].map((e) => e.textContent)`, &said)
	if len(said) == 0 || !strings.Contains(strings.Join(said, "|"), "条结果") {
		p.fail("no live status says how many were found: %q", said)
	}
	// The directories of the finders: 2,000 names were one live region.
	for _, path := range []string{"/#/hr", "/#/institution"} {
		p.open(path)
		p.waitJS("the directory", `!!document.querySelector('.directory li')`)
		if n := p.count("[aria-live] .directory, [role=status] .directory"); n != 0 {
			p.fail("the directory of %s is inside a live region", path)
		}
	}
	p.noConsoleErrors()
}
