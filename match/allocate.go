package match

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/xiaoqi-dev/xiaoqi"
)

// AllocationChoices is how many institutions, best first, each enterprise may be allocated
// graduates from.
const AllocationChoices = 12

// MaxAssignments caps the assignments an allocation lists.
const MaxAssignments = 10000

// edge is an enterprise–institution pair the allocation may use.
type edge struct {
	e, i  int
	cap   int // graduates a year of the institution's programs relevant to the enterprise
	score float64
	flow  int
}

// network is the allocation problem: enterprises with openings, institutions with capacity,
// and the edges between them in each enterprise's order of preference.
type network struct {
	ents    []int // enterprise indexes in the snapshot
	need    []int // openings per enterprise (same order)
	insts   []int
	capI    []int   // graduates a year per institution (union of relevant programs)
	edges   []edge  // grouped by enterprise, best first
	byEnt   [][]int // enterprise → edge indexes, best first
	instPos map[int]int
}

// inPlace reports whether a job need of enterprise e is posted in the region and city of sc.
// The insights count each job need where it is posted (posted), not where its firm is
// registered: a 西安 firm's 50 openings posted in 宝鸡 counted in 西安's dossier and not in
// 宝鸡's, where the search's city facet finds them; and those of 西咸新区 are posted by firms
// registered elsewhere in 西安. They count the job needs of a sector by each posting's own
// sector (jobSector), not by its firm's first.
func (s *snapshot) inPlace(sc xiaoqi.Scope, e *enterprise) bool {
	return slices.ContainsFunc(e.jobs, func(ji int) bool { return posted(sc, e, s.jobs[ji]) })
}

// posted reports whether job need j of enterprise e is posted in the region and city of sc:
// where the posting says; without a city, or a district in its firm's city, where its firm is
// (a posting in 西安市 of a firm in 西咸新区 is in 西咸新区). Every job need is in a scope
// without a place, the province's, whatever city it names (东京, 陕西省).
func posted(sc xiaoqi.Scope, e *enterprise, j *job) bool {
	if sc.Region == "" && sc.City == "" {
		return true
	}
	city, district, region := j.doc.City, j.doc.District, j.doc.Region
	switch {
	case city == "":
		city, district, region = e.doc.City, e.doc.District, e.doc.Region
	case district == "" && xiaoqi.NormalizeCity(city) == xiaoqi.NormalizeCity(e.doc.City):
		district = e.doc.District
	}
	if sc.Region != "" && region != sc.Region && xiaoqi.RegionOf(city) != sc.Region {
		return false
	}
	return sc.City == "" || inCity(sc.City, city, district)
}

// inCity reports whether a document of city and district is in c, the city of a scope. Policy
// item (7) names the new areas as cities, while the divisions, and so the default data set,
// place 杨凌示范区 as 咸阳市's 杨陵区 and 西咸新区 as a district of 西安市: the dossier of
// 杨凌示范区 counted no firm and no school, though 西北农林科技大学 is there.
func inCity(c, city, district string) bool {
	c = xiaoqi.NormalizeCity(c)
	if xiaoqi.NormalizeCity(city) == c {
		return true
	}
	switch c {
	case "杨凌示范区":
		return district == "杨陵区"
	case "西咸新区":
		return district == "西咸新区"
	}
	return false
}

