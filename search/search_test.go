package search_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

func TestSearchChinese(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x, corpus()...)

	for _, tc := range []struct {
		name string
		q    xiaoqi.SearchQuery
		want []string // exact ids in order
	}{
		{"test job first, Xi'an only", xiaoqi.SearchQuery{Q: "软件测试", City: "西安", Types: []xiaoqi.Kind{xiaoqi.KindJob, xiaoqi.KindProgram}},
			[]string{"job_test_xa", "job_java_xa"}},
		{"city short and long forms agree", xiaoqi.SearchQuery{Q: "软件测试", City: "西安市", Types: []xiaoqi.Kind{xiaoqi.KindJob, xiaoqi.KindProgram}},
			[]string{"job_test_xa", "job_java_xa"}},
		{"title match above body match", xiaoqi.SearchQuery{Q: "软件测试", Types: []xiaoqi.Kind{xiaoqi.KindJob}},
			[]string{"job_test_xa", "job_test_bj", "job_java_xa"}},
		{"other city", xiaoqi.SearchQuery{Q: "软件测试", City: "宝鸡"}, []string{"job_test_bj"}},
		{"major", xiaoqi.SearchQuery{Q: "软件工程", Types: []xiaoqi.Kind{xiaoqi.KindProgram}}, []string{"prg_se_xupt"}},
		{"code", xiaoqi.SearchQuery{Q: "4161011664"}, []string{"ins_xupt"}},
		{"major code", xiaoqi.SearchQuery{Q: "080902"}, []string{"prg_se_xupt"}},
		{"policy", xiaoqi.SearchQuery{Q: "产学研"}, []string{"pol_12"}},
		{"Latin, case-insensitive", xiaoqi.SearchQuery{Q: "SELENIUM"}, []string{"job_test_xa"}},
		{"English stem", xiaoqi.SearchQuery{Q: "automate tests"}, []string{"job_java_xa"}},
		{"full-width Latin", xiaoqi.SearchQuery{Q: "ｐｙｔｈｏｎ"}, []string{"job_test_xa"}},
		{"single character inside bigrams", xiaoqi.SearchQuery{Q: "邮", Types: []xiaoqi.Kind{xiaoqi.KindInstitution}}, []string{"ins_xupt"}},
		{"partnerships only when asked", xiaoqi.SearchQuery{Q: "实训基地"}, nil},
		{"partnerships when asked", xiaoqi.SearchQuery{Q: "实训基地", Types: []xiaoqi.Kind{xiaoqi.KindPartnership}}, []string{"prt_xupt_isoft"}},
		{"nothing", xiaoqi.SearchQuery{Q: "区块链"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ids(find(t, x, tc.q))
			if !slices.Equal(got, tc.want) {
				t.Errorf("Search(%q) = %v, want %v", tc.q.Q, got, tc.want)
			}
		})
	}
}

// TestSearchPrecision: 软件工程 shares only the bigram 软件 with 软件测试 and must not be found;
// 软件开发与测试 holds both words and must.
func TestSearchPrecision(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_a"}, Name: "软件开发与测试", City: "西安"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_b"}, Name: "软件工程师", City: "西安"},
	)
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "软件测试"})); !slices.Equal(got, []string{"job_a"}) {
		t.Errorf("软件测试 = %v, want [job_a]", got)
	}
}

