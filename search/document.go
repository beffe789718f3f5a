package search

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// indexDoc is what the index receives for one stored document: field name → value(s), using
// only the fields of fieldSpecs. Text fields are given once (title); document() adds their
// word fields (title_w).
type indexDoc map[string]any

// newDocument converts d into its index document; nil for a document that is not indexed at
// all (a private candidate).
func newDocument(d xiaoqi.Doc) (indexDoc, error) {
	var doc indexDoc
	switch d := d.(type) {
	case *xiaoqi.Institution:
		doc = institutionDocument(d)
	case *xiaoqi.Program:
		doc = programDocument(d)
	case *xiaoqi.Enterprise:
		doc = enterpriseDocument(d)
	case *xiaoqi.JobNeed:
		doc = jobDocument(d)
	case *xiaoqi.Candidate:
		if d.Visibility == xiaoqi.VisibilityPrivate {
			return nil, nil // found by no one (README: Security and privacy); Apply removes an indexed one
		}
		doc = candidateDocument(d)
	case *xiaoqi.Policy:
		doc = policyDocument(d)
	case *xiaoqi.Partnership:
		doc = partnershipDocument(d)
	default:
		return nil, fmt.Errorf("search: cannot index a %T", d)
	}
	m := d.Base()
	doc[fieldType] = string(d.Kind())
	doc[fieldTitle] = d.Title()
	doc[fieldSynthetic] = m.Synthetic
	doc[fieldVersion] = float64(m.Version)
	if t, ok := doc[fieldDate].(time.Time); ok && !indexableDate(t) {
		// Stored before validation bounded dates: found without it rather than not at all.
		delete(doc, fieldDate)
	}
	if _, ok := doc[fieldDate]; !ok && !m.UpdatedAt.IsZero() {
		doc[fieldDate] = m.UpdatedAt
	}
	doc.latin()
	doc.prune()
	return doc, nil
}

func institutionDocument(i *xiaoqi.Institution) indexDoc {
	names := append(list(i.Code, i.CreditCode, i.Authority, i.Level, typeName(i.Type)), i.Tags...)
	if i.KeyTraining {
		names = append(names, "服务外包重点培训机构")
	}
	level := degreeValue(i.Level)
	if level != i.Level {
		names = append(names, level) // 大专 finds the vocational colleges too
	}
	doc := indexDoc{fieldNames: names, fieldBody: i.Description, fieldCode: i.Code,
		fieldDegree: level, fieldSuggest: []string{i.Name}, fieldInstType: string(i.Type), fieldNameEN: i.NameEN,
		// Spelled as firms are: the schools of the static list (knownNames) were found by their
		// pinyin, a training school added since (西安博学IT职业技能培训学校: boxue, xabx) was not.
		fieldPinyin: firmSpellings(i.Name)}
	doc.place(i.City, i.District, i.Region)
	if i.Geo != nil {
		doc[fieldGeo] = *i.Geo
	}
	return doc
}

func programDocument(p *xiaoqi.Program) indexDoc {
	doc := indexDoc{
		fieldNames:     list(p.InstitutionName, p.Name, p.MajorCode, p.ClassName, p.Category, p.Degree),
		fieldSkills:    p.Skills,
		fieldBody:      p.Description,
		fieldInstName:  p.InstitutionName,
		fieldInstID:    p.InstitutionID,
		fieldMajorCode: p.MajorCode,
		fieldSkill:     p.Skills,
		fieldDegree:    p.Degree,
		// The institution's name too: suggestions count documents, so a school's name then
		// counts its programs, and 西安 suggests the large schools first.
		fieldSuggest: append(list(p.Name, p.InstitutionName), p.Skills...),
	}
	doc.place(p.City, p.District, "")
	return doc
}

// taughtSkills returns the skills of program p that its catalogue major teaches in a course or
// at its core, leaving out those it only touches (depth 1: mostly the catalogue's employment
// directions, such as 软件测试 for 新能源材料与器件). Those still count in matching, at half
// strength; found by search, they put hundreds of programs of other fields beside the ones that
// teach the skill (Java 测试 西安 listed 401 programs). Skills the major does not list, and
// every skill of a program without a major code, stay.
func taughtSkills(tax *skill.Taxonomy, p *xiaoqi.Program) []string {
	if p.MajorCode == "" {
		return p.Skills
	}
	depth := map[string]int{}
	for _, sd := range tax.SkillsOfMajor(p.MajorCode) {
		depth[sd.ID] = sd.Depth
	}
	out := make([]string, 0, len(p.Skills))
	for _, name := range p.Skills {
		if s, ok := tax.Resolve(name); ok && depth[s.ID] == 1 {
			continue
		}
		out = append(out, name)
	}
	return out
}

