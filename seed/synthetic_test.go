package seed_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

func mustTaxonomy(tb testing.TB) *skill.Taxonomy {
	tb.Helper()
	tax, err := skill.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return tax
}

func mustLoad(tb testing.TB, tax *skill.Taxonomy) *seed.Set {
	tb.Helper()
	s, err := seed.Load(tax)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// checkSynthetic fails unless d says everywhere a user looks that it is synthetic.
func checkSynthetic(t *testing.T, d xiaoqi.Doc) {
	t.Helper()
	m := d.Base()
	if m.ID != xiaoqi.NewID(d.Kind(), d.NaturalKey()) {
		t.Errorf("%s %q: id %q, want the one a store gives its natural key", d.Kind(), d.Title(), m.ID)
	}
	if !m.Synthetic || m.Source != seed.SourceSynthetic || m.ExternalID == "" {
		t.Errorf("%s %q: synthetic %v, source %q, external id %q; want true, %q and an id", d.Kind(), d.Title(), m.Synthetic, m.Source, m.ExternalID, seed.SourceSynthetic)
	}
	if err := d.Validate(); err != nil {
		t.Errorf("%s %q: %v", d.Kind(), d.Title(), err)
	}
	var name, text string
	switch d := d.(type) {
	case *xiaoqi.Institution:
		name, text = d.Name, d.Description
	case *xiaoqi.Program:
		name, text = d.InstitutionName, d.Description
	case *xiaoqi.Enterprise:
		name, text = d.Name, d.Description
	case *xiaoqi.JobNeed:
		name, text = d.EnterpriseName, d.Description
	case *xiaoqi.Candidate:
		name, text = d.Name, d.Summary
	}
	if !strings.Contains(name, "示例") || !strings.Contains(text, "示例") || !strings.Contains(strings.ToLower(text), "synthetic") {
		t.Errorf("%s: name %q or text %q does not say 示例 / synthetic", d.Kind(), name, text)
	}
}

func TestDefaultSynthetic(t *testing.T) {
	s := mustLoad(t, mustTaxonomy(t))
	y := s.Synthetic
	c := seed.DefaultCounts()
	if len(y.TrainingInstitutions) != c.Training || len(y.TrainingPrograms) != c.Programs || len(y.Enterprises) != c.Enterprises ||
		len(y.Jobs) != c.Jobs || len(y.Candidates) != c.Candidates {
		t.Fatalf("synthetic counts %d/%d/%d/%d/%d, want %+v", len(y.TrainingInstitutions), len(y.TrainingPrograms), len(y.Enterprises), len(y.Jobs), len(y.Candidates), c)
	}
	for _, v := range []any{y.TrainingInstitutions, y.TrainingPrograms, y.Enterprises, y.Jobs, y.Candidates} {
		for _, d := range docsOf(v) {
			checkSynthetic(t, d)
		}
	}

	ids := map[string]bool{} // ids of the documents written before, parents first
	keys := map[string]bool{}
	for _, d := range s.Docs() {
		k := string(d.Kind()) + " " + d.NaturalKey()
		if d.NaturalKey() == "" || keys[k] {
			t.Errorf("%s %q: natural key %q empty or repeated: the seed would not be idempotent", d.Kind(), d.Title(), d.NaturalKey())
		}
		keys[k] = true
		ids[xiaoqi.NewID(d.Kind(), d.NaturalKey())] = true
		switch d := d.(type) {
		case *xiaoqi.Program:
			if !ids[d.InstitutionID] {
				t.Errorf("program %q: institution %s not written before it", d.Title(), d.InstitutionID)
			}
		case *xiaoqi.JobNeed:
			if !ids[d.EnterpriseID] {
				t.Errorf("job %q: enterprise %s not written before it", d.Title(), d.EnterpriseID)
			}
		case *xiaoqi.Candidate:
			if !ids[d.Education[0].InstitutionID] {
				t.Errorf("candidate %q: institution %s (%s) not in the set", d.Title(), d.Education[0].InstitutionID, d.Education[0].InstitutionName)
			}
		}
	}

	// Training institutions: exactly ten provincial key ones, in all three regions.
	keyRegions := map[xiaoqi.Region]int{}
	for _, in := range y.TrainingInstitutions {
		if in.Type != xiaoqi.InstitutionTraining {
			t.Errorf("%s: type %q, want training", in.Name, in.Type)
		}
		if in.KeyTraining {
			keyRegions[in.Region]++
		}
	}
	if n := keyRegions[xiaoqi.RegionGuanzhong] + keyRegions[xiaoqi.RegionShaannan] + keyRegions[xiaoqi.RegionShaanbei]; n != 10 || len(keyRegions) != 3 {
		t.Errorf("key training institutions by region %v, want 10 across the three regions", keyRegions)
	}

	// Enterprises: every sector, region and city; some leading; every offshore market.
	sectors, regions, cities, markets := map[xiaoqi.Sector]int{}, map[xiaoqi.Region]int{}, map[string]int{}, map[string]int{}
	leading := 0
	for _, e := range y.Enterprises {
		for _, sec := range e.Sectors {
			sectors[sec]++
		}
		regions[e.Region]++
		cities[e.City]++
		for _, m := range e.OffshoreMarkets {
			markets[m]++
		}
		if e.Leading {
			leading++
		}
		if !strings.HasSuffix(e.Name, "（示例）") {
			t.Errorf("enterprise %q does not end with （示例）", e.Name)
		}
	}
	for sec := range xiaoqi.SectorNames {
		if sectors[sec] == 0 {
			t.Errorf("no synthetic enterprise in sector %s %s", sec, xiaoqi.SectorNames[sec][0])
		}
	}
	for _, r := range xiaoqi.Regions {
		if regions[r] == 0 {
			t.Errorf("no synthetic enterprise in region %s", r)
		}
	}
	if len(cities) != 10 {
		t.Errorf("synthetic enterprises in %d cities (%v), want all 10", len(cities), cities)
	}
	for _, m := range []string{"日韩", "欧美", "东南亚"} {
		if markets[m] == 0 {
			t.Errorf("no enterprise serves the offshore market %s (have %v)", m, markets)
		}
	}
	if leading == 0 || leading > len(y.Enterprises)/4 {
		t.Errorf("%d leading enterprises of %d, want some", leading, len(y.Enterprises))
	}

	// Job needs: full descriptions that name their skills, headcounts, salaries, degree, date;
	// offshore jobs ask for a language such as 日语N2.
	japanese := 0
	for _, j := range y.Jobs {
		if j.Headcount < 1 || j.SalaryMin <= 0 || j.SalaryMax < j.SalaryMin || j.Degree == "" || j.PostedAt.IsZero() || j.Sector == "" {
			t.Errorf("job %q: headcount %d salary %d-%d degree %q posted %v sector %q", j.Name, j.Headcount, j.SalaryMin, j.SalaryMax, j.Degree, j.PostedAt, j.Sector)
		}
		if len(j.Skills) < 3 || !strings.Contains(j.Description, "岗位职责") || !strings.Contains(j.Description, "任职要求") {
			t.Errorf("job %q: skills %q, description %q", j.Name, j.Skills, j.Description)
		}
		for _, sk := range j.Skills {
			if !strings.Contains(j.Description, sk) {
				t.Errorf("job %q: skill %q not in its description", j.Name, sk)
			}
		}
		for _, l := range j.Languages {
			if !strings.Contains(j.Description, l) {
				t.Errorf("job %q: language %q not in its description", j.Name, l)
			}
			if strings.HasPrefix(l, "日语") {
				japanese++
			}
		}
	}
	if japanese == 0 {
		t.Error("no job asks for Japanese (日语N1/N2), though some enterprises serve 日韩")
	}

	// Candidates: real education, skills of their major, languages; obviously fake contacts.
	returnees, founders := 0, 0
	for _, c := range y.Candidates {
		if !strings.HasPrefix(c.Phone, "100") || len(c.Phone) != 11 || !strings.HasSuffix(c.Email, "@example.com") {
			t.Errorf("candidate %q: phone %q e-mail %q are not obviously fake", c.Name, c.Phone, c.Email)
		}
		if c.Visibility != xiaoqi.VisibilityAnonymous {
			t.Errorf("candidate %q: visibility %q, want anonymous (protected by default)", c.Name, c.Visibility)
		}
		if len(c.Skills) == 0 || len(c.Languages) == 0 || len(c.Education) == 0 || c.Education[0].MajorCode == "" {
			t.Errorf("candidate %q: skills %q languages %q education %+v", c.Name, c.Skills, c.Languages, c.Education)
		}
		if c.Returnee {
			returnees++
			if c.StudyCountry == "" {
				t.Errorf("returnee %q has no study country", c.Name)
			}
		}
		if c.WantsToFound {
			founders++
		}
	}
	if returnees == 0 || founders == 0 {
		t.Errorf("%d returnees and %d candidates who want to found a company, want some of each", returnees, founders)
	}
}

// TestGraduateEstimates checks the estimated yearly graduates of the real programs.
func TestGraduateEstimates(t *testing.T) {
	s := mustLoad(t, nil)
	for _, p := range s.Programs {
		if !p.GraduatesEstimated || p.GraduatesPerYear < 10 || p.GraduatesPerYear > 400 {
			t.Fatalf("%s: %d graduates a year (estimated %v), want an estimate between 10 and 400", p.Title(), p.GraduatesPerYear, p.GraduatesEstimated)
		}
	}
	// 软件工程: over 100,000 graduates a year nationally (阳光高考) from 668 schools: 149 each.
	for _, p := range s.Programs {
		if p.InstitutionName == "西安交通大学" && p.MajorCode == "080902" && p.GraduatesPerYear != 149 {
			t.Errorf("西安交通大学 软件工程: %d graduates a year, want about 150", p.GraduatesPerYear)
		}
	}
}

func TestLoadDeterministic(t *testing.T) {
	tax := mustTaxonomy(t)
	a, err := json.Marshal(mustLoad(t, tax).Synthetic)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(mustLoad(t, tax).Synthetic)
	if !bytes.Equal(a, b) {
		t.Error("two loads of the default set generate different synthetic records")
	}
}

// newStore opens a new embedded store, closed when the test ends.
func newStore(t *testing.T) *bolt.Store {
	t.Helper()
	store, err := bolt.Open(filepath.Join(t.TempDir(), "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// TestApply writes the default set into a real embedded store, twice.
func TestApply(t *testing.T) {
	tax := mustTaxonomy(t)
	store := newStore(t)
	ctx := context.Background()
	n, err := seed.Apply(ctx, store, tax, 500, false)
	if err != nil {
		t.Fatal(err)
	}
	want := len(mustLoad(t, tax).Docs())
	if n != want {
		t.Errorf("first apply wrote %d documents, want %d", n, want)
	}
	if n, err := seed.Apply(ctx, store, tax, 500, false); err != nil || n != 0 {
		t.Errorf("second apply wrote %d documents (%v), want 0: the seed must be idempotent", n, err)
	}
	// A record a user changed is kept by a second apply, and put back by one that overwrites.
	set := mustLoad(t, tax)
	c := set.Synthetic.Candidates[0]
	got, err := store.GetByKey(ctx, xiaoqi.KindCandidate, c.NaturalKey())
	if err != nil {
		t.Fatal(err)
	}
	// Under a random id: the one its key gives is computable by anyone who knows the key, and
	// the next open of the store moved such candidates as an older build's.
	if got.Base().ID == xiaoqi.NewID(xiaoqi.KindCandidate, c.NaturalKey()) {
		t.Errorf("the default set's candidate %s is stored under the id its key gives", got.Base().ID)
	}
	id := got.Base().ID
	edited := got.(*xiaoqi.Candidate)
	edited.Summary = "本人修改过的简介（示例）"
	if _, err := store.Upsert(ctx, []xiaoqi.Doc{edited}); err != nil {
		t.Fatal(err)
	}
	if n, err := seed.Apply(ctx, store, tax, 500, false); err != nil || n != 0 {
		t.Errorf("apply after an edit wrote %d documents (%v), want 0", n, err)
	}
	if got, _ := store.Get(ctx, xiaoqi.KindCandidate, id); got.(*xiaoqi.Candidate).Summary != edited.Summary {
		t.Errorf("the edit was lost: %q", got.(*xiaoqi.Candidate).Summary)
	}
	if n, err := seed.Apply(ctx, store, tax, 500, true); err != nil || n != 1 {
		t.Errorf("apply with overwrite wrote %d documents (%v), want the edited one", n, err)
	}
	if got, _ := store.Get(ctx, xiaoqi.KindCandidate, id); got.(*xiaoqi.Candidate).Summary != c.Summary {
		t.Errorf("overwrite did not put the set's summary back: %q", got.(*xiaoqi.Candidate).Summary)
	}
	for _, tc := range []struct {
		kind    xiaoqi.Kind
		filters map[string]string
		want    int64
	}{
		{xiaoqi.KindInstitution, map[string]string{"synthetic": "false"}, 100},
		{xiaoqi.KindInstitution, map[string]string{"synthetic": "true", "type": "training"}, int64(seed.DefaultCounts().Training)},
		{xiaoqi.KindProgram, map[string]string{"synthetic": "false"}, 2610},
		{xiaoqi.KindJob, map[string]string{"source": seed.Source51job, "synthetic": "false"}, 292},
		{xiaoqi.KindJob, map[string]string{"synthetic": "true"}, int64(seed.DefaultCounts().Jobs)},
		{xiaoqi.KindEnterprise, map[string]string{"synthetic": "true", "region": "陕北"}, -1},
		{xiaoqi.KindCandidate, map[string]string{"synthetic": "true"}, int64(seed.DefaultCounts().Candidates)},
		{xiaoqi.KindCandidate, map[string]string{"synthetic": "false"}, 0},
		{xiaoqi.KindPolicy, nil, 15},
	} {
		got, err := store.Count(ctx, tc.kind, tc.filters)
		if err != nil {
			t.Fatal(err)
		}
		if tc.want < 0 && got == 0 || tc.want >= 0 && got != tc.want {
			t.Errorf("%s %v: %d in the store, want %d (-1: some)", tc.kind, tc.filters, got, tc.want)
		}
	}
}

func TestStream(t *testing.T) {
	tax := mustTaxonomy(t)
	const n = 3000
	want := seed.StreamCounts(n)
	if want.Total() != n || want.Jobs < n/2 || want.Candidates == 0 || want.Enterprises == 0 || want.Programs == 0 || want.Training == 0 {
		t.Fatalf("StreamCounts(%d) = %+v", n, want)
	}
	ids := map[string]bool{}
	keys := map[string]bool{}
	got := map[xiaoqi.Kind]int{}
	order := []xiaoqi.Kind{}
	for d, err := range seed.Stream(tax, seed.StreamOptions{Seed: 42, N: n}) {
		if err != nil {
			t.Fatal(err)
		}
		checkSynthetic(t, d)
		got[d.Kind()]++
		if len(order) == 0 || order[len(order)-1] != d.Kind() {
			order = append(order, d.Kind())
		}
		k := string(d.Kind()) + " " + d.NaturalKey()
		if keys[k] {
			t.Errorf("%s %q: natural key %q repeated", d.Kind(), d.Title(), d.NaturalKey())
		}
		keys[k] = true
		ids[xiaoqi.NewID(d.Kind(), d.NaturalKey())] = true
		switch d := d.(type) {
		case *xiaoqi.Program:
			if !ids[d.InstitutionID] {
				t.Fatalf("program %q before its institution %s", d.Title(), d.InstitutionID)
			}
		case *xiaoqi.JobNeed:
			if !ids[d.EnterpriseID] {
				t.Fatalf("job %q before its enterprise %s (%s)", d.Title(), d.EnterpriseID, d.EnterpriseName)
			}
		case *xiaoqi.Candidate:
			if e := d.Education[0]; e.InstitutionID != "" || e.InstitutionName == "" {
				t.Errorf("candidate education %+v: want a real school's name and no id (the stream stands alone)", e)
			}
		}
	}
	if got[xiaoqi.KindInstitution] != want.Training || got[xiaoqi.KindProgram] != want.Programs || got[xiaoqi.KindEnterprise] != want.Enterprises ||
		got[xiaoqi.KindJob] != want.Jobs || got[xiaoqi.KindCandidate] != want.Candidates {
		t.Errorf("stream of %d: %v, want %+v", n, got, want)
	}
	if !slices.Equal(order, []xiaoqi.Kind{xiaoqi.KindInstitution, xiaoqi.KindProgram, xiaoqi.KindEnterprise, xiaoqi.KindJob, xiaoqi.KindCandidate}) {
		t.Errorf("kinds in the order %v, want parents first", order)
	}
}

func streamJSON(t *testing.T, tax *skill.Taxonomy, opts seed.StreamOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for d, err := range seed.Stream(tax, opts) {
		if err != nil {
			t.Fatal(err)
		}
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func TestStreamDeterministic(t *testing.T) {
	tax := mustTaxonomy(t)
	a := streamJSON(t, tax, seed.StreamOptions{Seed: 7, N: 500})
	b := streamJSON(t, tax, seed.StreamOptions{Seed: 7, N: 500})
	c := streamJSON(t, tax, seed.StreamOptions{Seed: 8, N: 500})
	if !bytes.Equal(a, b) {
		t.Error("the same seed generated different documents")
	}
	if bytes.Equal(a, c) {
		t.Error("seeds 7 and 8 generated the same documents")
	}
}

func TestStreamSmallAndBad(t *testing.T) {
	tax := mustTaxonomy(t)
	for _, n := range []int{0, 1, 2, 7, 99} {
		count := 0
		for d, err := range seed.Stream(tax, seed.StreamOptions{N: n}) {
			if err != nil || d == nil {
				t.Fatalf("N=%d: %v", n, err)
			}
			count++
		}
		if count != n {
			t.Errorf("N=%d: %d documents", n, count)
		}
	}
	// Stopping early stops the generator.
	count := 0
	for range seed.Stream(tax, seed.StreamOptions{N: 1_000_000}) {
		if count++; count == 10 {
			break
		}
	}
	for _, tc := range []struct {
		tax  *skill.Taxonomy
		n    int
		code string
	}{{tax, -1, xiaoqi.EINVALID}, {tax, seed.MaxStream + 1, xiaoqi.EINVALID}, {nil, 10, xiaoqi.EINTERNAL}} {
		var errs []error
		for d, err := range seed.Stream(tc.tax, seed.StreamOptions{N: tc.n}) {
			if d != nil {
				t.Errorf("N=%d: a document with the error", tc.n)
			}
			errs = append(errs, err)
		}
		if len(errs) != 1 || xiaoqi.ErrorCode(errs[0]) != tc.code {
			t.Errorf("N=%d tax %v: errors %v, want one %s", tc.n, tc.tax != nil, errs, tc.code)
		}
		var e *xiaoqi.Error
		if tc.code == xiaoqi.EINVALID && (!errors.As(errs[0], &e) || !strings.Contains(e.Message, "无效") || e.Details[0].Field != "N") {
			t.Errorf("N=%d: error %v does not name N in Chinese and English", tc.n, errs[0])
		}
	}
}

// BenchmarkStream measures the generator: documents per second and heap bytes allocated per
// document (allocation, not retention: the live heap stays flat, see the figure heap-MB, the
// heap in use after the run).
func BenchmarkStream(b *testing.B) {
	tax := mustTaxonomy(b)
	b.ReportAllocs()
	n := 0
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		for _, err := range seed.Stream(tax, seed.StreamOptions{Seed: 1, N: 100_000}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(n)/secs, "docs/s")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(n), "B/doc")
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapInuse)/(1<<20), "heap-MB")
}

func TestGenerate(t *testing.T) {
	tax := mustTaxonomy(t)
	c, ok := seed.KindCounts(xiaoqi.KindJob, 200)
	if !ok || c.Jobs != 200 || c.Enterprises != 23 || c.Total() != 223 {
		t.Fatalf("KindCounts(job, 200) = %+v, %v", c, ok)
	}
	if _, ok := seed.KindCounts(xiaoqi.KindPolicy, 5); ok {
		t.Error("KindCounts(policy) is ok: the generator makes no policy items")
	}
	ents := map[string]bool{}
	for d, err := range seed.Generate(tax, 5, c, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if e, ok := d.(*xiaoqi.Enterprise); ok {
			ents[xiaoqi.NewID(xiaoqi.KindEnterprise, e.NaturalKey())] = true
		}
	}
	jobs := 0
	named := map[string]bool{}
	for d, err := range seed.Generate(tax, 5, c, func(k xiaoqi.Kind) bool { return k == xiaoqi.KindJob }) {
		if err != nil {
			t.Fatal(err)
		}
		j, ok := d.(*xiaoqi.JobNeed)
		if !ok {
			t.Fatalf("only jobs asked, got a %s", d.Kind())
		}
		jobs++
		named[j.EnterpriseID] = true
		if !ents[j.EnterpriseID] {
			t.Errorf("job %q names enterprise %s, which the same counts with parents do not make", j.Name, j.EnterpriseID)
		}
	}
	if jobs != 200 || len(named) != len(ents) {
		t.Errorf("%d jobs naming %d enterprises, want 200 naming all %d", jobs, len(named), len(ents))
	}
	for _, bad := range []struct {
		c     seed.Counts
		field string
	}{{seed.Counts{Jobs: 3}, "Enterprises"}, {seed.Counts{Programs: 3}, "Training"}, {seed.Counts{Candidates: -1}, "Candidates"}} {
		for _, err := range seed.Generate(tax, 1, bad.c, nil) {
			if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || len(xiaoqi.ErrorDetails(err)) == 0 || xiaoqi.ErrorDetails(err)[0].Field != bad.field {
				t.Errorf("Generate(%+v): %v, want invalid naming %s", bad.c, err, bad.field)
			}
		}
	}
}

// TestSyntheticStudiesInOrder: 15 of the 300 synthetic candidates held a master's of the year
// of their bachelor's or the year after (榆林学院 本科 2026 and 硕士 2026), implausible to a
// recruiter and feeding the experience a profile is said to have. A master's comes two years
// or more after the bachelor's, by 2026, and the birth some twenty years before.
func TestSyntheticStudiesInOrder(t *testing.T) {
	s := mustLoad(t, mustTaxonomy(t))
	masters := 0
	for _, c := range s.Synthetic.Candidates {
		var bachelor, master int
		for _, e := range c.Education {
			switch e.Degree {
			case "本科":
				bachelor = e.GraduationYear
			case "硕士":
				master = e.GraduationYear
			}
		}
		var born int
		fmt.Sscanf(c.BirthDate, "%d", &born)
		if bachelor == 0 || bachelor > 2026 || bachelor-born < 21 || bachelor-born > 24 {
			t.Errorf("%s: born %s, bachelor's %d", c.ID, c.BirthDate, bachelor)
		}
		if master != 0 {
			masters++
			if master-bachelor < 2 || master > 2026 {
				t.Errorf("%s: bachelor's %d, master's %d", c.ID, bachelor, master)
			}
			if !strings.Contains(c.Summary, fmt.Sprintf("%d年毕业于", bachelor)) {
				t.Errorf("%s: bachelor's %d, summary %q", c.ID, bachelor, c.Summary)
			}
		}
	}
	if masters < 20 {
		t.Errorf("%d synthetic candidates with a master's: the check ran on too few", masters)
	}
}
