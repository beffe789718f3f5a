package api

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// Search parameter defaults and limits beyond those of the root package.
const (
	defaultPerPage  = 10
	maxCityLength   = 32 // runes
	maxSalaryLength = 20 // runes
	maxParamValues  = 20 // values of one filter parameter
)

// searchPage is the answer of GET /api/v1/search.
type searchPage struct {
	Total   uint64       `json:"total"`
	Page    int          `json:"page"`
	PerPage int          `json:"per_page"`
	TookMS  int64        `json:"took_ms"`
	Hits    []xiaoqi.Hit `json:"hits"`
	Relaxed bool         `json:"relaxed,omitempty"`
	// Unmatched are the words of a relaxed query that nothing holds (xiaoqi.SearchResult).
	Unmatched []string `json:"unmatched,omitempty"`
	// Outside are the places of a relaxed query that no hit is in (xiaoqi.SearchResult).
	Outside []string `json:"outside,omitempty"`
	// OutsideKinds are the kinds asked for that the places have none of (xiaoqi.SearchResult).
	OutsideKinds []xiaoqi.Kind `json:"outside_kinds,omitempty"`
	// Nearby are the cities the hits are from instead of Outside's places (xiaoqi.SearchResult).
	Nearby []string `json:"nearby,omitempty"`
	// UnmetCue is the cue (培训机构) no document with the other words answers (xiaoqi.SearchResult).
	UnmetCue string `json:"unmet_cue,omitempty"`
	// Instead is the name or word searched in place of a query in pinyin, or of Chinese words
	// typed with the wrong characters of their sound, that found nothing (xiaoqi.SearchResult).
	Instead string `json:"instead,omitempty"`
	// Ignored are the words about who a person is (35岁以下, 女) that xiaoqi does not search
	// by (xiaoqi.SearchResult).
	Ignored []string                       `json:"ignored,omitempty"`
	Facets  map[string][]xiaoqi.FacetCount `json:"facets,omitempty"`
}

// degreeParam reads a degree given in English by the name the English UI shows (Junior
// college, Training: xiaoqi.DegreeFromEnglish), else as an import reads it (bachelor, PhD:
// ingest.ParseDegree): the stored 大专, 培训, 本科, 博士. A Chinese one stays as written: the
// search reads 研究生 as 硕士 or 博士, and 专科 as 大专, itself.
func degreeParam(v string) string {
	if strings.ContainsFunc(v, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		return v
	}
	if d, ok := xiaoqi.DegreeFromEnglish(v); ok {
		return d
	}
	if d, err := ingest.ParseDegree(v); err == nil && d != "" {
		return d
	}
	return v
}

// listParams are the filter parameters that take several values, comma-separated or
// repeated (skill=Java,Python or skill=Java&skill=Python): any of them matches.
var listParams = []string{"type", "city", "region", "district", "sector", "skill", "degree", "language", "institution", "enterprise", "facets"}

// singleParams are the parameters given at most once.
var singleParams = []string{"q", "synthetic", "experience", "salary", "date_from", "date_to", "near", "within", "sort", "facet_size", "page", "per_page"}

