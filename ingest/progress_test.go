package ingest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// slowGets is a store whose reads of one document take a while, as FerretDB's did under load.
type slowGets struct {
	xiaoqi.Store
	wait time.Duration
}

func (s slowGets) Get(ctx context.Context, k xiaoqi.Kind, id string) (xiaoqi.Doc, error) {
	time.Sleep(s.wait)
	return s.Store.Get(ctx, k, id)
}

// TestProgressWhileRowsReadSlowly: a re-import reads each stored posting it adopts; on a slow
// store a batch of 1,000 rows took minutes to fill, and the job showed 0 rows and 0 bytes all
// that while. Progress moves as rows are read, whatever the batch size.
func TestProgressWhileRowsReadSlowly(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	const n = 120
	file := func(name, date string) string {
		lines := []string{"岗位名称,公司名称,城市,区县,招聘人数,发布日期"}
		for i := range n {
			lines = append(lines, fmt.Sprintf("测试工程师%d,西安合成软件有限公司,西安,雁塔区,1,%s", i, date))
		}
		return writeFile(t, name, []byte(csvLines(lines...)))
	}
	mustImport(t, s, file("jobs.csv", "2024-03-01"), ingest.Options{Type: xiaoqi.KindJob})

	var seen []ingest.Progress
	opt := ingest.Options{Type: xiaoqi.KindJob, Progress: func(p ingest.Progress) { seen = append(seen, p) }}
	// Under another name, each row adopts the stored posting it is, whose reading takes 20 ms:
	// the file takes 2.4 s at least.
	rep, err := ingest.Import(context.Background(), slowGets{s, 20 * time.Millisecond}, file("岗位需求-3月.csv", "2024-03-08"), opt)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, rep, ingest.Counts{Read: n, Written: n, Updated: n})
	if len(seen) < 2 || seen[0].Rows == 0 || seen[0].Rows >= n || seen[0].Written == 0 || seen[0].Bytes == 0 {
		t.Fatalf("progress %+v; want it reported before the end, with rows written and bytes read", seen)
	}
	if last := seen[len(seen)-1]; last.Rows != n || last.Written != n {
		t.Errorf("last progress %+v, want all %d rows", last, n)
	}
}
