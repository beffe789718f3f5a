package search

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xiaoqi-dev/xiaoqi"
)

// minShouldMatch is the share of a query's words a document must contain: all of them (AND
// semantics), as users of the big engines expect. A word is contained when the document has
// it as a word, as the words inside it (软件测试 in 软件开发与测试), or as bigrams within one
// of its own words (处理 in 待处理), never across two of its words (西安 is not in 广西|安全).
const minShouldMatch = 1.0

// Query boosts beyond the field boosts of textFields.
const (
	subWordBoost = 0.5 // the words inside a query word, found apart
	stemBoost    = 0.5 // a Latin word's English stem
	fuzzyBoost   = 0.3 // a Latin word within one edit
	// fuzzyMinLen is the least length of a Latin word that may be misspelt by one edit.
	fuzzyMinLen = 5
)

// textQuery builds the relevance query for q: every word of q must be found in some text
// field, scored by field and by how it matched (see wordQuery). An empty q matches
// everything; a q with no words (only punctuation) nothing.
//
// With a taxonomy (Options.Taxonomy), a query or a part of it that names a skill also finds
// the skill's other words (see expand); with Options.Aliases a word that abbreviates a name
// also finds the name.
func (x *Index) textQuery(q string) query.Query {
	if strings.TrimSpace(q) == "" {
		return bleve.NewMatchAllQuery()
	}
	if e := x.expand(q); e != nil {
		return e
	}
	return x.plainQuery(q, minShouldMatch)
}

// plainQuery is textQuery without skill synonyms, for a non-empty q: a document must hold the
// share min of q's words. A space-separated part of q that is an abbreviation, or starts with
// one (西电计算机), counts as one word that also finds the full names (Options.Aliases).
func (x *Index) plainQuery(q string, min float64) query.Query {
	return x.wordsQuery(q, min, true)
}

// partQuery is plainQuery for q, a part of a query of several (expand): a place or a degree
// that is the whole part is weighed as one among the other parts (wordUnits).
func (x *Index) partQuery(q string, min float64) query.Query {
	us := x.wordUnits(q, true, true)
	return anyUnits(us, int(math.Ceil(min*float64(len(us)))))
}

// wordsQuery is plainQuery; typed says that q is what the user typed, not a synonym or a full
// name the query expands to (see wordQuery).
func (x *Index) wordsQuery(q string, min float64, typed bool) query.Query {
	us := x.wordUnits(q, typed, false)
	wq := anyUnits(us, int(math.Ceil(min*float64(len(us)))))
	if typed {
		return wq
	}
	return grouped(wq, x.seg.queryWords(q))
}

// group is the query of the words of an expansion (a skill's other name, a synonym, an
// abbreviation's full name): a snippet marks them only where they all stand in a row (locate),
// never a fragment alone. It searches as its query does.
type group struct {
	query.Query
	words []string
}

// grouped returns q as the query of the group of words.
func grouped(q query.Query, words []qword) query.Query {
	g := &group{Query: q, words: make([]string, len(words))}
	for i, w := range words {
		g.words[i] = w.text
	}
	return g
}

// A unit is what a query requires: one of its words, an abbreviation, or a part that names a
// skill, with the query that finds it, and how the user wrote it.
type unit struct {
	typed string
	q     query.Query
	place bool // a place of Shaanxi (咸阳, 雁塔, 关中): what relax leaves out first
}

// anyUnits finds the documents that hold at least min of us; none when us is empty.
func anyUnits(us []unit, min int) query.Query {
	switch len(us) {
	case 0:
		return bleve.NewMatchNoneQuery()
	case 1:
		return us[0].q
	}
	qs := make([]query.Query, len(us))
	for i, u := range us {
		qs[i] = u.q
	}
	all := bleve.NewDisjunctionQuery(qs...)
	all.SetMin(float64(max(min, 1)))
	return &units{all}
}

// units is the query of what a query requires, a disjunction of its units (anyUnits) or a
// conjunction of its parts (expand): a snippet shows the passage holding the most of them
// (bestFragment). It searches as its query does.
type units struct{ query.Query }

