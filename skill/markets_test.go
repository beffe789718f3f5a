package skill_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestMarketLanguagesAreTaxonomySkills: the languages xiaoqi.Enterprise.MarketLanguages names
// are skills of the taxonomy by id and by Chinese name, so that the matcher (by id) and the
// index (by name) count the same language.
func TestMarketLanguagesAreTaxonomySkills(t *testing.T) {
	tax := load(t)
	e := &xiaoqi.Enterprise{OffshoreMarkets: []string{"日韩", "欧美", "东南亚", "一带一路", "日本"}}
	got := e.MarketLanguages()
	if len(got) != 5 {
		t.Fatalf("MarketLanguages of %v = %v, want five languages, each once", e.OffshoreMarkets, got)
	}
	for _, ml := range got {
		s, ok := tax.Skill(ml.Skill)
		if !ok {
			t.Errorf("%+v: no skill %q in the taxonomy", ml, ml.Skill)
			continue
		}
		if s.NameZH != ml.Name || s.Category != "language" {
			t.Errorf("%+v: the taxonomy names %q %q (category %q)", ml, ml.Skill, s.NameZH, s.Category)
		}
	}
	if got[0].Skill != "japanese" || got[1].Skill != "korean" {
		t.Errorf("日韩 gives %v, want Japanese and Korean first", got[:2])
	}
}
