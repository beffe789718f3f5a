package xiaoqi

import (
	"context"
	"time"
)

// Store is the system of record. Implementations: bolt (embedded, the default) and mongodb.
// Both pass the conformance suite in storetest.
type Store interface {
	// Upsert writes a batch of documents of any kinds. Each document is validated first; one
	// invalid document fails the whole batch with EINVALID naming it ("docs[3].title"), and
	// nothing is written.
	//
	// A document is matched to a stored one by its ID when set, else by its natural key; a
	// document that matches none is inserted with its own ID when it carries one, else with
	// StoredID(kind, naturalKey) (or, if that id is taken by a document whose key has since
	// changed, ECONFLICT: a stable id per key is not guaranteed after a re-key). A write whose
	// content equals the stored content changes nothing (no new version, no change). A
	// document carrying a non-zero Version that differs from the stored one fails with
	// ECONFLICT, as does a natural key already held by another document. A document carrying
	// a non-zero Version that matches no stored document fails with ECONFLICT too, and is
	// never inserted: the writer read a document that has been deleted since (a PUT racing a
	// DELETE brought an erased candidate back, at version 1). The check and the write are one
	// step (a compare-and-swap: in the embedded store and on MongoDB, not on FerretDB, see
	// package mongodb), so of two writers that read one version only one writes.
	//
	// Upsert sets ID, Version, CreatedAt and UpdatedAt on the documents passed in.
	Upsert(ctx context.Context, docs []Doc) ([]WriteResult, error)

	// Get returns one document, or ENOTFOUND.
	Get(ctx context.Context, kind Kind, id string) (Doc, error)

	// GetByKey returns the document of kind whose natural key is key, or ENOTFOUND. The id
	// of a candidate does not derive from its key (StoredID): this finds it.
	GetByKey(ctx context.Context, kind Kind, key string) (Doc, error)

	// List returns documents of one kind in id order, filtered by equality on FilterFields,
	// one page at a time: pass the previous page's Next as After.
	List(ctx context.Context, kind Kind, opt ListOptions) (*ListPage, error)

	// Count counts the documents of one kind that match the filters.
	Count(ctx context.Context, kind Kind, filters map[string]string) (int64, error)

	// Delete removes a document and leaves a tombstone in the change feed; ENOTFOUND if absent.
	// A version other than 0 is the version the caller read (If-Match): a document stored at
	// another version is not deleted, and Delete fails with ECONFLICT, checked and deleted in
	// one step as Upsert checks, so that an erasure never removes a version its sender did not
	// see. 0 deletes whatever version is stored.
	Delete(ctx context.Context, kind Kind, id string, version int64) (WriteResult, error)

	// Changes returns up to limit changes with Seq > after, in Seq order. A follower that
	// applies them in order and asks again with the last Seq never misses a change, even
	// with several writers. Doc is never nil for OpUpsert: it is the document's current state.
	// A change superseded by a later change of the same document may be left out (an upsert
	// of a document deleted since, whose tombstone follows; in the embedded store, every
	// change but a document's latest), but the newest change is always returned, so an empty
	// answer means the follower is caught up.
	Changes(ctx context.Context, after uint64, limit int) ([]Change, error)

	// LastSeq returns the sequence of the newest change that Changes can return now.
	LastSeq(ctx context.Context) (uint64, error)

	Close() error
}

// Restorer is a Store that can also write documents as another store holds them: under their
// IDs, with their Versions, CreatedAt and UpdatedAt (a zero time is taken as now, a Version
// below 1 as 1). `xiaoqi copy` moves a store into another with it: the embedded store into
// MongoDB to scale out, or back. Both stores implement it; storetest checks it.
//
// Restore validates every document as Upsert does, and each must carry an ID. It only
// inserts: a document whose ID or natural key the store holds, or that another of the batch
// holds, fails the batch with ECONFLICT naming it, before anything is written. Each document
// written is logged in the change feed like any write, so that search indexes follow.
type Restorer interface {
	Restore(ctx context.Context, docs []Doc) ([]WriteResult, error)
}

// ListOptions selects a page of documents.
type ListOptions struct {
	Filters map[string]string
	// After is the cursor: the Next of the previous page.
	After string
	// Limit is the page size; stores cap it at MaxListLimit and default it to DefaultListLimit.
	Limit int
}

// Page limits of List.
const (
	DefaultListLimit = 20
	MaxListLimit     = 1000
)