// wordUnits returns the units of q, each word found as wordQuery finds it, with its synonyms
// (wordSynonyms), and among other words or parts (others: q is a part of the query) a place
// weighed as one (placeQuery) and a degree as one (degreeQuery).
func (x *Index) wordUnits(q string, typed, others bool) []unit {
	var units []unit
	var words []qword
	seen := map[string]bool{}
	// Items named by number (第十条 第十二条): one unit, any of them.
	var articles []query.Query
	var named []string
	for i := 0; i < maxArticles; i++ {
		n, typed, rest, ok := x.articleNumber(q)
		if !ok {
			break
		}
		articles, named, q = append(articles, articleQuery(n)), append(named, typed), rest
	}
	if len(articles) > 0 {
		units = append(units, unit{typed: strings.Join(named, " "), q: bleve.NewDisjunctionQuery(articles...)})
	}
	for _, part := range strings.Fields(q) {
		alias, rest := x.splitAlias(part)
		if alias != "" && !seen[alias] {
			seen[alias] = true
			units = append(units, unit{typed: strings.TrimSuffix(part, rest), q: x.aliasQuery(alias)})
		}
		if names := x.cutNames(rest); len(names) > 0 && !seen[rest] {
			seen[rest] = true
			units = append(units, unit{typed: rest, q: x.namesQuery(names, x.seg.fold(rest))})
			continue
		}
		folded, _ := x.seg.foldOffsets(rest)
		// Only as typed: in a skill's other name (互联网运维 of 运维) the sector's documents
		// would widen the skill to every 运维 of an internet firm.
		if before, phrase, sec, ok := sectorIn(folded); typed && ok && !seen[phrase] {
			// A sector's words (软件外包): one unit, which finds the sector's documents too.
			// Folding keeps every rune: the phrase as typed is where the folded one is.
			seen[phrase] = true
			rs, i := []rune(rest), len([]rune(before))
			j := i + len([]rune(phrase))
			units = append(units, unit{typed: string(rs[i:j]), q: x.sectorQuery(phrase, sec)})
			rest = string(rs[:i]) + " " + string(rs[j:])
		}
		for _, w := range x.seg.queryWords(rest) {
			if !seen[w.text] {
				seen[w.text] = true
				words = append(words, w)
			}
		}
	}
	// The function words of a query of several parts: queryWords leaves them out of one part
	// (软件开发与测试), but "Belt and Road" or "subsidy for startups in Baoji" are parts of a
	// word each, and and, for and in were required: in an English text field they matched
	// only the documents with English sentences (the Chinese items of the policy, none).
	words = dropStopWords(words, len(units) > 0)
	aliases := len(units)
	// The province's policy items are in each of its places for a query that may ask for them
	// (policyInPlaces), and score as being there for one about a policy topic (a policy cue,
	// or a word the policy text writes its own way: 创业, 留学生, 补贴 …). 外包 公司 咸阳 asks
	// for firms (the caller took the cue out: the firms come first, rankQuery).
	policyTopic, policyInPlaces := x.policyTopic(q), x.policyInPlaces(q)
	for _, w := range words {
		wq := x.wordQuery(w, len(words) == 1 && aliases == 0, typed)
		among := others || len(words)+aliases > 1
		if among && x.isPlace(w.text) {
			wq = x.placeQuery(w, wq)
		} else if among && isDegreeWord(w.text) {
			wq = degreeQuery(w, wq)
		}
		alts := []query.Query{wq}
		for _, s := range slices.Concat(wordSynonyms(w.text), everydaySynonyms[w.text], placeSynonyms(w.text)) {
			alts = append(alts, x.synonymQuery(s))
		}
		if policyInPlaces && len(words) > 1 && x.isPlace(w.text) {
			// The policy is the province's, in each of its places: 留学生 创业 西安 finds the
			// item on returned students founding firms, which says 在陕, not 西安, and 人才引进
			// 西安 item (12), no longer as outside 西安. About a policy topic it scores as
			// being in the place (placeBoost): scoring nothing, the items came after every
			// firm of 西安 that says 创新创业 (创业 西安: items (十), (一), (十二) 17th, 18th and
			// 23rd of 23).
			boost := 0.0
			if policyTopic {
				boost = placeBoost
			}
			alts = append(alts, termQuery(fieldType, string(xiaoqi.KindPolicy), boost))
		}
		if len(alts) > 1 {
			wq = bleve.NewDisjunctionQuery(alts...)
		}
		units = append(units, unit{typed: w.typed, q: wq, place: x.isPlace(w.text) || x.isDistrict(w.text)})
	}
	return units
}

