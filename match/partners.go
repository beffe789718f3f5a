package match

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Limits of one ranking.
const (
	DefaultLimit = 10
	MaxLimit     = 100
)

func checkLimit(limit int) (int, error) {
	switch {
	case limit == 0:
		return DefaultLimit, nil
	case limit < 0 || limit > MaxLimit:
		return 0, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "limit: 须在 1 到 100 之间 / must be between 1 and 100",
			Details: []xiaoqi.FieldError{{Field: "limit", Message: "must be between 1 and 100"}}}
	}
	return limit, nil
}

// limitIn checks the limit of a report that lists at most maxN items; 0 means def.
func limitIn(limit, def, maxN int) (int, error) {
	switch {
	case limit == 0:
		return def, nil
	case limit < 0 || limit > maxN:
		return 0, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: fmt.Sprintf("limit: 须在 1 到 %[1]d 之间 / must be between 1 and %[1]d", maxN),
			Details: []xiaoqi.FieldError{{Field: "limit", Message: fmt.Sprintf("须在 1 到 %[1]d 之间 / must be between 1 and %[1]d", maxN)}}}
	}
	return limit, nil
}

func notFound(kind xiaoqi.Kind, id string) error {
	return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "%[3]s %[2]s 不存在 / %[1]s %[2]s not found", kind, id, xiaoqi.KindName(kind))
}

func instParty(in *institution) *xiaoqi.MatchParty {
	return &xiaoqi.MatchParty{Type: xiaoqi.KindInstitution, ID: in.doc.ID, Name: in.doc.Name, NameEN: in.doc.NameEN, City: in.doc.City, Synthetic: in.doc.Synthetic}
}

func entParty(e *enterprise) *xiaoqi.MatchParty {
	v := verified(e)
	return &xiaoqi.MatchParty{Type: xiaoqi.KindEnterprise, ID: e.doc.ID, Name: e.doc.Name, City: e.doc.City, Synthetic: e.doc.Synthetic,
		Verified: &v}
}

// verified reports whether enterprise e (nil: unknown) has a valid 统一社会信用代码.
func verified(e *enterprise) bool { return e != nil && xiaoqi.ValidCreditCode(e.doc.CreditCode) }

// unverifiedFactor is the note a suggestion with an unverified enterprise carries. Its weight
// is 0: verification does not change how well two parties fit, but the reader must know.
func unverifiedFactor() xiaoqi.MatchFactor {
	return xiaoqi.MatchFactor{Factor: "verification",
		ZH: "未核验企业：未登记有效的统一社会信用代码",
		EN: "Unverified enterprise: no valid unified social credit code on record"}
}

// withVerification returns fs with the unverified-enterprise note appended when e is not
// verified.
func withVerification(fs []xiaoqi.MatchFactor, e *enterprise) []xiaoqi.MatchFactor {
	if verified(e) {
		return fs
	}
	return append(slices.Clip(fs), unverifiedFactor())
}

// scored is a candidate with a preliminary or final score, ordered by score then id.
type scored struct {
	i     int
	score float64
	id    string
}

func sortScored(xs []scored) {
	slices.SortFunc(xs, func(a, b scored) int {
		if a.score != b.score {
			return cmpFloat(b.score, a.score)
		}
		return strings.Compare(a.id, b.id)
	})
}

// instCoverage computes, for every institution, the share of e's demand (by openings) that
// it covers, related skills in part, found through the skill → programs index, and in the
// same walk the share each program covers (sc.progCov, what relevantPrograms needs). It
// returns the institutions with any coverage; their values are in sc.cov until the next call.
func (m *Matcher) instCoverage(s *snapshot, sc *scratch, e *enterprise) (touched []int) {
	sc.reset(s)
	sc.covEnt = e
	bestP, bestI := sc.bestP, sc.bestI
	tp, ti := sc.tp[:0], sc.ti[:0]
	defer func() { sc.tp, sc.ti = tp, ti }() // keep the grown buffers for the next call
	for _, d := range e.demand {
		visit := func(t int32, r float64) {
			for _, x := range s.progsBySkill[t] {
				v := r * x.w
				if v > bestP[x.i] {
					if bestP[x.i] == 0 {
						tp = append(tp, x.i)
					}
					bestP[x.i] = v
				}
			}
		}
		visit(d.s, 1)
		for _, r := range m.related[d.s] {
			visit(r.s, r.w)
		}
		for _, p := range tp {
			if sc.progCov[p] == 0 {
				sc.progTouched = append(sc.progTouched, p)
			}
			sc.progCov[p] += d.w * bestP[p]
			ii := s.progs[p].inst
			if bestP[p] > bestI[ii] {
				if bestI[ii] == 0 {
					ti = append(ti, int32(ii))
				}
				bestI[ii] = bestP[p]
			}
			bestP[p] = 0
		}
		for _, ii := range ti {
			if sc.cov[ii] == 0 {
				touched = append(touched, int(ii))
			}
			sc.cov[ii] += d.w * bestI[ii]
			bestI[ii] = 0
		}
		tp, ti = tp[:0], ti[:0]
	}
	for _, ii := range touched {
		sc.cov[ii] /= e.totalW
	}
	for _, p := range sc.progTouched {
		sc.progCov[p] /= e.totalW
	}
	return touched
}

