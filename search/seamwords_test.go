package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestRoleWordAfterLongerWord: 架构师 found none of the postings titled 系统架构师,
// 自动驾驶系统架构师, 平台系统架构师 or 软件架构师, which gse cuts 系统架构|师 and 软件架构|师
// (架构 found them). A word is also found as the words inside a longer one, here across gse's cut.
func TestRoleWordAfterLongerWord(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_sys"}, Name: "系统架构师", City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_auto"}, Name: "自动驾驶系统架构师", City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_plat"}, Name: "平台系统架构师", City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_soft"}, Name: "软件架构师", City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_java"}, Name: "Java开发工程师", City: "西安市", Description: "参与系统架构设计。"},
	)
	want := []string{"job_auto", "job_plat", "job_soft", "job_sys"}
	for _, q := range []string{"架构师", "架构师 西安", "西安 架构师"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, want) || res.Relaxed {
			t.Errorf("%q = %v (relaxed %v), want %v", q, got, res.Relaxed, want)
		}
	}
}
