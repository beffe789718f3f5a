package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
)

// node starts another API server on e's store and index, as a second node behind a load
// balancer would be, and returns it with its server (closed when the test ends).
func (e *env) node(tb testing.TB, name string) (*env, *api.Server) {
	tb.Helper()
	srv := api.New(api.Config{Store: e.Store, Index: e.Index, Version: "test", ImportDir: tb.TempDir(), NodeName: name,
		ImportSaveInterval: 10 * time.Millisecond,
		Auth:               e.Auth, Accounts: e.Store.(xiaoqi.Accounts), RateLimits: api.RateLimits{PerAddress: -1, PerKey: -1}})
	tb.Cleanup(func() { srv.Close() })
	ts := httptest.NewServer(srv.Handler())
	tb.Cleanup(ts.Close)
	return &env{URL: ts.URL, Store: e.Store, Index: e.Index, Auth: e.Auth, Admin: e.Admin, Key: e.Key}, srv
}

// bigJobsCSV is an upload of n synthetic job needs, long enough to watch it run.
func bigJobsCSV(n int) []byte {
	var b strings.Builder
	b.WriteString("岗位编号,岗位名称,公司名称,城市\n")
	for i := range n {
		b.WriteString("r" + itoa(i) + ",合成测试岗位,合成测试公司,西安\n")
	}
	return []byte(b.String())
}

// pollImport polls GET /api/v1/imports/{id} until ok says the job is as wanted.
func (e *env) pollImport(tb testing.TB, id string, ok func(j map[string]any) bool) map[string]any {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond) // a background job's status can only be polled
	defer tick.Stop()
	for {
		var j map[string]any
		e.get(tb, "/api/v1/imports/"+id).want(tb, http.StatusOK).decode(tb, &j)
		if ok(j) {
			return j
		}
		if time.Now().After(deadline) {
			tb.Fatalf("import %s: %v", id, j)
		}
		<-tick.C
	}
}

// TestImportOnAnotherNode: with two nodes on one store behind a load balancer, a job started
// on A is listed and shown on B, with its progress while it runs and its report once done,
// and B can cancel it. (B answered 404: jobs lived in the memory of the node that took the
// upload, and the web UI polling a job's status through the balancer saw it vanish.)
func TestImportOnAnotherNode(t *testing.T) {
	t.Parallel()
	base := newEnv(t)
	a, _ := base.node(t, "node-a")
	b, _ := base.node(t, "node-b")

	var j importJob
	a.upload(t, "岗位需求.csv", gbkBytes(t, jobsCSV), map[string]string{"type": "jobs"}).want(t, http.StatusAccepted).decode(t, &j)
	onB := b.waitImport(t, j.ID)
	onA := a.waitImport(t, j.ID)
	if onB.Status != "done" || onB.Counts == nil || *onB.Counts != *onA.Counts || len(onB.Errors) != 2 || onB.Errors[1].Column != "招聘人数" ||
		len(onB.Columns) != 6 || onB.Encoding != "gb18030" || onB.ReportURL == "" || onA.Searchable == nil || !*onA.Searchable {
		t.Errorf("the job on B: %+v, counts %+v; want it as A shows it: %+v, counts %+v", onB, onB.Counts, onA, onA.Counts)
	}
	var list struct{ Data []importJob }
	b.get(t, "/api/v1/imports").want(t, http.StatusOK).decode(t, &list)
	if len(list.Data) != 1 || list.Data[0].ID != j.ID || list.Data[0].Counts == nil || list.Data[0].Counts.Written != 1 {
		t.Errorf("list on B: %+v, want the job of A with its counts", list.Data)
	}
	// The report CSV is stored with the job: B serves it as A does. (B answered 404: the
	// file was on A's disk alone.)
	fromA := a.get(t, onB.ReportURL).want(t, http.StatusOK)
	fromB := b.get(t, onB.ReportURL).want(t, http.StatusOK)
	if string(fromB.Body) != string(fromA.Body) || !strings.Contains(string(fromB.Body), "招聘人数") {
		t.Errorf("the report on B:\n%s\nwant it as A serves it:\n%s", fromB.Body, fromA.Body)
	}
	if cd := fromB.Header.Get("Content-Disposition"); !strings.Contains(cd, url.PathEscape("岗位需求-report.csv")) {
		t.Errorf("the report on B is named %q", cd)
	}

	// A long import on A: B shows its progress, and a DELETE on B stops it.
	const rows = 30000
	a.upload(t, "big.csv", bigJobsCSV(rows), map[string]string{"type": "jobs"}).want(t, http.StatusAccepted).decode(t, &j)
	running := b.pollImport(t, j.ID, func(j map[string]any) bool {
		p, _ := j["progress"].(map[string]any)
		return j["status"] != "queued" && (j["status"] != "running" || p != nil && p["rows"].(float64) > 0)
	})
	if running["status"] != "running" {
		t.Fatalf("B never saw the import running with progress: %v", running)
	}
	b.do(t, http.MethodDelete, "/api/v1/imports/"+j.ID, nil, "").want(t, http.StatusAccepted)
	if j = b.waitImport(t, j.ID); j.Status != "cancelled" || base.count(t, xiaoqi.KindJob) >= rows {
		t.Errorf("after DELETE on B: %+v, %d job needs stored; want it cancelled before the end", j, base.count(t, xiaoqi.KindJob))
	}
	b.do(t, http.MethodDelete, "/api/v1/imports/"+j.ID, nil, "").want(t, http.StatusNoContent)
	a.get(t, "/api/v1/imports/"+j.ID).wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
}

