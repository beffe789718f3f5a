package search

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// withFilters restricts text to the kinds and filters of q, without affecting scores.
func (x *Index) withFilters(ctx context.Context, text query.Query, q xiaoqi.SearchQuery) query.Query {
	var filters []query.Query
	if len(q.Types) > 0 {
		filters = append(filters, anyOf(fieldType, asStrings(q.Types)))
	}
	var cities []query.Query
	for _, c := range append([]string{q.City}, q.Cities...) {
		if c = strings.TrimSpace(c); c != "" {
			cities = append(cities, cityQuery(c))
		}
	}
	// The policy is the province's: its items are in every city, region and district of it,
	// for a search of policy items or of words that may ask for them (policyInPlaces: 创业
	// among policies in 西安 found nothing, 人才引进 in 西安 was relaxed to its 人才 without
	// item (12)). A listing without words leaves them out, so that a city's list is what is
	// there, and so do words that ask for another kind (外包公司, 高职院校).
	provinceWide := len(q.Types) == 1 && q.Types[0] == xiaoqi.KindPolicy ||
		(len(cities) > 0 || len(q.Regions) > 0 || len(q.Districts) > 0) && x.policyInPlaces(q.Q)
	place := func(pq query.Query) query.Query {
		if !provinceWide {
			return pq
		}
		tq := bleve.NewTermQuery(string(xiaoqi.KindPolicy))
		tq.SetField(fieldType)
		return bleve.NewDisjunctionQuery(pq, tq)
	}
	if len(cities) > 0 {
		filters = append(filters, place(bleve.NewDisjunctionQuery(cities...)))
	}
	for _, f := range []struct {
		field  string
		values []string
	}{
		{fieldRegion, asStrings(q.Regions)}, {fieldDistrict, districtNames(q.Districts)},
	} {
		if len(f.values) > 0 {
			filters = append(filters, place(anyOf(f.field, f.values)))
		}
	}
	for _, f := range []struct {
		field  string
		values []string
	}{
		{fieldSector, asStrings(q.Sectors)},
		{fieldSkill, x.skillNames(q.Skills)}, {fieldDegree, degreeValues(q.Degrees)},
		{fieldInstName, x.institutionNames(q.Institutions)}, {fieldEntName, q.Enterprises},
	} {
		if len(f.values) > 0 {
			filters = append(filters, anyOf(f.field, f.values))
		}
	}
	if len(q.Languages) > 0 {
		filters = append(filters, x.languageQuery(q.Languages))
	}
	if e := q.Experience; e != nil {
		filters = append(filters, experienceFilter(*e, time.Now().Year()))
	}
	if s := q.Salary; s != nil {
		// The job may pay at least s.Min, and asks no more than s.Max to start.
		yes := true
		hi := bleve.NewTermRangeInclusiveQuery(salaryTerm(s.Min), "", &yes, nil)
		hi.SetField(fieldSalaryMax)
		sq := query.Query(hi)
		if s.Max > 0 {
			lo := bleve.NewTermRangeInclusiveQuery("", salaryTerm(s.Max), nil, &yes)
			lo.SetField(fieldSalaryMin)
			sq = bleve.NewConjunctionQuery(lo, hi)
		}
		filters = append(filters, sq)
	}
	if q.Synthetic != nil {
		bq := bleve.NewBoolFieldQuery(*q.Synthetic)
		bq.SetField(fieldSynthetic)
		filters = append(filters, bq)
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		incl, excl := true, false
		dq := bleve.NewDateRangeInclusiveQuery(q.From, q.To, &incl, &excl)
		dq.SetField(fieldDate)
		filters = append(filters, dq)
	}
	if q.Near != nil && q.WithinKM > 0 {
		gq := bleve.NewGeoDistanceQuery(q.Near.Lon, q.Near.Lat, strconv.FormatFloat(q.WithinKM, 'f', -1, 64)+"km")
		gq.SetField(fieldGeo)
		filters = append(filters, gq)
	}
	b := bleve.NewBooleanQuery()
	if _, all := text.(*query.MatchAllQuery); all && len(filters) > 0 {
		// No words: the filters themselves select, instead of filtering every document.
		b.AddMust(filters...)
		filters = nil
	} else {
		b.AddMust(text)
		if r := x.rankQuery(q.Q); r != nil {
			b.AddShould(r)
		}
	}
	_, neg := exclusions(q.Q)
	for _, w := range neg {
		// A word the user excluded (-外包), as written: its synonyms may stay.
		b.AddMustNot(x.plainQuery(w, 1))
	}
	if len(q.Types) == 0 {
		// Every kind but partnerships, which are found through their parties: cheaper as
		// "not a partnership" than as a disjunction of six kinds that holds every document.
		tq := bleve.NewTermQuery(string(xiaoqi.KindPartnership))
		tq.SetField(fieldType)
		b.AddMustNot(tq)
	}
	// A selective filter joins the words as a must clause that adds nothing to the score
	// (boost 0): the conjunction skips ahead through the filter's short postings, so a common
	// word among one type costs what the type holds, not what the word does (at 1M documents
	// 服务外包 among enterprises 610 → 215 ms, 计算机科学与技术 among programs 110 → 8 ms).
	// Other filters stay bleve's filter, checked against each match of the words: skipping
	// through postings nearly as long as the words' costs more than it saves (10–80 %).
	if len(filters) == 0 {
		return b
	}
	var post []query.Query
	sel := x.selectivity(ctx) // a reader of the index: only when there are filters to weigh
	words := sync.OnceValues(func() (uint64, bool) { return sel.matches(text) })
	for _, f := range filters {
		// Only a filter smaller than what the words find: for a rare word, checking its few
		// matches costs less than skipping through the filter's postings (1M documents in 21
		// segments, a skill in at most 1,000 documents in 宝鸡: 12.3 ms as a clause, 9.0 ms
		// checked after). The words are weighed once, and only for a selective filter.
		if n, ok := sel.selective(f); ok {
			if w, known := words(); !known || n < w {
				zeroBoost(f)
				b.AddMust(f)
				continue
			}
		}
		post = append(post, f)
	}
	sel.close()
	if len(post) > 0 {
		b.AddFilter(bleve.NewConjunctionQuery(post...))
	}
	return b
}

