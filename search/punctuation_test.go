package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestPunctuationSeparatesWords: punctuation around or between words, ASCII or full-width,
// separates them and hides no abbreviation or skill: "西电" (quoted) found nothing where 西电
// found 西安电子科技大学, 客服。 (the 。 a Chinese IME types) one posting where 客服 found every
// 客户服务 one, and 西工大、西电 was relaxed, 西电 found nowhere. Quotes group words as spaces
// do.
func TestPunctuationSeparatesWords(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xidian"}, Name: "西安电子科技大学", Type: xiaoqi.InstitutionUniversity,
			City: "西安市", Level: "本科"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_nwpu"}, Name: "西北工业大学", Type: xiaoqi.InstitutionUniversity,
			City: "西安市", Level: "本科"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_both"}, City: "西安", Degree: "硕士",
			Education: []xiaoqi.Education{{InstitutionName: "西北工业大学", Major: "软件工程", Degree: "本科"},
				{InstitutionName: "西安电子科技大学", Major: "软件工程", Degree: "硕士"}}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cs"}, Name: "客户服务专员", City: "西安市", Description: "接听来电，处理咨询。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_qa"}, Name: "软件测试工程师", City: "西安市", Skills: []string{"软件测试"},
			Description: "编写用例，执行功能测试。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_qa_out"}, Name: "软件测试工程师", City: "西安市", Skills: []string{"软件测试"},
			Description: "对日外包项目的功能测试。"},
	)
	for _, tc := range []struct {
		plain string
		typed []string
		want  string
	}{
		{"西电", []string{`"西电"`, "“西电”", "(西电)", "（西电）", "《西电》", "「西电」", "【西电】", "'西电'", "西电。"}, "ins_xidian"},
		{"客服", []string{"客服。", "客服,", "客服，", "客服！", "客服?", `"客服"`}, "job_cs"},
		{"software testing", []string{`"software testing"`, "“software testing”", "software testing.", "(software testing)"}, "job_qa"},
		{"西电 西工大", []string{"西工大、西电", "西工大,西电", "西工大，西电", `"西工大" "西电"`, "西工大;西电"}, "cnd_both"},
		// An exclusion of a quoted or bracketed word is an exclusion still (-"外包" found the
		// one posting that says 外包).
		{"软件测试 -外包", []string{`软件测试 -"外包"`, "软件测试 -“外包”", "软件测试 -（外包）"}, "job_qa"},
	} {
		want := ids(find(t, x, xiaoqi.SearchQuery{Q: tc.plain}))
		if !slices.Contains(want, tc.want) {
			t.Fatalf("%q = %v, want %s among them", tc.plain, want, tc.want)
		}
		slices.Sort(want)
		for _, q := range tc.typed {
			res := find(t, x, xiaoqi.SearchQuery{Q: q})
			got := ids(res)
			slices.Sort(got)
			if !slices.Equal(got, want) || res.Relaxed {
				t.Errorf("%q = %v (relaxed %v, unmatched %q), want %v as %q finds", q, got, res.Relaxed, res.Unmatched, want, tc.plain)
			}
		}
	}
}

// TestRepeatedWords: a word typed twice is the word once: Java Java found 5 of Java's 277
// documents (a phrase of Java twice), Java Java Java none.
func TestRepeatedWords(t *testing.T) {
	x := openProductIndex(t)
	index(t, x, corpus()...)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_java2"}, Name: "后端开发工程师", City: "西安市", Skills: []string{"Java", "Spring"},
			Description: "负责订单系统。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_py"}, Name: "数据工程师", City: "西安市", Skills: []string{"Python"},
			Description: "编写数据处理脚本。"},
	)
	for _, tc := range []struct {
		plain string
		typed []string
	}{
		{"Java", []string{"Java Java", "Java Java Java", "java JAVA", "Java, Java"}},
		{"Python", []string{"Python Python", "python Python python"}},
		{"Java 西安", []string{"Java 西安 Java", "Java Java 西安"}},
	} {
		want := ids(find(t, x, xiaoqi.SearchQuery{Q: tc.plain}))
		if len(want) == 0 {
			t.Fatalf("%q = %v, want more", tc.plain, want)
		}
		slices.Sort(want)
		for _, q := range tc.typed {
			res := find(t, x, xiaoqi.SearchQuery{Q: q})
			got := ids(res)
			slices.Sort(got)
			if !slices.Equal(got, want) || res.Relaxed {
				t.Errorf("%q = %v (relaxed %v), want %v as %q finds", q, got, res.Relaxed, want, tc.plain)
			}
		}
	}
}