// search answers GET /api/v1/search: q, filters (type, city, region, district, sector,
// skill, degree, language, institution, enterprise, synthetic, experience, salary, date_from, date_to, near +
// within), sort, facets, facet_size, page, per_page. See the README's "Searching".
func (s *Server) search(c *gin.Context) {
	sq, err := searchQuery(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if s.index == nil {
		s.writeError(c, xiaoqi.Errorf(xiaoqi.EUNAVAILABLE, "搜索暂不可用 / search is unavailable"))
		return
	}
	if sq.Institutions, err = s.namesOfIDs(c.Request.Context(), xiaoqi.KindInstitution, "institution", sq.Institutions); err != nil {
		s.writeError(c, err)
		return
	}
	if sq.Enterprises, err = s.namesOfIDs(c.Request.Context(), xiaoqi.KindEnterprise, "enterprise", sq.Enterprises); err != nil {
		s.writeError(c, err)
		return
	}
	res, err := s.index.Search(c.Request.Context(), sq)
	if err != nil {
		s.writeError(c, err)
		return
	}
	out := searchPage{Total: res.Total, Page: sq.Page, PerPage: sq.PerPage,
		TookMS: res.Took.Milliseconds(), Hits: res.Hits, Relaxed: res.Relaxed, Unmatched: res.Unmatched,
		Outside: res.Outside, OutsideKinds: res.OutsideKinds, Nearby: res.Nearby, UnmetCue: res.UnmetCue, Instead: res.Instead, Ignored: res.Ignored, Facets: res.Facets}
	if out.Hits == nil {
		out.Hits = []xiaoqi.Hit{}
	}
	for i := range out.Hits {
		anonymizeHit(&out.Hits[i])
	}
	s.writeJSON(c, http.StatusOK, out)
}

// namesOfIDs returns the values of the institution or enterprise filter (param) with the ids
// among them replaced by the names the index holds: the OpenAPI and the UI's links name a
// school or firm either way, and institution=ins_… found nothing without a word. An id that
// names nothing is refused, naming the parameter.
func (s *Server) namesOfIDs(ctx context.Context, k xiaoqi.Kind, param string, values []string) ([]string, error) {
	out := make([]string, 0, len(values))
	for _, v := range values {
		v = strings.TrimSpace(v)
		if xiaoqi.CheckID(k, v) != nil {
			out = append(out, v)
			continue
		}
		d, err := s.store.Get(ctx, k, v)
		if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
			return nil, invalid(param, "没有编号为 %[1]s 的%[2]s / no %[3]s has the id %[1]s", v, xiaoqi.KindName(k), k)
		}
		if err != nil {
			return nil, err
		}
		switch d := d.(type) {
		case *xiaoqi.Institution:
			out = append(out, d.Name)
		case *xiaoqi.Enterprise:
			out = append(out, d.Name)
		}
	}
	return out, nil
}

