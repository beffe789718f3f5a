package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// synonymDocs are job needs whose words differ from how people search for them.
func synonymDocs() []xiaoqi.Doc {
	return append(corpus(),
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_backend"}, Name: "后端程序员", EnterpriseName: "西安某信息公司",
			City: "西安市", Skills: []string{"java", "Spring"}, Description: "负责订单系统的接口。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_qa"}, Name: "外包项目专员", EnterpriseName: "咸阳某外包公司",
			City: "咸阳市", Skills: []string{"软件测试"}, Description: "按计划执行用例并提交缺陷。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_clerk"}, Name: "行政文员", EnterpriseName: "西安某物业公司",
			City: "西安市", Skills: []string{"Office"}, Description: "负责文件整理。"},
	)
}

func openIndexWith(tb testing.TB, opt search.Options) *search.Index {
	tb.Helper()
	if opt.Segmenter == nil {
		opt.Segmenter = options(tb).Segmenter
	}
	x, err := search.Open(tb.TempDir()+"/index", opt)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { _ = x.Close() })
	return x
}

// synonymIndex opens an index with the skill taxonomy (its synonyms) holding docs.
func synonymIndex(t *testing.T, docs ...xiaoqi.Doc) *search.Index {
	t.Helper()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	x := openIndexWith(t, search.Options{Taxonomy: tax})
	index(t, x, docs...)
	return x
}

func TestSearchSkillSynonyms(t *testing.T) {
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := openIndex(t)
	index(t, plain, synonymDocs()...)
	syn := openIndexWith(t, search.Options{Taxonomy: tax})
	index(t, syn, synonymDocs()...)
	jobs := []xiaoqi.Kind{xiaoqi.KindJob}

	for _, tc := range []struct {
		q          string
		want, not  string
		city       string
		plainFinds bool // the query finds want without synonyms too
	}{
		{q: "JAVA开发", want: "job_backend", not: "job_clerk"},
		{q: "Java工程师", want: "job_backend", not: "job_clerk"},
		{q: "QA", want: "job_qa", not: "job_backend"},
		{q: "会QA", want: "job_qa", not: "job_backend"}, // who has it (有CET6, 会Python): still the skill
		{q: "JAVA开发", want: "job_backend", city: "西安", not: "job_qa"},
		{q: "java开发 西安", want: "job_backend", not: "job_qa"}, // every word required: 开发 is not in job_backend
	} {
		q := xiaoqi.SearchQuery{Q: tc.q, City: tc.city, Types: jobs}
		got := ids(find(t, syn, q))
		if !slices.Contains(got, tc.want) || slices.Contains(got, tc.not) {
			t.Errorf("with synonyms, %q in %q = %v, want %s and not %s", tc.q, tc.city, got, tc.want, tc.not)
		}
		if p := ids(find(t, plain, q)); slices.Contains(p, tc.want) != tc.plainFinds {
			t.Errorf("without synonyms, %q = %v", tc.q, p)
		}
	}

	// A query that names no skill is answered as before, in the same order.
	for _, q := range []string{"西安邮电大学", "产学研", "西安Java工程师", "实训基地", "区块链", "软件 外包", "-"} {
		sq := xiaoqi.SearchQuery{Q: q}
		if a, b := ids(find(t, plain, sq)), ids(find(t, syn, sq)); !slices.Equal(a, b) {
			t.Errorf("%q: with synonyms %v, without %v", q, b, a)
		}
	}
	// Words of the skills' English names find their skills (Test automation: 自动化测试), as
	// written first.
	sq := xiaoqi.SearchQuery{Q: "automate tests"}
	if a, b := ids(find(t, plain, sq)), ids(find(t, syn, sq)); !slices.Equal(a, []string{"job_java_xa"}) || !slices.Equal(b, []string{"job_java_xa", "job_test_xa"}) {
		t.Errorf("automate tests: with synonyms %v, without %v; want the job that says it, then the one of 自动化测试", b, a)
	}
}

// TestSynonymsAreWordsOfTheBody: a skill's other words must be words of a long text, while
// the words the user typed may be found there apart. 客服 finds 客户服务 in a description, not
// a description that has 客户 and 服务 somewhere (nearly every outsourcing posting does).
func TestSynonymsAreWordsOfTheBody(t *testing.T) {
	x := synonymIndex(t,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_service"}, Name: "外包项目专员", City: "西安市",
			Description: "负责呼叫中心的客户服务与投诉处理。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_apart"}, Name: "实施顾问", City: "西安市",
			Description: "面向客户开展系统部署，提供驻场技术服务。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_typed"}, Name: "实施顾问", City: "西安市",
			Description: "负责软件的部署与功能测试。"},
	)
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "客服"})); !slices.Equal(got, []string{"job_service"}) {
		t.Errorf("客服 = %v, want job_service only (客户服务 as a word), not 客户 … 服务 apart", got)
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "客户服务"})); !slices.Contains(got, "job_service") || !slices.Contains(got, "job_apart") {
		t.Errorf("客户服务 as typed = %v, want job_service and job_apart (the words typed, found apart)", got)
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "软件测试"})); !slices.Contains(got, "job_typed") {
		t.Errorf("软件测试 = %v, want job_typed (软件 … 测试 apart in the description)", got)
	}
}

