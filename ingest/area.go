package ingest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xiaoqi-dev/xiaoqi"
)

// zoneAliases maps development zones as people write them to a short district name.
var zoneAliases = []struct{ prefix, district string }{
	{"高新技术产业开发区", "高新区"}, {"高新技术开发区", "高新区"}, {"高新区", "高新区"}, {"高新", "高新区"},
	{"经济技术开发区", "经开区"}, {"经开区", "经开区"}, {"西咸新区", "西咸新区"}, {"国际港务区", "国际港务区"},
	{"西安国际港务区", "国际港务区"}, {"曲江新区", "曲江新区"}, {"航天城", "航天基地"},
	{"国家民用航天产业基地", "航天基地"}, {"浐灞生态区", "浐灞生态区"},
}

// ZoneNames returns the short names of the development zones that an import writes as a
// district (高新区, 经开区, 曲江新区 …): places a search reads as districts, though no list of
// divisions has them.
func ZoneNames() []string {
	var out []string
	for _, z := range zoneAliases {
		if !slices.Contains(out, z.district) {
			out = append(out, z.district)
		}
	}
	for _, z := range shaanxiZones {
		if !slices.Contains(out, z.district) {
			out = append(out, z.district)
		}
	}
	return out
}

// KnownDistrict reports whether district is one of city's, as the divisions and imports have
// them: a county-level unit of a Shaanxi city (雁塔区 of 西安市), a zone many cities have (高新区,
// 经开区), or one of the city's own zones (曲江新区 and 西咸新区 of 西安市: 咸阳市 · 曲江新区 was
// taken). A city whose units are not listed here (杨凌示范区, or a city outside Shaanxi) has any.
func KnownDistrict(city, district string) bool {
	units, ok := shaanxiCounties[city]
	if !ok || district == "" {
		return true
	}
	return slices.Contains(units, district) || district == "高新区" || district == "经开区" ||
		slices.ContainsFunc(shaanxiZones, func(z struct{ prefix, city, district string }) bool { return z.city == city && z.district == district })
}

// DistrictProblem says, "中文 / English", why district is none of city's (KnownDistrict), or "".
func DistrictProblem(city, district string) string {
	if KnownDistrict(city, district) {
		return ""
	}
	if _, c := countyOf(district); c != "" && c != city {
		return fmt.Sprintf("%[1]q 在%[2]s，不在%[3]s / %[1]q (%[4]s) is in %[5]s, not in %[6]s",
			district, c, city, xiaoqi.PlaceEnglish(district), xiaoqi.CityEnglish(c), xiaoqi.CityEnglish(city))
	}
	return fmt.Sprintf("%[1]q 不是%[2]s的区县或开发区 / %[1]q is not a district, county or development zone of %[3]s",
		district, city, xiaoqi.CityEnglish(city))
}

var shaanxiCities = []string{"西安", "铜川", "宝鸡", "咸阳", "渭南", "延安", "汉中", "榆林", "安康", "商洛", "杨凌", "西咸新区"}

// shaanxiCounties are the county-level units of each city of Shaanxi, with their 2023 names
// (seed.Divisions; the test compares them). A county-level city (韩城市, 神木市) is a district of
// its city here, as in the divisions.
var shaanxiCounties = map[string][]string{
	"西安市": {"新城区", "碑林区", "莲湖区", "灞桥区", "未央区", "雁塔区", "阎良区", "临潼区", "长安区", "高陵区", "蓝田县", "周至县", "鄠邑区"},
	"铜川市": {"王益区", "印台区", "耀州区", "宜君县"},
	"宝鸡市": {"渭滨区", "金台区", "陈仓区", "凤翔区", "岐山县", "扶风县", "眉县", "陇县", "千阳县", "麟游县", "凤县", "太白县"},
	"咸阳市": {"秦都区", "杨陵区", "渭城区", "三原县", "泾阳县", "乾县", "礼泉县", "永寿县", "彬州市", "长武县", "旬邑县", "淳化县", "武功县", "兴平市"},
	"渭南市": {"临渭区", "华州区", "潼关县", "大荔县", "合阳县", "澄城县", "蒲城县", "白水县", "富平县", "韩城市", "华阴市"},
	"延安市": {"宝塔区", "安塞区", "延长县", "延川县", "子长市", "志丹县", "吴起县", "甘泉县", "富县", "洛川县", "宜川县", "黄龙县", "黄陵县"},
	"汉中市": {"汉台区", "南郑区", "城固县", "洋县", "西乡县", "勉县", "宁强县", "略阳县", "镇巴县", "留坝县", "佛坪县"},
	"榆林市": {"榆阳区", "横山区", "神木市", "府谷县", "靖边县", "定边县", "绥德县", "米脂县", "佳县", "吴堡县", "清涧县", "子洲县"},
	"安康市": {"汉滨区", "汉阴县", "石泉县", "宁陕县", "紫阳县", "岚皋县", "平利县", "镇坪县", "旬阳市", "白河县"},
	"商洛市": {"商州区", "洛南县", "丹凤县", "商南县", "山阳县", "镇安县", "柞水县"},
}

