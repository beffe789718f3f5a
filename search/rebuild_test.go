package search_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

func TestRebuild(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	// More job needs than one page of List, so that Rebuild pages.
	write(t, s, storeDocs(xiaoqi.MaxListLimit+20)...)
	if _, err := s.Delete(ctx, xiaoqi.KindPolicy, xiaoqi.NewID(xiaoqi.KindPolicy, "item:12"), 0); err != nil {
		t.Fatal(err)
	}
	last, err := s.LastSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// An old index that has drifted: a document the store does not have, and a stale seq.
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	old, err := search.Open(dir, options(t))
	if err != nil {
		t.Fatal(err)
	}
	index(t, old, corpus()[0])
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	n, err := search.Rebuild(ctx, s, dir, options(t))
	if err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	if want := uint64(len(storeVersions(t, s))); n != want {
		t.Errorf("Rebuild indexed %d, want %d", n, want)
	}
	assertDir(t, parent, "index")

	x, err := search.Open(dir, options(t))
	if err != nil {
		t.Fatal(err)
	}
	if n := x.Segments(); n != 1 {
		t.Errorf("rebuilt index in %d segments, want 1 (compacted)", n)
	}
	t.Cleanup(func() { _ = x.Close() })
	if x.Seq() != last {
		t.Errorf("seq = %d, want the store's %d", x.Seq(), last)
	}
	mirrors(t, s, x)

	// The follower takes over from the rebuilt index; replaying old changes is harmless.
	replay, err := s.Changes(ctx, last-5, 100)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Apply(replay); err != nil {
		t.Fatal(err)
	}
	f := follow(t, s, x, search.FollowerOptions{})
	waitReady(t, f)
	seq := write(t, s, &xiaoqi.Policy{Number: 3, Heading: "发展重点", Text: "软件研发和测试。"})
	f.Notify()
	waitFor(t, x, seq)
	mirrors(t, s, x)
}

// TestRebuildFails: a cancelled rebuild leaves the old index as it was, and nothing else.
func TestRebuildFails(t *testing.T) {
	s := openStore(t)
	write(t, s, storeDocs(5)...)
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	n, err := search.Rebuild(context.Background(), s, dir, options(t)) // into a directory that does not exist yet
	if err != nil || n != 11 {
		t.Fatalf("Rebuild = %d, %v; want 11 documents", n, err)
	}
	write(t, s, storeDocs(8)[11:]...)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := search.Rebuild(ctx, s, dir, options(t)); err == nil {
		t.Fatal("cancelled Rebuild succeeded")
	}
	assertDir(t, parent, "index")
	x, err := search.Open(dir, options(t))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if c, _ := x.Count(); c != 11 {
		t.Errorf("old index has %d documents, want 11", c)
	}
}

// assertDir fails the test unless dir holds exactly the names given: nothing left over.
func assertDir(tb testing.TB, dir string, names ...string) {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		tb.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

// TestOpenRecovers: a crash in the middle of Rebuild's swap, after the old index was moved
// away and before the new one was moved in, leaves the old one to be restored by Open; a
// crash while it built the new one leaves a half-built copy (dir.tmp-…) that Open removes,
// or every killed xiaoqi reindex would keep a copy of the index on disk for good.
func TestOpenRecovers(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "index")
	x, err := search.Open(dir, options(t))
	if err != nil {
		t.Fatal(err)
	}
	index(t, x, corpus()...)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
	half := filepath.Join(parent, "index.tmp-1234567")
	if err := os.MkdirAll(filepath.Join(half, "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(half, "store", "00000001.zap"), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}

	x, err = search.Open(dir, options(t))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if n, _ := x.Count(); n != uint64(len(corpus())) || x.Seq() != uint64(len(corpus())) {
		t.Errorf("restored index: %d documents at seq %d, want %d", n, x.Seq(), len(corpus()))
	}
	assertDir(t, parent, "index")
}

// TestOpenEmptyDir: an empty directory (made by a deployment, say) becomes a new index.
func TestOpenEmptyDir(t *testing.T) {
	dir := t.TempDir()
	x, err := search.Open(dir, options(t))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if n, err := x.Count(); n != 0 || err != nil || x.Seq() != 0 {
		t.Errorf("new index: count %d, %v, seq %d", n, err, x.Seq())
	}
}

// TestCompact: an index built in many batches, merged into one segment, answers as before.
func TestCompact(t *testing.T) {
	x, _ := openIndex(t)
	// bleve's merger works meanwhile: the most segments seen at once.
	most := 0
	for _, d := range corpus() { // one segment per document
		index(t, x, d)
		most = max(most, x.Segments())
	}
	before, err := x.Versions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := ids(find(t, x, xiaoqi.SearchQuery{Q: "软件测试"}))
	if most < 2 {
		t.Fatalf("at most %d segments before Compact: the test needs several", most)
	}
	if err := x.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := x.Segments(); n != 1 {
		t.Errorf("%d segments after Compact, want 1", n)
	}
	after, err := x.Versions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(before, after) {
		t.Errorf("documents after Compact %v, before %v", after, before)
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "软件测试"})); !slices.Equal(got, want) {
		t.Errorf("search after Compact %v, before %v", got, want)
	}
}
