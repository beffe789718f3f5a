package xiaoqi

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Experience is a range of years of work experience, both ends included: what a job need asks
// for (3-5年 is 3 to 5; 3年以上 is 3 and more; 应届生 is none) or what a searcher has.
type Experience struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"` // ExperienceOpen: no upper end
}

// ExperienceOpen is the Max of a range without an upper end (3年以上, 不限).
const ExperienceOpen = 99

// String writes e as job postings write it: 3-5年, 3年以上, 应届生, 不限.
func (e Experience) String() string {
	n := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	switch {
	case e.Min == 0 && e.Max >= ExperienceOpen:
		return "不限"
	case e.Max == 0:
		return "应届生"
	case e.Max >= ExperienceOpen:
		return n(e.Min) + "年以上"
	case e.Min == e.Max:
		return n(e.Min) + "年"
	case e.Min == 0:
		return n(e.Max) + "年以下"
	}
	return n(e.Min) + "-" + n(e.Max) + "年"
}

// Overlaps reports whether a person with experience o could be what e asks for: the ranges
// share a year.
func (e Experience) Overlaps(o Experience) bool { return e.Min <= o.Max && o.Min <= e.Max }

var (
	// A number of years: 3, 1.5, 三, 两, 十.
	expNumber  = `(\d{1,2}(?:\.\d)?|[一二两三四五六七八九十]{1,2})`
	expRange   = regexp.MustCompile(`^` + expNumber + `年?[-~]` + expNumber + `年?$`)
	expAtLeast = regexp.MustCompile(`^` + expNumber + `年?(?:以上|及以上|\+)$`)
	expAtMost  = regexp.MustCompile(`^` + expNumber + `年(?:以下|以内|内)$`)
	expYears   = regexp.MustCompile(`^` + expNumber + `年$`)
	// 应届生 and 在校生 postings are for people without experience; 无经验 and 经验不限
	// ones take anyone.
	expNone = []string{"应届", "在校", "毕业生", "实习"}
	// freshWords name this year's graduates in a query (FreshInText), longest first.
	freshWords = []string{"应届毕业生", "应届生", "应届"}
	expAny     = []string{"不限", "无要求", "无需", "无经验", "零经验", "无限制", "均可"}
)

// chineseYears reads 三, 两, 十, 十二 (a number of years as postings write it).
func chineseYears(s string) (float64, bool) {
	digits := map[rune]int{'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10, true
	case len(r) == 1:
		d, ok := digits[r[0]]
		return float64(d), ok
	case len(r) == 2 && r[0] == '十':
		d, ok := digits[r[1]]
		return float64(10 + d), ok
	}
	return 0, false
}

func expYearsOf(s string) (float64, bool) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, f <= 50
	}
	return chineseYears(s)
}

// foldDigits writes full-width digits and signs half-width, and dashes as "-".
func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '－' || r == '—' || r == '–':
			return '-'
		case r == '～':
			return '~'
		case r == '＋':
			return '+'
		}
		return r
	}, s)
}

var (
	expNum  = `(?:\d{1,2}(?:\.\d)?|[一二两三四五六七八九十]{1,2})`
	expSpan = expNum + `(?:年?[-~至到]` + expNum + `)?年(?:以上|及以上)?`
	// 3年经验, 3-5年工作经验, 经验3年, 工作经验：3年以上 anywhere in a query; 3年, 3-5年,
	// 3年以上 as a word of their own.
	expInText = regexp.MustCompile(`(?:工作)?经验[:：]?\s*` + expSpan + `|` + expSpan + `(?:的)?(?:工作)?经验`)
	expWord   = regexp.MustCompile(`^` + expSpan + `$`)
	// The years of what, before 经验: 3年Java经验, 5年以上项目管理经验, 3年Java开发经验 (what
	// stays a word of the query).
	expOf = regexp.MustCompile(`(` + expSpan + `)(?:的)?\s*([A-Za-z][A-Za-z0-9+#.]{0,15}(?:\p{Han}{1,4}?)??|\p{Han}{2,6}?)\s*(?:工作)?经验`)
	// In English, as the English UI's users write it: 3 years experience, 3+ years of
	// experience, 3-5 years' experience, at least 2 years experience.
	expEnglish = regexp.MustCompile(`(?i)\b(at least\s+)?(\d{1,2})(?:\s*(?:-|~|to)\s*(\d{1,2}))?\s*(\+)?\s*(?:years?|yrs?)'?\s*(\+)?\s*(?:of\s+)?(?:work(?:ing)?\s+)?experience\b`)
)

