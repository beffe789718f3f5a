package api_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// A place written through the API is stored as an import stores it: a job posted in 深圳 and
// one in 广东省深圳市南山区 are both in 深圳市, counted once by the city facet and found by the list
// filter city=深圳市 (the first was stored as "深圳", a city of its own).
func TestAPIWritesNormalisePlaces(t *testing.T) {
	e := newEnv(t)
	job := func(title, city string) string {
		return `{"enterprise_name":"深圳外包公司","title":"` + title + `","city":"` + city + `","headcount":1,"status":"open"}`
	}
	var a, b struct {
		stored
		District string `json:"district"`
		Region   string `json:"region"`
	}
	e.send(t, http.MethodPost, "/api/v1/jobs?refresh=wait_for", job("Java开发", "深圳")).want(t, http.StatusCreated).decode(t, &a)
	e.send(t, http.MethodPost, "/api/v1/jobs?refresh=wait_for", job("测试工程师", "广东省深圳市南山区")).want(t, http.StatusCreated).decode(t, &b)
	if a.City != "深圳市" || b.City != "深圳市" || b.District != "南山区" {
		t.Errorf("stored %q and %q (%q), want 深圳市 and 深圳市 (南山区)", a.City, b.City, b.District)
	}
	var list struct {
		Items []stored `json:"data"`
	}
	e.get(t, "/api/v1/jobs?city="+url.QueryEscape("深圳市")).want(t, http.StatusOK).decode(t, &list)
	if len(list.Items) != 2 {
		t.Errorf("GET /api/v1/jobs?city=深圳市 lists %d job needs, want both", len(list.Items))
	}
	var res struct {
		Facets map[string][]struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		} `json:"facets"`
	}
	e.get(t, "/api/v1/search?type=job&facets=city").want(t, http.StatusOK).decode(t, &res)
	if f := res.Facets["city"]; len(f) != 1 || f[0].Value != "深圳市" || f[0].Count != 2 {
		t.Errorf("city facet %+v, want 深圳市 counted once, 2", f)
	}

	// A Shaanxi city by its short or English name, in a PUT too; its region filled.
	var x struct {
		stored
		Region string `json:"region"`
	}
	e.send(t, http.MethodPost, "/api/v1/jobs?refresh=wait_for", job("运维工程师", "西安")).want(t, http.StatusCreated).decode(t, &x)
	if x.City != "西安市" || x.Region != "关中" {
		t.Errorf("job posted in 西安 stored in %q, region %q; want 西安市, 关中", x.City, x.Region)
	}
	e.send(t, http.MethodPut, "/api/v1/jobs/"+a.ID, job("Java开发", "Baoji")).want(t, http.StatusOK).decode(t, &x)
	if x.City != "宝鸡市" {
		t.Errorf("PUT with city Baoji stored %q, want 宝鸡市", x.City)
	}
}

// An enterprise's natural key holds its city: a POST of a stored firm with its city written
// short is an update of it, not a second firm.
func TestAPIEnterpriseKeyedByNormalisedCity(t *testing.T) {
	e := newEnv(t)
	first := e.create(t, "enterprises", `{"name":"深圳软件外包有限公司","city":"深圳市"}`)
	var again stored
	e.send(t, http.MethodPost, "/api/v1/enterprises?refresh=wait_for", `{"name":"深圳软件外包有限公司","city":"深圳","size":"50-150人"}`).
		want(t, http.StatusOK).decode(t, &again)
	if again.ID != first.ID || again.City != "深圳市" {
		t.Errorf("second POST wrote %s in %q, want an update of %s in 深圳市", again.ID, again.City, first.ID)
	}
}

