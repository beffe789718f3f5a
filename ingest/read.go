package ingest

import (
	"errors"
	"io"

	"github.com/xiaoqi-dev/xiaoqi"
)

// RowFunc receives the rows of a file in order. A row that could not be read (a malformed
// CSV record or JSON object) comes with a non-nil err carrying its row number, and reading
// goes on; returning a non-nil error stops reading and is returned.
type RowFunc func(row Row, err error) error

// ReadCSV streams the rows of CSV (or tab- or semicolon-separated) text in encoding enc, empty
// to detect UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030 by itself. It returns the
// encoding used. Beyond a limit it fails with ETOOLARGE naming it.
func ReadCSV(r io.Reader, enc string, lim Limits, fn RowFunc) (string, error) {
	dec, err := newDecodedReader(r, enc)
	if err != nil {
		return "", err
	}
	cr, err := newCSVReader(dec, false, lim.withDefaults())
	if err != nil {
		return "", err
	}
	return dec.Encoding(), each(cr, fn)
}

// ReadJSON streams the objects of a JSON array (or of the first array in a JSON object), or
// with lines set, of JSON Lines, as rows whose cells follow Header.
func ReadJSON(r io.Reader, lines bool, lim Limits, fn func(header []string, row Row, err error) error) error {
	dec, err := newDecodedReader(r, "")
	if err != nil {
		return err
	}
	var rr rowReader = newJSONReader(dec, lim.withDefaults())
	if lines {
		rr = newJSONLReader(dec, lim.withDefaults())
	}
	return each(rr, func(row Row, err error) error { return fn(rr.Header(), row, err) })
}

// ReadXLSX streams the rows of one sheet of an XLSX workbook (the first visible sheet when
// sheet is empty), after refusing a workbook that unpacks beyond the limits.
func ReadXLSX(r io.ReaderAt, size int64, sheet string, lim Limits, fn RowFunc) error {
	wb, err := openWorkbook(r, size, "", "", lim.withDefaults(), "")
	if err != nil {
		return err
	}
	defer wb.close()
	name := wb.sheets[0]
	if sheet != "" {
		if name, err = wb.findSheet(sheet); err != nil {
			return err
		}
	}
	rr, err := wb.openSheet(name)
	if err != nil {
		return err
	}
	defer rr.Close()
	return each(rr, fn)
}

// Sheets lists the visible sheets of an XLSX workbook.
func Sheets(r io.ReaderAt, size int64, lim Limits) ([]string, error) {
	wb, err := openWorkbook(r, size, "", "", lim.withDefaults(), "")
	if err != nil {
		return nil, err
	}
	defer wb.close()
	return wb.sheets, nil
}

func each(rr rowReader, fn RowFunc) error {
	for {
		row, err := rr.Next()
		var re *rowError
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.As(err, &re):
			row.Num = re.Num
			if err := fn(row, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: re.Error()}); err != nil {
				return err
			}
			continue
		case err != nil:
			return err
		}
		if err := fn(row, nil); err != nil {
			return err
		}
	}
}
