package search_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestSuggestCounts: a suggestion counts the documents that hold it, also after names held
// by one document each, which bleve's dictionary counts as one every name after them (a bug
// of zap's dictionary iterator), and without deleted documents. A school's name counts its
// programs, so 西安 suggests the school with programs first.
func TestSuggestCounts(t *testing.T) {
	x, _ := openIndex(t)
	docs := []xiaoqi.Doc{
		// Names held by one document each, before 西安交通大学 in the dictionary.
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_1"}, Name: "西安一号软件公司", City: "西安市"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_2"}, Name: "西安万达信息公司", City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_1"}, Name: "西安交通大学", City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_2"}, Name: "西安邮电大学", City: "西安市"},
	}
	for i := range 5 {
		docs = append(docs, &xiaoqi.Program{Meta: xiaoqi.Meta{ID: fmt.Sprintf("prg_%d", i)}, InstitutionID: "ins_1",
			InstitutionName: "西安交通大学", Name: fmt.Sprintf("专业%d", i), City: "西安市"})
	}
	// In two batches (two segments), which Compact merges.
	if err := x.Apply(upserts(0, docs[:4]...)); err != nil {
		t.Fatal(err)
	}
	if err := x.Apply(upserts(4, docs[4:]...)); err != nil {
		t.Fatal(err)
	}
	// Merged into one segment, as serve compacts a large index: a merged segment keeps a
	// term of one document in its dictionary ("1-hit"), which is what misled the counts.
	if err := x.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := func(prefix string, text string, count int) {
		t.Helper()
		got, err := x.Suggest(context.Background(), prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].Text != text || got[0].Count != count {
			t.Errorf("Suggest(%q) = %v, want %s first with %d", prefix, got, text, count)
		}
	}
	want("西安", "西安交通大学", 6)
	want("西安交", "西安交通大学", 6)
	// Two programs deleted: their documents no longer count.
	del := []xiaoqi.Change{
		{Seq: uint64(len(docs)) + 1, Op: xiaoqi.OpDelete, Kind: xiaoqi.KindProgram, ID: "prg_0"},
		{Seq: uint64(len(docs)) + 2, Op: xiaoqi.OpDelete, Kind: xiaoqi.KindProgram, ID: "prg_1"},
	}
	if err := x.Apply(del); err != nil {
		t.Fatal(err)
	}
	want("西安", "西安交通大学", 4)
}

// TestSuggestEnglishSkillNames: the documents are in Chinese, so an English prefix (softw)
// suggested nothing, though Software testing finds the 软件测试 postings; it suggests the
// skills' English names, counted as the documents that hold their Chinese names.
func TestSuggestEnglishSkillNames(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_1"}, Name: "测试工程师", City: "西安市", Skills: []string{"软件测试"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_2"}, Name: "测试专员", City: "西安市", Skills: []string{"软件测试", "Python"}},
	)
	for _, prefix := range []string{"softw", "Software t", "ＳＯＦＴ"} {
		got, err := x.Suggest(context.Background(), prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].Text != "Software testing" || got[0].Count != 2 {
			t.Errorf("Suggest(%q) = %v, want Software testing first, with 2", prefix, got)
		}
	}
	// A name that reads the same in both is suggested once, as the index has it.
	if got, err := x.Suggest(context.Background(), "pyth", 10); err != nil || len(got) != 1 || got[0].Text != "Python" {
		t.Errorf("Suggest(pyth) = %v, %v; want Python once", got, err)
	}
}

