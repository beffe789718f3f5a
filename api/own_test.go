package api_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestOwnCorrectionsSurviveImport: a student corrected her phone, e-mail and summary on her
// profile; the school's list imported again put back its own, and HR's contact release gave
// the old phone. What she corrected now stays, the row says so without the values, and an
// administrator's PUT still changes it.
func TestOwnCorrectionsSurviveImport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "甲软件", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	firm := res[0].ID
	list := map[string]string{"type": "candidates", "source": "A"}
	id := e.importGraduates(t, "A")
	me := e.newUser(t, "cxd", xiaoqi.RoleCandidate, id)
	hr := e.newUser(t, "hr", xiaoqi.RoleEnterprise, firm)
	path := "/api/v1/candidates/" + id
	var own map[string]any
	e.as(me).get(t, path).want(t, http.StatusOK).decode(t, &own)
	own["phone"], own["email"], own["summary"] = "13900009999", "new@example.com", "我自己写的简介"
	own["consent_enterprises"] = []string{firm}
	e.as(me).do(t, http.MethodPut, path, mustJSON(t, own), jsonType).want(t, http.StatusOK)

	j := e.importOne(t, "2026届毕业生.csv", graduates, list)
	if j.Status != "done" || j.Counts.Invalid != 0 {
		t.Fatalf("the list again: %+v counts %+v errors %+v", j, j.Counts, j.Errors)
	}
	var said []string
	for _, p := range j.Errors {
		said = append(said, p.Message)
		if strings.Contains(p.Message, "1111") || strings.Contains(p.Message, "9999") || strings.Contains(p.Message, "example.com") {
			t.Errorf("a warning holds personal data: %q", p.Message)
		}
	}
	for _, want := range []string{"保留了本人更正的电话", "kept the candidate's own correction of phone",
		"kept the candidate's own correction of e-mail", "kept the candidate's own correction of summary"} {
		if !slices.ContainsFunc(said, func(m string) bool { return strings.Contains(m, want) }) {
			t.Errorf("the list again says %q; want %q", said, want)
		}
	}
	c := storedCandidates(t, e)[0]
	if c.Phone != "13900009999" || c.Email != "new@example.com" || c.Summary != "我自己写的简介" || c.City != "西安市" {
		t.Errorf("stored after the list again: %+v; want her phone, e-mail and summary", c)
	}
	var got struct {
		Phone string `json:"phone"`
	}
	e.as(hr).get(t, path+"/contact?reason="+url.QueryEscape("邀请面试")).want(t, http.StatusOK).decode(t, &got)
	if got.Phone != "13900009999" {
		t.Errorf("HR's release gives phone %q; want hers, 13900009999", got.Phone)
	}
	for who, key := range map[string]string{"admin": e.Key, "HR": hr, "public": ""} {
		if body := string(e.as(key).get(t, path).want(t, http.StatusOK).Body); strings.Contains(body, "own_fields") {
			t.Errorf("%s sees which fields she corrected: %s", who, body)
		}
	}

	// An administrator may still change them; the list again does not undo that either.
	var seen map[string]any
	e.get(t, path).want(t, http.StatusOK).decode(t, &seen)
	seen["phone"], seen["own_fields"] = "13600006666", []string{}
	e.do(t, http.MethodPut, path, mustJSON(t, seen), jsonType).want(t, http.StatusOK)
	e.importOne(t, "2026届毕业生.csv", graduates, list)
	if c := storedCandidates(t, e)[0]; c.Phone != "13600006666" || c.Email != "new@example.com" {
		t.Errorf("stored after the administrator's PUT and the list: %+v; want the administrator's phone and her e-mail", c)
	}
}
