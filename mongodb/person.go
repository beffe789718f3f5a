package mongodb

import (
	"context"
	"errors"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
)

// A candidate's record holds the digests of who they are and were (xiaoqi.Candidate.Identity:
// name with phone or e-mail) in the field identity, with an index on identity, _id, so that
// an import finds the stored candidate who is a row's person without reading them all
// (xiaoqi.Persons): every import read every candidate, seconds and hundreds of MB beside
// 100,000 of them. Digests only: the field holds no name, phone or e-mail, and goes with the
// record when the candidate is erased.
//
// A record stored by a build before the field has none. Open fills it in (backfillIdentity),
// and PersonByKey also reads the records still without it, whose digests it computes: those
// that a node of the earlier build writes while the nodes are upgraded one by one, and those
// of a backfill cut short. Once every node runs this build there are none, and that read finds
// nothing through the index.

var _ xiaoqi.PersonFinder = (*Store)(nil)

// identityIndex is the index of candidates by digest, then id: the first in id order is the
// first entry of the digest.
var identityIndex = index{name: "identity", keys: bson.D{{Key: "identity", Value: 1}, {Key: "_id", Value: 1}}}

// identityOf returns the record.Identity of d: a candidate's Identity, never nil; nil for
// other kinds.
func identityOf(d xiaoqi.Doc) *[]string {
	c, ok := d.(*xiaoqi.Candidate)
	if !ok {
		return nil
	}
	keys := append([]string{}, c.Identity()...)
	return &keys
}

// withoutIdentity matches the candidates stored without the identity field.
var withoutIdentity = bson.D{{Key: "identity", Value: bson.D{{Key: "$exists", Value: false}}}}

// PersonByKey implements xiaoqi.PersonFinder: the first candidate, in id order, whose Identity
// holds key, by the identity index, or among the records stored without it.
func (s *Store) PersonByKey(ctx context.Context, key string) (string, error) {
	coll := s.coll(xiaoqi.KindCandidate)
	var r record
	err := coll.FindOne(ctx, bson.D{{Key: "identity", Value: key}}, options.FindOne().
		SetSort(bson.D{{Key: "_id", Value: 1}}).SetProjection(bson.D{{Key: "_id", Value: 1}})).Decode(&r)
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return "", translate("find person", err)
	}
	id := r.ID
	// Not sorted by the server: sorting by _id could have MongoDB scan every candidate by
	// the _id index instead of the few without the field by the identity index.
	var legacy []record
	cur, err := coll.Find(ctx, withoutIdentity)
	if err == nil {
		err = cur.All(ctx, &legacy)
	}
	if err != nil {
		return "", translate("find person", err)
	}
	for _, r := range legacy {
		if id != "" && r.ID > id {
			continue
		}
		d, err := toDoc(xiaoqi.KindCandidate, &r)
		if err != nil {
			continue // unreadable: Get and List fail on it too
		}
		if slices.Contains(*identityOf(d), key) {
			id = r.ID
		}
	}
	return id, nil
}

// backfillBatch is how many candidates stored without the identity field backfillIdentity
// reads at a time.
const backfillBatch = 1000

// backfillIdentity sets the identity field of the candidates stored without it (by a build
// before it), a batch at a time, and returns how many it set. Each batch is kept once
// written, so a backfill cut short (a timeout, a stop) goes on at the next Open from where it
// was; and a record a writer stores meanwhile is left to the writer (on MongoDB, the update
// is on condition that the record is still the version read and still without the field).
// The field is derived from the document, as f is, so setting it is not a change of the
// document: no version, no change feed entry.
func (s *Store) backfillIdentity(ctx context.Context) (int, error) {
	coll := s.coll(xiaoqi.KindCandidate)
	var unreadable []string // left as they are: read again, they would be read for ever
	set := 0
	for {
		filter := append(bson.D{}, withoutIdentity...)
		if len(unreadable) > 0 {
			filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$nin", Value: unreadable}}})
		}
		var recs []record
		cur, err := coll.Find(ctx, filter, options.Find().SetLimit(backfillBatch))
		if err == nil {
			err = cur.All(ctx, &recs)
		}
		if err != nil {
			return set, translate("read candidates without identity", err)
		}
		if len(recs) == 0 {
			return set, nil
		}
		var updates []mongo.WriteModel
		for _, r := range recs {
			d, err := toDoc(xiaoqi.KindCandidate, &r)
			if err != nil {
				unreadable = append(unreadable, r.ID)
				continue
			}
			f := bson.D{{Key: "_id", Value: r.ID}}
			if s.casUpdates {
				f = append(f, bson.E{Key: "version", Value: r.Version}, withoutIdentity[0])
			}
			updates = append(updates, mongo.NewUpdateOneModel().SetFilter(f).
				SetUpdate(bson.D{{Key: "$set", Value: bson.D{{Key: "identity", Value: identityOf(d)}}}}))
		}
		for chunk := range slices.Chunk(updates, s.maxUpdates) {
			res, err := coll.BulkWrite(ctx, chunk, options.BulkWrite().SetOrdered(false))
			if err != nil {
				return set, translate("set the identity of candidates", err)
			}
			set += int(res.ModifiedCount)
		}
	}
}