// TestSuggestPinyin: a prefix in pinyin, as an input method holds it before a word is chosen
// (xi'an jiao) or typed as initials (xajt, rjcs), suggests the schools, skills and majors whose
// pinyin begins with it; a character of two readings is found by either (长安: chang'an,
// zhang'an); a name the index does not hold is not suggested, nor any for capitals.
func TestSuggestPinyin(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xjtu"}, Name: "西安交通大学", Type: xiaoqi.InstitutionUniversity, City: "西安市", Level: "本科"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_chd"}, Name: "长安大学", Type: xiaoqi.InstitutionUniversity, City: "西安市", Level: "本科"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_se"}, InstitutionID: "ins_xjtu", InstitutionName: "西安交通大学", Name: "软件工程",
			Degree: "本科", City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_1"}, Name: "测试工程师", City: "西安市", Skills: []string{"软件测试"}},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_rt"}, Name: "西安软通动力信息技术有限公司", City: "西安市"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_ss"}, Name: "三星（中国）半导体有限公司", City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_bx"}, Name: "西安博学IT职业技能培训学校", Type: xiaoqi.InstitutionTraining, City: "西安市"},
	)
	for prefix, want := range map[string]string{
		"xajt": "西安交通大学", "xi'an jiao": "西安交通大学", "xianjiaotong": "西安交通大学", "rjcs": "软件测试", "ruanjian ce": "软件测试",
		"ruanjiangong": "软件工程", "changan": "长安大学", "zhang'an": "长安大学",
		// Firms, by their names with or without the place they begin with.
		"ruantong": "西安软通动力信息技术有限公司", "xian ruantong": "西安软通动力信息技术有限公司", "rtdl": "西安软通动力信息技术有限公司",
		"sanxing": "三星（中国）半导体有限公司",
		// A school of the index that the static list does not know, as firms are.
		"boxue": "西安博学IT职业技能培训学校", "xianboxue": "西安博学IT职业技能培训学校", "xabx": "西安博学IT职业技能培训学校",
	} {
		got, err := x.Suggest(context.Background(), prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(got, func(s xiaoqi.Suggestion) bool { return s.Text == want && s.Count > 0 }) {
			t.Errorf("Suggest(%q) = %v, want %s", prefix, got, want)
		}
	}
	// 西北工业大学 is a school xiaoqi knows, but no document of this index names it; capitals
	// are English, which an input method does not show.
	for _, prefix := range []string{"xbgy", "xibeigongye", "XAJT"} {
		if got, err := x.Suggest(context.Background(), prefix, 10); err != nil || len(got) != 0 {
			t.Errorf("Suggest(%q) = %v, %v; want nothing", prefix, got, err)
		}
	}
}

// TestSuggestEnglishMajorNames: programs are named by their Chinese majors, so an English
// prefix (nurs, software eng) suggested no major; it suggests the majors' English names,
// counted as the documents that hold their Chinese names, and the suggestion, searched,
// finds those programs.
func TestSuggestEnglishMajorNames(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_1"}, InstitutionName: "长安大学", Name: "软件工程", MajorCode: "080902", Degree: "本科", City: "西安市"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_2"}, InstitutionName: "延安大学", Name: "软件工程", MajorCode: "080902", Degree: "本科", City: "延安市"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_3"}, InstitutionName: "西安医学院", Name: "护理学", MajorCode: "101101K", Degree: "本科", City: "西安市"},
	)
	for _, tc := range []struct {
		prefix, want string
		n            int
	}{{"software eng", "Software Engineering", 2}, {"Nurs", "Nursing", 1}} {
		got, err := x.Suggest(context.Background(), tc.prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(got, func(s xiaoqi.Suggestion) bool { return s.Text == tc.want })
		if i < 0 || got[i].Count != tc.n {
			t.Errorf("Suggest(%q) = %v, want %s with %d", tc.prefix, got, tc.want, tc.n)
			continue
		}
		res, err := x.Search(context.Background(), xiaoqi.SearchQuery{Q: got[i].Text})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != uint64(tc.n) || res.Relaxed {
			t.Errorf("Search(%q) found %d (relaxed %v), want the %d programs", got[i].Text, res.Total, res.Relaxed, tc.n)
		}
	}
}

