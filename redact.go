package xiaoqi

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	// An e-mail address, also with its @ and dots written out: zs(at)example.com,
	// zs [at] example [dot] com, zs at example dot com, zs@example。com.
	textEmailPattern = regexp.MustCompile(`(?i)[a-z0-9._%+-]+\s*(?:@|[(\[{]at[)\]}]|\sat\s)\s*[a-z0-9-]+(?:\s*(?:\.|。|[(\[{]dot[)\]}]|\sdot\s)\s*[a-z0-9-]+)*\s*(?:\.|。|[(\[{]dot[)\]}]|\sdot\s)\s*[a-z]{2,}`)
	// Digits with spaces, brackets or hyphens between them: a phone number when it has nine
	// digits or more (Redact counts them).
	textPhonePattern = regexp.MustCompile(`\+?[0-9][0-9 ()-]{5,}[0-9]`)
	// A mobile number however its groups are separated: 139.1234.5671, 139/1234/5671,
	// 139·1234·5671, 139_1234_5671, +86 139 1234 5671.
	textMobilePattern = regexp.MustCompile(`(?:\+?86[\s.·_/—–-]{0,2})?1[3-9][0-9](?:[\s.·_/—–-]{0,2}[0-9]){8}`)
	// A landline with its area code, likewise: 029.8888.1234.
	textLandlinePattern = regexp.MustCompile(`0[1-9][0-9]{1,2}[\s.·_/—–-]{1,2}[0-9]{3,4}[\s.·_/—–-]{0,2}[0-9]{4}`)
	// A number written in Chinese digits, seven or more in a row: 一三九一二三四五六七一.
	textChineseDigitsPattern = regexp.MustCompile(`[〇零一二三四五六七八九幺两]{7,}`)
	// A messenger account after its label: 微信 wx_huang88, 微信号：huang, QQ号码 12345678,
	// VX:abc123. Latin labels that are also words (WeChat, Skype) need a colon or a digit in the
	// account: 熟悉 WeChat miniprogram is a skill.
	textMessengerPattern = regexp.MustCompile(`(?i)((?:微信|威信|薇信|扣扣|QQ|企鹅|\b(?:vx|wx|weixin|wechat|skype|whatsapp|telegram))(?:号码|账号|帐号|号|\s*id)?)(\s*[:：]?\s*)([a-z0-9][a-z0-9_.-]{4,})`)
	// Labels that name nothing but a messenger account: the word after them is one.
	strongMessengerLabel = regexp.MustCompile(`(?i)^(?:微信|威信|薇信|扣扣|企鹅|vx|wx|weixin)`)
	// A date after a label of birth: 生日1999年3月4日, 出生日期：1999/03/04.
	textBirthPattern = regexp.MustCompile(`((?:生日|出生日期|出生年月日?|出生于|生于)\s*[:：是为]?\s*)[0-9]{4}\s*[年./-]\s*[0-9]{1,2}(?:\s*[月./-]\s*[0-9]{1,2}\s*[日号]?)?`)
	// A resident identity card number: 18 characters, the last a digit or X.
	textIDCardPattern = regexp.MustCompile(`[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]`)
	// A street address down to the door: 科技路10号, 长安南路 88 号 3 号楼 2 单元 501 室.
	textAddressPattern = regexp.MustCompile(`[^\s\p{P}市区县省镇乡]{0,6}(?:路|街|巷|大道|大街|胡同|道)\s*[0-9一二三四五六七八九十百]+\s*号(?:\s*[0-9A-Za-z一二三四五六七八九十]+\s*(?:号楼|栋|幢|座|单元|层|楼|室|号))*`)
	// What is left of a building and its door without the street: 3号楼2单元501室, 12栋1单元301.
	textDoorPattern = regexp.MustCompile(`[0-9A-Za-z]+\s*(?:号楼|栋|幢|座)\s*[0-9]+\s*(?:单元|层)(?:\s*[0-9]+\s*(?:室|号)?)?`)
	// A name's trailing remark in brackets: 黄某某（示例）.
	nameRemarkPattern = regexp.MustCompile(`\s*[（(][^（）()]*[）)]\s*$`)
)

