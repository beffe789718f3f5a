package search

import (
	"context"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xiaoqi-dev/xiaoqi/romanize"

	"github.com/xiaoqi-dev/xiaoqi"
)

// pinyinNames are the names a prefix typed in pinyin suggests (suggestPinyin): the schools,
// skills and majors xiaoqi knows, each under its pinyin whole (xianjiaotongdaxue) and its
// initials (xajtdx). Typing in a Chinese input method, the box holds the pinyin until a word is
// chosen (xi'an jiao), and people type initials for names they know (xagy: 西安工业大学). A
// character of several readings gives a spelling for each (长安 chang'an and zhang'an), at most
// maxSpellings a name. Immutable.
type pinyinNames struct {
	keys  []pinyinKey     // by key
	words map[string]bool // the words of the trade (roleWords), which no name field holds: counted by search
}

type pinyinKey struct{ key, name string }

// maxSpellings bounds the spellings of one name that heteronyms make (大 is da, dai or tai).
const maxSpellings = 8

// maxReadings bounds the readings of one character counted (the first are the common ones).
const maxReadings = 2

// knownNames returns the names of opt's schools (Options.EnglishNames, Options.Aliases), skills
// (Options.Taxonomy) and majors (Options.Majors).
func knownNames(opt Options) []string {
	var names []string
	for zh := range opt.EnglishNames {
		names = append(names, zh)
	}
	for _, full := range opt.Aliases {
		names = append(names, full...)
	}
	if opt.Taxonomy != nil {
		for _, sk := range opt.Taxonomy.Skills() {
			names = append(names, sk.NameZH)
		}
	}
	for _, m := range opt.Majors {
		names = append(names, m.Name)
	}
	return names
}

// roleWords returns the words of the trade that people search for and type in pinyin as they
// type the names (houduan, suanfa, yunwei, ceshi: Enter pressed before the input method made
// them Chinese), taken from the vocabulary search has already: the skills' Chinese aliases
// (运维; a longer one, 实施工程师, by the dictionary words inside it, 实施 and 工程师: whole, it
// is the skill again, and 运维开发, 运维管理 … would each suggest the 运维 documents), what the
// English words people type stand for (englishTerms: 后端, 前端, 产品经理, 外包), the job-title
// words around a skill (decorations: 开发, 工程师, 架构师, 高级) and the words that ask for a kind
// (askingWords), with the dictionary words inside those too (算法 of 算法工程师, 测试 of
// 测试工程师). Only the skills' names were spelt: houduan and suanfa found nothing, and yunwei
// was 运维监控, a narrow skill.
func roleWords(opt Options, seg *Segmenter) []string {
	var words []string
	seen := map[string]bool{}
	add := func(w string, whole bool) {
		if whole && !seen[w] && hasHan(w) {
			seen[w] = true
			words = append(words, w)
		}
		if seg != nil && isHan(w) {
			seg.subWords(w, func(sub string, _, _ int) {
				if !seen[sub] {
					seen[sub] = true
					words = append(words, sub)
				}
			})
		}
	}
	if opt.Taxonomy != nil {
		for _, sk := range opt.Taxonomy.Skills() {
			for _, a := range sk.Aliases {
				add(a, utf8.RuneCountInString(a) <= 2)
			}
		}
	}
	for _, t := range englishTerms {
		add(t[1], true)
	}
	for _, w := range append(decorations(), askingWords...) {
		add(w, true)
	}
	return words
}

// hasHan reports whether s holds a Chinese character; isHan whether it holds nothing else.
func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

func isHan(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) < 0
}

func newPinyinNames(names, words []string, aliases map[string][]string) *pinyinNames {
	p := &pinyinNames{words: map[string]bool{}}
	seen := map[pinyinKey]bool{}
	add := func(k, name string) {
		if pk := (pinyinKey{key: k, name: name}); k != "" && !seen[pk] {
			seen[pk] = true
			p.keys = append(p.keys, pk)
		}
	}
	isName := map[string]bool{}
	for _, n := range names {
		isName[n] = true
		for _, k := range spellings(n) {
			add(k, n)
		}
	}
	// A word of two characters by its initials (hd, cs) would be a dozen words: whole only.
	for _, w := range words {
		if isName[w] {
			continue // counted as a name
		}
		wholes, inits := spell(w)
		if utf8.RuneCountInString(w) < 3 {
			inits = nil
		}
		for _, k := range append(wholes, inits...) {
			add(k, w)
		}
		p.words[w] = true
	}
	// An abbreviation spelt whole (jiaoda: 交大) stands for its full names; by its initials
	// (jd) it would stand for too many.
	for alias, full := range aliases {
		wholes, _ := spell(alias)
		for _, k := range wholes {
			for _, n := range full {
				add(k, n)
			}
		}
	}
	sort.Slice(p.keys, func(i, j int) bool {
		if p.keys[i].key != p.keys[j].key {
			return p.keys[i].key < p.keys[j].key
		}
		return p.keys[i].name < p.keys[j].name
	})
	return p
}

