package search_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// TestApplyLargeBatch: a batch large enough to be built on several goroutines applies its
// changes in order (the last change to an id wins, a delete in the middle holds), and every
// value of a list field (skills, places) is found, filtered and counted on its own.
func TestApplyLargeBatch(t *testing.T) {
	x, _ := openIndex(t)
	const n = 600
	docs := make([]xiaoqi.Doc, n)
	for i := range docs {
		docs[i] = &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: fmt.Sprintf("job_%03d", i), Version: 1, Synthetic: true},
			Name: "软件测试工程师", EnterpriseName: "陕西合成软件有限公司", City: "西安市",
			Skills: []string{"软件测试", "Python"}, Description: "负责功能测试"}
	}
	changes := upserts(0, docs...)
	// job_000, first in the batch, becomes a Java job in Baoji at its end: the last change
	// to an id must win wherever the builders split the batch.
	java := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_000", Version: 2, Synthetic: true},
		Name: "Java开发工程师", EnterpriseName: "陕西合成软件有限公司", City: "宝鸡市",
		Skills: []string{"Java", "Spring", "MySQL"}, Description: "负责后端开发"}
	changes = append(changes,
		xiaoqi.Change{Seq: n + 1, Op: xiaoqi.OpDelete, Kind: xiaoqi.KindJob, ID: "job_300"},
		xiaoqi.Change{Seq: n + 2, Op: xiaoqi.OpUpsert, Kind: xiaoqi.KindJob, ID: "job_000", Version: 2, Doc: java})
	if err := x.Apply(changes); err != nil {
		t.Fatal(err)
	}
	if x.Seq() != n+2 {
		t.Errorf("seq = %d, want %d", x.Seq(), n+2)
	}
	if c, _ := x.Count(); c != n-1 {
		t.Errorf("count = %d, want %d (job_300 deleted)", c, n-1)
	}
	for _, tc := range []struct {
		name string
		q    xiaoqi.SearchQuery
		want uint64
	}{
		{"third skill as text", xiaoqi.SearchQuery{Q: "MySQL"}, 1},
		{"second skill as filter", xiaoqi.SearchQuery{Skills: []string{"Spring"}}, 1},
		{"replaced skill gone", xiaoqi.SearchQuery{Skills: []string{"软件测试"}}, n - 2},
		{"city as text", xiaoqi.SearchQuery{Q: "宝鸡"}, 1},
	} {
		if res := find(t, x, tc.q); res.Total != tc.want {
			t.Errorf("%s: %+v found %d, want %d", tc.name, tc.q, res.Total, tc.want)
		}
	}
	res := find(t, x, xiaoqi.SearchQuery{Facets: []string{"skill"}})
	counts := map[string]int{}
	for _, f := range res.Facets["skill"] {
		counts[f.Value] = f.Count
	}
	want := map[string]int{"软件测试": n - 2, "Python": n - 2, "Java": 1, "Spring": 1, "MySQL": 1}
	for v, c := range want {
		if counts[v] != c {
			t.Errorf("facet skill %q = %d, want %d (all: %v)", v, counts[v], c, counts)
		}
	}
}

// strange is a document of a type the index does not know: it cannot be indexed.
type strange struct{ xiaoqi.Meta }

func (*strange) Kind() xiaoqi.Kind             { return xiaoqi.KindJob }
func (*strange) NaturalKey() string            { return "" }
func (*strange) Validate() error               { return nil }
func (*strange) Filterable() map[string]string { return nil }
func (*strange) Title() string                 { return "strange" }

// TestApplyLeavesOutWhatItCannotIndex: a document the index cannot take does not stop the
// batch, nor every later one: the rest is applied with its seq, the document is left out
// (its older version removed) and reported. A date bleve cannot store (a job need stored
// before validation bounded dates) is left out of the document, not the document out of the
// index.
func TestApplyLeavesOutWhatItCannotIndex(t *testing.T) {
	x, _ := openIndex(t)
	old := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_bad", Version: 1}, Name: "古籍修复师", EnterpriseName: "陕西合成软件有限公司", City: "西安市"}
	if err := x.Apply(upserts(0, old)); err != nil {
		t.Fatal(err)
	}
	future := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_future", Version: 1}, Name: "未来岗位", EnterpriseName: "陕西合成软件有限公司",
		City: "西安市", PostedAt: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)}
	good := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_good", Version: 1}, Name: "数据标注员", EnterpriseName: "陕西合成软件有限公司", City: "西安市"}
	changes := upserts(1, future, &strange{xiaoqi.Meta{ID: "job_bad", Version: 2}}, good)
	err := x.Apply(changes)
	var ue *search.UnindexedError
	if !errors.As(err, &ue) || len(ue.Docs) != 1 || ue.Docs[0].ID != "job_bad" || ue.Docs[0].Seq != 3 {
		t.Fatalf("Apply: %v, want an UnindexedError naming job_bad at seq 3", err)
	}
	if x.Seq() != 4 {
		t.Errorf("seq %d, want 4: the batch is applied", x.Seq())
	}
	for q, want := range map[string]string{"数据标注员": "job_good", "未来岗位": "job_future"} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: q})); len(got) != 1 || got[0] != want {
			t.Errorf("%s: hits %v, want %s", q, got, want)
		}
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "古籍修复师"})); len(got) != 0 {
		t.Errorf("the old version of the unindexable document is still found: %v", got)
	}
}
