package match

import (
	"fmt"

	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// Languages are judged by family and level, not through the taxonomy's related skills: the
// taxonomy relates 韩语 to 日语 and 翻译 to both (for finding people who might learn one), and
// its relations are symmetric, so N1 counted only in part for N2. A language the job asks for
// is met by the same skill, or by a skill of its family at the same level or higher (日语N1
// for 日语N2, 英语六级 for 英语四级); a lower level or a level not stated (日语 for 日语N2) meets
// it in part; another language, or 翻译 alone, not at all.

// Shares of a language requirement met in part.
const (
	langLower      = 0.7 // a lower level of the language (日语N3 for 日语N2)
	langUnleveled  = 0.8 // the language with no level stated (日语 for 日语N2)
	langBaseWanted = 1.0 // any level, when the job asks for the language alone (日语N2 for 日语)
)

// coverLang is how much of language skill req the holder of the skills that has gives
// (has: the strength of each skill it holds, 0 for none), and through which of its skills
// (-1: req itself); full says whether that is the level asked for or higher.
func (m *Matcher) coverLang(has func(int32) float64, req int32) (v float64, via int32, full bool) {
	if s := has(req); s > 0 {
		return s, -1, true
	}
	rl, ok := skill.LevelOf(m.skills[req].ID)
	if !ok {
		return 0, -1, false // a language without levels: only itself
	}
	via = -1
	for _, l := range skill.LanguageLevels() {
		i, ok := m.skillIdx[l.ID]
		if l.Family != rl.Family || !ok || i == req {
			continue
		}
		s := has(i)
		if s == 0 {
			continue
		}
		share, f := langLower, false
		switch {
		case rl.Level == 0 || l.Level >= rl.Level:
			share, f = langBaseWanted, true
		case l.Level == 0:
			share = langUnleveled
		}
		if x := s * share; x > v {
			v, via, full = x, i, f
		}
	}
	return v, via, full
}

// langHeld says what the holder has of language req, given coverLang's answer: 日语N2 itself,
// 日语N1（满足日语N2）, 日语N3（部分满足日语N2）; ok is false when nothing.
func (m *Matcher) langHeld(req int32, v float64, via int32, full bool) (zh, en string, ok bool) {
	switch {
	case v == 0:
		return "", "", false
	case via < 0:
		return m.skills[req].NameZH, m.skills[req].NameEN, true
	case full:
		return fmt.Sprintf("%s（满足%s）", m.skills[via].NameZH, m.skills[req].NameZH),
			fmt.Sprintf("%s (meets %s)", m.skills[via].NameEN, m.skills[req].NameEN), true
	}
	return fmt.Sprintf("%s（部分满足%s）", m.skills[via].NameZH, m.skills[req].NameZH),
		fmt.Sprintf("%s (in part, for %s)", m.skills[via].NameEN, m.skills[req].NameEN), true
}

// langJudgement is how far the holder of some skills meets a list of languages asked for.
type langJudgement struct {
	score              float64  // the mean share met
	asked, askedEN     []string // the languages asked for
	held, heldEN       []string // what the holder has of them (langHeld)
	covered, partial   []string // met in full, in part (Chinese names)
	missing, missingEN []string // not met at all
}

// judgeLangs judges the languages langs against has (see coverLang).
func (m *Matcher) judgeLangs(has func(int32) float64, langs []int32) langJudgement {
	var j langJudgement
	for _, l := range langs {
		v, via, full := m.coverLang(has, l)
		j.score += v / float64(len(langs))
		j.asked, j.askedEN = append(j.asked, m.skills[l].NameZH), append(j.askedEN, m.skills[l].NameEN)
		h, hEN, ok := m.langHeld(l, v, via, full)
		switch {
		case !ok:
			j.missing, j.missingEN = append(j.missing, m.skills[l].NameZH), append(j.missingEN, m.skills[l].NameEN)
		case full:
			j.covered = append(j.covered, m.skills[l].NameZH)
		default:
			j.partial = append(j.partial, m.skills[l].NameZH)
		}
		if ok {
			j.held, j.heldEN = append(j.held, h), append(j.heldEN, hEN)
		}
	}
	return j
}
