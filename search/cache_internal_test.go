package search

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestResultCacheKeeps: an answer is kept for the same query in the same generation only,
// and large pages are not kept.
func TestResultCacheKeeps(t *testing.T) {
	c := newResultCache(2)
	res := &xiaoqi.SearchResult{Total: 1, Hits: []xiaoqi.Hit{{ID: "a", Fields: map[string]any{"city": "西安市"}}}}
	k1, ok := cacheKey(xiaoqi.SearchQuery{Q: "java"}, 1, 10)
	k2, _ := cacheKey(xiaoqi.SearchQuery{Q: "java"}, 2, 10)
	if !ok || k1 == k2 {
		t.Fatalf("keys of two pages: %q %q", k1, k2)
	}
	c.put(k1, c.generation(), res)
	if got, ok := c.get(k1); !ok || got.Hits[0].ID != "a" {
		t.Fatalf("get after put = %v, %v", got, ok)
	}
	if _, ok := c.get(k2); ok {
		t.Error("another page answered from the cache")
	}
	gen := c.generation()
	c.changed()
	if _, ok := c.get(k1); ok {
		t.Error("an answer of an older generation served")
	}
	c.put(k1, gen, res) // computed before the change, stored after it
	if _, ok := c.get(k1); ok {
		t.Error("an answer computed before a change kept after it")
	}
	big := &xiaoqi.SearchResult{Hits: make([]xiaoqi.Hit, maxCachedHits+1)}
	c.put(k2, c.generation(), big)
	if _, ok := c.get(k2); ok {
		t.Error("a page of more than maxCachedHits hits kept")
	}
	var off *resultCache = newResultCache(-1)
	off.put(k1, 0, res)
	if _, ok := off.get(k1); ok || off != nil {
		t.Error("CacheEntries -1 keeps answers")
	}
}
