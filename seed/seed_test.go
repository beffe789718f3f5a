package seed_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// loadSet loads the default data set with the taxonomy's skills.
func loadSet(t *testing.T) *seed.Set {
	t.Helper()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	s, err := seed.Load(tax)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLoad(t *testing.T) {
	s := loadSet(t)
	moe := 0
	for _, in := range s.Institutions {
		if in.Code != "" {
			moe++
		}
	}
	if moe != 98 || len(s.Institutions) != 100 {
		t.Errorf("institutions = %d with %d in the MOE list, want 98 in the list + 2 military universities", len(s.Institutions), moe)
	}
	if got := len(s.Programs); got != 2610 {
		t.Errorf("programs = %d, want 2610", got)
	}
	if got := len(s.Policies); got != 15 {
		t.Errorf("policy items = %d, want 15", got)
	}
	if got := len(s.Jobs); got != 292 {
		t.Errorf("jobs = %d, want 292", got)
	}
	var xjtu *xiaoqi.Institution
	for _, in := range s.Institutions {
		if in.Name == "西安交通大学" {
			xjtu = in
		}
		if in.Name == "榆林学院" && (in.City != "榆林市" || in.Region != xiaoqi.RegionShaanbei) {
			t.Errorf("榆林学院: city %q region %q, want 榆林市 陕北", in.City, in.Region)
		}
		if in.Geo == nil || in.Geo.Lat < 31 || in.Geo.Lat > 40 || in.Geo.Lon < 105 || in.Geo.Lon > 112 {
			t.Errorf("%s: coordinates %+v outside Shaanxi", in.Name, in.Geo)
		}
		// The schools of 杨凌示范区 are there, not at 咸阳's centre, 60 km east.
		if (in.Name == "西北农林科技大学" || in.Name == "陕西农林职业技术大学") && (in.District != "杨陵区" || in.Geo == nil || in.Geo.Lon > 108.2) {
			t.Errorf("%s: district %q at %+v, want 杨陵区 at about 108.08E", in.Name, in.District, in.Geo)
		}
	}
	if xjtu == nil || xjtu.Code != "4161010698" || xjtu.City != "西安市" {
		t.Fatalf("西安交通大学 = %+v, want code 4161010698 in 西安市", xjtu)
	}
	xjtuID := xiaoqi.NewID(xiaoqi.KindInstitution, xjtu.NaturalKey())
	found := false
	for _, p := range s.Programs {
		if p.InstitutionID == xjtuID && p.MajorCode == "080902" && p.Name == "软件工程" {
			found = true
			if !slices.Contains(p.Skills, "Java") {
				t.Errorf("西安交通大学 软件工程 skills %q, want Java among them", p.Skills)
			}
		}
	}
	if !found {
		t.Error("西安交通大学 does not offer 080902 软件工程")
	}
	// A program is where its school is, district too: the district and 杨凌 filters find it.
	byID := map[string]*xiaoqi.Institution{}
	for _, in := range s.Institutions {
		byID[xiaoqi.NewID(xiaoqi.KindInstitution, in.NaturalKey())] = in
	}
	for _, p := range s.Programs {
		if in := byID[p.InstitutionID]; in == nil || p.City != in.City || p.District != in.District {
			t.Errorf("%s: city %q district %q, want its school's", p.Title(), p.City, p.District)
			break
		}
	}
	if p := s.Policies[11]; p.Number != 12 || !strings.Contains(p.Heading, "人才") || !strings.Contains(p.Text, "留学") {
		t.Errorf("item 12 = %d %q", p.Number, p.Heading)
	}
	ents := map[string]bool{}
	for _, e := range s.Enterprises {
		ents[xiaoqi.NewID(xiaoqi.KindEnterprise, e.NaturalKey())] = true
	}
	for _, j := range s.Jobs {
		if !ents[j.EnterpriseID] {
			t.Fatalf("job %q: enterprise %s not in the set", j.Name, j.EnterpriseID)
		}
		for _, sk := range j.Skills {
			if strings.Contains(sk, "五险") || strings.Contains(sk, "补贴") {
				t.Errorf("job %q: benefit %q taken as a skill", j.Name, sk)
			}
			if strings.EqualFold(sk, "java") && sk != "Java" {
				t.Errorf("job %q: tag %q not resolved to the taxonomy's Java", j.Name, sk)
			}
		}
		if strings.Contains(j.Description, "java后端") && !slices.Contains(j.Skills, "Java") {
			t.Errorf("job %q tagged java后端: skills %q, want Java", j.Name, j.Skills)
		}
	}
	real := 0
	for _, d := range []any{s.Policies, s.Institutions, s.Programs, s.Enterprises, s.Jobs} {
		for _, d := range docsOf(d) {
			real++
			if m := d.Base(); m.Synthetic || m.Source == seed.SourceSynthetic {
				t.Errorf("real %s %q is marked synthetic (synthetic %v, source %q)", d.Kind(), d.Title(), m.Synthetic, m.Source)
			}
		}
	}
	if all := len(s.Docs()); all-real != seed.DefaultCounts().Total() {
		t.Errorf("%d documents, %d of them real: %d synthetic, want %d", all, real, all-real, seed.DefaultCounts().Total())
	}
}

// docsOf turns a slice of documents of one type into []xiaoqi.Doc.
func docsOf(v any) []xiaoqi.Doc {
	var out []xiaoqi.Doc
	switch v := v.(type) {
	case []*xiaoqi.Policy:
		for _, d := range v {
			out = append(out, d)
		}
	case []*xiaoqi.Institution:
		for _, d := range v {
			out = append(out, d)
		}
	case []*xiaoqi.Program:
		for _, d := range v {
			out = append(out, d)
		}
	case []*xiaoqi.Enterprise:
		for _, d := range v {
			out = append(out, d)
		}
	case []*xiaoqi.JobNeed:
		for _, d := range v {
			out = append(out, d)
		}
	case []*xiaoqi.Candidate:
		for _, d := range v {
			out = append(out, d)
		}
	default:
		panic(fmt.Sprintf("docsOf %T", v))
	}
	return out
}

// TestRealSectors: 51job states no sector; the skills of a posting place it where they agree,
// and a firm takes the sectors of its postings, so that the 领域 filter finds real data too.
func TestRealSectors(t *testing.T) {
	s := loadSet(t)
	jobs, soft := 0, 0
	for _, j := range s.Jobs {
		if j.Synthetic || j.Sector == "" {
			continue
		}
		jobs++
		if j.Sector == xiaoqi.SectorSoftware {
			soft++
		}
		if j.Name == "Python开发工程师" && j.Sector != xiaoqi.SectorSoftware {
			t.Errorf("%s %v placed in %s, want software", j.Name, j.Skills, j.Sector)
		}
	}
	if jobs < 150 || soft < jobs/2 {
		t.Errorf("%d real postings placed, %d of them in software; want at least 150, most in software", jobs, soft)
	}
	firms := 0
	for _, e := range s.Enterprises {
		if !e.Synthetic && len(e.Sectors) > 0 {
			firms++
		}
	}
	if firms < 100 {
		t.Errorf("%d real firms placed, want at least 100", firms)
	}
}
