package seed

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// SourceSynthetic is the Meta.Source of every generated record; Meta.Synthetic is true on all
// of them.
const SourceSynthetic = "synthetic"

// DefaultSyntheticSeed is the fixed seed of the synthetic part of the default data set: the
// year of the policy.
const DefaultSyntheticSeed int64 = 2015

// Counts says how many documents of each kind a generator writes.
type Counts struct {
	Training, Programs, Enterprises, Jobs, Candidates int
}

// Total is the number of documents.
func (c Counts) Total() int {
	return c.Training + c.Programs + c.Enterprises + c.Jobs + c.Candidates
}

// DefaultCounts returns the sizes of the synthetic part of the default data set.
func DefaultCounts() Counts {
	return Counts{Training: 40, Programs: 120, Enterprises: 150, Jobs: 600, Candidates: 300}
}

// KeyTrainingInstitutions is how many provincial key service-outsourcing training institutions
// policy item (2) asks to support; the generator marks exactly that many (the first ten).
const KeyTrainingInstitutions = 10

// generator makes synthetic documents deterministically from a seed: the document with index
// i of a kind is a pure function of (seed, kind, i), so a job can name its enterprise by
// regenerating it instead of remembering it, and memory does not grow with the count.
type generator struct {
	seed int64
	// tag distinguishes the natural keys of two generated sets ("default", "s42") so that a
	// benchmark set written beside the default set never overwrites it.
	tag string
	// linkReal gives candidates the ids of the real institutions they studied at: only valid
	// when the real part of the default set is in the same store.
	linkReal bool
	counts   Counts

	tax      *skill.Taxonomy
	cities   []genCity
	cityPick []int // city index per unit of weight
	sectors  []xiaoqi.Sector
	skills   map[xiaoqi.Sector][]string // taxonomy names of the sector's skills, languages left out
	// majorsOf gives, by skill name, up to three majors that teach the skill; titleSkills the
	// skills the taxonomy finds in a job title. Both are computed once: the vocabulary is fixed.
	majorsOf    map[string][]string
	titleSkills map[string][]string
	// relatedIn gives, by sector and skill name, the skills of the sector the taxonomy relates
	// to it (weight 0.4 or more), heaviest first: a job's other skills go with its title's.
	relatedIn map[xiaoqi.Sector]map[string][]string
	offerings []genOffering
	base      time.Time

	src *rand.PCG
	rnd *rand.Rand
}

type genCity struct {
	name      string
	region    xiaoqi.Region
	geo       *xiaoqi.GeoPoint
	districts []xiaoqi.Division
}

// genOffering is one real (school, major) pair that a candidate can have studied.
type genOffering struct {
	schoolID, school, city, majorCode, major string
}

// Kinds of generated document, mixed into the per-document random stream.
const (
	genTraining = iota + 1
	genProgram
	genEnterprise
	genJob
	genCandidate
)

