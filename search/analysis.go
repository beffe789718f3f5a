package search

import (
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	unicodetokenizer "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// All text analysis is declared here: the analyzers the mapping names and the query-side
// helpers that must agree with them. Word segmentation (gse) will join here;
// skill synonyms are applied to queries only (synonyms.go).

// Analyzer names, recorded in the index's mapping.
const (
	// analyzerZH is what bleve's "cjk" analyzer does, under our own name so that it can grow:
	// Unicode word boundaries, full-width → half-width, lower case, and overlapping CJK
	// bigrams (软件测试 → 软件 件测 测试). Latin words pass through lower-cased.
	analyzerZH = "xiaoqi_zh"
	// analyzerEN serves the Latin words of a document: lower case, English stop words and
	// Porter stemming, so that "testing" finds "test".
	analyzerEN = "xiaoqi_en"
)

// addAnalysis declares the custom analyzers on m.
func addAnalysis(m *mapping.IndexMappingImpl) error {
	if err := m.AddCustomAnalyzer(analyzerZH, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicodetokenizer.Name,
		"token_filters": []any{cjk.WidthName, lowercase.Name, cjk.BigramName},
	}); err != nil {
		return err
	}
	return m.AddCustomAnalyzer(analyzerEN, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicodetokenizer.Name,
		"token_filters": []any{cjk.WidthName, en.PossessiveName, lowercase.Name, en.StopName, porter.Name},
	})
}

// analyzers holds the analyzers a query is analyzed with, taken from the index's mapping.
type analyzers struct {
	zh, en analysis.Analyzer
}

// terms returns the distinct terms of text under a, in order of first appearance, with
// whether each is a lone CJK character (a unigram, which the index holds only inside bigrams).
func terms(a analysis.Analyzer, text string) []term {
	var out []term
	seen := map[string]bool{}
	for _, t := range a.Analyze([]byte(text)) {
		s := string(t.Term)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, term{text: s, unigram: t.Type == analysis.Single || t.Type == analysis.Ideographic, latin: t.Type == analysis.AlphaNumeric})
	}
	return out
}

type term struct {
	text    string
	unigram bool // a single CJK character
	latin   bool // a word of letters (possibly with digits)
}

// latinText keeps the runs of non-CJK letters and digits of s, the part the English field
// indexes; CJK text is left to the bigram fields.
func latinText(s string) string {
	hasLatin := false
	out := strings.Map(func(r rune) rune {
		switch {
		case isCJK(r):
			return ' '
		case unicode.IsLetter(r):
			hasLatin = true
		}
		return r
	}, s)
	if !hasLatin {
		return ""
	}
	return strings.Join(strings.Fields(out), " ")
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}
