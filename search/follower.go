package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// FollowerOptions configure a Follower. Zero values select the defaults.
type FollowerOptions struct {
	// BatchSize is the number of changes read and applied at a time; default 1000. Larger
	// batches did not index faster: measured on a 200k-row import, batches growing to 4000
	// during catch-up cost as much CPU per row and raised peak memory by a third.
	BatchSize int
	// PollInterval is how long the follower waits for new changes when it has applied all
	// there are, unless Notify wakes it sooner; default 200 ms.
	PollInterval time.Duration
	// MaxBackoff caps the wait between retries after an error; default 10 s. The first retry
	// waits PollInterval, and each further one twice as long.
	MaxBackoff time.Duration
	// Logger receives errors and progress; default: discard.
	Logger *slog.Logger
}

// Follower keeps an Index up to date with a Store's change feed.
type Follower struct {
	store xiaoqi.Store
	idx   *Index
	opt   FollowerOptions
	wake  chan struct{}
	ready chan struct{} // closed once caught up
	once  sync.Once

	mu    sync.Mutex
	ahead error // set once the index was found ahead of the store (ErrAhead)
}

// ErrAhead is reported by Follower.Err when the index has applied changes the store does not
// have: it was built from another store (a backup of the store restored, another database),
// and the changes the store numbers as it did are not applied. Rebuild the index: serve does
// at start (an index ahead of the store is removed), as does `xiaoqi reindex`.
var ErrAhead = errors.New("search: the index is ahead of the store: it was built from another store (a restored backup, another database); restart serve, which rebuilds it, or run xiaoqi reindex")

// aheadChecks is how many steps that ended the feed apart a follower asks the store for its LastSeq, to
// find an index ahead of it (ErrAhead) while it runs.
const aheadChecks = 100

// NewFollower returns a follower that applies store's changes to idx once Run is called.
func NewFollower(store xiaoqi.Store, idx *Index, opt FollowerOptions) *Follower {
	if opt.BatchSize <= 0 {
		opt.BatchSize = 1000
	}
	if opt.PollInterval <= 0 {
		opt.PollInterval = 200 * time.Millisecond
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = 10 * time.Second
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	return &Follower{store: store, idx: idx, opt: opt, wake: make(chan struct{}, 1), ready: make(chan struct{})}
}

// Notify wakes the follower to read changes now, typically after a local write. It never blocks.
func (f *Follower) Notify() {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// Ready reports whether the index has caught up with the store at least once since Run
// started (it has applied every change up to the store's LastSeq read at start, or the store
// had nothing more to give) and is following it: it is false while the index cannot write
// (Index.WriteErr) and once the index was found ahead of the store (ErrAhead). Err says why.
func (f *Follower) Ready() bool {
	select {
	case <-f.ready:
		return f.Err() == nil
	default:
		return false
	}
}

// Err returns why the follower cannot keep the index up to date: the index cannot write
// (Index.WriteErr), or it is ahead of the store (ErrAhead); nil while it follows, or is
// catching up.
func (f *Follower) Err() error {
	f.mu.Lock()
	ahead := f.ahead
	f.mu.Unlock()
	if ahead != nil {
		return ahead
	}
	if err := f.idx.WriteErr(); err != nil {
		return fmt.Errorf("search: the index cannot write, and falls behind the store: %w", err)
	}
	return nil
}

// checkAhead reports ErrAhead, logging it the first time, when the index has applied more
// than the store's last change, last.
func (f *Follower) checkAhead(last uint64) {
	seq := f.idx.Seq()
	if seq <= last {
		return
	}
	f.mu.Lock()
	first := f.ahead == nil
	if first {
		f.ahead = fmt.Errorf("%w (index at seq %d, store at %d)", ErrAhead, seq, last)
	}
	f.mu.Unlock()
	if first {
		f.opt.Logger.Error("search: the index is ahead of the store, so it misses the store's new changes numbered as ones it applied; "+
			"/readyz answers 503: restart serve, which rebuilds the index from the store, or run xiaoqi reindex",
			"index_seq", seq, "store_seq", last)
	}
}

// WaitReady blocks until the index has caught up with the store once (Ready, unless Err) or
// ctx ends.
func (f *Follower) WaitReady(ctx context.Context) error {
	select {
	case <-f.ready:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("search: wait for the index to catch up (at %d): %w", f.idx.Seq(), ctx.Err())
	}
}

// Run applies changes until ctx ends, then returns nil. Store and index errors are logged and
// retried with backoff; Run returns an error only if the index is closed under it.
func (f *Follower) Run(ctx context.Context) error {
	log := f.opt.Logger
	var (
		target  uint64 // the store's LastSeq when Run started
		known   bool   // whether target has been read
		backoff time.Duration
		idle    int // steps that ended the feed since the store's LastSeq was last read
	)
	for {
		var (
			more bool
			err  error
		)
		if !known {
			target, err = f.store.LastSeq(ctx)
			known = err == nil
			if known {
				f.checkAhead(target)
			}
		} else if idle >= aheadChecks {
			// The store replaced under a running node (a database restored): read its seq
			// after the index's, which it can only have passed since.
			idle = 0
			seq := f.idx.Seq()
			var last uint64
			if last, err = f.store.LastSeq(ctx); err == nil && last < seq {
				f.checkAhead(last)
			}
		}
		if err == nil {
			more, err = f.step(ctx, target)
		}
		wait := f.opt.PollInterval
		switch {
		case ctx.Err() != nil:
			return nil
		case errors.Is(err, ErrClosed):
			return err
		case err != nil:
			backoff = min(max(2*backoff, f.opt.PollInterval), f.opt.MaxBackoff)
			wait = backoff
			if f.idx.WriteErr() != nil {
				log.Error("search: the index cannot write (a full disk?); /readyz answers 503 and searches show the index as it was "+
					"until it can: free space in the data directory, the same changes are applied again then",
					"err", err, "seq", f.idx.Seq(), "retry_in", backoff)
			} else {
				log.Error("search: follow the change feed", "err", err, "seq", f.idx.Seq(), "retry_in", backoff)
			}
		case more:
			backoff, idle = 0, 0
			continue // a full batch: more are waiting
		default:
			backoff = 0
			idle++
		}
		select {
		case <-ctx.Done():
			return nil
		case <-f.wake:
		case <-time.After(wait):
		}
	}
}

// step reads and applies one batch of changes, reporting whether it was a full batch that
// moved the index on: only then may more be waiting. A shorter batch ends where the store's
// feed ended when it was read, so asking again at once would cost the store a read that
// finds nothing (on FerretDB, a scan of the feed) for every local write that woke the
// follower. step marks the follower ready once the index has reached target or the store
// has nothing more.
func (f *Follower) step(ctx context.Context, target uint64) (bool, error) {
	before := f.idx.Seq()
	changes, err := f.store.Changes(ctx, before, f.opt.BatchSize)
	if err != nil {
		return false, err
	}
	if err := f.idx.Apply(changes); err != nil {
		var ue *UnindexedError
		if !errors.As(err, &ue) {
			return false, err
		}
		for _, d := range ue.Docs {
			f.opt.Logger.Error("search: a document could not be indexed and is left out of the index; correct it in the store",
				"id", d.ID, "seq", d.Seq, "err", d.Err)
		}
	}
	seq := f.idx.Seq()
	if len(changes) == 0 || seq >= target {
		f.once.Do(func() {
			f.opt.Logger.Info("search: index caught up with the store", "seq", seq)
			close(f.ready)
		})
	}
	return len(changes) >= f.opt.BatchSize && seq > before, nil
}
