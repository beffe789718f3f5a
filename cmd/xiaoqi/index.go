package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// logStandardTo sends what libraries write with the standard log package (bleve, when it
// cannot load a snapshot) to logger, as JSON when JSON is asked, until the function it
// returns puts the standard log back as it was.
func logStandardTo(logger *slog.Logger) (restore func()) {
	prev, w, flags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(logger)
	return func() {
		slog.SetDefault(prev)
		log.SetOutput(w)
		log.SetFlags(flags)
	}
}

// openIndex opens the search index in dir for store. The index is derived data: one that
// cannot serve this store is replaced by a new, empty one, which the follower builds from the
// store's change feed as on a first start, while the service listens (/readyz says 503 until
// it has caught up) instead of keeping the port shut for the minutes a large rebuild takes.
// That is an index built by another version of the mapping (an upgrade), one that cannot be
// read (files lost or cut short), and one ahead of the store (a backup of the store restored
// under it, or a store copied into MongoDB: it has applied changes the store numbers anew,
// and would skip them). An index in use by another process is an error.
func openIndex(ctx context.Context, store xiaoqi.Store, dir string, opts search.Options, logger *slog.Logger) (*search.Index, error) {
	x, err := search.Open(dir, opts)
	var why string
	switch {
	case errors.Is(err, search.ErrInUse):
		return nil, indexInUse(dir, err)
	case errors.Is(err, search.ErrMappingChanged):
		why = "search index was built by another version; removing it and building a new one from the store"
	case errors.Is(err, search.ErrUnreadable):
		why = "search index cannot be read (files lost or damaged); it is derived data: removing it and building a new one from the store"
	case err != nil:
		return nil, fmt.Errorf("open search index %s: %w", dir, err)
	default:
		// Also when start-up is being cancelled: the service shuts down once it has opened.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		last, err := store.LastSeq(ctx)
		if err != nil {
			// The follower compares them again as it starts, and says so if it is ahead.
			logger.Warn("could not read the store's last change to check the search index against it", "err", err)
			return x, nil
		}
		if seq := x.Seq(); seq > last {
			// Followed, it would skip every new change up to its seq.
			logger.Warn("search index is ahead of the store: it was built from another store (a backup restored, a store copied into MongoDB); "+
				"removing it and building a new one from the store", "dir", dir, "index_seq", seq, "store_seq", last)
			if err := x.Close(); err != nil {
				return nil, fmt.Errorf("close search index %s: %w", dir, err)
			}
			return reopenIndex(dir, opts)
		}
		return x, nil
	}
	logger.Warn(why, "dir", dir, "reason", err.Error())
	return reopenIndex(dir, opts)
}

// reopenIndex removes the index in dir and opens a new, empty one there.
func reopenIndex(dir string, opts search.Options) (*search.Index, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("remove search index %s: %w", dir, err)
	}
	x, err := search.Open(dir, opts)
	if errors.Is(err, search.ErrInUse) {
		return nil, indexInUse(dir, err)
	} else if err != nil {
		return nil, fmt.Errorf("open search index %s: %w", dir, err)
	}
	return x, nil
}

// indexInUse says that another process holds the search index in dir (search.ErrInUse): a
// serve of the same data directory on MongoDB, where no store file is locked.
func indexInUse(dir string, err error) error {
	return fmt.Errorf("数据目录的搜索索引正被另一个 xiaoqi 进程使用（%[1]s 等待 %[2]v 仍被锁定）：先停止使用该数据目录的 xiaoqi serve；每个节点需要自己的 --data-dir / "+
		"the data directory's search index is in use by another xiaoqi process (%[1]s still locked after %[2]v): "+
		"stop the xiaoqi serve of this data directory first; each node needs its own --data-dir: %[3]w", dir, search.LockTimeout, err)
}
