package api_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestMatchEndpoints runs the matching endpoints over the default data set in a real store.
func TestMatchEndpoints(t *testing.T) {
	t.Parallel()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	var m *match.Matcher
	e := newEnvWith(t, options{config: func(c *api.Config) {
		m = match.New(c.Store, tax)
		c.Matcher = m
	}})
	if _, err := seed.Apply(context.Background(), e.Store, tax, 500, false); err != nil {
		t.Fatal(err)
	}
	page, err := e.Store.List(context.Background(), xiaoqi.KindEnterprise, xiaoqi.ListOptions{Limit: 20})
	if err != nil || len(page.Docs) == 0 {
		t.Fatalf("no enterprise: %v", err)
	}
	var l struct {
		For  xiaoqi.MatchParty `json:"for"`
		Data []xiaoqi.Match    `json:"data"`
	}
	// Most seed enterprises post jobs with skills the taxonomy knows; some do not and get an
	// empty list. Take the first with suggestions.
	ent, empty := "", 0
	for _, d := range page.Docs {
		e.get(t, "/api/v1/enterprises/"+d.Base().ID+"/partners?limit=3").want(t, http.StatusOK).decode(t, &l)
		if l.For.ID != d.Base().ID || len(l.Data) > 3 {
			t.Fatalf("partners of %s: %+v", d.Base().ID, l)
		}
		if len(l.Data) > 0 {
			ent = d.Base().ID
			break
		}
		empty++
	}
	if ent == "" || empty > 10 {
		t.Fatalf("%d of the first enterprises have no suggestions", empty)
	}
	top := l.Data[0]
	if top.Institution == nil || top.Score <= 0 || len(top.Factors) < 5 {
		t.Fatalf("first suggestion %+v", top)
	}
	for _, f := range top.Factors {
		if f.ZH == "" || f.EN == "" {
			t.Errorf("factor %s without both texts: %+v", f.Factor, f)
		}
	}
	policy := top.Factors[slices.IndexFunc(top.Factors, func(f xiaoqi.MatchFactor) bool { return f.Factor == "policy" })]
	if !strings.Contains(policy.ZH, "第（十二）项") {
		t.Errorf("policy factor does not cite item (12): %s", policy.ZH)
	}

	// The other side: the institution's partners include enterprises.
	e.get(t, "/api/v1/institutions/"+top.Institution.ID+"/partners").want(t, http.StatusOK).decode(t, &l)
	if len(l.Data) == 0 || l.Data[0].Enterprise == nil {
		t.Fatalf("institution partners: %+v", l)
	}

	// Unknown ids are 404, bad parameters 400 naming the parameter.
	e.get(t, "/api/v1/enterprises/ent_0000000000000000/partners").wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
	e.get(t, "/api/v1/enterprises/"+ent+"/partners?limit=1000").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "limit")
	e.get(t, "/api/v1/enterprises/"+ent+"/partners?foo=1").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "foo")
	e.get(t, "/api/v1/insights/gaps?region=华北").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "region")
	e.get(t, "/api/v1/insights/startup?sector=mining").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "sector")
	// The dossier is one report: a limit is unknown to it, not "between 1 and 1".
	e.get(t, "/api/v1/insights/startup?limit=5").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "limit")

	var a xiaoqi.Allocation
	e.send(t, http.MethodPost, "/api/v1/match/allocate?region=关中&limit=50", "").want(t, http.StatusOK).decode(t, &a)
	// Its parameters in a body were ignored: the whole province was allocated.
	e.send(t, http.MethodPost, "/api/v1/match/allocate?limit=50", `{"region":"关中"}`).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "body")
	e.send(t, http.MethodPost, "/api/v1/match/allocate?region=关中&limit=50", `{}`).want(t, http.StatusOK)
	if a.Allocation.Openings == 0 || a.Allocation.Filled < a.Greedy.Filled || len(a.Assignments) > 50 {
		t.Errorf("allocation %+v / greedy %+v, %d assignments", a.Allocation, a.Greedy, len(a.Assignments))
	}

	var g xiaoqi.GapReport
	e.get(t, "/api/v1/insights/gaps?region=关中&limit=5").want(t, http.StatusOK).decode(t, &g)
	if len(g.Gaps) == 0 || g.Gaps[0].ZH == "" {
		t.Errorf("gaps: %+v", g)
	}
	// Real data only: the default data set's synthetic job needs count for nothing.
	var real xiaoqi.GapReport
	e.get(t, "/api/v1/insights/gaps?region=关中&limit=5&real_only=true").want(t, http.StatusOK).decode(t, &real)
	if !real.Scope.RealOnly || real.Synthetic || len(real.Gaps) == 0 {
		t.Errorf("gaps from real data only: %+v", real)
	}
	for _, x := range real.Gaps {
		if x.SyntheticDemand != 0 || strings.Contains(x.ZH, "示例") {
			t.Errorf("real-data gap %s counts synthetic openings: %+v", x.Skill, x)
		}
	}
	e.get(t, "/api/v1/insights/gaps?real_only=maybe").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "real_only")
	var rd xiaoqi.Dossier
	e.get(t, "/api/v1/insights/startup?city=西安&sector=software&real_only=true").want(t, http.StatusOK).decode(t, &rd)
	if !rd.Scope.RealOnly || rd.Synthetic || rd.SyntheticHeadcount != 0 || rd.OpenHeadcount == 0 {
		t.Errorf("dossier from real data only: %+v", rd)
	}
	e.get(t, "/api/v1/insights/startup?real_only=yes").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "real_only")
	var d, named xiaoqi.Dossier
	e.get(t, "/api/v1/insights/startup?city=西安&sector=software").want(t, http.StatusOK).decode(t, &d)
	// The sector as the UI names it: sector=软件研发和测试 asked for a code.
	e.get(t, "/api/v1/insights/startup?city=西安&sector="+url.QueryEscape("软件研发和测试")).want(t, http.StatusOK).decode(t, &named)
	if named.Scope.Sector != xiaoqi.SectorSoftware || named.OpenHeadcount != d.OpenHeadcount {
		t.Errorf("dossier of 软件研发和测试: sector %q, %d openings; of software: %d", named.Scope.Sector, named.OpenHeadcount, d.OpenHeadcount)
	}
	if len(d.Policies) != 4 || d.Policies[3].Number != 12 || !strings.Contains(d.Policies[3].Quote, "留学生") {
		t.Errorf("dossier policies: %+v", d.Policies)
	}

	// A new job need shows up at the next request (the matcher follows the change feed),
	// and a candidate found for it comes back without personal data.
	cand := `{"name":"张三丰","phone":"13800138000","email":"z@example.com","city":"西安市","degree":"本科","skills":["Java","MySQL"],"summary":"联系 13800138000"}`
	created := e.create(t, "candidates", cand)
	job := `{"title":"Java开发","enterprise_id":"` + ent + `","city":"西安市","degree":"本科","skills":["Java","MySQL","Spring"],"status":"open","headcount":2}`
	j := e.create(t, "jobs", job)
	res := e.get(t, "/api/v1/jobs/"+j.ID+"/candidates").want(t, http.StatusOK)
	body := string(res.Body)
	if !strings.Contains(body, created.ID) {
		t.Fatalf("new candidate not ranked for the new job: %s", body)
	}
	for _, pii := range []string{"张三丰", "13800138000", "z@example.com"} {
		if strings.Contains(body, pii) {
			t.Errorf("candidate ranking shows %q: %s", pii, body)
		}
	}
	e.get(t, "/api/v1/candidates/"+created.ID+"/jobs").want(t, http.StatusOK).decode(t, &l)
	if len(l.Data) == 0 || l.Data[0].Job == nil {
		t.Errorf("jobs for candidate: %+v", l)
	}
	// A private profile is offered to nobody, and nobody else sees its suggestions; the
	// candidate themself (and an administrator) still gets the job needs that fit them.
	hidden := e.create(t, "candidates", `{"name":"李四","city":"西安市","degree":"本科","skills":["Java","MySQL"],"visibility":"private"}`)
	me := e.newUser(t, "lisi", xiaoqi.RoleCandidate, hidden.ID)
	other := e.newUser(t, "zhangsan", xiaoqi.RoleCandidate, created.ID)
	for who, key := range map[string]string{"a visitor": "", "another candidate": other} {
		e.as(key).get(t, "/api/v1/candidates/"+hidden.ID+"/jobs").wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
		if body := string(e.as(key).get(t, "/api/v1/jobs/"+j.ID+"/candidates").want(t, http.StatusOK).Body); strings.Contains(body, hidden.ID) {
			t.Errorf("%s is offered the private profile: %s", who, body)
		}
	}
	for who, key := range map[string]string{"the candidate": me, "an administrator": e.Key} {
		var own xiaoqi.MatchList
		e.as(key).get(t, "/api/v1/candidates/"+hidden.ID+"/jobs").want(t, http.StatusOK).decode(t, &own)
		found := false
		for _, x := range own.Data {
			found = found || x.Job != nil && x.Job.ID == j.ID
		}
		if !found || own.For.ID != hidden.ID {
			t.Errorf("jobs for the private candidate, asked by %s: %d, the new Java job among them: %v", who, len(own.Data), found)
		}
	}
}
