package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
)

// TestProgramClassFromCode: a program of a catalogue code takes the code's 专业类 and 学科门类,
// whatever its name (the school's own, 跨文化商务沟通 under 080901, is kept): it was stored
// without them, and one moved from 050201 to 080901 kept 外国语言文学类 文学.
func TestProgramClassFromCode(t *testing.T) {
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Reference = testReference() }})
	var uni struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"门类测试大学","type":"university","level":"本科","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &uni)
	var p xiaoqi.Program
	e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"跨文化商务沟通","major_code":"080901","degree":"本科","institution_id":"`+uni.ID+`"}`).
		want(t, http.StatusCreated).decode(t, &p)
	if p.Name != "跨文化商务沟通" || p.ClassName != "计算机类" || p.Category != "工学" {
		t.Errorf("跨文化商务沟通 080901: %q, class %q, category %q; want its own name, 计算机类, 工学", p.Name, p.ClassName, p.Category)
	}
	var en xiaoqi.Program
	e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"英语","major_code":"050201","degree":"本科","class_name":"计算机类","category":"工学","institution_id":"`+uni.ID+`"}`).
		want(t, http.StatusCreated).decode(t, &en)
	if en.ClassName != "外国语言文学类" || en.Category != "文学" {
		t.Errorf("英语 050201 written as 计算机类 工学: class %q, category %q; want the code's, 外国语言文学类 文学", en.ClassName, en.Category)
	}
	en.MajorCode = "080902"
	body, _ := json.Marshal(en)
	e.send(t, http.MethodPut, "/api/v1/programs/"+en.ID, string(body)).want(t, http.StatusOK).decode(t, &en)
	if en.ClassName != "计算机类" || en.Category != "工学" {
		t.Errorf("英语 moved to 080902: class %q, category %q; want 计算机类 工学", en.ClassName, en.Category)
	}
}

// TestProgramPlace: a program's city and district are checked as the divisions have them: a
// PUT placing a program of a 西安 school in 北京市 · 火星区 was stored, and search found it there.
func TestProgramPlace(t *testing.T) {
	e := newEnv(t)
	var uni struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"地点测试大学","type":"university","level":"本科","city":"西安市","district":"雁塔区"}`).
		want(t, http.StatusCreated).decode(t, &uni)
	var p xiaoqi.Program
	e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"软件工程","degree":"本科","institution_id":"`+uni.ID+`"}`).want(t, http.StatusCreated).decode(t, &p)
	if p.City != "西安市" || p.District != "雁塔区" {
		t.Errorf("a program without a place is at %s · %s, want its school's, 西安市 · 雁塔区", p.City, p.District)
	}
	put := func(city, district string) response {
		q := p
		q.City, q.District = city, district
		body, _ := json.Marshal(q)
		return e.send(t, http.MethodPut, "/api/v1/programs/"+p.ID, string(body))
	}
	for _, tc := range []struct{ city, district, field, en string }{
		{"北京市", "火星区", "city", `must be the city of its institution (Xi'an) or a city of Shaanxi, not "北京市"`},
		{"西安市", "火星区", "district", `"火星区" is not a district, county or development zone of Xi'an`},
		{"宝鸡市", "雁塔区", "district", `"雁塔区" is not a district, county or development zone of Baoji`},
	} {
		ae := put(tc.city, tc.district).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, tc.field)
		if !strings.Contains(ae.Error.Message, tc.en) {
			t.Errorf("%s · %s: %q, want %q", tc.city, tc.district, ae.Error.Message, tc.en)
		}
	}
	// A campus in another city of the province, a district of the city or a zone: taken.
	for _, tc := range []struct{ city, district string }{{"西安市", "长安区"}, {"西安市", "高新区"}, {"宝鸡市", "渭滨区"}, {"咸阳市", ""}} {
		put(tc.city, tc.district).want(t, http.StatusOK).decode(t, &p)
	}
}

// TestProgramDistrictWithoutCity: a program that names its district but no city is placed in
// its school's city with the district given (长安区 was replaced by the school's 雁塔区), and a
// district that city does not have (火星区) is refused naming district (it vanished, 201).
func TestProgramDistrictWithoutCity(t *testing.T) {
	e := newEnv(t)
	var uni struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"地点测试大学","type":"university","level":"本科","city":"西安市","district":"雁塔区"}`).
		want(t, http.StatusCreated).decode(t, &uni)
	var p xiaoqi.Program
	e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"软件工程","degree":"本科","district":"长安区","institution_id":"`+uni.ID+`"}`).
		want(t, http.StatusCreated).decode(t, &p)
	if p.City != "西安市" || p.District != "长安区" {
		t.Errorf("a program of 长安区 without a city is at %s · %s, want 西安市 · 长安区", p.City, p.District)
	}
	ae := e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"网络工程","degree":"本科","district":"火星区","institution_id":"`+uni.ID+`"}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "district")
	if !strings.Contains(ae.Error.Message, "火星区") {
		t.Errorf("the refusal does not name 火星区: %s", ae.Error.Message)
	}
}
