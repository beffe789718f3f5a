package bolt_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// BenchmarkUpsertBatch measures importing batches of 500 new job needs, one fsync per batch.
func BenchmarkUpsertBatch(b *testing.B) {
	s := open(b)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		if _, err := s.Upsert(ctx, jobs(fmt.Sprintf("bench-%d", i), 500)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*500)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkCount compares the kept count with a filtered scan over 10,000 documents.
func BenchmarkCount(b *testing.B) {
	s := open(b)
	ctx := context.Background()
	for i := range 20 {
		if _, err := s.Upsert(ctx, jobs(fmt.Sprintf("count-%d", i), 500)); err != nil {
			b.Fatal(err)
		}
	}
	for _, filters := range []map[string]string{nil, {"city": "西安市"}} {
		b.Run(fmt.Sprintf("filters=%d", len(filters)), func(b *testing.B) {
			for b.Loop() {
				if n, err := s.Count(ctx, xiaoqi.KindJob, filters); err != nil || n != 10000 {
					b.Fatalf("Count = %d, %v", n, err)
				}
			}
		})
	}
}
