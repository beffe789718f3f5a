package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// topN collects the page of a search whose order ends with the document id (stable pages):
// by relevance (score, id), by date (date, score, id), by distance (distance, score, id) or
// a listing by id alone.
// bleve sorts by the keys before the id; the id of a hit is read only when those keys tie
// with the hit it must be compared with. The order is bleve's sort with the id, hit for hit.
//
// Sorting by a field makes bleve read that field's doc values for every document the query
// matches, before it knows whether the document can reach the page. At 1M documents the id
// was a third of the time of a search for 英语 (395 → 270 ms, 340,209 matches) and three
// quarters of one for Java (17.7 → 4.6 ms). Here bleve sorts by score (which reads nothing
// per hit) or by the date or distance alone, and the id of a hit is read only when it ties
// with the hit it must be compared with: at the edge of the page or inside it.
//
// It plugs into bleve's top-N collector as a DocumentMatchHandler (the hook bleve offers
// for custom collection, search.MakeDocumentMatchHandlerKey): bleve still counts the
// matches and computes each hit's sort keys; its own list of hits stays empty, and the page
// is here.
//
// It also counts the facets (terms facets, the only kind the API asks for), with bleve's
// order and totals, but cheaper: those of few values from postings (facets.go), the others
// (skills) in one visit of a hit's doc values, counting without a string per value. bleve's
// facet builder made a string of every value of every hit, a fifth of the time of a faceted
// search for 软件测试 at 1M.
type topN struct {
	from, size int
	fields     []string // stored fields to load for the page's hits
	facets     map[string]*facetCount
	// order is the sort before the id; scoring and desc say of each key whether it is the
	// score and whether it goes down.
	order         search.SortOrder
	scoring, desc []bool

	reader index.IndexReader
	pool   *search.DocumentMatchPool
	ids    index.DocValueReader
	dv     index.DocValueReader    // of the facet fields read from doc values
	hitset *hitSet                 // the hits, for the facets counted from postings (facets.go)
	heap   []*search.DocumentMatch // the best from+size so far, the worst first
	page   search.DocumentMatchCollection
	err    error
}

// facetCount counts the values of one field among the hits.
type facetCount struct {
	size   int
	bitmap bool // counted from postings (facets.go), not from each hit's doc values
	counts map[string]*int
	total  int // values seen, for FacetResult.Other
	seen   bool
	miss   int // hits without a value
}

// byIDLast reports whether order ends with the document id: the orders topN collects.
func byIDLast(order search.SortOrder) bool {
	return len(order) >= 1 && isDocID(order[len(order)-1])
}

// search runs req, whose sort must end with the id (byIDLast), with t collecting its hits
// and counting its terms facets: the result's Hits are t's page, its Facets t's counts.
func (t *topN) search(ctx context.Context, idx bleve.Index, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	t.from, t.size, t.fields = req.From, req.Size, req.Fields
	r := *req
	t.order = req.Sort[:len(req.Sort)-1]
	t.scoring, t.desc = t.order.CacheIsScore(), t.order.CacheDescending()
	r.Sort = t.order
	if len(r.Sort) == 0 {
		// A listing by id alone: bleve needs an order to run, and by score it reads
		// nothing per hit.
		r.Sort = search.SortOrder{&search.SortScore{Desc: true}}
	}
	r.Facets = nil
	for name, f := range req.Facets {
		if f.NumericRanges != nil || f.DateTimeRanges != nil || name != f.Field {
			r.Facets = req.Facets // not a plain terms facet: bleve counts them all
			t.facets = nil
			break
		}
		if t.facets == nil {
			t.facets = map[string]*facetCount{}
		}
		t.facets[f.Field] = &facetCount{size: f.Size, counts: map[string]*int{}}
	}
	ctx = context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(t.handler))
	res, err := idx.SearchInContext(ctx, &r)
	if err != nil {
		return nil, err
	}
	if t.err != nil {
		return nil, t.err
	}
	res.Hits = t.page
	if t.facets != nil {
		res.Facets = search.FacetResults{}
		for field, f := range t.facets {
			res.Facets[field] = f.result(field)
		}
	}
	return res, nil
}

func (t *topN) handler(sc *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	ids, err := sc.IndexReader.DocValueReader([]string{fieldDocID})
	if err != nil {
		return nil, false, err
	}
	if len(t.facets) > 0 {
		var fields []string
		hs, ok := newHitSet(sc.IndexReader)
		for name, f := range t.facets {
			if f.bitmap = ok && bitmapFacetFields[name]; f.bitmap {
				t.hitset = hs
			} else {
				fields = append(fields, name)
			}
		}
		if len(fields) > 0 {
			if t.dv, err = sc.IndexReader.DocValueReader(fields); err != nil {
				return nil, false, err
			}
		}
	}
	t.reader, t.pool, t.ids = sc.IndexReader, sc.DocumentMatchPool, ids
	t.heap = make([]*search.DocumentMatch, 0, min(t.from+t.size, 1024))
	return t.collect, false, nil
}

