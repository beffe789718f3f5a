package match_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestSeedStartupRealOnlySupply: leaving the synthetic data out of the returnee dossier never
// raises its graduate supply, and the supply stays the sector's. The related skills were
// chosen from the real postings alone with real_only: animation in 汉中市 rose from 84 to 100
// graduates (陕南 362 → 300), its skills C++, 游戏美术, 角色绑定, and 西安's animation supply
// became 4,352 graduates of C++ programs.
func TestSeedStartupRealOnlySupply(t *testing.T) {
	m, _ := seedMatcher(t)
	ctx := context.Background()
	for _, sec := range slices.Sorted(maps.Keys(xiaoqi.SectorNames)) {
		for _, city := range []string{"西安市", "汉中市", "榆林市"} {
			all, err := m.Startup(ctx, xiaoqi.Scope{Sector: sec, City: city})
			if err != nil {
				t.Fatal(err)
			}
			real, err := m.Startup(ctx, xiaoqi.Scope{Sector: sec, City: city, RealOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			if real.GraduateSupply > all.GraduateSupply || real.RegionGraduateSupply > all.RegionGraduateSupply {
				t.Errorf("%s %s: real data only raises the supply: %d (region %d) → %d (region %d), skills %v → %v",
					sec, city, all.GraduateSupply, all.RegionGraduateSupply, real.GraduateSupply, real.RegionGraduateSupply,
					all.SupplySkills, real.SupplySkills)
			}
		}
	}
	for _, real := range []bool{false, true} {
		d, err := m.Startup(ctx, xiaoqi.Scope{Sector: xiaoqi.SectorAnimation, City: "西安市", RealOnly: real})
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(d.SupplySkills, "C++") || !slices.Contains(d.SupplySkills, "三维动画") {
			t.Errorf("animation in 西安 (real only %v): supply skills %v, want the sector's (三维动画 …), not C++", real, d.SupplySkills)
		}
	}
}

// TestSeedStartupLocalSchools: a city whose own schools count in the dossier's graduate supply
// names one of them first among its partner schools, with or without real data only. With real
// data only, 宝鸡市's software dossier counted 599 graduates of its own schools but named ten
// schools of 西安 and 咸阳 as partners: its one real posting asked for 大数据, which 宝鸡文理学院
// does not teach, and a school was named only for what the city's postings asked for.
func TestSeedStartupLocalSchools(t *testing.T) {
	m, _ := seedMatcher(t)
	ctx := context.Background()
	cities := []string{"西安市", "铜川市", "宝鸡市", "咸阳市", "渭南市", "延安市", "榆林市", "汉中市", "安康市", "商洛市"}
	for _, sec := range slices.Sorted(maps.Keys(xiaoqi.SectorNames)) {
		for _, city := range cities {
			for _, real := range []bool{false, true} {
				d, err := m.Startup(ctx, xiaoqi.Scope{Sector: sec, City: city, RealOnly: real})
				if err != nil {
					t.Fatal(err)
				}
				if d.GraduateSupply == 0 {
					continue
				}
				if len(d.PartnerSchools) == 0 || d.PartnerSchools[0].City != city {
					var names []string
					for _, p := range d.PartnerSchools {
						names = append(names, p.Name+" "+p.City)
					}
					t.Errorf("%s %s (real only %v): %d graduates of the city's own schools, but its partner schools are %v",
						sec, city, real, d.GraduateSupply, names)
				}
			}
		}
	}
}

// TestSeedStartupNewAreaWords: the dossier of a new area (杨凌示范区, 西咸新区) calls it an area,
// not a city: it said 本市相关专业年毕业生约 528 人 and "in related programs in the city" of
// 杨凌示范区, which policy item (7) names beside the cities and is none.
func TestSeedStartupNewAreaWords(t *testing.T) {
	m, _ := seedMatcher(t)
	for _, area := range []string{"杨凌示范区", "西咸新区"} {
		d, err := m.Startup(context.Background(), xiaoqi.Scope{Sector: xiaoqi.SectorSoftware, City: area})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(d.ZH, "本市") || !strings.Contains(d.ZH, "本区相关专业年毕业生") {
			t.Errorf("%s: %s", area, d.ZH)
		}
		if strings.Contains(d.EN, "the city") || !strings.Contains(d.EN, "in related programs in the area") {
			t.Errorf("%s: %s", area, d.EN)
		}
	}
	d, err := m.Startup(context.Background(), xiaoqi.Scope{Sector: xiaoqi.SectorSoftware, City: "宝鸡市"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.ZH, "本市相关专业年毕业生") || !strings.Contains(d.EN, "in related programs in the city") {
		t.Errorf("宝鸡市: %s / %s", d.ZH, d.EN)
	}
}