// selectiveShare: a filter is selective when it holds at most one document in this many.
const selectiveShare = 8

// selectivity estimates how many documents filters hold, from the document frequencies of
// their terms in one snapshot of the index.
type selectivity struct {
	ctx  context.Context
	r    index.IndexReader // nil: nothing is selective
	docs uint64
}

func (x *Index) selectivity(ctx context.Context) selectivity {
	adv, err := x.bleveIndex().Advanced()
	if err != nil {
		return selectivity{}
	}
	r, err := adv.Reader()
	if err != nil {
		return selectivity{}
	}
	docs, err := r.DocCount()
	if err != nil {
		_ = r.Close()
		return selectivity{}
	}
	return selectivity{ctx: ctx, r: r, docs: docs}
}

func (s selectivity) close() {
	if s.r != nil {
		_ = s.r.Close()
	}
}

// selective reports whether f holds at most 1/selectiveShare of the documents, and about how
// many it holds; a filter whose size it cannot tell from terms (dates, distances) is not.
func (s selectivity) selective(f query.Query) (uint64, bool) {
	if s.r == nil {
		return 0, false
	}
	n, ok := s.estimate(f)
	return n, ok && n*selectiveShare <= s.docs
}

// matches estimates how many documents the text query q finds from its terms' document
// frequencies: a disjunction as its largest part, a conjunction (or a disjunction needing
// several parts) as its smallest; parts of other kinds (phrases, fuzzy terms) are left out.
// ok is false when no part could be estimated.
func (s selectivity) matches(q query.Query) (uint64, bool) {
	if s.r == nil {
		return 0, false
	}
	var parts []query.Query
	largest := false
	switch q := q.(type) {
	case *group:
		return s.matches(q.Query)
	case *units:
		return s.matches(q.Query)
	case *query.TermQuery:
		return s.estimate(q)
	case *query.DisjunctionQuery:
		parts, largest = q.Disjuncts, q.Min <= 1
	case *query.ConjunctionQuery:
		parts = q.Conjuncts
	default:
		return 0, false
	}
	var n uint64
	known := false
	for _, p := range parts {
		m, ok := s.matches(p)
		switch {
		case !ok:
		case !known, largest && m > n, !largest && m < n:
			n, known = m, true
		}
	}
	return n, known
}