// TestSuggestAskingWordsPlacesAndContext: what a user types besides names is completed too:
// the words that ask for a kind (培训机 suggested nothing) or for the policy, the places, and
// the last of several words (西安 软 suggested nothing), with the words before it; a completion
// that nothing has with those words is left out.
func TestSuggestAskingWordsPlacesAndContext(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xa1"}, Name: "软件测试工程师", City: "西安市", District: "雁塔区", Skills: []string{"软件测试"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_kf"}, Name: "开发工程师", City: "西安市", Description: "经办"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xa2"}, Name: "软件测试工程师", City: "西安市", Skills: []string{"软件测试"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_bj"}, Name: "软件开发工程师", City: "宝鸡市", Skills: []string{"Java"}},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_t"}, Name: "秦岭职业技能培训学校", Type: "training", City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_u"}, Name: "西安外事学院", Type: "university", City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_gx"}, Name: "嵌入式工程师", City: "西安市", District: "高新区"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ml"}, Name: "机器学习工程师", City: "西安市", Skills: []string{"机器学习"}, Description: "入职培训。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_1"}, City: "西安市", Degree: "本科", Skills: []string{"Java"}},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_2"}, City: "宝鸡市", Degree: "硕士", Skills: []string{"软件测试"}},
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_10"}, Number: 10, Heading: "加大财政支持力度", Text: "对服务外包人才培训给予补贴。"},
	)
	suggest := func(prefix string) []xiaoqi.Suggestion {
		t.Helper()
		got, err := x.Suggest(context.Background(), prefix, 10)
		if err != nil {
			t.Fatalf("Suggest(%q): %v", prefix, err)
		}
		return got
	}
	has := func(got []xiaoqi.Suggestion, text string) int {
		for i, s := range got {
			if s.Text == text {
				return i
			}
		}
		return -1
	}
	for _, tc := range []struct {
		prefix, want string
		count        int // 0: as many as the search of want finds
	}{
		{"培训机", "培训机构", 0}, {"候选", "候选人", 2}, {"补", "补贴", 0}, {"雁", "雁塔区", 0},
		// A place as the documents name it, which no list of divisions has (a development zone).
		{"高", "高新区", 1},
		// The place a prefix names already, where nothing else begins with it.
		{"高新", "高新区", 1},
		// In English by its English name: the job need and the candidate of 宝鸡.
		{"bao", "Baoji", 2},
		// The last word completed after the others: a name counts the documents so named
		// that hold the words before it (the jobs titled 软件测试工程师 in 西安; 宝鸡's Java).
		{"西安 软", "西安 软件测试工程师", 2}, {"西安软", "西安 软件测试工程师", 2}, {"西安 软件", "西安 软件测试", 2}, {"宝鸡 J", "宝鸡 Java", 1},
		// In English, the words before read as a search reads them (Xi'an: 西安).
		{"Xi'an soft", "Xi'an Software testing", 2},
		// The last part as typed, when something begins with it: 培训机构, not 培训 and 机….
		{"西安 培训机", "西安 培训机构", 0},
	} {
		got := suggest(tc.prefix)
		i := has(got, tc.want)
		if i < 0 {
			t.Errorf("Suggest(%q) = %v, want %s", tc.prefix, got, tc.want)
			continue
		}
		want := tc.count
		if want == 0 {
			want = int(find(t, x, xiaoqi.SearchQuery{Q: tc.want}).Total) // as a user picking it sees
		}
		if got[i].Count != want || want == 0 {
			t.Errorf("Suggest(%q): %s counts %d, want %d", tc.prefix, tc.want, got[i].Count, want)
		}
	}
	// 软件开发工程师 is in 宝鸡 only, and a name that begins with the whole (培训机构) needs no
	// completion of its last character (培训 机…).
	// Among one kind, the tab typed in: a candidate has 软件测试 (as a skill), none is a
	// 软件开发工程师, which only a job need is titled; 候选 completes to the candidates.
	got, err := x.SuggestKind(context.Background(), "软", 10, xiaoqi.KindCandidate)
	if err != nil {
		t.Fatal(err)
	}
	if i := has(got, "软件测试"); i < 0 || got[i].Count != 1 || has(got, "软件开发工程师") >= 0 {
		t.Errorf("SuggestKind(软, candidate) = %v, want 软件测试 (1), not 软件开发工程师", got)
	}
	if got, err := x.SuggestKind(context.Background(), "软", 10, xiaoqi.KindJob); err != nil || has(got, "软件开发工程师") < 0 {
		t.Errorf("SuggestKind(软, job) = %v, %v; want 软件开发工程师", got, err)
	}
	if _, err := x.SuggestKind(context.Background(), "软", 10, xiaoqi.KindPartnership); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
		t.Errorf("SuggestKind(软, partnership): %v, want EINVALID", err)
	}
	// 西安 names 西安市 already (西安外事学院 begins with it too); 经 is no word before 开 (经开, a word the dictionary lacks).
	for prefix, not := range map[string]string{"西安 软": "西安 软件开发工程师", "培训机": "培训 ", "西安 培训机": "西安 培训 ", "西安": "西安市",
		"经开": "经 "} {
		for _, s := range suggest(prefix) {
			if strings.HasPrefix(s.Text, not) {
				t.Errorf("Suggest(%q) suggests %v, want none that begins %q", prefix, s, not)
			}
		}
	}
}

