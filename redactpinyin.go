package xiaoqi

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// nameReadings reads a Chinese character in pinyin (SetNameReadings); nil until set.
var nameReadings atomic.Pointer[func(rune) []string]

// SetNameReadings sets how a character is read in pinyin, for hiding a candidate's name
// written so: package romanize sets it when imported (the root imports only the standard
// library). Without it a name is hidden in Chinese characters only.
func SetNameReadings(readings func(r rune) []string) { nameReadings.Store(&readings) }

// compoundSurnames are the two-character surnames: the pinyin of 欧阳晓琪 is Ouyang Xiaoqi,
// not Ou Yangxiaoqi.
var compoundSurnames = []string{"欧阳", "司马", "上官", "诸葛", "皇甫", "司徒", "东方", "夏侯", "慕容", "令狐",
	"尉迟", "公孙", "长孙", "宇文", "轩辕", "端木", "独孤", "南宫", "西门", "申屠", "澹台", "公冶", "宗政", "濮阳", "太史", "万俟", "闻人", "呼延"}

// surnameLength returns how many characters of name are its surname: two for a compound
// surname (欧阳晓琪), else one.
func surnameLength(name string) int {
	for _, s := range compoundSurnames {
		if len([]rune(name)) >= 3 && strings.HasPrefix(name, s) {
			return 2
		}
	}
	return 1
}

// latinName is a Chinese name as returnees and forms write it in Latin letters: surname and
// given name in either order, in any case, the syllables together or apart (Ouyang Xiaoqi,
// Xiaoqi OUYANG, ouyangxiaoqi, Xiao-Qi Ouyang), each syllable in any of its readings (单 shan
// or dan). A summary that said "My name is Ouyang Xiaoqi" was found by that name. Also the
// handles people make of it (zhouxiaochuan1999, ouyangxq, zhouxc), a compound surname or a
// given name of two syllables or more alone (OUYANG, Xiaochuan), and Mr or Ms and the surname:
// an audit found these shown and searchable. A pattern is compiled only for a text that holds
// a reading of the syllables it needs: most texts hold none, and compiling one for every
// candidate tripled the cost of anonymising one.
type latinName struct {
	firsts   [2][]string // the readings of the first syllable of the surname and of the given name
	lasts    []string    // the readings of the last syllable of the given name
	initials []string    // a reading of the surname and the initial of the given name after it: zhoux
	compound bool        // a surname of two syllables (Ouyang), hidden alone
	long     bool        // a given name of two syllables or more (Xiaochuan), hidden alone
	parts    map[string]bool
	full     func() *regexp.Regexp // the name, in either order
	handle   func() *regexp.Regexp // a handle holding the name: zhouxiaochuan1999
	short    func() *regexp.Regexp // the surname with the initials of the given name: ouyangxq, zhouxc1999
	single   func() *regexp.Regexp // the surname after Mr or Ms, a compound surname, a given name of two syllables or more
}

// honorificsEn are the titles before a surname: Mr Zhou, Ms. Ouyang.
var honorificsEn = []string{"mr", "mrs", "ms", "miss", "dr", "prof"}

