package xiaoqi

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Region is one of the three regions of policy item (7).
type Region string

// The regions of Shaanxi named in policy item (7).
const (
	RegionGuanzhong Region = "关中"
	RegionShaannan  Region = "陕南"
	RegionShaanbei  Region = "陕北"
)

// Regions lists the regions in the policy's order.
var Regions = []Region{RegionGuanzhong, RegionShaannan, RegionShaanbei}

// cityRegion maps the cities and the two new areas of Shaanxi to their region (policy item (7)).
var cityRegion = map[string]Region{
	"西安市": RegionGuanzhong, "铜川市": RegionGuanzhong, "宝鸡市": RegionGuanzhong,
	"咸阳市": RegionGuanzhong, "渭南市": RegionGuanzhong, "西咸新区": RegionGuanzhong,
	"杨凌示范区": RegionGuanzhong,
	"汉中市":   RegionShaannan, "安康市": RegionShaannan, "商洛市": RegionShaannan,
	"延安市": RegionShaanbei, "榆林市": RegionShaanbei,
}

// RegionOf returns the region of a Shaanxi city ("西安市" or "西安"), or "" when unknown.
func RegionOf(city string) Region {
	return cityRegion[NormalizeCity(city)]
}

// NormalizeCity turns the short form of a Shaanxi city ("西安") into its full name ("西安市").
// Other names are returned trimmed and unchanged.
func NormalizeCity(city string) string {
	c := strings.TrimSpace(city)
	if c == "" {
		return ""
	}
	if _, ok := cityRegion[c]; ok {
		return c
	}
	if _, ok := cityRegion[c+"市"]; ok {
		return c + "市"
	}
	switch c {
	case "杨凌", "杨凌区", "杨凌示范区":
		return "杨凌示范区"
	case "西咸":
		return "西咸新区"
	}
	return c
}

// newAreaPlaces says where documents of a new area of policy item (7) stand when they do not
// name the area as their city: 杨凌 is 杨陵区 of 咸阳市 to the divisions and the default data
// (西北农林科技大学), while a write of 杨凌 stores the city 杨凌示范区; a posting of 西咸新区 says
// 西安市 or 咸阳市, district 西咸新区.
var newAreaPlaces = map[string]struct{ cities, districts []string }{
	"杨凌示范区": {[]string{"咸阳市"}, []string{"杨陵区", "杨凌示范区"}},
	"西咸新区":  {[]string{"西安市", "咸阳市"}, []string{"西咸新区"}},
}

// AreaDistricts returns, for a new area (杨凌示范区, 西咸新区, as NormalizeCity names them), the
// cities whose documents may be in it and the districts that place them there, so that a city
// filter of the area finds both the documents that name the area and those of its districts;
// nil for any other city.
func AreaDistricts(area string) (cities, districts []string) {
	p := newAreaPlaces[area]
	return slices.Clone(p.cities), slices.Clone(p.districts)
}

// Sector is a service-outsourcing sector of policy items (3)–(5).
type Sector string

// The sectors of policy items (3)–(5).
const (
	SectorSoftware       Sector = "software"           // 软件研发和测试
	SectorITOps          Sector = "it_ops"             // 运营维护
	SectorInfoSystems    Sector = "info_systems"       // 信息系统服务
	SectorTelecom        Sector = "telecom"            // 电信咨询
	SectorInternet       Sector = "internet"           // 互联网
	SectorMedical        Sector = "medical"            // 医疗
	SectorBiomedicine    Sector = "biomedicine"        // 生物医药研发
	SectorEnergy         Sector = "energy"             // 能源
	SectorEngineering    Sector = "engineering_design" // 工业和工程研发设计
	SectorFilmMedia      Sector = "film_media"         // 影视传媒
	SectorAnimation      Sector = "animation"          // 动漫
	SectorDigitalPublish Sector = "digital_publishing" // 数字出版
	SectorLogistics      Sector = "logistics"          // 交通物流
	SectorFinance        Sector = "finance"            // 金融保险
)

