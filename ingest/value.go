// Package ingest reads the files people really have (CSV in UTF-8 or GBK, XLSX, JSON, JSONL)
// into xiaoqi documents, and parses the values people write in them: salaries ("1-1.5万·14薪",
// "15-30K", "面议"), degrees, and areas ("陕西省西安高新技术产业开发区" → 西安市, 高新区).
package ingest

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Salary is a monthly salary range in yuan.
type Salary struct {
	Min, Max int
	// Months is the number of monthly pays a year (14薪), 0 when not given.
	Months int
	// Negotiable is true for 面议 and empty input.
	Negotiable bool
}

var (
	salaryMonths = regexp.MustCompile(`[·.\s]*(\d{2})薪$`)
	salaryPart   = regexp.MustCompile(`^(\d+(?:\.\d+)?)(万|千|k|w|元)?$`)
)

// ParseSalary parses the salary texts of Chinese job boards: "1-1.5万·14薪", "8千-1.5万",
// "17-34万/年", "15-30K", "6-8千", "200元/天", "1万以上", "面议". Yearly and daily figures are
// converted to monthly (12 months a year, 21.75 working days a month).
func ParseSalary(s string) (Salary, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), ""))
	t = strings.NewReplacer("～", "-", "~", "-", "—", "-", "至", "-", "／", "/", "k以上", "k以上").Replace(t)
	if t == "" || t == "面议" || t == "薪资面议" || t == "negotiable" {
		return Salary{Negotiable: true}, nil
	}
	var out Salary
	if m := salaryMonths.FindStringSubmatch(t); m != nil {
		out.Months, _ = strconv.Atoi(m[1])
		t = t[:len(t)-len(m[0])]
	}
	factor := 1.0
	switch {
	case strings.HasSuffix(t, "/年"):
		factor, t = 1.0/12, strings.TrimSuffix(t, "/年")
		if out.Months == 0 {
			out.Months = 12
		}
	case strings.HasSuffix(t, "/天"):
		factor, t = 21.75, strings.TrimSuffix(t, "/天")
	case strings.HasSuffix(t, "/月"):
		t = strings.TrimSuffix(t, "/月")
	}
	open := ""
	for _, suf := range []string{"及以上", "及以下", "以上", "以下"} {
		if open == "" && strings.HasSuffix(t, suf) {
			open, t = strings.TrimPrefix(suf, "及"), strings.TrimSuffix(t, suf)
		}
	}
	parts := strings.Split(t, "-")
	if len(parts) > 2 || (open != "" && len(parts) != 1) {
		return Salary{}, fmt.Errorf("salary %q: not a range like 8千-1.2万 or 15-30K", s)
	}
	var vals [2]float64
	var units [2]string
	for i, p := range parts {
		m := salaryPart.FindStringSubmatch(p)
		if m == nil {
			return Salary{}, fmt.Errorf("salary %q: cannot read %q as an amount", s, p)
		}
		vals[i], _ = strconv.ParseFloat(m[1], 64)
		units[i] = m[2]
	}
	if len(parts) == 2 && units[0] == "" {
		units[0] = units[1]
	}
	mult := func(u string) float64 {
		switch u {
		case "万", "w":
			return 10000
		case "千", "k":
			return 1000
		}
		return 1
	}
	lo := int(math.Round(vals[0] * mult(units[0]) * factor))
	switch {
	case len(parts) == 2:
		out.Min, out.Max = lo, int(math.Round(vals[1]*mult(units[1])*factor))
	case open == "以下":
		out.Max = lo
	case open == "以上":
		out.Min = lo
	default:
		out.Min, out.Max = lo, lo
	}
	if out.Max > 0 && out.Min > out.Max {
		return Salary{}, fmt.Errorf("salary %q: minimum above maximum", s)
	}
	return out, nil
}

var degreeAliases = map[string]string{
	"不限": "不限", "学历不限": "不限", "any": "不限", "none": "不限", "": "",
	"高中": "高中", "high school": "高中",
	"中专": "中专", "中技": "中专", "中技/中专": "中专", "中专/中技": "中专", "技校": "中专",
	"大专": "大专", "专科": "大专", "高职": "大专", "associate": "大专", "college": "大专", "diploma": "大专",
	"本科": "本科", "学士": "本科", "统招本科": "本科", "bachelor": "本科", "bachelor's": "本科", "ba": "本科", "bs": "本科", "bsc": "本科",
	"硕士": "硕士", "研究生": "硕士", "master": "硕士", "master's": "硕士", "ms": "硕士", "msc": "硕士", "mba": "硕士",
	"博士": "博士", "phd": "博士", "ph.d.": "博士", "doctor": "博士", "doctorate": "博士",
}

// ParseDegree maps the ways people write a degree (专科, 学士, Bachelor, PhD, 本科及以上) to one of
// xiaoqi.Degrees. The empty string stays empty.
func ParseDegree(s string) (string, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, suf := range []string{"及以上", "以上", "或以上", " or above", " and above", "学历", " degree"} {
		t = strings.TrimSuffix(t, suf)
	}
	if d, ok := degreeAliases[t]; ok {
		return d, nil
	}
	return "", fmt.Errorf("degree %q: not one of %s", s, strings.Join(xiaoqi.Degrees, ", "))
}

// zoneAliases maps development zones as people write them to a short district name.
var zoneAliases = []struct{ prefix, district string }{
	{"高新技术产业开发区", "高新区"}, {"高新技术开发区", "高新区"}, {"高新区", "高新区"}, {"高新", "高新区"},
	{"经济技术开发区", "经开区"}, {"经开区", "经开区"}, {"西咸新区", "西咸新区"}, {"国际港务区", "国际港务区"},
	{"西安国际港务区", "国际港务区"}, {"曲江新区", "曲江新区"}, {"航天城", "航天基地"},
	{"国家民用航天产业基地", "航天基地"}, {"浐灞生态区", "浐灞生态区"},
}

var shaanxiCities = []string{"西安", "铜川", "宝鸡", "咸阳", "渭南", "延安", "汉中", "榆林", "安康", "商洛", "杨凌", "西咸新区"}

// ParseArea splits an area as job boards write it ("陕西省西安高新技术产业开发区", "西安-雁塔区",
// "陕西省西安雁塔区高新四路") into a city ("西安市") and a district ("高新区", "雁塔区"). An area
// naming no Shaanxi city gives city "" and no error.
func ParseArea(s string) (city, district string) {
	t := strings.NewReplacer(" ", "", "-", "", "·", "", "/", "").Replace(strings.TrimSpace(s))
	t = strings.TrimPrefix(strings.TrimPrefix(t, "陕西省"), "陕西")
	t = strings.TrimPrefix(strings.TrimPrefix(t, "陕西省"), "陕西")
	for _, c := range shaanxiCities {
		if strings.HasPrefix(t, c) {
			city = xiaoqi.NormalizeCity(c)
			t = strings.TrimPrefix(strings.TrimPrefix(t, c), "市")
			break
		}
	}
	if city == "" {
		return "", ""
	}
	for _, z := range zoneAliases {
		if strings.HasPrefix(t, z.prefix) {
			return city, z.district
		}
	}
	r := []rune(t)
	for i := 0; i < len(r) && i < 5; i++ {
		if r[i] == '区' || r[i] == '县' || (r[i] == '市' && i > 0) {
			return city, string(r[:i+1])
		}
	}
	return city, ""
}
