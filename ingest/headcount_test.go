package ingest_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/internal/msgcheck"
)

// wantBilingual fails for a problem of rep that does not read "中文 / English" with the same
// values in both halves.
func wantBilingual(t *testing.T, rep *ingest.Report) {
	t.Helper()
	for _, p := range rep.Problems {
		if err := msgcheck.Check(p.Message); err != nil {
			t.Errorf("row %d [%s]: %v", p.Row, p.Column, err)
		}
	}
}

// TestHeadcountsAsPeopleWriteThem: 很多 refused the posting; 3-5人 was stored as 5, more than
// the firm promises, while 5人以上 and 10余人 were stored as 5 and 10 without a word. Every
// range and open count is now the number the firm will hire at least, and the report says
// so; a vague word (很多, 数名, 不限) leaves the headcount out, as 若干 does.
func TestHeadcountsAsPeopleWriteThem(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,城市,招聘人数",
		"客服A,甲公司,西安,很多",
		"客服B,甲公司,西安,数名",
		"客服C,甲公司,西安,10余人",
		"客服D,甲公司,西安,十人",
		"客服E,甲公司,西安,3-5人",
		"客服F,甲公司,西安,5人以上",
		"客服G,甲公司,西安,不限",
		"客服H,甲公司,西安,2人及以上",
		"客服I,甲公司,西安,两三人",
		"客服J,甲公司,西安,五个工程师",
		"客服K,甲公司,西安,0人",
	)))
	s := openStore(t)
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 11, Written: 9, Created: 9, Invalid: 2, Warnings: 5, EnterprisesCreated: 1})
	for _, w := range []struct {
		row  int
		text string
	}{{4, "at least 10"}, {6, "lower bound, 3"}, {6, "下限 3"}, {7, "at least 5"}, {9, "at least 2"}, {10, "lower bound, 2"}} {
		if !hasProblem(rep, ingest.LevelWarning, w.row, "招聘人数", w.text) {
			t.Errorf("row %d: want a warning in 招聘人数 saying %q:%s", w.row, w.text, problems(rep))
		}
	}
	if !hasProblem(rep, ingest.LevelError, 11, "招聘人数", "招聘人数 \"五个工程师\" 应为人数") || !hasProblem(rep, ingest.LevelError, 11, "招聘人数", "must be a number of people") {
		t.Errorf("row 11: want a bilingual error in 招聘人数:%s", problems(rep))
	}
	// 0, which the API refuses, was stored as a posting without a headcount.
	if !hasProblem(rep, ingest.LevelError, 12, "招聘人数", "must be at least 1") {
		t.Errorf("row 12: want an error for a headcount of 0:%s", problems(rep))
	}
	wantBilingual(t, rep)
	jobs := jobsByTitle(t, s)
	for title, n := range map[string]int{"客服A": 0, "客服B": 0, "客服C": 10, "客服D": 10, "客服E": 3, "客服F": 5, "客服G": 0, "客服H": 2, "客服I": 2} {
		if j := jobs[title]; j == nil || j.Headcount != n {
			t.Errorf("%s: stored %+v, want headcount %d", title, j, n)
		}
	}
}
