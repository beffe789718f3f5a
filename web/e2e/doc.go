// Package e2e holds the end-to-end tests of the web UI: the whole service (embedded store
// with the default data set, search index, matcher, accounts, API and UI) on an httptest
// server, driven by Debian's headless Chromium through chromedp. Every journey of the UI is
// clicked through and checked for what a person sees, and each page for accessibility: the
// project's own checks and axe-core (testdata/axe, test-only) against WCAG 2.0/2.1 A and AA.
//
//	go test ./web/e2e/                                  # needs chromium (apt-get install chromium)
//	go test ./web/e2e/ -run TestUI -screenshots ../../docs/screenshots   # refresh the README's PNGs
//	go test ./web/e2e/ -run TestUI -args -apidelay 500ms                # find tests that race the page
//
// A failing step saves a screenshot of the page and prints its path.
package e2e
