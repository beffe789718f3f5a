package search

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/xiaoqi-dev/xiaoqi"
)

// suggestSep separates the folded form of a suggestion, which prefixes match, from the form
// shown (see suggest.go).
const suggestSep = "\x1f"

// minPerWorker is the fewest documents worth a goroutine of their own in documents.
const minPerWorker = 64

// documents builds the bleve document of each of docs (ids[i] names docs[i]; an empty id or
// a short ids means the document's own id) on up to GOMAXPROCS goroutines, each taking a
// contiguous share, so the result does not depend on scheduling. A nil doc gives a nil
// document. Building is the serial part of Apply before bleve analyses in parallel: done on
// one goroutine it left a core idle for a tenth of every batch. On error it returns the
// index of the first document that failed.
func (x *Index) documents(ids []string, docs []xiaoqi.Doc) ([]*document.Document, []error) {
	out := make([]*document.Document, len(docs))
	errs := make([]error, len(docs))
	build := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if docs[i] == nil {
				continue
			}
			id := ""
			if i < len(ids) {
				id = ids[i]
			}
			if id == "" {
				id = docs[i].Base().ID
			}
			out[i], errs[i] = x.document(id, docs[i])
		}
	}
	workers := min(runtime.GOMAXPROCS(0), (len(docs)+minPerWorker-1)/minPerWorker)
	if workers <= 1 {
		build(0, len(docs))
	} else {
		var wg sync.WaitGroup
		share := (len(docs) + workers - 1) / workers
		for lo := 0; lo < len(docs); lo += share {
			wg.Go(func() { build(lo, min(lo+share, len(docs))) })
		}
		wg.Wait()
	}
	return out, errs
}

// document builds the bleve document of d (nil for one that is not indexed), analysed by the Index's own analyzers (see
// analysis.go), following fieldSpecs.
func (x *Index) document(id string, d xiaoqi.Doc) (*document.Document, error) {
	if p, ok := d.(*xiaoqi.Program); ok && x.syn != nil {
		if taught := taughtSkills(x.syn.tax, p); len(taught) < len(p.Skills) {
			indexed := *p // the stored program keeps them all
			indexed.Skills = taught
			d = &indexed
		}
	}
	fields, err := newDocument(d)
	if err != nil || fields == nil {
		return nil, err
	}
	switch d.(type) {
	case *xiaoqi.JobNeed, *xiaoqi.Candidate:
		x.skillLanguages(fields)
	}
	if _, ok := fields[fieldGeo]; !ok {
		// The centre of the document's district when the cities know it (西安市/周至县), else
		// of its city: a job of 周至县 is 65 km from 西安's centre, not 0.
		city, _ := fields[fieldCity].(string)
		district, _ := fields[fieldDistrict].(string)
		if p, ok := x.cities[city+"/"+district]; ok && city != "" && district != "" {
			fields[fieldGeo] = p
		} else if p, ok := x.cities[city]; ok && city != "" {
			fields[fieldGeo] = p
		}
	}
	if p, ok := fields[fieldGeo].(xiaoqi.GeoPoint); ok {
		fields[fieldLat], fields[fieldLon] = p.Lat, p.Lon
	}
	fields[fieldDocID] = id
	if title, ok := fields[fieldTitle].(string); ok && title != "" {
		fields[fieldTitleKey] = x.seg.titleKey(title)
	}
	if s, ok := fields[fieldSuggest].([]string); ok {
		for i, v := range s {
			s[i] = x.seg.fold(v) + suggestSep + v
		}
	}
	doc := document.NewDocument(id)
	for name, v := range fields {
		spec, ok := fieldSpecs[name]
		if !ok {
			return nil, fmt.Errorf("search: field %q is not in the mapping", name)
		}
		if list, ok := v.([]string); ok && !spec.store && (spec.kind == kindText || spec.kind == kindKeyword) {
			// One field for the whole list (see listSep): not stored, so nothing shows
			// the joined value.
			a := x.analyzers.list
			if spec.kind == kindKeyword {
				a = x.analyzers.keys
			}
			doc.AddField(document.NewTextFieldCustom(name, nil, []byte(joinList(list)), fieldOptions(spec), a))
			continue
		}
		for i, val := range values(v) {
			var pos []uint64
			if _, multi := v.([]string); multi {
				pos = []uint64{uint64(i)}
			}
			if err := x.addField(doc, name, spec, pos, val); err != nil {
				return nil, fmt.Errorf("search: field %s: %w", name, err)
			}
		}
	}
	return doc, nil
}

