package xiaoqi

import (
	_ "embed"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
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
	// A number written in Chinese digits, seven or more in a row: 一三九一二三四五六七一, also
	// in the financial digits (壹叁柒…), mixed with ASCII digits (139一二三四5678) or in groups
	// (一三七 一一一一 二二二二); Redact keeps the runs without a Chinese digit to the patterns
	// of ASCII numbers.
	textChineseDigitsPattern = regexp.MustCompile(`[〇零一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖0-9](?:[ ·.-]?[〇零一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖0-9]){6,}`)
	// A messenger account after its label: 微信 wx_huang88, 微信号：huang, QQ号码 12345678,
	// VX:abc123. Latin labels that are also words (WeChat, Skype) need a colon or a digit in the
	// account: 熟悉 WeChat miniprogram is a skill.
	// 抖音号 qdd888888, 钉钉 qdd888, 微博 @qdd888 too.
	textMessengerPattern = regexp.MustCompile(`(?i)((?:微信|威信|薇信|扣扣|QQ|企鹅|抖音|钉钉|微博|\b(?:vx|wx|weixin|wechat|skype|whatsapp|telegram))(?:号码|账号|帐号|号|\s*id)?)(\s*[:：]?\s*@?)([a-z0-9][a-z0-9_.-]{4,})`)
	// Labels that name nothing but a messenger account: the word after them is one.
	strongMessengerLabel = regexp.MustCompile(`(?i)^(?:微信|威信|薇信|扣扣|企鹅|抖音|钉钉|微博|vx|wx|weixin)`)
	// A passport or travel permit number after its label: 护照号 E12345678, Passport No.
	// EA1234567, 港澳通行证 C12345678. Returnees write theirs.
	textPassportPattern = regexp.MustCompile(`(?i)((?:护照|通行证|\bpassport)(?:号码|号|\s*no\.?|\s*number)?\s*[:：]?\s*)[a-z]{1,2}[0-9]{7,8}\b`)
	// A resident identity card number: 18 characters, the last a digit or X, also in groups
	// (610102 19990304 1234, 610102-19990304-123X, 6101 0219 9903 0412 34): a space, tab or
	// hyphen may stand between any two. Only the date was hidden of a number so written.
	textIDCardPattern = regexp.MustCompile(strings.ReplaceAll(
		`[1-9]~[0-9]~[0-9]~[0-9]~[0-9]~[0-9]~(?:1~9|2~0)~[0-9]~[0-9]~(?:0~[1-9]|1~[0-2])~(?:0~[1-9]|[12]~[0-9]|3~[01])~[0-9]~[0-9]~[0-9]~[0-9Xx]`,
		"~", `[ \t-]?`))
	// A name's trailing remark in brackets: 黄某某（示例）.
	nameRemarkPattern = regexp.MustCompile(`\s*[（(][^（）()]*[）)]\s*$`)
)

// Redact removes the candidate's personal data from free text, writing mark in its place: the
// candidate's own name (also without a remark in brackets, with signs between its characters,
// in pinyin, and its parts: the given name as a word, 周同学, handles such as zhouxc1999),
// phone, e-mail and birth date (in the ways dates are written: 1999年3月4日, 1999.03.04,
// 一九九九年三月四日, 99年3月4日, 3/4/1999, March 4, 1999 …), and anything that looks like an
// e-mail address (also written with at and dot, with #, without its ending at a mail service,
// or after 邮箱), the link of a personal page (github.com/…), a phone number (with any
// separators, or in Chinese digits), an identity card number (also in groups), a messenger
// account after its label (微信, QQ …), a date after a label of birth
// (生日, 出生, DOB, born on) or before 出生, or a street address down to the door (also an
// estate's building and room, and a street abroad: 221B Baker Street). Letters, digits and @
// written full width (１３８…, ＠) count as their ASCII selves: they are folded before
// matching. The API shows and the index holds candidate text only redacted (Anonymized).
func (c *Candidate) Redact(s, mark string) string {
	return c.redactor(mark).redact(s)
}

// redactor is Redact for one candidate and mark, with the candidate's own data prepared once
// for all the texts of a profile (Anonymized).
type redactor struct {
	own   []string     // the candidate's e-mail, phone, birth date as written, and names, folded
	names []namePart   // the names without their spaces, found also with spaces between (钱 多 多), and their parts (小川, 周同学)
	latin []*latinName // the names in pinyin (Ouyang Xiaoqi)
	birth *birthDate   // the birth date, however written (一九九九年三月四日, 3/4/1999, March 4, 1999)
	mark  string
	cues  cues // of the mark, which is written in
}

