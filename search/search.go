package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// DefaultPerPage is the page size of a query that names none.
const DefaultPerPage = 10

// Limits on the filters of a query, beyond those of the root package.
const (
	DefaultFacetSize = 10
	MaxFilterValues  = 20   // values of one filter
	MaxFilterLength  = 64   // runes of one filter value
	MaxWithinKM      = 2000 // Shaanxi is about 900 km from north to south
)

// Search answers a full-text query. Q is analysed in code, never parsed as a query language,
// so no input can make it fail except the limits and the filters, which are answered
// EINVALID naming the parameter (as the API calls it). Hits come by relevance (ties by id)
// unless Sort says otherwise; an empty Q lists every document by id.
func (x *Index) Search(ctx context.Context, q xiaoqi.SearchQuery) (*xiaoqi.SearchResult, error) {
	start := time.Now()
	page, perPage, err := x.checkQuery(&q)
	if err != nil {
		return nil, err
	}
	if err := x.checkCities(ctx, q); err != nil {
		return nil, err
	}
	if err := x.checkDistricts(ctx, q); err != nil {
		return nil, err
	}
	if err := x.checkLanguages(ctx, q); err != nil {
		return nil, err
	}
	engine := func() (*xiaoqi.SearchResult, error) { return x.search(ctx, q, page, perPage) }
	var res *xiaoqi.SearchResult
	if key, cacheable := cacheKey(q, page, perPage); !cacheable || x.cache == nil {
		res, err = engine()
	} else if cached, renew, ok := x.cache.get(key); ok {
		res = cached
		if renew {
			x.renew(key, q, page, perPage)
		}
	} else {
		res, err = x.cache.do(key, x.Seq, engine)
	}
	if err != nil {
		return nil, err
	}
	res.Took = time.Since(start)
	return res, nil
}

// renewTimeout bounds a background search that renews a cached answer.
const renewTimeout = 10 * time.Second

// renew runs a checked query again in the background and keeps its answer for key (the
// cache's refresh ahead), unless the index is closing or every renewal slot is taken.
func (x *Index) renew(key string, q xiaoqi.SearchQuery, page, perPage int) {
	if !x.cache.renew() {
		return
	}
	x.mu.Lock()
	if x.closed {
		x.mu.Unlock()
		x.cache.renewed()
		return
	}
	x.renewals.Add(1)
	x.mu.Unlock()
	go func() {
		defer x.renewals.Done()
		defer x.cache.renewed()
		ctx, cancel := context.WithTimeout(context.Background(), renewTimeout)
		defer cancel()
		// An error leaves the kept answer to end at its time; the next search runs then.
		_, _ = x.cache.do(key, x.Seq, func() (*xiaoqi.SearchResult, error) { return x.search(ctx, q, page, perPage) })
	}()
}

// search runs a checked query in the engine. The experience and pay its words state (应届生,
// 3年经验, 月薪1万以上) filter what it finds; when nothing meets them, it is run again without
// those filters and the words, which the answer names unmatched: 软件工程 应届生 among
// candidates found nothing, there being no graduate of this year in 软件工程, and now lists
// the 软件工程 candidates, saying that none is one. Words in pinyin that find nothing search
// the name they spell (spelt). Words about who a person is (35岁以下, 女) are no words of the
// search, and the answer names them ignored (withoutPersonal).
func (x *Index) search(ctx context.Context, q xiaoqi.SearchQuery, page, perPage int) (*xiaoqi.SearchResult, error) {
	var ignored []string
	q.Q, ignored = withoutPersonal(q.Q)
	res, err := x.answer(ctx, q, page, perPage)
	if err != nil {
		return nil, err
	}
	if res, err = x.spelt(ctx, q, page, perPage, res); err != nil {
		return nil, err
	}
	res.Ignored = ignored
	return res, nil
}

// answer is search but for a query in pinyin (spelt).
func (x *Index) answer(ctx context.Context, q xiaoqi.SearchQuery, page, perPage int) (*xiaoqi.SearchResult, error) {
	res, read, err := x.searchWith(ctx, q, page, perPage, true)
	if err != nil || res.Total > 0 || !read {
		return res, err
	}
	without, _, err := x.searchWith(ctx, q, page, perPage, false)
	if err != nil || without.Total == 0 {
		return res, err // nothing either way: the answer to what was asked
	}
	return without, nil
}

