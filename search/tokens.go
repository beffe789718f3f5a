package search

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// textAnalyzer is the analyzer of the text fields. For each word gse cuts the text into, it
// emits the word, the dictionary words inside it (待处理 → 处理) and, for CJK words of three
// characters or more, the bigrams within it (科技大学 inside 西安电子科技大学), all at the
// word's position, so that adjacent words make phrases. Bigrams never cross two words: 西安
// is not in 广西|安全.
//
// Analysis is most of the cost of indexing (gse alone about a sixth of the CPU), so short
// values, which repeat across documents (skills, cities, enterprise and institution names,
// job titles), are analysed once and served from cache; long text never is.
type textAnalyzer struct {
	seg   *Segmenter
	cache *tokenCache // may be nil
}

// Analyze analyses one value.
func (a textAnalyzer) Analyze(text []byte) analysis.TokenStream {
	toks := a.tokens(string(text))
	out := make(analysis.TokenStream, len(toks))
	for i := range toks {
		out[i] = &toks[i]
	}
	return out
}

// tokens returns the tokens of text; the caller must not modify them (they may be cached).
func (a textAnalyzer) tokens(text string) []analysis.Token {
	if a.cache != nil && len(text) <= maxCachedValue {
		if toks, ok := a.cache.get(text); ok {
			return toks
		}
		toks := a.analyze(text)
		a.cache.put(text, toks)
		return toks
	}
	return a.analyze(text)
}

// analyze does the work of tokens. The tokens' terms share one copy of the folded text, and
// the tokens one array: two allocations instead of two per token.
func (a textAnalyzer) analyze(text string) []analysis.Token {
	ps, folded := a.seg.pieces(text)
	if len(ps) == 0 {
		return nil
	}
	fb := []byte(folded)
	out := make([]analysis.Token, 0, 3*len(ps))
	var seen []string  // dictionary words inside the current word, at most a few
	var spans [][2]int // their byte offsets within the word
	for i, p := range ps {
		typ := analysis.AlphaNumeric
		if p.cjk {
			typ = analysis.Ideographic
		}
		term := func(s, e int) []byte { return fb[p.fstart+s : p.fstart+e : p.fstart+e] }
		out = append(out, analysis.Token{Term: term(0, len(p.text)), Start: p.start, End: p.end, Position: i + 1, Type: typ})
		if !p.cjk {
			if name, ok := strings.CutSuffix(p.text, ".js"); ok && name != "" {
				// Vue.js is a word of its own (pieces), and says Vue: found by vue.
				out = append(out, analysis.Token{Term: term(0, len(name)), Start: p.start, End: p.end, Position: i + 1, Type: typ})
				continue
			}
			if n := letterPrefix(p.text); n > 0 {
				end := p.end
				if p.end-p.start == len(p.text) {
					end = p.start + n
				}
				out = append(out, analysis.Token{Term: term(0, n), Start: p.start, End: end, Position: i + 1, Type: typ})
			}
			continue
		}
		if i > 0 {
			out = a.seamWords(out, ps[i-1], p, fb, i+1)
		}
		if utf8.RuneCountInString(p.text) < 3 {
			continue
		}
		exact := p.end-p.start == len(p.text) // folding kept the length: offsets within are exact
		emit := func(s, e int) {
			start, end := p.start+s, p.start+e
			if !exact {
				start, end = p.start, p.end
			}
			out = append(out, analysis.Token{Term: term(s, e), Start: start, End: end, Position: i + 1, Type: typ})
		}
		seen = seen[:0]
		spans = spans[:0]
		a.seg.subWords(p.text, func(sub string, s, e int) { seen = append(seen, sub); spans = append(spans, [2]int{s, e}); emit(s, e) })
		bigrams(p.text, func(bg string, s, e int) {
			for _, w := range seen {
				if w == bg {
					return
				}
			}
			if acrossWords(spans, s, s+len(bg)-len(lastRune(bg)), e) {
				return
			}
			emit(s, e)
		})
	}
	return out
}

// seamWords appends, at position pos, the dictionary words of three characters that end with
// p, a single character, and begin in the word last before it: gse cuts 系统架构师 as 系统架构|师
// (系统架构 being a skill), and 软件架构师 软件架构|师, so the query 架构师 (a word, as 工程师
// is) found neither, though 架构 did. A role's suffix (师, 员) is where this happens.
func (a textAnalyzer) seamWords(out []analysis.Token, last, p piece, fb []byte, pos int) []analysis.Token {
	if !last.cjk || utf8.RuneCountInString(p.text) != 1 || last.fstart+len(last.text) != p.fstart ||
		strings.Contains(queryStopWords, p.text) {
		return out
	}
	rs := []rune(last.text)
	if len(rs) < 2 {
		return out
	}
	tail := string(rs[len(rs)-2:])
	w := tail + p.text
	if !a.seg.isWord(w) {
		return out
	}
	s := p.fstart - len(tail)
	start := last.start
	if last.end-last.start == len(last.text) {
		start = last.end - len(tail)
	}
	return append(out, analysis.Token{Term: fb[s : p.fstart+len(p.text) : p.fstart+len(p.text)], Start: start, End: p.end, Position: pos, Type: analysis.Ideographic})
}

