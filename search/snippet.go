package search

import (
	"html"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	"github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	"github.com/blevesearch/bleve/v2/search/query"
)

// snippetRunes is the length of a snippet, in characters; an English one has twice as many,
// about as many words.
const snippetRunes = 80

// snippet returns HTML: the best passage of the body with the query's terms in <mark>, else
// the title marked when only it matched, else the start of the body. A policy item found by a
// search in English shows the best passage of its English translation (bodyEN) where locate
// marked its words there, and then reports english. Text is escaped. marks are what locate
// looked for, which say which part of the query each word stands for (bestFragment).
func (x *Index) snippet(h *search.DocumentMatch, title, body, bodyEN string, marks snippetMarks) (snip string, english bool) {
	for _, f := range []struct{ name, text string }{{fieldBodyEN, bodyEN}, {fieldBody, body}, {fieldTitle, title}} {
		if f.text == "" || len(h.Locations[f.name]) == 0 {
			continue
		}
		size := snippetRunes
		if f.name == fieldBodyEN {
			size *= 2
		}
		if s := bestFragment(h.Locations[f.name], f.text, size, marks[f.name]); s != "" {
			return s, f.name == fieldBodyEN
		}
	}
	if utf8.RuneCountInString(body) <= snippetRunes {
		return html.EscapeString(body), false
	}
	return html.EscapeString(string([]rune(body)[:snippetRunes])) + "…", false
}

// bestFragment returns the passage of text, about size runes, that shows the most parts of the
// query (units: 日语 and 软件测试 of 会日语的软件测试), then the most distinct words marked,
// then the earliest, formatted by markFormatter with "…" where text goes on. bleve's
// highlighter counted distinct words only, so that the many words of one part won: the
// postings asking for 软件测试 and 日语N2 showed the lines on 测试, 软件, 功能测试 and 回归测试,
// and not the line saying 日语N2. m may be nil (English words: each its own part); "" when
// tlm holds no location within text.
func bestFragment(tlm search.TermLocationMap, text string, size int, m *fieldMarks) string {
	ordered := highlight.OrderTermLocations(tlm)
	var best *highlight.Fragment
	bestScore := -1
	for _, f := range simple.NewFragmenter(size).Fragment([]byte(text), ordered) {
		var parts uint64
		words := 0
		for t, locs := range tlm {
			if !slices.ContainsFunc(locs, func(l *search.Location) bool { return int(l.Start) >= f.Start && int(l.End) <= f.End }) {
				continue
			}
			words++
			if m != nil {
				parts |= m.parts[t]
			}
		}
		// Parts first; words only break ties (a snippet holds fewer than 1,000).
		if score := bits.OnesCount64(parts)*1000 + words; score > bestScore {
			best, bestScore = f, score
		}
	}
	if best == nil {
		return ""
	}
	ordered.MergeOverlapping()
	var b strings.Builder
	if best.Start != 0 {
		b.WriteString("…")
	}
	b.WriteString(markFormatter{}.Format(best, ordered))
	if best.End != len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// markFormatter writes a fragment as escaped HTML with matches in <mark>. Unlike bleve's html
// formatter it joins overlapping and adjacent matches, which CJK bigrams always produce:
// 自动化 matches as 自动 and 动化, and must read <mark>自动化</mark>, not <mark>自动</mark>化.
type markFormatter struct{}

func (markFormatter) Format(f *highlight.Fragment, locations highlight.TermLocations) string {
	var b strings.Builder
	curr := f.Start
	for i := 0; i < len(locations); i++ {
		l := locations[i]
		if l == nil || !l.ArrayPositions.Equals(f.ArrayPositions) || l.Start < curr {
			continue
		}
		if l.End > f.End {
			break
		}
		end := l.End
		for ; i+1 < len(locations); i++ {
			n := locations[i+1]
			if n == nil || !n.ArrayPositions.Equals(f.ArrayPositions) || n.End <= end {
				continue
			}
			if n.Start > end || n.End > f.End {
				break
			}
			end = n.End
		}
		b.WriteString(html.EscapeString(string(f.Orig[curr:l.Start])))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(string(f.Orig[l.Start:end])))
		b.WriteString("</mark>")
		curr = end
	}
	b.WriteString(html.EscapeString(string(f.Orig[curr:f.End])))
	return b.String()
}