// A city outside the lists is kept as written and the answer warns of it, in both languages;
// one that names no city is refused naming the field, in a batch the document's.
func TestAPIUnknownPlace(t *testing.T) {
	e := newEnv(t)
	r := e.send(t, http.MethodPost, "/api/v1/enterprises?refresh=wait_for", `{"name":"东京外包株式会社","city":"东京"}`).want(t, http.StatusCreated)
	var d stored
	r.decode(t, &d)
	if d.City != "东京" {
		t.Errorf("city %q, want 东京 kept as written", d.City)
	}
	w, err := url.PathUnescape(r.Header.Get("X-Warning"))
	if err != nil || !strings.Contains(w, "按原文保存") || !strings.Contains(w, "kept as written") || !strings.HasPrefix(w, "city: ") {
		t.Errorf("X-Warning %q (%v), want the city kept as written, in Chinese and English", w, err)
	}
	if r := e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"西安外包公司","city":"西安"}`); r.Header.Get("X-Warning") != "" {
		t.Errorf("a known city warned: %q", r.Header.Get("X-Warning"))
	}

	msg := e.send(t, http.MethodPost, "/api/v1/jobs", `{"enterprise_name":"某公司","title":"Java开发","city":"高新区","headcount":1}`).
		wantError(t, http.StatusBadRequest, "invalid", "city").Error.Message
	if !strings.Contains(msg, "many cities have one") {
		t.Errorf("error %q does not say 高新区 names no city", msg)
	}
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"enterprise_name":"某公司","title":"Java开发","city":"123","headcount":1}`).
		wantError(t, http.StatusBadRequest, "invalid", "city")
	// A province-wide posting keeps the province as its city, as an import's area column does,
	// with a warning: such jobs are in the data, and the HR form saves them unchanged.
	r = e.send(t, http.MethodPost, "/api/v1/jobs", `{"enterprise_name":"某公司","title":"全省培训专员","city":"陕西","headcount":1}`).want(t, http.StatusCreated)
	r.decode(t, &d)
	if w, _ := url.PathUnescape(r.Header.Get("X-Warning")); d.City != "陕西省" || !strings.Contains(w, "only the province (陕西省) is given") {
		t.Errorf("a job of 陕西 stored in %q with the warning %q, want 陕西省 and a warning that no city is given", d.City, w)
	}
	e.send(t, http.MethodPost, "/api/v1/jobs/batch", `[{"enterprise_name":"某公司","title":"Java开发","city":"深圳","headcount":1},
		{"enterprise_name":"某公司","title":"测试","city":"高新区","headcount":1}]`).
		wantError(t, http.StatusBadRequest, "invalid", "docs[1].city")
	var batch struct {
		Results []struct {
			ID string `json:"id"`
		} `json:"results"`
	}
	r = e.send(t, http.MethodPost, "/api/v1/jobs/batch?refresh=wait_for", `[{"enterprise_name":"某公司","title":"Java开发","city":"深圳","headcount":1},
		{"enterprise_name":"某公司","title":"测试","city":"火星","headcount":1}]`).want(t, http.StatusOK)
	r.decode(t, &batch)
	if w, _ := url.PathUnescape(r.Header.Get("X-Warning")); !strings.HasPrefix(w, "docs[1].city: ") {
		t.Errorf("batch X-Warning %q, want docs[1].city's", w)
	}
	var j stored
	e.get(t, "/api/v1/jobs/"+batch.Results[0].ID).want(t, http.StatusOK).decode(t, &j)
	if j.City != "深圳市" {
		t.Errorf("batch stored city %q, want 深圳市", j.City)
	}
}

// The English UI shows places by their English names, and a returnee types them: city=Shenzhen
// and district=Yanta District found nothing (city=Shenzhen was refused as no city of Shaanxi).
func TestSearchPlacesInEnglish(t *testing.T) {
	e := newEnv(t)
	e.create(t, "jobs", `{"enterprise_name":"深圳外包公司","title":"Java开发","city":"深圳","headcount":1}`)
	e.create(t, "jobs", `{"enterprise_name":"西安外包公司","title":"测试工程师","city":"西安市雁塔区","headcount":1}`)
	total := func(query string) int {
		t.Helper()
		var res struct {
			Total int `json:"total"`
			Hits  []struct {
				Fields map[string]any `json:"fields"`
			} `json:"hits"`
		}
		e.get(t, "/api/v1/search?type=job&"+query).want(t, http.StatusOK).decode(t, &res)
		return res.Total
	}
	for _, q := range []string{"city=Shenzhen", "city=shenzhen", "city=" + url.QueryEscape("深圳市")} {
		if n := total(q); n != 1 {
			t.Errorf("%s: %d job needs, want the one in 深圳", q, n)
		}
	}
	for _, q := range []string{"district=" + url.QueryEscape("Yanta District"), "district=Yanta", "city=" + url.QueryEscape("Xi'an")} {
		if n := total(q); n != 1 {
			t.Errorf("%s: %d job needs, want the one in 雁塔区", q, n)
		}
	}
	if n := total("near=Yanta&within=5"); n != 1 {
		t.Errorf("near=Yanta&within=5: %d job needs, want the one in 雁塔区", n)
	}
}