// ExperienceInText finds the experience a search query states (Java 3年经验 西安, 经验3-5年,
// Java 3年, 3年Java经验, Java 3+ years of experience): it returns the query without it, and the
// experience as ParseExperienceAsked reads it. ok is false when the query states none; a year
// (2024年) is none.
func ExperienceInText(q string) (rest string, e Experience, ok bool) {
	f := foldDigits(q)
	for _, loc := range expInText.FindAllStringIndex(f, -1) {
		if loc[0] > 0 && (f[loc[0]-1] >= '0' && f[loc[0]-1] <= '9' || f[loc[0]-1] == '.') {
			continue // 2024年经验 is no number of years
		}
		if e, err := ParseExperienceAsked(f[loc[0]:loc[1]]); err == nil {
			return strings.TrimSpace(f[:loc[0]] + " " + f[loc[1]:]), e, true
		}
	}
	for _, m := range expOf.FindAllStringSubmatchIndex(f, -1) {
		if m[0] > 0 && (f[m[0]-1] >= '0' && f[m[0]-1] <= '9' || f[m[0]-1] == '.') {
			continue
		}
		if e, err := ParseExperienceAsked(f[m[2]:m[3]]); err == nil {
			return strings.TrimSpace(f[:m[0]] + " " + f[m[4]:m[5]] + " " + f[m[1]:]), e, true
		}
	}
	if m := expEnglish.FindStringSubmatchIndex(f); m != nil {
		// Written the Chinese way for ParseExperienceAsked: 3年, 3-5年, 3年以上.
		y := f[m[4]:m[5]] + "年"
		if m[6] >= 0 {
			y = f[m[4]:m[5]] + "-" + f[m[6]:m[7]] + "年"
		} else if m[2] >= 0 || m[8] >= 0 || m[10] >= 0 {
			y += "以上"
		}
		if e, err := ParseExperienceAsked(y); err == nil {
			return strings.TrimSpace(f[:m[0]] + " " + f[m[1]:]), e, true
		}
	}
	words := strings.Fields(f)
	for i, w := range words {
		if !expWord.MatchString(w) || !strings.ContainsAny(w, "0123456789") {
			continue // 三年 alone is as likely a plan (三年行动计划) as experience
		}
		if e, err := ParseExperienceAsked(w); err == nil {
			return strings.Join(append(words[:i:i], words[i+1:]...), " "), e, true
		}
	}
	return q, Experience{}, false
}

// FreshInText finds this year's graduates in a search query: 应届生, 应届毕业生 or 应届 as a
// word of its own, or at the end of one (会Python的应届生); it returns the query without them.
// They are people (the candidates who graduate this year or later) and what such people may
// apply for (the job needs that ask no experience): Experience{0, 0} either way.
func FreshInText(q string) (rest string, ok bool) {
	words := strings.Fields(q)
	for i, w := range words {
		for _, f := range freshWords {
			if before, found := strings.CutSuffix(w, f); found && (before == "" || !strings.HasSuffix(before, "非")) {
				words[i] = strings.TrimSuffix(before, "的")
				return strings.Join(strings.Fields(strings.Join(words, " ")), " "), true
			}
		}
	}
	return q, false
}

// experienceText folds s to what the patterns read: half-width digits, no spaces, no 经验,
// 工作 or 要求 around the years.
func experienceText(s string) string {
	s = strings.NewReplacer("至", "-", "到", "-").Replace(foldDigits(strings.TrimSpace(s)))
	for _, w := range []string{" ", "工作经验", "工作年限", "经验要求", "经验", "工作", "年限", "要求", "：", ":", "及以上学历"} {
		s = strings.ReplaceAll(s, w, "")
	}
	return s
}

// ParseExperience reads the experience a job need asks for, as postings write it: 3-5年,
// 3年以上, 3年 (three years or more), 1年以下, 应届生, 在校生/应届生, 经验不限, 无需经验,
// 三年以上工作经验. ok is false for text it cannot read, which is kept as written and found by
// its words only.
func ParseExperience(s string) (e Experience, ok bool) {
	return parseExperience(s, false)
}

