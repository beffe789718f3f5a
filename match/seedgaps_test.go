package match_test

import (
	"context"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/match"
)

// TestSeedGapMajorsForUniversities: a gap that a catalogue major fills named, among the
// schools best placed to add it, synthetic training centres (陕南 电子书制作: 可增设专业：数字出版；
// 最具基础的院校：丝路启航软件人才实训中心) — a major is a university's to add. Such gaps name
// universities, or, where no university is placed to add it, training institutions to start a
// course, said so; a gap that a course fills may still name a training institution.
func TestSeedGapMajorsForUniversities(t *testing.T) {
	m, docs := seedMatcher(t)
	training := map[string]bool{}
	for _, d := range docs {
		if in, ok := d.(*xiaoqi.Institution); ok {
			training[in.ID] = in.Type == xiaoqi.InstitutionTraining
		}
	}
	withMajors := 0
	for _, sc := range []xiaoqi.Scope{{}, {Region: xiaoqi.RegionGuanzhong}, {Region: xiaoqi.RegionShaannan}, {Region: xiaoqi.RegionShaanbei}} {
		g, err := m.Gaps(context.Background(), sc, match.MaxGaps)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range g.Gaps {
			if len(x.Majors) == 0 {
				continue
			}
			withMajors++
			fallback := strings.Contains(x.ZH, "可先由培训机构开设") && strings.Contains(x.EN, "a training institution could start a course")
			for _, b := range x.BestPlaced {
				if training[b.ID] && !fallback {
					t.Errorf("%+v: gap %s, majors %v to add, best placed %s, a training institution: %s", sc, x.Skill, x.Majors, b.Name, x.ZH)
				}
			}
		}
	}
	if withMajors == 0 {
		t.Fatal("no gap with majors to add in the default data set")
	}
}

// TestSeedGapBestPlacedDoNotOfferAlready: 关中's 网络文学 gap said 可增设专业：050307T 数字出版；
// 最具基础的院校：西安外事学院、西安欧亚学院 — two schools that offer 数字出版 already, their
// graduates the supply it counted. A school that offers every major suggested is not named to
// add one; one that offers some says which, in both languages.
func TestSeedGapBestPlacedDoNotOfferAlready(t *testing.T) {
	m, docs := seedMatcher(t)
	offered := map[string]map[string]bool{} // institution id → major codes
	for _, d := range docs {
		if p, ok := d.(*xiaoqi.Program); ok && p.MajorCode != "" {
			if offered[p.InstitutionID] == nil {
				offered[p.InstitutionID] = map[string]bool{}
			}
			offered[p.InstitutionID][p.MajorCode] = true
		}
	}
	partly := 0
	for _, sc := range []xiaoqi.Scope{{}, {Region: xiaoqi.RegionGuanzhong}, {Region: xiaoqi.RegionShaannan}, {Region: xiaoqi.RegionShaanbei}, {City: "西安市"}} {
		g, err := m.Gaps(context.Background(), sc, match.MaxGaps)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range g.Gaps {
			if len(x.Majors) == 0 {
				continue
			}
			for _, b := range x.BestPlaced {
				var has []string
				for _, mj := range x.Majors {
					if offered[b.ID][mj.Code] {
						has = append(has, mj.Code)
					}
				}
				if len(has) == len(x.Majors) {
					t.Errorf("%+v: gap %s: %s offers every major to add (%v) already: %s", sc, x.Skill, b.Name, has, x.ZH)
				}
				if strings.Join(has, ",") != strings.Join(b.Offers, ",") {
					t.Errorf("%+v: gap %s: %s offers %v of %v, the report says %v", sc, x.Skill, b.Name, has, x.Majors, b.Offers)
				}
				if len(has) > 0 {
					partly++
					if !strings.Contains(x.ZH, b.Name+"（已开设 "+strings.Join(has, "、")+"）") || !strings.Contains(x.EN, " (offers "+strings.Join(has, ", ")+" already)") {
						t.Errorf("%+v: gap %s: %s offers %v, the texts do not say so:\n%s\n%s", sc, x.Skill, b.Name, has, x.ZH, x.EN)
					}
				}
			}
		}
	}
	if partly == 0 {
		t.Error("no best-placed school of the default data set offers one of several majors to add: the check of the texts ran on nothing")
	}
}
