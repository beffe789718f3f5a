package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestLanguageAmongSkills: a job need whose English is one of its skills (a posting's tag
// 英语), not in its languages, is found by the language filter, as one whose languages say it;
// a skill that is no language does not make one.
func TestLanguageAmongSkills(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_tag"}, Name: "Automation Tester", City: "西安市", Skills: []string{"接口测试", "英语"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cet"}, Name: "测试工程师", City: "西安市", Skills: []string{"软件测试"}, Languages: []string{"英语四级"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_none"}, Name: "测试工程师", City: "西安市", Skills: []string{"软件测试"}},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_jp"}, City: "西安市", Skills: []string{"Java", "日语N1"}, Visibility: xiaoqi.VisibilityAnonymous})
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"英语", []string{"job_cet", "job_tag"}},
		{"日语N2", []string{"cnd_jp"}}, // N1 meets N2
	} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Languages: []string{tc.lang}}))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("language=%s: %v, want %v", tc.lang, got, tc.want)
		}
	}
}
