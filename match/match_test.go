package match_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func plantedSize() marketSize {
	return marketSize{homePerCluster: 8, generalists: 32, entsPerCluster: 30, jobsMin: 3, jobsMax: 6}
}

func loadTax(tb testing.TB) *skill.Taxonomy {
	tb.Helper()
	tax, err := skill.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return tax
}

func plantedMatcher(tb testing.TB) (*match.Matcher, *market) {
	tb.Helper()
	tax := loadTax(tb)
	mk := newMarket(tb, tax, plantedSize(), 7)
	m := match.New(nil, tax)
	m.LoadDocs(mk.docs)
	return m, mk
}

// TestPlantedPrecision measures precision@5 of the partner suggestions on a market with
// planted truth, beside a plain keyword-overlap baseline.
func TestPlantedPrecision(t *testing.T) {
	m, mk := plantedMatcher(t)
	ctx := context.Background()
	var hit, total, baseHit, baseTotal int
	var instHit, instTotal int
	for _, e := range mk.ents {
		l, err := m.EnterprisePartners(ctx, e, xiaoqi.Scope{}, 5)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range l.Data {
			total++
			if mk.compatible(e, x.Institution.ID) {
				hit++
			}
		}
		if len(l.Data) < 5 {
			total += 5 - len(l.Data) // a short list counts as misses
		}
		for _, in := range mk.keywordBaseline(e, 5) {
			baseTotal++
			if mk.compatible(e, in) {
				baseHit++
			}
		}
	}
	for _, in := range mk.insts {
		l, err := m.InstitutionPartners(ctx, in, xiaoqi.Scope{}, 5)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range l.Data {
			instTotal++
			if mk.compatible(x.Enterprise.ID, in) {
				instHit++
			}
		}
	}
	p, b := float64(hit)/float64(total), float64(baseHit)/float64(baseTotal)
	pi := float64(instHit) / float64(max(instTotal, 1))
	t.Logf("planted market: %d institutions, %d enterprises; precision@5 enterprise→institutions %.3f (keyword-overlap baseline %.3f); institution→enterprises %.3f",
		len(mk.insts), len(mk.ents), p, b, pi)
	if p < 0.9 {
		t.Errorf("precision@5 = %.3f, want ≥ 0.9", p)
	}
	if pi < 0.9 {
		t.Errorf("precision@5 institution→enterprises = %.3f, want ≥ 0.9", pi)
	}
	// Clearly better: at most half the baseline's wrong suggestions.
	if 1-p > (1-b)/2 {
		t.Errorf("precision@5 %.3f does not beat the keyword baseline %.3f clearly (want at most half its misses)", p, b)
	}
}