// SectorNames gives the Chinese and English name of each sector.
var SectorNames = map[Sector][2]string{
	SectorSoftware:       {"软件研发和测试", "Software development and testing"},
	SectorITOps:          {"运营维护", "IT operation and maintenance"},
	SectorInfoSystems:    {"信息系统服务", "Information-system services"},
	SectorTelecom:        {"电信咨询", "Telecom consulting"},
	SectorInternet:       {"互联网", "Internet"},
	SectorMedical:        {"医疗", "Medical"},
	SectorBiomedicine:    {"生物医药研发", "Biomedical R&D"},
	SectorEnergy:         {"能源", "Energy"},
	SectorEngineering:    {"工业和工程研发设计", "Industrial and engineering R&D design"},
	SectorFilmMedia:      {"影视传媒", "Film and media"},
	SectorAnimation:      {"动漫", "Animation"},
	SectorDigitalPublish: {"数字出版", "Digital publishing"},
	SectorLogistics:      {"交通物流", "Transport and logistics"},
	SectorFinance:        {"金融保险", "Finance and insurance"},
}

// Valid reports whether s is a known sector.
func (s Sector) Valid() bool { _, ok := SectorNames[s]; return ok }

// SectorOf returns the sector that s names: its code (finance), its Chinese name (金融保险)
// or its English name (Finance and insurance), in any case, with spaces around it ignored. A
// parameter takes any of them: the UI shows the names, and sector=金融保险 was a 400 asking for
// a code.
func SectorOf(s string) (Sector, bool) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if sec := Sector(t); sec.Valid() {
		return sec, true
	}
	for sec, names := range SectorNames {
		if t == names[0] || t == strings.ToLower(names[1]) {
			return sec, true
		}
	}
	return "", false
}

// SectorChoices lists the sectors for a message, sorted by code, each with its Chinese name
// (zh: "animation（动漫）、biomedicine（生物医药研发）、…") or English name.
func SectorChoices(zh bool) string {
	var out []string
	for code, names := range SectorNames {
		if zh {
			out = append(out, string(code)+"（"+names[0]+"）")
		} else {
			out = append(out, string(code)+" ("+names[1]+")")
		}
	}
	slices.Sort(out)
	if zh {
		return strings.Join(out, "、")
	}
	return strings.Join(out, ", ")
}

// Skill is a canonical skill of the taxonomy. Documents refer to skills by name; the taxonomy
// package resolves aliases ("JAVA开发", "Java工程师") to one skill.
type Skill struct {
	ID     string `json:"id"`
	NameZH string `json:"name_zh"`
	NameEN string `json:"name_en"`
}

// GeoPoint is a WGS-84 coordinate.
type GeoPoint struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

func (g *GeoPoint) validate(v *validation, field string) {
	if g == nil {
		return
	}
	if g.Lat < -90 || g.Lat > 90 {
		v.add(field+".lat", "纬度须在 -90 与 90 之间", "must be between -90 and 90")
	}
	if g.Lon < -180 || g.Lon > 180 {
		v.add(field+".lon", "经度须在 -180 与 180 之间", "must be between -180 and 180")
	}
}

var (
	majorCodePattern = regexp.MustCompile(`^[0-9]{4}[0-9]{2,3}(T|K|TK)?$`)
	moeCodePattern   = regexp.MustCompile(`^[0-9]{10}$`)
	emailPattern     = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	phonePattern     = regexp.MustCompile(`^\+?[0-9][0-9 -]{5,19}$`)
)

// ValidMajorCode reports whether s is a catalogue major code: six digits with an optional
// T (special) or K (controlled) suffix, or both: 080902, 080910T, 080911TK. The 2026 catalogue
// numbers the foreign languages of class 0502 past 99, so seven digits occur there too
// (0502100T, 0502104TK).
func ValidMajorCode(s string) bool { return majorCodePattern.MatchString(s) }

// ValidMOECode reports whether s is a 10-digit MOE 学校标识码 such as 4161010698.
func ValidMOECode(s string) bool { return moeCodePattern.MatchString(s) }

const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// ValidCreditCode reports whether s is an 18-character 统一社会信用代码 (GB 32100-2015) whose
// last character is the right check character.
func ValidCreditCode(s string) bool {
	if len(s) != 18 {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		n := strings.IndexByte(usccChars, s[i])
		if n < 0 {
			return false
		}
		sum += n * usccWeights[i]
	}
	check := (31 - sum%31) % 31
	return s[17] == usccChars[check]
}