// topScored returns the k best of xs (by score, then by index: the snapshot orders documents
// by id), best first, without sorting the rest: a shortlist of 64 out of hundreds of
// institutions costs one comparison for most of them.
func topScored(xs []scored, k int) []scored {
	less := func(a, b scored) bool { // a ranks before b
		if a.score != b.score {
			return a.score > b.score
		}
		return a.i < b.i
	}
	out := make([]scored, 0, min(k, len(xs)))
	for _, x := range xs {
		if len(out) == k && !less(x, out[k-1]) {
			continue
		}
		at, _ := slices.BinarySearchFunc(out, x, func(a, b scored) int {
			if less(a, b) {
				return -1
			}
			return 1
		})
		if len(out) == k {
			out = out[:k-1]
		}
		out = slices.Insert(out, at, x)
	}
	return out
}

// rankInstitutions returns the institutions best for enterprise ei, scored on every factor
// among the short best by skill coverage; considered is how many the skill index proposed.
func (m *Matcher) rankInstitutions(s *snapshot, sc *scratch, ei int, limit, short int, text, realOnly bool) (out []pair, considered int) {
	e := s.ents[ei]
	if e.totalW == 0 {
		return nil, 0
	}
	touched := m.instCoverage(s, sc, e)
	cands := make([]scored, 0, len(touched))
	for _, ii := range touched {
		if realOnly && s.insts[ii].doc.Synthetic {
			continue
		}
		cands = append(cands, scored{ii, sc.cov[ii], s.insts[ii].doc.ID})
	}
	considered = len(cands)
	cands = topScored(cands, max(short, limit))
	out = make([]pair, 0, len(cands))
	for _, c := range cands {
		out = append(out, m.evalPair(s, sc, ei, c.i, false))
	}
	slices.SortFunc(out, func(a, b pair) int {
		if a.score != b.score {
			return cmpFloat(b.score, a.score)
		}
		return a.i - b.i // the snapshot orders institutions by id
	})
	out = out[:min(len(out), limit)]
	if text {
		for k := range out {
			out[k] = m.evalPair(s, sc, ei, out[k].i, true)
		}
	}
	return out, considered
}

// rankEnterprises returns the enterprises best for institution ii (only those of real data
// with realOnly).
func (m *Matcher) rankEnterprises(s *snapshot, sc *scratch, ii int, limit int, realOnly bool) (out []pair, considered int) {
	in := s.insts[ii]
	var supply []sw
	for sk, v := range in.best {
		supply = append(supply, sw{sk, v})
	}
	m.spread(sc, supply)
	acc := map[int32]float64{}
	for _, sk := range sc.touched {
		v := sc.dense[sk]
		for _, x := range s.entsBySkill[sk] {
			acc[x.i] += x.w * v
		}
	}
	sc.clear()
	cands := make([]scored, 0, len(acc))
	for e, v := range acc {
		if realOnly && s.ents[e].doc.Synthetic {
			delete(acc, e)
			continue
		}
		// Coverage alone would shortlist every one-posting, one-skill enterprise before one
		// with 50 openings: weigh it by the openings it could fill, as the fit factor does.
		ent := s.ents[e]
		cov := v / ent.totalW
		vol := min(1, math.Log1p(float64(ent.openings)*cov)/math.Log1p(fitFull))
		cands = append(cands, scored{int(e), cov * (1 + vol), ent.doc.ID})
	}
	sortScored(cands)
	cands = cands[:min(len(cands), max(shortlist, limit))]
	for _, c := range cands {
		out = append(out, m.evalPair(s, sc, c.i, ii, false))
	}
	slices.SortFunc(out, func(a, b pair) int {
		if a.score != b.score {
			return cmpFloat(b.score, a.score)
		}
		return strings.Compare(s.ents[a.e].doc.ID, s.ents[b.e].doc.ID)
	})
	out = out[:min(len(out), limit)]
	for k := range out {
		out[k] = m.evalPair(s, sc, out[k].e, ii, true)
	}
	return out, len(acc)
}

