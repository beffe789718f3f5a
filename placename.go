package xiaoqi

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"slices"
	"strings"
	"unicode"
)

// placeNamesCSV gives the English name of the places xiaoqi stores: the 333 prefecture-level
// units of China and the provincial-level cities, and Shaanxi's county-level units and
// zones with their city. Official English names of Chinese places are their Hanyu Pinyin
// (雁塔区 → Yanta District, 西安市 → Xi'an); scripts/placenames writes the table (placedata/SOURCE.md).
//
//go:embed placedata/placenames.csv
var placeNamesCSV []byte

// PlaceName is one row of the table: a place, its city when it is a district ("" for a city),
// and its English name.
type PlaceName struct {
	Name string `json:"name"`
	City string `json:"city,omitempty"`
	EN   string `json:"en"`
}

// placeNames are the rows of the table; placeEN maps a name to its English.
var placeNames, placeEN = mustPlaceNames(placeNamesCSV)

func mustPlaceNames(data []byte) ([]PlaceName, map[string]string) {
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) < 2 || !slices.Equal(rows[0], []string{"name", "city", "en"}) {
		panic("xiaoqi: placedata/placenames.csv: want the header name,city,en and rows under it")
	}
	out := make([]PlaceName, 0, len(rows)-1)
	en := map[string]string{}
	for _, r := range rows[1:] {
		out = append(out, PlaceName{Name: r[0], City: r[1], EN: r[2]})
		if _, ok := en[r[0]]; !ok {
			en[r[0]] = r[2]
		}
	}
	return out, en
}

// PlaceNames returns the table of English names (for the web UI).
func PlaceNames() []PlaceName { return slices.Clone(placeNames) }

// PlaceEnglish returns the English name of a city or a Shaanxi district as xiaoqi stores it
// (深圳市 → Shenzhen, 雁塔区 → Yanta District, 西安 → Xi'an); other names as they are.
func PlaceEnglish(name string) string {
	if en, ok := placeEN[NormalizeCity(name)]; ok {
		return en
	}
	return name
}

// EnglishKey folds an English place name for comparison: lower case, ü as u, without
// apostrophes, spaces and hyphens (Xi'an, xian, XI AN).
func EnglishKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\'', '’', ' ', '-':
			return -1
		case 'ü', 'Ü':
			return 'u'
		}
		return unicode.ToLower(r)
	}, s)
}

// PlaceFromEnglish returns the city (district false) or the Shaanxi district (district true)
// whose English name is name, in any case, with or without apostrophes and spaces, a district
// with or without its District, County or City (Shenzhen → 深圳市; Yanta, Yanta District → 雁塔区).
// A name that several places outside Shaanxi share (Suzhou: 苏州市 and 宿州市) names none; one a
// Shaanxi place shares (Yulin: 榆林市 and 玉林市) names the Shaanxi one.
func PlaceFromEnglish(name string, district bool) (string, bool) {
	k := EnglishKey(name)
	if k == "" {
		return "", false
	}
	var found []PlaceName
	for _, p := range placeNames {
		if (p.City != "") != district {
			continue
		}
		en := EnglishKey(p.EN)
		bare := en
		for _, s := range []string{"district", "county", "city"} {
			bare = strings.TrimSuffix(bare, s)
		}
		if k == en || district && k == bare {
			found = append(found, p)
		}
	}
	var shaanxi []PlaceName
	for _, p := range found {
		if p.City != "" || RegionOf(p.Name) != "" {
			shaanxi = append(shaanxi, p)
		}
	}
	switch {
	case len(shaanxi) == 1:
		return shaanxi[0].Name, true
	case len(found) == 1:
		return found[0].Name, true
	}
	return "", false
}
