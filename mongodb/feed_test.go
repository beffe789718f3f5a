package mongodb_test

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

// TestTwoWriters: two stores with clients of their own, as two processes would have, write at
// once, partly the same documents, and delete some; a third follows the change feed all the
// while. When the writers are done and the follower has caught up, the follower holds exactly
// what the store holds: no change was passed over while a writer was still committing it.
func TestTwoWriters(t *testing.T) {
	t.Parallel()
	db := mongotest.Database(t)
	writers := []*mongodb.Store{openStore(t, db), openStore(t, db)}
	followed := openStore(t, db)
	const each, batch = 500, 10

	var wg sync.WaitGroup
	errs := make([]error, len(writers))
	for w, s := range writers {
		wg.Go(func() {
			for start := 0; start < each; start += batch {
				docs := make([]xiaoqi.Doc, batch)
				for i := range docs {
					// Even rows are the same documents for both writers, with different content.
					n := start + i
					key := fmt.Sprintf("w%d-%d", w, n)
					if n%2 == 0 {
						key = fmt.Sprintf("shared-%d", n)
					}
					docs[i] = job(key, w*10000+n+1)
				}
				res, err := s.Upsert(ctx(), docs)
				if err != nil {
					errs[w] = fmt.Errorf("batch at %d: %w", start, err)
					return
				}
				if (start/batch)%5 == 4 { // now and then delete two of this writer's own
					for _, r := range []xiaoqi.WriteResult{res[1], res[3]} {
						if _, err := s.Delete(ctx(), xiaoqi.KindJob, r.ID, 0); err != nil {
							errs[w] = fmt.Errorf("delete %s: %w", r.ID, err)
							return
						}
					}
				}
			}
		})
	}

	f := &follower{state: map[string]int64{}}
	final := make(chan uint64, 1)
	followerDone := make(chan error, 1)
	go func() {
		target := uint64(math.MaxUint64)
		for f.after < target {
			page, err := followed.Changes(ctx(), f.after, 100)
			if err != nil {
				followerDone <- err
				return
			}
			if err := f.apply(page); err != nil {
				followerDone <- err
				return
			}
			if len(page) == 0 {
				select {
				case target = <-final:
				case <-time.After(5 * time.Millisecond):
				}
			}
		}
		followerDone <- nil
	}()

	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
	}
	last := storetest.MustLastSeq(t, followed)
	final <- last
	if err := wait(t, followerDone, "the follower to catch up"); err != nil {
		t.Fatalf("follower: %v", err)
	}
	if f.after != last {
		t.Errorf("follower ended at %d, LastSeq is %d", f.after, last)
	}
	stored := content(t, followed, xiaoqi.KindJob)
	if len(stored) < each {
		t.Fatalf("the store holds %d jobs, want at least %d", len(stored), each)
	}
	sameState(t, f, followed, xiaoqi.KindJob)
}

// TestFollowerWaitsForSlowWriter: a follower does not pass a seq that a writer has taken,
// whether the writer has not logged its change yet or has logged it and not finished, even
// when later changes are done; once the writer finishes, it gets both in seq order.
func TestFollowerWaitsForSlowWriter(t *testing.T) {
	t.Parallel()
	db := mongotest.Database(t)
	slow, other := openStore(t, db), openStore(t, db)
	f := openStore(t, db, mongodb.WithGrace(time.Hour))
	a := storetest.MustUpsert(t, slow, job("a", 1))[0]

	allocated, logged := newGate(), newGate()
	mongodb.SetHooks(slow, allocated.hook, logged.hook, nil)
	done := upsertAsync(slow, job("b", 1))
	wait(t, allocated.reached, "the slow writer to take a seq")
	c := storetest.MustUpsert(t, other, job("c", 1))[0]
	if c.Seq != a.Seq+2 {
		t.Fatalf("seqs %d and %d, want one between them", a.Seq, c.Seq)
	}

	// Seq 2 is taken but not logged.
	wantChanges(t, storetest.ChangesAfter(t, f, 0, 7), fmt.Sprintf("1 upsert %s v1", a.ID))
	if seq := storetest.MustLastSeq(t, f); seq != a.Seq {
		t.Errorf("LastSeq %d with seq %d unsettled, want %d", seq, a.Seq+1, a.Seq)
	}

	// Seq 2 is logged, its document not written yet.
	close(allocated.release)
	wait(t, logged.reached, "the slow writer to log its change")
	wantChanges(t, storetest.ChangesAfter(t, f, a.Seq, 7))
	if seq := storetest.MustLastSeq(t, f); seq != a.Seq {
		t.Errorf("LastSeq %d with seq %d pending, want %d", seq, a.Seq+1, a.Seq)
	}

	close(logged.release)
	if err := wait(t, done, "the slow writer"); err != nil {
		t.Fatalf("slow writer: %v", err)
	}
	b := xiaoqi.NewID(xiaoqi.KindJob, "src:mongotest|b")
	wantChanges(t, storetest.ChangesAfter(t, f, a.Seq, 7), fmt.Sprintf("2 upsert %s v1", b), fmt.Sprintf("3 upsert %s v1", c.ID))
	if seq := storetest.MustLastSeq(t, f); seq != c.Seq {
		t.Errorf("LastSeq %d, want %d", seq, c.Seq)
	}
}

