package ingest_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestEnterpriseListInEnglish: a firm list written in English is read as the same list in
// Chinese: its area (Yanta District) gives the district, and its offshore markets by the names
// the English UI shows (Europe and North America) are stored as 欧美, so that the firm has the
// languages of its markets. The English row was stored at 西安市 without a district and with
// the market as written, without a warning, and search by language=English did not find it.
// A market no one knows is kept as written, with a warning naming the column.
func TestEnterpriseListInEnglish(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "firms.csv", []byte(csvLines("company,city,area,offshore markets",
		"Test Zh Area Co,西安,雁塔区,欧美",
		"Test En Area Co,Xi'an,Yanta District,Europe and North America",
		`Test En Mixed Co,Xi'an,"No. 1 Keji Road, Gaoxin District, Xi'an","japan/korea;Southeast Asia"`,
		"Test Mars Co,Xi'an,Yanta District,Mars"))),
		ingest.Options{Type: xiaoqi.KindEnterprise})
	byName := map[string]*xiaoqi.Enterprise{}
	for _, d := range allDocs(t, s, xiaoqi.KindEnterprise) {
		byName[d.(*xiaoqi.Enterprise).Name] = d.(*xiaoqi.Enterprise)
	}
	for _, tc := range []struct {
		name, city, district string
		markets              []string
		langs                []string
	}{
		{"Test Zh Area Co", "西安市", "雁塔区", []string{"欧美"}, []string{"英语"}},
		{"Test En Area Co", "西安市", "雁塔区", []string{"欧美"}, []string{"英语"}},
		{"Test En Mixed Co", "西安市", "高新区", []string{"日韩", "东南亚"}, []string{"日语", "韩语", "东南亚语言"}},
		{"Test Mars Co", "西安市", "雁塔区", []string{"Mars"}, nil},
	} {
		e := byName[tc.name]
		if e == nil {
			t.Errorf("%s not stored; problems: %s", tc.name, problems(rep))
			continue
		}
		var langs []string
		for _, l := range e.MarketLanguages() {
			langs = append(langs, l.Name)
		}
		if e.City != tc.city || e.District != tc.district || !slices.Equal(e.OffshoreMarkets, tc.markets) || !slices.Equal(langs, tc.langs) {
			t.Errorf("%s: %s %s %q (languages %q), want %s %s %q (%q)", tc.name, e.City, e.District, e.OffshoreMarkets, langs,
				tc.city, tc.district, tc.markets, tc.langs)
		}
	}
	if !hasProblem(rep, ingest.LevelWarning, 5, "offshore markets", `"Mars"`) {
		t.Errorf("no warning on row 5's market Mars; problems: %s", problems(rep))
	}
	if len(rep.Problems) != 1 {
		t.Errorf("problems: %s; want the warning on Mars only", problems(rep))
	}
}

// TestAreaInEnglish: an area written in English names its city and district as the same area
// in Chinese does, a street passed over (Chang'an Road is in 碑林区, not 长安区).
func TestAreaInEnglish(t *testing.T) {
	for _, tt := range []struct{ in, city, district string }{
		{"Yanta District", "西安市", "雁塔区"},
		{"Yanta", "西安市", "雁塔区"},
		{"Xi'an, Yanta District", "西安市", "雁塔区"},
		{"Xi'an Yanta District", "西安市", "雁塔区"},
		{"Chang'an Road, Beilin District, Xi'an", "西安市", "碑林区"},
		{"No. 1 Keji Road, Gaoxin District, Xi'an, Shaanxi, China", "西安市", "高新区"},
		{"Hi-tech Zone", "", "高新区"},
		{"Baoji Hi-tech Zone", "宝鸡市", "高新区"},
		{"Qujiang New District", "西安市", "曲江新区"},
		{"Hancheng City", "渭南市", "韩城市"},
		{"Long Road", "", ""},
	} {
		if c, d := ingest.ParseArea(tt.in); c != tt.city || d != tt.district {
			t.Errorf("ParseArea(%q) = %q, %q; want %q, %q", tt.in, c, d, tt.city, tt.district)
		}
	}
}
