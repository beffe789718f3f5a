package mongodb

import (
	"context"
	"fmt"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
)

// The follower's side of the change feed: Changes and LastSeq return only the settled prefix
// of the feed, settling what has waited longer than the grace period.

const (
	defaultChangesLimit = 100
	// maxSeen bounds the memory of unsettled seqs a process remembers.
	maxSeen = 4 * xiaoqi.MaxListLimit
)

// feedState is what this process knows about the change feed.
type feedState struct {
	mu sync.Mutex
	// settled is a seq up to which every seq is settled (committed, abandoned or void), and
	// settled entries never change again. last is the highest of them that is a change.
	settled, last uint64
	// saved is the settled seq in the database's checkpoint, as far as this process knows.
	saved uint64
	// seen holds when this process first saw each unsettled seq: pending, or missing while a
	// later one exists.
	seen map[uint64]time.Time
	// refreshed is when this process last read the checkpoint because the feed was held up.
	refreshed time.Time
}

// refreshEvery bounds how often a process whose feed is held up reads the checkpoint, to
// learn that the seqs holding it up were settled and then removed by CompactFeed.
const refreshEvery = time.Second

// refreshDue reports whether the checkpoint may be read again, and if so notes it as read.
func (f *feedState) refreshDue(now time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.refreshed.IsZero() && now.Sub(f.refreshed) < refreshEvery && !now.Before(f.refreshed) {
		return false
	}
	f.refreshed = now
	return true
}

// expired reports whether an unsettled seq has waited out the grace period by this
// process's clock, since it first saw the seq unsettled. The entry's own time is the
// writer's clock: a writer whose clock is behind would have its changes fenced at first
// sight, before it has written them.
func (f *feedState) expired(seq uint64, now time.Time, grace time.Duration) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	first, ok := f.seen[seq]
	if !ok {
		first = now
		f.remember(seq, now)
	}
	return now.Sub(first) >= grace
}

// remember notes when seq was first seen unsettled. When maxSeen seqs are noted it forgets
// the highest for a lower one: the lowest unsettled seq is the one that holds the feed up,
// and it must expire some time.
func (f *feedState) remember(seq uint64, now time.Time) {
	if len(f.seen) >= maxSeen {
		highest := seq
		for s := range f.seen {
			highest = max(highest, s)
		}
		if highest == seq {
			return
		}
		delete(f.seen, highest)
	}
	f.seen[seq] = now
}

// advance records that the seqs after `after` up to reached are settled, settled being the
// entries among them that exist.
func (f *feedState) advance(after, reached uint64, settled []changeRecord) {
	if reached <= after {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for seq := range f.seen {
		if seq <= reached {
			delete(f.seen, seq)
		}
	}
	if after > f.settled {
		return // a gap between what we know and this run
	}
	for _, c := range settled {
		if seq := uint64(c.Seq); seq > f.settled && c.State != stateVoid {
			f.last = seq
		}
	}
	f.settled = max(f.settled, reached)
}

func (f *feedState) get() (settled, last uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.settled, f.last
}

// walk returns the settled entries after `after` in seq order, at most n of them (void ones
// included), stopping at the first unsettled seq that has not waited out the grace period.
// One that has, it settles: a missing seq is filled as void, so that a writer that later
// tries to log it fails and takes another; a pending entry is fenced as abandoned, so that
// its writer, if alive, logs the change again when it commits. reached is the seq up to
// which walk has settled the feed: the last of settled, or beyond it where CompactFeed has
// removed entries. more reports that walk stopped only because of n.
//
// Seqs up to the settled prefix this process knows of are settled, so a missing one there,
// or one without its settlement, was removed by CompactFeed: walk passes it by. A process
// that finds the feed held up reads the checkpoint (at most every refreshEvery), in case
// what holds it up was settled and removed meanwhile.
func (s *Store) walk(ctx context.Context, after uint64, n int) (settled []changeRecord, reached uint64, more bool, err error) {
	floor, _ := s.feed.get()
	cur, err := s.changes.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: int64(after)}}}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(n)).SetBatchSize(int32(n)))
	if err != nil {
		return nil, after, false, translate("read changes", err)
	}
	var recs []changeRecord
	if err := cur.All(ctx, &recs); err != nil {
		return nil, after, false, translate("read changes", err)
	}
	if err := s.states(ctx, after, floor, recs); err != nil {
		return nil, after, false, err
	}
	now := s.now()
	next, blocked, observed := after+1, false, 0
	reached = after
	var holdup uint64 // the first seq that holds the feed up
	// note tells whether an unsettled seq has expired, remembering when it was first seen.
	note := func(seq uint64) bool {
		observed++
		return s.feed.expired(seq, now, s.grace)
	}
	block := func(seq uint64) {
		blocked, holdup = true, seq
	}
	for i := range recs {
		c := &recs[i]
		seq := uint64(c.Seq)
		if !blocked && next < seq && next <= floor {
			next = min(seq, floor+1) // removed by CompactFeed
			reached = next - 1
		}
		for ; next < seq; next++ { // seqs allocated but not logged (yet)
			if blocked {
				// Go no further, but note the rest, so that a run of abandoned seqs
				// expires together rather than one grace period each.
				if observed >= n {
					break
				}
				note(next)
				continue
			}
			if len(settled) == n {
				break
			}
			if !note(next) {
				block(next)
				continue
			}
			filled, err := s.fillGap(ctx, next)
			if err != nil {
				return nil, after, false, err
			}
			if !filled { // its entry has just arrived: read it next time
				block(next)
				continue
			}
			settled = append(settled, changeRecord{Seq: int64(next), At: now.UTC(), State: stateVoid})
			reached = next
		}
		if (!blocked && len(settled) == n) || (blocked && observed >= n) {
			break
		}
		next = seq + 1
		switch c.State {
		case stateRemoved:
			if !blocked {
				reached = seq
			}
			continue
		case statePending:
			if blocked {
				note(seq)
				continue
			}
			if !note(seq) {
				block(seq)
				continue
			}
			// Fenced, or committed meanwhile: either way the document's state from now on
			// includes the write, or the writer logs it again.
			if err := s.fence(ctx, seq); err != nil {
				return nil, after, false, err
			}
			c.State = stateAbandoned
		}
		if !blocked {
			settled = append(settled, *c)
			reached = seq
		}
	}
	if blocked && holdup > floor && s.feed.refreshDue(now) {
		if err := s.loadCheckpoint(ctx); err != nil {
			return nil, after, false, err
		}
		if raised, _ := s.feed.get(); raised >= holdup {
			return s.walk(ctx, after, n) // what held the feed up was settled, and removed
		}
	}
	s.feed.advance(after, reached, settled)
	more = !blocked && reached > after && (len(recs) == n || len(settled) == n)
	return settled, reached, more, nil
}

