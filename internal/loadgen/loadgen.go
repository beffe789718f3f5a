// Package loadgen drives a running xiaoqi server over HTTP on loopback with a mix of
// searches, gets and writes at a fixed concurrency for a bounded time, and measures what a
// user of the service sees: requests per second, latency percentiles and the error rate, plus
// the server's resident memory read from /proc. `xiaoqi bench` and scripts/bench-http.sh use it
// to produce the figures of the README's "Performance" section.
package loadgen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// Limits that keep a run bounded whatever the command line says.
const (
	MaxConcurrency = 1024
	MaxDuration    = time.Hour
	// DefaultGrace is Config.Grace's default: a request of a healthy server takes
	// milliseconds, one still running 5 s after the run ended has timed out.
	DefaultGrace = 5 * time.Second
)

// Op names the kinds of request in the mix.
const (
	OpSearch = "search"
	OpGet    = "get"
	OpWrite  = "write"
)

// Config describes one run at one concurrency.
type Config struct {
	// BaseURL is the server, e.g. http://127.0.0.1:8080. It must be a loopback address.
	BaseURL string
	// Concurrency is the number of clients, each sending its next request when the last one
	// was answered (a closed loop).
	Concurrency int
	// Warmup is run first and not measured; Duration is the measured time.
	Warmup, Duration time.Duration
	// WriteRatio is the share of writes (upserts of synthetic job needs), e.g. 0.1. Of the
	// reads, three in four are searches and one a get by id.
	WriteRatio float64
	// WriteKeys bounds the distinct job needs written, so that a long run updates documents
	// rather than growing the store without end; default 10,000.
	WriteKeys int
	// PID is the server's process id for its memory (/proc/PID/status); 0 for none.
	PID int
	// RSSEvery is how often the server's memory is sampled; default 1 s.
	RSSEvery time.Duration
	// Seed makes the request sequence repeatable.
	Seed uint64
	// Client sends the requests; default: a client that keeps Concurrency connections open.
	Client *http.Client
	// Grace is how long the requests in flight when the run ends may take to finish before
	// they are counted as timeouts; DefaultGrace when 0.
	Grace time.Duration
	// APIKey, when set, is sent with every request ("Authorization: Bearer …"); writes need
	// the key of an administrator (or HR of the enterprise written).
	APIKey string
}

// bearer adds an API key to every request.
type bearer struct {
	next http.RoundTripper
	key  string
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.key)
	return b.next.RoundTrip(r)
}

// Sample is the server's memory at one moment of a run.
type Sample struct {
	At time.Duration // since the measured part began (negative during warm-up)
	Mem
}

// Stats are the latencies of one kind of request.
type Stats struct {
	Requests, Errors int
	P50, P99, Max    time.Duration
}

// Result is what one run measured.
type Result struct {
	Concurrency int
	Elapsed     time.Duration
	Total       Stats
	ByOp        map[string]Stats
	// BySearch holds the searches' latencies by their query string, to see which kind is slow.
	BySearch map[string]Stats
	QPS      float64
	// RSS holds the server's memory over the whole run, warm-up included; empty without a PID.
	RSS []Sample
	// FirstError describes the first failed request, to tell a user why the error rate is not 0.
	FirstError string
	// RateLimited counts the requests the server refused with 429: a server started without
	// --rate-per-address -1 --rate-per-key -1 measures its rate limits, not its speed.
	RateLimited int
}

// errCutOff is the error of a request still running when the run's grace after its end ran out.
type errCutOff struct{ d time.Duration }

func (e errCutOff) Error() string {
	return fmt.Sprintf("超时：运行结束时仍未完成 timed out: still running %s after it started, when the run ended", e.d.Round(time.Millisecond))
}

// Completed is the number of requests that were answered successfully.
func (r *Result) Completed() int { return r.Total.Requests - r.Total.Errors }

// ErrorRate is the share of failed requests.
func (r *Result) ErrorRate() float64 {
	if r.Total.Requests == 0 {
		return 0
	}
	return float64(r.Total.Errors) / float64(r.Total.Requests)
}

