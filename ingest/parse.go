package ingest

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Headcount is the number of people a job needs.
type Headcount struct {
	// N is the number to store: the number written; for a range ("3-5人") its lower bound,
	// 3; for an open count ("5人以上", "10余人", "10+", "不少于5人") the number it starts at.
	// It is the number the firm says it will hire at least, so that the open positions the
	// insights add up are not more than the postings promise.
	N int
	// Max is the upper bound of a range ("3-5人": 5), 0 otherwise.
	Max int
	// AtLeast is set when more than N may be hired: 5人以上, 10余人, 十几人, 10+, 至少3人.
	AtLeast bool
	// Unspecified is true for 若干, 不限, 很多 and empty input: some, number not given.
	Unspecified bool
}

var (
	// headcountNote starts a note after a count: a comma or semicolon before no digit.
	headcountNote  = regexp.MustCompile(`[,;，；]([^0-9]|$)`)
	thousands      = regexp.MustCompile(`(\d),(\d{3})`)
	headcountRange = regexp.MustCompile(`^(\d+)(?:[-~—–至到、或]|人到|人至|名到|名至)(\d+)$`)
	unspecified    = map[string]bool{"": true, "若干": true, "若干名": true, "若干人": true, "不限": true, "多名": true,
		"数名": true, "多人": true, "several": true, "some": true, "tbd": true, "n/a": true, "-": true,
		"待定": true, "未定": true, "不定": true, "按需": true, "按需招聘": true, "面议": true,
		// Words for "many" or "a few" that name no number: 很多, 大量, 数人, 几名.
		"很多": true, "许多": true, "大量": true, "众多": true, "批量": true, "多": true, "数": true, "几": true,
		"若干个": true, "数十": true, "几十": true, "many": true, "various": true, "multiple": true}
	// headcountAtLeast are the words before or after a number that say it is the least the
	// firm will hire: 5人以上, 10余人, 20多名, 10+, 3人起, 不少于5人.
	headcountAtLeastPrefix = []string{"不少于", "不低于", "至少", "最少"}
	headcountAtLeastSuffix = []string{"及以上", "或以上", "以上", "+", "余", "多", "起", "几"}
	headcountAbout         = []string{"左右", "上下"}
	headcountUnits         = []string{"人", "名", "个", "位", "people", "persons", "person"}
)