// namePinyin returns the latin form of a name of two to four Chinese characters, or nil.
func namePinyin(name string) *latinName {
	rs := []rune(name)
	if len(rs) < 2 || len(rs) > 4 || strings.ContainsFunc(name, func(r rune) bool { return r < 0x4e00 || r > 0x9fff }) {
		return nil
	}
	read := nameReadings.Load()
	if read == nil {
		return nil
	}
	cut := surnameLength(name)
	readings := make([][]string, len(rs))
	for i, r := range rs {
		if readings[i] = (*read)(r); len(readings[i]) == 0 {
			return nil
		}
	}
	family, given := readings[:cut], readings[cut:]
	l := &latinName{firsts: [2][]string{family[0], given[0]}, lasts: given[len(given)-1], parts: map[string]bool{}}
	for _, p := range spellings(family) {
		l.parts[p] = true
		for _, g := range given[0] {
			l.initials = append(l.initials, p+g[:1])
		}
	}
	for _, p := range spellings(given) {
		l.parts[p] = true
	}
	// syl joins the readings of chars, each syllable one of its readings, with sep between.
	syl := func(chars [][]string, sep string) string {
		out := make([]string, len(chars))
		for i, rs := range chars {
			quoted := make([]string, len(rs))
			for j, p := range rs {
				quoted[j] = regexp.QuoteMeta(p)
			}
			out[i] = "(?:" + strings.Join(quoted, "|") + ")"
		}
		return strings.Join(out, sep)
	}
	lazy := func(src string) func() *regexp.Regexp {
		return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })
	}
	f, g := syl(family, `[\s'’-]?`), syl(given, `[\s'’-]?`)
	sep := `[\s,，.·-]*`
	l.full = lazy(`(?i)\b(?:` + f + sep + g + `|` + g + sep + f + `)\b`)
	fc, gc := syl(family, ""), syl(given, "")
	if len(rs) >= 3 {
		// Three syllables together are the name wherever they stand in a handle.
		l.handle = lazy(`(?i)[a-z0-9_]*(?:` + fc + `[._-]?` + gc + `|` + gc + `[._-]?` + fc + `)[a-z0-9_]*`)
	} else {
		// Two are often part of a word (lian of alliance): only with digits after them.
		l.handle = lazy(`(?i)\b(?:` + fc + gc + `|` + gc + fc + `)[._-]?[0-9]+\b`)
	}
	var single []string
	single = append(single, `\b(?:`+strings.Join(honorificsEn, "|")+`)\.?\s*`+f+`\b`)
	if cut == 2 {
		single = append(single, `\b`+f+`\b`)
	}
	if len(given) >= 2 {
		l.long = true
		single = append(single, `\b`+syl(given, `['’-]?`)+`\b`)
		ini := make([]string, len(given))
		for i, rs := range given {
			set := map[byte]bool{}
			for _, p := range rs {
				set[p[0]] = true
			}
			for b := range set {
				ini[i] += string(b)
			}
			ini[i] = "[" + ini[i] + "]"
		}
		l.short = lazy(`(?i)\b` + fc + `[._-]?` + strings.Join(ini, "") + `(?:[._-]?[0-9]+)?\b`)
	}
	l.compound = cut == 2
	l.single = lazy(`(?i)(?:` + strings.Join(single, "|") + `)`)
	return l
}

// spellings returns the ways chars may be spelt in pinyin, syllables together, lower case.
func spellings(chars [][]string) []string {
	out := []string{""}
	for _, rs := range chars {
		var next []string
		for _, o := range out {
			for _, r := range rs {
				next = append(next, o+r)
			}
		}
		out = next
	}
	return out
}

// replace writes mark for the name wherever s holds it.
func (l *latinName) replace(s, mark string) string {
	lower := strings.ToLower(s)
	hasFamily, hasGiven := containsAny(lower, l.firsts[0]), containsAny(lower, l.firsts[1])
	if !hasFamily && !hasGiven {
		return s
	}
	if hasFamily && hasGiven {
		s = l.handle().ReplaceAllLiteralString(s, mark)
		s = l.full().ReplaceAllLiteralString(s, mark)
	}
	if l.short != nil && containsAny(lower, l.initials) {
		// Fewer than six letters without digits may be a word: math of 马天华.
		s = l.short().ReplaceAllStringFunc(s, func(m string) string {
			if len(m) < 6 && !strings.ContainsAny(m, "0123456789") {
				return m
			}
			return mark
		})
	}
	if hasFamily && (l.compound || containsAny(lower, honorificsEn)) || l.long && hasGiven && containsAny(lower, l.lasts) {
		s = l.single().ReplaceAllLiteralString(s, mark)
	}
	return s
}

// isPart reports whether s is the surname or the given name in pinyin and nothing else (Zhou,
// XIAOCHUAN, Ou-Yang): a skill, language or country of study that is one.
func (l *latinName) isPart(s string) bool {
	s = strings.ToLower(strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\'' || r == '’' {
			return -1
		}
		return r
	}, s))
	return l.parts[s]
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
