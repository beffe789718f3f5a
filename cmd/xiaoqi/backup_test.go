package main_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// TestBackups: serve with --backup-dir backs the embedded store up as it starts, into a file
// only its owner reads that opens as a store holding what the service holds, keeps the
// newest --backup-keep backups and leaves other files alone; /metrics says when it last did.
func TestBackups(t *testing.T) {
	backups := filepath.Join(t.TempDir(), "backups")
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	old := []string{"xiaoqi-20240101T000000Z.db", "xiaoqi-20250101T000000Z.db", "xiaoqi-20260101T000000Z.db"}
	for _, name := range append(slices.Clone(old), "notes.txt", "xiaoqi-latest.db") {
		if err := os.WriteFile(filepath.Join(backups, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cfg := testConfig(t.TempDir(), true)
	cfg.BackupDir, cfg.BackupKeep = backups, 2
	m := openMain(t, cfg)

	// The backup made at start: the newest two are it and the newest of the old ones. The
	// directory is read once the backup is done, pruning included, as /metrics says: read
	// as soon as the new file had its name, it still held an old backup that was about to go
	// (1 run of the package failed so on a loaded machine).
	metrics := func() string {
		req, _ := http.NewRequest(http.MethodGet, m.URL()+"/metrics", nil)
		authorize(req)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	deadline := time.Now().Add(30 * time.Second) // bounds a backup that never ends
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for body := metrics(); !strings.Contains(body, "xiaoqi_backup_last_success_timestamp_seconds 1") &&
		strings.Contains(body, "xiaoqi_backup_failures_total 0"); body = metrics() {
		if time.Now().After(deadline) {
			t.Fatalf("no backup within 30 s of start:\n%s", grepLines(body, "xiaoqi_backup_"))
		}
		<-tick.C
	}
	entries, err := os.ReadDir(backups)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var made string
	for _, e := range entries {
		names = append(names, e.Name())
		if strings.HasPrefix(e.Name(), "xiaoqi-2") && !slices.Contains(old, e.Name()) {
			made = e.Name()
		}
	}
	kept := []string{"notes.txt", "xiaoqi-20260101T000000Z.db", made, "xiaoqi-latest.db"}
	slices.Sort(kept)
	if slices.Sort(names); made == "" || !slices.Equal(names, kept) {
		t.Fatalf("backup directory holds %q, want the new backup, xiaoqi-20260101T000000Z.db and the other files", names)
	}
	path := filepath.Join(backups, made)
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup %s: %v, mode %v, want readable by its owner only", made, err, fi.Mode())
	}
	ctx := context.Background()
	b, err := bolt.Open(path)
	if err != nil {
		t.Fatalf("the backup does not open as a store: %v", err)
	}
	defer b.Close()
	for _, k := range xiaoqi.Kinds {
		want, err := m.Store.Count(ctx, k, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := b.Count(ctx, k, nil); err != nil || got != want {
			t.Errorf("backup holds %d %s (%v), the store %d", got, k, err, want)
		}
	}
	want, err1 := m.Store.LastSeq(ctx)
	got, err2 := b.LastSeq(ctx)
	if err1 != nil || err2 != nil || got != want {
		t.Errorf("backup at seq %d (%v), the store at %d (%v)", got, err2, want, err1)
	}

	if body := metrics(); !strings.Contains(body, "xiaoqi_backup_last_success_timestamp_seconds 1") || !strings.Contains(body, "xiaoqi_backup_failures_total 0") {
		t.Errorf("/metrics says no backup was made:\n%s", grepLines(body, "xiaoqi_backup_"))
	}

	// A MongoDB store is backed up with MongoDB's tools.
	cfg.MongoURI = "mongodb://localhost:27017/xiaoqi"
	other := main.NewMain(cfg, logs)
	if err := other.Open(ctx); err == nil || !strings.Contains(err.Error(), "mongodump") {
		t.Errorf("--backup-dir with MongoDB: %v, want an error naming MongoDB's tools", err)
	}
	other.Close()
}

// grepLines returns the lines of s that start with prefix.
func grepLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
