package search

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// testCache returns a cache whose clock the test moves.
func testCache(n int, maxStale time.Duration) (*resultCache, *time.Time) {
	c := newResultCache(n, maxStale)
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	return c, &now
}

// TestResultCacheKeeps: without a staleness allowance an answer is kept for the same query
// in the same generation only, and large pages are not kept.
func TestResultCacheKeeps(t *testing.T) {
	c, _ := testCache(2, 0)
	res := &xiaoqi.SearchResult{Total: 1, Hits: []xiaoqi.Hit{{ID: "a", Fields: map[string]any{"city": "西安市"}}}}
	k1, ok := cacheKey(xiaoqi.SearchQuery{Q: "java"}, 1, 10)
	k2, _ := cacheKey(xiaoqi.SearchQuery{Q: "java"}, 2, 10)
	if !ok || k1 == k2 {
		t.Fatalf("keys of two pages: %q %q", k1, k2)
	}
	e := c.begin(5)
	e.res = res
	c.put(k1, e)
	if got, _, ok := c.get(k1); !ok || got.Hits[0].ID != "a" {
		t.Fatalf("get after put = %v, %v", got, ok)
	}
	if _, _, ok := c.get(k2); ok {
		t.Error("another page answered from the cache")
	}
	c.changed()
	if _, _, ok := c.get(k1); ok {
		t.Error("an answer of an older generation served")
	}
	c.put(k1, e) // computed before the change, stored after it
	if _, _, ok := c.get(k1); ok {
		t.Error("an answer computed before a change kept after it")
	}
	big := c.begin(6)
	big.res = &xiaoqi.SearchResult{Hits: make([]xiaoqi.Hit, maxCachedHits+1)}
	c.put(k2, big)
	if _, _, ok := c.get(k2); ok {
		t.Error("a page of more than maxCachedHits hits kept")
	}
	var off *resultCache = newResultCache(-1, time.Second)
	off.put(k1, e)
	if _, _, ok := off.get(k1); ok || off != nil {
		t.Error("CacheEntries -1 keeps answers")
	}
}

// TestResultCacheStale: with an allowance, an answer outlives ordinary changes for that long
// after its search began, and never a required seq (a deletion, a candidate, a wait).
func TestResultCacheStale(t *testing.T) {
	c, now := testCache(4, time.Second)
	k, _ := cacheKey(xiaoqi.SearchQuery{Q: "软件测试"}, 1, 10)
	e := c.begin(10)
	e.res = &xiaoqi.SearchResult{Total: 1, Hits: []xiaoqi.Hit{{ID: "a"}}}
	*now = now.Add(300 * time.Millisecond) // the search took 300 ms
	c.put(k, e)
	if _, renew, _ := c.get(k); renew {
		t.Error("an answer of the current generation due for renewal")
	}
	c.changed()
	c.changed()
	*now = now.Add(450 * time.Millisecond)
	if _, renew, ok := c.get(k); !ok || renew {
		t.Errorf("an answer 0.75 s old after changes: served %v, due for renewal %v; want served, not due", ok, renew)
	}
	*now = now.Add(time.Millisecond)
	if _, renew, ok := c.get(k); !ok || !renew {
		t.Errorf("an answer past three quarters of its allowance after changes: served %v, due for renewal %v; want both", ok, renew)
	}
	*now = now.Add(249 * time.Millisecond)
	if _, _, ok := c.get(k); !ok {
		t.Error("an answer 1 s old after ordinary changes not served with an allowance of 1 s")
	}
	*now = now.Add(time.Millisecond)
	if _, _, ok := c.get(k); ok {
		t.Error("an answer served more than 1 s after its search began, after changes")
	}

	// keep puts an answer of total hits computed from the index at seq, beginning now.
	keep := func(seq uint64, total uint64) {
		e := c.begin(seq)
		e.res = &xiaoqi.SearchResult{Total: total}
		c.put(k, e)
	}
	served := func() uint64 {
		if got, _, ok := c.get(k); ok {
			return got.Total
		}
		return 0
	}

	// Without changes an answer lives on.
	keep(10, 2)
	*now = now.Add(time.Hour)
	if served() != 2 {
		t.Error("an answer of the current generation not served an hour later")
	}

	// A required seq ends answers computed below it at once, whatever their age.
	c.changed()
	c.require(11)
	if served() != 0 {
		t.Error("an answer computed at seq 10 served after require(11)")
	}
	keep(10, 3) // a search that began before the index recorded seq 11
	if served() != 0 {
		t.Error("an answer computed at seq 10 kept after require(11)")
	}
	keep(11, 4)
	if served() != 4 {
		t.Error("an answer computed at the required seq not served")
	}
	c.require(5) // the floor never moves back
	if c.floor.Load() != 11 {
		t.Errorf("floor %d after require(5), want 11", c.floor.Load())
	}

	// Renewals run in a bounded number of slots.
	for i := range maxRefreshes {
		if !c.renew() {
			t.Fatalf("renewal slot %d of %d not given", i+1, maxRefreshes)
		}
	}
	if c.renew() {
		t.Errorf("more than %d renewals at once", maxRefreshes)
	}
	c.renewed()
	if !c.renew() {
		t.Error("a slot given back not given again")
	}
}

