package search_test

import (
	"context"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestRoleAbbreviations: the abbreviations a recruiter types for a role find the postings of
// the role, first: BE found nothing (be is an English word), CV nothing, SRE none of the
// 运维 postings and 测开 only those that say 测开; ML listed the 人工智能 programs and
// candidates of its related skills before a 机器学习 posting. A short abbreviation is no
// typo of a longer word (HTML, CVE).
func TestRoleAbbreviations(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_be"}, Name: "后端开发工程师", City: "西安市", Description: "负责服务端接口开发。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cv"}, Name: "算法工程师（计算机视觉方向）", City: "西安市", Skills: []string{"计算机视觉", "Python"},
			Description: "负责目标检测与图像分割算法研发。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ml"}, Name: "机器学习算法工程师", City: "西安市", Skills: []string{"机器学习", "Python"},
			Description: "负责推荐与风控模型的训练。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ops"}, Name: "运维工程师", City: "西安市", Skills: []string{"系统运维", "Linux"},
			Description: "负责服务器的日常运维与监控。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_qa"}, Name: "测试开发工程师", City: "西安市", Skills: []string{"软件测试", "Python"},
			Description: "负责自动化测试平台开发。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_web"}, Name: "网页设计师", City: "西安市", Skills: []string{"HTML", "CSS"},
			Description: "负责企业网站页面制作。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_sec"}, Name: "安全工程师", City: "西安市", Skills: []string{"信息安全"},
			Description: "跟踪 CVE 漏洞并完成修复。"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_ai"}, InstitutionName: "长安大学", Name: "人工智能", Degree: "本科", City: "西安市",
			Skills: []string{"人工智能", "深度学习"}},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_ai"}, City: "西安市", Degree: "本科", Skills: []string{"人工智能", "深度学习"},
			Summary: "熟悉人工智能、深度学习。"},
	)
	for _, tc := range []struct {
		q     string
		first string
		not   []string
	}{
		{q: "BE", first: "job_be"},
		{q: "CV", first: "job_cv", not: []string{"job_sec"}},
		{q: "ML", first: "job_ml", not: []string{"job_web"}},
		{q: "SRE", first: "job_ops"},
		{q: "测开", first: "job_qa"},
		{q: "be", not: []string{"job_be"}}, // the word, in small letters
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		got := ids(res)
		if tc.first != "" && (len(got) == 0 || got[0] != tc.first || res.Relaxed) {
			t.Errorf("%q = %v (relaxed %v), want %s first", tc.q, got, res.Relaxed, tc.first)
		}
		for _, n := range tc.not {
			if slices.Contains(got, n) {
				t.Errorf("%q = %v, want no %s", tc.q, got, n)
			}
		}
	}

	// Typed whole, an abbreviation suggests the name it stands for, first: the documents
	// write the name, and ML and CV suggested nothing.
	for _, tc := range []struct{ prefix, first string }{
		{"ML", "机器学习"}, {"ml", "机器学习"}, {"CV", "计算机视觉"},
	} {
		got, err := x.Suggest(context.Background(), tc.prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].Text != tc.first {
			t.Errorf("suggestions for %q = %v, want %s first", tc.prefix, got, tc.first)
		}
	}
}
