package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// testChanges: every write that changes something appears in the feed, right after it, with
// the write's Seq; writes that change nothing do not.
func testChanges(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	if feed := ChangesAfter(t, s, 0, 1000); len(feed) != 0 {
		t.Fatalf("empty store has changes %+v", feed)
	}
	type step struct {
		name  string
		write func() xiaoqi.WriteResult
		op    xiaoqi.Op // "" when the write changes nothing
	}
	a, b := sampleInstitution(), sampleEnterprise()
	steps := []step{
		{"insert a", func() xiaoqi.WriteResult { return MustUpsert(t, s, a)[0] }, xiaoqi.OpUpsert},
		{"insert b", func() xiaoqi.WriteResult { return MustUpsert(t, s, b)[0] }, xiaoqi.OpUpsert},
		{"update a", func() xiaoqi.WriteResult { a.Level = "专科"; return MustUpsert(t, s, a)[0] }, xiaoqi.OpUpsert},
		{"unchanged a", func() xiaoqi.WriteResult { return MustUpsert(t, s, a)[0] }, ""},
		{"delete b", func() xiaoqi.WriteResult {
			r, err := s.Delete(ctx(), xiaoqi.KindEnterprise, b.ID, 0)
			if err != nil {
				t.Fatalf("Delete: %v", err)
			}
			return r
		}, xiaoqi.OpDelete},
		{"insert b again", func() xiaoqi.WriteResult { return MustUpsert(t, s, sampleEnterprise())[0] }, xiaoqi.OpUpsert},
		{"insert program", func() xiaoqi.WriteResult { return MustUpsert(t, s, sampleProgram(a.ID))[0] }, xiaoqi.OpUpsert},
	}
	var seqs []uint64
	for _, st := range steps {
		before := MustLastSeq(t, s)
		r := st.write()
		feed := ChangesAfter(t, s, before, 1000)
		if st.op == "" {
			if len(feed) != 0 || r.Seq != 0 || MustLastSeq(t, s) != before {
				t.Fatalf("%s: result %+v, feed %+v; want Seq 0 and no change", st.name, r, feed)
			}
			continue
		}
		if len(feed) != 1 {
			t.Fatalf("%s: %d changes after %d, want 1: %+v", st.name, len(feed), before, feed)
		}
		c := feed[0]
		if c.Op != st.op || c.Kind != r.Kind || c.ID != r.ID || c.Seq != r.Seq || (st.op == xiaoqi.OpUpsert && c.Version != r.Version) {
			t.Fatalf("%s: change %+v, want %s of %+v", st.name, c, st.op, r)
		}
		if c.Op == xiaoqi.OpUpsert {
			sameContent(t, c.Doc, mustGet(t, s, r.Kind, r.ID))
			if c.Doc.Base().Version != r.Version {
				t.Errorf("%s: change carries version %d, want %d", st.name, c.Doc.Base().Version, r.Version)
			}
		}
		if last := MustLastSeq(t, s); last != c.Seq {
			t.Errorf("%s: LastSeq %d, want %d", st.name, last, c.Seq)
		}
		seqs = append(seqs, c.Seq)
	}
	for i := 1; i < len(seqs); i++ {
		if seqs[i] <= seqs[i-1] {
			t.Errorf("write sequences %v do not increase", seqs)
		}
	}
	last := MustLastSeq(t, s)
	if page, err := s.Changes(ctx(), last, 10); err != nil || len(page) != 0 {
		t.Errorf("Changes(LastSeq, 10) = %+v, %v; want none", page, err)
	}
	replay(t, s)
}

// testChangesPaging: reading the feed a few changes at a time gives the same changes as
// reading it at once.
func testChangesPaging(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	docs := manyJobs(23)
	for _, d := range docs {
		MustUpsert(t, s, d)
	}
	for _, d := range docs[:5] {
		if _, err := s.Delete(ctx(), xiaoqi.KindJob, d.Base().ID, 0); err != nil {
			t.Fatal(err)
		}
	}
	all := ChangesAfter(t, s, 0, 1000)
	if len(all) < 23 {
		t.Fatalf("%d changes after 28 writes", len(all))
	}
	if all[len(all)-1].Seq != MustLastSeq(t, s) {
		t.Errorf("LastSeq %d, last change %d", MustLastSeq(t, s), all[len(all)-1].Seq)
	}
	for _, limit := range []int{1, 2, 7} {
		var paged []xiaoqi.Change
		after := uint64(0)
		for {
			page, err := s.Changes(ctx(), after, limit)
			if err != nil {
				t.Fatalf("Changes(%d, %d): %v", after, limit, err)
			}
			if len(page) > limit {
				t.Fatalf("Changes(%d, %d) returned %d", after, limit, len(page))
			}
			if len(page) == 0 {
				break
			}
			paged = append(paged, page...)
			after = page[len(page)-1].Seq
		}
		if len(paged) != len(all) {
			t.Fatalf("limit %d: %d changes, want %d", limit, len(paged), len(all))
		}
		for i := range all {
			if paged[i].Seq != all[i].Seq || paged[i].Op != all[i].Op || paged[i].ID != all[i].ID {
				t.Fatalf("limit %d: change %d is %+v, want %+v", limit, i, paged[i], all[i])
			}
		}
	}
	// The last five writes are the tombstones, in order.
	tail := all[len(all)-5:]
	for i, c := range tail {
		if c.Op != xiaoqi.OpDelete || c.ID != docs[i].Base().ID {
			t.Errorf("change %d = %s %s, want delete %s", c.Seq, c.Op, c.ID, docs[i].Base().ID)
		}
	}
	replay(t, s)
}