// formerCounties are the old names, still written, of counties renamed to other words: 户县
// is 鄠邑区 since 2016 (a row in 户县 was a city of that name, or no city at all).
var formerCounties = []struct{ name, county, city string }{
	{"户县", "鄠邑区", "西安市"}, {"宝鸡县", "陈仓区", "宝鸡市"}, {"华县", "华州区", "渭南市"},
	{"彬县", "彬州市", "咸阳市"}, {"耀县", "耀州区", "铜川市"},
}

// countyOf finds the Shaanxi county-level unit that t starts with: its full name (韩城市,
// 周至县), or its name without 市, 县 or 区 when that has two characters or more and is all of
// t (韩城) or followed by 县, the name of a county that has since become a city or a district
// (神木县, 凤翔县), or by a former name (formerCounties). It returns the unit and its city, or "".
func countyOf(t string) (county, city string) {
	for _, f := range formerCounties {
		if strings.HasPrefix(t, f.name) {
			return f.county, f.city
		}
	}
	for c, units := range shaanxiCounties {
		for _, u := range units {
			if strings.HasPrefix(t, u) {
				return u, c
			}
			short := []rune(u)
			short = short[:len(short)-1]
			if len(short) < 2 {
				continue
			}
			if rest, ok := strings.CutPrefix(t, string(short)); ok && (rest == "" || strings.HasPrefix(rest, "县")) {
				return u, c
			}
		}
	}
	return "", ""
}

// shaanxiZones are the development zones of Xi'an that are named without their city, and
// the five new cities of 西咸新区.
var shaanxiZones = []struct{ prefix, city, district string }{
	{"曲江新区", "西安市", "曲江新区"}, {"曲江", "西安市", "曲江新区"}, {"浐灞生态区", "西安市", "浐灞生态区"}, {"浐灞", "西安市", "浐灞生态区"},
	{"国际港务区", "西安市", "国际港务区"}, {"西安国际港务区", "西安市", "国际港务区"}, {"港务区", "西安市", "国际港务区"},
	{"航天基地", "西安市", "航天基地"}, {"国家民用航天产业基地", "西安市", "航天基地"}, {"航空基地", "西安市", "航空基地"},
	{"沣东新城", "西安市", "西咸新区"}, {"沣西新城", "西安市", "西咸新区"}, {"秦汉新城", "西安市", "西咸新区"},
	{"空港新城", "西安市", "西咸新区"}, {"泾河新城", "西安市", "西咸新区"},
}

// shaanxiPlace reads the text after the name of a Shaanxi city: 西咸新区 is a district of 西安市 (the
// divisions: administered by Xi'an since 2017) whichever city names it, and 杨凌示范区 a city of
// its own (policy item (7)) with no district made of the rest of its name.
func shaanxiPlace(c, rest string) (city, district string) {
	rest = strings.TrimPrefix(rest, "市")
	if u, ok := strings.CutPrefix(rest, "杨凌"); ok && c != "杨凌" {
		// 咸阳杨凌, 咸阳市杨凌示范区: the zone lies in 咸阳 but is a city of its own.
		return shaanxiPlace("杨凌", u)
	}
	switch {
	case c == "西咸新区" || strings.HasPrefix(rest, "西咸新区") || strings.HasPrefix(rest, "西咸"):
		return "西安市", "西咸新区"
	case c == "杨凌":
		for _, p := range []string{"农业高新技术产业示范区", "高新技术产业示范区", "示范区", "区"} {
			if u, ok := strings.CutPrefix(rest, p); ok {
				rest = u
				break
			}
		}
		return "杨凌示范区", districtOf(rest)
	}
	city = xiaoqi.NormalizeCity(c)
	if u, cc := countyOf(rest); u != "" && cc == city {
		return city, u
	}
	for _, z := range shaanxiZones {
		if strings.HasPrefix(rest, z.prefix) && z.city == city {
			return city, z.district
		}
	}
	return city, districtOf(rest)
}

