package search

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// schoolNames are the English names of institutions (Options.EnglishNames), prepared once
// when the index opens: the documents name institutions in Chinese only, so Xidian
// University found nothing and Xi'an Jiaotong University was relaxed to any 西安 document.
type schoolNames struct {
	byKey map[string]string // the English name's words (schoolWords), space-separated → Chinese name
	byZH  map[string]string // Chinese name → English name
	names []schoolName      // sorted by English name, for prefixes
}

type schoolName struct {
	words []string // schoolWords of the English name
	en    string   // the English name as written
	zh    string   // the Chinese name
}

// newSchoolNames prepares the English names of names (Chinese → English).
func newSchoolNames(names map[string]string) *schoolNames {
	s := &schoolNames{byKey: map[string]string{}, byZH: map[string]string{}}
	for zh, en := range names {
		ws := schoolWords(en)
		if len(ws) == 0 || zh == "" {
			continue
		}
		s.byKey[strings.Join(ws, " ")] = zh
		s.byZH[zh] = en
		s.names = append(s.names, schoolName{words: ws, en: en, zh: zh})
	}
	slices.SortFunc(s.names, func(a, b schoolName) int { return strings.Compare(a.en, b.en) })
	return s
}

// english returns the English name of the school named zh in Chinese, or "".
func (s *schoolNames) english(zh string) string {
	if s == nil {
		return ""
	}
	return s.byZH[zh]
}

// schoolWord matches a word of an English school name as typed: letters and digits, with
// apostrophes (Xi'an, Xi’an) and ampersands (A&F) inside.
var schoolWord = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9'’&]*`)

// schoolWords returns the words of s as they are compared: lower case, apostrophes left out
// (Xi'an, Xi’an and Xian are one word).
func schoolWords(s string) []string {
	ws := schoolWord.FindAllString(s, -1)
	for i, w := range ws {
		ws[i] = strings.NewReplacer("'", "", "’", "").Replace(strings.ToLower(w))
	}
	return ws
}

// maxSchoolWords is the length in words of the longest English name looked for.
const maxSchoolWords = 8

// toChinese writes the English institution names in q in Chinese, in any case and with or
// without the apostrophe of Xi'an (Xidian University → 西安电子科技大学), the longest name first
// (Northwest University of Political Science and Law before Northwest University). A query of
// Latin words only that begins one name, its last word perhaps begun (Xi'an Jiaotong,
// Shaanxi Normal Univ), is that name; a name's own colleges do not count against it (Xi'an
// Jiaotong University City College). Other words stay as typed.
func (s *schoolNames) toChinese(q string) string {
	if s == nil || len(s.byKey) == 0 {
		return q
	}
	spans := schoolWord.FindAllStringIndex(q, -1)
	if len(spans) == 0 {
		return q
	}
	words := make([]string, len(spans))
	for i, sp := range spans {
		words[i] = schoolWords(q[sp[0]:sp[1]])[0]
	}
	if zh, ok := s.begun(q, words); ok {
		return zh
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(words); i++ {
		for n := min(maxSchoolWords, len(words)-i); n > 0; n-- {
			zh, ok := s.byKey[strings.Join(words[i:i+n], " ")]
			if !ok || !spaced(q, spans[i:i+n]) {
				continue
			}
			b.WriteString(q[last:spans[i][0]])
			b.WriteString(" " + zh + " ")
			last = spans[i+n-1][1]
			i += n - 1
			break
		}
	}
	if last == 0 {
		return q
	}
	b.WriteString(q[last:])
	return strings.Join(strings.Fields(b.String()), " ")
}

// spaced reports whether only spaces stand between the words of q at spans: Northwest 大学
// University names no school.
func spaced(q string, spans [][]int) bool {
	for k := 1; k < len(spans); k++ {
		if strings.TrimSpace(q[spans[k-1][1]:spans[k][0]]) != "" {
			return false
		}
	}
	return true
}

// begun returns the Chinese name of the one institution whose English name the whole query q
// (its words: words) begins, the last word perhaps unfinished. Only a query of words only
// (C++ and C# are no school's C…) with something beyond places and common words counts (Xi'an,
// Yulin, Shaanxi University are no school's); one word must be a whole word of five letters
// or more (Xidian, not X or Wei); and the names it begins must be one and its own colleges.
func (s *schoolNames) begun(q string, words []string) (string, bool) {
	if len(words) > maxSchoolWords || strings.TrimSpace(schoolWord.ReplaceAllString(q, "")) != "" {
		return "", false
	}
	whole := false
	if len(words) == 1 {
		if len(words[0]) < 5 {
			return "", false
		}
		whole = true
	}
	common := true
	for _, w := range words {
		if englishTerm(w) == "" && !englishStop[w] {
			common = false
		}
	}
	if common {
		return "", false
	}
	var found []schoolName
	for _, n := range s.names {
		if beginsWith(n.words, words) && (!whole || n.words[0] == words[0]) {
			found = append(found, n)
		}
	}
	if len(found) == 0 {
		return "", false
	}
	first := slices.MinFunc(found, func(a, b schoolName) int { return len(a.words) - len(b.words) })
	for _, n := range found {
		// Another name beginning with this one is one of its colleges (… University City
		// College), not another school (Xi'an University of Technology).
		if n.zh != first.zh && (!slices.Equal(n.words[:len(first.words)], first.words) || n.words[len(first.words)] == "of") {
			return "", false
		}
	}
	return first.zh, true
}

// beginsWith reports whether name begins with the words typed, the last of them perhaps
// unfinished.
func beginsWith(name, typed []string) bool {
	if len(typed) > len(name) {
		return false
	}
	last := len(typed) - 1
	return slices.Equal(name[:last], typed[:last]) && strings.HasPrefix(name[last], typed[last])
}

// maxSchoolSuggest bounds the English names one prefix suggests.
const maxSchoolSuggest = 10

// suggestSchools adds to byFolded the English names of the institutions of the index that
// prefix begins (its last word perhaps unfinished; any case; Xi'an or Xian), counted as the
// documents that hold their Chinese names: Xi'an Jiao suggested nothing. A name typed whole
// is marked in whole, to come first; each is added to named as its Chinese name.
func (x *Index) suggestSchools(ctx context.Context, prefix string, byFolded map[string]*xiaoqi.Suggestion, whole map[string]bool, named map[string]string) error {
	if x.schools == nil || strings.ContainsFunc(prefix, func(r rune) bool { return r >= 0x80 && r != '’' }) {
		return nil
	}
	typed := schoolWords(prefix)
	if len(typed) == 0 || len(strings.Join(typed, "")) < minAliasPrefix {
		return nil
	}
	n := 0
	for _, sn := range x.schools.names {
		if !beginsWith(sn.words, typed) {
			continue
		}
		folded := x.seg.fold(sn.en)
		if byFolded[folded] != nil {
			continue
		}
		if n++; n > maxSchoolSuggest {
			break
		}
		zh := x.seg.fold(sn.zh)
		s, err := x.suggestion(ctx, zh)
		if err != nil {
			return err
		}
		if s == nil {
			continue // not in this index
		}
		byFolded[folded] = &xiaoqi.Suggestion{Text: sn.en, Count: s.Count}
		named[folded] = zh
		if len(typed) == len(sn.words) && typed[len(typed)-1] == sn.words[len(typed)-1] {
			whole[sn.en] = true
		}
	}
	return nil
}
