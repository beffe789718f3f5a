package api_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
)

// TestUIRoutes: with Config.UI the server hands "/" and "/assets/…" to it with the UI's
// Content-Security-Policy (scripts and styles from this origin only), and keeps the strict
// policy on the API.
func TestUIRoutes(t *testing.T) {
	t.Parallel()
	store, err := bolt.Open(filepath.Join(t.TempDir(), "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	ui := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ui:"+r.URL.Path)
	})
	srv := api.New(api.Config{Store: store, ImportDir: t.TempDir(), UI: ui})
	t.Cleanup(func() { srv.Close() })
	const uiCSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
	for _, tc := range []struct {
		method, path string
		status       int
		body, csp    string
	}{
		{"GET", "/", 200, "ui:/", uiCSP},
		{"HEAD", "/", 200, "", uiCSP},
		{"GET", "/assets/app.js", 200, "ui:/assets/app.js", uiCSP},
		{"GET", "/api/v1/search", 503, "", "default-src 'none'"},
		{"GET", "/elsewhere", 404, "not_found", "default-src 'none'"},
		{"POST", "/", 405, "method_not_allowed", "default-src 'none'"},
	} {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.body) {
			t.Errorf("%s %s: %d %q, want %d with %q", tc.method, tc.path, rec.Code, rec.Body.String(), tc.status, tc.body)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.HasPrefix(csp, tc.csp) {
			t.Errorf("%s %s: Content-Security-Policy %q, want %q", tc.method, tc.path, csp, tc.csp)
		}
		if rec.Header().Get("X-Frame-Options") != "DENY" || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: security headers missing: %v", tc.method, tc.path, rec.Header())
		}
	}
}
