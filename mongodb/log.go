package mongodb

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// The writer's side of the change feed: allocate seqs, log entries (pending) before the
// documents are written, settle them after.

// maxLogAttempts bounds how often a writer takes new seqs for entries whose seqs were taken.
// On FerretDB, whose $inc is not atomic, writers that retry together take the same seqs
// again, one of them winning each round: with two nodes' writers in a burst, 10 rounds were
// once not enough (a batch failed with 500 in the multi-node test). Retries therefore also
// wait a random moment, growing with the attempt, so that they spread out.
const maxLogAttempts = 30

// commitTimeout bounds committing a write's entries, which goes on after the caller's context
// ends: a write that happened must not stay pending.
const commitTimeout = 30 * time.Second

// hooks let tests stop a writer between the steps of a write, as a slow or crashed process
// would. They are nil outside tests.
type hooks struct {
	afterAllocate func() // seqs allocated, entries not inserted yet
	afterLog      func() // entries pending, documents not written yet
	afterWrite    func() // documents written, entries not committed yet
	// The moves of candidates to random ids (migrate.go).
	beforeMoveDelete func() // record copied, delete of the old id logged, not done
	afterMoveDelete  func() // old id deleted, record not stored under the new one
	beforeRepoint    func() // record stored under the new id, accounts and audit not updated
	afterMove        func() // one candidate moved
}

func call(hook func()) {
	if hook != nil {
		hook()
	}
}

// allocate takes n seqs from the counter and returns the first.
func (s *Store) allocate(ctx context.Context, n int) (uint64, error) {
	var c counter
	err := s.counters.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: seqCounter}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "seq", Value: int64(n)}}}},
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After),
	).Decode(&c)
	if err != nil {
		return 0, translate("allocate seqs", err)
	}
	return uint64(c.Seq) - uint64(n) + 1, nil
}

// log inserts entries into the change feed, setting their seqs. An entry whose seq turns out
// to be taken gets a new one: a follower filled the seq as abandoned (this writer was slow),
// or, on FerretDB, whose $inc is not atomic, another writer was given the same seq. Either
// way the seq of every entry that log returns is this writer's alone.
func (s *Store) log(ctx context.Context, entries []changeRecord) error {
	todo := make([]int, len(entries))
	for i := range todo {
		todo[i] = i
	}
	for attempt := 0; len(todo) > 0; attempt++ {
		if attempt == maxLogAttempts {
			return fmt.Errorf("mongodb: log changes: seqs still taken after %d attempts", attempt)
		}
		if attempt > 0 {
			if err := backoff(ctx, attempt); err != nil {
				return err
			}
			if err := s.catchUpCounter(ctx); err != nil {
				return err
			}
		}
		first, err := s.allocate(ctx, len(todo))
		if err != nil {
			return err
		}
		docs := make([]any, len(todo))
		for k, i := range todo {
			entries[i].Seq = int64(first) + int64(k)
			docs[k] = entries[i]
		}
		call(s.hooks.afterAllocate)
		_, err = s.changes.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
		var taken []int
		if err != nil {
			var bwe mongo.BulkWriteException
			if !errors.As(err, &bwe) || bwe.WriteConcernError != nil {
				return translate("log changes", err)
			}
			for _, we := range bwe.WriteErrors {
				if !isDuplicateCode(we.Code) {
					return translate("log changes", err)
				}
				taken = append(taken, todo[we.Index])
			}
		}
		todo = taken
	}
	return nil
}

