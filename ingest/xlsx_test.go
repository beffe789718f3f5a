package ingest_test

import (
	"archive/zip"
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// workbook builds the XLSX an HR office sends: an instructions sheet first, then the job
// needs under a merged title row and a two-row header (薪资 over 最低 and 最高), with real
// numbers and dates, an empty row, and a sheet of enterprises.
func workbook(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := fatalOn(tb)
	must(f.SetSheetName("Sheet1", "填表说明"))
	must(f.SetCellValue("填表说明", "A1", "填表说明：请在“岗位需求”工作表中逐行填写，带 * 的列必填。"))
	must(f.SetCellValue("填表说明", "A2", "薪资按月填写，单位元。"))

	const s = "岗位需求"
	_, err := f.NewSheet(s)
	must(err)
	must(f.SetCellValue(s, "A1", "2024年西安高新区服务外包企业岗位需求表"))
	must(f.MergeCell(s, "A1", "H1"))
	for cell, v := range map[string]string{"A2": "岗位名称*", "B2": "公司名称*", "C2": "城市", "D2": "薪资（元/月）",
		"F2": "学历要求", "G2": "招聘人数", "H2": "发布日期", "D3": "最低", "E3": "最高"} {
		must(f.SetCellValue(s, cell, v))
	}
	for _, col := range []string{"A", "B", "C", "F", "G", "H"} {
		must(f.MergeCell(s, col+"2", col+"3"))
	}
	must(f.MergeCell(s, "D2", "E2"))
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	rows := [][]any{
		{"Java开发工程师", "西安软通动力信息技术有限公司", "西安", 8000, 12000, "本科", 3, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"软件测试工程师", "西安软通动力信息技术有限公司", "西安", 6000, 9000, "大专及以上", "若干", time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC)},
		nil, // row 6 is empty
		{"", "西安软通动力信息技术有限公司", "西安", 6000, 9000, "本科", 2, time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC)},
		{"日语客服", "西安软通动力信息技术有限公司", "宝鸡", 5000, 7000, "大专", 10, 45355},
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, 4+i)
		must(f.SetSheetRow(s, cell, &r))
		h, _ := excelize.CoordinatesToCellName(8, 4+i)
		must(f.SetCellStyle(s, h, h, date))
	}
	_, err = f.NewSheet("企业")
	must(err)
	must(f.SetSheetRow("企业", "A1", &[]any{"企业名称", "所在城市", "企业性质", "人员规模", "所属行业"}))
	must(f.SetSheetRow("企业", "A2", &[]any{"西安软通动力信息技术有限公司", "西安市", "民营", "1000-9999人", "软件研发和测试、信息系统"}))
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func TestImportXLSX(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "需求.xlsx", workbook(t))
	s := openStore(t)
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	if rep.Sheet != "岗位需求" || rep.HeaderRow != 3 || rep.Format != ingest.FormatXLSX {
		t.Errorf("sheet %q header row %d format %q, want 岗位需求, 3, xlsx", rep.Sheet, rep.HeaderRow, rep.Format)
	}
	// The same enterprise name in another city is another enterprise (natural key: name and city).
	wantCounts(t, rep, ingest.Counts{Read: 4, Written: 3, Created: 3, Invalid: 1, Empty: 1, EnterprisesCreated: 2})
	if !hasProblem(rep, ingest.LevelError, 7, "岗位名称*", "required") || rep.Problems[0].Cell != "A7" {
		t.Errorf("want the missing title at A7:%s", problems(rep))
	}
	var headers []string
	for _, c := range rep.Columns {
		headers = append(headers, c.Header+"→"+c.Field)
	}
	if got := strings.Join(headers, ", "); got != "岗位名称*→title, 公司名称*→enterprise_name, 城市→city, 薪资（元/月） / 最低→salary_min, "+
		"薪资（元/月） / 最高→salary_max, 学历要求→degree, 招聘人数→headcount, 发布日期→posted_at" {
		t.Errorf("columns: %s", got)
	}
	jobs := jobsByTitle(t, s)
	j := jobs["Java开发工程师"]
	if j == nil || j.SalaryMin != 8000 || j.SalaryMax != 12000 || j.Headcount != 3 || j.Degree != "本科" ||
		!j.PostedAt.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Java开发工程师 = %+v", j)
	}
	if j := jobs["日语客服"]; j == nil || j.City != "宝鸡市" || !j.PostedAt.Equal(time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("日语客服 = %+v (a date stored as the serial 45355 is 2024-03-04)", j)
	}

	// Another sheet by name, as another type; a sheet by position; an unknown sheet.
	rep = mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindEnterprise, Sheet: "企业"})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Updated: 1})
	for _, d := range allDocs(t, s, xiaoqi.KindEnterprise) {
		if e := d.(*xiaoqi.Enterprise); e.City == "西安市" && (e.Size != "1000-9999人" || len(e.Sectors) != 2 || e.Version != 2) {
			t.Errorf("enterprise = %+v", e)
		}
	}
	if rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindEnterprise, Sheet: "3", Mode: ingest.ModeDryRun}); rep.Sheet != "企业" || rep.Unchanged != 1 {
		t.Errorf("--sheet 3: sheet %q, %+v", rep.Sheet, rep.Counts)
	}
	_, err := ingest.Import(context.Background(), s, path, ingest.Options{Type: xiaoqi.KindJob, Sheet: "Sheet9"})
	if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || !strings.Contains(xiaoqi.ErrorMessage(err), "填表说明, 岗位需求, 企业") {
		t.Errorf("unknown sheet: %v", err)
	}
}

// TestXLSXZipBomb refuses a workbook that unpacks beyond the limit, from its zip directory.
func TestXLSXZipBomb(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, size := range map[string]int{"[Content_Types].xml": 100, "xl/workbook.xml": 100, "xl/worksheets/sheet1.xml": 64 << 20} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(make([]byte, size)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 1<<20 {
		t.Fatalf("the bomb is %d bytes, expected it to compress", buf.Len())
	}
	path := writeFile(t, "bomb.xlsx", buf.Bytes())
	_, err := ingest.Import(context.Background(), openStore(t), path,
		ingest.Options{Type: xiaoqi.KindJob, Limits: ingest.Limits{MaxUnzippedBytes: 16 << 20}})
	if xiaoqi.ErrorCode(err) != xiaoqi.ETOOLARGE || !strings.Contains(xiaoqi.ErrorMessage(err), "max_unzipped_bytes") {
		t.Errorf("zip bomb: %v", err)
	}
	err = ingest.ReadXLSX(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "", ingest.Limits{MaxUnzippedBytes: 16 << 20},
		func(ingest.Row, error) error { return nil })
	if xiaoqi.ErrorCode(err) != xiaoqi.ETOOLARGE {
		t.Errorf("ReadXLSX of a zip bomb: %v", err)
	}
}

func TestReadXLSXRowNumbers(t *testing.T) {
	t.Parallel()
	data := workbook(t)
	var nums []int
	err := ingest.ReadXLSX(bytes.NewReader(data), int64(len(data)), "岗位需求", ingest.Limits{}, func(r ingest.Row, err error) error {
		if err != nil {
			return err
		}
		nums = append(nums, r.Num)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(nums, []int{1, 2, 3, 4, 5, 6, 7, 8}) {
		t.Errorf("row numbers %v, want 1 to 8 (row 6 empty)", nums)
	}
	sheets, err := ingest.Sheets(bytes.NewReader(data), int64(len(data)), ingest.Limits{})
	if err != nil || strings.Join(sheets, ",") != "填表说明,岗位需求,企业" {
		t.Errorf("sheets %v, %v", sheets, err)
	}
}
