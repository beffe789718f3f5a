package search

import (
	"fmt"
	"math"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Facets of few values (the kind, region, degree, city and sector of a hit) are counted by
// intersecting the hits with each value's postings, which the index keeps as bitmaps,
// instead of reading every hit's doc values: the hits of a search are gathered in a bitmap
// per segment, and a value's count is the size of its intersection with them. For 软件测试
// at 1M documents (100,394 hits) the five facets cost 79 ms read from doc values; counted
// so, the search with all six facets went 261–306 → 203–246 ms, 日语 241–273 → 194–213 ms.
//
// Skills stay read from doc values: with thousands of values, intersecting each costs about
// 50 ms at 1M documents whatever the hits, reading doc values about 0.7 µs a hit. Counted
// from postings, 日语 (230,652 hits) went 198 → 72 ms with all six facets, but Java in 西安
// (18,447 hits) 40 → 91 ms and the second page of 前端 (9,360) 24 → 45 ms. Switching to
// postings past some number of hits would pay both costs near that number (about 80,000
// hits here, up to twice the cheaper one); not built.
var bitmapFacetFields = map[string]bool{fieldType: true, fieldRegion: true, fieldDegree: true, fieldCity: true, fieldSector: true}

// hitSet is the hits of a search on one index snapshot, as a bitmap of document numbers per
// segment.
type hitSet struct {
	snap    *scorch.IndexSnapshot
	segs    []*scorch.SegmentSnapshot
	offsets []uint64 // the first document number of each segment, as scorch numbers them, and one past the last
	hits    []*roaring.Bitmap
}

// newHitSet returns an empty hitSet for a reader, or false when the reader is not a scorch
// snapshot (the facets are then read from doc values).
func newHitSet(r index.IndexReader) (*hitSet, bool) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false
	}
	segs := snap.Segments()
	h := &hitSet{snap: snap, segs: segs, offsets: make([]uint64, len(segs)+1), hits: make([]*roaring.Bitmap, len(segs))}
	for i, ss := range segs {
		// Scorch numbers the documents of a snapshot segment after segment, each taking
		// as many numbers as its segment holds, deleted ones included.
		h.offsets[i+1] = h.offsets[i] + ss.Segment().Count()
		h.hits[i] = roaring.New()
	}
	return h, true
}

// add records a hit.
func (h *hitSet) add(id index.IndexInternalID) error {
	if len(id) != 8 {
		return fmt.Errorf("search: a hit's internal id has %d bytes, not 8", len(id))
	}
	n := id.Value()
	i := sort.Search(len(h.offsets), func(i int) bool { return h.offsets[i] > n }) - 1
	if i < 0 || i >= len(h.segs) || n-h.offsets[i] > math.MaxUint32 {
		return fmt.Errorf("search: hit number %d is in no segment", n)
	}
	h.hits[i].Add(uint32(n - h.offsets[i]))
	return nil
}

// count sets f to the counts of field's values among the hits, with what bleve's terms facet
// builder also reports: the values seen (total) and the hits without one (miss).
func (h *hitSet) count(field string, f *facetCount) error {
	dict, err := h.snap.FieldDict(field)
	if err != nil {
		return fmt.Errorf("search: values of %s: %w", field, err)
	}
	var terms []string
	for {
		e, err := dict.Next()
		if err != nil {
			_ = dict.Close()
			return fmt.Errorf("search: values of %s: %w", field, err)
		}
		if e == nil {
			break
		}
		terms = append(terms, e.Term)
	}
	if err := dict.Close(); err != nil {
		return fmt.Errorf("search: values of %s: %w", field, err)
	}
	for i, ss := range h.segs {
		hits := h.hits[i]
		if hits.IsEmpty() {
			continue
		}
		sd, err := ss.Segment().Dictionary(field)
		if err != nil {
			return fmt.Errorf("search: values of %s: %w", field, err)
		}
		valued := roaring.New() // the hits with a value of field
		for _, term := range terms {
			pl, err := sd.PostingsList([]byte(term), ss.Deleted(), nil)
			if err != nil {
				return fmt.Errorf("search: postings of %s %q: %w", field, term, err)
			}
			it, ok := pl.Iterator(false, false, false, nil).(segment.OptimizablePostingsIterator)
			if !ok {
				return fmt.Errorf("search: postings of %s %q: not a bitmap", field, term)
			}
			var both *roaring.Bitmap
			if bm := it.ActualBitmap(); bm != nil {
				both = roaring.And(hits, bm)
			} else if num, one := it.DocNum1Hit(); one && num <= math.MaxUint32 && hits.Contains(uint32(num)) {
				both = roaring.BitmapOf(uint32(num))
			}
			if both == nil {
				continue
			}
			c := int(both.GetCardinality())
			if c == 0 {
				continue
			}
			valued.Or(both)
			f.total += c
			if n := f.counts[term]; n != nil {
				*n += c
			} else {
				f.counts[term] = &c
			}
		}
		f.miss += int(hits.GetCardinality() - valued.GetCardinality())
	}
	return nil
}
