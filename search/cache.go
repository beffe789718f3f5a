package search

import (
	"encoding/json"
	"maps"
	"slices"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

	"github.com/xiaoqi-dev/xiaoqi"
)

// The result cache keeps the answers of recent searches, as Elasticsearch's request cache
// does: the same search again (the next visitor's "Java 西安", the UI going back a page or
// switching a tab) is answered from memory, and the same search asked by many at once runs
// once (singleflight).
//
// How long an answer lives:
//
//   - While the index does not change, for as long as the entry stays in the LRU.
//   - After an ordinary change (an upsert of a job, a school, an enterprise …), for at most
//     Options.CacheMaxStale after the search that computed it began: near-real-time search,
//     as Elasticsearch's one-second refresh interval gives. With 0 (the package default) every
//     change the index applies ends it.
//   - Never after a change that removes or hides something: a batch with a deletion or a
//     candidate (personal data: an erasure, a withdrawn consent) ends every answer computed
//     before it, at once. So does WaitFor: after `?refresh=wait_for` (what the web UI sends
//     with every write) the writer's next search shows its write.
//
// An answer served after a change, when more than three quarters of its allowance have gone,
// is computed again in the background (refresh ahead, as HTTP's stale-while-revalidate but
// within the allowance): under a steady stream of writes, the searches asked often are
// renewed before they end, and visitors seldom wait for the engine to answer them. One such
// search at a time (maxRefreshes); a hit that finds it busy is served and tries again at the
// next. Measured over HTTP at a million documents (twelve searches of which most find a tenth
// of the documents, 100–300 ms each in the engine; 10% writes), three rounds of each build
// in turn: at concurrency 1, 198–285 → 458–883 QPS, p99 103–123 → 9–49 ms; at 16, 902–1,437
// QPS before and 901–1,404 after (the two cores are busy either way). Renewing at half the
// allowance, which renews more often, ran slower at 4 and 16 (314 and 568 QPS in one run,
// against 582 and 684 for no renewal in an earlier one); two slots did no better than one.
//
// Entries are bounded in number, and pages of more than maxCachedHits hits are not kept.

// DefaultCacheEntries is the number of search results an Index keeps by default.
const DefaultCacheEntries = 1024

// maxCachedHits is the largest page the cache keeps: larger ones are rare and big.
const maxCachedHits = 20

// maxRefreshes is how many searches the cache runs in the background at once to renew
// answers (refresh ahead): one, so that visitors' searches keep the other core.
const maxRefreshes = 1

// renewAfter is the share of the allowance after which a served answer is renewed.
const renewAfter = 0.75

// cachedResult is an answer with the state of the index it was computed from.
type cachedResult struct {
	gen uint64    // the cache generation when the search began
	seq uint64    // the index's seq when the search began
	at  time.Time // when the search began
	res *xiaoqi.SearchResult
}

type resultCache struct {
	gen      atomic.Uint64 // bumped after every change to the index
	floor    atomic.Uint64 // answers computed at an index seq below it are never served
	maxStale time.Duration
	now      func() time.Time
	entries  *lru.Cache[string, cachedResult]
	flights  singleflight.Group
	renewing chan struct{} // a slot per background search that renews an answer
}

// newResultCache returns a cache of n entries, or nil for n < 0 (no cache), whose answers
// outlive an ordinary change by at most maxStale.
func newResultCache(n int, maxStale time.Duration) *resultCache {
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
	return &resultCache{entries: c, maxStale: max(maxStale, 0), now: time.Now, renewing: make(chan struct{}, maxRefreshes)}
}

// key is the cache key of a checked query: every field, so that two queries share an entry
// only when they ask the same.
func cacheKey(q xiaoqi.SearchQuery, page, perPage int) (string, bool) {
	q.Page, q.PerPage = page, perPage
	b, err := json.Marshal(q)
	return string(b), err == nil
}

// begin returns the state a search beginning now is computed from: read before it runs.
func (c *resultCache) begin(seq uint64) cachedResult {
	return cachedResult{gen: c.gen.Load(), seq: seq, at: c.now()}
}

// valid reports whether an answer computed from e's state may be served now.
func (c *resultCache) valid(e cachedResult) bool {
	if e.seq < c.floor.Load() {
		return false
	}
	return e.gen == c.gen.Load() || (c.maxStale > 0 && c.now().Sub(e.at) <= c.maxStale)
}

// get returns a copy of the result cached for key, if it may still be served, and whether it
// is due for renewal: computed before the index last changed, and older than renewAfter of
// the allowance.
func (c *resultCache) get(key string) (res *xiaoqi.SearchResult, renew, ok bool) {
	if c == nil {
		return nil, false, false
	}
	e, ok := c.entries.Get(key)
	if !ok || !c.valid(e) {
		return nil, false, false
	}
	renew = e.gen != c.gen.Load() && c.now().Sub(e.at) > time.Duration(renewAfter*float64(c.maxStale))
	return cloneResult(e.res), renew, true
}

// renew takes a slot for a background search that renews an answer, or reports that all are
// busy. Give it back with renewed.
func (c *resultCache) renew() bool {
	select {
	case c.renewing <- struct{}{}:
		return true
	default:
		return false
	}
}

// renewed gives back the slot renew took.
func (c *resultCache) renewed() { <-c.renewing }

// put keeps a copy of e's result under key, unless it may no longer be served.
func (c *resultCache) put(key string, e cachedResult) {
	if c == nil || len(e.res.Hits) > maxCachedHits || !c.valid(e) {
		return
	}
	e.res = cloneResult(e.res)
	c.entries.Add(key, e)
}

// do runs search for key once for all callers that ask at the same time, and returns a copy
// of its answer for this caller. An answer shared from a search that another caller began
// is served only if it may be (valid); otherwise, and when the other caller's search failed
// for its own reasons (its context ended), this caller's search runs on its own.
func (c *resultCache) do(key string, seq func() uint64, search func() (*xiaoqi.SearchResult, error)) (*xiaoqi.SearchResult, error) {
	run := func() (cachedResult, error) {
		e := c.begin(seq())
		res, err := search()
		if err != nil {
			return cachedResult{}, err
		}
		e.res = res
		c.put(key, e)
		return e, nil
	}
	ran := false // whether this caller's search ran: shared tells the leader too
	v, err, _ := c.flights.Do(key, func() (any, error) {
		ran = true
		return run()
	})
	if !ran && (err != nil || !c.valid(v.(cachedResult))) {
		v, err = run()
	}
	if err != nil {
		return nil, err
	}
	return cloneResult(v.(cachedResult).res), nil
}

// changed starts a new generation: answers computed before it are served for at most
// maxStale more. Call it after the index changed.
func (c *resultCache) changed() {
	if c != nil {
		c.gen.Add(1)
	}
}

// require ends every answer computed before the index reached seq: call it before the
// index records seq for a change that must show at once, and when a wait for seq ends.
func (c *resultCache) require(seq uint64) {
	if c == nil {
		return
	}
	for {
		f := c.floor.Load()
		if f >= seq || c.floor.CompareAndSwap(f, seq) {
			return
		}
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
			out.Facets[k] = slices.Clone(v) // an empty count stays [] in JSON, not null
		}
	}
	return &out
}
