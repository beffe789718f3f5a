package match_test

import (
	"context"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// sitesMatcher holds a school at 西安's centre and one at 宝鸡's, each with the same program,
// and firms registered at 西安's centre: ent_bj posts all its job needs in 宝鸡, ent_mix 30
// openings in 宝鸡 and 2 in 西安, ent_home posts in 西安.
func sitesMatcher(t *testing.T) *match.Matcher {
	t.Helper()
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
	xian := &xiaoqi.GeoPoint{Lat: 34.343, Lon: 108.935}
	firm := func(id string) *xiaoqi.Enterprise {
		return &xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: id, Synthetic: true}, Name: id + "软件公司", City: "西安市",
			Region: xiaoqi.RegionGuanzhong, Geo: xian, Sectors: []xiaoqi.Sector{xiaoqi.SectorSoftware}}
	}
	job := func(id, ent, city string, n int) *xiaoqi.JobNeed {
		return &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: id, Synthetic: true}, EnterpriseID: ent, Name: "Java开发", City: city,
			Skills: []string{"Java"}, Headcount: n, Status: xiaoqi.JobOpen}
	}
	// Job needs have no point of their own: they stand at their city's centre, as the server
	// places them.
	points, err := seed.CityPoints()
	if err != nil {
		t.Fatal(err)
	}
	m := match.New(nil, tax).WithPlaces(points)
	m.LoadDocs([]xiaoqi.Doc{
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xa", Synthetic: true}, Name: "西安某学院", Type: xiaoqi.InstitutionUniversity,
			City: "西安市", Region: xiaoqi.RegionGuanzhong, Geo: xian},
		prg("prg_xa", "ins_xa", "西安市"),
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_bj", Synthetic: true}, Name: "宝鸡某学院", Type: xiaoqi.InstitutionUniversity,
			City: "宝鸡市", Region: xiaoqi.RegionGuanzhong, Geo: &xiaoqi.GeoPoint{Lat: 34.362, Lon: 107.237}},
		prg("prg_bj", "ins_bj", "宝鸡市"),
		firm("ent_bj"), job("job_bj1", "ent_bj", "宝鸡市", 3), job("job_bj2", "ent_bj", "宝鸡", 2),
		firm("ent_mix"), job("job_mix1", "ent_mix", "宝鸡市", 30), job("job_mix2", "ent_mix", "西安市", 2),
		firm("ent_home"), job("job_home", "ent_home", "", 5), // no city: where the firm is
	})
	return m
}

// TestDistanceFromOpenings: a 西安 firm whose job needs are all posted in 宝鸡 had 西安's
// school as its nearest (同在西安市, 1.00) and 宝鸡's as 150 km away, though its interns and
// graduates would work in 宝鸡. The distance is now measured from where its openings are, and
// the text says so; a school of 宝鸡 sees the firm as near.
func TestDistanceFromOpenings(t *testing.T) {
	m := sitesMatcher(t)
	ctx := context.Background()
	partners := func(ent string) (ids []string, dist map[string]xiaoqi.MatchFactor) {
		t.Helper()
		l, err := m.EnterprisePartners(ctx, ent, xiaoqi.Scope{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		dist = map[string]xiaoqi.MatchFactor{}
		for _, x := range l.Data {
			ids = append(ids, x.Institution.ID)
			if f := factor(x, "distance"); f != nil {
				dist[x.Institution.ID] = *f
			}
		}
		return ids, dist
	}

	ids, dist := partners("ent_bj")
	if len(ids) != 2 || ids[0] != "ins_bj" {
		t.Errorf("schools for a 西安 firm posting in 宝鸡: %v, want 宝鸡's first", ids)
	}
	if f := dist["ins_bj"]; f.Score != 1 || f.ZH != "岗位均在宝鸡市（该企业注册于西安市）：同在宝鸡市" ||
		f.EN != "All its openings are in Baoji (the enterprise is registered in Xi'an): both in Baoji" {
		t.Errorf("distance to 宝鸡's school: %v %q / %q", f.Score, f.ZH, f.EN)
	}
	if f := dist["ins_xa"]; f.Score >= 1 || !strings.HasPrefix(f.ZH, "岗位均在宝鸡市（该企业注册于西安市）：宝鸡市与西安市同属关中，市中心相距约 ") ||
		!strings.HasPrefix(f.EN, "All its openings are in Baoji (the enterprise is registered in Xi'an): Baoji and Xi'an, both in Guanzhong, city centres about ") {
		t.Errorf("distance to 西安's school: %v %q / %q", f.Score, f.ZH, f.EN)
	}

	// 30 openings in 宝鸡 and 2 at home: the places weigh by openings, both named.
	ids, dist = partners("ent_mix")
	if len(ids) != 2 || ids[0] != "ins_bj" {
		t.Errorf("schools for a 西安 firm with 30 openings in 宝鸡 and 2 in 西安: %v, want 宝鸡's first", ids)
	}
	f := dist["ins_xa"]
	if f.Score <= 0.6 || f.Score >= 0.7 ||
		!strings.HasPrefix(f.ZH, "岗位分布在 2 处（该企业注册于西安市）：宝鸡市 30 个——宝鸡市与西安市同属关中，市中心相距约 ") ||
		!strings.Contains(f.ZH, "；西安市 2 个——同在西安市；按岗位数加权计 ") ||
		!strings.HasPrefix(f.EN, "Openings in 2 places (the enterprise is registered in Xi'an): 30 in Baoji — Baoji and Xi'an, both in Guanzhong") ||
		!strings.Contains(f.EN, "; 2 in Xi'an — both in Xi'an; weighted by openings: ") {
		t.Errorf("distance of a firm posting in two places to 西安's school: %v %q / %q", f.Score, f.ZH, f.EN)
	}
	if g := dist["ins_bj"]; g.Score <= f.Score || !strings.Contains(g.ZH, "宝鸡市 30 个——同在宝鸡市") {
		t.Errorf("distance of a firm posting in two places to 宝鸡's school: %v %q", g.Score, g.ZH)
	}

	// A school of 宝鸡 sees the firm posting there as near.
	l, err := m.InstitutionPartners(ctx, "ins_bj", xiaoqi.Scope{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, x := range l.Data {
		if x.Enterprise.ID == "ent_bj" {
			seen = true
			if f := factor(x, "distance"); f == nil || f.Score != 1 || !strings.Contains(f.ZH, "岗位均在宝鸡市") {
				t.Errorf("宝鸡's school – a firm posting in 宝鸡: distance %+v", f)
			}
		}
	}
	if !seen {
		t.Errorf("宝鸡's school: the firm posting in 宝鸡 not suggested: %+v", l.Data)
	}

	// Postings naming no city are where the firm is: its own place, said as before.
	_, dist = partners("ent_home")
	if f := dist["ins_xa"]; f.Score != 1 || f.ZH != "同在西安市" || f.EN != "Both in Xi'an" {
		t.Errorf("a firm posting where it is: %v %q / %q", f.Score, f.ZH, f.EN)
	}
}