// article matches how users name an item of the policy by its number: 第十二条, 十二条, 第12条,
// 第十二, 第十二项, 第12款. A bare numeral (十二) is a word of the items' names already.
var article = regexp.MustCompile(`第\s*([一二三四五六七八九十]{1,3}|[0-9]{1,2})(?:\s*[条项款])?|([一二三四五六七八九十]{1,3}|[0-9]{1,2})\s*[条项款]`)

// maxArticles is the most items a query may name by number.
const maxArticles = 4

// articleNumber finds an item number in part (see article): the number, the words naming it as
// typed, and the rest of part; ok is false when part names none.
func (x *Index) articleNumber(part string) (n int, typed, rest string, ok bool) {
	f := x.seg.fold(part)
	m := article.FindStringSubmatchIndex(f)
	if m == nil {
		return 0, "", part, false
	}
	last, _ := utf8.DecodeLastRuneInString(f[:m[1]])
	next, _ := utf8.DecodeRuneInString(f[m[1]:])
	if !strings.ContainsRune("条项款", last) && isCJK(next) {
		return 0, "", part, false // 第3季度, 第十届: no item
	}
	if strings.ContainsRune("条项款", last) && isCJK(next) && x.seg.isWord(string(last)+string(next)) {
		return 0, "", part, false // 17项目, 3条件: the 项 of a word
	}
	if prev, _ := utf8.DecodeLastRuneInString(f[:m[0]]); m[0] > 0 && prev < utf8.RuneSelf && (unicode.IsLetter(prev) || unicode.IsDigit(prev)) {
		return 0, "", part, false // I17项: a code (精算I17项目岗), no item
	}
	var num string
	if m[2] >= 0 {
		num = f[m[2]:m[3]]
	} else {
		num = f[m[4]:m[5]]
	}
	if n, ok = policyNumber(num); !ok {
		return 0, "", part, false
	}
	pr, fr := []rune(part), []rune(f)
	if len(pr) != len(fr) { // folding keeps every rune but for trimmed spaces
		return n, f[m[0]:m[1]], f[:m[0]] + " " + f[m[1]:], true
	}
	start, end := utf8.RuneCountInString(f[:m[0]]), utf8.RuneCountInString(f[:m[1]])
	return n, string(pr[start:end]), strings.TrimSpace(string(pr[:start]) + " " + string(pr[end:])), true
}

// policyNumber reads an item number written in digits (12) or Chinese numerals (十二), 1–99.
func policyNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= 99
	}
	for n := 1; n <= 99; n++ {
		if xiaoqi.ChineseNumeral(n) == s {
			return n, true
		}
	}
	return 0, false
}

// articleBoost weighs the policy item a query names by number (第十二条) like a word found in
// a title.
const articleBoost = 8

// articleQuery finds the policy item numbered n.
func articleQuery(n int) query.Query {
	v, incl := float64(n), true
	nq := bleve.NewNumericRangeInclusiveQuery(&v, &v, &incl, &incl)
	nq.SetField(fieldNumber)
	nq.SetBoost(articleBoost)
	return nq
}

// policyTopic reports whether q asks about a policy topic: a policy cue, or a word the policy
// text writes its own way (创业, 留学生, 补贴 …).
func (x *Index) policyTopic(q string) bool {
	if asksPolicy(q) {
		return true
	}
	for _, w := range x.seg.queryWords(q) {
		if len(wordSynonyms(w.text)) > 0 {
			return true
		}
	}
	return false
}

