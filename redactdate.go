package xiaoqi

import (
	"fmt"
	"regexp"
	"strings"
)

// Dates as people write them, for hiding a birth date (Redact). A date found in a text is
// taken apart by its numbers (dateParts), so one pattern serves every order and script.
const (
	// A month or a day in Chinese numerals: 三, 十二, 二十四, 〇四.
	zhMonthDay = `[〇零一二三四五六七八九十]{1,3}`
	// An English month, also abbreviated.
	enMonth = `\b(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?`
	// A whole date: 19990304; 1999年3月4日, 99年3月4日, 一九九九年三月四日; 4/3/1999, 03-04-1999,
	// 99.3.4; 1999-03-04, 1999.3.4; March 4, 1999, Mar. 4th 1999; 4 March 1999, 04-Mar-1999.
	// The order of the alternatives matters where two start at one place: 04-03-1999 is day
	// first, not 04-03-19 year first.
	dateExpr = `(?:` +
		`(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])` +
		`|(?:[0-9]{4}|[0-9]{2}|[〇零一二三四五六七八九]{4}|[〇零一二三四五六七八九]{2})\s*年\s*(?:[0-9]{1,2}|` + zhMonthDay + `)\s*月\s*(?:[0-9]{1,2}|` + zhMonthDay + `)\s*[日号]?` +
		`|[0-9]{1,2}\s*[./-]\s*[0-9]{1,2}\s*[./-]\s*(?:[0-9]{4}|[0-9]{2})` +
		`|(?:[0-9]{4}|[0-9]{2})\s*[./-]\s*[0-9]{1,2}\s*[./-]\s*[0-9]{1,2}` +
		`|` + enMonth + `\s*[0-9]{1,2}(?i:st|nd|rd|th)?\s*,?\s*[0-9]{4}` +
		`|\b[0-9]{1,2}(?i:st|nd|rd|th)?[\s.-]*(?i:of\s+)?` + enMonth + `[\s.,-]*[0-9]{4}` +
		`)`
	// A year and month alone, which after a label of birth tell the day within a month:
	// 1999年03月, 1999.03, March 1999.
	yearMonthExpr = `(?:(?:[0-9]{4}|[〇零一二三四五六七八九]{4})\s*[年./-]\s*(?:[0-9]{1,2}|` + zhMonthDay + `)(?:\s*月)?|` + enMonth + `\s*,?\s*[0-9]{4})`
	// A month and day alone (生日5月6日, 五月六日, 5.6), which with the birth year the API shows
	// make the whole date.
	monthDayExpr = `(?:[0-9一二三四五六七八九十]{1,3}\s*[月./-]\s*[0-9一二三四五六七八九十]{1,3}\s*[日号]?)`
)

var (
	// A date after a label of birth, in any of the ways of dateExpr, or its year and month, or
	// its month and day: 生日1999年3月4日, 出生：1999-03-04, 出生年月：1999年03月, DOB 04-03-1999,
	// born on March 4, 1999, Date of birth: 4/3/1999.
	textBirthPattern = regexp.MustCompile(`((?:生日|出生日期|出生年月日?|出生于|出生|生于|\b(?i:d\.?o\.?b\b\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on|\s+in)?))\s*[:：是为]?\s*)` +
		`(?:` + dateExpr + `|` + yearMonthExpr + `|` + monthDayExpr + `)`)
	// A date followed by 出生 or 生: 1999年3月4日出生, 一九九九年三月四日生. Redact keeps the
	// words that begin with 生 (生效, 生产 …: textBirthAfterKeep).
	textBirthAfterPattern = regexp.MustCompile(`(` + dateExpr + `)(\s*(?:出生|生))(.?)`)
	// Any date, which Redact hides when it is the candidate's own birth date.
	textDatePattern = regexp.MustCompile(dateExpr)
)

// textBirthAfterKeep are the characters after 生 that make a word of it (生效 takes effect, not
// is born).
const textBirthAfterKeep = "效产成活病长命态意动物"

// replaceBirthAfter hides the dates that textBirthAfterPattern finds before 出生 or 生.
func replaceBirthAfter(s, mark string) string {
	return replaceSubmatches(textBirthAfterPattern, s, func(g []string) string {
		if g[3] != "" && strings.Contains(textBirthAfterKeep, g[3]) && !strings.HasPrefix(strings.TrimSpace(g[2]), "出生") {
			return g[0]
		}
		return mark + g[2] + g[3]
	})
}

// ymd is a date.
type ymd struct{ y, m, d int }

// birthDate is a candidate's own birth date, found in a text however it is written.
type birthDate struct {
	ymd
	years []string // the last two digits of the year as written: 99, 九九; a text without any holds no form of it
}

