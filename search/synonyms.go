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
	// belowLevelBoost weighs a language below the level asked for (日语 for 日语N1).
	belowLevelBoost = 0.02
	// asWrittenBoost weighs the words of a query as the user wrote them against the other
	// words of the skill they name.
	asWrittenBoost = 3
)

// synonyms are the skill words of a taxonomy, prepared once when the index opens.
type synonyms struct {
	tax   *skill.Taxonomy
	terms map[string][]string // skill id → names and plain aliases, at most maxAliases
	// english maps the stem of a word of the skills' English names to those skills, at most
	// maxAliases, the skills whose name the word ends first (testing: Software testing before
	// Test automation): software and testing alone find their skills (englishQuery).
	english map[string][]*skill.Skill
	// vocab counts the skills whose names or aliases hold each Latin word (lower case, three
	// letters or more): what a misspelt word is corrected to (correct).
	vocab map[string]int
}

func newSynonyms(t *skill.Taxonomy, stems func(string) []string) *synonyms {
	if t == nil {
		return nil
	}
	s := &synonyms{tax: t, terms: map[string][]string{}, english: map[string][]*skill.Skill{}, vocab: map[string]int{}}
	type named struct {
		sk   *skill.Skill
		rank [3]int // not the whole name, not its last word, its words
	}
	byStem := map[string][]named{}
	for _, sk := range t.Skills() {
		words := latinWords(sk.NameEN)
		seen := map[string]bool{}
		for i, w := range words {
			for _, st := range stems(w) {
				if seen[st] {
					continue
				}
				seen[st] = true
				r := [3]int{1, 1, len(words)}
				if len(words) == 1 {
					r[0] = 0
				}
				if i == len(words)-1 {
					r[1] = 0
				}
				byStem[st] = append(byStem[st], named{sk, r})
			}
		}
		inSkill := map[string]bool{}
		for _, n := range append([]string{sk.NameEN, sk.NameZH}, sk.Aliases...) {
			for _, w := range latinWords(n) {
				if len(w) >= 3 && !inSkill[w] {
					inSkill[w] = true
					s.vocab[w]++
				}
			}
		}
	}
	for st, ns := range byStem {
		slices.SortStableFunc(ns, func(a, b named) int { return slices.Compare(a.rank[:], b.rank[:]) })
		for _, n := range ns[:min(len(ns), maxAliases)] {
			s.english[st] = append(s.english[st], n.sk)
		}
	}
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
		"senior", "junior", "engineers", "engineer", "developers", "developer", "programmers", "programmer",
		// Who has it (有CET6的学生, 会Python的本科生): as part of the part, the skill was a
		// plain word, and CET6 found no profile, which says 英语六级.
		"拥有", "持有", "具有", "会用", "有", "会", "懂"}
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
	if ph := x.englishPhrase(part); ph != nil {
		asWritten = bleve.NewConjunctionQuery(asWritten, ph)
	}
	seen := map[string]bool{x.syn.tax.Fold(part): true}
	if x.syn.abbreviation(part, sk) {
		// An abbreviation (ML, NLP, CV) is typed for its skill's name, which the documents
		// write where they seldom write it: the name counts as written too. As written alone,
		// ML ranked the 人工智能 programs and candidates of its related skills among the 机器学习
		// postings. At half weight: at full weight, the 软件测试 postings that list 软件质量保证
		// came before the one titled 质量保证工程师 for QA (relevance: QA 1.00 → 0.85).
		name := x.plainQuery(sk.NameZH, minShouldMatch)
		scaleBoost(name, 0.5)
		asWritten = bleve.NewDisjunctionQuery(asWritten, name)
		seen[x.syn.tax.Fold(sk.NameZH)] = true
	}
	var alts []query.Query
	scaleBoost(asWritten, asWrittenBoost) // the words the user typed beat the skill's other words
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
	// A language at a level (日语N1, 英语六级, N2) is related to the language alone and to
	// lower levels, which find every document of the language: at relatedBoost, 日语 programs
	// came before the postings asking for N1. They join far below the levels that meet it
	// (the same language at that level or higher, 日语N1 for 日语N2): what is left when few
	// meet it.
	l, levelled := skill.LevelOf(sk.ID)
	meets := skill.AtLeast(sk.ID)
	for _, r := range sk.Related {
		if r.Weight < relatedWeight {
			continue
		}
		boost := relatedBoost
		if levelled && l.Level > 0 && !slices.Contains(meets, r.ID) {
			boost = belowLevelBoost
		}
		if rel, ok := x.syn.tax.Skill(r.ID); ok && rel.Category == sk.Category {
			add(rel.NameZH, boost)
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

// englishPhrase requires the Latin words of part, a skill's English name of two words or more
// (Software testing, Database design), in a row in the English field, stemmed: apart they
// are in nearly every long English job description (senior software engineer … unit tests),
// which then came before the postings that ask for the skill (real postings: precision@10 of
// Software testing 0.4). nil for a part of one word or with CJK characters.
func (x *Index) englishPhrase(part string) query.Query {
	if hasCJK(part) || len(latinWords(part)) < 2 {
		return nil
	}
	var terms []string
	last := 0
	for _, t := range x.analyzers.en.Analyze([]byte(part)) {
		for last > 0 && t.Position > last+1 {
			terms = append(terms, "") // a stop word left out (and): any word
			last++
		}
		terms, last = append(terms, string(t.Term)), t.Position
	}
	if len(terms) < 2 {
		return nil
	}
	pq := bleve.NewPhraseQuery(terms, fieldEN)
	pq.SetBoost(stemBoost)
	return pq
}

// expand applies the synonyms to q: the whole query when it names a skill (misspelt by a
// letter or not) or is one word of the skills' English names, else each space-separated part
// that does, all parts required. It returns nil when no part names a skill, and q is searched
// as it is.
func (x *Index) expand(q string) query.Query {
	if x.syn == nil {
		return nil
	}
	q = strings.TrimSpace(q)
	if sk, text, ok := x.resolveSkill(q); ok {
		return x.skillQuery(text, sk)
	}
	if e := x.englishQuery(q); e != nil {
		return e
	}
	parts := x.joinNames(skillParts(q))
	if len(parts) == 1 {
		parts = x.skillWords(q)
	} else {
		// A part written without spaces whose words name skills is those words, as the whole
		// query is: 日语客服 西安 required 客服 as written (no 客户服务) and was relaxed, while
		// 日语 客服 西安 found the three of 西安 that have both.
		var split []string
		for _, p := range parts {
			ws := []string{p}
			if _, _, ok := x.resolveSkill(p); !ok && hasCJK(p) { // (English parts: englishQuery)
				if sw := x.skillWords(p); sw != nil {
					ws = sw
				}
			}
			split = append(split, ws...)
		}
		parts = split
	}
	if len(parts) < 2 {
		return nil
	}
	qs := make([]query.Query, 0, len(parts))
	found := false
	for _, p := range parts {
		if len(x.seg.queryWords(p)) == 0 {
			continue // punctuation only
		}
		if sk, text, ok := x.resolveSkill(p); ok {
			qs = append(qs, x.skillQuery(text, sk))
			found = true
		} else if e := x.englishQuery(p); e != nil {
			qs = append(qs, e)
			found = true
		} else {
			qs = append(qs, x.partQuery(p, minShouldMatch))
		}
	}
	if !found {
		return nil
	}
	return &units{bleve.NewConjunctionQuery(qs...)}
}

// skillWords returns the words of q, written without spaces, as they were typed, when one
// of them names a skill and q as a whole does not: 日语客服 is 日语 and 客服, each a skill
// with its other names; nil otherwise.
func (x *Index) skillWords(q string) []string {
	ws := x.seg.queryWords(q)
	if len(ws) < 2 {
		return nil
	}
	if folded, _ := x.seg.foldOffsets(q); hasSector(folded) {
		// A sector's words (动漫外包, 软件外包) are one part, which finds the sector's firms
		// (wordUnits): apart, 做动漫外包去 required its 做 and 去, and found nothing.
		return nil
	}
	var out []string
	skills := false
	for _, w := range ws {
		if _, _, ok := x.resolveSkill(w.typed); ok {
			skills = true
		}
		out = append(out, w.typed)
	}
	if !skills {
		return nil
	}
	return out
}

// skillParts returns the space-separated parts of q, a job title's English word (developer,
// engineers, senior) joined to the part beside it, so that the two name a skill as they do
// alone: in Java developer jobs in Xi'an, developer was a part of its own, finding every skill
// whose English name says developer, and the Java jobs came after others.
func skillParts(q string) []string {
	parts := strings.Fields(q)
	title := func(p string) bool {
		w := strings.ToLower(p)
		return leadingTitleWords[w] || trailingTitleWords[w]
	}
	if len(parts) < 2 || !slices.ContainsFunc(parts, func(p string) bool { return !title(p) }) {
		return parts // no skill to join them to (senior developer)
	}
	var out []string
	lead := ""
	for _, p := range parts {
		w := strings.ToLower(p)
		switch {
		case leadingTitleWords[w]:
			lead += p + " "
		case trailingTitleWords[w] && len(out) > 0 && lead == "":
			out[len(out)-1] += " " + p
		default:
			out = append(out, lead+p)
			lead = ""
		}
	}
	if lead != "" {
		out = append(out, strings.TrimSpace(lead))
	}
	return out
}

// The English words of a job title around a skill (see decorations).
var (
	leadingTitleWords  = map[string]bool{"senior": true, "junior": true}
	trailingTitleWords = map[string]bool{"developer": true, "developers": true, "engineer": true, "engineers": true,
		"programmer": true, "programmers": true}
)

// resolveSkill returns the skill that part names (resolve), or that it names once its Latin
// words misspelt by a letter are corrected (softwere testing, sofware testing), with the part
// as it is then searched.
func (x *Index) resolveSkill(part string) (*skill.Skill, string, bool) {
	if sk, ok := x.syn.resolve(part); ok {
		return sk, part, true
	}
	if c := x.syn.correct(part); c != part {
		if sk, ok := x.syn.resolve(c); ok {
			return sk, c, true
		}
	}
	return nil, "", false
}

// englishQuery finds a single Latin word that is a word of the skills' English names
// (software, testing, or misspelt by a letter: softwere) as written or as the skills it names,
// like a skill's other names (skillQuery); nil when part is no such word.
func (x *Index) englishQuery(part string) query.Query {
	skills := x.englishSkills(part)
	if len(skills) == 0 {
		return nil
	}
	asWritten := x.plainQuery(part, minShouldMatch)
	scaleBoost(asWritten, asWrittenBoost)
	var alts []query.Query
	for _, sk := range skills[:min(len(skills), maxAliases)] {
		alts = append(alts, x.wordsQuery(sk.NameZH, 1, false))
	}
	return bleve.NewDisjunctionQuery(asWritten, bleve.NewDisjunctionQuery(alts...))
}

// englishSkills returns the skills whose English names hold part, a single Latin word
// (englishQuery); none when part is no such word.
func (x *Index) englishSkills(part string) []*skill.Skill {
	w := strings.ToLower(strings.TrimSpace(part))
	if w == "" || !isASCIILetters(w) {
		return nil
	}
	c := x.syn.correct(w)
	var skills []*skill.Skill
	for _, st := range x.analyzers.stems(c) {
		for _, sk := range x.syn.english[st] {
			if englishCommon[c] && strings.Contains(strings.TrimSpace(sk.NameEN), " ") {
				continue // language is no Assembly language
			}
			if !slices.Contains(skills, sk) && x.namesWord(sk, c, st) {
				skills = append(skills, sk)
			}
		}
	}
	return skills
}

// englishCommon are the common English words that skills' English names of several words
// hold, which alone name none of those skills: German language course listed the 汇编语言
// (Assembly language) and 大语言模型 (Large language models) courses above the German
// programs, and enterprise was Enterprise resource planning (university enterprise
// cooperation: 11 ERP实施顾问 and 系统集成 postings, item (12) not among them). A skill named
// by the word alone (English) still is.
var englishCommon = map[string]bool{"language": true, "languages": true, "enterprise": true, "enterprises": true,
	"university": true, "universities": true, "school": true, "education": true, "course": true, "courses": true,
	"international": true, "public": true, "other": true, "new": true, "next": true, "official": true}

// maxNameParts is the most space-separated parts joinNames joins into a skill's name.
const maxNameParts = 4

// joinNames returns parts with each run of two to maxNameParts Latin words that names a skill
// as a whole (resolveSkill) joined into one part, when a word of the run is no word of the
// skills' English names: an alias (data annotation, customer success of Customer service),
// whose words, each a part of its own, were an unknown word (annotation) that relaxed the
// query, while the alias alone and the skill's English name in a longer query (data
// labelling Xi'an) find the skill.
func (x *Index) joinNames(parts []string) []string {
	var out []string
	for i := 0; i < len(parts); {
		n := 1
		for k := min(len(parts)-i, maxNameParts); k >= 2; k-- {
			run := parts[i : i+k]
			if slices.ContainsFunc(run, func(p string) bool { return !isASCIILetters(strings.ToLower(p)) }) ||
				!slices.ContainsFunc(run, func(p string) bool { return len(x.englishSkills(p)) == 0 }) {
				continue
			}
			if _, _, ok := x.resolveSkill(strings.Join(run, " ")); ok {
				n = k
				break
			}
		}
		out = append(out, strings.Join(parts[i:i+n], " "))
		i += n
	}
	return out
}

// namesWord reports whether the English name of sk holds w, a word whose stem is st, as
// one word with other endings: a word of the name with that stem of which w is the start or
// which is the start of w (test, testing), that differs from w in an inflection only
// (technology, technologies; testing, tests), or that has two letters more than the stem in
// common with w (automate, automation). The stemmer also cuts unrelated words to one
// stem: animation and animal are both anim, customer and customs custom, and animation
// companies listed the firms of 动物实验 (Animal studies) among those of 二维动画, Japanese
// customer service a 报关员 (Customs declaration) first.
func (x *Index) namesWord(sk *skill.Skill, w, st string) bool {
	for _, n := range latinWords(sk.NameEN) {
		if !slices.Contains(x.analyzers.stems(n), st) {
			continue
		}
		common := 0
		for common < len(n) && common < len(w) && n[common] == w[common] {
			common++
		}
		if common == len(n) || common == len(w) || inflections[n[common:]] && inflections[w[common:]] ||
			common >= len(st)+2 { // automat-e, automat-ion: more than the stem in common
			return true
		}
	}
	return false
}

// inflections are the endings by which two forms of one English word differ after their
// common start (technolog-y, technolog-ies; analys-is, analys-es).
var inflections = map[string]bool{"s": true, "es": true, "ies": true, "y": true, "e": true, "ed": true, "ing": true, "is": true}

// correct returns part with each Latin word of fuzzyMinLen letters or more that no skill's
// name or alias holds replaced by the one that does within one edit (a letter added, left out,
// changed, or two swapped; the first letter kept), the one of the most skills when several
// do. Words it cannot correct stay as written.
func (s *synonyms) correct(part string) string {
	fields := strings.Fields(part)
	changed := false
	for i, f := range fields {
		w := strings.ToLower(f)
		if len(w) < fuzzyMinLen || !isASCIILetters(w) || s.vocab[w] > 0 {
			continue
		}
		best, bestN := "", 0
		for v, n := range s.vocab {
			if v[0] == w[0] && oneEdit(w, v) && (n > bestN || n == bestN && v < best) {
				best, bestN = v, n
			}
		}
		if best != "" {
			fields[i], changed = best, true
		}
	}
	if !changed {
		return part
	}
	return strings.Join(fields, " ")
}

// oneEdit reports whether a and b differ by one edit: a letter inserted, deleted or changed,
// or two adjacent letters swapped.
func oneEdit(a, b string) bool {
	if a == b || len(a)-len(b) > 1 || len(b)-len(a) > 1 {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) < len(b) {
		return a[i:] == b[i+1:]
	}
	if a[i+1:] == b[i+1:] {
		return true // one letter changed
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// latinWords returns the lower-case runs of ASCII letters of s.
func latinWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r < 'a' || r > 'z' })
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
