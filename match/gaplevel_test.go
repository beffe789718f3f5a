package match_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestGapMajorNotForVocationalCollege: the majors a gap suggests are of the 本科 catalogue,
// which a 专科 (vocational) college cannot add. A college teaching what the software school
// teaches, to more students, was named first as best placed to add 080902-type majors for C#;
// now the undergraduate school is, and the college is named only where no university is
// placed, with a course suggested instead.
func TestGapMajorNotForVocationalCollege(t *testing.T) {
	tax := loadTax(t)
	docs := insightMarket(t, tax)
	var soft *xiaoqi.Program
	for _, d := range docs {
		if p, ok := d.(*xiaoqi.Program); ok && p.ID == "prg_soft" {
			soft = p
		}
	}
	college := *soft
	college.ID, college.InstitutionID, college.Name, college.MajorCode, college.Degree, college.GraduatesPerYear = "prg_voc", "ins_voc", "软件技术", "510203", "大专", 900
	docs = append(docs,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_voc", Synthetic: true}, Name: "西安某职业技术学院", Type: xiaoqi.InstitutionUniversity, Level: "专科", City: "西安市", Region: xiaoqi.RegionGuanzhong},
		&college,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cs", Synthetic: true}, EnterpriseID: "ent_soft",
			Name: "C#开发", City: "西安市", Skills: []string{"C#"}, Headcount: 6, Status: xiaoqi.JobOpen})
	g, err := smallMatcher(t, docs).Gaps(context.Background(), xiaoqi.Scope{Region: xiaoqi.RegionGuanzhong}, 10)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(gapSkills(g), "C#")
	if i < 0 {
		t.Fatalf("gaps %v: want C#", gapSkills(g))
	}
	x := g.Gaps[i]
	if len(x.Majors) == 0 {
		t.Fatalf("C#: no majors suggested: %s", x.ZH)
	}
	if len(x.BestPlaced) == 0 || x.BestPlaced[0].ID != "ins_soft" {
		t.Errorf("C#: best placed %+v, want the undergraduate software school first", x.BestPlaced)
	}
	for _, b := range x.BestPlaced {
		if b.ID == "ins_voc" {
			t.Errorf("C#: the 专科 college is named best placed to add the 本科 majors %v: %s", x.Majors, x.ZH)
		}
	}

	// Without the undergraduate school, the college is named for a course, and the text says so.
	docs = slices.DeleteFunc(docs, func(d xiaoqi.Doc) bool { id := d.Base().ID; return id == "ins_soft" || id == "prg_soft" })
	g, err = smallMatcher(t, docs).Gaps(context.Background(), xiaoqi.Scope{Region: xiaoqi.RegionGuanzhong}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if i = slices.Index(gapSkills(g), "C#"); i < 0 {
		t.Fatalf("gaps %v: want C#", gapSkills(g))
	}
	x = g.Gaps[i]
	if len(x.BestPlaced) == 0 || x.BestPlaced[0].ID != "ins_voc" || x.Course != "C#" ||
		!strings.Contains(x.ZH, "尚无本科院校具备增设基础") || !strings.Contains(x.EN, "no undergraduate university here is placed") {
		t.Errorf("C# without a university: best placed %+v, course %q: %s / %s; want the college, for a course", x.BestPlaced, x.Course, x.ZH, x.EN)
	}
}
