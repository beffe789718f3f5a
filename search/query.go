package search

import (
	"math"
	"regexp"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xiaoqi-dev/xiaoqi"
)

// minShouldMatch is the share of a query's terms a document must contain. CJK text is
// indexed as overlapping bigrams, so 软件测试 asks for 软件, 件测, 测试; requiring about two
// thirds keeps 软件开发与测试 (软件, 测试) but drops 软件工程 (软件 only).
const minShouldMatch = 0.6

// textQuery builds the relevance query for q: each term of q is looked for in every text
// field, boosted by field, and a document must hold minShouldMatch of the terms. There is no
// separate phrase clause: overlapping bigrams already reward adjacency (only a document with
// 软件测试 contiguous holds 件测), and measured on 20k job needs a phrase bonus doubled the
// query time without changing any ranking the tests check. An empty q matches everything; a q
// with no terms (only punctuation) nothing.
//
// With a taxonomy (Options.Taxonomy), a query or a part of it that names a skill also finds
// the skill's other words (see expand).
func (x *Index) textQuery(q string) query.Query {
	if strings.TrimSpace(q) == "" {
		return bleve.NewMatchAllQuery()
	}
	if e := x.expand(q); e != nil {
		return e
	}
	return x.plainQuery(q, minShouldMatch)
}

// plainQuery is textQuery without synonyms, for a non-empty q: a document must hold the share
// min of q's terms.
func (x *Index) plainQuery(q string, min float64) query.Query {
	ts := terms(x.analyzers.zh, q)
	if len(ts) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	perTerm := make([]query.Query, 0, len(ts))
	for _, t := range ts {
		perTerm = append(perTerm, x.termQuery(t))
	}
	all := bleve.NewDisjunctionQuery(perTerm...)
	all.SetMin(math.Ceil(min * float64(len(ts))))
	return all
}

// termQuery finds one analysed term in any text field. A lone CJK character, which the index
// holds only inside bigrams, also matches the bigrams that contain it; a Latin word also
// matches its stem in the English field.
func (x *Index) termQuery(t term) query.Query {
	var qs []query.Query
	for _, f := range textFields {
		tq := bleve.NewTermQuery(t.text)
		tq.SetField(f.name)
		tq.SetBoost(f.boost)
		qs = append(qs, tq)
		if t.unigram {
			rq := bleve.NewRegexpQuery(".?" + regexp.QuoteMeta(t.text) + ".?")
			rq.SetField(f.name)
			rq.SetBoost(f.boost / 2)
			qs = append(qs, rq)
		}
	}
	if t.latin {
		for _, stem := range terms(x.analyzers.en, t.text) {
			tq := bleve.NewTermQuery(stem.text)
			tq.SetField(fieldEN)
			tq.SetBoost(0.5)
			qs = append(qs, tq)
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// withFilters restricts text to the kinds and city of q, without affecting scores.
func withFilters(text query.Query, q xiaoqi.SearchQuery) query.Query {
	types := q.Types
	if len(types) == 0 {
		types = defaultKinds()
	}
	kinds := make([]query.Query, 0, len(types))
	for _, k := range types {
		tq := bleve.NewTermQuery(string(k))
		tq.SetField(fieldType)
		kinds = append(kinds, tq)
	}
	filters := []query.Query{bleve.NewDisjunctionQuery(kinds...)}
	if city := strings.TrimSpace(q.City); city != "" {
		filters = append(filters, cityQuery(city))
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(text)
	b.AddFilter(bleve.NewConjunctionQuery(filters...))
	return b
}

// cityQuery matches a city however it is written: 西安, 西安市; cities outside Shaanxi too
// (北京 or 北京市), which NormalizeCity leaves as they are.
func cityQuery(city string) query.Query {
	n := xiaoqi.NormalizeCity(city)
	names := []string{n}
	if short := strings.TrimSuffix(n, "市"); short != n {
		names = append(names, short)
	} else {
		names = append(names, n+"市")
	}
	qs := make([]query.Query, 0, len(names))
	for _, name := range names {
		tq := bleve.NewTermQuery(name)
		tq.SetField(fieldCity)
		qs = append(qs, tq)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// defaultKinds are the kinds searched when a query names none: every kind but partnerships,
// which are found through their parties.
func defaultKinds() []xiaoqi.Kind {
	out := make([]xiaoqi.Kind, 0, len(xiaoqi.Kinds))
	for _, k := range xiaoqi.Kinds {
		if k != xiaoqi.KindPartnership {
			out = append(out, k)
		}
	}
	return out
}
