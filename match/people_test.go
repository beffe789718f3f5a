package match_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/match"
)

// smallMarket is a hand-made market: a software company in Xi'an with a Java job, a hospital
// operator in Hanzhong, and four candidates.
func smallMarket() []xiaoqi.Doc {
	return []xiaoqi.Doc{
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_soft", Synthetic: true}, Name: "西安某软件公司", City: "西安市", Region: xiaoqi.RegionGuanzhong,
			Sectors: []xiaoqi.Sector{xiaoqi.SectorSoftware}},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_care", Synthetic: true}, Name: "汉中某医疗服务公司", City: "汉中市", Region: xiaoqi.RegionShaannan,
			Sectors: []xiaoqi.Sector{xiaoqi.SectorMedical}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_java", Synthetic: true}, EnterpriseID: "ent_soft", Name: "Java开发工程师", City: "西安市",
			Degree: "本科", Skills: []string{"Java", "MySQL", "Spring", "英语"}, Headcount: 5, Status: xiaoqi.JobOpen},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_care", Synthetic: true}, EnterpriseID: "ent_care", Name: "医院运营专员", City: "汉中市",
			Degree: "大专", Skills: []string{"医院运营管理", "医学术语", "英语"}, Headcount: 2, Status: xiaoqi.JobOpen},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_java", Synthetic: true}, Name: "甲", City: "西安市", Degree: "本科",
			Skills: []string{"Java", "MySQL", "Spring"}},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_boot", Synthetic: true}, Name: "乙", City: "咸阳市", Degree: "本科",
			Skills: []string{"Spring Boot"}}, // related to Java and Spring only
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_nurse", Synthetic: true}, Name: "丙", City: "西安市", Degree: "大专",
			Skills: []string{"医院运营管理", "医学术语", "英语"}},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_hidden", Synthetic: true}, Name: "丁", City: "西安市", Degree: "硕士",
			Skills: []string{"Java", "MySQL", "Spring", "英语"}, Visibility: xiaoqi.VisibilityPrivate},
	}
}

func smallMatcher(tb testing.TB, docs []xiaoqi.Doc) *match.Matcher {
	tb.Helper()
	m := match.New(nil, loadTax(tb))
	m.LoadDocs(docs)
	return m
}

func candidateIDs(l *xiaoqi.MatchList) []string {
	var ids []string
	for _, x := range l.Data {
		ids = append(ids, x.Candidate.ID)
	}
	return ids
}

