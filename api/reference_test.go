package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
)

// testReference is a small excerpt of the catalogue and the divisions, as the seed package
// provides them in full (the whole set is checked through cmd/xiaoqi).
func testReference() *xiaoqi.Reference {
	major := func(code, name, classCode, className string, dirs ...string) xiaoqi.Major {
		return xiaoqi.Major{Code: code, Name: name, ClassCode: classCode, ClassName: className,
			CategoryCode: code[:2], CategoryName: map[string]string{"05": "文学", "08": "工学"}[code[:2]],
			Special: strings.Contains(code, "T"), EmploymentDirections: dirs}
	}
	english := map[string]string{"050201": "English", "050207": "Japanese", "080901": "Computer Science and Technology",
		"080902": "Software Engineering", "080903": "Network Engineering", "080910T": "Data Science and Big Data Technology"}
	ref := &xiaoqi.Reference{
		Majors: []xiaoqi.Major{
			major("050201", "英语", "0502", "外国语言文学类", "翻译"),
			major("050207", "日语", "0502", "外国语言文学类", "翻译", "日语教师"),
			major("080901", "计算机科学与技术", "0809", "计算机类", "软件工程师"),
			major("080902", "软件工程", "0809", "计算机类", "软件工程师", "软件测试工程师"),
			major("080903", "网络工程", "0809", "计算机类", "网络工程师"),
			major("080910T", "数据科学与大数据技术", "0809", "计算机类", "数据分析师"),
		},
		Divisions: []xiaoqi.Division{
			{Code: "610100", Name: "西安市", Level: xiaoqi.DivisionCity, City: "西安市", Region: xiaoqi.RegionGuanzhong},
			{Code: "610113", Name: "雁塔区", Level: xiaoqi.DivisionCounty, City: "西安市", Region: xiaoqi.RegionGuanzhong},
			{Code: "610800", Name: "榆林市", Level: xiaoqi.DivisionCity, City: "榆林市", Region: xiaoqi.RegionShaanbei},
			{Code: "610802", Name: "榆阳区", Level: xiaoqi.DivisionCounty, City: "榆林市", Region: xiaoqi.RegionShaanbei},
			{Name: "西咸新区", Level: xiaoqi.DivisionNewArea, City: "西安市", Region: xiaoqi.RegionGuanzhong},
		},
		Skills: []xiaoqi.Skill{{ID: "java", NameZH: "Java", NameEN: "Java"}, {ID: "software_testing", NameZH: "软件测试", NameEN: "Software testing"},
			{ID: "japanese", NameZH: "日语", NameEN: "Japanese"}},
	}
	for i := range ref.Majors {
		ref.Majors[i].NameEN = english[ref.Majors[i].Code]
	}
	return ref
}

type majorsAnswer struct {
	Data  []xiaoqi.Major `json:"data"`
	Total int            `json:"total"`
	Next  string         `json:"next"`
}

func codes(ms []xiaoqi.Major) string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Code)
	}
	return strings.Join(out, ",")
}

