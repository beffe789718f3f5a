package search

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/xiaoqi-dev/xiaoqi"
)

// DefaultPerPage is the page size of a query that names none.
const DefaultPerPage = 10

// Search answers a full-text query. Q is analysed in code, never parsed as a query language,
// so no input can make it fail except the limits, which are answered EINVALID naming the
// parameter. Hits come by relevance (ties by id); an empty Q lists every document by id.
func (x *Index) Search(ctx context.Context, q xiaoqi.SearchQuery) (*xiaoqi.SearchResult, error) {
	start := time.Now()
	page, perPage, err := checkQuery(&q)
	if err != nil {
		return nil, err
	}
	text := x.textQuery(q.Q)
	req := bleve.NewSearchRequestOptions(withFilters(text, q), perPage, (page-1)*perPage, false)
	if strings.TrimSpace(q.Q) == "" {
		req.SortBy([]string{"_id"})
	} else {
		req.SortBy([]string{"-_score", "_id"})
	}
	req.Fields = storedFields
	req.IncludeLocations = true
	res, err := x.idx.SearchInContext(ctx, req)
	if err = closedErr(err); errors.Is(err, ErrClosed) {
		return nil, &xiaoqi.Error{Code: xiaoqi.EUNAVAILABLE, Message: "search is unavailable / 搜索暂不可用", Err: err}
	} else if err != nil {
		return nil, fmt.Errorf("search: query %q: %w", q.Q, err)
	}
	out := &xiaoqi.SearchResult{Total: res.Total, Page: page, PerPage: perPage, Hits: make([]xiaoqi.Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, x.hit(h))
	}
	out.Took = time.Since(start)
	return out, nil
}

// checkQuery validates the limits and normalises q, returning the page and page size.
func checkQuery(q *xiaoqi.SearchQuery) (page, perPage int, err error) {
	q.Q = strings.ToValidUTF8(q.Q, "")
	page, perPage = q.Page, q.PerPage
	if page == 0 {
		page = 1
	}
	if perPage == 0 {
		perPage = DefaultPerPage
	}
	switch {
	case utf8.RuneCountInString(q.Q) > xiaoqi.MaxQueryLength:
		return 0, 0, invalid("q", "must be at most %d characters / 查询词最多 %d 个字", xiaoqi.MaxQueryLength, xiaoqi.MaxQueryLength)
	case page < 0:
		return 0, 0, invalid("page", "must be 1 or more / 页码须大于 0")
	case perPage < 0 || perPage > xiaoqi.MaxPerPage:
		return 0, 0, invalid("per_page", "must be between 1 and %d / 每页 1 至 %d 条", xiaoqi.MaxPerPage, xiaoqi.MaxPerPage)
	case page > xiaoqi.MaxResultWindow || page*perPage > xiaoqi.MaxResultWindow:
		return 0, 0, invalid("page", "page × per_page must be at most %d; narrow the query / 结果窗口最多 %d 条，请缩小查询范围", xiaoqi.MaxResultWindow, xiaoqi.MaxResultWindow)
	}
	for _, k := range q.Types {
		if !k.Valid() {
			return 0, 0, invalid("type", "unknown type %q / 未知类型", k)
		}
	}
	return page, perPage, nil
}

func invalid(field, format string, args ...any) *xiaoqi.Error {
	msg := fmt.Sprintf(format, args...)
	return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: field + " " + msg,
		Details: []xiaoqi.FieldError{{Field: field, Message: msg}}}
}

// hit converts a bleve hit into what a result list shows.
func (x *Index) hit(h *search.DocumentMatch) xiaoqi.Hit {
	str := func(f string) string { s, _ := h.Fields[f].(string); return s }
	out := xiaoqi.Hit{ID: h.ID, Type: xiaoqi.Kind(str(fieldType)), Title: str(fieldTitle), Score: h.Score}
	out.Synthetic, _ = h.Fields[fieldSynthetic].(bool)
	if v, ok := h.Fields[fieldVersion].(float64); ok {
		out.Version = int64(v)
	}
	for _, f := range hitFields {
		switch v := h.Fields[f].(type) {
		case string:
			if v != "" {
				setField(&out, f, v)
			}
		case float64:
			setField(&out, f, int(v))
		}
	}
	out.Snippet = x.snippet(h, str(fieldTitle), str(fieldBody))
	return out
}

func setField(h *xiaoqi.Hit, name string, v any) {
	if h.Fields == nil {
		h.Fields = map[string]any{}
	}
	h.Fields[name] = v
}
