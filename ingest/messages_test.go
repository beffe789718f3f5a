package ingest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestMessagesNameColumns: the problems of a row name the user's column and the value, in
// Chinese and English.
func TestMessagesNameColumns(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称,城市,招聘人数", "测试工程师,,西安,3.5")))
	rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeDryRun})
	if !hasProblem(rep, ingest.LevelError, 2, "公司名称", "公司名称") || hasProblem(rep, ingest.LevelError, 2, "公司名称", "enterprise_id") {
		t.Errorf("an empty 公司名称 should be named as such, not as enterprise_id:%s", problems(rep))
	}
	if !hasProblem(rep, ingest.LevelError, 2, "招聘人数", `"3.5"`) {
		t.Errorf("the headcount error should quote the value:%s", problems(rep))
	}
}

// TestMissingSchoolColumn: a student list with majors and graduation years but no 毕业院校
// column is refused before any row, naming the column and the default that would do;
// with the default it imports.
func TestMissingSchoolColumn(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "students.csv", []byte(csvLines("学号,姓名,专业,毕业年份", "2020010101,张合成,软件工程,2024")))
	s := openStore(t)
	_, err := ingest.Import(context.Background(), s, path, ingest.Options{Type: xiaoqi.KindCandidate})
	msg := xiaoqi.ErrorMessage(err)
	if err == nil || !strings.Contains(msg, "毕业院校") || !strings.Contains(msg, "--default institution_name=") {
		t.Fatalf("want the file refused, naming 毕业院校 and --default institution_name: %v", err)
	}
	if !strings.Contains(msg, `defaults field, {"institution_name"`) {
		t.Errorf("message %q: want the upload's defaults field named too, for API users", msg)
	}
	if zh, en, _ := strings.Cut(msg, " / "); !strings.Contains(zh, "毕业院校") || !strings.Contains(en, "school") {
		t.Errorf("message %q: want Chinese then English", msg)
	}
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindCandidate, Defaults: map[string]string{"institution_name": "西安合成学院"}})
	if rep.Written != 1 {
		t.Errorf("with a default school:%s", problems(rep))
	}
}

// TestMissingColumnBilingual: the error of a missing required column, and its details, are
// Chinese first, then English.
func TestMissingColumnBilingual(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,城市", "测试工程师,西安")))
	_, err := ingest.Import(context.Background(), openStore(t), path, ingest.Options{Type: xiaoqi.KindJob})
	msg := xiaoqi.ErrorMessage(err)
	zh, en, ok := strings.Cut(msg, " / ")
	if !ok || !strings.Contains(zh, "公司名称") || !strings.Contains(en, "no column") {
		t.Errorf("message %q: want the column named in Chinese, then English", msg)
	}
	for _, d := range xiaoqi.ErrorDetails(err) {
		if zh, _, ok := strings.Cut(d.Message, " / "); !ok || !strings.ContainsAny(zh, "缺列") {
			t.Errorf("detail %q: want Chinese, then English", d.Message)
		}
	}
}

// TestOldExcelMessage: an .xls file is refused in Chinese first.
func TestOldExcelMessage(t *testing.T) {
	_, err := ingest.DetectFormat("名单.xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
	zh, en, ok := strings.Cut(xiaoqi.ErrorMessage(err), " / ")
	if !ok || !strings.Contains(zh, "另存为") || strings.Contains(zh, "binary") || !strings.Contains(en, "save it") {
		t.Errorf("message %q: want Chinese first, then English", xiaoqi.ErrorMessage(err))
	}
}

// TestDefaultsByLabel: --default names a field as --mapping does, by its Chinese label or an
// alias (城市=西安市).
func TestDefaultsByLabel(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称", "测试工程师,甲公司")))
	s := openStore(t)
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Defaults: map[string]string{"城市": "西安市", "学历要求": "本科"}})
	if rep.Written != 1 {
		t.Fatalf("%s", problems(rep))
	}
	if j := jobsByTitle(t, s)["测试工程师"]; j.City != "西安市" || j.Degree != "本科" {
		t.Errorf("job in %q with degree %q, want 西安市 and 本科", j.City, j.Degree)
	}
}

// TestHeaderLineBreaks: a header written over two lines in its cell ("岗位\n名称") is shown on
// one line where problems name it.
func TestHeaderLineBreaks(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "jobs.csv", []byte("\"岗位\n名称\",公司名称,城市\r\n,甲公司,西安\r\n"))
	rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeDryRun})
	if len(rep.Problems) == 0 || strings.Contains(rep.Problems[0].String(), "\n") {
		t.Errorf("problems %q: want the header on one line", problems(rep))
	}
}

// TestSummaryBilingual: the summary an import prints says it in Chinese, then in English with
// the nouns that fit the counts ("1 rows read" before).
func TestSummaryBilingual(t *testing.T) {
	r := &ingest.Report{Counts: ingest.Counts{Read: 1, Written: 1, Created: 1, Duplicates: 1, EnterprisesCreated: 1}}
	s := r.Summary()
	zh, en, ok := strings.Cut(s, "\n")
	if !ok || !strings.Contains(zh, "读取 1 行") || !strings.Contains(zh, "新建企业 1 家") {
		t.Errorf("summary %q: want a Chinese line first", s)
	}
	for _, want := range []string{"1 row read", "1 duplicate,", "1 enterprise created"} {
		if !strings.Contains(en, want) {
			t.Errorf("English line %q lacks %q", en, want)
		}
	}
	r = &ingest.Report{Counts: ingest.Counts{Read: 2, Written: 2, EnterprisesCreated: 3}, Mode: ingest.ModeDryRun}
	if s := r.Summary(); !strings.Contains(s, "2 rows read") || !strings.Contains(s, "3 enterprises would be created") || !strings.Contains(s, "将新建企业 3 家") {
		t.Errorf("dry-run summary %q", s)
	}
}
