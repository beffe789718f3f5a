package search_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestSeniorityInTitle: a level of seniority typed with a skill (Senior Java Developer, 资深Java,
// junior, intern) goes with the skill, as title words do, and is a preference: the postings
// titled with that level first, the others still found. Senior was dropped, and 高级Java开发
// came after the plain Java postings.
func TestSeniorityInTitle(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_1"}, Name: "Java开发工程师", City: "西安市", Skills: []string{"Java"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_2"}, Name: "Java开发工程师", City: "宝鸡市", Skills: []string{"Java"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_senior"}, Name: "高级Java开发工程师（金融方向）", City: "西安市", Skills: []string{"Java", "Spring"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_junior"}, Name: "初级Java开发工程师（应届）", City: "西安市", Skills: []string{"Java", "MySQL"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_intern"}, Name: "Java开发实习生（2027届）", City: "西安市", Skills: []string{"Java", "Linux"}},
	)
	all := find(t, x, xiaoqi.SearchQuery{Q: "Java"}).Total
	for q, want := range map[string]string{
		"Senior Java Developer": "job_senior", "senior java": "job_senior", "高级Java": "job_senior", "资深Java": "job_senior",
		"Junior Java developer": "job_junior", "初级 Java": "job_junior",
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if got := ids(res); len(got) == 0 || got[0] != want || res.Total != all {
			t.Errorf("%s = %v (%d), want %s first of all %d Java postings", q, got, res.Total, want, all)
		}
	}
	// 实习 is a word a posting says, as before (internships asked for); the titles first.
	for _, q := range []string{"Java intern", "Java 实习"} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: q})); len(got) == 0 || got[0] != "job_intern" {
			t.Errorf("%s = %v, want job_intern first", q, got)
		}
	}
}
