package match

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// gapRatio: a skill is a gap when the graduates a year of the programs teaching it (in the
// scope) are fewer than gapRatio times the openings asking for it.
const gapRatio = 3.0

// MaxGaps caps the gaps one report lists.
const MaxGaps = 50

func instInScope(sc xiaoqi.Scope, in *institution) bool {
	if sc.Region != "" && in.doc.Region != sc.Region && xiaoqi.RegionOf(in.doc.City) != sc.Region {
		return false
	}
	if sc.City != "" && !inCity(sc.City, in.doc.City, in.doc.District) {
		return false
	}
	return true
}

// Gaps lists the skills that open job needs in scope ask for and that the programs of the
// scope's institutions teach too little of (fewer than three graduates a year per opening),
// with catalogue majors that teach them and the institutions best placed to add one. With
// scope.RealOnly, synthetic job needs, institutions and programs count for nothing.
func (m *Matcher) Gaps(ctx context.Context, scope xiaoqi.Scope, limit int) (*xiaoqi.GapReport, error) {
	limit, err := limitIn(limit, DefaultLimit, MaxGaps)
	if err != nil {
		return nil, err
	}
	if err := m.Refresh(ctx); err != nil {
		return nil, err
	}
	s := m.current()
	if scope, err = s.checkScope(scope); err != nil {
		return nil, err
	}
	// demand counts openings by skill, synthDemand those of synthetic job needs among them.
	demand, synthDemand := map[int32]int{}, map[int32]int{}
	out := &xiaoqi.GapReport{Scope: scope, Gaps: []xiaoqi.SkillGap{}}
	for _, e := range s.ents {
		if !s.inPlace(scope, e) {
			continue
		}
		for _, ji := range e.jobs {
			j := s.jobs[ji]
			if scope.RealOnly && j.doc.Synthetic || scope.Sector != "" && jobSector(e, j) != scope.Sector || !inArea(newArea(scope), e, j) {
				continue
			}
			for _, sk := range j.skills {
				demand[sk] += j.headcount
				if j.doc.Synthetic {
					synthDemand[sk] += j.headcount
				}
			}
			out.Synthetic = out.Synthetic || j.doc.Synthetic
		}
	}
	supply := map[int32]int{}
	var insts []int
	for ii, in := range s.insts {
		if !instInScope(xiaoqi.Scope{Region: scope.Region, City: scope.City}, in) || scope.RealOnly && in.doc.Synthetic {
			continue
		}
		insts = append(insts, ii)
		for _, pi := range in.progs {
			p := s.progs[pi]
			if scope.RealOnly && p.doc.Synthetic {
				continue
			}
			for _, x := range p.skills {
				if x.w >= 0.8 { // taught in a course or at the core
					supply[x.s] += p.grads
					out.Estimated = out.Estimated || p.estimated
					out.Synthetic = out.Synthetic || p.doc.Synthetic
				}
			}
		}
	}
	type gap struct {
		s      int32
		d, sup int
	}
	var gs []gap
	for sk, d := range demand {
		if generalEducation[m.skills[sk].ID] {
			continue
		}
		if float64(supply[sk]) < gapRatio*float64(d) {
			gs = append(gs, gap{sk, d, supply[sk]})
		}
	}
	slices.SortFunc(gs, func(a, b gap) int {
		// Largest shortfall first, then by skill id.
		sa, sb := float64(a.d)*gapRatio-float64(a.sup), float64(b.d)*gapRatio-float64(b.sup)
		if sa != sb {
			return cmpFloat(sb, sa)
		}
		return strings.Compare(m.skills[a.s].ID, m.skills[b.s].ID)
	})
	for _, g := range gs[:min(limit, len(gs))] {
		sk := m.skills[g.s]
		sg := xiaoqi.SkillGap{Skill: sk.NameZH, SkillEN: sk.NameEN, Demand: g.d, SyntheticDemand: synthDemand[g.s], Supply: g.sup,
			Majors: []xiaoqi.SuggestedMajor{}, BestPlaced: []xiaoqi.PlacedInstitution{}}
		if g.d > 0 {
			sg.Ratio = round2(float64(g.sup) / float64(g.d))
		}
		for _, md := range m.tax.MajorsFor(sk.ID) {
			if md.Depth < 2 || len(sg.Majors) == 3 {
				continue
			}
			if mj, ok := m.tax.Major(md.Code); ok {
				sg.Majors = append(sg.Majors, xiaoqi.SuggestedMajor{Code: mj.Code, Name: mj.Name, NameEN: m.majorsEN[mj.Code]})
			}
		}
		// Best placed: institutions that teach the most of the skill's related skills, and
		// among equals (most universities teach them all) those whose graduates study them
		// most: the choice among 37 equal schools went by id.
		type placed struct {
			scored
			grads  float64
			offers []string // the suggested majors it offers already
		}
		suggested := make([]string, len(sg.Majors))
		for i, mj := range sg.Majors {
			suggested[i] = mj.Code
		}
		offers := func(in *institution) []string {
			var codes []string
			for _, pi := range in.progs {
				p := s.progs[pi].doc
				if scope.RealOnly && p.Synthetic {
					continue
				}
				if slices.Contains(suggested, p.MajorCode) && !slices.Contains(codes, p.MajorCode) {
					codes = append(codes, p.MajorCode)
				}
			}
			slices.Sort(codes)
			return codes
		}
		var cand []placed
		for _, ii := range insts {
			in := s.insts[ii]
			var v, grads float64
			for _, r := range m.related[g.s] {
				v += r.w * in.best[r.s]
			}
			if v == 0 {
				continue
			}
			for _, pi := range in.progs {
				p := s.progs[pi]
				if scope.RealOnly && p.doc.Synthetic {
					continue
				}
				for _, x := range p.skills {
					for _, r := range m.related[g.s] {
						if r.s == x.s {
							grads += r.w * x.w * float64(p.grads)
						}
					}
				}
			}
			cand = append(cand, placed{scored{ii, math.Round(v*100) / 100, in.doc.ID}, grads, offers(in)})
		}
		slices.SortFunc(cand, func(a, b placed) int {
			switch {
			case a.score != b.score:
				return cmpFloat(b.score, a.score)
			case a.grads != b.grads:
				return cmpFloat(b.grads, a.grads)
			}
			return strings.Compare(a.id, b.id)
		})
		// A catalogue major (of the 本科 catalogue, the only one the taxonomy holds) is an
		// undergraduate university's to add: 可增设专业：数字出版 with a training centre, or with
		// a 专科 college that awards no 本科 degree, best placed to add it was advice nobody could
		// take. Training institutions and vocational colleges are named where a course fills
		// the gap, or where no undergraduate university is placed to add the major.
		// A university that offers every major suggested already is no school to add one (西安
		// 外事学院 was best placed to add the 数字出版 it offers, its graduates the supply counted).
		coursesOnly, allOffered := false, false
		if len(sg.Majors) > 0 {
			unis := slices.DeleteFunc(slices.Clone(cand), func(c placed) bool { return !s.insts[c.i].undergraduate() })
			if len(unis) > 0 {
				cand = slices.DeleteFunc(unis, func(c placed) bool { return len(c.offers) == len(suggested) })
				allOffered = len(cand) == 0
			} else {
				coursesOnly = len(cand) > 0
			}
		}
		for _, c := range cand[:min(3, len(cand))] {
			in := s.insts[c.i]
			pl := xiaoqi.PlacedInstitution{MatchParty: *instParty(in), Related: []string{}, Offers: c.offers}
			for _, r := range m.related[g.s] {
				if in.best[r.s] > 0 {
					pl.Related = append(pl.Related, m.skills[r.s].NameZH)
				}
			}
			sg.BestPlaced = append(sg.BestPlaced, pl)
		}
		var majors, majorsEN, names, namesEN []string
		for _, mj := range sg.Majors {
			majors = append(majors, mj.Code+" "+mj.Name)
			majorsEN = append(majorsEN, mj.Code+" "+cmp.Or(mj.NameEN, mj.Name))
		}
		for _, b := range sg.BestPlaced {
			n, en := b.Name, cmp.Or(b.NameEN, b.Name)
			if len(b.Offers) > 0 {
				n += "（已开设 " + strings.Join(b.Offers, "、") + "）"
				en += " (offers " + strings.Join(b.Offers, ", ") + " already)"
			}
			names, namesEN = append(names, n), append(namesEN, en)
		}
		addZH, addEN := "可增设专业："+noneZH(majors), "majors to add: "+noneEN(majorsEN)
		if len(sg.Majors) == 0 {
			// No catalogue major teaches it: a course (co-built with the enterprises) does.
			sg.Course = sk.NameZH
			addZH = fmt.Sprintf("无专业对口，宜开设「%s」课程（可校企共建）", sk.NameZH)
			addEN = fmt.Sprintf("no catalogue major teaches it: add a course on %s (co-built with enterprises)", sk.NameEN)
		}
		if allOffered {
			addZH += "（具备基础的本科院校均已开设）"
			addEN += " (the universities placed to add them offer them already)"
		}
		if coursesOnly {
			sg.Course = sk.NameZH
			addZH += fmt.Sprintf("（本区域尚无本科院校具备增设基础，可先由培训机构开设「%s」课程，高职院校亦可开设）", sk.NameZH)
			addEN += fmt.Sprintf(" (no undergraduate university here is placed to add one: a training institution could start a course on %s, and so could a vocational college)", sk.NameEN)
		}
		// Why it is a gap at all when the graduates outnumber the openings (网络文学: 118 for
		// 98): fewer than gapRatio per opening, not all of whom take such a job.
		supZH := fmt.Sprintf("相关专业年毕业生约 %d 人（每个岗位约 %.1f 人，不足 %.0f 人）", g.sup, float64(g.sup)/float64(g.d), gapRatio)
		supEN := fmt.Sprintf("about %s graduates a year (%.1f per opening, fewer than %.0f)", thousands(g.sup), float64(g.sup)/float64(g.d), gapRatio)
		if g.sup == 0 {
			supZH, supEN = "尚无相关专业毕业生", "no graduates of a program teaching it yet"
		}
		demZH, demEN := fmt.Sprintf("%d 个岗位需要", g.d), "asked for by "+plural(g.d, "opening", "openings")
		switch sd := sg.SyntheticDemand; {
		case sd == g.d:
			demZH, demEN = demZH+"（均为示例数据）", demEN+" (all synthetic)"
		case sd > 0:
			demZH, demEN = demZH+fmt.Sprintf("（其中 %d 个为示例数据）", sd), demEN+fmt.Sprintf(" (%d of them synthetic)", sd)
		}
		sg.ZH = fmt.Sprintf("%s：%s，%s；%s；最具基础的院校：%s（《实施意见》第（十二）项：增设服务外包专业）",
			sk.NameZH, demZH, supZH, addZH, noneZH(names))
		sg.EN = fmt.Sprintf("%s: %s, %s; %s; best placed: %s (item (12): universities add outsourcing majors)",
			sk.NameEN, demEN, supEN, addEN, noneEN(namesEN))
		out.Gaps = append(out.Gaps, sg)
	}
	return out, nil
}