// synonymQuery finds every word of s, a synonym of a query word (wordSynonyms), weighed at
// synonymBoost.
func (x *Index) synonymQuery(s string) query.Query {
	var parts []query.Query
	for _, w := range x.seg.queryWords(s) {
		parts = append(parts, x.wordQuery(w, false, false))
	}
	c := bleve.NewConjunctionQuery(parts...)
	scaleBoost(c, synonymBoost)
	return grouped(c, x.seg.queryWords(s))
}

// relaxUnits returns the units of q for a search that found nothing with all of them
// (relax): its words, and each space-separated part that names a skill as one unit (the
// skill's synonyms still count), unless q as a whole names the skill that found nothing. A
// part that is a word of the skills' English names (software) is one unit too, finding what
// it finds alone (englishQuery): as a plain word, software park found nothing at all, though
// software alone finds the 软件 postings.
func (x *Index) relaxUnits(q string) []unit {
	parts := skillParts(q)
	if x.syn != nil {
		parts = x.joinNames(parts)
	}
	if x.syn != nil && len(parts) > 1 {
		if _, whole := x.syn.resolve(strings.TrimSpace(q)); !whole {
			var us []unit
			skills := false
			for _, p := range parts {
				if sk, text, ok := x.resolveSkill(p); ok {
					us = append(us, unit{typed: p, q: x.skillQuery(text, sk)})
					skills = true
					continue
				}
				if e := x.englishQuery(p); e != nil {
					us = append(us, unit{typed: p, q: e})
					skills = true
					continue
				}
				us = append(us, x.wordUnits(p, true, true)...)
			}
			if skills {
				return us
			}
		}
	}
	return x.wordUnits(q, true, false)
}

// maxAliasRunes is the length of the longest abbreviation looked for at the start of a word.
const maxAliasRunes = 8

// splitAlias returns the abbreviation that part is, or starts with, folded, and the rest of
// part; "" and part when there is none.
func (x *Index) splitAlias(part string) (alias, rest string) {
	if len(x.aliases) == 0 {
		return "", part
	}
	f := x.seg.fold(part)
	if _, ok := x.aliases[f]; ok {
		return f, ""
	}
	rs := []rune(f)
	if len(rs) == 0 || !isCJK(rs[0]) { // empty once folded: control characters only
		return "", part
	}
	if ws := x.seg.queryWords(part); len(ws) == 1 && ws[0].text == f {
		// A word of its own (长安大学, a name in the dictionary) does not start with an
		// abbreviation (长安).
		return "", part
	}
	for n := min(len(rs)-1, maxAliasRunes); n >= 2; n-- {
		if _, ok := x.aliases[string(rs[:n])]; ok {
			if pr := []rune(part); len(pr) == len(rs) {
				// The rest as written (folding keeps every rune): a word an answer may name.
				return string(rs[:n]), string(pr[n:])
			}
			return string(rs[:n]), string(rs[n:])
		}
	}
	return "", part
}

// aliasWrittenBoost weighs an abbreviation found as written (长大 may mean growing up)
// against the full names it stands for, which count as typed. (Those names were meant to
// count 1.5 times, a boost bleve ignored on their conjunction; applied, it put a school's
// programs before the school, whose name the ranking clause rewards: 长大.)
const aliasWrittenBoost = 0.2

// aliasQuery finds the abbreviation alias (folded, a key of the alias table): the names it
// stands for, or, far lower, the abbreviation as written.
func (x *Index) aliasQuery(alias string) query.Query {
	return x.namesQuery(x.aliases[alias], alias)
}