// TestSearchPinyinInstead: a query in pinyin that finds nothing (xajt, pressed Enter on before
// the input method made it 西安交通大学) searches the name it spells, and says so; one that finds
// something, in capitals, or spelling no name the index holds stays as it is.
func TestSearchPinyinInstead(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xjtu"}, Name: "西安交通大学", Type: xiaoqi.InstitutionUniversity, City: "西安市", Level: "本科"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_1"}, Name: "Java开发工程师", City: "西安市", Skills: []string{"Java"}},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_snnu"}, Name: "陕西师范大学", Type: xiaoqi.InstitutionUniversity, City: "西安市", Level: "本科"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_ss"}, Name: "三星（中国）半导体有限公司", City: "西安市"},
	)
	for q, want := range map[string]string{
		"xajt": "ins_xjtu", "xianjiaotong": "ins_xjtu", "xianjiaotongdaxue": "ins_xjtu",
		// Words apart, of which xian is found as 西安 and the rest not: the name they spell
		// whole. An abbreviation spelt whole (交大), and Shaanxi as 陕西 is romanised.
		"xian jiaotong daxue": "ins_xjtu", "jiaoda": "ins_xjtu", "shaanxi shifan daxue": "ins_snnu", "sanxing": "ent_ss",
		// A place found and a firm spelt beside it: xian sanxing was relaxed to every
		// document of 西安, the firm left out.
		"xian sanxing": "ent_ss", "sanxing xian": "ent_ss",
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if res.Instead == "" || len(res.Hits) == 0 || res.Hits[0].ID != want {
			t.Errorf("%q: instead %q, hits %v; want %s first", q, res.Instead, ids(res), want)
		}
	}
	// xian alone is 西安, found; xian jiao the beginning of a name only.
	for _, q := range []string{"java", "XAJT", "xbgy", "zzzz", "xian", "xian jiao", "java xian"} {
		if res := find(t, x, xiaoqi.SearchQuery{Q: q}); res.Instead != "" {
			t.Errorf("%q: instead %q, want the query as typed", q, res.Instead)
		}
	}
}

// TestSuggestContextCountsAsNamed: a completion after other words counts the documents so
// named that hold them, the English name of a skill too, as its Chinese name; a name no such
// document holds the words with is left out; the most documents first. Xi'an Software testing
// counted every document holding 西安 and 软件测试 (more than Software testing alone), and
// Java 测试开发工程师 those holding its words, listed after one of fewer.
func TestSuggestContextCountsAsNamed(t *testing.T) {
	x := openProductIndex(t)
	var docs []xiaoqi.Doc
	job := func(id, title, city, desc string, skills ...string) {
		docs = append(docs, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: id}, Name: title, City: city, Description: desc, Skills: skills})
	}
	job("job_t1", "软件测试工程师", "西安市", "", "软件测试")
	job("job_t2", "测试主管", "西安市", "", "软件测试")
	job("job_t3", "测试员", "宝鸡市", "", "软件测试")
	for i := range 4 { // they say 软件测试 in 西安, named otherwise
		job(fmt.Sprintf("job_d%d", i), "Java开发工程师", "西安市", "负责软件测试与测试开发工作", "Java")
	}
	job("job_td", "测试开发工程师", "西安市", "", "Python")
	job("job_tj", "测试工程师", "西安市", "", "Java")
	index(t, x, docs...)
	suggest := func(prefix string) map[string]int {
		t.Helper()
		got, err := x.Suggest(context.Background(), prefix, 10)
		if err != nil {
			t.Fatalf("Suggest(%q): %v", prefix, err)
		}
		if !slices.IsSortedFunc(got, func(a, b xiaoqi.Suggestion) int { return b.Count - a.Count }) {
			t.Errorf("Suggest(%q) = %v, want the most documents first", prefix, got)
		}
		m := map[string]int{}
		for _, s := range got {
			m[s.Text] = s.Count
		}
		return m
	}
	if got := suggest("softw")["Software testing"]; got != 3 {
		t.Errorf("softw: Software testing counts %d, want the 3 documents of the skill", got)
	}
	if zh, en := suggest("西安 软")["西安 软件测试"], suggest("Xi'an soft")["Xi'an Software testing"]; zh != 2 || en != 2 {
		t.Errorf("西安 软件测试 counts %d, Xi'an Software testing %d; want the 2 of the skill in 西安 both", zh, en)
	}
	got := suggest("Java 测")
	if got["Java 测试工程师"] != 1 {
		t.Errorf("Java 测: %v, want Java 测试工程师 (1)", got)
	}
	if n, ok := got["Java 测试开发工程师"]; ok {
		t.Errorf("Java 测: Java 测试开发工程师 counts %d, want it left out: no job so titled asks for Java", n)
	}
}
