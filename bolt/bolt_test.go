package bolt_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

// open opens a store in a new file under the test's temporary directory.
func open(tb testing.TB) *bolt.Store {
	tb.Helper()
	s, err := bolt.Open(filepath.Join(tb.TempDir(), "data", "xiaoqi.db"))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) xiaoqi.Store { return open(t) })
}

func TestAccounts(t *testing.T) {
	storetest.TestAccounts(t, func(t *testing.T) xiaoqi.Accounts { return open(t) })
}

func TestImportJobs(t *testing.T) {
	storetest.TestImportJobs(t, func(t *testing.T) xiaoqi.ImportJobs { return open(t) })
}

// jobs returns n valid job needs with distinct natural keys from source.
func jobs(source string, n int) []xiaoqi.Doc {
	docs := make([]xiaoqi.Doc, n)
	for i := range docs {
		docs[i] = &xiaoqi.JobNeed{Meta: xiaoqi.Meta{Source: source, ExternalID: fmt.Sprintf("row-%d", i), Synthetic: true},
			EnterpriseName: "陕西秦云软件服务有限公司", Name: "软件测试工程师", City: "西安市", Headcount: i + 1}
	}
	return docs
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xiaoqi.db")
	ctx := context.Background()
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	docs := jobs("reopen", 30)
	if _, err := s.Upsert(ctx, docs); err != nil {
		t.Fatal(err)
	}
	deleted := docs[3].Base().ID
	if _, err := s.Delete(ctx, xiaoqi.KindJob, deleted, 0); err != nil {
		t.Fatal(err)
	}
	seq, err := s.LastSeq(ctx)
	if err != nil || seq != 31 {
		t.Fatalf("LastSeq = %d, %v; want 31 (30 inserts and a delete)", seq, err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s, err = bolt.Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if got, err := s.LastSeq(ctx); err != nil || got != seq {
		t.Errorf("after reopen: LastSeq = %d, %v; want %d", got, err, seq)
	}
	if n, err := s.Count(ctx, xiaoqi.KindJob, nil); err != nil || n != 29 {
		t.Errorf("after reopen: Count = %d, %v; want 29", n, err)
	}
	if n, err := s.Count(ctx, xiaoqi.KindJob, map[string]string{"city": "西安市"}); err != nil || n != 29 {
		t.Errorf("after reopen: Count(西安市) = %d, %v; want 29", n, err)
	}
	d, err := s.Get(ctx, xiaoqi.KindJob, docs[7].Base().ID)
	if err != nil || d.(*xiaoqi.JobNeed).Headcount != 8 || d.Base().Version != 1 {
		t.Errorf("after reopen: Get = %+v, %v; want headcount 8 version 1", d, err)
	}
	if _, err := s.Get(ctx, xiaoqi.KindJob, deleted); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
		t.Errorf("after reopen: deleted job: %v, want not found", err)
	}
	// Natural keys survive: the same rows are recognised, and the sequence goes on from seq.
	res, err := s.Upsert(ctx, jobs("reopen", 30))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		switch {
		case i == 3 && (!r.Created || r.Seq != seq+1):
			t.Errorf("re-inserting the deleted row: %+v, want created at seq %d", r, seq+1)
		case i != 3 && (!r.Unchanged || r.ID != docs[i].Base().ID):
			t.Errorf("row %d after reopen: %+v, want %s unchanged", i, r, docs[i].Base().ID)
		}
	}
	changes, err := s.Changes(ctx, seq-1, 10)
	if err != nil || len(changes) != 2 || changes[0].Op != xiaoqi.OpDelete || changes[1].Seq != seq+1 {
		t.Errorf("Changes(%d) after reopen = %+v, %v; want the tombstone and the re-insert", seq-1, changes, err)
	}
}

func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xiaoqi.db")
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// bbolt locks the file with flock, which also excludes a second open in this process.
	s2, err := bolt.Open(path)
	if err == nil {
		s2.Close()
		t.Fatal("second Open of a file in use succeeded")
	}
	if !strings.Contains(err.Error(), "the data directory is in use by another xiaoqi process") || !strings.Contains(err.Error(), "数据目录正被另一个 xiaoqi 进程使用") {
		t.Errorf("second Open: %v, want a message saying the data directory is in use", err)
	}
}

func TestErrorsTranslated(t *testing.T) {
	s := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Upsert(ctx, jobs("cancel", 1))
	if xiaoqi.ErrorCode(err) != xiaoqi.EUNAVAILABLE || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Upsert: %v (code %q), want unavailable wrapping context.Canceled", err, xiaoqi.ErrorCode(err))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = s.Get(context.Background(), xiaoqi.KindJob, "job_1")
	if xiaoqi.ErrorCode(err) != xiaoqi.EUNAVAILABLE {
		t.Errorf("Get on a closed store: %v (code %q), want unavailable", err, xiaoqi.ErrorCode(err))
	}
	if msg := xiaoqi.ErrorMessage(err); strings.Contains(msg, "bolt") {
		t.Errorf("user-facing message %q leaks the engine", msg)
	}
}

