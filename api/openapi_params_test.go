package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// TestOpenAPIQueryParameters checks the declared query parameters against the handlers in
// both directions: every declared one is accepted, and every one a handler accepts is
// declared (probing each operation that refuses unknown parameters with every parameter name
// the document knows, and comparing with the "allowed" list of its error where it gives one).
func TestOpenAPIQueryParameters(t *testing.T) {
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Reference = testReference() }})
	doc := loadOpenAPI(t, e)

	names := map[string]bool{"limit": true, "after": true, "page": true, "q": true}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				if p.Value.In == "query" {
					names[p.Value.Name] = true
				}
			}
		}
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if method == http.MethodHead || path == "/metrics" {
				continue
			}
			pr := probe{method, path}
			declared := map[string]*openapi3.Parameter{}
			for _, p := range op.Parameters {
				if p.Value.In == "query" {
					declared[p.Value.Name] = p.Value
				}
			}
			// Every declared parameter is accepted, and each value its enum lists: the facets
			// of /search listed language, institution and enterprise, which it answers 400.
			for name, p := range declared {
				r := e.do(t, method, pr.url(t, op, url.Values{name: {exampleValue(p)}}), nil, "")
				if unknown, _ := unknownParam(t, r, name); unknown {
					t.Errorf("%s %s: declared parameter %s is refused as unknown: %s", method, path, name, r.Body)
				}
				enum := p.Schema.Value.Enum
				if items := p.Schema.Value.Items; items != nil {
					enum = items.Value.Enum
				}
				for _, v := range enum {
					q := url.Values{name: {fmt.Sprint(v)}}
					if name == "sort" && v == "distance" {
						q.Set("near", "西安") // its own 400 says it needs near
					}
					if r := e.do(t, method, pr.url(t, op, q), nil, ""); r.Status == http.StatusBadRequest {
						t.Errorf("%s %s: %s=%v, a value the document lists, is refused: %s", method, path, name, v, r.Body)
					}
				}
			}
			// Every accepted parameter is declared.
			r := e.do(t, method, pr.url(t, op, url.Values{"zz_unknown": {"1"}}), nil, "")
			unknown, allowed := unknownParam(t, r, "zz_unknown")
			if path == "/api/v1/search" && len(allowed) < 10 {
				t.Fatalf("search does not list its parameters in the error of an unknown one: %s", r.Body)
			}
			if !unknown {
				// Only the probes of operators ignore the query string; elsewhere an ignored
				// parameter looks like a filter that was applied (GET /api/v1/imports?status=…).
				if method == http.MethodGet && r.Status < 300 && path != "/healthz" && path != "/readyz" {
					t.Errorf("%s %s: an unknown parameter is ignored (status %d), not refused", method, path, r.Status)
				}
				continue
			}
			for _, name := range allowed {
				if declared[name] == nil {
					t.Errorf("%s %s: handler accepts %s (its error says so) but the document does not declare it", method, path, name)
				}
			}
			for name := range names {
				if declared[name] != nil {
					continue
				}
				r := e.do(t, method, pr.url(t, op, url.Values{name: {"1"}}), nil, "")
				if unknown, _ := unknownParam(t, r, name); !unknown {
					t.Errorf("%s %s: handler accepts %s (status %d) but the document does not declare it", method, path, name, r.Status)
				}
			}
		}
	}

	// The facets of a search are those the engine counts.
	var facets []string
	for _, p := range doc.Paths.Find("/api/v1/search").Get.Parameters {
		if p.Value.Name == "facets" {
			for _, v := range p.Value.Schema.Value.Items.Value.Enum {
				facets = append(facets, fmt.Sprint(v))
			}
		}
	}
	if want := search.FacetFields; !slices.Equal(facets, want) {
		t.Errorf("GET /api/v1/search: the document's facets %v, the engine's %v", facets, want)
	}

	// The list filters are exactly the store's filter fields, with limit and after.
	for _, k := range xiaoqi.Kinds {
		op := doc.Paths.Find("/api/v1/" + k.Plural()).Get
		var got []string
		for _, p := range op.Parameters {
			got = append(got, p.Value.Name)
		}
		want := append(slices.Clone(xiaoqi.FilterFields[k]), "limit", "after")
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("GET /api/v1/%s parameters %v, want %v", k.Plural(), got, want)
		}
	}
}

// TestOpenAPISearchTypeTabNames: /search takes the Chinese names of the UI's tabs as a type
// (README), and the document lists them, so that a client made from it may send them; it
// listed the English names only. TestOpenAPIQueryParameters sends every value listed.
func TestOpenAPISearchTypeTabNames(t *testing.T) {
	doc := loadOpenAPI(t, newEnv(t))
	p := doc.Paths.Find("/api/v1/search").Get.Parameters.GetByInAndName("query", "type")
	if p == nil || p.Schema.Value.Items == nil {
		t.Fatal("/api/v1/search declares no type array")
	}
	var enum []string
	for _, v := range p.Schema.Value.Items.Value.Enum {
		enum = append(enum, fmt.Sprint(v))
	}
	for _, tab := range []string{"院校", "专业", "企业", "岗位", "候选人", "政策"} {
		if !slices.Contains(enum, tab) {
			t.Errorf("the type of /search does not list the tab %s: %v", tab, enum)
		}
	}
}
