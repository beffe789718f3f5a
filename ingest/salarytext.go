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
	salaryCue    = regexp.MustCompile(`(?:月薪|年薪|薪资|工资|薪水|薪酬|待遇)\s*[:：]?\s*` + salaryAmount)
	salaryUnit   = regexp.MustCompile(
		salaryNum + `k(?:` + salaryRange + salaryNum + `k?)?` + salaryPer + salaryOpen + // 15k, 15-20k
			`|` + salaryNum + `(?:k|千|万)?` + salaryRange + salaryNum + `(?:k|千|万)` + salaryPer + salaryOpen + // 10-15k, 8千-1.2万
			`|` + salaryNum + `(?:千|万)` + salaryPer + `\s*(?:及以上|以上|起|\+)` + // 1万以上
			`|\d{3,6}\s*元` + salaryPer + salaryOpen) // 8000元以上
)

// SalaryInText finds the salary a search query states (Java 月薪1万以上 西安, 15k 测试, 数据分析
// 8千-1.2万): it returns the query without it, and the salary as ParseSalary reads it (a month's
// pay in yuan; Max 0 when open-ended). ok is false when the query states none.
func SalaryInText(q string) (rest string, s Salary, ok bool) {
	f := strings.ToLower(narrow(q))
	if len(f) != len(q) {
		// Folding changed the length (full-width digits): the rest is cut from the folded
		// text, whose positions the matches are.
		q = f
	}
	for _, re := range []*regexp.Regexp{salaryCue, salaryUnit} {
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
			text := f[loc[0]:loc[1]]
			for _, w := range []string{"薪资", "工资", "薪水", "薪酬", "待遇"} {
				text = strings.TrimPrefix(text, w) // 年薪 and 月薪 say the period: ParseSalary reads them
			}
			text = strings.TrimLeft(strings.TrimSpace(text), ":：")
			sal, err := ParseSalary(text)
			if err != nil || sal.Negotiable || sal.Min == 0 && sal.Max == 0 {
				continue
			}
			return strings.TrimSpace(q[:loc[0]] + " " + q[loc[1]:]), sal, true
		}
	}
	return q, Salary{}, false
}