// TestPlantedAllocation checks that the province-wide allocation fills at least 95% of what
// the optimal allocation over the planted truth fills, and prints greedy ranking beside it.
func TestPlantedAllocation(t *testing.T) {
	m, mk := plantedMatcher(t)
	a, err := m.Allocate(context.Background(), xiaoqi.Scope{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	opt := mk.optimum()
	right, units := 0, 0
	for _, as := range a.Assignments {
		units += as.Units
		if mk.supply[as.Institution.ID][mk.cluster[as.Enterprise.ID]] > 0 {
			right += as.Units
		}
	}
	ratio := float64(right) / float64(opt)
	t.Logf("openings %d; optimum %d; allocation fills %d (%.1f%% of optimum; %d of its units in the right field); greedy per-enterprise ranking fills %d, leaves %d unfilled and %d enterprises short",
		a.Allocation.Openings, opt, a.Allocation.Filled, 100*float64(a.Allocation.Filled)/float64(opt), right,
		a.Greedy.Filled, a.Greedy.Unfilled, a.Greedy.Unserved)
	if units != a.Allocation.Filled {
		t.Errorf("assignments add up to %d, summary says %d", units, a.Allocation.Filled)
	}
	if ratio < 0.95 {
		t.Errorf("allocation fills %d in the right field, %.3f of the optimum %d; want ≥ 0.95", right, ratio, opt)
	}
	if a.Greedy.Filled >= a.Allocation.Filled {
		t.Errorf("greedy fills %d, allocation %d: capacity-aware allocation should fill more", a.Greedy.Filled, a.Allocation.Filled)
	}
	if !a.Synthetic {
		t.Error("allocation over synthetic data not marked synthetic")
	}
	// No institution gives more graduates than it has.
	given := map[string]int{}
	for _, as := range a.Assignments {
		given[as.Institution.ID] += as.Units
	}
	for in, g := range given {
		if g > mk.grads[in] {
			t.Errorf("%s gives %d graduates, has %d", in, g, mk.grads[in])
		}
	}
}

// TestGoldenExplanations pins the explanations of two suggestions for each side.
func TestGoldenExplanations(t *testing.T) {
	m, mk := plantedMatcher(t)
	ctx := context.Background()
	ep, err := m.EnterprisePartners(ctx, mk.ents[0], xiaoqi.Scope{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	ip, err := m.InstitutionPartners(ctx, mk.insts[0], xiaoqi.Scope{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "enterprise_partners.golden", ep)
	golden(t, "institution_partners.golden", ip)
}

func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./match/ -run Golden -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

// TestDistanceNamesDistricts: a distance measured between two districts' points names them,
// for 咸阳市 reaches from the edge of 西安 to 150 km away; without districts the cities stand.
func TestDistanceNamesDistricts(t *testing.T) {
	tax := loadTax(t)
	mj, ok := tax.Major("080902")
	if !ok {
		t.Fatal("major 080902 not in the taxonomy")
	}
	prg := func(id, inst, city string) *xiaoqi.Program {
		p := &xiaoqi.Program{Meta: xiaoqi.Meta{ID: id, Synthetic: true}, InstitutionID: inst, Name: mj.Name, MajorCode: "080902",
			Degree: "本科", City: city, GraduatesPerYear: 100}
		for _, sd := range tax.SkillsOfMajor("080902") {
			s, _ := tax.Skill(sd.ID)
			p.Skills = append(p.Skills, s.NameZH)
		}
		return p
	}
	m := smallMatcher(t, []xiaoqi.Doc{
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_ca", Synthetic: true}, Name: "长安区某软件公司", City: "西安市", District: "长安区",
			Region: xiaoqi.RegionGuanzhong, Geo: &xiaoqi.GeoPoint{Lat: 34.157, Lon: 108.906}, Sectors: []xiaoqi.Sector{xiaoqi.SectorSoftware}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ca", Synthetic: true}, EnterpriseID: "ent_ca", Name: "Java开发", City: "西安市",
			Skills: []string{"Java"}, Headcount: 5, Status: xiaoqi.JobOpen},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_cw", Synthetic: true}, Name: "长武某学院", Type: xiaoqi.InstitutionUniversity,
			City: "咸阳市", District: "长武县", Region: xiaoqi.RegionGuanzhong, Geo: &xiaoqi.GeoPoint{Lat: 35.2066, Lon: 107.794}},
		prg("prg_cw", "ins_cw", "咸阳市"),
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xa", Synthetic: true}, Name: "西安某学院", Type: xiaoqi.InstitutionUniversity,
			City: "西安市", Region: xiaoqi.RegionGuanzhong},
		prg("prg_xa", "ins_xa", "西安市"),
		// Schools of the MOE list stand at their city's centre, with no district.
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xac", Synthetic: true}, Name: "西安市中心某学院", Type: xiaoqi.InstitutionUniversity,
			City: "西安市", Region: xiaoqi.RegionGuanzhong, Geo: &xiaoqi.GeoPoint{Lat: 34.343, Lon: 108.935}},
		prg("prg_xac", "ins_xac", "西安市"),
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_bj", Synthetic: true}, Name: "宝鸡某学院", Type: xiaoqi.InstitutionUniversity,
			City: "宝鸡市", Region: xiaoqi.RegionGuanzhong, Geo: &xiaoqi.GeoPoint{Lat: 34.362, Lon: 107.237}},
		prg("prg_bj", "ins_bj", "宝鸡市"),
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_hz", Synthetic: true}, Name: "汉中某学院", Type: xiaoqi.InstitutionUniversity,
			City: "汉中市", Region: xiaoqi.RegionShaannan, Geo: &xiaoqi.GeoPoint{Lat: 33.0677, Lon: 107.0238}},
		prg("prg_hz", "ins_hz", "汉中市"),
		// A firm at 西安's centre, with no district either.
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_xc", Synthetic: true}, Name: "西安某软件公司", City: "西安市",
			Region: xiaoqi.RegionGuanzhong, Geo: &xiaoqi.GeoPoint{Lat: 34.343, Lon: 108.935}, Sectors: []xiaoqi.Sector{xiaoqi.SectorSoftware}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xc", Synthetic: true}, EnterpriseID: "ent_xc", Name: "Java开发", City: "西安市",
			Skills: []string{"Java"}, Headcount: 5, Status: xiaoqi.JobOpen},
	})
	distances := func(ent string) map[string]xiaoqi.MatchFactor {
		t.Helper()
		l, err := m.EnterprisePartners(context.Background(), ent, xiaoqi.Scope{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]xiaoqi.MatchFactor{}
		for _, x := range l.Data {
			for _, f := range x.Factors {
				if f.Factor == "distance" {
					got[x.Institution.ID] = f
				}
			}
		}
		return got
	}
	got := distances("ent_ca")
	if f := got["ins_cw"]; !strings.HasPrefix(f.ZH, "西安市长安区与咸阳市长武县同属关中，相距约 15") ||
		!strings.HasPrefix(f.EN, "Xi'an (Chang'an District) and Xianyang (Changwu County), both in Guanzhong, about 15") {
		t.Errorf("distance to 长武县: %q / %q", f.ZH, f.EN)
	}
	if f := got["ins_xa"]; f.ZH != "同在西安市" || f.Score != 1 {
		t.Errorf("distance within 西安市 without districts: %q, score %v", f.ZH, f.Score)
	}
	// From a city's centre: no distance within the city (it would be a guess), and between
	// cities one from the district's point to the other city's centre, said as such: it was
	// said to be between city centres (洋县 179 km from 西安, 汉中's centre 227).
	if f := got["ins_xac"]; f.ZH != "同在西安市" {
		t.Errorf("distance within 西安市 from its centre: %q, want no figure", f.ZH)
	}
	if f := got["ins_bj"]; !strings.HasPrefix(f.ZH, "西安市长安区与宝鸡市同属关中，长安区距宝鸡市中心约 15") ||
		!strings.HasPrefix(f.EN, "Xi'an (Chang'an District) and Baoji, both in Guanzhong, Chang'an District about 15") ||
		!strings.HasSuffix(f.EN, " km from the centre of Baoji") {
		t.Errorf("distance from 长安区 to 宝鸡's centre: %q / %q", f.ZH, f.EN)
	}
	if f := got["ins_hz"]; !strings.HasPrefix(f.ZH, "西安市长安区（关中）与汉中市（陕南），长安区距汉中市中心约 ") ||
		!strings.HasPrefix(f.EN, "Xi'an (Chang'an District) (Guanzhong) and Hanzhong (Shaannan), Chang'an District about ") {
		t.Errorf("distance from 长安区 to 汉中's centre: %q / %q", f.ZH, f.EN)
	}
	// Both at their cities' centres: between centres.
	got = distances("ent_xc")
	if f := got["ins_bj"]; !strings.HasPrefix(f.ZH, "西安市与宝鸡市同属关中，市中心相距约 ") || !strings.Contains(f.EN, "city centres about") {
		t.Errorf("distance between 西安's and 宝鸡's centres: %q / %q", f.ZH, f.EN)
	}
}

