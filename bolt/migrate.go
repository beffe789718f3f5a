package bolt

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
)

// afterMove, when set (by tests), runs after each candidate moved by migrateCandidateIDs; an
// error it returns fails the migration, as a crash would cut it short.
var afterMove func(moved int) error

// migrateCandidateIDs gives a random id (xiaoqi.StoredID) to every candidate whose id is the
// hash of its natural key, xiaoqi.NewID, as builds before random candidate ids stored them:
// whoever knew a student's number and the public source computed that id and read the
// anonymised profile as the person's. It runs inside Open's transaction, so that after a
// crash the file holds every candidate under its old id or every one under its new id, never
// some of each, and a later Open finds what is left to do (nothing, once done). It returns
// how many candidates it moved.
//
// A candidate moves whole: its record (content, version and times unchanged) under the new
// id, its natural key, its filter index entries; the change feed gets a tombstone of the old
// id and an upsert of the new one, so that the search index and the matcher, which follow the
// feed, drop the old id and index the new. What refers to a candidate by id follows it: the
// accounts acting for it (User.CandidateID) and the audit entries about it (SubjectID, and
// their auditby index). Nothing else stores a candidate's id: documents of other kinds do not
// refer to candidates, and matches are computed, not stored.
func migrateCandidateIDs(tx *bolt.Tx) (int, error) {
	const kind = xiaoqi.KindCandidate
	meta := tx.Bucket(bucketMeta)
	if meta.Get(keyCandidateIDs) != nil {
		// Done before, and no writer stored a candidate under its key's id since (claimKey
		// removes the mark): a million candidates cost start-up some 0.3 s to look at.
		return 0, nil
	}
	docs, keys := tx.Bucket(docsBucket(kind)), tx.Bucket(keysBucket(kind))
	moves := map[string]string{} // old id → new id
	var order []string
	err := keys.ForEach(func(nk, id []byte) error {
		if string(id) != xiaoqi.NewID(kind, string(nk)) {
			return nil
		}
		// A record that cannot be read (Get fails on it too) stays as it is: failing here
		// would fail every Open, and the service would not start.
		if data := docs.Get(id); data != nil {
			if _, _, err := decodeRecord(kind, data); err == nil {
				order = append(order, string(id))
				moves[string(id)] = ""
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if len(order) == 0 {
		return 0, meta.Put(keyCandidateIDs, []byte("random"))
	}
	now := time.Now().UTC()
	for i, old := range order {
		id := xiaoqi.StoredID(kind, "")
		for docs.Get([]byte(id)) != nil || moves[id] != "" {
			id = xiaoqi.StoredID(kind, "")
		}
		if err := moveCandidate(tx, old, id, now); err != nil {
			return 0, fmt.Errorf("give candidate %s a random id: %w", old, err)
		}
		moves[old] = id
		if afterMove != nil {
			if err := afterMove(i + 1); err != nil {
				return 0, err
			}
		}
	}
	if err := repointUsers(tx, moves); err != nil {
		return 0, err
	}
	if err := repointAudit(tx, moves); err != nil {
		return 0, err
	}
	return len(order), meta.Put(keyCandidateIDs, []byte("random"))
}

// moveCandidate stores the candidate old under id, removes it under old, and records both in
// the feed: the tombstone of old first, then the upsert of id.
func moveCandidate(tx *bolt.Tx, old, id string, now time.Time) error {
	const kind = xiaoqi.KindCandidate
	docs, keys := tx.Bucket(docsBucket(kind)), tx.Bucket(keysBucket(kind))
	d, rec, err := decodeRecord(kind, docs.Get([]byte(old)))
	if err != nil {
		return err
	}
	m := d.Base()
	version := m.Version
	if err := docs.Delete([]byte(old)); err != nil {
		return err
	}
	if err := reindex(tx, kind, old, d, nil); err != nil {
		return err
	}
	if _, err := appendChange(tx, xiaoqi.Change{Op: xiaoqi.OpDelete, Kind: kind, ID: old, Version: version, At: now}); err != nil {
		return err
	}
	if err := dropChange(tx, rec.Seq, kind, old); err != nil {
		return err
	}
	m.ID = id
	seq, err := tx.Bucket(bucketChanges).NextSequence()
	if err != nil {
		return err
	}
	data, err := encodeDoc(d, rec.Hash, seq)
	if err != nil {
		return err
	}
	if err := docs.Put([]byte(id), data); err != nil {
		return err
	}
	if err := reindex(tx, kind, id, nil, d); err != nil {
		return err
	}
	if err := putChange(tx, seq, xiaoqi.Change{Op: xiaoqi.OpUpsert, Kind: kind, ID: id, Version: version, At: now}); err != nil {
		return err
	}
	return keys.Put([]byte(d.NaturalKey()), []byte(id))
}

// repointUsers makes the accounts that act for a moved candidate act for it under its new id.
func repointUsers(tx *bolt.Tx, moves map[string]string) error {
	var changed []*xiaoqi.User
	err := tx.Bucket(bucketUsers).ForEach(func(id, _ []byte) error {
		u, err := getUser(tx, id)
		if err != nil {
			return err
		}
		if to := moves[u.CandidateID]; u.CandidateID != "" && to != "" {
			u.CandidateID = to
			changed = append(changed, u)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, u := range changed {
		if err := putUser(tx, u); err != nil {
			return err
		}
	}
	return nil
}

// repointAudit files the audit entries about a moved candidate under its new id, so that the
// candidate still reads who saw their contact details.
func repointAudit(tx *bolt.Tx, moves map[string]string) error {
	for old, id := range moves {
		if _, err := moveAuditSubject(tx, old, id, nil); err != nil {
			return err
		}
	}
	return nil
}
