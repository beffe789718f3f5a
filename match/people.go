package match

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Weights of a candidate–job score.
const (
	wcSkills    = 0.55
	wcDegree    = 0.15
	wcPlace     = 0.15
	wcLanguages = 0.15
	// wcExperience weighs the years of experience, when the job states them and the
	// candidate's graduation year gives them.
	wcExperience = 0.15
)

// essentialLanguagePenalty scales the score of a candidate without any of the language a
// job's title names: a 日语客服专员 who speaks no Japanese is no match, however well the rest
// fits (before, a candidate with 英语六级 came before one with 日语N3 for such a job).
const essentialLanguagePenalty = 0.5

// titleLanguage returns the language, in Chinese and English, that job j's title names among
// the languages it asks for: 日语 for 日语客服专员 asking 日语N2.
func (m *Matcher) titleLanguage(j *job) ([2]string, bool) {
	for _, l := range j.langs {
		zh := []rune(m.skills[l].NameZH)
		if len(zh) < 2 {
			continue
		}
		base := string(zh[:2]) // 日语 of 日语N2, 英语 of 英语六级
		if strings.Contains(j.doc.Name, base) {
			en, _, _ := strings.Cut(m.skills[l].NameEN, " ")
			return [2]string{base, en}, true
		}
	}
	return [2]string{}, false
}