// CheckLoopback returns an error unless base is an http URL of a loopback host: the load
// generator is for measuring a server on the same machine, never for loading someone else's.
func CheckLoopback(base string) error {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("loadgen: 地址无效 invalid --url %q: want http://127.0.0.1:PORT", base)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("loadgen: 只允许本机地址 --url %q is not a loopback address (127.0.0.1, ::1, localhost)", base)
}

func (c *Config) check() error {
	if err := CheckLoopback(c.BaseURL); err != nil {
		return err
	}
	switch {
	case c.Concurrency < 1 || c.Concurrency > MaxConcurrency:
		return fmt.Errorf("loadgen: 并发数无效 concurrency %d: want 1 to %d", c.Concurrency, MaxConcurrency)
	case c.Duration <= 0 || c.Duration > MaxDuration || c.Warmup < 0 || c.Warmup > MaxDuration:
		return fmt.Errorf("loadgen: 时长无效 duration %s, warm-up %s: want more than 0 and at most %s", c.Duration, c.Warmup, MaxDuration)
	case c.WriteRatio < 0 || c.WriteRatio > 1:
		return fmt.Errorf("loadgen: 写入比例无效 write ratio %g: want 0 to 1", c.WriteRatio)
	}
	if c.WriteKeys <= 0 {
		c.WriteKeys = 10_000
	}
	if c.RSSEvery <= 0 {
		c.RSSEvery = time.Second
	}
	if c.Grace <= 0 {
		c.Grace = DefaultGrace
	}
	if c.Client == nil {
		c.Client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
			MaxIdleConns: c.Concurrency, MaxIdleConnsPerHost: c.Concurrency, IdleConnTimeout: time.Minute,
		}}
	}
	if c.APIKey != "" {
		next := c.Client.Transport
		if next == nil {
			next = http.DefaultTransport
		}
		c.Client = &http.Client{Timeout: c.Client.Timeout, Transport: bearer{next: next, key: c.APIKey}}
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	return nil
}

// Run runs the mix against the server for cfg.Warmup and then cfg.Duration, and returns what
// the measured part saw. It stops early, with what it has, when ctx ends.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	targets, err := discover(ctx, cfg.Client, cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	measureFrom := start.Add(cfg.Warmup)
	end := measureFrom.Add(cfg.Duration)
	// The run starts no request after end; those in flight then have cfg.Grace more to
	// finish, and are counted as timeouts if they have not. They were dropped: a run whose
	// requests all took 20 s printed 0 requests, 0.00% errors.
	parent := ctx
	reqCtx, cancelReqs := context.WithDeadline(parent, end.Add(cfg.Grace))
	defer cancelReqs()
	ctx, cancel := context.WithDeadline(parent, end)
	defer cancel()

	res := &Result{Concurrency: cfg.Concurrency, ByOp: map[string]Stats{}, BySearch: map[string]Stats{}}
	var rssDone chan struct{}
	if cfg.PID > 0 {
		rssDone = make(chan struct{})
		go func() {
			defer close(rssDone)
			tick := time.NewTicker(cfg.RSSEvery)
			defer tick.Stop()
			for {
				if m, err := ReadMem(cfg.PID); err == nil {
					res.RSS = append(res.RSS, Sample{At: time.Since(measureFrom), Mem: m})
				}
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
			}
		}()
	}

	type outcome struct {
		op, query string
		d         time.Duration
		err       error
	}
	results := make([][]outcome, cfg.Concurrency)
	var wg sync.WaitGroup
	for w := range cfg.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(cfg.Seed, uint64(w)))
			g := &generator{rng: rng, t: targets, writeKeys: cfg.WriteKeys, worker: w}
			for ctx.Err() == nil {
				op, req := g.next(reqCtx, cfg.BaseURL, cfg.WriteRatio)
				t0 := time.Now()
				err := send(cfg.Client, req)
				d := time.Since(t0)
				if t0.Before(measureFrom) || parent.Err() != nil {
					continue // warm-up, or the run was interrupted (Ctrl-C)
				}
				if err != nil && reqCtx.Err() != nil {
					err = fmt.Errorf("%s %s: %w", req.Method, req.URL.RequestURI(), errCutOff{d})
				}
				o := outcome{op: op, d: d, err: err}
				if op == OpSearch {
					o.query = req.URL.RawQuery
				}
				results[w] = append(results[w], o)
			}
		}()
	}
	wg.Wait()
	res.Elapsed = min(time.Since(measureFrom), cfg.Duration)
	if rssDone != nil {
		<-rssDone
	}

	all := map[string][]time.Duration{}
	errs := map[string]int{}
	byQuery := map[string][]time.Duration{}
	queryErrs := map[string]int{}
	for _, rs := range results {
		for _, o := range rs {
			if o.query != "" {
				byQuery[o.query] = append(byQuery[o.query], o.d)
				if o.err != nil {
					queryErrs[o.query]++
				}
			}
			all[o.op] = append(all[o.op], o.d)
			all[""] = append(all[""], o.d)
			if o.err != nil {
				errs[o.op]++
				errs[""]++
				if errors.Is(o.err, errRateLimited) {
					res.RateLimited++
				}
				if res.FirstError == "" {
					res.FirstError = o.err.Error()
				}
			}
		}
	}
	for op, ds := range all {
		s := stats(ds, errs[op])
		if op == "" {
			res.Total = s
		} else {
			res.ByOp[op] = s
		}
	}
	for q, ds := range byQuery {
		res.BySearch[q] = stats(ds, queryErrs[q])
	}
	if res.Elapsed > 0 {
		res.QPS = float64(res.Total.Requests) / res.Elapsed.Seconds()
	}
	if res.Total.Requests == 0 && parent.Err() != nil {
		return res, parent.Err()
	}
	return res, nil
}