// count adds the facet values of hit d.
func (t *topN) count(d *search.DocumentMatch) {
	if t.hitset != nil {
		if err := t.hitset.add(d.IndexInternalID); err != nil && t.err == nil {
			t.err = err
		}
	}
	if t.dv == nil {
		return
	}
	for _, f := range t.facets {
		f.seen = false
	}
	err := t.dv.VisitDocValues(d.IndexInternalID, func(field string, term []byte) {
		f := t.facets[field] // t.dv reads only the fields not counted from postings
		if f == nil {
			return
		}
		f.total++
		f.seen = true
		if n := f.counts[string(term)]; n != nil { // no allocation: a lookup
			*n++
			return
		}
		n := 1
		f.counts[string(term)] = &n
	})
	if err != nil && t.err == nil {
		t.err = fmt.Errorf("search: facets of a hit: %w", err)
	}
	for _, f := range t.facets {
		if !f.seen && !f.bitmap {
			f.miss++
		}
	}
}

// result is f as bleve's terms facet builder makes it: by count, then term, the first size.
func (f *facetCount) result(field string) *search.FacetResult {
	rv := &search.FacetResult{Field: field, Total: f.total, Missing: f.miss, Terms: &search.TermFacets{}}
	for term, n := range f.counts {
		rv.Terms.Add(&search.TermFacet{Term: term, Count: *n})
	}
	sort.Sort(rv.Terms)
	rv.Terms.TrimToTopN(min(f.size, rv.Terms.Len()))
	rv.Other = f.total
	for _, tf := range rv.Terms.Terms() {
		rv.Other -= tf.Count
	}
	return rv
}

// collect takes one hit; nil when there are no more.
func (t *topN) collect(d *search.DocumentMatch) error {
	if d == nil {
		return t.finish()
	}
	if t.facets != nil {
		t.count(d)
	}
	if t.from+t.size == 0 { // a count only
		t.pool.Put(d)
		return nil
	}
	if len(t.heap) < t.from+t.size {
		t.heap = append(t.heap, d)
		t.up(len(t.heap) - 1)
		return t.err
	}
	if worst := t.heap[0]; t.less(worst, d) {
		t.heap[0] = d
		t.down(0)
		t.pool.Put(worst)
	} else {
		t.pool.Put(d)
	}
	return t.err
}

// less reports whether a comes after b: by the keys of t.order as bleve compares them
// (SortOrder.Compare), then by id.
func (t *topN) less(a, b *search.DocumentMatch) bool {
	for x := range t.order {
		c := 0
		if t.scoring[x] {
			c = cmp.Compare(a.Score, b.Score)
		} else {
			c = strings.Compare(a.Sort[x], b.Sort[x])
		}
		if c != 0 {
			if t.desc[x] {
				c = -c
			}
			return c > 0
		}
	}
	return t.id(a) > t.id(b)
}

// id is d's document id, read from the doc_id doc values the first time it is asked for.
func (t *topN) id(d *search.DocumentMatch) string {
	if d.ID == "" && t.err == nil {
		err := t.ids.VisitDocValues(d.IndexInternalID, func(_ string, term []byte) { d.ID = string(term) })
		if err == nil && d.ID == "" {
			d.ID, err = t.reader.ExternalID(d.IndexInternalID)
		}
		if err != nil {
			t.err = fmt.Errorf("search: id of a hit: %w", err)
		}
	}
	return d.ID
}

// up and down keep t.heap a heap with its worst hit first.
func (t *topN) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !t.less(t.heap[i], t.heap[p]) {
			return
		}
		t.heap[i], t.heap[p] = t.heap[p], t.heap[i]
		i = p
	}
}

func (t *topN) down(i int) {
	for {
		w, l, r := i, 2*i+1, 2*i+2
		if l < len(t.heap) && t.less(t.heap[l], t.heap[w]) {
			w = l
		}
		if r < len(t.heap) && t.less(t.heap[r], t.heap[w]) {
			w = r
		}
		if w == i {
			return
		}
		t.heap[i], t.heap[w] = t.heap[w], t.heap[i]
		i = w
	}
}

// finish orders the hits kept, best first, drops the first from and loads the stored
// fields of the rest, with the reader the search ran on.
func (t *topN) finish() error {
	for name, f := range t.facets {
		if f.bitmap && t.err == nil {
			t.err = t.hitset.count(name, f)
		}
	}
	if t.err != nil {
		return t.err
	}
	hits := slices.Clone(t.heap)
	slices.SortFunc(hits, func(a, b *search.DocumentMatch) int {
		switch {
		case t.less(b, a):
			return -1
		case t.less(a, b):
			return 1
		}
		return 0
	})
	if t.from >= len(hits) {
		t.page = search.DocumentMatchCollection{}
		return t.err
	}
	t.page = hits[t.from:]
	req := &bleve.SearchRequest{Fields: t.fields}
	for _, h := range t.page {
		t.id(h)
		if t.err != nil {
			return t.err
		}
		h.Complete(nil)
		if len(t.fields) == 0 {
			continue
		}
		if err, _ := bleve.LoadAndHighlightFields(h, req, "", t.reader, nil); err != nil {
			return fmt.Errorf("search: fields of %s: %w", h.ID, err)
		}
	}
	return nil
}
