package ingest

import (
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// zoneEnglish are the English names people write for the development zones of zoneAliases
// and shaanxiZones besides those of placedata/placenames.csv (Hi-tech Zone, Qujiang New
// District), by xiaoqi.EnglishKey: the pinyin of the short name (Gaoxin District, Jingkai) and
// the zones' usual English. Gaoxin District was kept as written, and district=高新区 missed it.
var zoneEnglish = map[string]string{
	"gaoxin": "高新区", "gaoxindistrict": "高新区", "gaoxinzone": "高新区", "hightechzone": "高新区",
	"hightechdistrict": "高新区", "hightechindustrialdevelopmentzone": "高新区", "hightechindustriesdevelopmentzone": "高新区",
	"hitechindustrialdevelopmentzone": "高新区", "hightechdevelopmentzone": "高新区", "hitechdevelopmentzone": "高新区",
	"jingkai": "经开区", "jingkaidistrict": "经开区", "jingkaizone": "经开区", "economicdevelopmentzone": "经开区",
	"economictechnologicaldevelopmentzone": "经开区", "etdz": "经开区",
	"qujiang": "曲江新区", "qujiangdistrict": "曲江新区", "qujiangnewarea": "曲江新区",
	"chanba": "浐灞生态区", "chanbadistrict": "浐灞生态区", "chanbaecologicalzone": "浐灞生态区",
	"internationalport": "国际港务区", "xianinternationalport": "国际港务区", "gangwu": "国际港务区", "gangwudistrict": "国际港务区",
	"xixian": "西咸新区", "xixiannewdistrict": "西咸新区",
}

// englishDistrict reads a Shaanxi district, county or zone by its English name, as a district
// cell is read (Yanta District, Yanta, Gaoxin District → 高新区).
func englishDistrict(s string) (string, bool) {
	if d, ok := zoneEnglish[xiaoqi.EnglishKey(s)]; ok {
		return d, true
	}
	return xiaoqi.PlaceFromEnglish(s, true)
}

// englishCity reads a city by its English name, as a city cell is read (Xi'an, Xian, Shenzhen).
func englishCity(s string) (string, bool) {
	if c, ok := cityEnglish[strings.ToLower(strings.Join(strings.Fields(s), ""))]; ok {
		return c, true
	}
	return xiaoqi.PlaceFromEnglish(s, false)
}

// englishArea reads an area written in English, as English forms and job boards write one
// (Yanta District, Xi'an; Xi'an Yanta District; No. 1 Keji Road, Gaoxin District, Xi'an,
// Shaanxi, China): the city and the Shaanxi district it names, other words (a street, the
// province) passed over. A district is named with its District, County, City or Zone, or is
// a whole part between commas (Yanta, Xi'an): Chang'an Road is a street of 碑林区, not 长安区.
// A district named without its city is in the city it is of (Yanta District: 西安市); a zone
// many cities have (Hi-tech Zone) in none, as 高新区 alone. ok is false for text with Chinese
// in it (ParseArea reads that) or that names no place: ParseArea read Chinese only, and left
// Yanta District without a district.
func englishArea(s string) (city, district string, ok bool) {
	if strings.ContainsFunc(s, isHan) || !strings.ContainsFunc(s, func(r rune) bool { return 'a' <= r|0x20 && r|0x20 <= 'z' }) {
		return "", "", false
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",;，；、", r) })
	for _, part := range parts {
		if c, ok := englishCity(part); ok && city == "" {
			city = c
		} else if d, ok := englishDistrict(part); ok && district == "" {
			district = d
		}
	}
	for _, part := range parts {
		words := strings.Fields(part)
		for i := 0; i < len(words); i++ {
			for j := len(words); j > i; j-- {
				name := strings.Join(words[i:j], " ")
				if c, ok := englishCity(name); ok && city == "" {
					city = c
				} else if d, ok := englishDistrict(name); ok && district == "" && placeWord(words[j-1]) {
					district = d
				}
			}
		}
	}
	if district != "" && (city == "" || district == "西咸新区") {
		if _, c := countyOf(district); c != "" {
			city = c
		} else if i := slices.IndexFunc(shaanxiZones, func(z struct{ prefix, city, district string }) bool { return z.district == district }); i >= 0 {
			city = shaanxiZones[i].city // 曲江新区, 西咸新区: Xi'an's
		}
	}
	return city, district, city != "" || district != ""
}

// placeWord reports whether w ends an English district's name (Yanta District, Hi-tech Zone).
func placeWord(w string) bool {
	return slices.Contains([]string{"district", "county", "city", "zone", "area", "base", "port"}, strings.ToLower(w))
}
