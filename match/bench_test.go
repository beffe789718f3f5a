package match_test

import (
	"context"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/match"
)

// provinceSize is the scale of the issue: about 3,000 programs, 5,000 enterprises and
// 50,000 job needs.
func provinceSize() marketSize {
	return marketSize{homePerCluster: 80, generalists: 80, entsPerCluster: 625, jobsMin: 8, jobsMax: 12}
}

func provinceMatcher(b *testing.B) (*match.Matcher, *market) {
	b.Helper()
	tax := loadTax(b)
	mk := newMarket(b, tax, provinceSize(), 11)
	m := match.New(nil, tax)
	m.LoadDocs(mk.docs)
	counts := map[xiaoqi.Kind]int{}
	for _, d := range mk.docs {
		counts[d.Kind()]++
	}
	b.Logf("province market: %d institutions, %d programs, %d enterprises, %d job needs",
		counts[xiaoqi.KindInstitution], counts[xiaoqi.KindProgram], counts[xiaoqi.KindEnterprise], counts[xiaoqi.KindJob])
	return m, mk
}

// BenchmarkEnterprisePartners is one party's suggestions at province scale (target ≤ 20 ms).
func BenchmarkEnterprisePartners(b *testing.B) {
	m, mk := provinceMatcher(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := m.EnterprisePartners(ctx, mk.ents[i%len(mk.ents)], xiaoqi.Scope{}, 10); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInstitutionPartners is the other side's suggestions (target ≤ 20 ms).
func BenchmarkInstitutionPartners(b *testing.B) {
	m, mk := provinceMatcher(b)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		if _, err := m.InstitutionPartners(ctx, mk.insts[i%len(mk.insts)], xiaoqi.Scope{}, 10); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAllocate is the full province-wide allocation (target ≤ 5 s).
func BenchmarkAllocate(b *testing.B) {
	m, _ := provinceMatcher(b)
	ctx := context.Background()
	for b.Loop() {
		a, err := m.Allocate(ctx, xiaoqi.Scope{}, 0)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(a.Allocation.Filled), "filled")
		b.ReportMetric(float64(a.Greedy.Filled), "greedy-filled")
		b.ReportMetric(float64(a.Allocation.Openings), "openings")
	}
}
