package api

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// candidateView is a candidate without personal information (ARCHITECTURE §7, PIPL): until
// accounts and consent land, no response carries a candidate's name, phone, e-mail, birth date
// or the enterprises they consented to, and the free-text summary is redacted. The fields
// below shadow the embedded candidate's fields of the same JSON name; the personal ones are
// always empty, so encoding/json omits them.
type candidateView struct {
	*xiaoqi.Candidate
	Name               string   `json:"name,omitempty"`
	Phone              string   `json:"phone,omitempty"`
	Email              string   `json:"email,omitempty"`
	BirthDate          string   `json:"birth_date,omitempty"`
	ConsentEnterprises []string `json:"consent_enterprises,omitempty"`
	Summary            string   `json:"summary,omitempty"`
	// BirthYear is all that is shown of the birth date.
	BirthYear int `json:"birth_year,omitempty"`
}

// anonymizeCandidate returns the public view of c.
func anonymizeCandidate(c *xiaoqi.Candidate) candidateView {
	v := candidateView{Candidate: c, Summary: redact(c.Summary, c)}
	if len(c.BirthDate) >= 4 {
		if y, err := strconv.Atoi(c.BirthDate[:4]); err == nil {
			v.BirthYear = y
		}
	}
	return v
}

// publicView returns what a response may show of d.
func publicView(d xiaoqi.Doc) any {
	if c, ok := d.(*xiaoqi.Candidate); ok {
		return anonymizeCandidate(c)
	}
	return d
}

// anonymizeHit drops personal fields from a candidate hit, whatever the index put there.
func anonymizeHit(h *xiaoqi.Hit) {
	if h.Type != xiaoqi.KindCandidate {
		return
	}
	for _, f := range [...]string{"name", "phone", "email", "birth_date", "consent_enterprises"} {
		delete(h.Fields, f)
	}
}

const redacted = "[已隐藏 hidden]"

var (
	emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	phonePattern = regexp.MustCompile(`\+?[0-9][0-9 ()-]{5,}[0-9]`)
)

// redact removes personal data from a candidate's free text: the candidate's own name, phone,
// e-mail and birth date, and anything that looks like an e-mail address or a phone number.
// (The search package redacts the indexed text the same way.)
func redact(s string, c *xiaoqi.Candidate) string {
	if s == "" {
		return ""
	}
	for _, p := range []string{c.Email, c.Phone, c.BirthDate} {
		if p = strings.TrimSpace(p); p != "" {
			s = strings.ReplaceAll(s, p, redacted)
		}
	}
	// A one-character name would cut too much; real names have two or more.
	if name := strings.TrimSpace(c.Name); len([]rune(name)) >= 2 {
		s = strings.ReplaceAll(s, name, redacted)
	}
	s = emailPattern.ReplaceAllString(s, redacted)
	return phonePattern.ReplaceAllStringFunc(s, func(m string) string {
		// Mobile numbers have 11 digits, landlines with area code 10 to 12; fewer is more
		// likely a year range (2019-2023) or a count.
		n := 0
		for _, r := range m {
			if r >= '0' && r <= '9' {
				n++
			}
		}
		if n < 9 {
			return m
		}
		return redacted
	})
}
