package mongodb

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Compaction of the change feed: every write adds an entry, so without it the feed grows by
// one entry (and one settlement) per write for ever, and a new node replays every write
// ever made. CompactFeed keeps each document's latest change, as the embedded store does
// on every write.

// DefaultCompactAge is how old an entry must be before CompactFeed may remove it.
const DefaultCompactAge = time.Hour

// compactBatch is how many entries CompactFeed reads at a time.
const compactBatch = 1000

// compactedID names the counters document that records how far the feed is compacted.
const compactedID = "compacted"

// Compaction says what one CompactFeed did.
type Compaction struct {
	// Through is the last seq the feed is compacted through (0: nothing old enough yet).
	Through uint64
	// Read is how many entries were read, Removed how many of them, or of older ones
	// that they superseded, were removed.
	Read, Removed int
	// Repaired is how many changes were logged again because a fenced write had landed
	// after all (see repairFenced).
	Repaired int
}

// CompactFeed removes from the change feed, among the entries that this process saw settled
// age ago or longer (in an earlier call: the first call of a process only takes note of the
// feed), every void entry and every entry that a later entry of the same document supersedes,
// with their settlements. Each document keeps its latest change (an upsert, or the
// tombstone of a deleted one), so a follower at any position, and a new node reading from
// 0, still ends with the store's content: a change carries the document's state when it is
// read, never when it was written.
//
// Followers pass over the removed seqs without waiting: every seq up to the feed's
// checkpoint is settled, and CompactFeed saves the checkpoint before it removes anything.
// Age bounds how late a writer may be (between taking a seq and settling it) without
// losing its change: a write whose seq was removed would land behind the followers. Writers
// log a change again when they commit more than the grace period after logging it, so age
// must be far longer than the grace period: DefaultCompactAge is an hour.
//
// Any number of processes may compact at once, and a compaction cut short is finished by
// the next: each step removes only entries that a later, non-void entry of the document
// supersedes, which stays so.
//
// Among the entries it compacts, CompactFeed also logs again the change of a fenced entry
// whose write landed after the fence, if its writer died before logging it again (see
// repairFenced).
func (s *Store) CompactFeed(ctx context.Context, age time.Duration) (Compaction, error) {
	var res Compaction
	if age < 2*s.grace {
		return res, errors.New("mongodb: compact the change feed: the age must be at least twice the grace period")
	}
	// The index is made here, not when the store opens: on a long feed its build takes
	// minutes, which must not hold up a start.
	if err := ensureIndexes(ctx, s.changes, feedIndexes); err != nil {
		return res, fmt.Errorf("mongodb: create the index of %s by document: %w", changesCollection, err)
	}
	if _, err := s.LastSeq(ctx); err != nil { // settles the feed and saves the checkpoint
		return res, err
	}
	settled, _ := s.feed.get()
	through := s.compaction.observe(s.now(), settled, age)
	if through == 0 {
		return res, nil
	}
	var mark counter
	err := s.counters.FindOne(ctx, bson.D{{Key: "_id", Value: compactedID}}).Decode(&mark)
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return res, translate("read the compaction mark", err)
	}
	// The mark moves with each batch, so that a compaction cut short (the process stopped)
	// is taken up where it stopped: the entries up to the mark are compacted against each
	// other, and a batch after it removes what it supersedes before the mark too.
	for pos := uint64(mark.Seq); pos < through; {
		read, removed, repaired, last, err := s.compactBatch(ctx, pos, through)
		res.Repaired += repaired
		if err != nil {
			return res, err
		}
		res.Read, res.Removed = res.Read+read, res.Removed+removed
		if read == 0 {
			last = through
		}
		if err := s.saveMark(ctx, last); err != nil {
			return res, err
		}
		pos = last
	}
	res.Through = through
	return res, nil
}

