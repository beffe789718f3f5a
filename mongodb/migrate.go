package mongodb

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
)

// movesCollection holds the moves of candidates from the id their natural key gives to a
// random one (migrateCandidateIDs); deletesCollection the deletes of old ids that movers
// logged, {_id: seq, old, at}: an insert each, atomic on FerretDB too, unlike an update.
const (
	movesCollection   = "candidate_moves"
	deletesCollection = "candidate_move_deletes"
)

// moveDelete notes the change-feed entry of a mover's delete of a candidate's old id.
type moveDelete struct {
	Seq int64     `bson:"_id"`
	Old string    `bson:"old"`
	At  time.Time `bson:"at"`
}

// movedRefsFor is how long after a move Open still points accounts and audit entries that
// name the old id to the new one: a node that read the candidate just before it moved may
// append an audit entry about the old id a moment after the move.
const movedRefsFor = time.Hour

// candidateMove is the move of one candidate, keyed by its old id, so that of several nodes
// starting at once one claims it and all carry out the same move.
type candidateMove struct {
	Old string `bson:"_id"`
	To  string `bson:"to"`
	// Rec is the candidate's record as last copied, kept until the record is stored under To:
	// a move cut short between the delete and the insert is finished from it. It is removed
	// once done.
	Rec *record `bson:"rec,omitempty"`
	// Done is when the move was finished; absent until then.
	Done *time.Time `bson:"done,omitempty"`
}

// migrateCandidateIDs gives a random id to every candidate whose id is the hash of its
// natural key, xiaoqi.NewID, as builds before random candidate ids stored them: whoever knew
// a student's number and the public source computed that id. It finishes first the moves
// that a process cut short, and returns how many candidates it moved. See the package
// documentation (Candidate ids).
func (s *Store) migrateCandidateIDs(ctx context.Context) (int, error) {
	k := xiaoqi.KindCandidate
	moves := s.ownDB.Collection(movesCollection)
	var todo []string
	var open []candidateMove
	cur, err := moves.Find(ctx, bson.D{{Key: "done", Value: bson.D{{Key: "$exists", Value: false}}}},
		options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err == nil {
		err = cur.All(ctx, &open)
	}
	if err != nil {
		return 0, translate("read candidate moves", err)
	}
	for _, m := range open {
		todo = append(todo, m.Old)
	}
	var recs []record
	cur, err = s.coll(k).Find(ctx, bson.D{}, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}, {Key: "key", Value: 1}}))
	if err == nil {
		err = cur.All(ctx, &recs)
	}
	if err != nil {
		return 0, translate("read candidates", err)
	}
	for _, r := range recs {
		if r.ID == xiaoqi.NewID(k, r.Key) && !slices.Contains(todo, r.ID) {
			todo = append(todo, r.ID)
		}
	}
	moved := 0
	for _, old := range todo {
		ok, err := s.moveCandidate(ctx, moves, old, false)
		if err != nil {
			return moved, fmt.Errorf("give candidate %s a random id: %w", old, err)
		}
		if ok {
			moved++
		}
		call(s.hooks.afterMove)
	}
	return moved, s.repointMoved(ctx, moves)
}

