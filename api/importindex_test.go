package api_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
)

// slowFeed is the change feed as a lagging index reads it: while held, the index follower
// gets no changes, as on a loaded machine where the index applies an import seconds after
// the store has it.
type slowFeed struct {
	xiaoqi.Store
	mu   sync.Mutex
	held chan struct{} // closed on release; nil when not held
}

func (f *slowFeed) hold() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.held == nil {
		f.held = make(chan struct{})
	}
}

func (f *slowFeed) release() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.held != nil {
		close(f.held)
		f.held = nil
	}
}

func (f *slowFeed) Changes(ctx context.Context, after uint64, limit int) ([]xiaoqi.Change, error) {
	f.mu.Lock()
	held := f.held
	f.mu.Unlock()
	if held != nil {
		select {
		case <-held:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return f.Store.Changes(ctx, after, limit)
}

// newSlowIndexEnv is an env whose index follows the store through a slowFeed.
func newSlowIndexEnv(tb testing.TB, config func(*api.Config)) (*env, *slowFeed) {
	tb.Helper()
	feed := &slowFeed{}
	e := newEnvWith(tb, options{feed: func(s xiaoqi.Store) xiaoqi.Store { feed.Store = s; return feed }, config: config})
	tb.Cleanup(feed.release) // registered after the follower's: runs before it is stopped
	return e, feed
}

// found is how many job needs a search for the synthetic rows of bigJobsCSV finds.
func (e *env) found(tb testing.TB) uint64 {
	tb.Helper()
	var res xiaoqi.SearchResult
	e.get(tb, "/api/v1/search?q=合成测试岗位&type=job&per_page=1").want(tb, http.StatusOK).decode(tb, &res)
	return res.Total
}

// TestImportDoneIsSearchable: an import reports done once the search index has applied its
// rows, so that a search right after finds every one. (It said done when the rows were in the
// store: an administrator who uploaded 500 job needs, saw 完成 and searched at once found
// none of them while the index caught up.) While it waits the job is running, its progress
// saying indexing.
func TestImportDoneIsSearchable(t *testing.T) {
	t.Parallel()
	e, feed := newSlowIndexEnv(t, nil)
	const rows = 500
	feed.hold()
	var j importJob
	e.upload(t, "岗位需求.csv", bigJobsCSV(rows), map[string]string{"type": "jobs"}).want(t, http.StatusAccepted).decode(t, &j)
	sawIndexing := false
	got := e.pollImport(t, j.ID, func(j map[string]any) bool {
		if p, _ := j["progress"].(map[string]any); p != nil && p["indexing"] == true {
			// The rows are written and the job waits for the index: let the index catch up.
			sawIndexing = true
			feed.release()
		}
		return j["status"] != "queued" && j["status"] != "running"
	})
	if n := e.found(t); got["status"] != "done" || got["searchable"] != true || n != rows {
		t.Fatalf("the job said %v, searchable %v; a search right after found %d of the %d rows, want all", got["status"], got["searchable"], n, rows)
	}
	if !sawIndexing {
		t.Errorf("the job never said it was waiting for the index (progress.indexing)")
	}
	if _, ok := got["index_message"]; ok {
		t.Errorf("index_message %v on a searchable job", got["index_message"])
	}
}

// TestImportIndexWaitBounded: an index that does not catch up within the bound does not hold
// the job forever: it is done, says its rows are not searchable yet and why, and says
// searchable once the index has applied them.
func TestImportIndexWaitBounded(t *testing.T) {
	t.Parallel()
	e, feed := newSlowIndexEnv(t, func(c *api.Config) { c.ImportIndexWait = 50 * time.Millisecond })
	feed.hold()
	var j importJob
	e.upload(t, "岗位需求.csv", bigJobsCSV(20), map[string]string{"type": "jobs"}).want(t, http.StatusAccepted).decode(t, &j)
	got := e.pollImport(t, j.ID, func(j map[string]any) bool { return j["status"] != "queued" && j["status"] != "running" })
	msg, _ := got["index_message"].(string)
	if got["status"] != "done" || got["searchable"] != false || !strings.Contains(msg, "尚未应用") || !strings.Contains(msg, "has not applied them all yet") {
		t.Fatalf("a job whose index lags past the bound: %v, searchable %v, index_message %q; want done, false, saying so", got["status"], got["searchable"], msg)
	}
	if n := e.found(t); n != 0 {
		t.Fatalf("found %d rows with the index held", n) // the test's premise
	}
	feed.release()
	got = e.pollImport(t, j.ID, func(j map[string]any) bool { return j["searchable"] == true })
	if n := e.found(t); n != 20 || got["index_message"] != nil {
		t.Errorf("after the index caught up: found %d of 20, index_message %v", n, got["index_message"])
	}
	var list struct{ Data []map[string]any }
	e.get(t, "/api/v1/imports").want(t, http.StatusOK).decode(t, &list)
	if len(list.Data) != 1 || list.Data[0]["searchable"] != true {
		t.Errorf("list %v, want the job searchable", list.Data)
	}
}

// TestImportDryRunNotSearchable: a dry run writes nothing, so it says nothing of the index.
func TestImportDryRunNotSearchable(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var j importJob
	e.upload(t, "岗位需求.csv", bigJobsCSV(3), map[string]string{"type": "jobs", "dry_run": "true"}).want(t, http.StatusAccepted).decode(t, &j)
	got := e.pollImport(t, j.ID, func(j map[string]any) bool { return j["status"] == "done" })
	if _, ok := got["searchable"]; ok {
		t.Errorf("a dry run says searchable %v", got["searchable"])
	}
}
