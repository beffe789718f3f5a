package e2e_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// screenshots names a directory for the README's screenshots (docs/screenshots); empty:
// none are written.
var screenshots = flag.String("screenshots", "", "write a PNG of each journey into this directory (docs/screenshots)")

// stepTimeout bounds each wait for something to appear on the page.
const stepTimeout = 20 * time.Second

// chromiumPath finds Debian's chromium. A missing browser fails the test: CI installs it.
func chromiumPath(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	tb.Fatal("chromium is not installed: the UI tests need it. Install it with `apt-get install -y chromium` (Debian; CI does this in .ci/run)")
	return ""
}

// newBrowser starts headless chromium for the test and closes it at the end.
func newBrowser(tb testing.TB) context.Context {
	tb.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(tb)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("lang", "zh-CN"),
		chromedp.WindowSize(1280, 900),
		// Chromium says where to reach it once it has started, which on a loaded machine takes
		// longer than chromedp's 20 s (CI runs the packages in parallel): the wait is for that
		// line, up to the test's own deadline.
		chromedp.WSURLReadTimeout(startupTimeout(tb)),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	tb.Cleanup(cancel)
	bctx, bcancel := chromedp.NewContext(actx)
	tb.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	return bctx
}

// startupTimeout bounds a wait for the test's set-up (chromium started, the seed data
// indexed): what is left of the test's deadline (go test -timeout), else five minutes. A fixed
// bound of a minute or less failed on a machine busy with other packages, while nothing was
// wrong but the wait.
func startupTimeout(tb testing.TB) time.Duration {
	if t, ok := tb.(interface{ Deadline() (time.Time, bool) }); ok {
		if d, ok := t.Deadline(); ok {
			return max(time.Until(d)-30*time.Second, stepTimeout)
		}
	}
	return 5 * time.Minute
}

// page is one tab in its own browser context (own cookies and localStorage), for one journey.
type page struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu      sync.Mutex
	console []string // errors the page logged: exceptions, CSP violations, failed requests
}

// openPage opens a tab in a fresh browser context and starts collecting console errors.
func openPage(t *testing.T, browser context.Context, base string) *page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	p := &page{t: t, ctx: ctx, base: base}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" {
				p.mu.Lock()
				p.console = append(p.console, m.String())
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// consoleErrors returns the errors logged so far, except those the test expects (ok).
func (p *page) consoleErrors(ok ...*regexp.Regexp) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
next:
	for _, m := range p.console {
		for _, re := range ok {
			if re.MatchString(m) {
				continue next
			}
		}
		out = append(out, m)
	}
	return out
}

// fail saves a screenshot of the page and stops the test with its path.
func (p *page) fail(format string, args ...any) {
	p.t.Helper()
	msg := fmt.Sprintf(format, args...)
	dir, err := os.MkdirTemp("", "xiaoqi-ui-failure-")
	if err == nil {
		ctx, cancel := context.WithTimeout(p.ctx, 10*time.Second)
		defer cancel()
		if png, serr := chromedp.Run(ctx, chromedp.FullScreenshot(100)); serr == nil {
			path := filepath.Join(dir, sanitize(p.t.Name())+".png")
			if werr := os.WriteFile(path, png, 0o644); werr == nil {
				msg += "\n    screenshot: " + path
			}
		}
		if loc, lerr := chromedp.Run(ctx, chromedp.Location()); lerr == nil {
			msg += "\n    page: " + loc
		}
	}
	if errs := p.consoleErrors(); len(errs) > 0 {
		msg += "\n    console: " + strings.Join(errs, "\n             ")
	}
	p.t.Fatal(msg)
}

func sanitize(s string) string {
	return regexp.MustCompile(`[^A-Za-z0-9_.-]+`).ReplaceAllString(s, "_")
}

// do runs actions, failing the test (with a screenshot) on error. Each action has its own
// stepTimeout: a step that types three fields and clicks (chromedp sends three events a
// character) took over 20 s in all on a machine under load (TestUI/joblists), though no one
// action waited long.
func (p *page) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	for _, a := range actions {
		ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
		err := chromedp.Do(ctx, a)
		cancel()
		if err != nil {
			p.fail("%s: %v", what, err)
		}
	}
}

// open navigates to a path of the UI (such as "/#/explore") and waits until it has rendered
// (waitDrawn). An address the page already shows is loaded again: a navigation to the same
// fragment draws nothing.
func (p *page) open(path string) {
	p.t.Helper()
	var at string
	p.eval(`location.href`, &at)
	if at == p.base+path {
		p.do("reload "+path, chromedp.Reload())
	} else {
		p.do("open "+path, chromedp.Navigate(p.base+path))
	}
	p.waitDrawn("the page of " + path)
}

// drawnJS is true when the page has drawn the address it is at, every part of it: the page
// sets body's data-ready then, and data-drawn to that address. The address is compared, not
// data-ready alone, which is still set from the address before until the hashchange is
// dispatched: signing in draws the next page itself, and a test that typed into that page
// while it was still drawing lost what it typed to the redraw, and its click to the focus
// moving to the heading (TestUI/profileerror failed CI so).
const drawnJS = `document.body.dataset.ready !== undefined && document.body.dataset.drawn === location.hash`

