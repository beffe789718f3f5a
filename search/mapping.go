package search

import (
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/xiaoqi-dev/xiaoqi"
)

// mappingVersion names the shape of the mapping, of the analysis and of the documents built
// for it. Change it whenever any of them changes: Open refuses an index built with another
// version (ErrMappingChanged) and `xiaoqi serve` or `xiaoqi reindex` rebuilds it.
const mappingVersion = "xiaoqi-53-salary-months"

// Index field names. Text fields hold words, sub-words and bigrams within words (analysis.go).
const (
	fieldType      = "type"    // the kind; also the mapping's type field
	fieldTitle     = "title"   // Doc.Title(): stored, shown, boosted
	fieldNames     = "names"   // other names and identifiers: institution, enterprise, major, codes
	fieldSkills    = "skills"  // skills and languages
	fieldBody      = "body"    // description, policy text, summary: stored for snippets
	fieldBodyEN    = "body_en" // policies: the English translation, stored only: the snippet of an English query
	fieldPlace     = "place"   // city, district and region as text
	fieldEN        = "en"      // the Latin words of the fields above, stemmed
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
	fieldSector    = "sector"   // sector codes (software, it_ops, …)
	fieldSkill     = "skill"    // skill names as written, exact: filters and facets
	fieldDegree    = "degree"   // 大专 (a school's 专科 too), 本科, 硕士, 博士, 不限
	fieldLanguage  = "language" // 日语N2, 英语CET-6
	fieldDate      = "date"     // when a job was posted, else when the document last changed
	fieldGeo       = "geo"      // the document's point, else its city's centre
	fieldLat       = "lat"      // the geo point again, stored only: a hit's distance
	fieldLon       = "lon"
	fieldVerified  = "verified"         // enterprises: a valid 统一社会信用代码 (xiaoqi.ValidCreditCode)
	fieldEntID     = "enterprise_id"    // jobs: their enterprise, whose verification a hit shows
	fieldInstID    = "institution_id"   // programs: their institution, which a hit links to
	fieldInstType  = "institution_type" // institutions: university or training, which a hit shows and 高校 favours
	fieldNameEN    = "name_en"          // institutions: the English name the school writes, which a hit shows in English
	fieldStatus    = "status"           // jobs: closed, which a hit shows (an open job has none)
	fieldPosted    = "posted_at"        // jobs: the day posted, in China, when the posting says it; a hit shows it
	fieldExp       = "experience"       // jobs: the experience asked for, as Experience.String writes it (3-5年), else as written
	fieldExpMin    = "experience_min"   // jobs: the years of experience asked for (xiaoqi.ParseExperience), from
	fieldExpMax    = "experience_max"   // and to (xiaoqi.ExperienceOpen: no upper end)
	fieldGradYear  = "graduation_year"  // candidates: the year they last graduated, whence their years of experience (experienceFilter)
	fieldSalary    = "salary"           // jobs: the salary as written (1.2-2万), else from its figures, which a hit shows
	fieldSalaryMin = "salary_min"       // jobs: the monthly salary in yuan (salaryTerm), from
	fieldSalaryMax = "salary_max"       // and to (xiaoqi.MaxMonthlySalary: no upper end)
	fieldSalaryTop = "salary_top"       // jobs: the most the salary states (its max, else its min): the salary sort
	fieldSalaryMon = "salary_months"    // jobs: the pays a year (14薪), which an English hit says
	fieldSuggest   = "suggest"          // folded title, skills and names, each "folded\x1foriginal", for prefix suggestions
	fieldPinyin    = "pinyin"           // enterprises and institutions: the name in pinyin, whole and by initials, each "spelling\x1fname" (firmSpellings)
	fieldDocID     = "doc_id"           // the document's id again, as doc values only: the tie-break of every sort
	fieldTitleKey  = "title_key"        // the title folded (titleKey), one term: a query that is a whole title (rankQuery)
)

