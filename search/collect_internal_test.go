package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestTopNOrder: the pages topN collects are bleve's own sort with doc_id read for every hit,
// hit for hit, by relevance, by date (some documents have none), by distance and by id alone,
// with many ties, documents spread over several segments in an order unlike their ids,
// deleted documents, facets (one value, several, trimmed, none) and pages past the end.
func TestTopNOrder(t *testing.T) {
	x := newTestIndex(t)

	titles := []string{"软件测试工程师", "测试工程师", "软件测试", "Java开发工程师", "测试开发工程师（软件测试方向）"}
	bodies := []string{"", "负责软件测试。", "负责功能测试与自动化测试，编写测试用例，参与软件测试流程改进。"}
	rng := rand.New(rand.NewPCG(1, 2))
	perm := rng.Perm(600)
	var seq uint64
	for batch := range 4 { // a segment each
		var changes []xiaoqi.Change
		for _, n := range perm[batch*150 : (batch+1)*150] {
			seq++
			id := fmt.Sprintf("job_%04d", n)
			d := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: id, Version: 1}, Name: titles[n%len(titles)],
				Description: bodies[n%len(bodies)], City: []string{"西安市", "宝鸡市"}[n%2],
				Skills: [][]string{nil, {"Java"}, {"软件测试", "Python"}, {"Java", "MySQL", "Linux"}}[n%4]}
			if n%5 != 0 { // four days of postings, and some without a date
				d.PostedAt = time.Date(2026, 11, 20+n%4, 9, 0, 0, 0, time.UTC)
			}
			changes = append(changes, xiaoqi.Change{Seq: seq, Op: xiaoqi.OpUpsert, Kind: d.Kind(), ID: id, Version: 1, Doc: d})
		}
		if batch == 3 {
			for n := 0; n < 600; n += 7 {
				seq++
				changes = append(changes, xiaoqi.Change{Seq: seq, Op: xiaoqi.OpDelete, Kind: xiaoqi.KindJob, ID: fmt.Sprintf("job_%04d", n), Version: 2})
			}
		}
		if err := x.Apply(changes); err != nil {
			t.Fatal(err)
		}
	}

	near := &xiaoqi.GeoPoint{Lat: 34.5, Lon: 108.5} // between the two cities
	var queries []xiaoqi.SearchQuery
	for _, q := range []string{"软件测试", "测试", "工程师", "Java"} {
		queries = append(queries, xiaoqi.SearchQuery{Q: q})
	}
	queries = append(queries,
		xiaoqi.SearchQuery{Q: "测试", Sort: xiaoqi.SortDateDesc},
		xiaoqi.SearchQuery{Sort: xiaoqi.SortDateAsc},
		xiaoqi.SearchQuery{Q: "工程师", Sort: xiaoqi.SortDistance, Near: near},
		xiaoqi.SearchQuery{}) // a listing by id
	for _, sq := range queries {
		compareTopN(t, x, sq)
	}

	ctx := context.Background()
	// A count alone: no page, the same total.
	r := bleve.NewSearchRequestOptions(x.textQuery("测试"), 0, 0, false)
	r.SortByCustom(sortOrder(xiaoqi.SearchQuery{Q: "测试"}))
	want, err := x.bleveIndex().SearchInContext(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	r.SortByCustom(sortOrder(xiaoqi.SearchQuery{Q: "测试"}))
	got, err := x.run(ctx, r)
	if err != nil || got.Total != want.Total || len(got.Hits) != 0 {
		t.Errorf("size 0: %v, total %d and %d hits, want %d and none", err, got.Total, len(got.Hits), want.Total)
	}
}

// compareTopN compares the pages and facets topN collects for sq with bleve's, every page of
// 7 and of 100 hits up to the twelfth.
func compareTopN(t *testing.T, x *Index, sq xiaoqi.SearchQuery) {
	t.Helper()
	ctx := context.Background()
	if !byIDLast(sortOrder(sq)) {
		t.Fatalf("%+v: topN does not collect its order", sq)
	}
	q := fmt.Sprintf("%q by %q", sq.Q, sq.Sort)
	for _, perPage := range []int{7, 100} {
		for page := 1; page <= 12; page++ {
			text := x.textQuery(sq.Q)
			req := func() *bleve.SearchRequest {
				r := bleve.NewSearchRequestOptions(text, perPage, (page-1)*perPage, false)
				r.SortByCustom(sortOrder(sq))
				r.Fields = storedFields
				r.AddFacet(fieldCity, bleve.NewFacetRequest(fieldCity, 10))
				r.AddFacet(fieldSkill, bleve.NewFacetRequest(fieldSkill, 3))    // of 5: trimmed
				r.AddFacet(fieldDegree, bleve.NewFacetRequest(fieldDegree, 10)) // none has one
				r.AddFacet(fieldRegion, bleve.NewFacetRequest(fieldRegion, 10))
				r.AddFacet(fieldType, bleve.NewFacetRequest(fieldType, 1))
				return r
			}
			// bleve's sort (doc_id read for every hit) against topN. bleve's merger
			// works meanwhile, and bleve's own answer during a merge has differed from
			// the same search asked again at once; a difference is asked again, for up
			// to two seconds (a merge of these segments takes milliseconds), before it
			// fails.
			var diff string
			for deadline := time.Now().Add(2 * time.Second); ; {
				want, err := x.bleveIndex().SearchInContext(ctx, req())
				if err != nil {
					t.Fatal(err)
				}
				got, err := x.run(ctx, req())
				if err != nil {
					t.Fatal(err)
				}
				if diff = pageDiff(got, want); diff == "" || time.Now().After(deadline) {
					break
				}
			}
			if diff != "" {
				t.Fatalf("%s page %d of %d: %s", q, page, perPage, diff)
			}
		}
	}
}

