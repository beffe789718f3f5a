package match

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Factor weights of a partnership score. Factors that do not apply (no language asked for)
// are left out and the others share the whole.
const (
	wSkills    = 0.40
	wCapacity  = 0.15
	wDegree    = 0.10
	wDistance  = 0.10
	wSector    = 0.10
	wLanguages = 0.05
	wPolicy    = 0.10
	wFit       = 0.35

	// fitFull is the number of openings an institution's graduates could fill at which the
	// demand-volume half of the fit factor is full: below it, the volume counts on a log scale,
	// so a single posting scores about a quarter of it.
	fitFull = 20

	// relevantCoverage is the share of an enterprise's demanded skills (by openings) that a
	// program must cover, related skills in part, for its graduates to count as capacity.
	// An enterprise whose postings ask for different things (36 skills over 8 postings of 5
	// each) lowers it in proportion (enterprise.relevantAt): no single program covers 40% of
	// all of them, and a program that covers 40% of what a typical posting asks is relevant.
	relevantCoverage = 0.4
	// shortlist is how many candidates, best by skill coverage, are scored on every factor.
	shortlist = 64
)

// scratch holds the buffers of one query (or of one allocation's network); it is never
// shared between goroutines.
type scratch struct {
	dense   []float64
	touched []int32

	// Filled by instCoverage for one enterprise (covEnt): coverage per institution and per
	// program, and the buffers of its walk, sized to the snapshot.
	covEnt      *enterprise
	cov         []float64 // by institution
	progCov     []float64 // by program
	progTouched []int32
	bestP       []float64
	bestI       []float64
	tp, ti      []int32 // programs and institutions touched by one demanded skill
}

func (m *Matcher) newScratch() *scratch { return &scratch{dense: make([]float64, len(m.skills))} }

// reset clears what instCoverage left and sizes the buffers to s.
func (sc *scratch) reset(s *snapshot) {
	if len(sc.cov) != len(s.insts) || len(sc.progCov) != len(s.progs) {
		sc.cov, sc.bestI = make([]float64, len(s.insts)), make([]float64, len(s.insts))
		sc.progCov, sc.bestP = make([]float64, len(s.progs)), make([]float64, len(s.progs))
		sc.progTouched = sc.progTouched[:0]
	} else {
		clear(sc.cov)
		for _, p := range sc.progTouched {
			sc.progCov[p] = 0
		}
		sc.progTouched = sc.progTouched[:0]
	}
	sc.covEnt = nil
}

// spread writes into sc.dense what a set of skills covers: each skill itself at its
// strength and its related skills in part. clear undoes it.
func (m *Matcher) spread(sc *scratch, skills []sw) {
	set := func(s int32, v float64) {
		if sc.dense[s] == 0 {
			sc.touched = append(sc.touched, s)
		}
		if v > sc.dense[s] {
			sc.dense[s] = v
		}
	}
	for _, x := range skills {
		set(x.s, x.w)
		for _, r := range m.related[x.s] {
			set(r.s, r.w*x.w)
		}
	}
}

func (sc *scratch) clear() {
	for _, s := range sc.touched {
		sc.dense[s] = 0
	}
	sc.touched = sc.touched[:0]
}

// progCoverage is the share of e's demand (by openings) that program p covers.
func (m *Matcher) progCoverage(sc *scratch, e *enterprise, p *program) float64 {
	if e.totalW == 0 {
		return 0
	}
	m.spread(sc, p.skills)
	var c float64
	for _, d := range e.demand {
		c += d.w * sc.dense[d.s]
	}
	sc.clear()
	return c / e.totalW
}

// cover returns how well a supply (skill → strength) covers skill s: its own strength, or the
// best related skill's strength times the relation's weight (via names that skill).
func (m *Matcher) cover(best func(int32) float64, s int32) (v float64, via int32) {
	v, via = best(s), -1
	if v > 0 {
		return v, -1
	}
	for _, r := range m.related[s] {
		if x := r.w * best(r.s); x > v {
			v, via = x, r.s
		}
	}
	return v, via
}

// pair is a scored institution–enterprise pair.
type pair struct {
	e, i    int
	score   float64
	factors []xiaoqi.MatchFactor
	grads   int   // graduates a year of the relevant programs
	progs   []int // the relevant programs
}

