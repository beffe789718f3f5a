// Package seed holds the default data set, embedded in the binary: the real Shaanxi
// universities (MOE list), the majors they offer (MOE catalogue), real 51job postings with their
// enterprises, and the 2015 Shaanxi service-outsourcing policy. Sources and licences are in
// data/SOURCE.md. Nothing in this set is synthetic; generated records will be marked
// Synthetic when they are added.
package seed

import (
	"bytes"
	"context"
	"embed"
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

//go:embed data/*.csv data/policy.txt
var files embed.FS

// Set is the default data set, in the order it must be written (parents before children).
type Set struct {
	Policies     []*xiaoqi.Policy
	Institutions []*xiaoqi.Institution
	Programs     []*xiaoqi.Program
	Enterprises  []*xiaoqi.Enterprise
	Jobs         []*xiaoqi.JobNeed
}

// Docs returns every document of the set, parents first.
func (s *Set) Docs() []xiaoqi.Doc {
	var out []xiaoqi.Doc
	for _, d := range s.Policies {
		out = append(out, d)
	}
	for _, d := range s.Institutions {
		out = append(out, d)
	}
	for _, d := range s.Programs {
		out = append(out, d)
	}
	for _, d := range s.Enterprises {
		out = append(out, d)
	}
	for _, d := range s.Jobs {
		out = append(out, d)
	}
	return out
}

// Load reads the embedded data set. Skills are named by the taxonomy tax: a program's are the
// skills its major teaches, a job's are its 51job tags resolved to the taxonomy's Chinese names
// (unknown tags kept as written, benefits and conditions dropped), as ingest.TaxonomySkills
// does for imports. With a nil tax programs have no skills and jobs keep their tags.
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
	return &s, nil
}

// Apply writes the set, with skills named by tax (see Load), into store in batches of
// batchSize. Writing it twice changes nothing: every document has a natural key.
func Apply(ctx context.Context, store xiaoqi.Store, tax *skill.Taxonomy, batchSize int) (written int, err error) {
	s, err := Load(tax)
	if err != nil {
		return 0, err
	}
	if batchSize <= 0 {
		batchSize = 500
	}
	docs := s.Docs()
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