// searchQuery parses and checks the parameters of a search; errors name the parameter. The
// index checks the values (known sectors, cities, facets, sorts) and names the parameter too.
func searchQuery(c *gin.Context) (xiaoqi.SearchQuery, error) {
	sq := xiaoqi.SearchQuery{Page: 1, PerPage: defaultPerPage}
	q, err := query(c)
	if err != nil {
		return sq, err
	}
	for _, name := range sortedKeys(q) {
		switch {
		case slices.Contains(singleParams, name):
			if len(q[name]) > 1 {
				return sq, invalid(name, "参数重复 / is given more than once")
			}
		case slices.Contains(listParams, name):
		default:
			return sq, invalid(name, "未知参数（可选：%s、%s） / unknown parameter (allowed: %s, %s)", strings.Join(singleParams, "、"), strings.Join(listParams, "、"), strings.Join(singleParams, ", "), strings.Join(listParams, ", "))
		}
		for _, v := range q[name] {
			if !utf8.ValidString(v) {
				return sq, invalid(name, "编码无效：不是有效的 UTF-8 / is not valid UTF-8")
			}
		}
	}

	sq.Q = strings.TrimSpace(strings.Map(invisible, q.Get("q")))
	if n := utf8.RuneCountInString(sq.Q); n > xiaoqi.MaxQueryLength {
		return sq, invalid("q", "查询过长：%d 个字，最多 %d / is %d characters long, at most %d", n, xiaoqi.MaxQueryLength, n, xiaoqi.MaxQueryLength)
	}

	lists := map[string][]string{}
	for _, name := range listParams {
		vs, err := listParam(q, name)
		if err != nil {
			return sq, err
		}
		lists[name] = vs
	}
	// type=job,program or type=jobs&type=programs; singular or plural.
	for _, t := range lists["type"] {
		k, ok := parseKind(t)
		if !ok {
			return sq, invalid("type", "未知类型 %[1]q（可选：institution、program、enterprise、job、candidate、policy、partnership） / unknown type %[1]q (one of institution, program, enterprise, job, candidate, policy, partnership)", truncate(t, 32))
		}
		if !slices.Contains(sq.Types, k) {
			sq.Types = append(sq.Types, k)
		}
	}
	for _, city := range lists["city"] {
		if utf8.RuneCountInString(city) > maxCityLength {
			return sq, invalid("city", "城市名过长：最多 %[1]d 个字 / must be a city name of at most %[1]d characters", maxCityLength)
		}
	}
	// Places in English too, as the English UI shows them: city=Shenzhen, city=Xi'an,
	// district=Yanta District (or Yanta); an unknown name stays as written, for the index to
	// say it names no city.
	sq.Cities = englishPlaces(lists["city"], false)
	lists["district"] = englishPlaces(lists["district"], true)
	for _, v := range lists["region"] {
		r, ok := xiaoqi.RegionNamed(v) // Guanzhong as 关中
		if !ok {
			r = xiaoqi.Region(v) // refused, named, by the search
		}
		sq.Regions = append(sq.Regions, r)
	}
	for i, v := range lists["degree"] {
		lists["degree"][i] = degreeParam(v)
	}
	for _, v := range lists["sector"] {
		sec, ok := xiaoqi.SectorOf(v) // 金融保险 as finance
		if !ok {
			sec = xiaoqi.Sector(v) // refused, named, by the search
		}
		sq.Sectors = append(sq.Sectors, sec)
	}
	sq.Districts, sq.Skills, sq.Degrees, sq.Languages = lists["district"], lists["skill"], lists["degree"], lists["language"]
	sq.Institutions, sq.Enterprises, sq.Facets = lists["institution"], lists["enterprise"], lists["facets"]

	if v := q.Get("synthetic"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return sq, invalid("synthetic", "须为 true 或 false，不能是 %[1]q / must be true or false, not %[1]q", v)
		}
		sq.Synthetic = &b
	}
	if v := strings.TrimSpace(q.Get("experience")); v != "" {
		e, err := xiaoqi.ParseExperienceAsked(v)
		if err != nil {
			return sq, invalid("experience", "%s", err)
		}
		sq.Experience = &e
	}
	if v := strings.TrimSpace(q.Get("salary")); v != "" {
		// A month's pay in yuan, as a job board writes it: 10000, 1万以上, 8千-1.2万, 15k.
		if utf8.RuneCountInString(v) > maxSalaryLength {
			return sq, invalid("salary", "过长：最多 %[1]d 个字 / must be at most %[1]d characters", maxSalaryLength)
		}
		s, perr := ingest.ParseSalary(v)
		if perr != nil || s.Negotiable || s.Min == 0 && s.Max == 0 {
			return sq, invalid("salary", "应为每月薪资，如 10000、8千-1.2万、1万以上、15k，不能是 %[1]q / must be a monthly salary such as 10000, 8千-1.2万, 1万以上 or 15k, not %[1]q", v)
		}
		sq.Salary = &xiaoqi.SalaryRange{Min: s.Min, Max: s.Max}
	}
	if sq.From, err = dateParam(q, "date_from"); err != nil {
		return sq, err
	}
	if sq.To, err = dateParam(q, "date_to"); err != nil {
		return sq, err
	}
	if !sq.To.IsZero() && len(strings.TrimSpace(q.Get("date_to"))) == len(time.DateOnly) {
		sq.To = sq.To.AddDate(0, 0, 1) // date_to=2024-12-31 includes that day
	}
	if !sq.From.IsZero() && !sq.To.IsZero() && !sq.From.Before(sq.To) {
		return sq, invalid("date_to", "须晚于 date_from / must be after date_from")
	}
	if err := nearParam(q, &sq); err != nil {
		return sq, err
	}
	sq.Sort = strings.TrimSpace(q.Get("sort"))
	switch sq.Sort {
	case "date", "-date": // newest first, as job boards sort; date:asc for the oldest
		sq.Sort = xiaoqi.SortDateDesc
	case "_score", "score":
		sq.Sort = xiaoqi.SortRelevance
	}
	if v := q.Get("facet_size"); v != "" {
		if sq.FacetSize, err = intParam("facet_size", v, 10, xiaoqi.MaxFacetSize); err != nil {
			return sq, err
		}
	}

	if sq.Page, err = intParam("page", q.Get("page"), 1, xiaoqi.MaxResultWindow); err != nil {
		return sq, err
	}
	if sq.PerPage, err = intParam("per_page", q.Get("per_page"), defaultPerPage, xiaoqi.MaxPerPage); err != nil {
		return sq, err
	}
	if sq.Page*sq.PerPage > xiaoqi.MaxResultWindow {
		return sq, invalid("page", "超出结果窗口：page × per_page = %d，最多 %d，请缩小查询范围 / page × per_page = %d is beyond the result window of %d; narrow the query",
			sq.Page*sq.PerPage, xiaoqi.MaxResultWindow, sq.Page*sq.PerPage, xiaoqi.MaxResultWindow)
	}
	return sq, nil
}