// locate sets the term locations of hits, for their snippets: it analyses their title and
// body as the index did and keeps the words the text query q searches those fields for
// (snippetTerms). Asked of the search itself, bleve would decode the locations of every
// document q matches, most of the time of a query for a common word; a second search over
// the hits alone costs as much as the first for a selective one.
//
// A hit that stores an English text (a policy item's translation) has the words of en (a
// query typed without Chinese) located there, and then only there: "attract talent" marks
// attract and talent in the translation of item (12), where the Chinese snippet marked 人才.
func (x *Index) locate(q query.Query, hits search.DocumentMatchCollection, en []enWord) snippetMarks {
	marks := snippetMarks{fieldTitle: newFieldMarks(), fieldBody: newFieldMarks()}
	n := 0
	snippetTerms(q, nil, 1, &n, marks)
	for _, h := range hits {
		if text, _ := h.Fields[fieldBodyEN].(string); text != "" && x.locateEN(h, text, en) {
			continue // the English snippet: the Chinese text is not shown
		}
		for _, f := range []string{fieldTitle, fieldBody} {
			m := marks[f]
			text, _ := h.Fields[f].(string)
			if text == "" {
				continue
			}
			folded, _ := x.seg.foldOffsets(text) // rune for rune
			wins := [][2]int{{0, len(text)}}
			if len(m.patterns) == 0 {
				// Around the first place each part of the query appears: 日语 and 软件测试 of
				// 会日语的软件测试 may be lines apart, and a window around the first word
				// alone left the snippet without the other.
				wins = wins[:0]
				for _, first := range m.firsts(folded) {
					lo, hi := snippetWindow(text, utf8.RuneCountInString(folded[:first]))
					wins = append(wins, [2]int{lo, hi})
				}
				if len(wins) == 0 {
					continue // nothing to mark: spare the segmenter, the costly part
				}
				wins = mergeWindows(wins)
			}
			found := false
			for _, w := range wins {
				if x.locateIn(h, f, text, folded, w[0], w[1], m) {
					found = true
				}
			}
			// The first place a term appears may be inside another word (西安 in 广西安全):
			// then the rest of the text.
			if !found {
				lo := 0
				for _, w := range append(wins, [2]int{len(text), len(text)}) {
					if lo < w[0] {
						x.locateIn(h, f, text, folded, lo, w[0], m)
					}
					lo = w[1]
				}
			}
			dropContained(h.Locations[f])
		}
	}
	return marks
}

// dropContained removes from tlm the locations that lie within another (大数 within 大数据),
// keeping one of those that span the same text. bleve's highlighter orders locations by
// their start only, in no stable order, and merges overlapping ones by taking the end of the
// later one: 大数据 then 大数 marked 大数, and the same search marked 大数据 or 大数 by chance.
func dropContained(tlm search.TermLocationMap) {
	type at struct {
		term string
		loc  *search.Location
	}
	var all []at
	for term, locs := range tlm {
		for _, l := range locs {
			all = append(all, at{term, l})
		}
	}
	within := func(a, b at) bool { // a lies within b, and is dropped for it
		if a.loc.Start == b.loc.Start && a.loc.End == b.loc.End {
			return a.term > b.term
		}
		return b.loc.Start <= a.loc.Start && a.loc.End <= b.loc.End
	}
	for term, locs := range tlm {
		kept := locs[:0]
		for _, l := range locs {
			if !slices.ContainsFunc(all, func(b at) bool { return b.loc != l && within(at{term, l}, b) }) {
				kept = append(kept, l)
			}
		}
		if len(kept) == 0 {
			delete(tlm, term)
		} else {
			tlm[term] = kept
		}
	}
}

// enWord is a word of a query in English as the English field's analyzer makes it (a stem),
// and whether a word within one edit of it counts too: what the query's fuzzy query finds
// (textQuery).
type enWord struct {
	stem  string
	fuzzy bool
}

