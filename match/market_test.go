package match_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// clusters are the latent skill clusters of the planted market: each is a field of study,
// named by the catalogue majors that teach it.
func clusters() [][]string {
	return [][]string{
		{"080902", "080901"},  // software
		{"050207", "050262"},  // Japanese and business English
		{"020301K", "020303"}, // finance and insurance
		{"130310", "130508"},  // animation and digital media
		{"120601", "120602"},  // logistics
		{"080703", "080701"},  // telecom and electronics
		{"100701", "083001"},  // pharmacy and bioengineering
		{"080601", "080501"},  // electrical and energy engineering
	}
}

// marketSize sets the size of a planted market.
type marketSize struct {
	homePerCluster   int // institutions specialised in one cluster
	generalists      int // institutions with small programs everywhere
	entsPerCluster   int
	jobsMin, jobsMax int
}

// market is a synthetic market with planted truth.
type market struct {
	docs    []xiaoqi.Doc
	cluster map[string]int             // enterprise id → cluster
	supply  map[string]map[int]int     // institution id → cluster → graduates a year
	grads   map[string]int             // institution id → all graduates a year
	need    map[string]int             // enterprise id → openings
	demand  map[string][]string        // enterprise id → demanded skill names (keywords)
	teaches map[string]map[string]bool // institution id → skill names of its programs
	insts   []string
	ents    []string
}

// compatible is the planted truth: the institution's programs of the enterprise's field
// graduate at least as many a year as the enterprise has openings.
func (mk *market) compatible(ent, inst string) bool {
	return mk.supply[inst][mk.cluster[ent]] >= mk.need[ent]
}

// cities are where planted parties are, Xi'an three times as likely as the others.
func cities() []string {
	return []string{"西安市", "西安市", "西安市", "咸阳市", "宝鸡市", "渭南市", "汉中市", "延安市", "榆林市", "安康市"}
}

func newMarket(tb testing.TB, tax *skill.Taxonomy, size marketSize, seed uint64) *market {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 2015))
	cl := clusters()
	mk := &market{cluster: map[string]int{}, supply: map[string]map[int]int{}, grads: map[string]int{},
		need: map[string]int{}, demand: map[string][]string{}, teaches: map[string]map[string]bool{}}
	name := func(id string) string { s, _ := tax.Skill(id); return s.NameZH }
	// Each cluster's pool: the skills its majors teach in a course or at the core.
	pools := make([][]string, len(cl))
	for k, codes := range cl {
		for _, c := range codes {
			m, ok := tax.Major(c)
			if !ok {
				tb.Fatalf("major %s not in the taxonomy", c)
			}
			for _, sd := range m.Skills {
				if sd.Depth >= 2 && !slices.Contains(pools[k], sd.ID) {
					pools[k] = append(pools[k], sd.ID)
				}
			}
		}
	}
	addProgram := func(in *xiaoqi.Institution, code string, grads int, k int) {
		m, _ := tax.Major(code)
		p := &xiaoqi.Program{Meta: xiaoqi.Meta{Synthetic: true}, InstitutionID: in.ID, InstitutionName: in.Name,
			Name: m.Name, MajorCode: m.Code, Degree: "本科", City: in.City, GraduatesPerYear: grads}
		for _, sd := range m.Skills {
			p.Skills = append(p.Skills, name(sd.ID))
			if mk.teaches[in.ID] == nil {
				mk.teaches[in.ID] = map[string]bool{}
			}
			mk.teaches[in.ID][name(sd.ID)] = true
		}
		p.ID = xiaoqi.NewID(xiaoqi.KindProgram, p.NaturalKey())
		mk.docs = append(mk.docs, p)
		if mk.supply[in.ID] == nil {
			mk.supply[in.ID] = map[int]int{}
		}
		mk.supply[in.ID][k] += grads
		mk.grads[in.ID] += grads
	}
	newInst := func(n int, label string) *xiaoqi.Institution {
		city := cities()[rng.IntN(len(cities()))]
		in := &xiaoqi.Institution{Meta: xiaoqi.Meta{Synthetic: true}, Name: fmt.Sprintf("合成%s学院%04d", label, n),
			Type: xiaoqi.InstitutionUniversity, Level: "本科", City: city, Region: xiaoqi.RegionOf(city)}
		in.ID = xiaoqi.NewID(xiaoqi.KindInstitution, in.NaturalKey())
		mk.docs = append(mk.docs, in)
		mk.insts = append(mk.insts, in.ID)
		return in
	}
	n := 0
	for k, codes := range cl {
		for h := 0; h < size.homePerCluster; h++ {
			in := newInst(n, "专科型")
			n++
			for _, c := range codes {
				addProgram(in, c, 40+rng.IntN(81), k)
			}
			for x := rng.IntN(4); x > 0; x-- {
				o := rng.IntN(len(cl))
				if o != k {
					addProgram(in, cl[o][rng.IntN(2)], 20+rng.IntN(21), o)
				}
			}
		}
	}
	for g := 0; g < size.generalists; g++ {
		in := newInst(n, "综合型")
		n++
		// A comprehensive university: both majors of five to seven fields, small classes.
		for _, o := range rng.Perm(len(cl))[:5+rng.IntN(3)] {
			for _, c := range cl[o] {
				addProgram(in, c, 10+rng.IntN(16), o)
			}
		}
	}
	generic := []string{"english", "office"}
	e := 0
	for k := range cl {
		for x := 0; x < size.entsPerCluster; x++ {
			city := cities()[rng.IntN(len(cities()))]
			ent := &xiaoqi.Enterprise{Meta: xiaoqi.Meta{Synthetic: true}, Name: fmt.Sprintf("合成企业%05d", e),
				City: city, Region: xiaoqi.RegionOf(city)}
			e++
			ent.ID = xiaoqi.NewID(xiaoqi.KindEnterprise, ent.NaturalKey())
			mk.docs = append(mk.docs, ent)
			mk.ents = append(mk.ents, ent.ID)
			mk.cluster[ent.ID] = k
			for j := size.jobsMin + rng.IntN(size.jobsMax-size.jobsMin+1); j > 0; j-- {
				jb := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{Synthetic: true, Source: "planted", ExternalID: fmt.Sprintf("%s-%d", ent.ID, j)},
					EnterpriseID: ent.ID, EnterpriseName: ent.Name, Name: "合成岗位", City: city, Region: ent.Region,
					Degree: []string{"本科", "大专", "不限"}[rng.IntN(3)], Headcount: 2 + rng.IntN(9), Status: xiaoqi.JobOpen}
				for s := 2 + rng.IntN(4); s > 0; s-- {
					id := pools[k][rng.IntN(len(pools[k]))]
					// Job ads often name a framework or tool next to what schools teach.
					if rel := tax.Related(id); len(rel) > 0 && rng.Float64() < 0.3 && rel[0].Weight >= 0.6 {
						id = rel[0].ID
					}
					if nm := name(id); !slices.Contains(jb.Skills, nm) {
						jb.Skills = append(jb.Skills, nm)
					}
				}
				if rng.Float64() < 0.5 {
					jb.Skills = append(jb.Skills, name(generic[rng.IntN(2)]))
				}
				jb.ID = xiaoqi.NewID(xiaoqi.KindJob, jb.NaturalKey())
				mk.docs = append(mk.docs, jb)
				mk.need[ent.ID] += jb.Headcount
				for _, s := range jb.Skills {
					if !slices.Contains(mk.demand[ent.ID], s) {
						mk.demand[ent.ID] = append(mk.demand[ent.ID], s)
					}
				}
			}
		}
	}
	return mk
}