// pageDiff describes the first difference between two answers, "" when there is none.
func pageDiff(got, want *bleve.SearchResult) string {
	if got.Total != want.Total || got.Total == 0 {
		return fmt.Sprintf("total %d, bleve %d", got.Total, want.Total)
	}
	if len(got.Facets) != len(want.Facets) {
		return fmt.Sprintf("%d facets, bleve %d", len(got.Facets), len(want.Facets))
	}
	for f, w := range want.Facets {
		g := got.Facets[f]
		if g == nil || g.Field != w.Field || g.Total != w.Total || g.Missing != w.Missing || g.Other != w.Other ||
			!slices.EqualFunc(g.Terms.Terms(), w.Terms.Terms(), func(a, b *search.TermFacet) bool { return *a == *b }) {
			return fmt.Sprintf("facet %s: %+v %v, bleve %+v %v", f, g, g.Terms.Terms(), w, w.Terms.Terms())
		}
	}
	if len(got.Hits) != len(want.Hits) {
		return fmt.Sprintf("%d hits, bleve %d", len(got.Hits), len(want.Hits))
	}
	for i := range want.Hits {
		g, w := got.Hits[i], want.Hits[i]
		if g.ID != w.ID || g.Score != w.Score || g.Fields[fieldTitle] != w.Fields[fieldTitle] || g.Fields[fieldCity] != w.Fields[fieldCity] {
			return fmt.Sprintf("hit %d: %s %v %v, bleve %s %v %v", i, g.ID, g.Score, g.Fields[fieldTitle], w.ID, w.Score, w.Fields[fieldTitle])
		}
	}
	return ""
}

// TestMatchesEstimate: the estimate of what a text query finds, which decides whether a
// filter joins the words as a clause, lies between its largest part and what it finds.
func TestMatchesEstimate(t *testing.T) {
	x := newTestIndex(t)
	var changes []xiaoqi.Change
	for i := range 40 {
		id := fmt.Sprintf("job_%02d", i)
		d := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: id, Version: 1}, Name: []string{"软件测试工程师", "Java开发工程师"}[i%2],
			Description: []string{"负责功能测试。", "负责后端开发。", "负责数据分析。", "负责运维。"}[i%4]}
		changes = append(changes, xiaoqi.Change{Seq: uint64(i + 1), Op: xiaoqi.OpUpsert, Kind: d.Kind(), ID: id, Version: 1, Doc: d})
	}
	if err := x.Apply(changes); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sel := x.selectivity(ctx)
	defer sel.close()
	est := func(q string) (uint64, uint64) {
		n, ok := sel.matches(x.textQuery(q))
		if !ok {
			t.Fatalf("%q: no estimate", q)
		}
		res, err := x.Search(ctx, xiaoqi.SearchQuery{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		return n, res.Total
	}
	for _, q := range []string{"测试", "开发", "Java", "数据分析"} {
		if n, total := est(q); n == 0 || n > total {
			t.Errorf("%q: estimate %d, found %d", q, n, total)
		}
	}
	// Both words required: at most the rarer word's estimate.
	java, _ := est("Java")
	ops, _ := est("运维")
	if n, total := est("Java 运维"); n > min(java, ops) || total > n {
		t.Errorf("Java 运维: estimate %d (Java %d, 运维 %d), found %d", n, java, ops, total)
	}
}

// newTestIndex opens an index without a taxonomy in a temporary directory, closed at the end
// of the test, with no result cache.
func newTestIndex(t *testing.T) *Index {
	t.Helper()
	seg, err := NewSegmenter(nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := Open(t.TempDir()+"/index", Options{Segmenter: seg, CacheEntries: -1,
		Cities: map[string]xiaoqi.GeoPoint{"西安市": {Lat: 34.34, Lon: 108.94}, "宝鸡市": {Lat: 34.36, Lon: 107.24}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	return x
}