// CreditCodeCheck returns the check character for the first 17 characters of a 统一社会信用代码,
// or 0 if they contain a character outside the code's alphabet.
func CreditCodeCheck(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		n := strings.IndexByte(usccChars, first17[i])
		if n < 0 {
			return 0
		}
		sum += n * usccWeights[i]
	}
	return usccChars[(31-sum%31)%31]
}

// DegreeAny is a job need's "no requirement": one of Degrees, valid for job needs only (a
// program awards a degree, a candidate has one).
const DegreeAny = "不限"

// Degree levels, from a job's requirement or a program's award.
var Degrees = []string{DegreeAny, "高中", "中专", "大专", "本科", "硕士", "博士", "培训"}

func validDegree(d string) bool {
	for _, x := range Degrees {
		if d == x {
			return true
		}
	}
	return false
}

// cityEN gives the English form of each Shaanxi city and new area (pinyin, as the cities
// write themselves: Xi'an, Yan'an).
var cityEN = map[string]string{
	"西安市": "Xi'an", "铜川市": "Tongchuan", "宝鸡市": "Baoji", "咸阳市": "Xianyang", "渭南市": "Weinan",
	"延安市": "Yan'an", "榆林市": "Yulin", "汉中市": "Hanzhong", "安康市": "Ankang", "商洛市": "Shangluo",
	"西咸新区": "Xixian New Area", "杨凌示范区": "Yangling Demonstration Zone",
}

// CityFromEnglish returns the Shaanxi city whose English name is name, in any case and with
// or without its apostrophe or spaces (Xi'an, xian, XI AN → 西安市; Yangling Demonstration
// Zone → 杨凌示范区).
func CityFromEnglish(name string) (string, bool) {
	key := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '\'' || r == '’' || r == ' ' || r == '-' {
				return -1
			}
			return unicode.ToLower(r)
		}, s)
	}
	k := key(name)
	if k == "" {
		return "", false
	}
	for city, en := range cityEN {
		if key(en) == k {
			return city, true
		}
	}
	return "", false
}

// newAreaEN are the names people give the two new areas in English without Demonstration Zone
// or New Area (Yangling, as the English UI and the policy's translation say it).
var newAreaEN = map[string]string{"yangling": "杨凌示范区", "xixian": "西咸新区"}

// CityNamed returns the Shaanxi city or new area that s names, as a city parameter takes it:
// in Chinese, short or full (西安, 西安市, 杨凌), or in English in any case, with or without
// the apostrophe (Xi'an, Xian, Baoji, Yangling, Yangling Demonstration Zone, Xixian). ok is
// false for any other text (北京, Shenzhen, a typo), which is returned trimmed.
func CityNamed(s string) (city string, ok bool) {
	t := strings.TrimSpace(s)
	if c := NormalizeCity(t); cityRegion[c] != "" {
		return c, true
	}
	if c, ok := CityFromEnglish(t); ok {
		return c, true
	}
	if c, ok := newAreaEN[EnglishKey(t)]; ok {
		return c, true
	}
	return t, false
}

// CityEnglish returns the English name of a city ("西安市" or "西安" → "Xi'an", 深圳市 →
// Shenzhen: PlaceEnglish); other names are returned as they are, so English texts show
// Chinese only where no English form is known.
func CityEnglish(city string) string {
	if en, ok := cityEN[NormalizeCity(city)]; ok {
		return en
	}
	return PlaceEnglish(city)
}

// RegionNamed returns the region that s names, in Chinese (关中) or English in any case
// (Guanzhong), as the UI shows it in either language.
func RegionNamed(s string) (Region, bool) {
	t := strings.TrimSpace(s)
	for _, r := range Regions {
		if t == string(r) || strings.EqualFold(t, RegionEnglish(r)) {
			return r, true
		}
	}
	return "", false
}

// RegionEnglish returns the English name of a region (关中 → Guanzhong), or the name as it is
// when unknown.
func RegionEnglish(r Region) string {
	switch r {
	case RegionGuanzhong:
		return "Guanzhong"
	case RegionShaannan:
		return "Shaannan"
	case RegionShaanbei:
		return "Shaanbei"
	}
	return string(r)
}