// moveCandidate moves the candidate old to a random id: claim the move (the first mover's new
// id wins), copy the record into it, log and delete old (on MongoDB on condition that its
// version is the one copied, else copy again), log and insert the copy under the new id,
// point the accounts and audit entries to it, and mark the move done. Every step can be
// taken again, by this process or another, so a move cut short anywhere is finished by the
// next Open. It reports whether the candidate now lives under a new id. again says that a
// finished move of old was found and forgotten, old having been stored again since.
func (s *Store) moveCandidate(ctx context.Context, moves *mongo.Collection, old string, again bool) (bool, error) {
	k := xiaoqi.KindCandidate
	coll := s.coll(k)
	var cur record
	err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: old}}).Decode(&cur)
	gone := errors.Is(err, mongo.ErrNoDocuments)
	if err != nil && !gone {
		return false, translate("read candidate", err)
	}
	if !gone {
		if _, err := toDoc(k, &cur); err != nil {
			// A record that cannot be read (Get fails on it too) stays as it is: its copy could
			// not be stored again, and failing here would fail every Open.
			return false, nil
		}
		_, err := moves.InsertOne(ctx, candidateMove{Old: old, To: xiaoqi.StoredID(k, ""), Rec: &cur})
		if err != nil && !isDuplicateKey(err) {
			return false, translate("claim candidate move", err)
		}
	}
	var m candidateMove
	if err := moves.FindOne(ctx, bson.D{{Key: "_id", Value: old}}).Decode(&m); errors.Is(err, mongo.ErrNoDocuments) {
		return false, nil // deleted before any move began
	} else if err != nil {
		return false, translate("read candidate move", err)
	}
	if m.Done != nil {
		// Moved already, unless a writer has stored the old id again since (a build before
		// random ids, writing by its key's id): then that one moves too, once.
		err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: old}}).Err()
		if errors.Is(err, mongo.ErrNoDocuments) || again {
			return false, nil
		} else if err != nil {
			return false, translate("read candidate", err)
		}
		if err := s.forgetMove(ctx, old); err != nil {
			return false, err
		}
		return s.moveCandidate(ctx, moves, old, true)
	}
	deleted := false
	for attempt := 0; !gone; attempt++ {
		if attempt == maxTries {
			return false, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
				Message: fmt.Sprintf("人才 %[1]s 在更换编号期间被反复修改，下次启动时再试 / candidate %[1]s changed %[2]d times while being moved; the next start tries again", old, attempt)}
		}
		// Copy the record into the move, unless a mover copied a later version already.
		_, err := moves.UpdateOne(ctx, bson.D{{Key: "_id", Value: old}, {Key: "$or", Value: bson.A{
			bson.D{{Key: "rec", Value: bson.D{{Key: "$exists", Value: false}}}},
			bson.D{{Key: "rec.version", Value: bson.D{{Key: "$lt", Value: cur.Version}}}},
		}}}, bson.D{{Key: "$set", Value: bson.D{{Key: "rec", Value: cur}}}})
		if err != nil {
			return false, translate("copy candidate", err)
		}
		entries := []changeRecord{{Op: xiaoqi.OpDelete, Kind: string(k), ID: old, Version: cur.Version, At: s.now().UTC()}}
		if err := s.log(ctx, entries); err != nil {
			return false, err
		}
		note := moveDelete{Seq: entries[0].Seq, Old: old, At: s.now().UTC()}
		if _, err := s.ownDB.Collection(deletesCollection).InsertOne(ctx, note); err != nil {
			_ = s.commit(ctx, nil, []int64{entries[0].Seq})
			return false, translate("note candidate move", err)
		}
		call(s.hooks.beforeMoveDelete)
		filter := bson.D{{Key: "_id", Value: old}}
		if s.casUpdates {
			filter = append(filter, bson.E{Key: "version", Value: cur.Version})
		}
		res, err := coll.DeleteOne(ctx, filter)
		if err != nil {
			_ = s.commit(ctx, entries, nil) // the delete may have happened
			return false, translate("delete candidate", err)
		}
		if res.DeletedCount == 1 {
			if err := s.commit(ctx, entries, nil); err != nil {
				return false, err
			}
			gone, deleted = true, true
			break
		}
		if err := s.commit(ctx, nil, []int64{entries[0].Seq}); err != nil {
			return false, err
		}
		// Changed since it was read (copy it again), or deleted.
		err = coll.FindOne(ctx, bson.D{{Key: "_id", Value: old}}).Decode(&cur)
		if gone = errors.Is(err, mongo.ErrNoDocuments); err != nil && !gone {
			return false, translate("read candidate", err)
		}
	}
	call(s.hooks.afterMoveDelete)
	if err := moves.FindOne(ctx, bson.D{{Key: "_id", Value: old}}).Decode(&m); err != nil {
		return false, translate("read candidate move", err)
	}
	to, err := s.storeMoved(ctx, &m, deleted)
	if err != nil {
		return false, err
	}
	if to == "" { // erased: forget the copy
		return false, s.forgetMove(ctx, old)
	}
	call(s.hooks.beforeRepoint)
	if err := s.repoint(ctx, old, to); err != nil {
		return false, err
	}
	_, err = moves.UpdateOne(ctx, bson.D{{Key: "_id", Value: old}}, bson.D{
		{Key: "$set", Value: bson.D{{Key: "done", Value: s.now().UTC()}, {Key: "to", Value: to}}},
		{Key: "$unset", Value: bson.D{{Key: "rec", Value: ""}}}})
	if err != nil {
		return false, translate("finish candidate move", err)
	}
	return true, nil
}

