package bolt_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	bbolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
)

const (
	crashEnv   = "XIAOQI_BOLT_CRASH_FILE"
	crashBatch = 200
)

// TestCrashWriter is the process that TestCrashMidBatch kills: it writes batches of jobs
// forever, printing a line after each commit.
func TestCrashWriter(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("run by TestCrashMidBatch")
	}
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for b := 0; ; b++ {
		docs := jobs(fmt.Sprintf("batch-%d", b), crashBatch)
		if _, err := s.Upsert(context.Background(), docs); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("committed %d\n", b+1)
	}
}

// TestCrashMidBatch kills a writer in the middle of its batches: every batch it committed is
// there in full, none in part, and the file is consistent.
func TestCrashMidBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	path := filepath.Join(t.TempDir(), "xiaoqi.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := 0
	lines := bufio.NewScanner(out)
	for committed < 3 && lines.Scan() {
		fmt.Sscanf(lines.Text(), "committed %d", &committed)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if committed < 3 {
		t.Fatalf("writer stopped after %d batches", committed)
	}

	s, err := bolt.Open(path)
	if err != nil {
		t.Fatalf("open after crash: %v", err)
	}
	ctx := context.Background()
	n, err := s.Count(ctx, xiaoqi.KindJob, nil)
	if err != nil {
		t.Fatal(err)
	}
	scanned, err := s.Count(ctx, xiaoqi.KindJob, map[string]string{"city": "西安市"})
	if err != nil {
		t.Fatal(err)
	}
	seq, err := s.LastSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("killed after %d reported batches; %d jobs stored", committed, n)
	if n%crashBatch != 0 || n < int64(committed*crashBatch) || scanned != n || seq != uint64(n) {
		t.Errorf("after crash: count %d, scanned %d, LastSeq %d; want the same multiple of %d, at least %d",
			n, scanned, seq, crashBatch, committed*crashBatch)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bbolt.Tx) error {
		for err := range tx.Check() {
			t.Errorf("file inconsistent after crash: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestIndexRebuilt: a file whose filter indexes were built for other filter fields (or lost)
// gets them rebuilt at Open, and filtered counts and lists are right again.
func TestIndexRebuilt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xiaoqi.db")
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	docs := jobs("rebuild", 50)
	for _, d := range docs[:20] {
		d.(*xiaoqi.JobNeed).City = "宝鸡市"
	}
	if _, err := s.Upsert(ctx, docs); err != nil {
		t.Fatal(err)
	}
	s.Close()

	rewriteFile(t, path, func(tx *bbolt.Tx) error {
		// As a file of index version 1 has it: no flt bucket, and idx built otherwise.
		if err := tx.DeleteBucket([]byte("flt:job")); err != nil {
			return err
		}
		if err := tx.DeleteBucket([]byte("idx:job")); err != nil {
			return err
		}
		if _, err := tx.CreateBucket([]byte("idx:job")); err != nil {
			return err
		}
		return tx.Bucket([]byte("meta")).Put([]byte("indexed"), []byte("older fields"))
	})

	s, err = bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for city, want := range map[string]int64{"宝鸡市": 20, "西安市": 30, "西安": 0} {
		if n, err := s.Count(ctx, xiaoqi.KindJob, map[string]string{"city": city}); err != nil || n != want {
			t.Errorf("Count(%s) after rebuild = %d, %v; want %d", city, n, err, want)
		}
	}
	page, err := s.List(ctx, xiaoqi.KindJob, xiaoqi.ListOptions{Filters: map[string]string{"city": "宝鸡市"}, Limit: 100})
	if err != nil || len(page.Docs) != 20 {
		t.Fatalf("List(宝鸡市) after rebuild: %v, %v; want 20 docs", page, err)
	}
}

// rewriteFile changes the closed store file at path as f does, in one transaction: as a file
// an earlier version wrote has it.
func rewriteFile(t *testing.T, path string, f func(tx *bbolt.Tx) error) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(f)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}
