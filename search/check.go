package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// checkQuery validates the limits and filters and normalises q, returning the page and page
// size. Errors name the API parameter.
func (x *Index) checkQuery(q *xiaoqi.SearchQuery) (page, perPage int, err error) {
	q.Q = strings.ToValidUTF8(q.Q, "")
	page, perPage = q.Page, q.PerPage
	if page == 0 {
		page = 1
	}
	if perPage == 0 {
		perPage = DefaultPerPage
	}
	switch {
	case utf8.RuneCountInString(q.Q) > xiaoqi.MaxQueryLength:
		return 0, 0, invalid("q", "查询词最多 %d 个字 / must be at most %d characters", xiaoqi.MaxQueryLength, xiaoqi.MaxQueryLength)
	case page < 0:
		return 0, 0, invalid("page", "页码须为 1 或以上 / must be 1 or more")
	case perPage < 0 || perPage > xiaoqi.MaxPerPage:
		return 0, 0, invalid("per_page", "每页 1 至 %d 条 / must be between 1 and %d", xiaoqi.MaxPerPage, xiaoqi.MaxPerPage)
	case page > xiaoqi.MaxResultWindow || page*perPage > xiaoqi.MaxResultWindow:
		return 0, 0, invalid("page", "结果窗口最多 %d 条，请缩小查询范围 / page × per_page must be at most %d; narrow the query", xiaoqi.MaxResultWindow, xiaoqi.MaxResultWindow)
	}
	for _, k := range q.Types {
		if !k.Valid() {
			return 0, 0, invalid("type", "未知类型 %[1]q（可选：%[2]s） / unknown type %[1]q (one of %[3]s)", k, kindList("、"), kindList(", "))
		}
	}
	lists := []struct {
		param  string
		values []string
	}{
		{"city", q.Cities}, {"region", asStrings(q.Regions)}, {"district", q.Districts}, {"sector", asStrings(q.Sectors)},
		{"skill", q.Skills}, {"degree", q.Degrees}, {"language", q.Languages}, {"institution", q.Institutions}, {"enterprise", q.Enterprises},
	}
	for _, l := range lists {
		if len(l.values) > MaxFilterValues {
			return 0, 0, invalid(l.param, "最多 %d 个值 / at most %d values", MaxFilterValues, MaxFilterValues)
		}
		for _, v := range l.values {
			if n := utf8.RuneCountInString(v); n == 0 || n > MaxFilterLength || !utf8.ValidString(v) {
				return 0, 0, invalid(l.param, "每个值 1 至 %d 个字 / each value must be 1 to %d characters", MaxFilterLength, MaxFilterLength)
			}
		}
	}
	for _, r := range q.Regions {
		if !slices.Contains(xiaoqi.Regions, r) {
			return 0, 0, invalid("region", "未知区域 %[1]q（可选：关中、陕南、陕北） / unknown region %[1]q (one of 关中 Guanzhong, 陕南 Shaannan, 陕北 Shaanbei)", r)
		}
	}
	for _, s := range q.Sectors {
		if !s.Valid() {
			return 0, 0, invalid("sector", "未知行业 %[1]q，可选：%[2]s / unknown sector %[1]q, one of: %[3]s", s, xiaoqi.SectorChoices(true), xiaoqi.SectorChoices(false))
		}
	}
	for _, d := range q.Degrees {
		if v := degreeValues([]string{d})[0]; !slices.Contains(xiaoqi.Degrees, v) {
			return 0, 0, invalid("degree", "未知学历 %[1]q，可选：%[2]s、研究生、专科 / unknown degree %[1]q, one of: %[3]s, 研究生 (Master's or Doctorate), 专科 (Junior college)", d,
				xiaoqi.DegreeChoices(true), xiaoqi.DegreeChoices(false))
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return 0, 0, invalid("date_to", "须晚于 date_from / must be after date_from")
	}
	if err := x.checkNear(q); err != nil {
		return 0, 0, err
	}
	switch q.Sort {
	case "", xiaoqi.SortRelevance, xiaoqi.SortDateDesc, xiaoqi.SortDateAsc, xiaoqi.SortSalary:
	case xiaoqi.SortDistance:
		if q.Near == nil {
			return 0, 0, invalid("sort", "按距离排序需要 near 参数 / sorting by distance needs near")
		}
	default:
		return 0, 0, invalid("sort", "未知排序 %[1]q（可选：relevance、date:desc、date:asc、distance、salary） / unknown sort %[1]q (one of relevance, date:desc, date:asc, distance, salary)", q.Sort)
	}
	if s := q.Salary; s != nil && (s.Min < 0 || s.Max < 0 || s.Min > xiaoqi.MaxMonthlySalary || s.Max > xiaoqi.MaxMonthlySalary ||
		s.Max > 0 && s.Min > s.Max || s.Min == 0 && s.Max == 0) {
		return 0, 0, invalid("salary", "应为每月 1 至 %[1]d 元之间的薪资，如 10000、8千-1.2万、1万以上 / must be a monthly salary of 1 to %[1]d yuan, such as 10000, 8千-1.2万, 1万以上", xiaoqi.MaxMonthlySalary)
	}
	if q.FacetSize == 0 {
		q.FacetSize = DefaultFacetSize
	}
	if q.FacetSize < 0 || q.FacetSize > xiaoqi.MaxFacetSize {
		return 0, 0, invalid("facet_size", "须在 1 至 %d 之间 / must be between 1 and %d", xiaoqi.MaxFacetSize, xiaoqi.MaxFacetSize)
	}
	var facets []string
	for _, f := range q.Facets {
		if !slices.Contains(FacetFields, f) {
			return 0, 0, invalid("facets", "不能统计 %[1]q（可选：%[2]s） / cannot count %[1]q (one of %[3]s)", f, strings.Join(FacetFields, "、"), strings.Join(FacetFields, ", "))
		}
		if !slices.Contains(facets, f) {
			facets = append(facets, f)
		}
	}
	q.Facets = facets
	return page, perPage, nil
}

// checkCities refuses a city filter that names no city of Shaanxi (北京), unless documents
// are there (an import may hold job needs of other cities): it would find nothing, and an
// empty answer says "none" where the caller made a mistake.
func (x *Index) checkCities(ctx context.Context, q xiaoqi.SearchQuery) error {
	for _, c := range append([]string{q.City}, q.Cities...) {
		if c = strings.TrimSpace(c); c == "" || xiaoqi.RegionOf(c) != "" {
			continue
		}
		if _, ok := x.cities[xiaoqi.NormalizeCity(c)]; ok {
			continue
		}
		found, err := x.exists(ctx, cityQuery(c))
		if err != nil {
			return err
		}
		if !found {
			return invalid("city", "未知城市 %q：请用陕西的城市名（西安、宝鸡、杨凌示范区……） / unknown city %q: use a city of Shaanxi (西安, 宝鸡, 杨凌示范区, …)", c, c)
		}
	}
	return nil
}

// checkDistricts refuses, as checkCities does a city, a district filter that names no
// district, county or zone of Shaanxi in any of the ways an import reads one (火星区), unless
// documents are there (an import keeps the districts of other provinces as written): it
// answered total 0, as if none were there.
func (x *Index) checkDistricts(ctx context.Context, q xiaoqi.SearchQuery) error {
	for _, d := range q.Districts {
		names := districtNames([]string{d})
		if slices.ContainsFunc(names, ingest.ShaanxiDistrict) {
			continue
		}
		found, err := x.exists(ctx, anyOf(fieldDistrict, names))
		if err != nil {
			return err
		}
		if !found {
			d = strings.TrimSpace(d)
			return invalid("district", "未知区县 %q：请用陕西的区县或开发区名（雁塔、周至、高新区、曲江……） / unknown district %q: use a district, county or development zone of Shaanxi (雁塔, 周至, 高新区, 曲江, …)", d, d)
		}
	}
	return nil
}

// checkLanguages refuses, as checkDistricts does a district, a language filter that the
// taxonomy does not know as a language (in Chinese, or in English as the English UI names
// it: English CET-6), unless documents state it (粤语): language=Klingon answered total 0,
// as if nobody spoke it, where degree= says which values it takes.
func (x *Index) checkLanguages(ctx context.Context, q xiaoqi.SearchQuery) error {
	for _, v := range q.Languages {
		if x.syn != nil {
			if sk, ok := x.syn.tax.Resolve(v); ok && sk.Category == "language" {
				continue
			}
		}
		found, err := x.exists(ctx, x.languageQuery([]string{v}))
		if err != nil {
			return err
		}
		if !found {
			v = strings.TrimSpace(v)
			zh, en := x.languageChoices()
			return invalid("language", "未知语言 %[1]q，可选：%[2]s / unknown language %[1]q, one of: %[3]s", v, zh, en)
		}
	}
	return nil
}

// languageChoices lists the languages of the taxonomy, in Chinese and, for the English half,
// each with its English name as the English UI shows it (英语六级 English CET-6).
func (x *Index) languageChoices() (zh, en string) {
	if x.syn == nil {
		return "英语、日语、日语N2、英语六级……", "英语 English, 日语 Japanese, 日语N2 Japanese JLPT N2, 英语六级 English CET-6, …"
	}
	var zhs, ens []string
	for _, s := range x.syn.tax.Skills() {
		if s.Category != "language" {
			continue
		}
		name := s.NameEN
		// The UI names an English level with its language (English CET-6), as the
		// taxonomy's aliases do; its English name is the exam's alone (CET-6).
		for _, a := range s.Aliases {
			if strings.HasSuffix(a, " "+name) && strings.EqualFold(strings.TrimSuffix(a, " "+name), "English") {
				name = a
			}
		}
		zhs = append(zhs, s.NameZH)
		ens = append(ens, s.NameZH+" "+name)
	}
	return strings.Join(zhs, "、"), strings.Join(ens, ", ")
}

// checkNear resolves NearCity into Near and checks the distance filter.
func (x *Index) checkNear(q *xiaoqi.SearchQuery) error {
	if c := strings.TrimSpace(q.NearCity); c != "" {
		n := xiaoqi.NormalizeCity(c)
		if slices.Contains(yangling, c) {
			n = "杨凌示范区"
		} else if cn, ok := xiaoqi.CityNamed(c); ok {
			n = cn // Xixian as 西咸新区, as city= reads it
		}
		p, ok := x.cities[n]
		if !ok {
			// A district or county (雁塔区, 雁塔, 周至): its centre, when its name is one
			// district's only.
			p, ok = x.districtPoint(c)
		}
		if !ok {
			if near, en := nearbyPlaces(c, n); len(near) > 0 {
				// A place the divisions give no point (西咸新区, 高新区, 西安高新区): the
				// places near it that have one, to use instead.
				var names []string
				for _, pl := range near {
					names = append(names, xiaoqi.PlaceEnglish(pl))
				}
				return invalid("near", "%[1]q 没有坐标：请用附近的%[2]s，或“纬度,经度” / %[1]q (%[3]s) has no coordinates: use %[4]s nearby, or \"lat,lon\"",
					c, strings.Join(near, "或"), en, strings.Join(names, " or "))
			}
		}
		switch {
		case !ok && xiaoqi.RegionOf(n) != "":
			return invalid("near", "%[1]q 没有坐标：请用附近的城市名或“纬度,经度” / %[1]q (%[2]s) has no coordinates: use a city nearby or \"lat,lon\"", c, xiaoqi.CityEnglish(n))
		case !ok:
			return invalid("near", "未知城市 %q：请用陕西的城市名或“纬度,经度” / unknown city %q: use a Shaanxi city or \"lat,lon\"", c, c)
		}
		q.Near = &p
	}
	if q.Near != nil {
		if math.IsNaN(q.Near.Lat) || math.IsNaN(q.Near.Lon) || q.Near.Lat < -90 || q.Near.Lat > 90 || q.Near.Lon < -180 || q.Near.Lon > 180 {
			return invalid("near", "纬度须在 ±90、经度在 ±180 之间 / latitude must be within ±90 and longitude within ±180")
		}
	}
	switch {
	case math.IsNaN(q.WithinKM) || q.WithinKM < 0 || q.WithinKM > MaxWithinKM:
		return invalid("within", "须在 0 至 %d 公里之间 / must be between 0 and %d km", MaxWithinKM, MaxWithinKM)
	case q.WithinKM > 0 && q.Near == nil:
		return invalid("within", "距离过滤需要 near 参数（城市或“纬度,经度”） / a distance filter needs near (a city or \"lat,lon\")")
	}
	return nil
}

// districtPoint returns the centre of the district named d (雁塔区, or 雁塔 for it) when one
// district of the province has that name.
func (x *Index) districtPoint(d string) (xiaoqi.GeoPoint, bool) {
	var found []xiaoqi.GeoPoint
	for k, p := range x.cities {
		_, name, ok := strings.Cut(k, "/")
		if !ok {
			continue
		}
		if name == d || slices.Contains([]string{d + "区", d + "县", d + "市"}, name) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		// The city written before it, as an address starts (西安市雁塔区, 西安雁塔区, 西安 雁塔):
		// the district of that city, which is one even where the name alone is not.
		c := strings.Join(strings.Fields(d), "")
		for k, p := range x.cities {
			city, name, ok := strings.Cut(k, "/")
			if !ok {
				continue
			}
			for _, pre := range []string{city, strings.TrimSuffix(city, "市")} {
				if rest, ok := strings.CutPrefix(c, pre); ok && rest != "" && (rest == name || slices.Contains([]string{rest + "区", rest + "县", rest + "市"}, name)) {
					found = append(found, p)
					break
				}
			}
		}
	}
	if len(found) != 1 {
		return xiaoqi.GeoPoint{}, false
	}
	return found[0], true
}

func invalid(field, format string, args ...any) *xiaoqi.Error {
	msg := fmt.Sprintf(format, args...)
	return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: field + ": " + msg,
		Details: []xiaoqi.FieldError{{Field: field, Message: msg}}}
}

// kindList lists the kinds of documents, joined by sep.
func kindList(sep string) string {
	var out []string
	for _, k := range xiaoqi.Kinds {
		out = append(out, string(k))
	}
	return strings.Join(out, sep)
}