func TestInvalidBatchNamesEveryDoc(t *testing.T) {
	s := open(t)
	docs := jobs("invalid", 4)
	docs[1].(*xiaoqi.JobNeed).Name = ""
	docs[3].(*xiaoqi.JobNeed).City = ""
	_, err := s.Upsert(context.Background(), docs)
	var fields []string
	for _, d := range xiaoqi.ErrorDetails(err) {
		fields = append(fields, d.Field)
	}
	if got := strings.Join(fields, " "); got != "docs[1].title docs[3].city" {
		t.Errorf("details name %q, want docs[1].title docs[3].city", got)
	}
	want := "docs[1]: 岗位需求有误：title 必填（另有 1 条无效） / invalid job: title is required (and 1 more invalid documents)"
	if msg := xiaoqi.ErrorMessage(err); msg != want {
		t.Errorf("message %q\nwant    %q", msg, want)
	}
	for i, d := range docs {
		if d.Base().ID != "" || d.Base().Version != 0 {
			t.Errorf("docs[%d] got meta %+v from a failed batch", i, *d.Base())
		}
	}
}

// TestConflictBatchAtomic: in this store a batch is one transaction, so a conflict in a later
// document undoes the earlier ones too.
func TestConflictBatchAtomic(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	first := jobs("atomic", 1)[0]
	if _, err := s.Upsert(ctx, []xiaoqi.Doc{first}); err != nil {
		t.Fatal(err)
	}
	stale := jobs("atomic", 1)[0]
	stale.Base().Version = 7
	fresh := jobs("atomic-2", 1)[0]
	_, err := s.Upsert(ctx, []xiaoqi.Doc{fresh, stale})
	if xiaoqi.ErrorCode(err) != xiaoqi.ECONFLICT || !strings.HasPrefix(xiaoqi.ErrorMessage(err), "docs[1]: ") {
		t.Fatalf("batch with a stale doc: %v, want ECONFLICT naming docs[1]", err)
	}
	if n, _ := s.Count(ctx, xiaoqi.KindJob, nil); n != 1 {
		t.Errorf("Count = %d after a failed batch, want 1", n)
	}
	if seq, _ := s.LastSeq(ctx); seq != 1 {
		t.Errorf("LastSeq = %d after a failed batch, want 1", seq)
	}
	if m := fresh.Base(); m.ID != "" || m.Version != 0 || !m.CreatedAt.IsZero() {
		t.Errorf("docs[0] kept meta %+v from a failed batch", *m)
	}
}

// TestFeedKeepsLatestChange: a write of a document removes its previous change from the
// feed, so the feed holds one entry per document (its latest upsert or its tombstone), and a
// reader at any position, even one on a removed seq, still ends with the store's content.
func TestFeedKeepsLatestChange(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	docs := jobs("feed", 3)
	if _, err := s.Upsert(ctx, docs); err != nil {
		t.Fatal(err)
	}
	inserted, err := s.LastSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var removed uint64 // a seq the feed no longer holds
	for i := range 3 {
		docs[0].(*xiaoqi.JobNeed).Headcount = 10 + i
		r, err := s.Upsert(ctx, docs[:1])
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			removed = r[0].Seq
		}
	}
	docs[1].(*xiaoqi.JobNeed).Headcount = 20
	if _, err := s.Upsert(ctx, docs[1:2]); err != nil {
		t.Fatal(err)
	}
	del, err := s.Delete(ctx, xiaoqi.KindJob, docs[2].Base().ID, 0)
	if err != nil {
		t.Fatal(err)
	}

	feed := storetest.ChangesAfter(t, s, 0, 1000)
	var got []string
	for _, c := range feed {
		got = append(got, fmt.Sprintf("%s %s v%d", c.Op, c.ID, c.Version))
	}
	want := []string{
		fmt.Sprintf("upsert %s v4", docs[0].Base().ID),
		fmt.Sprintf("upsert %s v2", docs[1].Base().ID),
		fmt.Sprintf("delete %s v1", docs[2].Base().ID),
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("feed after 3 inserts, 4 updates and a delete:\n got %s\nwant %s", strings.Join(got, "; "), strings.Join(want, "; "))
	}
	if last := feed[len(feed)-1].Seq; last != del.Seq {
		t.Errorf("last change %d, want the tombstone %d", last, del.Seq)
	}
	for _, after := range []uint64{0, inserted, removed} {
		if n := len(storetest.ChangesAfter(t, s, after, 2)); n != 3 {
			t.Errorf("reading from %d (inserts end at %d, %d removed): %d changes, want 3", after, inserted, removed, n)
		}
	}
}
