package seed_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPolicyEnglish: every item of the policy carries its unofficial English translation,
// section, heading and text, beside the Chinese (the English UI showed the Chinese text only),
// and the translation keeps the figures of the official text.
func TestPolicyEnglish(t *testing.T) {
	s := loadSet(t)
	figure := regexp.MustCompile(`\d+%?`)
	for _, p := range s.Policies {
		if p.SectionEN == "" || p.HeadingEN == "" || p.TextEN == "" {
			t.Errorf("item %d: section_en %q heading_en %q text_en %d bytes, want all three", p.Number, p.SectionEN, p.HeadingEN, len(p.TextEN))
			continue
		}
		if want := "(" + strconv.Itoa(p.Number) + ") " + p.HeadingEN + ". "; !strings.HasPrefix(p.TextEN, want) {
			t.Errorf("item %d: English text begins %.40q, want %q", p.Number, p.TextEN, want)
		}
		if strings.ContainsFunc(p.TextEN+p.HeadingEN+p.SectionEN, func(r rune) bool { return r >= 0x2e80 }) {
			t.Errorf("item %d: English text holds Chinese characters", p.Number)
		}
		for _, f := range figure.FindAllString(p.Text, -1) {
			if !strings.Contains(p.TextEN, f) {
				t.Errorf("item %d: the Chinese says %s, the English does not", p.Number, f)
			}
		}
	}
	p := s.Policies[11]
	for _, w := range []string{"two-way cooperation", "service outsourcing majors", "overseas students to found service outsourcing enterprises in Shaanxi"} {
		if !strings.Contains(p.TextEN, w) {
			t.Errorf("item 12 in English lacks %q: %s", w, p.TextEN)
		}
	}
	if s.Policies[0].SectionEN != "I. General requirements" || s.Policies[14].SectionEN != "V. Sounder safeguards" {
		t.Errorf("sections %q … %q", s.Policies[0].SectionEN, s.Policies[14].SectionEN)
	}
}
