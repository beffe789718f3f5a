package search

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// Places in queries: the cities, districts and new areas a query names, and how a document
// there is found and weighed.

// isPlace reports whether a query word names a place: a city of the province (西安, 西安市),
// a region (关中), the province itself (陕西), or a city elsewhere in China that documents
// may be in (北京, 深圳市: otherCities).
func (x *Index) isPlace(w string) bool {
	if provinceWords[w] || otherCities[w] {
		return true
	}
	_, city := x.cities[w]
	_, short := x.cities[w+"市"]
	// Also the new areas (杨凌, 西咸新区), and the development zones no list of divisions has
	// (高新区): 外包公司 高新区, which no firm of the zone says, listed the outsourcing firms
	// of every city saying only that one of the words was missing.
	return city || short || xiaoqi.RegionOf(w) != "" || slices.Contains(zoneNames, w)
}

// isDistrict reports whether w names a district of one city, in full (雁塔区, 周至县) or
// without its 区 or 县 (雁塔), or a development zone as imports write it (高新区, 曲江新区).
func (x *Index) isDistrict(w string) bool {
	return x.districtCity(w) != "" || slices.Contains(zoneNames, w)
}

// provinceWords name the province (陕西) or one of its regions (关中).
var provinceWords = map[string]bool{"陕西": true, "陕西省": true, "陕": true, "关中": true, "陕南": true, "陕北": true}

// otherCities are the cities of China outside Shaanxi that imports store (the prefecture-level
// units and provincial-level cities of placedata, 北京市, 深圳市), in full and without their 市
// (北京, 深圳), as people type them. Searched as words, 北京 算法工程师 listed first the
// postings of 郑州 and 合肥 whose firms' names hold 北京 (华南医电（北京）, 北京君正); as places
// they count as Shaanxi's do. Shaanxi's own cities are places by x.cities, as before.
var otherCities = otherCityNames(xiaoqi.PlaceNames())

func otherCityNames(places []xiaoqi.PlaceName) map[string]bool {
	out := map[string]bool{}
	for _, p := range places {
		if p.City != "" || xiaoqi.RegionOf(p.Name) != "" {
			continue
		}
		out[p.Name] = true
		if short, ok := strings.CutSuffix(p.Name, "市"); ok && utf8.RuneCountInString(short) >= 2 {
			out[short] = true
		}
	}
	return out
}

// zoneNames are the development zones as imports write them (ingest.ZoneNames).
var zoneNames = ingest.ZoneNames()

// zoneHosts are, for each development zone of 西安, the district it mostly lies in: no list of
// divisions gives a zone a point, so near=高新区 is answered with the places to use instead
// (it was 'unknown city "高新区"', though district=高新区 finds its job needs).
var zoneHosts = map[string]string{
	"高新区": "雁塔区", "经开区": "未央区", "曲江新区": "雁塔区", "浐灞生态区": "灞桥区",
	"国际港务区": "灞桥区", "航天基地": "长安区", "航空基地": "阎良区",
}

// nearbyPlaces returns, for a place without a point of its own, the places near it that have
// one, and the place's English name: 西咸新区 (n, as CityNamed reads c) lies between 西安市 and
// 咸阳市; a zone alone or after 西安 (高新区, 西安市高新区) is 西安's (Xi'an Hi-tech Zone), in
// its district (雁塔区) and 西安市; a zone after another city (宝鸡高新区) in that city. None
// for any other place.
func nearbyPlaces(c, n string) (near []string, en string) {
	if n == "西咸新区" {
		return []string{"西安市", "咸阳市"}, xiaoqi.CityEnglish(n)
	}
	w := strings.Join(strings.Fields(c), "")
	for _, z := range zoneNames {
		rest, ok := strings.CutSuffix(w, z)
		if !ok {
			continue
		}
		city := "西安市"
		if rest != "" {
			if city, ok = xiaoqi.CityNamed(rest); !ok || xiaoqi.RegionOf(city) == "" {
				return nil, ""
			}
		}
		en := xiaoqi.CityEnglish(city) + " " + xiaoqi.PlaceEnglish(z)
		if h := zoneHosts[z]; h != "" && city == "西安市" {
			return []string{h, city}, en
		}
		return []string{city}, en
	}
	return nil, ""
}

