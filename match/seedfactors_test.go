package match_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestSeedSectorSaysScore: 西安交通大学 for an energy firm read "该机构约 4% 的毕业生所学面向这些
// 方向" beside a sector score of 0.16, which compares the two sector profiles whole. The text
// gives the score's own measure too.
func TestSeedSectorSaysScore(t *testing.T) {
	m, docs := seedMatcher(t)
	for _, d := range docs {
		if in, ok := d.(*xiaoqi.Institution); ok && in.Name == "西安交通大学" {
			l, err := m.InstitutionPartners(context.Background(), in.ID, xiaoqi.Scope{}, 10)
			if err != nil || len(l.Data) == 0 {
				t.Fatalf("%v, %+v", err, l)
			}
			for _, x := range l.Data {
				f := factor(x, "sector")
				pct := fmt.Sprintf("%.0f%%", f.Score*100)
				if f.Score > 0 && (!strings.HasSuffix(f.ZH, "两者的领域分布相似度 "+pct) || !strings.HasSuffix(f.EN, "their sector profiles are "+pct+" alike")) {
					t.Errorf("sector %.2f: %q / %q", f.Score, f.ZH, f.EN)
				}
			}
			return
		}
	}
	t.Fatal("西安交通大学 not in the default data set")
}

// TestSeedDossierFiguresWritten: the returnee dossier's English writes its thousands as the
// web UI writes the same figures beside it: "About 18,788 graduates", not 18788.
func TestSeedDossierFiguresWritten(t *testing.T) {
	m, _ := seedMatcher(t)
	d, err := m.Startup(context.Background(), xiaoqi.Scope{City: "西安市", Sector: xiaoqi.SectorSoftware})
	if err != nil {
		t.Fatal(err)
	}
	if d.GraduateSupply < 1000 || d.RegionGraduateSupply < 1000 {
		t.Fatalf("西安 software: %d graduates, %d in 关中; the test needs thousands", d.GraduateSupply, d.RegionGraduateSupply)
	}
	comma := func(n int) string { return fmt.Sprintf("%d,%03d", n/1000, n%1000) }
	want := fmt.Sprintf("About %s graduates a year (estimate) in related programs in the city, %s in Guanzhong",
		comma(d.GraduateSupply), comma(d.RegionGraduateSupply))
	if !strings.Contains(d.EN, want) {
		t.Errorf("the dossier says %q; want %q", d.EN, want)
	}
}

