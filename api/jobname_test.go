package api_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestJobPutTakesTheFirmsName: HR who edit their firm's job need and write another firm's name
// in the body (the web UI sends what it read; anyone may send anything) publish it under their
// own firm's name: the answer, the stored job need and its search hit say it, and a search for
// the other firm does not find it.
func TestJobPutTakesTheFirmsName(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var ent struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"改岗测试软件有限公司","city":"宝鸡市"}`).want(t, http.StatusCreated).decode(t, &ent)
	hr := e.as(e.newUser(t, "hr-put-name", xiaoqi.RoleEnterprise, ent.ID))
	var job xiaoqi.JobNeed
	hr.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"嵌入式测试工程师","city":"宝鸡市"}`).want(t, http.StatusCreated).decode(t, &job)

	var put, stored xiaoqi.JobNeed
	hr.send(t, http.MethodPut, "/api/v1/jobs/"+job.ID+"?refresh=wait_for",
		`{"title":"嵌入式测试工程师","city":"宝鸡市","enterprise_name":"华为技术有限公司"}`).want(t, http.StatusOK).decode(t, &put)
	e.get(t, "/api/v1/jobs/"+job.ID).want(t, http.StatusOK).decode(t, &stored)
	if put.EnterpriseName != "改岗测试软件有限公司" || stored.EnterpriseName != "改岗测试软件有限公司" {
		t.Errorf("after HR's PUT naming 华为技术有限公司 the job need answered %q, stored %q; want its own firm's name", put.EnterpriseName, stored.EnterpriseName)
	}

	var res struct {
		Hits []xiaoqi.Hit `json:"hits"`
	}
	e.get(t, "/api/v1/search?type=job&q="+url.QueryEscape("嵌入式测试工程师")+"&city="+url.QueryEscape("宝鸡市")).want(t, http.StatusOK).decode(t, &res)
	if len(res.Hits) != 1 || res.Hits[0].ID != job.ID || res.Hits[0].Fields["enterprise_name"] != "改岗测试软件有限公司" {
		t.Errorf("search hits %+v, want the job need under 改岗测试软件有限公司", res.Hits)
	}
	e.get(t, "/api/v1/search?type=job&enterprise="+url.QueryEscape("华为技术有限公司")).want(t, http.StatusOK).decode(t, &res)
	for _, h := range res.Hits {
		if h.ID == job.ID {
			t.Errorf("a search for 华为技术有限公司's job needs finds HR's edited one: %+v", h)
		}
	}
}
