package bolt_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// candidate returns a valid candidate with natural key src:bolttest|ext.
func candidate(ext string) *xiaoqi.Candidate {
	return &xiaoqi.Candidate{Meta: xiaoqi.Meta{Source: "bolttest", ExternalID: ext},
		Name: "赵测试", Phone: "13500000000", City: "西安市", Degree: "本科", Visibility: xiaoqi.VisibilityAnonymous}
}

// TestVersionedWritesOneWins: writers that read one version and write it at once are a
// compare-and-swap: exactly one writes, the others fail with ECONFLICT, and the document
// moves on by one version. Twenty PUTs sent with one If-Match were answered 200 four times.
func TestVersionedWritesOneWins(t *testing.T) {
	t.Parallel()
	s := open(t)
	const rounds, writers = 20, 20
	for round := range rounds {
		read := mustUpsert(t, s, candidate(fmt.Sprint("r", round)))
		var wg sync.WaitGroup
		errs := make([]error, writers)
		for w := range writers {
			wg.Go(func() {
				d := candidate(fmt.Sprint("r", round))
				d.ID, d.Version, d.Summary = read.ID, read.Version, fmt.Sprint("writer ", w)
				_, errs[w] = s.Upsert(t.Context(), []xiaoqi.Doc{d})
			})
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch xiaoqi.ErrorCode(err) {
			case "":
				won++
			case xiaoqi.ECONFLICT:
			default:
				t.Fatalf("round %d: %v", round, err)
			}
		}
		got, err := s.Get(t.Context(), xiaoqi.KindCandidate, read.ID)
		if err != nil {
			t.Fatal(err)
		}
		if won != 1 || got.Base().Version != read.Version+1 {
			t.Fatalf("round %d: %d writers of version %d wrote, and it is at version %d; want 1 and version %d",
				round, won, read.Version, got.Base().Version, read.Version+1)
		}
	}
}

// TestVersionedWriteRacingDelete: a write of the version read and a delete of the same
// document at once never leave the document stored when the delete succeeded (a PUT racing an
// erasure brought the erased candidate back), and a delete of the version read never deletes
// a version written meanwhile.
func TestVersionedWriteRacingDelete(t *testing.T) {
	t.Parallel()
	s := open(t)
	for round := range 100 {
		read := mustUpsert(t, s, candidate(fmt.Sprint("d", round)))
		var wg sync.WaitGroup
		var werr, derr error
		wg.Go(func() {
			d := candidate(fmt.Sprint("d", round))
			d.ID, d.Version, d.Degree = read.ID, read.Version, "硕士"
			_, werr = s.Upsert(t.Context(), []xiaoqi.Doc{d})
		})
		expect := int64(0) // half the rounds delete whatever is stored, half the version read
		if round%2 == 1 {
			expect = read.Version
		}
		wg.Go(func() { _, derr = s.Delete(t.Context(), xiaoqi.KindCandidate, read.ID, expect) })
		wg.Wait()
		_, gerr := s.Get(t.Context(), xiaoqi.KindCandidate, read.ID)
		stored := gerr == nil
		switch {
		case derr == nil && stored:
			t.Fatalf("round %d: the delete succeeded and the document is stored (write: %v): it came back", round, werr)
		case derr == nil && werr == nil && expect != 0:
			t.Fatalf("round %d: the delete of version %d succeeded after the write of version %d", round, expect, read.Version+1)
		case werr != nil && xiaoqi.ErrorCode(werr) != xiaoqi.ECONFLICT:
			t.Fatalf("round %d: write: %v", round, werr)
		case derr != nil && xiaoqi.ErrorCode(derr) != xiaoqi.ECONFLICT:
			t.Fatalf("round %d: delete: %v", round, derr)
		}
	}
}

// mustUpsert writes d and returns it as stored.
func mustUpsert(tb testing.TB, s xiaoqi.Store, d xiaoqi.Doc) xiaoqi.Meta {
	tb.Helper()
	if _, err := s.Upsert(tb.Context(), []xiaoqi.Doc{d}); err != nil {
		tb.Fatal(err)
	}
	return *d.Base()
}
