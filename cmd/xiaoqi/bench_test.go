package main_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// TestBench load-tests the real service with the default data set for a moment at two
// concurrencies and checks the table: a row per concurrency with requests, no errors, the
// memory of the process that serves, and rows for searches, gets and writes.
func TestBench(t *testing.T) {
	m := MustOpenMain(t, t.TempDir(), true)
	waitReady(t, m.URL(), 60*time.Second)
	var out, errOut bytes.Buffer
	err := main.RunBench(context.Background(), []string{"--url", m.URL(), "--key", keyOf(t, m.URL()), "--concurrency", "1,2",
		"--duration", "1s", "--warmup", "100ms", "--pid", strconv.Itoa(os.Getpid())},
		func(string) string { return "" }, &out, &errOut)
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, errOut.String())
	}
	t.Logf("\n%s", out.String())
	for _, c := range []int{1, 2} {
		row := regexp.MustCompile(fmt.Sprintf(`(?m)^\| %d \| (\d+) \| (\d+) \| [\d.]+ ms \| [\d.]+ ms \| [\d.]+ ms \| ([\d.]+)%% \| (\d+) → (\d+) MB \(\d+\); \d+ → \d+ MB`, c))
		g := row.FindStringSubmatch(out.String())
		if g == nil {
			t.Fatalf("no row for concurrency %d in\n%s", c, out.String())
		}
		if n, _ := strconv.Atoi(g[1]); n < 10 {
			t.Errorf("concurrency %d: %d requests in 1 s", c, n)
		}
		if g[3] != "0.00" {
			t.Errorf("concurrency %d: error rate %s%%", c, g[3])
		}
		if rss, _ := strconv.Atoi(g[4]); rss < 10 {
			t.Errorf("concurrency %d: server RSS %d MB, want the memory of this process", c, rss)
		}
	}
	if !regexp.MustCompile("(?m)^\\| 1 \\| `(q|type)=[^`]+` \\| \\d+ \\| [\\d.]+ ms").MatchString(out.String()) {
		t.Errorf("no row of latency by search for concurrency 1")
	}
	for _, op := range []string{"search", "get", "write"} {
		if !strings.Contains(out.String(), "| 1 | "+op+" | ") {
			t.Errorf("no %s row for concurrency 1", op)
		}
	}
}

// TestBenchBadInput checks that bench refuses what it must not do, naming the flag.
func TestBenchBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--url", "http://example.com:8080"}, "loopback"},
		{[]string{"--url", "http://10.0.0.1:8080"}, "loopback"},
		{[]string{"--url", "http://127.0.0.1:1", "--concurrency", "0"}, "--concurrency"},
		{[]string{"--url", "http://127.0.0.1:1", "--concurrency", "4,x"}, "--concurrency"},
		{[]string{"--url", "http://127.0.0.1:1", "--duration", "2h"}, "duration"},
		{[]string{"--url", "http://127.0.0.1:1", "--writes", "1.5"}, "write ratio"},
	} {
		var out, errOut bytes.Buffer
		err := main.RunBench(context.Background(), tc.args, func(string) string { return "" }, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("bench %v: error %v, want one naming %q", tc.args, err, tc.want)
		}
	}
}
