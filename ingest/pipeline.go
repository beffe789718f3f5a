package ingest

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// pass says what one reading of the file does with its rows.
type pass int

const (
	passCheck   pass = iota // validate only (the first pass of a strict import)
	passPredict             // validate and tell what a write would do (a dry run)
	passWrite               // write
)

// batch is the rows handed from the reading goroutine to the writing one.
type batch struct {
	items   []*item
	docs    int
	empty   int
	lastRow int
	bytes   int64
	newCols []Column // columns first seen in this batch (JSON keys)
}

// run reads the file once, in one of the passes, and fills rep.
func run(ctx context.Context, store xiaoqi.Store, path string, opt Options, rep *Report, p pass) (*Report, error) {
	f, err := openImport(path, opt)
	if err != nil {
		return nil, err
	}
	defer f.close()
	s, res, of, t := f.s, f.res, f.of, f.t
	rep.Format, rep.Sheet, rep.HeaderRow, rep.OtherSheets = of.format, t.sheet, t.header.row, t.others
	rs := &rows{ctx: ctx, store: store, opt: &opt, s: s, res: res, cols: map[string]Column{}, seed: maphash.MakeSeed(),
		seen: map[uint64]seenRow{}, ents: &enterprises{store: store, source: opt.Source, geo: opt.Geo, ids: map[string]string{}},
		insts: &directory{store: store, other: opt.InstitutionNames}}
	isJSON := of.format == FormatJSON || of.format == FormatJSONL
	if !isJSON {
		cols := rs.addColumns(t.header.cols)
		if err := checkRequired(s, cols, opt.Defaults); err != nil {
			return nil, err
		}
		rep.addColumns(cols)
		rep.noteMapping(opt.Mapping)
	}
	w := &writer{store: store, opt: &opt, rep: rep, pass: p, start: time.Now(), total: of.size, ents: rs.ents}
	if opt.ReportCSV != nil {
		var names []string
		for _, c := range t.header.cols {
			for len(names) < c.Index {
				names = append(names, ColumnLetter(len(names)))
			}
			names = append(names, c.Header)
		}
		for len(names) < t.header.width && !isJSON {
			names = append(names, ColumnLetter(len(names))) // an empty header cell at the end
		}
		if opt.HidePersonal && s.kind == xiaoqi.KindCandidate {
			opt.ReportCSV.hide, opt.ReportCSV.keep, opt.ReportCSV.hideAll, opt.ReportCSV.redact = map[int]bool{}, map[int]bool{}, true, true
			for _, c := range t.header.cols {
				opt.ReportCSV.hide[c.Index] = personalColumn(c)
				// The uploader's own key of a row (学号) is shown as it is: it is how they find the row.
				opt.ReportCSV.keep[c.Index] = c.Field == "external_id" || c.Field == "id"
			}
		}
		if err := opt.ReportCSV.begin(names, isJSON); err != nil {
			return nil, fmt.Errorf("ingest: write report: %w", err)
		}
	}

	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan *batch, 2)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		readErr <- rs.read(ctx, t, of, isJSON, batches)
	}()
	var werr error
	for b := range batches {
		if werr == nil {
			if werr = w.write(ctx, b); werr != nil {
				cancel()
			}
		}
	}
	rerr := <-readErr
	if opt.ReportCSV != nil {
		if err := opt.ReportCSV.Flush(); err != nil && werr == nil {
			werr = fmt.Errorf("ingest: write report: %w", err)
		}
	}
	rep.Encoding = of.encoding()
	rep.Finished = time.Now().UTC()
	switch {
	case parent.Err() != nil:
		rep.Stopped = "已取消 / cancelled"
		return rep, parent.Err()
	case werr != nil:
		rep.Stopped = xiaoqi.ErrorMessage(werr)
		return rep, werr
	case rerr != nil:
		rep.Stopped = xiaoqi.ErrorMessage(rerr)
		return rep, rerr
	}
	return rep, nil
}

// addColumns records the fields of new columns; a second column for a field that takes one
// value is reported and left out.
func (rs *rows) addColumns(cols []Column) []Column {
	// Of new columns for one field, one named as the field itself comes first: xiaoqi's own
	// export of candidates has "education" (records; an alias of degree) before "degree".
	own := map[string]int{}
	for i := range cols {
		cols[i].named = rs.res != nil && rs.res.named(cols[i].Header)
	}
	for i, c := range cols {
		if c.Field == "" || c.Field == Ignore || rs.s.field(c.Field).multi || normHeader(c.Header) != normHeader(c.Field) {
			continue
		}
		if _, taken := rs.cols[c.Field]; !taken {
			own[c.Field] = i
			rs.cols[c.Field] = c
		}
	}
	for i := range cols {
		c := &cols[i]
		for len(rs.fields) < c.Index {
			rs.fields, rs.headers = append(rs.fields, ""), append(rs.headers, "")
		}
		if j, ok := own[c.Field]; ok && j == i {
			rs.fields, rs.headers = append(rs.fields, c.Field), append(rs.headers, c.Header)
			continue
		}
		if c.Field != "" && c.Field != Ignore {
			if first, ok := rs.cols[c.Field]; ok && !rs.s.field(c.Field).multi {
				c.Note = fmt.Sprintf("列 %s「%s」已对应 %s，本列未导入 / column %s already fills %s: this one is not imported",
					first.Letter, first.Header, c.Field, first.Letter, c.Field)
				c.Field = Ignore
			} else if !ok {
				rs.cols[c.Field] = *c
			}
		}
		if f, ok := rs.s.private[normHeader(c.Header)]; ok && c.Field == "note" && !c.named {
			// An institution list's 备注: 民办 is read from it, not its other text.
			c.Note = fmt.Sprintf("备注只读取“民办”；其他内容可能是内部信息，默认不导入公开的%[1]s；如需导入，请用 --mapping 映射，如 {%[2]q: %[3]q} / "+
				"only 民办 is read from the notes, which may be internal: their other text is not imported into the public %[3]s; to import it, map the column with --mapping, e.g. {%[2]q: %[3]q}",
				rs.s.field(f).label, c.Header, f)
		} else if ok && c.Field == "" {
			c.Note = fmt.Sprintf("备注可能含内部信息（联系人、内部安排），默认不导入公开的%[1]s；如需导入，请用 --mapping 映射，如 {%[2]q: %[3]q} / "+
				"notes may be internal (contacts, plans): not imported into the public %[3]s; to import them, map the column with --mapping, e.g. {%[2]q: %[3]q}",
				rs.s.field(f).label, c.Header, f)
		} else if IDNumberColumn(*c) {
			// "未知列…可用映射文件指定" invited mapping it: an ID number is never stored.
			c.Note = "不导入身份证号：xiaoqi 不保存证件号码 / ID numbers are not imported: xiaoqi does not keep them"
		} else if c.Field == "" {
			c.Note = "未知列，未导入；可用映射文件指定 / unknown column, not imported: name its field with a mapping"
		}
		rs.fields, rs.headers = append(rs.fields, c.Field), append(rs.headers, c.Header)
	}
	return cols
}

