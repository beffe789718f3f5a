package xiaoqi

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// namePart is a name, or a part of one, that Redact hides in Chinese characters.
type namePart struct {
	runes []rune
	// word: only where it stands as a word, with no Chinese character before it (but 叫 or 是:
	// 我叫小川) or after it. A given name alone (小川) is also a word inside others (小川菜馆).
	word bool
	// named: only after 叫 or 是 (我叫长安). A given name that is a place (王西安, 李长安, 刘延安)
	// standing alone is most often the place: 期望城市：西安 was hidden from everyone who read
	// the profile of a 王西安, and his city not found by search.
	named bool
}

// placeWords are the names of the places xiaoqi stores, whole and without 市, 区 or 县 (西安,
// 长安, 延安, 北京), as a given name may be one.
var placeWords = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range placeNames {
		m[p.Name] = true
		for _, suffix := range []string{"市", "区", "县"} {
			if short, ok := strings.CutSuffix(p.Name, suffix); ok && utf8.RuneCountInString(short) >= 2 {
				m[short] = true
			}
		}
	}
	return m
}()

// honorifics are the words after a surname or given name that say who is meant: 周同学, 欧阳小姐.
var honorifics = []string{"同学", "小姐", "先生", "女士"}

// nameParts returns the parts of the name name (without a remark) that are hidden as well as
// the whole: the surname and the given name with an honorific (周同学, 欧阳小姐, 小川同学), and a
// given name of two characters or more alone (小川, 晓琪). An audit found them shown and
// searchable. Names that are not written in Chinese characters alone (阿依·买买提) have none.
func nameParts(name string) []namePart {
	rs := []rune(name)
	if len(rs) < 2 || len(rs) > 4 || strings.ContainsFunc(name, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
		return nil
	}
	cut := surnameLength(name)
	var out []namePart
	for _, h := range honorifics {
		out = append(out, namePart{runes: append(append([]rune{}, rs[:cut]...), []rune(h)...)})
	}
	if given := rs[cut:]; len(given) >= 2 {
		for _, h := range honorifics {
			out = append(out, namePart{runes: append(append([]rune{}, given...), []rune(h)...)})
		}
		out = append(out, namePart{runes: given, word: true, named: placeWords[string(given)]})
	}
	return out
}

// replaceNames replaces each of names in s, also where spaces or separators stand between its
// characters, as forms align a name of two characters (钱  多, 钱 多 多), which showed whole, and
// as people write it to be missed (周-小-川, 周·小·川), and in either script (陳大文 for 陈大文,
// 黄志强 for 黃志強), which search finds as one: a name written in traditional characters in a
// summary was shown, and found by the simplified name.
func replaceNames(s string, names []namePart, mark string) string {
	firsts := map[rune]bool{}
	for _, n := range names {
		if len(n.runes) >= 2 {
			firsts[simplified(n.runes[0])] = true
		}
	}
	if len(firsts) == 0 || !strings.ContainsFunc(s, func(r rune) bool { return firsts[simplified(r)] }) {
		return s
	}
	var b strings.Builder
	last := 0
	prev := rune(-1)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if firsts[simplified(r)] {
			if j, ok := matchNames(s, i, prev, names); ok {
				b.WriteString(s[last:i])
				b.WriteString(mark)
				i, last, prev = j, j, -1
				continue
			}
		}
		i += w
		prev = r
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// matchNames reports whether one of names starts at s[i:], after the character prev (-1: none),
// and where the longest match ends.
func matchNames(s string, i int, prev rune, names []namePart) (int, bool) {
	end := -1
	for _, n := range names {
		if len(n.runes) < 2 {
			continue
		}
		j, ok := matchSpaced(s, i, n.runes)
		if !ok || j <= end {
			continue
		}
		if n.named && prev != '叫' && prev != '是' {
			continue
		}
		if n.word {
			next, _ := utf8.DecodeRuneInString(s[j:])
			if prev >= 0 && unicode.Is(unicode.Han, prev) && prev != '叫' && prev != '是' || j < len(s) && unicode.Is(unicode.Han, next) {
				continue
			}
		}
		end = j
	}
	return end, end >= 0
}

// nameSeparator reports whether r may stand between the characters of a name: spaces, and the
// signs people put there (周-小-川, 周·小·川, 周_小_川, 周.小.川, 周/小/川, 周*小*川).
func nameSeparator(r rune) bool {
	return r == ' ' || r == '\t' || strings.ContainsRune("-_.·・‧•*/|—–~", r)
}

// matchSpaced reports whether name starts at s[i:], separators allowed between its characters,
// and where the match ends.
func matchSpaced(s string, i int, name []rune) (int, bool) {
	for k, want := range name {
		if k > 0 {
			for i < len(s) {
				r, w := utf8.DecodeRuneInString(s[i:])
				if !nameSeparator(r) {
					break
				}
				i += w
			}
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if w == 0 || r != want && simplified(r) != simplified(want) {
			return 0, false
		}
		i += w
	}
	return i, true
}
