package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestPrivateLooksAbsent: a profile made private answered GET with a message of its own and a
// PUT by HR with 403, where an id that no one has answered 404: anyone could tell that the
// person exists and went private. Both now answer as for an absent id, word for word.
func TestPrivateLooksAbsent(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "甲软件", City: "西安市"},
		&xiaoqi.Candidate{Name: "王磊", City: "西安市", Visibility: xiaoqi.VisibilityPrivate}})
	if err != nil {
		t.Fatal(err)
	}
	hr := e.as(e.newUser(t, "hr-jia", xiaoqi.RoleEnterprise, res[0].ID))
	private, absent := res[1].ID, "cnd_0000000000000000"
	for _, probe := range []struct {
		name string
		do   func(id string) response
	}{
		{"public GET", func(id string) response { return e.as("").get(t, "/api/v1/candidates/"+id) }},
		{"HR GET", func(id string) response { return hr.get(t, "/api/v1/candidates/"+id) }},
		{"HR PUT", func(id string) response {
			return hr.send(t, http.MethodPut, "/api/v1/candidates/"+id, `{"name":"x"}`)
		}},
		{"public matches", func(id string) response { return e.as("").get(t, "/api/v1/candidates/"+id+"/jobs") }},
		{"HR matches", func(id string) response { return hr.get(t, "/api/v1/candidates/"+id+"/jobs") }},
		{"HR contact", func(id string) response {
			return hr.get(t, "/api/v1/candidates/"+id+"/contact?reason="+url.QueryEscape("面试邀约"))
		}},
	} {
		p, a := probe.do(private), probe.do(absent)
		var pe, ae apiError
		p.decode(t, &pe)
		a.decode(t, &ae)
		pe.Error.Message = strings.ReplaceAll(pe.Error.Message, private, absent)
		if p.Status != a.Status || pe.Error.Code != ae.Error.Code || pe.Error.Message != ae.Error.Message {
			t.Errorf("%s: private answers %d %s, absent %d %s; want the same", probe.name, p.Status, p.Body, a.Status, a.Body)
		}
	}
	if d, _ := e.Store.Get(ctx, xiaoqi.KindCandidate, private); d.(*xiaoqi.Candidate).Name != "王磊" {
		t.Errorf("HR's PUT changed the private profile: %+v", d)
	}
}

// TestAdminAddsConsentToTheList: the README's way of recording consent given on paper (GET the
// profile, add to consent_enterprises, PUT it back) replaced the consents already given, which
// the administrator's view does not show: the consents named are now added to them. A HEAD of
// the contact details, which releases nothing, wrote a release to the log the candidate reads.
func TestAdminAddsConsentToTheList(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "甲软件", City: "西安市"},
		&xiaoqi.Enterprise{Name: "乙数据", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	first, second := res[0].ID, res[1].ID
	res, err = e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Candidate{Name: "王磊", Phone: "13800138000", City: "西安市",
		ConsentEnterprises: []string{first}}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/candidates/" + res[0].ID
	var body map[string]any
	e.get(t, path).want(t, http.StatusOK).decode(t, &body)
	list, _ := body["consent_enterprises"].([]any)
	body["consent_enterprises"] = append(list, second)
	data, _ := json.Marshal(body)
	e.send(t, http.MethodPut, path, string(data)).want(t, http.StatusOK)
	d, err := e.Store.Get(ctx, xiaoqi.KindCandidate, res[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.(*xiaoqi.Candidate).ConsentEnterprises; !slices.Equal(got, []string{first, second}) {
		t.Errorf("consents after the administrator added one: %v, want [%s %s]", got, first, second)
	}

	hr := e.as(e.newUser(t, "hr-jia", xiaoqi.RoleEnterprise, first))
	var seen map[string]any
	hr.get(t, path).want(t, http.StatusOK).decode(t, &seen)
	if _, ok := seen["consent_enterprises"]; ok {
		t.Errorf("HR sees the candidate's consents: %v", seen["consent_enterprises"])
	}
	audit := func() int {
		var page struct {
			Data []xiaoqi.AuditEntry `json:"data"`
		}
		e.get(t, path+"/audit").want(t, http.StatusOK).decode(t, &page)
		return len(page.Data)
	}
	before := audit()
	r := hr.do(t, http.MethodHead, path+"/contact?reason="+url.QueryEscape("面试邀约"), nil, "").want(t, http.StatusOK)
	if len(r.Body) != 0 || audit() != before {
		t.Errorf("HEAD of the contact details: body %q, audit entries %d → %d; want no body and no release recorded", r.Body, before, audit())
	}
	hr.get(t, path+"/contact?reason="+url.QueryEscape("面试邀约")).want(t, http.StatusOK)
	if audit() != before+1 {
		t.Errorf("GET of the contact details: audit entries %d → %d, want one more", before, audit())
	}
}

// TestEraseHonoursIfMatch: DELETE of a candidate, which cannot be undone, ignored a stale
// If-Match that every other DELETE refuses with 409.
func TestEraseHonoursIfMatch(t *testing.T) {
	e := newEnv(t)
	res, err := e.Store.Upsert(context.Background(), []xiaoqi.Doc{&xiaoqi.Candidate{Name: "复测甲", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/candidates/" + res[0].ID
	e.send(t, http.MethodPut, path, `{"name":"复测甲","city":"宝鸡"}`).want(t, http.StatusOK)
	req := func(etag string) response {
		t.Helper()
		r, err := http.NewRequest(http.MethodDelete, e.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		r.Header.Set("Authorization", "Bearer "+e.Key)
		r.Header.Set("If-Match", etag)
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return response{Status: resp.StatusCode}
	}
	req(`"1"`).want(t, http.StatusConflict)
	if _, err := e.Store.Get(context.Background(), xiaoqi.KindCandidate, res[0].ID); err != nil {
		t.Fatalf("the candidate after a stale DELETE: %v", err)
	}
	req(`"2"`).want(t, http.StatusNoContent)
}
