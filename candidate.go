package xiaoqi

import (
	"strconv"
	"time"
)

// Candidate visibility levels (see README: Security and privacy). The default, "anonymous", shows a profile
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

// earliestBirthYear bounds a candidate's birth date: 0001-05-06, which a form or a spreadsheet
// writes for a birthday without its year, is no one's.
const earliestBirthYear = 1900

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
	// OwnFields names the fields the candidate corrected herself (OwnFieldNames), which a
	// later import of a list keeps (KeepOwn), and her name when she changed it (OwnName): a
	// name, phone or e-mail she wrote herself does not say who she is (TrustedKeys). Set by
	// the server on the candidate's own PUT, shown to her alone.
	OwnFields []string `json:"own_fields,omitempty"`
	// FormerKeys are the TrustedKeys the profile held before its name, phone or e-mail
	// changed (FormerIdentity): digests only, kept by the server and shown to no one, by which
	// an erasure, and an import of the school's list that still has the old phone, know her.
	FormerKeys []string `json:"former_keys,omitempty"`
}

// Kind implements Doc.
func (*Candidate) Kind() Kind { return KindCandidate }

// Title implements Doc. It never shows personal data: a result list is public. A major or city
// that holds some (软件工程 王小明 13800001234: free text, as a candidate or an import writes it)
// is left out, as a skill that holds some is (Anonymized); it once went whole into search hits,
// the index and the matcher's answers, where anyone found the person by their phone number.
func (c *Candidate) Title() string {
	r := c.redactor("")
	t := joinNonEmpty(" · ", c.Degree, r.clean(c.City))
	if len(c.Education) > 0 {
		t = joinNonEmpty(" · ", r.clean(c.Education[0].Major), t)
	}
	if t == "" {
		return "候选人 Candidate"
	}
	return t
}

// PublicCity is the candidate's city as everyone may see it: empty when the candidate wrote
// personal data in it (铜川 13700002222), which the matcher's explanations once showed.
func (c *Candidate) PublicCity() string { return c.redactor("").clean(c.City) }

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
		v.add("email", "邮箱格式不正确", "is not an e-mail address")
	}
	if c.Phone != "" && !phonePattern.MatchString(c.Phone) {
		v.add("phone", "电话格式不正确", "is not a phone number")
	}
	if c.BirthDate != "" {
		if d, err := time.Parse("2006-01-02", c.BirthDate); err != nil {
			v.add("birth_date", "日期格式应为 YYYY-MM-DD", "must be YYYY-MM-DD")
		} else if d.After(time.Now()) {
			v.add("birth_date", "不能晚于今天", "is in the future")
		} else if d.Year() < earliestBirthYear {
			v.add("birth_date", "不能早于 %d 年", "is before %d", earliestBirthYear)
		}
	}
	switch {
	case c.Degree == DegreeAny:
		// 不限 is what a job need asks for; a person has a degree, or it is not known (empty).
		// It was stored, and a filter or a match by degree read it as a level.
		v.add("degree", "不限 是岗位需求的学历要求，不是个人的学历：请填写最高学历（%[1]s），不知道时留空",
			"不限 (any) is a job need's requirement, not a person's degree: give the highest degree (%[2]s), or leave it empty when not known",
			degreeList(Degrees[1:], true), degreeList(Degrees[1:], false))
	case c.Degree != "" && !validDegree(c.Degree):
		v.add("degree", "无法识别的学历 %[1]q（可选：%[2]s）", "unknown degree %[1]q (one of %[3]s)", c.Degree, degreeList(Degrees[1:], true), degreeList(Degrees[1:], false))
	}
	switch c.Visibility {
	case "", VisibilityPrivate, VisibilityAnonymous, VisibilityPublic:
	default:
		v.add("visibility", "须为 private、anonymous 或 public，不能是 %q", "must be private, anonymous or public, not %q", c.Visibility)
	}
	for i, e := range c.Education {
		f := "education[" + strconv.Itoa(i) + "]"
		v.ref(f+".institution_id", KindInstitution, e.InstitutionID)
		if e.InstitutionName == "" && e.InstitutionID == "" {
			v.add(f+".institution_name", "必填", "is required")
		}
		if e.MajorCode != "" && !ValidMajorCode(e.MajorCode) {
			v.add(f+".major_code", "须为六位数字，可带 T/K 后缀，不能是 %q", "must be six digits with an optional T/K suffix, not %q", e.MajorCode)
		}
		if e.GraduationYear != 0 && (e.GraduationYear < 1950 || e.GraduationYear > 2100) {
			v.add(f+".graduation_year", "须在 1950 与 2100 之间", "must be between 1950 and 2100")
		}
	}
	for i, id := range c.ConsentEnterprises {
		v.ref("consent_enterprises["+strconv.Itoa(i)+"]", KindEnterprise, id)
	}
	checkText(&v, c)
	return v.err(KindCandidate)
}