func (c *Candidate) redactor(mark string) redactor {
	r := redactor{mark: mark, cues: textCues(mark), birth: newBirthDate(c.BirthDate)}
	for _, p := range append([]string{c.Email, c.Phone}, dateForms(c.BirthDate)...) {
		if p = strings.TrimSpace(foldASCIIWidth(p)); p != "" {
			r.own = append(r.own, p)
		}
	}
	// A one-character name would cut too much; real names have two or more.
	name := strings.TrimSpace(foldASCIIWidth(c.Name))
	bare := nameRemarkPattern.ReplaceAllString(name, "")
	for _, n := range []string{name, bare} {
		if len([]rune(n)) >= 2 && !slices.Contains(r.own, n) {
			r.own = append(r.own, n)
			r.names = append(r.names, namePart{runes: []rune(strings.Join(strings.Fields(n), ""))})
			if l := namePinyin(strings.Join(strings.Fields(n), "")); l != nil {
				r.latin = append(r.latin, l)
			}
		}
	}
	r.names = append(r.names, nameParts(strings.Join(strings.Fields(bare), ""))...)
	return r
}

func (r redactor) redact(s string) string {
	if s == "" {
		return ""
	}
	s = foldASCIIWidth(s)
	// An identity card number holds the birth date, which is among the candidate's own data:
	// cut out first, it left the rest of the number (610102＊1234) for no pattern to find.
	if c := textCues(s); c.digits >= 17 {
		s = textIDCardPattern.ReplaceAllString(s, r.mark)
	}
	s = r.birth.replace(s, r.mark)
	for _, p := range r.own {
		s = strings.ReplaceAll(s, p, r.mark)
	}
	s = replaceNames(s, r.names, r.mark)
	s = redactPatterns(s, r.mark, textCues(s).with(r.cues))
	// The name in pinyin after the patterns: a part of it (ouyang) cut out of an e-mail
	// address left the rest of the address (＊@example.com) for no pattern to find.
	for _, l := range r.latin {
		s = l.replace(s, r.mark)
		if l.isPart(strings.TrimSpace(s)) { // a skill or country of study that is the surname alone: Zhou
			return r.mark
		}
	}
	return s
}

// t2sData is the table of traditional characters and their simplified forms that the skill
// taxonomy folds text with (OpenCC, Apache-2.0).
//
//go:embed skill/data/t2s.txt
var t2sData string

// t2s maps a traditional character to its simplified form, read from t2sData once.
var t2s = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	for _, line := range strings.Split(t2sData, "\n") {
		t, s, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") || utf8.RuneCountInString(t) != 1 || utf8.RuneCountInString(s) != 1 {
			continue
		}
		m[[]rune(t)[0]], _ = utf8.DecodeRuneInString(s)
	}
	return m
})

// zhDigits are the Chinese digits a number is written in, the financial ones too.
const zhDigits = "〇零一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖"

// simplified returns the simplified form of r, or r.
func simplified(r rune) rune {
	if r < 0x2E80 {
		return r
	}
	if s, ok := t2s()[r]; ok {
		return s
	}
	return r
}

// cues are what a pattern of Redact cannot match without: most texts of a profile (a skill,
// a school, a summary in Chinese) lack what most patterns need, which are then skipped unread.
// Skipping changes nothing: TestRedactCues and FuzzRedactCues compare.
type cues struct {
	digits   int // ASCII digits: a phone number has nine or more, an identity card 17, a birth date 5
	zhDigits int // Chinese digits (〇零一二…): seven make a number
	latin    bool
	letters  uint32 // the Latin letters, a bit each (a is 1), in either case: an "at" written out, the labels of birth and e-mail
	upper    bool   // A-Z: a street in English is named in capitals
	at       bool   // @
	hash     bool   // #: an e-mail address written with # for @
	dot      bool   // .: a site's name
	mail     bool   // 邮: of the labels of e-mail (邮箱, 电邮)
	zhLabel  bool   // 信 扣 鹅 抖 钉 博: of the Chinese labels of messengers (微信, 扣扣, 企鹅, 抖音, 钉钉, 微博)
	passport bool   // 照 证: 护照, 通行证
	birth    bool   // 生: of the labels of birth (生日, 出生日期, 生于, and 出生 after a date)
	hao      bool   // 号: a street address
	door     bool   // 号 栋 幢 座: a building
}

