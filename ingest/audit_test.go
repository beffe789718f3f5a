package ingest_test

import (
	"bytes"
	"context"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// xlsxOf builds a workbook whose sheets hold rows (nil: no row at all).
func xlsxOf(tb testing.TB, sheets map[string][][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for _, name := range slices.Sorted(maps.Keys(sheets)) {
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				tb.Fatal(err)
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			tb.Fatal(err)
		}
		for i, r := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &r); err != nil {
				tb.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportEmptyFile refuses a file without a single row, in every format, with an error
// that names the file and says it is empty (it used to panic on CSV and XLSX, and to say an
// empty JSON file ends in the middle of its first item).
func TestImportEmptyFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"空.csv", nil, "the file is empty"},
		{"bom.csv", []byte("\ufeff"), "the file is empty"},
		{"blank.csv", []byte("\r\n\r\n"), "the file is empty"},
		{"gbk.txt", nil, "the file is empty"},
		{"空.json", nil, "the file is empty"},
		{"spaces.json", []byte(" \n\t\n"), "the file is empty"},
		{"bom.json", []byte("\ufeff\n"), "the file is empty"},
		{"空.jsonl", nil, "the file is empty"},
		{"blank.jsonl", []byte("\n\n  \n"), "the file is empty"},
		{"sheet.xlsx", xlsxOf(t, map[string][][]any{"岗位": nil}), `sheet "岗位" is empty`},
		{"sheets.xlsx", xlsxOf(t, map[string][][]any{"a": nil, "b": nil}), "the workbook is empty, its sheets a, b hold no rows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, "xiaoqi-upload-123"+filepath.Ext(tt.name), tt.data)
			opt := ingest.Options{Type: xiaoqi.KindJob, FileName: tt.name}
			for what, err := range map[string]error{
				"import":  func() error { _, err := ingest.Import(context.Background(), openStore(t), path, opt); return err }(),
				"inspect": func() error { _, err := ingest.Inspect(path, opt); return err }(),
			} {
				msg := xiaoqi.ErrorMessage(err)
				if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || !strings.HasPrefix(msg, tt.name+": ") || !strings.Contains(msg, tt.want) ||
					!strings.Contains(msg, "为空") || strings.Contains(msg, "upload") {
					t.Errorf("%s: %v; want invalid, naming %s, %q", what, err, tt.name, tt.want)
				}
			}
		})
	}
	// A sheet without rows beside one with a header: the other is imported.
	path := writeFile(t, "two.xlsx", xlsxOf(t, map[string][][]any{"a": nil, "b": {{"岗位名称", "公司名称", "城市"}, {"测试", "西安软通动力", "西安"}}}))
	if rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindJob}); rep.Sheet != "b" || rep.Written != 1 {
		t.Errorf("sheet %q, %+v", rep.Sheet, rep.Counts)
	}
	// An empty array is a file of no rows, as a CSV of its header only.
	if rep := mustImport(t, openStore(t), writeFile(t, "none.json", []byte(`{"data": [], "next": ""}`)), ingest.Options{Type: xiaoqi.KindJob}); rep.Read != 0 {
		t.Errorf("empty array: %+v", rep.Counts)
	}
	// A cut JSON file says so.
	for data, want := range map[string]string{`[`: "ends after item 0", `[{"title": "a", "company": "b", "city": "西安"}`: "ends after item 1",
		`[{"title": "a", "company": "b", "city": "西安"},`: "ends in the middle of item 2"} {
		_, err := ingest.Import(context.Background(), openStore(t), writeFile(t, "cut.json", []byte(data)), ingest.Options{Type: xiaoqi.KindJob})
		if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || !strings.Contains(xiaoqi.ErrorMessage(err), want) {
			t.Errorf("%s: %v, want %q", data, err, want)
		}
	}
}