// newBirthDate returns the birth date d (YYYY-MM-DD), or nil.
func newBirthDate(d string) *birthDate {
	var b birthDate
	if _, err := fmt.Sscanf(d, "%4d-%2d-%2d", &b.y, &b.m, &b.d); err != nil || b.m < 1 || b.m > 12 || b.d < 1 || b.d > 31 {
		return nil
	}
	yy := fmt.Sprintf("%02d", b.y%100)
	zh := strings.Map(func(r rune) rune { return []rune("〇一二三四五六七八九")[r-'0'] }, yy)
	b.years = []string{yy, zh, strings.ReplaceAll(zh, "〇", "零")}
	return &b
}

// replace writes mark for each date in s that is the birth date: 一九九九年三月四日,
// 99年3月4日, 3/4/1999, 04-03-1999, March 4, 1999. Only the forms of dateForms were hidden.
func (b *birthDate) replace(s, mark string) string {
	if b == nil || !containsAny(s, b.years) {
		return s
	}
	return textDatePattern.ReplaceAllStringFunc(s, func(m string) string {
		for _, p := range dateParts(m) {
			if p == b.ymd || p.y < 100 && p.y == b.y%100 && p.m == b.m && p.d == b.d {
				return mark
			}
		}
		return m
	})
}

// dateParts returns the dates a match of dateExpr may mean: 04/03/1999 is 4 March or April 3.
// A two-digit year is left as it is written (99).
func dateParts(m string) []ymd {
	var nums []string
	month := 0
	for _, f := range strings.FieldsFunc(m, func(r rune) bool { return !isDateRune(r) }) {
		for _, tok := range splitDigitRuns(f) {
			if n := monthNamed(tok); n > 0 {
				month = n
			} else if isDigitRun(tok) {
				nums = append(nums, tok)
			}
		}
	}
	if len(nums) == 1 && len(nums[0]) == 8 { // 19990304
		n := nums[0]
		return []ymd{{number(n[:4]), number(n[4:6]), number(n[6:])}}
	}
	if month > 0 && len(nums) == 2 {
		if year := []rune(nums[1]); len(year) == 4 {
			return []ymd{{number(nums[1]), month, number(nums[0])}}
		}
		return []ymd{{number(nums[0]), month, number(nums[1])}}
	}
	if len(nums) != 3 {
		return nil
	}
	a, b, c := number(nums[0]), number(nums[1]), number(nums[2])
	if len([]rune(nums[0])) == 4 || strings.Contains(m, "年") {
		return []ymd{{a, b, c}}
	}
	return []ymd{{c, b, a}, {c, a, b}, {a, b, c}} // day first, month first, a two-digit year first
}

// isDateRune reports whether r is part of a number or a month's name.
func isDateRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || strings.ContainsRune("〇零一二三四五六七八九十", r)
}

// splitDigitRuns splits 4th into 4 and th, and March4 into March and 4.
func splitDigitRuns(f string) []string {
	var out []string
	start := 0
	rs := []rune(f)
	for i := 1; i <= len(rs); i++ {
		if i == len(rs) || isDigitRune(rs[i]) != isDigitRune(rs[i-1]) {
			out = append(out, string(rs[start:i]))
			start = i
		}
	}
	return out
}

func isDigitRune(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune("〇零一二三四五六七八九十", r)
}

func isDigitRun(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !isDigitRune(r) }) < 0
}

// number reads a number in ASCII digits or Chinese numerals: 1999, 一九九九, 〇四, 十二, 二十四.
func number(s string) int {
	zh := map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	if tens, units, ok := strings.Cut(s, "十"); ok {
		t, u := 1, 0
		if tens != "" {
			t = number(tens)
		}
		if units != "" {
			u = number(units)
		}
		return t*10 + u
	}
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n = n*10 + int(r-'0')
		} else {
			n = n*10 + zh[r]
		}
	}
	return n
}

// monthNamed returns the month an English name or abbreviation says (March, mar, Sept), or 0.
func monthNamed(s string) int {
	s = strings.ToLower(s)
	if len(s) < 3 {
		return 0
	}
	for i, name := range []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"} {
		if strings.HasPrefix(name, s) {
			return i + 1
		}
	}
	return 0
}

// dateForms returns the ways people write the date d (YYYY-MM-DD): 1999-05-04, 1999年5月4日,
// 1999.05.04, 1999/5/4, 19990504 …; none when d is not such a date.
func dateForms(d string) []string {
	var y, m, day int
	if _, err := fmt.Sscanf(d, "%4d-%2d-%2d", &y, &m, &day); err != nil || m == 0 || day == 0 {
		return nil
	}
	var out []string
	for _, f := range []string{"%d-%02d-%02d", "%d年%d月%d日", "%d年%02d月%02d日", "%d年%d月%d号", "%d.%d.%d", "%d.%02d.%02d",
		"%d/%d/%d", "%d/%02d/%02d", "%d-%d-%d", "%d%02d%02d"} {
		out = append(out, fmt.Sprintf(f, y, m, day))
	}
	return out
}
