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