// ListPage is one page of List.
type ListPage struct {
	Docs []Doc
	// Next is the cursor of the next page, "" on the last page.
	Next string
}

// WriteResult reports what a write did to one document.
type WriteResult struct {
	Kind    Kind   `json:"type"`
	ID      string `json:"id"`
	Version int64  `json:"version"`
	// Seq is the change-feed sequence of the write, 0 if it changed nothing.
	Seq       uint64 `json:"seq"`
	Created   bool   `json:"created"`
	Unchanged bool   `json:"unchanged"`
}

// Index is the search index that follows a Store's change feed.
type Index interface {
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)
	// Seq is the sequence of the last change applied.
	Seq() uint64
	// WaitFor blocks until the index has applied seq, or ctx ends.
	WaitFor(ctx context.Context, seq uint64) error
}

// Search limits. Beyond them a query is answered EINVALID.
const (
	MaxPerPage      = 100
	MaxResultWindow = 10000
	MaxQueryLength  = 256
)

// SearchQuery is a full-text search over the index, with filters, facets and a sort.
//
// Filters combine with AND; the values of one filter with OR (Skills {"Java", "Python"}
// finds documents with either). Values are exact, as the facets report them.
type SearchQuery struct {
	// Q is the query text; empty matches everything. Every word must be found.
	Q string
	// Types restricts the kinds searched; empty searches all public kinds.
	Types []Kind
	// City filters by city ("西安" or "西安市"); Cities by any of several.
	City   string
	Cities []string
	// Regions (关中, 陕南, 陕北), Districts (雁塔区), Sectors (software, it_ops, …).
	Regions   []Region
	Districts []string
	Sectors   []Sector
	// Skills, Degrees (本科), Languages (日语N2), Institutions and Enterprises by full name.
	Skills       []string
	Degrees      []string
	Languages    []string
	Institutions []string
	Enterprises  []string
	// Experience, when set, keeps the job needs whose experience asked for overlaps it (3
	// years: 1-3年, 3-5年, 3年以上, 不限; not 5-7年 or 应届生): job needs that state none, and
	// other kinds, are left out.
	Experience *Experience
	// Salary, when set, keeps the job needs whose monthly salary range overlaps it (1万以上:
	// those that may pay 10,000 yuan a month or more; 8千-1.2万: those whose range meets it):
	// job needs that state none (面议), and other kinds, are left out.
	Salary *SalaryRange
	// Synthetic, when set, keeps only synthetic (true) or only real (false) documents.
	Synthetic *bool
	// From and To bound the date (a job's posting date, else the last change): From ≤ date < To.
	From, To time.Time
	// Near is the centre of a distance filter or sort: a point, or NearCity, a city's centre.
	// WithinKM, when above 0, keeps documents at most that far from it.
	Near     *GeoPoint
	NearCity string
	WithinKM float64
	// Sort is SortRelevance (the default), SortDateDesc, SortDateAsc, SortDistance (needs Near)
	// or SortSalary.
	Sort string
	// Facets names the fields to count values of: city, region, sector, skill, degree, type.
	Facets []string
	// FacetSize is the number of values per facet, most frequent first; default 10, at most MaxFacetSize.
	FacetSize int
	// Page is 1-based; PerPage defaults to 10 and is at most MaxPerPage.
	Page    int
	PerPage int
}

// Sort orders of SearchQuery.Sort.
const (
	SortRelevance = "relevance"
	SortDateDesc  = "date:desc"
	SortDateAsc   = "date:asc"
	SortDistance  = "distance"
	SortSalary    = "salary" // the job needs that may pay most first
)

// SalaryRange is a monthly salary in yuan, from Min to Max; Max 0 has no upper end.
type SalaryRange struct {
	Min int `json:"min"`
	Max int `json:"max,omitempty"`
}

// MaxFacetSize caps SearchQuery.FacetSize.
const MaxFacetSize = 100