// textCues answers the cues of s.
func textCues(s string) cues {
	var c cues
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			c.digits++
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '\u212a', r == '\u017f': // K and ſ: (?i) folds them to k and s
			c.latin = true
			switch {
			case r == '\u212a':
				r = 'k'
			case r == '\u017f':
				r = 's'
			case r <= 'Z':
				c.upper = true
				r += 'a' - 'A'
			}
			c.letters |= 1 << (r - 'a')
		case r == '@':
			c.at = true
		case r == '#':
			c.hash = true
		case r == '.':
			c.dot = true
		case r == '邮':
			c.mail = true
		case r == '信', r == '扣', r == '鹅', r == '抖', r == '钉', r == '博':
			c.zhLabel = true
		case r == '照', r == '证':
			c.passport = true
		case r == '生':
			c.birth = true
		case r == '号':
			c.hao, c.door = true, true
		case r == '栋', r == '幢', r == '座':
			c.door = true
		case strings.ContainsRune(zhDigits, r):
			c.zhDigits++
		}
	}
	return c
}

// has reports whether s holds each of the Latin letters of word, in either case.
func (c cues) has(word string) bool {
	for _, r := range word {
		if c.letters&(1<<(r-'a')) == 0 {
			return false
		}
	}
	return true
}

// every is the cues that skip no pattern.
var every = cues{digits: math.MaxInt, zhDigits: math.MaxInt, latin: true, letters: 1<<26 - 1, upper: true, at: true, hash: true, dot: true, mail: true,
	zhLabel: true, passport: true, birth: true, hao: true, door: true}

// with answers the cues of a text into which mark may be written any number of times: what
// mark holds may appear anywhere, as often as a pattern needs.
func (c cues) with(mark cues) cues {
	if mark.digits > 0 {
		c.digits = math.MaxInt
	}
	if mark.zhDigits > 0 {
		c.zhDigits = math.MaxInt
	}
	c.latin, c.letters, c.upper, c.at = c.latin || mark.latin, c.letters|mark.letters, c.upper || mark.upper, c.at || mark.at
	c.zhLabel, c.birth, c.hao, c.door = c.zhLabel || mark.zhLabel, c.birth || mark.birth, c.hao || mark.hao, c.door || mark.door
	c.passport = c.passport || mark.passport
	c.hash, c.dot, c.mail = c.hash || mark.hash, c.dot || mark.dot, c.mail || mark.mail
	return c
}

// redactPatterns replaces what the patterns of Redact find in s, skipping those that the cues
// of s rule out (every: none skipped). The cues are taken before any replacement, which only
// takes characters out and writes the mark in (cues.with). The order of the patterns matters:
// each reads what the ones before it left.
func redactPatterns(s, mark string, c cues) string {
	if c.latin && (c.at || c.has("at")) { // letters of a domain, and an @ or "at"
		s = textEmailPattern.ReplaceAllString(s, mark)
	}
	if c.latin && c.dot { // a site's name
		s = textProfilePattern.ReplaceAllString(s, mark)
	}
	if c.latin && c.hash {
		s = textEmailHashPattern.ReplaceAllString(s, mark)
	}
	if c.at {
		s = textEmailHostPattern.ReplaceAllString(s, mark)
	}
	if c.mail && (c.latin || c.digits > 0) || c.has("mail") { // 邮 or a Latin label, and an account
		s = replaceEmailLabels(s, mark)
	}
	if c.latin || c.digits > 0 && c.zhLabel { // a Latin label, or a Chinese one with an account of digits
		s = replaceSubmatches(textMessengerPattern, s, func(g []string) string {
			if !strings.ContainsAny(g[2], ":：") && !strings.ContainsAny(g[3], "0123456789") && !strongMessengerLabel.MatchString(g[1]) {
				return g[0]
			}
			return g[1] + g[2] + mark
		})
	}
	if (c.passport || c.latin) && c.digits >= 7 {
		s = textPassportPattern.ReplaceAllString(s, "${1}"+mark)
	}
	if c.birth || c.has("dob") || c.has("born") || c.has("birth") { // of its labels: the date may be written in Chinese (十月十日)
		s = textBirthPattern.ReplaceAllString(s, "${1}"+mark)
	}
	if c.birth {
		s = replaceBirthAfter(s, mark)
	}
	if c.hao {
		s = replaceAddresses(textAddressPattern, s, mark)
	}
	if c.door && c.digits > 0 {
		s = textDoorPattern.ReplaceAllString(s, mark)
	}
	if c.upper && c.digits > 0 {
		s = textStreetPatternEn.ReplaceAllString(s, mark)
	}
	if c.digits >= 17 {
		s = textIDCardPattern.ReplaceAllString(s, mark)
	}
	if c.digits >= 11 {
		s = textMobilePattern.ReplaceAllString(s, mark)
	}
	if c.digits >= 10 {
		s = textLandlinePattern.ReplaceAllString(s, mark)
	}
	if c.zhDigits >= 7 || c.zhDigits >= 1 && c.digits >= 7-c.zhDigits {
		s = textChineseDigitsPattern.ReplaceAllStringFunc(s, func(m string) string {
			if !strings.ContainsAny(m, zhDigits) {
				return m // ASCII digits only: a year range, a count, or a phone the patterns above judge
			}
			return mark
		})
	}
	if c.digits < 9 { // fewer digits are never taken for a phone number (below)
		return s
	}
	return textPhonePattern.ReplaceAllStringFunc(s, func(m string) string {
		// Mobile numbers have 11 digits, landlines with area code 10 to 12; fewer is more
		// likely a year range (2019-2023) or a count.
		n := 0
		for _, r := range m {
			if r >= '0' && r <= '9' {
				n++
			}
		}
		if n < 9 || numberRange(m) {
			return m
		}
		return mark
	})
}

