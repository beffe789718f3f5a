package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Bounds of the schools found through their programs and the firms through their job needs
// (withParts).
const (
	maxTeaching   = 200 // institutions (enterprises) counted
	teachingBoost = 0.1 // per log(1 + programs that match)
	seekingBoost  = 5.0 // per log(1 + job needs that match)
	// A school's programs of the same class of the catalogue as those that match (专业类: the
	// first four digits of the code, 0502 外国语言文学类 for 日语) tell the schools apart that
	// teach as many of them: 日语 among 院校 listed sixteen schools with one 日语 program each
	// in the order of their ids; 西安外国语大学, with a dozen language programs, comes first.
	kinBoost   = 0.02 // per log(1 + programs of the class)
	maxClasses = 3    // the most frequent codes among the matching programs whose classes count
)

// kindredPrograms counts, by institution, the programs of the classes of the catalogue that
// the most frequent codes of codes (a facet of matching programs' major codes) belong to.
func (x *Index) kindredPrograms(ctx context.Context, codes *search.FacetResult) (map[string]int, error) {
	if codes == nil || codes.Terms == nil {
		return nil, nil
	}
	var classes []query.Query
	seen := map[string]bool{}
	for _, t := range codes.Terms.Terms() {
		if len(t.Term) < 4 || seen[t.Term[:4]] {
			continue
		}
		seen[t.Term[:4]] = true
		pq := bleve.NewPrefixQuery(t.Term[:4])
		pq.SetField(fieldMajorCode)
		classes = append(classes, pq)
	}
	if len(classes) == 0 {
		return nil, nil
	}
	tq := bleve.NewTermQuery(string(xiaoqi.KindProgram))
	tq.SetField(fieldType)
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(tq, bleve.NewDisjunctionQuery(classes...)), 0, 0, false)
	req.Score = bleve.ScoreNone
	req.AddFacet(fieldInstID, bleve.NewFacetRequest(fieldInstID, maxTeaching))
	res, err := x.inner(ctx, req, "programs of the classes of the catalogue")
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	if f := res.Facets[fieldInstID]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out[t.Term] = t.Count
		}
	}
	return out, nil
}

// withParts returns the text query of a search among institutions alone (asksSchools: by
// the type filter, or by the words, 软件工程 院校) that also finds
// the schools whose programs match it: 日语 among 院校 finds the universities with a 日语
// program (none says 日语 in its name), more of them first; and of a search among
// enterprises alone (asksFirms: Java 企业) the firms whose job needs match it: Java 企业 listed
// the one firm that says Java, not the 60 that seek it. parts counts the matching programs or
// job needs of each school or firm found so (a hit's fields.programs or fields.jobs). Any
// other search is unchanged.
func (x *Index) withParts(ctx context.Context, text query.Query, q xiaoqi.SearchQuery) (query.Query, map[string]int, error) {
	if strings.TrimSpace(q.Q) == "" || cueOnly(q.Q) != nil {
		return text, nil, nil // no words, or none but the kind's (企业, 高校): nothing to teach or seek
	}
	part, owner := xiaoqi.KindProgram, fieldInstID
	switch {
	case asksSchools(q):
	case asksFirms(q):
		part, owner = xiaoqi.KindJob, fieldEntID
	default:
		return text, nil, nil
	}
	tq := bleve.NewTermQuery(string(part))
	tq.SetField(fieldType)
	tq.SetBoost(0)
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(text, tq), 0, 0, false)
	req.Score = bleve.ScoreNone // counted, not ranked
	req.AddFacet(owner, bleve.NewFacetRequest(owner, maxTeaching))
	if part == xiaoqi.KindProgram {
		req.AddFacet(fieldMajorCode, bleve.NewFacetRequest(fieldMajorCode, maxClasses))
	}
	res, err := x.inner(ctx, req, fmt.Sprintf("%ss of %q", part, q.Q))
	if err != nil {
		return nil, nil, err
	}
	fr := res.Facets[owner]
	if fr == nil || fr.Terms == nil || len(fr.Terms.Terms()) == 0 {
		return text, nil, nil
	}
	boost := teachingBoost
	if part == xiaoqi.KindJob {
		boost = seekingBoost
	}
	var kin map[string]int
	if part == xiaoqi.KindProgram {
		if kin, err = x.kindredPrograms(ctx, res.Facets[fieldMajorCode]); err != nil {
			return nil, nil, err
		}
	}
	parts := map[string]int{}
	alts := []query.Query{text}
	for _, t := range fr.Terms.Terms() {
		parts[t.Term] = t.Count
		dq := bleve.NewDocIDQuery([]string{t.Term})
		dq.SetBoost(boost*math.Log1p(float64(t.Count)) + kinBoost*math.Log1p(float64(kin[t.Term])))
		alts = append(alts, dq)
	}
	return bleve.NewDisjunctionQuery(alts...), parts, nil
}

// asksFirms reports whether q searches among enterprises alone, by its filter or by its words
// (Java 企业, 日语 公司), not in a question about policy.
func asksFirms(q xiaoqi.SearchQuery) bool {
	if len(q.Types) > 0 {
		return len(q.Types) == 1 && q.Types[0] == xiaoqi.KindEnterprise
	}
	_, kinds := withoutTypeCues(q.Q)
	return slices.Equal(kinds, []xiaoqi.Kind{xiaoqi.KindEnterprise}) && !asksPolicy(q.Q)
}

// asksSchools reports whether q searches among institutions alone, by its filter, or, without
// one, by its words (软件工程 院校 宝鸡: a candidate who studied 软件工程 came first, and the
// school of 宝鸡 that teaches it not at all).
func asksSchools(q xiaoqi.SearchQuery) bool {
	if len(q.Types) > 0 {
		return len(q.Types) == 1 && q.Types[0] == xiaoqi.KindInstitution
	}
	_, kinds := withoutTypeCues(q.Q)
	return slices.Equal(kinds, []xiaoqi.Kind{xiaoqi.KindInstitution}) && !asksPolicy(q.Q)
}

// partTypeCounts returns what the tabs of enterprises and institutions find for a search of
// all kinds, where they differ from the type facet: a tab finds the firms through their job
// needs and the schools through their programs (withParts), which a search of all kinds does
// not (呼叫中心: facet enterprise 4, type=enterprise 5, the fifth seeking it). text is the
// search's text query, districts its districts. Nil when q is filtered by kind, or asks for
// one by its words (then the search itself found them through their parts).
func (x *Index) partTypeCounts(ctx context.Context, text query.Query, districts []string, q xiaoqi.SearchQuery) (map[xiaoqi.Kind]int, error) {
	if len(q.Types) > 0 || asksFirms(q) || asksSchools(q) {
		return nil, nil
	}
	out := map[xiaoqi.Kind]int{}
	for _, k := range []xiaoqi.Kind{xiaoqi.KindEnterprise, xiaoqi.KindInstitution} {
		qk := q
		qk.Types = []xiaoqi.Kind{k}
		searched, parts, err := x.withParts(ctx, text, qk)
		if err != nil {
			return nil, err
		}
		if parts == nil {
			continue // found through nothing: the facet's count stands
		}
		req := bleve.NewSearchRequestOptions(x.withFilters(ctx, inDistricts(searched, districts), qk), 0, 0, false)
		req.Score = bleve.ScoreNone
		res, err := x.inner(ctx, req, fmt.Sprintf("%ss of %q with their parts", k, q.Q))
		if err != nil {
			return nil, err
		}
		out[k] = int(res.Total)
	}
	return out, nil
}
