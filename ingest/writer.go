package ingest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// writer takes batches of items to the store (or, in a dry run, asks the store what would
// happen) and keeps the report. It runs in the goroutine that called Import.
type writer struct {
	store xiaoqi.Store
	opt   *Options
	rep   *Report
	pass  pass
	start time.Time
	total int64
	rows  int
	ents  *enterprises
}

// write handles one batch: the store write first, then the report in row order.
func (w *writer) write(ctx context.Context, b *batch) error {
	var err error
	switch w.pass {
	case passWrite:
		err = w.upsert(ctx, b)
	case passPredict:
		err = w.predict(ctx, b)
	}
	if err != nil {
		return err
	}
	w.rep.addColumns(b.newCols)
	w.rep.Empty += b.empty
	for _, it := range b.items {
		if err := w.account(it); err != nil {
			return err
		}
	}
	if w.pass == passWrite && w.opt.Notify != nil && b.docs > 0 {
		w.opt.Notify()
	}
	w.rows += len(b.items) + b.empty
	if w.opt.Progress != nil {
		w.opt.Progress(w.progress(b))
	}
	return nil
}

// upsert writes the documents of a batch in one transaction. A document the store refuses
// (a natural key held by another document, a concurrent change) fails its row, and the rest
// of the batch is written again without it; in a strict import it stops the import.
func (w *writer) upsert(ctx context.Context, b *batch) error {
	var (
		docs   []xiaoqi.Doc
		owners []*item
	)
	if err := w.erased(ctx, b, nil); err != nil {
		return err
	}
	for _, it := range b.items {
		for _, d := range it.docs {
			docs, owners = append(docs, d), append(owners, it)
		}
	}
	for len(docs) > 0 {
		res, err := w.store.Upsert(ctx, docs)
		if err == nil {
			if err := w.erased(ctx, b, res); err != nil {
				return err
			}
			for i, r := range res {
				it := owners[i]
				if it.failed {
					continue // its person was erased as it was written
				}
				if docs[i] != it.docs[len(it.docs)-1] {
					if r.Created {
						w.rep.EnterprisesCreated++
					}
					continue
				}
				w.count(r.Created, r.Unchanged)
			}
			return w.follow(ctx, b)
		}
		i := failedDoc(err)
		if i >= 0 && i < len(docs) && xiaoqi.ErrorCode(err) == xiaoqi.ECONFLICT && owners[i].row0 != nil &&
			docs[i] == owners[i].docs[len(owners[i].docs)-1] && owners[i].tries < maxRechoose {
			if err := w.rechoose(ctx, owners[i]); err != nil {
				return err
			}
			continue
		}
		if i < 0 || i >= len(docs) || w.opt.Mode == ModeStrict {
			return fmt.Errorf("ingest: write rows %d–%d: %w", first(b), b.lastRow, err)
		}
		bad := owners[i]
		bad.failed = true
		msg := xiaoqi.ErrorMessage(err)
		if _, rest, ok := strings.Cut(msg, ": "); ok && docIndex.MatchString(msg) {
			msg = rest
		}
		bad.problems = append(bad.problems, Problem{Row: bad.row.Num, Level: LevelError, Message: "存储拒绝 / the store refused it: " + msg})
		for _, d := range bad.docs {
			if e, ok := d.(*xiaoqi.Enterprise); ok {
				w.ents.forget(e)
			}
		}
		keepDocs, keepOwners := docs[:0], owners[:0]
		for j, d := range docs {
			if owners[j] != bad {
				keepDocs, keepOwners = append(keepDocs, d), append(keepOwners, owners[j])
			}
		}
		docs, owners = keepDocs, keepOwners
		bad.docs = nil
	}
	return nil
}

// maxRechoose bounds the times a row's candidate takes the choices of her stored profile
// again because it changed before the row was written.
const maxRechoose = 5

// rechoose gives it, a row whose stored candidate changed between the import reading her and
// writing the row (the store refused the version read), her profile's choices and corrections
// as they are now, and its version: a profile she made private while a list was being
// imported became public again when its row was written. A candidate no longer stored takes
// none (what erased her is the erasures' to say).
func (w *writer) rechoose(ctx context.Context, it *item) error {
	it.tries++
	c := it.docs[len(it.docs)-1].(*xiaoqi.Candidate)
	old, err := stored(ctx, w.store, xiaoqi.KindCandidate, it.row0.ID, it.row0.NaturalKey())
	if err != nil {
		return err
	}
	*c = *it.row0
	if o, ok := old.(*xiaoqi.Candidate); ok {
		applyChoices(c, o)
	}
	return nil
}

