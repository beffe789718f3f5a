package main_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/logscan"
)

// TestServiceLogsNoPersonalData boots the whole service with its own logger at debug level
// and sends it personal data in every place a client can put it: search queries, filters,
// paths that are not found, invalid bodies, sign-in names and API keys. No line the service
// logs holds any of it. (TestMain scans the logs of every test and child process the same way.)
func TestServiceLogsNoPersonalData(t *testing.T) {
	var buf syncBuf
	w := logscan.New(&buf)
	m := openMainWith(t, func(c *main.Config) { c.LogLevel = "debug" }, w)
	base := m.URL()
	waitReady(t, base, 30*time.Second)

	const phone, email = "13912345678", "wang.xm@example.com"
	key := "xq_abcdefabcdef_" + strings.Repeat("Q", 32)
	send := func(method, path, body string) {
		t.Helper()
		req, err := http.NewRequest(method, base+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		resp.Body.Close()
	}
	for _, q := range []string{phone, email, "+86 139 1234 5678", "10012345678"} {
		send("GET", "/api/v1/search?"+url.Values{"q": {q}, "city": {q}}.Encode(), "")
		send("GET", "/api/v1/candidates?"+url.Values{"city": {q}}.Encode(), "")
		send("GET", "/api/v1/candidates/"+url.PathEscape(q), "")
		send("GET", "/"+url.PathEscape(q), "")
	}
	send("POST", "/api/v1/candidates", `{"name":"王小明","email":"`+email+`x@","phone":"`+phone+`"}`)
	send("POST", "/api/v1/session", `{"username":"`+email+`","password":"`+phone+`"}`)

	if n := strings.Count(buf.String(), "http request"); n < 15 {
		t.Fatalf("%d requests logged, want the 18 sent (debug level)", n)
	}
	for _, f := range w.Findings() {
		t.Errorf("the service logged personal data: %s", f)
	}
}

type syncBuf struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuf) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuf) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