// estimate returns the documents a disjunction of terms holds, at most (the sum of theirs).
func (s selectivity) estimate(q query.Query) (uint64, bool) {
	switch q := q.(type) {
	case *query.DisjunctionQuery:
		var sum uint64
		for _, c := range q.Disjuncts {
			n, ok := s.estimate(c)
			if !ok {
				return 0, false
			}
			sum += n
		}
		return sum, true
	case *query.TermQuery:
		tfr, err := s.r.TermFieldReader(s.ctx, []byte(q.Term), q.FieldVal, false, false, false)
		if err != nil {
			return 0, false
		}
		defer tfr.Close()
		return tfr.Count(), true
	}
	return 0, false
}

// anyOf matches documents whose keyword field holds one of values, as written (trimmed).
func anyOf(field string, values []string) query.Query {
	qs := make([]query.Query, 0, len(values))
	for _, v := range values {
		tq := bleve.NewTermQuery(strings.TrimSpace(v))
		tq.SetField(field)
		qs = append(qs, tq)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// degreeValues returns the degree filter's values as the degree field holds them: 专科 is 大专.
func degreeValues(values []string) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		vs := []string{degreeValue(v)}
		if vs[0] == "研究生" {
			// What people call a master's or a doctorate alike.
			vs = []string{"硕士", "博士"}
		}
		for _, v := range vs {
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// districtNames returns the district filter's values as documents write them: 雁塔 is 雁塔区
// (as 西安 is 西安市), or a county (周至 → 周至县) or a county-level city (彬州 → 彬州市), and a
// zone's short name is the zone's name as an import reads it (曲江 → 曲江新区, 港务区 → 国际港务区).
func districtNames(values []string) []string {
	var out []string
	add := func(v string) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	for _, v := range values {
		v = strings.TrimSpace(v)
		for _, d := range ingest.DistrictReadings(v) {
			add(d) // 曲江 as the import stores it, 曲江新区
		}
		if slices.Contains(yangling, v) {
			add("杨陵区")
			add("杨凌示范区")
		}
		if !strings.HasSuffix(v, "区") && !strings.HasSuffix(v, "县") && !strings.HasSuffix(v, "市") {
			add(v + "区")
			add(v + "县")
			add(v + "市")
		}
	}
	return out
}

// skillNames returns the skill filter's values as documents name skills: a value the
// taxonomy knows (java, JAVA开发, c++) also as the skill's name (Java, C++), which is what a
// document's skills say; the value as written too, for a skill the taxonomy does not know.
func (x *Index) skillNames(values []string) []string {
	var out []string
	for _, v := range values {
		v = strings.TrimSpace(v)
		out = append(out, v)
		if x.syn == nil {
			continue
		}
		if sk, ok := x.syn.tax.Resolve(v); ok && !slices.Contains(out, sk.NameZH) {
			out = append(out, sk.NameZH)
		}
	}
	return out
}

// institutionNames returns the institution filter's values with the full names an
// abbreviation stands for (西电 → 西安电子科技大学), as the words of q find them.
func (x *Index) institutionNames(values []string) []string {
	var out []string
	for _, v := range values {
		v = strings.TrimSpace(v)
		out = append(out, v)
		for _, n := range x.aliases[x.seg.fold(v)] {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// languageQuery matches the language filter's values: a language (英语, 日语, or English as the
// taxonomy knows it) is every level of it that documents write (英语四级, 英语CET-6, 日语N2); a
// level (日语N2) is that level, however the taxonomy's name is written (日语n2).
func (x *Index) languageQuery(values []string) query.Query {
	var qs []query.Query
	seen := map[string]bool{}
	// add matches v as the whole of a language a document states and, when prefix, as its
	// start (日语N2 in 日语N2级).
	add := func(v string, prefix bool) {
		if v == "" || seen[v] {
			return
		}
		seen[v] = true
		tq := bleve.NewTermQuery(v)
		tq.SetField(fieldLanguage)
		qs = append(qs, tq)
		if prefix {
			pq := bleve.NewPrefixQuery(v)
			pq.SetField(fieldLanguage)
			qs = append(qs, pq)
		}
	}
	for _, v := range values {
		v = strings.TrimSpace(v)
		add(v, true)
		if x.syn == nil {
			continue
		}
		sk, ok := x.syn.tax.Resolve(v)
		if !ok || sk.Category != "language" {
			continue
		}
		// The level asked for or higher, as people write it (日语N2 is met by 日语N1 and
		// 商务日语, 英语四级 by 英语六级 and CET-6): the filter found only the level named.
		for _, id := range skill.AtLeast(sk.ID) {
			if o, ok := x.syn.tax.Skill(id); ok {
				add(o.NameZH, true)
				for _, a := range o.Aliases {
					// A short alias only whole: 泰语 is one of the 东南亚语言 (language=Southeast
					// Asian languages missed a candidate's 泰语), but N2 and 六级 begin too much.
					add(a, utf8.RuneCountInString(a) >= 4) // 英语CET-6, 日语二级
				}
			}
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
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
	// The documents of a new area's districts too (xiaoqi.AreaDistricts): a document of 杨凌
	// says 咸阳市 杨陵区, one of 西咸新区 says 西安市 西咸新区. Lists read the area alike.
	_, districts := xiaoqi.AreaDistricts(n)
	for _, d := range districts {
		tq := bleve.NewTermQuery(d)
		tq.SetField(fieldDistrict)
		qs = append(qs, tq)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// experienceFilter keeps the job needs that ask for experience e overlaps (they ask from at
// most e.Max years, to at least e.Min), and the candidates who have it, estimated from the
// year they last graduated as the matcher does (xiaoqi keeps no work history), in year now:
// e.Min years or more since then, and no more than e.Max unless e is a number alone (3年经验
// 候选人: three years or more, as a recruiter means it) or open (3年以上). 应届生 are those
// who graduate this year or later. Other kinds state no experience.
func experienceFilter(e xiaoqi.Experience, now int) query.Query {
	yes := true
	upTo, from := e.Max, e.Min
	lo := bleve.NewNumericRangeInclusiveQuery(nil, &upTo, nil, &yes)
	lo.SetField(fieldExpMin)
	hi := bleve.NewNumericRangeInclusiveQuery(&from, nil, &yes, nil)
	hi.SetField(fieldExpMax)
	jobs := bleve.NewConjunctionQuery(lo, hi)

	var latest, earliest *float64
	if e.Min > 0 {
		v := float64(now) - e.Min // graduated in this year or before
		latest = &v
	}
	if e.Max < xiaoqi.ExperienceOpen && (e.Max != e.Min || e.Min == 0) {
		v := float64(now) - e.Max
		earliest = &v
	}
	if earliest == nil && latest == nil { // 不限: whoever states a year
		v := 0.0
		earliest = &v
	}
	grad := bleve.NewNumericRangeInclusiveQuery(earliest, latest, &yes, &yes)
	grad.SetField(fieldGradYear)
	return bleve.NewDisjunctionQuery(jobs, grad)
}

// policyInPlaces reports whether the province's policy items are in each of its places for a
// search of q: q has words, and they are about a policy topic (创业, 补贴 …: policyTopic) or
// ask for no other kind, by a cue (外包 公司 咸阳: firms) or by the words people say for
// kinds of firms and schools (everydaySynonyms: 西安 高职院校 listed item (12), which says
// 高等院校, among the colleges of 西安). 人才引进 西安 finds item (12) there.
func (x *Index) policyInPlaces(q string) bool {
	pos, _ := exclusions(q)
	if strings.TrimSpace(pos) == "" {
		return false
	}
	if x.policyTopic(pos) {
		return true
	}
	if _, kinds := withoutTypeCues(pos); kinds != nil && !slices.Contains(kinds, xiaoqi.KindPolicy) {
		return false
	}
	for _, w := range x.seg.queryWords(pos) {
		if everydaySynonyms[w.text] != nil {
			return false
		}
	}
	return true
}
