package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

type searchPage struct {
	Total   uint64       `json:"total"`
	Page    int          `json:"page"`
	PerPage int          `json:"per_page"`
	Hits    []xiaoqi.Hit `json:"hits"`
}

func TestSearchSeesWaitedWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ins := e.create(t, "institutions", xjtu)
	job := e.create(t, "jobs", javaJob)

	var page searchPage
	e.get(t, "/api/v1/search?q=java&type=jobs").want(t, http.StatusOK).decode(t, &page)
	if page.Total != 1 || len(page.Hits) != 1 || page.Hits[0].ID != job.ID || page.Hits[0].Type != xiaoqi.KindJob {
		t.Fatalf("search java in jobs: %+v, want job %s", page, job.ID)
	}
	if h := page.Hits[0]; h.Title != "Java开发工程师" || h.Version != job.Version {
		t.Errorf("hit %+v", h)
	}
	if page.Page != 1 || page.PerPage != 10 {
		t.Errorf("page %d per_page %d, want the defaults 1 and 10", page.Page, page.PerPage)
	}

	// Singular and plural types, comma-separated; an empty query matches everything.
	e.get(t, "/api/v1/search?type=institution,jobs&per_page=1&page=2").want(t, http.StatusOK).decode(t, &page)
	if page.Total != 2 || len(page.Hits) != 1 || page.Page != 2 || page.PerPage != 1 {
		t.Errorf("page 2 of everything: %+v", page)
	}
	e.get(t, "/api/v1/search?type=policies").want(t, http.StatusOK).decode(t, &page)
	if page.Total != 0 || page.Hits == nil {
		t.Errorf("search of policies: %+v, want no hits as []", page)
	}

	// Characters nobody sees, as pasted text carries them, do not change what is found: a soft
	// hyphen or a zero-width space inside a word found nothing, and so did a query of a control
	// character only (an empty query finds everything).
	for _, q := range []string{"ja\u00adva", "\u200bjava\u200b", "java\u0001"} {
		e.get(t, "/api/v1/search?type=jobs&q="+url.QueryEscape(q)).want(t, http.StatusOK).decode(t, &page)
		if page.Total != 1 {
			t.Errorf("search %q among jobs: %d hits, want the Java job", q, page.Total)
		}
	}
	e.get(t, "/api/v1/search?type=institution,jobs&q=%01").want(t, http.StatusOK).decode(t, &page)
	if page.Total != 2 {
		t.Errorf("search of U+0001: %d hits, want everything (2), as an empty query", page.Total)
	}
	e.get(t, "/api/v1/suggest?q="+url.QueryEscape("Ja\u00adv")).want(t, http.StatusOK)
	e.get(t, "/api/v1/suggest?q=%ff").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "q")

	// A delete with refresh=wait_for is gone from the next search.
	e.do(t, http.MethodDelete, "/api/v1/institutions/"+ins.ID+"?refresh=wait_for", nil, "").want(t, http.StatusNoContent)
	e.get(t, "/api/v1/search?type=institutions").want(t, http.StatusOK).decode(t, &page)
	if page.Total != 0 {
		t.Errorf("deleted institution still found: %+v", page)
	}
}

func TestSearchParameters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	long := strings.Repeat("软", xiaoqi.MaxQueryLength)
	tests := []struct {
		query  string
		status int
		field  string
	}{
		{"q=" + url.QueryEscape(long), 200, ""},
		{"q=" + url.QueryEscape(long+"件"), 400, "q"},
		{"page=0", 400, "page"},
		{"page=-1", 400, "page"},
		{"page=one", 400, "page"},
		{"page=1.5", 400, "page"},
		{"page=99999999999999999999", 400, "page"},
		{"per_page=0", 400, "per_page"},
		{"per_page=abc", 400, "per_page"},
		{"per_page=100", 200, ""},
		{"per_page=101", 400, "per_page"},
		{"page=100&per_page=100", 200, ""},
		{"page=101&per_page=100", 400, "page"},
		{"page=10001", 400, "page"},
		{"page=1&page=2", 400, "page"},
		{"type=unicorn", 400, "type"},
		{"type=job,unicorns", 400, "type"},
		{"type=Jobs,institution,,policy", 200, ""},
		{"type=jobs&type=programs", 200, ""},
		{"city=" + url.QueryEscape("西安"), 200, ""},
		{"city=" + strings.Repeat("x", 33), 400, "city"},
		{"sort=price", 400, "sort"},
		{"experience=3", 200, ""},
		{"experience=3-5", 200, ""},
		{"experience=" + url.QueryEscape("3年以上"), 200, ""},
		{"experience=" + url.QueryEscape("很多年"), 400, "experience"},
		{"experience=2024", 400, "experience"},
		{"q=%zz", 400, "query"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := e.get(t, "/api/v1/search?"+tt.query)
			if tt.status != http.StatusOK {
				r.wantError(t, tt.status, xiaoqi.EINVALID, tt.field)
				return
			}
			var page searchPage
			r.want(t, http.StatusOK).decode(t, &page)
			if page.Hits == nil {
				t.Errorf("hits is null: %s", r.Body)
			}
		})
	}
}
