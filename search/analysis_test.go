package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// TestChineseWords: words, not bigrams across words, decide what a query finds (README: Searching).
func TestChineseWords(t *testing.T) {
	x, _ := openIndex(t)
	job := func(id, title, body string) xiaoqi.Doc {
		return &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: id}, Name: title, City: "汉中市", Description: body}
	}
	index(t, x,
		job("job_gzh", "公众号运营", "负责微信公众号的日常运营。"),
		job("job_gz", "公众人物号召力分析", "分析公众人物的号召力。"),
		job("job_gx", "安全员", "负责广西安全生产检查。"),
		job("job_xa", "前台", "在西安工作。"),
		job("job_hy", "货运维修工", "负责货运维修。"),
		job("job_yw", "运维工程师", "负责服务器运维。"),
		job("job_dcl", "客服", "跟进待处理工单。"),
		job("job_tw", "軟件測試", "負責ＪＡＶＡ開發與測試。"),
		job("job_py", "Python developer", "Build data pipelines."),
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_12"}, Number: 12, Heading: "加大人才培育和引进力度", Text: "鼓励海外留学生在陕创办服务外包企业。"},
	)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"公众号", []string{"job_gzh"}},    // one word: not 公众 + 号
		{"西安", []string{"job_xa"}},      // not 广西|安全
		{"运维", []string{"job_yw"}},      // not 货运|维修
		{"处理", []string{"job_dcl"}},     // inside 待处理
		{"软件测试", []string{"job_tw"}},    // traditional in the document
		{"java开发", []string{"job_tw"}},  // full width in the document
		{"軟件", []string{"job_tw"}},      // traditional in the query
		{"ＰＹＴＨＯＮ", []string{"job_py"}},  // full width in the query
		{"pythn", []string{"job_py"}},   // one edit, five letters or more
		{"pipline", []string{"job_py"}}, // one edit, stemmed field
		{"pyth", nil},                   // four letters: no typo tolerance
		{"公众号 微信", []string{"job_gzh"}}, // every word is there
		{"留学生", []string{"pol_12"}},     // 海外|留学生|在陕: no domain word may cut it apart
		{"海归 创业", []string{"pol_12"}},   // what returnees call themselves, and 创办
		{"留学回国 创业", []string{"pol_12"}},
	} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: tc.q})); !slices.Equal(got, tc.want) {
			t.Errorf("%q = %v, want %v", tc.q, got, tc.want)
		}
	}
	// Every word is required; when no document has them all, those with all but one are
	// shown, and the result says so.
	if res := find(t, x, xiaoqi.SearchQuery{Q: "公众号 微信"}); res.Relaxed {
		t.Errorf("公众号 微信: relaxed, want every word found")
	}
	res := find(t, x, xiaoqi.SearchQuery{Q: "运维 公众号"})
	if got := ids(res); !res.Relaxed || !slices.Equal(got, []string{"job_gzh", "job_yw"}) && !slices.Equal(got, []string{"job_yw", "job_gzh"}) {
		t.Errorf("运维 公众号 = %v relaxed %v, want both jobs, relaxed", got, res.Relaxed)
	}

	// Highlighting marks the original text, whatever its width or script.
	res = find(t, x, xiaoqi.SearchQuery{Q: "java开发"})
	if len(res.Hits) != 1 || res.Hits[0].Snippet != "負責<mark>ＪＡＶＡ開發</mark>與測試。" {
		t.Errorf("snippet %+v", res.Hits)
	}
}

// TestAliasesChangeWithoutRebuild: abbreviations apply at query time, so an index opened with
// a new alias table finds by the new abbreviations at once.
func TestAliasesChangeWithoutRebuild(t *testing.T) {
	dir := t.TempDir() + "/index"
	opt := options(t)
	x, err := search.Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	index(t, x, &xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xidian"}, Name: "西安电子科技大学", City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_sxei"}, Name: "陕西电子信息职业技术学院", City: "西安市"})
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "西电"})); len(got) != 0 {
		t.Errorf("西电 without aliases = %v, want nothing", got)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	opt.Aliases = map[string][]string{"西电": {"西安电子科技大学"}}
	x, err = search.Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	// A NUL folds to a space (the API passes it through from ?q=%00): it neither hides the
	// abbreviation nor, alone, leaves nothing to look an abbreviation up in.
	for _, q := range []string{"西电", "西电 西安", "西电\x00"} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: q})); !slices.Equal(got, []string{"ins_xidian"}) {
			t.Errorf("%q with aliases = %v, want [ins_xidian]", q, got)
		}
	}
	for _, q := range []string{"\x00", "\x00\x00 \x00"} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: q})); len(got) != 0 {
			t.Errorf("%q = %v, want nothing", q, got)
		}
	}
}