// personFit scores candidate c for job j with the same parts as a partnership: skills
// (related in part), degree, place and languages, and the years of experience the job asks
// for where both sides say enough to tell.
func (m *Matcher) personFit(c *candidate, j *job, text bool) (float64, []xiaoqi.MatchFactor) {
	sup := map[int32]float64{}
	for _, s := range c.skills {
		sup[s] = 1
	}
	best := func(s int32) float64 { return sup[s] }
	sf := xiaoqi.MatchFactor{Factor: "skills", Weight: wcSkills}
	var sum float64
	var cov, covEN, part, partEN, miss, missEN []string
	// Languages the job asks for are judged by the languages factor alone: counted in both, a
	// nurse who speaks English would outrank a Spring developer for a Java job that asks for
	// English.
	skills := j.skills
	if len(j.langs) > 0 {
		skills = nil
		for _, s := range j.skills {
			if !slices.Contains(j.langs, s) {
				skills = append(skills, s)
			}
		}
		if len(skills) == 0 {
			skills = j.skills
		}
	}
	for _, s := range skills {
		v, via := m.cover(best, s)
		sum += v
		switch {
		case v > 0 && via < 0:
			cov, covEN = append(cov, m.skills[s].NameZH), append(covEN, m.skills[s].NameEN)
		case v > 0: // through a related skill the candidate has
			part = append(part, fmt.Sprintf("%s（由%s部分具备）", m.skills[s].NameZH, m.skills[via].NameZH))
			partEN = append(partEN, fmt.Sprintf("%s (in part, through %s)", m.skills[s].NameEN, m.skills[via].NameEN))
			sf.Partial = append(sf.Partial, m.skills[s].NameZH)
		default:
			miss, missEN = append(miss, m.skills[s].NameZH), append(missEN, m.skills[s].NameEN)
		}
	}
	if len(skills) > 0 {
		sf.Score = sum / float64(len(skills))
	}
	var has [lvlDoctor + 1]bool
	has[c.level] = true
	df := xiaoqi.MatchFactor{Factor: "degree", Weight: wcDegree, Score: meets(has, j.level)}
	if c.level >= j.level {
		df.Score = 1
	}
	pf := distanceFactor(c.at, j.at, text)
	pf.Weight = wcPlace
	fs := []xiaoqi.MatchFactor{sf, df, pf}
	if ef, ok := experienceFactor(c, j, text); ok {
		fs = append(fs, ef)
	}
	essential := false // the job's title names a language the candidate lacks
	if len(j.langs) > 0 {
		// What the job asks for, and what the candidate has of it, a related level said as
		// such (日语N3 for 日语N2 is not 日语N2).
		lj := m.judgeLangs(best, j.langs)
		lf := xiaoqi.MatchFactor{Factor: "languages", Weight: wcLanguages, Score: lj.score,
			Covered: lj.covered, Partial: lj.partial, Missing: lj.missing}
		if text {
			lf.ZH = fmt.Sprintf("岗位要求外语：%s；具备：%s", strings.Join(lj.asked, "、"), noneZH(lj.held))
			lf.EN = fmt.Sprintf("Languages asked for: %s; has: %s", strings.Join(lj.askedEN, ", "), noneEN(lj.heldEN))
		}
		if lf.Score == 0 {
			// A language the job's title names (日语客服专员) is the job itself: without
			// any of it, the rest counts half, and the explanation says so.
			if lang, ok := m.titleLanguage(j); ok {
				essential = true
				if text {
					lf.ZH += fmt.Sprintf("；岗位名称即要求%s，候选人不具备，匹配度减半", lang[0])
					lf.EN += fmt.Sprintf("; the job's title asks for %s, which the candidate lacks: the match counts half", lang[1])
				}
			}
		}
		fs = append(fs, lf)
	}
	var total, wsum float64
	for i := range fs {
		total += fs[i].Weight * fs[i].Score
		wsum += fs[i].Weight
		fs[i].Score = round2(fs[i].Score)
	}
	if essential {
		total *= essentialLanguagePenalty
	}
	if text {
		fs[0].Covered, fs[0].Missing = cov, miss
		fs[0].ZH = fmt.Sprintf("具备该岗位所需技能 %d/%d", len(cov), len(skills))
		fs[0].EN = fmt.Sprintf("Has %d of the %s the job asks for", len(cov), plural(len(skills), "skill", "skills"))
		if len(cov) > 0 {
			fs[0].ZH += "：" + listZH(cov, 6)
			fs[0].EN += ": " + listEN(covEN, 6)
		}
		if len(part) > 0 {
			fs[0].ZH += "；相关技能部分具备：" + listZH(part, 3)
			fs[0].EN += "; related skills in part: " + listEN(partEN, 3)
		}
		if len(miss) > 0 {
			fs[0].ZH += "；尚缺：" + listZH(miss, 6)
			fs[0].EN += "; missing: " + listEN(missEN, 6)
		}
		// "1/3" counts the skills the taxonomy knows; a posting of six says what it left out,
		// as the partnership's skills factor does.
		if unknown := m.unknownSkills(j.doc.Skills); len(unknown) > 0 {
			etc := ""
			if len(unknown) > 3 {
				etc = "等"
			}
			fs[0].ZH += fmt.Sprintf("；岗位还写了 %d 项技能库未收录、未计入的技能，如 %s%s", len(unknown), strings.Join(unknown[:min(3, len(unknown))], "、"), etc)
			fs[0].EN += fmt.Sprintf("; the job also names %s the taxonomy does not know, not counted, such as %s", plural(len(unknown), "skill", "skills"), strings.Join(unknown[:min(3, len(unknown))], ", "))
		}
		need, got := "不限", "未注明"
		needEN, gotEN := "any", "not given"
		if j.doc.Degree != "" {
			need, needEN = j.doc.Degree, levelName(j.level)[1]
		}
		if c.doc.Degree != "" {
			got, gotEN = c.doc.Degree, levelName(c.level)[1]
		}
		if c.doc.Degree == "培训" { // no degree: its level is 不限's, "any" in English
			gotEN = "training certificate"
		}
		fs[1].ZH = fmt.Sprintf("岗位最低学历：%s；候选人学历：%s", need, got)
		fs[1].EN = fmt.Sprintf("Minimum degree: %s; the candidate's: %s", needEN, gotEN)
		switch { // a score below full says why; a degree not given says so itself
		case c.doc.Degree == "":
		case fs[1].Score == 0.5:
			fs[1].ZH += "（低一级，计一半）"
			fs[1].EN += " (one level below: counts half)"
		case fs[1].Score == 0:
			fs[1].ZH += "（低于要求，不计）"
			fs[1].EN += " (below the minimum: counts nothing)"
		}
	}
	return total / wsum, fs
}

// jobParty names job j; it is verified when its enterprise is known and verified.
func (s *snapshot) jobParty(j *job) *xiaoqi.MatchParty {
	v := verified(s.jobEnt(j))
	return &xiaoqi.MatchParty{Type: xiaoqi.KindJob, ID: j.doc.ID, Name: j.doc.Name, City: j.doc.City, Synthetic: j.doc.Synthetic,
		Verified: &v}
}

// jobEnt returns the enterprise of job j, nil when it is not known.
func (s *snapshot) jobEnt(j *job) *enterprise {
	if j.ent < 0 {
		return nil
	}
	return s.ents[j.ent]
}

// expand returns the skills whose holders cover skills at all: the skills and their related.
func (m *Matcher) expand(skills []int32) []int32 {
	var out []int32
	for _, s := range skills {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
		for _, r := range m.related[s] {
			if !slices.Contains(out, r.s) {
				out = append(out, r.s)
			}
		}
	}
	return out
}

