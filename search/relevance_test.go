package search_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// relevanceCase is one query of testdata/<case>/queries.json with its graded judgments.
type relevanceCase struct {
	Q        string            `json:"q"`
	Types    []xiaoqi.Kind     `json:"types"`
	City     string            `json:"city"`
	Region   []xiaoqi.Region   `json:"region"`
	Degree   []string          `json:"degree"`
	Facets   []string          `json:"facets"`
	FacetTop map[string]string `json:"facet_top"`
	// MinNDCG, when set, is the least nDCG@10 of this query: one whose fix must not be undone
	// unseen in the mean.
	MinNDCG   float64    `json:"min_ndcg"`
	Judgments []judgment `json:"judgments"`
}

// judgment grades the documents it matches; every field given must match.
type judgment struct {
	Type          xiaoqi.Kind `json:"type"`
	Title         string      `json:"title"`
	TitlePrefix   string      `json:"title_prefix"`
	TitleContains string      `json:"title_contains"`
	Enterprise    string      `json:"enterprise"`
	City          string      `json:"city"`
	Skill         string      `json:"skill"`
	Number        int         `json:"number"`
	// Experience, as a searcher writes it (3, 5年以上): a job need whose experience asked for
	// overlaps it. Language: a job need, candidate or enterprise (by its markets) with it.
	Experience string `json:"experience"`
	Language   string `json:"language"`
	// Sector: a job need or a firm of the sector (its code).
	Sector string `json:"sector"`
	// Seeks: an enterprise with a job need of the skill or language (case aside).
	Seeks string `json:"seeks"`
	// Returnee: a candidate who studied abroad; StudiedIn: in that country (德国).
	Returnee  bool   `json:"returnee"`
	StudiedIn string `json:"studied_in"`
	Grade     int    `json:"grade"`
}

// matches reports whether d matches j; seeking holds the skills and languages of each
// enterprise's job needs, by its name.
func (j judgment) matches(d xiaoqi.Doc, seeking map[string][]string) bool {
	title := strings.ToLower(d.Title())
	switch {
	case j.Type != "" && d.Kind() != j.Type,
		j.Title != "" && d.Title() != j.Title,
		j.TitlePrefix != "" && !strings.HasPrefix(title, strings.ToLower(j.TitlePrefix)),
		j.TitleContains != "" && !strings.Contains(title, strings.ToLower(j.TitleContains)):
		return false
	}
	var city, enterprise string
	var skills, langs []string
	var sectors []xiaoqi.Sector
	exp, hasExp := xiaoqi.Experience{}, false
	switch d := d.(type) {
	case *xiaoqi.JobNeed:
		city, enterprise, skills, langs, sectors = d.City, d.EnterpriseName, d.Skills, d.Languages, []xiaoqi.Sector{d.Sector}
		exp, hasExp = xiaoqi.ParseExperience(d.Experience)
	case *xiaoqi.Program:
		city, skills = d.City, d.Skills
	case *xiaoqi.Institution:
		city = d.City
	case *xiaoqi.Candidate:
		city, skills, langs = d.City, d.Skills, d.Languages
	case *xiaoqi.Enterprise:
		city, sectors = d.City, d.Sectors
		for _, ml := range d.MarketLanguages() {
			langs = append(langs, ml.Name)
		}
	case *xiaoqi.Policy:
		if j.Number != 0 && d.Number != j.Number {
			return false
		}
	}
	if j.Number != 0 && d.Kind() != xiaoqi.KindPolicy {
		return false
	}
	if j.City != "" && xiaoqi.NormalizeCity(city) != j.City || j.Enterprise != "" && enterprise != j.Enterprise {
		return false
	}
	if j.Skill != "" && !slices.ContainsFunc(skills, func(s string) bool { return strings.EqualFold(s, j.Skill) }) {
		return false
	}
	if j.Sector != "" && !slices.Contains(sectors, xiaoqi.Sector(j.Sector)) {
		return false
	}
	if c, ok := d.(*xiaoqi.Candidate); j.Returnee && (!ok || !c.Returnee) || j.StudiedIn != "" && (!ok || c.StudyCountry != j.StudiedIn) {
		return false
	}
	if j.Seeks != "" && (d.Kind() != xiaoqi.KindEnterprise ||
		!slices.ContainsFunc(seeking[d.Title()], func(s string) bool { return strings.EqualFold(s, j.Seeks) })) {
		return false
	}
	if j.Language != "" && !slices.ContainsFunc(langs, func(l string) bool { return strings.HasPrefix(l, j.Language) }) {
		return false
	}
	if j.Experience != "" {
		asked, err := xiaoqi.ParseExperienceAsked(j.Experience)
		if err != nil {
			panic(fmt.Sprintf("queries.json: judgment experience %q: %v", j.Experience, err))
		}
		if !hasExp || !exp.Overlaps(asked) {
			return false
		}
	}
	return true
}

