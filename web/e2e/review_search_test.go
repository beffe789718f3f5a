package e2e_test

import (
	"regexp"
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
