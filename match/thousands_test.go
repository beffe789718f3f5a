package match_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEnglishCountsHaveCommas: an English partner card read "About 2010 graduates a year
// (estimate) in 31 related programs", a count that reads as a year, beside pages that write
// 18,788. Every count of 1000 or more in an English explanation has its comma now; the
// Chinese texts write them without one, as Chinese figures in the texts always were.
func TestEnglishCountsHaveCommas(t *testing.T) {
	docs := []xiaoqi.Doc{
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_big", Synthetic: true}, Name: "西安某大学", City: "西安市",
			Type: xiaoqi.InstitutionUniversity, Level: "本科", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_big", Synthetic: true}, InstitutionID: "ins_big", Name: "软件工程", MajorCode: "080902",
			Degree: "本科", City: "西安市", Skills: []string{"软件测试", "Java"}, GraduatesPerYear: 2010},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_big", Synthetic: true}, Name: "西安某大型软件公司", City: "西安市",
			Region: xiaoqi.RegionGuanzhong, Sectors: []xiaoqi.Sector{xiaoqi.SectorSoftware}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_big", Synthetic: true}, EnterpriseID: "ent_big", Name: "测试工程师", City: "西安市",
			Degree: "本科", Skills: []string{"软件测试", "Java"}, Headcount: 1200, Status: xiaoqi.JobOpen},
	}
	m := smallMatcher(t, docs)
	l, err := m.EnterprisePartners(context.Background(), "ent_big", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Data) != 1 {
		t.Fatalf("partners of the enterprise: %+v, want the one university", l.Data)
	}
	var en, zh []string
	for _, f := range l.Data[0].Factors {
		en, zh = append(en, f.EN), append(zh, f.ZH)
	}
	all, allZH := strings.Join(en, "\n"), strings.Join(zh, "\n")
	for _, want := range []string{"About 2,010 graduates a year", "for 1,200 open positions", "of the enterprise's 1,200 openings", "bachelor 1,200"} {
		if !strings.Contains(all, want) {
			t.Errorf("the English factors do not say %q:\n%s", want, all)
		}
	}
	if bare := regexp.MustCompile(`\b\d{4,}\b`).FindAllString(all, -1); len(bare) > 0 {
		t.Errorf("the English factors write %q without a comma:\n%s", bare, all)
	}
	for _, want := range []string{"年毕业生约 2010 人", "开放岗位 1200 个"} {
		if !strings.Contains(allZH, want) {
			t.Errorf("the Chinese factors do not say %q:\n%s", want, allZH)
		}
	}
}
