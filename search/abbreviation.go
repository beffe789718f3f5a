package search

import (
	"strings"
	"unicode/utf8"

	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// maxAbbreviation is the most letters of an abbreviation of a skill (abbreviation).
const maxAbbreviation = 4

// abbreviation reports whether part is an alias of sk that the taxonomy writes in two to
// maxAbbreviation capitals (ML, NLP, DBA), in any case, and sk has a Chinese name it stands for.
func (s *synonyms) abbreviation(part string, sk *skill.Skill) bool {
	if !hasCJK(sk.NameZH) {
		return false
	}
	f := s.tax.Fold(part)
	for _, a := range sk.Aliases {
		a = strings.TrimLeft(a, "~?")
		if len(a) >= 2 && len(a) <= maxAbbreviation && strings.ToUpper(a) == a && isASCIILetters(strings.ToLower(a)) &&
			s.tax.Fold(a) == f {
			return true
		}
	}
	return false
}

// abbreviated returns the skill that q, an abbreviation of it (abbreviation), stands for;
// nil when q is none.
func (x *Index) abbreviated(q string) *skill.Skill {
	if x.syn == nil {
		return nil
	}
	if sk, ok := x.syn.tax.Resolve(q); ok && x.syn.abbreviation(q, sk) {
		return sk
	}
	return nil
}

// aliasOf returns the skill with a Chinese name of which q, whole, is another name the
// taxonomy writes (日语二级, JLPT N2 and N2 of 日语N2); nil when q is none, is one of the
// skill's own names, or is an alias that is a common word or names the skill only beside
// another (skill.Taxonomy.Plain).
func (x *Index) aliasOf(q string) *skill.Skill {
	if x.syn == nil || utf8.RuneCountInString(q) < 2 || !x.syn.tax.Plain(q) {
		return nil
	}
	sk, ok := x.syn.tax.Resolve(q)
	if !ok || !hasCJK(sk.NameZH) {
		return nil
	}
	if f := x.syn.tax.Fold(q); f == x.syn.tax.Fold(sk.NameZH) || f == x.syn.tax.Fold(sk.NameEN) {
		return nil
	}
	return sk
}