// provinces lists the provincial-level divisions, long forms before the short ones they start with.
var provinces = []struct{ full, short string }{
	{"内蒙古自治区", "内蒙古"}, {"广西壮族自治区", "广西"}, {"西藏自治区", "西藏"}, {"宁夏回族自治区", "宁夏"},
	{"新疆维吾尔自治区", "新疆"}, {"香港特别行政区", "香港"}, {"澳门特别行政区", "澳门"},
	{"黑龙江省", "黑龙江"}, {"北京市", "北京"}, {"天津市", "天津"}, {"上海市", "上海"}, {"重庆市", "重庆"},
	{"河北省", "河北"}, {"山西省", "山西"}, {"辽宁省", "辽宁"}, {"吉林省", "吉林"}, {"江苏省", "江苏"},
	{"浙江省", "浙江"}, {"安徽省", "安徽"}, {"福建省", "福建"}, {"江西省", "江西"}, {"山东省", "山东"},
	{"河南省", "河南"}, {"湖北省", "湖北"}, {"湖南省", "湖南"}, {"广东省", "广东"}, {"海南省", "海南"},
	{"四川省", "四川"}, {"贵州省", "贵州"}, {"云南省", "云南"}, {"陕西省", "陕西"}, {"甘肃省", "甘肃"},
	{"青海省", "青海"}, {"台湾省", "台湾"},
}

// municipalities are provincial-level cities: the province is the city.
var municipalities = map[string]bool{"北京": true, "天津": true, "上海": true, "重庆": true, "香港": true, "澳门": true}

// otherUnits are places outside the prefecture list (prefectures.csv) that people write as a
// city: a new area and units under a province directly, with the full name xiaoqi stores.
var otherUnits = []struct{ prefix, city string }{
	{"雄安", "雄安新区"}, {"神农架", "神农架林区"}, {"石河子", "石河子市"},
}

// areaClean removes the separators people put inside an area. Built once: a Replacer is
// costly to build and safe for concurrent use.
var areaClean = strings.NewReplacer(" ", "", "\u3000", "", "-", "", "·", "", "/", "")

// ParseArea splits an area as job boards write it ("陕西省西安高新技术产业开发区", "西安-雁塔区",
// "Yanta District, Xi'an",
// "陕西省西安雁塔区高新四路", "湖北省武汉洪山区", "北京北京海淀区", "深圳深圳南山区") into a city
// ("西安市", "武汉市") and a district ("高新区", "雁塔区"). Shaanxi cities are recognised by name;
// elsewhere the city follows a province, ends in 市, or is repeated (深圳深圳). Text naming no
// city, or a province only ("陕西省"), gives city "" and no error.
func ParseArea(s string) (city, district string) {
	if c, d, ok := englishArea(s); ok {
		return c, d // Yanta District, Xi'an
	}
	t := areaClean.Replace(strings.TrimSpace(s))
	t = strings.TrimPrefix(t, "中国")
	if p, rest := prefectureNamed(t); p != nil && p.provincial {
		// 吉林市, 海南藏族自治州: a full name that starts as a province's short name does.
		return p.name, districtOf(rest)
	}
	prov := ""
	for _, p := range provinces {
		if u, ok := strings.CutPrefix(t, p.full); ok {
			prov, t = p.short, strings.TrimPrefix(u, p.full) // "陕西省陕西省…"
			break
		}
		if u, ok := strings.CutPrefix(t, p.short); ok {
			prov, t = p.short, u
			break
		}
	}
	if prov == "" || prov == "陕西" {
		for _, c := range shaanxiCities {
			if strings.HasPrefix(t, c) {
				return shaanxiPlace(c, strings.TrimPrefix(t, c))
			}
		}
		if u, c := countyOf(t); u != "" {
			return c, u
		}
		for _, z := range shaanxiZones {
			if strings.HasPrefix(t, z.prefix) {
				return z.city, z.district
			}
		}
		if prov == "陕西" {
			// A development zone many cities have (陕西高新): the zone, for a default city to
			// place; another district of no Shaanxi city is no place (陕西某某区).
			if d := districtOf(t); isZone(d) {
				return "", d
			}
			return "", ""
		}
		// A development zone without its city (高新区, 经开区): many cities have one.
		for _, z := range zoneAliases {
			if strings.HasPrefix(t, z.prefix) && z.prefix != "高新" {
				return "", z.district
			}
		}
	}
	if municipalities[prov] {
		t = strings.TrimPrefix(strings.TrimPrefix(t, prov+"市"), prov)
		return prov + "市", districtOf(t)
	}
	if p, rest := prefectureAt(t, prov); p != nil {
		return p.name, districtOf(rest)
	}
	for _, c := range otherUnits {
		if strings.HasPrefix(t, c.prefix) {
			return c.city, districtOf(strings.TrimPrefix(strings.TrimPrefix(t, c.city), c.prefix))
		}
	}
	r := []rune(t)
	for i := 1; i < len(r) && i < 5; i++ {
		if r[i] == '市' {
			return string(r[:i+1]), districtOf(string(r[i+1:]))
		}
	}
	// Two characters and the rest: after a province ("湖北省武汉洪山区"), or repeated ("深圳深圳南山区").
	if len(r) >= 2 && isHan(r[0]) && isHan(r[1]) {
		name := string(r[:2])
		rest := string(r[2:])
		switch {
		case strings.HasPrefix(rest, name):
			return name + "市", districtOf(strings.TrimPrefix(strings.TrimPrefix(rest, name), "市"))
		case prov != "":
			return name + "市", districtOf(rest)
		}
	}
	return "", ""
}