// TestFollowerSettlesAbandoned: a seq that a writer took and never logged, and a change that a
// writer logged and never committed, hold the feed up for the grace period and no longer,
// as if their writer had crashed. If the writer was only slow, its change still reaches the
// follower, under a new seq.
func TestFollowerSettlesAbandoned(t *testing.T) {
	t.Parallel()
	const grace = 10 * time.Second
	db := mongotest.Database(t)
	slow, other := openStore(t, db), openStore(t, db)
	f, clk := fencer(t, db, grace)
	fol := &follower{state: map[string]int64{}}
	a := storetest.MustUpsert(t, slow, job("a", 1))[0]
	fol.mustApply(t, storetest.ChangesAfter(t, f, 0, 7))

	// A seq taken and not logged (seq 2).
	allocated := newGate()
	mongodb.SetHooks(slow, allocated.hook, nil, nil)
	done := upsertAsync(slow, job("b", 1))
	wait(t, allocated.reached, "the slow writer to take a seq")
	c := storetest.MustUpsert(t, other, job("c", 1))[0]
	wantChanges(t, storetest.ChangesAfter(t, f, fol.after, 7))
	clk.Advance(grace - time.Millisecond)
	wantChanges(t, storetest.ChangesAfter(t, f, fol.after, 7))
	clk.Advance(time.Millisecond)
	got := storetest.ChangesAfter(t, f, fol.after, 7)
	wantChanges(t, got, fmt.Sprintf("%d upsert %s v1", c.Seq, c.ID))
	fol.mustApply(t, got)

	// The writer was only slow: seq 2 is filled, so it logs its change under seq 4.
	close(allocated.release)
	if err := wait(t, done, "the slow writer"); err != nil {
		t.Fatalf("slow writer: %v", err)
	}
	b := xiaoqi.NewID(xiaoqi.KindJob, "src:mongotest|b")
	got = storetest.ChangesAfter(t, f, fol.after, 7)
	wantChanges(t, got, fmt.Sprintf("4 upsert %s v1", b))
	fol.mustApply(t, got)

	// A change logged, its document written, never committed (seq 5).
	written := newGate()
	mongodb.SetHooks(slow, nil, nil, written.hook)
	done = upsertAsync(slow, job("a", 2))
	wait(t, written.reached, "the slow writer to write the document")
	d := storetest.MustUpsert(t, other, job("d", 1))[0]
	wantChanges(t, storetest.ChangesAfter(t, f, fol.after, 7))
	clk.Advance(grace)
	// Passed with the document as it is now.
	got = storetest.ChangesAfter(t, f, fol.after, 7)
	wantChanges(t, got, fmt.Sprintf("5 upsert %s v2", a.ID), fmt.Sprintf("%d upsert %s v1", d.Seq, d.ID))
	fol.mustApply(t, got)

	// The writer was only slow: finding its change passed over, it logs it again.
	close(written.release)
	if err := wait(t, done, "the slow writer"); err != nil {
		t.Fatalf("slow writer: %v", err)
	}
	got = storetest.ChangesAfter(t, f, fol.after, 7)
	wantChanges(t, got, fmt.Sprintf("7 upsert %s v2", a.ID))
	fol.mustApply(t, got)
	sameState(t, fol, f, xiaoqi.KindJob)

	// A new process reads the settled feed straight through, and from the checkpoint.
	fresh := openStore(t, db)
	if seq := storetest.MustLastSeq(t, fresh); seq != 7 {
		t.Errorf("LastSeq of a new store: %d, want 7", seq)
	}
	replay := &follower{state: map[string]int64{}}
	replay.mustApply(t, storetest.ChangesAfter(t, fresh, 0, 7))
	sameState(t, replay, fresh, xiaoqi.KindJob)
}