// A district posted short or in English (雁塔, Yanta District) was stored as written, so
// district=雁塔区 missed it.
func TestAPIWritesNormaliseDistricts(t *testing.T) {
	e := newEnv(t)
	for _, d := range []string{"雁塔", "Yanta District"} {
		var j struct {
			District string `json:"district"`
		}
		e.send(t, http.MethodPost, "/api/v1/jobs?refresh=wait_for", `{"enterprise_name":"西安外包公司","title":"开发 `+d+`","city":"西安","district":"`+d+`","headcount":1}`).
			want(t, http.StatusCreated).decode(t, &j)
		if j.District != "雁塔区" {
			t.Errorf("district %q stored as %q, want 雁塔区", d, j.District)
		}
	}
	var res struct {
		Total int `json:"total"`
	}
	e.get(t, "/api/v1/search?type=job&district="+url.QueryEscape("雁塔区")).want(t, http.StatusOK).decode(t, &res)
	if res.Total != 2 {
		t.Errorf("district=雁塔区 finds %d job needs, want both", res.Total)
	}
}

// 杨凌示范区 is an area, not a district of 咸阳: a job posted in 咸阳市 / 杨凌示范区 was placed at
// 咸阳's centre, 21 km from Xi'an and not within 10 km of 杨凌.
func TestAPIYanglingIsAnArea(t *testing.T) {
	e := newEnv(t)
	var j struct {
		stored
		District string `json:"district"`
	}
	e.send(t, http.MethodPost, "/api/v1/jobs?refresh=wait_for", `{"enterprise_name":"杨凌农业科技公司","title":"数据分析","city":"咸阳市","district":"杨凌示范区","headcount":1}`).
		want(t, http.StatusCreated).decode(t, &j)
	if j.City != "杨凌示范区" || j.District != "" {
		t.Errorf("stored in %q / %q, want the city 杨凌示范区", j.City, j.District)
	}
	var res struct {
		Total int `json:"total"`
	}
	e.get(t, "/api/v1/search?type=job&near="+url.QueryEscape("杨凌")+"&within=10").want(t, http.StatusOK).decode(t, &res)
	if res.Total != 1 {
		t.Errorf("near=杨凌&within=10 finds %d job needs, want the one in 杨凌示范区", res.Total)
	}
}

// city=Yangling was refused as an unknown city (400) while district=Yangling, near=Yangling and
// city=杨凌 found the new area: every city parameter reads the English name (xiaoqi.CityNamed).
func TestYanglingInEnglishAsCity(t *testing.T) {
	e := newEnv(t)
	e.send(t, http.MethodPost, "/api/v1/jobs?refresh=wait_for", `{"enterprise_name":"杨凌农业科技公司","title":"农业数据分析","city":"杨凌示范区","headcount":1}`).
		want(t, http.StatusCreated)
	for _, city := range []string{"Yangling", "yangling", "Yangling Demonstration Zone", "杨凌"} {
		var res struct {
			Total int `json:"total"`
		}
		e.get(t, "/api/v1/search?type=job&city="+url.QueryEscape(city)).want(t, http.StatusOK).decode(t, &res)
		if res.Total != 1 {
			t.Errorf("search city=%s: %d job needs, want the one in 杨凌示范区", city, res.Total)
		}
		var list struct {
			Data []stored `json:"data"`
		}
		e.get(t, "/api/v1/jobs?city="+url.QueryEscape(city)).want(t, http.StatusOK).decode(t, &list)
		if len(list.Data) != 1 {
			t.Errorf("GET /api/v1/jobs?city=%s lists %d job needs, want the one in 杨凌示范区", city, len(list.Data))
		}
	}
}

// The list filter reads a city as writes store it: city=深圳 found nothing once 深圳's
// documents were stored as 深圳市, and city=Shenzhen was not read.
func TestListCityFilterReadsPlaces(t *testing.T) {
	e := newEnv(t)
	e.create(t, "jobs", `{"enterprise_name":"深圳外包公司","title":"Java开发","city":"深圳市","headcount":1}`)
	for _, city := range []string{"深圳", "深圳市", "Shenzhen"} {
		var list struct {
			Data []stored `json:"data"`
		}
		e.get(t, "/api/v1/jobs?city="+url.QueryEscape(city)).want(t, http.StatusOK).decode(t, &list)
		if len(list.Data) != 1 {
			t.Errorf("GET /api/v1/jobs?city=%s lists %d job needs, want the one in 深圳市", city, len(list.Data))
		}
	}
}

