package ingest

import (
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Inspect opens a file as Import would and reports what it finds before any row is
// imported: the format, the encoding, the sheet, the header row and how its columns map to
// fields. It fails as Import would on a file that cannot be imported at all: an unknown
// format, a workbook beyond the limits, no header row, a required column missing. A JSON
// file's columns are those of its first object.
func Inspect(path string, opt Options) (*Report, error) {
	if err := opt.check(path); err != nil {
		return nil, err
	}
	f, err := openImport(path, opt)
	if err != nil {
		return nil, err
	}
	defer f.close()
	s, res, of, t := f.s, f.res, f.of, f.t
	rep := &Report{Type: opt.Type, File: opt.FileName, Source: opt.Source, Mode: opt.Mode, Format: of.format,
		Sheet: t.sheet, OtherSheets: t.others, HeaderRow: t.header.row, Started: time.Now().UTC()}
	rs := &rows{s: s, res: res, cols: map[string]Column{}}
	cols := t.header.cols
	if of.format == FormatJSON || of.format == FormatJSONL {
		var err error
		if len(t.ahead) > 0 { // the first object, read by findTable
			err = t.ahead[0].err
		} else {
			_, err = t.rows.Next()
		}
		if err != nil && xiaoqiCode(err) != "" {
			return nil, err
		}
		cols = nil
		for j, k := range t.rows.Header() {
			cols = append(cols, Column{Index: j, Header: k, Field: res.resolve(k)})
		}
	}
	cols = rs.addColumns(cols)
	if err := checkRequired(s, cols, opt.Defaults); err != nil {
		return nil, err
	}
	// A limit already reached in the rows read with the header (a row of 1,500 cells, a row
	// without its closing quote): refused now, rather than by an import that writes the rows
	// before it and then stops.
	for _, a := range t.ahead {
		if xiaoqiCode(a.err) == xiaoqi.ETOOLARGE {
			return nil, a.err
		}
	}
	rep.addColumns(cols)
	rep.noteMapping(opt.Mapping)
	rep.Encoding = of.encoding()
	rep.Finished = time.Now().UTC()
	return rep, nil
}
