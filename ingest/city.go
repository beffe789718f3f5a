package ingest

import (
	"fmt"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// ReadCity reads a city as people write it, in an import's city cell or in the city of a
// document written through the API (one reading for both, so that the city facet counts
// 深圳 once): "西安", "Xi'an", "深圳", "广州天河区", "陕西省西安高新技术产业开发区". It returns the city
// xiaoqi stores (西安市, 深圳市, 广州市) and the district the text names (天河区, 高新区).
//
// problem, "中文 / English", says what is wrong with a text that names no known place:
// fatal when it names no city at all (a province; 高新区, which many cities have; text that is
// no place's name), the city then empty; else the text names a place outside the lists (东京),
// kept as written, and problem is a warning.
func ReadCity(v string) (city, district, problem string, fatal bool) {
	c, d, known := parseCity(v)
	switch {
	case c == "" && d != "":
		return "", d, fmt.Sprintf("%[1]q 只写了%[2]s，没有写城市（许多城市都有%[2]s），请写明城市（如 西安%[2]s） / "+
			"%[1]q names %[2]s but no city (many cities have one): write the city (西安%[2]s)", v, d), true
	case c == "":
		return "", "", fmt.Sprintf("城市 %[1]q 无法识别 / %[1]q is not a city", v), true
	case !known:
		return c, d, fmt.Sprintf("%[1]q 不是已知的城市（陕西各市与全国地级行政区划），按原文保存 / %[1]q is not a known city (Shaanxi's cities and China's prefecture-level divisions): kept as written", c), false
	}
	return c, d, "", false
}

// ReadDistrict reads a district as written beside its city (the city as ReadCity gives it),
// in an import's district cell or a document's district field, and returns the city and the
// district to store: a county of a Shaanxi city by its short name (雁塔 → 雁塔区, 周至 → 周至县) or
// its English name (Yanta District, Yanta), and a zone as people write it (高新技术产业开发区 →
// 高新区, 曲江 → 曲江新区). The two new areas are areas, not districts, as ParseArea reads them:
// 咸阳市 / 杨凌示范区 is the city 杨凌示范区 (a job there was 21 km from Xi'an, at 咸阳's centre,
// and not near 杨凌), and 西咸新区 is a district of 西安市 whichever city names it. Anything else
// is kept as written. The district filter and the hit cards saw 雁塔 and 雁塔区 as two districts.
func ReadDistrict(city, v string) (string, string) {
	t := areaClean.Replace(strings.TrimSpace(v))
	if t == "" {
		return city, ""
	}
	if zh, ok := englishDistrict(t); ok {
		t = zh // Yanta District, Gaoxin District
	}
	if xiaoqi.RegionOf(city) == "" {
		return city, strings.TrimSpace(v)
	}
	if u := strings.TrimSpace(bracketNote.ReplaceAllString(t, "")); u != "" {
		t = u // 雁塔区（高新）
	}
	if short := strings.TrimSuffix(city, "市"); strings.HasPrefix(t, "陕西") || short != "" && strings.HasPrefix(t, short) {
		// The district with its province and city (陕西省西安市雁塔区, 宝鸡市渭滨区): the
		// district, where the city is the row's. It was kept whole, and a filter by 雁塔区
		// did not find it.
		if c, d, known := parseCity(t); known && c == city && d != "" {
			t = d
		} else if known && c == city && d == "" {
			return city, "" // the city again (咸阳 beside 咸阳, a cell merged across both): no district
		}
	}
	if strings.HasPrefix(t, "杨凌") || strings.HasPrefix(t, "西咸") {
		return shaanxiPlace(strings.TrimSuffix(city, "市"), t)
	}
	if u, c := countyOf(t); u != "" && c == city {
		return city, u
	}
	for _, z := range shaanxiZones {
		if t == z.prefix && z.city == city {
			return city, z.district
		}
	}
	for _, z := range zoneAliases {
		if t == z.prefix {
			return city, z.district
		}
	}
	return city, strings.TrimSpace(v)
}