// TestJobCandidates: for a Java job, the Java developer comes first, the Spring Boot
// developer (related skills only) next, the hospital administrator (English only) last, and
// a private profile is never offered.
func TestJobCandidates(t *testing.T) {
	m := smallMatcher(t, smallMarket())
	l, err := m.JobCandidates(context.Background(), "job_java", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := candidateIDs(l), []string{"cnd_java", "cnd_boot", "cnd_nurse"}; !slices.Equal(got, want) {
		t.Fatalf("candidates for the Java job: %v, want %v", got, want)
	}
	top, last := l.Data[0], l.Data[2]
	if top.Score <= l.Data[1].Score || l.Data[1].Score <= last.Score {
		t.Errorf("scores not decreasing: %v %v %v", top.Score, l.Data[1].Score, last.Score)
	}
	// English is judged once, as a language.
	sk := top.Factors[0]
	if sk.Factor != "skills" || !slices.Equal(sk.Covered, []string{"Java", "MySQL", "Spring"}) || len(sk.Missing) != 0 ||
		!strings.Contains(sk.ZH, "3/3") || !strings.Contains(sk.EN, "3 of the 3") {
		t.Errorf("Java developer's skills factor: %+v", sk)
	}
	lang := top.Factors[len(top.Factors)-1]
	if lang.Factor != "languages" || lang.Score != 0 || !slices.Equal(lang.Missing, []string{"英语"}) {
		t.Errorf("Java developer's languages factor: %+v", lang)
	}
	// The Spring Boot developer holds none of the three skills: each counts in part, through
	// Spring Boot, and the explanation says so instead of listing them as held.
	if p := l.Data[1].Factors[0]; len(p.Partial) == 0 || len(p.Covered) != 0 || !strings.Contains(p.ZH, "具备该岗位所需技能 0/3") ||
		!strings.Contains(p.ZH, "相关技能部分具备：") || !strings.Contains(p.ZH, "（由Spring Boot部分具备）") || !strings.Contains(p.EN, "through Spring Boot") {
		t.Errorf("Spring Boot developer's skills should count in part, and say so: %+v", p)
	}
	if !l.Synthetic || !top.Synthetic {
		t.Error("ranking of synthetic data not marked synthetic")
	}
	if l.Considered != 3 {
		t.Errorf("considered %d candidates, want the 3 visible ones that share a skill", l.Considered)
	}
}

// TestCandidateJobs: each candidate sees the job of their own field first, and only jobs
// that share a skill (or a related one) with them.
func TestCandidateJobs(t *testing.T) {
	m := smallMatcher(t, smallMarket())
	for cand, want := range map[string][]string{"cnd_java": {"job_java"}, "cnd_boot": {"job_java"}, "cnd_nurse": {"job_care", "job_java"}} {
		l, err := m.CandidateJobs(context.Background(), cand, xiaoqi.Scope{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range l.Data {
			got = append(got, x.Job.ID)
			if x.Enterprise == nil {
				t.Errorf("%s: job %s without its enterprise", cand, x.Job.ID)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("jobs for %s: %v, want %v", cand, got, want)
		}
	}
	if _, err := m.CandidateJobs(context.Background(), "cnd_hidden", xiaoqi.Scope{}, 10); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
		t.Errorf("a private candidate's jobs: %v, want not found", err)
	}
	if _, err := m.JobCandidates(context.Background(), "job_java", xiaoqi.Scope{}, 101); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
		t.Errorf("limit 101: %v, want invalid", err)
	}
}

// TestJobsFor: a candidate sees the job needs suggested to them on their own page also while
// their profile is private, and with an edit the model has not taken in yet.
func TestJobsFor(t *testing.T) {
	docs := smallMarket()
	m := smallMatcher(t, docs)
	var hidden *xiaoqi.Candidate
	for _, d := range docs {
		if c, ok := d.(*xiaoqi.Candidate); ok && c.ID == "cnd_hidden" {
			hidden = c
		}
	}
	l, err := m.JobsFor(context.Background(), hidden, xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Data) == 0 || l.Data[0].Job.ID != "job_java" || l.For.ID != "cnd_hidden" {
		t.Errorf("jobs for the private Java developer: %+v", l)
	}
	edited := *hidden
	edited.Skills, edited.Degree = []string{"医院运营管理", "医学术语"}, "大专"
	if l, err = m.JobsFor(context.Background(), &edited, xiaoqi.Scope{}, 10); err != nil || len(l.Data) == 0 || l.Data[0].Job.ID != "job_care" {
		t.Errorf("jobs after the profile became a hospital administrator's: %+v, %v", l, err)
	}
	if _, err := m.JobsFor(context.Background(), hidden, xiaoqi.Scope{}, 101); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
		t.Errorf("limit 101: %v, want invalid", err)
	}
}

// TestJobCandidatesLanguageLevels: for a Japanese customer-service job asking 日语N2, a
// candidate with 日语N3 is said to have 日语N3, in part for 日语N2 (not 日语N2 itself), and
// comes before one who speaks no Japanese: the title names the language, so lacking it
// halves the match, and the explanation says so.
func TestJobCandidatesLanguageLevels(t *testing.T) {
	docs := []xiaoqi.Doc{
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_bpo", Synthetic: true}, Name: "西安某外包公司", City: "西安市", Region: xiaoqi.RegionGuanzhong,
			Sectors: []xiaoqi.Sector{xiaoqi.SectorInternet}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_jp", Synthetic: true}, EnterpriseID: "ent_bpo", Name: "日语客服专员", City: "西安市",
			Degree: "大专", Skills: []string{"客户服务", "办公软件"}, Languages: []string{"日语N2"}, Headcount: 3, Status: xiaoqi.JobOpen},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_n3", Synthetic: true}, Name: "甲", City: "咸阳市", Degree: "大专",
			Skills: []string{"客户服务"}, Languages: []string{"日语N3"}},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_en", Synthetic: true}, Name: "乙", City: "西安市", Degree: "本科",
			Skills: []string{"客户服务", "办公软件"}, Languages: []string{"英语六级"}},
	}
	l, err := smallMatcher(t, docs).JobCandidates(context.Background(), "job_jp", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := candidateIDs(l), []string{"cnd_n3", "cnd_en"}; !slices.Equal(got, want) {
		t.Fatalf("candidates for the Japanese job: %v, want %v", got, want)
	}
	lang := func(x xiaoqi.Match) xiaoqi.MatchFactor { return x.Factors[len(x.Factors)-1] }
	if f := lang(l.Data[0]); f.Factor != "languages" || len(f.Covered) != 0 || !slices.Equal(f.Partial, []string{"日语N2"}) ||
		!strings.Contains(f.ZH, "具备：日语N3（部分满足日语N2）") || strings.Contains(f.ZH, "具备：日语N2") || !strings.Contains(f.EN, "in part, for") {
		t.Errorf("the N3 candidate's languages factor: %+v", f)
	}
	if f := lang(l.Data[1]); !strings.Contains(f.ZH, "岗位名称即要求日语，候选人不具备，匹配度减半") || !strings.Contains(f.EN, "counts half") {
		t.Errorf("the English speaker's languages factor does not say why the match counts half: %+v", f)
	}
	if l.Data[1].Score > 0.5 {
		t.Errorf("the English speaker scores %.2f for a Japanese job, want at most half", l.Data[1].Score)
	}
}