func enterpriseDocument(e *xiaoqi.Enterprise) indexDoc {
	names := list(e.CreditCode, e.Type, e.Size)
	sectors := make([]string, 0, len(e.Sectors))
	for _, s := range e.Sectors {
		sectors = append(sectors, string(s))
	}
	if e.Leading {
		names = append(names, "服务外包领军企业")
	}
	// The languages its offshore markets ask for are what a firm needs of the people it hires
	// and trains: a search for 日语 finds the firms serving 日韩, as the language filter does.
	var langs []string
	for _, ml := range e.MarketLanguages() {
		langs = append(langs, ml.Name)
	}
	doc := indexDoc{
		fieldNames:    append(names, e.OffshoreMarkets...),
		fieldSkills:   langs,
		fieldLanguage: langs,
		fieldBody:     e.Description,
		fieldSector:   sectors,
		fieldEntName:  e.Name,
		fieldSuggest:  []string{e.Name},
		fieldPinyin:   firmSpellings(e.Name),
		fieldVerified: xiaoqi.ValidCreditCode(e.CreditCode),
	}
	doc.place(e.City, e.District, e.Region)
	if e.Geo != nil {
		doc[fieldGeo] = *e.Geo
	}
	return doc
}

func jobDocument(j *xiaoqi.JobNeed) indexDoc {
	doc := indexDoc{
		// Sector names are a filter and a facet, not text: 软件研发和测试 would make every
		// software job match 测试.
		fieldNames:    list(j.EnterpriseName, j.Degree, j.Experience),
		fieldSkills:   append(append([]string(nil), j.Skills...), j.Languages...),
		fieldBody:     j.Description,
		fieldEntName:  j.EnterpriseName,
		fieldEntID:    j.EnterpriseID,
		fieldSector:   string(j.Sector),
		fieldSkill:    j.Skills,
		fieldLanguage: j.Languages,
		fieldDegree:   j.Degree,
		// The enterprise's name too, counting its job needs (see programDocument).
		fieldSuggest: append(list(j.Name, j.EnterpriseName), j.Skills...),
	}
	if !j.PostedAt.IsZero() {
		doc[fieldDate] = j.PostedAt
		// The day as written, in China: a posting without a date has none, where the hit's
		// date (what sort=date orders by) is the day it last changed, which the UI showed as
		// 发布于 (posted on) today.
		doc[fieldPosted] = j.PostedAt.In(ingest.China).Format(time.DateOnly)
	}
	if e, ok := xiaoqi.ParseExperience(j.Experience); ok {
		doc[fieldExpMin], doc[fieldExpMax] = e.Min, e.Max
		doc[fieldExp] = e.String() // 3-4年经验 and 3～4年 alike: 3-4年, which the UI puts in English
	} else if j.Experience != "" {
		doc[fieldExp] = j.Experience
	}
	if j.SalaryMin > 0 || j.SalaryMax > 0 {
		hi, top := j.SalaryMax, j.SalaryMax
		if hi == 0 {
			hi, top = xiaoqi.MaxMonthlySalary, j.SalaryMin // 1万以上: no upper end, 1万 stated
		}
		doc[fieldSalaryMin], doc[fieldSalaryMax], doc[fieldSalaryTop] = salaryTerm(j.SalaryMin), salaryTerm(hi), salaryTerm(top)
		doc[fieldSalary] = salaryText(j)
		if j.SalaryMonths > 0 {
			// The English page says the figures of the text, not the text: 9千-1.1万·14薪
			// was "CNY 9,000–11,000 a month" in a hit, without its 14 pays a year.
			doc[fieldSalaryMon] = float64(j.SalaryMonths)
		}
	}
	if j.Status == xiaoqi.JobClosed {
		doc[fieldStatus] = j.Status // still found, and said to be closed
	}
	doc.place(j.City, j.District, j.Region)
	return doc
}

// salaryTerm is a monthly salary as the index holds it: zero-padded to the digits of
// xiaoqi.MaxMonthlySalary, so that terms sort as the amounts do.
func salaryTerm(n int) string {
	return fmt.Sprintf("%07d", min(max(n, 0), xiaoqi.MaxMonthlySalary))
}

// salaryText is the salary of j as a hit shows it: as written (1.2-2万·14薪), else from its
// monthly figures (8000-12000元/月, 10000元/月以上).
func salaryText(j *xiaoqi.JobNeed) string {
	if t := strings.TrimSpace(j.SalaryText); t != "" {
		return t
	}
	switch {
	case j.SalaryMax == 0:
		return strconv.Itoa(j.SalaryMin) + "元/月以上"
	case j.SalaryMin == 0:
		return strconv.Itoa(j.SalaryMax) + "元/月以下"
	case j.SalaryMin == j.SalaryMax:
		return strconv.Itoa(j.SalaryMin) + "元/月"
	}
	return strconv.Itoa(j.SalaryMin) + "-" + strconv.Itoa(j.SalaryMax) + "元/月"
}