// skillLanguages adds to the languages of a job need's or a candidate's fields those among
// its skills (a posting's tag 英语, a profile's summary saying 日语N1): the language filter
// reads the languages alone, and missed the 11 real postings whose English is a tag
// (Automation Tester (英语环境) was not found by language=英语). The matcher merges the two.
func (x *Index) skillLanguages(fields indexDoc) {
	if x.syn == nil {
		return
	}
	skills, _ := fields[fieldSkill].([]string)
	langs, _ := fields[fieldLanguage].([]string)
	added := false
	for _, s := range skills {
		if sk, ok := x.syn.tax.Resolve(s); ok && sk.Category == "language" && !slices.Contains(langs, sk.NameZH) {
			langs, added = append(slices.Clip(langs), sk.NameZH), true
		}
	}
	if added {
		fields[fieldLanguage] = langs
	}
}

// values returns v as a list.
func values(v any) []any {
	if s, ok := v.([]string); ok {
		out := make([]any, len(s))
		for i := range s {
			out[i] = s[i]
		}
		return out
	}
	return []any{v}
}

// fieldOptions returns how bleve indexes a field of spec.
func fieldOptions(spec fieldSpec) index.FieldIndexingOptions {
	opts := index.IndexField
	if spec.storeOnly {
		opts = 0
	}
	if spec.store {
		opts |= index.StoreField
	}
	if spec.docValues {
		// Plain doc values: a search reads them for each hit, for its facets and its sort.
		// Compressed in chunks of 1,024 documents they cost a chunk's decompression for a
		// scattered hit and snappy for dense ones: facets 46 → 35 ms and a date sort of
		// 5,000 jobs 12 → 6 ms at 100k documents, for an index 5 % larger.
		opts |= index.DocValues | index.SkipDVChunking | index.SkipDVCompression
	}
	if spec.termVectors {
		opts |= index.IncludeTermVectors
	}
	return opts
}

func (x *Index) addField(doc *document.Document, name string, spec fieldSpec, pos []uint64, v any) error {
	opts := fieldOptions(spec)
	switch spec.kind {
	case kindText, kindEnglish, kindKeyword:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("want text, have %T", v)
		}
		a := x.analyzers.text
		switch spec.kind {
		case kindEnglish:
			a = x.analyzers.en
		case kindKeyword:
			a = x.analyzers.keyword
		}
		doc.AddField(document.NewTextFieldCustom(name, pos, []byte(s), opts, a))
	case kindBool:
		b, ok := v.(bool)
		if !ok {
			return fmt.Errorf("want bool, have %T", v)
		}
		doc.AddField(document.NewBooleanFieldWithIndexingOptions(name, pos, b, opts))
	case kindNumber:
		n, ok := v.(float64)
		if !ok {
			return fmt.Errorf("want number, have %T", v)
		}
		doc.AddField(document.NewNumericFieldWithIndexingOptions(name, pos, n, opts))
	case kindDate:
		t, ok := v.(time.Time)
		if !ok {
			return fmt.Errorf("want time, have %T", v)
		}
		f, err := document.NewDateTimeFieldWithIndexingOptions(name, pos, t.UTC(), dateLayout, opts)
		if err != nil {
			return err
		}
		doc.AddField(f)
	case kindGeo:
		p, ok := v.(xiaoqi.GeoPoint)
		if !ok {
			return fmt.Errorf("want point, have %T", v)
		}
		doc.AddField(document.NewGeoPointFieldWithIndexingOptions(name, pos, p.Lon, p.Lat, opts))
	}
	return nil
}
