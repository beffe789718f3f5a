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
// Its English languages factor left out the markets the Chinese named, and one post asking for
// 英语四级 made a firm without a market abroad one that item (8), international markets,
// supports.
func TestFactorTextsSayWhatCounts(t *testing.T) {
	docs := []xiaoqi.Doc{
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_train", Synthetic: true}, Name: "西安某培训中心", City: "西安市",
			Type: xiaoqi.InstitutionTraining, Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_test", Synthetic: true}, InstitutionID: "ins_train", Name: "软件测试实训",
			Degree: "培训", City: "西安市", Skills: []string{"软件测试", "Java"}, GraduatesPerYear: 100},
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

	deg := home["degree"]
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
