package search

import (
	"regexp"
	"strings"
)

// What a recruiter may type about who a person is, as job boards let her filter by it: an age
// (35岁以下, 25岁, 18-35周岁, 年龄不限), a gender (女, 男性优先), a marital status (已婚) or an
// ethnicity (汉族). xiaoqi holds none of these and selects no one by them (《就业促进法》 art. 3
// forbids it for ethnicity and gender; a profile says no age either, only the birth year an
// HR officer has no need to filter by): withoutPersonal takes them out of the words, and the
// answer names them ignored.
// Searched, they did harm: 以下 of 35岁以下 was a required word that the programs'
// 公务员(区县级及以下机关) hold, and they came before every Java posting; 25 of 25岁 found
// the class of 2025 (25届) and left out every other candidate.
var (
	// ageNumber is an age in digits, full width too, or in Chinese numerals (三十五).
	ageNumber = `(?:[0-9０-９]{2}|[二三四五六]十[一二三四五六七八九]?|十[一二三四五六七八九])`
	ageSpan   = ageNumber + `(?:\s*[-~～—－至到]\s*` + ageNumber + `)?`
	ageBound  = `(?:及以下|及以上|或以下|或以上|以下|以上|以内|之间|左右|上下)?`
	// ageText is an age with its 岁 (35岁以下, 18-35周岁), after 年龄 (年龄25以下, 年龄：18-35),
	// 年龄 with 不限, or 年龄 alone; in English, with years old (under 35 years old), or after
	// aged (aged 25-35). Not 25届 (a class) nor 3年 (experience).
	ageText = regexp.MustCompile(`(?:年龄(?:要求|限制)?[:：]?\s*)?` + ageSpan + `\s*周?岁` + ageBound +
		`|年龄(?:要求|限制)?[:：]?\s*` + ageSpan + ageBound +
		`|年龄不限|不限年龄|年龄` +
		`|(?i:\b(?:(?:under|below|over|above)\s+)?` + `\d{2}(?:\s*(?:-|–|to)\s*\d{2})?\s*(?:years?|yrs?)\s*old\b` +
		`|\baged?\s+(?:(?:under|below|over|above)\s+)?\d{2}(?:\s*(?:-|–|to)\s*\d{2})?\b)`)
)

// personalWords are the gender, marital status and ethnicity words that are a part of a query
// of their own (外包 测试 女), not inside another word (女装设计 is a trade).
var personalWords = map[string]bool{
	"男": true, "女": true, "男性": true, "女性": true, "男生": true, "女生": true, "男士": true, "女士": true,
	"限男": true, "限女": true, "限男性": true, "限女性": true, "男性优先": true, "女性优先": true, "男生优先": true, "女生优先": true,
	"性别不限": true, "男女不限": true, "男女均可": true, "性别": true,
	"已婚": true, "未婚": true, "已育": true, "未育": true, "已婚已育": true, "已婚未育": true, "未婚未育": true, "汉族": true,
	"male": true, "female": true, "males": true, "females": true,
}

// withoutPersonal returns q without its words about who a person is (ageText, personalWords),
// and those words as typed; q unchanged and nil when it holds none.
func withoutPersonal(q string) (string, []string) {
	var ignored []string
	rest := ageText.ReplaceAllStringFunc(q, func(m string) string {
		ignored = append(ignored, strings.TrimSpace(m))
		return " "
	})
	var kept []string
	for _, f := range strings.Fields(rest) {
		if personalWords[strings.ToLower(strings.TrimSuffix(f, "的"))] {
			ignored = append(ignored, f)
			continue
		}
		kept = append(kept, f)
	}
	if ignored == nil {
		return q, nil
	}
	return strings.Join(kept, " "), ignored
}
