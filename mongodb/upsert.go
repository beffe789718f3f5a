package mongodb

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
)

// maxTries bounds how often one document of a batch is written again after losing a race
// with another writer.
const maxTries = 5

// item is one document of an Upsert batch on its way to the store.
type item struct {
	i       int // index in the batch
	doc     xiaoqi.Doc
	kind    xiaoqi.Kind
	id      string // ID as the caller gave it
	version int64  // Version as the caller gave it
	key     string // natural key
	hash    string
	tries   int
}

// Upsert implements xiaoqi.Store.
//
// A batch takes a handful of round trips whatever its size: per kind one query for the
// stored documents, then one allocation of seqs, one insert of pending change entries, one
// bulk write per kind and one update to commit the entries. Documents of the batch that name
// the same document (twice the same natural key, say) are written in turns, in batch order,
// each turn checked before the first is written (see resolve). Without transactions a batch
// is not atomic: a conflict found before writing fails it with nothing written, but one that
// arises from a concurrent writer after part of the batch is written leaves that part
// written. A document that loses a race and carries no Version is written again, matched
// afresh. A batch whose context has ended writes nothing; once begun, a batch runs to its
// end whatever becomes of ctx (see writeContext).
func (s *Store) Upsert(ctx context.Context, docs []xiaoqi.Doc) ([]xiaoqi.WriteResult, error) {
	items, err := prepare(docs)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ctx, cancel := writeContext(ctx)
	defer cancel()
	results := make([]xiaoqi.WriteResult, len(docs))
	queue := items
	for first := true; len(queue) > 0; first = false {
		n, plans, err := s.resolve(ctx, queue, first)
		if err != nil {
			return nil, err
		}
		retry, err := s.apply(ctx, plans, results)
		if err != nil {
			return nil, err
		}
		for _, it := range retry {
			if it.tries++; it.tries >= maxTries {
				return nil, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
					Message: fmt.Sprintf("docs[%[1]d]: 并发写入冲突：%[4]s在写入期间被其他写入者修改了 %[3]d 次 / %[2]s changed by other writers %[3]d times while being written", it.i, it.kind, it.tries, xiaoqi.KindName(it.kind))}
			}
		}
		queue = append(retry, queue[n:]...)
	}
	return results, nil
}

// prepare validates every document and returns them as items, or one EINVALID error that
// names every invalid field as "docs[i].field".
func prepare(docs []xiaoqi.Doc) ([]*item, error) {
	var details []xiaoqi.FieldError
	first, firstMsg, bad := -1, "", 0
	items := make([]*item, len(docs))
	for i, d := range docs {
		prefix := fmt.Sprintf("docs[%d]", i)
		var errs []xiaoqi.FieldError
		msg := ""
		if d == nil || (reflect.ValueOf(d).Kind() == reflect.Pointer && reflect.ValueOf(d).IsNil()) {
			errs, msg = []xiaoqi.FieldError{{Field: prefix, Message: "缺少文档 / is missing"}}, "missing document"
		} else {
			if err := d.Validate(); err != nil {
				msg = xiaoqi.ErrorMessage(err)
				for _, fe := range xiaoqi.ErrorDetails(err) {
					errs = append(errs, xiaoqi.FieldError{Field: prefix + "." + fe.Field, Message: fe.Message})
				}
				if len(errs) == 0 {
					errs = []xiaoqi.FieldError{{Field: prefix, Message: msg}}
				}
			}
			if id := d.Base().ID; id != "" {
				if err := xiaoqi.CheckID(d.Kind(), id); err != nil {
					errs = append(errs, xiaoqi.FieldError{Field: prefix + ".id", Message: xiaoqi.ErrorMessage(err)})
					if msg == "" {
						msg = xiaoqi.ErrorMessage(err)
					}
				}
			}
		}
		if len(errs) > 0 {
			details = append(details, errs...)
			if bad++; first < 0 {
				first, firstMsg = i, msg
			}
			continue
		}
		hash, err := xiaoqi.ContentHash(d)
		if err != nil {
			return nil, fmt.Errorf("mongodb: docs[%d]: %w", i, err)
		}
		m := d.Base()
		items[i] = &item{i: i, doc: d, kind: d.Kind(), id: m.ID, version: m.Version, key: d.NaturalKey(), hash: hash}
	}
	if bad == 0 {
		return items, nil
	}
	msg := fmt.Sprintf("docs[%d]: %s", first, firstMsg)
	if bad > 1 {
		zh, en := xiaoqi.Halves(msg)
		msg = fmt.Sprintf("%s（另有 %d 条无效） / %s (and %d more invalid documents)", zh, bad-1, en, bad-1)
	}
	return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: msg, Details: details}
}

