package api

import (
	"strconv"

	"github.com/xiaoqi-dev/xiaoqi"
)

// candidateView is a candidate without personal information (README: Security and privacy, PIPL): what
// everyone but the candidate sees (view in personal.go decides): no name, phone, e-mail, birth
// date, the enterprises they consented to or the external id, and every text redacted
// (xiaoqi.Candidate.Anonymized). Contact details
// reach enterprise HR only through the audited release of personal.go. The fields
// below shadow the embedded candidate's fields of the same JSON name; the personal ones are
// always empty, so encoding/json omits them.
type candidateView struct {
	*xiaoqi.Candidate
	Name               string   `json:"name,omitempty"`
	Phone              string   `json:"phone,omitempty"`
	Email              string   `json:"email,omitempty"`
	BirthDate          string   `json:"birth_date,omitempty"`
	ConsentEnterprises []string `json:"consent_enterprises,omitempty"`
	ExternalID         string   `json:"external_id,omitempty"`
	// BirthYear is all that is shown of the birth date.
	BirthYear int `json:"birth_year,omitempty"`
}

// anonymizeCandidate returns the public view of c.
func anonymizeCandidate(c *xiaoqi.Candidate) candidateView {
	v := candidateView{Candidate: c.Anonymized(redacted)}
	if len(c.BirthDate) >= 4 {
		if y, err := strconv.Atoi(c.BirthDate[:4]); err == nil {
			v.BirthYear = y
		}
	}
	return v
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