// erased fails the rows of b whose person was erased at their request after the import read
// the erasures (Options.Erased), which it reads again first: before a batch is written (res
// nil), so that the row is not written; after (res the results of the documents still in
// the batch, in its order), so that one written as the erasure was made is taken out again.
// Erasing a candidate while a list that names her was imported brought her back, name and
// phone, from its later rows; the erasure records the person before it removes the profile,
// so that one of the two reads sees her.
func (w *writer) erased(ctx context.Context, b *batch, res []xiaoqi.WriteResult) error {
	if w.opt.Erased == nil || w.opt.Type != xiaoqi.KindCandidate {
		return nil
	}
	if err := w.opt.Erased.Refresh(ctx); err != nil {
		return fmt.Errorf("ingest: read the erasures: %w", err)
	}
	n := 0
	for _, it := range b.items {
		for _, d := range it.docs {
			var id string
			if res != nil {
				id, n = res[n].ID, n+1
			}
			c, ok := d.(*xiaoqi.Candidate)
			if !ok || it.failed || !w.opt.Erased.Erased(c) {
				continue
			}
			if id != "" {
				if _, err := w.store.Delete(ctx, xiaoqi.KindCandidate, id, 0); err != nil && xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
					return fmt.Errorf("ingest: row %d: take out a person erased as it was written: %w", it.row.Num, err)
				}
			}
			it.failed = true
			it.problems = append(it.problems, Problem{Row: it.row.Num, Field: "name", Level: LevelError, Message: erasedRow})
		}
		if res == nil && it.failed {
			it.docs = nil
		}
	}
	return nil
}

// follow gives the job needs or programs (and partnerships, candidates' education) of the
// enterprises and institutions a batch wrote the new name or place a row gave them: an office's
// list that gave its schools their districts left their programs at none, which a district
// filter then did not find, and a school renamed by its code kept its programs under the old
// name. The API's PUT does the same (xiaoqi.FollowOrg).
func (w *writer) follow(ctx context.Context, b *batch) error {
	for _, it := range b.items {
		if it.was == nil || it.failed || len(it.docs) == 0 {
			continue
		}
		if _, err := xiaoqi.FollowOrg(ctx, w.store, it.was, it.docs[len(it.docs)-1]); err != nil {
			return fmt.Errorf("ingest: row %d: carry the new name or place to what names it: %w", it.row.Num, err)
		}
	}
	return nil
}

func first(b *batch) int {
	if len(b.items) == 0 {
		return b.lastRow
	}
	return b.items[0].row.Num
}

// predict asks the store what writing the batch would do.
func (w *writer) predict(ctx context.Context, b *batch) error {
	for _, it := range b.items {
		if len(it.docs) == 0 {
			continue
		}
		d := it.docs[len(it.docs)-1]
		w.rep.EnterprisesCreated += len(it.docs) - 1
		old, err := stored(ctx, w.store, d.Kind(), d.Base().ID, d.NaturalKey())
		if err != nil {
			return err
		}
		if old == nil {
			w.count(true, false)
			continue
		}
		h1, err1 := xiaoqi.ContentHash(old)
		h2, err2 := xiaoqi.ContentHash(d)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("ingest: compare row %d: %v %v", it.row.Num, err1, err2)
		}
		w.count(false, h1 == h2)
	}
	return nil
}

func (w *writer) count(created, unchanged bool) {
	switch {
	case created:
		w.rep.Created++
		w.rep.Written++
	case unchanged:
		w.rep.Unchanged++
	default:
		w.rep.Updated++
		w.rep.Written++
	}
}

// account adds an item's outcome and problems to the report.
func (w *writer) account(it *item) error {
	if it.skipped {
		w.rep.Skipped++
		w.rep.ProblemCount += len(it.problems)
		for _, p := range it.problems {
			if len(w.rep.Problems) < w.opt.MaxProblems {
				w.rep.Problems = append(w.rep.Problems, p)
			}
			w.rep.countKind(p)
		}
		return nil // not in the downloadable report: nothing in it is to be fixed
	}
	w.rep.Read++
	if it.existing != "" && len(it.docs) > 0 {
		w.rep.addExisting(it.existing, it.adopted)
	}
	switch it.level() {
	case LevelError:
		w.rep.Invalid++
	case LevelDuplicate:
		w.rep.Duplicates++
	case LevelWarning:
		w.rep.Warnings++
	default:
		return nil
	}
	w.rep.ProblemCount += len(it.problems)
	for _, p := range it.problems {
		if len(w.rep.Problems) < w.opt.MaxProblems {
			w.rep.Problems = append(w.rep.Problems, p)
		}
		w.rep.countKind(p)
	}
	if w.opt.ReportCSV != nil {
		if err := w.opt.ReportCSV.row(it.row, it.level(), it.problems, it.person); err != nil {
			return fmt.Errorf("ingest: write report: %w", err)
		}
	}
	return nil
}

// progress reports how far the import has come after batch b.
func (w *writer) progress(b *batch) Progress {
	p := Progress{Pass: "import", Rows: w.rows, Written: w.rep.Written, Unchanged: w.rep.Unchanged, Invalid: w.rep.Invalid,
		Duplicates: w.rep.Duplicates, LastRow: b.lastRow, Bytes: b.bytes, Elapsed: time.Since(w.start)}
	if b.bytes > 0 {
		p.TotalBytes = w.total
	}
	if s := p.Elapsed.Seconds(); s > 0 {
		p.RowsPerSec = float64(p.Rows) / s
	}
	if p.TotalBytes > 0 && p.Bytes > 0 && p.Bytes < p.TotalBytes {
		p.ETA = time.Duration(float64(p.Elapsed) * float64(p.TotalBytes-p.Bytes) / float64(p.Bytes)).Round(time.Second)
	}
	return p
}
