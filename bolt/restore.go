package bolt

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Restore implements xiaoqi.Restorer: the batch is one transaction, written whole or not at
// all.
func (s *Store) Restore(ctx context.Context, docs []xiaoqi.Doc) ([]xiaoqi.WriteResult, error) {
	for i, d := range docs {
		if d != nil && d.Base() != nil && d.Base().ID == "" {
			return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID,
				Message: fmt.Sprintf("docs[%d]: 缺少编号 / has no id: a restored document keeps its id", i),
				Details: []xiaoqi.FieldError{{Field: fmt.Sprintf("docs[%d].id", i), Message: "必填 / required"}}}
		}
	}
	return s.writeBatch(ctx, "restore", docs, restoreOne)
}

// restoreOne inserts one validated document under its own id, version and times.
func restoreOne(tx *bolt.Tx, d xiaoqi.Doc, hash string, now time.Time) (xiaoqi.WriteResult, error) {
	kind, m := d.Kind(), d.Base()
	if tx.Bucket(docsBucket(kind)).Get([]byte(m.ID)) != nil {
		return xiaoqi.WriteResult{}, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
			Message: fmt.Sprintf("%[3]s %[2]s 已存在 / %[1]s %[2]s exists already", kind, m.ID, xiaoqi.KindName(kind))}
	}
	if err := claimKey(tx.Bucket(keysBucket(kind)), kind, d.NaturalKey(), m.ID); err != nil {
		return xiaoqi.WriteResult{}, err
	}
	m.Version = max(m.Version, 1)
	if m.CreatedAt.IsZero() {
		m.CreatedAt = now
	}
	if m.UpdatedAt.IsZero() {
		m.UpdatedAt = m.CreatedAt
	}
	seq, err := put(tx, nil, d, hash, now)
	if err != nil {
		return xiaoqi.WriteResult{}, err
	}
	if err := addCount(tx, kind, 1); err != nil {
		return xiaoqi.WriteResult{}, err
	}
	return xiaoqi.WriteResult{Kind: kind, ID: m.ID, Version: m.Version, Seq: seq, Created: true}, nil
}