// plan is what a write does to the document of one item.
type plan struct {
	it        *item
	old       *record // the stored document, nil to insert
	id        string
	version   int64 // the version written
	seq       uint64
	unchanged bool
	// created and updated, when set, are the times written (Restore), in place of now.
	created, updated time.Time
}

// resolve matches the first turn of queue, the longest prefix that it can write at once, to
// the stored documents, and returns the turn's length and plans. A turn ends where a document
// names a document that an earlier one of the turn names too: the later one must see the
// earlier one's write. resolve fails with ECONFLICT on a stale version or a taken key.
//
// With whole, resolve also checks the later turns, each against the documents as the turns
// before it leave them, so that a batch whose second turn would fail (the same document
// twice, the second time with the version it had before the first) fails before its first
// turn is written, as the embedded store's does.
func (s *Store) resolve(ctx context.Context, queue []*item, whole bool) (int, []plan, error) {
	n := turn(queue)
	read := queue[:n]
	if whole {
		read = queue
	}
	byID, byKey, err := s.load(ctx, read)
	if err != nil {
		return 0, nil, err
	}
	n, plans, err := match(queue[:n], byID, byKey)
	if err != nil || !whole || n == len(queue) {
		return n, plans, err
	}
	byID, byKey = clone(byID), clone(byKey)
	later, rest := plans, queue[n:]
	for len(rest) > 0 {
		project(later, byID, byKey)
		m, next, err := match(rest[:turn(rest)], byID, byKey)
		if err != nil {
			return 0, nil, err
		}
		later, rest = next, rest[m:]
	}
	return n, plans, nil
}

// turn returns the length of the longest prefix of queue in which no two items name one
// document by id or by natural key.
func turn(queue []*item) int {
	named := map[string]bool{}
	n := 0
	for ; n < len(queue); n++ {
		it := queue[n]
		a, b := string(it.kind)+"\x00id\x00"+it.id, string(it.kind)+"\x00key\x00"+it.key
		if (it.id != "" && named[a]) || (it.key != "" && named[b]) {
			break
		}
		named[a], named[b] = it.id != "", it.key != ""
	}
	return n
}

// match matches items, which name no document twice by what they carry, to the stored
// documents byID and byKey, and returns the plans of the longest prefix of them that match no
// document twice, and that prefix's length (at least 1).
func match(items []*item, byID, byKey map[xiaoqi.Kind]map[string]*record) (int, []plan, error) {
	claimed := map[string]bool{}
	plans := make([]plan, 0, len(items))
	for j, it := range items {
		p := matchOne(it, byID[it.kind], byKey[it.kind])
		a, b := string(it.kind)+"\x00id\x00"+p.id, string(it.kind)+"\x00key\x00"+it.key
		if claimed[a] || (it.key != "" && claimed[b]) {
			return j, plans, nil
		}
		claimed[a], claimed[b] = true, it.key != ""
		if err := conflict(it, p, byKey[it.kind]); err != nil {
			return 0, nil, err
		}
		plans = append(plans, p)
	}
	return len(items), plans, nil
}

// clone returns a copy of a map of stored documents by kind, sharing the records.
func clone(m map[xiaoqi.Kind]map[string]*record) map[xiaoqi.Kind]map[string]*record {
	out := make(map[xiaoqi.Kind]map[string]*record, len(m))
	for k, recs := range m {
		out[k] = maps.Clone(recs)
	}
	return out
}

// project makes byID and byKey hold the documents as the plans would write them, as far as
// matching and conflicts go: id, key, version and hash.
func project(plans []plan, byID, byKey map[xiaoqi.Kind]map[string]*record) {
	for _, p := range plans {
		if p.unchanged {
			continue
		}
		k := p.it.kind
		if byID[k] == nil {
			byID[k], byKey[k] = map[string]*record{}, map[string]*record{}
		}
		if old := byID[k][p.id]; old != nil && byKey[k][old.Key] == old {
			delete(byKey[k], old.Key) // the key is released, or taken again below
		}
		r := &record{ID: p.id, Key: storedKey(p.it.key, p.id), Version: p.version, Hash: p.it.hash}
		byID[k][r.ID], byKey[k][r.Key] = r, r
	}
}

