package match

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// localFirst lifts a dossier's schools of the city itself above those of the rest of its
// region, whatever they teach (scores of what a school teaches stay far below it).
const localFirst = 1e9

// Startup is the returnee dossier for a sector and city: open headcount, graduate supply,
// competing enterprises, partner schools, and policy items (9)–(12) quoted.
func (m *Matcher) Startup(ctx context.Context, scope xiaoqi.Scope) (*xiaoqi.Dossier, error) {
	if err := m.Refresh(ctx); err != nil {
		return nil, err
	}
	s := m.current()
	scope, err := s.checkScope(scope)
	if err != nil {
		return nil, err
	}
	d := &xiaoqi.Dossier{Scope: scope, Synthetic: s.synth && !scope.RealOnly, TopSkills: []string{}, Competitors: []xiaoqi.MatchParty{},
		PartnerSchools: []xiaoqi.MatchParty{}, Policies: []xiaoqi.PolicyQuote{}}
	demand := map[int32]int{}
	var comp []scored
	var pay []int
	for ei, e := range s.ents {
		if !s.inPlace(scope, e) {
			continue
		}
		od := s.openDemand(e, scope.RealOnly, scope)
		if od.jobs == 0 {
			continue
		}
		pay = append(pay, s.salaries(e, scope.RealOnly, scope)...)
		d.OpenJobs += od.jobs
		d.OpenHeadcount += od.openings
		d.SyntheticHeadcount += od.synthetic
		comp = append(comp, scored{ei, float64(od.openings), e.doc.ID})
		for _, x := range od.demand {
			demand[x.s] += int(x.w)
		}
	}
	sortScored(comp)
	for _, c := range comp[:min(10, len(comp))] {
		d.Competitors = append(d.Competitors, *entParty(s.ents[c.i]))
	}
	if d.SalaryJobs = len(pay); len(pay) > 0 {
		slices.Sort(pay)
		d.SalaryMedian = pay[len(pay)/2]
		if len(pay)%2 == 0 {
			d.SalaryMedian = (pay[len(pay)/2-1] + pay[len(pay)/2]) / 2
		}
	}
	var top []scored
	for sk, n := range demand {
		top = append(top, scored{int(sk), float64(n), m.skills[sk].ID})
	}
	sortScored(top)
	top = top[:min(8, len(top))]
	var topEN []string
	for _, t := range top {
		d.TopSkills = append(d.TopSkills, m.skills[t.i].NameZH)
		topEN = append(topEN, m.skills[t.i].NameEN)
	}
	// Supply: graduates a year of the programs that teach, in a course or at the core, one of
	// the skills the sector's job needs ask for most across the province (sectorSkills). The
	// same programs count for every city, so that the cities of one sector compare: measured
	// by each city's own top skills, a city without job needs in the sector had no supply,
	// and two cities of one region differed by the few postings each had.
	// The skills say which programs are related to the sector; they are not a count, so they
	// are the same with or without real_only, and real_only only leaves the synthetic programs
	// out of the sum: leaving data out never raises the supply. Chosen from the real postings
	// alone, they were the few skills of a handful of them (animation's C++, 游戏美术, 角色绑定,
	// the first of them making 西安's animation supply 4,352 graduates of C++ programs).
	related := m.sectorSkills(s, scope.Sector)
	d.SupplySkills = []string{}
	var supplyEN []string
	for _, t := range related {
		d.SupplySkills = append(d.SupplySkills, m.skills[t.i].NameZH)
		supplyEN = append(supplyEN, m.skills[t.i].NameEN)
	}
	// Partner schools: the schools of the city's region that teach most of what the city's
	// job needs ask for (without any there, of what the sector asks for), the city's own
	// first: ranked by what they teach alone, the large schools of 西安 filled every place of
	// a 宝鸡 dossier, 宝鸡文理学院 20th. A school whose graduates the supply counts is one
	// even when it teaches none of that (below).
	want := top
	if len(want) == 0 {
		want = related
	}
	region := scope.Region
	if region == "" && scope.City != "" {
		region = xiaoqi.RegionOf(scope.City)
	}
	own := xiaoqi.Scope{Region: scope.Region, City: scope.City}
	var schools []scored
	for ii, in := range s.insts {
		local := instInScope(own, in)
		if !local && (region == "" || !instInScope(xiaoqi.Scope{Region: region}, in)) || scope.RealOnly && in.doc.Synthetic {
			continue // a city outside Shaanxi has no region of the province around it
		}
		var v float64
		supplied := 0 // graduates of its programs counted in the supply
		for _, pi := range in.progs {
			p := s.progs[pi]
			if scope.RealOnly && p.doc.Synthetic {
				continue
			}
			teaches := false
			for _, x := range p.skills {
				for _, t := range want {
					if int(x.s) == t.i {
						v += t.score * x.w
					}
				}
				if x.w >= 0.8 && slices.ContainsFunc(related, func(t scored) bool { return int(x.s) == t.i }) {
					teaches = true
				}
			}
			if teaches {
				supplied += p.grads
				d.RegionGraduateSupply += p.grads
				if local {
					d.GraduateSupply += p.grads
				}
				d.Estimated = d.Estimated || p.estimated
			}
		}
		if v == 0 && supplied > 0 {
			// It teaches none of what the place's postings ask for but counts in its supply:
			// still a school to hire from, after those that teach what is asked (below any of
			// their scores, the most graduates first). Named only for the postings, 宝鸡市's
			// real software dossier (one posting, 大数据) counted 599 graduates of its own
			// schools and named ten of 西安 and 咸阳, and 汉中市's 商洛学院 and 安康学院 only.
			v = 1e-3 * float64(supplied) / float64(supplied+1000)
		}
		if v > 0 {
			if local && scope.City != "" {
				v += localFirst
			}
			schools = append(schools, scored{ii, v, in.doc.ID})
		}
	}
	if scope.City == "" || region == "" {
		// The scope is the region or the province, which GraduateSupply counts; or a city
		// outside Shaanxi, with no region of the province around it.
		d.RegionGraduateSupply = 0
	}
	sortScored(schools)
	for _, c := range schools[:min(10, len(schools))] {
		d.PartnerSchools = append(d.PartnerSchools, *instParty(s.insts[c.i]))
	}
	for _, n := range []int{9, 10, 11, 12} {
		q := quotePolicy(s, n)
		if n == 12 {
			if p := s.policies[12]; p != nil {
				for _, st := range splitSentences(p.Text) {
					if strings.Contains(st, "留学生") {
						q.Quote = st
						q.EN = "bring in high-end talent in service outsourcing management and technological innovation, and encourage overseas students to found service outsourcing enterprises in Shaanxi"
					}
				}
			}
		}
		d.Policies = append(d.Policies, q)
	}
	est := ""
	if d.Estimated {
		est = "（估算）"
	}
	place := strings.TrimSpace(scope.City + " " + string(scope.Region))
	placeEN := strings.TrimSpace(xiaoqi.CityEnglish(scope.City) + " " + xiaoqi.RegionEnglish(scope.Region))
	if place == "" {
		place, placeEN = "全省", "Shaanxi"
	}
	estEN := ""
	if d.Estimated {
		estEN = " (estimate)"
	}
	sec := "全部领域"
	secEN := "all sectors"
	if n, ok := xiaoqi.SectorNames[scope.Sector]; ok {
		sec, secEN = n[0], n[1]
	}
	supplyZH := fmt.Sprintf("相关专业年毕业生约 %d 人%s", d.GraduateSupply, est)
	supplyENs := fmt.Sprintf("About %s graduates a year%s in related programs", thousands(d.GraduateSupply), estEN)
	if scope.City != "" && region != "" {
		// A new area (杨凌示范区, 西咸新区) is no city: its dossier said 本市 and "in the city".
		here, hereEN := "本市", "the city"
		if cities, _ := xiaoqi.AreaDistricts(scope.City); cities != nil {
			here, hereEN = "本区", "the area"
		}
		supplyZH = fmt.Sprintf("%s相关专业年毕业生约 %d 人，%s约 %d 人%s", here, d.GraduateSupply,
			region, d.RegionGraduateSupply, est)
		supplyENs = fmt.Sprintf("About %s graduates a year%s in related programs in %s, %s in %s",
			thousands(d.GraduateSupply), estEN, hereEN, thousands(d.RegionGraduateSupply), xiaoqi.RegionEnglish(region))
	}
	synthZH, synthEN := "", ""
	if n := d.SyntheticHeadcount; n > 0 {
		synthZH, synthEN = fmt.Sprintf("；其中 %d 个为示例数据", n), fmt.Sprintf("; %s of the positions synthetic", thousands(n))
	}
	payZH, payEN := "", ""
	if d.SalaryJobs > 0 {
		payZH = fmt.Sprintf("；写明薪资的 %d 条需求月薪中位数约 %d 元", d.SalaryJobs, d.SalaryMedian)
		payEN = fmt.Sprintf("; median monthly salary about ¥%s over the %s", thousands(d.SalaryMedian),
			plural(d.SalaryJobs, "job need stating one", "job needs stating one"))
	}
	// Related programs are those teaching the scope's most demanded skills: all sectors' are
	// not the sum of each sector's (软件 alone counted more graduates than 全部领域), said so.
	relZH, relEN, noteZH, noteEN, anyZH, anyEN := "本领域", "the sector", "", "", "本领域", "the sector"
	if scope.Sector == "" {
		relZH, relEN, anyZH, anyEN = "各领域合计", "all sectors together", "任何领域", "any sector"
		noteZH = "；各领域的相关专业不同，全部领域的毕业生数不是各领域之和"
		noteEN = "; each sector has its own, so the graduates of all sectors are not the sum of each sector's"
	}
	if scope.RealOnly && s.synth {
		// The skills are chosen from all the job needs (Startup's supply above), the graduates
		// counted from real programs only: said, for the skills are not the real postings'.
		noteZH += "；相关技能与不限真实数据时相同，毕业生只计真实专业"
		noteEN += "; the skills are those chosen without Real data only, the graduates counted from real programs only"
	}
	d.ZH = fmt.Sprintf("%s · %s：%d 家企业开放 %d 个岗位（%d 条需求%s）%s；需求最多的技能：%s。%s（相关专业：教授%s全省需求最多的技能 %s 的专业%s）",
		place, sec, len(comp), d.OpenHeadcount, d.OpenJobs, synthZH, payZH, noneZH(d.TopSkills), supplyZH, relZH, noneZH(d.SupplySkills), noteZH)
	d.EN = fmt.Sprintf("%s · %s: %s with %s (%s%s)%s; most demanded: %s. %s (related: programs teaching what %s ask%s for most in Shaanxi: %s%s)",
		placeEN, secEN, plural(len(comp), "enterprise", "enterprises"), plural(d.OpenHeadcount, "open position", "open positions"),
		plural(d.OpenJobs, "job need", "job needs"), synthEN, payEN, noneEN(topEN), supplyENs, relEN, verbS(scope.Sector != ""), noneEN(supplyEN), noteEN)
	if len(comp) == 0 {
		// A place without job needs in the sector says so, not "0 enterprises with 0 open
		// positions (0 job needs); most demanded: none".
		d.ZH = fmt.Sprintf("%s · %s：尚无企业发布%s的岗位需求。%s（相关专业：教授%s全省需求最多的技能 %s 的专业%s）",
			place, sec, anyZH, supplyZH, relZH, noneZH(d.SupplySkills), noteZH)
		d.EN = fmt.Sprintf("%s · %s: no enterprise has posted a job need in %s yet. %s (related: programs teaching what %s ask%s for most in Shaanxi: %s%s)",
			placeEN, secEN, anyEN, supplyENs, relEN, verbS(scope.Sector != ""), noneEN(supplyEN), noteEN)
	}
	return d, nil
}

