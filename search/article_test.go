package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestArticleNumbers: an item of the policy is found by its number however it is written.
func TestArticleNumbers(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_10"}, Number: 10, Heading: "加大财政支持力度", Text: "（十）加大财政支持力度。"},
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_12"}, Number: 12, Heading: "加大人才培育和引进力度",
			Text: "（十二）加大人才培育和引进力度。鼓励海外留学生在陕创办服务外包企业。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_q3"}, Name: "数据分析师", City: "西安市", Description: "负责第3季度报表。"},
		// Real titles: a code and a count before 项目, no item of the policy.
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_i17"}, Name: "精算I17项目岗", City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_pm"}, Name: "项目经理", City: "西安市", Description: "同时负责12项目的交付。"},
	)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"第十二条", []string{"pol_12"}},
		{"十二条", []string{"pol_12"}},
		{"第12条", []string{"pol_12"}},
		{"第１２条", []string{"pol_12"}}, // full width
		{"第 12 条", []string{"pol_12"}},
		{"第十二", []string{"pol_12"}},
		{"第十二项", []string{"pol_12"}},
		{"（十二）", []string{"pol_12"}},
		{"十二", []string{"pol_12"}},
		{"第十条", []string{"pol_10"}},
		{"政策第十条是什么", []string{"pol_10"}},
		{"第十二条 留学生", []string{"pol_12"}},
		{"第十条 第十二条", []string{"pol_10", "pol_12"}},
		{"第3季度", []string{"job_q3"}},      // no item: 第3 before another word
		{"精算I17项目岗", []string{"job_i17"}}, // no item: I17 is a code, 项 part of 项目
		{"12项目", []string{"job_pm"}},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || res.Relaxed {
			t.Errorf("%s = %v (relaxed %v, unmatched %q), want %v", tc.q, got, res.Relaxed, res.Unmatched, tc.want)
		}
	}
}