// TestSynonymsAreWordsOfTheLists: in the lists of a document (skills, other names) a word the
// query expands to must be a word too: an energy job whose skills are 电力系统 and 材料分析测试
// holds 系统 and 测试, but not 系统测试, a synonym of 软件测试 (at 1M synthetic documents such
// jobs were a quarter of what 软件测试 found). The title, one phrase, still finds a synonym as
// the words inside it: 自动化测试工程师 is a 测试工程师 for "software testing".
func TestSynonymsAreWordsOfTheLists(t *testing.T) {
	x := synonymIndex(t,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_power"}, Name: "电力系统工程师", City: "西安市",
			Skills: []string{"电力系统", "电气设计", "材料分析测试", "油气工程"}, Description: "负责配电系统的设计计算。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_auto"}, Name: "自动化测试工程师", City: "西安市",
			Skills: []string{"Selenium"}, Description: "编写自动化脚本。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_listed"}, Name: "实施顾问", City: "西安市",
			Skills: []string{"系统测试"}, Description: "负责上线部署。"},
	)
	for _, q := range []string{"软件测试", "software testing"} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Q: q}))
		if slices.Contains(got, "job_power") {
			t.Errorf("%s = %v: found the energy job by 系统 … 测试 … 工程 scattered over its skills", q, got)
		}
		if !slices.Contains(got, "job_listed") {
			t.Errorf("%s = %v, want job_listed (系统测试, a synonym, as a skill)", q, got)
		}
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "software testing"})); !slices.Contains(got, "job_auto") {
		t.Errorf("software testing = %v, want job_auto (测试工程师 inside its title)", got)
	}
}

// TestSkillWordsWithoutSpaces: a query of several words typed together, one of them a skill,
// finds each skill by its other names too, as the same words typed apart do: 日语客服 found
// only the documents that say 日语 and 客服 as written (none here: 日语 programs, relaxed),
// not the customer-service posting asking for 日语N2.
func TestSkillWordsWithoutSpaces(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cs"}, Name: "客户服务专员", City: "西安市", Skills: []string{"客户服务"},
			Languages: []string{"日语N2"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_dev"}, Name: "Java开发工程师", City: "西安市", Skills: []string{"Java"}},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_ja"}, InstitutionID: "ins_a", InstitutionName: "某大学", Name: "日语",
			MajorCode: "050207", Degree: "本科", City: "西安市"},
	)
	// So is a part of a query that has others (日语客服 西安), but not the words of a sector
	// (动漫外包), which find the sector's firms.
	for _, q := range []string{"日语客服", "日语 客服", "日语客服 西安", "西安 日语客服"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if got := ids(res); res.Relaxed || !slices.Equal(got, []string{"job_cs"}) {
			t.Errorf("%s found %v (relaxed %v), want job_cs alone", q, got, res.Relaxed)
		}
	}
}

// TestTypedWordsApartInProseOnly: 软件测试 typed found six candidates of nine by 软件 of 办公软件
// and 测试 of 材料分析测试 or 渗透测试 — skills a candidate lists, in the skills and in the summary
// that names them. The words of a typed word are found apart in prose (a posting's text), not
// in a list of words nor in a candidate's summary.
func TestTypedWordsApartInProseOnly(t *testing.T) {
	x := synonymIndex(t,
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_office", Synthetic: true}, Name: "甲", City: "西安市", Degree: "本科",
			Skills: []string{"办公软件", "材料分析测试"}, Summary: "毕业于某大学应用化学专业，熟悉办公软件、材料分析测试。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_tester", Synthetic: true}, Name: "乙", City: "西安市", Degree: "本科",
			Skills: []string{"软件测试", "Java"}, Summary: "熟悉软件测试、Java。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_listed"}, Name: "安全运营专员", City: "西安市",
			Skills: []string{"办公软件", "渗透测试"}, Description: "负责安全设备的日常巡检。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_prose"}, Name: "实施顾问", City: "西安市",
			Description: "负责软件的部署与功能测试。"},
	)
	got := ids(find(t, x, xiaoqi.SearchQuery{Q: "软件测试"}))
	for _, id := range []string{"cnd_tester", "job_prose"} {
		if !slices.Contains(got, id) {
			t.Errorf("软件测试 = %v, want %s", got, id)
		}
	}
	for _, id := range []string{"cnd_office", "job_listed"} {
		if slices.Contains(got, id) {
			t.Errorf("软件测试 = %v: found %s by 软件 and 测试 inside the words of a list", got, id)
		}
	}
}