// englishWords returns the words of a query typed in English, without Chinese and with a
// Latin letter, for English snippets (locate); nil for any other query (12, looking for item
// (12), is not English).
func (x *Index) englishWords(q string) []enWord {
	if strings.ContainsFunc(q, isCJK) || !strings.ContainsFunc(q, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }) {
		return nil
	}
	var out []enWord
	for _, tok := range x.analyzers.en.Analyze([]byte(q)) {
		typed := q[tok.Start:tok.End]
		out = append(out, enWord{string(tok.Term), utf8.RuneCountInString(typed) >= fuzzyMinLen && isLetters(typed)})
	}
	return out
}

// locateEN adds to h the locations in fieldBodyEN of the words en, as the English field's
// analyzer finds them in text, reporting whether there were any. A word marks the words
// within one edit of it only where it is not found itself: "parks" marked the part of "take
// part" in a text that says parks.
func (x *Index) locateEN(h *search.DocumentMatch, text string, en []enWord) bool {
	if len(en) == 0 {
		return false
	}
	toks := x.analyzers.en.Analyze([]byte(text))
	exact := map[string]bool{}
	for _, tok := range toks {
		exact[string(tok.Term)] = true
	}
	found := false
	for _, tok := range toks {
		t := string(tok.Term)
		if !slices.ContainsFunc(en, func(w enWord) bool { return t == w.stem || w.fuzzy && !exact[w.stem] && nearStem(t, w.stem) }) {
			continue
		}
		if h.Locations == nil {
			h.Locations = search.FieldTermLocationMap{}
		}
		if h.Locations[fieldBodyEN] == nil {
			h.Locations[fieldBodyEN] = search.TermLocationMap{}
		}
		h.Locations[fieldBodyEN][t] = append(h.Locations[fieldBodyEN][t], &search.Location{Pos: uint64(tok.Position),
			Start: uint64(tok.Start), End: uint64(tok.End)})
		found = true
	}
	return found
}

// nearStem reports whether the stem t is within one edit of f with the same first byte, as
// the fuzzy query of a typed word (prefix 1, fuzziness 1).
func nearStem(t, f string) bool {
	if t == "" || f == "" || t[0] != f[0] {
		return false
	}
	_, exceeded := search.LevenshteinDistanceMax(t, f, 1)
	return !exceeded
}

// fieldMarks are what a snippet of one field may mark: terms anywhere, terms matching
// patterns, and the words of groups (an expansion's words), only where a whole group stands.
type fieldMarks struct {
	terms    map[string]bool
	patterns []*regexp.Regexp
	groups   map[string][][]string // word → the groups that hold it
	inGroups map[string]bool       // the words of groups
	// The parts of the query (units) that a word stands for, one bit each (bestFragment);
	// a word matching a pattern gets the pattern's when found.
	parts        map[string]uint64
	patternParts []uint64
}

func newFieldMarks() *fieldMarks {
	return &fieldMarks{terms: map[string]bool{}, groups: map[string][][]string{}, inGroups: map[string]bool{},
		parts: map[string]uint64{}}
}

// snippetMarks are the fieldMarks of the fields a snippet is made of, by field name.
type snippetMarks map[string]*fieldMarks

// locateIn adds to h the locations in field f of the terms and patterns found in text[lo:hi],
// and of the words of groups where the whole group stands in a row, reporting whether there
// were any.
func (x *Index) locateIn(h *search.DocumentMatch, f, text, folded string, lo, hi int, m *fieldMarks) bool {
	if len(m.patterns) > 0 {
		return x.locateClause(h, f, text, lo, hi, m)
	}
	// Clause by clause, analysing only those whose folded text holds a term: gse never makes a
	// word across a clause end (snippetWindow), and the segmenter is the costly part (locate
	// was two fifths of a selective search). folded is text folded rune for rune.
	found := false
	i, j := 0, 0
	for i < lo && j < len(folded) {
		_, a := utf8.DecodeRuneInString(text[i:])
		_, b := utf8.DecodeRuneInString(folded[j:])
		i, j = i+a, j+b
	}
	i0, j0 := i, j
	for i < hi {
		r, a := utf8.DecodeRuneInString(text[i:])
		_, b := utf8.DecodeRuneInString(folded[j:])
		i, j = i+a, j+b
		if isClauseEnd(r) || i >= hi {
			if m.mayHold(folded[j0:j]) && x.locateClause(h, f, text, i0, i, m) {
				found = true
			}
			i0, j0 = i, j
		}
	}
	return found
}

