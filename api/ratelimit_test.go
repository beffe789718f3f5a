package api_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
)

// Rate limits: per address for the public, per key for programs, per address and username for
// sign-ins; 429 with Retry-After; the probes are never limited.
func TestRateLimits(t *testing.T) {
	e := newEnvWith(t, options{config: func(c *api.Config) {
		// Slow refills, so that the test sees the bursts and nothing refills in between.
		c.RateLimits = api.RateLimits{PerAddress: 0.01, PerAddressBurst: 3, PerKey: 0.01, PerKeyBurst: 5, LoginsPerMinute: 3}
	}})
	public := e.as("")
	for range 3 {
		public.get(t, "/api/v1/policies").want(t, http.StatusOK)
	}
	r := public.get(t, "/api/v1/policies")
	r.wantError(t, http.StatusTooManyRequests, "too_many_requests", "")
	if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 {
		t.Errorf("Retry-After = %q, want whole seconds ≥ 1", r.Header.Get("Retry-After"))
	}
	for range 5 {
		public.get(t, "/healthz").want(t, http.StatusOK)
	}

	// A key has its own budget, independent of the address and of other keys.
	other := e.newUser(t, "second-admin", xiaoqi.RoleAdmin, "")
	for range 5 {
		e.get(t, "/api/v1/policies").want(t, http.StatusOK)
	}
	e.get(t, "/api/v1/policies").wantError(t, http.StatusTooManyRequests, "too_many_requests", "")
	e.as(other).get(t, "/api/v1/policies").want(t, http.StatusOK)

	// Guessing passwords: after 3 attempts on one username even the right password waits.
	// (The address budget of the public is spent already, so sign in from a key's budget:
	// sign-in is answered to anyone, the login limits apply on top.)
	login := func(pw string) response {
		return e.as(other).send(t, http.MethodPost, "/api/v1/session", `{"username":"second-admin","password":"`+pw+`"}`)
	}
	login("wrong-password-1").wantError(t, http.StatusUnauthorized, xiaoqi.EUNAUTHORIZED, "")
	login("wrong-password-2").wantError(t, http.StatusUnauthorized, xiaoqi.EUNAUTHORIZED, "")
	login("wrong-password-3").wantError(t, http.StatusUnauthorized, xiaoqi.EUNAUTHORIZED, "")
	login(testPassword).wantError(t, http.StatusTooManyRequests, "too_many_requests", "")
}