// candidateDocument indexes a candidate by skills, majors, institutions, degree, city,
// languages and summary only, as everyone may see them (xiaoqi.Candidate.Anonymized): name,
// phone, e-mail and birth date never enter the index, and are cut out of every text should
// the candidate have written them there. Candidates give
// no suggestions.
func candidateDocument(c *xiaoqi.Candidate) indexDoc {
	c = c.Anonymized(redacted)
	names := list(c.Degree)
	var insts []string
	grad := 0
	for _, e := range c.Education {
		names = append(names, list(e.InstitutionName, e.Major, e.MajorCode, e.Degree)...)
		insts = append(insts, e.InstitutionName)
		grad = max(grad, e.GraduationYear)
	}
	doc := indexDoc{
		fieldNames:    names,
		fieldSkills:   append(append([]string(nil), c.Skills...), c.Languages...),
		fieldBody:     c.Summary,
		fieldSkill:    c.Skills,
		fieldLanguage: c.Languages,
		fieldDegree:   c.Degree,
		fieldInstName: insts,
	}
	if grad > 0 {
		doc[fieldGradYear] = float64(grad)
		// The class, as recruiters say it (2025届, 25届 Java): what postings say too.
		names = append(names, strconv.Itoa(grad)+"届", fmt.Sprintf("%02d届", grad%100))
		doc[fieldNames] = names
	}
	doc.place(c.City, "", "")
	return doc
}

// policyDocument indexes an item's official Chinese and, for searches in English, its
// unofficial English translation, section and text (which begins with the heading), in the
// English field only: the body, stored for snippets, stays the Chinese, and the words of the
// text fields are matched as written, English function words too (and, of). Before,
// "intellectual property", "Belt and Road" or "foreign exchange" found none of the items that
// say so. The English text is stored too (not indexed again), for the snippet of a search in
// English (locate).
func policyDocument(p *xiaoqi.Policy) indexDoc {
	return indexDoc{
		fieldNames:  list(p.Section, p.Heading, "第"+xiaoqi.ChineseNumeral(p.Number)+"项"),
		fieldBody:   p.Text,
		fieldNumber: float64(p.Number),
		fieldEN:     latinText(strings.TrimSpace(p.SectionEN + " " + p.TextEN)),
		fieldBodyEN: strings.TrimSpace(p.TextEN),
	}
}

func partnershipDocument(p *xiaoqi.Partnership) indexDoc {
	return indexDoc{
		fieldNames:    list(p.InstitutionName, p.EnterpriseName),
		fieldBody:     p.Note,
		fieldInstName: p.InstitutionName,
		fieldEntName:  p.EnterpriseName,
	}
}

// place sets the city and region keywords and the place text. Cities are stored in their
// full form (西安市) so that a filter on 西安 or 西安市 finds them.
func (doc indexDoc) place(city, district string, region xiaoqi.Region) {
	city = xiaoqi.NormalizeCity(city)
	if region == "" {
		region = xiaoqi.RegionOf(city)
	}
	doc[fieldCity] = city
	doc[fieldDistrict] = district
	doc[fieldRegion] = string(region)
	doc[fieldPlace] = list(city, district, string(region))
	if district == "杨陵区" || city == "杨凌示范区" {
		// The new area of policy item (7), which users call 杨凌.
		doc[fieldPlace] = list(city, district, "杨凌示范区", string(region))
	}
}

// latin fills the English field with the Latin words of the text fields, after the English
// text a document gave it (a policy item's translation).
func (doc indexDoc) latin() {
	var parts []string
	if s, ok := doc[fieldEN].(string); ok {
		parts = append(parts, s)
	}
	for _, f := range textFields {
		switch v := doc[f.name].(type) {
		case string:
			parts = append(parts, latinText(v))
		case []string:
			for _, s := range v {
				parts = append(parts, latinText(s))
			}
		}
	}
	doc[fieldEN] = strings.TrimSpace(strings.Join(list(parts...), " "))
}

// prune drops empty values, so that a hit carries only the fields its document has.
func (doc indexDoc) prune() {
	for k, v := range doc {
		switch v := v.(type) {
		case string:
			if v == "" {
				delete(doc, k)
			}
		case []string:
			if v = list(v...); len(v) == 0 {
				delete(doc, k)
			} else {
				doc[k] = v
			}
		case nil:
			delete(doc, k)
		case time.Time:
			if v.IsZero() {
				delete(doc, k)
			}
		}
	}
}

// degreeValue is the degree as the degree field holds it: a school's level 专科 (and 高职) is
// the 大专 of job needs and candidates, one value to filter and count.
func degreeValue(d string) string {
	switch d = strings.TrimSpace(d); d {
	case "专科", "高职", "高职（专科）", "专科（高职）":
		return "大专"
	}
	return d
}

// list returns the non-empty strings of ss.
func list(ss ...string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func typeName(t string) string {
	switch t {
	case xiaoqi.InstitutionUniversity:
		return "高等学校 university"
	case xiaoqi.InstitutionTraining:
		return "培训机构 training"
	}
	return t
}

// redacted stands in for personal data cut out of a candidate's text.
const redacted = "＊"

// indexableDate reports whether bleve can index t: it stores a date as nanoseconds since
// 1970 in an int64, from 1677 to 2262, and refuses the whole document otherwise.
func indexableDate(t time.Time) bool {
	return t.Year() > 1677 && t.Year() < 2262
}
