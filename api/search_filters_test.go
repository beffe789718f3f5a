package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// loadSearchOptions loads what cmd/xiaoqi gives the index, once per test binary: the word
// segmenter takes seconds to load, as in production, where a process loads one.
var loadSearchOptions = sync.OnceValues(func() (search.Options, error) {
	tax, err := skill.Load()
	if err != nil {
		return search.Options{}, err
	}
	sd, err := seed.LoadSearchData()
	if err != nil {
		return search.Options{}, err
	}
	seg, err := search.NewSegmenter(tax, search.DomainWords(sd.Aliases)...)
	if err != nil {
		return search.Options{}, err
	}
	return search.Options{Taxonomy: tax, Segmenter: seg, Aliases: sd.Aliases, Cities: sd.Cities, Majors: sd.Majors, EnglishNames: sd.EnglishNames}, nil
})

func searchOptions(tb testing.TB) search.Options {
	tb.Helper()
	opt, err := loadSearchOptions()
	if err != nil {
		tb.Fatalf("search options: %v", err)
	}
	return opt
}

type facetPage struct {
	Total  uint64                         `json:"total"`
	Hits   []xiaoqi.Hit                   `json:"hits"`
	Facets map[string][]xiaoqi.FacetCount `json:"facets"`
}

// filterEnv is a server holding a few documents of every kind across Shaanxi.
func filterEnv(t *testing.T) (*env, map[string]string) {
	t.Helper()
	e := newEnv(t)
	ids := map[string]string{}
	for name, d := range map[string]struct{ res, body string }{
		"xjtu":   {"institutions", xjtu},
		"xupt":   {"institutions", xupt},
		"xidian": {"institutions", `{"name":"西安电子科技大学","type":"university","code":"4161010701","level":"本科","city":"西安市"}`},
		"baoji":  {"institutions", baoji},
		"java_xa": {"jobs", `{"enterprise_name":"西安软通动力","title":"Java开发工程师","city":"西安市","district":"雁塔区","sector":"software",
			"degree":"本科","skills":["Java","MySQL"],"languages":["日语N2"],"posted_at":"2024-03-01T00:00:00Z","source":"t","external_id":"1","synthetic":true,
			"salary_min":12000,"salary_max":20000,"salary_text":"1.2-2万"}`},
		"test_xa": {"jobs", `{"enterprise_name":"西安测试服务公司","title":"软件测试工程师","city":"西安市","sector":"software",
			"degree":"大专","skills":["软件测试","Python"],"posted_at":"2024-05-01T00:00:00Z","source":"t","external_id":"2","description":"负责待处理缺陷的跟踪与回归测试。"}`},
		"ops_yl": {"jobs", `{"enterprise_name":"榆林能源数据公司","title":"运维工程师","city":"榆林市","sector":"it_ops",
			"degree":"本科","skills":["Linux"],"posted_at":"2023-11-01T00:00:00Z","source":"t","external_id":"3","description":"负责广西安全生产平台的运维。"}`},
		"test_bj": {"jobs", `{"enterprise_name":"宝鸡软件公司","title":"测试工程师","city":"宝鸡市","sector":"software",
			"degree":"本科","skills":["软件测试"],"posted_at":"2024-01-15T00:00:00Z","source":"t","external_id":"4","salary_min":6000,"salary_max":8000}`},
		"media_hz": {"jobs", `{"enterprise_name":"汉中文化传媒","title":"公众号运营","city":"汉中市","sector":"film_media",
			"degree":"大专","skills":["新媒体运营"],"posted_at":"2024-02-01T00:00:00Z","source":"t","external_id":"5","description":"负责微信公众号的内容运营。"}`},
	} {
		ids[name] = e.create(t, d.res, d.body).ID
	}
	return e, ids
}

func hitIDs(p facetPage) []string {
	out := make([]string, len(p.Hits))
	for i, h := range p.Hits {
		out[i] = h.ID
	}
	return out
}