func TestSearchHit(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x, corpus()...)

	res := find(t, x, xiaoqi.SearchQuery{Q: "自动化测试", Types: []xiaoqi.Kind{xiaoqi.KindJob}})
	if len(res.Hits) == 0 || res.Hits[0].ID != "job_test_xa" {
		t.Fatalf("hits = %v, want job_test_xa first", ids(res))
	}
	h := res.Hits[0]
	// No enterprise_id: its enterprise is not known, so it is unverified.
	want := map[string]any{"city": "西安市", "district": "雁塔区", "enterprise_name": "西安软通动力信息技术有限公司", "verified": false}
	if h.Type != xiaoqi.KindJob || h.Title != "软件测试工程师" || !h.Synthetic || h.Version != 1 || h.Score <= 0 || fmt.Sprint(h.Fields) != fmt.Sprint(want) {
		t.Errorf("hit = %+v", h)
	}
	if !strings.Contains(h.Snippet, "<mark>自动化测试</mark>") {
		t.Errorf("snippet = %q, want the query marked", h.Snippet)
	}

	res = find(t, x, xiaoqi.SearchQuery{Q: "产学研"})
	if len(res.Hits) != 1 || res.Hits[0].Fields["number"] != 12 || res.Hits[0].Title != "（十二）加强产学研合作" {
		t.Errorf("policy hit = %+v", res.Hits)
	}
	res = find(t, x, xiaoqi.SearchQuery{Q: "软件工程", Types: []xiaoqi.Kind{xiaoqi.KindProgram}})
	// The ids a result list links by: a program to its institution, a job to its enterprise.
	if f := res.Hits[0].Fields; f["institution_name"] != "西安邮电大学" || f["major_code"] != "080902" || f["city"] != "西安市" || f["institution_id"] != "ins_xupt" {
		t.Errorf("program fields = %v", f)
	}
	index(t, x, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_isoft"}, Name: "区块链审计工程师", EnterpriseID: "ent_isoft",
		EnterpriseName: "西安软通动力信息技术有限公司", City: "西安市"})
	res = find(t, x, xiaoqi.SearchQuery{Q: "区块链审计工程师"})
	if len(res.Hits) == 0 || res.Hits[0].Fields["enterprise_id"] != "ent_isoft" {
		t.Errorf("job hit = %+v, want fields.enterprise_id ent_isoft", res.Hits)
	}
}

func TestSearchSnippet(t *testing.T) {
	x, _ := openIndex(t)
	long := strings.Repeat("服务外包产业加快发展，", 30) + "重点发展软件测试服务。" + strings.Repeat("其他内容。", 30)
	index(t, x, corpus()...)
	index(t, x, &xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_1"}, Number: 1, Heading: "发展思路", Text: long})
	// 西安 first appears inside 广西安全, where it is no word; the word comes at the very end,
	// far beyond the part of the text around the first appearance.
	tricky := "广西安全生产管理规定，" + strings.Repeat("其他内容很多，", 80) + "总部位于西安。"
	index(t, x, &xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_2"}, Number: 2, Heading: "附则", Text: tricky})

	for _, tc := range []struct {
		q, id, want string
	}{
		{"软件测试", "pol_1", "<mark>软件测试</mark>"},
		{"西安 附则", "pol_2", "总部位于<mark>西安</mark>。"},
		{"软件外包", "ent_isoft", "&lt;b&gt;<mark>软件外包</mark>&lt;/b&gt;与测试服务 &amp; 运维。"},
		{"软通动力", "ent_isoft", "西安<mark>软通动力</mark>信息技术有限公司"}, // title only
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		i := slices.IndexFunc(res.Hits, func(h xiaoqi.Hit) bool { return h.ID == tc.id })
		if i < 0 {
			t.Errorf("%s: %s not found in %v", tc.q, tc.id, ids(res))
			continue
		}
		s := res.Hits[i].Snippet
		if !strings.Contains(s, tc.want) || len([]rune(s)) > 120 {
			t.Errorf("%s: snippet = %q, want it to contain %q (and be short)", tc.q, s, tc.want)
		}
	}
}

func TestSearchEmptyQuery(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x, corpus()...)

	// A listing without words shows the real records first (the school and its program),
	// then the synthetic ones; ties by id.
	res := find(t, x, xiaoqi.SearchQuery{City: "西安"})
	want := []string{"ins_xupt", "prg_se_xupt", "cnd_wang", "ent_isoft", "job_java_xa", "job_test_xa"}
	if got := ids(res); !slices.Equal(got, want) || res.Total != uint64(len(want)) {
		t.Errorf("all in 西安 = %v (total %d), want %v", got, res.Total, want)
	}
	res = find(t, x, xiaoqi.SearchQuery{})
	if res.Total != 8 { // all but the partnership
		t.Errorf("total = %d, want 8", res.Total)
	}
	// Among the real ones, the newest first: the job posted last before the older one and
	// before the school, which changed before both were posted.
	day := func(d int) time.Time { return time.Date(2024, 11, d, 0, 0, 0, 0, time.UTC) }
	var ins *xiaoqi.Institution
	for _, d := range corpus() {
		if i, ok := d.(*xiaoqi.Institution); ok && i.ID == "ins_xupt" {
			ins = i
		}
	}
	ins.UpdatedAt = day(1)
	index(t, x, ins,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_old"}, Name: "测试工程师", City: "西安市", PostedAt: day(10)},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_new"}, Name: "运维工程师", City: "西安市", PostedAt: day(20)},
	)
	res = find(t, x, xiaoqi.SearchQuery{City: "西安"})
	if got := ids(res); len(got) < 4 || !slices.Equal(got[:4], []string{"job_new", "job_old", "ins_xupt", "prg_se_xupt"}) {
		t.Errorf("all in 西安 = %v, want job_new, job_old, ins_xupt, prg_se_xupt first", got)
	}
}