// ParseHeadcount parses a headcount: "3", "3人", "招3人", "3名", "三人", "十二", "两名", with a
// note after it or not ("2人（男女不限）", "3人，应届生优先"); an open
// count, "10+", "10人以上", "5人及以上", "10余人", "十几人", "百余人", "3人起", "至少3人", read as
// the number it starts at with AtLeast set; a range, "3-5人", "3～5名", "两三人", "3、4人", read as
// its lower bound with Max set to the upper; "10人左右" as 10; and "若干", "很多", "数名", "不限" and
// "" as unspecified. The reader reports the reading of a range or an open count as a warning.
func ParseHeadcount(s string) (Headcount, error) {
	t := strings.ToLower(strings.Join(strings.Fields(narrow(s)), ""))
	// A note after the count: 2人（男女不限）, 若干（应届生优先）, 3人，有经验者优先.
	if u := bracketNote.ReplaceAllString(t, ""); u != "" {
		t = u
	}
	if m := headcountNote.FindStringIndex(t); m != nil && m[0] > 0 {
		t = t[:m[0]] // not the comma of 1,000
	}
	t = thousands.ReplaceAllString(t, "$1$2")
	if unspecified[t] {
		return Headcount{Unspecified: true}, nil
	}
	bad := fmt.Errorf("headcount %q: not a number of people such as 3, 3人, 3-5人, 5人以上, 若干", s)
	var h Headcount
	t = strings.TrimPrefix(strings.TrimPrefix(t, "招聘"), "招")
	t = strings.TrimPrefix(strings.TrimPrefix(t, "大约"), "约")
	for _, p := range headcountAtLeastPrefix {
		if u, ok := strings.CutPrefix(t, p); ok {
			t, h.AtLeast = u, true
		}
	}
	// The words after the number, in any order: 5人以上, 10余人, 20多名, 十几人, 10人左右.
	for changed := true; changed; {
		changed = false
		for _, suf := range headcountUnits {
			if u, ok := strings.CutSuffix(t, suf); ok && u != "" {
				t, changed = u, true
			}
		}
		for _, suf := range headcountAbout {
			if u, ok := strings.CutSuffix(t, suf); ok && u != "" {
				t, changed = u, true
			}
		}
		for _, suf := range headcountAtLeastSuffix {
			if u, ok := strings.CutSuffix(t, suf); ok && u != "" {
				t, changed, h.AtLeast = u, true, true
			}
		}
	}
	if unspecified[t] {
		return Headcount{Unspecified: true}, nil
	}
	lo, hi := -1, -1
	if m := headcountRange.FindStringSubmatch(t); m != nil {
		lo, _ = strconv.Atoi(m[1])
		hi, _ = strconv.Atoi(m[2])
	} else if r := []rune(t); len(r) == 2 && r[0] != r[1] {
		// 两三人, 三四名: two numerals in a row are a range.
		a, ok1 := chineseNumber(string(r[0]))
		b, ok2 := chineseNumber(string(r[1]))
		if ok1 && ok2 && a > 0 && b == a+1 {
			lo, hi = a, b
		}
	}
	if lo >= 0 {
		if lo > hi || hi > 1e6 {
			return Headcount{}, bad
		}
		if lo == hi {
			hi = 0
		}
		h.N, h.Max = lo, hi
		return h, nil
	}
	if n, ok := chineseNumber(t); ok {
		h.N = n
		return h, nil
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f != math.Trunc(f) || f < 0 || f > 1e6 {
		return Headcount{}, bad
	}
	h.N = int(f)
	return h, nil
}

// chineseNumber reads the small Chinese numerals people write for counts: 一 … 九十九, 两.
func chineseNumber(s string) (int, bool) {
	digits := map[rune]int{'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10, true
	case len(r) == 1 && r[0] == '百':
		return 100, true // 百余人
	case len(r) == 1:
		d, ok := digits[r[0]]
		return d, ok
	case len(r) == 2 && r[0] == '十':
		d, ok := digits[r[1]]
		return 10 + d, ok
	case len(r) == 2 && r[1] == '十':
		d, ok := digits[r[0]]
		return d * 10, ok
	case len(r) == 3 && r[1] == '十':
		a, ok1 := digits[r[0]]
		b, ok2 := digits[r[2]]
		return a*10 + b, ok1 && ok2
	}
	return 0, false
}

// China is the time zone dates without one are read in.
var China = time.FixedZone("CST", 8*3600)

// daylessLayouts are the layouts of dateLayouts that name no day (2024年3月, 2024-03, 2024).
var daylessLayouts = []string{"2006年1月", "2006-01", "2006-1", "2006/1", "2006.1", "2006", "2006年"}

// dayless reports whether the date s, as ParseDate reads it, names no day.
func dayless(s string) bool {
	s = strings.TrimSpace(s)
	for _, l := range daylessLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return true
		}
	}
	return false
}

var dateLayouts = []string{
	"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", "2006-1-2 15:04:05", "2006-1-2 15:04", "2006-1-2",
	"2006/01/02 15:04:05", "2006/1/2 15:04:05", "2006/1/2 15:04", "2006/1/2", "2006.1.2", "2006.01.02",
	"2006年1月2日 15:04:05", "2006年1月2日 15:04", "2006年1月2日", "2006年1月2号", "2006年1月", "2006-01", "2006-1", "2006/1", "2006.1",
	"20060102", "2006", "2006年", "2006-01-02T15:04:05",
	// Two-digit years, year first as in China: 24-3-1.
	"06-1-2", "06/1/2", "06.1.2",
}

// slashDate is a date written day and month before a four-digit year: 1/3/2024, 13/3/2024.
var slashDate = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)

// ErrAmbiguousDate is the error of a date such as 1/3/2024, which is 1 March in China and
// Europe and 3 January in the United States.
var ErrAmbiguousDate = errors.New("ambiguous date")