// newGenerator prepares the vocabulary of a generator: cities and districts, the taxonomy's
// skills per sector, the real schools and majors. None of it grows with the counts.
func newGenerator(tax *skill.Taxonomy, seed int64, tag string, counts Counts, linkReal bool) (*generator, error) {
	if tax == nil {
		return nil, fmt.Errorf("seed: the synthetic generator needs the skill taxonomy")
	}
	g := &generator{seed: seed, tag: tag, linkReal: linkReal, counts: counts, tax: tax,
		skills: map[xiaoqi.Sector][]string{},
		base:   time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	divs, err := Divisions()
	if err != nil {
		return nil, err
	}
	for ci, cw := range cityWeights {
		c := genCity{name: cw.city, region: xiaoqi.RegionOf(cw.city)}
		for _, d := range divs {
			if d.City != cw.city {
				continue
			}
			switch {
			case d.Level == xiaoqi.DivisionCity:
				c.geo = d.Geo
			case d.Level == xiaoqi.DivisionCounty && d.Geo != nil:
				c.districts = append(c.districts, d)
			}
		}
		if c.geo == nil || len(c.districts) == 0 {
			return nil, fmt.Errorf("seed: divisions_geo.csv has no centre or districts for %s", cw.city)
		}
		g.cities = append(g.cities, c)
		for range cw.weight {
			g.cityPick = append(g.cityPick, ci)
		}
	}
	for s := range xiaoqi.SectorNames {
		g.sectors = append(g.sectors, s)
	}
	slices.Sort(g.sectors)
	for _, s := range g.sectors {
		for _, sk := range tax.BySector(s) {
			switch sk.Category {
			case "language", "general", "outsourcing_practice":
				continue
			}
			g.skills[s] = append(g.skills[s], sk.NameZH)
		}
		if len(g.skills[s]) < 5 {
			return nil, fmt.Errorf("seed: the taxonomy has only %d skills for sector %s", len(g.skills[s]), s)
		}
	}
	g.majorsOf = map[string][]string{}
	for _, sk := range tax.Skills() {
		var names []string
		for _, md := range sk.Majors {
			if m, ok := tax.Major(md.Code); ok && !slices.Contains(names, m.Name) {
				if names = append(names, m.Name); len(names) == 3 {
					break
				}
			}
		}
		g.majorsOf[sk.NameZH] = names
	}
	g.relatedIn = map[xiaoqi.Sector]map[string][]string{}
	for _, sec := range g.sectors {
		g.relatedIn[sec] = map[string][]string{}
		for _, sk := range tax.Skills() {
			var names []string
			for _, rel := range sk.Related {
				if o, ok := tax.Skill(rel.ID); ok && rel.Weight >= 0.4 && slices.Contains(g.skills[sec], o.NameZH) {
					names = append(names, o.NameZH)
				}
			}
			g.relatedIn[sec][sk.NameZH] = names
		}
	}
	g.titleSkills = map[string][]string{}
	for _, w := range sectorWords {
		for _, title := range w.titles {
			var names []string
			for _, m := range tax.Extract(title) {
				if sk, ok := tax.Skill(m.SkillID); ok && !slices.Contains(names, sk.NameZH) {
					names = append(names, sk.NameZH)
				}
			}
			g.titleSkills[title] = names
		}
	}
	rows, err := readCSV("offerings.csv")
	if err != nil {
		return nil, err
	}
	insts, err := loadInstitutions(nil)
	if err != nil {
		return nil, err
	}
	byCode5 := map[string]*xiaoqi.Institution{}
	for _, in := range insts {
		if in.Code != "" {
			byCode5[in.Code[len(in.Code)-5:]] = in
		} else {
			byCode5[in.ExternalID] = in
		}
	}
	for _, r := range rows {
		in := byCode5[r["school_code5"]]
		if in == nil {
			continue
		}
		g.offerings = append(g.offerings, genOffering{schoolID: xiaoqi.NewID(xiaoqi.KindInstitution, in.NaturalKey()),
			school: in.Name, city: in.City, majorCode: r["major_code"], major: r["major_name"]})
	}
	g.src = rand.NewPCG(0, 0)
	g.rnd = rand.New(g.src)
	return g, nil
}

// at resets the random stream to the one of document i of kind k.
func (g *generator) at(k, i int) *rand.Rand {
	g.src.Seed(uint64(g.seed), uint64(k)<<56|uint64(i))
	return g.rnd
}

// again resets the random stream to a second one of document i of kind k, independent of at's.
func (g *generator) again(k, i int) *rand.Rand {
	g.src.Seed(uint64(g.seed)^0x9e3779b97f4a7c15, uint64(k)<<56|uint64(i))
	return g.rnd
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// pickN returns n distinct elements of xs (all of them if it has fewer), in random order; it
// gives up after 20n draws, so repeated elements in xs can shorten the answer but never hang it.
func pickN(r *rand.Rand, xs []string, n int) []string {
	if n >= len(xs) {
		n = len(xs)
	}
	out := make([]string, 0, n)
	for tries := 0; len(out) < n && tries < 20*n; tries++ {
		x := xs[r.IntN(len(xs))]
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// city returns the city of document i: the first ten documents of a kind go one to each city,
// so that every city and region has some; the rest follow cityWeights.
func (g *generator) city(r *rand.Rand, i int) *genCity {
	if i < len(g.cities) {
		return &g.cities[i]
	}
	return &g.cities[g.cityPick[r.IntN(len(g.cityPick))]]
}

// brand is the invented brand part of the name of document i: unique for i < 300.
func brand(i int) string {
	return namePrefixes[i%len(namePrefixes)] + nameCores[(i/len(namePrefixes))%len(nameCores)]
}

// sampleMark ends every synthetic name: 示例 for the default set, 示例 with the index for a
// generated benchmark set, whose names must stay unique up to millions.
func (g *generator) sampleMark(i int) string {
	if g.tag == "default" && i < len(namePrefixes)*len(nameCores) {
		return "（示例）"
	}
	return fmt.Sprintf("（示例 %s-%d）", g.tag, i)
}

func (g *generator) meta(kind string, i int) xiaoqi.Meta {
	return xiaoqi.Meta{Synthetic: true, Source: SourceSynthetic, ExternalID: fmt.Sprintf("%s-%s-%d", g.tag, kind, i)}
}

// training returns training institution i. The first KeyTrainingInstitutions are provincial
// key service-outsourcing training institutions, one in each city (so in all three regions).
func (g *generator) training(i int) *xiaoqi.Institution {
	r := g.at(genTraining, i)
	c := g.city(r, i)
	d := pick(r, c.districts)
	sec := g.sectors[i%len(g.sectors)]
	in := &xiaoqi.Institution{
		Meta: g.meta("ins", i),
		Name: brand(i+37) + pick(r, trainKind) + g.sampleMark(i),
		Type: xiaoqi.InstitutionTraining, City: c.name, District: d.Name, Region: c.region, Geo: d.Geo,
		KeyTraining: i < KeyTrainingInstitutions,
	}
	in.Description = fmt.Sprintf("位于%s%s的服务外包人才培训机构，主要面向%s领域，开设%s等实训课程。本机构为示例数据，并非真实机构。 A synthetic sample training institution, not a real one.",
		c.name, d.Name, xiaoqi.SectorNames[sec][0], strings.Join(pickN(r, g.skills[sec], 3), "、"))
	if in.KeyTraining {
		in.Tags = []string{"省级服务外包重点人才培训机构（示例）"}
		in.Description = "省级服务外包重点人才培训机构（示例，政策第（二）项）。" + in.Description
	}
	return in
}

// program returns training program i, a course of training institution i % Training.
func (g *generator) program(i int) *xiaoqi.Program {
	inst := i % max(g.counts.Training, 1)
	parent := g.training(inst) // resets the stream: draw the program's own after it
	r := g.at(genProgram, i)
	sec := g.sectors[(inst*3+i/max(g.counts.Training, 1))%len(g.sectors)]
	skills := pickN(r, g.skills[sec], 4+r.IntN(3))
	p := &xiaoqi.Program{
		Meta:            g.meta("prg", i),
		InstitutionID:   xiaoqi.NewID(xiaoqi.KindInstitution, parent.NaturalKey()),
		InstitutionName: parent.Name,
		Name:            fmt.Sprintf("%s方向·%s实训课程", xiaoqi.SectorNames[sec][0], skills[0]),
		Degree:          "培训", City: parent.City, District: parent.District, Skills: skills,
		GraduatesPerYear: 20 + 10*r.IntN(20), GraduatesEstimated: true,
	}
	p.Description = fmt.Sprintf("面向%s领域的服务外包岗位，培训%s。结业人数为示例估算。 Synthetic sample course; graduates are an estimate.",
		xiaoqi.SectorNames[sec][0], strings.Join(skills, "、"))
	return p
}

// entCore is what a job needs to know of its enterprise.
type entCore struct {
	name, city, district string
	region               xiaoqi.Region
	geo                  *xiaoqi.GeoPoint
	sectors              []xiaoqi.Sector
	markets              []string
	leading              bool
}

func (g *generator) entCore(i int) entCore {
	r := g.at(genEnterprise, i)
	c := g.city(r, i)
	d := pick(r, c.districts)
	sec := g.sectors[i%len(g.sectors)]
	e := entCore{city: c.name, district: d.Name, region: c.region, geo: d.Geo, sectors: []xiaoqi.Sector{sec},
		leading: i%12 == 5}
	if r.IntN(3) == 0 {
		if s2 := pick(r, g.sectors); s2 != sec {
			e.sectors = append(e.sectors, s2)
		}
	}
	switch x := r.IntN(20); {
	case x < 5:
		e.markets = []string{"日韩"}
	case x < 8:
		e.markets = []string{"欧美"}
	case x < 10:
		e.markets = []string{"东南亚"}
	case x < 11:
		e.markets = []string{"一带一路", "东南亚"}
	case x < 12:
		e.markets = []string{"欧美", "日韩"}
	}
	e.name = brand(i) + sectorWords[sec].industry + "有限公司" + g.sampleMark(i)
	return e
}

// enterprise returns enterprise i. Enterprise i is in sector i mod 14, so every sector has
// some; the first ten are one per city.
func (g *generator) enterprise(i int) *xiaoqi.Enterprise {
	c := g.entCore(i)
	r := g.again(genEnterprise, i)
	e := &xiaoqi.Enterprise{
		Meta: g.meta("ent", i),
		Name: c.name, City: c.city, District: c.district, Region: c.region, Geo: c.geo,
		Sectors: c.sectors, Leading: c.leading, OffshoreMarkets: c.markets,
		Size: entSizes[r.IntN(len(entSizes))],
	}
	w := r.IntN(100)
	for _, t := range entTypes {
		if w < t.weight {
			e.Type = t.name
			break
		}
		w -= t.weight
	}
	var names []string
	for _, s := range c.sectors {
		names = append(names, xiaoqi.SectorNames[s][0])
	}
	// 信息系统服务 is no 信息系统服务服务外包企业.
	e.Description = fmt.Sprintf("%s服务外包企业，位于%s%s，业务涵盖%s。", strings.TrimSuffix(strings.Join(names, "、"), "服务"), c.city, c.district,
		strings.Join(pickN(r, g.skills[c.sectors[0]], 3), "、"))
	if len(c.markets) > 0 {
		e.Description += "承接" + strings.Join(c.markets, "、") + "市场的离岸外包业务。"
	}
	if c.leading {
		e.Description += "服务外包龙头企业（示例，政策第（二）项）。"
	}
	e.Description += "本企业为示例数据，并非真实企业。 A synthetic sample enterprise, not a real company."
	return e
}

// emit yields the generated documents parents first: training institutions, their programs,
// enterprises, job needs, candidates; when only is not nil, only the kinds it accepts (the
// others are never built: a child regenerates what it needs of its parent). It stops when
// yield returns false.
func (g *generator) emit(only func(xiaoqi.Kind) bool, yield func(xiaoqi.Doc) bool) {
	c := g.counts
	for _, part := range []struct {
		kind xiaoqi.Kind
		n    int
		make func(int) xiaoqi.Doc
	}{
		{xiaoqi.KindInstitution, c.Training, func(i int) xiaoqi.Doc { return g.training(i) }},
		{xiaoqi.KindProgram, c.Programs, func(i int) xiaoqi.Doc { return g.program(i) }},
		{xiaoqi.KindEnterprise, c.Enterprises, func(i int) xiaoqi.Doc { return g.enterprise(i) }},
		{xiaoqi.KindJob, c.Jobs, func(i int) xiaoqi.Doc { return g.job(i) }},
		{xiaoqi.KindCandidate, c.Candidates, func(i int) xiaoqi.Doc { return g.candidate(i) }},
	} {
		if only != nil && !only(part.kind) {
			continue
		}
		for i := range part.n {
			d := part.make(i)
			// The id a store would give it, so that the document can go straight into an index.
			d.Base().ID = xiaoqi.NewID(part.kind, d.NaturalKey())
			if !yield(d) {
				return
			}
		}
	}
}
