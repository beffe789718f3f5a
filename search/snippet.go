package search

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	"github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simplehighlighter "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
	"github.com/blevesearch/bleve/v2/search/query"
)

// snippetRunes is the length of a snippet, in characters.
const snippetRunes = 80

// newHighlighter returns bleve's simple highlighter with short fragments and markFormatter.
func newHighlighter() highlight.Highlighter {
	return simplehighlighter.NewHighlighter(simple.NewFragmenter(snippetRunes), markFormatter{}, "…")
}

// snippet returns HTML: the best passage of the body with the query's terms in <mark>, else
// the title marked when only it matched, else the start of the body. Text is escaped.
func (x *Index) snippet(h *search.DocumentMatch, title, body string) string {
	for _, f := range []struct{ name, text string }{{fieldBody, body}, {fieldTitle, title}} {
		if f.text == "" || len(h.Locations[f.name]) == 0 {
			continue
		}
		doc := document.NewDocument(h.ID).AddField(document.NewTextField(f.name, nil, []byte(f.text)))
		if s := x.hl.BestFragmentInField(h, doc, f.name); s != "" {
			return s
		}
	}
	if utf8.RuneCountInString(body) <= snippetRunes {
		return html.EscapeString(body)
	}
	return html.EscapeString(string([]rune(body)[:snippetRunes])) + "…"
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
func (x *Index) locate(q query.Query, hits search.DocumentMatchCollection) {
	marks := map[string]*fieldMarks{fieldTitle: newFieldMarks(), fieldBody: newFieldMarks()}
	snippetTerms(q, nil, marks)
	for _, h := range hits {
		for _, f := range []string{fieldTitle, fieldBody} {
			m := marks[f]
			text, _ := h.Fields[f].(string)
			if text == "" {
				continue
			}
			folded, _ := x.seg.foldOffsets(text) // rune for rune
			first := firstIndex(folded, m.terms)
			if first < 0 {
				first = firstIndex(folded, m.inGroups)
			}
			if len(m.patterns) == 0 && first < 0 {
				continue // nothing to mark: spare the segmenter, the costly part
			}
			lo, hi := 0, len(text)
			if len(m.patterns) == 0 {
				lo, hi = snippetWindow(text, utf8.RuneCountInString(folded[:first]))
			}
			// The first place a term appears may be inside another word (西安 in 广西安全):
			// then the rest of the text.
			if !x.locateIn(h, f, text, lo, hi, m) && (lo > 0 || hi < len(text)) {
				x.locateIn(h, f, text[:lo], 0, lo, m)
				x.locateIn(h, f, text, hi, len(text), m)
			}
		}
	}
}

// fieldMarks are what a snippet of one field may mark: terms anywhere, terms matching
// patterns, and the words of groups (an expansion's words), only where a whole group stands.
type fieldMarks struct {
	terms    map[string]bool
	patterns []*regexp.Regexp
	groups   map[string][][]string // word → the groups that hold it
	inGroups map[string]bool       // the words of groups
}

func newFieldMarks() *fieldMarks {
	return &fieldMarks{terms: map[string]bool{}, groups: map[string][][]string{}, inGroups: map[string]bool{}}
}

// locateIn adds to h the locations in field f of the terms and patterns found in text[lo:hi],
// and of the words of groups where the whole group stands in a row, reporting whether there
// were any.
func (x *Index) locateIn(h *search.DocumentMatch, f, text string, lo, hi int, m *fieldMarks) bool {
	found := false
	toks := x.analyzers.text.Analyze([]byte(text[lo:hi]))
	var at map[int]map[string]bool // position → terms: only when a group's word is there
	for _, tok := range toks {
		t := string(tok.Term)
		single := m.terms[t] || slices.ContainsFunc(m.patterns, func(re *regexp.Regexp) bool { return re.MatchString(t) })
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

// firstIndex returns the byte offset of the first of terms in s, or -1.
func firstIndex(s string, terms map[string]bool) int {
	first := -1
	for t := range terms {
		if i := strings.Index(s, t); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
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
func snippetTerms(q query.Query, grp []string, marks map[string]*fieldMarks) {
	switch q := q.(type) {
	case *group:
		snippetTerms(q.Query, q.words, marks)
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			snippetTerms(c, grp, marks)
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			snippetTerms(c, grp, marks)
		}
	case *query.BooleanQuery:
		for _, c := range []query.Query{q.Must, q.Should} {
			if c != nil {
				snippetTerms(c, grp, marks)
			}
		}
	case *query.TermQuery:
		m := marks[q.FieldVal]
		switch {
		case m == nil:
		case grp == nil:
			m.terms[q.Term] = true
		case !m.inGroups[q.Term] || !slices.ContainsFunc(m.groups[q.Term], func(g []string) bool { return slices.Equal(g, grp) }):
			m.inGroups[q.Term] = true
			m.groups[q.Term] = append(m.groups[q.Term], grp)
		}
	case *query.RegexpQuery:
		if m := marks[q.FieldVal]; m != nil && grp == nil {
			if re, err := regexp.Compile("^(?:" + q.Regexp + ")$"); err == nil {
				m.patterns = append(m.patterns, re)
			}
		}
	}
}
