package search_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

func TestApply(t *testing.T) {
	x, _ := openIndex(t)
	if x.Seq() != 0 {
		t.Fatalf("new index seq = %d", x.Seq())
	}
	docs := corpus()
	if err := x.Apply(upserts(0, docs...)); err != nil {
		t.Fatal(err)
	}
	if x.Seq() != uint64(len(docs)) {
		t.Errorf("seq = %d, want %d", x.Seq(), len(docs))
	}
	if n, err := x.Count(); err != nil || n != uint64(len(docs)) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(docs))
	}

	// An update replaces the document; a delete removes it; both in one batch.
	job := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_test_xa", Version: 2}, Name: "性能测试工程师", City: "西安市"}
	err := x.Apply([]xiaoqi.Change{
		{Seq: 20, Op: xiaoqi.OpUpsert, Kind: xiaoqi.KindJob, ID: job.ID, Version: 2, Doc: job},
		{Seq: 21, Op: xiaoqi.OpDelete, Kind: xiaoqi.KindPolicy, ID: "pol_12"},
		{Seq: 22, Op: xiaoqi.OpDelete, Kind: xiaoqi.KindJob, ID: "job_never_indexed"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if x.Seq() != 22 {
		t.Errorf("seq = %d, want 22", x.Seq())
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "产学研"})); len(got) != 0 {
		t.Errorf("deleted policy still found: %v", got)
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "性能测试"})); !slices.Equal(got, []string{"job_test_xa"}) {
		t.Errorf("updated job: %v", got)
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "自动化测试"})); len(got) != 0 {
		t.Errorf("old text of updated job still found: %v", got)
	}
	versions, err := x.Versions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{}
	for _, d := range docs {
		want[d.Base().ID] = 1
	}
	delete(want, "pol_12")
	want["job_test_xa"] = 2
	if !maps.Equal(versions, want) {
		t.Errorf("Versions = %v, want %v", versions, want)
	}

	// Replaying old changes is harmless and does not move seq back.
	if err := x.Apply(upserts(0, docs[1])); err != nil {
		t.Fatal(err)
	}
	if x.Seq() != 22 {
		t.Errorf("seq after replay = %d, want 22", x.Seq())
	}
	// Within one batch the last change of a document wins.
	err = x.Apply([]xiaoqi.Change{
		{Seq: 23, Op: xiaoqi.OpDelete, Kind: xiaoqi.KindJob, ID: "job_java_xa"},
		{Seq: 24, Op: xiaoqi.OpUpsert, Kind: xiaoqi.KindJob, ID: "job_java_xa", Doc: docs[2]},
		{Seq: 25, Op: xiaoqi.OpUpsert, Kind: xiaoqi.KindJob, ID: "job_test_bj", Doc: docs[1]},
		{Seq: 26, Op: xiaoqi.OpDelete, Kind: xiaoqi.KindJob, ID: "job_test_bj"},
	})
	if err != nil {
		t.Fatal(err)
	}
	versions, _ = x.Versions(context.Background())
	if _, ok := versions["job_java_xa"]; !ok {
		t.Error("job_java_xa deleted then upserted is missing")
	}
	if _, ok := versions["job_test_bj"]; ok {
		t.Error("job_test_bj upserted then deleted is present")
	}
}

// TestApplyAtomic: a batch that fails applies nothing, seq included.
func TestApplyAtomic(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x, corpus()[:2]...)
	bad := append(upserts(2, corpus()[2:4]...), xiaoqi.Change{Seq: 5, Op: "rename", ID: "job_x"})
	if err := x.Apply(bad); err == nil {
		t.Fatal("Apply with an unknown op succeeded")
	}
	if x.Seq() != 2 {
		t.Errorf("seq = %d after a failed batch, want 2", x.Seq())
	}
	if n, _ := x.Count(); n != 2 {
		t.Errorf("count = %d after a failed batch, want 2", n)
	}
}

func TestReopen(t *testing.T) {
	x, dir := openIndex(t)
	index(t, x, corpus()...)
	if err := x.Apply([]xiaoqi.Change{{Seq: 40, Op: xiaoqi.OpDelete, Kind: xiaoqi.KindJob, ID: "job_test_bj"}}); err != nil {
		t.Fatal(err)
	}
	before, err := x.Versions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}

	y, err := search.Open(dir, options(t))
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if y.Seq() != 40 {
		t.Errorf("seq after reopen = %d, want 40", y.Seq())
	}
	after, err := y.Versions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(before, after) || len(after) != len(corpus())-1 {
		t.Errorf("after reopen %v, before %v", after, before)
	}
	if got := ids(find(t, y, xiaoqi.SearchQuery{Q: "软件测试", City: "西安", Types: []xiaoqi.Kind{xiaoqi.KindJob}})); got[0] != "job_test_xa" {
		t.Errorf("search after reopen = %v", got)
	}
}

