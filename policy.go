package xiaoqi

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Policy is one numbered item of the 2015 Shaanxi policy on service outsourcing
// (陕西省人民政府关于促进服务外包产业加快发展的实施意见), items (一)–(十五).
//
// The Chinese fields are the official text and authoritative. The _EN fields are an
// unofficial English translation (PolicyTranslationNote), kept beside them for the English
// UI and for searches in English; they may be empty.
type Policy struct {
	Meta
	// Number is the item number, 1–15.
	Number    int    `json:"number"`
	Section   string `json:"section,omitempty"`    // 一、总体要求
	SectionEN string `json:"section_en,omitempty"` // I. General requirements
	Heading   string `json:"heading"`              // 发展思路
	HeadingEN string `json:"heading_en,omitempty"` // Approach
	Text      string `json:"text"`
	TextEN    string `json:"text_en,omitempty"` // the whole item, heading included, in English
}

// PolicyTranslationNote labels the English fields of a Policy wherever they are shown.
const PolicyTranslationNote = "非官方译文，以中文原文为准 / Unofficial translation; the Chinese text is authoritative"

// Kind implements Doc.
func (*Policy) Kind() Kind { return KindPolicy }

// Title implements Doc: "（十二）加强产学研合作".
func (p *Policy) Title() string {
	return fmt.Sprintf("（%s）%s", ChineseNumeral(p.Number), p.Heading)
}

// NaturalKey implements Doc.
func (p *Policy) NaturalKey() string {
	if p.Number <= 0 {
		return ""
	}
	return "item:" + strconv.Itoa(p.Number)
}

// Filterable implements Doc.
func (p *Policy) Filterable() map[string]string {
	return map[string]string{"number": strconv.Itoa(p.Number)}
}

// Validate implements Doc.
func (p *Policy) Validate() error {
	var v validation
	if p.Number < 1 || p.Number > 99 {
		v.add("number", "须在 1 与 99 之间", "must be between 1 and 99")
	}
	v.required("heading", p.Heading)
	v.required("text", p.Text)
	checkText(&v, p)
	return v.err(KindPolicy)
}

// ChineseNumeral writes 1–99 as Chinese numerals: 12 → 十二.
func ChineseNumeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n > 99:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n%10]
	case n%10 == 0:
		return digits[n/10] + "十"
	}
	return digits[n/10] + "十" + digits[n%10]
}

// Partnership states.
const (
	PartnershipSuggested = "suggested"
	PartnershipProposed  = "proposed"
	PartnershipAccepted  = "accepted"
	PartnershipDeclined  = "declined"
	PartnershipActive    = "active"
	PartnershipWithdrawn = "withdrawn" // the proposing side took its proposal back
	PartnershipEnded     = "ended"     // either side ended it, accepted or active
)

// PartnershipStates are the states of a partnership in the order of the workflow.
var PartnershipStates = []string{PartnershipSuggested, PartnershipProposed, PartnershipAccepted, PartnershipDeclined,
	PartnershipActive, PartnershipWithdrawn, PartnershipEnded}

// PartnershipOpen reports whether a partnership in state status stands: proposed, accepted or
// active. One that stands holds its parties (neither is deleted) and its pair (it is not
// proposed again); one suggested, declined, withdrawn or ended may be proposed (again).
func PartnershipOpen(status string) bool {
	return status == PartnershipProposed || status == PartnershipAccepted || status == PartnershipActive
}

// PartnershipEvent is one step of a partnership's history.
type PartnershipEvent struct {
	At     time.Time `json:"at"`
	Status string    `json:"status"`
	By     string    `json:"by,omitempty"`    // the acting side: institution or enterprise
	Actor  string    `json:"actor,omitempty"` // who acted for that side, as they gave it
	Note   string    `json:"note,omitempty"`
}

// Partnership is a school–enterprise cooperation (policy item (12)).
type Partnership struct {
	Meta
	InstitutionID   string             `json:"institution_id"`
	InstitutionName string             `json:"institution_name,omitempty"`
	EnterpriseID    string             `json:"enterprise_id"`
	EnterpriseName  string             `json:"enterprise_name,omitempty"`
	Status          string             `json:"status"`
	ProposedBy      string             `json:"proposed_by,omitempty"` // institution or enterprise
	Note            string             `json:"note,omitempty"`
	History         []PartnershipEvent `json:"history,omitempty"`
}

// Kind implements Doc.
func (*Partnership) Kind() Kind { return KindPartnership }

// Title implements Doc.
func (p *Partnership) Title() string {
	return joinNonEmpty(" × ", p.InstitutionName, p.EnterpriseName)
}

// NaturalKey implements Doc: one partnership per institution and enterprise.
func (p *Partnership) NaturalKey() string {
	if p.InstitutionID == "" || p.EnterpriseID == "" {
		return ""
	}
	return p.InstitutionID + "|" + p.EnterpriseID
}

// Filterable implements Doc.
func (p *Partnership) Filterable() map[string]string {
	return map[string]string{"institution_id": p.InstitutionID, "enterprise_id": p.EnterpriseID, "status": p.Status}
}

// Validate implements Doc.
func (p *Partnership) Validate() error {
	var v validation
	v.required("institution_id", p.InstitutionID)
	v.required("enterprise_id", p.EnterpriseID)
	v.ref("institution_id", KindInstitution, p.InstitutionID)
	v.ref("enterprise_id", KindEnterprise, p.EnterpriseID)
	switch {
	case p.Status == "":
		v.add("status", "必填", "is required")
	case !slices.Contains(PartnershipStates, p.Status):
		v.add("status", "须为 "+strings.Join(PartnershipStates, "、")+" 之一，不能是 %q", "must be one of "+strings.Join(PartnershipStates, ", ")+", not %q", p.Status)
	}
	if p.ProposedBy != "" && p.ProposedBy != "institution" && p.ProposedBy != "enterprise" {
		v.add("proposed_by", "须为 institution（院校）或 enterprise（企业）", "must be institution or enterprise")
	}
	for i, e := range p.History {
		v.date("history["+strconv.Itoa(i)+"].at", e.At)
	}
	checkText(&v, p)
	return v.err(KindPartnership)
}
