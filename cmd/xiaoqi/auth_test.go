package main_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/auth"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// Writes need an administrator's API key. The services these tests start get one each: made
// in the store before a child process starts (storeAdminKey) or in the running service
// (MustOpenMain), and sent by authorize to the address the service listens on.
var (
	hostKeys  sync.Map // host:port → API key
	storeKeys sync.Map // store (data dir, or MongoDB URI and database) → API key
	adminN    atomic.Int64
)

// authorize adds the API key of the service req goes to, if the tests made one.
func authorize(req *http.Request) {
	if k, ok := hostKeys.Load(req.URL.Host); ok {
		req.Header.Set("Authorization", "Bearer "+k.(string))
	}
}

// registerKey makes authorize send key to the service at base.
func registerKey(tb testing.TB, base, key string) {
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	hostKeys.Store(u.Host, key)
}

// storeAdminKey returns an administrator's key in the store that env (XIAOQI_* variables)
// names, made with `xiaoqi users` the first time, as an operator would.
func storeAdminKey(tb testing.TB, env map[string]string) string {
	tb.Helper()
	id := env["XIAOQI_MONGODB_URI"] + "|" + env["XIAOQI_MONGODB_DATABASE"]
	if env["XIAOQI_MONGODB_URI"] == "" {
		id = env["XIAOQI_DATA_DIR"]
	}
	if k, ok := storeKeys.Load(id); ok {
		return k.(string)
	}
	getenv := func(k string) string { return env[k] }
	name := fmt.Sprintf("test-admin-%d", adminN.Add(1))
	var out bytes.Buffer
	ctx := context.Background()
	if err := main.RunUsers(ctx, []string{"add", "--role", "admin", "--username", name}, getenv, nil, &out, &out); err != nil {
		tb.Fatalf("xiaoqi users add: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := main.RunUsers(ctx, []string{"key", "--username", name}, getenv, nil, &out, &out); err != nil {
		tb.Fatalf("xiaoqi users key: %v\n%s", err, out.String())
	}
	key := regexp.MustCompile(`xq_[a-z0-9]+_[A-Za-z0-9]+`).FindString(out.String())
	if key == "" {
		tb.Fatalf("xiaoqi users key printed no key:\n%s", out.String())
	}
	storeKeys.Store(id, key)
	return key
}

// mainAdminKey makes an administrator in a running in-process service and registers its key.
func mainAdminKey(tb testing.TB, m *main.Main) string {
	tb.Helper()
	accounts, ok := m.Store.(xiaoqi.Accounts)
	if !ok {
		tb.Fatalf("store %T keeps no accounts", m.Store)
	}
	svc := auth.New(accounts, auth.Options{Params: auth.TestParams})
	u := &xiaoqi.User{Username: fmt.Sprintf("test-admin-%d", adminN.Add(1)), Role: xiaoqi.RoleAdmin}
	ctx := context.Background()
	if err := svc.AddUser(ctx, u, ""); err != nil {
		tb.Fatalf("add administrator: %v", err)
	}
	key, _, err := svc.CreateKey(ctx, u.ID, "tests", time.Time{})
	if err != nil {
		tb.Fatalf("administrator key: %v", err)
	}
	registerKey(tb, m.URL(), key)
	return key
}

// postJSON posts body to u with the service's key.
func postJSON(u, contentType string, body string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	authorize(req)
	return http.DefaultClient.Do(req)
}

// keyOf returns the key registered for the service at base.
func keyOf(tb testing.TB, base string) string {
	tb.Helper()
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	k, ok := hostKeys.Load(u.Host)
	if !ok {
		tb.Fatalf("no API key for %s", base)
	}
	return k.(string)
}