// slashDay reads a date written a/b/yyyy: the part above 12 is the day; when both are 12 or
// less and differ, the date is ambiguous and refused rather than guessed.
func slashDay(t string) (time.Time, bool, error) {
	m := slashDate.FindStringSubmatch(t)
	if m == nil {
		return time.Time{}, false, nil
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	month, day := a, b // as English Excel writes it
	switch {
	case a > 12 && b <= 12:
		month, day = b, a
	case a <= 12 && b > 12:
	case a != b:
		return time.Time{}, true, fmt.Errorf("日期 %[1]q 有歧义：可能是 %[2]d 月 %[3]d 日，也可能是 %[3]d 月 %[2]d 日，请写成如 %[4]d-%02[3]d-%02[2]d 的形式 / "+
			"date %[1]q is ambiguous: %[2]d/%[3]d could be day/month or month/day; write it as %[4]d-%02[3]d-%02[2]d (or %[4]d-%02[2]d-%02[3]d): %[5]w", t, a, b, y, ErrAmbiguousDate)
	}
	if month < 1 || month > 12 || day < 1 || day > 31 || y < 1900 || y > 2200 {
		return time.Time{}, true, fmt.Errorf("date %q: not a date", t)
	}
	d := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if d.Day() != day {
		return time.Time{}, true, fmt.Errorf("date %q: not a date", t)
	}
	if m[4] != "" {
		h, _ := strconv.Atoi(m[4])
		mi, _ := strconv.Atoi(m[5])
		sec, _ := strconv.Atoi(m[6])
		d = time.Date(y, time.Month(month), day, h, mi, sec, 0, China)
	}
	return d, true, nil
}

// minSerial is the least Excel serial day read as a date, 1 January 1910: smaller numbers in a
// date's column are something else (11.20, a day written without a year, was 10 January 1900).
const minSerial = 3654

// excelEpoch is day 0 of Excel's 1900 date system (which counts a 29 February 1900 that never was).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// ParseDate reads the dates people write: 2023-07-12, 2023/7/12, 2023.7.12, 2023年7月12日,
// 20230712, 24-3-1 (a two-digit year first), 13/7/2023 and 7/13/2023 (whichever part is above
// 12 is the day; 1/3/2024, which could be either, is refused with ErrAmbiguousDate), with an
// optional time,
// RFC 3339, and Excel serial day numbers (45119, 45119.5) for dates a spreadsheet stored
// as numbers. A date without a time is that day at 00:00 UTC: the API shows it as that day,
// and the search's date filter (date_from=2023-07-12, a day in UTC) finds it on that day;
// Beijing midnight would be the evening of the day before in UTC. A time of day without a
// zone is China's. The empty string gives the zero time.
func ParseDate(s string) (time.Time, error) {
	t := strings.TrimSpace(narrow(s))
	if t == "" {
		return time.Time{}, nil
	}
	d, err := parseDate(s, t)
	if err != nil {
		// What people write around a date: 2023/11/20 星期一, 2023-11-20（周一）,
		// 2023年11月20日 上午, 2023 年 11 月 20 日.
		if c := strings.TrimSpace(dateSpaces.ReplaceAllString(dateNoise.ReplaceAllString(t, ""), "$1")); c != t && c != "" {
			if d, err2 := parseDate(s, c); err2 == nil {
				return d, nil
			}
		}
	}
	return d, err
}

var (
	// dateNoise are the words beside a date that are no part of it: a note in brackets, the
	// day of the week, the part of the day.
	dateNoise = regexp.MustCompile(`[(\[【][^)\]】]*[)\]】]|(?:星期|礼拜|周)[一二三四五六日天]|上午|下午|中午|晚上|早上`)
	// dateSpaces are spaces around the characters of a Chinese date.
	dateSpaces = regexp.MustCompile(`\s*(年|月|日|号)\s*`)
)

// parseDate is ParseDate of t, s folded.
func parseDate(s, t string) (time.Time, error) {
	if d, err := time.Parse(time.RFC3339, t); err == nil {
		return d, nil
	}
	if d, ok, err := slashDay(t); ok {
		return d, err
	}
	for _, l := range dateLayouts {
		loc := time.UTC
		if strings.Contains(l, "15:04") {
			loc = China
		}
		if d, err := time.ParseInLocation(l, t, loc); err == nil {
			if d.Year() < 1900 || d.Year() > 2200 {
				break
			}
			return d, nil
		}
	}
	if f, err := strconv.ParseFloat(t, 64); err == nil && f >= minSerial && f < 200000 && len(t) != 8 {
		// Excel serial: days since 1899-12-30 with the fraction of the day as the time.
		days := math.Floor(f)
		secs := math.Round((f - days) * 86400)
		d := excelEpoch.AddDate(0, 0, int(days))
		if secs == 0 {
			return d, nil
		}
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, China).Add(time.Duration(secs) * time.Second), nil
	}
	return time.Time{}, fmt.Errorf("date %q: not a date such as 2023-07-12, 2023/7/12 or 2023年7月12日", s)
}