// evalPair scores institution i for enterprise e on every factor; with text it also writes
// the explanations.
func (m *Matcher) evalPair(s *snapshot, sc *scratch, ei, ii int, text bool) pair {
	e, in := s.ents[ei], s.insts[ii]
	capF, progs, grads := m.capacityFactor(s, sc, e, in, text)
	skF := m.skillsFactor(e, in, text)
	fs := []xiaoqi.MatchFactor{
		skF,
		m.fitFactor(s, e, in, skF.Score, text),
		capF,
		m.degreeFactor(e, in, text),
		entDistance(e, in, text),
		m.sectorFactor(e, in, text),
	}
	if len(e.langs) > 0 {
		fs = append(fs, m.languageFactor(e, in, text))
	}
	fs = append(fs, m.policyFactor(s, e, in, text))
	var sum, wsum float64
	for i := range fs {
		sum += fs[i].Weight * fs[i].Score
		wsum += fs[i].Weight
		fs[i].Score = round2(fs[i].Score)
	}
	return pair{e: ei, i: ii, score: sum / wsum, factors: fs, grads: grads, progs: progs}
}

// fitFactor is demand volume and fit strength: how many of e's openings in's graduates could
// fill (openings × weighted skill coverage, on a log scale that is full at fitFull), and how
// much the demanded skills are in's own strengths, compared with the province: the share of
// its graduates taught each demanded skill over the province's share (a lift of 1 is
// average). The volume multiplies: strength cannot make up for a demand of one. Without it, an enterprise whose whole demand is one posting with
// one skill a large university teaches somewhere scored as high as one with 50 openings in
// the university's core fields (issue 7); on the enterprise's side the same lift puts
// schools specialised in its skills above ones that teach them in passing.
func (m *Matcher) fitFactor(s *snapshot, e *enterprise, in *institution, skills float64, text bool) xiaoqi.MatchFactor {
	f := xiaoqi.MatchFactor{Factor: "fit", Weight: wFit}
	fill := float64(e.openings) * skills
	vol := min(1, math.Log1p(fill)/math.Log1p(fitFull))
	var lift float64
	taughtAnywhere := false // some program of the province teaches a demanded skill itself
	if e.totalW > 0 && in.grads > 0 && s.grads > 0 {
		for _, d := range e.demand {
			if p := s.taught[d.s]; p > 0 {
				taughtAnywhere = true
				lift += d.w * (in.taught[d.s] / float64(in.grads)) / (p / s.grads)
			}
		}
		lift /= e.totalW
	}
	f.Score = vol * (0.5 + 0.5*lift/(1+lift))
	if !text {
		return f
	}
	n, l := int(math.Round(fill)), learnersOf(in)
	f.ZH = fmt.Sprintf("该机构%s可胜任该企业约 %d 个岗位（共 %d 个）", l.zh, n, e.openings)
	f.EN = fmt.Sprintf("Its %s could fill about %s of the enterprise's %s", l.en, thousands(n), plural(e.openings, "opening", "openings"))
	if n == 0 && fill > 0 { // "about 0" of a suggestion reads as none
		f.ZH = fmt.Sprintf("该机构%s可胜任该企业不足 1 个岗位（共 %d 个）", l.zh, e.openings)
		f.EN = fmt.Sprintf("Its %s could fill less than one of the enterprise's %s", l.en, plural(e.openings, "opening", "openings"))
	}
	switch {
	case !taughtAnywhere:
		// No program teaches the skills themselves (Go语言: related skills only): "0.0 times
		// the province's share" compared with a share of nothing.
		f.ZH += "；全省尚无专业或课程直接教授所需技能（只由相关技能部分覆盖），无从与全省比较"
		f.EN += "; no program or course in the province teaches the demanded skills themselves (related skills cover them in part), so there is nothing to compare with"
	case lift >= 1.5:
		f.ZH += fmt.Sprintf("；所需技能是该机构的强项：在其%s中的比重约为全省平均的 %.1f 倍", l.zh, lift)
		f.EN += fmt.Sprintf("; the demanded skills are a strength here: %.1f times the province's share of %s taught them", lift, l.provinceEN)
	case lift >= 0.67:
		f.ZH += fmt.Sprintf("；所需技能在其%s中的比重与全省平均相当（%.1f 倍）", l.zh, lift)
		f.EN += fmt.Sprintf("; the share of its %s taught the demanded skills is about the province's (%.1f times)", l.en, lift)
	default:
		f.ZH += fmt.Sprintf("；所需技能并非该机构的强项：在其%s中的比重仅为全省平均的 %.1f 倍", l.zh, lift)
		f.EN += fmt.Sprintf("; the demanded skills are not a strength here: %.1f times the province's share of %s taught them", lift, l.provinceEN)
	}
	if fill < 3 {
		// Why a demand it could fill whole scores low: the volume counts.
		f.ZH += fmt.Sprintf("；需求量小，得分因此低（约 %d 个岗位可满分）", fitFull)
		f.EN += fmt.Sprintf("; a small demand, hence the low score (full marks at about %s openings)", thousands(fitFull))
	}
	return f
}

