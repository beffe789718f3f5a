package search_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// eventually waits until cond holds, failing the test after a few seconds.
func eventually(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("not within 10s: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestFollowerSurvivesFailedWrite: the index cannot persist a batch (a full disk), and bleve
// panicked on the next one ("assignment to entry in nil map" in zapx), which killed serve.
// The follower stays up, is not ready while the index cannot write, and once it can (the
// index reopened from disk) applies the same changes and is ready again.
func TestFollowerSurvivesFailedWrite(t *testing.T) {
	s := openStore(t)
	write(t, s, storeDocs(3)...)
	x, _ := openIndex(t)
	f := follow(t, s, x, search.FollowerOptions{PollInterval: time.Hour, MaxBackoff: time.Hour})
	waitReady(t, f)
	before := x.Seq()

	var calls atomic.Int32
	search.BreakWrites(x, func() error {
		if calls.Add(1) == 1 {
			return fmt.Errorf("write segment: %w", syscall.ENOSPC)
		}
		panic("assignment to entry in nil map")
	})
	job := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{Source: "t", ExternalID: "full"}, EnterpriseName: "西安某公司", Name: "运维工程师", City: "西安"}
	seq := write(t, s, job)
	f.Notify()
	eventually(t, "the follower reports the failed write", func() bool { return f.Err() != nil })
	if f.Ready() {
		t.Error("ready while the index cannot write")
	}
	if err := x.WriteErr(); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("WriteErr = %v, want the full disk's error", err)
	}
	if x.Seq() != before {
		t.Errorf("seq %d after a failed write, want %d", x.Seq(), before)
	}

	f.Notify() // the retry reopens the index from disk
	waitFor(t, x, seq)
	if !f.Ready() || f.Err() != nil || x.WriteErr() != nil {
		t.Errorf("after the retry: ready %v, Err %v, WriteErr %v; want ready, no error", f.Ready(), f.Err(), x.WriteErr())
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "运维"})); len(got) != 1 || got[0] != job.ID {
		t.Errorf("the job written while the index could not write: search finds %v, want %s", got, job.ID)
	}
	mirrors(t, s, x)
}

// TestApplyRecoversPanic: bleve panicking in Apply, on the calling goroutine or in a lane of a
// large batch, is an error that WriteErr reports; the next Apply reopens the index and applies.
func TestApplyRecoversPanic(t *testing.T) {
	for _, n := range []int{3, 1200} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			x, _ := openIndex(t)
			var docs []xiaoqi.Doc
			for i := range n {
				docs = append(docs, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: fmt.Sprintf("job_panic_%04d", i), Version: 1},
					Name: "软件测试工程师", EnterpriseName: "示例公司", City: "西安市"})
			}
			changes := upserts(0, docs...)
			search.BreakWrites(x, func() error { panic("assignment to entry in nil map") })
			err := x.Apply(changes)
			if err == nil || !strings.Contains(err.Error(), "panicked") {
				t.Fatalf("Apply with bleve panicking = %v, want an error saying so", err)
			}
			if x.WriteErr() == nil || x.Seq() != 0 {
				t.Errorf("after the panic: WriteErr %v, seq %d; want an error, 0", x.WriteErr(), x.Seq())
			}
			if err := x.Apply(changes); err != nil {
				t.Fatalf("Apply again: %v", err)
			}
			if x.WriteErr() != nil || x.Seq() != uint64(n) {
				t.Errorf("after the retry: WriteErr %v, seq %d; want nil, %d", x.WriteErr(), x.Seq(), n)
			}
			if c, err := x.Count(); err != nil || c != uint64(n) {
				t.Errorf("Count = %d, %v; want %d", c, err, n)
			}
		})
	}
}

// aheadStore is a store whose LastSeq can be made to say less than it has: a store replaced
// under a running node.
type aheadStore struct {
	xiaoqi.Store
	last atomic.Int64 // when > 0, what LastSeq answers
}

func (s *aheadStore) LastSeq(ctx context.Context) (uint64, error) {
	if n := s.last.Load(); n > 0 {
		return uint64(n), nil
	}
	return s.Store.LastSeq(ctx)
}

