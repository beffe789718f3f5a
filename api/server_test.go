package api_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
)

func TestRoutesNotFoundAndMethodNotAllowed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{"GET", "/api/v1/unicorns", 404, "not_found", ""},
		{"GET", "/api/v2/jobs", 404, "not_found", ""},
		{"GET", "/", 404, "not_found", ""},
		{"GET", "/api/v1/jobs/job_1/extra", 404, "not_found", ""},
		{"GET", "/api/v1/jobs/", 404, "not_found", ""},
		{"GET", "/api/v1/policys", 404, "not_found", ""},
		{"PATCH", "/api/v1/jobs", 405, "method_not_allowed", "GET, HEAD, POST"},
		{"DELETE", "/api/v1/jobs", 405, "method_not_allowed", "GET, HEAD, POST"},
		{"POST", "/api/v1/jobs/job_0000000000000001", 405, "method_not_allowed", "GET, HEAD, PUT, DELETE"},
		{"PUT", "/api/v1/policies", 405, "method_not_allowed", "GET, HEAD, POST"},
		{"POST", "/api/v1/search", 405, "method_not_allowed", "GET, HEAD"},
		{"POST", "/healthz", 405, "method_not_allowed", "GET, HEAD"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := e.do(t, tt.method, tt.path, nil, "")
			r.wantError(t, tt.status, tt.code, "")
			if tt.allow != "" && !sameMethods(r.Header.Get("Allow"), tt.allow) {
				t.Errorf("Allow %q, want %q", r.Header.Get("Allow"), tt.allow)
			}
		})
	}
}

// sameMethods compares two Allow headers regardless of order.
func sameMethods(a, b string) bool {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, x := range strings.Split(s, ",") {
			m[strings.TrimSpace(x)] = true
		}
		return m
	}
	ma, mb := set(a), set(b)
	if len(ma) != len(mb) {
		return false
	}
	for k := range ma {
		if !mb[k] {
			return false
		}
	}
	return true
}

// TestHeadAnswersLikeGet: every GET answers HEAD with GET's status and headers and no body
// (RFC 9110 requires it). HEAD of a job, a search or the OpenAPI document answered 405.
func TestHeadAnswersLikeGet(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	job := e.create(t, "jobs", javaJob)
	for _, path := range []string{
		"/api/v1/jobs/" + job.ID, "/api/v1/jobs", "/api/v1/search?q=java", "/api/v1/openapi.json",
		"/api/v1/jobs/job_0000000000000001", "/api/v1/search?page=0", "/healthz",
	} {
		get, head := e.get(t, path), e.do(t, http.MethodHead, path, nil, "")
		if head.Status != get.Status || len(head.Body) != 0 {
			t.Errorf("HEAD %s: %d with %d bytes, want GET's %d and no body", path, head.Status, len(head.Body), get.Status)
		}
		for _, h := range []string{"Content-Type", "Cache-Control", "X-Content-Type-Options"} {
			if head.Header.Get(h) != get.Header.Get(h) {
				t.Errorf("HEAD %s: %s %q, GET has %q", path, h, head.Header.Get(h), get.Header.Get(h))
			}
		}
	}
	// A route without GET still refuses HEAD.
	r := e.do(t, http.MethodHead, "/api/v1/keys/k1/rotate", nil, "")
	if r.Status != http.StatusMethodNotAllowed || r.Header.Get("Allow") != "POST" {
		t.Errorf("HEAD /api/v1/keys/k1/rotate: %d, Allow %q; want 405, Allow POST", r.Status, r.Header.Get("Allow"))
	}
}