// districtCity returns the city of the district w names (雁塔区 or 雁塔: 西安市), or "" when w
// names none, or one of several cities.
func (x *Index) districtCity(w string) string {
	for _, d := range []string{w, w + "区", w + "县"} {
		if c := x.districts[d]; c != "" {
			return c
		}
	}
	return ""
}

// districtCities maps each district of cities (keys "西安市/雁塔区") to its city; a name that two
// cities have is left out.
func districtCities(cities map[string]xiaoqi.GeoPoint) map[string]string {
	out := map[string]string{}
	twice := map[string]bool{}
	for k := range cities {
		city, district, ok := strings.Cut(k, "/")
		if !ok || district == "" {
			continue
		}
		if c, seen := out[district]; seen && c != city {
			twice[district] = true
		}
		out[district] = city
	}
	for d := range twice {
		delete(out, d)
	}
	return out
}

// candidatesByCity writes the districts of q as their cities when the query asks for
// candidates only (the 候选人 tab, or a cue such as 候选人 and no other): a profile says its
// city, never a district, so 雁塔区 软件测试 候选人 found no candidate and listed job needs
// instead. It finds the candidates of 西安市, and returns the districts it replaced, which
// still come first among the other kinds (inDistricts).
func (x *Index) candidatesByCity(q string, types []xiaoqi.Kind) (string, []string) {
	if len(x.districts) == 0 {
		return q, nil
	}
	_, kinds, _ := typeCuesOf(q)
	if !slices.Equal(types, []xiaoqi.Kind{xiaoqi.KindCandidate}) && !slices.Equal(kinds, []xiaoqi.Kind{xiaoqi.KindCandidate}) {
		return q, nil
	}
	parts := strings.Fields(q)
	out := make([]string, 0, len(parts))
	var districts []string
	for _, p := range parts {
		city := x.districts[p]
		switch {
		case city == "":
			out = append(out, p)
			continue
		case slices.Contains(parts, city) || slices.Contains(out, city):
			// 西安市 雁塔区: the city once
		default:
			out = append(out, city)
		}
		districts = append(districts, p)
	}
	if len(districts) == 0 {
		return q, nil
	}
	return strings.Join(out, " "), districts
}

