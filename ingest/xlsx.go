package ingest

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/xiaoqi-dev/xiaoqi"
)

// workbook is an open XLSX file.
type workbook struct {
	f      *excelize.File
	sheets []string
	limits Limits
}

// maxXMLInMemory is the size above which excelize unpacks a worksheet to a temporary file
// instead of memory.
const maxXMLInMemory = 16 << 20

// checkZip reads the zip directory of an XLSX file and refuses it, before anything is
// unpacked, when it holds too many parts or unpacks to more than the limit. The sizes in the
// directory are binding: archive/zip fails a part that unpacks to more than it declares.
func checkZip(r io.ReaderAt, size int64, lim Limits) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "not a valid .xlsx file (%v) / 不是有效的 xlsx 文件", err)
	}
	if len(zr.File) > lim.MaxZipEntries {
		return tooLarge("max_zip_entries", int64(lim.MaxZipEntries), "the workbook has %d parts", len(zr.File))
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(lim.MaxUnzippedBytes) || f.UncompressedSize64 > uint64(lim.MaxUnzippedBytes) {
			return tooLarge("max_unzipped_bytes", lim.MaxUnzippedBytes,
				"the workbook unpacks to more than %d bytes (a zip bomb?) / 解压后过大", lim.MaxUnzippedBytes)
		}
	}
	return nil
}

// openWorkbook opens an XLSX file after checking its zip directory. With path set, excelize
// reads the file from disk; otherwise it reads r into memory.
func openWorkbook(r io.ReaderAt, size int64, path string, lim Limits, tmpDir string) (wb *workbook, err error) {
	defer recoverBadWorkbook(&err)
	if err := checkZip(r, size, lim); err != nil {
		return nil, err
	}
	opt := excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzippedBytes,
		UnzipXMLSizeLimit: min(maxXMLInMemory, lim.MaxUnzippedBytes),
		TmpDir:            tmpDir,
		CultureInfo:       excelize.CultureNameZhCN,
		ShortDatePattern:  "yyyy-mm-dd",
	}
	var f *excelize.File
	if path != "" {
		f, err = excelize.OpenFile(path, opt)
	} else {
		f, err = excelize.OpenReader(io.NewSectionReader(r, 0, size), opt)
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		if strings.Contains(err.Error(), "unzip size") {
			return nil, tooLarge("max_unzipped_bytes", lim.MaxUnzippedBytes, "the workbook unpacks to more than %d bytes / 解压后过大", lim.MaxUnzippedBytes)
		}
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, xiaoqi.Errorf(xiaoqi.EINVALID, "the workbook is encrypted or not an .xlsx file; save it without a password / 工作簿已加密或格式不支持")
		}
		return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "cannot read the workbook / 无法读取工作簿: " + err.Error(), Err: err}
	}
	wb = &workbook{f: f, limits: lim}
	for _, s := range f.GetSheetList() {
		if visible, err := f.GetSheetVisible(s); err == nil && !visible {
			continue // hidden sheets hold lookups and templates, not data
		}
		wb.sheets = append(wb.sheets, s)
	}
	if len(wb.sheets) == 0 {
		f.Close()
		return nil, xiaoqi.Errorf(xiaoqi.EINVALID, "the workbook has no visible sheet / 工作簿中没有可见的工作表")
	}
	return wb, nil
}

func (wb *workbook) close() error { return wb.f.Close() }

// findSheet resolves a sheet named by a user: its name (exact, then ignoring case and
// spaces) or its 1-based position.
func (wb *workbook) findSheet(name string) (string, error) {
	all := wb.f.GetSheetList()
	for _, s := range all {
		if s == name {
			return s, nil
		}
	}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }
	for _, s := range all {
		if norm(s) == norm(name) {
			return s, nil
		}
	}
	var n int
	if _, err := fmt.Sscanf(name, "%d", &n); err == nil && n >= 1 && n <= len(all) && fmt.Sprint(n) == strings.TrimSpace(name) {
		return all[n-1], nil
	}
	return "", xiaoqi.Errorf(xiaoqi.EINVALID, "no sheet %q in the workbook / 找不到工作表 (sheets: %s)", name, strings.Join(all, ", "))
}

func (wb *workbook) openSheet(name string) (rr rowReader, err error) {
	defer recoverBadWorkbook(&err)
	rows, err := wb.f.Rows(name)
	if err != nil {
		return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: fmt.Sprintf("cannot read sheet %q / 无法读取工作表", name), Err: err}
	}
	return &sheetReader{rows: rows, limits: wb.limits}, nil
}

// sheetReader streams the rows of one worksheet.
type sheetReader struct {
	rows   *excelize.Rows
	limits Limits
	num    int
}

func (s *sheetReader) Header() []string { return nil }
func (s *sheetReader) Close() error     { return s.rows.Close() }

// recoverBadWorkbook turns a panic of the spreadsheet library on a malformed file into an
// error, so that one bad upload cannot bring the service down.
func recoverBadWorkbook(err *error) {
	if v := recover(); v != nil {
		*err = &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "cannot read the workbook: it is malformed / 工作簿已损坏", Err: fmt.Errorf("excelize panic: %v", v)}
	}
}

func (s *sheetReader) Next() (row Row, err error) {
	defer recoverBadWorkbook(&err)
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return Row{}, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: fmt.Sprintf("cannot read the sheet after row %d / 工作表读取失败: %v", s.num, err), Err: err}
		}
		return Row{}, io.EOF
	}
	s.num++
	cells, err := s.rows.Columns()
	if err != nil {
		return Row{Num: s.num}, &rowError{Num: s.num, Msg: "cannot read this row: " + err.Error()}
	}
	if len(cells) > s.limits.MaxCells {
		return Row{}, tooLarge("max_cells", int64(s.limits.MaxCells), "row %d has %d cells / 第 %d 行单元格过多", s.num, len(cells), s.num)
	}
	n := 0
	for _, c := range cells {
		n += len(c)
	}
	if n > s.limits.MaxRowBytes {
		return Row{}, tooLarge("max_row_bytes", int64(s.limits.MaxRowBytes), "row %d holds %d bytes / 第 %d 行过长", s.num, n, s.num)
	}
	return Row{Num: s.num, Cells: cells}, nil
}