// TestFollowerIndexAhead: an index that has applied more changes than the store has (a backup
// of the store restored under it) would skip the store's new changes: the follower is not
// ready, and says why, when it starts and when it finds it while running. It logged a warning
// and said ready.
func TestFollowerIndexAhead(t *testing.T) {
	t.Run("at start", func(t *testing.T) {
		s := openStore(t)
		last := write(t, s, storeDocs(2)...)
		x, _ := openIndex(t)
		if err := x.Apply(upserts(last+10, corpus()[0])); err != nil {
			t.Fatal(err)
		}
		f := follow(t, s, x, search.FollowerOptions{PollInterval: time.Millisecond})
		eventually(t, "the follower finds the index ahead", func() bool { return f.Err() != nil })
		if !errors.Is(f.Err(), search.ErrAhead) || f.Ready() {
			t.Errorf("Err = %v, ready %v; want ErrAhead, not ready", f.Err(), f.Ready())
		}
	})
	t.Run("while running", func(t *testing.T) {
		s := &aheadStore{Store: openStore(t)}
		write(t, s, storeDocs(2)...)
		x, _ := openIndex(t)
		f := follow(t, s, x, search.FollowerOptions{PollInterval: time.Millisecond})
		waitReady(t, f)
		s.last.Store(1) // the store restored from an old backup
		eventually(t, "the follower finds the index ahead", func() bool { return f.Err() != nil })
		if !errors.Is(f.Err(), search.ErrAhead) || f.Ready() {
			t.Errorf("Err = %v, ready %v; want ErrAhead, not ready", f.Err(), f.Ready())
		}
	})
}

// TestOpenInUse: an index that another process holds (a second serve of the data directory
// on MongoDB, or reindex beside serve) is ErrInUse after LockTimeout: Open waited forever in
// bbolt's flock, and Rebuild swapped the directory under the running node. (bbolt's flock
// excludes a second open in this process too.)
func TestOpenInUse(t *testing.T) {
	x, dir := openIndex(t)
	index(t, x, corpus()[0])
	start := time.Now()
	y, err := search.Open(dir, options(t))
	if err == nil {
		y.Close()
		t.Fatal("second Open of an index in use succeeded")
	}
	if !errors.Is(err, search.ErrInUse) {
		t.Errorf("second Open = %v, want ErrInUse", err)
	}
	if d := time.Since(start); d > search.LockTimeout+5*time.Second {
		t.Errorf("second Open gave up after %v", d)
	}
	s := openStore(t)
	write(t, s, storeDocs(1)...)
	if _, err := search.Rebuild(context.Background(), s, dir, options(t)); !errors.Is(err, search.ErrInUse) {
		t.Errorf("Rebuild of an index in use = %v, want ErrInUse", err)
	}
	// The running index is untouched.
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "软件测试"})); len(got) != 1 {
		t.Errorf("the index in use after the refused rebuild finds %v", got)
	}
}

// TestOpenUnreadable: an index whose files were lost or cut short is ErrUnreadable, so that
// serve replaces it (it stopped with "error parsing mapping JSON: unexpected end of JSON
// input"). (Segment files deleted make bleve fall back to an older snapshot when it still has
// one, so the test empties the file that lists them.)
func TestOpenUnreadable(t *testing.T) {
	for _, tc := range []struct {
		what   string
		damage func(dir string) error
	}{
		{"its list of segments emptied", func(dir string) error { return os.Truncate(filepath.Join(dir, "store", "root.bolt"), 0) }},
		{"its description lost", func(dir string) error { return os.Remove(filepath.Join(dir, "index_meta.json")) }},
		{"its description cut short", func(dir string) error { return os.Truncate(filepath.Join(dir, "index_meta.json"), 3) }},
	} {
		x, dir := openIndex(t)
		index(t, x, corpus()...)
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		if err := tc.damage(dir); err != nil {
			t.Fatal(err)
		}
		y, err := search.Open(dir, options(t))
		if err == nil {
			y.Close()
			t.Errorf("Open of an index with %s succeeded", tc.what)
		} else if !errors.Is(err, search.ErrUnreadable) {
			t.Errorf("Open of an index with %s = %v, want ErrUnreadable", tc.what, err)
		}
	}
}
