package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeVersion is the version of axe-core vendored in testdata/axe (its README says how to
// update it); the check fails when the file holds another, so the two never drift apart.
const axeVersion = "4.14.1"

// axeFile is axe-core's axe.min.js, read from disk by the test: it is never embedded in the
// binary nor served by it.
const axeFile = "testdata/axe/axe.min.js"

// axeTimeout bounds one injection and run of axe on a page (a long HR page takes a second or
// two on a busy machine).
const axeTimeout = 60 * time.Second

// axeRun runs axe on the whole document against the WCAG 2.0 and 2.1 A and AA rules and
// returns the violations, each with the first few elements it names. What axe could not
// decide ("incomplete") is not a violation: today that is the contrast of the explorer map's
// SVG labels over its region shapes, whose colour pairs TestContrast (package web) computes
// from the stylesheet instead.
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact || '', help: v.help, count: v.nodes.length,
    nodes: v.nodes.slice(0, 3).map(n => ({target: n.target.map(String).join(' '), html: n.html.slice(0, 160), summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim()})),
  })))`

// axeViolation is one rule that failed, as axeRun reports it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Count  int    `json:"count"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// checkAxe fails the test, with a screenshot, listing every violation of the WCAG 2.0/2.1 A
// and AA rules that axe-core finds on the current page: rule id, impact, help text and the
// first elements it names.
func (p *page) checkAxe(where string) {
	p.t.Helper()
	violations := p.axeViolations(where)
	if len(violations) == 0 {
		return
	}
	var b strings.Builder
	for _, v := range violations {
		fmt.Fprintf(&b, "\n  %s (%s, %d elements): %s", v.ID, v.Impact, v.Count, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n      %s — %s\n        %s", n.Target, n.Summary, n.HTML)
		}
	}
	p.fail("axe-core %s finds %d WCAG A/AA violations on %s:%s", axeVersion, len(violations), where, b.String())
}

// axeViolations injects axe-core into the current page (once per document: the UI routes by
// the URL fragment, so the script stays across its pages), runs axeRun and returns the
// violations.
//
// The script goes in through the DevTools protocol (Runtime.evaluate), which the page's
// Content-Security-Policy (script-src 'self', no inline code) does not govern, so the UI is
// checked under its real policy; axeJourney shows both.
func (p *page) axeViolations(where string) []axeViolation {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, axeTimeout)
	defer cancel()
	version, err := chromedp.Run(ctx, chromedp.Evaluate[string](`typeof axe === 'undefined' ? '' : axe.version`))
	if err != nil {
		p.fail("axe on %s: %v", where, err)
	}
	if version == "" {
		src, err := os.ReadFile(axeFile)
		if err != nil {
			p.t.Fatalf("axe-core is vendored in %s (see its README.txt): %v", axeFile, err)
		}
		if version, err = chromedp.Run(ctx, chromedp.Evaluate[string](string(src)+"\n;axe.version")); err != nil {
			p.fail("inject axe-core into %s: %v", where, err)
		}
	}
	if version != axeVersion {
		p.t.Fatalf("%s holds axe-core %s, want %s", axeFile, version, axeVersion)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		p.fail("axe.run on %s: %v", where, err)
	}
	var violations []axeViolation
	if err := json.Unmarshal(raw, &violations); err != nil {
		p.fail("axe.run on %s: decode %s: %v", where, raw, err)
	}
	return violations
}

// axeJourney checks the checker: under the UI's real Content-Security-Policy (an inline
// script the page adds does not run) axe-core still runs, and it reports the faults planted
// in the page, so a clean result on the other journeys means something.
func axeJourney(t *testing.T, p *page, svc *service) {
	resp, err := http.Get(svc.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("the page is served with Content-Security-Policy %q: not the strict policy this journey is about", csp)
	}
	p.open("/#/search")
	p.waitText("h1", "搜索")
	if v := p.axeViolations("the search page"); len(v) != 0 {
		p.fail("the search page has violations before any are planted: %+v", v)
	}
	var ran string
	p.eval(`(() => { const s = document.createElement('script'); s.textContent = 'document.body.dataset.inline = "ran"'; document.body.append(s); return document.body.dataset.inline || '' })()`, &ran)
	if ran != "" {
		p.fail("an inline script ran: the page's Content-Security-Policy is not in force, so this journey proves nothing")
	}
	// Plant three faults: a text box without a label, a button without a name, and pale grey
	// text on white (style set through the CSSOM, which the policy allows).
	p.eval(`(() => {
	  const main = document.querySelector('main');
	  const input = document.createElement('input'); input.id = 'planted-input'; main.append(input);
	  const button = document.createElement('button'); button.id = 'planted-button'; main.append(button);
	  const pale = document.createElement('p'); pale.id = 'planted-pale'; pale.textContent = '浅灰色的文字 pale text'; pale.style.color = '#c8c8c8'; pale.style.background = '#ffffff'; main.append(pale);
	  return true })()`, new(bool))
	found := map[string]string{}
	for _, v := range p.axeViolations("the search page with planted faults") {
		for _, n := range v.Nodes {
			found[v.ID] += n.Target + " "
		}
	}
	for rule, target := range map[string]string{"label": "#planted-input", "button-name": "#planted-button", "color-contrast": "#planted-pale"} {
		if !strings.Contains(found[rule], target) {
			p.fail("axe did not report %s on %s; it reported %v", rule, target, found)
		}
	}
}
