package ingest

import (
	"strings"
	"unicode"
)

// OrgName is the name of an organisation as its registration writes it: without the spaces
// around it, and, in a Chinese name, with full-width brackets, as Chinese registered names
// have them (三星(中国)半导体有限公司 is 三星（中国）半导体有限公司). An enterprise's natural key
// is its name and city: typed with a trailing space or half-width brackets, the name of a
// stored firm made a second firm. An English name keeps its brackets.
func OrgName(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "()") || !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		return s
	}
	return strings.NewReplacer("(", "（", ")", "）").Replace(s)
}

// Narrow writes the full-width forms of digits, letters and signs half width (Ｊａｖａ is
// Java), as the parsers of values read them.
func Narrow(s string) string { return narrow(s) }
