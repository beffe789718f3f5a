package api_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestJobMistakesNamed: what HR gets wrong in a job need by accident is refused naming the
// field, and nothing is stored: a headcount of 0, a posting date in the future, the same open
// posting twice (a double click on 发布).
func TestJobMistakesNamed(t *testing.T) {
	e := newEnv(t)
	ent := e.create(t, "enterprises", softstone)
	hr := e.as(e.newUser(t, "hr-mistakes", xiaoqi.RoleEnterprise, ent.ID))
	before := e.count(t, xiaoqi.KindJob)

	hr.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"测试工程师","city":"西安市","headcount":0}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "headcount")
	hr.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"测试工程师","city":"西安市","salary_min":8,"salary_max":12}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "salary_min")
	hr.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"测试工程师","city":"西安市","salary_min":8000,"salary_max":12}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "salary_max")
	hr.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"测试工程师","city":"西安市","posted_at":"2100-01-01T00:00:00Z"}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "posted_at")
	if n := e.count(t, xiaoqi.KindJob); n != before {
		t.Fatalf("%d job needs stored after refused posts, want %d", n, before)
	}

	body := `{"title":"Java开发工程师","city":"西安市","headcount":2,"skills":["Java"]}`
	first := hr.create(t, "jobs", body)
	err := hr.send(t, http.MethodPost, "/api/v1/jobs", body).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "title")
	if !strings.Contains(err.Error.Message, first.ID) {
		t.Errorf("the duplicate's refusal does not name the open job need %s: %s", first.ID, err.Error.Message)
	}
	// The same title with other spacing or case, and in 西安 rather than 西安市, is the same posting.
	hr.send(t, http.MethodPost, "/api/v1/jobs", `{"title":" java开发工程师 ","city":"西安","headcount":1}`).
		wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "title")
	// Another firm may post the same title; another city is another posting.
	other := e.create(t, "enterprises", `{"name":"西安另一家外包有限公司","city":"西安市","region":"关中"}`)
	e.as(e.newUser(t, "hr-other", xiaoqi.RoleEnterprise, other.ID)).create(t, "jobs", body)
	bj := hr.create(t, "jobs", `{"title":"Java开发工程师","city":"宝鸡市","headcount":1}`)
	// Renaming one into the other is the same duplicate; an edit that keeps title and place
	// passes.
	hr.send(t, http.MethodPut, "/api/v1/jobs/"+bj.ID, `{"title":"Java开发工程师","city":"西安市","version":1}`).
		wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "title")
	hr.send(t, http.MethodPut, "/api/v1/jobs/"+first.ID, `{"title":"Java开发工程师","city":"西安市","headcount":3,"version":1}`).want(t, http.StatusOK)
	// Once the first is closed, the post goes through.
	hr.send(t, http.MethodPut, "/api/v1/jobs/"+first.ID, `{"title":"Java开发工程师","city":"西安市","status":"closed","version":2}`).want(t, http.StatusOK)
	hr.create(t, "jobs", body)
	// A headcount of 0 on an edit is refused too.
	hr.send(t, http.MethodPut, "/api/v1/jobs/"+bj.ID, `{"title":"Java开发工程师","city":"宝鸡市","headcount":0,"version":1}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "headcount")
}

// TestJobOfSyntheticEnterpriseSynthetic: a job need HR posts for a synthetic (示例) enterprise is
// marked synthetic, as the enterprise is; it counted as real demand under real_only.
func TestJobOfSyntheticEnterpriseSynthetic(t *testing.T) {
	e := newEnv(t)
	ent := e.create(t, "enterprises", `{"name":"渭水启航软件有限公司（示例）","city":"西安市","region":"关中","synthetic":true}`)
	hr := e.as(e.newUser(t, "hr-synthetic", xiaoqi.RoleEnterprise, ent.ID))
	var j struct {
		Synthetic bool `json:"synthetic"`
	}
	hr.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"日语客服专员","city":"西安市","headcount":3}`).want(t, http.StatusCreated).decode(t, &j)
	if !j.Synthetic {
		t.Errorf("a job need of a synthetic enterprise is not marked synthetic")
	}
}

