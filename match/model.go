package match

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// EstimatedGraduates is the yearly number of graduates assumed for a program of a degree when
// the data has none: a typical intake of one major in Shaanxi (two to three classes for a
// 本科 major, more for 大专, a few dozen for a master's program).
func EstimatedGraduates(degree string) int {
	switch degree {
	case "本科":
		return 60
	case "大专":
		return 80
	case "硕士":
		return 20
	case "博士":
		return 5
	case "培训":
		return 40
	}
	return 30
}

// Degree levels, for comparing a job's minimum with what a program awards.
const (
	lvlAny = iota
	lvlHigh
	lvlSecondary
	lvlCollege // 大专
	lvlBachelor
	lvlMaster
	lvlDoctor
)

// degreeLevel is the level of degree d. A training course's certificate (培训) is no degree:
// it meets a job that asks for none, not a 大专 one, which it was counted as.
func degreeLevel(d string) int {
	switch d {
	case "高中":
		return lvlHigh
	case "中专":
		return lvlSecondary
	case "大专":
		return lvlCollege
	case "本科":
		return lvlBachelor
	case "硕士":
		return lvlMaster
	case "博士":
		return lvlDoctor
	}
	return lvlAny
}

// sw is a skill (index into the taxonomy's skills) with a weight.
type sw struct {
	s int32
	w float64
}

// rel is a related skill with the share of credit it gives.
type rel struct {
	s int32
	w float64
}

type program struct {
	doc       *xiaoqi.Program
	inst      int
	skills    []sw // strength by depth: core 1, course 0.8, touched 0.5
	grads     int
	estimated bool
}

type institution struct {
	doc       *xiaoqi.Institution
	progs     []int             // those with skills the taxonomy knows
	listed    int               // programs of any skills
	best      map[int32]float64 // skill → strongest program
	grads     int
	estimated bool
	sectors   []float64 // share of graduates per sector (index of sectorList)
	// taught is, by skill, the graduates a year of the programs teaching it, weighted by how
	// deeply they teach it: what the fit factor compares with the province (snapshot.taught).
	taught   map[int32]float64
	hasLevel [lvlDoctor + 1]bool // the levels its degree programs award
	// certificate says that some of its programs are training courses (培训): they add skills
	// to whoever takes them, and award no degree (hasLevel leaves them out).
	certificate bool
	training    bool
	at          place // where it is, its point derived where it has none (placeOf)
}

// undergraduate reports whether the institution may add a major of the 本科 catalogue: a
// university, not a training institution or a 专科 (vocational) college.
func (in *institution) undergraduate() bool {
	return !in.training && in.doc.Level != "专科"
}

type job struct {
	doc       *xiaoqi.JobNeed
	ent       int // -1 when the enterprise is unknown
	skills    []int32
	langs     []int32
	level     int
	headcount int // at least 1: a posting without a number asks for one person
	counted   bool
	at        place
}

type enterprise struct {
	doc *xiaoqi.Enterprise
	at  place
	// sites are where its open job needs are posted, with their openings, the most first
	// (addSite): the distance to a school is measured from there (entDistance).
	sites     []site
	jobs      []int
	demand    []sw // skill → openings asking for it
	totalW    float64
	openings  int
	unknownHC int // open jobs that did not say how many
	// relevantAt is the share of the demand a program must cover for its graduates to
	// count as capacity (see relevantCoverage).
	relevantAt float64
	levels     [lvlDoctor + 1]int
	langs      []int32
	sectors    []float64
	// unknown are the skills its open job needs name that the taxonomy does not know (at most
	// maxUnknown): the skills factor says they were not counted.
	unknown []string
}

// maxUnknown bounds the unknown skills kept per enterprise.
const maxUnknown = 20

type candidate struct {
	doc    *xiaoqi.Candidate
	skills []int32
	langs  []int32
	level  int
	city   string
	at     place
}

