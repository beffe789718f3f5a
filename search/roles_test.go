package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEnglishRoleNouns: the English of a role (testing engineer, data analyst, analyst,
// tester) finds the postings that name it in Chinese (测试工程师, 数据分析师, 分析师): they
// found one policy item, and analysts, within one letter of analysis, anything analysed.
func TestEnglishRoleNouns(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_tester"}, Name: "测试工程师", City: "西安市", Skills: []string{"软件测试"},
			Description: "编写用例，执行功能测试。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_da"}, Name: "数据分析师", City: "西安市", Skills: []string{"数据分析", "SQL"},
			Description: "负责业务数据的统计与报表。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ra"}, Name: "需求分析师", City: "西安市", Skills: []string{"需求分析"},
			Description: "负责客户需求调研。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_lab"}, Name: "化验员", City: "宝鸡市", Skills: []string{"仪器分析"},
			Description: "样品的仪器分析与检测。"},
		// 测试 inside a listed skill: no tester (tester found such candidates as 测试 did).
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_lab"}, City: "西安市", Degree: "本科", Skills: []string{"办公软件", "材料分析测试"},
			Summary: "熟悉办公软件、材料分析测试。"},
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_15"}, Number: 15, Heading: "落实服务外包统计制度",
			Text: "建立服务外包统计制度。", TextEN: "Establish a statistical system for analysis of service outsourcing."},
	)
	for _, tc := range []struct {
		q         string
		want, not []string
	}{
		{"testing engineer", []string{"job_tester"}, []string{"pol_15"}},
		{"testing engineers", []string{"job_tester"}, []string{"pol_15"}},
		{"tester", []string{"job_tester"}, []string{"cnd_lab"}},
		{"testers", []string{"job_tester"}, []string{"cnd_lab"}},
		{"data analyst", []string{"job_da"}, []string{"job_lab", "job_ra"}},
		{"data analysts", []string{"job_da"}, []string{"job_lab", "job_ra"}},
		{"analyst", []string{"job_da", "job_ra"}, []string{"job_lab", "pol_15"}},
		{"analysts", []string{"job_da", "job_ra"}, []string{"job_lab", "pol_15"}},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		got := ids(res)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q = %v (relaxed %v), want %s among them", tc.q, got, res.Relaxed, w)
			}
		}
		for _, n := range tc.not {
			if slices.Contains(got, n) {
				t.Errorf("%q = %v, want no %s", tc.q, got, n)
			}
		}
	}
}

// TestSkillNameIsNoTypo: nodejs found a 5G job that asks for nodeB, one letter from its stem:
// a skill's name or other name, spelt right, is no typo of another word. A misspelt one still
// finds the skill (pythn).
func TestSkillNameIsNoTypo(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_5g"}, Name: "通讯协议软件开发工程师", City: "西安市", Skills: []string{"核心网", "nodeB", "5G"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_node"}, Name: "前端开发工程师", City: "西安市", Skills: []string{"Node.js"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_py"}, Name: "数据工程师", City: "西安市", Skills: []string{"Python"}},
	)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"nodejs", []string{"job_node"}}, {"NodeJS", []string{"job_node"}}, {"Node.js", []string{"job_node"}}, {"pythn", []string{"job_py"}},
	} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: tc.q})); !slices.Equal(got, tc.want) {
			t.Errorf("%q = %v, want %v", tc.q, got, tc.want)
		}
	}
}
