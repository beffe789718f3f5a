// Package ingest imports the files people really have (XLSX, CSV in UTF-8, UTF-16 or GBK, JSON,
// JSONL) into xiaoqi documents. It streams the rows, finds the header by Chinese and English
// column names, parses the values people write (salaries "1-1.5万·14薪", "15-30K", "面议";
// degrees; headcounts "若干"; dates; areas "陕西省西安高新技术产业开发区" → 西安市, 高新区), and
// reports every problem by row and column as the user sees the file, while the valid rows are
// written in batches through a xiaoqi.Store. Import is the entry point; ReadCSV, ReadXLSX and
// ReadJSON read rows without importing them.
package ingest

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/xiaoqi-dev/xiaoqi"
)

// narrow writes the full-width forms of digits, letters and signs (３, １０-１５Ｋ, ：, ～) and
// the ideographic space half width, as the parsers of values read them: a Chinese input
// method types them so.
func narrow(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return width.Fold.String(s)
		}
	}
	return s
}

// Salary is a monthly salary range in yuan.
type Salary struct {
	Min, Max int
	// Months is the number of monthly pays a year (14薪), 0 when not given.
	Months int
	// Negotiable is true for 面议 and empty input.
	Negotiable bool
	// Guessed says that the text named no period and was read as a yearly salary because a
	// month of it would be more than guessYearly yuan ("20-40万").
	Guessed bool
}

// guessYearly is the monthly amount above which a salary that names no period is read as a
// yearly one: "20-40万" is 1.7万-3.3万 a month, not 20万-40万. Below it, "3-5万" stays monthly,
// as 51job writes a senior engineer's pay.
const guessYearly = 100000

var (
	// salaryNote is how soon the employer answers, which 猎聘 writes after a salary
	// ("18-36万 72小时反馈"); 猎聘's salaries are yearly.
	salaryNote   = regexp.MustCompile(`(\d{1,3}(小时|天|个工作日)内?|当天|当日)(反馈|回复|处理)$`)
	salaryMonths = regexp.MustCompile(`[·.\s×x*]*(\d{1,2})薪$`)
	salaryPart   = regexp.MustCompile(`^(\d+(?:\.\d+)?)(万|千|k|w|元)?$`)
	salaryClean  = strings.NewReplacer("～", "-", "~", "-", "—", "-", "–", "-", "至", "-", "到", "-", "／", "/",
		"万元", "万", "千元", "千", "人民币", "", "rmb", "", "￥", "", "¥", "", ",", "", "，", "", "每月", "/月",
		"每年", "/年", "每天", "/天", "/日", "/天", "每小时", "/小时", "/时", "/小时", "+", "以上")
	negotiable = map[string]bool{"": true, "面议": true, "薪资面议": true, "薪酬面议": true, "工资面议": true,
		"待遇面议": true, "面谈": true, "negotiable": true, "保密": true, "薪资保密": true}
)

var (
	// salaryBracket is a note in brackets: 8000-12000（税前）, 8000-12000（可谈）.
	salaryBracket = regexp.MustCompile(`\([^()]*\)`)
	// salaryTail is a digit after 万 or 千, as people say it: 1万2 is 1.2万, 8千5 is 8.5千.
	salaryTail = regexp.MustCompile(`(\d+)(万|千)(\d)(?:千|百)?($|[^\d.])`)
	// salaryWord is a Chinese numeral before 万 or 千: 两万, 一万五.
	salaryWord = regexp.MustCompile(`(^|[^一二两三四五六七八九十])([一二两三四五六七八九十]{1,2})(万|千)([一二两三四五六七八九]?)`)
)

// salaryColloquial rewrites the ways of saying a salary that the parser's grammar has not:
// notes in brackets and 税前 (before tax) are dropped, 1万2 is 1.2万, 两万 is 2万, and a period
// before 起 (8000元/月起) goes after it.
func salaryColloquial(t string) string {
	t = strings.TrimSpace(salaryBracket.ReplaceAllString(t, ""))
	for _, p := range []string{"税前", "税后"} {
		t = strings.TrimPrefix(t, p)
	}
	t = salaryWord.ReplaceAllStringFunc(t, func(m string) string {
		g := salaryWord.FindStringSubmatch(m)
		n, ok := chineseNumber(g[2])
		if !ok {
			return m
		}
		out := g[1] + strconv.Itoa(n)
		if g[4] != "" {
			d, _ := chineseNumber(g[4])
			out += "." + strconv.Itoa(d)
		}
		return out + g[3]
	})
	t = salaryTail.ReplaceAllString(t, "$1.$3$2$4")
	for _, suf := range []string{"起步", "起"} {
		if u, ok := strings.CutSuffix(t, suf); ok {
			for _, per := range []string{"/月", "/年", "/天", "/小时"} {
				if v, ok := strings.CutSuffix(u, per); ok && v != "" {
					return v + suf + per
				}
			}
		}
	}
	return t
}