func (m *Matcher) skillsFactor(e *enterprise, in *institution, text bool) xiaoqi.MatchFactor {
	f := xiaoqi.MatchFactor{Factor: "skills", Weight: wSkills}
	best := func(s int32) float64 { return in.best[s] }
	var c float64
	var covered, partial, missing []string
	var partialEN []string
	var coveredEN, missingEN []string
	for _, d := range e.demand {
		v, via := m.cover(best, d.s)
		c += d.w * v
		if !text {
			continue
		}
		sk := m.skills[d.s]
		switch {
		case v > 0 && via < 0:
			covered, coveredEN = append(covered, sk.NameZH), append(coveredEN, sk.NameEN)
		case v > 0:
			partial = append(partial, fmt.Sprintf("%s（由%s部分覆盖）", sk.NameZH, m.skills[via].NameZH))
			partialEN = append(partialEN, fmt.Sprintf("%s (in part, through %s)", sk.NameEN, m.skills[via].NameEN))
			f.Partial = append(f.Partial, sk.NameZH)
		default:
			missing, missingEN = append(missing, sk.NameZH), append(missingEN, sk.NameEN)
		}
	}
	if e.totalW > 0 {
		f.Score = c / e.totalW
	}
	if !text {
		return f
	}
	f.Covered, f.Missing = covered, missing
	n := len(e.demand)
	if n == 0 {
		f.ZH, f.EN = "该企业的开放岗位没有可识别的技能要求", "The enterprise's open job needs name no skill the taxonomy knows"
		return f
	}
	f.ZH = fmt.Sprintf("覆盖该企业所需技能 %d/%d", len(covered), n)
	f.EN = fmt.Sprintf("Covers %d of %s", len(covered), plural(n, "demanded skill", "demanded skills"))
	if len(covered) > 0 {
		f.ZH += "：" + listZH(covered, 6)
		f.EN += ": " + listEN(coveredEN, 6)
	}
	if len(partial) > 0 {
		f.ZH += "；相关技能部分覆盖：" + listZH(partial, 3)
		f.EN += "; related skills in part: " + listEN(partialEN, 3)
	}
	if len(missing) > 0 {
		f.ZH += "；尚缺：" + listZH(missing, 6)
		f.EN += "; missing: " + listEN(missingEN, 6)
	}
	// The share weighs each skill by its openings and by how deeply it is taught (core,
	// course, touched on), so "5 of 5" may still be short of 100%.
	f.ZH += fmt.Sprintf("（按岗位数与教学深度加权覆盖 %.0f%%）", f.Score*100)
	f.EN += fmt.Sprintf(" (%.0f%% of demand, weighted by openings and by how deeply each skill is taught)", f.Score*100)
	if n := len(e.unknown); n > 0 {
		// "10/12" counts the skills the taxonomy knows; say what it leaves out.
		more := ""
		if n >= maxUnknown {
			more = "+"
		}
		etc := ""
		if n > 3 {
			etc = "等"
		}
		f.ZH += fmt.Sprintf("；岗位还要求 %d%s 项技能库未收录、未计入的技能，如 %s%s", n, more, strings.Join(e.unknown[:min(3, n)], "、"), etc)
		skills := plural(n, "skill", "skills") // "1 skill", not "1 skills"
		if more != "" {
			skills = fmt.Sprintf("%d+ skills", n)
		}
		f.EN += fmt.Sprintf("; the postings also name %s the taxonomy does not know, not counted, such as %s", skills, strings.Join(e.unknown[:min(3, n)], ", "))
	}
	return f
}

