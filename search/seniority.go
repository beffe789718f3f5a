package search

import (
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"
)

// levelBoost rewards a document whose title says the level of seniority the query names
// (levelQuery): as much as a title holding the query's one word (titleWordBoost).
const levelBoost = 8

// levels are the levels of seniority a query names, each by the words typed for it, Chinese
// as titles write them and English as the English UI's users type them, and the words a title
// says it with. Senior and junior go with the skill beside them, as title words do (高级Java
// is Java: decorations), so Senior Java Developer and 资深Java found the Java jobs in the order
// of Java alone, 高级Java开发 among the others: the level is a preference, not a filter.
var levels = []struct{ typed, titled []string }{
	{[]string{"高级", "资深", "senior", "sr"}, []string{"高级", "资深"}},
	{[]string{"中级", "intermediate"}, []string{"中级"}},
	{[]string{"初级", "junior", "jr", "entry-level"}, []string{"初级"}},
	{[]string{"实习", "实习生", "intern", "interns", "internship", "internships"}, []string{"实习"}},
	{[]string{"组长", "主管", "lead", "leader", "leads"}, []string{"组长", "主管", "负责人"}},
}

// levelClauses returns clauses of rankQuery that favour the documents titled with a level of
// seniority the words of q name (levels), none when they name none. Chinese level words count
// inside a word (高级Java), English ones as words of their own (senior, not seniority).
func (x *Index) levelClauses(q string) []query.Query {
	folded := x.seg.fold(q)
	english := strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' || unicode.Is(unicode.Han, r) })
	var qs []query.Query
	for _, l := range levels {
		if slices.ContainsFunc(l.typed, func(w string) bool {
			if isHan(w) {
				return strings.Contains(folded, w)
			}
			return slices.Contains(english, w)
		}) {
			for _, t := range l.titled {
				qs = append(qs, termQuery(fieldTitle, t, levelBoost))
			}
		}
	}
	return qs
}
