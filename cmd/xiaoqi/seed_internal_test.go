package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
)

// stopAfterWrite is a store whose context is cancelled after its first write, as a first
// start is stopped while it seeds (a container killed as it starts).
type stopAfterWrite struct {
	xiaoqi.Store
	stop context.CancelFunc
}

func (s stopAfterWrite) Upsert(ctx context.Context, docs []xiaoqi.Doc) ([]xiaoqi.WriteResult, error) {
	defer s.stop()
	return s.Store.Upsert(ctx, docs)
}

// TestFirstSeedAllOrNothing: a first start stopped while seeding left part of the data set
// (140 schools and nothing else), and the next start, finding the store not empty, kept it
// so for good. The seed is written whole or not at all.
func TestFirstSeedAllOrNothing(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	tax, err := loadTaxonomy(logger)
	if err != nil {
		t.Fatal(err)
	}
	s, err := bolt.Open(filepath.Join(t.TempDir(), "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	err = seedIfEmpty(ctx, stopAfterWrite{Store: s, stop: cancel}, tax, logger)
	if err != nil {
		// Stopped: nothing may be left, so that the next start seeds again.
		if seq, _ := s.LastSeq(context.Background()); seq != 0 {
			t.Fatalf("a stopped first seed left %d changes: %v", seq, err)
		}
		if err := seedIfEmpty(context.Background(), s, tax, logger); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []xiaoqi.Kind{xiaoqi.KindInstitution, xiaoqi.KindEnterprise, xiaoqi.KindJob, xiaoqi.KindCandidate, xiaoqi.KindPolicy} {
		if n, err := s.Count(context.Background(), k, nil); err != nil || n == 0 {
			t.Errorf("%s after the first start: %d, %v; want the data set's", k, n, err)
		}
	}
}
