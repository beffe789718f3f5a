package seed

import (
	"context"
	"fmt"
	"slices"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// A filler copies one field that a later version of the data set added from the set's record
// into the stored one, when the stored one has none, and reports whether it did.
type filler struct {
	kind  xiaoqi.Kind
	field string
	fill  func(stored, set xiaoqi.Doc) bool
}

// fillValue fills *stored from set when *stored is empty.
func fillValue[T comparable](stored *T, set T) bool {
	var zero T
	if *stored != zero || set == zero {
		return false
	}
	*stored = set
	return true
}

// fillers are the fields the data set gained after stores were loaded from it: what a store
// loaded by an earlier version lacks and Fill writes.
var fillers = []filler{
	{xiaoqi.KindInstitution, "name_en", func(s, d xiaoqi.Doc) bool {
		return fillValue(&s.(*xiaoqi.Institution).NameEN, d.(*xiaoqi.Institution).NameEN)
	}},
	{xiaoqi.KindPolicy, "section_en", func(s, d xiaoqi.Doc) bool {
		return fillValue(&s.(*xiaoqi.Policy).SectionEN, d.(*xiaoqi.Policy).SectionEN)
	}},
	{xiaoqi.KindPolicy, "heading_en", func(s, d xiaoqi.Doc) bool {
		return fillValue(&s.(*xiaoqi.Policy).HeadingEN, d.(*xiaoqi.Policy).HeadingEN)
	}},
	{xiaoqi.KindPolicy, "text_en", func(s, d xiaoqi.Doc) bool {
		return fillValue(&s.(*xiaoqi.Policy).TextEN, d.(*xiaoqi.Policy).TextEN)
	}},
	{xiaoqi.KindProgram, "district", func(s, d xiaoqi.Doc) bool {
		return fillValue(&s.(*xiaoqi.Program).District, d.(*xiaoqi.Program).District)
	}},
	{xiaoqi.KindJob, "sector", func(s, d xiaoqi.Doc) bool {
		return fillValue(&s.(*xiaoqi.JobNeed).Sector, d.(*xiaoqi.JobNeed).Sector)
	}},
	{xiaoqi.KindEnterprise, "sectors", func(s, d xiaoqi.Doc) bool {
		se, de := s.(*xiaoqi.Enterprise), d.(*xiaoqi.Enterprise)
		if len(se.Sectors) > 0 || len(de.Sectors) == 0 {
			return false
		}
		se.Sectors = slices.Clone(de.Sectors)
		return true
	}},
}

// Filled says what Fill did.
type Filled struct {
	// Checked is how many stored records of the set Fill read; Records how many it changed;
	// Fields how many records got each field, by its JSON name.
	Checked, Records int
	Fields           map[string]int
}

// Fill writes into the records of the set that the store holds the fields that later versions
// of the set added (fillers: a school's English name, the policy's translation, a program's
// district, a posting's and its firm's sectors), where the stored record has none, and
// changes nothing else: what users changed in a record stays, unlike Apply with overwrite.
// Records the store lacks are Apply's; candidates are never touched. A field that a user
// emptied on purpose is filled again. Writing is in batches of batchSize; filling twice
// changes nothing.
func Fill(ctx context.Context, store xiaoqi.Store, tax *skill.Taxonomy, batchSize int) (Filled, error) {
	out := Filled{Fields: map[string]int{}}
	s, err := Load(tax)
	if err != nil {
		return out, err
	}
	if batchSize <= 0 {
		batchSize = 500
	}
	var batch []xiaoqi.Doc
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := store.Upsert(ctx, batch); err != nil {
			return fmt.Errorf("seed: fill %d records: %w", len(batch), err)
		}
		out.Records += len(batch)
		batch = batch[:0]
		return nil
	}
	for _, d := range s.Docs() {
		nk := d.NaturalKey()
		if d.Kind() == xiaoqi.KindCandidate || nk == "" || !slices.ContainsFunc(fillers, func(f filler) bool { return f.kind == d.Kind() }) {
			continue
		}
		stored, err := xiaoqi.GetStored(ctx, store, d.Kind(), nk)
		if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
			continue
		}
		if err != nil {
			return out, fmt.Errorf("seed: look up %s %s: %w", d.Kind(), nk, err)
		}
		out.Checked++
		changed := false
		for _, f := range fillers {
			if f.kind == d.Kind() && f.fill(stored, d) {
				out.Fields[f.field]++
				changed = true
			}
		}
		if changed {
			// With the version read: a record changed meanwhile fails the batch (ECONFLICT)
			// rather than lose that change.
			if batch = append(batch, stored); len(batch) >= batchSize {
				if err := flush(); err != nil {
					return out, err
				}
			}
		}
	}
	return out, flush()
}
