package search

import (
	"regexp"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// englishTerms are the English words a user of the English UI types for the places and the
// policy's words, which the documents write in Chinese only: Xi'an found only the "an" of
// English sentences, Shaanxi, policy, tax and subsidy nothing. Skills need none of this: the
// taxonomy names them in English. Longest first among those that share a start.
var englishTerms = [][2]string{
	{"service outsourcing", "服务外包"}, {"outsourcing", "外包"}, {"offshore", "离岸"},
	{"policy", "政策"}, {"policies", "政策"}, {"tax", "税收"}, {"taxes", "税收"}, {"subsidy", "补贴"}, {"subsidies", "补贴"},
	{"start-up", "创业"}, {"startup", "创业"}, {"startups", "创业"}, {"entrepreneurship", "创业"},
	{"returnee", "海归"}, {"returnees", "海归"}, {"overseas students", "留学生"},
	{"talent", "人才"}, {"cooperation", "合作"},
	{"jobs", "岗位"}, {"job", "岗位"}, {"positions", "岗位"}, {"vacancies", "岗位"},
	{"software companies", "软件公司"}, {"software company", "软件公司"}, {"software firms", "软件公司"},
	{"companies", "公司"}, {"company", "公司"}, {"firms", "公司"}, {"enterprises", "企业"},
	{"universities", "大学"}, {"university", "大学"}, {"colleges", "高校"}, {"schools", "学校"},
	{"majors", "专业"}, {"training", "培训"},
	{"shaanxi", "陕西"}, {"guanzhong", "关中"}, {"shaanbei", "陕北"}, {"shaannan", "陕南"},
}

// englishStop are the small words of an English query that no document needs to hold: every
// word of a query must be found, and "Java jobs in Xi'an" was relaxed for its "in". They go
// only from a query with other words.
var englishStop = map[string]bool{"in": true, "for": true, "of": true, "the": true, "at": true, "near": true,
	"with": true, "to": true, "on": true, "from": true, "around": true, "about": true, "by": true, "offering": true, "that": true, "which": true}

// englishWord matches a run of Latin letters with the apostrophes and hyphens inside names.
var englishWord = regexp.MustCompile(`[A-Za-z][A-Za-z'’\-]*`)

// fromEnglish writes the English place names and policy words of q in Chinese, leaving every
// other word as typed.
func fromEnglish(q string) string {
	if !strings.ContainsFunc(q, func(r rune) bool { return r < 0x80 && (r|0x20) >= 'a' && (r|0x20) <= 'z' }) {
		return q
	}
	// Lower case and apostrophes as spaces (Xi'an = xi an), byte for byte, so that the
	// words' offsets hold in q too.
	lower := strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		if r == '\'' {
			return ' '
		}
		return r
	}, strings.ReplaceAll(q, "’", "'"))
	q = strings.ReplaceAll(q, "’", "'")
	words := englishWord.FindAllStringIndex(lower, -1)
	if len(words) == 0 {
		return q
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(words); i++ {
		start := words[i][0]
		zh, n := lookupEnglish(lower, words[i:])
		if zh == "" && englishStop[lower[start:words[i][1]]] && len(words) > 1 {
			b.WriteString(q[last:start])
			last = words[i][1]
			continue
		}
		if zh == "" {
			continue
		}
		end := words[i+n-1][1]
		b.WriteString(q[last:start])
		b.WriteString(" " + zh + " ")
		last, i = end, i+n-1
	}
	if last == 0 {
		return q
	}
	b.WriteString(q[last:])
	return strings.Join(strings.Fields(b.String()), " ")
}

// lookupEnglish returns the Chinese of the longest run of words (up to three) starting the
// spans, and how many words it took; "" when none.
func lookupEnglish(s string, spans [][]int) (string, int) {
	for n := min(3, len(spans)); n > 0; n-- {
		words := make([]string, n)
		for i := range n {
			words[i] = s[spans[i][0]:spans[i][1]]
		}
		if zh := englishTerm(strings.Join(words, " ")); zh != "" {
			return zh, n
		}
	}
	return "", 0
}

// englishTerm returns the Chinese of the English term w (lower case, words separated by a
// space): a word of englishTerms or a city's English name.
func englishTerm(w string) string {
	for _, t := range englishTerms {
		if t[0] == w {
			return t[1]
		}
	}
	if city, ok := xiaoqi.CityFromEnglish(w); ok {
		return strings.TrimSuffix(city, "市")
	}
	return ""
}
