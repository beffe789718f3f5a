package ingest_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestCellFormats: cells shown through a date or money format are read for their value, not
// their text: a date formatted m"月"d"日" (no year), a date and time, accounting (built-in 44,
// " $8,000.00 ") and currency formats; a number padded with zeros (000123, a code) keeps its
// zeros.
func TestCellFormats(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	defer f.Close()
	const s = "Sheet1"
	must := fatalOn(t)
	must(f.SetSheetRow(s, "A1", &[]any{"岗位编号", "岗位名称", "公司名称", "城市", "最低薪资", "最高薪资", "发布日期"}))
	style := func(st *excelize.Style) int {
		id, err := f.NewStyle(st)
		must(err)
		return id
	}
	monthDay, yuan, padded := `m"月"d"日"`, `"¥"#,##0.00`, "000000"
	rows := []struct {
		title           string
		money, date     int
		posted          time.Time
		moneyVal, dateV any
	}{
		{"会计格式", style(&excelize.Style{NumFmt: 44}), style(&excelize.Style{CustomNumFmt: &monthDay}), time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), 8000, 45352},
		{"货币格式", style(&excelize.Style{CustomNumFmt: &yuan}), style(&excelize.Style{NumFmt: 22}), time.Date(2024, 3, 1, 4, 0, 0, 0, time.UTC), 8000, 45352.5},
		{"中文日期", style(&excelize.Style{NumFmt: 7}), style(&excelize.Style{NumFmt: 31}), time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), 8000, 45352},
	}
	code := style(&excelize.Style{CustomNumFmt: &padded})
	for i, r := range rows {
		n := i + 2
		cell := func(col string) string { return col + string(rune('0'+n)) }
		must(f.SetSheetRow(s, cell("A"), &[]any{123 + i, r.title, "甲公司", "西安", r.moneyVal, 12000, r.dateV}))
		must(f.SetCellStyle(s, cell("A"), cell("A"), code))
		must(f.SetCellStyle(s, cell("E"), cell("F"), r.money))
		must(f.SetCellStyle(s, cell("G"), cell("G"), r.date))
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	st := openStore(t)
	rep := mustImport(t, st, writeFile(t, "fmt.xlsx", buf.Bytes()), ingest.Options{Type: xiaoqi.KindJob})
	if rep.Written != 3 || rep.ProblemCount != 0 {
		t.Fatalf("%d written:%s", rep.Written, problems(rep))
	}
	jobs := jobsByTitle(t, st)
	for i, r := range rows {
		j := jobs[r.title]
		if j.SalaryMin != 8000 || j.SalaryMax != 12000 || !j.PostedAt.Equal(r.posted) {
			t.Errorf("%s: salary %d-%d posted %v, want 8000-12000 posted %v", r.title, j.SalaryMin, j.SalaryMax, j.PostedAt, r.posted)
		}
		if want := "000" + string(rune('1')) + string(rune('2')) + string(rune('3'+i)); j.ExternalID != want {
			t.Errorf("%s: id %q, want %q (its zeros kept)", r.title, j.ExternalID, want)
		}
	}
}
