package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEnglishStudiedInCountry: a country's English name is the country, as profiles say where
// a returnee studied (后赴德国留学), and studying in it is 留学 there. Germany was the skill
// German (德语), a letter from it, and studied in Germany, relaxed, listed the postings of
// Animal studies (动物实验, studied to the stemmer) above the six who studied there.
func TestEnglishStudiedInCountry(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cand_de"}, City: "西安市", Degree: "硕士", Returnee: true, StudyCountry: "德国",
			Education: []xiaoqi.Education{{Major: "地质工程", Degree: "硕士"}}, Summary: "本科毕业于长安大学，后赴德国留学取得硕士学位。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cand_jp"}, City: "西安市", Degree: "硕士", Returnee: true, StudyCountry: "日本",
			Education: []xiaoqi.Education{{Major: "软件工程", Degree: "硕士"}}, Summary: "本科毕业于西北大学，后赴日本留学取得硕士学位。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cand_german"}, City: "西安市", Degree: "本科", Languages: []string{"德语"},
			Education: []xiaoqi.Education{{Major: "德语", Degree: "本科"}}, Summary: "德语专业，德语流利。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_lab"}, Name: "动物实验技术员", City: "西安市", Skills: []string{"动物实验"}},
	)
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"studied in Germany", []string{"cand_de"}},
		{"Germany", []string{"cand_de"}},
		{"study in Germany", []string{"cand_de"}},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: c.q})
		if got := ids(res); !slices.Equal(got, c.want) || res.Relaxed {
			t.Errorf("%q: hits %v relaxed %v, want %v alone", c.q, got, res.Relaxed, c.want)
		}
	}
}

// TestEnglishCommonWordNamesNoSkill: a common English word of a skill's English name of several
// words does not stand for the skill alone, and school-enterprise cooperation in English finds
// item (12) as 校企合作 does. university enterprise cooperation listed 11 ERP实施顾问 and 系统集成
// postings (enterprise: Enterprise resource planning) and not item (12); German language
// course put the 汇编语言 (Assembly language) and 大语言模型 (Large language models) courses
// above the German programs.
func TestEnglishCommonWordNamesNoSkill(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	docs := seedPolicies(t, "pol_%d")
	docs = append(docs,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_erp"}, Name: "ERP实施顾问", City: "西安市", Skills: []string{"ERP"},
			Description: "负责企业ERP系统的实施与合作伙伴对接。"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prog_asm"}, InstitutionID: "ins_train", InstitutionName: "秦创启航IT实训中心（示例）",
			Name: "嵌入式方向·汇编语言实训课程", Degree: "培训", City: "西安市", Skills: []string{"汇编语言"}},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prog_llm"}, InstitutionID: "ins_train", InstitutionName: "秦创启航IT实训中心（示例）",
			Name: "人工智能方向·大语言模型实训课程", Degree: "培训", City: "西安市", Skills: []string{"大语言模型"}},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prog_de"}, InstitutionID: "ins_xisu", InstitutionName: "西安外国语大学",
			Name: "德语", Degree: "本科", City: "西安市", Skills: []string{"德语"}},
	)
	index(t, x, docs...)
	for _, c := range []struct {
		q     string
		first string
	}{
		{"university enterprise cooperation", "pol_12"},
		{"school-enterprise cooperation", "pol_12"},
		{"German language course", "prog_de"},
		{"German language", "prog_de"},
		{"enterprise resource planning", "job_erp"}, // the skill's whole name still is the skill
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: c.q})
		got := ids(res)
		if len(got) == 0 || got[0] != c.first || res.Relaxed {
			t.Errorf("%q: hits %v relaxed %v, want %s first", c.q, got, res.Relaxed, c.first)
		}
		if c.first != "job_erp" && slices.Contains(got, "job_erp") {
			t.Errorf("%q: hits %v, want no ERP posting", c.q, got)
		}
	}
}

// TestEnglishAmpersandIsAnd: an ampersand between the words of a school's English name is its
// and: Xi'an University of Posts & Telecommunications named no school and listed 西安文理学院's
// programs first, 西安邮电大学 not among the first 18. R&D stays 研发, A&F a school's own.
func TestEnglishAmpersandIsAnd(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xupt"}, Name: "西安邮电大学", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xawl"}, Name: "西安文理学院", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_nwafu"}, Name: "西北农林科技大学", Type: xiaoqi.InstitutionUniversity, City: "咸阳市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_rd"}, Name: "新药研发助理", City: "西安市"},
	)
	for q, want := range map[string]string{
		"Xi'an University of Posts & Telecommunications": "ins_xupt",
		"Xi'an University of Posts&Telecommunications":   "ins_xupt",
		"Northwest A&F University":                       "ins_nwafu",
		"R&D":                                            "job_rd",
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if got := ids(res); len(got) == 0 || got[0] != want || res.Relaxed {
			t.Errorf("%q: hits %v relaxed %v, want %s first", q, got, res.Relaxed, want)
		}
	}
}