// compactState is what CompactFeed remembers between calls: when this process saw the feed
// settled up to which seq, by its own clock. The seqs up to a prefix settled age ago were
// all taken by writers before then, whatever the clocks of the writers that logged them.
type compactState struct {
	mu      sync.Mutex
	samples []settledSample // oldest first
}

type settledSample struct {
	at  time.Time
	seq uint64
}

// observe records that the feed is settled up to seq at now, and returns the seq of the
// newest observation at least age old (0: none yet), forgetting those before it.
func (c *compactState) observe(now time.Time, seq uint64, age time.Duration) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.samples = append(c.samples, settledSample{at: now, seq: seq})
	through, keep := uint64(0), 0
	for i, smp := range c.samples {
		if now.Sub(smp.at) >= age {
			through, keep = smp.seq, i
		}
	}
	c.samples = c.samples[keep:]
	return through
}

// saveMark records that the feed is compacted through seq.
func (s *Store) saveMark(ctx context.Context, seq uint64) error {
	_, err := s.counters.UpdateOne(ctx, bson.D{{Key: "_id", Value: compactedID}},
		bson.D{{Key: "$max", Value: bson.D{{Key: "seq", Value: int64(seq)}}}}, options.UpdateOne().SetUpsert(true))
	if err != nil && !isDuplicateKey(err) {
		return translate("save the compaction mark", err)
	}
	return nil
}

// feedIndexes are the indexes of the changes collection besides _id: CompactFeed finds the
// earlier changes of a document by kind and id.
var feedIndexes = []index{{name: "doc", keys: bson.D{{Key: "kind", Value: 1}, {Key: "id", Value: 1}, {Key: "_id", Value: 1}}}}

// docKey names a document in the feed.
type docKey struct{ kind, id string }

// compactBatch compacts the entries after pos up to through, at most compactBatch of them,
// and returns how many it read and removed, how many changes it logged again, and the last
// seq read.
func (s *Store) compactBatch(ctx context.Context, pos, through uint64) (read, removed, repaired int, last uint64, err error) {
	cur, err := s.changes.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: int64(pos)}, {Key: "$lte", Value: int64(through)}}}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(compactBatch).SetBatchSize(compactBatch))
	if err != nil {
		return 0, 0, 0, 0, translate("read changes to compact", err)
	}
	var recs []changeRecord
	if err := cur.All(ctx, &recs); err != nil {
		return 0, 0, 0, 0, translate("read changes to compact", err)
	}
	if len(recs) == 0 {
		return 0, 0, 0, pos, nil
	}
	// Every seq up to through is settled: an entry without a settlement is one that another
	// compaction is removing (stateRemoved), never a pending one.
	if err := s.states(ctx, pos, through, recs); err != nil {
		return 0, 0, 0, 0, err
	}
	// Before anything is removed: a compaction cut short examines the batch again.
	if repaired, err = s.repairFenced(ctx, recs); err != nil {
		return 0, 0, repaired, 0, err
	}
	var remove []int64
	latest := map[docKey]int64{}
	for _, c := range recs {
		if c.State == stateVoid || c.State == stateRemoved {
			remove = append(remove, c.Seq)
			continue
		}
		k := docKey{c.Kind, c.ID}
		if prev, ok := latest[k]; ok {
			remove = append(remove, prev) // recs are in seq order
		}
		latest[k] = c.Seq
	}
	// Entries before this batch (up to pos) that its documents' latest changes supersede.
	byKind := map[string][]string{}
	for k := range latest {
		byKind[k.kind] = append(byKind[k.kind], k.id)
	}
	var older []int64
	for kind, ids := range byKind {
		cur, err := s.changes.Find(ctx, bson.D{{Key: "kind", Value: kind}, {Key: "id", Value: bson.D{{Key: "$in", Value: ids}}},
			{Key: "_id", Value: bson.D{{Key: "$lt", Value: recs[0].Seq}}}}, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
		if err != nil {
			return 0, 0, repaired, 0, translate("read superseded changes", err)
		}
		var found []changeRecord
		if err := cur.All(ctx, &found); err != nil {
			return 0, 0, repaired, 0, translate("read superseded changes", err)
		}
		for _, c := range found {
			older = append(older, c.Seq)
		}
	}
	last = uint64(recs[len(recs)-1].Seq)
	if len(remove)+len(older) == 0 {
		return len(recs), 0, repaired, last, nil
	}
	// The entries first: a follower that finds an entry up to the checkpoint without its
	// settlement takes it as removed.
	res, err := s.changes.DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: append(older, remove...)}}}})
	if err != nil {
		return 0, 0, repaired, 0, translate("remove superseded changes", err)
	}
	// Then their settlements: in this batch's range every settlement but those of the
	// entries kept, which also takes those that a compaction stopped between the two steps
	// left behind.
	gone := make(map[int64]bool, len(remove))
	for _, seq := range remove {
		gone[seq] = true
	}
	kept := []int64{}
	for _, c := range recs {
		if !gone[c.Seq] {
			kept = append(kept, c.Seq)
		}
	}
	_, err = s.settled.DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{
		{Key: "$gt", Value: int64(pos)}, {Key: "$lte", Value: int64(last)}, {Key: "$nin", Value: kept}}}})
	if err == nil && len(older) > 0 {
		_, err = s.settled.DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: older}}}})
	}
	if err != nil {
		return 0, 0, repaired, 0, translate("remove settlements of superseded changes", err)
	}
	return len(recs), int(res.DeletedCount), repaired, last, nil
}

