package mongodb

import (
	"encoding/json"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/xiaoqi-dev/xiaoqi"
)

// record is a stored document, one collection per kind.
type record struct {
	ID string `bson:"_id"`
	// Key is the natural key, or "id:" and the id for a document without one, so that a
	// unique index on it holds for every document.
	Key     string `bson:"key"`
	Version int64  `bson:"version"`
	// Seq is the change that wrote this version; a writer recognises its own write by it.
	Seq int64 `bson:"seq"`
	// Hash is xiaoqi.ContentHash: a write with the same hash changes nothing.
	Hash string `bson:"hash"`
	// F holds the values of the kind's xiaoqi.FilterFields, "" included, for List and Count.
	F map[string]string `bson:"f"`
	// Doc is the domain document as its JSON makes it, as a subdocument.
	Doc bson.Raw `bson:"doc"`
	// Identity holds a candidate's xiaoqi.Candidate.Identity, digests only, for PersonByKey
	// (person.go); [] for a candidate without, absent for other kinds and for a candidate
	// that a build before it stored (backfillIdentity fills those in).
	Identity *[]string `bson:"identity,omitempty"`
}

// storedKey is the value of record.Key.
func storedKey(naturalKey, id string) string {
	if naturalKey == "" {
		return "id:" + id
	}
	return naturalKey
}

// toRecord converts a document, with its metadata set, into the record that stores it.
func toRecord(d xiaoqi.Doc, hash string, seq uint64) (record, error) {
	data, err := json.Marshal(d)
	if err != nil {
		return record{}, fmt.Errorf("encode %s: %w", d.Kind(), err)
	}
	// The JSON of a domain document is plain JSON whose object keys are struct field names,
	// so reading it as relaxed extended JSON changes nothing: no key starts with "$".
	var raw bson.Raw
	if err := bson.UnmarshalExtJSON(data, false, &raw); err != nil {
		return record{}, fmt.Errorf("encode %s as BSON: %w", d.Kind(), err)
	}
	have := d.Filterable()
	f := make(map[string]string, len(xiaoqi.FilterFields[d.Kind()]))
	for _, name := range xiaoqi.FilterFields[d.Kind()] {
		f[name] = have[name]
	}
	m := d.Base()
	return record{ID: m.ID, Key: storedKey(d.NaturalKey(), m.ID), Version: m.Version, Seq: int64(seq),
		Hash: hash, F: f, Doc: raw, Identity: identityOf(d)}, nil
}

// toDoc converts a record of kind k back into its document.
func toDoc(k xiaoqi.Kind, r *record) (xiaoqi.Doc, error) {
	data, err := bson.MarshalExtJSON(r.Doc, false, false)
	if err != nil {
		return nil, fmt.Errorf("decode %s %s: %w", k, r.ID, err)
	}
	d, err := xiaoqi.DecodeDoc(k, data)
	if err != nil {
		return nil, fmt.Errorf("decode %s %s: %w", k, r.ID, err)
	}
	// The record's own fields are the truth about identity and version.
	d.Base().ID, d.Base().Version = r.ID, r.Version
	return d, nil
}

// storedTimes returns the timestamps of a record's document without decoding all of it.
func storedTimes(r *record) (created, updated time.Time) {
	parse := func(field string) time.Time {
		s, ok := r.Doc.Lookup(field).StringValueOK()
		if !ok {
			return time.Time{}
		}
		t, _ := time.Parse(time.RFC3339Nano, s)
		return t
	}
	return parse("created_at"), parse("updated_at")
}

// States of a change entry. An entry is pending until a settlement with its seq exists;
// the first settlement inserted wins, which makes settling atomic on any server.
const (
	// statePending: a writer logged the change and is writing the document.
	statePending = "pending"
	// stateCommitted: the document write is done.
	stateCommitted = "committed"
	// stateAbandoned: a follower waited the grace period for a pending entry and fenced it;
	// the write may or may not have happened, and if the writer is alive it logs it again.
	stateAbandoned = "abandoned"
	// stateVoid: no write belongs to this seq: a writer's write lost a race, or (a filler
	// entry without op) a follower filled a seq that a writer allocated but never logged.
	stateVoid = "void"
	// stateRemoved, never stored: a settled entry that CompactFeed removed while a follower
	// read it. The change that superseded it is still in the feed.
	stateRemoved = "removed"
)

// changeRecord is an entry of the change feed, in the changes collection. Entries never
// change once inserted.
type changeRecord struct {
	Seq     int64     `bson:"_id"`
	Op      xiaoqi.Op `bson:"op,omitempty"` // "" for a filler
	Kind    string    `bson:"kind,omitempty"`
	ID      string    `bson:"id,omitempty"`
	Version int64     `bson:"version,omitempty"`
	At      time.Time `bson:"at"`
	// State comes from the entry's settlement, or from being a filler.
	State string `bson:"-"`
}

// settlement settles the entry with the same seq, in the settlements collection.
type settlement struct {
	Seq   int64     `bson:"_id"`
	State string    `bson:"state"`
	At    time.Time `bson:"at"`
}

// toChange converts a settled entry into the change a follower sees. The document's state
// now is the truth: an entry whose document exists is an upsert carrying it, whatever the
// entry's op, and one whose document is gone is a tombstone. That keeps a follower right
// when writers commit out of seq order (a delete logged after an upsert but done before it).
func toChange(c *changeRecord, current xiaoqi.Doc) xiaoqi.Change {
	ch := xiaoqi.Change{Seq: uint64(c.Seq), Kind: xiaoqi.Kind(c.Kind), ID: c.ID, At: c.At}
	if current != nil {
		ch.Op, ch.Version, ch.Doc = xiaoqi.OpUpsert, current.Base().Version, current
		return ch
	}
	ch.Op, ch.Version = xiaoqi.OpDelete, c.Version
	return ch
}

// counter is the document that allocates seqs.
type counter struct {
	ID  string `bson:"_id"`
	Seq int64  `bson:"seq"`
}

const seqCounter = "changes"
