package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestDistrictOfAnotherCity: a district written through the API is read as an import reads
// it, in English too, and one its city does not have is a 400 naming district: a job of 宝鸡市
// in 雁塔区 was 201 without a warning, the HR form's 咸阳 · Qujiang New District was stored as
// written, and the enterprise form's Gaoxin District was kept as English text, which
// district=高新区 did not find.
func TestDistrictOfAnotherCity(t *testing.T) {
	e := newEnv(t)
	job := func(city, district string) string {
		return `{"enterprise_name":"某软件公司","title":"Java开发","city":"` + city + `","district":"` + district + `","headcount":1}`
	}
	for _, tc := range []struct{ city, district, says string }{
		{"宝鸡市", "雁塔区", `"雁塔区" 在西安市，不在宝鸡市`},
		{"Xianyang", "Qujiang New District", "is not a district, county or development zone of Xianyang"},
		{"西安", "火星区", `"火星区" 不是西安市的区县或开发区`},
	} {
		msg := e.send(t, http.MethodPost, "/api/v1/jobs", job(tc.city, tc.district)).
			wantError(t, http.StatusBadRequest, "invalid", "district").Error.Message
		if !strings.Contains(msg, tc.says) {
			t.Errorf("%s · %s: %q, want it to say %s", tc.city, tc.district, msg, tc.says)
		}
	}
	e.send(t, http.MethodPost, "/api/v1/jobs/batch", `[`+job("宝鸡市", "渭滨区")+`,`+job("宝鸡市", "雁塔区")+`]`).
		wantError(t, http.StatusBadRequest, "invalid", "docs[1].district")

	f := e.create(t, "enterprises", `{"name":"高新软件有限公司","city":"西安市"}`)
	var got struct {
		stored
		District string `json:"district"`
	}
	r := e.send(t, http.MethodPut, "/api/v1/enterprises/"+f.ID+"?refresh=wait_for", `{"name":"高新软件有限公司","city":"Xi'an","district":"Gaoxin District"}`).want(t, http.StatusOK)
	r.decode(t, &got)
	if got.District != "高新区" || r.Header.Get("X-Warning") != "" {
		t.Errorf("Gaoxin District stored as %q (warning %q), want 高新区", got.District, r.Header.Get("X-Warning"))
	}
	var res struct {
		Total int `json:"total"`
	}
	e.get(t, "/api/v1/search?type=enterprise&district="+url.QueryEscape("高新区")).want(t, http.StatusOK).decode(t, &res)
	if res.Total != 1 {
		t.Errorf("district=高新区 finds %d enterprises, want the firm of Gaoxin District", res.Total)
	}
	e.send(t, http.MethodPut, "/api/v1/enterprises/"+f.ID, `{"name":"高新软件有限公司","city":"宝鸡市","district":"碑林区"}`).
		wantError(t, http.StatusBadRequest, "invalid", "district")
}