func stats(ds []time.Duration, errs int) Stats {
	slices.Sort(ds)
	s := Stats{Requests: len(ds), Errors: errs}
	if len(ds) > 0 {
		s.P50 = ds[len(ds)*50/100]
		s.P99 = ds[min(len(ds)-1, len(ds)*99/100)]
		s.Max = ds[len(ds)-1]
	}
	return s
}

// errRateLimited is a 429 answer.
var errRateLimited = errors.New("被限流 / status 429: rate limited")

// send sends req and reads the whole answer; anything but a 2xx status is an error.
func send(client *http.Client, req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		return fmt.Errorf("%s %s: %w", req.Method, req.URL.RequestURI(), errRateLimited)
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: status %d", req.Method, req.URL.RequestURI(), resp.StatusCode)
	}
	return nil
}

// targets are the documents that gets ask for, found by searching before the run.
type targets struct {
	paths []string // /api/v1/jobs/ID, …
}

// resources maps a search hit's type to its REST collection.
var resources = map[string]string{
	"institution": "institutions", "program": "programs", "enterprise": "enterprises", "job": "jobs",
	"candidate": "candidates", "policy": "policies", "partnership": "partnerships",
}

// discover finds documents to get by running a few of the mix's searches.
func discover(ctx context.Context, client *http.Client, base string) (*targets, error) {
	t := &targets{}
	seen := map[string]bool{}
	for _, q := range searches[:6] {
		v := q.values()
		v.Set("per_page", "50")
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/search?"+v.Encode(), nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, fmt.Errorf("loadgen: 无法连接服务 cannot reach the server: %w", err)
		}
		var page struct {
			Hits []struct{ ID, Type string }
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err != nil {
			return nil, fmt.Errorf("loadgen: 搜索失败 search %s: status %d, %v", v.Encode(), resp.StatusCode, err)
		}
		for _, h := range page.Hits {
			if r, ok := resources[h.Type]; ok && !seen[h.ID] {
				seen[h.ID] = true
				t.paths = append(t.paths, "/api/v1/"+r+"/"+url.PathEscape(h.ID))
			}
		}
	}
	if len(t.paths) == 0 {
		return nil, errors.New("loadgen: 服务中没有数据 the server's searches found no documents: load data first (xiaoqi seed)")
	}
	return t, nil
}