// Redact removes the candidate's personal data from free text, writing mark in its place: the
// candidate's own name (also without a remark in brackets), phone, e-mail and birth date (in
// the ways dates are written: 1999年3月4日, 1999.03.04 …), and anything that looks like an
// e-mail address (also written with at and dot), a phone number (with any separators, or in
// Chinese digits), an identity card number, a messenger account after its label (微信, QQ …),
// a date after a label of birth, or a street address down to the door. Letters, digits and @
// written full width (１３８…, ＠) count as their ASCII selves: they are folded before
// matching. The API shows and the index holds candidate text only redacted (Anonymized).
func (c *Candidate) Redact(s, mark string) string {
	if s == "" {
		return ""
	}
	s = foldASCIIWidth(s)
	own := []string{c.Email, c.Phone}
	own = append(own, dateForms(c.BirthDate)...)
	for _, p := range own {
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
		if !strings.ContainsAny(g[2], ":：") && !strings.ContainsAny(g[3], "0123456789") && !strongMessengerLabel.MatchString(g[1]) {
			return m
		}
		return g[1] + g[2] + mark
	})
	s = textBirthPattern.ReplaceAllString(s, "${1}"+mark)
	s = textAddressPattern.ReplaceAllString(s, mark)
	s = textDoorPattern.ReplaceAllString(s, mark)
	s = textIDCardPattern.ReplaceAllString(s, mark)
	s = textMobilePattern.ReplaceAllString(s, mark)
	s = textLandlinePattern.ReplaceAllString(s, mark)
	s = textChineseDigitsPattern.ReplaceAllString(s, mark)
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

// dateForms returns the ways people write the date d (YYYY-MM-DD): 1999-05-04, 1999年5月4日,
// 1999.05.04, 1999/5/4, 19990504 …; none when d is not such a date.
func dateForms(d string) []string {
	var y, m, day int
	if _, err := fmt.Sscanf(d, "%4d-%2d-%2d", &y, &m, &day); err != nil || m == 0 || day == 0 {
		return nil
	}
	var out []string
	for _, f := range []string{"%d-%02d-%02d", "%d年%d月%d日", "%d年%02d月%02d日", "%d年%d月%d号", "%d.%d.%d", "%d.%02d.%02d",
		"%d/%d/%d", "%d/%02d/%02d", "%d-%d-%d", "%d%02d%02d"} {
		out = append(out, fmt.Sprintf(f, y, m, day))
	}
	return out
}

// Anonymized returns a copy of c as everyone but the candidate sees it: without name, phone,
// e-mail, birth date, the enterprises they consented to and the external id (an importer may
// derive it from the personal data), and with every other text redacted (Redact), since a
// candidate may write a phone number anywhere, not only in the summary. A skill or language
// that held personal data is left out rather than shown redacted: it was none.
func (c *Candidate) Anonymized(mark string) *Candidate {
	a := *c
	a.Name, a.Phone, a.Email, a.BirthDate, a.ConsentEnterprises, a.ExternalID = "", "", "", "", nil, ""
	a.Summary = c.Redact(c.Summary, mark)
	a.StudyCountry = c.Redact(c.StudyCountry, mark)
	a.City = c.Redact(c.City, mark)
	a.Skills = c.redactList(c.Skills, mark)
	a.Languages = c.redactList(c.Languages, mark)
	a.Education = make([]Education, len(c.Education))
	for i, e := range c.Education {
		e.InstitutionName = c.Redact(e.InstitutionName, mark)
		e.Major = c.Redact(e.Major, mark)
		e.Degree = c.Redact(e.Degree, mark)
		e.Country = c.Redact(e.Country, mark)
		a.Education[i] = e
	}
	if c.Education == nil {
		a.Education = nil
	}
	return &a
}

// redactList returns the values of list that hold no personal data.
func (c *Candidate) redactList(list []string, mark string) []string {
	var out []string
	for _, v := range list {
		if c.Redact(v, mark) == foldASCIIWidth(v) {
			out = append(out, v)
		}
	}
	return out
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
