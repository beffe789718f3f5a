package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestCeKai: 测开, the trade's short word for 测试开发, finds the posting that says it and the
// 测试开发 ones; it was cut 测|开, 开 a function character left out, and 测 alone found every
// 测绘工程 program first.
func TestCeKai(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cekai"}, Name: "Java/C++/算法/测开/前端/后端", City: "西安市",
			Description: "多个方向招聘。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_testdev"}, Name: "测试开发工程师", City: "西安市", Skills: []string{"Python"},
			Description: "开发自动化测试平台。"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_survey"}, InstitutionName: "长安大学", Name: "测绘工程", Degree: "本科",
			City: "西安市", Description: "测量与地图制图。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_open"}, Name: "门店开业筹备专员", City: "西安市", Description: "负责新店开张。"},
	)
	res := find(t, x, xiaoqi.SearchQuery{Q: "测开"})
	got := ids(res)
	if len(got) == 0 || got[0] != "job_cekai" || !slices.Contains(got, "job_testdev") ||
		slices.Contains(got, "prg_survey") || slices.Contains(got, "job_open") {
		t.Errorf("测开 = %v (relaxed %v), want job_cekai first, job_testdev, and neither prg_survey nor job_open", got, res.Relaxed)
	}
}
