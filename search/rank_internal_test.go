package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

func TestWithoutTypeCues(t *testing.T) {
	ent, prg, ins := xiaoqi.KindEnterprise, xiaoqi.KindProgram, xiaoqi.KindInstitution
	cnd, job := xiaoqi.KindCandidate, xiaoqi.KindJob
	for _, c := range []struct {
		q, want string
		kinds   []xiaoqi.Kind
	}{
		{"西安 软件公司", "西安 软件", []xiaoqi.Kind{ent}},
		{"汉中 公司", "汉中", []xiaoqi.Kind{ent}},
		{"公司", "公司", []xiaoqi.Kind{ent}}, // nothing else left: the word itself is searched
		{"Java培训", "Java", []xiaoqi.Kind{prg, ins}},
		{"日语培训班 西安", "日语 西安", []xiaoqi.Kind{prg, ins}},
		{"培训机构 西安", "培训 西安", []xiaoqi.Kind{ins, prg}}, // 培训 stays: training schools say it, universities do not
		{"有哪些培训机构", "有哪些 培训", []xiaoqi.Kind{ins, prg}},
		{"宝鸡 大学", "宝鸡", []xiaoqi.Kind{ins}},
		{"日语N2 软件测试 候选人", "日语N2 软件测试", []xiaoqi.Kind{xiaoqi.KindCandidate}},
		{"西安交通大学 毕业生 Java", "西安交通大学 Java", []xiaoqi.Kind{xiaoqi.KindCandidate}},
		{"Java简历", "Java", []xiaoqi.Kind{xiaoqi.KindCandidate}},
		{"应届毕业生", "应届毕业生", nil}, // a job's words, not a cue
		{"外包 企业 咸阳", "外包 咸阳", []xiaoqi.Kind{ent}},
		// Part of a name or of another word: not a cue.
		{"三星（中国）半导体有限公司", "三星（中国）半导体有限公司", nil},
		{"中国电信股份有限公司陕西分公司", "中国电信股份有限公司陕西分公司", nil},
		{"西北大学", "西北大学", nil},
		{"培训讲师", "培训讲师", nil},
		{"留学人员创办企业", "留学人员创办企业", nil},
		{"软件测试", "软件测试", nil},
		// The cue that a 的 describes, or that a question's words lead; a school that has a
		// major asks for the programs.
		{"有软件工程专业的大学", "有软件工程", []xiaoqi.Kind{prg}},
		{"哪些学校开设了大数据专业", "哪些 开设 了大数据", []xiaoqi.Kind{prg}},
		{"哪些学校有软件工程专业", "哪些 软件工程", []xiaoqi.Kind{prg}},
		{"学校有限公司", "学校有限公司", nil},
		// 外包 favours the firms, staying a word, unless another cue asks for a kind.
		{"外包 咸阳", "外包 咸阳", []xiaoqi.Kind{ent}},
		{"外包 岗位", "外包", []xiaoqi.Kind{job}},
		{"对日外包", "对日外包", nil},
		// 企业 ending a word, unless the words name a class of firm.
		{"西安软件外包企业", "西安软件外包", []xiaoqi.Kind{ent}},
		{"中小企业", "中小企业", nil},
		{"新设企业 补贴", "新设企业 补贴", nil},
		// People, and the major they studied (not programs asked for).
		{"会Python的本科生", "会Python", []xiaoqi.Kind{cnd}},
		{"计算机专业的学生", "计算机", []xiaoqi.Kind{cnd}},
		{"计算机专业学生", "计算机", []xiaoqi.Kind{cnd}},
		{"留学生创业", "留学生创业", nil},
		{"医学生", "医学生", nil},
		{"西安 培训学校", "西安 培训", []xiaoqi.Kind{ins}}, // one cue a word, but for people
		// The firms that need or hire: firms, found through their job needs.
		{"哪些企业需要大数据人才", "哪些 大数据人才", []xiaoqi.Kind{ent}},
		{"哪些公司招Java", "哪些 Java", []xiaoqi.Kind{ent}},
		{"招Java的公司", "Java", []xiaoqi.Kind{ent}},
		{"招商银行", "招商银行", nil},
		{"企业招聘专员", "企业招聘专员", nil}, // a recruiter's title
		{"企业招聘日语", "日语", []xiaoqi.Kind{ent}},
		{"Java 岗位 公司", "Java", []xiaoqi.Kind{job, ent}}, // 岗位 asks for job needs
		// A founder's question: no cue (see founding), and no job needs for its 需要.
		{"开外包公司需要什么条件", "开外包公司需要什么条件", nil},
		{"西安开发公司", "西安开发", []xiaoqi.Kind{ent}}, // 开发 founds nothing
		// How postings are announced, ahead of what they are for.
		{"招聘Java", "Java", []xiaoqi.Kind{job}},
		{"急招客服 西安", "客服 西安", []xiaoqi.Kind{job}},
		{"校招 软件测试", "软件测试", []xiaoqi.Kind{job}},
		{"招聘会", "招聘会", nil}, // a job fair
		// What is short: the job needs.
		{"宝鸡缺什么人才", "宝鸡 什么 人才", []xiaoqi.Kind{job}},
		{"西安紧缺 软件", "西安 软件", []xiaoqi.Kind{job}},
		{"急需Java", "Java", []xiaoqi.Kind{job}},
		{"残缺", "残缺", nil},
		{"急需紧缺人才", "人才", []xiaoqi.Kind{job}},
		{"招聘专员", "招聘专员", nil}, // a recruiter: a job title
		{"招聘经理 西安", "招聘经理 西安", nil},
		{"客服专员招聘", "客服专员", []xiaoqi.Kind{job}},
		// Demand: after what is in demand, the job needs; alone, before a role, or a
		// project's requirements, a word.
		{"人工智能专业 需求", "人工智能", []xiaoqi.Kind{xiaoqi.KindProgram, job}},
		{"Java需求量", "Java", []xiaoqi.Kind{job}},
		{"市场需求 Java", "Java", []xiaoqi.Kind{job}},
		{"西安 人才需求", "西安", []xiaoqi.Kind{job}},
		{"需求", "需求", nil},
		{"人才需求", "人才需求", nil},
		{"需求 工程师", "需求 工程师", nil},
		{"客户需求", "客户需求", nil},
	} {
		got, kinds := withoutTypeCues(c.q)
		if got != c.want || !slices.Equal(kinds, c.kinds) {
			t.Errorf("withoutTypeCues(%q) = %q, %v; want %q, %v", c.q, got, kinds, c.want, c.kinds)
		}
	}
	// A cue that stays a word is no query of cues alone: 外包 found every firm.
	if k := cueOnly("外包"); k != nil {
		t.Errorf("cueOnly(外包) = %v, want none", k)
	}
	if w := withoutAskWords("西安有哪些软件公司"); strings.Contains(w, "公司") || !strings.Contains(w, "软件") {
		t.Errorf("withoutAskWords(西安有哪些软件公司) = %q, want 软件 without 公司", w)
	}
}