// numberRange reports whether m, digits the phone pattern matched, is a range of two numbers,
// as a salary (8000-10000, 12000 - 15000) or a count is written, not a phone number: two groups
// of three to six digits around one hyphen, neither with a leading zero (029-8888…), the first
// the smaller. A candidate's 期望薪资8000-10000元 was hidden as a phone number.
func numberRange(m string) bool {
	a, b, ok := strings.Cut(m, "-")
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	group := func(g string) bool {
		if len(g) < 3 || len(g) > 6 || g[0] == '0' {
			return false
		}
		for _, r := range g {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	return ok && group(a) && group(b) && (len(a) < len(b) || len(a) == len(b) && a < b)
}

// replaceSubmatches is re.ReplaceAllStringFunc with the groups of each match as found in s:
// a match alone need not match again (\bskype matched ſkYpe after a digit, (?i) folding ſ to
// s, but not ſkYpe alone, where no word boundary is before ſ; the fuzz target found the
// panic).
func replaceSubmatches(re *regexp.Regexp, s string, f func(g []string) string) string {
	ms := re.FindAllStringSubmatchIndex(s, -1)
	if ms == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		b.WriteString(s[last:m[0]])
		g := make([]string, len(m)/2)
		for i := range g {
			if m[2*i] >= 0 {
				g[i] = s[m[2*i]:m[2*i+1]]
			}
		}
		b.WriteString(f(g))
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// Anonymized returns a copy of c as everyone but the candidate sees it: without name, phone,
// e-mail, birth date, the enterprises they consented to and the external id (an importer may
// derive it from the personal data), and without a source that holds personal data, and with every other text redacted (Redact), since a
// candidate may write a phone number anywhere, not only in the summary. A skill or language
// that held personal data is left out rather than shown redacted: it was none.
func (c *Candidate) Anonymized(mark string) *Candidate {
	r := c.redactor(mark)
	a := *c
	a.Name, a.Phone, a.Email, a.BirthDate, a.ConsentEnterprises, a.ExternalID = "", "", "", "", nil, ""
	a.OwnFields = nil // which fields she corrected is hers to know
	a.FormerKeys = nil
	// An import names the source after its file, which may be the person's (欧阳娜娜_136…_简历).
	a.Source = r.clean(c.Source)
	a.Summary = r.redact(c.Summary)
	a.StudyCountry = r.redact(c.StudyCountry)
	a.City = r.redact(c.City)
	a.Skills = r.list(c.Skills)
	a.Languages = r.list(c.Languages)
	a.Education = make([]Education, len(c.Education))
	for i, e := range c.Education {
		e.InstitutionName = r.redact(e.InstitutionName)
		e.Major = r.redact(e.Major)
		e.Degree = r.redact(e.Degree)
		e.Country = r.redact(e.Country)
		a.Education[i] = e
	}
	if c.Education == nil {
		a.Education = nil
	}
	return &a
}

// clean returns s when it holds no personal data, else "".
func (r redactor) clean(s string) string {
	if r.redact(s) != foldASCIIWidth(s) {
		return ""
	}
	return s
}

// list returns the values of list that hold no personal data.
func (r redactor) list(list []string) []string {
	var out []string
	for _, v := range list {
		if r.redact(v) == foldASCIIWidth(v) {
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
