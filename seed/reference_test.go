package seed_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// sharedCSV reads a file of ../shared/data, the source of the embedded copies, when it is
// present; the embedded copies are what the tests below check in any case.
func sharedCSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "shared", "data", name))
	if err != nil {
		t.Logf("not comparing with ../shared/data/%s: %v", name, err)
		return nil
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

func TestMajors(t *testing.T) {
	ms, err := seed.Majors()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 883 {
		t.Errorf("%d majors, want the 883 of the 2026 catalogue", len(ms))
	}
	seen := map[string]bool{}
	for _, m := range ms {
		if seen[m.Code] {
			t.Errorf("major %s twice (the API pages by code)", m.Code)
		}
		seen[m.Code] = true
	}
	var se *xiaoqi.Major
	for i := range ms {
		if ms[i].Code == "080902" {
			se = &ms[i]
		}
	}
	if se == nil || se.Name != "软件工程" || se.ClassName != "计算机类" || se.ClassCode != "0809" || se.CategoryName != "工学" ||
		!slices.Contains(se.EmploymentDirections, "软件工程师") || se.OfferingSchools < 100 {
		t.Errorf("080902 = %+v", se)
	}
	if shared := sharedCSV(t, "moe-major-catalog/undergrad_majors_2026.csv"); shared != nil {
		if len(shared) != len(ms) {
			t.Errorf("%d majors embedded, %d in ../shared/data", len(ms), len(shared))
		}
		for i, r := range shared {
			if i < len(ms) && (ms[i].Code != r[0] || ms[i].Name != r[1]) {
				t.Fatalf("major %d: %s %s embedded, %s %s in ../shared/data", i, ms[i].Code, ms[i].Name, r[0], r[1])
			}
		}
	}
}

func TestDivisions(t *testing.T) {
	ds, err := seed.Divisions()
	if err != nil {
		t.Fatal(err)
	}
	levels := map[string]int{}
	byName := map[string]xiaoqi.Division{}
	codes := map[string]bool{}
	for _, d := range ds {
		levels[d.Level]++
		byName[d.Name] = d
		if d.Level == xiaoqi.DivisionCounty {
			codes[d.Code] = true
		}
		if d.Region == "" || xiaoqi.RegionOf(d.City) != d.Region {
			t.Errorf("%s (%s): region %q, want %q", d.Name, d.City, d.Region, xiaoqi.RegionOf(d.City))
		}
		// The English UI's district list: every unit by its pinyin (雁塔区 → Yanta District).
		if d.NameEN == "" || d.NameEN == d.Name {
			t.Errorf("%s: no English name", d.Name)
		}
		if d.Name != "西咸新区" && (d.Geo == nil || d.Geo.Lat < 31 || d.Geo.Lat > 40 || d.Geo.Lon < 105 || d.Geo.Lon > 112) {
			t.Errorf("%s: coordinates %+v outside Shaanxi", d.Name, d.Geo)
		}
	}
	if levels[xiaoqi.DivisionCity] != 10 || levels[xiaoqi.DivisionCounty] != 107 || levels[xiaoqi.DivisionNewArea] != 2 {
		t.Errorf("divisions by level %v, want 10 cities, 107 county-level units, 2 new areas", levels)
	}
	for name, want := range map[string]xiaoqi.Region{"西咸新区": xiaoqi.RegionGuanzhong, "杨凌示范区": xiaoqi.RegionGuanzhong,
		"汉中市": xiaoqi.RegionShaannan, "榆林市": xiaoqi.RegionShaanbei, "雁塔区": xiaoqi.RegionGuanzhong, "榆阳区": xiaoqi.RegionShaanbei} {
		if byName[name].Region != want {
			t.Errorf("%s: region %q, want %q (policy item (7))", name, byName[name].Region, want)
		}
	}
	for name, en := range map[string]string{"雁塔区": "Yanta District", "西安市": "Xi'an", "鄠邑区": "Huyi District", "韩城市": "Hancheng City"} {
		if byName[name].NameEN != en {
			t.Errorf("%s: English name %q, want %q", name, byName[name].NameEN, en)
		}
	}
	if y := byName["杨凌示范区"]; y.Geo == nil || y.Geo != nil && *y.Geo != *byName["杨陵区"].Geo {
		t.Errorf("杨凌示范区 at %+v, want the centre of 杨陵区", y.Geo)
	}
	// The division codes of the National Bureau of Statistics, as ../shared/data has them.
	if shared := sharedCSV(t, "admin-divisions/shaanxi_areas_2023.csv"); shared != nil {
		if len(shared) != levels[xiaoqi.DivisionCounty] {
			t.Errorf("%d county-level units, %d in ../shared/data", levels[xiaoqi.DivisionCounty], len(shared))
		}
		for _, r := range shared {
			if !codes[r[0]] {
				t.Errorf("county-level unit %s %s of ../shared/data is missing", r[0], r[1])
			}
		}
	}
	if shared := sharedCSV(t, "admin-divisions/shaanxi_cities_2023.csv"); shared != nil {
		for _, r := range shared {
			if byName[r[1]].Level != xiaoqi.DivisionCity {
				t.Errorf("city %s of ../shared/data is missing", r[1])
			}
		}
	}
}
