package main_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/msgcheck"
)

// TestServeIndexAheadOfStore: an index that has applied more changes than the store has (a
// backup of xiaoqi.db restored while data/index was kept; a store copied into MongoDB and
// served on the same data directory) is rebuilt from the store at start. It was kept, with a
// warning: every new write numbered at or below its seq was skipped, while /readyz said ready.
func TestServeIndexAheadOfStore(t *testing.T) {
	dir := t.TempDir()
	m := MustOpenMain(t, dir, true)
	waitReady(t, m.URL(), 60*time.Second)
	last, err := m.Store.LastSeq(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	before := search(t, m.URL(), "软件测试", "city", "西安")
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	// What the restored backup leaves: the index has seen 1,000 changes the store has not.
	b, err := bleve.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SetInternal([]byte("xiaoqi.seq"), binary.BigEndian.AppendUint64(nil, last+1000)); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	m = MustOpenMain(t, dir, false)
	waitReady(t, m.URL(), 60*time.Second)
	if seq := m.Index.Seq(); seq > last {
		t.Errorf("index at seq %d after start, the store at %d: not rebuilt", seq, last)
	}
	if after := search(t, m.URL(), "软件测试", "city", "西安"); after.Total != before.Total {
		t.Errorf("软件测试 in 西安 after the rebuild: %d hits, before %d", after.Total, before.Total)
	}
	job := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{Source: "t", ExternalID: "after-restore"}, EnterpriseName: "西安某公司",
		Name: "量子运维工程师", City: "西安"}
	res, err := m.Store.Upsert(context.Background(), []xiaoqi.Doc{job})
	if err != nil {
		t.Fatal(err)
	}
	m.Follower.Notify()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := m.Index.WaitFor(ctx, res[0].Seq); err != nil {
		t.Fatal(err)
	}
	if ids := hitIDs(search(t, m.URL(), "量子运维")); !contains(ids, job.ID) {
		t.Errorf("a job written after the restore: search finds %v, not %s", ids, job.ID)
	}
}

// runServe runs `xiaoqi serve` in this process with env, until stop is called, which returns
// its exit code. It returns the service's base URL once it listens, or "" with the exit code
// when it stopped first.
func runServe(t *testing.T, env map[string]string, stdout, stderr *syncBuf) (base string, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- main.Run(ctx, []string{"serve"}, func(k string) string { return env[k] }, stdout, stderr)
	}()
	listening := regexp.MustCompile(`listening on (\S+)`)
	deadline := time.After(60 * time.Second)
	for {
		if m := listening.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], func() int { cancel(); return <-done }
		}
		select {
		case code := <-done:
			cancel()
			return "", func() int { return code }
		case <-deadline:
			cancel()
			t.Fatalf("serve neither listening nor stopped within 60s; stderr:\n%s", stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// TestServeIndexUnreadable: an index directory that lost its files is derived data: serve
// removes it and builds a new one from the store, saying so. It stopped with "error parsing
// mapping JSON: unexpected end of JSON input". And every line serve logs is JSON, also what
// libraries write with the standard log package (bleve's "unable to load snapshot" was not).
// (Deleting the segment files makes bleve fall back to an older snapshot when it still has
// one; emptying the file that lists them fails every time.)
func TestServeIndexUnreadable(t *testing.T) {
	dir := t.TempDir()
	m := MustOpenMain(t, dir, true)
	waitReady(t, m.URL(), 60*time.Second)
	before := search(t, m.URL(), "软件测试", "city", "西安")
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(filepath.Join(dir, "index", "store", "root.bolt"), 0); err != nil {
		t.Fatal(err)
	}

	env := map[string]string{"XIAOQI_DATA_DIR": dir, "XIAOQI_ADDR": "127.0.0.1:0", "XIAOQI_SEED": "false",
		"XIAOQI_LOG_FORMAT": "json", "XIAOQI_POLL_INTERVAL": "20ms"}
	var stdout, stderr syncBuf
	base, stop := runServe(t, env, &stdout, &stderr)
	if base == "" {
		t.Fatalf("serve stopped (exit %d) on an unreadable index:\n%s", stop(), stderr.String())
	}
	waitReady(t, base, 60*time.Second)
	log.Print("unable to load snapshot, continuing") // as bleve writes it
	after := search(t, base, "软件测试", "city", "西安")
	if code := stop(); code != 0 {
		t.Errorf("serve exited %d", code)
	}
	if after.Total != before.Total {
		t.Errorf("软件测试 in 西安 after the rebuild: %d hits, before %d", after.Total, before.Total)
	}
	logged := stderr.String()
	logs.Write([]byte(logged)) // scanned for personal data as every service's log (TestMain)
	if !strings.Contains(logged, "search index cannot be read") {
		t.Errorf("no warning that the index could not be read and is rebuilt:\n%s", logged)
	}
	if !strings.Contains(logged, "unable to load snapshot") {
		t.Errorf("a line of the standard log package is not in the log:\n%s", logged)
	}
	for _, line := range strings.Split(strings.TrimSpace(logged), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("a line not JSON with --log-format json: %s", line)
		}
	}
}

// TestIndexInUse: the index of a data directory that a serve holds (on MongoDB, where no store
// file is locked) refuses a second serve and `xiaoqi reindex` with a clear error after a
// short wait. The second serve hung in bbolt's flock, deaf to SIGTERM; reindex swapped the
// directory under the running node, which then corrupted it. The lock is held here as bleve
// holds it, on the index's root.bolt (bbolt's flock excludes this process too).
func TestIndexInUse(t *testing.T) {
	dir := t.TempDir()
	m := MustOpenMain(t, dir, false)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bbolt.Open(filepath.Join(dir, "index", "store", "root.bolt"), 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	env := map[string]string{"XIAOQI_DATA_DIR": dir, "XIAOQI_ADDR": "127.0.0.1:0", "XIAOQI_SEED": "false", "XIAOQI_LOG_LEVEL": "warn"}
	for _, args := range [][]string{{"serve"}, {"reindex"}} {
		var stdout, stderr syncBuf
		done := make(chan int, 1)
		go func() {
			done <- main.Run(context.Background(), args, func(k string) string { return env[k] }, &stdout, &stderr)
		}()
		select {
		case code := <-done:
			if code == 0 {
				t.Errorf("%v on a data directory whose index is in use: exit 0", args)
				continue
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("%v on a data directory whose index is in use: still running after 30s", args)
		}
		line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if !strings.Contains(line, "search index is in use by another xiaoqi process") {
			t.Errorf("%v: %q, want an error saying the index is in use", args, line)
		}
		if err := msgcheck.Check(strings.TrimPrefix(line, "xiaoqi "+args[0]+": ")); err != nil {
			t.Errorf("%v: %v", args, err)
		}
	}
}
