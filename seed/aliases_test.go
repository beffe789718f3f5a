package seed_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// TestInstitutionAliases: every abbreviation names an institution of the seed data, and the
// ones users type most are there.
func TestInstitutionAliases(t *testing.T) {
	aliases, err := seed.InstitutionAliases()
	if err != nil {
		t.Fatal(err)
	}
	set, err := seed.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, i := range set.Institutions {
		names[i.Name] = true
	}
	for a, ns := range aliases {
		for _, n := range ns {
			if !names[n] {
				t.Errorf("alias %s → %s: no such institution in the seed data", a, n)
			}
		}
	}
	for a, want := range map[string]string{"西安交大": "西安交通大学", "交大": "西安交通大学", "西电": "西安电子科技大学",
		"西工大": "西北工业大学", "陕师大": "陕西师范大学", "长大": "长安大学", "西邮": "西安邮电大学"} {
		if got := aliases[a]; len(got) != 1 || got[0] != want {
			t.Errorf("aliases[%s] = %v, want [%s]", a, got, want)
		}
	}
	cities, err := seed.CityPoints()
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := cities["西安市"]; !ok || p.Lat < 34 || p.Lat > 34.5 || p.Lon < 108.5 || p.Lon > 109.2 {
		t.Errorf("CityPoints()[西安市] = %v, %v; want about 34.3N 108.9E", p, ok)
	}
	if len(cities) < 10 {
		t.Errorf("CityPoints() has %d cities, want Shaanxi's 10 and more", len(cities))
	}
	// 杨凌示范区, a new area of policy item (7), at the centre of 杨陵区: near=杨凌.
	if p, ok := cities["杨凌示范区"]; !ok || p.Lat < 34.2 || p.Lat > 34.35 || p.Lon < 107.9 || p.Lon > 108.2 {
		t.Errorf("CityPoints()[杨凌示范区] = %v, %v; want about 34.27N 108.08E", p, ok)
	}
	// Districts by their 2023 names and their old ones: documents are placed there.
	for _, d := range []string{"西安市/周至县", "西安市/鄠邑区", "西安市/户县", "咸阳市/彬州市"} {
		if p, ok := cities[d]; !ok || p.Lat < 33.5 || p.Lat > 35.5 || p.Lon < 107.5 || p.Lon > 109.5 {
			t.Errorf("CityPoints()[%s] = %v, %v; want a point near 西安", d, p, ok)
		}
	}
}

// TestInstitutionEnglishNames: every English name names an institution of the seed data
// (institution_names_en.csv checks code and name against institutions.csv), and the loaded
// institutions carry them as the schools write them; a school without a name known for sure
// has none rather than an invented one.
func TestInstitutionEnglishNames(t *testing.T) {
	english, err := seed.InstitutionEnglishNames()
	if err != nil {
		t.Fatal(err)
	}
	set, err := seed.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]string{}
	for _, i := range set.Institutions {
		if i.Type == xiaoqi.InstitutionUniversity {
			byName[i.Name] = i.NameEN
		}
	}
	for zh, en := range english {
		got, ok := byName[zh]
		if !ok {
			t.Errorf("English name %s → %s: no such institution in the seed data", en, zh)
		} else if got != en {
			t.Errorf("%s: name_en %q, want %q", zh, got, en)
		}
	}
	for zh, want := range map[string]string{"西安交通大学": "Xi'an Jiaotong University", "西北工业大学": "Northwestern Polytechnical University",
		"西安电子科技大学": "Xidian University", "西北大学": "Northwest University", "长安大学": "Chang'an University",
		"陕西师范大学": "Shaanxi Normal University", "西北农林科技大学": "Northwest A&F University", "陕西能源职业技术学院": ""} {
		if got := byName[zh]; got != want {
			t.Errorf("%s: name_en %q, want %q", zh, got, want)
		}
	}
}