// repairFenced logs again the change of every abandoned entry of recs whose write landed
// after all: its document now carries the entry's seq, or, for a delete, is gone. A follower
// fenced the entry while its writer stalled between logging and writing, and read the
// document before the write; had the writer lived, it would have logged the change again
// when it found it fenced, but it may have died once the write landed, and then nothing
// else would announce the write. The entries are settled an age ago: by now such a write
// has landed or never will, which compaction assumes anyway (see CompactFeed). A write that
// its writer did log again, or that followers read after it landed, is logged once more,
// which costs a follower one more read of the document.
func (s *Store) repairFenced(ctx context.Context, recs []changeRecord) (int, error) {
	fenced := map[xiaoqi.Kind][]*changeRecord{}
	for i := range recs {
		if c := &recs[i]; c.State == stateAbandoned && c.Op != "" {
			fenced[xiaoqi.Kind(c.Kind)] = append(fenced[xiaoqi.Kind(c.Kind)], c)
		}
	}
	var again []changeRecord
	logged := map[docKey]bool{}
	now := s.now().UTC()
	for _, k := range xiaoqi.Kinds {
		if len(fenced[k]) == 0 {
			continue
		}
		ids := make([]string, len(fenced[k]))
		for i, c := range fenced[k] {
			ids[i] = c.ID
		}
		stored, err := s.findIDs(ctx, s.feedColl(k), k, ids)
		if err != nil {
			return 0, err
		}
		for _, c := range fenced[k] {
			key, r := docKey{c.Kind, c.ID}, stored[c.ID]
			if logged[key] {
				continue
			}
			switch {
			case r != nil && r.Seq == c.Seq:
				again = append(again, changeRecord{Op: xiaoqi.OpUpsert, Kind: c.Kind, ID: c.ID, Version: r.Version, At: now})
			case r == nil && c.Op == xiaoqi.OpDelete:
				again = append(again, changeRecord{Op: xiaoqi.OpDelete, Kind: c.Kind, ID: c.ID, Version: c.Version, At: now})
			default:
				continue
			}
			logged[key] = true
		}
	}
	if len(again) == 0 {
		return 0, nil
	}
	if err := s.log(ctx, again); err != nil {
		return 0, err
	}
	if err := s.commit(ctx, again, nil); err != nil {
		return 0, err
	}
	return len(again), nil
}