// waitDrawn waits until the page has drawn the address it is at (drawnJS).
func (p *page) waitDrawn(what string) {
	p.t.Helper()
	p.waitJS(what+" to be drawn", drawnJS)
}

// switchLang presses the language button and waits until the page is drawn again in the
// other language: the menu's words change at once, the page's parts only as they load, and a
// test that went on when the menu changed acted on a page still being drawn.
func (p *page) switchLang() {
	p.t.Helper()
	var before string
	p.eval(`document.documentElement.lang`, &before)
	p.click("#lang")
	p.waitJS("the page in the other language", fmt.Sprintf(`document.documentElement.lang !== %s && %s`, jsString(before), drawnJS))
}

// waitJS waits until the JavaScript expression is true.
func (p *page) waitJS(what, expr string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(stepTimeout))); err != nil {
		p.fail("waiting for %s (%s): %v", what, expr, err)
	}
}

// waitText waits until the element sel shows text containing want, and returns its text.
func (p *page) waitText(sel, want string) string {
	p.t.Helper()
	p.waitJS(fmt.Sprintf("%s to show %q", sel, want),
		fmt.Sprintf(`[...document.querySelectorAll(%s)].some(e => e.innerText.includes(%s))`, jsString(sel), jsString(want)))
	return p.text(sel)
}

// eval evaluates a JavaScript expression and decodes its JSON value into out.
func (p *page) eval(expr string, out any) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr))
	if err != nil {
		p.fail("evaluate %s: %v", expr, err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		p.fail("evaluate %s: decode %s: %v", expr, raw, err)
	}
}

// text is the visible text of the first element sel ("" when there is none).
func (p *page) text(sel string) string {
	p.t.Helper()
	var s string
	p.eval(fmt.Sprintf(`(document.querySelector(%s) || {innerText: ""}).innerText`, jsString(sel)), &s)
	return s
}

// texts are the visible texts of every element sel.
func (p *page) texts(sel string) []string {
	p.t.Helper()
	var s []string
	p.eval(fmt.Sprintf(`[...document.querySelectorAll(%s)].map(e => e.innerText)`, jsString(sel)), &s)
	return s
}

// count is the number of elements sel.
func (p *page) count(sel string) int {
	p.t.Helper()
	var n int
	p.eval(fmt.Sprintf(`document.querySelectorAll(%s).length`, jsString(sel)), &n)
	return n
}

// click clicks the first element sel once it is visible.
func (p *page) click(sel string) {
	p.t.Helper()
	p.do("click "+sel, chromedp.WaitVisible(sel), chromedp.Click(sel))
}

// clickLive waits for an element sel and clicks it in the same step, for what is drawn again
// as data arrives (suggestions while the user types, lists redrawn after a save or a search):
// between finding a node and clicking it, chromedp's mouse click can lose it to the next
// drawing (seen once in CI).
func (p *page) clickLive(sel string) {
	p.t.Helper()
	p.waitJS("to click "+sel, fmt.Sprintf(`(() => { const e = document.querySelector(%s); if (!e) return false; e.click(); return true })()`, jsString(sel)))
}

// clickText clicks the first element sel whose text contains want.
func (p *page) clickText(sel, want string) {
	p.t.Helper()
	p.waitText(sel, want)
	var ok bool
	p.eval(fmt.Sprintf(`(() => { const e = [...document.querySelectorAll(%s)].find(e => e.innerText.includes(%s)); if (!e) return false; e.scrollIntoView(); e.click(); return true })()`,
		jsString(sel), jsString(want)), &ok)
	if !ok {
		p.fail("no %s with text %q to click", sel, want)
	}
}

// screenshot saves a PNG of the window for the README when -screenshots is given, scrolled
// so that the element sel is at the top ("" for the top of the page).
func (p *page) screenshot(name, sel string) {
	p.t.Helper()
	if *screenshots == "" {
		return
	}
	scroll := `window.scrollTo(0, 0)`
	if sel != "" {
		scroll = fmt.Sprintf(`document.querySelector(%s).scrollIntoView({block: 'start'})`, jsString(sel))
	}
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](scroll)); err != nil {
		p.fail("scroll for screenshot %s: %v", name, err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.fail("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(*screenshots, 0o755); err != nil {
		p.t.Fatal(err)
	}
	path := filepath.Join(*screenshots, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot %s", path)
}

// noConsoleErrors fails when the page logged an error: an exception, a CSP violation, a
// failed request. ok lists the errors the journey causes on purpose.
func (p *page) noConsoleErrors(ok ...*regexp.Regexp) {
	p.t.Helper()
	if errs := p.consoleErrors(ok...); len(errs) > 0 {
		p.fail("the page logged errors:\n%s", strings.Join(errs, "\n"))
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
