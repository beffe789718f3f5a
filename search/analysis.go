package search

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	unicodetokenizer "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/go-ego/gse"

	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// All text analysis is declared here (README: Searching). Chinese text is cut into words by gse
// (with a domain dictionary: skills, institution names, policy words), and each text field
// holds, at each word's position, the word itself (precise: boosted at query time), the
// dictionary words inside it (待处理 also yields 处理, 西安电子科技大学 also 西安, 电子, 科技,
// 大学) and the bigrams within it (recall for substrings the dictionary does not know) — never
// a bigram across two words, so 西安 does not match 广西|安全 nor 运维 货运|维修. Words and
// bigrams share one field rather than two: measured on 20k synthetic documents, two fields
// cost twice the analysis (1.2k docs/s) and 3.2× the documents' size on disk.
//
// The analyzer is a Go value held by the Index (it captures the Segmenter, loaded once per
// process): documents are built with bleve's IndexAdvanced and queries are analysed in code,
// so nothing is registered in bleve's global registry. Latin words also go, stemmed, to the
// English field through the mapping's analyzer xiaoqi_en.
//
// Every analyzer folds first: full-width → half-width, traditional → simplified (with a
// taxonomy) and lower case, keeping the offsets of the original text for highlighting.

// Analyzer names, recorded in the index's mapping.
const (
	// analyzerZH is what bleve's "cjk" analyzer does; the mapping names it for the text fields
	// so that the mapping documents them, although documents arrive analysed by textAnalyzer.
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

// domainFreq is the dictionary frequency given to domain words (skill names, institution
// names and abbreviations): high enough that 公众号 beats 公众|号, as in gse's own examples.
const domainFreq = 100000

// domainGlossary are words of the service-outsourcing policy and its users that gse's general
// dictionary cuts wrongly (留学生在 → 留学|生在, 云计算 → 云|计算), or cuts into words that
// mean less than the whole: 资金支持, a synonym of 补贴, cut as 资金|支持, found its 支持 in
// item (十)'s title 加大财政支持力度, which then came before item (十二) for 留学回国 创业 补贴.
// 测开, the trade's short 测试开发, was 测|开, and 开 a function character: the query was 测
// alone, which found every 测绘工程 program.
const domainGlossary = `留学生 留学人员 服务外包 外包企业 产学研 一带一路 示范城市 云计算 大数据 运维
人工智能 数据分析 数据标注 公众号 新媒体 动漫 离岸外包 在岸外包 人才培训 实训基地
海归 留学回国 留学归国 留学生回国 回国留学生 归国留学生 开公司 办公司 开办公司 注册公司
资金支持 程序员 程序猿 码农 对日外包 对韩外包 欧美外包
杨凌 杨凌示范区 西咸 西咸新区
测开`

// dictTokens is a little more than the words of gse's simplified dictionary and ours.
const dictTokens = 360000

// Segmenter cuts text into words: gse with its simplified-Chinese dictionary and the domain
// words given to NewSegmenter. Loading takes about 3 s and 130 MB (measured on the 2-core
// build machine), so a process loads one and passes it to every Index through Options. It is
// immutable once built and safe for concurrent use.
type Segmenter struct {
	gse gse.Segmenter
	tax *skill.Taxonomy // folds traditional characters; nil folds width and case only
}

// NewSegmenter loads gse's embedded simplified dictionary (never LoadDict, which reads the
// module cache) and adds the domain words: every skill name and alias of tax, and words
// (institution names and their abbreviations). tax may be nil.
func NewSegmenter(tax *skill.Taxonomy, words ...string) (*Segmenter, error) {
	s := &Segmenter{tax: tax}
	s.gse.SkipLog = true
	s.gse.NotLoadHMM = true // precise mode only (Segment); the HMM serves Cut with hmm
	// Loading is start-up time of every process, about 2 s. The domain words go in first:
	// gse's loader then keeps them (with their weight) over its own entries for the same
	// words, and computes every word's path weight once at its end (CalcToken, a third of
	// the time, would otherwise run again after our words). The token array is sized at
	// once rather than grown one append at a time.
	s.gse.Dict = gse.NewDict()
	s.gse.Dict.Tokens = make([]gse.Token, 0, dictTokens)
	s.gse.Init()
	add := func(w string) error {
		w = s.fold(w)
		if utf8.RuneCountInString(w) < 2 || !hasCJK(w) || !allCJK(w) {
			// Latin words are cut at script boundaries anyway; a mixed word (java开发)
			// would hide its parts from other queries.
			return nil
		}
		return s.gse.AddToken(w, domainFreq, "nz") // a repeat is ignored
	}
	if tax != nil {
		for _, set := range tax.Synonyms() {
			for _, w := range set.Terms {
				if err := add(w); err != nil {
					return nil, fmt.Errorf("search: domain word %q: %w", w, err)
				}
			}
		}
	}
	for _, w := range append(strings.Fields(domainGlossary), words...) {
		if err := add(w); err != nil {
			return nil, fmt.Errorf("search: domain word %q: %w", w, err)
		}
	}
	if err := s.gse.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("search: load gse dictionary: %w", err)
	}
	return s, nil
}

