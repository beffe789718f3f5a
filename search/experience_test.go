package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestExperience: an HR manager or a candidate looking for Java jobs for three years of
// experience finds those asking 1-3年, 3-5年, 3年 (or more) or nothing in particular, not 5-7年
// or 应届生; whether the years are typed in the query (Java 3年经验) or given as the filter.
func TestExperience(t *testing.T) {
	x := openProductIndex(t)
	job := func(id, exp string) xiaoqi.Doc {
		return &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: id}, Name: "Java开发工程师", City: "西安市", Skills: []string{"Java"},
			Experience: exp, Description: "1. 负责Java后端开发；2. 编写技术文档；3. 配合测试。"}
	}
	index(t, x, job("job_13", "1-3年"), job("job_35", "3-5年"), job("job_3up", "3年"), job("job_any", "经验不限"),
		job("job_57", "5-7年"), job("job_new", "应届生"), job("job_none", ""),
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_java"}, InstitutionName: "西安邮电大学", Name: "Java方向", City: "西安市", Skills: []string{"Java"}},
	)
	// A hit says what its job asks for, as the filter reads it.
	for _, h := range find(t, x, xiaoqi.SearchQuery{Q: "Java", Types: []xiaoqi.Kind{xiaoqi.KindJob}, PerPage: 20}).Hits {
		want := map[string]string{"job_13": "1-3年", "job_35": "3-5年", "job_3up": "3年以上", "job_any": "不限",
			"job_57": "5-7年", "job_new": "应届生", "job_none": ""}[h.ID]
		if got, _ := h.Fields["experience"].(string); got != want {
			t.Errorf("hit %s: experience %q, want %q", h.ID, got, want)
		}
	}
	three := &xiaoqi.Experience{Min: 3, Max: 3}
	for _, tc := range []struct {
		name string
		q    xiaoqi.SearchQuery
		want []string
	}{
		{"typed", xiaoqi.SearchQuery{Q: "Java 3年经验"}, []string{"job_13", "job_35", "job_3up", "job_any"}},
		{"typed after", xiaoqi.SearchQuery{Q: "经验3年 Java 西安"}, []string{"job_13", "job_35", "job_3up", "job_any"}},
		{"filter", xiaoqi.SearchQuery{Q: "Java", Experience: three}, []string{"job_13", "job_35", "job_3up", "job_any"}},
		{"new graduates", xiaoqi.SearchQuery{Q: "Java", Experience: &xiaoqi.Experience{}}, []string{"job_any", "job_new"}},
		{"five or more", xiaoqi.SearchQuery{Q: "Java 5年以上经验"}, []string{"job_35", "job_3up", "job_57", "job_any"}},
		{"no years", xiaoqi.SearchQuery{Q: "Java"}, []string{"job_13", "job_35", "job_3up", "job_57", "job_any", "job_new", "job_none", "prg_java"}},
	} {
		got := ids(find(t, x, tc.q))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %+v found %v, want %v", tc.name, tc.q, got, tc.want)
		}
	}
}
