package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkAnswer fails unless r is a success or a client error in the API's error shape that
// names what was wrong: never a 500, never a panic, never an answer that is not JSON.
func checkAnswer(t *testing.T, what string, r response, ok ...int) {
	t.Helper()
	for _, s := range ok {
		if r.Status == s {
			return
		}
	}
	if r.Status >= 500 || r.Status < 400 {
		t.Fatalf("%s: status %d; body %.300s", what, r.Status, r.Body)
	}
	var e apiError
	if err := json.Unmarshal(r.Body, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("%s: status %d with body %.300s, want an error with code and message", what, r.Status, r.Body)
	}
	if r.Status == http.StatusBadRequest && len(e.Error.Details) == 0 {
		t.Fatalf("%s: 400 without details naming the parameter or field: %s", what, r.Body)
	}
}

// FuzzSearchParams sends any query string to /api/v1/search: q, type, city, region, sector,
// skill, degree, language, institution, enterprise, near, within, sort, page, per_page,
// facets, facet_size and whatever else a client makes up. The answer is 200 or a 400 that
// names the parameter, never a 500.
func FuzzSearchParams(f *testing.F) {
	for _, s := range []string{
		"q=软件测试&city=西安", "q=java&sort=date&page=2&per_page=5", "page=0", "page=-1", "page=99999999999999999999",
		"per_page=1000", "near=34.26,108.94&within=10&sort=distance", "near=西安&within=2001", "near=91,0",
		"facets=city,skill&facet_size=3", "facets=name", "type=job,program", "type=jobs&type=policies",
		"sort=relevance", "sort=date_asc", "sort={\"$natural\":1}", "q=%00%ff", "city[$ne]=x", "q=" + strings.Repeat("测", 300),
		"within=NaN&near=西安", "page=1e3", "per_page=%20", "skill=a&skill=b&skill=c", "q=&q=x",
	} {
		f.Add(s)
	}
	e := newEnv(f)
	e.create(f, "jobs", javaJob)
	f.Fuzz(func(t *testing.T, query string) {
		v, err := url.ParseQuery(query)
		if err != nil {
			return // the server refuses it too
		}
		// Encoded again: a raw space or control byte would break the request line, which
		// net/http refuses before the API sees it.
		r := e.get(t, "/api/v1/search?"+v.Encode())
		checkAnswer(t, "search?"+v.Encode(), r, http.StatusOK)
	})
}

// FuzzListParams sends any query string to a list endpoint: filters, limit and after.
func FuzzListParams(f *testing.F) {
	for _, s := range []string{"city=西安市", "limit=0", "limit=1001", "limit=-5", "after=job_zzz", "synthetic=maybe",
		"source=x&external_id=y", "city[$ne]=x", "$where=1", "limit=1&limit=2", "enterprise_id=%00"} {
		f.Add(s)
	}
	e := newEnv(f)
	e.create(f, "jobs", javaJob)
	f.Fuzz(func(t *testing.T, query string) {
		v, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		checkAnswer(t, "jobs?"+v.Encode(), e.get(t, "/api/v1/jobs?"+v.Encode()), http.StatusOK)
	})
}

// FuzzDecodeJSON sends any body to the strict JSON decoder of one-document and batch writes:
// unknown fields, wrong types, trailing data, deep nesting, bad UTF-8. A write either succeeds
// or is refused with 400 (413 when too large) naming the field; the server never fails.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{
		javaJob, `{}`, `[]`, `null`, `{"title":"x","city":"西安市"}`, `{"title":{"$ne":null}}`, `{"title":"x","bogus":1}`,
		`{"title":"x","headcount":1e30}`, `{"title":"x","posted_at":"yesterday"}`, `{"title":"x"} {"title":"y"}`,
		`{"id":{"a":1},"title":"x"}`, `{"skills":[1,2]}`, `[` + javaJob + `]`, `[` + javaJob + `,{"title":5}]`,
		`{"title":"\ud800"}`, "\ufeff" + javaJob, strings.Repeat("[", 10000), `{"title":"x","city":"西安市","history":[]}`,
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	e := newEnv(f)
	f.Fuzz(func(t *testing.T, body string, batch bool) {
		path := "/api/v1/jobs"
		if batch {
			path += "/batch"
		}
		r := e.send(t, http.MethodPost, path, body)
		checkAnswer(t, "POST "+path+" "+body, r, http.StatusCreated, http.StatusOK)
		if r.Status == http.StatusBadRequest && !utf8.Valid(r.Body) {
			t.Fatalf("error answer is not UTF-8: %q", r.Body)
		}
	})
}
