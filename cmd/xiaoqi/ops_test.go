package main_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// syncBuffer is a log that the service writes from its goroutines while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestShutdownCutsOffSlowRequests: a stop (SIGTERM) while a slow upload ran ended after the
// drain with a bare "context deadline exceeded" and exit 1, which systemd and Kubernetes
// report as a failed unit. The requests still running are cut off, the log says so, and
// the stop is no failure.
func TestShutdownCutsOffSlowRequests(t *testing.T) {
	var log syncBuffer
	m := openMainWith(t, func(c *main.Config) { c.ShutdownTimeout = 300 * time.Millisecond }, &log)
	body, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, m.URL()+"/api/v1/session", body)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	if _, err := w.Write([]byte(`{"username":`)); err != nil { // and nothing more: the handler waits
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the request reaches its handler
	start := time.Now()
	if err := m.Close(); err != nil {
		t.Errorf("stop with a request still running: %v; want none", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("stop took %s", d)
	}
	if !strings.Contains(log.String(), "requests still running after the drain were cut off") {
		t.Errorf("the log does not say that a request was cut off:\n%s", log.String())
	}
	w.Close() // the client's body writer waits on the pipe
	<-done
}

// TestUnknownSettingNamed: a mistyped variable (XIAOQI_BACKUP_DIRECTORY for XIAOQI_BACKUP_DIR)
// was ignored without a word; serve names it, and the one it may have meant.
func TestUnknownSettingNamed(t *testing.T) {
	t.Setenv("XIAOQI_BACKUP_DIRECTORY", t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // a serve that opens shuts down at once
	env := map[string]string{"XIAOQI_DATA_DIR": t.TempDir(), "XIAOQI_ADDR": "127.0.0.1:0", "XIAOQI_SEED": "false",
		"XIAOQI_LOG_LEVEL": "warn", "XIAOQI_LOG_FORMAT": "text"}
	var stdout, stderr strings.Builder
	code := main.Run(ctx, []string{"serve"}, func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		return os.Getenv(k)
	}, &stdout, &stderr)
	if code != 0 || !strings.Contains(stderr.String(), "unknown setting ignored") ||
		!strings.Contains(stderr.String(), "variable=XIAOQI_BACKUP_DIRECTORY did_you_mean=XIAOQI_BACKUP_DIR") {
		t.Errorf("serve with XIAOQI_BACKUP_DIRECTORY set: exit %d, stderr:\n%s", code, stderr.String())
	}
}
