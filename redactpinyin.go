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

// latinName is a Chinese name as returnees and forms write it in Latin letters: surname and
// given name in either order, in any case, the syllables together or apart (Ouyang Xiaoqi,
// Xiaoqi OUYANG, ouyangxiaoqi, Xiao-Qi Ouyang), each syllable in any of its readings (单 shan
// or dan). A summary that said "My name is Ouyang Xiaoqi" was found by that name. The pattern
// is compiled only for a text that holds a reading of each part's first syllable: most texts
// hold none, and compiling one for every candidate tripled the cost of anonymising one.
type latinName struct {
	firsts [2][]string // the readings of the first syllable of the surname and of the given name
	re     func() *regexp.Regexp
}

// namePinyin returns the latin form of a name of two to four Chinese characters, or nil.
func namePinyin(name string) *latinName {
	rs := []rune(name)
	if len(rs) < 2 || len(rs) > 4 || strings.ContainsFunc(name, func(r rune) bool { return r < 0x4e00 || r > 0x9fff }) {
		return nil
	}
	cut := 1
	for _, s := range compoundSurnames {
		if len(rs) >= 3 && strings.HasPrefix(name, s) {
			cut = 2
		}
	}
	read := nameReadings.Load()
	if read == nil {
		return nil
	}
	l := &latinName{}
	part := func(chars []rune, first *[]string) string {
		syl := make([]string, len(chars))
		for i, r := range chars {
			readings := (*read)(r)
			if len(readings) == 0 {
				return ""
			}
			if i == 0 {
				*first = readings
			}
			quoted := make([]string, len(readings))
			for j, p := range readings {
				quoted[j] = regexp.QuoteMeta(p)
			}
			syl[i] = "(?:" + strings.Join(quoted, "|") + ")"
		}
		return strings.Join(syl, `[\s'’-]?`)
	}
	family, given := part(rs[:cut], &l.firsts[0]), part(rs[cut:], &l.firsts[1])
	if family == "" || given == "" {
		return nil
	}
	sep := `[\s,，.·-]*`
	src := `(?i)\b(?:` + family + sep + given + `|` + given + sep + family + `)\b`
	l.re = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })
	return l
}

// replace writes mark for the name wherever s holds it.
func (l *latinName) replace(s, mark string) string {
	lower := strings.ToLower(s)
	for _, readings := range l.firsts {
		if !containsAny(lower, readings) {
			return s
		}
	}
	return l.re().ReplaceAllLiteralString(s, mark)
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
