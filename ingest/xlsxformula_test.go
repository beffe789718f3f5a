package ingest_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// formulaWorkbook is a job list as a program writes it (excelize here, openpyxl or a report
// generator elsewhere): formulas without their results, which Excel would compute and save
// on opening. Cells E6 and F6 are then given a formula with a saved result (a number, and an
// empty text), as Excel saves them.
func formulaWorkbook(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := fatalOn(tb)
	const s = "Sheet1"
	must(f.SetSheetRow(s, "A1", &[]any{"岗位名称", "公司名称", "城市", "最低薪资", "最高薪资", "岗位描述", "序号"}))
	must(f.SetSheetRow(s, "A2", &[]any{"Java开发工程师", "甲公司", "西安", 8000}))
	must(f.SetCellFormula(s, "E2", "D2*1.5"))
	must(f.SetSheetRow(s, "B3", &[]any{"甲公司", "西安", 6000, 9000}))
	must(f.SetCellFormula(s, "A3", `CONCATENATE("运维","工程师")`))
	must(f.SetSheetRow(s, "A4", &[]any{"测试工程师", "甲公司", "西安", 5000, 7000}))
	must(f.SetCellFormula(s, "G4", "ROW()-1")) // a column the import leaves out
	must(f.SetSheetRow(s, "A5", &[]any{"日语客服", "甲公司", "宝鸡", 5000}))
	must(f.SetCellFormula(s, "E5", "IF(D5>0,D5*1.4,\"\")"))
	must(f.SetSheetRow(s, "A6", &[]any{"数据标注员", "甲公司", "汉中", 4000, 6000, "x"}))
	var buf bytes.Buffer
	must(f.Write(&buf))

	// Excel's way: E6 has its formula and its result, F6 a text formula whose result is "".
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	must(err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		r, err := zf.Open()
		must(err)
		data, err := io.ReadAll(r)
		must(err)
		if zf.Name == "xl/worksheets/sheet1.xml" {
			e6 := regexp.MustCompile(`<c r="E6"([^>]*)><v>6000</v></c>`)
			f6 := regexp.MustCompile(`<c r="F6"[^>]*>.*?</c>`)
			if !e6.Match(data) || !f6.Match(data) {
				tb.Fatalf("cells E6 and F6 not found in %s", data)
			}
			data = e6.ReplaceAll(data, []byte(`<c r="E6"$1><f>D6*1.5</f><v>6000</v></c>`))
			data = f6.ReplaceAll(data, []byte(`<c r="F6" t="str"><f>IF(1,"","x")</f><v></v></c>`))
		}
		w, err := zw.Create(zf.Name)
		must(err)
		_, err = w.Write(data)
		must(err)
	}
	must(zw.Close())
	return out.Bytes()
}

// TestFormulaWithoutResult: a workbook written by a program holds formulas without their
// results; they read as empty, so that a salary maximum of =D2*1.5 was stored as no maximum
// and a title of =CONCATENATE(…) refused the row as "title is required". Such a row is now
// refused naming the cell and its formula, and asks for the file to be saved in Excel; a
// formula in a column not imported, or with a saved result, is no problem.
func TestFormulaWithoutResult(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.xlsx", formulaWorkbook(t)), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 5, Written: 2, Created: 2, Invalid: 3, EnterprisesCreated: 2})
	for _, w := range []struct {
		row          int
		column, text string
	}{
		{2, "最高薪资", "单元格 E2 是公式 =D2*1.5，但文件中没有保存它的计算结果"},
		{2, "最高薪资", "open and save the file in Excel"},
		{3, "岗位名称", `cell A3 holds the formula =CONCATENATE("运维","工程师")`},
		{5, "最高薪资", "E5"},
	} {
		if !hasProblem(rep, ingest.LevelError, w.row, w.column, w.text) {
			t.Errorf("row %d: want an error in %s saying %q:%s", w.row, w.column, w.text, problems(rep))
		}
	}
	wantBilingual(t, rep)
	for _, p := range rep.Problems {
		if p.Row == 3 && strings.Contains(p.Message, "required") {
			t.Errorf("row 3: the title is a formula, not missing: %s", p.Message)
		}
		if p.Row == 2 && p.Cell != "E2" {
			t.Errorf("row 2: problem in cell %q, want E2", p.Cell)
		}
	}
	jobs := jobsByTitle(t, s)
	if j := jobs["测试工程师"]; j == nil || j.SalaryMax != 7000 {
		t.Errorf("测试工程师 %+v: want it written (its formula is in a column not imported)", j)
	}
	if j := jobs["数据标注员"]; j == nil || j.SalaryMax != 6000 {
		t.Errorf("数据标注员 %+v: want it written with the saved result 6000", j)
	}
	if jobs["Java开发工程师"] != nil {
		t.Error("Java开发工程师 was written without its maximum salary")
	}
}