// relevantPrograms returns the programs of in whose graduates could fill e's openings, and
// their graduates a year.
// The most relevant come first.
func (m *Matcher) relevantPrograms(s *snapshot, sc *scratch, e *enterprise, in *institution) (progs []int, grads int, estimated bool) {
	var cs []scored
	for _, pi := range in.progs {
		p := s.progs[pi]
		var c float64
		if sc.covEnt == e { // computed by instCoverage's walk (the same sums, in the same order)
			c = sc.progCov[pi]
		} else {
			c = m.progCoverage(sc, e, p)
		}
		if c >= e.relevantAt {
			cs = append(cs, scored{pi, c, p.doc.ID})
			grads += p.grads
			estimated = estimated || p.estimated
		}
	}
	sortScored(cs)
	for _, c := range cs {
		progs = append(progs, c.i)
	}
	return progs, grads, estimated
}

func (m *Matcher) capacityFactor(s *snapshot, sc *scratch, e *enterprise, in *institution, text bool) (xiaoqi.MatchFactor, []int, int) {
	f := xiaoqi.MatchFactor{Factor: "capacity", Weight: wCapacity}
	progs, grads, est := m.relevantPrograms(s, sc, e, in)
	f.Estimate = est
	if e.openings > 0 {
		f.Score = min(1, float64(grads)/float64(e.openings))
	}
	if !text {
		return f, progs, grads
	}
	var names, namesEN []string
	for _, pi := range progs {
		if d := s.progs[pi].doc; !slices.Contains(names, d.Name) {
			names = append(names, d.Name)
			// The English text names a catalogue program by its major's English name: it
			// listed "(工业设计, 车辆工程 … and 53 more)". A course stays as named.
			namesEN = append(namesEN, cmp.Or(m.majorsEN[d.MajorCode], d.Name))
		}
	}
	estZH, estEN := "", ""
	if est {
		estZH, estEN = "（估算）", " (estimate)"
	}
	l := learnersOf(in)
	if len(progs) == 0 {
		f.ZH = fmt.Sprintf("没有%s覆盖该企业所需技能的 %.0f%% 以上，该企业开放岗位 %d 个", l.progZH, e.relevantAt*100, e.openings)
		f.EN = fmt.Sprintf("No %s covers %.0f%% of the demanded skills; the enterprise has %s", l.ofEN, e.relevantAt*100, plural(e.openings, "open position", "open positions"))
	} else {
		f.ZH = fmt.Sprintf("相关%s %d %s（%s）年%s约 %d 人%s，该企业开放岗位 %d 个", l.progZH, len(progs), l.unitZH, listZH(names, 4), l.zh, grads, estZH, e.openings)
		f.EN = fmt.Sprintf("About %s %s a year%s in %s (%s) for %s", thousands(grads), l.en, estEN, plural(len(progs), l.progEN, l.progsEN), listEN(namesEN, 4), plural(e.openings, "open position", "open positions"))
	}
	if e.unknownHC > 0 {
		f.ZH += fmt.Sprintf("（其中 %d 个岗位未注明人数，按 1 人计）", e.unknownHC)
		if e.unknownHC == 1 {
			f.EN += " (1 posting did not say how many; counted as one)"
		} else {
			f.EN += fmt.Sprintf(" (%s postings did not say how many; counted as one each)", thousands(e.unknownHC))
		}
	}
	return f, progs, grads
}

// levelName is a degree level in Chinese and English.
func levelName(l int) [2]string {
	return [...][2]string{{"不限", "any"}, {"高中", "high school"}, {"中专", "secondary vocational"},
		{"大专", "college"}, {"本科", "bachelor"}, {"硕士", "master"}, {"博士", "doctorate"}}[l]
}

