package mongodb

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
)

// writeTimeout bounds a write (an Upsert batch, a Delete) once begun, in place of the caller's
// context; committing its changes has a bound of its own (commitTimeout).
const writeTimeout = 2 * time.Minute

// writeContext returns the context of a write once begun: ctx's values without its
// cancellation, bounded by writeTimeout. When a caller's context ends mid-command the driver
// returns at once while the server may still write; the write's changes would be committed
// before the write landed, and a follower would read the document without it and never see
// the write. So a batch's writes and their settlement run to their end whatever becomes of
// the caller. The driver sends the remaining time as maxTimeMS, so that at the deadline the
// server gives up the command too.
func writeContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), writeTimeout)
}

// apply writes the plans. Unchanged documents only get their stored metadata. Changed ones are
// logged as pending changes, written with one bulk write per kind, and their changes
// committed. apply returns the items whose write lost a race with another writer, to be
// matched again.
func (s *Store) apply(ctx context.Context, plans []plan, results []xiaoqi.WriteResult) ([]*item, error) {
	var changed []*plan
	for i := range plans {
		p := &plans[i]
		if !p.unchanged {
			changed = append(changed, p)
			continue
		}
		created, updated := storedTimes(p.old)
		m := p.it.doc.Base()
		m.ID, m.Version, m.CreatedAt, m.UpdatedAt = p.id, p.old.Version, created, updated
		results[p.it.i] = xiaoqi.WriteResult{Kind: p.it.kind, ID: p.id, Version: p.old.Version, Unchanged: true}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	now := s.now().UTC()
	entries := make([]changeRecord, len(changed))
	for i, p := range changed {
		entries[i] = changeRecord{Op: xiaoqi.OpUpsert, Kind: string(p.it.kind), ID: p.id, Version: p.version, At: now}
	}
	if err := s.log(ctx, entries); err != nil {
		return nil, err
	}
	for i, p := range changed {
		p.seq = uint64(entries[i].Seq)
	}
	call(s.hooks.afterLog)
	lost, err := s.write(ctx, changed, now)
	call(s.hooks.afterWrite)
	var done []changeRecord
	var committed []*plan // the plans of done
	var void []int64
	for i, p := range changed {
		if lost[p] && err == nil {
			void = append(void, int64(p.seq))
		} else {
			// When err is set, which writes happened is unknown: commit every change, since
			// a follower reads the document's state anyway.
			done, committed = append(done, entries[i]), append(committed, p)
		}
	}
	if cerr := s.commit(ctx, done, void); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	for i, p := range committed {
		// A change logged again (fenced first) carries the write under its new seq, the one
		// that ?refresh=wait_for must wait for.
		p.seq = uint64(done[i].Seq)
	}
	var retry []*item
	for _, p := range changed {
		if lost[p] {
			retry = append(retry, p.it)
			continue
		}
		results[p.it.i] = xiaoqi.WriteResult{Kind: p.it.kind, ID: p.id, Version: p.version, Seq: p.seq, Created: p.old == nil}
	}
	return retry, nil
}

// write sets the metadata of the planned documents and writes them, one bulk write per kind:
// an insert for a new document, and for a stored one a replace on condition that its
// version is still the one read (on MongoDB; see Store.casUpdates). It returns the plans whose write did not happen because
// another writer got there first (a duplicate key, a changed version).
func (s *Store) write(ctx context.Context, plans []*plan, now time.Time) (map[*plan]bool, error) {
	byKind := map[xiaoqi.Kind][]*plan{}
	inserts, updates := map[xiaoqi.Kind][]mongo.WriteModel{}, map[xiaoqi.Kind][]mongo.WriteModel{}
	for _, p := range plans {
		m := p.it.doc.Base()
		m.ID, m.Version, m.CreatedAt, m.UpdatedAt = p.id, p.version, now, now
		if !p.created.IsZero() {
			m.CreatedAt, m.UpdatedAt = p.created, p.updated
		}
		if p.old != nil {
			if created, _ := storedTimes(p.old); !created.IsZero() {
				m.CreatedAt = created
			}
		}
		rec, err := toRecord(p.it.doc, p.it.hash, p.seq)
		if err != nil {
			return nil, err
		}
		k := p.it.kind
		byKind[k] = append(byKind[k], p)
		if p.old == nil {
			inserts[k] = append(inserts[k], mongo.NewInsertOneModel().SetDocument(rec))
			continue
		}
		filter := bson.D{{Key: "_id", Value: p.id}}
		if s.casUpdates {
			filter = append(filter, bson.E{Key: "version", Value: p.old.Version})
		}
		updates[k] = append(updates[k], mongo.NewReplaceOneModel().SetReplacement(rec).SetFilter(filter))
	}
	lost := map[*plan]bool{}
	for _, k := range xiaoqi.Kinds {
		if len(byKind[k]) == 0 {
			continue
		}
		written, raced := 0, false
		for _, batch := range batches(inserts[k], updates[k], s.maxUpdates) {
			res, err := s.coll(k).BulkWrite(ctx, batch, options.BulkWrite().SetOrdered(false))
			if err != nil && !isDuplicateKey(err) {
				return nil, translate("write "+string(k), err)
			}
			raced = raced || err != nil
			if res != nil {
				written += int(res.InsertedCount + res.MatchedCount)
			}
		}
		if !raced && written == len(byKind[k]) {
			continue
		}
		// Some writes lost a race: tell which by the seq that each document carries now.
		ids := make([]string, len(byKind[k]))
		for i, p := range byKind[k] {
			ids[i] = p.id
		}
		stored, err := s.findIDs(ctx, s.coll(k), k, ids)
		if err != nil {
			return nil, err
		}
		for _, p := range byKind[k] {
			if r := stored[p.id]; r == nil || uint64(r.Seq) != p.seq {
				lost[p] = true
			}
		}
	}
	return lost, nil
}

// batches splits a bulk write into commands of all the inserts and at most maxUpdates
// updates each.
func batches(inserts, updates []mongo.WriteModel, maxUpdates int) [][]mongo.WriteModel {
	var out [][]mongo.WriteModel
	first := append([]mongo.WriteModel{}, inserts...)
	n := min(len(updates), maxUpdates)
	out = append(out, append(first, updates[:n]...))
	for updates = updates[n:]; len(updates) > 0; updates = updates[n:] {
		n = min(len(updates), maxUpdates)
		out = append(out, updates[:n])
	}
	return out
}

// Delete implements xiaoqi.Store. The change it logs is a tombstone while the document stays
// deleted. With a version, the delete is conditional on it as an update is (on MongoDB; see
// Store.casUpdates): a write landing between the read of the version and the delete keeps the
// document, and Delete fails with ECONFLICT.
func (s *Store) Delete(ctx context.Context, kind xiaoqi.Kind, id string, version int64) (xiaoqi.WriteResult, error) {
	if err := checkKind(kind); err != nil {
		return xiaoqi.WriteResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return xiaoqi.WriteResult{}, err
	}
	ctx, cancel := writeContext(ctx)
	defer cancel()
	coll := s.coll(kind)
	var old record
	err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: id}}, options.FindOne().SetProjection(bson.D{{Key: "version", Value: 1}})).Decode(&old)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return xiaoqi.WriteResult{}, notFound(kind, id)
	} else if err != nil {
		return xiaoqi.WriteResult{}, translate("read "+string(kind), err)
	}
	if version != 0 && version != old.Version {
		return xiaoqi.WriteResult{}, staleVersion("", kind, id, old.Version, version)
	}
	entries := []changeRecord{{Op: xiaoqi.OpDelete, Kind: string(kind), ID: id, Version: old.Version, At: s.now().UTC()}}
	if err := s.log(ctx, entries); err != nil {
		return xiaoqi.WriteResult{}, err
	}
	seq := entries[0].Seq
	call(s.hooks.afterLog)
	filter := bson.D{{Key: "_id", Value: id}}
	if version != 0 && s.casUpdates {
		filter = append(filter, bson.E{Key: "version", Value: version})
	}
	res, err := coll.DeleteOne(ctx, filter)
	call(s.hooks.afterWrite)
	switch {
	case err != nil:
		_ = s.commit(ctx, entries, nil) // the delete may have happened
		return xiaoqi.WriteResult{}, translate("delete "+string(kind), err)
	case res.DeletedCount == 0: // another writer deleted it first, or changed it
		if err := s.commit(ctx, nil, []int64{seq}); err != nil {
			return xiaoqi.WriteResult{}, err
		}
		var now record
		err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: id}}, options.FindOne().SetProjection(bson.D{{Key: "version", Value: 1}})).Decode(&now)
		if errors.Is(err, mongo.ErrNoDocuments) {
			return xiaoqi.WriteResult{}, notFound(kind, id)
		} else if err != nil {
			return xiaoqi.WriteResult{}, translate("read "+string(kind), err)
		}
		return xiaoqi.WriteResult{}, staleVersion("", kind, id, now.Version, version)
	}
	if err := s.commit(ctx, entries, nil); err != nil {
		return xiaoqi.WriteResult{}, err
	}
	// The seq of the change that carries the delete: a new one if it was fenced first.
	return xiaoqi.WriteResult{Kind: kind, ID: id, Version: old.Version, Seq: uint64(entries[0].Seq)}, nil
}