// ParseSalary parses the salary texts of Chinese job boards: "1-1.5万·14薪", "8千-1.5万",
// "17-34万/年", "年薪20-30万", "15-30K", "6-8千", "10000-15000元/月", "200元/天", "50元/小时",
// "1万以上", "15k+", "面议", and 猎聘's "18-36万 72小时反馈" (yearly). Yearly, daily and hourly
// figures are converted to monthly (a year's pay in its pays, 12 unless "·14薪" says
// otherwise; 21.75 working days a month, 8 hours a day). A salary that names no period is
// monthly, unless a month of it would be more than guessYearly: then it is read as yearly and
// Guessed is set.
func ParseSalary(s string) (Salary, error) {
	t := salaryClean.Replace(strings.ToLower(strings.Join(strings.Fields(narrow(s)), "")))
	per := ""
	if u := salaryNote.ReplaceAllString(t, ""); u != t {
		t, per = u, "/年" // 猎聘
	}
	t = salaryColloquial(t) // after 猎聘's note: 10-15万 5天内反馈 is not 15.5万
	if negotiable[t] {
		return Salary{Negotiable: true}, nil
	}
	// A base pay and a share of something more: 底薪3000+提成 is at least 3000.
	for _, p := range []string{"无责底薪", "底薪", "保底", "基本工资", "基本薪资"} {
		t = strings.TrimPrefix(t, p)
	}
	if i := strings.Index(t, "以上"); i > 0 && i+len("以上") < len(t) {
		rest := t[i+len("以上"):]
		for _, w := range []string{"提成", "绩效", "奖金", "补贴", "分红", "佣金", "加班费", "全勤"} {
			if strings.HasPrefix(rest, w) {
				t = t[:i+len("以上")]
				if strings.Contains(t, "-") {
					t = t[:i] // 3000-5000+提成: the range of the base pay
				}
				break
			}
		}
	}
	for _, p := range [...]struct{ prefix, per string }{{"年薪", "/年"}, {"月薪", "/月"}, {"日薪", "/天"}, {"时薪", "/小时"}} {
		if strings.HasPrefix(t, p.prefix) {
			t, per = strings.TrimPrefix(t, p.prefix), p.per
		}
	}
	var out Salary
	if m := salaryMonths.FindStringSubmatch(t); m != nil {
		out.Months, _ = strconv.Atoi(m[1])
		t = t[:len(t)-len(m[0])]
	}
	if per != "" && !strings.Contains(t, "/") {
		t += per
	}
	period := strings.Contains(t, "/")
	factor := 1.0
	switch {
	case strings.HasSuffix(t, "/年"):
		t = strings.TrimSuffix(t, "/年")
		if out.Months == 0 {
			out.Months = 12
		}
		factor = 1 / float64(out.Months) // 年薪20-30万·14薪 is paid in 14 parts
	case strings.HasSuffix(t, "/天"):
		factor, t = 21.75, strings.TrimSuffix(t, "/天")
	case strings.HasSuffix(t, "/小时"):
		factor, t = 21.75*8, strings.TrimSuffix(t, "/小时")
	case strings.HasSuffix(t, "/月"):
		t = strings.TrimSuffix(t, "/月")
	}
	// 8000左右, 约8000: about 8000, read as 8000.
	t = strings.TrimPrefix(strings.TrimSuffix(strings.TrimSuffix(t, "左右"), "上下"), "约")
	open := ""
	for _, suf := range []string{"起步", "起"} { // 3000元起: at least 3000
		if u, ok := strings.CutSuffix(t, suf); ok && u != "" {
			t = u + "以上"
			break
		}
	}
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
	if len(parts) == 2 && units[0] == "" && (vals[0] <= vals[1] || vals[0] < 100) {
		units[0] = units[1] // 1-1.5万, 8-12k; but 8000-1.2万 is 8000 yuan to 1.2万
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
	if !period && max(vals[0]*mult(units[0]), vals[len(parts)-1]*mult(units[len(parts)-1])) > guessYearly {
		out.Guessed = true
		if out.Months == 0 {
			out.Months = 12
		}
		factor = 1 / float64(out.Months)
	}
	for i := range vals {
		if vals[i]*mult(units[i])*factor > 1e8 {
			return Salary{}, fmt.Errorf("salary %q: more than 100 million a month", s)
		}
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
	"不限": "不限", "学历不限": "不限", "any": "不限", "none": "不限", "": "", "无": "不限", "无要求": "不限", "不要求": "不限",
	"无学历要求": "不限", "不限学历": "不限", "学历无要求": "不限", "no requirement": "不限",
	// 初中 and 小学 are below 高中, the lowest degree xiaoqi has: a job asking for them asks for none.
	"初中": "不限", "小学": "不限", "junior high": "不限",
	"高中": "高中", "high school": "高中",
	"中专": "中专", "中技": "中专", "中技/中专": "中专", "中专/中技": "中专", "技校": "中专",
	"高职专科": "大专", "高职高专": "大专", "高专": "大专", "专升本": "本科", // 专升本: a bachelor's after a diploma
	"大专": "大专", "专科": "大专", "高职": "大专", "associate": "大专", "college": "大专", "diploma": "大专",
	"本科": "本科", "学士": "本科", "统招本科": "本科", "bachelor": "本科", "bachelor's": "本科", "ba": "本科", "bs": "本科", "bsc": "本科",
	"硕士": "硕士", "研究生": "硕士", "master": "硕士", "master's": "硕士", "ms": "硕士", "msc": "硕士", "mba": "硕士",
	"博士": "博士", "phd": "博士", "ph.d.": "博士", "doctor": "博士", "doctorate": "博士",
	// Vocational secondary schools by other names; a postdoc asks for a doctorate; an EMBA is
	// a master's; 一本 and 二本 are tiers of 本科 admission.
	"职高": "中专", "职业高中": "中专", "技工": "中专", "技工学校": "中专",
	"博士后": "博士", "emba": "硕士", "一本": "本科", "二本": "本科", "重点本科": "本科",
	// 大本 is said for 本科 (大专 being 大专); 本硕 asks for a bachelor's at least (本硕连读 …).
	"大本": "本科", "本硕": "本科", "本硕博": "本科",
}

// bracketNote is a note in brackets after a value: 本科（985优先）, 2人（男女不限）.
var bracketNote = regexp.MustCompile(`[(（\[【][^)）\]】]*[)）\]】]`)

// degreeAffixes are the words around a degree that do not change it.
var (
	degreeSuffixes = []string{"及以上学历", "或以上", "及以上", "以上", " or above", " and above", " or higher", "学历", "学位", " degree", "毕业", "研究生",
		"在读", "应届"}
	// 985/211本科 and 双一流本科 name the schools preferred, not another degree; 学历：本科 is a
	// cell that repeats its column's name.
	degreePrefixes = []string{"全日制", "统招", "普通", "大学", "第一学历", "最低", "985/211", "211/985", "985、211", "985", "211",
		"双一流", "学历要求：", "学历要求:", "学历：", "学历:"}
)

// ParseDegree maps the ways people write a degree (专科, 学士, Bachelor, PhD, 本科及以上,
// 全日制统招本科以上学历, 硕士研究生, Master's degree) to one of xiaoqi.Degrees. The empty string
// stays empty.
func ParseDegree(s string) (string, error) {
	t := strings.ToLower(strings.TrimSpace(narrow(s)))
	if d, ok := degreeAliases[t]; ok {
		return d, nil
	}
	// A preference after the degree: 本科（985/211优先）, 本科，985优先.
	t = strings.TrimSpace(bracketNote.ReplaceAllString(t, ""))
	if i := strings.IndexAny(t, ",;，；"); i > 0 {
		t = strings.TrimSpace(t[:i])
	}
	for changed := true; changed; {
		changed = false
		for _, suf := range degreeSuffixes {
			if u := strings.TrimSuffix(t, suf); u != t && u != "" {
				t, changed = strings.TrimSpace(u), true
			}
		}
		for _, pre := range degreePrefixes {
			if u := strings.TrimPrefix(t, pre); u != t && u != "" {
				t, changed = strings.TrimSpace(u), true
			}
		}
	}
	if d, ok := degreeAliases[t]; ok {
		return d, nil
	}
	// Alternatives (中专/高中, 大专或本科): the job takes the lowest of them.
	if parts := strings.FieldsFunc(t, func(r rune) bool { return r == '/' || r == '、' || r == '或' }); len(parts) > 1 {
		low := -1
		for _, p := range parts {
			d, err := ParseDegree(p)
			i := slices.Index(xiaoqi.Degrees, d)
			if err != nil || d == "培训" || i < 0 {
				low = -1
				break
			}
			if low < 0 || i < low {
				low = i
			}
		}
		if low >= 0 {
			return xiaoqi.Degrees[low], nil
		}
	}
	return "", fmt.Errorf("degree %q: not one of %s", s, strings.Join(xiaoqi.Degrees, ", "))
}
