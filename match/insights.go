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
	out := &xiaoqi.GapReport{Scope: scope, GapRatio: gapRatio, Gaps: []xiaoqi.SkillGap{}}
	for _, e := range s.ents {
		if !s.inPlace(scope, e) {
			continue
		}
		for _, ji := range e.jobs {
			j := s.jobs[ji]
			if scope.RealOnly && j.doc.Synthetic || scope.Sector != "" && jobSector(e, j) != scope.Sector || !posted(scope, e, j) {
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
	// touched: the programs that only touch on a skill, and their graduates (not supply).
	touched, touchedGrads := map[int32]int{}, map[int32]int{}
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
				} else {
					touched[x.s]++
					touchedGrads[x.s] += p.grads
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
			TouchedPrograms: touched[g.s], TouchedGraduates: touchedGrads[g.s],
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
		// Programs that only touch on it are said, not counted: 宝鸡文理学院's 视觉传达设计 lists
		// 排版 among its skills, and the gaps of 宝鸡 said nobody there was taught it.
		if n := sg.TouchedPrograms; n > 0 {
			progs := plural(n, "program touches", "programs touch")
			if g.sup == 0 {
				supZH = fmt.Sprintf("尚无开课讲授该技能的专业毕业生，仅 %d 个专业略有涉及（年毕业生约 %d 人，未计入）", n, sg.TouchedGraduates)
				supEN = fmt.Sprintf("no graduates of a program teaching it in a course or at its core yet: only %s on it (about %s graduates a year, not counted)", progs, thousands(sg.TouchedGraduates))
			} else {
				supZH += fmt.Sprintf("，另有 %d 个专业略有涉及（年毕业生约 %d 人，未计入）", n, sg.TouchedGraduates)
				supEN += fmt.Sprintf(", and %s on it (about %s graduates a year, not counted)", progs, thousands(sg.TouchedGraduates))
			}
		}
		demZH, demEN := fmt.Sprintf("%d 个岗位需要", g.d), "asked for by "+plural(g.d, "opening", "openings")
		switch sd := sg.SyntheticDemand; {
		case sd == g.d:
			demZH, demEN = demZH+"（均为示例数据）", demEN+" (all synthetic)"
		case sd > 0:
			demZH, demEN = demZH+fmt.Sprintf("（其中 %d 个为示例数据）", sd), demEN+fmt.Sprintf(" (%s of them synthetic)", thousands(sd))
		}
		sg.ZH = fmt.Sprintf("%s：%s，%s；%s；最具基础的院校：%s（《实施意见》第（十二）项：增设服务外包专业）",
			sk.NameZH, demZH, supZH, addZH, noneZH(names))
		sg.EN = fmt.Sprintf("%s: %s, %s; %s; best placed: %s (item (12): universities add outsourcing majors)",
			sk.NameEN, demEN, supEN, addEN, noneEN(namesEN))
		out.Gaps = append(out.Gaps, sg)
	}
	return out, nil
}

// generalEducation are skills every undergraduate is taught, whatever the major: College
// English (大学英语) is compulsory, and its certificates are what it prepares for. They are no
// gap a new major fills (英语四级 was reported as having no graduates at all).
var generalEducation = map[string]bool{"english": true, "cet4": true, "cet6": true}

// openDemand is what an enterprise's open job needs ask for: all of them, or with realOnly
// those that are not synthetic (none of a synthetic enterprise's).
type openDemand struct {
	jobs, openings int
	synthetic      int  // openings of synthetic job needs among openings
	demand         []sw // skill → openings asking for it
}

func (s *snapshot) openDemand(e *enterprise, realOnly bool, sc xiaoqi.Scope) openDemand {
	if !realOnly && sc.Sector == "" && sc.Region == "" && sc.City == "" {
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
		if realOnly && j.doc.Synthetic || sc.Sector != "" && jobSector(e, j) != sc.Sector || !posted(sc, e, j) {
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
func (s *snapshot) salaries(e *enterprise, realOnly bool, sc xiaoqi.Scope) []int {
	if realOnly && e.doc.Synthetic {
		return nil
	}
	var out []int
	for _, ji := range e.jobs {
		j := s.jobs[ji]
		if realOnly && j.doc.Synthetic || sc.Sector != "" && jobSector(e, j) != sc.Sector || !posted(sc, e, j) {
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