// mayHold reports whether the folded text holds a term or a group's word of m as a substring:
// whether analysing it may find one.
func (m *fieldMarks) mayHold(folded string) bool {
	for t := range m.terms {
		if strings.Contains(folded, t) {
			return true
		}
	}
	for t := range m.inGroups {
		if strings.Contains(folded, t) {
			return true
		}
	}
	return false
}

// locateClause is locateIn for text[lo:hi] analysed whole.
func (x *Index) locateClause(h *search.DocumentMatch, f, text string, lo, hi int, m *fieldMarks) bool {
	found := false
	toks := x.analyzers.text.Analyze([]byte(text[lo:hi]))
	var at map[int]map[string]bool // position → terms: only when a group's word is there
	for _, tok := range toks {
		t := string(tok.Term)
		single := m.terms[t]
		for i, re := range m.patterns {
			if re.MatchString(t) {
				single = true
				m.parts[t] |= m.patternParts[i]
			}
		}
		if !single {
			if !m.inGroups[t] {
				continue
			}
			if at == nil {
				at = map[int]map[string]bool{}
				for _, o := range toks {
					if at[o.Position] == nil {
						at[o.Position] = map[string]bool{}
					}
					at[o.Position][string(o.Term)] = true
				}
			}
			if !slices.ContainsFunc(m.groups[t], func(g []string) bool { return standsAt(g, t, tok.Position, at) }) {
				continue // a fragment of an expansion: 以上 of N2以上 in 本科及以上
			}
		}
		if h.Locations == nil {
			h.Locations = search.FieldTermLocationMap{}
		}
		if h.Locations[f] == nil {
			h.Locations[f] = search.TermLocationMap{}
		}
		// Offsets in the whole text; the tokens themselves may be cached: never changed.
		h.Locations[f][t] = append(h.Locations[f][t], &search.Location{Pos: uint64(tok.Position),
			Start: uint64(lo + tok.Start), End: uint64(lo + tok.End)})
		found = true
	}
	return found
}