// cutNames returns the full names of schools (those of the alias table: fullNames) that
// part, folded, is cut from before their last character or two (学, 院, 大学, 学院), as a name
// typed unfinished: 西安交通大, 西安电子科技, 陕西师范大. Nil for a part of fewer than four
// characters, or that is a full name or a word of its own. 西安交通大 found 西安交通工程学院
// first and 西安交通大学 157th, 西安电子科技大 one program by its 大客户.
func (x *Index) cutNames(part string) []string {
	f := x.seg.fold(part)
	if utf8.RuneCountInString(f) < 4 || !hasCJK(f) || x.fullNames[f] || x.seg.isWord(f) {
		return nil
	}
	var names []string
	for n := range x.fullNames {
		if rest, ok := strings.CutPrefix(n, f); ok && slices.Contains([]string{"学", "院", "大学", "学院"}, rest) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// namesQuery finds the full names names stand for, or, far lower, written as written.
func (x *Index) namesQuery(names []string, written string) query.Query {
	var alts []query.Query
	for _, n := range append(slices.Clone(names), written) {
		ws := x.seg.queryWords(n)
		if len(ws) == 0 {
			continue
		}
		parts := make([]query.Query, 0, len(ws))
		for _, nw := range ws {
			parts = append(parts, x.wordQuery(nw, false, false))
		}
		c := bleve.NewConjunctionQuery(parts...)
		if n == written {
			scaleBoost(c, aliasWrittenBoost)
		}
		alts = append(alts, grouped(c, ws))
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// wordQuery finds one query word in any text field: as a word (the best match), as the words
// that cover it (adjacent, or at least all there), as bigrams within a word. A CJK character
// that is the whole query (alone) also matches inside bigrams: 邮 finds 西安邮电大学. A Latin
// word also matches its English stem.
//
// A word the user typed (typed) is looser: a Latin word may be misspelt by one edit when it
// has fuzzyMinLen letters or more, and a CJK word may be found in the body as the words
// inside it apart (软件测试 in 负责软件的功能测试), in prose: not in a list of words (skills,
// names, places), nor in a candidate's summary, which lists what they know. A word the query expands to (a skill's
// synonym, an abbreviation's full name) is spelt right and must be a word of the body: as
// words apart, 客户服务 (for 客服) was 客户 and 服务 anywhere in a posting, which nearly every
// outsourcing posting has (at 1M documents, 客服 found 163,411 documents, now 27,715, in 11
// ms instead of 59; nDCG@10 0.949 → 0.952). So must it be in the lists (names, skills,
// place): an energy job listing 电力系统 and 材料分析测试 among its skills holds 系统 and 测试,
// not 系统测试, a synonym of 软件测试 (at 1M synthetic documents, 软件测试 found 100,394
// documents, a quarter of them such jobs, now 75,249, in 79 ms instead of 138; software
// testing 116 → 56 ms, 运维 jobs 101 → 66; nDCG@10 0.953 → 0.951, the order of relevant
// titles). Only the title, one phrase, keeps an expanded word's words apart: 自动化测试工程师
// is a 测试工程师.
func (x *Index) wordQuery(w qword, alone, typed bool) query.Query {
	var qs []query.Query
	for _, f := range textFields {
		qs = append(qs, termQuery(f.name, w.text, f.boost*wordBoost))
		if !w.cjk || (!typed && f.name != fieldTitle) {
			continue
		}
		n := utf8.RuneCountInString(w.text)
		switch {
		case n >= 3 && len(w.subs) < 2:
			// A word the dictionary cannot cover: its bigrams within a word. (Where it can,
			// the covering words below find the same documents, far cheaper than 工程 + 程师.)
			qs = append(qs, allTerms(f.name, w.bigs, f.boost))
		case n == 1 && alone: // one character: the words holding it
			rq := bleve.NewRegexpQuery(".?" + regexp.QuoteMeta(w.text) + ".?")
			rq.SetField(f.name)
			rq.SetBoost(f.boost / 2)
			qs = append(qs, rq)
		}
		if x.fullNames[w.text] {
			// A school's full name is a word of the dictionary wherever it is written; the
			// names that begin with it (西北大学现代学院) hold it as their start, and the words
			// covering it (西北 + 大学) would find every title holding both apart:
			// 西北工业大学's programs were 168 of the 280 found for 西北大学.
			pq := bleve.NewPrefixQuery(w.text)
			pq.SetField(f.name)
			pq.SetBoost(f.boost * subWordBoost)
			qs = append(qs, pq)
			continue
		}
		if len(w.subs) > 1 && f.name != fieldSkills && f.name != fieldNames && f.name != fieldPlace {
			// A list (skills, other names, places) holds words: 办公软件 and 材料分析测试 are
			// no 软件测试, whoever typed it.
			// No phrase query for the covering words in the title (软件|测试工程师 holds
			// 软件测试): it checked the positions of every title holding both, 40% of the
			// time of "software testing" at 1M documents, for no gain in nDCG@10.
			apart := allTerms(f.name, w.subs, f.boost*subWordBoost)
			if f.name == fieldBody {
				// Nor are they in a candidate's summary, which says what the candidate knows
				// as such a list (熟悉办公软件、材料分析测试): 软件测试 found six candidates of
				// nine by the words apart, two of them testers. A posting's or a course's
				// text is prose, where they are the work (负责软件的功能测试).
				b := bleve.NewBooleanQuery()
				b.AddMust(apart)
				b.AddMustNot(termQuery(fieldType, string(xiaoqi.KindCandidate), 0))
				apart = b
			}
			qs = append(qs, apart)
		}
	}
	if !w.cjk {
		for _, stem := range x.analyzers.stems(w.text) {
			qs = append(qs, termQuery(fieldEN, stem, stemBoost))
			if typed && utf8.RuneCountInString(w.text) >= fuzzyMinLen && isLetters(w.text) && !x.skillName(w.text) {
				fq := bleve.NewFuzzyQuery(stem)
				fq.SetField(fieldEN)
				fq.SetFuzziness(1)
				fq.SetPrefix(1) // typos keep the first letter; the automaton stays small
				fq.SetBoost(fuzzyBoost)
				qs = append(qs, fq)
			}
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// skillName reports whether w is a skill's name or other name as written (nodejs): spelt
// right, it is no typo of another word (nodejs found the 5G jobs that ask for nodeB).
func (x *Index) skillName(w string) bool {
	if x.syn == nil {
		return false
	}
	_, whole := x.syn.resolve(w)
	return whole
}

func termQuery(field, term string, boost float64) query.Query {
	tq := bleve.NewTermQuery(term)
	tq.SetField(field)
	tq.SetBoost(boost)
	return tq
}

// allTerms requires every term in field.
func allTerms(field string, terms []string, boost float64) query.Query {
	if len(terms) == 1 {
		return termQuery(field, terms[0], boost)
	}
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = termQuery(field, t, boost/float64(len(terms)))
	}
	return bleve.NewConjunctionQuery(qs...)
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// zeroBoost sets the boost of every leaf of q to 0, so that q selects documents and scores
// nothing.
func zeroBoost(q query.Query) { scaleBoost(q, 0) }

// scaleBoost multiplies the boost of every leaf of q by f. bleve ignores the boosts of
// disjunctions and conjunctions themselves (SetBoost stores it, the searcher never reads it),
// so a compound query is weighed through its leaves.
func scaleBoost(q query.Query, f float64) {
	eachLeaf(q, func(l query.Query) {
		if b, ok := l.(query.BoostableQuery); ok {
			b.SetBoost(b.Boost() * f)
		}
	})
}

// eachLeaf calls fn with every query of q that is no disjunction, conjunction or boolean query,
// however deep.
func eachLeaf(q query.Query, fn func(query.Query)) {
	switch q := q.(type) {
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			eachLeaf(c, fn)
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			eachLeaf(c, fn)
		}
	case *query.BooleanQuery:
		for _, c := range []query.Query{q.Must, q.Should, q.MustNot} {
			if c != nil {
				eachLeaf(c, fn)
			}
		}
	case *group:
		eachLeaf(q.Query, fn)
	case *units:
		eachLeaf(q.Query, fn)
	default:
		fn(q)
	}
}
