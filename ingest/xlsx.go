package ingest

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/xiaoqi-dev/xiaoqi"
)

// workbook is an open XLSX file.
type workbook struct {
	f      *excelize.File
	sheets []string
	limits Limits
	// merges are the merged ranges of each sheet, by name, sorted by their top row.
	merges map[string][]mergeRange
	// formulas are the cells of each sheet with a formula and no saved result, in order.
	formulas map[string][]formulaCell
}

// Memory the spreadsheet library may hold. A worksheet or the shared strings table stays in
// memory up to maxXMLInMemory bytes, while all of them together stay under xmlMemBudget;
// larger ones are unpacked to a temporary file and streamed from it.
const (
	maxXMLInMemory = 16 << 20
	xmlMemBudget   = 64 << 20
	// sharedInMemory is the number of shared strings above which the table is kept in a
	// temporary file; sharedStringCost is what excelize spends on each in memory (measured:
	// 90 MB for 200,000).
	sharedInMemory   = 100_000
	sharedStringCost = 450
)

// checkZip reads the zip directory of an XLSX file and refuses it, before anything is
// unpacked, when it holds too many parts or unpacks to more than the limit. The sizes in the
// directory are binding: archive/zip fails a part that unpacks to more than it declares.
func checkZip(r io.ReaderAt, size int64, name string, lim Limits) (*zip.Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		zh, en := name, name
		if name == "" {
			zh, en = "该文件", "the file"
		}
		return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: fmt.Sprintf("%s 不是有效的 .xlsx 文件（%v） / %s is not a valid .xlsx workbook (%v)", zh, err, en, err), Err: err}
	}
	if len(zr.File) > lim.MaxZipEntries {
		return nil, tooLarge("max_zip_entries", int64(lim.MaxZipEntries), "工作簿有 %[1]d 个部件 / the workbook has %[1]d parts", len(zr.File))
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(lim.MaxUnzippedBytes) || f.UncompressedSize64 > uint64(lim.MaxUnzippedBytes) {
			return nil, tooLarge("max_unzipped_bytes", lim.MaxUnzippedBytes,
				"解压后超过 %[1]d 字节（是否为压缩炸弹？） / the workbook unpacks to more than %[1]d bytes (a zip bomb?)", lim.MaxUnzippedBytes)
		}
	}
	return zr, nil
}

// openWorkbook opens an XLSX file after checking its zip directory and scanning the parts
// the spreadsheet library reads (planWorkbook). It gives the library those parts only. With
// path set, and no part to leave out, excelize reads the file from disk; otherwise it reads
// r. name is the file's name as its user knows it, "" when unknown.
func openWorkbook(r io.ReaderAt, size int64, path, name string, lim Limits, tmpDir string) (wb *workbook, err error) {
	defer recoverBadWorkbook(&err)
	zr, err := checkZip(r, size, name, lim)
	if err != nil {
		return nil, err
	}
	plan, err := planWorkbook(zr, lim)
	if err != nil {
		return nil, err
	}
	opt := excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzippedBytes,
		UnzipXMLSizeLimit: min(plan.xmlLimit, lim.MaxUnzippedBytes),
		TmpDir:            tmpDir,
		CultureInfo:       excelize.CultureNameZhCN,
		ShortDatePattern:  "yyyy-mm-dd",
	}
	var f *excelize.File
	switch {
	case len(plan.keep) < len(zr.File) || plan.styles != nil:
		// The parts excelize needs, copied as they are packed, without the others (pictures,
		// calculation chain, document properties …), which it would hold in memory.
		var tmp *os.File
		if tmp, err = os.CreateTemp(tmpDir, "xiaoqi-xlsx-*.xlsx"); err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
		defer os.Remove(tmp.Name())
		err = copyParts(tmp, plan.keep, plan.stylesPart, plan.styles)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "无法读取工作簿 / cannot read the workbook: " + err.Error(), Err: err}
		}
		f, err = excelize.OpenFile(tmp.Name(), opt) // excelize reads it into memory at once
	case path != "":
		f, err = excelize.OpenFile(path, opt)
	default:
		f, err = excelize.OpenReader(io.NewSectionReader(r, 0, size), opt)
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		if strings.Contains(err.Error(), "unzip size") {
			return nil, tooLarge("max_unzipped_bytes", lim.MaxUnzippedBytes, "解压后超过 %[1]d 字节 / the workbook unpacks to more than %[1]d bytes", lim.MaxUnzippedBytes)
		}
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, xiaoqi.Errorf(xiaoqi.EINVALID, "工作簿已加密或格式不支持 / the workbook is encrypted or not an .xlsx file; save it without a password")
		}
		return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "无法读取工作簿 / cannot read the workbook: " + err.Error(), Err: err}
	}
	wb = &workbook{f: f, limits: lim, merges: plan.merges, formulas: plan.formulas}
	for _, s := range f.GetSheetList() {
		if visible, err := f.GetSheetVisible(s); err == nil && !visible {
			continue // hidden sheets hold lookups and templates, not data
		}
		wb.sheets = append(wb.sheets, s)
	}
	if len(wb.sheets) == 0 {
		f.Close()
		return nil, xiaoqi.Errorf(xiaoqi.EINVALID, "工作簿中没有可见的工作表 / the workbook has no visible sheet")
	}
	return wb, nil
}