func TestSearchAnalysisAndFilters(t *testing.T) {
	t.Parallel()
	e, ids := filterEnv(t)
	id := func(names ...string) []string {
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = ids[n]
		}
		return out
	}
	tests := []struct {
		name, query string
		want        []string // exact ids in order; nil for none
		sorted      bool     // compare as sets
	}{
		{"abbreviation 西电", "q=西电", id("xidian"), false},
		{"abbreviation 交大", "q=交大", id("xjtu"), false},
		{"abbreviation 西邮", "q=西邮&type=institution", id("xupt"), false},
		{"公众号 is one word", "q=公众号", id("media_hz"), false},
		{"西安 is not in 广西安全", "q=西安&type=job", id("java_xa", "test_xa"), true},
		{"处理 is found in 待处理", "q=处理", id("test_xa"), false},
		{"AND semantics", "q=" + url.QueryEscape("软件测试 西安"), id("test_xa"), false},
		{"mixed Chinese and English", "q=" + url.QueryEscape("Java 西安"), id("java_xa"), false},
		{"traditional characters", "q=" + url.QueryEscape("軟件測試") + "&type=job", id("test_xa", "test_bj"), true},
		{"full-width Latin", "q=" + url.QueryEscape("ＰＹＴＨＯＮ"), id("test_xa"), false},
		{"typo of five letters or more", "q=pyhon", id("test_xa"), false},
		{"typo too short", "q=jaav", nil, false},
		{"city filter, short form", "type=job&city=西安", id("java_xa", "test_xa"), true},
		{"two cities", "type=job&city=宝鸡,榆林", id("ops_yl", "test_bj"), true},
		{"region", "type=job&region=陕北", id("ops_yl"), false},
		{"region in English, any case", "type=job&region=shaanbei", id("ops_yl"), false},
		{"type by its Chinese name", "type=" + url.QueryEscape("岗位") + "&region=Shaanbei", id("ops_yl"), false},
		{"district", "district=雁塔区", id("java_xa"), false},
		{"sector", "sector=it_ops", id("ops_yl"), false},
		{"sector by its Chinese name", "sector=" + url.QueryEscape("运营维护"), id("ops_yl"), false},
		{"sector by its English name", "sector=" + url.QueryEscape("IT Operation and Maintenance"), id("ops_yl"), false},
		{"skill", "skill=软件测试&sort=date", id("test_xa", "test_bj"), false},
		{"degree", "type=job&degree=大专&sort=date:asc", id("media_hz", "test_xa"), false},
		{"degree in English", "type=job&degree=" + url.QueryEscape("Associate degree") + "&sort=date:asc", id("media_hz", "test_xa"), false},
		// The English UI's own names of the degrees (Junior college, Training …) were a 400.
		{"degree as the English UI names it", "type=job&degree=" + url.QueryEscape("Junior college") + "&sort=date:asc", id("media_hz", "test_xa"), false},
		{"degree as the English UI names it, any case", "type=job&degree=" + url.QueryEscape("junior College") + "&sort=date:asc", id("media_hz", "test_xa"), false},
		{"language", "language=日语N2", id("java_xa"), false},
		{"enterprise", "enterprise=" + url.QueryEscape("宝鸡软件公司"), id("test_bj"), false},
		{"synthetic", "type=job&synthetic=true", id("java_xa"), false},
		{"date range, inclusive days", "type=job&date_from=2024-01-15&date_to=2024-03-01&sort=date:asc", id("test_bj", "media_hz", "java_xa"), false},
		{"within 50 km of a city", "type=job&near=宝鸡&within=50km", id("test_bj"), false},
		{"within km of a point", "type=job&near=38.29,109.73&within=30", id("ops_yl"), false},
		{"salary", "salary=" + url.QueryEscape("1万以上"), id("java_xa"), false},
		{"salary in q", "q=" + url.QueryEscape("月薪7千"), id("test_bj"), false},
		{"sort by salary", "type=job&skill=软件测试,Java&sort=salary", id("java_xa", "test_bj", "test_xa"), false},
		{"sort by distance from Xi'an", "type=job&skill=软件测试,Linux&near=西安&sort=distance", id("test_xa", "test_bj", "ops_yl"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p facetPage
			e.get(t, "/api/v1/search?"+tt.query).want(t, http.StatusOK).decode(t, &p)
			got := hitIDs(p)
			if tt.sorted {
				slices.Sort(got)
				slices.Sort(tt.want)
			}
			if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("%s = %v, want %v", tt.query, got, tt.want)
			}
		})
	}

	// The institution and enterprise filters take an id as the OpenAPI says, finding what the
	// name finds; institution=ins_… found nothing, and an id of nothing is refused by name.
	ent := e.create(t, "enterprises", `{"name":"西安编号外包公司","city":"西安市"}`).ID
	job := e.create(t, "jobs", `{"enterprise_id":"`+ent+`","title":"数据标注员","city":"西安市"}`).ID
	prog := e.create(t, "programs", `{"institution_id":"`+ids["xupt"]+`","name":"数据科学与大数据技术","degree":"本科"}`).ID
	for q, want := range map[string][]string{
		"enterprise=" + ent:                               {ent, job}, // the firm and its posting, as by name
		"type=program&institution=" + ids["xupt"]:         {prog},
		"type=program&institution=" + ids["xupt"] + ",西电": {prog},
	} {
		var p facetPage
		e.get(t, "/api/v1/search?"+q).want(t, http.StatusOK).decode(t, &p)
		got := hitIDs(p)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", q, got, want)
		}
	}
	for _, q := range []string{"institution=ins_0000000000000000", "enterprise=ent_0000000000000000"} {
		param := strings.SplitN(q, "=", 2)[0]
		if ae := e.get(t, "/api/v1/search?"+q).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, param); !strings.Contains(ae.Error.Message, "0000000000000000") {
			t.Errorf("%s: %q, want the id named", q, ae.Error.Message)
		}
	}

	// When no document has every word, those with all but one are shown, and said to be.
	var relaxed struct {
		facetPage
		Relaxed bool `json:"relaxed"`
	}
	e.get(t, "/api/v1/search?q="+url.QueryEscape("Java 测试 西安")).want(t, http.StatusOK).decode(t, &relaxed)
	if got := hitIDs(relaxed.facetPage); !relaxed.Relaxed || len(got) != 2 || !slices.Contains(got, ids["java_xa"]) || !slices.Contains(got, ids["test_xa"]) {
		t.Errorf("Java 测试 西安: relaxed %v, hits %s", relaxed.Relaxed, describe(relaxed.facetPage))
	}

	// A distance comes with each hit when near is given; 宝鸡 is about 150 km from 西安.
	var p facetPage
	e.get(t, "/api/v1/search?type=job&skill=软件测试&near=西安&sort=distance").want(t, http.StatusOK).decode(t, &p)
	if len(p.Hits) != 2 || p.Hits[0].DistanceKM == nil || *p.Hits[0].DistanceKM > 5 || p.Hits[1].DistanceKM == nil ||
		*p.Hits[1].DistanceKM < 130 || *p.Hits[1].DistanceKM > 170 {
		t.Errorf("distances: %s", describe(p))
	}
	// Highlighting marks the Chinese words at their places; the exact words rank first
	// (回归测试 is a kind of 软件测试, which finds the other test job too).
	e.get(t, "/api/v1/search?q="+url.QueryEscape("回归测试")).want(t, http.StatusOK).decode(t, &p)
	if len(p.Hits) == 0 || p.Hits[0].ID != ids["test_xa"] || p.Hits[0].Snippet != "负责待处理缺陷的跟踪与<mark>回归测试</mark>。" {
		t.Errorf("snippet: %s", describe(p))
	}
}

