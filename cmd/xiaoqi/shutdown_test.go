package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// envChildStuckImport makes TestMain run this binary as the service of TestShutdownCutsOffImport
// on the embedded store in that directory (runStuckImportChild).
const envChildStuckImport = "XIAOQI_TEST_CHILD_STUCK_IMPORT"

// stuckWrites is a store whose writes of job needs, after the first, never return, whatever
// becomes of their context: as a MongoDB batch write goes on after its caller's cancel
// (mongodb.writeContext), on a FerretDB too slow to finish it.
type stuckWrites struct {
	*bolt.Store
	mu   sync.Mutex
	jobs int
}

func (s *stuckWrites) Upsert(ctx context.Context, docs []xiaoqi.Doc) ([]xiaoqi.WriteResult, error) {
	for _, d := range docs {
		if d.Kind() == xiaoqi.KindJob {
			s.mu.Lock()
			s.jobs++
			stuck := s.jobs > 1
			s.mu.Unlock()
			if stuck {
				fmt.Fprintln(os.Stderr, stuckMark) // the parent signals once the write is stuck
				select {}                          // until the process ends
			}
			break
		}
	}
	return s.Store.Upsert(ctx, docs)
}

// stuckMark is what the child writes when a write of job needs has got stuck.
const stuckMark = "child: a write of job needs is stuck"

// runStuckImportChild runs the service on dir's store, its writes of job needs stuck after the
// first batch, and stops it gracefully on SIGTERM.
func runStuckImportChild(dir string) int {
	cfg := main.DefaultConfig()
	cfg.DataDir, cfg.Addr, cfg.Seed = dir, "127.0.0.1:0", false
	cfg.LogLevel, cfg.LogFormat = "info", "text" // the parent reads it (childStderr scans it)
	cfg.ShutdownTimeout = 4 * time.Second
	s, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	m := main.NewMain(cfg, os.Stderr)
	m.Store = &stuckWrites{Store: s}
	return serveUntilTerm(m)
}

// TestShutdownCutsOffImport: SIGTERM while an import's batch write would not return (FerretDB
// under load) took 30 s to exit, past the drain and Docker's patience, logging nothing while
// it waited. The node exits within its shutdown budget, says it waits for the import and cut it
// off, and the job is failed because the node stopped, with the counts of the rows written.
// The bounds below only keep a broken build from hanging the test.
func TestShutdownCutsOffImport(t *testing.T) {
	dir := t.TempDir()
	key := storeAdminKey(t, map[string]string{"XIAOQI_DATA_DIR": dir})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChildStuckImport+"="+dir)
	var stderr syncBuffer
	cmd.Stderr = io.MultiWriter(childStderr(), &stderr)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-exited })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("the service did not start: %v\n%s", err, stderr.String())
	}
	base := strings.TrimSpace(line)
	registerKey(t, base, key)
	waitReady(t, base, 60*time.Second)

	var csv strings.Builder
	csv.WriteString("岗位名称,公司名称,城市\n")
	for i := range 3000 {
		fmt.Fprintf(&csv, "测试工程师%d,西安合成软件有限公司%d,西安\n", i, i%20)
	}
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.WriteField("type", "jobs")
	fw, _ := w.CreateFormFile("file", "jobs.csv")
	fw.Write([]byte(csv.String()))
	w.Close()
	resp, err := postJSON(base+"/api/v1/imports", w.FormDataContentType(), b.String())
	if err != nil {
		t.Fatal(err)
	}
	var job struct{ ID string }
	json.NewDecoder(resp.Body).Decode(&job)
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted || job.ID == "" {
		t.Fatalf("upload: %d %+v", resp.StatusCode, job)
	}
	// The first batch is written, the second stuck: the job runs on with rows written.
	deadline := time.Now().Add(60 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond) // a background job's progress can only be polled
	defer tick.Stop()
	for {
		var j struct {
			Status   string
			Progress *struct{ Written int }
		}
		call(t, http.MethodGet, base+"/api/v1/imports/"+job.ID, nil, &j)
		if j.Status != "queued" && j.Status != "running" {
			t.Fatalf("import %s ended %s before it got stuck", job.ID, j.Status)
		}
		// Rows written, and the next batch's write stuck: signalled between batches, the
		// import stopped at once and was no test of a write that does not return.
		if j.Progress != nil && j.Progress.Written > 0 && strings.Contains(stderr.String(), stuckMark) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("import %s wrote nothing in 60 s", job.ID)
		}
		<-tick.C
	}

	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(60 * time.Second):
		t.Fatalf("the service did not exit within 60 s of SIGTERM (its budget is 4 s); log:\n%s", stderr.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit %d after SIGTERM, want 0", code)
	}
	log := stderr.String()
	for _, want := range []string{`msg="shutdown: waiting for imports to stop" imports=[` + job.ID + `]`,
		`msg="shutdown: import cut off, still writing; marked failed: the node stopped" import=` + job.ID} {
		if !strings.Contains(log, want) {
			t.Errorf("the log does not say %s:\n%s", want, log)
		}
	}

	s, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	rec, err := s.ImportJob(ctx, job.ID)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Count(ctx, xiaoqi.KindJob, nil)
	stored := int(n)
	if err != nil {
		t.Fatal(err)
	}
	var sum struct{ Counts struct{ Written int } }
	json.Unmarshal(rec.Summary, &sum)
	if rec.Status != xiaoqi.ImportFailed || rec.Error == nil || !strings.Contains(rec.Error.Message, "the node that ran this import stopped") {
		t.Errorf("stored job %s, error %+v; want it failed because the node stopped", rec.Status, rec.Error)
	}
	if stored == 0 || sum.Counts.Written != stored || rec.Progress.Written != stored {
		t.Errorf("stored job: counts.written %d, progress written %d; want the %d job needs stored",
			sum.Counts.Written, rec.Progress.Written, stored)
	}
	if !strings.Contains(log, fmt.Sprintf("written=%d", stored)) {
		t.Errorf("the log does not give the %d rows written of the import cut off:\n%s", stored, log)
	}
}
