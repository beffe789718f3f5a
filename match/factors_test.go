package match_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestFactorTextsSayWhatCounts: a training centre's partner card said of a firm with 31
// master's posts, 1 bachelor's and 4 college ones 「4 个岗位学历相符，1 个要求高一级…，计 12%」
// beside a score of 13%: the 31 were nowhere in the sum, and the share was not the score shown.
// A 专科 college's card says so now; the training centre's certificate is no 大专 diploma and
// meets none of the 36 (see TestTrainingCertificateIsNoDegree).
// Its English languages factor left out the markets the Chinese named, and one post asking for
// 英语四级 made a firm without a market abroad one that item (8), international markets,
// supports.
func TestFactorTextsSayWhatCounts(t *testing.T) {
	docs := []xiaoqi.Doc{
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_train", Synthetic: true}, Name: "西安某培训中心", City: "西安市",
			Type: xiaoqi.InstitutionTraining, Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_test", Synthetic: true}, InstitutionID: "ins_train", Name: "软件测试实训",
			Degree: "培训", City: "西安市", Skills: []string{"软件测试", "Java"}, GraduatesPerYear: 100},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_college", Synthetic: true}, Name: "西安某职业技术学院", City: "西安市",
			Type: xiaoqi.InstitutionUniversity, Level: "专科", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_college", Synthetic: true}, InstitutionID: "ins_college", Name: "软件技术",
			Degree: "大专", City: "西安市", Skills: []string{"软件测试", "Java"}, GraduatesPerYear: 100},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_home", Synthetic: true}, Name: "西安某研究型软件公司", City: "西安市",
			Region: xiaoqi.RegionGuanzhong, Sectors: []xiaoqi.Sector{xiaoqi.SectorSoftware}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ms", Synthetic: true}, EnterpriseID: "ent_home", Name: "算法研究员", City: "西安市",
			Degree: "硕士", Skills: []string{"Java"}, Headcount: 31, Status: xiaoqi.JobOpen},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ba", Synthetic: true}, EnterpriseID: "ent_home", Name: "测试工程师", City: "西安市",
			Degree: "本科", Skills: []string{"软件测试", "英语四级"}, Headcount: 1, Status: xiaoqi.JobOpen},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_co", Synthetic: true}, EnterpriseID: "ent_home", Name: "测试员", City: "西安市",
			Degree: "大专", Skills: []string{"软件测试"}, Headcount: 4, Status: xiaoqi.JobOpen},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_off", Synthetic: true}, Name: "西安某对日外包公司", City: "西安市",
			Region: xiaoqi.RegionGuanzhong, Sectors: []xiaoqi.Sector{xiaoqi.SectorSoftware}, OffshoreMarkets: []string{"日韩", "欧美"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_off", Synthetic: true}, EnterpriseID: "ent_off", Name: "测试工程师", City: "西安市",
			Degree: "大专", Skills: []string{"软件测试"}, Headcount: 2, Status: xiaoqi.JobOpen},
	}
	m := smallMatcher(t, docs)
	l, err := m.InstitutionPartners(context.Background(), "ins_train", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	factors := map[string]map[string]xiaoqi.MatchFactor{}
	for _, x := range l.Data {
		factors[x.Enterprise.ID] = map[string]xiaoqi.MatchFactor{}
		for _, f := range x.Factors {
			factors[x.Enterprise.ID][f.Factor] = f
		}
	}
	home, off := factors["ent_home"], factors["ent_off"]
	if home == nil || off == nil {
		t.Fatalf("partners of the training centre: %+v", l.Data)
	}

	college, err := m.InstitutionPartners(context.Background(), "ins_college", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var deg xiaoqi.MatchFactor
	for _, x := range college.Data {
		if x.Enterprise.ID == "ent_home" {
			deg = x.Factors[slices.IndexFunc(x.Factors, func(f xiaoqi.MatchFactor) bool { return f.Factor == "degree" })]
		}
	}
	pct := fmt.Sprintf("%.0f%%", deg.Score*100+1e-9)
	for _, want := range []string{"4 个岗位学历相符", "1 个要求高一级", "31 个要求高两级及以上（不计）", "计 " + pct} {
		if !strings.Contains(deg.ZH, want) {
			t.Errorf("degree factor (score %.2f) says %q, want %q in it", deg.Score, deg.ZH, want)
		}
	}
	for _, want := range []string{"4 openings fit", "1 asks for one level more", "31 ask for two levels more or higher (not counted)", ": " + pct} {
		if !strings.Contains(deg.EN, want) {
			t.Errorf("degree factor (score %.2f) says %q, want %q in it", deg.Score, deg.EN, want)
		}
	}

	if lang := off["languages"]; !strings.Contains(lang.ZH, "离岸市场：日韩、欧美") || !strings.Contains(lang.EN, "offshore markets: Japan and Korea; Europe and North America") {
		t.Errorf("languages factor of a firm serving 日韩 and 欧美:\n%s\n%s", lang.ZH, lang.EN)
	}
	if p := off["policy"]; !slices.Contains(p.Policies, 8) || !strings.Contains(p.ZH, "第（八）项") {
		t.Errorf("a firm serving markets abroad: policy factor %v %s, want item (8)", p.Policies, p.ZH)
	}
	if p, lang := home["policy"], home["languages"]; slices.Contains(p.Policies, 8) || strings.Contains(p.ZH, "第（八）项") || slices.Contains(lang.Policies, 8) {
		t.Errorf("a firm with no market abroad, one post asking for 英语四级: policy factor %v %s, languages %v; want no item (8)", p.Policies, p.ZH, lang.Policies)
	}
}

// TestTrainingCertificateIsNoDegree: a training centre's card said of a firm's 大专 posts
// 「本数据中该机构课程的层次：培训证书 —— 19 个岗位学历相符」, a short course's certificate
// counted as a 大专 diploma. It meets the posts that ask for no degree; for the others it adds
// skills to those who hold one, and the card says so. A candidate whose highest is 培训 meets
// a 大专 post no more.
func TestTrainingCertificateIsNoDegree(t *testing.T) {
	docs := []xiaoqi.Doc{
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_train", Synthetic: true}, Name: "西安某培训中心", City: "西安市",
			Type: xiaoqi.InstitutionTraining, Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_test", Synthetic: true}, InstitutionID: "ins_train", Name: "软件测试实训",
			Degree: "培训", City: "西安市", Skills: []string{"软件测试"}, GraduatesPerYear: 100},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_co", Synthetic: true}, Name: "西安某测试外包公司", City: "西安市",
			Region: xiaoqi.RegionGuanzhong, Sectors: []xiaoqi.Sector{xiaoqi.SectorSoftware}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_co", Synthetic: true}, EnterpriseID: "ent_co", Name: "测试工程师", City: "西安市",
			Degree: "大专", Skills: []string{"软件测试"}, Headcount: 19, Status: xiaoqi.JobOpen},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_any", Synthetic: true}, EnterpriseID: "ent_co", Name: "测试员", City: "西安市",
			Degree: "不限", Skills: []string{"软件测试"}, Headcount: 1, Status: xiaoqi.JobOpen},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_train", Synthetic: true}, Name: "学员甲", City: "西安市", Degree: "培训",
			Skills: []string{"软件测试"}},
	}
	m := smallMatcher(t, docs)
	l, err := m.EnterprisePartners(context.Background(), "ent_co", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Data) != 1 {
		t.Fatalf("partners of the firm: %+v, want the training centre", l.Data)
	}
	fs := l.Data[0].Factors
	deg := fs[slices.IndexFunc(fs, func(f xiaoqi.MatchFactor) bool { return f.Factor == "degree" })]
	if deg.Score != 0.05 {
		t.Errorf("degree factor of a training centre for 19 大专 posts and 1 不限: score %.2f, want 0.05 (the 不限 post alone)", deg.Score)
	}
	for _, want := range []string{"培训证书 —— 1 个岗位学历相符", "19 个要求学历（培训证书不是学历，可为已有学历者补充技能，不计）", "计 5%"} {
		if !strings.Contains(deg.ZH, want) {
			t.Errorf("degree factor says %q, want %q in it", deg.ZH, want)
		}
	}
	for _, want := range []string{"training certificate: 1 opening fit", "19 ask for a degree (a training certificate is not one: it adds skills to those who hold one; not counted)", ": 5%"} {
		if !strings.Contains(deg.EN, want) {
			t.Errorf("degree factor says %q, want %q in it", deg.EN, want)
		}
	}

	c, err := m.JobCandidates(context.Background(), "job_co", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Data) != 1 {
		t.Fatalf("candidates of the 大专 post: %+v", c.Data)
	}
	fs = c.Data[0].Factors
	if d := fs[slices.IndexFunc(fs, func(f xiaoqi.MatchFactor) bool { return f.Factor == "degree" })]; d.Score == 1 || !strings.Contains(d.ZH, "候选人学历：培训") || !strings.Contains(d.EN, "the candidate's: training certificate") {
		t.Errorf("a candidate with a training certificate for a 大专 post: degree %.2f %q, want less than full", d.Score, d.ZH+" / "+d.EN)
	}
}
