package main_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
)

// envChildServe makes TestMain run this binary as `xiaoqi serve` on MongoDB (runServeChild),
// configured by the XIAOQI_* variables the parent sets.
const envChildServe = "XIAOQI_TEST_CHILD_SERVE"

// runServeChild runs the service as a separate process, as one node of several on one
// MongoDB database: it prints its URL on stdout, and on SIGTERM shuts down gracefully (the
// index is closed, so the parent may open it) and exits 0.
func runServeChild() int {
	cfg := main.DefaultConfig()
	cfg.DataDir = os.Getenv("XIAOQI_DATA_DIR")
	cfg.MongoURI = os.Getenv("XIAOQI_MONGODB_URI")
	cfg.MongoDatabase = os.Getenv("XIAOQI_MONGODB_DATABASE")
	cfg.Addr = "127.0.0.1:0"
	cfg.Seed = false
	cfg.LogLevel = "info" // the parent scans it for personal data (childStderr)
	cfg.LogFormat = "text"
	cfg.Security.RatePerAddress, cfg.Security.RatePerKey = -1, -1 // the test writes as fast as it can
	// The shortest age allowed, so that a long run (XIAOQI_MULTINODE_CHANGES) compacts the
	// change feed while both nodes write and follow it.
	cfg.FeedCompactAge = 2 * mongodb.DefaultGrace
	return serveUntilTerm(main.NewMain(cfg, os.Stderr))
}

// serveUntilTerm runs m as a child service of a test: it prints its URL on the first line of
// standard output for the parent, serves until SIGTERM, stops gracefully, and returns the
// exit code.
func serveUntilTerm(m *main.Main) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if err := m.Open(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		m.Close()
		return 1
	}
	fmt.Println(m.URL())
	<-ctx.Done()
	if err := m.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "child: close:", err)
		return 1
	}
	return 0
}

// node is one xiaoqi serve process of the multi-node test.
type node struct {
	name, dir string
	base      string
	cmd       *exec.Cmd
	exited    chan struct{}
}

// startNode starts a xiaoqi process with its own data directory on MongoDB database db and
// waits until it listens.
func startNode(tb testing.TB, name, dir, uri, db string) *node {
	tb.Helper()
	key := storeAdminKey(tb, map[string]string{"XIAOQI_DATA_DIR": dir, "XIAOQI_MONGODB_URI": uri, "XIAOQI_MONGODB_DATABASE": db})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChildServe+"=1", "XIAOQI_DATA_DIR="+dir,
		"XIAOQI_MONGODB_URI="+uri, "XIAOQI_MONGODB_DATABASE="+db)
	cmd.Stderr = childStderr()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	n := &node{name: name, dir: dir, cmd: cmd, exited: make(chan struct{})}
	go func() { cmd.Wait(); close(n.exited) }()
	tb.Cleanup(func() { n.kill() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		tb.Fatalf("node %s did not start: %v", name, err)
	}
	n.base = strings.TrimSpace(line)
	registerKey(tb, n.base, key)
	return n
}

// kill sends SIGKILL and waits for the process to end.
func (n *node) kill() {
	n.cmd.Process.Kill()
	<-n.exited
}

// stop asks the node to shut down (SIGTERM) and waits until it has, so that its index
// directory is closed.
func (n *node) stop(tb testing.TB) {
	tb.Helper()
	n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-n.exited:
	case <-time.After(60 * time.Second):
		tb.Fatalf("node %s did not stop within 60 s of SIGTERM", n.name)
	}
	if code := n.cmd.ProcessState.ExitCode(); code != 0 {
		tb.Errorf("node %s exited with %d after SIGTERM", n.name, code)
	}
}

// indexSeq returns the last change the node's index has applied, as /readyz reports it.
func (n *node) indexSeq(client *http.Client) (uint64, error) {
	resp, err := client.Get(n.base + "/readyz")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var r struct{ Seq *uint64 }
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return 0, err
	}
	if r.Seq == nil {
		return 0, fmt.Errorf("/readyz of %s has no seq", n.name)
	}
	return *r.Seq, nil
}

// waitSeq polls the node until its index has applied seq.
func (n *node) waitSeq(tb testing.TB, client *http.Client, seq uint64, within time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(within)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		got, err := n.indexSeq(client)
		if err == nil && got >= seq {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("node %s: index at seq %d (err %v), store at %d, after %s", n.name, got, err, seq, within)
		}
		<-tick.C
	}
}

// waitCompaction waits until the node's /metrics counts a compaction of the change feed that
// succeeded, and returns the node's compaction metrics.
func waitCompaction(tb testing.TB, client *http.Client, n *node, within time.Duration) string {
	tb.Helper()
	deadline := time.Now().Add(within)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		req, err := http.NewRequest(http.MethodGet, n.base+"/metrics", nil)
		if err != nil {
			tb.Fatal(err)
		}
		authorize(req)
		resp, err := client.Do(req)
		if err != nil {
			tb.Fatalf("node %s: /metrics: %v", n.name, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			tb.Fatalf("node %s: /metrics: %d, %v", n.name, resp.StatusCode, err)
		}
		var lines []string
		for _, l := range strings.Split(string(body), "\n") {
			if strings.HasPrefix(l, "xiaoqi_feed_") {
				lines = append(lines, l)
			}
		}
		if strings.Contains(string(body), `xiaoqi_feed_compactions_total{result="ok"}`) {
			if strings.Contains(string(body), `xiaoqi_feed_compactions_total{result="error"}`) {
				tb.Errorf("node %s: a compaction of the change feed failed: %s", n.name, strings.Join(lines, "; "))
			}
			return strings.Join(lines, "; ")
		}
		if time.Now().After(deadline) {
			tb.Fatalf("node %s: no compaction of the change feed within %s: %s", n.name, within, strings.Join(lines, "; "))
		}
		<-tick.C
	}
}

// seqSample is one observation of a node's index seq.
type seqSample struct {
	at  time.Time
	seq uint64
}

// seqWatch polls the index seq of nodes until stopped, to measure when a change written on
// one node became searchable on another.
type seqWatch struct {
	mu      sync.Mutex
	samples map[string][]seqSample
}

func (w *seqWatch) run(ctx context.Context, client *http.Client, nodes ...*node) {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		w.sample(client, nodes...)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// sample records each node's index seq now.
func (w *seqWatch) sample(client *http.Client, nodes ...*node) {
	for _, n := range nodes {
		if seq, err := n.indexSeq(client); err == nil {
			w.mu.Lock()
			w.samples[n.name] = append(w.samples[n.name], seqSample{time.Now(), seq})
			w.mu.Unlock()
		}
	}
}

// visibleAt returns when the node was first seen at seq or beyond, not before after.
func (w *seqWatch) visibleAt(name string, seq uint64, after time.Time) (time.Time, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.samples[name]
	i, _ := slices.BinarySearchFunc(s, after, func(x seqSample, t time.Time) int { return x.at.Compare(t) })
	for ; i < len(s); i++ {
		if s[i].seq >= seq {
			return s[i].at, true
		}
	}
	return time.Time{}, false
}
