package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestSalary: a job seeker or an HR manager asking for Java jobs that pay 1万 a month or more
// finds those whose range reaches it, not those below it or stating none (面议); whether the
// salary is typed in the query (Java 月薪1万以上, 15k) or given as the filter; sort=salary puts
// the best paid first, and a hit says its salary.
func TestSalary(t *testing.T) {
	x := openProductIndex(t)
	job := func(id string, lo, hi int, text string) xiaoqi.Doc {
		return &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: id}, Name: "Java开发工程师", City: "西安市", Skills: []string{"Java"},
			SalaryMin: lo, SalaryMax: hi, SalaryText: text, Description: "负责Java后端开发。"}
	}
	index(t, x, job("job_6_8", 6000, 8000, "6-8千"), job("job_8_12", 8000, 12000, "8千-1.2万"), job("job_15_25", 15000, 25000, "1.5-2.5万·14薪"),
		job("job_9up", 9000, 0, ""), job("job_none", 0, 0, "面议"),
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_java"}, InstitutionName: "西安邮电大学", Name: "Java方向", City: "西安市", Skills: []string{"Java"}})
	for _, tc := range []struct {
		name string
		q    xiaoqi.SearchQuery
		want []string
	}{
		{"typed", xiaoqi.SearchQuery{Q: "Java 月薪1万以上"}, []string{"job_15_25", "job_8_12", "job_9up"}},
		{"typed in k", xiaoqi.SearchQuery{Q: "15k Java"}, []string{"job_15_25", "job_9up"}},
		{"typed range", xiaoqi.SearchQuery{Q: "Java 7千-9千"}, []string{"job_6_8", "job_8_12", "job_9up"}},
		{"filter", xiaoqi.SearchQuery{Q: "Java", Salary: &xiaoqi.SalaryRange{Min: 10000}}, []string{"job_15_25", "job_8_12", "job_9up"}},
		{"filter alone", xiaoqi.SearchQuery{Salary: &xiaoqi.SalaryRange{Min: 20000, Max: 30000}}, []string{"job_15_25", "job_9up"}},
		{"no salary asked", xiaoqi.SearchQuery{Q: "Java"}, []string{"job_15_25", "job_6_8", "job_8_12", "job_9up", "job_none", "prg_java"}},
	} {
		got := ids(find(t, x, tc.q))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %+v found %v, want %v", tc.name, tc.q, got, tc.want)
		}
	}
	res := find(t, x, xiaoqi.SearchQuery{Q: "Java", Sort: xiaoqi.SortSalary})
	if got := ids(res); !slices.Equal(got[:4], []string{"job_15_25", "job_8_12", "job_9up", "job_6_8"}) {
		t.Errorf("sort=salary: %v, want the best paid first (1.5-2.5万, 8千-1.2万, 9000 and more, 6-8千), then the rest", got)
	}
	// 高薪 asks for the same order, and is no word.
	for _, q := range []string{"高薪 Java", "Java高薪", "高薪的Java"} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: q})); len(got) < 4 || !slices.Equal(got[:4], []string{"job_15_25", "job_8_12", "job_9up", "job_6_8"}) {
			t.Errorf("%s: %v, want the best paid first", q, got)
		}
	}
	for _, h := range res.Hits {
		want := map[string][3]any{"job_15_25": {"1.5-2.5万·14薪", 15000, 25000}, "job_9up": {"9000元/月以上", 9000, nil},
			"job_6_8": {"6-8千", 6000, 8000}, "job_8_12": {"8千-1.2万", 8000, 12000}}[h.ID]
		if h.Fields["salary"] != want[0] && (want[0] != nil || h.Fields["salary"] != nil) || h.Fields["salary_min"] != want[1] || h.Fields["salary_max"] != want[2] {
			t.Errorf("hit %s: salary %v %v–%v, want %v %v–%v", h.ID, h.Fields["salary"], h.Fields["salary_min"], h.Fields["salary_max"], want[0], want[1], want[2])
		}
	}
}
