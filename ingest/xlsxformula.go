package ingest

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A workbook written by a program (openpyxl, excelize, a report generator) rather than saved
// by Excel holds its formulas without their results: <c r="D5"><f>B5*12</f></c>. The
// spreadsheet library reads such a cell as empty, and the import stored an empty salary or
// refused a row as if its title were missing. The worksheet scan (partScan) notes these
// cells, and a row that gives a field by one is refused, naming the cell and its formula.
//
// The library could compute them (excelize's CalcCellValue), but not safely on a workbook
// anyone may upload: it reads the whole worksheet into memory (which the streamed read
// avoids), builds a value for every cell of a range it reads (=SUM(A1:XFD1000000) names 16
// billion), follows each reference to another formula by recursion with no bound on the depth
// of the chain (a stack overflow ends a Go process rather than panics), and takes no context or
// deadline to stop it.

// formulaCell is a cell with a formula and no saved result: its row as Excel numbers it, its
// column from 0, and the start of its formula ("" for a shared formula's later cells).
type formulaCell struct {
	row, col int
	formula  string
}

// maxFormulaCells caps the cells with a formula and no result that a workbook may hold: each
// row that uses one is refused, and the message asks to save the file in Excel.
const maxFormulaCells = 100_000

// formulaKeep is how much of a formula is kept to show in a message.
const formulaKeep = 60

// formulaScan is the state of a partScan reading the cells of a worksheet for formulas.
type formulaScan struct {
	cells    *[]formulaCell // nil to leave formulas
	col      int            // the column of the current cell, from 0
	inCell   bool
	hasF     bool // the cell has an <f>
	inF, inV bool
	hasV     bool // the cell has a <v> with text
	vElem    bool // the cell has a <v>, empty or not
	str      bool // t="str": a formula's text result, which may be ""
	text     []byte
}

// formulaRow starts a row: cells without an r attribute follow from its first column.
func (s *partScan) formulaRow() { s.fs.col = -1 }

// formulaElement reads a start tag inside <sheetData>.
func (s *partScan) formulaElement(name string, attrs []byte, whole, empty bool) {
	fs := &s.fs
	switch name {
	case "c":
		fs.col++
		if r, ok := attr(attrs, "r"); ok && whole {
			if c, _, err := excelize.CellNameToCoordinates(string(r)); err == nil {
				fs.col = c - 1
			}
		}
		t, _ := attr(attrs, "t")
		fs.inCell = !empty
		fs.hasF, fs.hasV, fs.vElem, fs.inF, fs.inV, fs.str, fs.text = false, false, false, false, false, string(t) == "str", fs.text[:0]
	case "f":
		if fs.inCell {
			fs.hasF, fs.inF = true, !empty
		}
	case "v":
		if fs.inCell {
			fs.vElem, fs.inV = true, !empty
		}
	}
}

// formulaText reads a piece of text inside <sheetData>.
func (s *partScan) formulaText(b []byte) {
	fs := &s.fs
	switch {
	case fs.inF && len(fs.text) < formulaKeep+4:
		fs.text = append(fs.text, b[:min(len(b), formulaKeep+4-len(fs.text))]...)
	case fs.inV && len(bytes.TrimSpace(b)) > 0:
		fs.hasV = true
	}
}

// formulaEnd reads an end tag inside <sheetData>, and notes a cell that ends with a formula
// and no result. A text formula (t="str") with an empty <v> has the result "".
func (s *partScan) formulaEnd(name string) error {
	fs := &s.fs
	switch name {
	case "f":
		fs.inF = false
	case "v":
		fs.inV = false
	case "c":
		if fs.inCell && fs.hasF && !fs.hasV && !(fs.str && fs.vElem) && fs.cells != nil {
			if len(*fs.cells) >= maxFormulaCells {
				return tooLarge("max_formula_cells", maxFormulaCells, "%[1]s 有超过 %[2]d 个没有计算结果的公式：请用 Excel 或 WPS 打开并保存后再导入 / "+
					"%[1]s holds more than %[2]d formulas without a saved result: open and save the file in Excel or WPS, then import it again", s.where, maxFormulaCells)
			}
			*fs.cells = append(*fs.cells, formulaCell{row: s.rowNum, col: fs.col, formula: unescapeXML(fs.text)})
		}
		fs.inCell = false
	}
	return nil
}

