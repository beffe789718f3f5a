package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/xiaoqi-dev/xiaoqi"
)

// File formats.
const (
	FormatCSV   = "csv"
	FormatXLSX  = "xlsx"
	FormatJSON  = "json"
	FormatJSONL = "jsonl"
)

// Limits bound what one file may make the importer hold or unpack. Beyond them the import
// fails with ETOOLARGE naming the limit. Zero values select the defaults.
type Limits struct {
	// MaxRowBytes caps one row (one CSV record, one JSON object, one sheet row); default 1 MiB.
	// In a workbook it also caps, before anything is read, one cell or shared text, any run
	// of text or spaces between two tags and any tag of the parts the spreadsheet library
	// reads, so that no part makes it hold more.
	MaxRowBytes int
	// MaxCells caps the cells (columns) of one row; default 1,000.
	MaxCells int
	// MaxUnzippedBytes caps what an XLSX file unpacks to, read from the zip directory before
	// anything is unpacked (a zip bomb is refused); default 512 MiB.
	MaxUnzippedBytes int64
	// MaxZipEntries caps the number of parts of an XLSX file; default 10,000.
	MaxZipEntries int
	// MaxSharedStrings caps the distinct texts of an XLSX file (its shared strings table),
	// which the spreadsheet library indexes in memory; default 1,000,000.
	MaxSharedStrings int
}

// Default limits.
const (
	DefaultMaxRowBytes      = 1 << 20
	DefaultMaxCells         = 1000
	DefaultMaxUnzippedBytes = 512 << 20
	DefaultMaxZipEntries    = 10000
	DefaultMaxSharedStrings = 1_000_000
)

func (l Limits) withDefaults() Limits {
	if l.MaxRowBytes <= 0 {
		l.MaxRowBytes = DefaultMaxRowBytes
	}
	if l.MaxCells <= 0 {
		l.MaxCells = DefaultMaxCells
	}
	if l.MaxUnzippedBytes <= 0 {
		l.MaxUnzippedBytes = DefaultMaxUnzippedBytes
	}
	if l.MaxZipEntries <= 0 {
		l.MaxZipEntries = DefaultMaxZipEntries
	}
	if l.MaxSharedStrings <= 0 {
		l.MaxSharedStrings = DefaultMaxSharedStrings
	}
	return l
}

// tooLarge returns the ETOOLARGE error of a limit, naming it as the flag and the API do.
func tooLarge(limit string, max int64, format string, args ...any) error {
	zh, en := xiaoqi.Halves(fmt.Sprintf(format, args...))
	return &xiaoqi.Error{Code: xiaoqi.ETOOLARGE,
		Message: fmt.Sprintf("超出限制：%[1]s（上限 %[3]s = %[4]d） / %[2]s (limit %[3]s = %[4]d)", zh, en, limit, max),
		Details: []xiaoqi.FieldError{{Field: limit, Message: fmt.Sprintf("最多 %[1]d / at most %[1]d", max)}}}
}

// Row is one row of a file as its user sees it.
type Row struct {
	// Num is the row number as the user sees it: the spreadsheet row (1 is the first row),
	// the CSV record, the position of the object in a JSON array (1-based), the JSONL line.
	Num int
	// Cells holds the values in column order; for JSON, in the order of the keys seen so far.
	Cells []string
	// Raw is the original text of a JSON row, shown in the error report.
	Raw string
	// kinds says what each value of a JSON row was (nil for other rows).
	kinds []valueKind
	// formulas are the cells of a worksheet row with a formula and no saved result, which
	// read as empty (nil for other rows).
	formulas []formulaCell
}

// rowReader reads the rows of one table. Next returns io.EOF at the end, a *rowError for a
// row that cannot be read but after which reading can go on, and any other error when the
// file cannot be read further.
type rowReader interface {
	Next() (Row, error)
	// Header returns the keys of a self-describing format (JSON), nil for tables whose header
	// is a row like any other.
	Header() []string
	Close() error
}

// rowError is a row that could not be read: a malformed CSV record or JSON object.
type rowError struct {
	Num int
	Msg string
	Raw string
}

func (e *rowError) Error() string { return fmt.Sprintf("row %d: %s", e.Num, e.Msg) }

// DetectFormat names the format of a file from its first bytes and, failing that, its name:
// "xlsx", "csv", "json" or "jsonl". Old binary Excel (.xls) and WPS (.et) files are refused
// with advice.
func DetectFormat(name string, head []byte) (string, error) {
	return detectFormat(name, filepath.Base(name), head)
}

