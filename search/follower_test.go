package search_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// follow runs a follower until the end of the test.
func follow(tb testing.TB, s xiaoqi.Store, x *search.Index, opt search.FollowerOptions) *search.Follower {
	tb.Helper()
	f := search.NewFollower(s, x, opt)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	tb.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			tb.Errorf("Run: %v", err)
		}
	})
	return f
}

// waitFor waits for x to apply seq, failing the test after a generous timeout.
func waitFor(tb testing.TB, x *search.Index, seq uint64) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := x.WaitFor(ctx, seq); err != nil {
		tb.Fatal(err)
	}
}

func waitReady(tb testing.TB, f *search.Follower) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := f.WaitReady(ctx); err != nil {
		tb.Fatal(err)
	}
}

func TestFollower(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	last := write(t, s, storeDocs(7)...)
	x, _ := openIndex(t)

	// A poll interval of an hour: after catching up, only Notify wakes the follower.
	f := follow(t, s, x, search.FollowerOptions{BatchSize: 3, PollInterval: time.Hour})
	waitReady(t, f)
	if x.Seq() != last || !f.Ready() {
		t.Fatalf("ready at seq %d, store at %d", x.Seq(), last)
	}
	mirrors(t, s, x)

	job := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{Source: "t", ExternalID: "new"}, EnterpriseName: "西安某公司", Name: "运维工程师", City: "西安"}
	seq := write(t, s, job)
	f.Notify() // after the write, as the API does
	waitFor(t, x, seq)
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "运维"})); len(got) != 1 || got[0] != job.ID {
		t.Errorf("new job: %v, want %s", got, job.ID)
	}

	job.Name = "运维开发工程师"
	seq = write(t, s, job)
	res, err := s.Delete(ctx, xiaoqi.KindPolicy, xiaoqi.NewID(xiaoqi.KindPolicy, "item:12"), 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Notify()
	f.Notify() // never blocks
	waitFor(t, x, max(seq, res.Seq))
	mirrors(t, s, x)
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "产学研"})); len(got) != 0 {
		t.Errorf("deleted policy found: %v", got)
	}
}

func TestFollowerPolls(t *testing.T) {
	s := openStore(t)
	x, _ := openIndex(t)
	f := follow(t, s, x, search.FollowerOptions{PollInterval: 5 * time.Millisecond})
	waitReady(t, f) // an empty store: ready at once
	waitFor(t, x, write(t, s, storeDocs(2)...))
	mirrors(t, s, x)
}

// countingStore counts the calls of Changes.
type countingStore struct {
	xiaoqi.Store
	mu    sync.Mutex
	reads int
}

func (s *countingStore) Changes(ctx context.Context, after uint64, limit int) ([]xiaoqi.Change, error) {
	s.mu.Lock()
	s.reads++
	s.mu.Unlock()
	return s.Store.Changes(ctx, after, limit)
}

func (s *countingStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reads
}

// TestFollowerReadsOnce: the follower reads the feed again at once only after a full batch.
// A shorter one reached the end of the feed, so a local write costs the store one read of
// the feed, not two (on FerretDB each is a scan of the feed).
func TestFollowerReadsOnce(t *testing.T) {
	s := &countingStore{Store: openStore(t)}
	write(t, s, storeDocs(7)...)
	x, _ := openIndex(t)
	f := follow(t, s, x, search.FollowerOptions{BatchSize: 3, PollInterval: time.Hour})
	waitReady(t, f)
	// Catching up reads full batches of 3 and one shorter one, perhaps empty.
	changes, err := s.Store.Changes(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	catchUp := len(changes)/3 + 1
	// Then three writes, each followed by Notify as the API does, the next once the last
	// is applied. A needless read after applying a batch would come before the follower
	// applies the next write, so once the third is applied the count is exact.
	for i := range 3 {
		job := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{Source: "t", ExternalID: fmt.Sprint("once-", i)}, EnterpriseName: "西安某公司", Name: "运维工程师", City: "西安"}
		seq := write(t, s, job)
		f.Notify()
		waitFor(t, x, seq)
	}
	if got := s.count(); got != catchUp+3 {
		t.Errorf("catching up with %d changes in batches of 3, then three writes that each woke the follower once: "+
			"it read the feed %d times, want %d + 3", len(changes), got, catchUp)
	}
}

// TestFollowerResumes: a follower started on an index that has applied part of the feed
// applies only the rest.
func TestFollowerResumes(t *testing.T) {
	s := openStore(t)
	x, dir := openIndex(t)
	write(t, s, storeDocs(3)...)
	changes, err := s.Changes(context.Background(), 0, 4)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Apply(changes); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	last := write(t, s, storeDocs(6)[6:]...)

	x, err = search.Open(dir, options(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	if x.Seq() != 4 {
		t.Fatalf("seq = %d, want 4", x.Seq())
	}
	waitReady(t, follow(t, s, x, search.FollowerOptions{}))
	if x.Seq() != last {
		t.Errorf("ready at %d, store at %d", x.Seq(), last)
	}
	mirrors(t, s, x)
}

// flakyStore fails its first calls of LastSeq and Changes.
type flakyStore struct {
	xiaoqi.Store
	mu       sync.Mutex
	failures int
}

func (s *flakyStore) fail() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failures > 0 {
		s.failures--
		return errors.New("disk on fire")
	}
	return nil
}

func (s *flakyStore) LastSeq(ctx context.Context) (uint64, error) {
	if err := s.fail(); err != nil {
		return 0, err
	}
	return s.Store.LastSeq(ctx)
}

func (s *flakyStore) Changes(ctx context.Context, after uint64, limit int) ([]xiaoqi.Change, error) {
	if err := s.fail(); err != nil {
		return nil, err
	}
	return s.Store.Changes(ctx, after, limit)
}

// syncBuffer is a bytes.Buffer safe for the follower's goroutine and the test's.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestFollowerRetries(t *testing.T) {
	s := &flakyStore{Store: openStore(t), failures: 4}
	last := write(t, s, storeDocs(2)...)
	x, _ := openIndex(t)
	var log syncBuffer
	f := follow(t, s, x, search.FollowerOptions{PollInterval: time.Millisecond, MaxBackoff: 4 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(&log, nil))})
	waitReady(t, f)
	if x.Seq() != last {
		t.Errorf("ready at %d, store at %d", x.Seq(), last)
	}
	mirrors(t, s, x)
	if n := strings.Count(log.String(), "disk on fire"); n != 4 {
		t.Errorf("logged %d errors, want 4:\n%s", n, log.String())
	}
}

func TestFollowerStops(t *testing.T) {
	s := openStore(t)
	x, _ := openIndex(t)
	f := search.NewFollower(s, x, search.FollowerOptions{PollInterval: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- f.Run(ctx) }()
	waitReady(t, f)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run after cancel = %v, want nil", err)
	}

	// A closed index ends Run with an error instead of retrying for ever.
	write(t, s, storeDocs(0)...)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if err := search.NewFollower(s, x, search.FollowerOptions{}).Run(context.Background()); !errors.Is(err, search.ErrClosed) {
		t.Errorf("Run on a closed index = %v, want ErrClosed", err)
	}
}