// buildNetwork ranks, for every enterprise in scope, its best institutions and keeps those
// whose programs could fill its openings. The rankings are independent, so they run on all
// CPUs, each worker with its own scratch; the network is then assembled in enterprise order,
// so the result does not depend on the number of workers.
func (m *Matcher) buildNetwork(ctx context.Context, s *snapshot, scope xiaoqi.Scope) (*network, error) {
	// With a sector, the openings of an enterprise's postings in it (jobSector), as the gap
	// report and the dossier count them: by the firm's first sector, the allocation counted
	// 374 software openings where the dossier counted 344, and none in 铜川 where it counted 6.
	// The institutions are still ranked for the firm's whole demand.
	var todo, need []int
	for ei, e := range s.ents {
		if e.openings == 0 || e.totalW == 0 || !s.inPlace(scope, e) {
			continue
		}
		n := s.openDemand(e, false, scope).openings
		if n > 0 {
			todo, need = append(todo, ei), append(need, n)
		}
	}
	ranked := make([][]pair, len(todo))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(todo)/64)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := m.newScratch()
			for {
				k := int(next.Add(1)) - 1
				if k >= len(todo) || (k%256 == 0 && ctx.Err() != nil) {
					return
				}
				ranked[k], _ = m.rankInstitutions(s, sc, todo[k], AllocationChoices, shortlist, false, false)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	n := &network{instPos: map[int]int{}}
	progsOf := map[int]map[int]bool{}
	for k, ei := range todo {
		n.ents = append(n.ents, ei)
		n.need = append(n.need, need[k])
		n.byEnt = append(n.byEnt, nil)
		for _, p := range ranked[k] {
			if p.grads == 0 {
				continue
			}
			pos, ok := n.instPos[p.i]
			if !ok {
				pos = len(n.insts)
				n.instPos[p.i] = pos
				n.insts = append(n.insts, p.i)
				progsOf[pos] = map[int]bool{}
			}
			for _, pi := range p.progs {
				progsOf[pos][pi] = true
			}
			n.byEnt[k] = append(n.byEnt[k], len(n.edges))
			n.edges = append(n.edges, edge{e: k, i: pos, cap: p.grads, score: p.score})
		}
	}
	n.capI = make([]int, len(n.insts))
	for pos, progs := range progsOf {
		for pi := range progs {
			n.capI[pos] += s.progs[pi].grads
		}
	}
	return n, nil
}

// greedy is what per-enterprise ranking alone gives: every enterprise asks its first choice
// for all its openings, and an institution asked for more than it has gives what it has.
func (n *network) greedy() (filled, unserved int) {
	asked := make([]int, len(n.insts))
	got := make([]int, len(n.ents))
	for k, es := range n.byEnt {
		if len(es) == 0 {
			continue
		}
		e := n.edges[es[0]]
		got[k] = min(n.need[k], e.cap)
		asked[e.i] += got[k]
	}
	// An over-asked institution serves its askers in proportion; count what it can give.
	for k, es := range n.byEnt {
		if len(es) == 0 {
			unserved++
			continue
		}
		e := n.edges[es[0]]
		if asked[e.i] > n.capI[e.i] {
			got[k] = got[k] * n.capI[e.i] / asked[e.i]
		}
		filled += got[k]
		if got[k] < n.need[k] {
			unserved++
		}
	}
	return filled, unserved
}

// held is a block of units an institution holds for an enterprise during deferred acceptance.
type held struct {
	edge  int
	units int
}

// deferredAcceptance runs many-to-one deferred acceptance with quotas, enterprises
// proposing: each asks its next institution for what it still needs (up to the edge's
// capacity); an institution keeps the best proposals (by pair score, then enterprise order)
// up to its capacity and turns the rest back, which then go to the enterprise's next choice.
// The result is stable: no enterprise and institution would both rather trade.
func (n *network) deferredAcceptance() {
	rem := slices.Clone(n.need)
	next := make([]int, len(n.ents))
	holds := make([][]held, len(n.insts))
	total := make([]int, len(n.insts))
	queue := make([]int, 0, len(n.ents))
	for k := range n.ents {
		queue = append(queue, k)
	}
	better := func(a, b int) int { // edge order at an institution: higher score first
		ea, eb := n.edges[a], n.edges[b]
		if ea.score != eb.score {
			return cmpFloat(eb.score, ea.score)
		}
		return cmp.Compare(ea.e, eb.e)
	}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		for rem[k] > 0 && next[k] < len(n.byEnt[k]) {
			ix := n.byEnt[k][next[k]]
			next[k]++
			e := n.edges[ix]
			units := min(rem[k], e.cap)
			rem[k] -= units
			// Held offers stay sorted best first: insert the new one in its place rather
			// than re-sorting, and turn back from the end.
			hs := holds[e.i]
			at, _ := slices.BinarySearchFunc(hs, ix, func(h held, t int) int { return better(h.edge, t) })
			hs = slices.Insert(hs, at, held{ix, units})
			total[e.i] += units
			for total[e.i] > n.capI[e.i] {
				last := &hs[len(hs)-1]
				back := min(last.units, total[e.i]-n.capI[e.i])
				last.units -= back
				total[e.i] -= back
				loser := n.edges[last.edge].e
				if rem[loser] == 0 && loser != k {
					queue = append(queue, loser)
				}
				rem[loser] += back
				if last.units == 0 {
					hs = hs[:len(hs)-1]
				}
			}
			holds[e.i] = hs
		}
	}
	for _, hs := range holds {
		for _, h := range hs {
			n.edges[h.edge].flow += h.units
		}
	}
}