// meets reports how well an institution awarding the levels in has meets a minimum level:
// 1 when it awards that level or higher, 0.5 one level below, else 0.
func meets(has [lvlDoctor + 1]bool, need int) float64 {
	if need == lvlAny {
		return 1
	}
	for l := need; l <= lvlDoctor; l++ {
		if has[l] {
			return 1
		}
	}
	if need > 0 && has[need-1] {
		return 0.5
	}
	return 0
}

func (m *Matcher) degreeFactor(e *enterprise, in *institution, text bool) xiaoqi.MatchFactor {
	f := xiaoqi.MatchFactor{Factor: "degree", Weight: wDegree}
	var ok float64
	for l, n := range e.levels {
		ok += float64(n) * meets(in.hasLevel, l)
	}
	if e.openings > 0 {
		f.Score = ok / float64(e.openings)
	}
	if !text {
		return f
	}
	var needZH, needEN, hasZH, hasEN []string
	for l := lvlDoctor; l >= 0; l-- {
		if n := e.levels[l]; n > 0 {
			needZH = append(needZH, fmt.Sprintf("%s %d 个", levelName(l)[0], n))
			needEN = append(needEN, levelName(l)[1]+" "+thousands(n))
		}
		if in.hasLevel[l] {
			name := levelName(l)
			hasZH, hasEN = append(hasZH, name[0]), append(hasEN, name[1])
		}
	}
	if in.certificate {
		hasZH, hasEN = append(hasZH, "培训证书"), append(hasEN, "training certificate")
	}
	slices.Reverse(hasZH)
	slices.Reverse(hasEN)
	// Say how the share comes about: openings that fit, and openings one level above what
	// the programs here award, which count half (a master's post for a school whose
	// programs in the data are undergraduate ones: the data set holds no graduate programs).
	// A training certificate meets the openings that ask for no degree only; those asking for
	// one it does not meet are said apart: "19 个岗位学历相符" for a training centre beside 19
	// 大专 posts said a short course's certificate was a 大专 diploma.
	certOnly := in.certificate && !slices.Contains(in.hasLevel[lvlAny+1:], true)
	fit, above, far, cert := 0, 0, 0, 0
	for l, n := range e.levels {
		switch meets(in.hasLevel, l) {
		case 1:
			fit += n
		case 0.5:
			above += n
		default:
			if certOnly {
				cert += n
			} else {
				far += n
			}
		}
	}
	l := learnersOf(in)
	f.ZH = fmt.Sprintf("岗位最低学历：%s；本数据中该机构%s的层次：%s —— %d 个岗位学历相符",
		strings.Join(needZH, "、"), l.progZH, strings.Join(hasZH, "、"), fit)
	f.EN = fmt.Sprintf("Openings by minimum degree: %s; the institution's %ss in the data are at the level of %s: %s fit",
		strings.Join(needEN, ", "), l.ofEN, strings.Join(hasEN, ", "), plural(fit, "opening", "openings"))
	if above > 0 {
		f.ZH += fmt.Sprintf("，%d 个要求高一级（各计一半）", above)
		f.EN += fmt.Sprintf(", %s for one level more (counted half each)", plural(above, "asks", "ask"))
	}
	// The 31 master's posts of a firm beside a training centre's certificates were in the
	// list of openings and nowhere in the sum: say that they count nothing.
	if far > 0 {
		f.ZH += fmt.Sprintf("，%d 个要求高两级及以上（不计）", far)
		f.EN += fmt.Sprintf(", %s for two levels more or higher (not counted)", plural(far, "asks", "ask"))
	}
	if cert > 0 {
		f.ZH += fmt.Sprintf("，%d 个要求学历（培训证书不是学历，可为已有学历者补充技能，不计）", cert)
		f.EN += fmt.Sprintf(", %s for a degree (a training certificate is not one: it adds skills to those who hold one; not counted)", plural(cert, "asks", "ask"))
	}
	// The score shown is rounded (0.125 shows as 13%): the text says the same figure.
	f.ZH += fmt.Sprintf("，计 %.0f%%", round2(f.Score)*100)
	f.EN += fmt.Sprintf(": %.0f%%", round2(f.Score)*100)
	return f
}