func TestSearchFacets(t *testing.T) {
	t.Parallel()
	e, _ := filterEnv(t)
	var p facetPage
	e.get(t, "/api/v1/search?type=job&facets=city,sector,degree,region,skill,type").want(t, http.StatusOK).decode(t, &p)
	want := map[string]string{
		"city":   "[{西安市 2} {宝鸡市 1} {榆林市 1} {汉中市 1}]",
		"sector": "[{software 3} {film_media 1} {it_ops 1}]",
		"degree": "[{本科 3} {大专 2}]",
		"region": "[{关中 3} {陕北 1} {陕南 1}]",
		"type":   "[{job 5}]",
	}
	for f, w := range want {
		if got := fmt.Sprint(p.Facets[f]); got != w {
			t.Errorf("facet %s = %s, want %s", f, got, w)
		}
	}
	if got := p.Facets["skill"]; len(got) == 0 || got[0] != (xiaoqi.FacetCount{Value: "软件测试", Count: 2}) {
		t.Errorf("facet skill = %v, want 软件测试 first with 2", got)
	}
	// Facets count the filtered hits.
	e.get(t, "/api/v1/search?q=测试&facets=city&facet_size=1").want(t, http.StatusOK).decode(t, &p)
	if got := fmt.Sprint(p.Facets["city"]); p.Total != 2 || got != "[{西安市 1}]" && got != "[{宝鸡市 1}]" {
		t.Errorf("facets of 测试: total %d, city %s", p.Total, got)
	}
	// No hit: an empty list, every time (the result cache turned it into null).
	for range 2 {
		body := string(e.get(t, "/api/v1/search?q=zzqx&facets=city").want(t, http.StatusOK).Body)
		if !strings.Contains(body, `"facets":{"city":[]}`) {
			t.Errorf("facets of a search that finds nothing: %s", body)
		}
	}
}

func TestSearchBadFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tt := range []struct{ query, field string }{
		{"color=red", "color"},
		{"region=华北", "region"},
		{"sector=mining", "sector"},
		{"facets=price", "facets"},
		{"facet_size=101", "facet_size"},
		{"facet_size=0", "facet_size"},
		{"synthetic=maybe", "synthetic"},
		{"salary=abc", "salary"},
		{"salary=" + url.QueryEscape("面议"), "salary"},
		{"salary=" + strings.Repeat("1", 21), "salary"},
		{"salary=0", "salary"},
		{"sort=price", "sort"},
		{"date_from=2024-13-01", "date_from"},
		{"date_from=2024-05-01&date_to=2024-01-01", "date_to"},
		{"date_from=0000-01-01", "date_from"}, // beyond what the index stores: was a 500
		{"date_from=9999-12-31", "date_from"},
		{"date_to=1677-01-01", "date_to"},
		{"date_to=2262-04-11", "date_to"},
		{"date_to=0001-01-01", "date_to"}, // the zero time: was ignored
		{"within=50", "within"},
		{"near=西安&within=-3", "within"},
		{"near=西安&within=far", "within"},
		{"near=西安&within=5000", "within"},
		{"near=纽约", "near"},
		{"near=91,200", "near"},
		{"near=abc,def", "near"},
		{"sort=distance", "sort"},
		{"sort=price", "sort"},
		{"skill=a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13,a14,a15,a16,a17,a18,a19,a20,a21", "skill"},
		{"skill=" + strings.Repeat("长", 65), "skill"},
		{"page=101&per_page=100", "page"},
		{"per_page=101", "per_page"},
		{"sort=date&sort=distance", "sort"},
	} {
		t.Run(tt.query, func(t *testing.T) {
			e.get(t, "/api/v1/search?"+tt.query).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, tt.field)
		})
	}
}

// TestSearchEnglishValues: the values the English UI shows are taken by the parameters
// (degree=Training, Secondary vocational school; experience=new graduate, 3+ years, any were a
// 400), and the English half of a refusal lists the English forms, as the region's does.
func TestSearchEnglishValues(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, q := range []string{"degree=Training", "degree=" + url.QueryEscape("Secondary vocational school"), "degree=" + url.QueryEscape("Junior college"),
		"degree=" + url.QueryEscape("High school"), "degree=Doctorate", "degree=Any", "degree=" + url.QueryEscape("Bachelor's"),
		"experience=" + url.QueryEscape("new graduate"), "experience=" + url.QueryEscape("3+ years"), "experience=any",
		"experience=" + url.QueryEscape("1–3 years"), "experience=" + url.QueryEscape("10 years or more")} {
		e.get(t, "/api/v1/search?"+q).want(t, http.StatusOK)
	}
	for _, tt := range []struct{ query, field, en string }{
		{"degree=Kindergarten", "degree", "one of: 不限 Any, 高中 High school, 中专 Secondary vocational school, 大专 Junior college, 本科 Bachelor's, 硕士 Master's, 博士 Doctorate, 培训 Training, 研究生 (Master's or Doctorate), 专科 (Junior college)"},
		{"experience=lots", "experience", "write 3, 3-5, 3+ years (3年以上), new graduate (应届生) or any (不限)"},
	} {
		ae := e.get(t, "/api/v1/search?"+tt.query).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, tt.field)
		if _, en, _ := strings.Cut(ae.Error.Message, " / "); !strings.Contains(en, tt.en) {
			t.Errorf("%s: %q, want the English half to say %q", tt.query, ae.Error.Message, tt.en)
		}
	}
	// A list's filter takes them, and says the English forms too.
	e.get(t, "/api/v1/jobs?degree="+url.QueryEscape("Junior college")).want(t, http.StatusOK)
	ae := e.get(t, "/api/v1/jobs?degree=Kindergarten").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "degree")
	if !strings.Contains(ae.Error.Message, "大专 Junior college") {
		t.Errorf("jobs?degree=Kindergarten: %q, want the English forms", ae.Error.Message)
	}
}