// TestImportNamesUserFile names the file as its user knows it, not the server's copy of an
// upload, when it is not a workbook.
func TestImportNamesUserFile(t *testing.T) {
	t.Parallel()
	for _, data := range []string{"岗位名称,城市\n", "PK\x03\x04 not a zip"} {
		path := writeFile(t, "xiaoqi-upload-2067204898.xlsx", []byte(data))
		for what, err := range map[string]error{
			"import": func() error {
				_, err := ingest.Import(context.Background(), openStore(t), path, ingest.Options{Type: xiaoqi.KindJob, FileName: "岗位需求.xlsx"})
				return err
			}(),
			"inspect": func() error {
				_, err := ingest.Inspect(path, ingest.Options{Type: xiaoqi.KindJob, FileName: "岗位需求.xlsx"})
				return err
			}(),
		} {
			msg := xiaoqi.ErrorMessage(err)
			if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || !strings.Contains(msg, "岗位需求.xlsx is not a valid .xlsx workbook") ||
				!strings.Contains(msg, "不是有效的 .xlsx 文件") || strings.Contains(msg, "upload") {
				t.Errorf("%q, %s: %v", data, what, err)
			}
		}
	}
	err := ingest.ReadXLSX(strings.NewReader("PK\x03\x04"), 4, "", ingest.Limits{}, nil)
	if msg := xiaoqi.ErrorMessage(err); !strings.Contains(msg, "不是有效的 .xlsx 文件") || !strings.Contains(msg, " / the file is not a valid .xlsx workbook") {
		t.Errorf("ReadXLSX: %v", err)
	}
}

// TestImportJSONValues refuses, in the row, a JSON object where a field takes text and an
// array where it takes one value; an array of texts fills a field of several values, and a
// number or true/false is its text.
func TestImportJSONValues(t *testing.T) {
	t.Parallel()
	data := `[
  {"title": {"$ne": 1}, "company": ["a"], "city": "西安市"},
  {"title": 12345, "company": "西安软通动力", "city": "西安市", "skills": ["Java", "Spring"], "benefits": ["五险一金"], "headcount": 3,
   "description": ["负责测试", "编写文档"], "salary_min": 8000},
  {"title": "运维", "company": "西安软通动力", "city": "西安市", "tags": [{"name": "Java"}]},
  {"title": "测试", "company": "西安软通动力", "city": ["西安市", "宝鸡市"], "degree": {"min": "本科"}}
]`
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.json", []byte(data)), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 4, Written: 1, Created: 1, Invalid: 3, EnterprisesCreated: 1})
	for _, p := range []struct {
		row             int
		column, message string
	}{
		{1, "title", "岗位名称 title：须为文本，不能是对象 {…} / title: must be text, not an object"},
		{1, "company", "公司名称 enterprise_name：须为文本，不能是列表 […] / enterprise_name: must be text, not a list"},
		{3, "tags", "技能标签 tags：须为文本或文本列表，不能含有对象或嵌套列表 / tags: must be text or a list of texts"},
		{4, "city", "城市 city：须为文本，不能是列表"},
		{4, "degree", "学历要求 degree：须为文本，不能是对象"},
	} {
		if !hasProblem(rep, ingest.LevelError, p.row, p.column, p.message) {
			t.Errorf("want row %d [%s] %s;%s", p.row, p.column, p.message, problems(rep))
		}
	}
	if rep.Problems[0].Value != `{"$ne": 1}` || rep.Problems[0].Field != "title" {
		t.Errorf("problem %+v, want the object as its value", rep.Problems[0])
	}
	j := jobsByTitle(t, s)["12345"]
	if j == nil || !slices.Equal(j.Skills, []string{"Java", "Spring"}) || j.Headcount != 3 || j.SalaryMin != 8000 ||
		!strings.Contains(j.Description, "负责测试, 编写文档") || !strings.Contains(j.Description, "五险一金") {
		t.Errorf("job = %+v", j)
	}

	// xiaoqi's own export of candidates: "education" (records, an alias of degree) comes
	// before "degree", which fills the degree.
	export := `{"data": [{"id": "cnd_0123456789abcdef", "name": "合成张三", "city": "西安市",
	  "education": [{"institution_name": "西安电子科技大学", "degree": "本科"}], "degree": "硕士", "skills": ["Java", "Go"], "synthetic": true}]}`
	s = openStore(t)
	rep = mustImport(t, s, writeFile(t, "candidates.json", []byte(export)), ingest.Options{Type: xiaoqi.KindCandidate})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Created: 1})
	c, err := s.Get(context.Background(), xiaoqi.KindCandidate, "cnd_0123456789abcdef")
	if err != nil || c.(*xiaoqi.Candidate).Degree != "硕士" || len(c.(*xiaoqi.Candidate).Skills) != 2 {
		t.Errorf("candidate %+v, %v", c, err)
	}
}