// TestImportNodeStopped: a job whose node stopped is reported failed, saying so, instead of
// running for ever: whether the node shut down or died without a word.
func TestImportNodeStopped(t *testing.T) {
	t.Parallel()
	base := newEnv(t)
	b, _ := base.node(t, "node-b")
	stoppedSays := func(j importJob) {
		t.Helper()
		if j.Status != "failed" || j.Error == nil || !strings.Contains(j.Error.Message, "执行该导入的节点已停止") ||
			!strings.Contains(j.Error.Message, "import the file again: rows already written are not duplicated") {
			t.Errorf("job %+v error %+v; want it failed because its node stopped", j, j.Error)
		}
	}

	// A node that died: its job says "running", and nothing has written it for 25 s (ten
	// missed writes and more). Before, it was listed running for a minute.
	jobs := base.Store.(xiaoqi.ImportJobs)
	at := time.Now().UTC().Add(-25 * time.Second)
	dead := &xiaoqi.ImportJob{ID: "imp_00000000000000d1", Type: xiaoqi.KindJob, FileName: "jobs.csv", Mode: "default", Node: "node-gone",
		Status: xiaoqi.ImportRunning, CreatedAt: at, StartedAt: at, UpdatedAt: at, Progress: xiaoqi.ImportProgress{Rows: 500, Written: 500}}
	if err := jobs.PutImportJob(context.Background(), dead); err != nil {
		t.Fatal(err)
	}
	var list struct{ Data []importJob }
	b.get(t, "/api/v1/imports").want(t, http.StatusOK).decode(t, &list)
	if len(list.Data) != 1 {
		t.Fatalf("list %+v", list.Data)
	}
	stoppedSays(list.Data[0])
	var j importJob
	r := b.get(t, "/api/v1/imports/"+dead.ID).want(t, http.StatusOK)
	r.decode(t, &j)
	stoppedSays(j)
	var progress struct {
		Progress *struct{ Written int }
	}
	if r.decode(t, &progress); progress.Progress == nil || progress.Progress.Written != 500 {
		t.Errorf("the stopped job's progress: %+v, want how far it had come (500 rows written)", progress.Progress)
	}
	if stored, err := jobs.ImportJob(context.Background(), dead.ID); err != nil || stored.Status != xiaoqi.ImportFailed {
		t.Errorf("stored %+v, %v; want it failed", stored, err)
	}
	// A job whose runner is alive is not, though a write or two may be late.
	live := *dead
	live.ID, live.UpdatedAt = "imp_00000000000000a1", time.Now().UTC().Add(-6*time.Second)
	if err := jobs.PutImportJob(context.Background(), &live); err != nil {
		t.Fatal(err)
	}
	var alive importJob
	if b.get(t, "/api/v1/imports/"+live.ID).want(t, http.StatusOK).decode(t, &alive); alive.Status != "running" || alive.Error != nil {
		t.Errorf("a job written a moment ago: %+v, want it running", alive)
	}

	// A node that shuts down in the middle of an import says so in the store.
	c, srvC := base.node(t, "node-c")
	var onC importJob
	c.upload(t, "big.csv", bigJobsCSV(30000), map[string]string{"type": "jobs"}).want(t, http.StatusAccepted).decode(t, &onC)
	srvC.Close()
	stoppedSays(b.waitImport(t, onC.ID))
}

