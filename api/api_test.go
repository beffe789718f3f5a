package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/auth"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/internal/msgcheck"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// env is a running xiaoqi HTTP server over a real bolt store and a real bleve index that
// follows it.
type env struct {
	URL   string
	Store xiaoqi.Store
	Index *search.Index
	Logs  *syncBuffer
	// Auth holds the accounts of the server (cheap argon2 parameters); Admin is an
	// administrator whose API key do sends unless the request says otherwise (as).
	Auth  *auth.Service
	Admin *xiaoqi.User
	// Key is the API key do sends; "" sends none (the public).
	Key string
}

// options adjust the server of one test.
type options struct {
	wrap   func(xiaoqi.Store) xiaoqi.Store // wraps the store the server sees
	feed   func(xiaoqi.Store) xiaoqi.Store // wraps the store the index follower reads
	ready  func() bool
	config func(*api.Config) // adjusts the server's configuration
	server func(*api.Server) // sees the server before it serves (test hooks: export_test.go)
}

func newEnv(tb testing.TB) *env { tb.Helper(); return newEnvWith(tb, options{}) }

func newEnvWith(tb testing.TB, opt options) *env {
	tb.Helper()
	dir := tb.TempDir()
	store, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { _ = store.Close() })
	index, err := search.Open(filepath.Join(dir, "index"), searchOptions(tb))
	if err != nil {
		tb.Fatalf("open index: %v", err)
	}
	tb.Cleanup(func() { _ = index.Close() })

	logs := &syncBuffer{}
	logger := slog.New(slog.NewJSONHandler(io.MultiWriter(logs, logSink), &slog.HandlerOptions{Level: slog.LevelDebug})) // logSink: main_test.go
	var feed xiaoqi.Store = store
	if opt.feed != nil {
		feed = opt.feed(store)
	}
	follower := search.NewFollower(feed, index, search.FollowerOptions{Logger: logger})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := follower.Run(ctx); err != nil {
			tb.Errorf("index follower: %v", err)
		}
	}()
	tb.Cleanup(func() { cancel(); <-done })

	var s xiaoqi.Store = store
	if opt.wrap != nil {
		s = opt.wrap(store)
	}
	ready := follower.Ready
	if opt.ready != nil {
		ready = opt.ready
	}
	svc := auth.New(store, auth.Options{Params: auth.TestParams})
	admin := &xiaoqi.User{Username: "admin", Role: xiaoqi.RoleAdmin}
	if err := svc.AddUser(context.Background(), admin, testPassword); err != nil {
		tb.Fatalf("add admin: %v", err)
	}
	key, _, err := svc.CreateKey(context.Background(), admin.ID, "tests", time.Time{})
	if err != nil {
		tb.Fatalf("admin key: %v", err)
	}
	cfg := api.Config{Store: s, Index: index, Logger: logger, Ready: ready,
		Notify: follower.Notify, Version: "test", ImportDir: tb.TempDir(),
		Auth: svc, Accounts: store, RateLimits: api.RateLimits{PerAddress: -1, PerKey: -1}}
	if opt.config != nil {
		opt.config(&cfg)
	}
	srv := api.New(cfg)
	if opt.server != nil {
		opt.server(srv)
	}
	tb.Cleanup(func() { srv.Close() }) // before the store closes: cleanups run last first
	ts := httptest.NewServer(srv.Handler())
	tb.Cleanup(ts.Close)
	return &env{URL: ts.URL, Store: store, Index: index, Logs: logs, Auth: svc, Admin: admin, Key: key}
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// response is what a test looks at.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

const jsonType = "application/json"

// do sends a request; body may be nil, a string or an io.Reader.
func (e *env) do(tb testing.TB, method, path string, body any, contentType string) response {
	tb.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	case io.Reader:
		r = b
	default:
		tb.Fatalf("do: body of type %T", body)
	}
	req, err := http.NewRequest(method, e.URL+path, r)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if e.Key != "" {
		req.Header.Set("Authorization", "Bearer "+e.Key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return response{Status: res.StatusCode, Header: res.Header, Body: data}
}

func (e *env) get(tb testing.TB, path string) response {
	tb.Helper()
	return e.do(tb, http.MethodGet, path, nil, "")
}

func (e *env) send(tb testing.TB, method, path, body string) response {
	tb.Helper()
	return e.do(tb, method, path, body, jsonType)
}

// want fails unless r has status.
func (r response) want(tb testing.TB, status int) response {
	tb.Helper()
	if r.Status != status {
		tb.Fatalf("status %d, want %d; body: %s", r.Status, status, r.Body)
	}
	return r
}

// decode decodes the body of r into v.
func (r response) decode(tb testing.TB, v any) {
	tb.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, jsonType) {
		tb.Fatalf("Content-Type %q, want JSON; body: %s", ct, r.Body)
	}
	if err := json.Unmarshal(r.Body, v); err != nil {
		tb.Fatalf("decode %s: %v", r.Body, err)
	}
}

