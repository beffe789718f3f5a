// Package msgcheck checks, for tests, that a user-facing message reads "中文 / English":
// Chinese first, English after " / ", and both halves carrying the same facts (the numbers,
// the quoted values and the parameter names one half gives, the other gives too).
package msgcheck

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

var (
	// prefix is the field or parameter an API message starts with ("docs[1].name: "), or the
	// document of a batch and its field ("docs[1]: education[0].institution_id: ").
	prefix = regexp.MustCompile(`^(?:[A-Za-z$_][A-Za-z0-9_.$\[\]-]*: )+`)
	// quoted is an ASCII-quoted value ("很多", "later").
	quoted = regexp.MustCompile(`"((?:[^"\\（）()]|\\.)*)"`)
	// number is a run of digits, with its decimals.
	number = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)
	// ident is a parameter or field name, or an allowed value with a colon or an underscore
	// (max_row_bytes, date:desc).
	ident = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*(?:[_:][A-Za-z0-9]+)+`)
	// words is a run of three English words: English prose, not a name.
	words = regexp.MustCompile(`[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}`)
	// english is an English word.
	english = regexp.MustCompile(`[A-Za-z]{2,}`)
)

// Check returns why msg is not "中文 / English" with the same facts in both halves, or nil.
func Check(msg string) error {
	body := prefix.ReplaceAllString(msg, "")
	zh, en, ok := strings.Cut(body, " / ")
	if !ok {
		return fmt.Errorf("%q: no \" / \" between Chinese and English", msg)
	}
	bare := func(s string) string { return quoted.ReplaceAllString(s, `""`) }
	if strings.Count(bare(body), " / ") > 1 {
		return fmt.Errorf("%q: more than one \" / \"; the page cannot tell its halves apart", msg)
	}
	if han(bare(zh)) < 2 {
		return fmt.Errorf("%q: the first half is not Chinese", msg)
	}
	if m := words.FindString(bare(zh)); m != "" {
		return fmt.Errorf("%q: English (%q) in the Chinese half", msg, m)
	}
	if len(english.FindAllString(bare(en), -1)) < 2 {
		return fmt.Errorf("%q: the second half is not English", msg)
	}
	// A name or value written in Latin letters in the Chinese half (a parameter, an allowed
	// value) is in the English half too.
	for _, w := range english.FindAllString(bare(zh), -1) {
		if !strings.Contains(strings.ToLower(en), strings.ToLower(w)) {
			return fmt.Errorf("%q: %s is in the Chinese half only", msg, w)
		}
	}
	for _, re := range []*regexp.Regexp{quoted, number, ident} {
		if err := same(msg, zh, en, re); err != nil {
			return err
		}
	}
	return nil
}

// same fails when a match of re in one half is not in the other.
func same(msg, zh, en string, re *regexp.Regexp) error {
	for _, h := range [][2]string{{zh, en}, {en, zh}} {
		for _, m := range re.FindAllString(h[0], -1) {
			// A format written “纬度,经度” in Chinese is "lat,lon" in English.
			if !strings.Contains(h[1], m) && !(re == quoted && h[0] == en && strings.Contains(zh, "“")) {
				return fmt.Errorf("%q: %s is in one half only", msg, m)
			}
		}
	}
	return nil
}

func han(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}