// TestImportReportAfterNodeStops: the report CSV of a job outlives the node that ran it:
// once that node has stopped (and its files are gone), another node serves the copy stored
// with the job. A job stored without a copy (its node died before the end) is still said to
// be on its node.
func TestImportReportAfterNodeStops(t *testing.T) {
	t.Parallel()
	base := newEnv(t)
	a, srvA := base.node(t, "node-a")
	b, _ := base.node(t, "node-b")
	var j importJob
	a.upload(t, "岗位需求.csv", gbkBytes(t, jobsCSV), map[string]string{"type": "jobs"}).want(t, http.StatusAccepted).decode(t, &j)
	done := a.waitImport(t, j.ID)
	whole := a.get(t, done.ReportURL).want(t, http.StatusOK).Body
	srvA.Close()
	if got := b.get(t, done.ReportURL).want(t, http.StatusOK).Body; string(got) != string(whole) {
		t.Errorf("the report on B after A stopped:\n%s\nwant:\n%s", got, whole)
	}

	jobs := base.Store.(xiaoqi.ImportJobs)
	at := time.Now().UTC()
	old := &xiaoqi.ImportJob{ID: "imp_00000000000000e1", Type: xiaoqi.KindJob, FileName: "jobs.csv", Mode: "default", Node: "node-gone",
		Status: xiaoqi.ImportDone, CreatedAt: at, StartedAt: at, FinishedAt: at, UpdatedAt: at}
	if err := jobs.PutImportJob(context.Background(), old); err != nil {
		t.Fatal(err)
	}
	r := b.get(t, "/api/v1/imports/"+old.ID+"/report.csv").want(t, http.StatusNotFound)
	if !strings.Contains(string(r.Body), "kept only by the node that ran the import (node-gone)") {
		t.Errorf("the report of a job without a stored copy: %s, want it to name its node", r.Body)
	}
}

// TestImportNodeDiedCounts: a job whose node died (kill -9) at 950 rows written showed
// counts.written 0, in the list too, though the 950 were stored, and its report.csv said it
// "stopped before reading the file". Its counts are those of its last progress, and the
// report is said to be lost with the node.
func TestImportNodeDiedCounts(t *testing.T) {
	t.Parallel()
	base := newEnv(t)
	b, _ := base.node(t, "node-b")
	jobs := base.Store.(xiaoqi.ImportJobs)
	at := time.Now().UTC().Add(-25 * time.Second)
	dead := &xiaoqi.ImportJob{ID: "imp_00000000000000d2", Type: xiaoqi.KindJob, FileName: "jobs.csv", Mode: "default", Node: "node-gone",
		Status: xiaoqi.ImportRunning, CreatedAt: at, StartedAt: at, UpdatedAt: at,
		Progress: xiaoqi.ImportProgress{Rows: 960, Written: 950, Invalid: 10},
		// As the upload's inspection left it: the format, and counts of nothing yet.
		Summary: json.RawMessage(`{"format":"csv","encoding":"UTF-8","counts":{"read":0,"written":0,"created":0,"updated":0,"unchanged":0,"invalid":0,"duplicates":0,"warnings":0,"empty":0},"problem_count":0}`)}
	if err := jobs.PutImportJob(context.Background(), dead); err != nil {
		t.Fatal(err)
	}
	wantCounts := func(where string, j importJob) {
		t.Helper()
		if j.Status != "failed" || j.Counts == nil || j.Counts.Written != 950 || j.Counts.Read != 960 || j.Counts.Invalid != 10 || j.Encoding != "UTF-8" {
			t.Errorf("%s: %s, counts %+v, encoding %q; want it failed with 960 rows read, 950 written, 10 invalid, as its last progress said",
				where, j.Status, j.Counts, j.Encoding)
		}
	}
	var list struct{ Data []importJob }
	b.get(t, "/api/v1/imports").want(t, http.StatusOK).decode(t, &list)
	if len(list.Data) != 1 {
		t.Fatalf("list %+v", list.Data)
	}
	wantCounts("the list", list.Data[0])
	var j importJob
	b.get(t, "/api/v1/imports/"+dead.ID).want(t, http.StatusOK).decode(t, &j)
	wantCounts("GET", j)
	b.get(t, "/api/v1/imports").want(t, http.StatusOK).decode(t, &list) // now stored failed
	wantCounts("the list after", list.Data[0])
	e := b.get(t, "/api/v1/imports/"+dead.ID+"/report.csv").wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
	if s := e.Error.Message; !strings.Contains(s, "the node that ran it (node-gone) stopped before the import finished, and the report went with it") ||
		strings.Contains(s, "before reading the file") {
		t.Errorf("report.csv of a job whose node died: %s; want it to say the report went with the node", s)
	}
}
