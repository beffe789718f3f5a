package main_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
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
	// A sign-in whose body comes slowly: the server answers "100 Continue" once the handler
	// reads the body, which says the request is running; then part of the body, and no more.
	conn, err := net.Dial("tcp", strings.TrimPrefix(m.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "POST /api/v1/session HTTP/1.1\r\nHost: xiaoqi\r\nContent-Type: application/json\r\n"+
		"Content-Length: 100\r\nExpect: 100-continue\r\n\r\n")
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.Contains(line, "100 Continue") {
		t.Fatalf("the server's first answer: %q, %v; want 100 Continue", line, err)
	}
	fmt.Fprint(conn, `{"username":`)
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

// TestBadAddrFailsBeforeLoading: an address that cannot be listened on (a port in use, a port
// out of range) was reported only after the default data set was loaded or a backup written.
// serve fails before it opens the store: nothing is loaded, nothing backed up.
func TestBadAddrFailsBeforeLoading(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, addr := range []string{busy.Addr().String(), "127.0.0.1:99999"} {
		dir, backups := t.TempDir(), t.TempDir()
		cfg := testConfig(dir, true)
		cfg.Addr, cfg.BackupDir = addr, backups
		m := main.NewMain(cfg, logs)
		err := m.Open(context.Background())
		m.Close()
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("cannot listen on --addr (XIAOQI_ADDR) %q", addr)) {
			t.Errorf("--addr %s: %v; want the address named", addr, err)
		}
		for _, d := range []string{dir, backups} {
			if files, _ := os.ReadDir(d); len(files) > 0 {
				t.Errorf("--addr %s: %s holds %v: the service loaded or backed up before it listened", addr, d, files)
			}
		}
	}
}
