package search

import (
	"context"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// maxMajorWords bounds the words of a major's English name that a query's words are compared
// with (Food, Drug and Environmental Crime Investigation Technology has seven).
const maxMajorWords = 9

// majorSuffixes are the endings of the majors' English names that users leave out: computer
// science is Computer Science and Technology, materials science Materials Science and
// Engineering.
var majorSuffixes = []string{" and technology", " and engineering"}

// majorTerms maps the English names of majors (Options.Majors), as fromEnglish reads a query
// (lower case, words separated by a space), to the majors' Chinese names: programs are named
// by their Chinese major only, and software engineering found none of the 软件工程 programs.
// A name that is a skill's (Japanese, Accounting, Artificial intelligence), and a one-word name
// that is a word of the skills' English names (Automation of Test automation, Marketing), is
// left to the skills (englishQuery), which find the skill in programs, jobs and candidates
// alike. A name without its ending (majorSuffixes) stands for the major too when no other major
// has that name.
func majorTerms(majors []xiaoqi.Major, syn *synonyms, stems func(string) []string) map[string]string {
	if len(majors) == 0 {
		return nil
	}
	out := map[string]string{}
	short := map[string][]string{}
	for _, m := range majors {
		en := englishKey(m.NameEN)
		if en == "" || m.Name == "" || strings.Count(en, " ") >= maxMajorWords {
			continue
		}
		out[en] = m.Name
		for _, suf := range majorSuffixes {
			if s, ok := strings.CutSuffix(en, suf); ok && strings.Contains(s, " ") {
				short[s] = append(short[s], m.Name)
			}
		}
	}
	for s, names := range short {
		if _, ok := out[s]; !ok && len(names) == 1 {
			out[s] = names[0]
		}
	}
	for en := range out {
		if skillName(en, syn, stems) {
			delete(out, en)
		}
	}
	return out
}

// skillName reports whether en, lower case, names a skill or is one word of the skills'
// English names.
func skillName(en string, syn *synonyms, stems func(string) []string) bool {
	if syn == nil {
		return false
	}
	if sk, ok := syn.tax.Resolve(en); ok {
		// Resolve also finds a skill named inside (mechanical design of Mechanical design,
		// manufacturing and automation): only the skill's own names are left to it.
		for _, n := range append([]string{sk.NameEN}, sk.Aliases...) {
			if strings.ReplaceAll(englishKey(n), "-", " ") == strings.ReplaceAll(en, "-", " ") {
				return true
			}
		}
	}
	if strings.Contains(en, " ") {
		return false
	}
	for _, st := range stems(en) {
		if len(syn.english[st]) > 0 {
			return true
		}
	}
	return false
}

// englishKey writes an English name as fromEnglish reads a query: lower case, apostrophes
// as spaces, only the words (Women's Studies = women s studies; Politics, Economics and
// Philosophy = politics economics and philosophy).
func englishKey(name string) string {
	name = strings.ReplaceAll(strings.ToLower(name), "’", "'")
	name = strings.ReplaceAll(name, "'", " ")
	return strings.Join(englishWord.FindAllString(name, -1), " ")
}

// englishAskWords are the English words of a question that say what is asked, not what
// about (universities offering software engineering): left in, they matched nothing, and the
// search was relaxed to any of the words.
var englishAskWords = map[string]bool{"offering": true, "offer": true, "offers": true, "teaching": true, "teach": true, "teaches": true}

// suggestMajors adds to byFolded the English names of the majors that begin with the folded
// prefix p (at most maxEnglishSuggest), counted as the documents that hold their Chinese
// names (suggestEnglish), and added to named as them.
func (x *Index) suggestMajors(ctx context.Context, p string, byFolded map[string]*xiaoqi.Suggestion, named map[string]string) error {
	n := 0
	for _, m := range x.majorList {
		en := x.seg.fold(m.NameEN)
		if m.NameEN == "" || !strings.HasPrefix(en, p) || byFolded[en] != nil {
			continue
		}
		if n++; n > maxEnglishSuggest {
			break
		}
		zh := x.seg.fold(m.Name)
		s, err := x.suggestion(ctx, zh)
		if err != nil {
			return err
		}
		if s != nil {
			byFolded[en] = &xiaoqi.Suggestion{Text: m.NameEN, Count: s.Count}
			named[en] = zh
		}
	}
	return nil
}