// storeMoved stores the record copied into m under m.To, once its old id is gone, and returns
// the id the candidate lives under now: m.To, or the id of a document that a writer stored
// under the same natural key while the candidate had none (a later write of the candidate,
// which wins), or "" when the candidate was deleted by a user (erased) and must stay gone.
// deleted says whether this process deleted the old id itself just now.
func (s *Store) storeMoved(ctx context.Context, m *candidateMove, deleted bool) (string, error) {
	k := xiaoqi.KindCandidate
	coll := s.coll(k)
	if m.Rec == nil {
		return "", fmt.Errorf("mongodb: candidate move %s has no copy", m.Old)
	}
	var have record
	err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: m.To}}).Decode(&have)
	if err == nil {
		return m.To, nil // another mover stored it
	} else if !errors.Is(err, mongo.ErrNoDocuments) {
		return "", translate("read candidate", err)
	}
	if !deleted {
		erased, err := s.deletedByUser(ctx, m)
		if err != nil || erased {
			return "", err
		}
	}
	d, err := toDoc(k, m.Rec)
	if err != nil {
		return "", err
	}
	d.Base().ID = m.To
	entries := []changeRecord{{Op: xiaoqi.OpUpsert, Kind: string(k), ID: m.To, Version: m.Rec.Version, At: s.now().UTC()}}
	if err := s.log(ctx, entries); err != nil {
		return "", err
	}
	rec, err := toRecord(d, m.Rec.Hash, uint64(entries[0].Seq))
	if err != nil {
		return "", err
	}
	_, err = coll.InsertOne(ctx, rec)
	switch {
	case err == nil:
		return m.To, s.commit(ctx, entries, nil)
	case !isDuplicateKey(err):
		_ = s.commit(ctx, entries, nil)
		return "", translate("store moved candidate", err)
	}
	if err := s.commit(ctx, nil, []int64{entries[0].Seq}); err != nil {
		return "", err
	}
	var holder record
	if err := coll.FindOne(ctx, bson.D{{Key: "key", Value: rec.Key}}).Decode(&holder); err != nil {
		return "", translate("read candidate", err)
	}
	return holder.ID, nil
}

// deletedByUser reports whether a committed delete of m.Old that no mover logged (noted in
// deletesCollection) is in the change feed: a user deleted the candidate (an erasure) while it was being moved. A delete
// not settled yet may be another mover's, logged but not yet noted in the move (it is then
// voided, its delete finding nothing), or a user's: deletedByUser waits for it to settle, at
// most twice the grace period, after which the move fails and the next Open takes it up.
func (s *Store) deletedByUser(ctx context.Context, m *candidateMove) (bool, error) {
	deadline := s.now().Add(2 * s.grace)
	for attempt := 1; ; attempt++ {
		erased, pending, err := s.foreignDeletes(ctx, m)
		if err != nil || erased || !pending {
			return erased, err
		}
		if s.now().After(deadline) {
			return false, &xiaoqi.Error{Code: xiaoqi.EUNAVAILABLE,
				Message: fmt.Sprintf("人才 %[1]s 正被删除，下次启动时再更换编号 / candidate %[1]s is being deleted; the next start moves it", m.Old)}
		}
		if err := backoff(ctx, attempt); err != nil {
			return false, err
		}
	}
}