func (r *Report) addColumns(cols []Column) {
	for _, c := range cols {
		r.Columns = append(r.Columns, c)
		if c.Field == "" {
			r.Unknown = append(r.Unknown, c)
		}
	}
	r.BetterType = betterType(r.Type, r.Columns)
}

// maxBatchAge is how long the reader fills one batch before it hands it on however few rows
// it holds. Progress is reported as batches are written: rows that each read the store (a
// re-import adopting its postings, on FerretDB) took minutes to fill a batch of 1,000, and the
// job's progress stayed at 0 rows and 0 bytes meanwhile.
const maxBatchAge = time.Second

// read reads the rows of t into batches until the end of the file or an error.
func (rs *rows) read(ctx context.Context, t *table, of *openedFile, isJSON bool, out chan<- *batch) error {
	b := &batch{}
	began := time.Now()
	send := func() error {
		if of.read != nil {
			b.bytes = of.read.Load()
		}
		select {
		case out <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
		b, began = &batch{}, time.Now()
		return nil
	}
	checked := !isJSON
	next := func() (Row, error) {
		if len(t.ahead) > 0 {
			r := t.ahead[0]
			t.ahead = t.ahead[1:]
			return r.row, r.err
		}
		return t.rows.Next()
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		row, err := next()
		var re *rowError
		switch {
		case errors.Is(err, io.EOF):
			return send()
		case errors.As(err, &re):
			b.items = append(b.items, &item{row: Row{Num: re.Num, Cells: row.Cells, Raw: re.Raw}, failed: true,
				problems: []Problem{{Row: re.Num, Level: LevelError, Message: re.Msg}}})
			b.lastRow = re.Num
			continue
		case err != nil:
			// The rows before the one that cannot be read are written and reported.
			if serr := send(); serr != nil {
				return serr
			}
			return err
		}
		if isJSON {
			if keys := t.rows.Header(); len(keys) > len(rs.fields) {
				var cols []Column
				for j := len(rs.fields); j < len(keys); j++ {
					cols = append(cols, Column{Index: j, Header: keys[j], Field: rs.res.resolve(keys[j])})
				}
				b.newCols = append(b.newCols, rs.addColumns(cols)...)
			}
			if !checked {
				checked = true
				if err := checkRequired(rs.s, b.newCols, rs.opt.Defaults); err != nil {
					return err
				}
			}
		}
		it, err := rs.item(row)
		if err != nil {
			return err
		}
		b.lastRow = row.Num
		if it == nil {
			b.empty++
			continue
		}
		b.items = append(b.items, it)
		b.docs += len(it.docs)
		if b.docs >= rs.opt.BatchSize || len(b.items) >= 4*rs.opt.BatchSize || time.Since(began) >= maxBatchAge {
			if err := send(); err != nil {
				return err
			}
		}
	}
}

// docIndex finds the failing document in a store error: "docs[3]: …" or a detail "docs[3].title".
var docIndex = regexp.MustCompile(`^docs\[(\d+)\]`)

func failedDoc(err error) int {
	var e *xiaoqi.Error
	if !errors.As(err, &e) || (e.Code != xiaoqi.EINVALID && e.Code != xiaoqi.ECONFLICT) {
		return -1
	}
	candidates := []string{e.Message}
	for _, d := range e.Details {
		candidates = append(candidates, d.Field)
	}
	for _, c := range candidates {
		if m := docIndex.FindStringSubmatch(c); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
	}
	return -1
}

// IDNumberColumn reports whether c is a column of ID numbers (身份证号, 证件号码, ID number)
// that no field takes: none is ever stored, which its Note says.
func IDNumberColumn(c Column) bool {
	return c.Field == "" && idNumberHeader(c.Header)
}

// PrivateNote reports whether c is a column of an office's own notes (备注), left out of
// public text: its Note says why and how to import it.
func PrivateNote(c Column) bool {
	return c.Field == "" && strings.HasPrefix(c.Note, "备注可能含内部信息")
}