// spellings returns the ways name is written in pinyin, whole and by initials, lower case and
// without spaces; letters and digits in it stay as they are (Java开发: javakaifa, javakf). None
// for a name without Chinese characters, whose completions are its own.
func spellings(name string) []string {
	wholes, inits := spell(name)
	return append(wholes, inits...)
}

// spell returns the spellings of name whole and by initials (spellings).
func spell(name string) (wholes, inits []string) {
	var syllables [][]string
	han := false
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.Is(unicode.Han, r):
			rs := romanize.Readings(r)
			if len(rs) == 0 {
				return nil, nil // a character it cannot read: no spelling would be whole
			}
			syllables = append(syllables, rs[:min(len(rs), maxReadings)])
			han = true
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			syllables = append(syllables, []string{string(r)})
		}
	}
	if !han {
		return nil, nil
	}
	wholes, inits = []string{""}, []string{""}
	for _, readings := range syllables {
		var w, in []string
		for _, pre := range wholes {
			for _, r := range readings {
				if len(w) < maxSpellings {
					w = append(w, pre+r)
				}
			}
		}
		for _, pre := range inits {
			for _, r := range readings {
				if len(in) < maxSpellings && !slices.Contains(in, pre+r[:1]) {
					in = append(in, pre+r[:1])
				}
			}
		}
		wholes, inits = w, in
	}
	return wholes, inits
}

// firmPlaces are the places a firm's name may begin with, which people leave out when they
// name it: 西安软通动力信息技术有限公司 is 软通动力 (ruantong), as much as xian ruantong.
var firmPlaces = []string{"陕西省", "陕西", "中国", "西安市", "西安", "宝鸡", "咸阳", "铜川", "渭南", "延安", "汉中", "榆林", "安康",
	"商洛", "杨凌", "西咸新区", "西咸", "北京", "上海", "天津", "重庆", "深圳", "广州", "杭州", "南京", "武汉", "成都", "苏州"}

// firmSpellings returns the spellings of a firm's name in pinyin (spellings), and those of
// the name without the place it begins with (firmPlaces), each as "spelling\x1fname": the
// values of the pinyin field, whose prefixes suggest the firms (suggestPinyin).
func firmSpellings(name string) []string {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	var out []string
	add := func(n string) {
		for _, k := range spellings(n) {
			if v := k + suggestSep + name; !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	add(name)
	for _, pl := range firmPlaces {
		if rest, ok := strings.CutPrefix(name, pl); ok && utf8.RuneCountInString(rest) >= 2 {
			add(rest)
			break
		}
	}
	return out
}

// spelledFirms returns the names of the firms whose pinyin (firmSpellings) begins with key,
// at most max, in the order of their spellings.
func (x *Index) spelledFirms(ctx context.Context, key string, max int) ([]string, error) {
	terms, err := x.prefixTerms(ctx, fieldPinyin, key, maxSuggestScan)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, tc := range terms {
		if _, name, ok := strings.Cut(tc.term, suggestSep); ok && !slices.Contains(out, name) {
			if out = append(out, name); len(out) == max {
				break
			}
		}
	}
	return out, nil
}

// has reports whether key is a spelling of name.
func (p *pinyinNames) has(key, name string) bool {
	i := sort.Search(len(p.keys), func(i int) bool {
		k := p.keys[i]
		return k.key > key || k.key == key && k.name >= name
	})
	return i < len(p.keys) && p.keys[i] == pinyinKey{key: key, name: name}
}

// lookup returns the names one of whose spellings begins with prefix, at most limit, in the
// order of their spellings.
func (p *pinyinNames) lookup(prefix string, limit int) []string {
	var out []string
	seen := map[string]bool{}
	for i := sort.Search(len(p.keys), func(i int) bool { return p.keys[i].key >= prefix }); i < len(p.keys) && len(out) < limit; i++ {
		k := p.keys[i]
		if !strings.HasPrefix(k.key, prefix) {
			break
		}
		if !seen[k.name] {
			seen[k.name] = true
			out = append(out, k.name)
		}
	}
	return out
}

// pinyinPrefix returns the folded prefix p as a key of pinyinNames: without the spaces and
// apostrophes an input method puts between syllables (xi'an jiao), Shaanxi as shanxi; "" when
// it is not pinyin (other characters), or shorter than minAliasPrefix.
func pinyinPrefix(p string) string {
	k := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\'' || r == '’' {
			return -1
		}
		return r
	}, p)
	if len(k) < minAliasPrefix || !isASCIILetters(k) {
		return ""
	}
	// Shaanxi is how 陕西 is romanised, against 山西's Shanxi; its pinyin is shanxi.
	return strings.ReplaceAll(k, "shaanxi", "shanxi")
}

// spellsWhole reports whether key is a whole spelling of name, not the beginning of one
// (pinyinNames, firmSpellings).
func (x *Index) spellsWhole(ctx context.Context, key, name string) bool {
	if x.pinyin.has(key, name) {
		return true
	}
	terms, err := x.prefixTerms(ctx, fieldPinyin, key+suggestSep+name, 1)
	return err == nil && len(terms) > 0 && terms[0].term == key+suggestSep+name
}

