package ingest_test

import (
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestTotalAndFooterRows: a total row (合计, 小计 …) and the footers under a table (制表人：,
// 备注：) are skipped and named once each, not reported as rows with three required values
// missing; a job titled 总计划员 is a job.
func TestTotalAndFooterRows(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "jobs.csv", []byte(csvLines(
		"序号,岗位名称,公司名称,城市,招聘人数",
		"1,Java开发工程师,西安合成软件有限公司,西安,3",
		"2,总计划员,西安合成软件有限公司,西安,1",
		"小计,,,,4",
		"合计：,,,,4",
		",合 计,,,4",
		"制表人：王某,,,审核人：李某,",
		"备注：以上岗位长期有效,,,,",
	)))
	var report strings.Builder
	rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindJob, ReportCSV: ingest.NewCSVWriter(&report)})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2, Skipped: 5, EnterprisesCreated: 1})
	for _, row := range []int{4, 5, 6} {
		if !hasProblem(rep, ingest.LevelNote, row, "", "合计行，已跳过 / row") {
			t.Errorf("row %d: want a note that it is a total row:%s", row, problems(rep))
		}
	}
	for _, row := range []int{7, 8} {
		if !hasProblem(rep, ingest.LevelNote, row, "", "表尾") {
			t.Errorf("row %d: want a note that it is a footer:%s", row, problems(rep))
		}
	}
	if rep.ProblemCount != 5 {
		t.Errorf("%d problems, want one note for each of the 5 rows:%s", rep.ProblemCount, problems(rep))
	}
	if !strings.Contains(rep.Summary(), "5 skipped") {
		t.Errorf("summary %q does not say that 5 rows were skipped", rep.Summary())
	}
}
