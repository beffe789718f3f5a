package bolt

import (
	"context"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Change-feed page sizes.
const (
	defaultChangesLimit = 1000
	maxChangesLimit     = 10000
)

// Get implements xiaoqi.Store.
func (s *Store) Get(ctx context.Context, kind xiaoqi.Kind, id string) (xiaoqi.Doc, error) {
	return s.get(ctx, kind, func(*bolt.Tx) []byte { return []byte(id) }, notFound(kind, id))
}

// GetByKey implements xiaoqi.Store, through the natural keys' index.
func (s *Store) GetByKey(ctx context.Context, kind xiaoqi.Kind, key string) (xiaoqi.Doc, error) {
	return s.get(ctx, kind, func(tx *bolt.Tx) []byte {
		if key == "" {
			return nil
		}
		return tx.Bucket(keysBucket(kind)).Get([]byte(key))
	}, xiaoqi.KeyNotFound(kind))
}

// get reads the document of kind whose id idOf gives, or answers missing.
func (s *Store) get(ctx context.Context, kind xiaoqi.Kind, idOf func(*bolt.Tx) []byte, missing error) (xiaoqi.Doc, error) {
	if err := checkKind(kind); err != nil {
		return nil, err
	}
	var d xiaoqi.Doc
	err := s.view(ctx, "get", func(tx *bolt.Tx) error {
		var data []byte
		if id := idOf(tx); id != nil {
			data = tx.Bucket(docsBucket(kind)).Get(id)
		}
		if data == nil {
			return missing
		}
		var err error
		d, _, err = decodeDoc(kind, data)
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// List implements xiaoqi.Store. Ids come in id order from the cursor, which is the id of the
// last document of the previous page; filters are answered from the filter index.
func (s *Store) List(ctx context.Context, kind xiaoqi.Kind, opt xiaoqi.ListOptions) (*xiaoqi.ListPage, error) {
	if err := checkKind(kind); err != nil {
		return nil, err
	}
	if err := xiaoqi.CheckFilters(kind, opt.Filters); err != nil {
		return nil, err
	}
	limit := opt.Limit
	if limit <= 0 {
		limit = xiaoqi.DefaultListLimit
	} else if limit > xiaoqi.MaxListLimit {
		limit = xiaoqi.MaxListLimit
	}
	page := &xiaoqi.ListPage{Docs: []xiaoqi.Doc{}}
	err := s.view(ctx, "list", func(tx *bolt.Tx) error {
		docs := tx.Bucket(docsBucket(kind))
		return scanIDs(tx, kind, opt.Filters, opt.After, func(id []byte) (bool, error) {
			if len(page.Docs) == limit {
				// One more match exists: the page is full and not the last.
				page.Next = page.Docs[limit-1].Base().ID
				return false, nil
			}
			if err := ctx.Err(); err != nil {
				return false, err
			}
			d, err := getDoc(docs, kind, id)
			if err != nil {
				return false, err
			}
			page.Docs = append(page.Docs, d)
			return true, nil
		})
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// getDoc returns the document of an id found in an index.
func getDoc(docs *bolt.Bucket, kind xiaoqi.Kind, id []byte) (xiaoqi.Doc, error) {
	data := docs.Get(id)
	if data == nil {
		return nil, fmt.Errorf("index of %s names %s, which is not stored", kind, id)
	}
	d, _, err := decodeDoc(kind, data)
	return d, err
}

// Count implements xiaoqi.Store. Without filters it reads the kept count; with filters it
// counts index entries.
func (s *Store) Count(ctx context.Context, kind xiaoqi.Kind, filters map[string]string) (int64, error) {
	if err := checkKind(kind); err != nil {
		return 0, err
	}
	if err := xiaoqi.CheckFilters(kind, filters); err != nil {
		return 0, err
	}
	var n int64
	err := s.view(ctx, "count", func(tx *bolt.Tx) error {
		if len(filters) == 0 {
			n = int64(readU64(tx.Bucket(bucketMeta).Get(countKey(kind))))
			return nil
		}
		return scanIDs(tx, kind, filters, "", func([]byte) (bool, error) {
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return false, err
				}
			}
			return true, nil
		})
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// Changes implements xiaoqi.Store. An upsert carries the document as it is now. An upsert of
// a document deleted since is left out: the feed holds its tombstone further on, and leaving
// it out keeps every upsert's Doc non-nil for followers. The newest change is never left out,
// so an empty answer means the follower is up to date.
func (s *Store) Changes(ctx context.Context, after uint64, limit int) ([]xiaoqi.Change, error) {
	if limit <= 0 {
		limit = defaultChangesLimit
	} else if limit > maxChangesLimit {
		limit = maxChangesLimit
	}
	out := []xiaoqi.Change{}
	err := s.view(ctx, "changes", func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketChanges).Cursor()
		for k, v := c.Seek(u64(after + 1)); k != nil && len(out) < limit; k, v = c.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			ch, err := decodeChange(binary.BigEndian.Uint64(k), v)
			if err != nil {
				return err
			}
			if ch.Op == xiaoqi.OpUpsert {
				data := tx.Bucket(docsBucket(ch.Kind)).Get([]byte(ch.ID))
				if data == nil {
					continue
				}
				if ch.Doc, _, err = decodeDoc(ch.Kind, data); err != nil {
					return err
				}
			}
			out = append(out, ch)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LastSeq implements xiaoqi.Store.
func (s *Store) LastSeq(ctx context.Context) (uint64, error) {
	var seq uint64
	err := s.view(ctx, "last seq", func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketChanges).Cursor().Last()
		if k != nil {
			seq = binary.BigEndian.Uint64(k)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return seq, nil
}
