package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestSymbolNamesBesideChinese: C found 63 jobs of which three asked for C# and not C, their
// tags written 、c#、 or 熟悉c#开发: the English field kept c# whole only between Latin
// spaces, and cut it to c beside Chinese text and punctuation.
func TestSymbolNamesBesideChinese(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_tags"}, Name: "软件工程师（光谱产品）", City: "西安市", Description: "标签 Tags：1年、本科、c#、上位机"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_joined"}, Name: "软件工程师", City: "西安市", Description: "熟悉c#开发"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_c"}, Name: "嵌入式工程师", City: "西安市", Description: "熟悉C语言、c/c++"},
	)
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "C"})); !slices.Equal(got, []string{"job_c"}) {
		t.Errorf("C = %v, want job_c alone (the others ask for C#)", got)
	}
	got := ids(find(t, x, xiaoqi.SearchQuery{Q: "C#"}))
	slices.Sort(got)
	if !slices.Equal(got, []string{"job_joined", "job_tags"}) {
		t.Errorf("C# = %v, want job_joined and job_tags", got)
	}
}