// TestRealOnly: with Scope.RealOnly every ranking of one party leaves out counterparts of
// synthetic data: an institution's suggested enterprises, an enterprise's institutions, a
// job's candidates and a candidate's jobs.
func TestRealOnly(t *testing.T) {
	docs := smallMarket() // every document synthetic
	docs = append(docs,
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_real"}, Name: "西安真实软件有限公司", City: "西安市", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_real"}, EnterpriseID: "ent_real", Name: "Java工程师", City: "西安市",
			Degree: "本科", Skills: []string{"Java", "MySQL"}, Headcount: 2, Status: xiaoqi.JobOpen},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_real"}, Name: "戊", City: "西安市", Degree: "本科", Skills: []string{"Java", "Spring"}},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_real"}, Name: "西安真实大学", City: "西安市", Type: xiaoqi.InstitutionUniversity},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_real"}, InstitutionID: "ins_real", InstitutionName: "西安真实大学",
			Name: "软件工程", Degree: "本科", City: "西安市", Skills: []string{"Java", "MySQL", "Spring"}, GraduatesPerYear: 80},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_syn", Synthetic: true}, Name: "西安示例学院（示例）", City: "西安市", Type: xiaoqi.InstitutionTraining},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_syn", Synthetic: true}, InstitutionID: "ins_syn", InstitutionName: "西安示例学院（示例）",
			Name: "Java实训课程", Degree: "培训", City: "西安市", Skills: []string{"Java", "MySQL", "Spring"}, GraduatesPerYear: 80},
	)
	m := smallMatcher(t, docs)
	ctx := context.Background()
	real := xiaoqi.Scope{RealOnly: true}
	parties := func(l *xiaoqi.MatchList) (all, synthetic []string) {
		for _, x := range l.Data {
			for _, p := range []*xiaoqi.MatchParty{x.Institution, x.Enterprise, x.Job} {
				if p != nil && p.ID != l.For.ID {
					all = append(all, p.ID)
					if p.Synthetic {
						synthetic = append(synthetic, p.ID)
					}
				}
			}
			if x.Candidate != nil {
				all = append(all, x.Candidate.ID)
				if x.Candidate.Synthetic {
					synthetic = append(synthetic, x.Candidate.ID)
				}
			}
		}
		return all, synthetic
	}
	for _, tc := range []struct {
		name string
		rank func(xiaoqi.Scope) (*xiaoqi.MatchList, error)
		want string // the real counterpart
	}{
		{"institution's enterprises", func(sc xiaoqi.Scope) (*xiaoqi.MatchList, error) {
			return m.InstitutionPartners(ctx, "ins_real", sc, 10)
		}, "ent_real"},
		{"enterprise's institutions", func(sc xiaoqi.Scope) (*xiaoqi.MatchList, error) { return m.EnterprisePartners(ctx, "ent_real", sc, 10) }, "ins_real"},
		{"job's candidates", func(sc xiaoqi.Scope) (*xiaoqi.MatchList, error) { return m.JobCandidates(ctx, "job_real", sc, 10) }, "cnd_real"},
		{"candidate's jobs", func(sc xiaoqi.Scope) (*xiaoqi.MatchList, error) { return m.CandidateJobs(ctx, "cnd_real", sc, 10) }, "job_real"},
	} {
		all, err := tc.rank(xiaoqi.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		if _, syn := parties(all); len(syn) == 0 {
			t.Errorf("%s: no synthetic counterpart without RealOnly, the test shows nothing", tc.name)
		}
		l, err := tc.rank(real)
		if err != nil {
			t.Fatal(err)
		}
		got, syn := parties(l)
		if len(syn) > 0 || !slices.Contains(got, tc.want) {
			t.Errorf("%s with RealOnly: %v (synthetic %v), want %s and nothing synthetic", tc.name, got, syn, tc.want)
		}
	}
}

