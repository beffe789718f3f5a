package api_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// slowAllocations is the real matcher whose allocations last until release is closed (the
// only way to hold one running while the test asks for more: the real one takes seconds
// only at province scale); started hears of each.
type slowAllocations struct {
	api.Matcher
	started chan struct{}
	release chan struct{}
}

func (m *slowAllocations) Allocate(ctx context.Context, sc xiaoqi.Scope, limit int) (*xiaoqi.Allocation, error) {
	m.started <- struct{}{}
	select {
	case <-m.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return m.Matcher.Allocate(ctx, sc, limit)
}

// TestAllocationsBounded: sixteen signed-in requests for allocations with distinct limits ran
// at once, 29–40 s each, took 1.15 GB and slowed every other endpoint. Now as many run as
// MaxAllocations, as many more wait, and the next is answered at once 503 with Retry-After,
// saying so in Chinese and English; the rest of the server answers meanwhile (search, the
// gaps report); an identical request joins the one running; those that waited get their
// answer.
func TestAllocationsBounded(t *testing.T) {
	t.Parallel()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	slow := &slowAllocations{started: make(chan struct{}, 8), release: make(chan struct{})}
	joined := make(chan string, 16) // the keys of the requests that started or joined a run
	e := newEnvWith(t, options{config: func(c *api.Config) {
		slow.Matcher = match.New(c.Store, tax)
		c.Matcher = slow
		c.MaxAllocations = 1
	}, server: func(s *api.Server) {
		api.OnAllocationJoined(s, func(key string) {
			select {
			case joined <- key:
			default:
			}
		})
	}})
	hr := e // any signed-in account may ask
	var once sync.Once
	release := func() { once.Do(func() { close(slow.release) }) }
	t.Cleanup(release) // before the server closes, should the test stop early
	answers := make(chan response, 8)
	// next is the next answer; without one in a minute the bound is not there (a refusal
	// comes at once, a request let through waits for release).
	next := func() response {
		t.Helper()
		select {
		case r := <-answers:
			return r
		case <-time.After(time.Minute):
			t.Fatal("no answer in a minute: every allocation asked for is running or waiting")
			return response{}
		}
	}
	ask := func(method, limit string) {
		go func() { answers <- hr.do(t, method, "/api/v1/match/allocate?limit="+limit, nil, "") }()
	}
	ask(http.MethodGet, "1")
	<-slow.started // one runs
	// One more waits and the other is refused: which of the two is refused is the scheduler's.
	ask(http.MethodGet, "2")
	ask(http.MethodHead, "3")
	r := next()
	if r.Status != http.StatusServiceUnavailable {
		t.Fatalf("the third allocation at once: status %d, want 503; body: %s", r.Status, r.Body)
	}
	if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 {
		t.Errorf("Retry-After = %q, want whole seconds ≥ 1", r.Header.Get("Retry-After"))
	}
	if r.Header.Get("Retry-After") != "" && len(r.Body) > 0 { // a HEAD's answer has no body
		r.wantError(t, http.StatusServiceUnavailable, xiaoqi.EUNAVAILABLE, "")
		if !strings.Contains(string(r.Body), "allocations") {
			t.Errorf("the refusal does not say what is busy: %s", r.Body)
		}
	}
	ask(http.MethodGet, "4")
	e.as(e.Key).get(t, "/api/v1/match/allocate?limit=5").wantError(t, http.StatusServiceUnavailable, xiaoqi.EUNAVAILABLE, "")
	if r := next(); r.Status != http.StatusServiceUnavailable {
		t.Fatalf("an allocation while one runs and one waits: status %d, want 503", r.Status)
	}
	// The rest of the server answers meanwhile.
	e.as("").get(t, "/api/v1/search?q=Java").want(t, http.StatusOK)
	e.as("").get(t, "/api/v1/insights/gaps?limit=5").want(t, http.StatusOK)
	// The same allocation as the one running is no more work: it shares its answer. Run on
	// its own it would be refused, one running and one waiting; once the first ended, it
	// would run a third allocation: so the first is held until it has joined.
	ask(http.MethodGet, "1")
	for seen := 0; seen < 2; {
		select {
		case k := <-joined:
			if strings.HasSuffix(k, "|1") {
				seen++
			}
		case <-time.After(time.Minute):
			t.Fatal("the second allocation of limit 1 did not reach the server in a minute")
		}
	}

	release()
	for range 3 { // the first, the one that waited, the one that joined the first
		if r := next(); r.Status != http.StatusOK {
			t.Errorf("an allocation let through: status %d; body: %s", r.Status, r.Body)
		}
	}
	// The first start was taken above; the one that waited started once more, and the one
	// that joined did not start its own.
	if n := len(slow.started); n != 1 {
		t.Errorf("the allocator started %d more times, want 1 (the waiting one; the identical request shares the first's run)", n)
	}
	hr.get(t, "/api/v1/match/allocate?limit=6").want(t, http.StatusOK)
}
