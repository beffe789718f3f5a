package search

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/xiaoqi-dev/xiaoqi"
)

var _ xiaoqi.Suggester = (*Index)(nil)

// maxSuggestScan bounds the dictionary entries one suggestion request reads: a one-letter
// prefix over a million documents must stay cheap. The most frequent completions among the
// first maxSuggestScan (in folded order) are returned.
const maxSuggestScan = 5000

// minAliasPrefix is the shortest prefix that suggests the names abbreviations stand for: one
// character (西) starts dozens of them.
const minAliasPrefix = 2

// Suggest completes prefix for search-as-you-type: job and program titles, skills,
// institution and enterprise names that start with it (folded: case, width and traditional
// characters do not matter), the most frequent first, at most limit (default 10, at most
// MaxSuggestions). An abbreviation (Options.Aliases), typed whole or begun, suggests the names
// it stands for: 西电 and XDU suggest 西安电子科技大学, first when typed whole; the beginning of a
// skill's English name suggests the name (suggestEnglish), and that of an institution's
// English name the English name (suggestSchools: Xi'an Jiao, xian jiao → Xi'an Jiaotong
// University). The names come from the index's term dictionary, never the documents. The
// words that ask for a kind or for the policy are suggested too, counted as their searches
// find, and the places, counted as the documents there (suggestWords: 培训机 → 培训机构, 雁 →
// 雁塔区); when nothing begins with the whole prefix, its last word is completed after the
// others (inContext: 西安 软 → 西安 软件测试, counted as the documents so named that hold 西安).
func (x *Index) Suggest(ctx context.Context, prefix string, limit int) ([]xiaoqi.Suggestion, error) {
	return x.SuggestKind(ctx, prefix, limit, "")
}

