package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// discardStore accepts every write and stores nothing: it measures the importer without the
// store (reading, mapping, validating, deduplicating).
type discardStore struct{ xiaoqi.Store }

func (discardStore) Upsert(_ context.Context, docs []xiaoqi.Doc) ([]xiaoqi.WriteResult, error) {
	out := make([]xiaoqi.WriteResult, len(docs))
	for i, d := range docs {
		out[i] = xiaoqi.WriteResult{Kind: d.Kind(), Created: true}
	}
	return out, nil
}

func (discardStore) Get(_ context.Context, k xiaoqi.Kind, id string) (xiaoqi.Doc, error) {
	return nil, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "%s %s not found", k, id)
}

// benchCSV writes n synthetic job rows.
func benchCSV(b testing.TB, n int) string {
	b.Helper()
	var sb strings.Builder
	sb.WriteString("岗位名称,公司名称,工作地点,学历要求,招聘人数,薪资,技能,岗位描述,发布日期\n")
	for i := range n {
		fmt.Fprintf(&sb, "合成岗位%d,合成数据第%d号软件服务有限公司,陕西省西安雁塔区,本科及以上,%d人,8千-1.2万·13薪,Java、Linux、五险一金,合成数据：第%d号岗位的描述,2024-03-%02d\n",
			i, i%500, i%9+1, i, i%28+1)
	}
	p := filepath.Join(b.TempDir(), "bench.csv")
	if err := os.WriteFile(p, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkImport measures rows/s of a 20,000-row CSV, into the embedded store and into a
// store that discards (the importer's own cost).
func BenchmarkImport(b *testing.B) {
	const rows = 20000
	path := benchCSV(b, rows)
	for _, tt := range []struct {
		name  string
		store func() xiaoqi.Store
	}{
		{"store=discard", func() xiaoqi.Store { return discardStore{} }},
		{"store=bolt", func() xiaoqi.Store { return openStore(b) }},
	} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				rep, err := ingest.Import(context.Background(), tt.store(), path, ingest.Options{Type: xiaoqi.KindJob})
				if err != nil || rep.Written != rows {
					b.Fatalf("%v: %+v", err, rep)
				}
			}
			b.ReportMetric(float64(b.N*rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
