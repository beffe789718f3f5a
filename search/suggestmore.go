package search

import (
	"context"
	"runtime"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/sync/errgroup"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Suggestions beyond the dictionary of names: the words that ask for a kind or for the policy,
// the places, and the completion of the last word of several.

// askingWords are words a query is typed with that no title, skill or name holds whole, so the
// dictionary of names never suggested them (培训机 suggested nothing): the kinds' words, which
// the search reads as cues (typeCues), and the policy's (policyCues).
var askingWords = append([]string{"培训机构", "培训课程", "培训班", "候选人", "求职者", "毕业生", "应届生", "本科生",
	"硕士生", "博士生", "大专生", "高校", "院校", "大学", "岗位", "职位", "企业", "公司", "专业"}, policyCues()...)

// suggestWords adds to byFolded the asking words that the folded prefix p begins and does not
// end, each counted as the documents its search finds (found): 培训机 suggests 培训机构, 候选
// 候选人, 补 补贴; and the places of the documents (their cities and districts), counted as the
// documents there: 雁 suggests 雁塔区, 高 高新区 (雁塔 not 雁塔区: it names it already, unless
// nothing else begins with it: 高新 suggests 高新区).
func (x *Index) suggestWords(ctx context.Context, p string, byFolded map[string]*xiaoqi.Suggestion) error {
	var words []string
	for _, w := range askingWords {
		if f := x.seg.fold(w); strings.HasPrefix(f, p) && f != p && byFolded[f] == nil {
			words = append(words, w)
		}
	}
	sort.Strings(words) // the same order every time: the searches are bounded (countAll)
	counts, err := x.countAll(ctx, len(words), func(ctx context.Context, i int) (int, error) { return x.found(ctx, words[i], nil) })
	if err != nil {
		return err
	}
	for i, w := range words {
		if counts[i] > 0 {
			byFolded[x.seg.fold(w)] = &xiaoqi.Suggestion{Text: w, Count: counts[i]}
		}
	}
	// The places, as the documents name them (高新区, where no list of divisions has it),
	// counted as the documents there; in English by their English names (bao → Baoji).
	english := utf8.RuneCountInString(p) >= minAliasPrefix && isASCIILetters(strings.ReplaceAll(p, " ", ""))
	var whole []*xiaoqi.Suggestion // 高新 → 高新区: the place the prefix names already
	for _, field := range []string{fieldCity, fieldDistrict} {
		from := p
		if english {
			from = "" // every place, by its English name: a few hundred names
		}
		terms, err := x.prefixTerms(ctx, field, from, maxSuggestScan)
		if err != nil {
			return err
		}
		for _, tc := range terms {
			text := tc.term
			if english {
				if text = xiaoqi.PlaceEnglish(tc.term); field == fieldCity {
					text = xiaoqi.CityEnglish(tc.term)
				}
				if text == tc.term || !strings.HasPrefix(xiaoqi.EnglishKey(text), xiaoqi.EnglishKey(p)) {
					continue
				}
			}
			f := x.seg.fold(text)
			if named := f == p+"市" || f == p+"区" || f == p+"县"; f == p || named || xiaoqi.EnglishKey(text) == xiaoqi.EnglishKey(p) {
				if named {
					whole = append(whole, &xiaoqi.Suggestion{Text: text, Count: tc.count})
				}
				continue // 西安 names 西安市 already, as 雁塔 雁塔区 and xian Xi'an
			}
			if s := byFolded[f]; s == nil {
				byFolded[f] = &xiaoqi.Suggestion{Text: text, Count: tc.count}
			}
		}
	}
	if len(byFolded) == 0 {
		// Where nothing else begins so (高新), the place it names is better than no suggestion.
		for _, s := range whole {
			byFolded[x.seg.fold(s.Text)] = s
		}
	}
	return nil
}

// maxCounted bounds the suggestions one request counts by searching them (countAll): the
// completions of a last word with the words before it (inContext), the asking words
// (suggestWords), the completions among a kind (inKinds).
const maxCounted = 12

// inContext completes the last word of a prefix of several words (西安 软, Java 测, or 西安软
// typed together), keeping the words before it: 西安 软件测试, the completions found with them
// most often first, a completion found with them by no document left out. A name (a title, a
// skill, a school's or firm's name, or the English name of a skill, major or school) counts the
// documents so named that hold the words before it (withWords: 西安 软件测试工程师, the jobs of
// that title in 西安; Xi'an Software testing, those of 软件测试 in 西安, as 西安 软件测试 does),
// and is left out when none does; where the names found fewer than n, anything else (an asking
// word, a place) counts those that hold every word (together). At most n, among the documents
// of kinds when given.
//
// Counted otherwise, the counts did not compare: Xi'an Software testing counted the 102
// documents that hold 西安 and 软件测试 anywhere, more than the 78 named so in the province,
// and Java 测试开发工程师 the 92 that hold its words, though no job of that title asks for Java.
func (x *Index) inContext(ctx context.Context, prefix string, n int, kinds []xiaoqi.Kind) ([]xiaoqi.Suggestion, error) {
	before, last, cands, named, err := x.lastWord(ctx, strings.TrimSpace(prefix))
	if err != nil || len(cands) == 0 {
		return nil, err
	}
	var texts []string
	for _, c := range cands {
		if x.seg.fold(c.Text) == last {
			continue // what is typed already
		}
		if texts = append(texts, c.Text); len(texts) == maxCounted {
			break
		}
	}
	// The words before, as a search reads them (Xi'an soft: 西安).
	words := x.textQuery(withoutAskWords(x.inChinese(before)))
	// The names first, counted cheaply; the rest by every word only where the names found
	// fewer than n (a search of every word cost 4 ms over 20k documents for 西安 软, the names
	// 1.5 ms).
	counts, err := x.countAll(ctx, len(texts), func(ctx context.Context, i int) (int, error) {
		if zh, ok := named[x.seg.fold(texts[i])]; ok {
			return x.withWords(ctx, words, zh, kinds)
		}
		return 0, nil
	})
	if err != nil {
		return nil, err
	}
	found := 0
	for _, c := range counts {
		if c > 0 {
			found++
		}
	}
	if found < n {
		more, err := x.countAll(ctx, len(texts), func(ctx context.Context, i int) (int, error) {
			if _, ok := named[x.seg.fold(texts[i])]; ok {
				return counts[i], nil
			}
			return x.together(ctx, before+" "+texts[i], kinds)
		})
		if err != nil {
			return nil, err
		}
		counts = more
	}
	var out []xiaoqi.Suggestion
	for i, c := range texts {
		if counts[i] > 0 {
			out = append(out, xiaoqi.Suggestion{Text: before + " " + c, Count: counts[i]})
		}
	}
	// The most documents first, as every suggestion (Java 测试工程师, 2, came before another
	// of 92 found by a search of its words).
	sort.Slice(out, func(i, j int) bool { return bySuggestion(out[i], out[j]) })
	return out[:min(n, len(out))], nil
}

// lastWord returns what prefix says before the word being typed, that word (folded) and its
// completions (see completions): the last space-separated part where something begins with it
// (西安 培训机: 培训机构, not 培训 and 机 begun), else the last word as cut (西安软: 软).
func (x *Index) lastWord(ctx context.Context, prefix string) (before, last string, cands []xiaoqi.Suggestion, named map[string]string, err error) {
	if i := strings.LastIndexFunc(prefix, unicode.IsSpace); i >= 0 {
		_, size := utf8.DecodeRuneInString(prefix[i:])
		part := prefix[i+size:]
		last = x.seg.fold(part)
		if cands, named, err = x.completions(ctx, part, last); err != nil || len(cands) > 0 {
			return strings.TrimSpace(prefix[:i]), last, cands, named, err
		}
	}
	ps, _ := x.seg.pieces(prefix)
	if len(ps) < 2 || ps[len(ps)-1].end != len(prefix) {
		return "", "", nil, nil, nil // one word, or it ends with punctuation: no word is being typed
	}
	for _, p := range ps[:len(ps)-1] {
		// What comes before is words (西安, Java, 西电), not characters cut from a word
		// unknown (经开: 经 and 开, completed as 经 开发工程师).
		word := utf8.RuneCountInString(p.text) > 1 && x.seg.isWord(p.text)
		if p.cjk && !word && !x.isPlace(p.text) && x.aliases[p.text] == nil {
			return "", "", nil, nil, nil
		}
	}
	p := ps[len(ps)-1]
	cands, named, err = x.completions(ctx, prefix[p.start:], p.text)
	return strings.TrimSpace(prefix[:p.start]), p.text, cands, named, err
}

// inKinds counts the suggestions out (as completions orders them) among the documents of
// kinds, the tab a user types in (软 on the 候选人 tab: the majors and skills of profiles, not
// the titles of job needs): a name as the documents of kinds so named (withWords), else, and
// anything else, as its search among them finds (found). The first maxCounted are counted,
// and those none of kinds has are left out.
func (x *Index) inKinds(ctx context.Context, out []xiaoqi.Suggestion, named map[string]string, kinds []xiaoqi.Kind) ([]xiaoqi.Suggestion, error) {
	out = out[:min(len(out), maxCounted)]
	counts, err := x.countAll(ctx, len(out), func(ctx context.Context, i int) (int, error) {
		if zh, ok := named[x.seg.fold(out[i].Text)]; ok {
			if n, err := x.withWords(ctx, bleve.NewMatchAllQuery(), zh, kinds); n > 0 || err != nil {
				return n, err
			}
		}
		// Not a name among them: what its search finds (软件工程 among candidates: who
		// studied it; among institutions: the schools that teach it).
		return x.found(ctx, out[i].Text, kinds)
	})
	if err != nil {
		return nil, err
	}
	kept := make([]xiaoqi.Suggestion, 0, len(out))
	for i, s := range out {
		if counts[i] > 0 {
			kept = append(kept, xiaoqi.Suggestion{Text: s.Text, Count: counts[i]})
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return bySuggestion(kept[i], kept[j]) })
	return kept, nil
}

// countAll returns count(i) for each i below n, counting on every core; only the first
// maxCounted are counted, the others count 0.
func (x *Index) countAll(ctx context.Context, n int, count func(ctx context.Context, i int) (int, error)) ([]int, error) {
	counts := make([]int, n)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range min(n, maxCounted) {
		g.Go(func() error {
			c, err := count(gctx, i)
			counts[i] = c
			return err
		})
	}
	return counts, g.Wait()
}

// together returns the number of documents that hold every word of q (its text query, as
// Search runs it, within the kinds a search lists), unscored.
func (x *Index) together(ctx context.Context, q string, kinds []xiaoqi.Kind) (int, error) {
	return x.count(ctx, x.textQuery(withoutAskWords(x.inChinese(q))), kinds)
}

// withWords returns the number of documents named folded (a title, skill or name: the
// suggest field) that text finds. Cheap where a name is rare: the search of every word took
// 1.5 ms a completion over 20k documents (18 ms for the 12 of 西安 交), this 0.1 ms.
func (x *Index) withWords(ctx context.Context, text query.Query, folded string, kinds []xiaoqi.Kind) (int, error) {
	pq := bleve.NewPrefixQuery(folded + suggestSep) // the name as written, in any case or width
	pq.SetField(fieldSuggest)
	return x.count(ctx, bleve.NewConjunctionQuery(pq, text), kinds)
}

// count returns the number of documents q finds within the kinds a search lists, unscored.
func (x *Index) count(ctx context.Context, q query.Query, kinds []xiaoqi.Kind) (int, error) {
	req := bleve.NewSearchRequestOptions(x.withFilters(ctx, q, xiaoqi.SearchQuery{Types: kinds}), 0, 0, false)
	req.Score = bleve.ScoreNone
	res, err := x.bleveIndex().SearchInContext(ctx, req)
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}

// found returns the number of documents the search for q finds with all its words: 0 when it
// finds them only by leaving some out (relax, kindElsewhere).
func (x *Index) found(ctx context.Context, q string, kinds []xiaoqi.Kind) (int, error) {
	res, err := x.Search(ctx, xiaoqi.SearchQuery{Q: q, Types: kinds, PerPage: 1})
	if err != nil || res.Relaxed {
		return 0, err
	}
	return int(res.Total), nil
}
