package main_test

import (
	"context"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
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

// TestServeMovesDerivableCandidateIDs: an older build stored candidates under the hash of
// their natural key and indexed them so. The upgraded service, started on that data directory,
// answers 404 for the computable id, serves the candidate under a new random id, and its
// search, which follows the store's change feed from the older index, finds the new id and
// no longer the old one.
func TestServeMovesDerivableCandidateIDs(t *testing.T) {
	dir := t.TempDir()
	m := MustOpenMain(t, dir, false)
	waitReady(t, m.URL(), 60*time.Second)
	legacy := storetest.WriteLegacy(t, m.Store, m.Store.(xiaoqi.Accounts), 2)
	m.Follower.Notify()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := m.Index.WaitFor(ctx, legacy.Seq); err != nil {
		t.Fatal(err)
	}
	if ids := hitIDs(search(t, m.URL(), "Kubernetes", "type", "candidate")); !contains(ids, legacy.OldIDs[0]) {
		t.Fatalf("the older build's index: search finds %v, not the candidate %s", ids, legacy.OldIDs[0])
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	m = MustOpenMain(t, dir, false)
	waitReady(t, m.URL(), 60*time.Second)
	if code := call(t, http.MethodGet, m.URL()+"/api/v1/candidates/"+legacy.OldIDs[0], nil, nil); code != http.StatusNotFound {
		t.Errorf("GET the candidate by the id computable from their student number: %d, want 404", code)
	}
	d, err := m.Store.GetByKey(ctx, xiaoqi.KindCandidate, legacy.Keys[0])
	if err != nil {
		t.Fatal(err)
	}
	id := d.Base().ID
	if id == legacy.OldIDs[0] {
		t.Errorf("the candidate is still stored under %s, the hash of its key", id)
	} else if code := call(t, http.MethodGet, m.URL()+"/api/v1/candidates/"+id, nil, nil); code != http.StatusOK {
		t.Errorf("GET the candidate by its new id %s: %d, want 200", id, code)
	}
	ids := hitIDs(search(t, m.URL(), "Kubernetes", "type", "candidate"))
	if !contains(ids, id) || contains(ids, legacy.OldIDs[0]) {
		t.Errorf("search after the upgrade finds %v; want the new id %s and not the old %s", ids, id, legacy.OldIDs[0])
	}
}