// fieldInstNameEN is no index field: a hit's institution_name in English (Options.EnglishNames).
const fieldInstNameEN = "institution_name_en"

// textFields are the fields a query searches, with their boosts: a match in the title counts
// most, then names and skills, then the body.
var textFields = []struct {
	name  string
	boost float64
}{
	{fieldTitle, 4}, {fieldNames, 2}, {fieldSkills, 2}, {fieldBody, 1}, {fieldPlace, 1},
}

// wordBoost is how much more a query word found as a word counts than found as bigrams.
const wordBoost = 2

// storedFields are what a hit carries besides its title and snippet.
var storedFields = []string{fieldType, fieldTitle, fieldBody, fieldCity, fieldDistrict, fieldCode,
	fieldInstName, fieldMajorCode, fieldEntName, fieldNumber, fieldSynthetic, fieldVersion, fieldVerified, fieldEntID, fieldInstID, fieldInstType, fieldStatus, fieldExp, fieldDate, fieldNameEN, fieldBodyEN, fieldSalary, fieldSalaryMin, fieldSalaryMax, fieldSalaryMon, fieldGradYear, fieldPosted}

// hitFields are the identifying fields copied into Hit.Fields; the ids let a result list link
// a job to its enterprise and a program to its institution.
var hitFields = []string{fieldCity, fieldDistrict, fieldCode, fieldInstName, fieldMajorCode, fieldEntName, fieldNumber, fieldEntID, fieldInstID, fieldInstType, fieldStatus, fieldExp, fieldNameEN, fieldSalary, fieldSalaryMin, fieldSalaryMax, fieldSalaryMon, fieldGradYear, fieldPosted}

// FacetFields are the fields a query may ask counts of (SearchQuery.Facets).
var FacetFields = []string{fieldCity, fieldRegion, fieldSector, fieldSkill, fieldDegree, fieldType}

// fieldKind says how a field is indexed.
type fieldKind int

const (
	kindText    fieldKind = iota // words, sub-words and bigrams within words
	kindEnglish                  // Latin words, stemmed
	kindKeyword                  // exact values: filters and facets
	kindBool
	kindNumber
	kindDate
	kindGeo
)

// fieldSpec is how one field is indexed and stored.
type fieldSpec struct {
	kind        fieldKind
	store       bool
	docValues   bool // for facets and sorting; neither chunked nor compressed (fieldOptions)
	termVectors bool // positions, for phrase queries: the English field's only (englishPhrase)
	storeOnly   bool // kept for hits, never searched
}

