package search_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestStablePages: pages of equally scored hits neither repeat nor skip a document, under
// every sort.
func TestStablePages(t *testing.T) {
	x, _ := openIndex(t)
	var docs []xiaoqi.Doc
	for i := range 23 {
		docs = append(docs, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: fmt.Sprintf("job_%02d", 22-i)}, Name: "测试工程师", City: "西安市"})
	}
	index(t, x, docs...)
	for _, sort := range []string{"", xiaoqi.SortDateDesc, xiaoqi.SortDistance} {
		var got []string
		for page := 1; page <= 5; page++ {
			q := xiaoqi.SearchQuery{Q: "测试", Sort: sort, Near: &xiaoqi.GeoPoint{Lat: 34.36, Lon: 107.24}, Page: page, PerPage: 5}
			got = append(got, ids(find(t, x, q))...)
		}
		want := make([]string, 23)
		for i := range want {
			want[i] = fmt.Sprintf("job_%02d", i)
		}
		if !slices.Equal(got, want) {
			t.Errorf("sort %q: pages = %v, want every job once in id order", sort, got)
		}
	}
}