// snapshot is one immutable model of the store at seq.
type snapshot struct {
	seq      uint64
	insts    []*institution
	progs    []*program
	ents     []*enterprise
	jobs     []*job
	cands    []*candidate
	instByID map[string]int
	entByID  map[string]int
	jobByID  map[string]int
	candByID map[string]int
	policies map[int]*xiaoqi.Policy
	synth    bool // any synthetic document in the model
	// cities are the cities of the institutions, enterprises and job needs (normalised): a
	// report's scope may name one of them outside Shaanxi (checkScope).
	cities map[string]bool
	// closedJobs are the ids of the closed job needs, which the model leaves out: asked for
	// the candidates of one, the answer says it is closed, not that it does not exist.
	closedJobs map[string]bool

	// taught and grads are the province's graduates a year by skill (weighted as
	// institution.taught) and in all: the baseline of the fit factor's specialisation.
	taught []float64
	grads  float64

	progsBySkill [][]sw32 // skill → programs teaching it, with their strength
	entsBySkill  [][]sw32 // skill → enterprises demanding it, with the weight
	jobsBySkill  [][]int32
	candsBySkill [][]int32
}

type sw32 struct {
	i int32
	w float64
}

// Matcher scores and explains partnerships over an in-memory model of a Store. It is safe
// for concurrent use. Create it with New; it loads the store on first use.
type Matcher struct {
	store xiaoqi.Store
	tax   *skill.Taxonomy

	skillIdx map[string]int32 // taxonomy id → index
	skills   []*skill.Skill
	related  [][]rel // by skill index, heaviest first
	isLang   []bool

	majorsEN map[string]string          // catalogue code → English name (WithMajorNames); immutable
	points   map[string]xiaoqi.GeoPoint // city and city/district → centre (WithPlaces); immutable

	mu   sync.Mutex // serialises loading and refreshing
	docs map[xiaoqi.Kind]map[string]xiaoqi.Doc
	snap snapshotRef
}

// snapshotRef holds the current snapshot for lock-free readers.
type snapshotRef struct {
	mu sync.RWMutex
	s  *snapshot
}

func (r *snapshotRef) load() *snapshot { r.mu.RLock(); defer r.mu.RUnlock(); return r.s }
func (r *snapshotRef) set(s *snapshot) { r.mu.Lock(); r.s = s; r.mu.Unlock() }
func (m *Matcher) current() *snapshot  { return m.snap.load() }

// New returns a matcher over store, with skills from tax. Nothing is read until the first
// query or Refresh.
func New(store xiaoqi.Store, tax *skill.Taxonomy) *Matcher {
	m := &Matcher{store: store, tax: tax, skillIdx: map[string]int32{}}
	m.skills = tax.Skills()
	for i, s := range m.skills {
		m.skillIdx[s.ID] = int32(i)
	}
	m.related = make([][]rel, len(m.skills))
	m.isLang = make([]bool, len(m.skills))
	for i, s := range m.skills {
		for _, r := range s.Related {
			if j, ok := m.skillIdx[r.ID]; ok {
				m.related[i] = append(m.related[i], rel{j, r.Weight})
			}
		}
		m.isLang[i] = s.Category == "language"
	}
	return m
}

// WithMajorNames gives m the English names of the catalogue's majors, as seed.Majors has them,
// for the English texts of the gap report: "majors to add: 130515TK Game Art Design" rather
// than the Chinese name in an English sentence. Call it before the first query; it returns m.
func (m *Matcher) WithMajorNames(majors []xiaoqi.Major) *Matcher {
	m.majorsEN = make(map[string]string, len(majors))
	for _, mj := range majors {
		if mj.NameEN != "" {
			m.majorsEN[mj.Code] = mj.NameEN
		}
	}
	return m
}

