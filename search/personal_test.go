package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestPersonalAttributesIgnored: an age, a gender, a marital status or an ethnicity typed as
// a recruiter types it on a job board (35岁以下 Java, Java 25岁, 外包 测试 女) is no criterion
// xiaoqi searches by. It is left out of the words and named in ignored, not searched: 以下 of
// 35岁以下 was a required word, found in the programs' 区县级及以下机关, which came before
// every Java posting; 25 of 25岁 found the candidates of the class of 2025 (25届) and left
// out the others; 女 was named as a word nothing holds, as if it could be searched.
func TestPersonalAttributesIgnored(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_java"}, Name: "Java开发工程师", City: "西安市", Skills: []string{"Java"}},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_math"}, InstitutionName: "西安某大学", Name: "信息与计算科学", City: "西安市",
			Skills:      []string{"Java"},
			Description: "就业方向：软件工程师、公务员(区县级及以下机关)"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_2025"}, City: "西安市", Degree: "本科", Skills: []string{"Java"},
			Education: []xiaoqi.Education{{InstitutionName: "西安某大学", Major: "软件工程", Degree: "本科", GraduationYear: 2025}}},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_2019"}, City: "西安市", Degree: "本科", Skills: []string{"Java"},
			Education: []xiaoqi.Education{{InstitutionName: "西安某大学", Major: "软件工程", Degree: "本科", GraduationYear: 2019}}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_test"}, Name: "测试工程师", City: "西安市", Skills: []string{"软件测试"},
			Description: "服务外包项目的软件测试。"},
	)
	all := []string{"cnd_2019", "cnd_2025", "job_java", "prg_math"}
	for _, tc := range []struct {
		q       string
		first   string   // the first hit
		want    []string // every hit, sorted
		ignored []string
	}{
		{"35岁以下 Java", "job_java", all, []string{"35岁以下"}},
		{"Java 25岁", "", all, []string{"25岁"}},
		{"Java 18-35周岁", "", all, []string{"18-35周岁"}},
		{"年龄25以下 java", "", all, []string{"年龄25以下"}},
		{"Java 年龄不限", "", all, []string{"年龄不限"}},
		{"Java 三十岁以内", "", all, []string{"三十岁以内"}},
		{"Java developer under 35 years old", "job_java", nil, []string{"under 35 years old"}},
		{"外包 测试 女", "job_test", []string{"job_test"}, []string{"女"}},
		{"女性优先 测试", "job_test", []string{"job_test"}, []string{"女性优先"}},
		{"测试 已婚 汉族", "job_test", []string{"job_test"}, []string{"已婚", "汉族"}},
		{"测试 male", "job_test", []string{"job_test"}, []string{"male"}},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		got := ids(res)
		if tc.first != "" && (len(got) == 0 || got[0] != tc.first) {
			t.Errorf("%s: %v first; want %s first", tc.q, got, tc.first)
		}
		slices.Sort(got)
		if tc.want != nil && !slices.Equal(got, tc.want) || res.Relaxed || res.Unmatched != nil || !slices.Equal(res.Ignored, tc.ignored) {
			t.Errorf("%s: %v (relaxed %v, unmatched %q, ignored %q); want %v, ignored %q, not relaxed",
				tc.q, got, res.Relaxed, res.Unmatched, res.Ignored, tc.want, tc.ignored)
		}
	}
	// What is not about a person stays a word: a class (25届), experience (3年), a salary.
	for _, q := range []string{"25届 Java", "Java 3年", "女装设计", "男装"} {
		if res := find(t, x, xiaoqi.SearchQuery{Q: q}); res.Ignored != nil {
			t.Errorf("%s: ignored %q; want nothing ignored", q, res.Ignored)
		}
	}
}
