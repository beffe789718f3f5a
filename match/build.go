package match

import (
	"slices"

	"github.com/xiaoqi-dev/xiaoqi"
)

// build derives a snapshot from the documents.
func (m *Matcher) build(seq uint64) *snapshot {
	sl := sectorList()
	secIdx := map[xiaoqi.Sector]int{}
	for i, s := range sl {
		secIdx[s] = i
	}
	skillSectors := make([][]int, len(m.skills))
	for i, s := range m.skills {
		for _, x := range s.Sectors {
			if j, ok := secIdx[x]; ok {
				skillSectors[i] = append(skillSectors[i], j)
			}
		}
	}
	n := len(m.skills)
	s := &snapshot{seq: seq, instByID: map[string]int{}, entByID: map[string]int{}, jobByID: map[string]int{},
		candByID: map[string]int{}, policies: map[int]*xiaoqi.Policy{}, cities: map[string]bool{},
		closedJobs:   map[string]bool{},
		progsBySkill: make([][]sw32, n), entsBySkill: make([][]sw32, n),
		jobsBySkill: make([][]int32, n), candsBySkill: make([][]int32, n), taught: make([]float64, n)}

	for _, d := range m.sortedDocs(xiaoqi.KindPolicy) {
		p := d.(*xiaoqi.Policy)
		s.policies[p.Number] = p
	}
	for _, d := range m.sortedDocs(xiaoqi.KindInstitution) {
		in := d.(*xiaoqi.Institution)
		s.instByID[in.ID] = len(s.insts)
		s.cities[xiaoqi.NormalizeCity(in.City)] = true
		s.insts = append(s.insts, &institution{doc: in, best: map[int32]float64{}, taught: map[int32]float64{},
			sectors: make([]float64, len(sl)), training: in.Type == xiaoqi.InstitutionTraining,
			at: m.placeOf(in.City, in.Region, in.District, in.Geo)})
		s.synth = s.synth || in.Synthetic
	}
	for _, d := range m.sortedDocs(xiaoqi.KindProgram) {
		p := d.(*xiaoqi.Program)
		ii, ok := s.instByID[p.InstitutionID]
		if !ok {
			continue
		}
		s.insts[ii].listed++
		pr := &program{doc: p, inst: ii, grads: p.GraduatesPerYear, estimated: p.GraduatesEstimated}
		if pr.grads <= 0 {
			pr.grads, pr.estimated = EstimatedGraduates(p.Degree), true
		}
		depth := map[string]int{}
		if p.MajorCode != "" {
			for _, sd := range m.tax.SkillsOfMajor(p.MajorCode) {
				depth[sd.ID] = sd.Depth
			}
		}
		for _, si := range m.resolve(p.Skills) {
			st := 0.8 // a course that names the skill
			switch depth[m.skills[si].ID] {
			case 3:
				st = 1
			case 1:
				st = 0.5
			}
			pr.skills = append(pr.skills, sw{si, st})
		}
		if len(pr.skills) == 0 {
			continue
		}
		pi := len(s.progs)
		s.progs = append(s.progs, pr)
		in := s.insts[ii]
		in.progs = append(in.progs, pi)
		in.grads += pr.grads
		s.grads += float64(pr.grads)
		in.estimated = in.estimated || pr.estimated
		if p.Degree == "培训" {
			in.certificate = true
		} else {
			in.hasLevel[degreeLevel(p.Degree)] = true
		}
		var tot float64
		for _, x := range pr.skills {
			in.best[x.s] = max(in.best[x.s], x.w)
			in.taught[x.s] += float64(pr.grads) * x.w
			s.taught[x.s] += float64(pr.grads) * x.w
			s.progsBySkill[x.s] = append(s.progsBySkill[x.s], sw32{int32(pi), x.w})
			tot += x.w
		}
		for _, x := range pr.skills {
			for _, j := range skillSectors[x.s] {
				in.sectors[j] += float64(pr.grads) * x.w / tot / float64(len(skillSectors[x.s]))
			}
		}
		s.synth = s.synth || p.Synthetic
	}
	for _, in := range s.insts {
		normalize(in.sectors)
	}

	for _, d := range m.sortedDocs(xiaoqi.KindEnterprise) {
		e := d.(*xiaoqi.Enterprise)
		s.entByID[e.ID] = len(s.ents)
		s.cities[xiaoqi.NormalizeCity(e.City)] = true
		s.ents = append(s.ents, &enterprise{doc: e, sectors: make([]float64, len(sl)), at: m.placeOf(e.City, e.Region, e.District, e.Geo)})
		s.synth = s.synth || e.Synthetic
	}
	for _, d := range m.sortedDocs(xiaoqi.KindJob) {
		j := d.(*xiaoqi.JobNeed)
		ei, ok := s.entByID[j.EnterpriseID]
		if !ok {
			ei = -1
		}
		s.cities[xiaoqi.NormalizeCity(j.City)] = true
		jb := &job{doc: j, ent: ei, level: degreeLevel(j.Degree), headcount: j.Headcount, counted: j.Headcount > 0,
			at: m.placeOf(j.City, j.Region, j.District, nil)}
		if jb.headcount <= 0 {
			jb.headcount = 1
		}
		for _, si := range m.resolve(j.Skills) {
			if m.isLang[si] {
				jb.langs = append(jb.langs, si)
			}
			jb.skills = append(jb.skills, si)
		}
		for _, si := range m.resolve(j.Languages) {
			if !slices.Contains(jb.langs, si) {
				jb.langs = append(jb.langs, si)
			}
		}
		if j.Status == xiaoqi.JobClosed {
			s.closedJobs[j.ID] = true
			continue
		}
		ji := len(s.jobs)
		s.jobs = append(s.jobs, jb)
		register(s.jobByID, s.jobsBySkill, j.ID, ji, jb.skills)
		s.synth = s.synth || j.Synthetic
		if ei < 0 {
			continue
		}
		e := s.ents[ei]
		e.jobs = append(e.jobs, ji)
		e.openings += jb.headcount
		e.addSite(jb)
		for _, n := range j.Skills {
			if _, ok := m.tax.Resolve(n); !ok && len(e.unknown) < maxUnknown && !slices.Contains(e.unknown, n) {
				e.unknown = append(e.unknown, n)
			}
		}
		if !jb.counted {
			e.unknownHC++
		}
		e.levels[jb.level] += jb.headcount
		for _, l := range jb.langs {
			if !slices.Contains(e.langs, l) {
				e.langs = append(e.langs, l)
			}
		}
		if j.Sector.Valid() {
			e.sectors[secIdx[j.Sector]] += float64(jb.headcount)
		}
	}
	for ei, e := range s.ents {
		sortSites(e.sites)
		w := map[int32]float64{}
		for _, ji := range e.jobs {
			jb := s.jobs[ji]
			for _, si := range jb.skills {
				w[si] += float64(jb.headcount)
			}
		}
		for _, ml := range e.doc.MarketLanguages() {
			if si, ok := m.skillIdx[ml.Skill]; ok && !slices.Contains(e.langs, si) {
				e.langs = append(e.langs, si)
			}
		}
		for si, x := range w {
			e.demand = append(e.demand, sw{si, x})
			e.totalW += x
		}
		e.relevantAt = relevantCoverage
		if len(e.demand) > 0 && e.openings > 0 {
			// totalW is the skills of every opening summed: over openings, the skills of a
			// typical posting.
			breadth := e.totalW / float64(e.openings)
			e.relevantAt *= min(1, max(breadth, 5)/float64(len(e.demand)))
		}
		slices.SortFunc(e.demand, func(a, b sw) int {
			if a.w != b.w {
				return cmpFloat(b.w, a.w)
			}
			return int(a.s - b.s)
		})
		for _, x := range e.demand {
			s.entsBySkill[x.s] = append(s.entsBySkill[x.s], sw32{int32(ei), x.w})
			for _, j := range skillSectors[x.s] {
				e.sectors[j] += x.w / float64(len(skillSectors[x.s]))
			}
		}
		for _, sec := range e.doc.Sectors {
			if i, ok := secIdx[sec]; ok {
				e.sectors[i] += e.totalW + 1 // a declared sector outweighs inferred ones
			}
		}
		normalize(e.sectors)
	}

	for _, d := range m.sortedDocs(xiaoqi.KindCandidate) {
		c := d.(*xiaoqi.Candidate)
		if c.Visibility == xiaoqi.VisibilityPrivate {
			continue // a private profile is not offered to anyone
		}
		cd := m.newCandidate(c)
		s.cands = append(s.cands, cd)
		register(s.candByID, s.candsBySkill, c.ID, len(s.cands)-1, cd.skills)
		s.synth = s.synth || c.Synthetic
	}
	return s
}

// newCandidate is c as the model holds it: its skills and languages resolved.
func (m *Matcher) newCandidate(c *xiaoqi.Candidate) *candidate {
	cd := &candidate{doc: c, level: degreeLevel(c.Degree), city: xiaoqi.NormalizeCity(c.PublicCity())} // shown in explanations
	cd.at = m.placeOf(cd.city, "", "", nil)
	for _, si := range m.resolve(c.Skills) {
		cd.skills = append(cd.skills, si)
		if m.isLang[si] {
			cd.langs = append(cd.langs, si)
		}
	}
	for _, si := range m.resolve(c.Languages) {
		if !slices.Contains(cd.langs, si) {
			cd.langs = append(cd.langs, si)
			cd.skills = append(cd.skills, si)
		}
	}
	return cd
}

// register files item i (a job or a candidate) under its id in byID and under each of its
// skills in bySkill.
func register(byID map[string]int, bySkill [][]int32, id string, i int, skills []int32) {
	byID[id] = i
	for _, si := range skills {
		bySkill[si] = append(bySkill[si], int32(i))
	}
}

func normalize(v []float64) {
	var t float64
	for _, x := range v {
		t += x
	}
	if t == 0 {
		return
	}
	for i := range v {
		v[i] /= t
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