func (s *snapshot) toMatch(p pair) xiaoqi.Match {
	in, e := s.insts[p.i], s.ents[p.e]
	return xiaoqi.Match{Institution: instParty(in), Enterprise: entParty(e), Score: round2(p.score),
		Synthetic: in.doc.Synthetic || e.doc.Synthetic, Factors: withVerification(p.factors, e)}
}

// EnterprisePartners ranks the institutions that could train for enterprise id's open job
// needs, best first, each with its explanation; with scope.RealOnly only institutions of real
// data. limit 0 means DefaultLimit.
func (m *Matcher) EnterprisePartners(ctx context.Context, id string, scope xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error) {
	s, ei, limit, err := m.find(ctx, xiaoqi.KindEnterprise, id, limit)
	if err != nil {
		return nil, err
	}
	ps, n := m.rankInstitutions(s, m.newScratch(), ei, limit, shortlist, true, scope.RealOnly)
	out := s.pairList(*entParty(s.ents[ei]), n, ps)
	setEmptyReason(out, func() (string, string) { return entEmpty(s.ents[ei], scope.RealOnly) })
	return out, nil
}

// InstitutionPartners ranks the enterprises whose open job needs institution id's programs
// train for, best first, each with its explanation; with scope.RealOnly only enterprises of real
// data. limit 0 means DefaultLimit.
func (m *Matcher) InstitutionPartners(ctx context.Context, id string, scope xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error) {
	s, ii, limit, err := m.find(ctx, xiaoqi.KindInstitution, id, limit)
	if err != nil {
		return nil, err
	}
	ps, n := m.rankEnterprises(s, m.newScratch(), ii, limit, scope.RealOnly)
	out := s.pairList(*instParty(s.insts[ii]), n, ps)
	setEmptyReason(out, func() (string, string) { return instEmpty(s.insts[ii], scope.RealOnly) })
	return out, nil
}

// pairList is the answer for party for: the partnerships ps, of n considered.
func (s *snapshot) pairList(party xiaoqi.MatchParty, n int, ps []pair) *xiaoqi.MatchList {
	out := newList(party, n)
	for _, p := range ps {
		addMatch(out, s.toMatch(p))
	}
	return out
}

// find is the common start of every ranking for one party: it checks limit (0 means
// DefaultLimit), brings the snapshot up to date and finds id among the parties of kind,
// returning the snapshot, id's index in it and the limit to use.
func (m *Matcher) find(ctx context.Context, kind xiaoqi.Kind, id string, limit int) (*snapshot, int, int, error) {
	limit, err := checkLimit(limit)
	if err != nil {
		return nil, 0, 0, err
	}
	if err := m.Refresh(ctx); err != nil {
		return nil, 0, 0, err
	}
	s := m.current()
	var byID map[string]int
	switch kind {
	case xiaoqi.KindInstitution:
		byID = s.instByID
	case xiaoqi.KindEnterprise:
		byID = s.entByID
	case xiaoqi.KindJob:
		byID = s.jobByID
	case xiaoqi.KindCandidate:
		byID = s.candByID
	}
	i, ok := byID[id]
	if !ok && kind == xiaoqi.KindJob && s.closedJobs[id] {
		return nil, 0, 0, xiaoqi.Errorf(xiaoqi.ECONFLICT, "招聘需求 %s 已关闭：只为开放的招聘需求推荐候选人 / job need %[1]s is closed: candidates are suggested for open job needs only", id)
	}
	if !ok {
		return nil, 0, 0, notFound(kind, id)
	}
	return s, i, limit, nil
}

// newList starts the answer for party, of which considered were scored; it is synthetic if
// the party is.
func newList(party xiaoqi.MatchParty, considered int) *xiaoqi.MatchList {
	return &xiaoqi.MatchList{For: party, Considered: considered, Synthetic: party.Synthetic, Data: []xiaoqi.Match{}}
}

// addMatch appends mt to l: one synthetic match makes the whole list synthetic.
func addMatch(l *xiaoqi.MatchList, mt xiaoqi.Match) {
	l.Data = append(l.Data, mt)
	l.Synthetic = l.Synthetic || mt.Synthetic
}
