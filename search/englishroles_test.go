package search_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEnglishITRoles: the English of the common IT roles finds the postings that title them
// in Chinese: Product Manager found none of the 产品经理 postings, Frontend Engineer nothing
// for its Frontend, Backend Engineer and Algorithm Engineer a few that merely say the words.
func TestEnglishITRoles(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_pm"}, Name: "产品经理", City: "西安市", Description: "负责产品规划与需求管理。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_fe"}, Name: "前端开发工程师", City: "西安市", Description: "负责网站页面开发。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_be"}, Name: "后端开发工程师", City: "西安市", Description: "负责服务端接口开发。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_algo"}, Name: "算法工程师", City: "西安市", Description: "负责推荐算法研发。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_en"}, Name: "Sales Manager", City: "西安市", Description: "Manage product sales; work with the engineer team."},
	)
	for _, tc := range []struct{ q, first string }{
		{"Product Manager", "job_pm"}, {"product managers", "job_pm"},
		{"Frontend Engineer", "job_fe"}, {"front-end developer", "job_fe"}, {"Frontend", "job_fe"},
		{"Backend Engineer", "job_be"}, {"backend", "job_be"},
		{"Algorithm Engineer", "job_algo"},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		if got := ids(res); len(got) == 0 || got[0] != tc.first || res.Relaxed {
			t.Errorf("%q = %v (relaxed %v), want %s first", tc.q, got, res.Relaxed, tc.first)
		}
	}
}