// standsAt reports whether the words of group g stand in a row with word t at position pos.
func standsAt(g []string, t string, pos int, at map[int]map[string]bool) bool {
	for k, w := range g {
		if w != t {
			continue
		}
		ok := true
		for j, gw := range g {
			if !at[pos-k+j][gw] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// firsts returns the byte offsets in folded of the first place each part of the query
// appears (a term of it, else a word of its groups), in no order, one per part found.
func (m *fieldMarks) firsts(folded string) []int {
	at := map[int]int{} // part's bit → offset
	add := func(t string, i int) {
		for p := m.parts[t]; p != 0; p &= p - 1 {
			b := bits.TrailingZeros64(p)
			if j, ok := at[b]; !ok || i < j {
				at[b] = i
			}
		}
	}
	var found uint64
	for t := range m.terms {
		if i := strings.Index(folded, t); i >= 0 {
			add(t, i)
			found |= m.parts[t]
		}
	}
	for t := range m.inGroups {
		if m.parts[t]&^found == 0 {
			continue // its parts are found: spare the search
		}
		if i := strings.Index(folded, t); i >= 0 {
			add(t, i)
		}
	}
	out := make([]int, 0, len(at))
	for _, i := range at {
		out = append(out, i)
	}
	return out
}

// mergeWindows returns the byte ranges ws in order, those that overlap or touch joined.
func mergeWindows(ws [][2]int) [][2]int {
	slices.SortFunc(ws, func(a, b [2]int) int { return a[0] - b[0] })
	out := ws[:1]
	for _, w := range ws[1:] {
		if last := &out[len(out)-1]; w[0] <= last[1] {
			last[1] = max(last[1], w[1])
		} else {
			out = append(out, w)
		}
	}
	return out
}

// snippetWindow returns the part of a long text that locate analyses (byte offsets): from
// the clause holding the rune at match, the first place a query term appears, to the end of
// the clause about two snippets later; the whole text when it is short or has no clause
// ends near there. Analysing a part between clause ends (，。；etc.) gives exactly the words
// that analysing the whole would, since gse never makes a word across punctuation, and a
// long job description costs a few clauses instead of all of them.
func snippetWindow(text string, match int) (lo, hi int) {
	runes := []rune(text)
	if len(runes) <= 4*snippetRunes {
		return 0, len(text)
	}
	start, end := -1, -1
	for i := match - 1; i >= 0 && i >= match-snippetRunes; i-- {
		if isClauseEnd(runes[i]) {
			start = i + 1
			break
		}
	}
	if match-snippetRunes <= 0 && start < 0 {
		start = 0
	}
	for i := match + 2*snippetRunes; i < len(runes) && i < match+3*snippetRunes; i++ {
		if isClauseEnd(runes[i]) {
			end = i
			break
		}
	}
	if match+2*snippetRunes >= len(runes) {
		end = len(runes)
	}
	if start < 0 || end < 0 {
		return 0, len(text)
	}
	return len(string(runes[:start])), len(string(runes[:end]))
}

// isClauseEnd reports whether r ends a clause: no word of the segmenter holds it.
func isClauseEnd(r rune) bool {
	return strings.ContainsRune("，。；！？、：\n", r)
}

// snippetTerms adds to marks the terms and patterns of q's leaves that search the fields
// snippets are made of (title and body): those that can mark a word in a snippet. The leaves
// of a group (an expansion's words: a skill's other name, a synonym, an abbreviation's full
// name) mark only where the group's words stand in a row, never one of them alone: 日语N2
// marked 以上 (of N2以上) and 2 (of 日语2级) in every posting, and C# the 开发 of C#开发.
//
// Each leaf stands for a part of the query, part (one bit): the parts of a units query (what
// the query requires, one per word or skill) each get a bit of their own, n counting those
// given out; the words of a group stay the group's part.
func snippetTerms(q query.Query, grp []string, part uint64, n *int, marks snippetMarks) {
	switch q := q.(type) {
	case *units:
		var cs []query.Query
		switch c := q.Query.(type) {
		case *query.DisjunctionQuery:
			cs = c.Disjuncts
		case *query.ConjunctionQuery:
			cs = c.Conjuncts
		}
		if grp != nil || len(cs) == 0 {
			snippetTerms(q.Query, grp, part, n, marks)
			return
		}
		for _, c := range cs {
			*n++
			snippetTerms(c, grp, 1<<(*n%64), n, marks)
		}
	case *group:
		snippetTerms(q.Query, q.words, part, n, marks)
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			snippetTerms(c, grp, part, n, marks)
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			snippetTerms(c, grp, part, n, marks)
		}
	case *query.BooleanQuery:
		for _, c := range []query.Query{q.Must, q.Should} {
			if c != nil {
				snippetTerms(c, grp, part, n, marks)
			}
		}
	case *query.TermQuery:
		m := marks[q.FieldVal]
		switch {
		case m == nil:
			return
		case grp == nil:
			m.terms[q.Term] = true
		case !m.inGroups[q.Term] || !slices.ContainsFunc(m.groups[q.Term], func(g []string) bool { return slices.Equal(g, grp) }):
			m.inGroups[q.Term] = true
			m.groups[q.Term] = append(m.groups[q.Term], grp)
		}
		m.parts[q.Term] |= part
	case *query.RegexpQuery:
		if m := marks[q.FieldVal]; m != nil && grp == nil {
			if re, err := regexp.Compile("^(?:" + q.Regexp + ")$"); err == nil {
				m.patterns = append(m.patterns, re)
				m.patternParts = append(m.patternParts, part)
			}
		}
	}
}
