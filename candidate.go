package xiaoqi

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Candidate visibility levels (see ARCHITECTURE §7). The default, "anonymous", shows a profile
// without name, phone, e-mail or exact birth date.
const (
	VisibilityPrivate   = "private"
	VisibilityAnonymous = "anonymous"
	VisibilityPublic    = "public"
)

// Education is one entry of a candidate's education.
type Education struct {
	InstitutionID   string `json:"institution_id,omitempty"`
	InstitutionName string `json:"institution_name"`
	MajorCode       string `json:"major_code,omitempty"`
	Major           string `json:"major,omitempty"`
	Degree          string `json:"degree,omitempty"`
	GraduationYear  int    `json:"graduation_year,omitempty"`
	// Country is where the candidate studied, for returnees (日本, 英国 …); empty for China.
	Country string `json:"country,omitempty"`
}

// Candidate is a person looking for work. Name, phone, e-mail and birth date are personal
// information: the API hides them unless the candidate consented.
type Candidate struct {
	Meta
	Name      string      `json:"name"`
	Phone     string      `json:"phone,omitempty"`
	Email     string      `json:"email,omitempty"`
	BirthDate string      `json:"birth_date,omitempty"` // YYYY-MM-DD
	City      string      `json:"city,omitempty"`
	Education []Education `json:"education,omitempty"`
	// Degree is the highest degree.
	Degree    string   `json:"degree,omitempty"`
	Skills    []string `json:"skills,omitempty"`
	Languages []string `json:"languages,omitempty"`
	// Returnee marks a returned overseas student; StudyCountry says from where.
	Returnee     bool   `json:"returnee,omitempty"`
	StudyCountry string `json:"study_country,omitempty"`
	// WantsToFound marks interest in starting an outsourcing company.
	WantsToFound bool   `json:"wants_to_found,omitempty"`
	Summary      string `json:"summary,omitempty"`
	Visibility   string `json:"visibility,omitempty"`
	// ConsentEnterprises lists the enterprises whose HR may see contact details.
	ConsentEnterprises []string `json:"consent_enterprises,omitempty"`
}

// Kind implements Doc.
func (*Candidate) Kind() Kind { return KindCandidate }

// Title implements Doc. It never shows the name: a result list is public.
func (c *Candidate) Title() string {
	t := joinNonEmpty(" · ", c.Degree, c.City)
	if len(c.Education) > 0 {
		t = joinNonEmpty(" · ", c.Education[0].Major, t)
	}
	if t == "" {
		return "候选人 Candidate"
	}
	return t
}

// NaturalKey implements Doc: source and external id of an imported row, else none.
func (c *Candidate) NaturalKey() string {
	if c.Source != "" && c.ExternalID != "" {
		return "src:" + c.Source + "|" + c.ExternalID
	}
	return ""
}

// Filterable implements Doc.
func (c *Candidate) Filterable() map[string]string {
	f := map[string]string{"city": c.City, "degree": c.Degree, "source": c.Source,
		"synthetic": strconv.FormatBool(c.Synthetic), "institution_id": ""}
	if len(c.Education) > 0 {
		f["institution_id"] = c.Education[0].InstitutionID
	}
	return f
}

// Validate implements Doc.
func (c *Candidate) Validate() error {
	var v validation
	v.required("name", c.Name)
	if c.Email != "" && !emailPattern.MatchString(c.Email) {
		v.add("email", "is not an e-mail address / 邮箱格式不正确")
	}
	if c.Phone != "" && !phonePattern.MatchString(c.Phone) {
		v.add("phone", "is not a phone number / 电话格式不正确")
	}
	if c.BirthDate != "" {
		if d, err := time.Parse("2006-01-02", c.BirthDate); err != nil {
			v.add("birth_date", "must be YYYY-MM-DD / 日期格式应为 YYYY-MM-DD")
		} else if d.After(time.Now()) {
			v.add("birth_date", "is in the future / 不能晚于今天")
		}
	}
	if c.Degree != "" && !validDegree(c.Degree) {
		v.add("degree", "unknown degree %q", c.Degree)
	}
	switch c.Visibility {
	case "", VisibilityPrivate, VisibilityAnonymous, VisibilityPublic:
	default:
		v.add("visibility", "must be private, anonymous or public, not %q", c.Visibility)
	}
	for i, e := range c.Education {
		f := "education[" + strconv.Itoa(i) + "]"
		if e.InstitutionName == "" && e.InstitutionID == "" {
			v.add(f+".institution_name", "is required / 必填")
		}
		if e.MajorCode != "" && !ValidMajorCode(e.MajorCode) {
			v.add(f+".major_code", "must be six digits with an optional T/K suffix, not %q", e.MajorCode)
		}
		if e.GraduationYear != 0 && (e.GraduationYear < 1950 || e.GraduationYear > 2100) {
			v.add(f+".graduation_year", "must be between 1950 and 2100")
		}
	}
	return v.err(KindCandidate)
}

var (
	textEmailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	textPhonePattern = regexp.MustCompile(`\+?[0-9][0-9 ()-]{5,}[0-9]`)
)

// Redact removes the candidate's personal data from free text, writing mark in its place: the
// candidate's own name, phone, e-mail and birth date, and anything that looks like an e-mail
// address or a phone number. The API shows and the index holds candidate text only redacted.
func (c *Candidate) Redact(s, mark string) string {
	if s == "" {
		return ""
	}
	for _, p := range []string{c.Email, c.Phone, c.BirthDate} {
		if p = strings.TrimSpace(p); p != "" {
			s = strings.ReplaceAll(s, p, mark)
		}
	}
	// A one-character name would cut too much; real names have two or more.
	if name := strings.TrimSpace(c.Name); len([]rune(name)) >= 2 {
		s = strings.ReplaceAll(s, name, mark)
	}
	s = textEmailPattern.ReplaceAllString(s, mark)
	return textPhonePattern.ReplaceAllStringFunc(s, func(m string) string {
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
		return mark
	})
}