// TestGraceByFollowerClock: the grace period of a pending change runs on the follower's clock
// from when it first saw the change pending, not from the entry's time, which is the writer's
// clock. A writer whose clock is further behind than the grace period does not have its
// change fenced at first sight, before its write; if it dies after writing, the follower
// fences the change one grace period later and reads the document as written.
func TestGraceByFollowerClock(t *testing.T) {
	t.Parallel()
	const grace = 10 * time.Second
	db := mongotest.Database(t)
	writer := openStore(t, db)
	mongodb.SetClock(writer, func() time.Time { return time.Now().Add(-3 * grace) })
	f, clk := fencer(t, db, grace)
	fol := &follower{state: map[string]int64{}}
	a := storetest.MustUpsert(t, writer, job("a", 1))[0]
	fol.mustApply(t, storetest.ChangesAfter(t, f, 0, 7))

	logged, died := newGate(), make(chan struct{})
	mongodb.SetHooks(writer, nil, logged.hook, func() { close(died); runtime.Goexit() })
	upsertAsync(writer, job("a", 2))
	wait(t, logged.reached, "the writer to log its change")
	wantChanges(t, storetest.ChangesAfter(t, f, fol.after, 7))
	close(logged.release)
	wait(t, died, "the writer to write its document and die")

	clk.Advance(grace - time.Millisecond)
	wantChanges(t, storetest.ChangesAfter(t, f, fol.after, 7))
	clk.Advance(time.Millisecond)
	got := storetest.ChangesAfter(t, f, fol.after, 7)
	wantChanges(t, got, fmt.Sprintf("%d upsert %s v2", a.Seq+1, a.ID))
	fol.mustApply(t, got)
	sameState(t, fol, f, xiaoqi.KindJob)
}

// TestFencedWriteResultSeq: when a follower fences a change before its write lands, the writer
// logs the change again, and its WriteResult names that new seq, whose change carries the
// write, not the fenced one, which carried the document as it was before: ?refresh=wait_for
// waits for the WriteResult's seq.
func TestFencedWriteResultSeq(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		write func(s *mongodb.Store, id string) (xiaoqi.WriteResult, error)
		want  string // the change of the result's seq, of the document's id
	}{
		{"upsert", func(s *mongodb.Store, _ string) (xiaoqi.WriteResult, error) {
			res, err := s.Upsert(ctx(), []xiaoqi.Doc{job("a", 2)})
			if err != nil {
				return xiaoqi.WriteResult{}, err
			}
			return res[0], nil
		}, "upsert %s v2"},
		{"delete", func(s *mongodb.Store, id string) (xiaoqi.WriteResult, error) {
			return s.Delete(ctx(), xiaoqi.KindJob, id, 0)
		}, "delete %s v1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			const grace = 10 * time.Second
			db := mongotest.Database(t)
			writer := openStore(t, db)
			f, clk := fencer(t, db, grace)
			a := storetest.MustUpsert(t, writer, job("a", 1))[0]

			logged := newGate()
			mongodb.SetHooks(writer, nil, logged.hook, nil)
			type result struct {
				res xiaoqi.WriteResult
				err error
			}
			done := make(chan result, 1)
			go func() {
				res, err := tc.write(writer, a.ID)
				done <- result{res, err}
			}()
			wait(t, logged.reached, "the writer to log its change")
			wantChanges(t, storetest.ChangesAfter(t, f, a.Seq, 7))
			clk.Advance(grace)
			wantChanges(t, storetest.ChangesAfter(t, f, a.Seq, 7), fmt.Sprintf("%d upsert %s v1", a.Seq+1, a.ID))
			close(logged.release)
			r := wait(t, done, "the writer")
			if r.err != nil {
				t.Fatalf("%s: %v", tc.name, r.err)
			}
			if r.res.Seq == a.Seq+1 {
				t.Fatalf("WriteResult %+v names the fenced change", r.res)
			}
			wantChanges(t, storetest.ChangesAfter(t, f, r.res.Seq-1, 7), fmt.Sprintf("%d "+tc.want, r.res.Seq, a.ID))
		})
	}
}