// TestPutPrivateCandidateAnswered: an administrator who makes a candidate private through PUT
// gets what a POST of a private profile answers (its id, version and visibility), not the
// body null.
func TestPutPrivateCandidateAnswered(t *testing.T) {
	e := newEnv(t)
	c := e.create(t, "candidates", `{"name":"李四","city":"西安市","skills":["Java"]}`)
	var got struct {
		ID         string `json:"id"`
		Version    int64  `json:"version"`
		Visibility string `json:"visibility"`
	}
	r := e.send(t, http.MethodPut, "/api/v1/candidates/"+c.ID, `{"name":"李四","city":"西安市","skills":["Java"],"visibility":"private","version":1}`).want(t, http.StatusOK)
	r.decode(t, &got)
	if got.ID != c.ID || got.Version != 2 || got.Visibility != xiaoqi.VisibilityPrivate {
		t.Errorf("PUT of a private profile answered %s, want its id, version 2 and visibility private", r.Body)
	}
}

// TestSyntheticMarkAdminOnly: HR may not take the 示例 synthetic mark off its enterprise or a
// job need of it (the page and search then showed a fictitious firm as real), nor put it on.
func TestSyntheticMarkAdminOnly(t *testing.T) {
	e := newEnv(t)
	ent := e.create(t, "enterprises", `{"name":"渭水启航软件有限公司（示例）","city":"西安市","region":"关中","synthetic":true}`)
	hr := e.as(e.newUser(t, "hr-mark", xiaoqi.RoleEnterprise, ent.ID))
	// synthetic:false reads as left out, as an older client sends it: the mark stays
	// (keepDesignations, TestHRKeepDesignations).
	var gotEnt xiaoqi.Enterprise
	hr.send(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, `{"name":"渭水启航软件有限公司（示例）","city":"西安市","region":"关中","synthetic":false,"version":1}`).
		want(t, http.StatusOK).decode(t, &gotEnt)
	job := hr.create(t, "jobs", `{"title":"日语客服专员","city":"西安市"}`)
	var gotJob xiaoqi.JobNeed
	hr.send(t, http.MethodPut, "/api/v1/jobs/"+job.ID, `{"title":"日语客服专员","city":"西安市","synthetic":false,"version":1}`).
		want(t, http.StatusOK).decode(t, &gotJob)
	if !gotEnt.Synthetic || !gotJob.Synthetic {
		t.Errorf("HR's replacements took the 示例 mark off: enterprise %v, job %v", gotEnt.Synthetic, gotJob.Synthetic)
	}
	// An edit that keeps the mark passes.
	hr.send(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, `{"name":"渭水启航软件有限公司（示例）","city":"西安市","region":"关中","synthetic":true,"version":1}`).want(t, http.StatusOK)
	real := e.create(t, "enterprises", softstone)
	e.as(e.newUser(t, "hr-real", xiaoqi.RoleEnterprise, real.ID)).send(t, http.MethodPost, "/api/v1/jobs", `{"title":"测试","city":"西安市","synthetic":true}`).
		wantError(t, http.StatusForbidden, xiaoqi.EFORBIDDEN, "")
}

