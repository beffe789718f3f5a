package mongodb_test

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

// TestCompactFeed: compacting the feed leaves each document's latest change (an upsert, or
// the tombstone of a deleted document) and removes the rest, void fillers included. Readers
// at any position, a new process from 0 and a process that knew only the feed before the
// compaction, read the compacted feed without waiting and end with the store's content.
// Changes that the compacting process has not seen settled an age ago stay.
func TestCompactFeed(t *testing.T) {
	t.Parallel()
	db := mongotest.Database(t)
	w := openStore(t, db)
	stale := openStore(t, db, mongodb.WithGrace(time.Hour)) // knows the feed as it was before any write
	id := func(ext string) string { return xiaoqi.NewID(xiaoqi.KindJob, "src:mongotest|"+ext) }

	storetest.MustUpsert(t, w, job("a", 1), job("b", 1), job("c", 1))      // 1-3
	storetest.MustUpsert(t, w, job("a", 2))                                // 4
	storetest.MustUpsert(t, w, job("a", 3))                                // 5
	if _, err := w.Delete(ctx(), xiaoqi.KindJob, id("b"), 0); err != nil { // 6
		t.Fatal(err)
	}
	// Seq 7 taken by a writer that stalls; a follower fills it as void after the grace
	// period, and the writer, released, logs its change as 9.
	slow := openStore(t, db)
	allocated := newGate()
	mongodb.SetHooks(slow, allocated.hook, nil, nil)
	done := upsertAsync(slow, job("e", 1))
	wait(t, allocated.reached, "the slow writer to take a seq")
	storetest.MustUpsert(t, w, job("d", 1)) // 8
	f := openStore(t, db, mongodb.WithGrace(time.Second))
	clk := &clock{t: time.Now()}
	mongodb.SetClock(f, clk.Now)
	wantChanges(t, storetest.ChangesAfter(t, f, 6, 7))
	clk.Advance(time.Second)
	wantChanges(t, storetest.ChangesAfter(t, f, 6, 7), fmt.Sprintf("8 upsert %s v1", id("d")))
	close(allocated.release)
	if err := wait(t, done, "the slow writer"); err != nil {
		t.Fatal(err)
	}
	all := []string{
		fmt.Sprintf("1 upsert %s v3", id("a")), fmt.Sprintf("2 delete %s v1", id("b")), fmt.Sprintf("3 upsert %s v1", id("c")),
		fmt.Sprintf("4 upsert %s v3", id("a")), fmt.Sprintf("5 upsert %s v3", id("a")), fmt.Sprintf("6 delete %s v1", id("b")),
		fmt.Sprintf("8 upsert %s v1", id("d")), fmt.Sprintf("9 upsert %s v1", id("e")),
	}
	wantChanges(t, storetest.ChangesAfter(t, w, 0, 20), all...)
	wantFeedSize(t, w, 9, 8) // the filler has no settlement

	// The compacting process has not seen the feed settled an hour ago: it only takes note.
	c := openStore(t, db)
	if _, err := c.CompactFeed(ctx(), time.Second); err == nil {
		t.Error("CompactFeed with an age shorter than twice the grace period: no error")
	}
	if got, err := c.CompactFeed(ctx(), time.Hour); err != nil || got != (mongodb.Compaction{}) {
		t.Fatalf("first CompactFeed: %+v, %v; want nothing done", got, err)
	}
	wantFeedSize(t, w, 9, 8)

	// Two hours later (by its clock; the writers' clocks do not matter).
	later := &clock{t: time.Now().Add(2 * time.Hour)}
	mongodb.SetClock(c, later.Now)
	got, err := c.CompactFeed(ctx(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if want := (mongodb.Compaction{Through: 9, Read: 9, Removed: 4}); got != want {
		t.Errorf("CompactFeed: %+v, want %+v", got, want)
	}
	wantFeedSize(t, w, 5, 5)
	compacted := []string{
		fmt.Sprintf("3 upsert %s v1", id("c")), fmt.Sprintf("5 upsert %s v3", id("a")), fmt.Sprintf("6 delete %s v1", id("b")),
		fmt.Sprintf("8 upsert %s v1", id("d")), fmt.Sprintf("9 upsert %s v1", id("e")),
	}
	for name, s := range map[string]*mongodb.Store{"the writer": w, "a new process": openStore(t, db), "a process that knew no settled seq": stale} {
		wantChanges(t, storetest.ChangesAfter(t, s, 0, 20), compacted...)
		if seq := storetest.MustLastSeq(t, s); seq != 9 {
			t.Errorf("LastSeq of %s: %d, want 9", name, seq)
		}
	}
	// From a removed seq, and in pages of one.
	wantChanges(t, storetest.ChangesAfter(t, w, 4, 20), compacted[1:]...)
	page, err := w.Changes(ctx(), 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	wantChanges(t, page, compacted[0])
	replay := &follower{state: map[string]int64{}}
	replay.mustApply(t, storetest.ChangesAfter(t, stale, 0, 1))
	sameState(t, replay, w, xiaoqi.KindJob)

	// A later write supersedes a change compacted before. The next compaction sees it
	// settled, but not yet an hour ago; the one after removes the superseded change.
	storetest.MustUpsert(t, w, job("a", 4)) // 10
	if got, err := c.CompactFeed(ctx(), time.Hour); err != nil || got != (mongodb.Compaction{Through: 9}) {
		t.Errorf("CompactFeed right after seq 10: %+v, %v; want through 9, nothing read", got, err)
	}
	later.Advance(2 * time.Hour)
	if got, err := c.CompactFeed(ctx(), time.Hour); err != nil || got != (mongodb.Compaction{Through: 10, Read: 1, Removed: 1}) {
		t.Errorf("CompactFeed two hours later: %+v, %v; want through 10, 1 read, 1 removed", got, err)
	}
	wantChanges(t, storetest.ChangesAfter(t, openStore(t, db), 0, 20), compacted[0], compacted[2], compacted[3], compacted[4],
		fmt.Sprintf("10 upsert %s v4", id("a")))
	wantFeedSize(t, w, 5, 5)
}

func wantFeedSize(tb testing.TB, s *mongodb.Store, entries, settlements int64) {
	tb.Helper()
	e, st, err := mongodb.FeedSize(s)
	if err != nil {
		tb.Fatal(err)
	}
	if e != entries || st != settlements {
		tb.Errorf("the feed holds %d entries and %d settlements, want %d and %d", e, st, entries, settlements)
	}
}

// TestCompactWhileWriting: two writers update and delete a few documents over and over while
// a follower reads the feed and another process compacts it every 100 ms. The follower ends
// with the store's content, so does a new process reading from 0, and once the last writes
// are old enough, the feed holds exactly one change per document ever written.
func TestCompactWhileWriting(t *testing.T) {
	t.Parallel()
	db := mongotest.Database(t)
	writers := []*mongodb.Store{openStore(t, db), openStore(t, db)}
	followed := openStore(t, db)
	const grace, age, keys = time.Second, 2 * time.Second, 30
	compactor := openStore(t, db, mongodb.WithGrace(grace))

	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make([]error, len(writers))
	writes := make([]int, len(writers))
	for w, s := range writers {
		wg.Go(func() {
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				docs := make([]xiaoqi.Doc, 5)
				for i := range docs {
					docs[i] = job(fmt.Sprintf("k%d", (n*5+i+w*7)%keys), w*100000+n+1)
				}
				res, err := s.Upsert(ctx(), docs)
				if err != nil {
					errs[w] = fmt.Errorf("batch %d: %w", n, err)
					return
				}
				writes[w] += len(docs)
				if n%4 == 3 {
					_, err := s.Delete(ctx(), xiaoqi.KindJob, res[n%5].ID, 0)
					if err != nil && xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND { // the other writer deleted it first
						errs[w] = fmt.Errorf("delete %s: %w", res[n%5].ID, err)
						return
					}
				}
			}
		})
	}
	compactions := make(chan error, 1)
	var removed atomic.Int64
	go func() {
		for {
			select {
			case <-stop:
				compactions <- nil
				return
			case <-time.After(100 * time.Millisecond):
			}
			got, err := compactor.CompactFeed(ctx(), age)
			if err != nil {
				compactions <- err
				return
			}
			removed.Add(int64(got.Removed))
		}
	}()
	f := &follower{state: map[string]int64{}}
	followerDone := make(chan error, 1)
	go func() {
		for {
			page, err := followed.Changes(ctx(), f.after, 50)
			if err != nil {
				followerDone <- err
				return
			}
			if err := f.apply(page); err != nil {
				followerDone <- err
				return
			}
			select {
			case <-stop:
				followerDone <- nil
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()

	// Write for 5 s and until a compaction has removed changes, which takes more than the
	// age; give up after a minute.
	start, giveUp := time.Now(), time.After(time.Minute)
	tick := time.NewTicker(50 * time.Millisecond)
	for removed.Load() == 0 || time.Since(start) < 5*time.Second {
		select {
		case <-tick.C:
			continue
		case <-giveUp:
		}
		break
	}
	tick.Stop()
	close(stop)
	wg.Wait()
	if err := wait(t, compactions, "the compactor"); err != nil {
		t.Fatalf("CompactFeed: %v", err)
	}
	if err := wait(t, followerDone, "the follower"); err != nil {
		t.Fatalf("follower: %v", err)
	}
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
	}
	t.Logf("%d writes in %s, %d changes removed while writing", writes[0]+writes[1], time.Since(start).Round(time.Millisecond), removed.Load())
	if removed.Load() == 0 {
		t.Error("no change was removed while writing")
	}
	f.mustApply(t, storetest.ChangesAfter(t, followed, f.after, 50))
	sameState(t, f, followed, xiaoqi.KindJob)
	replay := &follower{state: map[string]int64{}}
	replay.mustApply(t, storetest.ChangesAfter(t, openStore(t, db), 0, 50))
	sameState(t, replay, followed, xiaoqi.KindJob)

	// Once the compactor saw every write settled, an age ago, one change per document is left.
	if _, err := compactor.CompactFeed(ctx(), age); err != nil {
		t.Fatal(err)
	}
	later := &clock{t: time.Now().Add(age)}
	mongodb.SetClock(compactor, later.Now)
	if _, err := compactor.CompactFeed(ctx(), age); err != nil {
		t.Fatal(err)
	}
	e, st, err := mongodb.FeedSize(compactor)
	if err != nil {
		t.Fatal(err)
	}
	if e != keys || st != keys {
		t.Errorf("after the last compaction the feed holds %d entries and %d settlements, want one each for each of the %d documents", e, st, keys)
	}
	replay = &follower{state: map[string]int64{}}
	replay.mustApply(t, storetest.ChangesAfter(t, openStore(t, db), 0, 7))
	sameState(t, replay, followed, xiaoqi.KindJob)
}

// TestLateCommitLogsAgain: a writer that settles its change more than the grace period after
// logging it logs the change again, as if a follower had fenced it: a compaction may have
// removed the fence since, so that its own settlement is not refused and cannot tell it. Its
// WriteResult names the change logged again, the one certain to carry the write.
func TestLateCommitLogsAgain(t *testing.T) {
	t.Parallel()
	db := mongotest.Database(t)
	const grace = 10 * time.Second
	w := openStore(t, db, mongodb.WithGrace(grace))
	clk := &clock{t: time.Now()}
	mongodb.SetClock(w, clk.Now)
	mongodb.SetHooks(w, nil, nil, func() { clk.Advance(grace) }) // the document written, a pause
	res := storetest.MustUpsert(t, w, job("a", 1))[0]
	if res.Seq != 2 {
		t.Errorf("the write's seq: %d, want 2", res.Seq)
	}
	wantChanges(t, storetest.ChangesAfter(t, openStore(t, db), 0, 7),
		fmt.Sprintf("1 upsert %s v1", res.ID), fmt.Sprintf("2 upsert %s v1", res.ID))
}

// TestCompactionRepairsFencedWrite: a writer that stalls longer than the grace period between
// logging its change and writing has the change fenced, and followers read the document as
// it was before the write; if the writer then writes and dies before logging the change
// again, nothing announces the write. Compaction, once it sees the fenced entry settled an
// age ago, finds the write landed (the document carries the entry's seq, or is gone) and
// logs the change again, so that followers end with the store's content.
func TestCompactionRepairsFencedWrite(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		write func(s *mongodb.Store, id string)
	}{
		{"upsert", func(s *mongodb.Store, _ string) { _, _ = s.Upsert(ctx(), []xiaoqi.Doc{job("a", 2)}) }},
		{"delete", func(s *mongodb.Store, id string) { _, _ = s.Delete(ctx(), xiaoqi.KindJob, id, 0) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			const grace = 10 * time.Second
			db := mongotest.Database(t)
			writer := openStore(t, db)
			f, clk := fencer(t, db, grace)
			fol := &follower{state: map[string]int64{}}
			a := storetest.MustUpsert(t, writer, job("a", 1))[0]
			fol.mustApply(t, storetest.ChangesAfter(t, f, 0, 7))

			logged, died := newGate(), make(chan struct{})
			mongodb.SetHooks(writer, nil, logged.hook, func() { close(died); runtime.Goexit() })
			go tc.write(writer, a.ID)
			wait(t, logged.reached, "the writer to log its change")
			wantChanges(t, storetest.ChangesAfter(t, f, fol.after, 7))
			clk.Advance(grace)
			fenced := storetest.ChangesAfter(t, f, fol.after, 7)
			wantChanges(t, fenced, fmt.Sprintf("%d upsert %s v1", a.Seq+1, a.ID))
			fol.mustApply(t, fenced)
			close(logged.release)
			wait(t, died, "the writer to write and die")
			wantChanges(t, storetest.ChangesAfter(t, f, fol.after, 7))

			if _, err := f.CompactFeed(ctx(), time.Hour); err != nil {
				t.Fatal(err)
			}
			clk.Advance(time.Hour)
			res, err := f.CompactFeed(ctx(), time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			fol.mustApply(t, storetest.ChangesAfter(t, f, fol.after, 7))
			sameState(t, fol, f, xiaoqi.KindJob)
			if res.Repaired != 1 {
				t.Errorf("CompactFeed: %+v, want one change logged again", res)
			}
			// Logged again, the change is like any other: a compaction through it leaves it be.
			for range 2 {
				clk.Advance(time.Hour)
				if res, err = f.CompactFeed(ctx(), time.Hour); err != nil {
					t.Fatal(err)
				}
			}
			if res.Through != a.Seq+2 || res.Repaired != 0 {
				t.Errorf("CompactFeed through the change logged again: %+v, want it through %d with nothing logged again", res, a.Seq+2)
			}
		})
	}
}
