package bolt

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Upsert implements xiaoqi.Store. The whole batch is one transaction: after a crash it is
// either applied or not, never in part.
func (s *Store) Upsert(ctx context.Context, docs []xiaoqi.Doc) ([]xiaoqi.WriteResult, error) {
	return s.writeBatch(ctx, "upsert", docs, upsertOne)
}

// writeBatch validates docs and writes each with one, in one transaction. It sets the
// metadata of the docs passed in; a failed batch leaves them as they were.
func (s *Store) writeBatch(ctx context.Context, op string, docs []xiaoqi.Doc,
	one func(tx *bolt.Tx, d xiaoqi.Doc, hash string, now time.Time) (xiaoqi.WriteResult, error)) ([]xiaoqi.WriteResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, translate(op, err)
	}
	if len(docs) == 0 {
		return []xiaoqi.WriteResult{}, nil
	}
	hashes, err := validateBatch(docs)
	if err != nil {
		return nil, err
	}
	saved := make([]xiaoqi.Meta, len(docs))
	for i, d := range docs {
		saved[i] = *d.Base()
	}
	var results []xiaoqi.WriteResult
	err = s.update(ctx, op, func(tx *bolt.Tx) error {
		results = make([]xiaoqi.WriteResult, len(docs))
		now := time.Now().UTC()
		for i, d := range docs {
			if err := ctx.Err(); err != nil {
				return err
			}
			r, err := one(tx, d, hashes[i], now)
			if err != nil {
				return itemError(i, err)
			}
			results[i] = r
		}
		return nil
	})
	if err != nil {
		for i, d := range docs {
			*d.Base() = saved[i]
		}
		return nil, err
	}
	return results, nil
}

// itemError names docs[i] in err, and its field where err names one, as MongoDB does.
func itemError(i int, err error) error {
	var e *xiaoqi.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("docs[%d]: %w", i, err)
	}
	item := fmt.Sprintf("docs[%d]", i)
	details := []xiaoqi.FieldError{{Field: item, Message: e.Message}}
	if len(e.Details) > 0 {
		details = make([]xiaoqi.FieldError, len(e.Details))
		for j, d := range e.Details {
			details[j] = xiaoqi.FieldError{Field: item + "." + d.Field, Message: d.Message}
		}
	}
	return &xiaoqi.Error{Code: e.Code, Message: item + ": " + e.Message, Details: details, Err: e.Err}
}

// validateBatch validates every document and returns their content hashes, or one EINVALID
// error listing the problems of every invalid document, fields prefixed "docs[i].".
func validateBatch(docs []xiaoqi.Doc) ([]string, error) {
	var (
		details []xiaoqi.FieldError
		first   string
		bad     int
		hashes  = make([]string, len(docs))
	)
	for i, d := range docs {
		prefix := fmt.Sprintf("docs[%d]", i)
		err := validateDoc(d)
		if err == nil {
			if hashes[i], err = xiaoqi.ContentHash(d); err != nil {
				return nil, fmt.Errorf("bolt: upsert: %s: %w", prefix, err)
			}
			continue
		}
		var e *xiaoqi.Error
		if !errors.As(err, &e) || e.Code != xiaoqi.EINVALID {
			return nil, fmt.Errorf("bolt: upsert: validate %s: %w", prefix, err)
		}
		bad++
		if first == "" {
			first = prefix + ": " + e.Message
		}
		if len(e.Details) == 0 {
			details = append(details, xiaoqi.FieldError{Field: prefix, Message: e.Message})
		}
		for _, fe := range e.Details {
			details = append(details, xiaoqi.FieldError{Field: prefix + "." + fe.Field, Message: fe.Message})
		}
	}
	if bad == 0 {
		return hashes, nil
	}
	if bad > 1 {
		zh, en := xiaoqi.Halves(first)
		first = fmt.Sprintf("%s（另有 %d 条无效） / %s (and %d more invalid documents)", zh, bad-1, en, bad-1)
	}
	return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: first, Details: details}
}

// validateDoc checks one document, including an id given by the writer.
func validateDoc(d xiaoqi.Doc) error {
	if d == nil || d.Base() == nil {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "文档为空 / document is null")
	}
	if !d.Kind().Valid() {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "unknown type %q", d.Kind())
	}
	if id := d.Base().ID; id != "" {
		if err := xiaoqi.CheckID(d.Kind(), id); err != nil {
			return err
		}
	}
	return d.Validate()
}