// SuggestKind is Suggest among the documents of kind (the tab a user types in; "": all): each
// suggestion counted among them, those none of them has left out (inKinds).
func (x *Index) SuggestKind(ctx context.Context, prefix string, limit int, kind xiaoqi.Kind) ([]xiaoqi.Suggestion, error) {
	var kinds []xiaoqi.Kind
	if kind != "" {
		if !slices.Contains(xiaoqi.Kinds, kind) || kind == xiaoqi.KindPartnership {
			return nil, invalid("type", "未知类型 %[1]q / unknown type %[1]q", kind)
		}
		kinds = []xiaoqi.Kind{kind}
	}
	switch {
	case !utf8.ValidString(prefix):
		return nil, invalid("q", "编码无效：不是有效的 UTF-8 / is not valid UTF-8")
	case utf8.RuneCountInString(prefix) > xiaoqi.MaxSuggestLength:
		return nil, invalid("q", "最多 %d 个字 / must be at most %d characters", xiaoqi.MaxSuggestLength, xiaoqi.MaxSuggestLength)
	case limit < 0 || limit > xiaoqi.MaxSuggestions:
		return nil, invalid("limit", "须在 1 至 %d 之间 / must be between 1 and %d", xiaoqi.MaxSuggestions, xiaoqi.MaxSuggestions)
	case limit == 0:
		limit = 10
	}
	p := x.seg.fold(prefix)
	if p == "" {
		return []xiaoqi.Suggestion{}, nil
	}
	out, named, err := x.completions(ctx, prefix, p)
	if err == nil && kinds != nil {
		out, err = x.inKinds(ctx, out, named, kinds)
	}
	if err != nil {
		return nil, fmt.Errorf("search: suggest %q: %w", prefix, closedErr(err))
	}
	if len(out) == 0 {
		// Nothing begins with the whole (培训机 is 培训机构 begun, not 培训 and 机 begun).
		more, err := x.inContext(ctx, prefix, limit, kinds)
		if err != nil {
			return nil, fmt.Errorf("search: suggest %q: %w", prefix, closedErr(err))
		}
		out = append(out, more...)
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// completions returns what begins with the folded prefix p (typed as prefix), in the order
// Suggest gives: the names an abbreviation typed whole stands for first, then the most
// frequent, the shortest, by text. named maps, folded, those that are names of the suggest
// field to themselves and the English names of skills, majors and schools to their Chinese
// names, which they are counted as (not asking words or places).
func (x *Index) completions(ctx context.Context, prefix, p string) (out []xiaoqi.Suggestion, named map[string]string, err error) {
	terms, err := x.prefixTerms(ctx, fieldSuggest, p, maxSuggestScan)
	if err != nil {
		return nil, nil, err
	}
	byFolded := map[string]*xiaoqi.Suggestion{}
	for _, tc := range terms {
		folded, text, ok := strings.Cut(tc.term, suggestSep)
		if !ok {
			continue
		}
		if s := byFolded[folded]; s != nil {
			s.Count += tc.count
		} else {
			byFolded[folded] = &xiaoqi.Suggestion{Text: text, Count: tc.count}
		}
	}
	whole, err := x.suggestAliases(ctx, p, byFolded)
	if err == nil {
		err = x.suggestAbbreviated(ctx, prefix, byFolded, whole)
	}
	var spelt map[string]bool
	if err == nil {
		spelt, err = x.suggestPinyin(ctx, prefix, p, byFolded)
	}
	named = make(map[string]string, len(byFolded))
	for f := range byFolded {
		named[f] = f
	}
	if err == nil {
		err = x.suggestEnglish(ctx, p, byFolded, named)
	}
	if err == nil {
		err = x.suggestSchools(ctx, prefix, byFolded, whole, named)
	}
	if err == nil {
		err = x.suggestWords(ctx, p, byFolded)
	}
	if err != nil {
		return nil, nil, err
	}
	out = make([]xiaoqi.Suggestion, 0, len(byFolded))
	for _, s := range byFolded {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if wi, wj := whole[out[i].Text], whole[out[j].Text]; wi != wj {
			return wi
		}
		if si, sj := spelt[out[i].Text], spelt[out[j].Text]; si != sj && out[i].Count == out[j].Count {
			// The name the words typed begin (Xi'an Jiaotong University, for xian jiao) before
			// the one their pinyin spells, of the same documents.
			return sj
		}
		return bySuggestion(out[i], out[j])
	})
	return out, named, nil
}

// bySuggestion orders suggestions the most frequent first, then the shortest, then by text.
func bySuggestion(a, b xiaoqi.Suggestion) bool {
	if a.Count != b.Count {
		return a.Count > b.Count
	}
	if la, lb := utf8.RuneCountInString(a.Text), utf8.RuneCountInString(b.Text); la != lb {
		return la < lb
	}
	return a.Text < b.Text
}

// suggestAliases adds to byFolded the names of the index that the abbreviations beginning
// with the folded prefix p stand for, and returns those of the abbreviation p itself.
func (x *Index) suggestAliases(ctx context.Context, p string, byFolded map[string]*xiaoqi.Suggestion) (whole map[string]bool, err error) {
	whole = map[string]bool{}
	if utf8.RuneCountInString(p) < minAliasPrefix {
		return whole, nil
	}
	for alias, names := range x.aliases {
		if !strings.HasPrefix(alias, p) {
			continue
		}
		for _, name := range names {
			folded := x.seg.fold(name)
			s := byFolded[folded]
			if s == nil {
				if s, err = x.suggestion(ctx, folded); err != nil {
					return nil, err
				}
				if s == nil {
					continue // not in this index
				}
				byFolded[folded] = s
			}
			if alias == p {
				whole[s.Text] = true
			}
		}
	}
	return whole, nil
}

// suggestAbbreviated adds to byFolded, and to whole, the name of the skill that prefix, typed
// whole, abbreviates (abbreviated: ML, NLP, CV) or is another name of in the taxonomy
// (aliasOf: N2, JLPT N2 and 日语二级 of 日语N2), counted as the documents that hold it: the
// documents write the name, so ML, QA and NLP suggested nothing, CV nothing at all, and an HR
// manager typing N2 was offered nothing while 日语N2 stood in 16 documents.
func (x *Index) suggestAbbreviated(ctx context.Context, prefix string, byFolded map[string]*xiaoqi.Suggestion, whole map[string]bool) error {
	sk := x.abbreviated(strings.TrimSpace(prefix))
	if sk == nil {
		sk = x.aliasOf(strings.TrimSpace(prefix))
	}
	if sk == nil {
		return nil
	}
	folded := x.seg.fold(sk.NameZH)
	s := byFolded[folded]
	if s == nil {
		var err error
		if s, err = x.suggestion(ctx, folded); err != nil || s == nil {
			return err
		}
		byFolded[folded] = s
	}
	whole[s.Text] = true
	return nil
}

// maxPinyinSuggest bounds the names one prefix in pinyin looks up.
const maxPinyinSuggest = 30

// suggestPinyin adds to byFolded the names of the index whose pinyin, whole or by initials,
// begins with the folded prefix p (pinyinNames): xajt and xi'an jiao suggest 西安交通大学, rjcs
// 软件测试, ruantong 西安软通动力信息技术有限公司. The names xiaoqi knows (schools, skills, majors)
// and the firms of the index (spelledFirms), counted as the index holds them; none for a prefix
// that is not pinyin, nor for one typed with capitals (Xi'an Jiao is
// English: an input method shows pinyin in small letters). spelt holds the texts it added.
func (x *Index) suggestPinyin(ctx context.Context, prefix, p string, byFolded map[string]*xiaoqi.Suggestion) (spelt map[string]bool, err error) {
	key := pinyinPrefix(p)
	if key == "" || x.pinyin == nil || strings.ToLower(prefix) != prefix {
		return nil, nil
	}
	found, err := x.spelledNames(ctx, key)
	if err != nil {
		return nil, err
	}
	spelt = map[string]bool{}
	for _, s := range found {
		if folded := x.seg.fold(s.Text); byFolded[folded] == nil {
			byFolded[folded] = s
			spelt[s.Text] = true
		}
	}
	return spelt, nil
}

// maxEnglishSuggest bounds the skills whose English names one prefix looks up.
const maxEnglishSuggest = 20

// suggestEnglish adds to byFolded the English names of the skills (Options.Taxonomy) and of
// the majors (Options.Majors) that begin with the folded prefix p, counted as the documents
// that hold their Chinese names: the documents are in Chinese, so softw suggested nothing,
// though Software testing finds the 软件测试 postings, and nurs nothing, though Nursing finds
// the 护理学 programs. A name that reads the same in both (Python) is suggested as the index
// has it. Each is added to named as its Chinese name.
func (x *Index) suggestEnglish(ctx context.Context, p string, byFolded map[string]*xiaoqi.Suggestion, named map[string]string) error {
	if utf8.RuneCountInString(p) < minAliasPrefix || !isASCIILetters(strings.ReplaceAll(p, " ", "")) {
		return nil
	}
	if x.syn == nil {
		return x.suggestMajors(ctx, p, byFolded, named)
	}
	n := 0
	for _, sk := range x.syn.tax.Skills() {
		en := x.seg.fold(sk.NameEN)
		if !strings.HasPrefix(en, p) || byFolded[en] != nil || en == x.seg.fold(sk.NameZH) {
			continue
		}
		if n++; n > maxEnglishSuggest {
			break
		}
		zh := x.seg.fold(sk.NameZH)
		s, err := x.suggestion(ctx, zh)
		if err != nil {
			return err
		}
		if s != nil {
			byFolded[en] = &xiaoqi.Suggestion{Text: sk.NameEN, Count: s.Count}
			named[en] = zh
		}
	}
	// After the skills: a major of a skill's name (Japanese) is suggested once, as the skill.
	return x.suggestMajors(ctx, p, byFolded, named)
}

// suggestion returns the suggestion whose folded form is folded, with the number of
// documents that hold it, or nil when none does.
func (x *Index) suggestion(ctx context.Context, folded string) (*xiaoqi.Suggestion, error) {
	terms, err := x.prefixTerms(ctx, fieldSuggest, folded+suggestSep, maxSuggestScan)
	if err != nil {
		return nil, err
	}
	var s *xiaoqi.Suggestion
	for _, tc := range terms {
		if s == nil {
			_, text, _ := strings.Cut(tc.term, suggestSep)
			s = &xiaoqi.Suggestion{Text: text}
		}
		s.Count += tc.count
	}
	return s, nil
}

// termCount is a term of a field and the number of live documents that hold it.
type termCount struct {
	term  string
	count int
}

// omitCounter is the dictionary of a zap segment, which can list its terms without reading
// their postings.
type omitCounter interface {
	AutomatonIteratorOmitCount(a segment.Automaton, startKeyInclusive, endKeyExclusive []byte) segment.DictionaryIterator
}

// prefixTerms returns the terms of field that begin with prefix, in byte order, at most max
// of them, each with the number of live documents that hold it.
//
// It counts each term's postings itself, segment by segment, leaving out deleted documents.
// bleve's FieldDictPrefix reports counts from zap's dictionary iterator, which reuses one
// postings list for every term it visits and never clears its "1-hit" state: after the first
// term that a single document holds, every later term of the segment counts as one (zapx
// v15 to v17.2.5, the newest). Suggestions for 西安 ranked 西安交通大学 with a count of 1, and
// those for 西安交 with 84. Its counts also include deleted documents not yet merged away.
func (x *Index) prefixTerms(ctx context.Context, field, prefix string, max int) ([]termCount, error) {
	adv, err := x.bleveIndex().Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("the index reader is a %T, not a scorch snapshot", r)
	}
	start := []byte(prefix)
	end := prefixEnd(start)
	counts := map[string]int{}
	for _, ss := range snap.Segments() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		dict, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, err
		}
		var it segment.DictionaryIterator
		if oc, ok := dict.(omitCounter); ok {
			it = oc.AutomatonIteratorOmitCount(nil, start, end)
		} else {
			it = dict.AutomatonIterator(nil, start, end)
		}
		// The first max live terms of the index are among the first max live terms of each
		// segment; terms whose documents are all deleted do not count.
		for live := 0; live < max; {
			e, err := it.Next()
			if err != nil {
				return nil, err
			}
			if e == nil {
				break
			}
			pl, err := dict.PostingsList([]byte(e.Term), ss.Deleted(), nil)
			if err != nil {
				return nil, err
			}
			if n := pl.Count(); n > 0 {
				counts[e.Term] += int(n)
				live++
			}
		}
	}
	out := make([]termCount, 0, len(counts))
	for t, n := range counts {
		out = append(out, termCount{t, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].term < out[j].term })
	return out[:min(max, len(out))], nil
}

// prefixEnd returns the smallest key after every key that begins with prefix, or nil when
// there is none (a prefix of 0xff bytes only).
func prefixEnd(prefix []byte) []byte {
	end := bytes.Clone(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}