// localFirst lifts a dossier's schools of the city itself above those of the rest of its
// region, whatever they teach (scores of what a school teaches stay far below it).
const localFirst = 1e9

// generalEducation are skills every undergraduate is taught, whatever the major: College
// English (大学英语) is compulsory, and its certificates are what it prepares for. They are no
// gap a new major fills (英语四级 was reported as having no graduates at all).
var generalEducation = map[string]bool{"english": true, "cet4": true, "cet6": true}

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
		od := s.openDemand(e, scope.RealOnly, scope.Sector, newArea(scope))
		if od.jobs == 0 {
			continue
		}
		pay = append(pay, s.salaries(e, scope.RealOnly, scope.Sector, newArea(scope))...)
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
	related := m.sectorSkills(s, scope.Sector, scope.RealOnly)
	d.SupplySkills = []string{}
	var supplyEN []string
	for _, t := range related {
		d.SupplySkills = append(d.SupplySkills, m.skills[t.i].NameZH)
		supplyEN = append(supplyEN, m.skills[t.i].NameEN)
	}
	// Partner schools: the schools of the city's region that teach most of what the city's
	// job needs ask for (without any there, of what the sector asks for), the city's own
	// first: ranked by what they teach alone, the large schools of 西安 filled every place of
	// a 宝鸡 dossier, 宝鸡文理学院 20th.
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
				d.RegionGraduateSupply += p.grads
				if local {
					d.GraduateSupply += p.grads
				}
				d.Estimated = d.Estimated || p.estimated
			}
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
		supplyZH = fmt.Sprintf("本市相关专业年毕业生约 %d 人，%s约 %d 人%s", d.GraduateSupply,
			region, d.RegionGraduateSupply, est)
		supplyENs = fmt.Sprintf("About %s graduates a year%s in related programs in the city, %s in %s",
			thousands(d.GraduateSupply), estEN, thousands(d.RegionGraduateSupply), xiaoqi.RegionEnglish(region))
	}
	synthZH, synthEN := "", ""
	if n := d.SyntheticHeadcount; n > 0 {
		synthZH, synthEN = fmt.Sprintf("；其中 %d 个为示例数据", n), fmt.Sprintf("; %d of the positions synthetic", n)
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

// sectorSkills returns the skills the open job needs of the sector (every sector when empty;
// real ones only with realOnly) ask for most across the province, by openings, at most
// maxSupplySkills, general education (英语) aside. For a sector that has no job needs, they are the taxonomy's skills of the
// sector that the job needs of every sector ask for most (by id where none do).
func (m *Matcher) sectorSkills(s *snapshot, sector xiaoqi.Sector, realOnly bool) []scored {
	demand := func(sc xiaoqi.Scope) map[int32]int {
		out := map[int32]int{}
		for _, e := range s.ents {
			if len(e.jobs) == 0 || !s.inPlace(sc, e) {
				continue
			}
			for _, x := range s.openDemand(e, realOnly, sc.Sector, newArea(sc)).demand {
				out[x.s] += int(x.w)
			}
		}
		return out
	}
	var out []scored
	for sk, n := range demand(xiaoqi.Scope{Sector: sector}) {
		// Not a skill every undergraduate is taught: real animation postings asking for
		// 英语 made every English major animation's supply (9,679 graduates in 西安).
		if !generalEducation[m.skills[sk].ID] {
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

// openDemand is what an enterprise's open job needs ask for: all of them, or with realOnly
// those that are not synthetic (none of a synthetic enterprise's).
type openDemand struct {
	jobs, openings int
	synthetic      int  // openings of synthetic job needs among openings
	demand         []sw // skill → openings asking for it
}

func (s *snapshot) openDemand(e *enterprise, realOnly bool, sector xiaoqi.Sector, area string) openDemand {
	if !realOnly && sector == "" && area == "" {
		od := openDemand{jobs: len(e.jobs), openings: e.openings, demand: e.demand}
		for _, ji := range e.jobs {
			if j := s.jobs[ji]; j.doc.Synthetic {
				od.synthetic += j.headcount
			}
		}
		return od
	}
	var od openDemand
	if realOnly && e.doc.Synthetic {
		return od
	}
	w := map[int32]float64{}
	for _, ji := range e.jobs {
		j := s.jobs[ji]
		if realOnly && j.doc.Synthetic || sector != "" && jobSector(e, j) != sector || !inArea(area, e, j) {
			continue
		}
		od.jobs++
		od.openings += j.headcount
		if j.doc.Synthetic {
			od.synthetic += j.headcount
		}
		for _, si := range j.skills {
			w[si] += float64(j.headcount)
		}
	}
	for si, x := range w {
		od.demand = append(od.demand, sw{si, x})
	}
	slices.SortFunc(od.demand, func(a, b sw) int { return int(a.s - b.s) })
	return od
}

// salaries are the monthly salaries of e's open job needs that openDemand counts and that
// state one: each the middle of its range, or the end it states (1万以上: 1万).
func (s *snapshot) salaries(e *enterprise, realOnly bool, sector xiaoqi.Sector, area string) []int {
	if realOnly && e.doc.Synthetic {
		return nil
	}
	var out []int
	for _, ji := range e.jobs {
		j := s.jobs[ji]
		if realOnly && j.doc.Synthetic || sector != "" && jobSector(e, j) != sector || !inArea(area, e, j) {
			continue
		}
		lo, hi := j.doc.SalaryMin, j.doc.SalaryMax
		switch {
		case lo > 0 && hi > 0:
			out = append(out, (lo+hi)/2)
		case lo > 0 || hi > 0:
			out = append(out, max(lo, hi))
		}
	}
	return out
}

// jobSector is the sector job need j counts in: its own, else the first its enterprise declares.
// A firm of several sectors counts each posting where it belongs; not the sector inferred from
// a firm's skills, which the search's 领域 facet cannot know (it counted 172 real software job
// needs in 西安 where the facet counts 131).
func jobSector(e *enterprise, j *job) xiaoqi.Sector {
	if j.doc.Sector != "" || len(e.doc.Sectors) == 0 {
		return j.doc.Sector
	}
	return e.doc.Sectors[0]
}

// verbS is the s of a verb in the third person singular, for a singular subject.
func verbS(singular bool) string {
	if singular {
		return "s"
	}
	return ""
}
