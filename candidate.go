package xiaoqi

import (
	"regexp"
	"strconv"
	"strings"
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
		}
	}
	if c.Degree != "" && !validDegree(c.Degree) {
		v.add("degree", "无法识别的学历 %q（可选：%s）", "unknown degree %q (one of %s)", c.Degree, strings.Join(Degrees[1:], ", "))
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

var (
	// An e-mail address, also with its @ written out: zs(at)example.com, zs [at] example [dot] com.
	textEmailPattern = regexp.MustCompile(`(?i)[a-z0-9._%+-]+\s*(?:@|[(\[{]at[)\]}])\s*[a-z0-9-]+(?:\s*(?:\.|[(\[{]dot[)\]}])\s*[a-z0-9-]+)*\s*(?:\.|[(\[{]dot[)\]}])\s*[a-z]{2,}`)
	textPhonePattern = regexp.MustCompile(`\+?[0-9][0-9 ()-]{5,}[0-9]`)
	// A messenger account after its label: 微信 wx_huang88, 微信号：huang, QQ 12345678, VX:abc123.
	// Without a colon the account must hold a digit: 熟悉 WeChat miniprogram is a skill.
	textMessengerPattern = regexp.MustCompile(`(?i)(微信号?|威信|薇信|扣扣|QQ号|\b(?:vx|wx|wechat|weixin|qq|skype|whatsapp|telegram)\b)(\s*[:：]?\s*)([a-z0-9][a-z0-9_.-]{4,})`)
	// A street address down to the door: 科技路10号, 长安南路 88 号 3 号楼 2 单元 501 室.
	textAddressPattern = regexp.MustCompile(`[^\s\p{P}市区县省镇乡]{0,6}(?:路|街|巷|大道|大街|胡同|道)\s*[0-9一二三四五六七八九十百]+\s*号(?:\s*[0-9A-Za-z一二三四五六七八九十]+\s*(?:号楼|栋|幢|座|单元|层|楼|室|号))*`)
	// What is left of a building and its door without the street: 3号楼2单元501室, 12栋1单元301.
	textDoorPattern = regexp.MustCompile(`[0-9A-Za-z]+\s*(?:号楼|栋|幢|座)\s*[0-9]+\s*(?:单元|层)(?:\s*[0-9]+\s*(?:室|号)?)?`)
	// A name's trailing remark in brackets: 黄某某（示例）.
	nameRemarkPattern = regexp.MustCompile(`\s*[（(][^（）()]*[）)]\s*$`)
)

// Redact removes the candidate's personal data from free text, writing mark in its place: the
// candidate's own name (also without a remark in brackets), phone, e-mail and birth date, and
// anything that looks like an e-mail address (also written with (at)), a phone number, a
// messenger account after its label (微信, QQ …) or a street address down to the door. Letters,
// digits and @ written full width (１３８…, ＠) count as their ASCII selves: they are folded
// before matching. The API shows and the index holds candidate text only redacted.
func (c *Candidate) Redact(s, mark string) string {
	if s == "" {
		return ""
	}
	s = foldASCIIWidth(s)
	for _, p := range []string{c.Email, c.Phone, c.BirthDate} {
		if p = strings.TrimSpace(foldASCIIWidth(p)); p != "" {
			s = strings.ReplaceAll(s, p, mark)
		}
	}
	// A one-character name would cut too much; real names have two or more.
	name := strings.TrimSpace(foldASCIIWidth(c.Name))
	for _, n := range []string{name, nameRemarkPattern.ReplaceAllString(name, "")} {
		if len([]rune(n)) >= 2 {
			s = strings.ReplaceAll(s, n, mark)
		}
	}
	s = textEmailPattern.ReplaceAllString(s, mark)
	s = textMessengerPattern.ReplaceAllStringFunc(s, func(m string) string {
		g := textMessengerPattern.FindStringSubmatch(m)
		if !strings.ContainsAny(g[2], ":：") && !strings.ContainsAny(g[3], "0123456789") {
			return m
		}
		return g[1] + g[2] + mark
	})
	s = textAddressPattern.ReplaceAllString(s, mark)
	s = textDoorPattern.ReplaceAllString(s, mark)
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

// foldASCIIWidth writes the full-width forms of ASCII letters, digits and the signs of
// addresses and numbers (＠ ． ＋ － ＿ （ ）) as ASCII, and the ideographic space as a space.
// Other full-width punctuation (，。：) stays: it is how Chinese is written.
func foldASCIIWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			return r - 0xFEE0
		case r == '＠' || r == '．' || r == '＋' || r == '－' || r == '＿':
			return r - 0xFEE0
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}
