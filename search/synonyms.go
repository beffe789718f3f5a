package search

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// Synonym expansion limits.
const (
	// maxAliases caps the alternatives one skill adds to a query, names first, then the plain
	// (unambiguous) aliases in the taxonomy's order. Ambiguous aliases ("测试", "Go") are left
	// out: they would match far more than the skill.
	maxAliases = 12
	// relatedWeight is the least relation weight for a related skill of the same category
	// to join the expansion by its canonical name (QA → 软件测试), at relatedBoost.
	relatedWeight = 0.8
	relatedBoost  = 0.3
	// asWrittenBoost weighs the words of a query as the user wrote them against the other
	// words of the skill they name.
	asWrittenBoost = 3
)

// synonyms are the skill words of a taxonomy, prepared once when the index opens.
type synonyms struct {
	tax   *skill.Taxonomy
	terms map[string][]string // skill id → names and plain aliases, at most maxAliases
}

func newSynonyms(t *skill.Taxonomy) *synonyms {
	if t == nil {
		return nil
	}
	s := &synonyms{tax: t, terms: map[string][]string{}}
	for _, set := range t.Synonyms() {
		var names []string
		if sk, ok := t.Skill(set.ID); ok {
			names = []string{sk.NameZH, sk.NameEN}
		}
		var ts []string
		for _, w := range set.Terms {
			if containsName(t, w, names) && !isName(t, w, names) {
				continue // "JAVA开发" finds nothing that "Java" does not
			}
			if ts = append(ts, w); len(ts) == maxAliases {
				break
			}
		}
		s.terms[set.ID] = ts
	}
	return s
}

// containsName reports whether the alias w contains one of names, folded.
func containsName(t *skill.Taxonomy, w string, names []string) bool {
	fw := t.Fold(w)
	for _, n := range names {
		if fn := t.Fold(n); fn != "" && strings.Contains(fw, fn) {
			return true
		}
	}
	return false
}

// isName reports whether w is one of names, folded.
func isName(t *skill.Taxonomy, w string, names []string) bool {
	for _, n := range names {
		if t.Fold(n) == t.Fold(w) {
			return true
		}
	}
	return false
}

// resolve returns the skill that part names as a whole: a name or alias, or one of them
// wrapped in job-title words ("Java工程师", "高级JAVA开发"). A longer phrase that merely
// contains a skill ("西安Java工程师") names none, so that its other words keep counting.
func (s *synonyms) resolve(part string) (*skill.Skill, bool) {
	sk, ok := s.tax.Resolve(part)
	if !ok {
		return nil, false
	}
	f := s.tax.Fold(part)
	for _, t := range s.terms[sk.ID] {
		if s.tax.Fold(t) == f {
			return sk, true
		}
	}
	// What the skill's words do not cover must be job-title decoration.
	rest := part
	for _, m := range s.tax.Extract(part) {
		if m.SkillID == sk.ID {
			rest = strings.Replace(rest, m.Text, " ", 1)
		}
	}
	if rest == part {
		return nil, false
	}
	rest = s.tax.Fold(rest)
	for _, w := range decorations() {
		rest = strings.ReplaceAll(rest, w, " ")
	}
	return sk, strings.TrimSpace(rest) == ""
}

// decorations are the job-title words around a skill name that do not change the skill.
func decorations() []string {
	return []string{"熟练掌握", "熟练使用", "熟练", "熟悉", "精通", "掌握", "了解", "高级", "资深", "中级", "初级",
		"开发工程师", "工程师", "开发", "技术", "经验", "能力", "证书", "认证", "专家", "架构师", "程序员", "专员", "顾问", "相关",
		"senior", "junior", "engineer", "developer"}
}

// skillQuery finds part as the user wrote it or any word of sk.
func (x *Index) skillQuery(part string, sk *skill.Skill) query.Query {
	// The words as written: as usual when they are a word of the skill ("软件测试" finds
	// 软件开发与测试), all of them when decorated ("Java工程师" must not find any 工程师).
	min := 1.0
	if isName(x.syn.tax, part, x.syn.terms[sk.ID]) {
		min = minShouldMatch
	}
	asWritten := x.plainQuery(part, min)
	scaleBoost(asWritten, asWrittenBoost) // the words the user typed beat the skill's other words
	var alts []query.Query
	seen := map[string]bool{x.syn.tax.Fold(part): true}
	written := x.seg.queryWords(part)
	add := func(w string, boost float64) {
		if f := x.syn.tax.Fold(w); f != "" && !seen[f] && !within(written, x.seg.queryWords(w)) {
			seen[f] = true
			q := x.wordsQuery(w, 1, false) // every word: "Java工程师" must not find any 工程师
			scaleBoost(q, boost)
			alts = append(alts, q)
		}
	}
	for _, w := range x.syn.terms[sk.ID] {
		add(w, 1)
	}
	for _, r := range sk.Related {
		if r.Weight < relatedWeight {
			continue
		}
		if rel, ok := x.syn.tax.Skill(r.ID); ok && rel.Category == sk.Category {
			add(rel.NameZH, relatedBoost)
		}
	}
	if len(alts) == 0 {
		return asWritten
	}
	// Two alternatives, the words as written and the skill's other words: bleve weighs a
	// disjunction by the share of its clauses that match, and a job that names the skill in
	// three ways (Go, Go语言, golang) must not beat the job whose title says what was typed.
	return bleve.NewDisjunctionQuery(asWritten, bleve.NewDisjunctionQuery(alts...))
}

// expand applies the synonyms to q: the whole query when it names a skill, else each
// space-separated part that does, all parts required. It returns nil when no part names a
// skill, and q is searched as it is.
func (x *Index) expand(q string) query.Query {
	if x.syn == nil {
		return nil
	}
	q = strings.TrimSpace(q)
	if sk, ok := x.syn.resolve(q); ok {
		return x.skillQuery(q, sk)
	}
	parts := strings.Fields(q)
	if len(parts) < 2 {
		return nil
	}
	qs := make([]query.Query, 0, len(parts))
	found := false
	for _, p := range parts {
		if len(x.seg.queryWords(p)) == 0 {
			continue // punctuation only
		}
		if sk, ok := x.syn.resolve(p); ok {
			qs = append(qs, x.skillQuery(p, sk))
			found = true
		} else {
			qs = append(qs, x.plainQuery(p, minShouldMatch))
		}
	}
	if !found {
		return nil
	}
	return bleve.NewConjunctionQuery(qs...)
}

// within reports whether every document that alt's words find is found by the words as
// written: each written word is one of alt's (日语 in 日语N2, Java in Java EE), so that alt
// requires it as the words as written do. Such an alternative adds no document, only the
// work of finding a large share of the written word's documents again (1M documents: 日语
// and its alternatives naming levels, 213 → 47 ms), and its score: nDCG@10 unchanged. A
// longer word holding a written one (商务英语 for 英语) stays: leaving those out found the
// same documents but ranked Java jobs that mention 测试 above testing jobs (Java 测试 西安:
// nDCG 0.95 → 0.71).
func within(written, alt []qword) bool {
	if len(written) == 0 {
		return false
	}
	for _, w := range written {
		if !slices.ContainsFunc(alt, func(a qword) bool { return a.text == w.text }) {
			return false
		}
	}
	return true
}