// fold returns s folded: lower case, half width, simplified (with a taxonomy).
func (s *Segmenter) fold(str string) string {
	f, _ := s.foldOffsets(str)
	return strings.TrimSpace(f)
}

// titleKey is the title a user types for str: folded, its letters and digits only (Python
// 开发工程师, python开发工程师（） and PYTHON开发工程师 are one key).
func (s *Segmenter) titleKey(str string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s.fold(str))
}

// foldOffsets folds text rune by rune (every rune stays one rune, white space becomes ' ')
// and returns, for every byte offset of the folded text, the offset in text.
func (s *Segmenter) foldOffsets(text string) (string, []int) {
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch {
		case unicode.IsSpace(r) || r == 0:
			r = 0 // kept one rune through the taxonomy's fold, which would collapse spaces
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		if r < utf8.RuneSelf {
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	folded := b.String()
	if s.tax != nil && hasCJK(folded) {
		if f := s.tax.Fold(folded); utf8.RuneCountInString(f) == utf8.RuneCountInString(folded) {
			folded = f
		}
	}
	folded = strings.ReplaceAll(folded, "\x00", " ")
	orig := make([]int, len(folded)+1)
	i := 0 // offset in text
	j := 0 // offset in folded
	for j < len(folded) && i < len(text) {
		_, n := utf8.DecodeRuneInString(folded[j:])
		_, m := utf8.DecodeRuneInString(text[i:])
		for k := 0; k < n; k++ {
			orig[j+k] = i
		}
		i, j = i+m, j+n
	}
	for ; j <= len(folded); j++ {
		orig[j] = len(text)
	}
	return folded, orig
}

// piece is one word of a text, folded, with its offsets in the original text.
type piece struct {
	text       string
	start, end int // in the original text
	fstart     int // offset of text in the folded text
	cjk        bool
	joined     bool // single characters joined into one word (joins)
}

// pieces cuts text into its words (gse's precise mode), folded, leaving out white space and
// punctuation. It also returns the folded text, of which every piece's text is a substring.
func (s *Segmenter) pieces(text string) ([]piece, string) {
	folded, orig := s.foldOffsets(text)
	segs := s.gse.Segment([]byte(folded))
	out := make([]piece, 0, len(segs))
	for _, sg := range segs {
		start, end := sg.Start(), sg.End()
		w := folded[start:end]
		if !hasWordRune(w) {
			continue
		}
		if !hasCJK(w) {
			start, end = symbolWord(folded, start, end)
			w = folded[start:end]
		}
		p := piece{text: w, start: orig[start], end: orig[end], fstart: start, cjk: hasCJK(w)}
		if n := len(out); n > 0 && decimal(folded, out[n-1], p) {
			// 3.5 is one number: cut at its point, 3.5 found every posting that numbers a line
			// 3. and another 5., and the salary 3.5-5千 ranked 134th.
			out[n-1].text = folded[out[n-1].fstart : start+len(w)]
			out[n-1].end = p.end
			continue
		}
		if n := len(out); n > 0 && jsName(folded, out[n-1], p) {
			// Vue.js is one word, as Node.js is typed: cut at its point, the js of Vue.js
			// found every posting that says JS, and 高级JS开发 came first for Vue.js, whose
			// title holds the js and no vue (textAnalyzer also emits vue, for Vue).
			out[n-1].text = folded[out[n-1].fstart : start+len(w)]
			out[n-1].end = p.end
			continue
		}
		if n := len(out); n > 0 && joins(out[n-1], p) {
			out[n-1].text = folded[out[n-1].fstart : start+len(w)]
			out[n-1].end = p.end
			out[n-1].joined = true
			continue
		}
		out = append(out, p)
	}
	return out, folded
}

// decimal reports whether p is the digits after the point of a number whose digits before it
// are last: 5 of 3.5.
func decimal(folded string, last, p piece) bool {
	end := last.fstart + len(last.text)
	return p.fstart == end+1 && folded[end] == '.' && allDigits(last.text) && allDigits(p.text)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// maxJoined is the most characters joins makes one word of.
const maxJoined = 4

// joins reports whether the next piece p, a single character, continues the characters that
// gse's dictionary left single before it (last): words it does not know, 微信, 全栈, 校招,
// cut 微|信. Kept single, the query 微信 asked for the characters 微 and 信 as words,
// which 微信小程序 (one word, holding 微信 as a bigram) is not: a firm's 微信 posting was not
// found by 微信 (TestRealTextSearch). Function characters (的, 与, 在 …) stay alone.
func joins(last, p piece) bool {
	if !last.cjk || !p.cjk || last.fstart+len(last.text) != p.fstart || utf8.RuneCountInString(p.text) != 1 {
		return false
	}
	n := 0
	for _, r := range last.text {
		if strings.ContainsRune(queryStopWords, r) {
			return false
		}
		n++
	}
	if n >= maxJoined || strings.Contains(queryStopWords, p.text) {
		return false
	}
	// last is a run of single characters: each joined piece was single (a word of two
	// characters or more is never joined to).
	return n == 1 || last.joined
}

// symbolWord widens the Latin word folded[start:end] to the name it is part of when that name
// ends or starts with a symbol: vc → vc++, f → f#, net → .net (gse cuts c++ and c# itself, not
// these). Those are other languages than c, vc or net: C++ must not find every job that says C.
func symbolWord(folded string, start, end int) (int, int) {
	w := folded[start:end]
	switch {
	case len(w) <= 2 && isASCIILetters(w) && strings.HasPrefix(folded[end:], "++"):
		end += 2
	case len(w) <= 2 && isASCIILetters(w) && strings.HasPrefix(folded[end:], "#"):
		end++
	case w == "net" && start > 0 && folded[start-1] == '.':
		start--
	}
	return start, end
}

// isASCIILetters reports whether s is made of ASCII letters only.
func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

// symbolTerm matches, in lower-case Latin text, the names that end or start with a symbol
// (c++, vc++, c#, f#, .net): the English analyzer's tokenizer would cut them to c, vc, f, net.
var symbolTerm = regexp.MustCompile(`[a-z]{1,2}(?:\+\+|#)|\.net`)

// enAnalyzer is the English field's analyzer (the mapping's xiaoqi_en) that keeps the names
// symbolTerm matches whole, as the text fields' words do, with their offsets.
type enAnalyzer struct{ std analysis.Analyzer }

func (a enAnalyzer) Analyze(text []byte) analysis.TokenStream {
	lower := make([]byte, len(text))
	for i, c := range text {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	var locs [][]int
	if !bytes.Contains(lower, []byte("++")) && bytes.IndexByte(lower, '#') < 0 && !bytes.Contains(lower, []byte(".net")) {
		return a.std.Analyze(text) // nothing symbolTerm could match: most texts
	}
	for _, m := range symbolTerm.FindAllIndex(lower, -1) {
		// A Latin letter or digit next to it makes it part of a word (abc#); Chinese text and
		// punctuation do not: 、c#、 of a posting's tags, or 熟悉c#开发, is C#, whose c found
		// the jobs asking for C.
		before := m[0] > 0 && isASCIIWordByte(lower[m[0]-1])
		after := m[1] < len(lower) && isASCIIWordByte(lower[m[1]])
		if lower[m[0]] == '.' && !after || lower[m[0]] != '.' && !before {
			locs = append(locs, m)
		}
	}
	if len(locs) == 0 {
		return a.std.Analyze(text)
	}
	var out analysis.TokenStream
	pos, last := 0, 0
	gap := func(lo, hi int) {
		for _, t := range a.std.Analyze(text[lo:hi]) {
			t.Start, t.End, t.Position = t.Start+lo, t.End+lo, t.Position+pos
			out = append(out, t)
		}
		if len(out) > 0 {
			pos = out[len(out)-1].Position
		}
	}
	for _, m := range locs {
		gap(last, m[0])
		pos++
		out = append(out, &analysis.Token{Term: lower[m[0]:m[1]:m[1]], Start: m[0], End: m[1], Position: pos, Type: analysis.AlphaNumeric})
		last = m[1]
	}
	gap(last, len(text))
	return out
}

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}

// subWords returns the dictionary words of two or three characters inside the CJK word w
// (gse's search mode, with offsets): 待处理 → 处理; 西安电子科技大学 → 西安, 电子, 科技, 大学.
// It calls fn with the byte offsets of each within w.
func (s *Segmenter) subWords(w string, fn func(sub string, start, end int)) {
	var starts []int
	for i := range w {
		starts = append(starts, i)
	}
	n := len(starts)
	if n < 3 {
		return
	}
	starts = append(starts, len(w))
	for size := 2; size <= 3 && size < n; size++ {
		for i := 0; i+size <= n; i++ {
			sub := w[starts[i]:starts[i+size]]
			if s.isWord(sub) {
				fn(sub, starts[i], starts[i+size])
			}
		}
	}
}

// isWord reports whether w is a word of the dictionary (Find also says so of mere prefixes
// of words, with no frequency).
func (s *Segmenter) isWord(w string) bool {
	f, _, ok := s.gse.Dict.Find([]byte(w))
	return ok && f > 0
}

// cover returns the two-character dictionary words that cover the CJK word w from left to
// right, skipping characters that start none: 软件测试 → 软件, 测试; 计算机科学 → 计算, 科学.
// A document that cut the same text into smaller words holds them (see subWords).
func (s *Segmenter) cover(w string) []string {
	rs := []rune(w)
	if len(rs) < 3 {
		return nil
	}
	var out []string
	for i := 0; i+1 < len(rs); {
		sub := string(rs[i : i+2])
		if s.isWord(sub) {
			out = append(out, sub)
			i += 2
			continue
		}
		i++
	}
	return out
}

// bigrams calls fn with the overlapping bigrams of the CJK word w, or w itself when it is a
// single character, with their byte offsets within w.
func bigrams(w string, fn func(bg string, start, end int)) {
	prev, prevStart := -1, 0
	count := 0
	for i := range w {
		if prev >= 0 {
			_, n := utf8.DecodeRuneInString(w[i:])
			fn(w[prevStart:i+n], prevStart, i+n)
		}
		prev, prevStart = 1, i
		count++
	}
	if count == 1 {
		fn(w, 0, len(w))
	}
}

// qword is one word of a query, with what it may match.
type qword struct {
	text  string
	typed string // as the user wrote it: what a relaxed answer names (SearchResult.Unmatched)
	cjk   bool
	subs  []string // the two-character dictionary words that cover it, left to right (软件测试 → 软件, 测试)
	bigs  []string // its bigrams (CJK words of two or more characters)
}

// englishStopWords are the English function words left out of a query that has other words:
// "subsidy for startups in Baoji" must not require for and in; nor "Japanese speaking customer
// service" its speaking, nor "fluent English" its fluent: the words that say how well, as
// proficiencyWords in Chinese (speaking was named as found nowhere).
var englishStopWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "for": true, "in": true, "on": true,
	"at": true, "to": true, "and": true, "or": true, "with": true, "by": true, "from": true, "is": true, "are": true,
	"who": true, "can": true, "speak": true, "speaks": true, "speaking": true, "spoken": true, "fluent": true, "proficient": true,
	"good": true, "strong": true, "skilled": true, "excellent": true, "native": true, "skill": true, "skills": true,
	"language": true, "languages": true, // German language is German (德语), which the documents say
	// What a question asks of them (jobs requiring CET-6 listed 需求分析师 jobs: requiring
	// is a word of Requirements analysis), and the people who have it (call center staff).
	"require": true, "requires": true, "requiring": true, "required": true,
	"offer": true, "offers": true, "offering": true, "teach": true, "teaches": true, "teaching": true,
	"have": true, "has": true, "having": true, "know": true, "knows": true, "knowing": true, "staff": true, "people": true,
	// The words of a question (where to start an outsourcing company, which city has most
	// software testing jobs), as askWords in Chinese: required, they were named as found nowhere.
	"what": true, "which": true, "where": true, "how": true, "when": true, "why": true, "most": true, "do": true,
	"does": true, "i": true, "we": true, "you": true, "any": true, "there": true, "get": true, "find": true, "looking": true,
	"want": true}

// queryStopWords are one-character function words left out of a query that has other words:
// "软件开发与测试" must not require 与, nor a question (海归在西安开公司有补贴吗) its 在 and 有,
// nor 英语口语好 its 好 (see proficiencyWords).
// gse cuts them alone only where they are no part of a word (有限, 开发, 要求 stay words).
const queryStopWords = "的与和及或在了是等之有吗呢吧啊呀么我你想要能会可去把被让给从向到为于就都也还又很开个好强做"

// queryWords analyses a query like the document fields: its words, each with its dictionary
// sub-words and bigrams, in order, without repeats.
func (s *Segmenter) queryWords(q string) []qword {
	ps, _ := s.pieces(q)
	out := make([]qword, 0, len(ps))
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.text] {
			continue
		}
		seen[p.text] = true
		w := qword{text: p.text, typed: q[p.start:p.end], cjk: p.cjk}
		if p.cjk {
			w.subs = s.cover(p.text)
			if utf8.RuneCountInString(p.text) >= 2 {
				bigrams(p.text, func(bg string, _, _ int) { w.bigs = append(w.bigs, bg) })
			}
		}
		out = append(out, w)
	}
	return dropStopWords(out, false)
}