// TestResultCacheFlights: the same search asked by many at once runs once, each caller gets
// its own copy, and a shared answer that may not be served is computed again.
func TestResultCacheFlights(t *testing.T) {
	c, _ := testCache(4, 0)
	k, _ := cacheKey(xiaoqi.SearchQuery{Q: "Java"}, 1, 10)
	const callers = 8
	var runs atomic.Int32
	calling := make(chan struct{}, callers)
	// A search that lasts until every caller is about to ask, and 200 ms more: time for
	// them to join it.
	search := func() (*xiaoqi.SearchResult, error) {
		if runs.Add(1) == 1 {
			for range callers {
				<-calling
			}
			<-time.After(200 * time.Millisecond)
		}
		return &xiaoqi.SearchResult{Total: 7, Hits: []xiaoqi.Hit{{ID: "a", Fields: map[string]any{"city": "西安市"}}}}, nil
	}
	seq := func() uint64 { return 1 }
	out := make([]*xiaoqi.SearchResult, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			calling <- struct{}{}
			res, err := c.do(k, seq, search)
			if err != nil {
				t.Error(err)
			}
			out[i] = res
		})
	}
	wg.Wait()
	if r := runs.Load(); r < 1 || r >= callers {
		t.Errorf("%d callers ran the search %d times", callers, r)
	}
	out[0].Hits[0].Fields["city"] = "changed"
	for i, res := range out[1:] {
		if res.Total != 7 || res.Hits[0].Fields["city"] != "西安市" {
			t.Errorf("caller %d got %+v", i+1, res)
		}
	}

	// A leader whose answer is ended while it runs (a deletion): a caller that joins it, or
	// comes after it, runs its own search.
	runs.Store(0)
	block := make(chan struct{})
	entered := make(chan struct{})
	var first sync.Once
	slow := func() (*xiaoqi.SearchResult, error) {
		if runs.Add(1) == 1 {
			first.Do(func() { close(entered) })
			<-block
		}
		return &xiaoqi.SearchResult{Total: uint64(runs.Load())}, nil
	}
	wg.Go(func() { _, _ = c.do(k, seq, slow) })
	<-entered
	c.require(2) // the answer the leader computes from seq 1 may not be served
	var got *xiaoqi.SearchResult
	joining := make(chan struct{})
	wg.Go(func() {
		close(joining)
		got, _ = c.do(k, func() uint64 { return 2 }, slow)
	})
	<-joining
	close(block)
	wg.Wait()
	if got == nil || got.Total != 2 || runs.Load() != 2 {
		t.Errorf("after require: runs %d, second caller got %+v; want its own search", runs.Load(), got)
	}

	// A failed leader: the error is the caller's.
	if _, err := c.do("other", seq, func() (*xiaoqi.SearchResult, error) { return nil, errors.New("boom") }); err == nil {
		t.Error("a failed search answered")
	}
}
