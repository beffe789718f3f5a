package xiaoqi

import (
	"slices"
	"strconv"
	"strings"
)

// Institution types.
const (
	InstitutionUniversity = "university" // 普通高等学校, identified by its MOE 学校标识码
	InstitutionTraining   = "training"   // 培训机构
)

// Institution is a university or a training institution.
type Institution struct {
	Meta
	Name string `json:"name"`
	// NameEN is the English name as the school itself writes it (Xi'an Jiaotong University),
	// shown beside Name in the English UI; empty when not known for sure.
	NameEN string `json:"name_en,omitempty"`
	// Type is "university" or "training".
	Type string `json:"type"`
	// Code is the 10-digit MOE 学校标识码 of a university in the MOE list. Military universities
	// are not in that list and have none.
	Code string `json:"code,omitempty"`
	// CreditCode is the 统一社会信用代码, if known.
	CreditCode string `json:"credit_code,omitempty"`
	// Authority is the 主管部门 (教育部, 陕西省 …).
	Authority string `json:"authority,omitempty"`
	// Level is 本科 or 专科 for universities.
	Level   string `json:"level,omitempty"`
	Private bool   `json:"private,omitempty"`
	City    string `json:"city"`
	// District is the county-level unit, when known.
	District string    `json:"district,omitempty"`
	Region   Region    `json:"region,omitempty"`
	Geo      *GeoPoint `json:"geo,omitempty"`
	// KeyTraining marks a provincial key service-outsourcing training institution (policy item (2)).
	KeyTraining bool     `json:"key_training,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	Website     string   `json:"website,omitempty"`
	Description string   `json:"description,omitempty"`
}

// Kind implements Doc.
func (*Institution) Kind() Kind { return KindInstitution }

// Title implements Doc.
func (i *Institution) Title() string { return i.Name }

// NaturalKey implements Doc: the MOE code for universities, else the credit code, else name and city.
func (i *Institution) NaturalKey() string {
	switch {
	case i.Code != "":
		return "code:" + i.Code
	case i.CreditCode != "":
		return "uscc:" + i.CreditCode
	case i.Name != "":
		return "name:" + i.Name + "|" + i.City
	}
	return ""
}

// Filterable implements Doc.
func (i *Institution) Filterable() map[string]string {
	return map[string]string{"city": i.City, "region": string(i.Region), "type": i.Type,
		"level": i.Level, "code": i.Code, "synthetic": strconv.FormatBool(i.Synthetic)}
}

// Validate implements Doc.
func (i *Institution) Validate() error {
	var v validation
	v.required("name", i.Name)
	v.required("city", i.City)
	switch i.Type {
	case InstitutionUniversity, InstitutionTraining:
	case "":
		v.add("type", "必填：university（高校）或 training（培训机构）", "is required: university or training")
	default:
		v.add("type", "须为 university（高校）或 training（培训机构），不能是 %q", "must be university or training, not %q", i.Type)
	}
	if i.Code != "" && !ValidMOECode(i.Code) {
		v.add("code", "须为教育部 10 位学校标识码，不能是 %q", "must be the 10-digit MOE institution code, not %q", i.Code)
	}
	if i.CreditCode != "" && !ValidCreditCode(i.CreditCode) {
		v.add("credit_code", "不是有效的统一社会信用代码（18 位，含校验码）：%q", "is not a valid unified social credit code (18 characters with check character): %q", i.CreditCode)
	}
	if i.Level != "" && i.Level != "本科" && i.Level != "专科" {
		v.add("level", "须为 本科 或 专科，不能是 %q", "must be 本科 or 专科, not %q", i.Level)
	}
	validRegion(&v, i.Region)
	validWebsite(&v, i.Website)
	i.Geo.validate(&v, "geo")
	checkText(&v, i)
	return v.err(KindInstitution)
}

func validRegion(v *validation, r Region) {
	if r != "" && r != RegionGuanzhong && r != RegionShaannan && r != RegionShaanbei {
		v.add("region", "须为 关中、陕南 或 陕北，不能是 %q", "must be 关中, 陕南 or 陕北, not %q", r)
	}
}

// Program is a major or course offered by an institution.
type Program struct {
	Meta
	InstitutionID   string `json:"institution_id"`
	InstitutionName string `json:"institution_name,omitempty"`
	// Name is the program's name; for a catalogue major, the major's name (软件工程).
	Name string `json:"name"`
	// MajorCode is the catalogue code (080902, 080910T), empty for a training course.
	MajorCode string `json:"major_code,omitempty"`
	ClassName string `json:"class_name,omitempty"` // 专业类: 计算机类
	Category  string `json:"category,omitempty"`   // 学科门类: 工学
	// Degree is what the program awards: 本科, 大专, 硕士, 博士 or 培训.
	Degree string `json:"degree"`
	// City and District are where the program is taught: its institution's, unless given.
	City     string   `json:"city,omitempty"`
	District string   `json:"district,omitempty"`
	Skills   []string `json:"skills,omitempty"`
	// GraduatesPerYear is the yearly number of graduates; GraduatesEstimated says it is an estimate.
	GraduatesPerYear   int    `json:"graduates_per_year,omitempty"`
	GraduatesEstimated bool   `json:"graduates_estimated,omitempty"`
	Description        string `json:"description,omitempty"`
}

// Kind implements Doc.
func (*Program) Kind() Kind { return KindProgram }

// Title implements Doc.
func (p *Program) Title() string {
	if p.InstitutionName != "" {
		return p.InstitutionName + " · " + p.Name
	}
	return p.Name
}

// NaturalKey implements Doc: institution, major code (or name for a course) and degree.
func (p *Program) NaturalKey() string {
	m := p.MajorCode
	if m == "" {
		m = "name:" + p.Name
	}
	if p.InstitutionID == "" {
		return ""
	}
	return p.InstitutionID + "|" + m + "|" + p.Degree
}

// Filterable implements Doc.
func (p *Program) Filterable() map[string]string {
	return map[string]string{"institution_id": p.InstitutionID, "major_code": p.MajorCode,
		"degree": p.Degree, "city": p.City, "synthetic": strconv.FormatBool(p.Synthetic)}
}

// MaxGraduatesPerYear bounds a program's yearly graduates (the largest of the default data set
// has 396): the allocation takes them as capacity, and a typo of 1e9 swamped the province's.
const MaxGraduatesPerYear = 50_000

// Validate implements Doc.
func (p *Program) Validate() error {
	var v validation
	v.required("institution_id", p.InstitutionID)
	v.ref("institution_id", KindInstitution, p.InstitutionID)
	v.required("name", p.Name)
	if p.MajorCode != "" && !ValidMajorCode(p.MajorCode) {
		v.add("major_code", "须为六位数字，可带 T/K 后缀（080902、080910T），不能是 %q", "must be six digits with an optional T/K suffix (080902, 080910T), not %q", p.MajorCode)
	}
	if p.Degree == "" {
		v.add("degree", "必填（%[1]s）", "is required (%[2]s)", degreeList(Degrees[1:], true), degreeList(Degrees[1:], false))
	} else if !validDegree(p.Degree) || p.Degree == "不限" {
		v.add("degree", "须为 %[1]s 之一，不能是 %[3]q", "must be one of %[2]s, not %[3]q", degreeList(Degrees[1:], true), degreeList(Degrees[1:], false), p.Degree)
	}
	if p.GraduatesPerYear < 0 {
		v.add("graduates_per_year", "不能为负数", "must not be negative")
	} else if p.GraduatesPerYear > MaxGraduatesPerYear {
		v.add("graduates_per_year", "一个专业每年最多 %[1]d 名毕业生，不能是 %[2]d", "is at most %[1]d a year for one program, not %[2]d", MaxGraduatesPerYear, p.GraduatesPerYear)
	}
	checkText(&v, p)
	return v.err(KindProgram)
}

// DegreesFor are the degrees a program of in may award: a training institution runs courses
// (培训), a 专科 (vocational) college 大专 and 中专 programs and training, a 本科 university
// anything from 大专 up and training. nil when in says too little to tell.
func DegreesFor(in *Institution) []string {
	switch {
	case in.Type == InstitutionTraining:
		return []string{"培训"}
	case in.Level == "专科":
		return []string{"中专", "大专", "培训"}
	case in.Level == "本科":
		return []string{"大专", "本科", "硕士", "博士", "培训"}
	}
	return nil
}

// CheckProgramDegree refuses a program whose degree its institution cannot award: a training
// base's "本科 软件工程" or a vocational college's 硕士 program counted as graduates of a level
// the school has none of, in the rankings' degree factor and in the gaps. It names degree.
func CheckProgramDegree(p *Program, in *Institution) error {
	ok := DegreesFor(in)
	if ok == nil || !slices.Contains(Degrees[1:], p.Degree) || slices.Contains(ok, p.Degree) {
		return nil
	}
	var v validation
	switch {
	case in.Type == InstitutionTraining:
		v.add("degree", "须为 培训（培训机构开设的是培训课程），不能是 %q", "must be 培训 (a training institution runs courses), not %q", p.Degree)
	case in.Level == "专科":
		v.add("degree", "须为 %[2]s 之一（%[1]s是专科（高职）院校），不能是 %[3]q", "must be one of %[4]s (%[1]s is a 专科 vocational college), not %[3]q",
			in.Name, strings.Join(ok, "、"), p.Degree, strings.Join(ok, ", "))
	default:
		v.add("degree", "须为 %[2]s 之一（%[1]s是本科院校），不能是 %[3]q", "must be one of %[4]s (%[1]s is a 本科 undergraduate university), not %[3]q",
			in.Name, strings.Join(ok, "、"), p.Degree, strings.Join(ok, ", "))
	}
	return v.err(KindProgram)
}
