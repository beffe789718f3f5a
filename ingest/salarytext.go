package ingest

import (
	"regexp"
	"strings"
)

// A salary written in a search query: after a word that says so (月薪1万以上, 薪资8千-1.2万,
// 年薪20万, 工资8000元), or alone where its form says it is one: in k (15k, 10-15K), a range
// of 千 or 万 (8千-1.2万), 千 or 万 and more (1万以上, 8千起), or yuan (8000元以上). A number
// without such a form (Java 8, 2024, 10万级并发) is no salary.
var (
	salaryNum    = `\d+(?:\.\d+)?\s*`
	salaryRange  = `\s*[-~～至到]\s*`
	salaryPer    = `(?:\s*(?:/|每)\s*(?:月|年))?`
	salaryOpen   = `(?:\s*(?:及以上|以上|起|\+))?`
	salaryAmount = salaryNum + `(?:k|w|千|万|元)?(?:` + salaryRange + salaryNum + `(?:k|w|千|万|元)?)?` + salaryPer + salaryOpen
	salaryCue    = regexp.MustCompile(`(?:月薪|年薪|薪资|工资|薪水|薪酬|待遇)\s*[:：]?\s*(?:不低于|不少于|至少|最低|高于|超过|大于|不超过|不高于|最高|低于|少于)?\s*` + salaryAmount)
	salaryUnit   = regexp.MustCompile(
		salaryNum + `k(?:` + salaryRange + salaryNum + `k?)?` + salaryPer + salaryOpen + // 15k, 15-20k
			`|` + salaryNum + `(?:k|千|万)?` + salaryRange + salaryNum + `(?:k|千|万)` + salaryPer + salaryOpen + // 10-15k, 8千-1.2万
			`|` + salaryNum + `(?:千|万)` + salaryPer + `\s*(?:及以上|以上|起|\+)` + // 1万以上
			`|\d{3,6}\s*元` + salaryPer + salaryOpen) // 8000元以上
	// 至少1万, 不超过8千: a bare amount of 千 or 万 that a floor or a ceiling in words makes one.
	salaryBounded = regexp.MustCompile(`(?:不低于|不少于|至少|最低|高于|超过|大于|不超过|不高于|最高|低于|少于)\s*` + salaryNum + `(?:千|万|元)` + salaryPer)
)

// salaryBounds are the words before a salary that make it a floor (至少1万, over 10k) or a
// ceiling (不超过8千, under 8k).
type salaryBound struct {
	word    string
	atLeast bool
}

var salaryBounds = []salaryBound{
	{"不低于", true}, {"不少于", true}, {"至少", true}, {"最低", true}, {"高于", true}, {"超过", true}, {"大于", true},
	{"at least", true}, {"more than", true}, {"over", true}, {"above", true}, {"from", true}, {"min", true},
	{"不超过", false}, {"不高于", false}, {"最高", false}, {"低于", false}, {"少于", false},
	{"at most", false}, {"up to", false}, {"under", false}, {"below", false}, {"less than", false}, {"max", false},
}

// SalaryInText finds the salary a search query states (Java 月薪1万以上 西安, 15k 测试, 数据分析
// 8千-1.2万): it returns the query without it, and the salary as ParseSalary reads it (a month's
// pay in yuan; Max 0 when open-ended). ok is false when the query states none.
func SalaryInText(q string) (rest string, s Salary, ok bool) {
	f := strings.ToLower(narrow(q))
	src := q
	if len(f) != len(q) {
		// Folding changed the length (full-width digits): the rest is cut from the folded
		// text, whose positions the matches are.
		src = f
	}
	for _, re := range []*regexp.Regexp{salaryCue, salaryUnit, salaryBounded} {
		for _, loc := range re.FindAllStringIndex(f, -1) {
			if loc[0] > 0 {
				if c := f[loc[0]-1]; c >= '0' && c <= '9' || c == '.' || c >= 'a' && c <= 'z' {
					continue // v8k, 3.5k of a version: no salary
				}
			}
			if loc[1] < len(f) {
				if c := f[loc[1]]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
					continue // 8kg, 3k8: no salary
				}
			}
			text, period := f[loc[0]:loc[1]], ""
			for _, w := range []string{"薪资", "工资", "薪水", "薪酬", "待遇", "月薪", "年薪"} {
				if rest, ok := strings.CutPrefix(text, w); ok {
					text = rest
					if w == "月薪" || w == "年薪" {
						period = w // ParseSalary reads the period they say
					}
					break
				}
			}
			text = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(text), ":："))
			var bound *salaryBound
			for i, b := range salaryBounds {
				if rest, ok := strings.CutPrefix(text, b.word); ok {
					text, bound = strings.TrimSpace(rest), &salaryBounds[i] // 月薪不低于8千
					break
				}
			}
			sal, err := ParseSalary(period + text)
			if err != nil || sal.Negotiable || sal.Min == 0 && sal.Max == 0 {
				continue
			}
			// The words before it that say "at least" or "at most" (至少1万, over 10k).
			start := loc[0]
			if bound == nil {
				before := strings.TrimRight(f[:start], " ")
				for i, b := range salaryBounds {
					if strings.HasSuffix(before, b.word) {
						bound, start = &salaryBounds[i], len(before)-len(b.word)
						break
					}
				}
			}
			if bound != nil && sal.Min > 0 && (sal.Min == sal.Max || bound.atLeast && sal.Max == 0) {
				if bound.atLeast {
					sal.Max = 0
				} else {
					sal.Min = 0
				}
			} else if bound != nil && start != loc[0] {
				start = loc[0] // a range after it: the word is no bound of it, and stays
			}
			return strings.TrimSpace(src[:start] + " " + src[loc[1]:]), sal, true
		}
	}
	return q, Salary{}, false
}