// unescapeXML writes the entities of a formula's text (&lt;, &#34;) as the characters they
// stand for, and cuts it to formulaKeep bytes.
func unescapeXML(b []byte) string {
	s := strings.ToValidUTF8(html.UnescapeString(string(b)), "")
	if len(s) > formulaKeep {
		cut := formulaKeep
		for cut > 0 && !utf8Start(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func utf8Start(c byte) bool { return c&0xC0 != 0x80 }

// formulaProblems reports, as errors of the row, the cells of rec's row that have a formula
// without a saved result and fill a field: the value the file meant is not in it. It returns
// whether there was one, so that a row of such cells only is not taken for an empty row.
func (rs *rows) formulaProblems(rec *record) bool {
	found := false
	for _, fc := range rec.row.formulas {
		if fc.col >= len(rs.fields) {
			continue
		}
		f := rs.fields[fc.col]
		if f == "" || f == Ignore {
			continue
		}
		cell := ColumnLetter(fc.col) + strconv.Itoa(rec.row.Num)
		shown, shownEN := "", ""
		if fc.formula != "" {
			shown, shownEN = " ="+fc.formula, " ="+fc.formula
		}
		rec.errorf(f, "单元格 %[1]s 是公式%[2]s，但文件中没有保存它的计算结果（由程序生成、未经 Excel 保存的文件），此行未导入：请用 Excel 或 WPS 打开并保存后再导入，或把公式换成数值 / "+
			"cell %[1]s holds the formula%[3]s but the file has no saved result for it (written by a program, never saved in Excel): the row is not imported; open and save the file in Excel or WPS and import it again, or replace the formula by its value",
			cell, shown, shownEN)
		rs.inColumn(rec, fc.col, "")
		found = true
	}
	return found
}

// excelErrors are the values Excel shows for a formula that failed: a VLOOKUP that found
// nothing is #N/A. A workbook keeps them as the cell's value, and a CSV saved from it too.
var excelErrors = map[string]bool{"#N/A": true, "#REF!": true, "#VALUE!": true, "#DIV/0!": true, "#NAME?": true,
	"#NUM!": true, "#NULL!": true, "#SPILL!": true, "#CALC!": true, "#GETTING_DATA": true, "#FIELD!": true, "#BLOCKED!": true}

// excelError reports, as an error of the row, a cell of column j holding one of Excel's error
// values in field f: a title or a firm named #N/A was stored as such.
func (rs *rows) excelError(rec *record, f string, j int, v string) bool {
	t := strings.ToUpper(strings.TrimSpace(v))
	if !excelErrors[t] {
		return false
	}
	rs.refuseCell(rec, f, j, v, t, "单元格 %[1]s 的值是 Excel 的错误值 %[2]s（公式出错，如 VLOOKUP 未找到），此行未导入：请修正公式或填写数值 / "+
		"cell %[1]s holds Excel's error value %[2]s (a formula failed, such as a VLOOKUP that found nothing): the row is not imported; correct the formula or write the value")
	return true
}

// refuseCell reports, as an error of the row in field f, the value v of column j, shown as
// shown: format has the cell (C7) as %[1]s and shown as %[2]s.
func (rs *rows) refuseCell(rec *record, f string, j int, v, shown, format string) {
	rec.errorf(f, format, ColumnLetter(j)+strconv.Itoa(rec.row.Num), shown)
	rs.inColumn(rec, j, v)
}

// rowFormulas returns the cells of row num among the sorted cells fs, which it drops up to
// that row; cells that a merged range filled are left out.
func rowFormulas(fs *[]formulaCell, num int, cells []string) []formulaCell {
	var out []formulaCell
	for len(*fs) > 0 && (*fs)[0].row <= num {
		fc := (*fs)[0]
		*fs = (*fs)[1:]
		if fc.row == num && (fc.col >= len(cells) || strings.TrimSpace(cells[fc.col]) == "") {
			out = append(out, fc)
		}
	}
	return out
}

// scientificNumber is how Excel shows a long number in a narrow column, and what a CSV saved
// from it holds: 1.38E+10 for a phone, 2.02402E+11 for a 学号. The digits past the sixth are
// gone from the file.
var scientificNumber = regexp.MustCompile(`^[0-9](\.[0-9]+)?E\+[0-9]+$`)

// scientific reports, as an error of the row, a phone, id or code that Excel wrote in
// scientific notation: the number cannot be told from the text, and a 学号 kept so keyed
// every student of the column under one id (the phone was refused as "not a phone number",
// which did not say why).
func (rs *rows) scientific(rec *record, f string, j int, v string) bool {
	t := strings.ToUpper(strings.TrimSpace(narrow(v)))
	if (f != "phone" && !codeFields[f]) || !scientificNumber.MatchString(t) {
		return false
	}
	rs.refuseCell(rec, f, j, v, t, "单元格 %[1]s 的值 %[2]s 是 Excel 的科学计数法，后几位数字已丢失，此行未导入：请把这一列设为“文本”，填回完整的号码后再保存 / "+
		"cell %[1]s holds %[2]s, Excel's scientific notation: the last digits are lost and the row is not imported; format the column as text, enter the whole number and save again")
	return true
}