// dropStopWords leaves the function words out of words that has other words, or of any words
// when the query has other parts (others: a sector or an abbreviation that wordUnits takes
// out; 做 and 去 of 做动漫外包去 were required beside the sector 动漫外包).
func dropStopWords(words []qword, others bool) []qword {
	if len(words) < 2 && !others {
		return words
	}
	kept := make([]qword, 0, len(words))
	for _, w := range words {
		if utf8.RuneCountInString(w.text) == 1 && strings.Contains(queryStopWords, w.text) || englishStopWords[w.text] {
			continue
		}
		kept = append(kept, w)
	}
	if len(kept) == 0 && !others {
		return words
	}
	return kept
}

// analyzers holds the analyzers of an Index.
type analyzers struct {
	text    analysis.Analyzer // textAnalyzer
	list    analysis.Analyzer // textAnalyzer over the values of a list, joined by listSep
	keys    analysis.Analyzer // keywordList: each value of a list, joined by listSep, one term
	en      analysis.Analyzer // the mapping's xiaoqi_en
	keyword analysis.Analyzer // the whole value as one term
}

// stems returns the English stems of the Latin word w.
func (a analyzers) stems(w string) []string {
	var out []string
	for _, t := range a.en.Analyze([]byte(w)) {
		out = append(out, string(t.Term))
	}
	return out
}

// latinText keeps the runs of non-CJK letters and digits of s, the part the English field
// indexes; CJK text is left to the word and bigram fields.
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
	switch {
	case r < 0x1100: // below Hangul Jamo, the first of these scripts (Latin, digits, punctuation)
		return false
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs: nearly every Chinese character
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func hasCJK(s string) bool {
	for _, r := range s {
		if isCJK(r) {
			return true
		}
	}
	return false
}

func allCJK(s string) bool {
	for _, r := range s {
		if !isCJK(r) {
			return false
		}
	}
	return true
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
