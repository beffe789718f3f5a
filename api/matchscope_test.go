package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestMatchScopeCity: the reports on a scope refuse a city that is none of Shaanxi and none
// of the data, and a city outside the region also given, with 400 naming city (they answered
// 200 with an empty report); a city in English is the city.
func TestMatchScopeCity(t *testing.T) {
	t.Parallel()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Matcher = match.New(c.Store, tax) }})
	for _, path := range []string{
		"/api/v1/insights/gaps?city=东京",
		"/api/v1/insights/startup?city=Tokyo&sector=software",
		"/api/v1/match/allocate?city=东京",
		"/api/v1/insights/startup?city=西安&region=陕北&sector=software",
		"/api/v1/insights/gaps?city=Baoji&region=陕南",
	} {
		e.get(t, path).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "city")
	}
	var d xiaoqi.Dossier
	e.get(t, "/api/v1/insights/startup?city=Xi%27an&sector=software").want(t, http.StatusOK).decode(t, &d)
	if d.Scope.City != "西安市" {
		t.Errorf("startup of Xi'an: scope %+v, want 西安市", d.Scope)
	}
	// The new area in English, as search and the lists take it (it was an unknown city).
	e.get(t, "/api/v1/insights/startup?city=Yangling&sector=software").want(t, http.StatusOK).decode(t, &d)
	if d.Scope.City != "杨凌示范区" {
		t.Errorf("startup of Yangling: scope %+v, want 杨凌示范区", d.Scope)
	}
	var g xiaoqi.GapReport
	e.get(t, "/api/v1/insights/gaps?city=铜川&region=关中").want(t, http.StatusOK).decode(t, &g)
	if g.Scope.City != "铜川市" {
		t.Errorf("gaps of 铜川: scope %+v", g.Scope)
	}
}

// TestClosedJobCandidates: the candidates of a closed job need are 409 saying it is closed; it
// was 404 "job … 不存在 / not found" of a job need the HR page had just listed.
func TestClosedJobCandidates(t *testing.T) {
	t.Parallel()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Matcher = match.New(c.Store, tax) }})
	j := e.create(t, "jobs", strings.Replace(javaJob, `"status":"open"`, `"status":"closed"`, 1))
	ae := e.get(t, "/api/v1/jobs/"+j.ID+"/candidates").wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "")
	if !strings.Contains(ae.Error.Message, "已关闭") || !strings.Contains(ae.Error.Message, "is closed") {
		t.Errorf("candidates of a closed job need: %q, want it said closed", ae.Error.Message)
	}
	e.get(t, "/api/v1/jobs/job_0000000000000000/candidates").wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
}

// TestEmptyPartnersSayWhy: an institution without programs (a 专科 college of the default data
// set) got "data": [] alone; the answer says why in Chinese and English.
func TestEmptyPartnersSayWhy(t *testing.T) {
	t.Parallel()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Matcher = match.New(c.Store, tax) }})
	in := e.create(t, "institutions", baoji)
	var l struct {
		Data []xiaoqi.Match `json:"data"`
		ZH   string         `json:"zh"`
		EN   string         `json:"en"`
	}
	e.get(t, "/api/v1/institutions/"+in.ID+"/partners").want(t, http.StatusOK).decode(t, &l)
	if len(l.Data) != 0 || !strings.Contains(l.ZH, "没有专业或课程") || !strings.Contains(l.EN, "no programs or courses") {
		t.Errorf("partners of an institution without programs: %+v", l)
	}
}