// upsertOne writes one validated document whose content hash is hash.
func upsertOne(tx *bolt.Tx, d xiaoqi.Doc, hash string, now time.Time) (xiaoqi.WriteResult, error) {
	kind, m := d.Kind(), d.Base()
	docs, keys := tx.Bucket(docsBucket(kind)), tx.Bucket(keysBucket(kind))
	nk := d.NaturalKey()

	id := m.ID
	if id == "" && nk != "" {
		id = string(keys.Get([]byte(nk)))
	}
	var stored []byte
	if id != "" {
		stored = docs.Get([]byte(id))
	}
	if stored == nil {
		if m.Version != 0 {
			// The writer read a document that is gone: inserted, a PUT that raced a DELETE
			// brought the deleted document (an erased candidate) back at version 1.
			return xiaoqi.WriteResult{}, staleVersion(kind, cmp.Or(id, nk), 0, m.Version)
		}
		return insert(tx, d, id, hash, now)
	}

	old, rec, err := decodeRecord(kind, stored)
	if err != nil {
		return xiaoqi.WriteResult{}, err
	}
	om, oldHash := old.Base(), rec.Hash
	if m.Version != 0 && m.Version != om.Version {
		return xiaoqi.WriteResult{}, staleVersion(kind, id, om.Version, m.Version)
	}
	if oldHash == hash {
		m.ID, m.Version, m.CreatedAt, m.UpdatedAt = id, om.Version, om.CreatedAt, om.UpdatedAt
		return xiaoqi.WriteResult{Kind: kind, ID: id, Version: om.Version, Unchanged: true}, nil
	}
	if oldKey := old.NaturalKey(); oldKey != nk {
		if err := claimKey(keys, kind, nk, id); err != nil {
			return xiaoqi.WriteResult{}, err
		}
		if oldKey != "" && string(keys.Get([]byte(oldKey))) == id {
			if err := keys.Delete([]byte(oldKey)); err != nil {
				return xiaoqi.WriteResult{}, err
			}
		}
	}
	m.ID, m.Version, m.CreatedAt, m.UpdatedAt = id, om.Version+1, om.CreatedAt, now
	seq, err := put(tx, old, d, hash, now)
	if err != nil {
		return xiaoqi.WriteResult{}, err
	}
	if err := dropChange(tx, rec.Seq, kind, id); err != nil {
		return xiaoqi.WriteResult{}, err
	}
	return xiaoqi.WriteResult{Kind: kind, ID: id, Version: m.Version, Seq: seq}, nil
}

// insert writes d as a new document with the given id, or the id its natural key gives.
func insert(tx *bolt.Tx, d xiaoqi.Doc, id, hash string, now time.Time) (xiaoqi.WriteResult, error) {
	kind, m := d.Kind(), d.Base()
	docs, keys := tx.Bucket(docsBucket(kind)), tx.Bucket(keysBucket(kind))
	nk := d.NaturalKey()
	if id == "" {
		id = xiaoqi.StoredID(kind, nk)
		random := nk == "" || id != xiaoqi.NewID(kind, nk)
		for random && docs.Get([]byte(id)) != nil { // a random id collided: draw again
			id = xiaoqi.NewID(kind, "")
		}
		if docs.Get([]byte(id)) != nil {
			// The id derived from nk belongs to a document that has since changed its key.
			return xiaoqi.WriteResult{}, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
				Message: fmt.Sprintf("该记录的标识已变更：%[4]s %[2]s 原来的标识是 %[3]q，请按编号更新 / %[1]s %[2]s had the natural key %[3]q before it changed; update it by id", kind, id, nk, xiaoqi.KindName(kind))}
		}
	}
	if err := claimKey(keys, kind, nk, id); err != nil {
		return xiaoqi.WriteResult{}, err
	}
	m.ID, m.Version, m.CreatedAt, m.UpdatedAt = id, 1, now, now
	seq, err := put(tx, nil, d, hash, now)
	if err != nil {
		return xiaoqi.WriteResult{}, err
	}
	if err := addCount(tx, kind, 1); err != nil {
		return xiaoqi.WriteResult{}, err
	}
	return xiaoqi.WriteResult{Kind: kind, ID: id, Version: 1, Seq: seq, Created: true}, nil
}

// staleVersion is the ECONFLICT of a write or delete that expected version want of kind id,
// stored at version stored, or deleted (stored 0).
func staleVersion(kind xiaoqi.Kind, id string, stored, want int64) error {
	if stored == 0 {
		return &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
			Message: fmt.Sprintf("%[4]s %[2]s 已不存在，写入却带有版本 %[3]d：读取后已被删除 / %[1]s %[2]s does not exist, though the write carries version %[3]d: it was deleted since it was read", kind, id, want, xiaoqi.KindName(kind)),
			Details: []xiaoqi.FieldError{{Field: "version", Message: "文档已被删除 / the document has been deleted"}}}
	}
	return &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
		Message: fmt.Sprintf("数据已被修改，请刷新后重试：%[5]s %[2]s 已是版本 %[3]d，不是 %[4]d / %[1]s %[2]s is at version %[3]d, not %[4]d: reload and try again", kind, id, stored, want, xiaoqi.KindName(kind)),
		Details: []xiaoqi.FieldError{{Field: "version", Message: fmt.Sprintf("已是版本 %[1]d / is at version %[1]d", stored)}}}
}

