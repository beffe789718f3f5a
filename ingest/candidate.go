package ingest

import (
	"strconv"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

var visibilities = map[string]string{
	"public": xiaoqi.VisibilityPublic, "公开": xiaoqi.VisibilityPublic, "是": xiaoqi.VisibilityPublic,
	"anonymous": xiaoqi.VisibilityAnonymous, "匿名": xiaoqi.VisibilityAnonymous, "匿名公开": xiaoqi.VisibilityAnonymous,
	"private": xiaoqi.VisibilityPrivate, "不公开": xiaoqi.VisibilityPrivate, "隐藏": xiaoqi.VisibilityPrivate, "否": xiaoqi.VisibilityPrivate,
}

// buildCandidate makes a candidate of a row. Messages never repeat the personal values
// (name, phone, e-mail, birth date): reports are read by more people than the candidates'
// HR contacts.
func buildCandidate(r *record, source string, skills Skills) *xiaoqi.Candidate {
	c := &xiaoqi.Candidate{}
	c.ExternalID = r.get("external_id")
	r.setMeta(&c.Meta, xiaoqi.KindCandidate, source)
	c.Name = r.get("name")
	c.Phone = strings.NewReplacer(" ", "", "-", "", "—", "").Replace(narrow(r.get("phone")))
	c.Email = narrow(r.get("email"))
	if v := r.get("birth_date"); v != "" {
		if t, err := ParseDate(v); err != nil {
			r.errorf("birth_date", "出生日期格式无法识别，应如 1998-05-01 / not a date such as 1998-05-01")
		} else {
			c.BirthDate = t.In(China).Format("2006-01-02")
		}
	}
	var district string
	r.place(&c.City, &district, false)
	// 意向城市 before the address (area): where the candidate wants to work, not where they live.
	if v := SplitList(r.get("preferred_city")); r.get("city") == "" && len(v) > 0 {
		if city, _, _, fatal := ReadCity(v[0]); !fatal && city != "" {
			c.City = city
		} else {
			r.warnf("preferred_city", "意向城市 %[1]q 无法识别，未用作所在城市 / preferred city %[1]q not understood: not used as the city", v[0])
		}
	}
	if v := r.get("degree"); v != "" {
		if d, err := ParseDegree(v); err != nil {
			r.warnf("degree", "无法识别的学历，已留空 / degree not understood, left empty")
		} else if d == xiaoqi.DegreeAny {
			// 无, 不限 or 初中 (below 高中, the lowest degree xiaoqi has) is a job need's "any",
			// not a person's degree, which the API refuses. Left empty with a warning, as a
			// degree not understood is: the person is still worth importing.
			r.warnf("degree", "%[1]q 不是个人的学历（不限 只用于岗位需求；初中 低于 高中），已留空 / %[1]q is not a person's degree (不限, any, is for job needs; 初中 is below 高中): left empty", v)
		} else {
			c.Degree = d
		}
	}
	ed := xiaoqi.Education{InstitutionName: r.get("institution_name"), Major: r.get("major"),
		MajorCode: strings.ToUpper(r.get("major_code")), Degree: c.Degree, Country: r.get("study_country")}
	if v := r.get("graduation_year"); v != "" {
		ed.GraduationYear = graduationYear(v)
		switch {
		case ed.GraduationYear == 0 && strings.HasPrefix(strings.TrimSpace(v), "应届"):
			r.warnf("graduation_year", "“应届生”未写明毕业年份，已留空，请写如 2025 / 应届生 (this year's graduate) gives no year: left empty, write e.g. 2025")
		case ed.GraduationYear == 0:
			r.errorf("graduation_year", "毕业年份应为如 2024 的年份 / must be a year such as 2024")
		}
	}
	if ed.InstitutionName != "" || ed.Major != "" || ed.MajorCode != "" || ed.GraduationYear != 0 {
		if ed.InstitutionName == "" {
			r.errorf("institution_name", "填写了专业或毕业年份时须填写毕业院校 / the school is required with a major or graduation year")
		}
		c.Education = []xiaoqi.Education{ed}
	}
	if own, ok := ownEducation(r); ok && r.own {
		// xiaoqi's own export: the schools as stored, each linked as it was.
		c.Education = own
	}
	c.Summary = r.get("summary")
	for _, f := range [...]struct{ field, label string }{{"objective", "求职意向 Objective"}, {"expected_salary", "期望薪资 Expected salary"},
		{"preferred_city", "意向城市 Preferred city"}, {"work_years", "工作年限 Years of experience"}, {"work_history", "工作经历 Experience"}} {
		if v := given(r.get(f.field)); v != "" {
			if c.Summary != "" {
				c.Summary += "\n"
			}
			c.Summary += f.label + "：" + v
		}
	}
	if r.own {
		c.Skills = ownSkills(r, skills, "skills")
	} else {
		c.Skills = skills.Skills(SplitList(r.get("skills")), c.Summary)
	}
	c.Languages = SplitList(r.get("languages"))
	c.StudyCountry = ed.Country
	c.Returnee = c.StudyCountry != ""
	r.setBool("returnee", &c.Returnee)
	r.setBool("wants_to_found", &c.WantsToFound)
	if v := r.get("visibility"); v != "" {
		vis, ok := visibilities[strings.ToLower(v)]
		if !ok {
			r.errorf("visibility", "可见性应为 公开（public）、匿名（anonymous）或 不公开（private） / must be public (公开), anonymous (匿名) or private (不公开)")
		}
		c.Visibility = vis
	}
	return c
}

// graduationYear reads "2024", "2024届", "24届", "2024年6月", "2024-06-30"; 0 when it cannot,
// or for a year before 1950 or after 2100.
func graduationYear(v string) int {
	t := strings.TrimSuffix(strings.TrimSpace(narrow(v)), "届")
	if y, err := strconv.Atoi(strings.TrimSuffix(t, "年")); err == nil {
		if len(t) == 2 || (len(t) == 5 && strings.HasSuffix(t, "年")) {
			y += 2000 // 25届: the class of 2025
		}
		if y < 1950 || y > 2100 {
			return 0
		}
		return y
	}
	if d, err := ParseDate(t); err == nil && !d.IsZero() {
		return d.Year()
	}
	return 0
}

// candidateIdentity identifies a person when the file has no id column.
func candidateIdentity(r *record) string {
	return strings.Join([]string{r.get("name"), r.get("phone"), r.get("email"), r.get("birth_date")}, "\x00")
}
