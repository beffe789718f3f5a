package main_test

import (
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// TestServeIndexOfAnotherVersion: an index built by another version of the mapping (an
// upgrade) is replaced by a new one built from the store while the service listens: /readyz
// answers 503 until it has caught up, then searches find what they found before.
func TestServeIndexOfAnotherVersion(t *testing.T) {
	dir := t.TempDir()
	m := MustOpenMain(t, dir, true)
	waitReady(t, m.URL(), 60*time.Second)
	before := search(t, m.URL(), "软件测试", "city", "西安")
	if before.Total == 0 {
		t.Fatal("软件测试 in 西安: no hits on the seed data")
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	// What an older build left: the same index, recorded under another mapping version.
	b, err := bleve.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SetInternal([]byte("xiaoqi.mapping"), []byte("xiaoqi-0-old")); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	m = MustOpenMain(t, dir, false)
	resp, err := http.Get(m.URL() + "/readyz")
	if err != nil {
		t.Fatalf("service not answering while its index is rebuilt: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz right after start = %d, want 503 while the index is rebuilt (the rebuild held the port shut?)", resp.StatusCode)
	}
	waitReady(t, m.URL(), 60*time.Second)
	after := search(t, m.URL(), "软件测试", "city", "西安")
	if after.Total != before.Total {
		t.Errorf("软件测试 in 西安 after the rebuild: %d hits, before %d", after.Total, before.Total)
	}
}
