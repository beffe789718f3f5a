package ingest_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestMergedDataCells: a company name merged over C4:C6 counts for rows 5 and 6, as Excel
// shows it, and a cell merged across columns for each column it covers.
func TestMergedDataCells(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	defer f.Close()
	const s = "Sheet1"
	rows := [][]any{
		{"岗位需求表"},
		nil,
		{"岗位名称", "公司名称", "城市", "区县"},
		{"Java开发工程师", "西安合成软件有限公司", "西安", "雁塔区"},
		{"测试工程师", nil, "西安", "雁塔区"},
		{"运维工程师", nil, "宝鸡"},
		{"前端工程师", "咸阳合成外包有限公司", "咸阳"},
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(s, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range [][2]string{{"A1", "D2"}, {"B4", "B6"}, {"C7", "D7"}} {
		if err := f.MergeCell(s, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "merged.xlsx", buf.Bytes())

	var got []string
	err := ingest.ReadXLSX(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "", ingest.Limits{}, func(r ingest.Row, err error) error {
		if err != nil {
			return err
		}
		got = append(got, strings.Join(r.Cells, "|"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"岗位需求表|岗位需求表|岗位需求表|岗位需求表", "岗位需求表|岗位需求表|岗位需求表|岗位需求表",
		"岗位名称|公司名称|城市|区县",
		"Java开发工程师|西安合成软件有限公司|西安|雁塔区",
		"测试工程师|西安合成软件有限公司|西安|雁塔区",
		"运维工程师|西安合成软件有限公司|宝鸡",
		"前端工程师|咸阳合成外包有限公司|咸阳|咸阳",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	st := openStore(t)
	rep := mustImport(t, st, path, ingest.Options{Type: xiaoqi.KindJob})
	if rep.Invalid != 0 || rep.Written != 4 {
		t.Fatalf("written %d, invalid %d, want 4 and 0:%s", rep.Written, rep.Invalid, problems(rep))
	}
	jobs := jobsByTitle(t, st)
	for _, title := range []string{"测试工程师", "运维工程师"} {
		if j := jobs[title]; j == nil || j.EnterpriseName != "西安合成软件有限公司" {
			t.Errorf("%s: %+v, want the company merged over it", title, j)
		}
	}
}