// JobCandidates ranks the candidates for job need id, found through the skill → candidates
// index (with scope.RealOnly only candidates of real data). The candidates returned carry
// personal data; callers must anonymise them.
func (m *Matcher) JobCandidates(ctx context.Context, id string, scope xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error) {
	s, ji, limit, err := m.find(ctx, xiaoqi.KindJob, id, limit)
	if err != nil {
		return nil, err
	}
	j := s.jobs[ji]
	cs := m.reach(j.skills, s.candsBySkill, func(ci int32) bool { return !scope.RealOnly || !s.cands[ci].doc.Synthetic }, func(ci int32) (float64, string) {
		sc, _ := m.personFit(s.cands[ci], j, false)
		return sc, s.cands[ci].doc.ID
	})
	out := newList(*s.jobParty(j), len(cs))
	for _, c := range cs[:min(limit, len(cs))] {
		cd := s.cands[c.i]
		sc, fs := m.personFit(cd, j, true)
		addMatch(out, xiaoqi.Match{Job: s.jobParty(j), Candidate: cd.doc, Score: round2(sc),
			Synthetic: cd.doc.Synthetic || j.doc.Synthetic, Factors: fs})
	}
	setEmptyReason(out, func() (string, string) { return jobEmpty(j, scope.RealOnly) })
	return out, nil
}

// CandidateJobs ranks the open job needs for candidate id, found through the skill → job
// needs index (with scope.RealOnly only job needs of real data).
func (m *Matcher) CandidateJobs(ctx context.Context, id string, scope xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error) {
	s, ci, limit, err := m.find(ctx, xiaoqi.KindCandidate, id, limit)
	if err != nil {
		return nil, err
	}
	return m.jobsOf(s, s.cands[ci], scope, limit), nil
}

// JobsFor is CandidateJobs for the profile c as given, whatever its visibility: the job needs
// suggested to a candidate on their own page, also while their profile is private (which
// CandidateJobs, offered to everyone, answers 404) and before the model has their latest
// edit. The caller shows it to the candidate themself (or an administrator) only.
func (m *Matcher) JobsFor(ctx context.Context, c *xiaoqi.Candidate, scope xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error) {
	limit, err := checkLimit(limit)
	if err != nil {
		return nil, err
	}
	if err := m.Refresh(ctx); err != nil {
		return nil, err
	}
	return m.jobsOf(m.current(), m.newCandidate(c), scope, limit), nil
}

// jobsOf ranks the open job needs of s for candidate c.
func (m *Matcher) jobsOf(s *snapshot, c *candidate, scope xiaoqi.Scope, limit int) *xiaoqi.MatchList {
	js := m.reach(c.skills, s.jobsBySkill, func(ji int32) bool { return !scope.RealOnly || !s.jobs[ji].doc.Synthetic }, func(ji int32) (float64, string) {
		sc, _ := m.personFit(c, s.jobs[ji], false)
		return sc, s.jobs[ji].doc.ID
	})
	out := newList(xiaoqi.MatchParty{Type: xiaoqi.KindCandidate, ID: c.doc.ID, Name: c.doc.Title(), City: c.city, Synthetic: c.doc.Synthetic}, len(js))
	for _, x := range js[:min(limit, len(js))] {
		j := s.jobs[x.i]
		sc, fs := m.personFit(c, j, true)
		// A candidate is told when the enterprise behind a job is not verified.
		mt := xiaoqi.Match{Job: s.jobParty(j), Score: round2(sc), Synthetic: j.doc.Synthetic || c.doc.Synthetic,
			Factors: withVerification(fs, s.jobEnt(j))}
		if j.ent >= 0 {
			mt.Enterprise = entParty(s.ents[j.ent])
		}
		addMatch(out, mt)
	}
	setEmptyReason(out, func() (string, string) { return candEmpty(c, scope.RealOnly) })
	return out
}

// reach scores, without explanations, every item that bySkill lists under skills or a skill
// related to them and that keep accepts, each once, and returns them best first. score gives
// an item's score and id.
func (m *Matcher) reach(skills []int32, bySkill [][]int32, keep func(i int32) bool, score func(i int32) (float64, string)) []scored {
	seen := map[int32]bool{}
	var out []scored
	for _, sk := range m.expand(skills) {
		for _, i := range bySkill[sk] {
			if !seen[i] {
				seen[i] = true
				if !keep(i) {
					continue
				}
				sc, id := score(i)
				out = append(out, scored{int(i), sc, id})
			}
		}
	}
	sortScored(out)
	return out
}

// unknownSkills returns the skills of names the taxonomy does not know, each once.
func (m *Matcher) unknownSkills(names []string) []string {
	var out []string
	for _, n := range names {
		if _, ok := m.tax.Resolve(n); !ok && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