// TestOpenForeign: an index built with another mapping is refused, not silently used.
func TestOpenForeign(t *testing.T) {
	dir := t.TempDir() + "/index"
	b, err := bleve.New(dir, bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	x, err := search.Open(dir, options(t))
	if !errors.Is(err, search.ErrMappingChanged) {
		if x != nil {
			x.Close()
		}
		t.Fatalf("Open = %v, want ErrMappingChanged", err)
	}
}

func TestWaitFor(t *testing.T) {
	x, _ := openIndex(t)
	ctx := context.Background()

	done := make(chan error)
	go func() { done <- x.WaitFor(ctx, 3) }()
	index(t, x, corpus()[:2]...) // seq 2: not yet
	select {
	case err := <-done:
		t.Fatalf("WaitFor(3) returned at seq 2: %v", err)
	default:
	}
	index(t, x, corpus()[2]) // seq 3
	if err := <-done; err != nil {
		t.Fatalf("WaitFor: %v", err)
	}
	if err := x.WaitFor(ctx, 1); err != nil {
		t.Errorf("WaitFor a past seq: %v", err)
	}

	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if err := x.WaitFor(short, 100); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitFor past deadline = %v", err)
	}

	go func() { done <- x.WaitFor(ctx, 100) }()
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, search.ErrClosed) {
		t.Errorf("WaitFor on close = %v, want ErrClosed", err)
	}
}

// TestApplyLanes: a batch large enough to be split into lanes (one per core) applies every
// change in order per document, updates and deletes within the batch included, and records
// its seq once all are in.
func TestApplyLanes(t *testing.T) {
	x, dir := openIndex(t)
	var changes []xiaoqi.Change
	seq := uint64(0)
	job := func(i int, version int64) *xiaoqi.JobNeed {
		return &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: fmt.Sprintf("job_lane_%04d", i), Version: version},
			Name: fmt.Sprintf("软件测试工程师 v%d", version), EnterpriseName: "示例公司", City: "西安市"}
	}
	add := func(c xiaoqi.Change) { seq++; c.Seq = seq; changes = append(changes, c) }
	const n = 1200
	for i := range n {
		add(xiaoqi.Change{Op: xiaoqi.OpUpsert, Kind: xiaoqi.KindJob, ID: job(i, 1).ID, Version: 1, Doc: job(i, 1)})
	}
	want := map[string]int64{}
	for i := range n {
		switch i % 3 {
		case 0: // updated twice within the batch: the last version stays
			add(xiaoqi.Change{Op: xiaoqi.OpUpsert, Kind: xiaoqi.KindJob, ID: job(i, 2).ID, Version: 2, Doc: job(i, 2)})
			add(xiaoqi.Change{Op: xiaoqi.OpUpsert, Kind: xiaoqi.KindJob, ID: job(i, 3).ID, Version: 3, Doc: job(i, 3)})
			want[job(i, 3).ID] = 3
		case 1: // deleted after its upsert
			add(xiaoqi.Change{Op: xiaoqi.OpDelete, Kind: xiaoqi.KindJob, ID: job(i, 1).ID})
		default:
			want[job(i, 1).ID] = 1
		}
	}
	if err := x.Apply(changes); err != nil {
		t.Fatal(err)
	}
	check := func(x *search.Index) {
		t.Helper()
		if x.Seq() != seq {
			t.Errorf("seq = %d, want %d", x.Seq(), seq)
		}
		got, err := x.Versions(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, want) {
			t.Errorf("index holds %d documents, want %d (the same ids and versions)", len(got), len(want))
		}
		res := find(t, x, xiaoqi.SearchQuery{Q: "v3", Types: []xiaoqi.Kind{xiaoqi.KindJob}, PerPage: 100})
		if res.Total != n/3 {
			t.Errorf("search for the last version finds %d, want %d", res.Total, n/3)
		}
	}
	check(x)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	y, err := search.Open(dir, options(t))
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	check(y)
}
