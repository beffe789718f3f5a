package match_test

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// TestSeedGapMajorsInEnglish: the English text of a gap named the majors to add in Chinese
// ("majors to add: 130515TK 游戏艺术设计"), which a reader of the English pages cannot read.
// With the catalogue's English names, it says "130515TK Game Art Design", and each major
// suggested carries its English name (name_en) for the page to show. So are the schools best
// placed, by their English names where known.
func TestSeedGapMajorsInEnglish(t *testing.T) {
	m, _ := seedMatcher(t)
	majors, err := seed.Majors()
	if err != nil {
		t.Fatal(err)
	}
	m.WithMajorNames(majors)
	seen, namedEN := 0, 0
	for _, sc := range []xiaoqi.Scope{{}, {Region: xiaoqi.RegionGuanzhong}, {Region: xiaoqi.RegionShaannan}, {Region: xiaoqi.RegionShaanbei}} {
		g, err := m.Gaps(context.Background(), sc, match.MaxGaps)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range g.Gaps {
			// The schools best placed, by the English names they write where known: the
			// English text named them in Chinese ("best placed: 西安美术学院, …").
			_, placed, _ := strings.Cut(x.EN, "best placed: ")
			for _, b := range x.BestPlaced {
				if b.NameEN != "" {
					namedEN++
					if !strings.Contains(placed, b.NameEN) || strings.Contains(placed, b.Name) {
						t.Errorf("%+v: gap %s: best placed %s not named as %q in %q", sc, x.Skill, b.Name, b.NameEN, x.EN)
					}
				}
			}
			if len(x.Majors) == 0 {
				continue
			}
			seen++
			_, add, _ := strings.Cut(x.EN, "majors to add: ")
			add, _, _ = strings.Cut(add, ";")
			if strings.ContainsFunc(add, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("%+v: gap %s: the English majors to add are in Chinese: %q", sc, x.Skill, add)
			}
			for _, mj := range x.Majors {
				if mj.NameEN == "" || !strings.Contains(add, mj.Code+" "+mj.NameEN) {
					t.Errorf("%+v: gap %s: major %s %s (%q) not named in English in %q", sc, x.Skill, mj.Code, mj.Name, mj.NameEN, x.EN)
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no gap with majors to add in the default data set")
	}
	if namedEN == 0 {
		t.Fatal("no school with an English name best placed for a gap in the default data set")
	}
}

// TestSeedCapacityProgramsInEnglish: the capacity factor of a partner suggestion listed a
// university's related programs in Chinese in its English text ("57 related programs (工业设计,
// 车辆工程 … and 53 more)"); with the catalogue's English names they are Industrial Design,
// Vehicle Engineering …, and the Chinese text keeps the Chinese names.
func TestSeedCapacityProgramsInEnglish(t *testing.T) {
	m, docs := seedMatcher(t)
	majors, err := seed.Majors()
	if err != nil {
		t.Fatal(err)
	}
	m.WithMajorNames(majors)
	var id string
	for _, d := range docs {
		if in, ok := d.(*xiaoqi.Institution); ok && in.Name == "长安大学" {
			id = in.ID
		}
	}
	if id == "" {
		t.Fatal("no 长安大学 in the default data set")
	}
	list, err := m.InstitutionPartners(context.Background(), id, xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	han := func(r rune) bool { return unicode.Is(unicode.Han, r) }
	checked := 0
	for _, x := range list.Data {
		for _, f := range x.Factors {
			if f.Factor != "capacity" || !strings.Contains(f.EN, "related program") {
				continue
			}
			checked++
			if _, progs, ok := strings.Cut(f.EN, "("); ok && strings.ContainsFunc(progs, han) {
				t.Errorf("%s: capacity in English names programs in Chinese: %s", x.Enterprise.Name, f.EN)
			}
			if !strings.ContainsFunc(f.ZH, han) {
				t.Errorf("%s: capacity in Chinese lost the Chinese names: %s", x.Enterprise.Name, f.ZH)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no capacity factor naming related programs for 长安大学")
	}
}