// foreignDeletes reports whether the feed holds a committed delete of m.Old that no mover
// noted, and whether it holds one not settled yet.
func (s *Store) foreignDeletes(ctx context.Context, m *candidateMove) (committed, pending bool, err error) {
	var notes []moveDelete
	cur, err := s.ownDB.Collection(deletesCollection).Find(ctx, bson.D{{Key: "old", Value: m.Old}})
	if err == nil {
		err = cur.All(ctx, &notes)
	}
	if err != nil {
		return false, false, translate("read candidate moves", err)
	}
	ours := map[int64]bool{}
	for _, n := range notes {
		ours[n.Seq] = true
	}
	var entries []changeRecord
	cur, err = s.changes.Find(ctx, bson.D{{Key: "kind", Value: string(xiaoqi.KindCandidate)}, {Key: "id", Value: m.Old},
		{Key: "op", Value: xiaoqi.OpDelete}})
	if err == nil {
		err = cur.All(ctx, &entries)
	}
	if err != nil {
		return false, false, translate("read changes", err)
	}
	for _, e := range entries {
		if ours[e.Seq] {
			continue
		}
		var st settlement
		err := s.settled.FindOne(ctx, bson.D{{Key: "_id", Value: e.Seq}}).Decode(&st)
		switch {
		case errors.Is(err, mongo.ErrNoDocuments):
			pending = true
		case err != nil:
			return false, false, translate("read settlements", err)
		case st.State == stateCommitted:
			return true, false, nil
		}
	}
	return false, pending, nil
}

// finishMoveOf finishes the move of the candidate with natural key key, if one was begun and
// not finished, and reports whether it found one.
func (s *Store) finishMoveOf(ctx context.Context, key string) (bool, error) {
	moves := s.ownDB.Collection(movesCollection)
	var m candidateMove
	err := moves.FindOne(ctx, bson.D{{Key: "rec.key", Value: key}, {Key: "done", Value: bson.D{{Key: "$exists", Value: false}}}},
		options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Decode(&m)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return false, nil
	} else if err != nil {
		return false, translate("read candidate moves", err)
	}
	if _, err := s.moveCandidate(ctx, moves, m.Old, false); err != nil {
		return false, fmt.Errorf("finish the move of candidate %s: %w", m.Old, err)
	}
	return true, nil
}

// repoint makes the accounts acting for candidate old, and the audit entries about it, name
// the candidate's new id to.
func (s *Store) repoint(ctx context.Context, old, to string) error {
	if _, err := s.db.Collection(usersCollection).UpdateMany(ctx, bson.D{{Key: "candidate_id", Value: old}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "candidate_id", Value: to}}}}); err != nil {
		return translate("update accounts of a moved candidate", err)
	}
	if _, err := s.db.Collection(auditCollection).UpdateMany(ctx, bson.D{{Key: "subject_id", Value: old}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "subject_id", Value: to}}}}); err != nil {
		return translate("update audit entries of a moved candidate", err)
	}
	return nil
}

// repointMoved points again what names the old id of a candidate moved less than
// movedRefsFor ago to its new id, and forgets older moves.
func (s *Store) repointMoved(ctx context.Context, moves *mongo.Collection) error {
	since := s.now().UTC().Add(-movedRefsFor)
	var recent []candidateMove
	cur, err := moves.Find(ctx, bson.D{{Key: "done", Value: bson.D{{Key: "$gte", Value: since}}}})
	if err == nil {
		err = cur.All(ctx, &recent)
	}
	if err != nil {
		return translate("read candidate moves", err)
	}
	for _, m := range recent {
		if err := s.repoint(ctx, m.Old, m.To); err != nil {
			return err
		}
	}
	var old []candidateMove
	cur, err = moves.Find(ctx, bson.D{{Key: "done", Value: bson.D{{Key: "$lt", Value: since}}}},
		options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err == nil {
		err = cur.All(ctx, &old)
	}
	if err != nil {
		return translate("read candidate moves", err)
	}
	for _, m := range old {
		if err := s.forgetMove(ctx, m.Old); err != nil {
			return err
		}
	}
	return nil
}

// forgetMove removes the move of candidate old and the notes of its deletes, the notes first:
// while the move is there, they tell its deletes from a user's.
func (s *Store) forgetMove(ctx context.Context, old string) error {
	if _, err := s.ownDB.Collection(deletesCollection).DeleteMany(ctx, bson.D{{Key: "old", Value: old}}); err != nil {
		return translate("forget candidate move", err)
	}
	if _, err := s.ownDB.Collection(movesCollection).DeleteOne(ctx, bson.D{{Key: "_id", Value: old}}); err != nil {
		return translate("forget candidate move", err)
	}
	return nil
}
