package match_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestSeedGapsSayProgramsTouchingIt: the gaps of 宝鸡 said of 排版 "尚无相关专业毕业生 / no
// graduates of a program teaching it yet", while 宝鸡文理学院's page listed 排版 among the
// skills of its 视觉传达设计 (a skill the major touches on, which supply leaves out); in 关中,
// 29 programs list 游戏美术 and 169 IT技术支持, each said to have no graduates. A gap says the
// programs that touch on it and their graduates, as not counted, and never that nobody is
// taught it while a program of the scope lists it.
func TestSeedGapsSayProgramsTouchingIt(t *testing.T) {
	m, docs := seedMatcher(t)
	city := map[string]string{} // institution id → city
	for _, d := range docs {
		if in, ok := d.(*xiaoqi.Institution); ok {
			city[in.ID] = in.City
		}
	}
	for _, sc := range []xiaoqi.Scope{{City: "宝鸡市"}, {Region: "关中"}, {Region: "陕南"}} {
		inScope := func(c string) bool { return c == sc.City || sc.Region != "" && xiaoqi.RegionOf(c) == sc.Region }
		r, err := m.Gaps(context.Background(), sc, 50)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range r.Gaps {
			var listing []string
			for _, d := range docs {
				if p, ok := d.(*xiaoqi.Program); ok && inScope(city[p.InstitutionID]) && slices.Contains(p.Skills, g.Skill) {
					listing = append(listing, p.InstitutionName+" "+p.Name)
				}
			}
			if g.Supply > 0 || len(listing) == 0 {
				continue
			}
			if g.TouchedPrograms != len(listing) || strings.Contains(g.ZH, "尚无相关专业毕业生") || strings.Contains(g.EN, "no graduates of a program teaching it yet") {
				t.Errorf("%+v %s: %d programs listing it (%s), touched_programs %d; says %q / %q",
					sc, g.Skill, len(listing), strings.Join(listing[:min(3, len(listing))], "、"), g.TouchedPrograms, g.ZH, g.EN)
			}
		}
	}
	// 宝鸡's 排版, as the dean of 宝鸡文理学院 reads it.
	r, err := m.Gaps(context.Background(), xiaoqi.Scope{City: "宝鸡市"}, 50)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(r.Gaps, func(g xiaoqi.SkillGap) bool { return g.Skill == "排版" })
	if i < 0 {
		t.Fatalf("no gap of 排版 in 宝鸡: %d gaps", len(r.Gaps))
	}
	g := r.Gaps[i]
	wantZH := fmt.Sprintf("尚无开课讲授该技能的专业毕业生，仅 1 个专业略有涉及（年毕业生约 %d 人，未计入）", g.TouchedGraduates)
	wantEN := fmt.Sprintf("no graduates of a program teaching it in a course or at its core yet: only 1 program touches on it (about %d graduates a year, not counted)", g.TouchedGraduates)
	if g.TouchedGraduates == 0 || !strings.Contains(g.ZH, wantZH) || !strings.Contains(g.EN, wantEN) {
		t.Errorf("排版 in 宝鸡: %q / %q; want %q / %q", g.ZH, g.EN, wantZH, wantEN)
	}
}