// monthDay is a date written without a year as job boards show it: 11月20日, 11月20号, 11-20,
// 11-20发布, 11.20.
var monthDay = regexp.MustCompile(`^(\d{1,2})(?:月|-|\.)(\d{1,2})(?:日|号)?\s*(?:发布)?$`)

// YearlessDate reads a date written without a year (monthDay) as the latest such day not after
// today: 11月20日 is 20 November of today's year, or of the year before when that is still
// to come. ok is false when s is no such date.
func YearlessDate(s string, today time.Time) (d time.Time, ok bool) {
	m := monthDay.FindStringSubmatch(strings.TrimSpace(narrow(s)))
	if m == nil {
		return time.Time{}, false
	}
	month, _ := strconv.Atoi(m[1])
	day, _ := strconv.Atoi(m[2])
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	for y := today.Year(); y >= today.Year()-4; y-- { // 2月29日: the last leap year's
		d = time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if d.Day() != day { // 2月29日 of a year without one
			continue
		}
		if !d.After(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)) {
			return d, true
		}
	}
	return time.Time{}, false
}

var boolWords = map[string]bool{
	"是": true, "否": false, "有": true, "无": false, "y": true, "n": false, "yes": true, "no": false,
	"true": true, "false": false, "1": true, "0": false, "√": true, "✓": true, "✔": true, "×": false,
	"✗": false, "对": true, "不是": false, "没有": false, "t": true, "f": false,
}

// ParseBool reads yes/no as people write it: 是/否, 有/无, Y/N, √/×, true/false, 1/0. The empty
// string is false.
func ParseBool(s string) (bool, error) {
	t := strings.ToLower(strings.TrimSpace(narrow(s)))
	if t == "" {
		return false, nil
	}
	if b, ok := boolWords[t]; ok {
		return b, nil
	}
	// A note in brackets after the answer: 是（省级）, 否(待认定).
	if i := strings.IndexAny(t, "(（"); i > 0 {
		if b, ok := boolWords[strings.TrimSpace(t[:i])]; ok {
			return b, nil
		}
	}
	return false, fmt.Errorf("%q: not yes or no (是/否, Y/N, true/false)", s)
}

// intClean removes thousands separators and spaces; built once (see areaClean).
var intClean = strings.NewReplacer(",", "", "，", "", " ", "")

// ParseInt reads a whole number, allowing thousands separators, a trailing 人 or 名, and the
// ".0" a spreadsheet adds ("1,200", "300人", "45.0"). The empty string is 0.
func ParseInt(s string) (int, error) {
	t := intClean.Replace(strings.TrimSpace(narrow(s)))
	t = strings.TrimRight(t, "人名个约左右")
	if t == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, fmt.Errorf("%q: not a whole number", s)
	}
	return int(f), nil
}

// listSep splits the lists people type into one cell: commas, 、, semicolons, vertical bars and
// line breaks (not "/", which belongs to names like C/C++ and TCP/IP).
var listSep = regexp.MustCompile(`[,，、;；|｜\n\r\t]+`)

// notGiven are what exports write in a cell that holds nothing: N/A, NULL, pandas' nan, 暂无.
var notGiven = map[string]bool{"n/a": true, "na": true, "null": true, "nil": true, "nan": true, "none": true,
	"-": true, "—": true, "/": true, "暂无": true, "无": true, "未知": true, "不详": true, "未填写": true}

// given returns s, or "" when it says nothing is given (N/A, NULL, nan, 暂无), for the text
// fields stored as written (a district, a firm's size, the benefits): a district "N/A" was
// stored, and shown and filtered on, as a district.
func given(s string) string {
	if notGiven[strings.ToLower(strings.TrimSpace(s))] {
		return ""
	}
	return s
}