// searchWith is search; textFilters says whether the experience and pay that q's words state
// filter what it finds, or only leave the query, named unmatched; read is whether any did.
func (x *Index) searchWith(ctx context.Context, q xiaoqi.SearchQuery, page, perPage int, textFilters bool) (_ *xiaoqi.SearchResult, read bool, err error) {
	en := x.englishWords(q.Q) // as typed: the words of a policy item's English snippet
	var districts []string
	q.Q, districts = x.candidatesByCity(x.inChinese(q.Q), q.Types)
	if rest, real := realCue(q.Q); real && q.Synthetic == nil {
		q.Q, q.Synthetic = rest, new(bool) // real documents only
	}
	q.Q = personCue(q.Q)
	var dropped []string // the words of filters left out (textFilters false)
	filter := func(rest string) {
		if !textFilters {
			dropped = append(dropped, removedWords(q.Q, rest)...)
		}
		q.Q, read = rest, true
	}
	if q.Experience == nil {
		// Java 3年经验: the years are a filter of job needs and candidates, not words (3
		// matched a list's "3." and 年经验 nothing, and 1 job of 600 was found).
		if rest, e, ok := xiaoqi.ExperienceInText(q.Q); ok {
			filter(rest)
			if textFilters {
				q.Experience = &e
			}
		} else if rest, ok := xiaoqi.FreshInText(q.Q); ok && !asksPolicy(q.Q) {
			// 会Python的应届生: people first (毕业生, a cue for candidates), who graduate this
			// year or later, and the job needs that ask no experience (it listed job needs
			// that say 应届生, not one candidate). Not in a question about policy (应届生 补贴),
			// whose items state no experience.
			filter(rest)
			if textFilters {
				q.Experience = &xiaoqi.Experience{}
			}
			if rest != "" {
				q.Q += " 毕业生"
			}
		}
	}
	if rest, pay := payCue(q.Q); pay {
		// 高薪 Java: the Java job needs that may pay most first.
		q.Q = rest
		if q.Sort == "" {
			q.Sort = xiaoqi.SortSalary // unless another order is asked for
		}
	}
	if q.Salary == nil {
		// Java 月薪1万以上, 15k 测试: a filter of job needs too (1万 and 15k were words no
		// posting holds: they found nothing).
		if rest, s, ok := ingest.SalaryInText(q.Q); ok {
			filter(rest)
			if textFilters {
				q.Salary = &xiaoqi.SalaryRange{Min: s.Min, Max: s.Max}
			}
		}
	}
	words := withoutAskWords(q.Q)
	text := x.textQuery(words)
	if kinds := cueOnly(q.Q); kinds != nil {
		// 候选人, 高校 or 本科生 alone asks for the documents of its kind, which rankQuery
		// puts first: no document says 候选人 (it found nothing), and one policy item 高校.
		kq := anyOf(fieldType, asStrings(kinds))
		zeroBoost(kq)
		text = bleve.NewDisjunctionQuery(text, kq)
	}
	text, err = x.policyAnswer(ctx, text, words, q)
	if err != nil {
		return nil, read, err
	}
	searched, parts, err := x.withParts(ctx, text, q)
	if err != nil {
		return nil, read, err
	}
	req := bleve.NewSearchRequestOptions(x.withFilters(ctx, inDistricts(searched, districts), q), perPage, (page-1)*perPage, false)
	req.SortByCustom(sortOrder(q))
	// The policy items a search of words that may ask for them finds are in every city and
	// region (filters.go: provinceWide), and are counted in each: 咸阳市 14 beside the 15 that
	// city=咸阳市 found. Their number among the hits is the type facet's.
	policyEverywhere := x.policyInPlaces(q.Q) && slices.ContainsFunc(q.Facets, func(f string) bool { return f == fieldCity || f == fieldRegion })
	if policyEverywhere && !slices.Contains(q.Facets, fieldType) {
		req.AddFacet(fieldType, bleve.NewFacetRequest(fieldType, len(xiaoqi.Kinds)))
	}
	for _, f := range q.Facets {
		req.AddFacet(f, bleve.NewFacetRequest(f, q.FacetSize))
	}
	fields := storedFields
	if q.Near != nil {
		fields = append(slices.Clip(fields), fieldLat, fieldLon)
	}
	req.Fields = fields // loaded for the hits of the page only
	// No IncludeLocations: locate finds the words of the hits shown.
	res, err := x.run(ctx, req)
	relaxed := false
	var unmatched, outside, nearby []string
	if err == nil && res.Total == 0 && q.Sort != xiaoqi.SortDistance && strings.TrimSpace(q.Q) != "" {
		var r relaxation
		if r, err = x.relax(ctx, words, q, req); err == nil && r.res != nil {
			res, text, relaxed, unmatched, outside, nearby = r.res, r.q, true, r.unmatched, r.outside, r.nearby
		}
	}
	var outsideKinds []xiaoqi.Kind
	var unmetCue string
	if err == nil && res.Total > 0 && len(q.Types) == 0 && q.Sort != xiaoqi.SortDistance {
		// Also after relax: 培训机构 日语 宝鸡, which nothing holds whole, listed the profiles
		// that say 培训讲师 and 日语, elsewhere.
		var r relaxation
		found := text
		if !relaxed {
			found = searched // with the schools found through their programs
		}
		if r, err = x.kindElsewhere(ctx, words, found, q, req); err == nil && r.res != nil {
			res, text, relaxed, outside, outsideKinds, unmetCue, nearby = r.res, r.q, true, r.outside, r.kinds, r.cue, r.nearby
		}
	}
	var marks snippetMarks
	if err == nil && strings.TrimSpace(q.Q) != "" {
		marks = x.locate(text, res.Hits, en)
	}
	if err = closedErr(err); errors.Is(err, ErrClosed) {
		return nil, read, &xiaoqi.Error{Code: xiaoqi.EUNAVAILABLE, Message: "搜索暂不可用 / search is unavailable", Err: err}
	} else if err != nil {
		return nil, read, fmt.Errorf("search: query %q: %w", q.Q, err)
	}
	out := &xiaoqi.SearchResult{Total: res.Total, Page: page, PerPage: perPage, Hits: make([]xiaoqi.Hit, 0, len(res.Hits)),
		Relaxed: relaxed}
	if relaxed {
		out.Unmatched, out.Outside, out.OutsideKinds, out.UnmetCue, out.Nearby = unmatched, outside, outsideKinds, unmetCue, nearby
	}
	if len(dropped) > 0 {
		out.Relaxed, out.Unmatched = true, append(dropped, out.Unmatched...)
	}
	for _, h := range res.Hits {
		hit := x.hit(h, q.Near, marks)
		if n := parts[h.ID]; n > 0 && hit.Type == xiaoqi.KindEnterprise {
			setField(&hit, "jobs", n)
		} else if n > 0 {
			setField(&hit, "programs", n)
		}
		out.Hits = append(out.Hits, hit)
	}
	if err := x.verifyJobs(ctx, res.Hits, out.Hits); err != nil {
		return nil, read, err
	}
	if len(q.Facets) > 0 {
		policies := 0
		if fr := res.Facets[fieldType]; policyEverywhere && fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				if t.Term == string(xiaoqi.KindPolicy) {
					policies = t.Count
				}
			}
		}
		out.Facets = make(map[string][]xiaoqi.FacetCount, len(q.Facets))
		for _, f := range q.Facets {
			counts := []xiaoqi.FacetCount{}
			if fr := res.Facets[f]; fr != nil && fr.Terms != nil {
				for _, t := range fr.Terms.Terms() {
					n := t.Count
					if f == fieldCity || f == fieldRegion {
						n += policies
					}
					counts = append(counts, xiaoqi.FacetCount{Value: t.Term, Count: n})
				}
			}
			out.Facets[f] = counts
		}
		if counts, ok := out.Facets[fieldType]; ok && !relaxed {
			tabs, err := x.partTypeCounts(ctx, text, districts, q)
			if err != nil {
				return nil, read, err
			}
			out.Facets[fieldType] = withTabCounts(counts, tabs)
		}
	}
	return out, read, nil
}