// TestLanguageLevels: a higher level of the language meets the one asked for in full (日语N1
// for 日语N2, 英语六级 for 英语四级) and is said to; another language (韩语 for 日语) and 翻译
// alone meet nothing. The taxonomy's symmetric relations had N1 meet N2 in part, below N3's
// score, and 韩语 meet 日语 at 0.3.
func TestLanguageLevels(t *testing.T) {
	docs := []xiaoqi.Doc{
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_bpo", Synthetic: true}, Name: "西安某外包公司", City: "西安市", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_jp", Synthetic: true}, EnterpriseID: "ent_bpo", Name: "客服专员", City: "西安市",
			Degree: "大专", Skills: []string{"客户服务"}, Languages: []string{"日语N2", "英语四级"}, Headcount: 3, Status: xiaoqi.JobOpen},
	}
	cand := func(id string, langs ...string) xiaoqi.Doc {
		return &xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: id, Synthetic: true}, Name: id, City: "西安市", Degree: "大专",
			Skills: []string{"客户服务"}, Languages: langs}
	}
	docs = append(docs, cand("cnd_n1", "日语N1", "英语六级"), cand("cnd_n3", "日语N3", "英语四级"), cand("cnd_ko", "韩语", "翻译"))
	l, err := smallMatcher(t, docs).JobCandidates(context.Background(), "job_jp", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]xiaoqi.Match{}
	for _, x := range l.Data {
		byID[x.Candidate.ID] = x
	}
	lang := func(id string) xiaoqi.MatchFactor { f := byID[id].Factors; return f[len(f)-1] }
	if f := lang("cnd_n1"); f.Score != 1 || !slices.Equal(f.Covered, []string{"日语N2", "英语四级"}) ||
		!strings.Contains(f.ZH, "日语N1（满足日语N2）") || !strings.Contains(f.ZH, "英语六级（满足英语四级）") || !strings.Contains(f.EN, "meets") {
		t.Errorf("N1 and CET-6: %+v, want both met in full and said so", f)
	}
	if n1, n3 := byID["cnd_n1"].Score, byID["cnd_n3"].Score; n1 <= n3 {
		t.Errorf("N1 scores %.2f, N3 %.2f: want the higher level first", n1, n3)
	}
	if f := lang("cnd_ko"); f.Score != 0 || strings.Contains(f.ZH, "韩语") || strings.Contains(f.ZH, "翻译") {
		t.Errorf("韩语 and 翻译 for 日语N2 and 英语四级: %+v, want nothing met", f)
	}

	// A school that teaches English and translation does not teach Japanese, and its English
	// meets 英语四级 without a level stated: in part, and said so.
	docs = append(docs,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_en", Synthetic: true}, Name: "某外语学院", City: "西安市", Type: xiaoqi.InstitutionUniversity},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_en", Synthetic: true}, InstitutionID: "ins_en", InstitutionName: "某外语学院",
			Name: "英语", Degree: "本科", City: "西安市", Skills: []string{"客户服务", "英语", "翻译"}, GraduatesPerYear: 100})
	pl, err := smallMatcher(t, docs).EnterprisePartners(context.Background(), "ent_bpo", xiaoqi.Scope{}, 5)
	if err != nil || len(pl.Data) == 0 {
		t.Fatalf("partners of the enterprise: %v, %v", pl, err)
	}
	found := false
	for _, f := range pl.Data[0].Factors {
		if f.Factor != "languages" {
			continue
		}
		found = true
		if slices.Contains(f.Covered, "日语N2") || !strings.Contains(f.ZH, "该机构开设：英语（部分满足英语四级）") || !slices.Equal(f.Missing, []string{"日语N2"}) {
			t.Errorf("the English school's languages factor: %+v, want 日语N2 missing and 英语 in part for 英语四级", f)
		}
	}
	if !found {
		t.Errorf("no languages factor for an enterprise whose jobs ask for languages: %+v", pl.Data[0].Factors)
	}
}

