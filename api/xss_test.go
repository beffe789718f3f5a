package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// xssPayloads are what an attacker writes into a title, a name or a description, hoping that
// a page shows it as HTML.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`<svg/onload=alert(1)>`,
	`javascript:alert(document.cookie)`,
	`</mark><script>alert(2)</script><mark>`,
}

// tagPattern finds HTML tags; a snippet may hold <mark> and </mark> only.
var tagPattern = regexp.MustCompile(`<[^>]*>`)

// TestXSS stores documents whose every text field holds script, and checks what a browser
// would get back: snippets are escaped HTML in which only the highlight marks are tags, JSON
// escapes < and > so that no answer can be sniffed as HTML, and websites must be web
// addresses (a javascript: link would run when clicked).
func TestXSS(t *testing.T) {
	e := newEnv(t)
	for _, p := range xssPayloads {
		ent := map[string]any{"name": "西安测试软件有限公司" + p, "city": "西安", "description": "软件测试外包 " + p + " 软件测试"}
		body, _ := json.Marshal(ent)
		entID := e.create(t, "enterprises", string(body)).ID
		job := map[string]any{"title": "软件测试工程师" + p, "enterprise_id": entID, "enterprise_name": "西安测试软件有限公司" + p,
			"city": "西安", "description": p + " 负责软件测试 " + p, "skills": []string{"软件测试"}}
		body, _ = json.Marshal(job)
		e.create(t, "jobs", string(body))
		inst := map[string]any{"name": "西安测试学院" + p, "city": "西安", "type": "university", "description": "开设软件测试专业" + p}
		body, _ = json.Marshal(inst)
		e.create(t, "institutions", string(body))
	}

	for _, q := range []string{"软件测试", "script", "alert", "onerror", "javascript", "mark", "img"} {
		r := e.get(t, "/api/v1/search?per_page=50&q="+url.QueryEscape(q)).want(t, http.StatusOK)
		checkJSONEscapes(t, "search "+q, r.Body)
		var res xiaoqi.SearchResult
		r.decode(t, &res)
		if q == "软件测试" && res.Total < 15 {
			t.Errorf("软件测试: %d hits, want the 15 documents", res.Total)
		}
		for _, h := range res.Hits {
			for _, tag := range tagPattern.FindAllString(h.Snippet, -1) {
				if tag != "<mark>" && tag != "</mark>" {
					t.Errorf("search %q: hit %s snippet has the tag %s: %q", q, h.ID, tag, h.Snippet)
				}
			}
			if strings.Count(h.Snippet, "<mark>") != strings.Count(h.Snippet, "</mark>") {
				t.Errorf("search %q: snippet marks unbalanced: %q", q, h.Snippet)
			}
			// The snippet is HTML: unescaped it gives back the text, payload and all.
			plain := strings.NewReplacer("<mark>", "", "</mark>", "", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&amp;", "&").Replace(h.Snippet)
			if strings.ContainsAny(tagPattern.ReplaceAllString(h.Snippet, ""), "<>\"") {
				t.Errorf("search %q: snippet %q has unescaped < > or \"", q, h.Snippet)
			}
			// Every payload calls alert( (a snippet may cut the rest off).
			if q == "软件测试" && h.Type != xiaoqi.KindInstitution && !strings.Contains(plain, "alert(") {
				t.Errorf("search %q: snippet %q lost the payload", q, h.Snippet)
			}
		}
	}

	// Documents come back as they were written (the UI escapes when it shows them), as JSON
	// that escapes < and >.
	r := e.get(t, "/api/v1/jobs?limit=100").want(t, http.StatusOK)
	checkJSONEscapes(t, "list jobs", r.Body)
	if !strings.Contains(string(r.Body), `\u003cscript\u003ealert(1)\u003c/script\u003e`) {
		t.Errorf("list jobs: the payload is not there, escaped: %.300s", r.Body)
	}
	r = e.get(t, "/api/v1/suggest?q="+url.QueryEscape("西安测试")).want(t, http.StatusOK)
	checkJSONEscapes(t, "suggest", r.Body)

	// Websites: web addresses only.
	for _, w := range []string{"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox", `https://x.cn/"><script>`} {
		for _, res := range []string{"enterprises", "institutions"} {
			body, _ := json.Marshal(map[string]any{"name": "网址测试", "city": "西安", "type": "university", "website": w})
			e.send(t, http.MethodPost, "/api/v1/"+res, string(body)).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "website")
		}
	}
	for _, w := range []string{"https://www.xjtu.edu.cn", "http://example.cn/about", "www.nwu.edu.cn"} {
		body, _ := json.Marshal(map[string]any{"name": "网址测试" + w, "city": "西安", "website": w})
		e.send(t, http.MethodPost, "/api/v1/enterprises", string(body)).want(t, http.StatusCreated)
	}

	// An error answer that quotes what the user sent escapes it too.
	r = e.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"x","city":"西安","degree":"<script>alert(1)</script>"}`)
	r.want(t, http.StatusBadRequest)
	checkJSONEscapes(t, "error", r.Body)
	r = e.get(t, "/api/v1/search?sort="+url.QueryEscape("<script>alert(1)</script>"))
	r.want(t, http.StatusBadRequest)
	checkJSONEscapes(t, "error", r.Body)
}

// checkJSONEscapes fails if body holds a raw < or >: Go's encoder writes them as \u003c and
// \u003e, so that a JSON answer opened as a page, or sniffed as HTML, holds no tag.
func checkJSONEscapes(tb testing.TB, what string, body []byte) {
	tb.Helper()
	if i := bytes.IndexAny(body, "<>"); i >= 0 {
		tb.Errorf("%s: the JSON holds a raw %q: …%s…", what, body[i], body[max(0, i-60):min(len(body), i+60)])
	}
}

// TestSecurityHeadersEverywhere adds to TestSecurityHeaders the answers of the other
// middleware and handlers (metrics, readiness, OpenAPI, sign-in, 401 of a bad key, HEAD): every
// one forbids sniffing, framing and referrers, and carries a content security policy that
// allows nothing.
func TestSecurityHeadersEverywhere(t *testing.T) {
	e := newEnv(t)
	id := e.create(t, "policies", `{"number":99,"heading":"测试","text":"测试条款"}`).ID
	reqs := []struct{ method, path, body string }{
		{"GET", "/healthz", ""}, {"HEAD", "/healthz", ""}, {"GET", "/readyz", ""}, {"GET", "/metrics", ""},
		{"GET", "/api/v1/openapi.json", ""}, {"GET", "/api/v1/search?q=测试", ""}, {"GET", "/api/v1/search?page=0", ""},
		{"GET", "/api/v1/policies/" + id, ""}, {"GET", "/api/v1/policies/pol_nope", ""}, {"GET", "/nope", ""},
		{"PATCH", "/api/v1/policies", "{}"}, {"POST", "/api/v1/policies", "{bad json"}, {"GET", "/api/v1/imports", ""},
		{"GET", "/api/v1/session", ""}, {"POST", "/api/v1/session", `{"username":"nobody","password":"wrong password"}`},
	}
	for _, rq := range reqs {
		var r response
		if rq.path == "/api/v1/imports" {
			r = e.as("xq_abcdefabcdef_"+strings.Repeat("Q", 32)).get(t, rq.path) // 401
		} else if rq.body != "" {
			r = e.send(t, rq.method, rq.path, rq.body)
		} else {
			r = e.do(t, rq.method, rq.path, nil, "")
		}
		h := r.Header
		csp := h.Get("Content-Security-Policy")
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" ||
			!strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") ||
			h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s %s (status %d): security headers %v", rq.method, rq.path, r.Status, h)
		}
		if ct := h.Get("Content-Type"); r.Status != http.StatusNoContent && rq.method != "HEAD" && ct == "" {
			t.Errorf("%s %s: no Content-Type, a browser would sniff", rq.method, rq.path)
		}
	}
}