// districtOf reads the district at the start of t, the text after the city.
func districtOf(t string) string {
	for _, z := range zoneAliases {
		if strings.HasPrefix(t, z.prefix) {
			return z.district
		}
	}
	r := []rune(t)
	for i := 0; i < len(r) && i < 5; i++ {
		if r[i] == '区' || r[i] == '县' || (r[i] == '市' && i > 0) {
			return string(r[:i+1])
		}
	}
	return ""
}

// isZone reports whether d is a development zone of zoneAliases, which many cities have.
func isZone(d string) bool {
	return d != "" && slices.ContainsFunc(zoneAliases, func(z struct{ prefix, district string }) bool { return z.district == d })
}

func isHan(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }

// cityEnglish maps the romanised names of Shaanxi's cities, as English forms write them.
var cityEnglish = map[string]string{
	"xian": "西安市", "xi'an": "西安市", "xi’an": "西安市", "baoji": "宝鸡市", "xianyang": "咸阳市",
	"tongchuan": "铜川市", "weinan": "渭南市", "yanan": "延安市", "yan'an": "延安市", "yan’an": "延安市",
	"hanzhong": "汉中市", "yulin": "榆林市", "ankang": "安康市", "shangluo": "商洛市", "yangling": "杨凌示范区",
}

// ParseCity reads a city column: "西安", "西安市", "陕西省西安市雁塔区", "Xi'an", "北京", "深圳",
// "深圳-南山区". It returns the city as xiaoqi stores it (深圳市) and the district when the text
// names one. Text that names no known place is returned trimmed as the city when it is short,
// has no digits and names no province (a place outside the lists: 东京), else "".
func ParseCity(s string) (city, district string) {
	city, district, _ = parseCity(s)
	return city, district
}

// parseCity is ParseCity, and whether the city is a known place: one of Shaanxi's, a
// prefecture-level unit of China or a provincial-level city (北京市).
func parseCity(s string) (city, district string, known bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", "", false
	}
	if c, ok := cityEnglish[strings.ToLower(strings.Join(strings.Fields(t), ""))]; ok {
		return c, "", true
	}
	if c, ok := xiaoqi.PlaceFromEnglish(t, false); ok {
		t = c // Shenzhen, Xixian New Area: the English names of placedata/placenames.csv, read as their Chinese
	}
	if c := xiaoqi.NormalizeCity(t); xiaoqi.RegionOf(c) != "" && c != "西咸新区" {
		return c, "", true
	}
	if c, d := ParseArea(t); c != "" || d != "" {
		return c, d, c == "" || knownCity(c)
	}
	if utf8.RuneCountInString(t) > 12 || strings.ContainsAny(t, "0123456789") || !utf8.ValidString(t) || provinceOf(t) != "" {
		return "", "", false // a province is not a city (湖北省湖北省 neither)
	}
	return t, "", false
}

// knownCity reports whether city, as ParseArea gives it, is a place of the lists.
func knownCity(city string) bool {
	if xiaoqi.RegionOf(city) != "" || isPrefecture(city) || municipalities[strings.TrimSuffix(city, "市")] {
		return true
	}
	return slices.ContainsFunc(otherUnits, func(u struct{ prefix, city string }) bool { return u.city == city })
}

// DistrictReadings returns v and the districts an import stores for v written in a district
// cell of a Shaanxi city (曲江 → 曲江新区, 港务区 → 国际港务区, 西咸 → 西咸新区, 雁塔 → 雁塔区), so
// that the search's district filter reads a short name as the import does: district=曲江
// found nothing of what the import of 曲江 had stored as 曲江新区.
func DistrictReadings(v string) []string {
	v = strings.TrimSpace(v)
	out := []string{v}
	for _, city := range append(slices.Sorted(maps.Keys(shaanxiCounties)), "杨凌示范区") {
		if c, d := ReadDistrict(city, v); d != "" && d != v && (c == city || c == "西安市") && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// ShaanxiDistrict reports whether d is a district as an import stores it for a Shaanxi city:
// a county-level unit (雁塔区, 韩城市, 杨陵区) or a development zone (高新区, 曲江新区).
func ShaanxiDistrict(d string) bool {
	for _, units := range shaanxiCounties {
		if slices.Contains(units, d) {
			return true
		}
	}
	return slices.Contains(ZoneNames(), d)
}