// SplitList splits a cell holding several values ("Java、Spring, MySQL") into trimmed, non-empty,
// distinct values in their order.
func SplitList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, p := range listSep.Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// sectorWords maps words of industry columns to the sectors of policy items (3)–(5); the first
// entry whose word the text contains wins.
var sectorWords = []struct {
	word   string
	sector xiaoqi.Sector
}{
	{"软件", xiaoqi.SectorSoftware}, {"测试", xiaoqi.SectorSoftware}, {"software", xiaoqi.SectorSoftware},
	{"运维", xiaoqi.SectorITOps}, {"运营维护", xiaoqi.SectorITOps}, {"信息系统", xiaoqi.SectorInfoSystems},
	{"系统集成", xiaoqi.SectorInfoSystems}, {"电信", xiaoqi.SectorTelecom}, {"通信", xiaoqi.SectorTelecom},
	{"互联网", xiaoqi.SectorInternet}, {"电子商务", xiaoqi.SectorInternet}, {"internet", xiaoqi.SectorInternet},
	{"生物", xiaoqi.SectorBiomedicine}, {"医药", xiaoqi.SectorBiomedicine}, {"医疗", xiaoqi.SectorMedical},
	{"能源", xiaoqi.SectorEnergy}, {"电力", xiaoqi.SectorEnergy}, {"工程", xiaoqi.SectorEngineering},
	{"设计", xiaoqi.SectorEngineering}, {"研发", xiaoqi.SectorEngineering}, {"影视", xiaoqi.SectorFilmMedia},
	{"传媒", xiaoqi.SectorFilmMedia}, {"媒体", xiaoqi.SectorFilmMedia}, {"动漫", xiaoqi.SectorAnimation},
	{"游戏", xiaoqi.SectorAnimation}, {"出版", xiaoqi.SectorDigitalPublish}, {"物流", xiaoqi.SectorLogistics},
	{"交通", xiaoqi.SectorLogistics}, {"运输", xiaoqi.SectorLogistics}, {"金融", xiaoqi.SectorFinance},
	{"保险", xiaoqi.SectorFinance}, {"银行", xiaoqi.SectorFinance}, {"finance", xiaoqi.SectorFinance},
	{"计算机", xiaoqi.SectorSoftware}, {"it服务", xiaoqi.SectorSoftware}, {"it外包", xiaoqi.SectorSoftware},
	// The categories of BOSS直聘 and 猎聘 ("领域/融资：网游/手游，A轮", "基金/证券/期货/投资").
	{"网游", xiaoqi.SectorAnimation}, {"手游", xiaoqi.SectorAnimation}, {"证券", xiaoqi.SectorFinance},
	{"基金", xiaoqi.SectorFinance}, {"期货", xiaoqi.SectorFinance}, {"数据服务", xiaoqi.SectorInfoSystems},
	{"企业服务", xiaoqi.SectorInfoSystems}, {"信息安全", xiaoqi.SectorITOps}, {"综合门户", xiaoqi.SectorInternet},
	{"在线广告", xiaoqi.SectorInternet}, {"分类信息", xiaoqi.SectorInternet}, {"o2o", xiaoqi.SectorInternet},
	{"网络安全", xiaoqi.SectorITOps}, {"搜索引擎", xiaoqi.SectorInternet}, {"社交网络", xiaoqi.SectorInternet},
	{"在线教育", xiaoqi.SectorInternet}, {"网络教育", xiaoqi.SectorInternet},
}

// noSector are what industry columns hold when they name none: N/A, 其他, 暂无. They leave
// the sector empty without a warning.
var noSector = map[string]bool{"n/a": true, "na": true, "none": true, "null": true, "-": true, "—": true, "/": true,
	"无": true, "暂无": true, "未知": true, "不限": true, "其他": true, "其它": true, "其他行业": true, "其它行业": true, "other": true}

// outsourcingCategory reports whether s names a category of service outsourcing (ITO, BPO,
// KPO, 服务外包) rather than one of the policy's sectors: such a column says the firm is in
// service outsourcing, not in which of its sectors.
func outsourcingCategory(s string) bool {
	t := strings.ToLower(strings.Join(strings.Fields(s), ""))
	for _, w := range []string{"信息技术外包", "业务流程外包", "知识流程外包", "服务外包", "ito", "bpo", "kpo"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// ParseSector maps a sector as xiaoqi names it ("software"), its Chinese name (软件研发和测试) or
// an industry as job boards write it ("互联网/移动互联网/电子商务") to a sector of the policy;
// "" and no error for an empty cell or one that names no industry (N/A, 其他).
func ParseSector(s string) (xiaoqi.Sector, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" || noSector[t] {
		return "", nil
	}
	if sec, ok := xiaoqi.SectorOf(t); ok {
		return sec, nil
	} else if t == "it" {
		return xiaoqi.SectorSoftware, nil
	}
	for _, w := range sectorWords {
		if strings.Contains(t, w.word) {
			return w.sector, nil
		}
	}
	return "", fmt.Errorf("sector %q: not a service-outsourcing sector of the policy (软件研发和测试, 互联网, 金融保险 …)", s)
}