// letterPrefix returns the length of the letters of a Latin word that is two letters or more
// and then digits only: pcg of pcg10 (腾讯's PCG10-后台开发), mj of mj000280, html of html5,
// python of python3, which a query of the letters alone finds too; 0 for any other word
// (j2ee, h5, c2c, 5g: a single letter would be the language C or R).
func letterPrefix(w string) int {
	i := 0
	for i < len(w) && w[i] >= 'a' && w[i] <= 'z' {
		i++
	}
	if i < 2 || i == len(w) {
		return 0
	}
	for j := i; j < len(w); j++ {
		if w[j] < '0' || w[j] > '9' {
			return 0
		}
	}
	return i
}

// acrossWords reports whether the bigram [s, e) of a word, its second character at m, joins
// the ends of two dictionary words inside the word (spans): 西电 of 陕|西电|子 in 陕西|电子信息
// 职业技术学院. Such a bigram is no substring anyone means: since single characters gse does not
// know are one word (joins), the query 西电 would find it; a bigram of characters no dictionary
// word covers (微信 of 微信小程序) stays.
func acrossWords(spans [][2]int, s, m, e int) bool {
	endsAt, startsAt := false, false
	for _, sp := range spans {
		if sp[0] <= s && sp[1] == m {
			endsAt = true
		}
		if sp[0] == m && sp[1] >= e {
			startsAt = true
		}
		if sp[0] < m && sp[1] > m {
			return false // one word holds both characters
		}
	}
	return endsAt && startsAt
}

// lastRune returns the last character of s.
func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// listSep joins the values of a list field (skills, names, places) into the one value that
// listAnalyzer and keywordList cut apart again. One field holding every value costs bleve
// one field instead of one per value; it indexes the same terms with the same frequencies
// and length, which is all the index keeps of fields without term vectors.
const listSep = "\x1e"

// joinList joins values with listSep, dropping the separator from the values themselves.
func joinList(values []string) string {
	for i, v := range values {
		if strings.Contains(v, listSep) {
			values[i] = strings.ReplaceAll(v, listSep, " ")
		}
	}
	return strings.Join(values, listSep)
}

// listGap separates the positions of two values of a list, so that they never make a phrase.
const listGap = 100

// listAnalyzer is textAnalyzer over each value of a list joined by listSep, with offsets in
// the joined text.
type listAnalyzer struct{ text textAnalyzer }

func (a listAnalyzer) Analyze(text []byte) analysis.TokenStream {
	var (
		toks  []analysis.Token
		parts = strings.Split(string(text), listSep)
		off   int
		pos   int
	)
	for _, part := range parts {
		for _, t := range a.text.tokens(part) {
			t.Start += off
			t.End += off
			t.Position += pos
			toks = append(toks, t)
		}
		if len(toks) > 0 {
			pos = toks[len(toks)-1].Position + listGap
		}
		off += len(part) + len(listSep)
	}
	out := make(analysis.TokenStream, len(toks))
	for i := range toks {
		out[i] = &toks[i]
	}
	return out
}

// keywordList makes each value of a list joined by listSep one term, as bleve's keyword
// analyzer does with a single value.
type keywordList struct{}

func (keywordList) Analyze(text []byte) analysis.TokenStream {
	n := 1 + strings.Count(string(text), listSep)
	toks := make([]analysis.Token, 0, n)
	off := 0
	for i, part := range strings.Split(string(text), listSep) {
		if part != "" {
			toks = append(toks, analysis.Token{Term: text[off : off+len(part) : off+len(part)],
				Start: off, End: off + len(part), Position: i + 1, Type: analysis.AlphaNumeric})
		}
		off += len(part) + len(listSep)
	}
	out := make(analysis.TokenStream, len(toks))
	for i := range toks {
		out[i] = &toks[i]
	}
	return out
}

// maxCachedValue is the longest value (bytes) whose analysis is cached: names, skills,
// places and titles, not descriptions.
const maxCachedValue = 64

// maxCachedValues bounds the cache: 8192 values of at most 64 bytes and their tokens,
// a few MB. Enough for the skills, cities, degrees and frequent names that repeat; unique
// titles pass through it. When full it starts again empty.
const maxCachedValues = 1 << 13

// tokenCache holds the tokens of short values. It belongs to one Index and is safe for
// concurrent use (bleve analyses the documents of a batch on several goroutines).
type tokenCache struct {
	mu sync.RWMutex
	m  map[string][]analysis.Token
}

func newTokenCache() *tokenCache {
	return &tokenCache{m: make(map[string][]analysis.Token)}
}

func (c *tokenCache) get(text string) ([]analysis.Token, bool) {
	c.mu.RLock()
	toks, ok := c.m[text]
	c.mu.RUnlock()
	return toks, ok
}

func (c *tokenCache) put(text string, toks []analysis.Token) {
	c.mu.Lock()
	if len(c.m) >= maxCachedValues {
		clear(c.m)
	}
	c.m[strings.Clone(text)] = toks
	c.mu.Unlock()
}

// newAnalyzers returns the analyzers of an Index, sharing one token cache.
func newAnalyzers(seg *Segmenter, en, keyword analysis.Analyzer) analyzers {
	text := textAnalyzer{seg: seg, cache: newTokenCache()}
	return analyzers{text: text, list: listAnalyzer{text}, keys: keywordList{}, en: enAnalyzer{en}, keyword: keyword}
}
