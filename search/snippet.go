package search

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	"github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simplehighlighter "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
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
