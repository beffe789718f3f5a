package bolt_test

import (
	"context"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestFiltersFollowWrites: filters on keyed fields (enterprise_id, answered from idx) and on
// shared fields (city, status …, answered from flt) see inserts, updates that move a document
// from one value to another, and deletes; an empty value is a value like any other.
func TestFiltersFollowWrites(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	docs := jobs("filters", 30)
	for i, d := range docs {
		j := d.(*xiaoqi.JobNeed)
		switch {
		case i < 10:
			j.EnterpriseID, j.City = "ent_a", "宝鸡市"
		case i < 20:
			j.EnterpriseID = "ent_b"
		}
		// the last 10 have no enterprise_id, only a name
	}
	if _, err := s.Upsert(ctx, docs); err != nil {
		t.Fatal(err)
	}
	count := func(filters map[string]string) int64 {
		t.Helper()
		n, err := s.Count(ctx, xiaoqi.KindJob, filters)
		if err != nil {
			t.Fatalf("Count(%v): %v", filters, err)
		}
		page, err := s.List(ctx, xiaoqi.KindJob, xiaoqi.ListOptions{Filters: filters, Limit: 100})
		if err != nil {
			t.Fatalf("List(%v): %v", filters, err)
		}
		if int64(len(page.Docs)) != n {
			t.Fatalf("List(%v) gives %d docs, Count %d", filters, len(page.Docs), n)
		}
		return n
	}
	cases := []struct {
		f    map[string]string
		want int64
	}{
		{map[string]string{"enterprise_id": "ent_a"}, 10},
		{map[string]string{"enterprise_id": "ent_b", "city": "西安市"}, 10},
		{map[string]string{"enterprise_id": "ent_a", "city": "西安市"}, 0},
		{map[string]string{"enterprise_id": ""}, 10},
		{map[string]string{"enterprise_id": "", "city": "西安市"}, 10},
		{map[string]string{"city": "宝鸡市", "synthetic": "true"}, 10},
		{map[string]string{"enterprise_id": "ent_a", "city": "宝鸡市", "status": "open"}, 0},
	}
	for _, c := range cases {
		if got := count(c.f); got != c.want {
			t.Errorf("after insert: Count(%v) = %d, want %d", c.f, got, c.want)
		}
	}

	// Move two of ent_a's jobs to ent_b in 西安市, and delete one of ent_b's.
	for _, d := range docs[:2] {
		j := d.(*xiaoqi.JobNeed)
		j.EnterpriseID, j.City, j.Version = "ent_b", "西安市", 0
	}
	if _, err := s.Upsert(ctx, docs[:2]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(ctx, xiaoqi.KindJob, docs[15].Base().ID, 0); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		f    map[string]string
		want int64
	}{
		{map[string]string{"enterprise_id": "ent_a"}, 8},
		{map[string]string{"enterprise_id": "ent_b"}, 11},
		{map[string]string{"enterprise_id": "ent_b", "city": "西安市"}, 11},
		{map[string]string{"city": "宝鸡市"}, 8},
		{map[string]string{"city": "西安市"}, 21},
		{map[string]string{"synthetic": "true"}, 29},
	} {
		if got := count(c.f); got != c.want {
			t.Errorf("after update and delete: Count(%v) = %d, want %d", c.f, got, c.want)
		}
	}
}
