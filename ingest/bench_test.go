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

// BenchmarkImportBesideCandidates measures a school's small list (20 graduates with phones,
// under a source of its own) imported beside 100,000 stored candidates: each row's person is
// looked for among them (samePerson). Reading every candidate for it took 6 s and 380 MB an
// import; the embedded store's identity index, about 20 ms.
func BenchmarkImportBesideCandidates(b *testing.B) {
	const stored, rows = 100000, 20
	ctx := context.Background()
	s := openStore(b)
	batch := make([]xiaoqi.Doc, 0, 1000)
	for i := range stored {
		c := &xiaoqi.Candidate{Name: fmt.Sprintf("合成候选人%d", i), Phone: fmt.Sprintf("139%08d", i), Email: fmt.Sprintf("c%d@example.com", i),
			City: "西安市", Degree: "本科", Skills: []string{"Java", "MySQL"}, Summary: strings.Repeat("合成数据的个人简介。", 20)}
		c.Source, c.ExternalID, c.Synthetic = "province", fmt.Sprint(i), true
		if batch = append(batch, c); len(batch) == cap(batch) || i == stored-1 {
			if _, err := s.Upsert(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	var sb strings.Builder
	sb.WriteString("姓名,电话,学历,城市\n")
	for i := range rows {
		fmt.Fprintf(&sb, "合成毕业生%d,138%08d,本科,西安\n", i, i)
	}
	path := filepath.Join(b.TempDir(), "毕业生.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		// A source of its own each time: the rows are new, and each is looked for.
		if _, err := ingest.Import(ctx, s, path, ingest.Options{Type: xiaoqi.KindCandidate, Source: fmt.Sprint("school", i)}); err != nil {
			b.Fatal(err)
		}
	}
}