// TestNearWithoutPoint: a place the divisions give no point is answered with the places near
// it to use, named in both languages: near=Xixian was 'unknown city "Xixian"' though city=Xixian
// works, 西咸新区 was named in Chinese only in English, and near=高新区 (西安's, as district=高新区
// reads it) was an unknown city.
func TestNearWithoutPoint(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tt := range []struct{ near, zh, en string }{
		{"Xixian", "请用附近的西安市或咸阳市", `"Xixian" (Xixian New Area) has no coordinates: use Xi'an or Xianyang nearby`},
		{"西咸新区", "请用附近的西安市或咸阳市", `"西咸新区" (Xixian New Area) has no coordinates: use Xi'an or Xianyang nearby`},
		{"Xixian New Area", "请用附近的西安市或咸阳市", `(Xixian New Area) has no coordinates: use Xi'an or Xianyang nearby`},
		{"高新区", "请用附近的雁塔区或西安市", `"高新区" (Xi'an Hi-tech Zone) has no coordinates: use Yanta District or Xi'an nearby`},
		{"西安高新区", "请用附近的雁塔区或西安市", `(Xi'an Hi-tech Zone) has no coordinates: use Yanta District or Xi'an nearby`},
		{"西安市高新区", "请用附近的雁塔区或西安市", `(Xi'an Hi-tech Zone) has no coordinates: use Yanta District or Xi'an nearby`},
		{"曲江新区", "请用附近的雁塔区或西安市", `(Xi'an Qujiang New District) has no coordinates: use Yanta District or Xi'an nearby`},
		{"经开区", "请用附近的未央区或西安市", `use Weiyang District or Xi'an nearby`},
		{"宝鸡高新区", "请用附近的宝鸡市", `(Baoji Hi-tech Zone) has no coordinates: use Baoji nearby`},
	} {
		ae := e.get(t, "/api/v1/search?near="+url.QueryEscape(tt.near)).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "near")
		if zh, en, _ := strings.Cut(ae.Error.Message, " / "); !strings.Contains(zh, tt.zh) || !strings.Contains(en, tt.en) {
			t.Errorf("near=%s: %q, want %q / %q", tt.near, ae.Error.Message, tt.zh, tt.en)
		}
	}
	// Places with a point are found as before.
	for _, near := range []string{"杨凌", "雁塔", "西安市雁塔区", "Xi'an"} {
		e.get(t, "/api/v1/search?near="+url.QueryEscape(near)).want(t, http.StatusOK)
	}
}