// detectFormat is DetectFormat for the file at path, named display in messages: the user's
// name for it, not that of the server's copy of an upload.
func detectFormat(path, display string, head []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return FormatXLSX, nil
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		return "", xiaoqi.Errorf(xiaoqi.EINVALID, "%[1]s 是旧版 Excel（.xls/.et）或加密的工作簿，请另存为 .xlsx （Excel 2007 及以上）或 CSV 后再导入 / "+
			"%[1]s is an old binary Excel (.xls/.et) or encrypted workbook: save it as .xlsx (Excel 2007+) or CSV and import that", display)
	case webTable(head):
		return "", xiaoqi.Errorf(xiaoqi.EINVALID, "%[1]s 是网页（HTML）或 XML 表格，不是 Excel 工作簿（网站导出的 .xls 常是这样），请用 Excel 或 WPS 打开后另存为 .xlsx 或 CSV 再导入 / "+
			"%[1]s is a web page (HTML) or XML table, not a workbook (as the .xls files web systems export often are): open it in Excel or WPS, save it as .xlsx or CSV and import that", display)
	}
	switch ext {
	case ".xlsx", ".xlsm":
		return "", xiaoqi.Errorf(xiaoqi.EINVALID, "%[1]s 不是有效的 .xlsx 文件（不是 zip 压缩包） / %[1]s is not a valid .xlsx workbook (not a zip archive)", display)
	case ".csv", ".tsv", ".txt":
		return FormatCSV, nil
	case ".json":
		return FormatJSON, nil
	case ".jsonl", ".ndjson":
		return FormatJSONL, nil
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case bytes.HasPrefix(t, []byte("[")):
		return FormatJSON, nil
	case bytes.HasPrefix(t, []byte("{")):
		// Objects one per line are JSONL; one object, over one line or several, is a JSON
		// document such as {"data": […]}.
		line, rest, ok := bytes.Cut(t, []byte("\n"))
		if ok && bytes.HasSuffix(bytes.TrimSpace(line), []byte("}")) && bytes.HasPrefix(bytes.TrimSpace(rest), []byte("{")) {
			return FormatJSONL, nil
		}
		return FormatJSON, nil
	}
	return FormatCSV, nil
}

// webTable reports whether head begins an HTML page or table, or an Excel 2003 XML
// spreadsheet: what web systems export under the name .xls.
func webTable(head []byte) bool {
	t := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	for _, p := range []string{"<html", "<!doctype html", "<table", "<meta", "<head", "<body"} {
		if bytes.HasPrefix(t, []byte(p)) {
			return true
		}
	}
	return bytes.HasPrefix(t, []byte("<?xml")) && (bytes.Contains(t, []byte("excel.sheet")) || bytes.Contains(t, []byte("<html")) ||
		bytes.Contains(t, []byte("urn:schemas-microsoft-com:office:spreadsheet")))
}

// ParseFormat checks a format named by a user ("xlsx", "csv", "tsv", "json", "jsonl"); "" means detect.
func ParseFormat(s string) (string, error) {
	switch t := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), ".")); t {
	case "":
		return "", nil
	case "csv", "tsv", "txt":
		return FormatCSV, nil
	case "xlsx", "xlsm":
		return FormatXLSX, nil
	case "json":
		return FormatJSON, nil
	case "jsonl", "ndjson":
		return FormatJSONL, nil
	}
	return "", xiaoqi.Errorf(xiaoqi.EINVALID, "不支持的格式 %[1]q（可选：xlsx、csv、json、jsonl） / unknown format %[1]q (one of xlsx, csv, json, jsonl)", s)
}

// countingReader counts the bytes read through it, for progress and ETA.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// openedFile is a file opened for import: its rows, and what was learned opening it.
type openedFile struct {
	format   string
	encoding func() string
	size     int64
	read     *atomic.Int64 // bytes read so far, for progress (nil for XLSX)
	sheets   []string      // XLSX: the visible sheets of the workbook
	// findSheet resolves a sheet named by a user (XLSX only).
	findSheet func(name string) (string, error)
	// open returns the rows of a table: a sheet of a workbook, or the whole file.
	open  func(sheet string) (rowReader, error)
	close func() error
}

// openFile opens path for reading in format (detected when empty). name is the file's name
// as its user knows it, for messages.
func openFile(path, name, format, enc string, lim Limits, tmpDir string) (*openedFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("ingest: %w", err)
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if format == "" {
		if format, err = detectFormat(path, name, head); err != nil {
			f.Close()
			return nil, err
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("ingest: %w", err)
	}
	if format == FormatXLSX {
		wb, err := openWorkbook(f, fi.Size(), path, name, lim, tmpDir)
		f.Close() // excelize keeps what it needs
		if err != nil {
			return nil, err
		}
		return &openedFile{format: format, encoding: func() string { return "" }, size: fi.Size(), sheets: wb.sheets,
			findSheet: wb.findSheet, open: wb.openSheet, close: wb.close}, nil
	}
	read := &atomic.Int64{}
	dec, err := newDecodedReader(countingReader{r: f, n: read}, enc)
	if err != nil {
		f.Close()
		return nil, err
	}
	of := &openedFile{format: format, encoding: dec.Encoding, size: fi.Size(), read: read, close: f.Close}
	used := false
	of.open = func(string) (rowReader, error) {
		if used {
			return nil, fmt.Errorf("ingest: %s opened twice", path)
		}
		used = true
		switch format {
		case FormatJSON:
			return newJSONReader(dec, lim), nil
		case FormatJSONL:
			return newJSONLReader(dec, lim), nil
		}
		return newCSVReader(dec, strings.ToLower(filepath.Ext(path)) == ".tsv", lim)
	}
	return of, nil
}

// xiaoqiCode returns the code of a *xiaoqi.Error in err's chain, "" for other errors (a row
// error, the end of the file).
func xiaoqiCode(err error) string {
	var e *xiaoqi.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}