// TestUnknownSkillsCounted: the postings of an enterprise that name one skill the taxonomy
// does not know say "1 skill" in English, not "1 skills"; three say "3 skills".
func TestUnknownSkillsCounted(t *testing.T) {
	for _, tc := range []struct {
		unknown []string
		want    string
	}{
		{[]string{"某内部框架甲"}, "the postings also name 1 skill the taxonomy"},
		{[]string{"某内部框架甲", "某内部框架乙", "某内部框架丙"}, "the postings also name 3 skills the taxonomy"},
	} {
		docs := smallMarket()
		docs = append(docs,
			&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_odd", Synthetic: true}, EnterpriseID: "ent_soft", Name: "内部框架工程师", City: "西安市",
				Degree: "本科", Skills: tc.unknown, Headcount: 1, Status: xiaoqi.JobOpen},
			&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_x", Synthetic: true}, Name: "西安某学院", City: "西安市", Type: xiaoqi.InstitutionUniversity},
			&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_java", Synthetic: true}, InstitutionID: "ins_x", InstitutionName: "西安某学院",
				Name: "软件工程", Degree: "本科", City: "西安市", Skills: []string{"Java", "MySQL", "Spring"}, GraduatesPerYear: 100})
		m := smallMatcher(t, docs)
		l, err := m.EnterprisePartners(context.Background(), "ent_soft", xiaoqi.Scope{}, 5)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, x := range l.Data {
			for _, f := range x.Factors {
				if f.Factor == "skills" {
					found = true
					if !strings.Contains(f.EN, tc.want) {
						t.Errorf("%d unknown skills: %q, want %q", len(tc.unknown), f.EN, tc.want)
					}
				}
			}
		}
		if !found {
			t.Errorf("%d unknown skills: no skills factor in %+v", len(tc.unknown), l.Data)
		}
	}
}