func TestSuggest(t *testing.T) {
	t.Parallel()
	e, _ := filterEnv(t)
	var s struct {
		Suggestions []xiaoqi.Suggestion `json:"suggestions"`
	}
	for _, tt := range []struct{ q, want string }{
		{"西安", "西安交通大学"}, // institution names
		{"西安电", "西安电子科技大学"},
		{"软件", "软件测试"},         // the skill of two jobs comes first
		{"jav", "Java"},        // Latin, case-insensitive
		{"ＪＡＶＡ开", "Java开发工程师"}, // full-width
		{"公众", "公众号运营"},
		// Abbreviations suggest the names they stand for, typed whole or begun.
		{"西电", "西安电子科技大学"},
		{"xdu", "西安电子科技大学"},
		{"交大", "西安交通大学"},
		{"西邮", "西安邮电大学"},
		{"西安邮", "西安邮电大学"},
	} {
		e.get(t, "/api/v1/suggest?q="+url.QueryEscape(tt.q)).want(t, http.StatusOK).decode(t, &s)
		if len(s.Suggestions) == 0 || s.Suggestions[0].Text != tt.want {
			t.Errorf("suggest %q = %v, want %s first", tt.q, s.Suggestions, tt.want)
		}
	}
	// 西工大 stands for 西北工业大学, which this index does not hold.
	e.get(t, "/api/v1/suggest?q="+url.QueryEscape("西工大")).want(t, http.StatusOK).decode(t, &s)
	if len(s.Suggestions) != 0 {
		t.Errorf("suggest 西工大 = %v, want nothing: 西北工业大学 is not in the index", s.Suggestions)
	}
	e.get(t, "/api/v1/suggest?q=zzz").want(t, http.StatusOK).decode(t, &s)
	if s.Suggestions == nil || len(s.Suggestions) != 0 {
		t.Errorf("suggest zzz = %v, want []", s.Suggestions)
	}
	e.get(t, "/api/v1/suggest?q=西&limit=2").want(t, http.StatusOK).decode(t, &s)
	if len(s.Suggestions) != 2 {
		t.Errorf("limit 2 gave %v", s.Suggestions)
	}
	e.get(t, "/api/v1/suggest?q="+strings.Repeat("软", 33)).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "q")
	e.get(t, "/api/v1/suggest?q=a&limit=21").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "limit")
	e.get(t, "/api/v1/suggest?q=a&x=1").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "x")
	// Among one kind (the tab typed in): the job needs' titles, not the schools' names.
	e.get(t, "/api/v1/suggest?q="+url.QueryEscape("西安")+"&type=job").want(t, http.StatusOK).decode(t, &s)
	for _, sg := range s.Suggestions {
		if strings.HasSuffix(sg.Text, "大学") {
			t.Errorf("suggest 西安 among job needs = %v, want no school", s.Suggestions)
		}
	}
	e.get(t, "/api/v1/suggest?q=a&type=partnership").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "type")
	e.get(t, "/api/v1/suggest?q=a&type=jobs&type=programs").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "type")
}

func describe(p facetPage) string {
	var b strings.Builder
	for _, h := range p.Hits {
		d := -1.0
		if h.DistanceKM != nil {
			d = *h.DistanceKM
		}
		fmt.Fprintf(&b, "%s %s km=%.1f snippet=%q; ", h.ID, h.Title, d, h.Snippet)
	}
	return b.String()
}

// TestPostingDayInChina: a posting of 2024-03-01 00:30 in Xi'an is 2024-02-29 in UTC, and its hit
// said 2024-02-29 and date_from=2024-03-01 left it out; a posting without a date was shown as
// posted on the day it was last written (发布于 today). The day is China's, and a hit carries
// posted_at only when the posting says it.
func TestPostingDayInChina(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	night := e.create(t, "jobs", `{"enterprise_name":"西安夜班数据","title":"数据标注员","city":"西安市",
		"posted_at":"2024-03-01T00:30:00+08:00","source":"t","external_id":"n"}`).ID
	undated := e.create(t, "jobs", `{"enterprise_name":"西安夜班数据","title":"数据质检员","city":"西安市","source":"t","external_id":"u"}`).ID
	var p facetPage
	e.get(t, "/api/v1/search?type=job&date_from=2024-03-01&date_to=2024-03-01").want(t, http.StatusOK).decode(t, &p)
	if len(p.Hits) != 1 || p.Hits[0].ID != night {
		t.Fatalf("date_from=date_to=2024-03-01: %v, want the posting of 00:30 that day", hitIDs(p))
	}
	if h := p.Hits[0]; h.Fields["date"] != "2024-03-01" || h.Fields["posted_at"] != "2024-03-01" {
		t.Errorf("hit of the posting of 2024-03-01 00:30: date %v, posted_at %v", h.Fields["date"], h.Fields["posted_at"])
	}
	p = facetPage{} // decoding into the hits of the last page would keep their fields
	e.get(t, "/api/v1/search?type=job&q="+url.QueryEscape("数据质检员")).want(t, http.StatusOK).decode(t, &p)
	if len(p.Hits) != 1 || p.Hits[0].ID != undated {
		t.Fatalf("数据质检员: %v", hitIDs(p))
	}
	if v, ok := p.Hits[0].Fields["posted_at"]; ok {
		t.Errorf("the hit of a posting without a date says posted_at %v", v)
	}
}
