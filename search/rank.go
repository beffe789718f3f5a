package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Boosts of the ranking signals that only reorder what the text query found (rankQuery).
const (
	// nameBoost rewards a document whose name is the whole query (or the full name an
	// abbreviation of the whole query stands for): 西安交大 puts 西安交通大学 itself before
	// its hundred programs, Java开发工程师 the jobs of exactly that title.
	nameBoost = 6
	// policyBoost rewards policy items for a query that asks about policy (policyCues).
	policyBoost = 3
)

// rankQuery returns optional clauses that add to the score of documents the text query found,
// never finding documents by themselves; nil when none applies to q.
func (x *Index) rankQuery(q string) query.Query {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil
	}
	var qs []query.Query
	names := []string{x.seg.fold(q)}
	if alias, rest := x.splitAlias(q); alias != "" && rest == "" {
		for _, n := range x.aliases[alias] {
			names = append(names, x.seg.fold(n))
		}
	}
	for _, n := range names {
		if n == "" {
			continue
		}
		// The suggest field holds each name as "folded\x1foriginal": a prefix up to the
		// separator is an exact match of the folded name.
		pq := bleve.NewPrefixQuery(n + suggestSep)
		pq.SetField(fieldSuggest)
		pq.SetBoost(nameBoost)
		qs = append(qs, pq)
	}
	if asksPolicy(q) {
		tq := bleve.NewTermQuery(string(xiaoqi.KindPolicy))
		tq.SetField(fieldType)
		tq.SetBoost(policyBoost)
		qs = append(qs, tq)
	}
	if len(qs) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// policyCues are words of a query that asks what the policy says rather than for a job,
// a program or a school.
func policyCues() []string {
	return []string{"政策", "扶持", "补贴", "补助", "优惠", "鼓励", "支持", "措施", "奖励", "资金", "减免", "税收", "规定", "办法"}
}

// asksPolicy reports whether q holds a policy cue.
func asksPolicy(q string) bool {
	for _, c := range policyCues() {
		if strings.Contains(q, c) {
			return true
		}
	}
	return false
}

// wordSynonyms are the other words of a policy word, as the policy text writes them: users
// ask about 创业, the text says 创办企业. Searched with the word, at synonymBoost.
func wordSynonyms(w string) []string {
	switch w {
	case "创业":
		return []string{"创办"}
	case "创办":
		return []string{"创业"}
	case "补贴":
		return []string{"补助", "资助", "资金支持"}
	case "补助":
		return []string{"补贴"}
	case "留学生":
		return []string{"留学人员"}
	case "留学人员":
		return []string{"留学生"}
	case "海归", "留学回国", "留学归国":
		// What returnees call themselves; the policy says 海外留学生 and 留学人员.
		return []string{"留学生", "留学人员"}
	case "减税", "免税":
		return []string{"税收优惠"}
	}
	return nil
}

// synonymBoost weighs a word's synonym against the word as written.
const synonymBoost = 0.8

// askWords are the words of a question that say what is asked, not what about: "留学生创业
// 有什么政策" is about 留学生 and 创业. 政策 itself asks for policy items (policyCues), which
// rankQuery favours; as a required word it would exclude the items that do not say 政策.
func askWords() []string {
	return []string{"有什么", "有哪些", "是什么", "什么", "哪些", "怎么", "如何", "怎样", "政策", "吗", "呢", "？", "?"}
}

// withoutAskWords returns q without askWords, or q when nothing else is left.
func withoutAskWords(q string) string {
	out := q
	for _, w := range askWords() {
		out = strings.ReplaceAll(out, w, " ")
	}
	if strings.TrimSpace(out) == "" {
		return q
	}
	return out
}