// TestJobDoubleClickStoresOne: the two requests of a double click on 发布, sent at once, store
// one job need; the others are 409.
func TestJobDoubleClickStoresOne(t *testing.T) {
	e := newEnv(t)
	ent := e.create(t, "enterprises", softstone)
	hr := e.as(e.newUser(t, "hr-double", xiaoqi.RoleEnterprise, ent.ID))
	before := e.count(t, xiaoqi.KindJob)
	const n = 8
	statuses := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i] = hr.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"Java开发工程师","city":"西安市","headcount":2}`).Status
		}()
	}
	close(start)
	wg.Wait()
	created := 0
	for _, s := range statuses {
		if s == http.StatusCreated {
			created++
		} else if s != http.StatusConflict {
			t.Errorf("status %d, want 201 or 409", s)
		}
	}
	if got := e.count(t, xiaoqi.KindJob) - before; created != 1 || got != 1 {
		t.Errorf("%d posts answered 201 and %d job needs stored, want 1 and 1 (statuses %v)", created, got, statuses)
	}
}

// TestJobBatchChecked: HR's POST /jobs/batch is checked as its single posts are, naming the
// document: a headcount of 0, a repeat of a stored open job, a repeat within the batch.
func TestJobBatchChecked(t *testing.T) {
	e := newEnv(t)
	ent := e.create(t, "enterprises", softstone)
	hr := e.as(e.newUser(t, "hr-batch", xiaoqi.RoleEnterprise, ent.ID))
	hr.create(t, "jobs", `{"title":"Java开发工程师","city":"西安市"}`)
	before := e.count(t, xiaoqi.KindJob)
	// The documents name no enterprise: HR's batch is of its own, as a single POST is (a
	// batch without enterprise_id was refused, enterprise_id required).
	hr.send(t, http.MethodPost, "/api/v1/jobs/batch", `[{"title":"测试","city":"西安市"},{"title":"运维","city":"西安市","headcount":0}]`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "docs[1].headcount")
	hr.send(t, http.MethodPost, "/api/v1/jobs/batch", `[{"title":"测试","city":"西安市"},{"title":"Java开发工程师","city":"西安市"}]`).
		wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "docs[1].title")
	hr.send(t, http.MethodPost, "/api/v1/jobs/batch", `[{"title":"测试","city":"西安市"},{"title":"测试","city":"西安"}]`).
		wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "docs[1].title")
	if n := e.count(t, xiaoqi.KindJob); n != before {
		t.Errorf("%d job needs stored after refused batches, want %d", n, before)
	}
	hr.send(t, http.MethodPost, "/api/v1/jobs/batch", `[{"title":"测试","city":"西安市"},{"title":"运维","city":"西安市","headcount":2}]`).want(t, http.StatusOK)
}

// TestJobBatchCheckedForAdmin: an administrator's POST /jobs/batch is checked as HR's is
// (README, Hostile input: the bounds hold whichever way data comes in). salary_min 8, a
// headcount of 0 and a posted_at of 2199 (which topped every newest-first list) were stored,
// and two copies of one posting in one batch were both created. Two firms named differently
// are two firms though neither has an id; a document written again by its natural key is no
// duplicate of itself.
func TestJobBatchCheckedForAdmin(t *testing.T) {
	e := newEnv(t)
	ent := e.create(t, "enterprises", softstone)
	other := e.create(t, "enterprises", `{"name":"西安另一家外包有限公司","city":"西安市","region":"关中"}`)
	e.create(t, "jobs", `{"enterprise_id":"`+ent.ID+`","title":"Java开发工程师","city":"西安市"}`)
	before := e.count(t, xiaoqi.KindJob)
	for _, c := range []struct{ body, field string }{
		{`[{"enterprise_id":"` + ent.ID + `","title":"测试","city":"西安市"},{"enterprise_id":"` + other.ID + `","title":"运维","city":"西安市","salary_min":8}]`, "docs[1].salary_min"},
		{`[{"enterprise_name":"某公司","title":"运维","city":"西安市","headcount":0}]`, "docs[0].headcount"},
		{`[{"enterprise_name":"某公司","title":"运维","city":"西安市","posted_at":"2199-01-01T00:00:00Z"}]`, "docs[0].posted_at"},
	} {
		e.send(t, http.MethodPost, "/api/v1/jobs/batch", c.body).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, c.field)
	}
	for _, body := range []string{
		// A repeat of a stored open job need of the second enterprise of the batch.
		`[{"enterprise_id":"` + other.ID + `","title":"测试","city":"西安市"},{"enterprise_id":"` + ent.ID + `","title":"java开发工程师","city":"西安"}]`,
		`[{"enterprise_id":"` + ent.ID + `","title":"测试","city":"西安市"},{"enterprise_id":"` + ent.ID + `","title":"测试","city":"西安"}]`,
		`[{"enterprise_name":"某公司","title":"测试","city":"西安市"},{"enterprise_name":" 某公司","title":"测试 ","city":"西安市"}]`,
	} {
		e.send(t, http.MethodPost, "/api/v1/jobs/batch", body).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "docs[1].title")
	}
	if n := e.count(t, xiaoqi.KindJob); n != before {
		t.Errorf("%d job needs stored after refused batches, want %d", n, before)
	}
	// The same title of two firms that name no id; then the same batch again, by its
	// natural key (source and external_id): an update, not a duplicate of itself.
	again := `[{"enterprise_name":"某公司","title":"测试","city":"西安市","source":"t","external_id":"1"},
		{"enterprise_name":"另一家公司","title":"测试","city":"西安市","source":"t","external_id":"2"},
		{"enterprise_id":"` + ent.ID + `","title":"测试","city":"西安市","source":"t","external_id":"3"}]`
	e.send(t, http.MethodPost, "/api/v1/jobs/batch", again).want(t, http.StatusOK)
	e.send(t, http.MethodPost, "/api/v1/jobs/batch", again).want(t, http.StatusOK)
	if n := e.count(t, xiaoqi.KindJob); n != before+3 {
		t.Errorf("%d job needs stored after two writes of one batch of three, want %d", n, before+3)
	}
}