// augment raises the flow to a maximum with augmenting paths (Dinic's algorithm) from the
// stable allocation: openings that could be filled by moving some graduates to another
// enterprise's second choice are filled, and the stable assignments change only along those
// paths.
func (n *network) augment() {
	// Nodes: 0 source, 1..E enterprises, E+1..E+I institutions, E+I+1 sink.
	ne, ni := len(n.ents), len(n.insts)
	src, snk := 0, ne+ni+1
	type arc struct{ to, rev, cap int }
	g := make([][]arc, ne+ni+2)
	add := func(a, b, c, f int) (int, int) {
		g[a] = append(g[a], arc{b, len(g[b]), c - f})
		g[b] = append(g[b], arc{a, len(g[a]) - 1, f})
		return a, len(g[a]) - 1
	}
	used := make([]int, ne)
	usedI := make([]int, ni)
	type ref struct{ node, idx int }
	refs := make([]ref, len(n.edges))
	for ix, e := range n.edges {
		used[e.e] += e.flow
		usedI[e.i] += e.flow
		a, b := add(1+e.e, 1+ne+e.i, e.cap, e.flow)
		refs[ix] = ref{a, b}
	}
	for k := range n.ents {
		add(src, 1+k, n.need[k], used[k])
	}
	for i := range n.insts {
		add(1+ne+i, snk, n.capI[i], usedI[i])
	}
	level := make([]int, len(g))
	it := make([]int, len(g))
	bfs := func() bool {
		for i := range level {
			level[i] = -1
		}
		level[src] = 0
		q := []int{src}
		for len(q) > 0 {
			v := q[0]
			q = q[1:]
			for _, a := range g[v] {
				if a.cap > 0 && level[a.to] < 0 {
					level[a.to] = level[v] + 1
					q = append(q, a.to)
				}
			}
		}
		return level[snk] >= 0
	}
	var dfs func(v, f int) int
	dfs = func(v, f int) int {
		if v == snk {
			return f
		}
		for ; it[v] < len(g[v]); it[v]++ {
			a := &g[v][it[v]]
			if a.cap > 0 && level[a.to] == level[v]+1 {
				if d := dfs(a.to, min(f, a.cap)); d > 0 {
					a.cap -= d
					g[a.to][a.rev].cap += d
					return d
				}
			}
		}
		return 0
	}
	for bfs() {
		clear(it)
		for dfs(src, 1<<62) > 0 {
		}
	}
	for ix := range n.edges {
		r := refs[ix]
		n.edges[ix].flow = n.edges[ix].cap - g[r.node][r.idx].cap
	}
}

func (n *network) filled() (filled, unserved int) {
	got := make([]int, len(n.ents))
	for _, e := range n.edges {
		got[e.e] += e.flow
	}
	for k, g := range got {
		filled += g
		if g < n.need[k] {
			unserved++
		}
	}
	return filled, unserved
}