// claimKey maps natural key nk to id, or fails with ECONFLICT when another document holds it.
func claimKey(keys *bolt.Bucket, kind xiaoqi.Kind, nk, id string) error {
	if nk == "" {
		return nil
	}
	if holder := keys.Get([]byte(nk)); holder != nil && string(holder) != id {
		return &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
			Message: fmt.Sprintf("该%[4]s已存在：%[2]s 已使用标识 %[3]q / %[1]s %[2]s already has the natural key %[3]q", kind, holder, nk, xiaoqi.KindName(kind))}
	}
	if kind == xiaoqi.KindCandidate && id == xiaoqi.NewID(kind, nk) {
		// A writer gave a candidate the id its key gives (an export of an older store): the
		// next Open gives it a random one (migrateCandidateIDs).
		if err := keys.Tx().Bucket(bucketMeta).Delete(keyCandidateIDs); err != nil {
			return err
		}
	}
	return keys.Put([]byte(nk), []byte(id))
}

// put stores d, whose metadata is set, in place of old (nil for an insert), updates the filter
// index and records the change. It returns the change's seq, which the record keeps.
func put(tx *bolt.Tx, old, d xiaoqi.Doc, hash string, now time.Time) (uint64, error) {
	m := d.Base()
	seq, err := tx.Bucket(bucketChanges).NextSequence()
	if err != nil {
		return 0, err
	}
	data, err := encodeDoc(d, hash, seq)
	if err != nil {
		return 0, err
	}
	if err := tx.Bucket(docsBucket(d.Kind())).Put([]byte(m.ID), data); err != nil {
		return 0, err
	}
	if err := reindex(tx, d.Kind(), m.ID, old, d); err != nil {
		return 0, err
	}
	return seq, putChange(tx, seq, xiaoqi.Change{Op: xiaoqi.OpUpsert, Kind: d.Kind(), ID: m.ID, Version: m.Version, At: now})
}

// appendChange adds c to the change feed under the next sequence number and returns it.
func appendChange(tx *bolt.Tx, c xiaoqi.Change) (uint64, error) {
	seq, err := tx.Bucket(bucketChanges).NextSequence()
	if err != nil {
		return 0, err
	}
	return seq, putChange(tx, seq, c)
}

// putChange stores c in the change feed under seq.
func putChange(tx *bolt.Tx, seq uint64, c xiaoqi.Change) error {
	b := tx.Bucket(bucketChanges)
	// New keys are always the greatest, so full pages never take an insert: filling them to
	// the brim (not bbolt's default half for random keys) halves the feed's pages. Pages
	// that dropChange thins out are merged by bbolt when they fall below a quarter.
	b.FillPercent = 1.0
	data, err := encodeChange(c)
	if err != nil {
		return err
	}
	return b.Put(u64(seq), data)
}

// dropChange removes from the feed the change seq that wrote the previous version of the
// document kind/id, now superseded by a later change of the same document in this
// transaction. A follower that has not read it yet reads the later change instead, and a
// change only ever carried the document's current state (Changes), so it loses nothing, and
// the feed keeps one entry per document (plus tombstones) however often documents change.
// seq 0 (a record written before records kept their seq) and an entry of another document
// are left alone.
func dropChange(tx *bolt.Tx, seq uint64, kind xiaoqi.Kind, id string) error {
	if seq == 0 {
		return nil
	}
	b := tx.Bucket(bucketChanges)
	data := b.Get(u64(seq))
	if data == nil {
		return nil
	}
	c, err := decodeChange(seq, data)
	if err != nil {
		return err
	}
	if c.Op != xiaoqi.OpUpsert || c.Kind != kind || c.ID != id {
		return nil
	}
	return b.Delete(u64(seq))
}

// Delete implements xiaoqi.Store: it removes the document and its natural key and leaves a
// tombstone in the change feed. The version is checked in the same transaction.
func (s *Store) Delete(ctx context.Context, kind xiaoqi.Kind, id string, version int64) (xiaoqi.WriteResult, error) {
	if err := checkKind(kind); err != nil {
		return xiaoqi.WriteResult{}, err
	}
	var r xiaoqi.WriteResult
	err := s.update(ctx, "delete", func(tx *bolt.Tx) error {
		docs := tx.Bucket(docsBucket(kind))
		stored := docs.Get([]byte(id))
		if stored == nil {
			return notFound(kind, id)
		}
		old, rec, err := decodeRecord(kind, stored)
		if err != nil {
			return err
		}
		if version != 0 && version != old.Base().Version {
			return staleVersion(kind, id, old.Base().Version, version)
		}
		if err := docs.Delete([]byte(id)); err != nil {
			return err
		}
		if err := reindex(tx, kind, id, old, nil); err != nil {
			return err
		}
		keys := tx.Bucket(keysBucket(kind))
		if nk := old.NaturalKey(); nk != "" && string(keys.Get([]byte(nk))) == id {
			if err := keys.Delete([]byte(nk)); err != nil {
				return err
			}
		}
		if err := addCount(tx, kind, -1); err != nil {
			return err
		}
		version := old.Base().Version
		seq, err := appendChange(tx, xiaoqi.Change{Op: xiaoqi.OpDelete, Kind: kind, ID: id, Version: version, At: time.Now().UTC()})
		if err != nil {
			return err
		}
		r = xiaoqi.WriteResult{Kind: kind, ID: id, Version: version, Seq: seq}
		return dropChange(tx, rec.Seq, kind, id) // the tombstone supersedes it
	})
	if err != nil {
		return xiaoqi.WriteResult{}, err
	}
	return r, nil
}