// apiError is the error JSON of every failed request.
type apiError struct {
	Error struct {
		Code    string              `json:"code"`
		Message string              `json:"message"`
		Details []xiaoqi.FieldError `json:"details"`
	} `json:"error"`
}

// wantError fails unless r is an error answer with status and code that names field (when
// field is not empty) in its details, and returns the error.
func (r response) wantError(tb testing.TB, status int, code, field string) apiError {
	tb.Helper()
	r.want(tb, status)
	var e apiError
	r.decode(tb, &e)
	if e.Error.Code != code {
		tb.Errorf("error code %q, want %q; body: %s", e.Error.Code, code, r.Body)
	}
	if e.Error.Message == "" {
		tb.Errorf("error without message: %s", r.Body)
	}
	// Every user-facing text reads "中文 / English", both halves saying the same, the
	// details too.
	if err := msgcheck.Check(e.Error.Message); err != nil {
		tb.Errorf("error message: %v", err)
	}
	for _, d := range e.Error.Details {
		if err := msgcheck.Check(d.Message); err != nil {
			tb.Errorf("message of detail %q: %v", d.Field, err)
		}
	}
	if field != "" {
		named := false
		for _, d := range e.Error.Details {
			named = named || d.Field == field
		}
		if !named {
			tb.Errorf("error details do not name %q: %s", field, r.Body)
		}
	}
	return e
}

// count returns the number of stored documents of kind k.
func (e *env) count(tb testing.TB, k xiaoqi.Kind) int64 {
	tb.Helper()
	n, err := e.Store.Count(context.Background(), k, nil)
	if err != nil {
		tb.Fatalf("count %s: %v", k, err)
	}
	return n
}

// stored is the part of a document's JSON every test reads.
type stored struct {
	ID        string `json:"id"`
	Version   int64  `json:"version"`
	Name      string `json:"name"`
	Title     string `json:"title"`
	City      string `json:"city"`
	CreatedAt string `json:"created_at"`
}

// create POSTs body to /api/v1/{res} and returns the stored document.
func (e *env) create(tb testing.TB, res, body string) stored {
	tb.Helper()
	var d stored
	e.send(tb, http.MethodPost, "/api/v1/"+res+"?refresh=wait_for", body).want(tb, http.StatusCreated).decode(tb, &d)
	return d
}

// Sample request bodies.
const (
	xjtu = `{"name":"西安交通大学","type":"university","code":"4161010698","level":"本科",
		"city":"西安市","region":"关中","tags":["985","211"]}`
	xupt = `{"name":"西安邮电大学","type":"university","code":"4161011664","level":"本科",
		"city":"西安市","region":"关中"}`
	baoji = `{"name":"宝鸡文理学院","type":"university","code":"4161010721","level":"本科",
		"city":"宝鸡市","region":"关中"}`
	javaJob = `{"enterprise_name":"西安软通动力","title":"Java开发工程师","city":"西安市",
		"degree":"本科","skills":["Java","MySQL"],"headcount":5,"status":"open",
		"source":"test","external_id":"job-1"}`
	person = `{"name":"王小明","phone":"13800138000","email":"wxm@example.com",
		"birth_date":"1999-05-01","city":"西安市","degree":"本科","skills":["Java"],
		"consent_enterprises":["ent_0123456789abcdef"],
		"summary":"王小明，2019-2023 在西安做 Java 开发。电话 13800138000，备用 029-8866 5544，邮箱 wxm@example.com 或 xm.wang@qq.com",
		"source":"test","external_id":"cand-1"}`
)

// as returns a copy of e that sends key ("" for the public).
func (e *env) as(key string) *env { c := *e; c.Key = key; return &c }

// newUser creates a user of role scoped to scope (an enterprise, institution or candidate id,
// or "") with a password, and returns an API key of theirs.
func (e *env) newUser(tb testing.TB, name string, role xiaoqi.Role, scope string) string {
	tb.Helper()
	u := xiaoqi.NewUser(name, role, scope)
	ctx := context.Background()
	if err := e.Auth.AddUser(ctx, u, testPassword); err != nil {
		tb.Fatalf("add user %s: %v", name, err)
	}
	key, _, err := e.Auth.CreateKey(ctx, u.ID, "tests", time.Time{})
	if err != nil {
		tb.Fatalf("key of %s: %v", name, err)
	}
	return key
}

// testPassword is the password of the users newUser creates.
const testPassword = "correct-horse-battery-9"
