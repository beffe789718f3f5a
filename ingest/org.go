package ingest

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// The builders below apply a row onto a document, which is new or the stored one: a field
// whose column the file does not have keeps its stored value, so that a file with fewer
// columns than the store knows does not erase what other sources wrote.

// buildEnterprise applies a row onto e.
func buildEnterprise(r *record, e *xiaoqi.Enterprise, source string) {
	r.setMeta(&e.Meta, xiaoqi.KindEnterprise, source)
	r.setStr("name", &e.Name)
	if v, ok := r.str("credit_code"); ok {
		e.CreditCode = strings.ToUpper(narrow(v))
	}
	r.place(&e.City, &e.District, true)
	e.Region = xiaoqi.RegionOf(e.City)
	r.setStr("type", &e.Type)
	r.setStr("size", &e.Size)
	if v, ok := r.str("sectors"); ok {
		e.Sectors = nil
		for _, s := range SplitList(v) {
			if sec, err := ParseSector(s); err != nil && outsourcingCategory(s) {
				r.warnf("sectors", categoryWarning, s)
			} else if err != nil {
				r.warnf("sectors", "%[1]q 不属于服务外包领域，已忽略 / %[1]q is not a service-outsourcing sector of the policy, ignored", s)
			} else if !containsSector(e.Sectors, sec) {
				e.Sectors = append(e.Sectors, sec)
			}
		}
	}
	r.setBool("leading", &e.Leading)
	if v, ok := r.str("offshore_markets"); ok {
		e.OffshoreMarkets = nil
		for _, m := range SplitList(v) {
			// In English too (Europe and North America): kept as written, the firm had no
			// language and search by 英语 did not find it.
			mk, known := xiaoqi.ReadMarket(m)
			if !known {
				r.warnf("offshore_markets", "%[1]q 不是已知的离岸市场（%[2]s），按原文保存 / %[1]q is not an offshore market xiaoqi knows (%[2]s): kept as written", m, xiaoqi.MarketChoices())
			}
			if !slices.Contains(e.OffshoreMarkets, mk) {
				e.OffshoreMarkets = append(e.OffshoreMarkets, mk)
			}
		}
	}
	r.setStr("website", &e.Website)
	r.setStr("description", &e.Description)
	r.geo(&e.Geo)
}

// categoryWarning is the warning for an industry cell that names a category of service
// outsourcing (信息技术外包（ITO）) instead of a sector: it was told it is not service outsourcing.
const categoryWarning = "%[1]q 是服务外包的类别，不是具体领域，已忽略；请写领域，如 软件研发和测试、互联网、金融保险 / %[1]q is a category of service outsourcing, not one of its sectors: ignored; name the sector, such as 软件研发和测试, 互联网 or 金融保险"

func containsSector(list []xiaoqi.Sector, s xiaoqi.Sector) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// geo reads latitude and longitude columns.
func (r *record) geo(dst **xiaoqi.GeoPoint) {
	lat, okLat := r.str("lat")
	lon, okLon := r.str("lon")
	if !okLat && !okLon {
		return
	}
	if lat == "" && lon == "" {
		*dst = nil
		return
	}
	la, err1 := strconv.ParseFloat(narrow(lat), 64)
	lo, err2 := strconv.ParseFloat(narrow(lon), 64)
	if err1 != nil || err2 != nil {
		r.errorf("lat", "经纬度应为数字（WGS-84），且两者都要填写 / latitude and longitude must both be numbers (WGS-84)")
		return
	}
	*dst = &xiaoqi.GeoPoint{Lat: la, Lon: lo}
}

var institutionTypes = map[string]string{
	"university": xiaoqi.InstitutionUniversity, "大学": xiaoqi.InstitutionUniversity, "学院": xiaoqi.InstitutionUniversity,
	"高校": xiaoqi.InstitutionUniversity, "高等院校": xiaoqi.InstitutionUniversity, "普通高等学校": xiaoqi.InstitutionUniversity,
	"普通高校": xiaoqi.InstitutionUniversity, "高等学校": xiaoqi.InstitutionUniversity, "本科": xiaoqi.InstitutionUniversity,
	"专科": xiaoqi.InstitutionUniversity, "高职": xiaoqi.InstitutionUniversity, "training": xiaoqi.InstitutionTraining,
	"培训": xiaoqi.InstitutionTraining, "培训机构": xiaoqi.InstitutionTraining, "职业培训机构": xiaoqi.InstitutionTraining,
}