// maxSupplySkills is how many of a sector's skills make a program related to it.
const maxSupplySkills = 8

// sectorSkills returns the skills the open job needs of the sector (every sector when empty)
// ask for most across the province, by openings, at most maxSupplySkills, general education
// (英语) aside, and for a sector only those the taxonomy places in it: a posting's incidental
// skill (C++ in an animation posting) does not make its programs the sector's. All job needs
// count, synthetic ones too, whatever real_only says (see Startup). For a sector that has no
// job needs, they are the taxonomy's skills of the sector that the job needs of every sector
// ask for most (by id where none do).
func (m *Matcher) sectorSkills(s *snapshot, sector xiaoqi.Sector) []scored {
	demand := func(sc xiaoqi.Scope) map[int32]int {
		out := map[int32]int{}
		for _, e := range s.ents {
			if len(e.jobs) == 0 || !s.inPlace(sc, e) {
				continue
			}
			for _, x := range s.openDemand(e, false, sc).demand {
				out[x.s] += int(x.w)
			}
		}
		return out
	}
	inSector := func(sk int32) bool {
		return sector == "" || slices.Contains(m.skills[sk].Sectors, sector)
	}
	var out []scored
	for sk, n := range demand(xiaoqi.Scope{Sector: sector}) {
		// Not a skill every undergraduate is taught: real animation postings asking for
		// 英语 made every English major animation's supply (9,679 graduates in 西安).
		if !generalEducation[m.skills[sk].ID] && inSector(sk) {
			out = append(out, scored{int(sk), float64(n), m.skills[sk].ID})
		}
	}
	if len(out) == 0 && sector != "" {
		all := demand(xiaoqi.Scope{})
		for _, sk := range m.tax.BySector(sector) {
			if i, ok := m.skillIdx[sk.ID]; ok {
				out = append(out, scored{int(i), float64(all[i]), sk.ID})
			}
		}
	}
	sortScored(out)
	return out[:min(maxSupplySkills, len(out))]
}