// copyParts writes a zip archive of parts, copied packed, with the text of the part replace
// replaced by with.
func copyParts(w io.Writer, parts []*zip.File, replace *zip.File, with []byte) error {
	zw := zip.NewWriter(w)
	for _, p := range parts {
		if p == replace {
			pw, err := zw.CreateHeader(&zip.FileHeader{Name: p.Name, Method: zip.Deflate, Modified: p.Modified})
			if err != nil {
				return err
			}
			if _, err := pw.Write(with); err != nil {
				return err
			}
			continue
		}
		fh := p.FileHeader
		pw, err := zw.CreateRaw(&fh)
		if err != nil {
			return err
		}
		raw, err := p.OpenRaw()
		if err != nil {
			return err
		}
		if _, err := io.Copy(pw, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}

// workbookPlan is what excelize is given of a workbook: the parts it needs, and the size
// above which it unpacks a worksheet or the shared strings to a temporary file.
type workbookPlan struct {
	keep     []*zip.File
	xmlLimit int64
	// merges are the merged ranges of each worksheet, by sheet name.
	merges map[string][]mergeRange
	// formulas are the cells with a formula and no saved result, by sheet name.
	formulas map[string][]formulaCell
	// styles replaces the style sheet stylesPart, so that date and money formats show the
	// value of a cell (readValues); nil to keep it.
	styles     []byte
	stylesPart *zip.File
}

// Relationship types (their last part: the transitional and the strict namespaces differ
// before it).
const (
	relOfficeDocument = "/officeDocument"
	relWorksheet      = "/worksheet"
)

// otherSheets are the relationship types of the sheets that hold no cells; excelize lists
// them and parses them whole.
var otherSheets = []string{"/chartsheet", "/dialogsheet", "/xlMacrosheet", "/xlIntlMacrosheet"}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Sheets []struct {
		Name  string     `xml:"name,attr"`
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"sheets>sheet"`
}

// planWorkbook finds the parts of a workbook that excelize reads to list its sheets and read
// their cells (content types, relationships, workbook, styles, shared strings, sheets), and
// scans each of them in constant memory (partScan), refusing a workbook that would make
// excelize hold more than the limits allow: a run of text or a row longer than
// MaxRowBytes, too many shared strings, a part it parses whole that is too large.
func planWorkbook(zr *zip.Reader, lim Limits) (*workbookPlan, error) {
	files, lower := map[string]*zip.File{}, map[string]*zip.File{}
	for _, f := range zr.File {
		n := strings.ReplaceAll(f.Name, `\`, "/")
		files[n], lower[strings.ToLower(n)] = f, f
	}
	plan := &workbookPlan{merges: map[string][]mergeRange{}, formulas: map[string][]formulaCell{}}
	kept := map[*zip.File]bool{}
	var inMemory int64 // bytes excelize holds in memory whatever the limit
	// meta scans a part excelize parses whole and returns its text when want is set.
	meta := func(f *zip.File, where string, want bool) ([]byte, error) {
		if f == nil || kept[f] {
			return nil, nil
		}
		kept[f] = true
		plan.keep = append(plan.keep, f)
		if f.UncompressedSize64 > maxPartBytes {
			return nil, tooLarge("max_part_bytes", maxPartBytes, "工作簿结构过于复杂：%[1]s 解压后有 %[2]d 字节 / %[1]s unpacks to %[2]d bytes", where, f.UncompressedSize64)
		}
		inMemory += int64(f.UncompressedSize64)
		var buf bytes.Buffer
		var w io.Writer = io.Discard
		if want {
			w = &buf
		}
		err := scanZipPart(f, &partScan{mode: scanMeta, where: where, lim: lim}, w)
		return buf.Bytes(), err
	}
	if _, err := meta(lower["[content_types].xml"], "[Content_Types].xml", false); err != nil {
		return nil, err
	}
	var rels xmlRels
	if err := decodePart(meta(files["_rels/.rels"], "_rels/.rels", true))(&rels); err != nil {
		return nil, err
	}
	wbPath := ""
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, relOfficeDocument) {
			wbPath = strings.TrimPrefix(strings.ReplaceAll(r.Target, `\`, "/"), "/")
			break
		}
	}
	var book xmlWorkbook
	if err := decodePart(meta(files[wbPath], wbPath, true))(&book); err != nil {
		return nil, err
	}
	relsPath := path.Dir(wbPath) + "/_rels/" + path.Base(wbPath) + ".rels"
	if path.Dir(wbPath) == "." {
		relsPath = "_rels/" + path.Base(wbPath) + ".rels"
	}
	var bookRels xmlRels
	if err := decodePart(meta(files[strings.TrimPrefix(relsPath, "/")], relsPath, true))(&bookRels); err != nil {
		return nil, err
	}
	if f := files["xl/styles.xml"]; f != nil {
		text, err := meta(f, "xl/styles.xml", true)
		if err != nil {
			return nil, err
		}
		if plan.styles = readValues(text); plan.styles != nil {
			plan.stylesPart = f
		}
	}

	// The shared strings, before the sheets that refer to them.
	shared := &sharedLengths{}
	var sst *zip.File
	if sst = lower["xl/sharedstrings.xml"]; sst != nil {
		kept[sst] = true
		plan.keep = append(plan.keep, sst)
		if err := scanZipPart(sst, &partScan{mode: scanStrings, where: "the shared strings table (xl/sharedStrings.xml)", lim: lim, strings: shared}, io.Discard); err != nil {
			return nil, err
		}
	}

	names := map[string]string{} // relationship id → sheet name
	for _, sh := range book.Sheets {
		for _, a := range sh.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				names[a.Value] = sh.Name
			}
		}
	}
	var streamed []*zip.File // worksheets excelize may unpack to a temporary file
	for _, r := range bookRels.Rels {
		target := strings.ReplaceAll(r.Target, `\`, "/")
		p := strings.TrimPrefix(path.Clean(path.Dir(wbPath)+"/"+target), "/")
		if strings.HasPrefix(target, "/") {
			p = strings.TrimPrefix(path.Clean(target), "/")
		}
		f := files[p]
		where := p
		if name := names[r.ID]; name != "" {
			where = fmt.Sprintf("sheet %q (%s)", name, p)
		}
		switch {
		case f == nil || kept[f]:
		case strings.HasSuffix(r.Type, relWorksheet):
			kept[f] = true
			plan.keep = append(plan.keep, f)
			if strings.HasPrefix(strings.ToLower(p), "xl/worksheets/sheet") {
				streamed = append(streamed, f)
			} else if f.UncompressedSize64 > maxPartBytes {
				// excelize unpacks only xl/worksheets/sheet… to temporary files.
				return nil, tooLarge("max_part_bytes", maxPartBytes, "工作簿结构过于复杂：%[1]s 解压后有 %[2]d 字节（在 xl/worksheets/ 之外） / %[1]s unpacks to %[2]d bytes outside xl/worksheets/", where, f.UncompressedSize64)
			} else {
				inMemory += int64(f.UncompressedSize64)
			}
			var merges []mergeRange
			var formulas []formulaCell
			scan := &partScan{mode: scanSheet, where: where, lim: lim, strings: shared, merges: &merges, fs: formulaScan{cells: &formulas}}
			if err := scanZipPart(f, scan, io.Discard); err != nil {
				return nil, err
			}
			if name := names[r.ID]; name != "" && len(merges) > 0 {
				slices.SortFunc(merges, func(a, b mergeRange) int { return cmp.Compare(a.top, b.top) })
				plan.merges[name] = merges
			}
			if name := names[r.ID]; name != "" && len(formulas) > 0 {
				slices.SortStableFunc(formulas, func(a, b formulaCell) int { return cmp.Compare(a.row, b.row) })
				plan.formulas[name] = formulas
			}
		case slices.ContainsFunc(otherSheets, func(t string) bool { return strings.HasSuffix(r.Type, t) }):
			if _, err := meta(f, where, false); err != nil {
				return nil, err
			}
		}
	}
	plan.xmlLimit = xmlLimit(streamed, sst, len(shared.n), inMemory)
	return plan, nil
}

// xmlLimit chooses the size above which excelize unpacks a worksheet or the shared strings to
// a temporary file, so that what it holds in memory (inMemory, and the parts below the
// limit) stays under xmlMemBudget. The shared strings cost excelize sharedStringCost bytes
// each in memory; beyond sharedInMemory of them, they are not held at all.
func xmlLimit(sheets []*zip.File, sst *zip.File, shared int, inMemory int64) int64 {
	type part struct{ size, cost int64 }
	var parts []part
	for _, f := range sheets {
		parts = append(parts, part{int64(f.UncompressedSize64), int64(f.UncompressedSize64)})
	}
	ceiling := int64(maxXMLInMemory)
	if sst != nil {
		n := int64(sst.UncompressedSize64)
		if shared > sharedInMemory {
			ceiling = min(ceiling, n-1)
		} else {
			parts = append(parts, part{n, max(n, int64(shared)*sharedStringCost)})
		}
	}
	slices.SortFunc(parts, func(a, b part) int { return cmp.Compare(a.size, b.size) })
	limit, sum := int64(0), inMemory
	for _, p := range parts {
		if p.size > ceiling || sum+p.cost > xmlMemBudget {
			if limit == p.size {
				limit-- // the parts of this size before it do not stay either
			}
			break
		}
		sum, limit = sum+p.cost, p.size
	}
	return max(limit, 1)
}

// scanZipPart unpacks a part through a scan, copying it to w.
func scanZipPart(f *zip.File, s *partScan, w io.Writer) error {
	rc, err := f.Open()
	if err != nil {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "工作簿已损坏：无法解压 %[1]s（%[2]v） / cannot unpack %[1]s (%[2]v): the workbook is damaged", s.where, err)
	}
	defer rc.Close()
	return scanPart(io.TeeReader(rc, w), s)
}

// decodePart returns a function that decodes the text of a part read by meta, or passes on
// its error.
func decodePart(data []byte, err error) func(v any) error {
	return func(v any) error {
		if err != nil || len(data) == 0 {
			return err
		}
		d := xml.NewDecoder(bytes.NewReader(data))
		// These parts are UTF-8 or ASCII whatever they declare; what is not is refused.
		d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
		if err := d.Decode(v); err != nil {
			return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "工作簿已损坏 ( / cannot read the workbook: it is malformed" + err.Error() + ")", Err: err}
		}
		return nil
	}
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
	return "", xiaoqi.Errorf(xiaoqi.EINVALID, "找不到工作表 %[1]q（现有：%[2]s） / no sheet %[1]q in the workbook (sheets: %[2]s)", name, strings.Join(all, ", "))
}

func (wb *workbook) openSheet(name string) (rr rowReader, err error) {
	defer recoverBadWorkbook(&err)
	rows, err := wb.f.Rows(name)
	if err != nil {
		return nil, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: fmt.Sprintf("无法读取工作表 %[1]q / cannot read sheet %[1]q", name), Err: err}
	}
	return &sheetReader{rows: rows, limits: wb.limits, merges: wb.merges[name], formulas: wb.formulas[name]}, nil
}

// sheetReader streams the rows of one worksheet.
type sheetReader struct {
	rows   *excelize.Rows
	limits Limits
	num    int
	// merges are the sheet's merged ranges not yet reached, sorted by their top row;
	// active those that cover the current row, with the value of their top-left cell.
	merges []mergeRange
	active []activeMerge
	// formulas are the sheet's cells with a formula and no saved result not yet reached.
	formulas []formulaCell
}

// activeMerge is a merged range being filled in, and the value it shows.
type activeMerge struct {
	mergeRange
	val string
}

// fill gives every cell of a merged range the value of its top-left cell, as Excel shows
// it: a company name merged over C4:C6 counts for rows 5 and 6 too.
func (s *sheetReader) fill(cells []string) []string {
	keep := s.active[:0]
	for _, a := range s.active {
		if a.bottom >= s.num {
			keep = append(keep, a)
		}
	}
	s.active = keep
	for len(s.merges) > 0 && s.merges[0].top <= s.num {
		m := s.merges[0]
		s.merges = s.merges[1:]
		if m.bottom < s.num {
			continue
		}
		val := ""
		if m.top == s.num && m.left < len(cells) {
			val = cells[m.left]
		}
		if val != "" {
			s.active = append(s.active, activeMerge{m, val})
		}
	}
	for _, a := range s.active {
		right := min(a.right, s.limits.MaxCells-1) // a range over a whole row fills no more than a row may hold
		for j := a.left; j <= right; j++ {
			for len(cells) <= j {
				cells = append(cells, "")
			}
			if cells[j] == "" {
				cells[j] = a.val
			}
		}
	}
	return cells
}

func (s *sheetReader) Header() []string { return nil }
func (s *sheetReader) Close() error     { return s.rows.Close() }

// recoverBadWorkbook turns a panic of the spreadsheet library on a malformed file into an
// error, so that one bad upload cannot bring the service down.
func recoverBadWorkbook(err *error) {
	if v := recover(); v != nil {
		*err = &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "工作簿已损坏 / cannot read the workbook: it is malformed", Err: fmt.Errorf("excelize panic: %v", v)}
	}
}

func (s *sheetReader) Next() (row Row, err error) {
	defer recoverBadWorkbook(&err)
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return Row{}, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: fmt.Sprintf("工作表在第 %[1]d 行之后读取失败（%[2]v） / cannot read the sheet after row %[1]d (%[2]v)", s.num, err), Err: err}
		}
		return Row{}, io.EOF
	}
	s.num++
	cells, err := s.rows.Columns()
	if err != nil {
		return Row{Num: s.num}, &rowError{Num: s.num, Msg: "无法读取此行 / cannot read this row: " + err.Error()}
	}
	if len(cells) > s.limits.MaxCells {
		return Row{}, tooLarge("max_cells", int64(s.limits.MaxCells), "第 %[1]d 行单元格过多：%[2]d 个 / row %[1]d has %[2]d cells", s.num, len(cells))
	}
	if len(s.merges) > 0 || len(s.active) > 0 {
		cells = s.fill(cells)
	}
	n := 0
	for _, c := range cells {
		n += len(c)
	}
	if n > s.limits.MaxRowBytes {
		return Row{}, tooLarge("max_row_bytes", int64(s.limits.MaxRowBytes), "第 %[1]d 行过长：%[2]d 字节 / row %[1]d holds %[2]d bytes", s.num, n)
	}
	return Row{Num: s.num, Cells: cells, formulas: rowFormulas(&s.formulas, s.num, cells)}, nil
}
