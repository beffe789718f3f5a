package search

import (
	"regexp"
	"strings"
	"unicode"
)

// separators are the punctuation marks that only separate words, ASCII and full-width: quotes,
// brackets, and the marks that end or divide a clause. A query is no query language, and
// quotes ask for no phrase: they group words as spaces do. Left on a word, a mark hid what the
// word is: "西电" (quoted) was no abbreviation and found nothing, 客服。 (the 。 a Chinese IME
// types) no skill, and found one posting of 69.
const separators = "\"“”‘「」『』《》〈〉()（）[]【】〔〕［］{}｛｝<>、，。；;：！!？?|…"

// separateWords returns q with its punctuation between or around words written as spaces:
// the separators always, and the marks that also stand inside a word only where they stand
// outside one: the apostrophe of Xi'an and master's, the dot of Node.js, .NET and 3.5, the
// colon and comma of 9:00 and 10,000 stay.
func separateWords(q string) string {
	if !strings.ContainsFunc(q, unicode.IsPunct) {
		return q
	}
	rs := []rune(q)
	letter := func(i int) bool {
		return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
	}
	digit := func(i int) bool { return i >= 0 && i < len(rs) && unicode.IsDigit(rs[i]) }
	var b strings.Builder
	b.Grow(len(q))
	for i, r := range rs {
		sep := false
		switch r {
		case '\'', '’':
			sep = !letter(i-1) || !letter(i+1) // Xi'an, Chang’an, master's
		case '.':
			sep = !letter(i + 1) // Node.js, .NET, 3.5; a full stop ends a word
		case ':', ',':
			sep = !digit(i-1) || !digit(i+1) // 9:00, 10,000
		default:
			sep = strings.ContainsRune(separators, r)
			if sep && i > 0 && rs[i-1] == '-' && (i == 1 || unicode.IsSpace(rs[i-2])) {
				continue // -"外包", -（外包）: the minus of an exclusion stays on its word
			}
		}
		if sep {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// distinctWords returns q without the space-separated words that repeat one before them
// (fold says when two are one): a repeated Latin word was a phrase of the word twice, which
// few documents hold (Java Java found 5 documents of Java's 277, Java Java Java none).
func distinctWords(q string, fold func(string) string) string {
	fs := strings.Fields(q)
	if len(fs) < 2 {
		return q
	}
	seen := make(map[string]bool, len(fs))
	kept := fs[:0]
	for _, f := range fs {
		if k := fold(f); !seen[k] {
			seen[k] = true
			kept = append(kept, f)
		}
	}
	if len(kept) == len(fs) {
		return q
	}
	return strings.Join(kept, " ")
}

// jsName reports whether p is the js after the point of a name whose Latin word is last: js
// of vue.js, node.js, express.js.
func jsName(folded string, last, p piece) bool {
	end := last.fstart + len(last.text)
	return p.text == "js" && p.fstart == end+1 && folded[end] == '.' && !last.cjk && !strings.Contains(last.text, ".")
}

// englishAmpersand matches an ampersand between two English words of two letters or more,
// spaced or not (Posts & Telecommunications, Posts&Telecommunications), not one joining
// letters (R&D, A&F: Northwest A&F University is written so).
var englishAmpersand = regexp.MustCompile(`([A-Za-z]{2,})\s*&\s*([A-Za-z]{2,})`)

// ampersandAsAnd writes the ampersands of q between English words as and, as the names
// say it: Xi'an University of Posts & Telecommunications named no school (its name says
// and), and listed 668 documents, 西安文理学院's programs first and 西安邮电大学 not among the
// first 18.
func ampersandAsAnd(q string) string {
	if !strings.Contains(q, "&") {
		return q
	}
	// Twice: matches do not overlap, and the word between two ampersands is in both.
	for range 2 {
		q = englishAmpersand.ReplaceAllString(q, "$1 and $2")
	}
	return q
}
