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
	// enterpriseBoost rewards enterprises for a query that asks for firms
	// (withoutEnterpriseCue). Enterprises are many, so their type term weighs little: at 3 or
	// 10 the job needs and programs that say 软件 in their titles still came first for 西安
	// 软件公司 and 动漫公司 (relevance queries, nDCG@10 0.143 and 0.522 at 10; 1.000 at 30).
	enterpriseBoost = 30
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
	if _, ok := withoutEnterpriseCue(q); ok {
		tq := bleve.NewTermQuery(string(xiaoqi.KindEnterprise))
		tq.SetField(fieldType)
		tq.SetBoost(enterpriseBoost)
		qs = append(qs, tq)
	}
	if len(qs) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// withoutEnterpriseCue returns q without the 公司 that asks for firms (软件公司 宝鸡, 汉中
// 公司, 动漫公司) rather than for their job needs, and whether q held one. rankQuery
// favours enterprises for it; as a required word it would favour the job needs whose text
// says 公司 over the firms whose names say 有限公司. The 公司 of a firm's name (…有限公司,
// …分公司) stays: it is part of what the name says.
func withoutEnterpriseCue(q string) (string, bool) {
	const cue = "公司"
	var b strings.Builder
	found := false
	for rest := q; ; {
		i := strings.Index(rest, cue)
		if i < 0 {
			b.WriteString(rest)
			break
		}
		before := rest[:i]
		name := false
		for _, p := range []string{"有限", "股份", "分", "总", "子", "母", "控股"} {
			name = name || strings.HasSuffix(before, p)
		}
		b.WriteString(before)
		if name {
			b.WriteString(cue)
		} else {
			b.WriteString(" ")
			found = true
		}
		rest = rest[i+len(cue):]
	}
	if !found || strings.TrimSpace(b.String()) == "" {
		return q, found
	}
	return b.String(), true
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

// withoutAskWords returns q without askWords and an enterprise cue, or q when nothing else
// is left.
func withoutAskWords(q string) string {
	out, _ := withoutEnterpriseCue(q)
	for _, w := range askWords() {
		out = strings.ReplaceAll(out, w, " ")
	}
	if strings.TrimSpace(out) == "" {
		return q
	}
	return out
}
