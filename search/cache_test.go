package search_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// TestResultCache: a search asked again is answered the same, callers may change what they
// get without changing the next answer, and no answer outlives a change to the index: an
// update, a deletion, a failed batch.
func TestResultCache(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x, corpus()...)
	q := xiaoqi.SearchQuery{Q: "软件测试", Facets: []string{"city"}}
	first := find(t, x, q)
	if len(first.Hits) == 0 || first.Hits[0].ID != "job_test_xa" {
		t.Fatalf("first search = %v", ids(first))
	}
	// What a caller does to its copy (the API removes fields from candidate hits).
	for i := range first.Hits {
		first.Hits[i].Title = "changed by the caller"
		delete(first.Hits[i].Fields, "city")
	}
	first.Facets["city"] = nil
	again := find(t, x, q)
	if again.Hits[0].Title != "软件测试工程师" || again.Hits[0].Fields["city"] == nil || len(again.Facets["city"]) == 0 {
		t.Errorf("second search shows the caller's changes to the first: %+v, facets %v", again.Hits[0], again.Facets)
	}

	// An update: the new title at once, never the cached one.
	job := corpus()[0].(*xiaoqi.JobNeed)
	job.Name, job.Version = "软件测试主管", 2
	index(t, x, job)
	if got := find(t, x, q); got.Hits[0].ID != "job_test_xa" || got.Hits[0].Title != "软件测试主管" {
		t.Errorf("after an update: %q %q, want the new title", got.Hits[0].ID, got.Hits[0].Title)
	}
	// A deletion: gone at once.
	if err := x.Apply([]xiaoqi.Change{{Seq: x.Seq() + 1, Op: xiaoqi.OpDelete, Kind: xiaoqi.KindJob, ID: "job_test_xa"}}); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids(find(t, x, q)) {
		if id == "job_test_xa" {
			t.Errorf("deleted document still found: %v", ids(find(t, x, q)))
		}
	}
	// A failed batch (an unknown op after a valid upsert) applies nothing, and the cache
	// still answers as the index does.
	before := ids(find(t, x, q))
	bad := append(upserts(x.Seq(), corpus()[0]), xiaoqi.Change{Seq: x.Seq() + 2, Op: "rename", ID: "job_x"})
	if err := x.Apply(bad); err == nil {
		t.Fatal("Apply with an unknown op succeeded")
	}
	if got := ids(find(t, x, q)); len(got) != len(before) {
		t.Errorf("after a failed batch %v, before %v", got, before)
	}
}

// TestResultCacheOff: CacheEntries below 0 keeps nothing and answers the same.
func TestResultCacheOff(t *testing.T) {
	opt := options(t)
	opt.CacheEntries = -1
	x, err := search.Open(t.TempDir()+"/index", opt)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	index(t, x, corpus()...)
	for range 2 {
		res, err := x.Search(context.Background(), xiaoqi.SearchQuery{Q: "软件测试"})
		if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != "job_test_xa" {
			t.Fatalf("search without a cache: %v, %v", res, err)
		}
	}
}