// TestProgramFollowsItsSchoolsPlace: a school given its district later (PUT with 雁塔) kept its
// programs at none, so search type=program district=雁塔区 found none of its courses though the
// school was found. The programs that stood where it stood follow it, with refresh=wait_for
// seeing them moved; one taught at a campus of its own stays there.
func TestProgramFollowsItsSchoolsPlace(t *testing.T) {
	e := newEnv(t)
	school := e.create(t, "institutions", `{"name":"迁区测试培训学校","type":"training","city":"西安市"}`)
	var p, apart xiaoqi.Program
	e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"Java全栈开发工程师","degree":"培训","institution_id":"`+school.ID+`"}`).
		want(t, http.StatusCreated).decode(t, &p)
	e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"软件测试实训","degree":"培训","institution_id":"`+school.ID+`","city":"西安市","district":"长安区"}`).
		want(t, http.StatusCreated).decode(t, &apart)
	e.send(t, http.MethodPut, "/api/v1/institutions/"+school.ID+"?refresh=wait_for", `{"name":"迁区测试培训学校","type":"training","city":"西安市","district":"雁塔"}`).
		want(t, http.StatusOK)

	var res xiaoqi.SearchResult
	e.get(t, "/api/v1/search?type=institution&district=雁塔区").want(t, http.StatusOK).decode(t, &res)
	if res.Total != 1 || res.Hits[0].ID != school.ID {
		t.Fatalf("institutions of 雁塔区: %+v, want the school", res.Hits)
	}
	e.get(t, "/api/v1/search?type=program&district=雁塔区").want(t, http.StatusOK).decode(t, &res)
	if res.Total != 1 || res.Hits[0].ID != p.ID {
		t.Errorf("programs of 雁塔区 after the school moved there: %+v, want %s (Java全栈开发工程师) only", res.Hits, p.ID)
	}
	var got xiaoqi.Program
	e.get(t, "/api/v1/programs/"+p.ID).want(t, http.StatusOK).decode(t, &got)
	if got.City != "西安市" || got.District != "雁塔区" {
		t.Errorf("the school's program: %q %q, want 西安市 雁塔区", got.City, got.District)
	}
	e.get(t, "/api/v1/programs/"+apart.ID).want(t, http.StatusOK).decode(t, &got)
	if got.District != "长安区" {
		t.Errorf("the program of its own campus: district %q, want 长安区 kept", got.District)
	}
}

// TestAPIReadsSectorNames: POST /api/v1/enterprises with sectors ["软件研发和测试"] was 400 无法识别的
// 领域, though the UI and the facets name the sector so and an import reads it. A body's sectors
// are read as an import and the filters read them, by Chinese or English name or code, and
// stored as the code, in a POST, a PUT and a batch; what names no sector is still refused.
func TestAPIReadsSectorNames(t *testing.T) {
	e := newEnv(t)
	var ent xiaoqi.Enterprise
	e.send(t, http.MethodPost, "/api/v1/enterprises?refresh=wait_for", `{"name":"领域测试外包有限公司","city":"西安","sectors":["软件研发和测试","Finance and insurance"," internet "]}`).
		want(t, http.StatusCreated).decode(t, &ent)
	if want := []xiaoqi.Sector{xiaoqi.SectorSoftware, xiaoqi.SectorFinance, xiaoqi.SectorInternet}; !slices.Equal(ent.Sectors, want) {
		t.Errorf("sectors stored %v, want %v", ent.Sectors, want)
	}
	var res xiaoqi.SearchResult
	e.get(t, "/api/v1/search?type=enterprise&sector="+url.QueryEscape("软件研发和测试")).want(t, http.StatusOK).decode(t, &res)
	if res.Total != 1 || res.Hits[0].ID != ent.ID {
		t.Errorf("search sector=软件研发和测试: %+v, want %s", res.Hits, ent.ID)
	}
	e.send(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, `{"name":"领域测试外包有限公司","city":"西安市","sectors":["动漫"]}`).
		want(t, http.StatusOK).decode(t, &ent)
	if !slices.Equal(ent.Sectors, []xiaoqi.Sector{xiaoqi.SectorAnimation}) {
		t.Errorf("sectors after PUT %v, want [animation]", ent.Sectors)
	}
	var j xiaoqi.JobNeed
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"enterprise_id":"`+ent.ID+`","title":"动画师","city":"西安市","headcount":1,"sector":"动漫"}`).
		want(t, http.StatusCreated).decode(t, &j)
	if j.Sector != xiaoqi.SectorAnimation {
		t.Errorf("job sector stored %q, want animation", j.Sector)
	}
	e.send(t, http.MethodPost, "/api/v1/jobs/batch", `[{"enterprise_id":"`+ent.ID+`","title":"原画师","city":"西安市","headcount":1,"sector":"Animation"}]`).
		want(t, http.StatusOK)
	e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"采矿测试有限公司","city":"西安","sectors":["采矿"]}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "sectors[0]")
}