// backoff waits a random moment of up to attempt × 5 ms (at most 100 ms), or until ctx ends.
func backoff(ctx context.Context, attempt int) error {
	d := time.Duration(rand.Int64N(int64(min(attempt*5, 100))*int64(time.Millisecond) + 1))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// catchUpCounter raises the counter to the highest seq in the feed, so that a counter that
// fell behind (FerretDB loses concurrent $inc) stops handing out taken seqs.
func (s *Store) catchUpCounter(ctx context.Context) error {
	var top changeRecord
	err := s.changes.FindOne(ctx, bson.D{},
		options.FindOne().SetSort(bson.D{{Key: "_id", Value: -1}}).SetProjection(bson.D{{Key: "_id", Value: 1}}),
	).Decode(&top)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil
	} else if err != nil {
		return translate("read the last seq", err)
	}
	_, err = s.counters.UpdateOne(ctx, bson.D{{Key: "_id", Value: seqCounter}},
		bson.D{{Key: "$max", Value: bson.D{{Key: "seq", Value: top.Seq}}}})
	return translate("raise the seq counter", err)
}

// commit settles the entries of a write: done ones (their writes happened, or may have)
// as committed, void ones (their writes certainly did not happen) as void. A settlement is an
// insert that only the first of writer and follower wins: an entry that a follower fenced
// first is logged again, so that followers that passed it before the write landed see the
// write, and done then holds its new seq: the seq of the change that carries the write.
// commit goes on after ctx ends.
func (s *Store) commit(ctx context.Context, done []changeRecord, void []int64) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), commitTimeout)
	defer cancel()
	if len(void) > 0 {
		if _, err := s.settle(ctx, void, stateVoid); err != nil { // one fenced first is as good
			return err
		}
	}
	// todo are the indexes in done of the entries still to settle.
	todo := make([]int, len(done))
	for i := range todo {
		todo[i] = i
	}
	for attempt := 0; len(todo) > 0; attempt++ {
		if attempt == maxLogAttempts {
			return fmt.Errorf("mongodb: commit changes: fenced %d times", attempt)
		}
		entries := make([]changeRecord, len(todo))
		for k, i := range todo {
			entries[k] = done[i]
		}
		fenced, err := s.settle(ctx, seqs(entries), stateCommitted)
		if err != nil {
			return err
		}
		if attempt == 0 {
			fenced = s.late(entries, fenced)
		}
		again := make([]changeRecord, len(fenced))
		next := make([]int, len(fenced))
		for k, i := range fenced {
			again[k], next[k] = entries[i], todo[i]
			again[k].At = s.now().UTC()
		}
		if len(again) > 0 {
			if err := s.log(ctx, again); err != nil {
				return err
			}
		}
		for k, i := range next {
			done[i] = again[k]
		}
		todo = next
	}
	return nil
}

// late adds to fenced the entries logged longer than the grace period ago. A follower may
// have fenced such an entry, and CompactFeed may have removed the entry and its fence since,
// so that the settlement just inserted was not refused: the change is logged again, as a
// fenced one is. Logging a change twice costs a follower one more read of the document.
func (s *Store) late(done []changeRecord, fenced []int) []int {
	now := s.now()
	was := make(map[int]bool, len(fenced))
	for _, i := range fenced {
		was[i] = true
	}
	for i, e := range done {
		if !was[i] && now.Sub(e.At) >= s.grace {
			fenced = append(fenced, i)
		}
	}
	return fenced
}

// settle inserts settlements of the given seqs, and returns the indexes of those that were
// settled already.
func (s *Store) settle(ctx context.Context, seqs []int64, state string) (taken []int, err error) {
	docs := make([]any, len(seqs))
	at := s.now().UTC()
	for i, seq := range seqs {
		docs[i] = settlement{Seq: seq, State: state, At: at}
	}
	_, err = s.settled.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	if err == nil {
		return nil, nil
	}
	var bwe mongo.BulkWriteException
	if !errors.As(err, &bwe) || bwe.WriteConcernError != nil {
		return nil, translate("settle changes", err)
	}
	for _, we := range bwe.WriteErrors {
		if !isDuplicateCode(we.Code) {
			return nil, translate("settle changes", err)
		}
		taken = append(taken, we.Index)
	}
	return taken, nil
}

// seqs returns the seqs of entries.
func seqs(entries []changeRecord) []int64 {
	out := make([]int64, len(entries))
	for i, e := range entries {
		out[i] = e.Seq
	}
	return out
}
