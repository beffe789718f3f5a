package search

import (
	"encoding/json"
	"maps"
	"sync/atomic"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/xiaoqi-dev/xiaoqi"
)

// The result cache keeps the answers of recent searches for as long as the index does not
// change, as Elasticsearch's request cache does: the same search again (the next visitor's
// "Java 西安", the UI going back a page or switching a tab) is answered from memory. Every
// change the index applies (Apply) starts a new generation, and an entry answers only in the
// generation it was computed in, so the cache never shows what the index no longer holds
// (an update, a deletion, an erased candidate). Entries are bounded in number, and pages of
// more than maxCachedHits hits are not kept.

// DefaultCacheEntries is the number of search results an Index keeps by default.
const DefaultCacheEntries = 1024

// maxCachedHits is the largest page the cache keeps: larger ones are rare and big.
const maxCachedHits = 20

type cachedResult struct {
	gen uint64
	res *xiaoqi.SearchResult
}

type resultCache struct {
	gen     atomic.Uint64 // bumped after every change to the index
	entries *lru.Cache[string, cachedResult]
}

// newResultCache returns a cache of n entries, or nil for n < 0 (no cache).
func newResultCache(n int) *resultCache {
	if n < 0 {
		return nil
	}
	if n == 0 {
		n = DefaultCacheEntries
	}
	c, err := lru.New[string, cachedResult](n)
	if err != nil { // only for n ≤ 0
		return nil
	}
	return &resultCache{entries: c}
}

// key is the cache key of a checked query: every field, so that two queries share an entry
// only when they ask the same.
func cacheKey(q xiaoqi.SearchQuery, page, perPage int) (string, bool) {
	q.Page, q.PerPage = page, perPage
	b, err := json.Marshal(q)
	return string(b), err == nil
}

// get returns a copy of the result cached for key in the current generation.
func (c *resultCache) get(key string) (*xiaoqi.SearchResult, bool) {
	if c == nil {
		return nil, false
	}
	e, ok := c.entries.Get(key)
	if !ok || e.gen != c.gen.Load() {
		return nil, false
	}
	return cloneResult(e.res), true
}

// put keeps a copy of res under key for generation gen, read before the search began.
func (c *resultCache) put(key string, gen uint64, res *xiaoqi.SearchResult) {
	if c == nil || len(res.Hits) > maxCachedHits || gen != c.gen.Load() {
		return
	}
	c.entries.Add(key, cachedResult{gen: gen, res: cloneResult(res)})
}

// generation is the current generation (0 without a cache).
func (c *resultCache) generation() uint64 {
	if c == nil {
		return 0
	}
	return c.gen.Load()
}

// changed starts a new generation: every entry is stale. Call it after the index changed.
func (c *resultCache) changed() {
	if c != nil {
		c.gen.Add(1)
	}
}

// cloneResult copies res deeply enough that the caller may change hits and their fields
// (the API removes personal fields from candidate hits).
func cloneResult(res *xiaoqi.SearchResult) *xiaoqi.SearchResult {
	out := *res
	out.Hits = make([]xiaoqi.Hit, len(res.Hits))
	for i, h := range res.Hits {
		h.Fields = maps.Clone(h.Fields)
		if h.DistanceKM != nil {
			d := *h.DistanceKM
			h.DistanceKM = &d
		}
		out.Hits[i] = h
	}
	if res.Facets != nil {
		out.Facets = make(map[string][]xiaoqi.FacetCount, len(res.Facets))
		for k, v := range res.Facets {
			out.Facets[k] = append([]xiaoqi.FacetCount(nil), v...)
		}
	}
	return &out
}