// testBatch500: a batch of 500 documents is written at once and reads back whole.
func testBatch500(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	docs := manyJobs(500)
	res := MustUpsert(t, s, docs...)
	seen := map[string]bool{}
	for i, r := range res {
		if !r.Created || r.Version != 1 || r.ID != docs[i].Base().ID || r.Kind != xiaoqi.KindJob || seen[r.ID] {
			t.Fatalf("result %d: %+v, want a new job with the id of docs[%d] (%s)", i, r, i, docs[i].Base().ID)
		}
		seen[r.ID] = true
	}
	if n := mustCount(t, s, xiaoqi.KindJob, nil); n != 500 {
		t.Errorf("Count(job) = %d, want 500", n)
	}
	if feed := ChangesAfter(t, s, 0, 1000); len(feed) != 500 {
		t.Errorf("%d changes after a batch of 500 inserts", len(feed))
	}
	got, _ := listAll(t, s, xiaoqi.KindJob, nil, xiaoqi.MaxListLimit)
	wantIDs(t, ids(got), ids(docs))

	// The same batch again changes nothing.
	seq := MustLastSeq(t, s)
	for i, r := range MustUpsert(t, s, manyJobs(500)...) {
		if !r.Unchanged || r.ID != docs[i].Base().ID {
			t.Fatalf("re-import result %d: %+v, want %s unchanged", i, r, docs[i].Base().ID)
		}
	}
	if last := MustLastSeq(t, s); last != seq {
		t.Errorf("re-import moved LastSeq from %d to %d", seq, last)
	}
}

// testContextCancelled: a cancelled context stops every call, and a cancelled write writes
// nothing.
func testContextCancelled(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	existing := sampleInstitution()
	MustUpsert(t, s, existing)
	c, cancel := context.WithCancel(context.Background())
	cancel()

	if _, err := s.Upsert(c, manyJobs(10)); err == nil {
		t.Error("Upsert with a cancelled context: no error")
	}
	if _, err := s.Get(c, xiaoqi.KindInstitution, existing.ID); err == nil {
		t.Error("Get with a cancelled context: no error")
	}
	if _, err := s.List(c, xiaoqi.KindInstitution, xiaoqi.ListOptions{}); err == nil {
		t.Error("List with a cancelled context: no error")
	}
	if _, err := s.Count(c, xiaoqi.KindInstitution, nil); err == nil {
		t.Error("Count with a cancelled context: no error")
	}
	if _, err := s.Changes(c, 0, 10); err == nil {
		t.Error("Changes with a cancelled context: no error")
	}
	if _, err := s.LastSeq(c); err == nil {
		t.Error("LastSeq with a cancelled context: no error")
	}
	if _, err := s.Delete(c, xiaoqi.KindInstitution, existing.ID, 0); err == nil {
		t.Error("Delete with a cancelled context: no error")
	}
	if n := mustCount(t, s, xiaoqi.KindJob, nil); n != 0 {
		t.Errorf("cancelled Upsert wrote %d jobs", n)
	}
	mustGet(t, s, xiaoqi.KindInstitution, existing.ID)
}

// testConcurrentSameKey: writers racing to insert one natural key end with one document;
// a writer may lose with ECONFLICT but never creates a duplicate.
func testConcurrentSameKey(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	const writers = 8
	var wg sync.WaitGroup
	results := make([]xiaoqi.WriteResult, writers)
	errs := make([]error, writers)
	for w := range writers {
		wg.Go(func() {
			r, err := s.Upsert(ctx(), []xiaoqi.Doc{sampleInstitution()})
			if err == nil {
				results[w] = r[0]
			}
			errs[w] = err
		})
	}
	wg.Wait()
	want := xiaoqi.NewID(xiaoqi.KindInstitution, sampleInstitution().NaturalKey())
	created := 0
	for w := range writers {
		if errs[w] != nil {
			wantCode(t, errs[w], xiaoqi.ECONFLICT)
			continue
		}
		if results[w].ID != want {
			t.Errorf("writer %d got id %s, want %s", w, results[w].ID, want)
		}
		if results[w].Created {
			created++
		}
	}
	if created != 1 {
		t.Errorf("%d writers created the document, want 1", created)
	}
	if n := mustCount(t, s, xiaoqi.KindInstitution, nil); n != 1 {
		t.Errorf("Count(institution) = %d, want 1", n)
	}
	if got := mustGet(t, s, xiaoqi.KindInstitution, want); got.Base().Version != 1 {
		t.Errorf("version %d after identical concurrent writes, want 1", got.Base().Version)
	}
}

// testConcurrentWriters: concurrent batches all land, each change once, in Seq order.
func testConcurrentWriters(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	const writers, each = 4, 25
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				j := sampleJob(fmt.Sprintf("w%d-%d", w, i))
				if _, err := s.Upsert(ctx(), []xiaoqi.Doc{j}); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
	}
	if n := mustCount(t, s, xiaoqi.KindJob, nil); n != writers*each {
		t.Errorf("Count(job) = %d, want %d", n, writers*each)
	}
	feed := ChangesAfter(t, s, 0, 1000)
	seen := map[string]bool{}
	for _, c := range feed {
		seen[c.ID] = true
	}
	if len(feed) != writers*each || len(seen) != writers*each {
		t.Errorf("%d changes for %d ids, want %d of each", len(feed), len(seen), writers*each)
	}
	replay(t, s)
}
