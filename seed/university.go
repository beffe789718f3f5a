package seed

import (
	"fmt"
	"slices"
	"strconv"
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
	english, err := InstitutionEnglishNames()
	if err != nil {
		return nil, err
	}
	out := make([]*xiaoqi.Institution, 0, len(rows))
	for i, r := range rows {
		in := &xiaoqi.Institution{
			Meta:      xiaoqi.Meta{Source: "moe-2025-06-20", ExternalID: r["code"]},
			Name:      r["name"],
			NameEN:    english[r["name"]],
			Type:      xiaoqi.InstitutionUniversity,
			Code:      r["code"],
			Authority: r["authority"],
			Level:     r["level"],
			Private:   r["note"] == "民办",
			City:      xiaoqi.NormalizeCity(r["city"]),
			Tags:      tags[r["code"][5:]],
		}
		in.Region = xiaoqi.RegionOf(in.City)
		in.District = institutionDistricts[in.Name]
		if p, ok := geo[in.City+"/"+in.District]; ok {
			in.Geo = &p
		} else if p, ok := geo[in.City]; ok {
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

// institutionDistricts are the districts of the schools outside their city's centre that
// search must place where they are (the MOE list gives the city only): the two schools of
// 杨凌示范区, 杨陵区 of 咸阳市, about 60 km west of 咸阳's centre, which 杨凌 did not find.
var institutionDistricts = map[string]string{
	"西北农林科技大学":   "杨陵区",
	"陕西农林职业技术大学": "杨陵区",
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
	graduates := estimateGraduates(majors)
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
			District:        in.District,
			Skills:          ingest.MajorSkills(tax, r["major_code"]),
		}
		if n := graduates[p.MajorCode]; n > 0 {
			p.GraduatesPerYear, p.GraduatesEstimated = n, true
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

// Bounds of the estimated yearly graduates of one undergraduate program.
const (
	minGraduates = 10
	maxGraduates = 400
)

// estimateGraduates estimates, per major code, the yearly graduates of one school's program:
// the midpoint of the national graduates per year (majors.csv graduates_scale, "2500-3000",
// "100000人以上") divided by the number of schools offering the major (offering_schools_total),
// kept between minGraduates and maxGraduates (one undergraduate program graduates one to a few
// classes a year). A major without these figures gets the median estimate of the majors of its
// class that have them, else the median of all. Every offering is an undergraduate (本科)
// program, so no scaling by level is needed; the estimates are marked GraduatesEstimated.
func estimateGraduates(majors []map[string]string) map[string]int {
	out := map[string]int{}
	byClass := map[string][]int{}
	var all []int
	for _, m := range majors {
		schools, err := strconv.Atoi(m["offering_schools_total"])
		scale := strings.TrimSuffix(m["graduates_scale"], "人以上")
		if err != nil || schools <= 0 || scale == "" {
			continue
		}
		lo, hi, found := strings.Cut(scale, "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if !found {
			b, err2 = a, err1
		}
		if err1 != nil || err2 != nil {
			continue
		}
		n := min(max((a+b)/2/schools, minGraduates), maxGraduates)
		out[m["code"]] = n
		byClass[m["class_code"]] = append(byClass[m["class_code"]], n)
		all = append(all, n)
	}
	median := func(xs []int) int {
		xs = slices.Clone(xs)
		slices.Sort(xs)
		return xs[len(xs)/2]
	}
	if len(all) == 0 {
		return out
	}
	overall := median(all)
	for _, m := range majors {
		if _, ok := out[m["code"]]; ok {
			continue
		}
		if xs := byClass[m["class_code"]]; len(xs) > 0 {
			out[m["code"]] = median(xs)
		} else {
			out[m["code"]] = overall
		}
	}
	return out
}