// Refresh brings the model up to date with the store: a full load the first time, then the
// changes since the last refresh. Every query calls it; it costs one LastSeq read when
// nothing changed.
func (m *Matcher) Refresh(ctx context.Context) error {
	if m.store == nil {
		return nil // a model loaded with LoadDocs
	}
	if s := m.current(); s != nil {
		last, err := m.store.LastSeq(ctx)
		if err != nil {
			return fmt.Errorf("match: refresh: %w", err)
		}
		if last <= s.seq {
			return nil
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.current()
	var seq uint64
	if s == nil {
		var err error
		if seq, err = m.load(ctx); err != nil {
			return err
		}
	} else {
		seq = s.seq
	}
	changed := s == nil
	for {
		chs, err := m.store.Changes(ctx, seq, 1000)
		if err != nil {
			return fmt.Errorf("match: read changes: %w", err)
		}
		if len(chs) == 0 {
			break
		}
		for _, c := range chs {
			seq = c.Seq
			if m.docs[c.Kind] == nil {
				continue
			}
			changed = true
			if c.Op == xiaoqi.OpDelete || c.Doc == nil {
				delete(m.docs[c.Kind], c.ID)
			} else {
				m.docs[c.Kind][c.ID] = c.Doc
			}
		}
	}
	if !changed && s != nil {
		if seq > s.seq { // changes of kinds the matcher ignores
			ns := *s
			ns.seq = seq
			m.snap.set(&ns)
		}
		return nil
	}
	m.snap.set(m.build(seq))
	return nil
}

// kindsUsed returns the kinds the model holds.
func kindsUsed() []xiaoqi.Kind {
	return []xiaoqi.Kind{xiaoqi.KindInstitution, xiaoqi.KindProgram, xiaoqi.KindEnterprise,
		xiaoqi.KindJob, xiaoqi.KindCandidate, xiaoqi.KindPolicy}
}

// load reads every document the model needs and returns the sequence from which changes must
// be applied (read before listing, so that a write during the listing is applied again).
func (m *Matcher) load(ctx context.Context) (uint64, error) {
	seq, err := m.store.LastSeq(ctx)
	if err != nil {
		return 0, fmt.Errorf("match: load: %w", err)
	}
	m.docs = map[xiaoqi.Kind]map[string]xiaoqi.Doc{}
	for _, k := range kindsUsed() {
		all := map[string]xiaoqi.Doc{}
		after := ""
		for {
			page, err := m.store.List(ctx, k, xiaoqi.ListOptions{After: after, Limit: xiaoqi.MaxListLimit})
			if err != nil {
				return 0, fmt.Errorf("match: load %s: %w", k.Plural(), err)
			}
			for _, d := range page.Docs {
				all[d.Base().ID] = d
			}
			if page.Next == "" {
				break
			}
			after = page.Next
		}
		m.docs[k] = all
	}
	return seq, nil
}

// LoadDocs replaces the model with docs, without a store: for benchmarks, tests and
// one-shot tools that have the documents in hand. Refresh must not be used afterwards
// unless the matcher has a store.
func (m *Matcher) LoadDocs(docs []xiaoqi.Doc) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.docs = map[xiaoqi.Kind]map[string]xiaoqi.Doc{}
	for _, k := range kindsUsed() {
		m.docs[k] = map[string]xiaoqi.Doc{}
	}
	for _, d := range docs {
		if m.docs[d.Kind()] != nil {
			m.docs[d.Kind()][d.Base().ID] = d
		}
	}
	m.snap.set(m.build(math.MaxUint64))
}

// sortedDocs returns the documents of kind k in id order.
func (m *Matcher) sortedDocs(k xiaoqi.Kind) []xiaoqi.Doc {
	out := make([]xiaoqi.Doc, 0, len(m.docs[k]))
	for _, d := range m.docs[k] {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b xiaoqi.Doc) int { return strings.Compare(a.Base().ID, b.Base().ID) })
	return out
}

// resolve maps skill names to taxonomy indexes, dropping unknown names and duplicates.
func (m *Matcher) resolve(names []string) []int32 {
	var out []int32
	for _, n := range names {
		s, ok := m.tax.Resolve(n)
		if !ok {
			continue
		}
		i := m.skillIdx[s.ID]
		if !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

// sectorList fixes an order of the sectors for sector vectors.
func sectorList() []xiaoqi.Sector {
	out := make([]xiaoqi.Sector, 0, len(xiaoqi.SectorNames))
	for s := range xiaoqi.SectorNames {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}