// TestUnknownSkillsSaid: skills a posting names that the taxonomy does not know are not
// counted in "covers n/m", and the explanation says so, naming them.
func TestUnknownSkillsSaid(t *testing.T) {
	docs := smallMarket()
	docs = append(docs,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_odd", Synthetic: true}, EnterpriseID: "ent_soft", Name: "平台开发", City: "西安市",
			Skills: []string{"Java", "某内部框架"}, Headcount: 1, Status: xiaoqi.JobOpen},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_x", Synthetic: true}, Name: "西安某学院", City: "西安市", Type: xiaoqi.InstitutionUniversity},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_x", Synthetic: true}, InstitutionID: "ins_x", Name: "软件工程", Degree: "本科", City: "西安市",
			Skills: []string{"Java", "MySQL", "Spring"}, GraduatesPerYear: 50})
	l, err := smallMatcher(t, docs).EnterprisePartners(context.Background(), "ent_soft", xiaoqi.Scope{}, 1)
	if err != nil || len(l.Data) == 0 {
		t.Fatalf("partners: %v, %v", l, err)
	}
	if f := l.Data[0].Factors[0]; f.Factor != "skills" || !strings.Contains(f.ZH, "1 项技能库未收录、未计入的技能，如 某内部框架") || !strings.Contains(f.EN, "not counted, such as 某内部框架") {
		t.Errorf("skills factor %q / %q: want it to say 某内部框架 was not counted", f.ZH, f.EN)
	}
}

// TestExperience: a job that asks for 3–4 years scores a graduate of this year below one who
// graduated five years ago, and says why; a job that states no years, or a candidate without
// a graduation year, has no experience factor.
func TestExperience(t *testing.T) {
	year := time.Now().Year()
	docs := smallMarket()
	docs[2].(*xiaoqi.JobNeed).Experience = "3-4年" // job_java
	cand := func(id string, grad int) xiaoqi.Doc {
		return &xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: id, Synthetic: true}, Name: id, City: "西安市", Degree: "本科",
			Skills: []string{"Java", "MySQL", "Spring"}, Languages: []string{"英语"},
			Education: []xiaoqi.Education{{InstitutionName: "西北大学", GraduationYear: grad}}}
	}
	docs = append(docs, cand("cnd_new", year), cand("cnd_old", year-5), cand("cnd_future", year+1))
	l, err := smallMatcher(t, docs).JobCandidates(context.Background(), "job_java", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]xiaoqi.Match{}
	for _, x := range l.Data {
		got[x.Candidate.ID] = x
	}
	if got["cnd_old"].Score <= got["cnd_new"].Score {
		t.Errorf("five years out %.2f, new graduate %.2f: want the experienced first", got["cnd_old"].Score, got["cnd_new"].Score)
	}
	var ef *xiaoqi.MatchFactor
	for i, f := range got["cnd_new"].Factors {
		if f.Factor == "experience" {
			ef = &got["cnd_new"].Factors[i]
		}
	}
	if ef == nil || ef.Score != 0 || !strings.Contains(ef.ZH, fmt.Sprintf("岗位要求经验：3-4年；候选人今年毕业（%d 届）", year)) ||
		!strings.Contains(ef.EN, "3+ years") || !strings.Contains(ef.EN, fmt.Sprintf("a graduate of this year (class of %d)", year)) {
		t.Errorf("the new graduate's experience factor: %+v", ef)
	}
	// A graduation year to come: not graduated yet, not "毕业约 0 年 / graduated about 0 years ago".
	ef = nil
	for i, f := range got["cnd_future"].Factors {
		if f.Factor == "experience" {
			ef = &got["cnd_future"].Factors[i]
		}
	}
	if ef == nil || ef.Score != 0 || strings.Contains(ef.ZH, "毕业约") || strings.Contains(ef.EN, "ago") ||
		!strings.Contains(ef.ZH, fmt.Sprintf("候选人尚未毕业（%d 届）", year+1)) ||
		!strings.Contains(ef.EN, fmt.Sprintf("the candidate has not graduated yet (class of %d)", year+1)) {
		t.Errorf("a graduate of %d's experience factor: %+v", year+1, ef)
	}
	if ef := got["cnd_old"].Factors; !slices.ContainsFunc(ef, func(f xiaoqi.MatchFactor) bool {
		return f.Factor == "experience" && strings.Contains(f.ZH, "候选人毕业约 5 年") && strings.Contains(f.EN, "graduated about 5 years ago")
	}) {
		t.Errorf("five years out: %+v", ef)
	}
	for _, f := range got["cnd_java"].Factors { // no graduation year
		if f.Factor == "experience" {
			t.Errorf("a candidate without a graduation year has an experience factor: %+v", f)
		}
	}
}