func (m *Matcher) sectorFactor(e *enterprise, in *institution, text bool) xiaoqi.MatchFactor {
	f := xiaoqi.MatchFactor{Factor: "sector", Weight: wSector}
	var dot, na, nb float64
	for i := range e.sectors {
		dot += e.sectors[i] * in.sectors[i]
		na += e.sectors[i] * e.sectors[i]
		nb += in.sectors[i] * in.sectors[i]
	}
	if na > 0 && nb > 0 {
		f.Score = dot / math.Sqrt(na*nb)
	}
	if !text {
		return f
	}
	sl := sectorList()
	var top []int
	for i, v := range e.sectors {
		if v >= 0.2 {
			top = append(top, i)
		}
	}
	slices.SortFunc(top, func(a, b int) int { return cmpFloat(e.sectors[b], e.sectors[a]) })
	if len(top) == 0 {
		f.ZH, f.EN = "该企业的行业方向不明", "The enterprise's sector is not known"
		return f
	}
	var zh, en []string
	var share float64
	for _, i := range top {
		n := xiaoqi.SectorNames[sl[i]]
		zh, en = append(zh, n[0]), append(en, n[1])
		share += in.sectors[i]
	}
	l := learnersOf(in)
	f.ZH = fmt.Sprintf("企业侧重：%s；该机构约 %.0f%% 的%s所学面向这些方向", strings.Join(zh, "、"), share*100, l.zh)
	f.EN = fmt.Sprintf("The enterprise works in %s; about %.0f%% of the institution's %s study for these sectors", strings.Join(en, ", "), share*100, l.en)
	// The score compares the two sector profiles whole (cosine), not the share above: say so,
	// or 4% beside a score of 0.16 reads as a slip.
	f.ZH += fmt.Sprintf("；两者的领域分布相似度 %.0f%%", round2(f.Score)*100)
	f.EN += fmt.Sprintf("; their sector profiles are %.0f%% alike", round2(f.Score)*100)
	return f
}

func (m *Matcher) languageFactor(e *enterprise, in *institution, text bool) xiaoqi.MatchFactor {
	f := xiaoqi.MatchFactor{Factor: "languages", Weight: wLanguages}
	if m.abroad(e) {
		f.Policies = []int{8}
	}
	// What the jobs and markets ask for, and what the institution teaches of it, a related
	// level said as such (英语 for 英语四级 is not 英语四级); 翻译 alone is no language.
	lj := m.judgeLangs(func(s int32) float64 { return in.best[s] }, e.langs)
	f.Score, f.Partial = lj.score, lj.partial
	if !text {
		return f
	}
	f.Covered, f.Missing = lj.covered, lj.missing
	markets, marketsEN := "", ""
	if len(e.doc.OffshoreMarkets) > 0 {
		var en []string
		for _, mk := range e.doc.OffshoreMarkets {
			en = append(en, xiaoqi.MarketEnglish(mk))
		}
		markets = "（离岸市场：" + strings.Join(e.doc.OffshoreMarkets, "、") + "）"
		marketsEN = " (offshore markets: " + strings.Join(en, "; ") + ")"
	}
	f.ZH = fmt.Sprintf("岗位与海外市场所需外语%s：%s；该机构开设：%s", markets, strings.Join(lj.asked, "、"), noneZH(lj.held))
	f.EN = fmt.Sprintf("Languages for the jobs and offshore markets%s: %s; taught here: %s", marketsEN, strings.Join(lj.askedEN, ", "), noneEN(lj.heldEN))
	if len(lj.missing) > 0 {
		f.ZH += "；缺：" + strings.Join(lj.missing, "、")
		f.EN += "; missing: " + strings.Join(lj.missingEN, ", ")
	}
	if f.Score > 0 && f.Score < 0.995 {
		// Every language "taught here" and a score of 0.93: a lower level counts in part, and
		// a language taught in a course less than one taught at the core, as with skills.
		pct := round2(f.Score) * 100 // the score shown, which is rounded
		f.ZH += fmt.Sprintf("；按满足程度与教学深度计 %.0f%%", pct)
		f.EN += fmt.Sprintf("; %.0f%%, counting levels met in part and how deeply each is taught", pct)
	}
	return f
}