// TestImportControlCharacters removes NUL and the other control characters but tab and line
// breaks from the values, with a warning in the row.
func TestImportControlCharacters(t *testing.T) {
	t.Parallel()
	data := "岗位名称,公司名称,城市,岗位描述\n" +
		"Java\x00开发,西安软通\x01动力,西安,\"第一行\n第二行\tTab\"\n" +
		"测试,西安软通动力,西安,\x00\x00\n"
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "nul.csv", []byte(data)), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2, Warnings: 2, EnterprisesCreated: 1})
	for _, p := range []struct {
		row    int
		column string
	}{{2, "岗位名称"}, {2, "公司名称"}, {3, "岗位描述"}} {
		if !hasProblem(rep, ingest.LevelWarning, p.row, p.column, "held control characters (such as NUL): removed") {
			t.Errorf("want a warning in row %d [%s];%s", p.row, p.column, problems(rep))
		}
	}
	jobs := jobsByTitle(t, s)
	if j := jobs["Java开发"]; j == nil || j.EnterpriseName != "西安软通动力" || j.Description != "第一行\n第二行\tTab" {
		t.Errorf("job = %+v", j)
	}
	if j := jobs["测试"]; j == nil || j.Description != "" {
		t.Errorf("job = %+v", j)
	}
}

// TestImportIDOfAnotherKind warns when the id column holds the xiaoqi id of another type; an id
// of another system keys a job as before.
func TestImportIDOfAnotherKind(t *testing.T) {
	t.Parallel()
	data := "id,岗位名称,公司名称,城市\nins_0123456789abcdef,Java开发,西安软通动力,西安\nJ-001,测试,西安软通动力,西安\n"
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "ids.csv", []byte(data)), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2, Warnings: 1, EnterprisesCreated: 1})
	if !hasProblem(rep, ingest.LevelWarning, 2, "id", "the xiaoqi id of an institution, not of a job: ignored, the row gets an id of its own") ||
		rep.Problems[0].Value != "ins_0123456789abcdef" {
		t.Errorf("want a warning in row 2 [id];%s", problems(rep))
	}
	jobs := jobsByTitle(t, s)
	if j := jobs["Java开发"]; j == nil || strings.HasPrefix(j.ExternalID, "ins_") || len(j.ExternalID) != 16 {
		t.Errorf("job = %+v, want an external id of its own", j)
	}
	if j := jobs["测试"]; j == nil || j.ExternalID != "J-001" {
		t.Errorf("job = %+v, want external id J-001", j)
	}

	data = "id,学校名称,城市\njob_0123456789abcdef,西安电子科技大学,西安\n"
	rep = mustImport(t, s, writeFile(t, "schools.csv", []byte(data)), ingest.Options{Type: xiaoqi.KindInstitution})
	if !hasProblem(rep, ingest.LevelWarning, 2, "id", "the xiaoqi id of a job, not of an institution: ignored, the document is matched by its natural key") {
		t.Errorf("want a warning in row 2 [id];%s", problems(rep))
	}
}