// listParam returns the values of a list parameter: repeated, comma-separated (also the
// Chinese comma), trimmed, without empties.
func listParam(q url.Values, name string) ([]string, error) {
	var out []string
	for _, v := range q[name] {
		for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '，' }) {
			if part = strings.TrimSpace(part); part != "" && !slices.Contains(out, part) {
				out = append(out, part)
			}
		}
	}
	if len(out) > maxParamValues {
		return nil, invalid(name, "最多 %d 个值 / at most %d values", maxParamValues, maxParamValues)
	}
	return out, nil
}

// dateParam parses a date (2024-05-01) or a time (RFC 3339).
func dateParam(q url.Values, name string) (time.Time, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.DateOnly, time.RFC3339} {
		// A day is a day in China, as the posting dates are (2024-03-01 00:30 there is
		// 2024-02-29 in UTC, and date_from=2024-03-01 left it out); an RFC 3339 time says its zone.
		if t, err := time.ParseInLocation(layout, v, ingest.China); err == nil {
			if !xiaoqi.DateInRange(t) {
				return time.Time{}, invalid(name, "日期须在 1900 与 2199 年之间，不能是 %[1]q / must be a date between the years 1900 and 2199, not %[1]q", v)
			}
			return t, nil
		}
	}
	return time.Time{}, invalid(name, "日期格式应为 2024-05-01 或 RFC 3339，不能是 %[1]q / must be a date like 2024-05-01 or an RFC 3339 time, not %[1]q", v)
}

// nearParam parses near (a city, or "lat,lon") and within (km: "50" or "50km").
func nearParam(q url.Values, sq *xiaoqi.SearchQuery) error {
	if v := strings.TrimSpace(q.Get("near")); v != "" {
		if utf8.RuneCountInString(v) > maxCityLength {
			return invalid("near", "过长：城市名或“纬度,经度”最多 %[1]d 个字 / must be a city or \"lat,lon\" of at most %[1]d characters", maxCityLength)
		}
		if lat, lon, ok := strings.Cut(v, ","); ok {
			la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
			lo, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
			if err1 != nil || err2 != nil {
				return invalid("near", "应为城市名或“纬度,经度”，如 34.34,108.94，不能是 %[1]q / must be a city or \"lat,lon\" such as 34.34,108.94, not %[1]q", v)
			}
			sq.Near = &xiaoqi.GeoPoint{Lat: la, Lon: lo}
		} else {
			sq.NearCity = v
			if zh, ok := xiaoqi.PlaceFromEnglish(v, false); ok {
				sq.NearCity = zh
			} else if zh, ok := xiaoqi.PlaceFromEnglish(v, true); ok {
				sq.NearCity = zh
			}
		}
	}
	if v := strings.TrimSpace(q.Get("within")); v != "" {
		km, err := strconv.ParseFloat(strings.TrimSuffix(strings.ToLower(v), "km"), 64)
		if err != nil {
			return invalid("within", "应为公里数，如 50 或 50km，不能是 %[1]q / must be a distance in km such as 50 or 50km, not %[1]q", v)
		}
		if km <= 0 {
			return invalid("within", "须大于 0 / must be more than 0 km")
		}
		sq.WithinKM = km
	}
	return nil
}

// invisible drops from a query the characters nobody sees, which text pasted from web pages
// and chat apps carries: a soft hyphen or a zero-width space inside a word (ja\u00adva found
// nothing) and control characters (a query of only U+0001 found nothing instead of
// everything, as an empty one does). Line breaks and tabs become spaces.
func invisible(r rune) rune {
	switch {
	case unicode.IsSpace(r):
		return ' '
	case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		return -1
	}
	return r
}

// englishPlaces returns the cities (or districts) of a filter with those named in English in
// Chinese, as documents store them (xiaoqi.PlaceFromEnglish).
func englishPlaces(vs []string, district bool) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v
		if zh, ok := xiaoqi.CityNamed(v); ok && !district {
			out[i] = zh // Yangling, as district and near take it (it was a 400)
		} else if zh, ok := xiaoqi.PlaceFromEnglish(v, district); ok {
			out[i] = zh
		}
	}
	return out
}
