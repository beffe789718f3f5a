package main_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// runChild runs the service on dir until it is killed; it prints its URL on stdout.
func runChild(dir string) int {
	cfg := main.DefaultConfig()
	cfg.DataDir = dir
	cfg.Addr = "127.0.0.1:0"
	cfg.Seed = false
	cfg.LogLevel = "info" // the parent scans it for personal data (childStderr)
	cfg.PollInterval = 10 * time.Millisecond
	m := main.NewMain(cfg, os.Stderr)
	if err := m.Open(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(m.URL())
	select {} // until SIGKILL
}

// TestKillMidBatch kills the service with SIGKILL while large batches are being written, starts
// it again on the same data directory, and checks that every acknowledged batch is there, that
// no batch is there in part, and that the store and the index agree document for document.
func TestKillMidBatch(t *testing.T) {
	dir := t.TempDir()
	key := storeAdminKey(t, map[string]string{"XIAOQI_DATA_DIR": dir})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "XIAOQI_TEST_CHILD_DATA_DIR="+dir)
	cmd.Stderr = childStderr()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("child did not start: %v", err)
	}
	base := strings.TrimSpace(line)
	registerKey(t, base, key)
	waitReady(t, base, 30*time.Second)

	const batchSize, writers = 500, 4
	var (
		mu     sync.Mutex
		acked  = map[int]bool{}
		nextID int
		wg     sync.WaitGroup
	)
	killed := make(chan struct{})
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				b := nextID
				nextID++
				mu.Unlock()
				docs := make([]map[string]any, batchSize)
				for i := range docs {
					docs[i] = map[string]any{
						"title": fmt.Sprintf("软件测试工程师 %d-%d", b, i), "enterprise_name": "崩溃测试公司",
						"city": "西安市", "source": "crash-test", "external_id": fmt.Sprintf("b%d-%d", b, i),
						"description": strings.Repeat("负责外包项目的功能测试与自动化测试。", 5),
					}
				}
				var out map[string]any
				code, err := post(base+"/api/v1/jobs/batch", docs, &out)
				select {
				case <-killed:
					return
				default:
				}
				if err != nil || code != http.StatusOK {
					t.Errorf("batch %d: status %d, err %v, %v", b, code, err, out)
					return
				}
				mu.Lock()
				acked[b] = true
				n := len(acked)
				mu.Unlock()
				if n == 8 {
					close(killed)
					cmd.Process.Kill() // SIGKILL, with the other writers' batches in flight
					return
				}
			}
		}()
	}
	wg.Wait()
	cmd.Wait()

	m := MustOpenMain(t, dir, false)
	waitReady(t, m.URL(), 60*time.Second)
	ctx := context.Background()

	stored := map[string]int64{}
	perBatch := map[string]int{}
	opt := xiaoqi.ListOptions{Limit: xiaoqi.MaxListLimit}
	for {
		page, err := m.Store.List(ctx, xiaoqi.KindJob, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range page.Docs {
			stored[d.Base().ID] = d.Base().Version
			b, _, _ := strings.Cut(d.Base().ExternalID, "-")
			perBatch[b]++
		}
		if page.Next == "" {
			break
		}
		opt.After = page.Next
	}
	for b := range acked {
		if perBatch[fmt.Sprintf("b%d", b)] != batchSize {
			t.Errorf("acknowledged batch %d: %d of %d documents in the store", b, perBatch[fmt.Sprintf("b%d", b)], batchSize)
		}
	}
	for b, n := range perBatch {
		if n != batchSize {
			t.Errorf("batch %s is in the store in part: %d of %d documents", b, n, batchSize)
		}
	}
	indexed, err := m.Index.Versions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(indexed) != len(stored) {
		t.Errorf("index holds %d documents, store %d", len(indexed), len(stored))
	}
	for id, v := range stored {
		if indexed[id] != v {
			t.Errorf("document %s: version %d in the store, %d in the index", id, v, indexed[id])
		}
	}
	t.Logf("acknowledged %d batches, found %d batches (%d documents) after the restart", len(acked), len(perBatch), len(stored))
}

func post(u string, body any, out any) (int, error) {
	data, err := jsonMarshal(body)
	if err != nil {
		return 0, err
	}
	resp, err := postJSON(u, "application/json", string(data))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	return resp.StatusCode, jsonUnmarshal(raw, out)
}
