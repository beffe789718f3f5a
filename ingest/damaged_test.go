package ingest_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestDamagedTextWarned: 51job's export holds titles and firm names with characters lost
// before it was written (大数据��程师, 南京浩博科技有��公司: U+FFFD, what a decoder writes for
// bytes it cannot read). They were imported without a word, a firm of a broken name created.
// The row is still imported, with a warning in each damaged column.
func TestDamagedTextWarned(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "51job.csv", []byte(csvLines(
		"jobName,area,salary,companyName",
		"大数据\ufffd\ufffd程师,重庆重庆渝北区,1-1.5万,南京合成科技有\ufffd\ufffd公司",
		"Python工程师,陕西省西安雁塔区,1-1.5万,西安合成科技有限公司",
	)))
	s := openStore(t)
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2, Warnings: 1, EnterprisesCreated: 2})
	for _, col := range []string{"jobName", "companyName"} {
		if !hasProblem(rep, ingest.LevelWarning, 2, col, "could not be read (�)") || !hasProblem(rep, ingest.LevelWarning, 2, col, "无法识别的字符") {
			t.Errorf("want a warning in %s of row 2:%s", col, problems(rep))
		}
	}
	wantBilingual(t, rep)
	if len(rep.Problems) != 2 {
		t.Errorf("%d problems, want the two warnings of row 2:%s", len(rep.Problems), problems(rep))
	}
}
