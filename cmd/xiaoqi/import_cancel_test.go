package main_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// cancelOnProgress is a stderr that cancels the import (as Ctrl-C does) once it reports rows
// written.
type cancelOnProgress struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	cancel context.CancelFunc
}

func (w *cancelOnProgress) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if strings.Contains(string(b), "through row") {
		w.cancel()
	}
	return w.buf.Write(b)
}

// TestImportInterrupted: Ctrl-C in the middle of an import ended with "xiaoqi import: context
// canceled", in English only and without saying what became of the rows. It now says that
// the rows written are kept and that importing the file again completes it.
func TestImportInterrupted(t *testing.T) {
	dir := t.TempDir()
	file := syntheticJobs(t, 20000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &cancelOnProgress{cancel: cancel}
	var stdout bytes.Buffer
	err := main.RunImport(ctx, []string{"--data-dir", dir, "--log-level", "error", "--type", "jobs", "--batch-size", "500", "--progress", "1ms", file},
		func(string) string { return "" }, &stdout, stderr)
	if err == nil {
		t.Fatalf("an interrupted import succeeded:\n%s", stdout.String())
	}
	msg := err.Error()
	if strings.Contains(msg, "context canceled") || !strings.Contains(msg, "已中断") || !strings.Contains(msg, "import the same file again") {
		t.Errorf("interrupted import says %q: want it to say, in Chinese and English, that importing the file again completes it", msg)
	}
	out, _, err := importCmd(t, "--data-dir", dir, "--type", "jobs", "--progress", "0", file)
	if err != nil || !strings.Contains(out, "20000 rows read") || !strings.Contains(out, "0 duplicates") {
		t.Errorf("importing again: %v\n%s", err, out)
	}
}
