package loadgen_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi/internal/loadgen"
)

func TestCheckLoopback(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://127.3.4.5:1/", true},
		{"http://[::1]:8080", true},
		{"http://localhost:8080", true},
		{"http://192.168.1.10:8080", false},
		{"http://example.com", false},
		{"ftp://127.0.0.1", false},
		{"127.0.0.1:8080", false},
	} {
		err := loadgen.CheckLoopback(tc.url)
		if (err == nil) != tc.ok {
			t.Errorf("CheckLoopback(%q) = %v, want ok %v", tc.url, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "--url") {
			t.Errorf("CheckLoopback(%q): error %q does not name --url", tc.url, err)
		}
	}
}

// TestReadMem reads this process's memory: more than a megabyte, anonymous memory within it,
// and a peak at least as high.
func TestReadMem(t *testing.T) {
	m, err := loadgen.ReadMem(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if m.RSS < 1<<20 || m.Anon <= 0 || m.Anon > m.RSS || m.HWM < m.RSS {
		t.Errorf("ReadMem = %+v; want RSS ≥ 1 MB, 0 < anonymous ≤ RSS ≤ peak", m)
	}
	if _, err := loadgen.ReadMem(1 << 30); err == nil {
		t.Errorf("ReadMem of a process that does not exist: no error")
	}
}

// TestRateLimitedRun: a run against a server that answers 429 counts those answers and its
// table says the figures measure the rate limits (a run against a default server was 98%
// errors, with latencies printed as if they were the service's).
func TestRateLimitedRun(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/search" && r.URL.Query().Get("per_page") == "50" {
			// The run's first look for targets.
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"total":1,"hits":[{"id":"job_1","type":"job","title":"x"}]}`)
			return
		}
		http.Error(w, `{"error":{"code":"rate_limited","message":"too many"}}`, http.StatusTooManyRequests)
	}))
	defer srv.Close()
	res, err := loadgen.Run(context.Background(), loadgen.Config{BaseURL: srv.URL, Client: srv.Client(), Concurrency: 1,
		Duration: 200 * time.Millisecond, WriteRatio: 0, WriteKeys: 1, Seed: 1})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if res.RateLimited == 0 || res.RateLimited != res.Total.Errors {
		t.Errorf("rate limited %d of %d errors, want all of them counted", res.RateLimited, res.Total.Errors)
	}
	var b strings.Builder
	if err := loadgen.WriteTable(&b, []*loadgen.Result{res}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "--rate-per-address -1 --rate-per-key -1") {
		t.Errorf("the table does not say the run was rate limited:\n%s", b.String())
	}
}

// TestRunCountsRequestsCutOff: requests still running when the run ends are counted as
// timeouts, and the table warns that nothing completed (a run whose requests all took 20 s
// printed 0 requests and 0.00% errors, as if it had succeeded).
func TestRunCountsRequestsCutOff(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/search" && r.URL.Query().Get("per_page") == "50" {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"total":1,"hits":[{"id":"job_1","type":"job","title":"x"}]}`)
			return
		}
		select { // slower than the run: answered only once the test ends
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	res, err := loadgen.Run(context.Background(), loadgen.Config{BaseURL: srv.URL, Client: srv.Client(), Concurrency: 3,
		Duration: 100 * time.Millisecond, Grace: 100 * time.Millisecond, WriteRatio: 0, WriteKeys: 1, Seed: 1})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if res.Total.Requests != 3 || res.Total.Errors != 3 || res.ErrorRate() != 1 {
		t.Errorf("%d requests, %d errors, error rate %v; want the 3 requests still running counted as errors",
			res.Total.Requests, res.Total.Errors, res.ErrorRate())
	}
	if !strings.Contains(res.FirstError, "timed out") {
		t.Errorf("first error %q, want it to say the request timed out", res.FirstError)
	}
	var b strings.Builder
	if err := loadgen.WriteTable(&b, []*loadgen.Result{res}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "none of the 3 requests of the run at concurrency 3 completed") {
		t.Errorf("the table does not warn that nothing completed:\n%s", b.String())
	}
}
