package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEnglishSkillPhrase: a skill's English name of several words finds the postings that say
// it, or the skill's Chinese name, before the long English descriptions that hold its words
// apart (real BOSS直聘 postings: Software testing found senior software engineer … unit tests
// first, precision@10 0.4; Database design an Acoustics Design Engineer with a database).
func TestEnglishSkillPhrase(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_apart"}, Name: "Senior Software Engineer", EnterpriseName: "上海某软件有限公司",
			City: "上海市", Description: "Build backend services in Go. Software design reviews. You write unit tests, test plans for your code and keep the database design clean."},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_zh"}, Name: "软件测试工程师", EnterpriseName: "西安某软件有限公司",
			City: "西安市", Skills: []string{"软件测试"}, Description: "负责软件测试，编写测试用例。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_en"}, Name: "QA Engineer", EnterpriseName: "西安某外包有限公司",
			City: "西安市", Description: "Software testing of web applications; experience in database design is a plus."},
	)
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"Software testing", []string{"job_zh", "job_en"}},
		{"Database design", []string{"job_en"}},
	} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Q: c.q, Types: []xiaoqi.Kind{xiaoqi.KindJob}}))
		if len(got) < len(c.want) || slices.Contains(got[:len(c.want)], "job_apart") {
			t.Errorf("%q: hits %v, want %v before job_apart", c.q, got, c.want)
		}
	}
}

// TestEnglishStemNamesNoOtherWord: an English word finds the skills whose names hold it, not
// those whose names hold another word the stemmer cuts to the same stem: animation (anim)
// found the postings of 动物实验 (Animal studies: animal, anim) among those of 二维动画, and
// customer those of 报关 (Customs declaration).
func TestEnglishStemNamesNoOtherWord(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_anim"}, Name: "动画师", City: "西安市", Skills: []string{"二维动画"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_lab"}, Name: "实验员", City: "西安市", Skills: []string{"动物实验"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cs"}, Name: "客服专员", City: "西安市", Skills: []string{"客户服务"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_customs"}, Name: "报关员", City: "西安市", Skills: []string{"报关"}},
	)
	for q, want := range map[string]string{"animation": "job_anim", "animal": "job_lab", "animals": "job_lab",
		"customer": "job_cs", "customs": "job_customs"} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: q})); !slices.Equal(got, []string{want}) {
			t.Errorf("%s found %v, want %s alone", q, got, want)
		}
	}
}