// spelledNames returns the names whose pinyin begins with key (pinyinNames.lookup, at most
// maxPinyinSuggest, and the firms of the index, spelledFirms, as many) that the index holds,
// with the number of documents that hold each: a name as the documents so named, a word of
// the trade (后端, roleWords) as the documents that hold it (together; at most maxCounted of
// them, counted at once), not the one skill tag named 后端.
func (x *Index) spelledNames(ctx context.Context, key string) ([]*xiaoqi.Suggestion, error) {
	var out []*xiaoqi.Suggestion
	firms, err := x.spelledFirms(ctx, key, maxPinyinSuggest)
	if err != nil {
		return nil, err
	}
	var words []string
	for _, name := range append(x.pinyin.lookup(key, maxPinyinSuggest), firms...) {
		if x.pinyin.words[name] {
			words = append(words, name)
			continue
		}
		s, err := x.suggestion(ctx, x.seg.fold(name))
		if err != nil {
			return nil, err
		}
		if s != nil {
			out = append(out, s)
		}
	}
	counts, err := x.countAll(ctx, len(words), func(ctx context.Context, i int) (int, error) { return x.together(ctx, words[i], nil) })
	if err != nil {
		return nil, err
	}
	for i, w := range words {
		if counts[i] > 0 {
			out = append(out, &xiaoqi.Suggestion{Text: w, Count: counts[i]})
		}
	}
	return out, nil
}

// spelt searches, in place of q's words, which found nothing, the name their pinyin spells
// (suggestPinyin: xajt, xianjiaotong → 西安交通大学), the one of most documents; res when the
// words are no pinyin of a name or the name finds nothing either.
func (x *Index) spelt(ctx context.Context, q xiaoqi.SearchQuery, page, perPage int, res *xiaoqi.SearchResult) (*xiaoqi.SearchResult, error) {
	typed := strings.TrimSpace(q.Q)
	if res.Total > 0 && !res.Relaxed || typed != strings.ToLower(typed) || strings.ContainsAny(typed, "-+\"") {
		return res, nil
	}
	if x.pinyin == nil {
		return res, nil
	}
	if found, err := x.homophones(ctx, q, page, perPage, res); err != nil || found != res {
		return found, err
	}
	if res.Relaxed && len(res.Unmatched) > 0 && len(res.Unmatched) < len(strings.Fields(typed)) {
		if found, err := x.speltPart(ctx, q, page, perPage, res); err != nil || found != res {
			return found, err
		}
	}
	key := pinyinPrefix(x.seg.fold(typed))
	// What found something, but not all its words (xian jiaotong daxue: xian as 西安), is a
	// name's pinyin only when it spells the name whole.
	best, err := x.mostSpelled(ctx, key, res.Total > 0)
	if err != nil || best == nil {
		return res, err
	}
	q.Q = best.Text
	found, err := x.answer(ctx, q, page, perPage)
	if err != nil || found.Total == 0 {
		return res, err
	}
	found.Instead = best.Text
	return found, nil
}

// mostSpelled returns the name of most documents that key, pinyin, spells whole, else (unless
// whole) of those whose spelling it begins; nil when it spells none. The word spelt exactly
// is what was typed: yunwei is 运维, not 运维监控 or 运维工程师 of more documents, and ceshi 测试.
func (x *Index) mostSpelled(ctx context.Context, key string, whole bool) (*xiaoqi.Suggestion, error) {
	if key == "" {
		return nil, nil
	}
	names, err := x.spelledNames(ctx, key)
	if err != nil {
		return nil, err
	}
	var best, bestWhole *xiaoqi.Suggestion
	for _, s := range names {
		if x.spellsWhole(ctx, key, s.Text) && (bestWhole == nil || s.Count > bestWhole.Count) {
			bestWhole = s
		}
		if best == nil || s.Count > best.Count {
			best = s
		}
	}
	if bestWhole != nil || whole {
		return bestWhole, nil
	}
	return best, nil
}

// speltPart searches, for a search relaxed for some of its words, with those words in place of
// the name their pinyin spells, beside the words that were found (xian ruantong: 西安 found,
// ruantong the firm 软通动力…, which was left out, and every document of 西安 listed); res when
// they spell no name or the search with it is relaxed too.
func (x *Index) speltPart(ctx context.Context, q xiaoqi.SearchQuery, page, perPage int, res *xiaoqi.SearchResult) (*xiaoqi.SearchResult, error) {
	best, err := x.mostSpelled(ctx, pinyinPrefix(x.seg.fold(strings.Join(res.Unmatched, " "))), false)
	if err != nil || best == nil {
		return res, err
	}
	var words []string
	for _, w := range strings.Fields(q.Q) {
		if !slices.Contains(res.Unmatched, w) {
			words = append(words, w)
		}
	}
	q.Q = strings.Join(append(words, best.Text), " ")
	found, err := x.answer(ctx, q, page, perPage)
	if err != nil || found.Total == 0 || found.Relaxed {
		return res, err
	}
	found.Instead = q.Q
	return found, nil
}
