// Package seed holds the default data set, embedded in the binary, and a generator of large
// synthetic sets for benchmarks.
//
// Real, from public sources (data/SOURCE.md): the 98 Shaanxi regular higher-education
// institutions of the MOE list (plus 2 military universities that offer catalogue majors),
// the 2,610 undergraduate programs they offer with an estimate of their yearly graduates
// (GraduatesEstimated is set), the 292 real 51job postings in Shaanxi with their enterprises,
// the 15 items of the 2015 Shaanxi service-outsourcing policy, and the reference data the API
// serves read-only: the 883-major catalogue (Majors) and the divisions of Shaanxi (Divisions).
//
// Synthetic, generated from the fixed DefaultSyntheticSeed and labelled: training
// institutions (ten of them provincial key training institutions), their courses, enterprises
// in every sector and city, job needs with full descriptions, and candidates who studied at the
// real universities. Every synthetic record has Meta.Synthetic set and Meta.Source
// "synthetic", and its name says 示例 (sample); no real record has either.
//
// Stream generates any number of such documents in bounded memory (`xiaoqi seed --synthetic N`).
package seed

import (
	"bytes"
	"context"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"slices"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

//go:embed data/*.csv data/policy.txt data/policy_en.txt
var files embed.FS

// Set is the default data set. The first five fields hold real data only; the synthetic
// part is kept apart in Synthetic.
type Set struct {
	Policies     []*xiaoqi.Policy
	Institutions []*xiaoqi.Institution
	Programs     []*xiaoqi.Program
	Enterprises  []*xiaoqi.Enterprise
	Jobs         []*xiaoqi.JobNeed
	// Synthetic is the generated, labelled part.
	Synthetic Synthetic
}

// Synthetic is the generated part of the default data set (seed DefaultSyntheticSeed, sizes
// DefaultCounts). Candidates' education names real institutions by their ids.
type Synthetic struct {
	TrainingInstitutions []*xiaoqi.Institution
	TrainingPrograms     []*xiaoqi.Program
	Enterprises          []*xiaoqi.Enterprise
	Jobs                 []*xiaoqi.JobNeed
	Candidates           []*xiaoqi.Candidate
}

// Docs returns every document of the set in the order it must be written, parents before
// children: policy, institutions, programs, enterprises, job needs, candidates.
func (s *Set) Docs() []xiaoqi.Doc {
	y := &s.Synthetic
	out := make([]xiaoqi.Doc, 0, len(s.Policies)+len(s.Institutions)+len(s.Programs)+len(s.Enterprises)+len(s.Jobs)+
		len(y.TrainingInstitutions)+len(y.TrainingPrograms)+len(y.Enterprises)+len(y.Jobs)+len(y.Candidates))
	out = appendDocs(out, s.Policies)
	out = appendDocs(out, s.Institutions)
	out = appendDocs(out, y.TrainingInstitutions)
	out = appendDocs(out, s.Programs)
	out = appendDocs(out, y.TrainingPrograms)
	out = appendDocs(out, s.Enterprises)
	out = appendDocs(out, y.Enterprises)
	out = appendDocs(out, s.Jobs)
	out = appendDocs(out, y.Jobs)
	out = appendDocs(out, y.Candidates)
	return out
}

func appendDocs[T xiaoqi.Doc](out []xiaoqi.Doc, docs []T) []xiaoqi.Doc {
	for _, d := range docs {
		out = append(out, d)
	}
	return out
}

// Load reads the embedded data set and generates its synthetic part. Skills are named by the
// taxonomy tax: a program's are the skills its major teaches, a job's are its 51job tags
// resolved to the taxonomy's Chinese names (unknown tags kept as written, benefits and
// conditions dropped), as ingest.TaxonomySkills does for imports. With a nil tax real programs
// have no skills and real jobs keep their tags; the synthetic part, whose vocabulary is the
// taxonomy's, then loads the embedded taxonomy itself.
func Load(tax *skill.Taxonomy) (*Set, error) {
	geo, err := loadGeo()
	if err != nil {
		return nil, err
	}
	var s Set
	if s.Policies, err = loadPolicy(); err != nil {
		return nil, err
	}
	if s.Institutions, err = loadInstitutions(geo); err != nil {
		return nil, err
	}
	if s.Programs, err = loadPrograms(s.Institutions, tax); err != nil {
		return nil, err
	}
	if s.Enterprises, s.Jobs, err = loadJobs(geo, tax); err != nil {
		return nil, err
	}
	if tax == nil {
		if tax, err = skill.Load(); err != nil {
			return nil, err
		}
	}
	if s.Synthetic, err = loadSynthetic(tax); err != nil {
		return nil, err
	}
	return &s, nil
}

// loadSynthetic generates the synthetic part of the default data set.
func loadSynthetic(tax *skill.Taxonomy) (Synthetic, error) {
	g, err := newGenerator(tax, DefaultSyntheticSeed, "default", DefaultCounts(), true)
	if err != nil {
		return Synthetic{}, err
	}
	var y Synthetic
	var bad error
	g.emit(nil, func(d xiaoqi.Doc) bool {
		if err := d.Validate(); err != nil {
			bad = fmt.Errorf("seed: synthetic %s %q: %w", d.Kind(), d.Title(), err)
			return false
		}
		switch d := d.(type) {
		case *xiaoqi.Institution:
			y.TrainingInstitutions = append(y.TrainingInstitutions, d)
		case *xiaoqi.Program:
			y.TrainingPrograms = append(y.TrainingPrograms, d)
		case *xiaoqi.Enterprise:
			y.Enterprises = append(y.Enterprises, d)
		case *xiaoqi.JobNeed:
			y.Jobs = append(y.Jobs, d)
		case *xiaoqi.Candidate:
			y.Candidates = append(y.Candidates, d)
		}
		return true
	})
	return y, bad
}

// Apply writes the set, with skills named by tax (see Load), into store in batches of
// batchSize: the documents the store does not hold (by natural key, which every document of the
// set has), and with overwrite also those it holds, as the set has them. Without overwrite a
// record of the set that a user has changed since (a candidate's consent, an enterprise's
// website) is kept as it is; with it, it is put back. Writing the set twice changes nothing.
// Candidates get random ids, as any written without one. A candidate of the set erased at
// their request (xiaoqi.ErasedKeys) is not written again (Unerased).
func Apply(ctx context.Context, store xiaoqi.Store, tax *skill.Taxonomy, batchSize int, overwrite bool) (written int, err error) {
	s, err := Load(tax)
	if err != nil {
		return 0, err
	}
	if batchSize <= 0 {
		batchSize = 500
	}
	docs := s.Docs()
	for _, c := range s.Synthetic.Candidates {
		// The store gives a candidate a random id (xiaoqi.StoredID), never the one computable
		// from its key that the generator gives for indexes: a first start stored the default
		// set's candidates under those, and the next start moved them as an older build's.
		c.ID = ""
	}
	if docs, err = Unerased(ctx, store, docs); err != nil {
		return 0, err
	}
	if !overwrite {
		if docs, err = missing(ctx, store, docs); err != nil {
			return 0, err
		}
	}
	for i := 0; i < len(docs); i += batchSize {
		end := min(i+batchSize, len(docs))
		res, err := store.Upsert(ctx, docs[i:end])
		if err != nil {
			return written, fmt.Errorf("seed: write documents %d–%d: %w", i, end-1, err)
		}
		for _, r := range res {
			if !r.Unchanged {
				written++
			}
		}
	}
	return written, nil
}

// Unerased returns docs without the candidates erased at their request, by their key or by
// their name with phone or e-mail (xiaoqi.Erased, as an import refuses their rows), read from
// the audit log of store when it keeps one: `xiaoqi seed` found an erased candidate of the set
// missing and wrote them again under a new id, public and searchable.
func Unerased(ctx context.Context, store xiaoqi.Store, docs []xiaoqi.Doc) ([]xiaoqi.Doc, error) {
	a, ok := store.(xiaoqi.Accounts)
	if !ok {
		return docs, nil
	}
	erased, err := xiaoqi.ErasedKeys(ctx, a)
	if err != nil {
		return nil, fmt.Errorf("seed: read the erased candidates: %w", err)
	}
	if len(erased) == 0 {
		return docs, nil
	}
	return slices.DeleteFunc(docs, func(d xiaoqi.Doc) bool {
		c, ok := d.(*xiaoqi.Candidate)
		return ok && xiaoqi.Erased(erased, c)
	}), nil
}

// missing returns the documents of docs that store does not hold, found by the id their
// natural key gives.
func missing(ctx context.Context, store xiaoqi.Store, docs []xiaoqi.Doc) ([]xiaoqi.Doc, error) {
	out := docs[:0:0]
	for _, d := range docs {
		nk := d.NaturalKey()
		if nk == "" {
			out = append(out, d)
			continue
		}
		_, err := xiaoqi.GetStored(ctx, store, d.Kind(), nk)
		switch xiaoqi.ErrorCode(err) {
		case "":
		case xiaoqi.ENOTFOUND:
			out = append(out, d)
		default:
			return nil, fmt.Errorf("seed: look up %s %s: %w", d.Kind(), nk, err)
		}
	}
	return out, nil
}

// readCSV reads an embedded CSV file into records keyed by its header.
func readCSV(name string) ([]map[string]string, error) {
	data, err := files.ReadFile("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("seed: %s: header: %w", name, err)
	}
	var out []map[string]string
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("seed: %s line %d: %w", name, line, err)
		}
		m := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		out = append(out, m)
	}
	return out, nil
}