// ParseExperienceAsked reads the experience a searcher has or asks about: as ParseExperience,
// except that a number of years alone (3, 3年, 3年经验) is that many years, not at least that
// many.
func ParseExperienceAsked(s string) (Experience, error) {
	e, ok := parseExperience(s, true)
	if !ok {
		return e, fmt.Errorf("工作经验 %q 无法识别，可写 3、3-5、3年以上、应届生或不限 / cannot read experience %q: write 3, 3-5, 3+ years (3年以上), new graduate (应届生) or any (不限)", s, s)
	}
	return e, nil
}

func parseExperience(s string, asked bool) (Experience, bool) {
	s = experienceFromEnglish(s)
	t := experienceText(s)
	if asked {
		if y, ok := expYearsOf(t); ok {
			return Experience{y, y}, true
		}
	}
	if m := expRange.FindStringSubmatch(t); m != nil {
		lo, ok1 := expYearsOf(m[1])
		hi, ok2 := expYearsOf(m[2])
		if ok1 && ok2 && lo <= hi {
			return Experience{lo, hi}, true
		}
		return Experience{}, false
	}
	if m := expAtLeast.FindStringSubmatch(t); m != nil {
		y, ok := expYearsOf(m[1])
		return Experience{y, ExperienceOpen}, ok
	}
	if m := expAtMost.FindStringSubmatch(t); m != nil {
		y, ok := expYearsOf(m[1])
		return Experience{0, y}, ok
	}
	if m := expYears.FindStringSubmatch(t); m != nil {
		y, ok := expYearsOf(m[1])
		if asked {
			return Experience{y, y}, ok
		}
		return Experience{y, ExperienceOpen}, ok
	}
	for _, w := range expAny {
		if strings.Contains(s, w) {
			return Experience{0, ExperienceOpen}, true
		}
	}
	for _, w := range expNone {
		if strings.Contains(s, w) {
			return Experience{0, 0}, true
		}
	}
	return Experience{}, false
}

var (
	expENNumber  = `(\d{1,2}(?:\.\d)?)`
	expENYears   = `\s*(?:years?|yrs?)?`
	expENRange   = regexp.MustCompile(`^` + expENNumber + `\s*(?:-|~|to)\s*` + expENNumber + expENYears + `$`)
	expENAtLeast = regexp.MustCompile(`^(?:at least|more than|over)\s+` + expENNumber + expENYears + `$|^` + expENNumber +
		`\s*\+` + expENYears + `$|^` + expENNumber + expENYears + `\s*(?:\+|or more|and more|or above|and above|or longer)$`)
	expENAtMost  = regexp.MustCompile(`^(?:less than|under|up to|at most|within)\s+` + expENNumber + expENYears + `$`)
	expENExactly = regexp.MustCompile(`^` + expENNumber + expENYears + `$`)
	// What the English UI calls 应届生 and 不限, and what people write for them.
	expENFresh = []string{"new graduate", "new graduates", "fresh graduate", "fresh graduates", "recent graduate", "recent graduates",
		"graduate", "graduates", "entry level", "entry-level"}
	// No experience (无经验, "experience" trimmed) asks for none, as 经验不限 does.
	expENAny = []string{"any", "no", "none", "not required", "no requirement", "none required", "no experience required", "unlimited"}
)

// experienceFromEnglish writes an experience given in English the Chinese way the patterns
// read: the English UI's labels (New graduate, 1–3 years, 10 years or more) and what people
// write (3+ years, at least 2 years, any) become 应届生, 1-3年, 10年以上, 3年以上, 2年以上, 不限.
// Text without a Latin letter, or that it cannot read, is returned as it is.
func experienceFromEnglish(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 128 && unicode.IsLetter(r) }) {
		return s
	}
	t := strings.ToLower(strings.Join(strings.Fields(foldDigits(s)), " "))
	for _, suf := range []string{" of work experience", " of experience", " work experience", " experience", "'"} {
		t = strings.TrimSpace(strings.TrimSuffix(t, suf))
	}
	switch {
	case slices.Contains(expENFresh, t):
		return "应届生"
	case slices.Contains(expENAny, t):
		return "不限"
	}
	if m := expENRange.FindStringSubmatch(t); m != nil {
		return m[1] + "-" + m[2] + "年"
	}
	if m := expENAtLeast.FindStringSubmatch(t); m != nil {
		return m[1] + m[2] + m[3] + "年以上"
	}
	if m := expENAtMost.FindStringSubmatch(t); m != nil {
		return m[1] + "年以下"
	}
	if m := expENExactly.FindStringSubmatch(t); m != nil {
		return m[1] + "年"
	}
	return s
}