// states sets the State of entries from their settlements, read in one query. An entry up to
// floor, a seq known to be settled, that has no settlement was removed by CompactFeed after
// it was read.
func (s *Store) states(ctx context.Context, after, floor uint64, recs []changeRecord) error {
	if len(recs) == 0 {
		return nil
	}
	cur, err := s.settled.Find(ctx, bson.D{{Key: "_id", Value: bson.D{
		{Key: "$gt", Value: int64(after)}, {Key: "$lte", Value: recs[len(recs)-1].Seq}}}},
		options.Find().SetBatchSize(int32(len(recs))))
	if err != nil {
		return translate("read settlements", err)
	}
	var marks []settlement
	if err := cur.All(ctx, &marks); err != nil {
		return translate("read settlements", err)
	}
	state := make(map[int64]string, len(marks))
	for _, m := range marks {
		state[m.Seq] = m.State
	}
	for i := range recs {
		switch r := &recs[i]; {
		case r.Op == "":
			r.State = stateVoid
		case state[r.Seq] != "":
			r.State = state[r.Seq]
		case uint64(r.Seq) <= floor:
			r.State = stateRemoved
		default:
			r.State = statePending
		}
	}
	return nil
}

// fillGap settles a missing seq with a void filler entry. It reports false when the seq's
// entry exists after all: its writer logged it just now.
func (s *Store) fillGap(ctx context.Context, seq uint64) (bool, error) {
	_, err := s.changes.InsertOne(ctx, changeRecord{Seq: int64(seq), At: s.now().UTC()})
	if isDuplicateKey(err) {
		return false, nil
	}
	return err == nil, translate("fill a gap in the change feed", err)
}

// fence settles a pending entry as abandoned, unless its writer has settled it first.
func (s *Store) fence(ctx context.Context, seq uint64) error {
	_, err := s.settled.InsertOne(ctx, settlement{Seq: int64(seq), State: stateAbandoned, At: s.now().UTC()})
	if isDuplicateKey(err) {
		return nil
	}
	return translate("fence a pending change", err)
}

// Changes implements xiaoqi.Store. It returns the settled prefix of the feed after `after`,
// each change with the document's state now (see toChange).
func (s *Store) Changes(ctx context.Context, after uint64, limit int) ([]xiaoqi.Change, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = defaultChangesLimit
	}
	limit = min(limit, xiaoqi.MaxListLimit)
	var entries []changeRecord
	for len(entries) < limit {
		settled, reached, more, err := s.walk(ctx, after, limit-len(entries))
		if err != nil {
			return nil, err
		}
		for _, c := range settled {
			if c.State != stateVoid {
				entries = append(entries, c)
			}
		}
		after = reached
		if !more {
			break
		}
	}
	return s.materialize(ctx, entries)
}

