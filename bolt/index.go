package bolt

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Filters are answered from two structures per kind:
//
//	flt:<kind>   id → the document's filter values, in xiaoqi.FilterFields order (see encodeFilters)
//	idx:<kind>   field \x00 value \x00 id → "", only for keyed fields with a non-empty value
//
// Keyed fields (ids and codes: enterprise_id, institution_id, code, credit_code, major_code,
// number) name few documents each, so their key range is the fast way in. The other fields
// (city, region, degree, status, source, synthetic …) have a handful of values shared by many
// documents: a filter on them walks flt in id order and stops once the page is full, which
// for a common value is a few entries per result. List and Count never decode a document to
// filter it.
//
// Why not an index entry per field: ids are hashes, so every entry of a new document lands at
// a random place in a large key range, and a bbolt transaction rewrites every page it touches.
// With eight entries per job, a batch of 1,000 new jobs rewrote some 8,000 index pages (32 MB)
// per transaction: 78 GB written for a million rows. One flt entry per document touches one page.

// indexVersion changes when the layout of flt, idx or idn (person.go), the set of keyed fields
// or the meaning of Filterable changes; with a change to xiaoqi.FilterFields it makes Open
// rebuild them from the stored documents (files of version 1 kept an idx entry for every field
// and no flt; those of version 2 had no idn; those of version 3 kept in idn what a candidate
// wrote on her own profile, which no longer says who she is: xiaoqi.Candidate.Identity).
const indexVersion = 4

var keyIndexed = []byte("indexed")

func idxBucket(k xiaoqi.Kind) []byte { return []byte("idx:" + k) }
func fltBucket(k xiaoqi.Kind) []byte { return []byte("flt:" + k) }

// keyed reports whether field gets idx entries: its values identify few documents each.
func keyed(field string) bool {
	switch field {
	case "enterprise_id", "institution_id", "code", "credit_code", "major_code", "number":
		return true
	}
	return false
}

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

// filterValues returns d's filter values in xiaoqi.FilterFields order.
func filterValues(d xiaoqi.Doc) []string {
	fields := xiaoqi.FilterFields[d.Kind()]
	have := d.Filterable()
	vals := make([]string, len(fields))
	for i, f := range fields {
		vals[i] = have[f]
	}
	return vals
}

// encodeFilters packs filter values as a uvarint length and the bytes of each.
func encodeFilters(vals []string) []byte {
	n := 0
	for _, v := range vals {
		n += binary.MaxVarintLen64 + len(v)
	}
	b := make([]byte, 0, n)
	for _, v := range vals {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	return b
}

// cond is one filter: the position of its field in xiaoqi.FilterFields and the value wanted.
type cond struct {
	pos   int
	value string
}

// matches reports whether the packed filter values rec satisfy every cond (sorted by pos).
func matches(rec []byte, conds []cond) bool {
	pos := 0
	for _, c := range conds {
		for {
			n, w := binary.Uvarint(rec)
			if w <= 0 || uint64(len(rec)-w) < n {
				return false // damaged record: match nothing rather than everything
			}
			v := rec[w : w+int(n)]
			rec = rec[w+int(n):]
			if pos++; pos-1 == c.pos {
				if string(v) != c.value {
					return false
				}
				break
			}
		}
	}
	return true
}

// reindex replaces the filter entries of the document id from old (nil for an insert) by
// those of d (nil for a delete), touching only what differs.
func reindex(tx *bolt.Tx, kind xiaoqi.Kind, id string, old, d xiaoqi.Doc) error {
	if kind == xiaoqi.KindCandidate {
		if err := reindexIdentity(tx, id, old, d); err != nil {
			return err
		}
	}
	var before, after []string
	if old != nil {
		before = filterValues(old)
	}
	if d != nil {
		after = filterValues(d)
	}
	if old != nil && d != nil && slices.Equal(before, after) {
		return nil
	}
	idx := tx.Bucket(idxBucket(kind))
	for i, f := range xiaoqi.FilterFields[kind] {
		if !keyed(f) {
			continue
		}
		if old != nil && before[i] != "" && (d == nil || after[i] != before[i]) {
			if err := idx.Delete(append(indexPrefix(f, before[i]), id...)); err != nil {
				return err
			}
		}
		if d != nil && after[i] != "" && (old == nil || after[i] != before[i]) {
			if err := idx.Put(append(indexPrefix(f, after[i]), id...), nil); err != nil {
				return err
			}
		}
	}
	flt := tx.Bucket(fltBucket(kind))
	if d == nil {
		return flt.Delete([]byte(id))
	}
	return flt.Put([]byte(id), encodeFilters(after))
}

// ensureIndexes rebuilds the filter structures of every kind, and the identity index of the
// candidates, when the file's were built by another indexVersion or for other filter fields.
// This is how files of an older layout are migrated: in place, in the transaction that opens
// them.
func ensureIndexes(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	want := indexFingerprint()
	if bytes.Equal(meta.Get(keyIndexed), want) {
		return nil
	}
	for _, k := range xiaoqi.Kinds {
		names := [][]byte{idxBucket(k), fltBucket(k)}
		if k == xiaoqi.KindCandidate {
			names = append(names, bucketIdentity)
		}
		for _, name := range names {
			if tx.Bucket(name) != nil {
				if err := tx.DeleteBucket(name); err != nil {
					return err
				}
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		err := tx.Bucket(docsBucket(k)).ForEach(func(id, v []byte) error {
			d, _, err := decodeDoc(k, v)
			if err != nil {
				return err
			}
			return reindex(tx, k, string(id), nil, d)
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
	var (
		conds []cond
		entry string // the keyed field to enter by, "" to walk flt
	)
	for i, f := range xiaoqi.FilterFields[kind] {
		v, ok := filters[f]
		if !ok {
			continue
		}
		conds = append(conds, cond{pos: i, value: v})
		if entry == "" && keyed(f) && v != "" {
			entry = f
		}
	}
	flt := tx.Bucket(fltBucket(kind))
	if entry == "" {
		c := flt.Cursor()
		k, rec := c.Seek([]byte(after))
		for ; k != nil; k, rec = c.Next() {
			if (after != "" && string(k) <= after) || !matches(rec, conds) {
				continue
			}
			if more, err := fn(k); err != nil || !more {
				return err
			}
		}
		return nil
	}
	idx := tx.Bucket(idxBucket(kind))
	return walk(idx.Cursor(), indexPrefix(entry, filters[entry]), []byte(after), func(id []byte) (bool, error) {
		if bytes.IndexByte(id, 0) >= 0 { // a longer value of the same field, not an id
			return true, nil
		}
		if len(conds) > 1 && !matches(flt.Get(id), conds) {
			return true, nil
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