// matchOne finds the stored document an item writes: by ID when it has one, else by natural
// key. A new document gets StoredID(kind, key), or a random id when that one is taken by a
// document whose key has since changed.
func matchOne(it *item, byID, byKey map[string]*record) plan {
	var old *record
	if it.id != "" {
		old = byID[it.id]
	} else if it.key != "" {
		old = byKey[it.key]
	}
	p := plan{it: it, old: old, version: 1}
	switch {
	case old != nil:
		p.id, p.version, p.unchanged = old.ID, old.Version+1, old.Hash == it.hash
	case it.id != "":
		p.id = it.id
	case it.key != "" && byID[xiaoqi.NewID(it.kind, it.key)] == nil:
		p.id = xiaoqi.StoredID(it.kind, it.key)
	default:
		p.id = xiaoqi.NewID(it.kind, "")
	}
	return p
}

// conflict returns ECONFLICT when the item carries a version other than the stored one, or
// a natural key that another document holds.
func conflict(it *item, p plan, byKey map[string]*record) error {
	if it.version != 0 && p.old == nil {
		// The writer read a document that is gone: inserted, a PUT that raced a DELETE
		// would bring the deleted document (an erased candidate) back.
		return &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
			Message: fmt.Sprintf("docs[%[1]d]: %[5]s %[3]s 已不存在，写入却带有版本 %[4]d：读取后已被删除 / %[2]s %[3]s does not exist, though the write carries version %[4]d: it was deleted since it was read", it.i, it.kind, p.id, it.version, xiaoqi.KindName(it.kind)),
			Details: []xiaoqi.FieldError{{Field: fmt.Sprintf("docs[%d].version", it.i), Message: "文档已被删除 / the document has been deleted"}}}
	}
	if it.version != 0 && p.old.Version != it.version {
		return staleVersion(fmt.Sprintf("docs[%d]", it.i), it.kind, p.id, p.old.Version, it.version)
	}
	return keyConflict(it, p.id, byKey)
}

// keyConflict returns ECONFLICT when another document than id holds the item's natural key.
func keyConflict(it *item, id string, byKey map[string]*record) error {
	if holder := byKey[it.key]; it.key != "" && holder != nil && holder.ID != id {
		return &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
			Message: fmt.Sprintf("docs[%[1]d]: 唯一键 %[4]q 已被其他%[5]s（%[3]s）占用 / another %[2]s (%[3]s) has the same key %[4]q", it.i, it.kind, holder.ID, it.key, xiaoqi.KindName(it.kind)),
			Details: []xiaoqi.FieldError{{Field: fmt.Sprintf("docs[%d]", it.i), Message: "唯一键已被 " + holder.ID + " 占用 / key held by " + holder.ID}}}
	}
	return nil
}

// load reads the stored documents that items may match, one query per kind: by the ids
// given or that new documents would get, and by natural key.
func (s *Store) load(ctx context.Context, items []*item) (byID, byKey map[xiaoqi.Kind]map[string]*record, err error) {
	ids, keys := map[xiaoqi.Kind][]string{}, map[xiaoqi.Kind][]string{}
	for _, it := range items {
		if it.id != "" {
			ids[it.kind] = append(ids[it.kind], it.id)
		} else if it.key != "" {
			ids[it.kind] = append(ids[it.kind], xiaoqi.NewID(it.kind, it.key))
		}
		if it.key != "" {
			keys[it.kind] = append(keys[it.kind], it.key)
		}
	}
	byID, byKey = map[xiaoqi.Kind]map[string]*record{}, map[xiaoqi.Kind]map[string]*record{}
	for _, k := range xiaoqi.Kinds {
		if len(ids[k]) == 0 && len(keys[k]) == 0 {
			continue
		}
		var or bson.A
		if len(ids[k]) > 0 {
			or = append(or, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids[k]}}}})
		}
		if len(keys[k]) > 0 {
			or = append(or, bson.D{{Key: "key", Value: bson.D{{Key: "$in", Value: keys[k]}}}})
		}
		cur, err := s.coll(k).Find(ctx, bson.D{{Key: "$or", Value: or}},
			options.Find().SetBatchSize(int32(min(len(ids[k])+len(keys[k]), xiaoqi.MaxListLimit))))
		if err != nil {
			return nil, nil, translate("read "+string(k), err)
		}
		var recs []record
		if err := cur.All(ctx, &recs); err != nil {
			return nil, nil, translate("read "+string(k), err)
		}
		byID[k], byKey[k] = map[string]*record{}, map[string]*record{}
		for i := range recs {
			byID[k][recs[i].ID], byKey[k][recs[i].Key] = &recs[i], &recs[i]
		}
	}
	return byID, byKey, nil
}