func TestEveryKindHasItsRoutes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, res := range []string{"institutions", "programs", "enterprises", "jobs", "candidates", "policies", "partnerships"} {
		e.get(t, "/api/v1/"+res).want(t, http.StatusOK)
		e.get(t, "/api/v1/"+res+"/xyz_0").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "id")
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	job := e.create(t, "jobs", javaJob)
	responses := map[string]response{
		"201":    e.send(t, http.MethodPost, "/api/v1/institutions", xjtu),
		"200":    e.get(t, "/api/v1/jobs/"+job.ID),
		"204":    e.do(t, http.MethodDelete, "/api/v1/jobs/"+job.ID, nil, ""),
		"400":    e.send(t, http.MethodPost, "/api/v1/jobs", "{"),
		"404":    e.get(t, "/nowhere"),
		"405":    e.do(t, http.MethodPatch, "/api/v1/jobs", nil, ""),
		"415":    e.do(t, http.MethodPost, "/api/v1/jobs", javaJob, "text/plain"),
		"search": e.get(t, "/api/v1/search?q=java"),
		"health": e.get(t, "/healthz"),
	}
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
		"X-Frame-Options":        "DENY",
		"Cache-Control":          "no-store",
	}
	for name, r := range responses {
		for h, v := range want {
			if got := r.Header.Get(h); got != v {
				t.Errorf("%s response: %s %q, want %q", name, h, got, v)
			}
		}
		if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s response: Content-Security-Policy %q", name, csp)
		}
		if r.Header.Get("X-Request-ID") == "" {
			t.Errorf("%s response without X-Request-ID", name)
		}
	}
}

func TestHealth(t *testing.T) {
	t.Parallel()
	var body struct {
		Status  string  `json:"status"`
		Seq     *uint64 `json:"seq"`
		Version string  `json:"version"`
	}
	e := newEnv(t)
	e.get(t, "/healthz").want(t, http.StatusOK).decode(t, &body)
	if body.Status != "ok" || body.Version != "test" {
		t.Errorf("healthz %+v", body)
	}

	starting := newEnvWith(t, options{ready: func() bool { return false }})
	starting.get(t, "/readyz").want(t, http.StatusServiceUnavailable).decode(t, &body)
	if body.Status != "starting" || body.Seq == nil {
		t.Errorf("readyz while starting %+v, want status starting and the index seq", body)
	}
	// A node whose index cannot write (a full disk) says why.
	var reason struct {
		Status string `json:"status"`
		Reason string `json:"reason"`
	}
	failing := newEnvWith(t, options{ready: func() bool { return false }, config: func(c *api.Config) {
		c.NotReady = func() error { return errors.New("search: the index cannot write: no space left on device") }
	}})
	failing.get(t, "/readyz").want(t, http.StatusServiceUnavailable).decode(t, &reason)
	if reason.Status != "unavailable" || !strings.Contains(reason.Reason, "no space left") {
		t.Errorf("readyz while the index cannot write %+v, want status unavailable and the reason", reason)
	}
	ready := newEnvWith(t, options{ready: func() bool { return true }})
	ready.create(t, "institutions", xjtu) // waits for the index
	ready.get(t, "/readyz").want(t, http.StatusOK).decode(t, &body)
	if body.Status != "ready" || body.Seq == nil || *body.Seq != ready.Index.Seq() || *body.Seq == 0 {
		t.Errorf("readyz when ready %+v, want status ready and seq %d", body, ready.Index.Seq())
	}
}

// faultyStore fails the way a broken store would: List returns an error that is not a
// *xiaoqi.Error, Get panics. Everything else is the real store.
type faultyStore struct{ xiaoqi.Store }

const secret = "disk /var/lib/xiaoqi on fire"

func (faultyStore) List(context.Context, xiaoqi.Kind, xiaoqi.ListOptions) (*xiaoqi.ListPage, error) {
	return nil, errors.New(secret)
}

func (faultyStore) Get(context.Context, xiaoqi.Kind, string) (xiaoqi.Doc, error) {
	panic(secret)
}

func TestInternalErrorsAreLoggedNotShown(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, options{wrap: func(s xiaoqi.Store) xiaoqi.Store { return faultyStore{s} }})
	for _, path := range []string{"/api/v1/jobs", "/api/v1/jobs/job_0000000000000001"} {
		r := e.get(t, path)
		ae := r.wantError(t, http.StatusInternalServerError, xiaoqi.EINTERNAL, "")
		if ae.Error.Message != xiaoqi.InternalMessage || strings.Contains(string(r.Body), "fire") {
			t.Errorf("GET %s answered %s", path, r.Body)
		}
		if id := r.Header.Get("X-Request-ID"); !strings.Contains(e.Logs.String(), id) {
			t.Errorf("request %s not in the logs", id)
		}
	}
	if n := strings.Count(e.Logs.String(), secret); n != 2 {
		t.Errorf("the cause is logged %d times, want 2:\n%s", n, e.Logs.String())
	}
	// The server survived the panic.
	e.get(t, "/healthz").want(t, http.StatusOK)
}