// keywordBaseline ranks institutions for an enterprise by the number of demanded skill names
// their programs list: plain keyword overlap, ties by id.
func (mk *market) keywordBaseline(ent string, k int) []string {
	type sc struct {
		id string
		n  int
	}
	var xs []sc
	for _, in := range mk.insts {
		n := 0
		for _, s := range mk.demand[ent] {
			if mk.teaches[in][s] {
				n++
			}
		}
		if n > 0 {
			xs = append(xs, sc{in, n})
		}
	}
	slices.SortFunc(xs, func(a, b sc) int {
		if a.n != b.n {
			return b.n - a.n
		}
		if a.id < b.id {
			return -1
		}
		return 1
	})
	var out []string
	for _, x := range xs[:min(k, len(xs))] {
		out = append(out, x.id)
	}
	return out
}

// optimum is the most openings any allocation can fill on the planted truth: a max-flow from
// enterprises over the pairs whose field matches to institutions with their graduates.
func (mk *market) optimum() int {
	ne, ni := len(mk.ents), len(mk.insts)
	src, snk := 0, ne+ni+1
	capm := map[[2]int]int{}
	adj := make([][]int, ne+ni+2)
	add := func(a, b, c int) {
		if _, ok := capm[[2]int{a, b}]; !ok {
			adj[a] = append(adj[a], b)
			adj[b] = append(adj[b], a)
		}
		capm[[2]int{a, b}] += c
	}
	for x, e := range mk.ents {
		add(src, 1+x, mk.need[e])
		for y, in := range mk.insts {
			if c := mk.supply[in][mk.cluster[e]]; c > 0 {
				add(1+x, 1+ne+y, c)
			}
		}
	}
	for y, in := range mk.insts {
		add(1+ne+y, snk, mk.grads[in])
	}
	flow := 0
	for { // Edmonds–Karp
		prev := make([]int, len(adj))
		for i := range prev {
			prev[i] = -1
		}
		prev[src] = src
		q := []int{src}
		for len(q) > 0 && prev[snk] < 0 {
			v := q[0]
			q = q[1:]
			for _, w := range adj[v] {
				if prev[w] < 0 && capm[[2]int{v, w}] > 0 {
					prev[w] = v
					q = append(q, w)
				}
			}
		}
		if prev[snk] < 0 {
			return flow
		}
		f := 1 << 60
		for v := snk; v != src; v = prev[v] {
			f = min(f, capm[[2]int{prev[v], v}])
		}
		for v := snk; v != src; v = prev[v] {
			capm[[2]int{prev[v], v}] -= f
			capm[[2]int{v, prev[v]}] += f
		}
		flow += f
	}
}