func summary(method string, openings, filled, unserved int) xiaoqi.AllocationSummary {
	sm := xiaoqi.AllocationSummary{Method: method, Openings: openings, Filled: filled, Unfilled: openings - filled, Unserved: unserved}
	if openings > 0 {
		sm.FillRate = round2(float64(filled) / float64(openings))
	}
	switch method {
	case "greedy":
		sm.ZH = fmt.Sprintf("各企业只找自己排名第一的院校：填补 %d/%d 个岗位，%d 家企业仍有缺口", filled, openings, unserved)
		sm.EN = fmt.Sprintf("Every enterprise going to its own first choice: %s of %s openings filled, %s enterprises left short", thousands(filled), thousands(openings), thousands(unserved))
	default:
		sm.ZH = fmt.Sprintf("统筹分配（延迟接受+增广路径，按院校毕业生容量）：填补 %d/%d 个岗位，%d 家企业仍有缺口", filled, openings, unserved)
		sm.EN = fmt.Sprintf("Allocation across the scope (deferred acceptance with quotas, then augmenting paths): %s of %s openings filled, %s enterprises left short", thousands(filled), thousands(openings), thousands(unserved))
	}
	if filled < openings && sm.FillRate == 1 {
		sm.FillRate = 0.99 // 2,986 of 2,989 is not all
	}
	return sm
}

// Allocate allocates graduates a year to the open positions of the enterprises in scope,
// respecting each institution's capacity (the graduates of its relevant programs), and
// reports beside it what greedy per-enterprise ranking would fill. At most limit assignments
// are listed (0: all, up to MaxAssignments).
func (m *Matcher) Allocate(ctx context.Context, scope xiaoqi.Scope, limit int) (*xiaoqi.Allocation, error) {
	limit, err := limitIn(limit, MaxAssignments, MaxAssignments)
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
	n, err := m.buildNetwork(ctx, s, scope)
	if err != nil {
		return nil, err
	}
	openings := 0
	for _, x := range n.need {
		openings += x
	}
	gf, gu := n.greedy()
	n.deferredAcceptance()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n.augment()
	af, au := n.filled()
	out := &xiaoqi.Allocation{Scope: scope, Allocation: summary("allocation", openings, af, au),
		Greedy: summary("greedy", openings, gf, gu), Synthetic: s.synth, Assignments: []xiaoqi.Assignment{}}
	for _, ii := range n.insts {
		out.Estimated = out.Estimated || s.insts[ii].estimated
	}
	for _, e := range n.edges {
		if e.flow == 0 {
			continue
		}
		if len(out.Assignments) == limit {
			out.Truncated = true
			break
		}
		out.Assignments = append(out.Assignments, xiaoqi.Assignment{
			Enterprise: *entParty(s.ents[n.ents[e.e]]), Institution: *instParty(s.insts[n.insts[e.i]]),
			Units: e.flow, Score: round2(e.score)})
	}
	slices.SortStableFunc(out.Assignments, func(a, b xiaoqi.Assignment) int {
		return strings.Compare(a.Enterprise.ID, b.Enterprise.ID)
	})
	return out, nil
}

// AllocationEdges is, for tests and tools, the network Allocate would use: per enterprise id,
// the institution ids it may draw from with the capacity of each pair, and the capacity per
// institution.
func (m *Matcher) AllocationEdges(ctx context.Context, scope xiaoqi.Scope) (need map[string]int, pairs map[[2]string]int, capacity map[string]int, err error) {
	if err := m.Refresh(ctx); err != nil {
		return nil, nil, nil, err
	}
	s := m.current()
	if scope, err = s.checkScope(scope); err != nil {
		return nil, nil, nil, err
	}
	n, err := m.buildNetwork(ctx, s, scope)
	if err != nil {
		return nil, nil, nil, err
	}
	need, pairs, capacity = map[string]int{}, map[[2]string]int{}, map[string]int{}
	for k, ei := range n.ents {
		need[s.ents[ei].doc.ID] = n.need[k]
	}
	for pos, ii := range n.insts {
		capacity[s.insts[ii].doc.ID] = n.capI[pos]
	}
	for _, e := range n.edges {
		pairs[[2]string{s.ents[n.ents[e.e]].doc.ID, s.insts[n.insts[e.i]].doc.ID}] = e.cap
	}
	return need, pairs, capacity, nil
}
