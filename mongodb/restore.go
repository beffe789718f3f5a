package mongodb

import (
	"context"
	"fmt"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Restore implements xiaoqi.Restorer. It reads the stored documents the batch names first and
// refuses the batch when any is taken; then it writes the batch as Upsert writes inserts
// (logged, written, settled). Without transactions a batch is not atomic: a writer that takes
// one of its ids or keys between the check and the write fails the batch with ECONFLICT after
// the rest is written (xiaoqi copy writes into a store no one else writes to).
func (s *Store) Restore(ctx context.Context, docs []xiaoqi.Doc) ([]xiaoqi.WriteResult, error) {
	items, err := prepare(docs)
	if err != nil {
		return nil, err
	}
	named := map[string]int{} // kind, id or key → the item that names it
	for _, it := range items {
		if it.id == "" {
			return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID,
				Message: fmt.Sprintf("docs[%d]: 缺少编号 / has no id: a restored document keeps its id", it.i),
				Details: []xiaoqi.FieldError{{Field: fmt.Sprintf("docs[%d].id", it.i), Message: "必填 / required"}}}
		}
		names := []string{string(it.kind) + "\x00id\x00" + it.id}
		if it.key != "" {
			names = append(names, string(it.kind)+"\x00key\x00"+it.key)
		}
		for _, name := range names {
			if j, ok := named[name]; ok {
				return nil, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
					Message: fmt.Sprintf("docs[%[1]d]: 与 docs[%[2]d] 是同一%[4]s / names the same %[3]s as docs[%[2]d]", it.i, j, it.kind, xiaoqi.KindName(it.kind))}
			}
			named[name] = it.i
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ctx, cancel := writeContext(ctx)
	defer cancel()
	byID, byKey, err := s.load(ctx, items)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	plans := make([]plan, len(items))
	for i, it := range items {
		if byID[it.kind][it.id] != nil {
			return nil, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
				Message: fmt.Sprintf("docs[%[1]d]: %[4]s %[3]s 已存在 / %[2]s %[3]s exists already", it.i, it.kind, it.id, xiaoqi.KindName(it.kind))}
		}
		if err := keyConflict(it, it.id, byKey[it.kind]); err != nil {
			return nil, err
		}
		m := it.doc.Base()
		created := m.CreatedAt
		if created.IsZero() {
			created = now
		}
		updated := m.UpdatedAt
		if updated.IsZero() {
			updated = created
		}
		plans[i] = plan{it: it, id: it.id, version: max(it.version, 1), created: created, updated: updated}
	}
	results := make([]xiaoqi.WriteResult, len(docs))
	retry, err := s.apply(ctx, plans, results)
	if err != nil {
		return nil, err
	}
	if len(retry) > 0 {
		it := retry[0]
		return nil, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
			Message: fmt.Sprintf("docs[%[1]d]: %[4]s %[3]s 在写入时被其他写入者占用 / %[2]s %[3]s was taken by another writer meanwhile", it.i, it.kind, it.id, xiaoqi.KindName(it.kind))}
	}
	return results, nil
}