// TestSeedSupplyNotGeneralEducation: the programs related to a sector are not those that
// teach what every undergraduate learns: the real animation postings ask for 英语, which made
// every English major animation's supply (9,679 graduates a year in 西安).
func TestSeedSupplyNotGeneralEducation(t *testing.T) {
	m, _ := seedMatcher(t)
	for _, sector := range []xiaoqi.Sector{xiaoqi.SectorAnimation, xiaoqi.SectorITOps} {
		d, err := m.Startup(context.Background(), xiaoqi.Scope{City: "西安市", Sector: sector, RealOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.SupplySkills) == 0 || slices.ContainsFunc(d.SupplySkills, func(s string) bool { return strings.HasPrefix(s, "英语") }) {
			t.Errorf("%s, real data only: related programs teach %q; want the sector's skills, not 英语", sector, d.SupplySkills)
		}
	}
}

// TestSeedDossierNoJobs: a city without job needs in the sector says so in words, not
// "0 enterprises with 0 open positions (0 job needs); most demanded: none".
func TestSeedDossierNoJobs(t *testing.T) {
	m, _ := seedMatcher(t)
	d, err := m.Startup(context.Background(), xiaoqi.Scope{City: "铜川市", Sector: xiaoqi.SectorEnergy})
	if err != nil || d.OpenJobs != 0 {
		t.Fatalf("铜川 energy: %v, %d job needs; the test needs none", err, d.OpenJobs)
	}
	if !strings.HasPrefix(d.EN, "Tongchuan · Energy: no enterprise has posted a job need in the sector yet. About ") ||
		!strings.HasPrefix(d.ZH, "铜川市 · 能源：尚无企业发布本领域的岗位需求。") {
		t.Errorf("铜川 energy says %q / %q", d.ZH, d.EN)
	}
}

// TestSeedDistanceDistrictsEnglish: the English distance text of a suggestion named Shaanxi's
// districts in Chinese ("Yan'an (富县) (Shaanbei) and Xi'an (长安区) (Guanzhong)" for
// 汉江博远服务外包人才培训中心, of 长安区). /api/v1/divisions has their English names.
func TestSeedDistanceDistrictsEnglish(t *testing.T) {
	m, docs := seedMatcher(t)
	district := map[string]string{}
	for _, d := range docs {
		if e, ok := d.(*xiaoqi.Enterprise); ok {
			district[e.ID] = e.District
		}
	}
	n := 0
	for _, d := range docs {
		in, ok := d.(*xiaoqi.Institution)
		if !ok || in.District == "" {
			continue
		}
		l, err := m.InstitutionPartners(context.Background(), in.ID, xiaoqi.Scope{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range l.Data {
			f := factor(x, "distance")
			if f == nil || district[x.Enterprise.ID] == "" {
				continue
			}
			n++
			if strings.IndexFunc(f.EN, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
				t.Errorf("%s – %s: distance in English %q names a place in Chinese", in.Name, x.Enterprise.Name, f.EN)
			}
		}
		if in.Name == "汉江博远服务外包人才培训中心（示例）" && len(l.Data) > 0 {
			if f := factor(l.Data[0], "distance"); f == nil || !strings.Contains(f.EN, "Chang'an District") {
				t.Errorf("%s – %s: distance %+v, want Chang'an District named", in.Name, l.Data[0].Enterprise.Name, f)
			}
		}
	}
	if n == 0 {
		t.Fatal("no suggestion between two districts in the default data set")
	}
}

// TestSeedPolicyEnglishFaithful: the English of every policy quote says what its Chinese
// quote says, in the words of the item's translation. Item (12)'s, beside the sentence on
// school–enterprise cooperation, added "returned overseas students encouraged to found
// outsourcing firms in Shaanxi", which that sentence does not say; item (8)'s added "support
// firms going abroad".
func TestSeedPolicyEnglishFaithful(t *testing.T) {
	m, docs := seedMatcher(t)
	textEN := map[int]string{}
	var ents, insts []string
	for _, d := range docs {
		switch v := d.(type) {
		case *xiaoqi.Policy:
			textEN[v.Number] = strings.ToLower(v.TextEN)
		case *xiaoqi.Enterprise:
			if v.Leading || len(v.OffshoreMarkets) > 0 || len(ents) < 20 {
				ents = append(ents, v.ID)
			}
		case *xiaoqi.Institution:
			if v.KeyTraining || len(insts) < 20 {
				insts = append(insts, v.ID)
			}
		}
	}
	// check says whether en, each part of it between semicolons, is the translation's.
	check := func(where string, n int, zh, en string) {
		t.Helper()
		if textEN[n] == "" {
			t.Fatalf("item (%d) has no English text in the default data set", n)
		}
		for _, part := range strings.Split(en, "; ") {
			if part = strings.TrimSpace(part); part == "" || !strings.Contains(textEN[n], strings.ToLower(part)) {
				t.Errorf("%s: item (%d) quoted %q, in English %q: %q is not in the item's translation", where, n, zh, en, part)
			}
		}
	}
	item := regexp.MustCompile(`item \((\d+)\): `)
	seen := map[int]bool{}
	rank := func(kind string, l *xiaoqi.MatchList, err error) {
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range l.Data {
			f := factor(x, "policy")
			if f == nil {
				t.Fatalf("%s: no policy factor", kind)
			}
			_, en, ok := strings.Cut(f.EN, "Supported by ")
			if !ok {
				t.Fatalf("%s: policy factor %q", kind, f.EN)
			}
			locs := item.FindAllStringSubmatchIndex(en, -1)
			for i, loc := range locs {
				end := len(en)
				if i+1 < len(locs) {
					end = locs[i+1][0]
				}
				n, _ := strconv.Atoi(en[loc[2]:loc[3]])
				seen[n] = true
				check(kind, n, f.ZH, strings.TrimSuffix(en[loc[1]:end], "; "))
			}
		}
	}
	for _, id := range ents {
		l, err := m.EnterprisePartners(context.Background(), id, xiaoqi.Scope{}, 3)
		rank("partners of "+id, l, err)
	}
	for _, id := range insts {
		l, err := m.InstitutionPartners(context.Background(), id, xiaoqi.Scope{}, 3)
		rank("partners of "+id, l, err)
	}
	for _, n := range []int{2, 8, 12} {
		if !seen[n] {
			t.Errorf("no partner suggestion quotes item (%d)", n)
		}
	}
	d, err := m.Startup(context.Background(), xiaoqi.Scope{Sector: xiaoqi.SectorSoftware, City: "西安市"})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range d.Policies {
		check("dossier", q.Number, q.Quote, q.EN)
	}
}