// buildInstitution applies a row onto in.
func buildInstitution(r *record, in *xiaoqi.Institution, source string) {
	r.setMeta(&in.Meta, xiaoqi.KindInstitution, source)
	r.setStr("name", &in.Name)
	r.setStr("code", &in.Code)
	if v, ok := r.str("credit_code"); ok {
		in.CreditCode = strings.ToUpper(narrow(v))
	}
	r.setStr("authority", &in.Authority)
	if v, ok := r.str("level"); ok {
		switch v {
		case "大专", "高职", "高职（专科）", "高职(专科)", "专科（高职）":
			v = "专科"
		case "本科院校", "普通本科", "职业本科":
			v = "本科"
		case "培训机构", "培训", "职业培训", "社会培训", "非学历培训":
			// A list of schools and training institutions says which in its 层次 column: a
			// training institution has no level (the row was refused as "must be 本科 or 专科").
			v = ""
			if in.Type == "" || !r.has("type") {
				in.Type = xiaoqi.InstitutionTraining
			}
		}
		in.Level = v
	}
	if v, ok := r.str("type"); ok && v != "" {
		t, known := institutionTypes[strings.ToLower(v)]
		if !known {
			r.errorf("type", "机构类型应为 高校（university）或 培训机构（training） / type must be university (高校) or training (培训机构)")
		}
		in.Type = t
	}
	if in.Type == "" {
		// Not given: a school with a MOE code or a level is a university; a name says the rest.
		switch {
		case in.Code != "" || in.Level != "" || strings.HasSuffix(in.Name, "大学") || strings.HasSuffix(in.Name, "学院"):
			in.Type = xiaoqi.InstitutionUniversity
		case strings.Contains(in.Name, "培训"):
			in.Type = xiaoqi.InstitutionTraining
		}
	}
	if v, ok := r.str("private"); ok {
		switch v {
		case "民办":
			in.Private = true
		case "公办", "":
			in.Private = false
		default:
			r.setBool("private", &in.Private)
		}
	}
	if v, ok := r.str("note"); ok {
		// The MOE list writes 民办 in its note column.
		if strings.Contains(v, "民办") {
			in.Private = true
		} else if !r.has("private") {
			in.Private = false
		}
		switch c, ok := r.cols["note"]; {
		case v == "" || v == "民办" || strings.Contains(in.Description, v):
		case ok && !c.named:
			// An office's 备注 may be internal ("内部：重点跟踪，联系人王经理"), the MOE list's
			// says 民办: its other text is public only when a mapping names the column. The
			// warning does not repeat it.
			r.warnf("note", "备注的内容可能是内部信息，未导入公开的简介（只读取“民办”）；如需导入，请用 --mapping 映射，如 {%[1]q: \"note\"} / "+
				"the notes may be internal and are not imported into the public description (only 民办 is read from them); to import them, map the column with --mapping, e.g. {%[1]q: \"note\"}", c.Header)
			r.problems[len(r.problems)-1].Value = ""
		default:
			in.Description = strings.TrimSpace(in.Description + "\n备注：" + v)
		}
	}
	r.place(&in.City, &in.District, true)
	in.Region = xiaoqi.RegionOf(in.City)
	r.setBool("key_training", &in.KeyTraining)
	r.setList("tags", &in.Tags)
	r.setStr("website", &in.Website)
	r.setStr("description", &in.Description)
	r.geo(&in.Geo)
}

// undergraduateCode matches a major code of the undergraduate catalogue (disciplines 01–14);
// the vocational catalogue numbers its majors from 41 on.
var (
	undergraduateCode = regexp.MustCompile(`^(0[1-9]|1[0-4])[0-9]{4,5}(T|K|TK)?$`)
	vocationalCode    = regexp.MustCompile(`^[4-5][0-9]{5}$`)
)

// buildProgram applies a row onto p; the institution is resolved by the caller.
func buildProgram(r *record, p *xiaoqi.Program, source string, skills Skills) {
	r.setMeta(&p.Meta, xiaoqi.KindProgram, source)
	r.setStr("name", &p.Name)
	if v, ok := r.str("major_code"); ok {
		p.MajorCode = strings.ToUpper(v)
	}
	r.setStr("class_name", &p.ClassName)
	r.setStr("category", &p.Category)
	if v, ok := r.str("degree"); ok && v != "" {
		d, err := ParseDegree(v)
		if v == "培训" || v == "training" || v == "课程" || strings.HasSuffix(v, "培训") { // 短期培训, 职业技能培训
			d, err = "培训", nil
		}
		if err != nil || d == "不限" {
			r.errorf("degree", "培养层次应为 本科、大专、硕士、博士 或 培训 / degree must be 本科, 大专, 硕士, 博士 or 培训")
		}
		p.Degree = d
	}
	if p.Degree == "" {
		switch {
		case undergraduateCode.MatchString(p.MajorCode):
			p.Degree = "本科"
		case vocationalCode.MatchString(p.MajorCode):
			p.Degree = "大专"
		}
	}
	if v, ok := r.str("city"); ok {
		if c, d := ParseCity(v); c != "" || v == "" {
			p.City, p.District = c, d
		} else {
			r.errorf("city", "城市 %[1]q 无法识别 / %[1]q is not a city", v)
		}
	}
	if v := given(r.get("district")); v != "" {
		p.District = v
	}
	r.setStr("description", &p.Description)
	if v := r.get("skills"); v != "" && r.own {
		p.Skills = ownSkills(r, skills, "skills")
	} else if v != "" {
		p.Skills = skills.Skills(SplitList(v), p.Description)
	} else if len(p.Skills) == 0 {
		// No column, or the cell empty (课程内容 of a course not filled in): the skills its
		// major, name and description name, as a job need's. An empty cell keeps those stored.
		p.Skills = ProgramSkills(skills, p)
	}
	if v, ok := r.str("graduates_per_year"); ok {
		programGraduates(r, p, v)
	}
	r.setBool("graduates_estimated", &p.GraduatesEstimated)
}