// SearchResult is one page of hits.
type SearchResult struct {
	Total   uint64        `json:"total"`
	Page    int           `json:"page"`
	PerPage int           `json:"per_page"`
	Took    time.Duration `json:"-"`
	Hits    []Hit         `json:"hits"`
	// Relaxed says that no document held every word of the query, and the hits hold as many
	// of them as any document does (the UI says so: "未找到包含全部关键词的结果 / no result has
	// every word").
	Relaxed bool `json:"relaxed,omitempty"`
	// Unmatched are the words of a relaxed query, as typed, that no document (within the
	// filters) holds at all: 区块链 of 区块链 延安; for a query of one part whose words are
	// each found, only not together, the part (量子计算). Empty when each of several parts is
	// found, only not together.
	Unmatched []string `json:"unmatched,omitempty"`
	// Outside are the places of a relaxed query, as typed, that no hit is in: the other
	// words were found together only elsewhere (呼叫中心 咸阳 lists the call-centre courses of
	// other cities, outside 咸阳).
	Outside []string `json:"outside,omitempty"`
	// OutsideKinds are the kinds a query asks for by its words (培训, 公司, 候选人 …) that no
	// document of its places is, while its other words are found there: 日语培训 宝鸡 lists the
	// 日语 programs of other cities (Outside names 宝鸡), not the profiles of 宝鸡 that say 日语.
	OutsideKinds []Kind `json:"outside_kinds,omitempty"`
	// Nearby are the cities the hits were taken from instead of Outside's places, when those
	// are districts or zones of them: 杨凌 培训机构 lists the training institutions of 咸阳市,
	// 高新区 大学 the institutions of 西安市, 外包公司 高新区 (no firm of the zone says 外包)
	// the outsourcing firms of 西安市. Empty when the hits are from anywhere.
	Nearby []string `json:"nearby,omitempty"`
	// UnmetCue is the words of a query that ask for a kind, as written (培训机构), when no
	// document of that kind holds the other words with the word the cue keeps (培训): the hits
	// hold the other words, the kinds asked for first. 西安 培训机构 日语 lists the 日语 programs
	// and schools of 西安, as no training school of the data teaches 日语.
	UnmetCue string `json:"unmet_cue,omitempty"`
	// Instead is what was searched in place of the query, which found nothing: the name of a
	// school, skill or major, or the word of the trade, its pinyin spells, whole or by initials
	// (xajt: 西安交通大学; houduan: 后端), the one of most documents; or the query with its Chinese
	// words that found nothing written as the word of the vocabulary that reads the same in
	// pinyin (前段开发: 前端开发). The UI says so.
	Instead string `json:"instead,omitempty"`
	// Ignored are the words of the query, as typed, that say who a person is, their age,
	// gender, marital status or ethnicity (35岁以下, 女, 已婚), which xiaoqi never searches
	// by: they are left out of the words, and the UI says so.
	Ignored []string `json:"ignored,omitempty"`
	// Facets holds the counts asked for, by facet name.
	Facets map[string][]FacetCount `json:"facets,omitempty"`
}

// FacetCount is how many hits have one value of a facet.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Suggestion is a completion of what a user is typing: a title, skill or name that the index
// holds, with the number of documents that carry it.
type Suggestion struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// Suggester completes prefixes for search-as-you-type.
type Suggester interface {
	Suggest(ctx context.Context, prefix string, limit int) ([]Suggestion, error)
}

// KindSuggester completes prefixes among the documents of one kind: the tab a user types in.
type KindSuggester interface {
	SuggestKind(ctx context.Context, prefix string, limit int, kind Kind) ([]Suggestion, error)
}

// Suggest limits.
const (
	MaxSuggestLength = 32 // runes of the prefix
	MaxSuggestions   = 20
)

// Hit is one search result: what a result list shows.
type Hit struct {
	ID      string  `json:"id"`
	Type    Kind    `json:"type"`
	Title   string  `json:"title"`
	Score   float64 `json:"score"`
	Snippet string  `json:"snippet,omitempty"`
	// SnippetLang is "en" when the snippet comes from the unofficial English translation of a
	// policy item, which a search typed without Chinese shows; else empty (the Chinese text).
	SnippetLang string `json:"snippet_lang,omitempty"`
	Synthetic   bool   `json:"synthetic"`
	Version     int64  `json:"version"`
	// DistanceKM is the distance from SearchQuery.Near, when one was given.
	DistanceKM *float64 `json:"distance_km,omitempty"`
	// Fields carries the identifying fields of the hit's kind: city, code, name_en (an
	// institution's English name, when known), institution_name (and institution_name_en, its
	// English name, when known), major_code,
	// enterprise_name, district, number; and for enterprises and jobs verified,
	// whether the enterprise has a valid 统一社会信用代码 (ValidCreditCode).
	Fields map[string]any `json:"fields,omitempty"`
}