// fieldSpecs declares every field of the index. The mapping below says the same for readers
// of the index's metadata; documents are built from this table (document.go).
var fieldSpecs = map[string]fieldSpec{
	fieldTitle:     {kind: kindText, store: true},
	fieldNames:     {kind: kindText},
	fieldSkills:    {kind: kindText},
	fieldBody:      {kind: kindText, store: true}, // no phrase queries on the body: snippets come from locate
	fieldBodyEN:    {kind: kindText, store: true, storeOnly: true},
	fieldPlace:     {kind: kindText},
	fieldEN:        {kind: kindEnglish, termVectors: true}, // positions: a skill's English name as a phrase (englishPhrase)
	fieldType:      {kind: kindKeyword, store: true, docValues: true},
	fieldCity:      {kind: kindKeyword, store: true, docValues: true},
	fieldDistrict:  {kind: kindKeyword, store: true},
	fieldRegion:    {kind: kindKeyword, docValues: true},
	fieldCode:      {kind: kindKeyword, store: true},
	fieldInstName:  {kind: kindKeyword, store: true},
	fieldNameEN:    {kind: kindKeyword, store: true},
	fieldMajorCode: {kind: kindKeyword, store: true},
	fieldEntName:   {kind: kindKeyword, store: true},
	fieldSector:    {kind: kindKeyword, docValues: true},
	fieldSkill:     {kind: kindKeyword, docValues: true},
	fieldDegree:    {kind: kindKeyword, docValues: true},
	fieldLanguage:  {kind: kindKeyword},
	fieldSuggest:   {kind: kindKeyword},
	fieldPinyin:    {kind: kindKeyword},
	fieldTitleKey:  {kind: kindKeyword},
	// The tie-break of sorts: read from doc values, a few bytes per document, where bleve's
	// own _id costs a decompression of the document's stored fields for every match (15%
	// of the time of queries at 100k documents).
	fieldDocID:  {kind: kindKeyword, docValues: true},
	fieldNumber: {kind: kindNumber, store: true},
	fieldExpMin: {kind: kindNumber},
	fieldExpMax: {kind: kindNumber},
	// Candidates' experience is estimated from when they last graduated, at the time of the
	// search: the index holds the year, which does not age.
	fieldGradYear: {kind: kindNumber, store: true}, // stored: a hit says it (2021年毕业)
	// Salaries as one zero-padded term each (salaryTerm), ranges of terms: a numeric field
	// indexes 16 terms a value, and three of them made indexing 8 % slower.
	fieldSalaryMin: {kind: kindKeyword, store: true},
	fieldSalaryMax: {kind: kindKeyword, store: true},
	fieldSalaryTop: {kind: kindKeyword, docValues: true},
	fieldSalary:    {kind: kindKeyword, store: true, storeOnly: true},
	fieldSalaryMon: {kind: kindNumber, store: true, storeOnly: true},
	fieldVersion:   {kind: kindNumber, store: true, storeOnly: true},
	fieldLat:       {kind: kindNumber, store: true, storeOnly: true},
	fieldLon:       {kind: kindNumber, store: true, storeOnly: true},
	fieldSynthetic: {kind: kindBool, store: true, docValues: true}, // doc values: a listing shows real records first
	fieldVerified:  {kind: kindBool, store: true},
	fieldEntID:     {kind: kindKeyword, store: true, docValues: true}, // counted per firm: withParts
	fieldInstID:    {kind: kindKeyword, store: true, docValues: true}, // counted per school: withParts
	fieldInstType:  {kind: kindKeyword, store: true},
	fieldStatus:    {kind: kindKeyword, store: true, storeOnly: true},
	fieldExp:       {kind: kindKeyword, store: true, storeOnly: true},
	fieldPosted:    {kind: kindKeyword, store: true, storeOnly: true},
	fieldDate:      {kind: kindDate, store: true, docValues: true}, // stored: a hit says its date
	fieldGeo:       {kind: kindGeo, docValues: true},
}

// dateLayout is how dates are indexed.
const dateLayout = time.RFC3339

// newMapping returns the explicit mapping: one static document mapping per kind declaring the
// fields of fieldSpecs, nothing dynamic, no _all field.
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
		m.AddDocumentMapping(string(k), kindMapping())
	}
	return m, m.Validate()
}

func kindMapping() *mapping.DocumentMapping {
	dm := bleve.NewDocumentStaticMapping()
	for name, spec := range fieldSpecs {
		var fm *mapping.FieldMapping
		switch spec.kind {
		case kindText:
			fm = bleve.NewTextFieldMapping()
			fm.Analyzer = analyzerZH
		case kindEnglish:
			fm = bleve.NewTextFieldMapping()
			fm.Analyzer = analyzerEN
		case kindKeyword:
			fm = bleve.NewKeywordFieldMapping()
		case kindBool:
			fm = bleve.NewBooleanFieldMapping()
		case kindNumber:
			fm = bleve.NewNumericFieldMapping()
		case kindDate:
			fm = bleve.NewDateTimeFieldMapping()
		case kindGeo:
			fm = bleve.NewGeoPointFieldMapping()
		}
		fm.Store, fm.DocValues, fm.IncludeInAll, fm.IncludeTermVectors = spec.store, spec.docValues, false, spec.termVectors
		fm.Index = !spec.storeOnly
		dm.AddFieldMappingsAt(name, fm)
	}
	return dm
}