// programPlace checks where program p of institution in is taught, as the API does: its
// school's city or another of Shaanxi (a campus), and a district, county or zone of that city.
func programPlace(r *record, p *xiaoqi.Program, in *xiaoqi.Institution) {
	if r.hasError("city") {
		return
	}
	if p.City != in.City && xiaoqi.RegionOf(p.City) == "" {
		r.errorf("city", "%[1]s：须为院校所在的%[2]s或陕西的城市，不能是 %[3]q / city must be the city of its institution (%[4]s) or a city of Shaanxi, not %[3]q",
			r.s.label("city"), in.City, p.City, xiaoqi.CityEnglish(in.City))
		return
	}
	if p.District != "" && (p.City != in.City || p.District != in.District) && !KnownDistrict(p.City, p.District) {
		r.errorf("district", "%[1]s：%[2]q 不是%[3]s的区县或开发区 / district: %[2]q is not a district, county or development zone of %[4]s",
			r.s.label("district"), p.District, p.City, xiaoqi.CityEnglish(p.City))
	}
}

// programClass gives program p the class and category (专业类, 学科门类) of its code in the
// catalogue majors, whatever the row says, as the API does: a program imported with its code
// only had neither, and one whose code changed kept the old code's.
func programClass(p *xiaoqi.Program, majors []xiaoqi.Major) {
	for _, m := range majors {
		if m.Code == p.MajorCode {
			p.ClassName, p.Category = m.ClassName, m.CategoryName
			return
		}
	}
}

// programDegree checks the degree of program p against its institution, as the API does
// (xiaoqi.CheckProgramDegree): a 博士 program of a vocational college or a 本科 course of a
// training institution is an error in the degree column. A degree the row does not give, but
// that buildProgram took from the major code (080902 → 本科), is a course (培训) at a training
// institution, and an error in the major code's column at a vocational college. had is the
// degree p had before the row was applied; a training institution's program without a
// degree is a course.
func programDegree(r *record, p *xiaoqi.Program, in *xiaoqi.Institution, had string) {
	if r.hasError("degree") {
		return
	}
	err := xiaoqi.CheckProgramDegree(p, in)
	inferred := err != nil && r.get("degree") == "" && p.Degree != had
	switch {
	case err == nil:
	case inferred && in.Type == xiaoqi.InstitutionTraining:
		p.Degree = ""
	case inferred:
		r.errorf("major_code", "专业代码 %[1]s 是%[2]s专业的代码，但%[3]s是专科（高职）院校：请在培养层次列写明（大专、中专或培训） / "+
			"major code %[1]s is a code of a %[2]s major, but %[3]s is a 专科 vocational college: give the degree (大专, 中专 or 培训)", p.MajorCode, p.Degree, in.Name)
	default:
		r.validation(err)
	}
	if p.Degree == "" && in.Type == xiaoqi.InstitutionTraining {
		p.Degree = "培训" // a training institution's course
	}
}

// programGraduates reads a number of graduates as offices write it: 200, 200人, 约200人, 200余人
// (200, with a warning), 150-200 (the lower bound, with a warning), 若干 or 很多 (not given: left
// as it was, with a warning), as ParseHeadcount reads a job's headcount.
func programGraduates(r *record, p *xiaoqi.Program, v string) {
	n, err := ParseInt(v)
	if err == nil && n >= 0 {
		p.GraduatesPerYear = n
		return
	}
	h, err := ParseHeadcount(strings.TrimPrefix(strings.TrimSpace(narrow(v)), "约"))
	switch {
	case err != nil:
		r.errorf("graduates_per_year", "年毕业生数应为非负整数 / must be a whole number of graduates")
	case h.Unspecified:
		r.warnf("graduates_per_year", "年毕业生数未写明人数（%[1]s），已留空 / no number of graduates given (%[1]s), left empty", v)
	default:
		p.GraduatesPerYear = h.N
		headcountReading(r, "graduates_per_year", v, h)
	}
}

// ProgramSkills are the skills of a program given none: those its catalogue major teaches
// (MajorSkills), else those its name and description name, as a job need's (a course: Java全栈开发
// 就业班). A program without skills is found by no skill filter and placed by no match: one
// imported or written with its major code only had none.
func ProgramSkills(skills Skills, p *xiaoqi.Program) []string {
	if m, ok := skills.(Majors); ok && p.MajorCode != "" {
		if out := m.MajorSkills(p.MajorCode); len(out) > 0 {
			return out
		}
	}
	return skills.Skills(nil, p.Name+"\n"+p.Description)
}

// VocationalCode reports whether code has the form of a major of the vocational (高职)
// catalogue: six digits, the first 4 or 5.
func VocationalCode(code string) bool { return vocationalCode.MatchString(code) }