// TestUnknownPlace: a candidate without a city (imported without a city column) was said to
// be outside Shaanxi (地点不详（省外）) and scored 0.3 for distance, as one in 北京市 is. An
// unknown place is said to be unknown and scored neither as near nor as far: below a
// candidate of the job's city, above one outside Shaanxi.
func TestUnknownPlace(t *testing.T) {
	docs := smallMarket()
	cand := func(id, city string) xiaoqi.Doc {
		return &xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: id, Synthetic: true}, Name: id, City: city, Degree: "本科",
			Skills: []string{"Java", "MySQL", "Spring"}, Languages: []string{"英语"}}
	}
	docs = append(docs, cand("cnd_xa", "西安市"), cand("cnd_none", ""), cand("cnd_bj", "北京市"))
	l, err := smallMatcher(t, docs).JobCandidates(context.Background(), "job_java", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]xiaoqi.Match{}
	for _, x := range l.Data {
		got[x.Candidate.ID] = x
	}
	place := func(id string) xiaoqi.MatchFactor {
		for _, f := range got[id].Factors {
			if f.Factor == "distance" {
				return f
			}
		}
		t.Fatalf("%s: no distance factor in %+v", id, got[id])
		return xiaoqi.MatchFactor{}
	}
	f := place("cnd_none")
	if strings.Contains(f.ZH, "省外") || strings.Contains(f.EN, "outside Shaanxi") ||
		!strings.HasPrefix(f.ZH, "地点不详") || !strings.Contains(f.ZH, "西安市") ||
		!strings.HasPrefix(f.EN, "Place unknown") || !strings.Contains(f.EN, "Xi'an") {
		t.Errorf("a candidate without a city: %q / %q, want the place said to be unknown", f.ZH, f.EN)
	}
	if f.Score != 0.5 {
		t.Errorf("a candidate without a city scores %v for distance, want 0.5 (neither near nor far)", f.Score)
	}
	if bj := place("cnd_bj"); bj.Score >= f.Score || !strings.Contains(bj.ZH, "省外") {
		t.Errorf("a candidate in 北京市: %q, score %v; want outside Shaanxi, below the unknown place's %v", bj.ZH, bj.Score, f.Score)
	}
	if s := [3]float64{got["cnd_xa"].Score, got["cnd_none"].Score, got["cnd_bj"].Score}; !(s[0] > s[1] && s[1] > s[2]) {
		t.Errorf("scores 西安市 %v, unknown %v, 北京市 %v: want the unknown place between", s[0], s[1], s[2])
	}
}