// TestResultCacheNearRealTime: with CacheMaxStale, an ordinary update may be answered from
// the cache for that long, but a wait for the update (?refresh=wait_for), a deletion and a
// change to a candidate show at once.
func TestResultCacheNearRealTime(t *testing.T) {
	x, title := staleIndex(t, time.Hour, nil) // longer than the test: what it sees is not timing
	q := xiaoqi.SearchQuery{Q: "软件测试"}

	// An ordinary update: the kept answer may still be served (this is the allowance)…
	job := corpus()[0].(*xiaoqi.JobNeed)
	job.Name, job.Version = "软件测试主管", 2
	index(t, x, job)
	if got := title(); got != "软件测试工程师" {
		t.Errorf("right after an ordinary update: %q, want the kept answer", got)
	}
	// … until the writer waits for it, as ?refresh=wait_for does.
	if err := x.WaitFor(context.Background(), x.Seq()); err != nil {
		t.Fatal(err)
	}
	if got := title(); got != "软件测试主管" {
		t.Errorf("after WaitFor: %q, want the new title", got)
	}

	// A candidate's change shows at once: the candidate withdrew from search (its summary
	// no longer says 软件测试) and no kept answer lists it.
	cq := xiaoqi.SearchQuery{Q: "软件测试", Types: []xiaoqi.Kind{xiaoqi.KindCandidate}}
	if got := ids(find(t, x, cq)); len(got) != 1 || got[0] != "cnd_wang" {
		t.Fatalf("candidates for 软件测试: %v", got)
	}
	cnd := corpus()[6].(*xiaoqi.Candidate)
	cnd.Skills, cnd.Summary, cnd.Version = []string{"Linux"}, "三年运维经验。", 2
	index(t, x, cnd)
	if got := ids(find(t, x, cq)); len(got) != 0 {
		t.Errorf("after the candidate's change, still found: %v", got)
	}

	// A deletion shows at once.
	find(t, x, q)
	if err := x.Apply([]xiaoqi.Change{{Seq: x.Seq() + 1, Op: xiaoqi.OpDelete, Kind: xiaoqi.KindJob, ID: "job_test_xa"}}); err != nil {
		t.Fatal(err)
	}
	if got := title(); got != "(not found)" {
		t.Errorf("after a deletion: %q, want it gone", got)
	}
}

// TestResultCacheRenews: an answer asked for after an ordinary change, once three quarters of
// its allowance have gone, is still served (the visitor does not wait for the engine) and is
// computed again in the background, so that the next search shows the change long before
// the allowance ends; before that, nothing runs in the background.
func TestResultCacheRenews(t *testing.T) {
	var clock atomic.Int64 // the cache's now, in nanoseconds: read by background searches too
	clock.Store(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC).UnixNano())
	wait := func(d time.Duration) { clock.Add(int64(d)) }
	x, title := staleIndex(t, time.Minute, func() time.Time { return time.Unix(0, clock.Load()) })
	job := corpus()[0].(*xiaoqi.JobNeed)
	job.Name, job.Version = "软件测试主管", 2
	index(t, x, job)

	wait(40 * time.Second) // two thirds of the allowance: served, not renewed
	if got := title(); got != "软件测试工程师" {
		t.Errorf("40 s after an update: %q, want the kept answer", got)
	}
	search.WaitRenewals(x)
	if got := title(); got != "软件测试工程师" {
		t.Errorf("40 s after an update, after renewals: %q; renewed before three quarters of the allowance", got)
	}

	wait(6 * time.Second) // past three quarters: served, and renewed in the background
	if got := title(); got != "软件测试工程师" {
		t.Errorf("46 s after an update: %q, want the kept answer served while it is renewed", got)
	}
	search.WaitRenewals(x)
	if got := title(); got != "软件测试主管" {
		t.Errorf("after the renewal (46 s of an allowance of 60): %q, want the new title", got)
	}
}

// staleIndex opens an index of the corpus with a cache allowance of maxStale (and the cache
// clock now, if not nil), closed at the end of the test, and returns it with a function that
// searches 软件测试 and returns the title of job_test_xa found, after checking the first.
func staleIndex(t *testing.T, maxStale time.Duration, now func() time.Time) (*search.Index, func() string) {
	t.Helper()
	opt := options(t)
	opt.CacheMaxStale = maxStale
	x, err := search.Open(t.TempDir()+"/index", opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	if now != nil {
		search.SetCacheClock(x, now)
	}
	index(t, x, corpus()...)
	title := func() string {
		for _, h := range find(t, x, xiaoqi.SearchQuery{Q: "软件测试"}).Hits {
			if h.ID == "job_test_xa" {
				return h.Title
			}
		}
		return "(not found)"
	}
	if got := title(); got != "软件测试工程师" {
		t.Fatalf("first search: %q", got)
	}
	return x, title
}