// TestSearchAnyInput: user input is never parsed as a query language.
func TestSearchAnyInput(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x, corpus()...)
	for _, q := range []string{`title:软件 +"测试`, `*`, `?`, `"`, `/[a-z/`, `-`, `。，、`, `\`, "\xff\xfe", `AND OR NOT`, `~1`, `^`} {
		if _, err := x.Search(context.Background(), xiaoqi.SearchQuery{Q: q}); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
}

func TestSearchPagination(t *testing.T) {
	x, _ := openIndex(t)
	var docs []xiaoqi.Doc
	for i := range 25 {
		docs = append(docs, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: fmt.Sprintf("job_%02d", i)},
			Name: "测试工程师", City: "西安", Description: strings.Repeat("测试", i%5+1)})
	}
	index(t, x, docs...)

	seen := map[string]bool{}
	for page, want := range []int{10, 10, 5, 0} {
		res := find(t, x, xiaoqi.SearchQuery{Q: "测试", Page: page + 1})
		if len(res.Hits) != want || res.Total != 25 || res.Page != page+1 || res.PerPage != 10 {
			t.Fatalf("page %d: %d hits of %d, want %d of 25", page+1, len(res.Hits), res.Total, want)
		}
		for _, h := range res.Hits {
			if seen[h.ID] {
				t.Errorf("page %d repeats %s", page+1, h.ID)
			}
			seen[h.ID] = true
		}
	}
	if res := find(t, x, xiaoqi.SearchQuery{PerPage: 100}); len(res.Hits) != 25 {
		t.Errorf("per_page 100: %d hits", len(res.Hits))
	}
}

func TestSearchLimits(t *testing.T) {
	x, _ := openIndex(t)
	for _, tc := range []struct {
		name  string
		q     xiaoqi.SearchQuery
		field string
	}{
		{"per_page too large", xiaoqi.SearchQuery{PerPage: xiaoqi.MaxPerPage + 1}, "per_page"},
		{"per_page negative", xiaoqi.SearchQuery{PerPage: -1}, "per_page"},
		{"page negative", xiaoqi.SearchQuery{Page: -1}, "page"},
		{"window", xiaoqi.SearchQuery{Page: xiaoqi.MaxResultWindow/xiaoqi.MaxPerPage + 1, PerPage: xiaoqi.MaxPerPage}, "page"},
		{"default page size window", xiaoqi.SearchQuery{Page: xiaoqi.MaxResultWindow/10 + 1}, "page"},
		{"query too long", xiaoqi.SearchQuery{Q: strings.Repeat("软", xiaoqi.MaxQueryLength+1)}, "q"},
		{"unknown type", xiaoqi.SearchQuery{Types: []xiaoqi.Kind{"jobz"}}, "type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := x.Search(context.Background(), tc.q)
			if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
				t.Fatalf("err = %v, want EINVALID", err)
			}
			if d := xiaoqi.ErrorDetails(err); len(d) != 1 || d[0].Field != tc.field {
				t.Errorf("details = %+v, want field %s", d, tc.field)
			}
		})
	}
	// The limits themselves are allowed.
	for _, q := range []xiaoqi.SearchQuery{
		{PerPage: xiaoqi.MaxPerPage, Page: xiaoqi.MaxResultWindow / xiaoqi.MaxPerPage},
		{Q: strings.Repeat("软件", xiaoqi.MaxQueryLength/2)},
	} {
		if _, err := x.Search(context.Background(), q); err != nil {
			t.Errorf("Search(page %d, per_page %d, %d runes): %v", q.Page, q.PerPage, len([]rune(q.Q)), err)
		}
	}
}

// TestSearchCandidatePrivacy: a candidate is found by skills, but never by name, phone,
// e-mail or birth date, and no hit shows them.
func TestSearchCandidatePrivacy(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x, corpus()...)

	for _, q := range []string{"王小明", "小明", "13912345678", "139 1234 5678", "wxm@example.com", "wxm", "1999-01-02", "1999"} {
		if res := find(t, x, xiaoqi.SearchQuery{Q: q}); len(res.Hits) != 0 {
			t.Errorf("Search(%q) found %v", q, ids(res))
		}
	}
	for _, q := range []string{"软件测试", "日语", "Linux", "西安邮电大学"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q, Types: []xiaoqi.Kind{xiaoqi.KindCandidate}})
		if got := ids(res); !slices.Equal(got, []string{"cnd_wang"}) {
			t.Errorf("Search(%q) = %v, want the candidate", q, got)
			continue
		}
		h := res.Hits[0]
		for _, secret := range []string{"王", "139", "1234", "wxm", "1999"} {
			if strings.Contains(h.Title+h.Snippet+fmt.Sprint(h.Fields), secret) {
				t.Errorf("hit for %q shows %q: %+v", q, secret, h)
			}
		}
	}
}

// TestFiltersDoNotScore: a filter selects and adds nothing to a hit's score, so filtering
// never reorders what the words found; both for filters that hold few documents (joined to
// the words) and for the others (checked after them).
func TestFiltersDoNotScore(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x, corpus()...)
	// So that the jobs and 西安 are under an eighth of the documents, and fewer than the
	// documents the words find: the filters that join the words as clauses.
	var filler []xiaoqi.Doc
	for i := range 60 {
		filler = append(filler, &xiaoqi.Policy{Meta: xiaoqi.Meta{ID: fmt.Sprintf("pol_f%02d", i)}, Number: 100 + i,
			Heading: "其他条款", Text: "其他内容，涉及软件测试。"})
	}
	index(t, x, filler...)
	yes := true
	score := func(q xiaoqi.SearchQuery, id string) float64 {
		t.Helper()
		for _, h := range find(t, x, q).Hits {
			if h.ID == id {
				return h.Score
			}
		}
		t.Fatalf("%+v: %s not found", q, id)
		return 0
	}
	plain := score(xiaoqi.SearchQuery{Q: "软件测试"}, "job_test_xa")
	for _, q := range []xiaoqi.SearchQuery{
		{Q: "软件测试", Types: []xiaoqi.Kind{xiaoqi.KindJob}},
		{Q: "软件测试", City: "西安"},
		{Q: "软件测试", Types: []xiaoqi.Kind{xiaoqi.KindJob, xiaoqi.KindCandidate}, City: "西安市", Districts: []string{"雁塔区"}},
		{Q: "软件测试", Synthetic: &yes},                                         // a filter whose size terms cannot tell
		{Q: "软件测试", Types: []xiaoqi.Kind{xiaoqi.KindJob, xiaoqi.KindPolicy}}, // most documents
	} {
		if got := score(q, "job_test_xa"); math.Abs(got-plain) > 1e-9*plain {
			t.Errorf("%+v: score %v, without filters %v", q, got, plain)
		}
	}
}

// TestProgramsFoundByWhatTheyTeach: a program is found, filtered and counted by the skills its
// major teaches in a course or at its core, not by those it only touches (the catalogue's
// employment directions): Java finds 计算机科学与技术 (Java at its core), not
// 新能源材料与器件, whose directions name Java in passing.
func TestProgramsFoundByWhatTheyTeach(t *testing.T) {
	x, err := search.Open(t.TempDir()+"/index", productOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	index(t, x,
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_cs"}, InstitutionID: "ins_a", InstitutionName: "甲大学", Name: "计算机科学与技术",
			MajorCode: "080901", Degree: "本科", City: "西安市", Skills: []string{"Java", "C语言", "数据结构与算法"}},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_pv"}, InstitutionID: "ins_a", InstitutionName: "甲大学", Name: "新能源材料与器件",
			MajorCode: "080414T", Degree: "本科", City: "西安市", Skills: []string{"光伏", "储能", "Java", "软件测试"}},
		// A training course has no major code: every skill it names is taught.
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_course"}, InstitutionID: "ins_b", InstitutionName: "乙培训中心", Name: "Java实训课程",
			Degree: "培训", City: "西安市", Skills: []string{"Java", "Spring"}})
	for _, q := range []xiaoqi.SearchQuery{
		{Q: "Java", Types: []xiaoqi.Kind{xiaoqi.KindProgram}},
		{Skills: []string{"Java"}, Types: []xiaoqi.Kind{xiaoqi.KindProgram}},
	} {
		got := ids(find(t, x, q))
		slices.Sort(got)
		if !slices.Equal(got, []string{"prg_course", "prg_cs"}) {
			t.Errorf("%+v: hits %v, want the programs that teach Java", q, got)
		}
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "光伏"})); len(got) != 1 || got[0] != "prg_pv" {
		t.Errorf("光伏: hits %v, want the program at whose core it is", got)
	}
}

// TestInstitutionsThroughPrograms: among institutions alone, a word finds the schools whose
// programs match it too, those with more matching programs first, each with the count in
// fields.programs; a school that names the word itself comes first. Other searches are
// unchanged.
func TestInstitutionsThroughPrograms(t *testing.T) {
	x, _ := openIndex(t)
	prog := func(id, inst, name, major string) *xiaoqi.Program {
		return &xiaoqi.Program{Meta: xiaoqi.Meta{ID: id}, InstitutionID: inst, InstitutionName: map[string]string{"ins_a": "甲大学", "ins_b": "乙学院", "ins_c": "丙大学"}[inst],
			Name: name, MajorCode: major, Degree: "本科", City: "西安市"}
	}
	index(t, x,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_a"}, Name: "甲大学", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_b"}, Name: "乙学院", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_c"}, Name: "丙大学", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_d"}, Name: "西安日语培训中心", Type: xiaoqi.InstitutionTraining, City: "西安市"},
		prog("prg_a1", "ins_a", "日语", "050207"), prog("prg_a2", "ins_a", "商务日语", "050207"), prog("prg_a3", "ins_a", "法学", "030101K"),
		prog("prg_b1", "ins_b", "日语", "050207"), prog("prg_c1", "ins_c", "法学", "030101K"))
	res := find(t, x, xiaoqi.SearchQuery{Q: "日语", Types: []xiaoqi.Kind{xiaoqi.KindInstitution}})
	if got := ids(res); !slices.Equal(got, []string{"ins_d", "ins_a", "ins_b"}) {
		t.Fatalf("日语 among institutions: %v, want the school that names it, then the two that teach it, more programs first", got)
	}
	if n := res.Hits[1].Fields["programs"]; n != 2 {
		t.Errorf("ins_a: fields.programs = %v, want 2", n)
	}
	if _, ok := res.Hits[0].Fields["programs"]; ok {
		t.Errorf("ins_d, found by its name, has fields.programs")
	}
	// A hit says which kind of institution it is: a training institution's programs are courses.
	if a, d := res.Hits[1].Fields["institution_type"], res.Hits[0].Fields["institution_type"]; a != "university" || d != "training" {
		t.Errorf("fields.institution_type: ins_a %v, ins_d %v, want university and training", a, d)
	}
	// Between schools with as many matching programs, the one with more programs of the same
	// class of the catalogue (0502 外国语言文学类) first: 丙大学, which teaches 英语 and 俄语 too,
	// before 乙学院 (by id before); 甲大学, with two matching programs, still first.
	index(t, x, prog("prg_c2", "ins_c", "日语", "050207"), prog("prg_c3", "ins_c", "英语", "050201"), prog("prg_c4", "ins_c", "俄语", "050202"))
	res = find(t, x, xiaoqi.SearchQuery{Q: "日语", Types: []xiaoqi.Kind{xiaoqi.KindInstitution}})
	if got := ids(res); !slices.Equal(got, []string{"ins_d", "ins_a", "ins_c", "ins_b"}) {
		t.Errorf("日语 among institutions, 丙大学 teaching languages: %v, want ins_d, ins_a, ins_c, ins_b", got)
	}
	// Every kind: the programs themselves, no join.
	res = find(t, x, xiaoqi.SearchQuery{Q: "日语"})
	for _, h := range res.Hits {
		if h.Type == xiaoqi.KindInstitution && h.ID != "ins_d" {
			t.Errorf("日语 among every kind found %s through its programs", h.ID)
		}
	}
}

// TestRelaxedSaysWhatIsMissing: a relaxed search names the words that no document holds at
// all (区块链 of 区块链 延安), and none when each word is found, only not together.
func TestRelaxedSaysWhatIsMissing(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ya"}, Name: "物流专员", EnterpriseName: "延安某物流公司", City: "延安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xa"}, Name: "Java开发工程师", EnterpriseName: "西安某软件公司", City: "西安市"})
	res := find(t, x, xiaoqi.SearchQuery{Q: "区块链 延安"})
	if !res.Relaxed || !slices.Equal(res.Unmatched, []string{"区块链"}) || len(res.Hits) != 1 {
		t.Errorf("区块链 延安: relaxed %v, unmatched %v, hits %v; want relaxed, 区块链 unmatched, the 延安 job", res.Relaxed, res.Unmatched, ids(res))
	}
	res = find(t, x, xiaoqi.SearchQuery{Q: "Java 延安"})
	if !res.Relaxed || len(res.Unmatched) != 0 {
		t.Errorf("Java 延安: relaxed %v, unmatched %v; want relaxed with every word found somewhere", res.Relaxed, res.Unmatched)
	}
	if res = find(t, x, xiaoqi.SearchQuery{Q: "物流 延安"}); res.Relaxed || len(res.Unmatched) != 0 {
		t.Errorf("物流 延安: relaxed %v, unmatched %v; want every word found together", res.Relaxed, res.Unmatched)
	}
}

// TestClosedJobSaysSo: a closed job need is still found (HR and schools look back at what was
// asked), and its hit says it is closed; an open one's says nothing.
func TestClosedJobSaysSo(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_open"}, Name: "测试工程师", City: "西安市", Status: xiaoqi.JobOpen},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_closed"}, Name: "测试工程师", City: "西安市", Status: xiaoqi.JobClosed})
	res := find(t, x, xiaoqi.SearchQuery{Q: "测试工程师"})
	got := map[string]any{}
	for _, h := range res.Hits {
		got[h.ID] = h.Fields["status"]
	}
	if len(got) != 2 || got["job_closed"] != "closed" || got["job_open"] != nil {
		t.Errorf("fields.status by hit: %v, want closed for job_closed only", got)
	}
}

// TestSnippetMarksTheLongerWord: where a query's terms overlap in a title (大数 and 大数据 of
// 大数据管理与应用), the mark covers the longer, every time: bleve's highlighter merged them in
// no stable order and marked 大数 or 大数据 by chance, and the same search varied.
func TestSnippetMarksTheLongerWord(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_bd"}, InstitutionID: "ins_a", InstitutionName: "甲大学", Name: "大数据管理与应用",
			MajorCode: "120108T", Degree: "本科", City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_bd"}, Name: "大数据开发运营（西安）", City: "西安市"},
	)
	want := map[string]string{"prg_bd": "<mark>大数据</mark>管理与应用", "job_bd": "<mark>大数据开发</mark>运营（西安）"}
	for range 30 {
		for _, h := range find(t, x, xiaoqi.SearchQuery{Q: "大数据开发"}).Hits {
			if w, ok := want[h.ID]; ok && !strings.HasSuffix(h.Snippet, w) {
				t.Fatalf("大数据开发: %s snippet %q, want it to end %q", h.ID, h.Snippet, w)
			}
		}
	}
}

// TestSnippetShowsEveryPart: a snippet shows the passage that holds the most parts of the
// query, not the one with the most words of one part. Asked for 会日语的软件测试, a posting
// showed its lines on 软件, 测试 and 软件测试, and not the line saying it asks for 日语N2,
// which is why it was found (a long text: locate analysed only the clauses after the first
// word of the query, which ended before 日语).
func TestSnippetShowsEveryPart(t *testing.T) {
	x := openProductIndex(t)
	desc := "【岗位职责】\n1. 按设计书完成功能模块的开发与联调；\n2. 参与软件系统的需求分析、设计、编码和单元测试；\n" +
		"3. 修复缺陷并配合测试团队完成版本交付；\n4. 使用自动化测试、Selenium完成软件研发和测试相关工作，编写技术文档。\n" +
		"【任职要求】\n1. 硕士及以上学历，软件工程、工业软件、工程软件等相关专业；\n" +
		"2. 熟练掌握自动化测试，熟悉Selenium、软件测试、Appium、知识图谱、桥梁SE、设计书编写；\n" +
		"3. 外语要求：日语N2，能阅读外文技术文档并与海外客户沟通；\n4. 工作经验：5-7年；\n5. 责任心强，具有良好的沟通能力和团队合作精神。\n" +
		"（示例数据，并非真实招聘信息 Synthetic sample posting.）"
	index(t, x, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ja"}, Name: "自动化测试工程师", City: "西安市",
		Skills: []string{"自动化测试", "Selenium", "软件测试"}, Languages: []string{"日语N2"}, Description: desc})
	for _, q := range []string{"会日语的软件测试", "软件测试 日语"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if len(res.Hits) != 1 {
			t.Fatalf("%s: %d hits, want 1", q, len(res.Hits))
		}
		s := res.Hits[0].Snippet
		if !strings.Contains(s, "<mark>日语") || !strings.Contains(s, "<mark>软件测试</mark>") {
			t.Errorf("%s: snippet %q, want 日语 and 软件测试 marked", q, s)
		}
	}
}