// TestExcelErrorValues: a list filled in by VLOOKUP shows #N/A where the lookup found nothing,
// and a workbook or a CSV saved from it keeps that text: a job titled #N/A, of a firm named
// #N/A, was stored. Such a row is refused naming the cell.
func TestExcelErrorValues(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	defer f.Close()
	must := fatalOn(t)
	must(f.SetSheetRow("Sheet1", "A1", &[]any{"岗位名称", "公司名称", "城市", "薪资"}))
	must(f.SetSheetRow("Sheet1", "A2", &[]any{"Java开发工程师", "#N/A", "西安", "1-1.5万"}))
	must(f.SetSheetRow("Sheet1", "A3", &[]any{"测试工程师", "甲公司", "西安", "#VALUE!"}))
	must(f.SetSheetRow("Sheet1", "A4", &[]any{"运维工程师", "甲公司", "西安", "8千-1万"}))
	var buf bytes.Buffer
	must(f.Write(&buf))
	s := openStore(t)
	for _, file := range []struct{ name, data string }{
		{"lookup.xlsx", buf.String()},
		{"lookup.csv", csvLines("岗位名称,公司名称,城市,薪资", "Java开发工程师,#N/A,西安,1-1.5万", "测试工程师,甲公司,西安,#VALUE!", "运维工程师,甲公司,西安,8千-1万")},
	} {
		rep := mustImport(t, s, writeFile(t, file.name, []byte(file.data)), ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeDryRun})
		wantCounts(t, rep, ingest.Counts{Read: 3, Written: 1, Created: 1, Invalid: 2, EnterprisesCreated: 1})
		wantBilingual(t, rep)
		if !hasProblem(rep, ingest.LevelError, 2, "公司名称", "cell B2 holds Excel's error value #N/A") ||
			!hasProblem(rep, ingest.LevelError, 3, "薪资", "单元格 D3 的值是 Excel 的错误值 #VALUE!") {
			t.Errorf("%s: want errors naming B2 and D3:%s", file.name, problems(rep))
		}
	}
}

// TestFormulaCellsLimit: the cells with a formula and no result are remembered until their
// row is read, a few bytes each; a workbook of more than 100,000 of them is refused before
// anything is read, naming the limit and asking for the file to be saved in Excel. The raw
// sheet, without r attributes, is also where the scan counts the columns itself: the one
// formula of a smaller sheet, in column B, is reported in the 公司名称 column.
func TestFormulaCellsLimit(t *testing.T) {
	t.Parallel()
	rows := func(n int) func(io.Writer) {
		return func(w io.Writer) {
			io.WriteString(w, bombSheetStart+bombRow2)
			repeated(w, `<row><c t="inlineStr"><is><t>测试</t></is></c><c><f>VLOOKUP(A3,Sheet2!A:B,2,0)</f></c><c t="inlineStr"><is><t>西安</t></is></c></row>`, n)
			io.WriteString(w, bombSheetEnd)
		}
	}
	big := buildBook(t, rows(100_001), nil)
	_, err := ingest.Import(context.Background(), openStore(t), writeFile(t, "big.xlsx", big), ingest.Options{Type: xiaoqi.KindJob})
	if msg := xiaoqi.ErrorMessage(err); xiaoqi.ErrorCode(err) != xiaoqi.ETOOLARGE || !strings.Contains(msg, "max_formula_cells") || !strings.Contains(msg, "save the file in Excel") {
		t.Errorf("100,001 formulas without results: %v; want refused naming max_formula_cells", err)
	}
	rep := mustImport(t, openStore(t), writeFile(t, "small.xlsx", buildBook(t, rows(1), nil)), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 1, Created: 1, Invalid: 1, EnterprisesCreated: 1})
	if !hasProblem(rep, ingest.LevelError, 3, "公司名称", "cell B3 holds the formula =VLOOKUP(A3,Sheet2!A:B,2,0)") {
		t.Errorf("want row 3 refused for B3:%s", problems(rep))
	}
}
