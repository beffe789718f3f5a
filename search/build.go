package search

import (
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/xiaoqi-dev/xiaoqi"
)

// suggestSep separates the folded form of a suggestion, which prefixes match, from the form
// shown (see suggest.go).
const suggestSep = "\x1f"

// add adds d to b under id (d's own id when id is empty).
func (x *Index) add(b *bleve.Batch, id string, d xiaoqi.Doc) error {
	if id == "" {
		id = d.Base().ID
	}
	doc, err := x.document(id, d)
	if err != nil {
		return err
	}
	return b.IndexAdvanced(doc)
}

// document builds the bleve document of d, analysed by the Index's own analyzers (see
// analysis.go), following fieldSpecs.
func (x *Index) document(id string, d xiaoqi.Doc) (*document.Document, error) {
	fields, err := newDocument(d)
	if err != nil {
		return nil, err
	}
	if _, ok := fields[fieldGeo]; !ok {
		if city, _ := fields[fieldCity].(string); city != "" {
			if p, ok := x.cities[city]; ok {
				fields[fieldGeo] = p
			}
		}
	}
	if p, ok := fields[fieldGeo].(xiaoqi.GeoPoint); ok {
		fields[fieldLat], fields[fieldLon] = p.Lat, p.Lon
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

func (x *Index) addField(doc *document.Document, name string, spec fieldSpec, pos []uint64, v any) error {
	opts := index.IndexField
	if spec.storeOnly {
		opts = 0
	}
	if spec.store {
		opts |= index.StoreField
	}
	if spec.docValues {
		opts |= index.DocValues
	}
	if spec.termVectors {
		opts |= index.IncludeTermVectors
	}
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
