package seed

import (
	"fmt"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// loadInstitutions reads the 98 Shaanxi regular higher-education institutions.
func loadInstitutions(geo map[string]xiaoqi.GeoPoint) ([]*xiaoqi.Institution, error) {
	rows, err := readCSV("institutions.csv")
	if err != nil {
		return nil, err
	}
	tags, err := schoolTags()
	if err != nil {
		return nil, err
	}
	out := make([]*xiaoqi.Institution, 0, len(rows))
	for i, r := range rows {
		in := &xiaoqi.Institution{
			Meta:      xiaoqi.Meta{Source: "moe-2025-06-20", ExternalID: r["code"]},
			Name:      r["name"],
			Type:      xiaoqi.InstitutionUniversity,
			Code:      r["code"],
			Authority: r["authority"],
			Level:     r["level"],
			Private:   r["note"] == "民办",
			City:      xiaoqi.NormalizeCity(r["city"]),
			Tags:      tags[r["code"][5:]],
		}
		in.Region = xiaoqi.RegionOf(in.City)
		if p, ok := geo[in.City]; ok {
			in.Geo = &p
		}
		if err := in.Validate(); err != nil {
			return nil, fmt.Errorf("seed: institutions.csv line %d: %w", i+2, err)
		}
		out = append(out, in)
	}
	offerings, err := readCSV("offerings.csv")
	if err != nil {
		return nil, err
	}
	for _, in := range militaryInstitutions(offerings) {
		if p, ok := geo[in.City]; ok {
			in.Geo = &p
		}
		out = append(out, in)
	}
	return out, nil
}

// schoolTags returns the 985/211/一流大学 tags of the offerings file by MOE code.
func schoolTags() (map[string][]string, error) {
	rows, err := readCSV("offerings.csv")
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, r := range rows {
		if r["school_tags"] != "" {
			out[r["school_code5"]] = strings.Split(r["school_tags"], "|")
		}
	}
	return out, nil
}

// militaryInstitutions returns the military universities that offer catalogue majors but are
// not in the MOE list of regular institutions (空军军医大学, 火箭军工程大学): their 5-digit
// 院校代码 begins with 9 and they have no 学校标识码.
func militaryInstitutions(offerings []map[string]string) []*xiaoqi.Institution {
	var out []*xiaoqi.Institution
	seen := map[string]bool{}
	for _, r := range offerings {
		c := r["school_code5"]
		if !strings.HasPrefix(c, "9") || seen[c] {
			continue
		}
		seen[c] = true
		in := &xiaoqi.Institution{
			Meta: xiaoqi.Meta{Source: "moe-catalog-2026", ExternalID: c},
			Name: r["school_name"], Type: xiaoqi.InstitutionUniversity, Level: "本科",
			City: "西安市", Region: xiaoqi.RegionGuanzhong, Tags: append([]string{"军队院校"}, splitTags(r["school_tags"])...),
		}
		out = append(out, in)
	}
	return out
}

func splitTags(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// loadPrograms reads the 2,610 (school, major) offerings as undergraduate programs, with the
// skills their majors teach in tax.
func loadPrograms(insts []*xiaoqi.Institution, tax *skill.Taxonomy) ([]*xiaoqi.Program, error) {
	rows, err := readCSV("offerings.csv")
	if err != nil {
		return nil, err
	}
	majors, err := readCSV("majors.csv")
	if err != nil {
		return nil, err
	}
	directions := map[string]string{}
	for _, m := range majors {
		directions[m["code"]] = strings.ReplaceAll(m["employment_directions"], "|", "、")
	}
	byCode5 := map[string]*xiaoqi.Institution{}
	for _, in := range insts {
		if in.Code != "" {
			byCode5[in.Code[len(in.Code)-5:]] = in
		} else {
			byCode5[in.ExternalID] = in
		}
	}
	out := make([]*xiaoqi.Program, 0, len(rows))
	for i, r := range rows {
		in := byCode5[r["school_code5"]]
		if in == nil {
			return nil, fmt.Errorf("seed: offerings.csv line %d: no institution with code ending %s", i+2, r["school_code5"])
		}
		p := &xiaoqi.Program{
			Meta:            xiaoqi.Meta{Source: "moe-catalog-2026"},
			InstitutionID:   xiaoqi.NewID(xiaoqi.KindInstitution, in.NaturalKey()),
			InstitutionName: in.Name,
			Name:            r["major_name"],
			MajorCode:       r["major_code"],
			ClassName:       r["class_name"],
			Category:        r["category_name"],
			Degree:          "本科",
			City:            in.City,
			Skills:          ingest.MajorSkills(tax, r["major_code"]),
		}
		if d := directions[p.MajorCode]; d != "" {
			p.Description = "就业方向：" + d
		}
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("seed: offerings.csv line %d: %w", i+2, err)
		}
		out = append(out, p)
	}
	return out, nil
}