// materialize reads the current state of the documents of entries, one query per kind.
func (s *Store) materialize(ctx context.Context, entries []changeRecord) ([]xiaoqi.Change, error) {
	ids := map[xiaoqi.Kind][]string{}
	for _, c := range entries {
		k := xiaoqi.Kind(c.Kind)
		if !k.Valid() {
			return nil, fmt.Errorf("mongodb: change %d has unknown kind %q", c.Seq, c.Kind)
		}
		ids[k] = append(ids[k], c.ID)
	}
	current := map[xiaoqi.Kind]map[string]*record{}
	for k, list := range ids {
		recs, err := s.findIDs(ctx, s.feedColl(k), k, list)
		if err != nil {
			return nil, err
		}
		current[k] = recs
	}
	out := make([]xiaoqi.Change, len(entries))
	for i := range entries {
		c := &entries[i]
		var doc xiaoqi.Doc
		if r := current[xiaoqi.Kind(c.Kind)][c.ID]; r != nil {
			d, err := toDoc(xiaoqi.Kind(c.Kind), r)
			if err != nil {
				return nil, err
			}
			doc = d
		}
		out[i] = toChange(c, doc)
	}
	return out, nil
}

// findIDs returns the records of kind k with the given ids, by id, from coll, the kind's
// collection as the caller needs it read (feedColl or coll).
func (s *Store) findIDs(ctx context.Context, coll *mongo.Collection, k xiaoqi.Kind, ids []string) (map[string]*record, error) {
	cur, err := coll.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}},
		options.Find().SetBatchSize(int32(min(len(ids), xiaoqi.MaxListLimit))))
	if err != nil {
		return nil, translate("read "+string(k), err)
	}
	var recs []record
	if err := cur.All(ctx, &recs); err != nil {
		return nil, translate("read "+string(k), err)
	}
	out := make(map[string]*record, len(recs))
	for i := range recs {
		out[recs[i].ID] = &recs[i]
	}
	return out, nil
}

// LastSeq implements xiaoqi.Store: the last change of the settled prefix, which is what a
// follower reading Changes from 0 now would end at.
func (s *Store) LastSeq(ctx context.Context) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	for {
		from, _ := s.feed.get()
		_, _, more, err := s.walk(ctx, from, xiaoqi.MaxListLimit)
		if err != nil {
			return 0, err
		}
		if !more {
			break
		}
	}
	if err := s.saveCheckpoint(ctx); err != nil {
		return 0, err
	}
	_, last := s.feed.get()
	return last, nil
}

// checkpoint is a settled prefix of the feed that some process has verified, so that a new
// process need not walk the whole feed to answer LastSeq.
type checkpoint struct {
	ID      string `bson:"_id"`
	Settled int64  `bson:"settled"`
	Last    int64  `bson:"last"`
}

const checkpointID = "settled"

func (s *Store) loadCheckpoint(ctx context.Context) error {
	var cp checkpoint
	err := s.counters.FindOne(ctx, bson.D{{Key: "_id", Value: checkpointID}}).Decode(&cp)
	if err != nil && err != mongo.ErrNoDocuments {
		return translate("read the feed checkpoint", err)
	}
	s.feed.mu.Lock()
	defer s.feed.mu.Unlock()
	if settled := uint64(cp.Settled); settled > s.feed.settled {
		s.feed.settled, s.feed.last = settled, uint64(cp.Last)
	}
	s.feed.saved = max(s.feed.saved, uint64(cp.Settled))
	return nil
}

// saveCheckpoint raises the checkpoint to what this process knows. Both fields only grow, and
// last is a function of settled that only grows with it, so $max on each keeps them a pair.
func (s *Store) saveCheckpoint(ctx context.Context) error {
	s.feed.mu.Lock()
	settled, last, saved := s.feed.settled, s.feed.last, s.feed.saved
	s.feed.mu.Unlock()
	if settled <= saved {
		return nil
	}
	_, err := s.counters.UpdateOne(ctx, bson.D{{Key: "_id", Value: checkpointID}},
		bson.D{{Key: "$max", Value: bson.D{{Key: "settled", Value: int64(settled)}, {Key: "last", Value: int64(last)}}}},
		options.UpdateOne().SetUpsert(true))
	if err != nil && !isDuplicateKey(err) {
		return translate("save the feed checkpoint", err)
	}
	s.feed.mu.Lock()
	s.feed.saved = max(s.feed.saved, settled)
	s.feed.mu.Unlock()
	return nil
}