func TestMajors(t *testing.T) {
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Reference = testReference() }})
	for _, tc := range []struct {
		query, want string
		total       int
	}{
		{"", "050201,050207,080901,080902,080903,080910T", 6},
		// Majors named by q come first, then those that only lead to a matching job (080901's
		// graduates become 软件工程师).
		{"?q=软件", "080902,080901", 2},
		{"?q=软件工程", "080902,080901", 2},
		{"?q=软件&limit=1", "080902", 2},
		{"?q=软件&limit=1&after=080902", "080901", 2},
		{"?q=大数据", "080910T", 1},
		{"?q=0809", "080901,080902,080903,080910T", 4},
		{"?q=" + url.QueryEscape("测试工程师"), "080902", 1},
		{"?class=计算机类&q=网络", "080903", 1},
		{"?class=外国语言文学类&q=日语", "050207", 1},
		{"?class=0502", "050201,050207", 2},
		{"?category=文学", "050201,050207", 2},
		{"?category=08&limit=2", "080901,080902", 4},
		{"?category=08&limit=2&after=080902", "080903,080910T", 4},
		{"?q=不存在的专业", "", 0},
		// The English name too, in any case: an English page's user types it.
		{"?q=software", "080902", 1},
		{"?q=" + url.QueryEscape("Computer Science"), "080901", 1},
		{"?q=engineering", "080902,080903", 2},
	} {
		var got majorsAnswer
		e.get(t, "/api/v1/majors"+tc.query).want(t, http.StatusOK).decode(t, &got)
		if codes(got.Data) != tc.want || got.Total != tc.total {
			t.Errorf("majors%s = %s (total %d), want %s (total %d)", tc.query, codes(got.Data), got.Total, tc.want, tc.total)
		}
		if got.Data == nil {
			t.Errorf("majors%s: data is null, want a list", tc.query)
		}
	}
	// Paging through every major with limit 4 gives each once.
	var all []xiaoqi.Major
	for after, pages := "", 0; ; pages++ {
		if pages > 5 {
			t.Fatal("paging does not end")
		}
		var got majorsAnswer
		e.get(t, "/api/v1/majors?limit=4&after="+after).want(t, http.StatusOK).decode(t, &got)
		all = append(all, got.Data...)
		if got.Next == "" {
			break
		}
		after = got.Next
	}
	if codes(all) != "050201,050207,080901,080902,080903,080910T" {
		t.Errorf("paged majors %s", codes(all))
	}

	var m xiaoqi.Major
	e.get(t, "/api/v1/majors/080902").want(t, http.StatusOK).decode(t, &m)
	if m.Name != "软件工程" || m.ClassName != "计算机类" || m.CategoryName != "工学" || len(m.EmploymentDirections) != 2 {
		t.Errorf("080902 = %+v", m)
	}
	e.get(t, "/api/v1/majors/080910").want(t, http.StatusOK).decode(t, &m)
	if m.Code != "080910T" {
		t.Errorf("080910 found %q, want 080910T (the suffix may be left out)", m.Code)
	}
	e.get(t, "/api/v1/majors/080911").wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")

	for _, tc := range []struct{ path, field string }{
		{"/api/v1/majors/software", "code"},
		{"/api/v1/majors/080902?x=1", "x"},
		{"/api/v1/majors?limit=0", "limit"},
		{"/api/v1/majors?limit=1001", "limit"},
		{"/api/v1/majors?limit=ten", "limit"},
		{"/api/v1/majors?sort=name", "sort"},
		{"/api/v1/majors?q=a&q=b", "q"},
		{"/api/v1/majors?q=" + strings.Repeat("软", xiaoqi.MaxQueryLength+1), "q"},
		{"/api/v1/majors?q=%ff", "q"},
		{"/api/v1/majors?after=999999", "after"},
	} {
		ae := e.get(t, tc.path).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, tc.field)
		if !containsHan(ae.Error.Message) {
			t.Errorf("%s: message %q has no Chinese", tc.path, ae.Error.Message)
		}
	}
	e.send(t, http.MethodPost, "/api/v1/majors", `{"code":"999999"}`).wantError(t, http.StatusMethodNotAllowed, "method_not_allowed", "")
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func TestDivisions(t *testing.T) {
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Reference = testReference() }})
	type answer struct {
		Data  []xiaoqi.Division `json:"data"`
		Total int               `json:"total"`
	}
	names := func(a answer) string {
		var out []string
		for _, d := range a.Data {
			out = append(out, d.Name)
		}
		return strings.Join(out, ",")
	}
	for _, tc := range []struct{ query, want string }{
		{"", "西安市,雁塔区,榆林市,榆阳区,西咸新区"},
		{"?city=西安", "西安市,雁塔区,西咸新区"},
		{"?region=陕北", "榆林市,榆阳区"},
		{"?level=city", "西安市,榆林市"},
		{"?level=new_area", "西咸新区"},
		{"?region=陕南", ""},
		// In English, as search reads cities and regions: Xi'an listed nothing, Guanzhong was a 400.
		{"?city=Xi%27an", "西安市,雁塔区,西咸新区"},
		{"?city=Xian", "西安市,雁塔区,西咸新区"},
		{"?city=yulin", "榆林市,榆阳区"},
		{"?region=Guanzhong", "西安市,雁塔区,西咸新区"},
		{"?region=shaanbei", "榆林市,榆阳区"},
		{"?city=" + url.QueryEscape("雁塔区"), "雁塔区"},
	} {
		var got answer
		e.get(t, "/api/v1/divisions"+tc.query).want(t, http.StatusOK).decode(t, &got)
		if names(got) != tc.want || got.Total != len(got.Data) {
			t.Errorf("divisions%s = %s (total %d), want %s", tc.query, names(got), got.Total, tc.want)
		}
	}
	for _, tc := range []struct{ query, field string }{
		{"?region=华北", "region"}, {"?level=town", "level"}, {"?county=雁塔区", "county"}, {"?city=a&city=b", "city"},
		// An unknown city is a mistake, said so, not an empty list.
		{"?city=Xi%27ann", "city"}, {"?city=" + url.QueryEscape("北京"), "city"},
	} {
		e.get(t, "/api/v1/divisions"+tc.query).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, tc.field)
	}
}

// TestSkills: the taxonomy's skills with both names, for a page in English; q finds them by
// id or either name, in any case.
func TestSkills(t *testing.T) {
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Reference = testReference() }})
	var got struct {
		Data  []xiaoqi.Skill `json:"data"`
		Total int            `json:"total"`
	}
	e.get(t, "/api/v1/skills").want(t, http.StatusOK).decode(t, &got)
	if got.Total != 3 || len(got.Data) != 3 || got.Data[1].NameEN != "Software testing" {
		t.Errorf("skills = %+v", got)
	}
	for q, want := range map[string]string{"软件": "software_testing", "TESTING": "software_testing", "japan": "japanese", "java": "java"} {
		e.get(t, "/api/v1/skills?q="+url.QueryEscape(q)).want(t, http.StatusOK).decode(t, &got)
		if len(got.Data) != 1 || got.Data[0].ID != want {
			t.Errorf("skills?q=%s = %+v, want %s", q, got.Data, want)
		}
	}
	e.get(t, "/api/v1/skills?sector=software").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "sector")
}

// TestReferenceMissing: a server without reference data says so instead of pretending the
// catalogue is empty.
func TestReferenceMissing(t *testing.T) {
	e := newEnv(t)
	for _, p := range []string{"/api/v1/majors", "/api/v1/majors/080902", "/api/v1/divisions", "/api/v1/skills"} {
		ae := e.get(t, p).wantError(t, http.StatusServiceUnavailable, xiaoqi.EUNAVAILABLE, "")
		if !strings.Contains(ae.Error.Message, "参考数据") {
			t.Errorf("%s: %s", p, fmt.Sprint(ae.Error.Message))
		}
	}
}