// withTabCounts returns the type facet's counts with those of tabs put in place, ordered as
// a facet is: most first, then by value.
func withTabCounts(counts []xiaoqi.FacetCount, tabs map[xiaoqi.Kind]int) []xiaoqi.FacetCount {
	if len(tabs) == 0 {
		return counts
	}
	for k, n := range tabs {
		i := slices.IndexFunc(counts, func(c xiaoqi.FacetCount) bool { return c.Value == string(k) })
		switch {
		case i >= 0:
			counts[i].Count = n
		case n > 0:
			counts = append(counts, xiaoqi.FacetCount{Value: string(k), Count: n})
		}
	}
	slices.SortStableFunc(counts, func(a, b xiaoqi.FacetCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return counts
}

// removedWords returns the words of orig, as typed, that rest lacks, where rest is orig
// with a part taken out: 3年经验 of Java 3年经验, 应届生 of 会Python的应届生 (rest 会Python).
func removedWords(orig, rest string) []string {
	keep := strings.Fields(rest)
	var out []string
	for _, f := range strings.Fields(orig) {
		if i := slices.Index(keep, f); i >= 0 {
			keep = slices.Delete(keep, i, i+1)
			continue
		}
		for i, k := range keep {
			if strings.Contains(f, k) {
				f = strings.Replace(f, k, "", 1)
				keep = slices.Delete(keep, i, i+1)
				break
			}
		}
		if f = strings.Trim(f, "的 "); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// inChinese writes the English of q as the documents say it, its punctuation as spaces
// (separateWords), an ampersand between words as and (ampersandAsAnd), and each word once
// (distinctWords): Xidian University → 西安电子科技大学, then Xi'an policy → 西安 政策 and software engineering → 软件工程. Majors only in a query
// typed without Chinese (fromEnglish), whatever the schools' names became.
func (x *Index) inChinese(q string) string {
	q = separateWords(ampersandAsAnd(q))
	majors := x.majors
	if strings.ContainsFunc(q, isCJK) {
		majors = nil
	}
	return distinctWords(translateEnglish(x.schools.toChinese(q), majors), x.seg.fold)
}

// run runs req. A search whose order ends with the id (byIDLast: every order sortOrder
// makes) is collected by topN, which reads the ids of tied hits only and counts the facets
// itself; any other by bleve.
func (x *Index) run(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	if !byIDLast(req.Sort) {
		return x.bleveIndex().SearchInContext(ctx, req)
	}
	return new(topN).search(ctx, x.bleveIndex(), req)
}

func isDocID(s search.SearchSort) bool {
	f, ok := s.(*search.SortField)
	return ok && f.Field == fieldDocID && !f.Desc
}

// sortOrder is the order of q's hits; ties go by id, so that pages are stable.
func sortOrder(q xiaoqi.SearchQuery) search.SortOrder {
	byID := &search.SortField{Field: fieldDocID, Type: search.SortFieldAsString}
	byScore := &search.SortScore{Desc: true}
	date := func(desc bool) *search.SortField {
		return &search.SortField{Field: fieldDate, Desc: desc, Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast}
	}
	switch q.Sort {
	case xiaoqi.SortDateDesc:
		return search.SortOrder{date(true), byScore, byID}
	case xiaoqi.SortDateAsc:
		return search.SortOrder{date(false), byScore, byID}
	case xiaoqi.SortSalary:
		// The most a job's salary states first (the 2万 of 1.5-2万, the 1万 of 1万以上); ties
		// by relevance; documents without a salary (面议, other kinds) last.
		top := &search.SortField{Field: fieldSalaryTop, Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}
		return search.SortOrder{top, byScore, byID}
	case xiaoqi.SortDistance:
		return search.SortOrder{&search.SortGeoDistance{Field: fieldGeo, Lon: q.Near.Lon, Lat: q.Near.Lat, Unit: "km"}, byScore, byID}
	}
	if strings.TrimSpace(q.Q) == "" {
		// A listing without words (the page before anything is typed, a tab, filters alone):
		// real records before synthetic ones ("F" before "T"), the newest first.
		real := &search.SortField{Field: fieldSynthetic, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}
		return search.SortOrder{real, date(true), byID}
	}
	return search.SortOrder{byScore, byID}
}

// hit converts a bleve hit into what a result list shows.
func (x *Index) hit(h *search.DocumentMatch, near *xiaoqi.GeoPoint, marks snippetMarks) xiaoqi.Hit {
	str := func(f string) string { s, _ := h.Fields[f].(string); return s }
	out := xiaoqi.Hit{ID: h.ID, Type: xiaoqi.Kind(str(fieldType)), Title: str(fieldTitle), Score: h.Score}
	out.Synthetic, _ = h.Fields[fieldSynthetic].(bool)
	if v, ok := h.Fields[fieldVersion].(float64); ok {
		out.Version = int64(v)
	}
	for _, f := range hitFields {
		switch v := h.Fields[f].(type) {
		case string:
			if v != "" {
				setField(&out, f, v)
			}
		case float64:
			setField(&out, f, int(v))
		}
	}
	if en := x.schools.english(str(fieldInstName)); en != "" {
		setField(&out, fieldInstNameEN, en) // a program's or candidate's school, in English
	}
	for _, f := range []string{fieldSalaryMin, fieldSalaryMax} {
		// Yuan a month as numbers; none for an open end (1万以上, 3万以下).
		if s, ok := out.Fields[f].(string); ok {
			if n, err := strconv.Atoi(s); err == nil && n > 0 && n < xiaoqi.MaxMonthlySalary {
				out.Fields[f] = n
			} else {
				delete(out.Fields, f)
			}
		}
	}
	if near != nil {
		lat, ok1 := h.Fields[fieldLat].(float64)
		lon, ok2 := h.Fields[fieldLon].(float64)
		if ok1 && ok2 {
			d := math.Round(distanceKM(*near, xiaoqi.GeoPoint{Lat: lat, Lon: lon})*10) / 10
			out.DistanceKM = &d
		}
	}
	if d := str(fieldDate); len(d) >= len("2006-01-02") {
		// The day a job was posted, else the day the document last changed: what sort=date
		// orders by. The day in China, where it was written: 2024-03-01 00:00 is stored as
		// 2024-02-29T16:00Z, and its first ten characters showed the day before.
		if t, err := time.Parse(time.RFC3339Nano, d); err == nil {
			d = t.In(ingest.China).Format(time.DateOnly)
		}
		setField(&out, fieldDate, d[:len("2006-01-02")])
	}
	if out.Type == xiaoqi.KindEnterprise {
		v, _ := h.Fields[fieldVerified].(bool)
		setField(&out, fieldVerified, v)
	}
	snip, english := x.snippet(h, str(fieldTitle), str(fieldBody), str(fieldBodyEN), marks)
	out.Snippet = snip
	if english {
		out.SnippetLang = "en"
	}
	return out
}

// verifyJobs sets fields.verified of the job hits: whether the job's enterprise has a valid
// 统一社会信用代码. A job does not carry the code, so the enterprises of the page's jobs are
// read from the index in one query: a job follows its enterprise's verification as soon as
// the enterprise's change is indexed, with nothing to re-index. A job whose enterprise is
// not known is unverified.
func (x *Index) verifyJobs(ctx context.Context, hits search.DocumentMatchCollection, out []xiaoqi.Hit) error {
	var ids []string
	for i, h := range hits {
		if out[i].Type != xiaoqi.KindJob {
			continue
		}
		setField(&out[i], fieldVerified, false)
		if id, _ := h.Fields[fieldEntID].(string); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{fieldType, fieldVerified}
	res, err := x.inner(ctx, req, fmt.Sprintf("enterprises of %d job hits", len(ids)))
	if err != nil {
		return err
	}
	verified := map[string]bool{}
	for _, h := range res.Hits {
		if v, _ := h.Fields[fieldVerified].(bool); v && h.Fields[fieldType] == string(xiaoqi.KindEnterprise) {
			verified[h.ID] = true
		}
	}
	for i, h := range hits {
		if id, _ := h.Fields[fieldEntID].(string); out[i].Type == xiaoqi.KindJob && verified[id] {
			setField(&out[i], fieldVerified, true)
		}
	}
	return nil
}

// distanceKM is the great-circle distance between a and b.
func distanceKM(a, b xiaoqi.GeoPoint) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dLat, dLon := (b.Lat-a.Lat)*rad, (b.Lon-a.Lon)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

func setField(h *xiaoqi.Hit, name string, v any) {
	if h.Fields == nil {
		h.Fields = map[string]any{}
	}
	h.Fields[name] = v
}

// asStrings returns values of a string type (kinds, regions, sectors) as strings.
func asStrings[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}