// TestRelevance runs the queries of testdata/seed over the seed data, prints nDCG@10 per
// query and the mean, and fails when the mean is below 0.85.
func TestRelevance(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the whole seed data set")
	}
	data, err := os.ReadFile(filepath.Join("testdata", "seed", "queries.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []relevanceCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("queries.json: %v", err)
	}
	if len(cases) < 60 {
		t.Fatalf("%d queries, want at least 60", len(cases))
	}
	opt := productOptions(t)
	set, err := seed.Load(opt.Taxonomy)
	if err != nil {
		t.Fatal(err)
	}
	x, err := search.Open(t.TempDir()+"/index", opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	docs := set.Docs()
	byID := map[string]xiaoqi.Doc{}
	for i, d := range docs {
		// The id a store gives it, which the programs and job needs refer to (a school found
		// through its programs); else one of its own.
		id := xiaoqi.StoredID(d.Kind(), d.NaturalKey())
		if d.Kind() == xiaoqi.KindCandidate || byID[id] != nil {
			id = fmt.Sprintf("%s_%05d", d.Kind(), i)
		}
		d.Base().ID = id
		byID[id] = d
	}
	seeking := map[string][]string{}
	for _, d := range docs {
		if j, ok := d.(*xiaoqi.JobNeed); ok {
			seeking[j.EnterpriseName] = slices.Concat(seeking[j.EnterpriseName], j.Skills, j.Languages)
		}
	}
	for i := 0; i < len(docs); i += 1000 {
		index(t, x, docs[i:min(i+1000, len(docs))]...)
	}

	var sum float64
	for _, c := range cases {
		grade := func(d xiaoqi.Doc) int {
			g := 0
			for _, j := range c.Judgments {
				if j.matches(d, seeking) {
					g = max(g, j.Grade)
				}
			}
			return g
		}
		for _, j := range c.Judgments {
			if !slices.ContainsFunc(docs, func(d xiaoqi.Doc) bool { return j.matches(d, seeking) }) {
				t.Errorf("%q: judgment %+v matches no document of the seed data", c.Q, j)
			}
		}
		q := xiaoqi.SearchQuery{Q: c.Q, Types: c.Types, City: c.City, Regions: c.Region, Degrees: c.Degree, Facets: c.Facets, PerPage: 10}
		res := find(t, x, q)
		var dcg float64
		var got []string
		for i, h := range res.Hits {
			g := grade(byID[h.ID])
			dcg += gain(g, i)
			got = append(got, fmt.Sprintf("%s(%d)", h.Title, g))
		}
		// The ideal: every document the filters allow, best grades first.
		var ideal []int
		for _, d := range docs {
			if g := grade(d); g > 0 && (len(c.Types) == 0 || slices.Contains(c.Types, d.Kind())) {
				ideal = append(ideal, g)
			}
		}
		sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
		var idcg float64
		for i, g := range ideal[:min(10, len(ideal))] {
			idcg += gain(g, i)
		}
		ndcg := 0.0
		if idcg > 0 {
			ndcg = dcg / idcg
		}
		sum += ndcg
		for f, want := range c.FacetTop {
			if fc := res.Facets[f]; len(fc) == 0 || fc[0].Value != want {
				t.Errorf("%q: facet %s = %v, want %s first", c.Q, f, fc, want)
			}
		}
		if ndcg < c.MinNDCG {
			t.Errorf("%q: nDCG@10 %.3f, want at least %.2f", c.Q, ndcg, c.MinNDCG)
		}
		flag := ""
		if ndcg < 0.7 {
			flag = "  <-- low"
		}
		t.Logf("nDCG@10 %.3f  %-20s %s%s", ndcg, c.Q, strings.Join(got[:min(5, len(got))], " "), flag)
	}
	mean := sum / float64(len(cases))
	fmt.Printf("relevance: %d queries over %d seed documents, mean nDCG@10 = %.3f (threshold 0.85)\n", len(cases), len(docs), mean)
	if mean < 0.85 {
		t.Errorf("mean nDCG@10 = %.3f, want at least 0.85", mean)
	}
}

// gain is the discounted gain of grade g at rank i (0-based).
func gain(g, i int) float64 { return (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i)+2) }