func TestCueDegrees(t *testing.T) {
	for q, want := range map[string][]cueDegree{
		"会Python的本科生": {{xiaoqi.KindCandidate, "本科", ""}},
		"硕士生 日语":      {{xiaoqi.KindCandidate, "硕士", ""}},
		"Java培训":      {{xiaoqi.KindProgram, "培训", ""}},
		"Java 大学生":    nil,
		// 高校 asks for universities, not training institutions.
		"西安 高校": {{xiaoqi.KindInstitution, xiaoqi.InstitutionUniversity, fieldInstType}},
		"学校":    nil,
	} {
		if _, _, got := typeCuesOf(q); !slices.Equal(got, want) {
			t.Errorf("typeCuesOf(%q) degrees = %v, want %v", q, got, want)
		}
	}
}

func TestSectorIn(t *testing.T) {
	for part, want := range map[string][2]string{
		"西安软件服务外包公司": {"西安", "软件服务外包"},
		"软件外包":       {"", "软件外包"},
		"金融保险":       {"", "金融保险"},
		"java开发":     {"", ""},
		"动漫":         {"", ""}, // a sector's name that is an everyday word
		"动漫外包":       {"", "动漫外包"},
	} {
		before, phrase, _, ok := sectorIn(part)
		if ok != (want[1] != "") || before != want[0] || phrase != want[1] {
			t.Errorf("sectorIn(%q) = %q, %q, %v; want %q, %q", part, before, phrase, ok, want[0], want[1])
		}
	}
}

func TestWithoutAskWordsDescriptions(t *testing.T) {
	for q, want := range map[string]string{
		"英语好的客服":                             "英语 客服",
		"懂英语的客服":                             "英语 客服",
		"精通日语 Java":                          "日语 Java",
		"熟练掌握Java":                           "Java",
		"日语流利":                               "日语",
		"会Java的测试":                           "会Java 测试",
		"沟通能力强的销售":                           "沟通能力 销售",
		"会日语的":                               "会日语",
		"目的地":                                "目的地", // 的 of a word
		"西安美的电器":                             "西安美的电器",
		"实现业务目的的方案":                          "实现业务目的 方案",
		"我的世界":                               "我的世界", // one character before it
		"精通":                                 "精通",   // nothing else: the word itself
		"留学生创业有什么政策":                         "留学生创业",
		"大数据人才":                              "大数据", // who have it: what documents say
		"大数据 人才":                             "大数据",
		"在西安开外包公司需要什么条件":                     "在西安 开公司", // founding one: the policy's words
		"注册一家软件公司":                           "开公司",
		"有留学经历的":                             "有留学",
		"金融背景 Java":                          "金融 Java",
		"西安开发公司":                             "西安开发",
		"人才":                                 "人才",
		"Japanese speaking customer service": "Japanese customer service",
		"candidates who speak Japanese":      "candidates Japanese",
		"strong Java skills":                 "Java",
		"skills":                             "skills",
	} {
		if got := strings.Join(strings.Fields(withoutAskWords(q)), " "); got != want {
			t.Errorf("withoutAskWords(%q) = %q, want %q", q, got, want)
		}
	}
}
