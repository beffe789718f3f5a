package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/xiaoqi-dev/xiaoqi"
)

// mappingVersion names the shape of the mapping and of the documents built for it. Change it
// whenever either changes: Open refuses an index built with another version (ErrMappingChanged)
// and `xiaoqi reindex` rebuilds it.
const mappingVersion = "xiaoqi-1"

// Index field names.
const (
	fieldType      = "type"   // the kind; also the mapping's type field
	fieldTitle     = "title"  // Doc.Title(): stored, shown, boosted
	fieldNames     = "names"  // other names and identifiers: institution, enterprise, major, codes
	fieldSkills    = "skills" // skills and languages
	fieldBody      = "body"   // description, policy text, summary: stored for snippets
	fieldPlace     = "place"  // city, district and region as text
	fieldEN        = "en"     // the Latin words of the fields above, stemmed
	fieldCity      = "city"
	fieldDistrict  = "district"
	fieldRegion    = "region"
	fieldCode      = "code"
	fieldInstName  = "institution_name"
	fieldMajorCode = "major_code"
	fieldEntName   = "enterprise_name"
	fieldNumber    = "number"
	fieldSynthetic = "synthetic"
	fieldVersion   = "version"
)

// textFields are the fields a query searches, with their boosts: a match in the title counts
// most, then names and skills, then the body.
var textFields = []struct {
	name  string
	boost float64
}{
	{fieldTitle, 4}, {fieldNames, 2}, {fieldSkills, 2}, {fieldBody, 1}, {fieldPlace, 1},
}

// storedFields are what a hit carries besides its title and snippet.
var storedFields = []string{fieldType, fieldTitle, fieldBody, fieldCity, fieldDistrict, fieldCode,
	fieldInstName, fieldMajorCode, fieldEntName, fieldNumber, fieldSynthetic, fieldVersion}

// hitFields are the identifying fields copied into Hit.Fields.
var hitFields = []string{fieldCity, fieldDistrict, fieldCode, fieldInstName, fieldMajorCode, fieldEntName, fieldNumber}

// kindFields lists the identifying fields each kind has, beyond those every kind has.
var kindFields = map[xiaoqi.Kind][]string{
	xiaoqi.KindInstitution: {fieldCity, fieldDistrict, fieldRegion, fieldCode},
	xiaoqi.KindProgram:     {fieldCity, fieldRegion, fieldInstName, fieldMajorCode},
	xiaoqi.KindEnterprise:  {fieldCity, fieldDistrict, fieldRegion},
	xiaoqi.KindJob:         {fieldCity, fieldDistrict, fieldRegion, fieldEntName},
	xiaoqi.KindCandidate:   {fieldCity, fieldRegion},
	xiaoqi.KindPolicy:      {fieldNumber},
	xiaoqi.KindPartnership: {fieldInstName, fieldEntName},
}

// newMapping returns the explicit mapping: one static document mapping per kind, nothing
// dynamic, no _all field.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := addAnalysis(m); err != nil {
		return nil, err
	}
	m.TypeField = fieldType
	m.DefaultAnalyzer = analyzerZH
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	for _, k := range xiaoqi.Kinds {
		m.AddDocumentMapping(string(k), kindMapping(k))
	}
	return m, m.Validate()
}

func kindMapping(k xiaoqi.Kind) *mapping.DocumentMapping {
	dm := bleve.NewDocumentStaticMapping()
	add := func(name string, fm *mapping.FieldMapping) { dm.AddFieldMappingsAt(name, fm) }

	add(fieldType, keyword(true, true))
	add(fieldTitle, text(analyzerZH, true))
	add(fieldNames, text(analyzerZH, false))
	add(fieldSkills, text(analyzerZH, false))
	add(fieldBody, text(analyzerZH, true))
	add(fieldPlace, text(analyzerZH, false))
	enField := text(analyzerEN, false)
	enField.IncludeTermVectors = false // no phrases or snippets on it
	add(fieldEN, enField)

	synthetic := bleve.NewBooleanFieldMapping()
	synthetic.Store, synthetic.IncludeInAll, synthetic.DocValues = true, false, false
	add(fieldSynthetic, synthetic)
	version := bleve.NewNumericFieldMapping()
	version.Index, version.Store, version.IncludeInAll, version.DocValues = false, true, false, false
	add(fieldVersion, version)

	for _, f := range kindFields[k] {
		switch f {
		case fieldNumber:
			n := bleve.NewNumericFieldMapping()
			n.Store, n.IncludeInAll, n.DocValues = true, false, false
			add(f, n)
		case fieldRegion:
			add(f, keyword(false, true))
		case fieldCity:
			add(f, keyword(true, true))
		default:
			add(f, keyword(true, false))
		}
	}
	return dm
}

// keyword is an exact-match field: filters, and later facets (docValues).
func keyword(store, docValues bool) *mapping.FieldMapping {
	fm := bleve.NewKeywordFieldMapping()
	fm.Store, fm.DocValues, fm.IncludeInAll, fm.IncludeTermVectors = store, docValues, false, false
	return fm
}

// text is an analyzed field with term vectors, which phrases and highlighting need.
func text(analyzer string, store bool) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Analyzer, fm.Store, fm.DocValues, fm.IncludeInAll, fm.IncludeTermVectors = analyzer, store, false, false, true
	return fm
}