// inDistricts adds to text's score, the query of words in which candidatesByCity wrote
// districts as their cities, that of being in one of the districts: the job needs of 雁塔区
// before the others of 西安市, which the city's word found too.
func inDistricts(text query.Query, districts []string) query.Query {
	if len(districts) == 0 {
		return text
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(text)
	for _, d := range districts {
		b.AddShould(termQuery(fieldDistrict, d, placeBoost))
	}
	return b
}

// yangling are the names of 杨凌示范区, the new area of policy item (7), which divisions call
// 杨陵区 (of 咸阳市): documents say either.
var yangling = []string{"杨凌", "杨凌示范区", "杨凌区", "杨陵", "杨陵区"}

// xixianCities are the five new towns of 西咸新区, as people in 西安 name where they work (沣西,
// 空港): documents say 西咸新区 (沣西 found nothing).
var xixianCities = []string{"沣东新城", "沣东", "沣西新城", "沣西", "秦汉新城", "秦汉", "空港新城", "空港", "泾河新城", "泾河"}

// placeSynonyms are the other words of a place: 杨凌 finds the documents of 杨陵区 and 杨陵
// those of 杨凌示范区, 沣西 those of 西咸新区.
func placeSynonyms(w string) []string {
	if slices.Contains(xixianCities, w) {
		return []string{"西咸新区"}
	}
	if !slices.Contains(yangling, w) {
		return nil
	}
	var out []string
	for _, s := range []string{"杨凌", "杨陵"} {
		if s != w {
			out = append(out, s)
		}
	}
	return out
}

// Weights of a place word among other words (软件公司 宝鸡): found in a document's place
// (its city, district and region), placeBoost; found anywhere else (a school's name, a
// posting's text), its usual weight times placeTextBoost. A city of half the documents (西安)
// weighs little as a term: at 2, how often and in how short a profile the other words stood
// decided more than being there, and 日语N2 候选人 西安 listed second a candidate of 咸阳 who
// studied at 西安石油大学, and others of 榆林 and 安康 among the first 16 (nDCG@10 0.881; 6:
// 0.919, the one of 咸阳 4th; 20: 1.000, and no other query of the relevance set fell).
const (
	placeBoost     = 20
	placeTextBoost = 0.25
)

// placeQuery is wq, the query of the place word w, weighed as a place: every document of the
// place scores the same for it, so that the other words decide their order. A place named in
// a title (宝鸡文理学院 · 统计学) no longer outweighs them, nor does one a posting mentions (毕业于
// 宝鸡文理学院) count as much as being there. Documents without a place (policy items) still
// match the word in their text.
func (x *Index) placeQuery(w qword, wq query.Query) query.Query {
	scaleBoost(wq, placeTextBoost)
	return bleve.NewDisjunctionQuery(termQuery(fieldPlace, w.text, placeBoost), wq)
}

// Weights of a degree word among other words (数据分析 硕士): found as a document's degree (a
// candidate's, the one a job need asks for, a program's), degreeBoost; found in its text, its
// usual weight times degreeTextBoost.
const (
	degreeBoost     = 2
	degreeTextBoost = 0.25
)

// isDegreeWord reports whether w names a degree as the degree field holds it, or as people
// say it (专科 is 大专; 研究生, a master's or a doctorate).
func isDegreeWord(w string) bool {
	switch w {
	case "大专", "专科", "本科", "硕士", "博士", "研究生":
		return true
	}
	return false
}

// degreeQuery is wq, the query of the degree word w, weighed as a degree, as placeQuery weighs
// a place: every document of the degree scores the same for it, and the other words decide
// their order. As a word, 硕士 outweighed the skill beside it: for 数据分析 硕士 a profile
// whose text says 取得硕士学位 and whose lists hold 数据 and 分析 apart (示例数据, 材料分析测试)
// came before the master's graduates whose skills name 数据分析.
func degreeQuery(w qword, wq query.Query) query.Query {
	scaleBoost(wq, degreeTextBoost)
	vs := degreeValues([]string{w.text})
	dq := anyOf(fieldDegree, vs)
	scaleBoost(dq, degreeBoost*float64(len(vs))) // a document has one: coord 1/len(vs)
	return bleve.NewDisjunctionQuery(dq, wq)
}

// placeCity returns the city of the district w names (districtCity; 杨凌: 咸阳市) or, for a
// development zone that no list of divisions gives a city (高新区: 西安's, 宝鸡's and others'),
// the city of the documents this index places in it, when three in four of them are in one;
// else "".
func (x *Index) placeCity(ctx context.Context, w string) (string, error) {
	if xiaoqi.NormalizeCity(w) == "杨凌示范区" {
		w = "杨陵区" // the district of 咸阳 that the 杨凌 zone is, as the divisions name it
	}
	if c := x.districtCity(w); c != "" || !slices.Contains(zoneNames, w) {
		return c, nil
	}
	tq := bleve.NewTermQuery(w)
	tq.SetField(fieldDistrict)
	req := bleve.NewSearchRequestOptions(tq, 0, 0, false)
	req.Score = bleve.ScoreNone
	req.AddFacet(fieldCity, bleve.NewFacetRequest(fieldCity, 1))
	res, err := x.inner(ctx, req, "the city of "+w)
	if err != nil {
		return "", err
	}
	if f := res.Facets[fieldCity]; f != nil && f.Terms != nil {
		if top := f.Terms.Terms(); len(top) > 0 && uint64(top[0].Count)*4 >= res.Total*3 {
			return top[0].Term, nil
		}
	}
	return "", nil
}
