package bolt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
)

// The filter index of a kind holds one empty entry per document and filter field:
//
//	idx:<kind>   field \x00 value \x00 id → ""
//
// so that the ids with one value of a field are one key range, in id order. List and Count
// walk that range for the first filter and look the others up; they never decode a document
// to filter it.

// indexVersion changes when the index's layout or the meaning of Filterable changes; with a
// change to xiaoqi.FilterFields it makes Open rebuild the indexes.
const indexVersion = 1

var keyIndexed = []byte("indexed")

func idxBucket(k xiaoqi.Kind) []byte { return []byte("idx:" + k) }

// indexFingerprint identifies what the indexes in a file were built from.
func indexFingerprint() []byte {
	b, _ := json.Marshal(struct {
		V      int
		Fields map[xiaoqi.Kind][]string
	}{indexVersion, xiaoqi.FilterFields})
	return b
}

func indexPrefix(field, value string) []byte {
	return []byte(field + "\x00" + value + "\x00")
}

// indexEntries returns the index keys of d.
func indexEntries(d xiaoqi.Doc) [][]byte {
	values := d.Filterable()
	var keys [][]byte
	for _, f := range xiaoqi.FilterFields[d.Kind()] {
		keys = append(keys, append(indexPrefix(f, values[f]), d.Base().ID...))
	}
	return keys
}

// reindex replaces the index entries of old (nil for an insert) by those of d (nil for a
// delete), touching only the entries that differ.
func reindex(tx *bolt.Tx, kind xiaoqi.Kind, old, d xiaoqi.Doc) error {
	b := tx.Bucket(idxBucket(kind))
	var before, after [][]byte
	if old != nil {
		before = indexEntries(old)
	}
	if d != nil {
		after = indexEntries(d)
	}
	for _, k := range before {
		if !slices.ContainsFunc(after, func(a []byte) bool { return bytes.Equal(a, k) }) {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
	}
	for _, k := range after {
		if !slices.ContainsFunc(before, func(a []byte) bool { return bytes.Equal(a, k) }) {
			if err := b.Put(k, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// ensureIndexes rebuilds every filter index when the file's were built for other filter fields.
func ensureIndexes(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	want := indexFingerprint()
	if bytes.Equal(meta.Get(keyIndexed), want) {
		return nil
	}
	for _, k := range xiaoqi.Kinds {
		if tx.Bucket(idxBucket(k)) != nil {
			if err := tx.DeleteBucket(idxBucket(k)); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket(idxBucket(k)); err != nil {
			return err
		}
		err := tx.Bucket(docsBucket(k)).ForEach(func(_, v []byte) error {
			d, _, err := decodeDoc(k, v)
			if err != nil {
				return err
			}
			return reindex(tx, k, nil, d)
		})
		if err != nil {
			return fmt.Errorf("rebuild %s index: %w", k, err)
		}
	}
	return meta.Put(keyIndexed, want)
}

// scanIDs calls fn with the ids of kind above after that match filters, in id order, until
// fn returns false. It decodes no document.
func scanIDs(tx *bolt.Tx, kind xiaoqi.Kind, filters map[string]string, after string, fn func(id []byte) (bool, error)) error {
	if len(filters) == 0 {
		c := tx.Bucket(docsBucket(kind)).Cursor()
		return walk(c, nil, []byte(after), fn)
	}
	fields := make([]string, 0, len(filters))
	for f := range filters {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	idx := tx.Bucket(idxBucket(kind))
	prefix := indexPrefix(fields[0], filters[fields[0]])
	return walk(idx.Cursor(), prefix, []byte(after), func(id []byte) (bool, error) {
		if bytes.IndexByte(id, 0) >= 0 { // a longer value of the same field, not an id
			return true, nil
		}
		for _, f := range fields[1:] {
			if idx.Get(append(indexPrefix(f, filters[f]), id...)) == nil {
				return true, nil
			}
		}
		return fn(id)
	})
}

// walk calls fn with the rest of every key of c that starts with prefix and whose rest sorts
// after after, in order, until fn returns false.
func walk(c *bolt.Cursor, prefix, after []byte, fn func(rest []byte) (bool, error)) error {
	k, _ := c.Seek(append(slices.Clip(prefix), after...))
	for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		rest := k[len(prefix):]
		if len(after) > 0 && bytes.Compare(rest, after) <= 0 {
			continue
		}
		more, err := fn(rest)
		if err != nil || !more {
			return err
		}
	}
	return nil
}
