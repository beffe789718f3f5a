package bolt

import (
	"bytes"
	"context"
	"encoding/hex"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
)

// The identity index finds a candidate by a digest of who they are (xiaoqi.Candidate.Identity:
// name with phone or e-mail, as they are and were), which an import asks of every new row with
// a phone or an e-mail (xiaoqi.Persons). It was answered by reading every candidate: 6 s and
// 380 MB decoded to import 20 graduates beside 100,000 stored candidates.
//
//	idn:candidate   digest (16 bytes) \x00 id → ""
//
// Digests only: the index holds no name, phone or e-mail, and an erased candidate's entries go
// with the candidate. A candidate has two to four digests, and a few former ones.
var bucketIdentity = []byte("idn:" + xiaoqi.KindCandidate)

var _ xiaoqi.PersonFinder = (*Store)(nil)

// identityOf returns the digests a document is indexed by: a candidate's Identity, none for
// other kinds or nil.
func identityOf(d xiaoqi.Doc) []string {
	if c, ok := d.(*xiaoqi.Candidate); ok {
		return c.Identity()
	}
	return nil
}

// reindexIdentity replaces the identity entries of the candidate id from old (nil for an
// insert) by those of d (nil for a delete), touching only what differs.
func reindexIdentity(tx *bolt.Tx, id string, old, d xiaoqi.Doc) error {
	before, after := identityOf(old), identityOf(d)
	if len(before) == 0 && len(after) == 0 {
		return nil
	}
	b := tx.Bucket(bucketIdentity)
	for _, k := range before {
		if !slices.Contains(after, k) {
			if err := b.Delete(identityEntry(k, id)); err != nil {
				return err
			}
		}
	}
	for _, k := range after {
		if !slices.Contains(before, k) {
			if err := b.Put(identityEntry(k, id), nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// identityEntry is the entry of digest key for the candidate id. A digest is written in hex;
// the entry holds its 16 bytes, half the size: fewer pages for a batch of new candidates to
// rewrite, each of whose entries lands at a random place.
func identityEntry(key, id string) []byte { return append(identityPrefix(key), id...) }

// identityPrefix is what the entries of digest key begin with.
func identityPrefix(key string) []byte {
	b, err := hex.DecodeString(key)
	if err != nil {
		b = []byte(key)
	}
	return append(b, 0)
}

// PersonByKey implements xiaoqi.PersonFinder: the first candidate, in id order, whose Identity
// holds key.
func (s *Store) PersonByKey(ctx context.Context, key string) (string, error) {
	var id string
	err := s.view(ctx, "find person", func(tx *bolt.Tx) error {
		prefix := identityPrefix(key)
		if k, _ := tx.Bucket(bucketIdentity).Cursor().Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) {
			id = string(k[len(prefix):])
		}
		return nil
	})
	return id, err
}
