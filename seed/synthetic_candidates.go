package seed

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// candidate returns candidate i: a graduate of a real program at a real institution, with the
// skills of the major and a few more; some are returnees, some want to found a company. Name,
// phone and e-mail are obviously fake.
func (g *generator) candidate(i int) *xiaoqi.Candidate {
	r := g.at(genCandidate, i)
	o := pick(r, g.offerings)
	year := 2016 + r.IntN(11)
	c := &xiaoqi.Candidate{
		Meta:       g.meta("cnd", i),
		Name:       fmt.Sprintf("%s某某（示例）", pick(r, surnames)),
		Phone:      fmt.Sprintf("100%08d", i%100000000),
		Email:      fmt.Sprintf("sample%07d@example.com", i),
		BirthDate:  fmt.Sprintf("%d-%02d-%02d", year-22-r.IntN(2), 1+r.IntN(12), 1+r.IntN(28)),
		Degree:     "本科",
		Visibility: xiaoqi.VisibilityAnonymous,
	}
	edu := xiaoqi.Education{InstitutionName: o.school, MajorCode: o.majorCode, Major: o.major, Degree: "本科", GraduationYear: year}
	if g.linkReal {
		edu.InstitutionID = o.schoolID
	}
	c.Education = []xiaoqi.Education{edu}
	if r.IntN(3) == 0 {
		c.City = o.city
	} else {
		c.City = g.city(r, len(g.cities)).name
	}
	limit := 3 + r.IntN(4)
	for _, d := range g.tax.SkillsOfMajor(o.majorCode) {
		if len(c.Skills) >= limit {
			break
		}
		if s, ok := g.tax.Skill(d.ID); ok && s.Category != "language" {
			c.Skills = append(c.Skills, s.NameZH)
		}
	}
	// A few more: skills related to what the major teaches, and one from any sector.
	extra := []string{pick(r, g.skills[pick(r, g.sectors)])}
	for _, d := range g.tax.SkillsOfMajor(o.majorCode) {
		if rel := g.tax.Related(d.ID); len(rel) > 0 && r.IntN(3) == 0 {
			if s, ok := g.tax.Skill(rel[r.IntN(min(3, len(rel)))].ID); ok && s.Category != "language" {
				extra = append(extra, s.NameZH)
			}
		}
	}
	for _, s := range extra[:min(len(extra), 1+r.IntN(3))] {
		if !slices.Contains(c.Skills, s) {
			c.Skills = append(c.Skills, s)
		}
	}
	// A master's takes two years abroad and three at home, after the bachelor's: one who
	// graduated in 2025 did not take a master's in 2026 (15 of 300 profiles did, some the same
	// year). The bachelor's, and the birth, move back as far as the master's needs.
	master := func(years int) int {
		if d := year + years - 2026; d > 0 {
			year -= d
			c.Education[0].GraduationYear = year
			var y, m, day int
			if _, err := fmt.Sscanf(c.BirthDate, "%d-%d-%d", &y, &m, &day); err == nil {
				c.BirthDate = fmt.Sprintf("%d-%02d-%02d", y-d, m, day)
			}
		}
		return year + years
	}
	if r.IntN(8) == 0 {
		country := pick(r, countries)
		c.Returnee, c.StudyCountry = true, country.name
		c.Degree = "硕士"
		c.Education = append(c.Education, xiaoqi.Education{InstitutionName: country.name + "某大学（示例）", Degree: "硕士",
			Major: o.major, GraduationYear: master(2), Country: country.name})
		c.Languages = []string{pick(r, country.languages)}
		c.WantsToFound = r.IntN(5) < 2
	} else {
		if r.IntN(5) == 0 {
			c.Degree = "硕士"
			c.Education = append(c.Education, xiaoqi.Education{InstitutionName: o.school, MajorCode: o.majorCode, Major: o.major,
				Degree: "硕士", GraduationYear: master(3), InstitutionID: edu.InstitutionID})
		}
		c.Languages = []string{pick(r, []string{"英语四级", "英语六级", "英语四级", "日语N2", "日语N3", "韩语"})}
		c.WantsToFound = r.IntN(25) == 0
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d年毕业于%s%s专业，", year, o.school, o.major)
	if c.Returnee {
		fmt.Fprintf(&b, "后赴%s留学取得硕士学位，", c.StudyCountry)
	}
	fmt.Fprintf(&b, "熟悉%s，外语：%s。", strings.Join(c.Skills, "、"), strings.Join(c.Languages, "、"))
	if c.WantsToFound {
		b.WriteString("有意在陕西创办服务外包企业。")
	}
	b.WriteString("（示例数据，并非真实个人 Synthetic sample profile.）")
	c.Summary = b.String()
	return c
}
