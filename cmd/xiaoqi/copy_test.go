package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
)

// mongoURI returns the URI of the test's MongoDB server: XIAOQI_TEST_MONGODB_URI, else a
// FerretDB started for the test (and the variable set for it).
func mongoURI(t *testing.T) string {
	if uri := os.Getenv(mongotest.EnvURI); uri != "" {
		return uri
	}
	uri, stop, err := mongotest.Start(context.Background(), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	t.Setenv(mongotest.EnvURI, uri)
	return uri
}

// runCopy runs `xiaoqi copy args…` with the environment env and returns its output.
func runCopy(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := main.RunCopy(context.Background(), args, func(k string) string { return env[k] }, &out, &out)
	return out.String(), err
}

// storeContent is what a copy must carry over, read through the stores' interfaces.
type storeContent struct {
	docs    map[string]xiaoqi.Meta // by id: version and times
	users   []string               // id, username, role, hash, disabled
	keys    []string               // id, user, hash, revoked
	audit   []string               // time, action, actor, subject, reason, in order
	imports []string               // id, status, report
}

func readContent(t *testing.T, s xiaoqi.Store) storeContent {
	t.Helper()
	ctx := context.Background()
	c := storeContent{docs: map[string]xiaoqi.Meta{}}
	for _, d := range listAll(t, s) {
		m := *d.Base()
		m.CreatedAt, m.UpdatedAt = m.CreatedAt.Truncate(time.Millisecond), m.UpdatedAt.Truncate(time.Millisecond)
		c.docs[m.ID] = m
	}
	a := s.(xiaoqi.Accounts)
	users, err := a.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		c.users = append(c.users, strings.Join([]string{u.ID, u.Username, string(u.Role), u.PasswordHash, u.CandidateID, u.EnterpriseID}, "|")+"|"+strconv.FormatBool(u.Disabled))
		keys, err := a.Keys(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			c.keys = append(c.keys, strings.Join([]string{k.ID, k.UserID, k.Hash}, "|")+"|"+strconv.FormatBool(!k.RevokedAt.IsZero()))
		}
	}
	for after := ""; ; {
		page, next, err := a.Audit(ctx, xiaoqi.AuditFilter{After: after, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page {
			c.audit = append(c.audit, strings.Join([]string{e.Time.UTC().Truncate(time.Millisecond).Format(time.RFC3339Nano), e.Action, e.ActorID, e.SubjectID, e.Reason}, "|"))
		}
		if next == "" {
			break
		}
		after = next
	}
	jobs, err := s.(xiaoqi.ImportJobs).ImportJobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		whole, err := s.(xiaoqi.ImportJobs).ImportJob(ctx, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.imports = append(c.imports, strings.Join([]string{whole.ID, whole.Status, string(whole.Report), string(whole.ReportCSV)}, "|"))
	}
	return c
}

// compareContent reports every difference between what the source held and the target holds.
func compareContent(t *testing.T, what string, got, want storeContent) {
	t.Helper()
	if len(got.docs) != len(want.docs) {
		t.Errorf("%s: %d documents, want %d", what, len(got.docs), len(want.docs))
	}
	bad := 0
	for id, w := range want.docs {
		g, ok := got.docs[id]
		if !ok || g.Version != w.Version || !g.CreatedAt.Equal(w.CreatedAt) || !g.UpdatedAt.Equal(w.UpdatedAt) {
			if bad++; bad <= 5 {
				t.Errorf("%s: %s is %+v, want version %d, created %s, updated %s", what, id, g, w.Version, w.CreatedAt, w.UpdatedAt)
			}
		}
	}
	for _, c := range []struct {
		name      string
		got, want []string
	}{{"users", got.users, want.users}, {"API keys", got.keys, want.keys}, {"audit log", got.audit, want.audit}, {"import jobs", got.imports, want.imports}} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: %s differ:\n got %q\nwant %q", what, c.name, c.got, c.want)
		}
	}
}

// TestCopy: a deployment that began on the embedded store moves into MongoDB with `xiaoqi
// copy` (every document under its id, version and times; the accounts, whose passwords and
// keys go on working; the audit log in its order; the import jobs with their reports), a node
// serves the copy, and the copy comes back into an embedded store the same way. A target that
// is not empty is refused and left as it was.
func TestCopy(t *testing.T) {
	ctx := context.Background()
	uri := mongoURI(t)
	db := mongotest.Database(t)
	srcDir := t.TempDir()
	srcEnv := map[string]string{"XIAOQI_DATA_DIR": srcDir}
	var out bytes.Buffer
	if err := main.RunSeed(ctx, nil, func(k string) string { return srcEnv[k] }, &out, &out); err != nil {
		t.Fatalf("xiaoqi seed: %v\n%s", err, out.String())
	}
	key := storeAdminKey(t, srcEnv) // an administrator and a key, with their audit entries
	// A document changed since it was written (version 2), a disabled user, a revoked key, a
	// contact release in the audit log and an import job with its report.
	src, err := bolt.Open(filepath.Join(srcDir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	page, err := src.List(ctx, xiaoqi.KindJob, xiaoqi.ListOptions{Limit: 1})
	if err != nil || len(page.Docs) == 0 {
		t.Fatalf("no job in the default set: %v", err)
	}
	job := page.Docs[0].(*xiaoqi.JobNeed)
	job.Description += "（已更新）"
	if _, err := src.Upsert(ctx, []xiaoqi.Doc{job}); err != nil || job.Version != 2 {
		t.Fatalf("update a job: version %d, %v", job.Version, err)
	}
	cands, err := src.List(ctx, xiaoqi.KindCandidate, xiaoqi.ListOptions{Limit: 1})
	if err != nil || len(cands.Docs) == 0 {
		t.Fatalf("no candidate in the default set: %v", err)
	}
	now := time.Now().UTC()
	hr := &xiaoqi.User{ID: "u_copyhr", Username: "hr-copy", Role: xiaoqi.RoleEnterprise, EnterpriseID: job.EnterpriseID,
		PasswordHash: "$argon2id$v=19$m=65536,t=1,p=2$c2FsdA$aGFzaA", Disabled: true, CreatedAt: now, UpdatedAt: now}
	if err := src.CreateUser(ctx, hr); err != nil {
		t.Fatal(err)
	}
	if err := src.PutKey(ctx, &xiaoqi.APIKey{ID: "copykey01", UserID: hr.ID, Hash: "h", CreatedAt: now, RevokedAt: now}); err != nil {
		t.Fatal(err)
	}
	if err := src.AppendAudit(ctx, &xiaoqi.AuditEntry{Action: xiaoqi.AuditContactRelease, ActorID: hr.ID, ActorRole: hr.Role,
		SubjectID: cands.Docs[0].Base().ID, Reason: "面试邀请", Fields: []string{"phone"}}); err != nil {
		t.Fatal(err)
	}
	jobRec := &xiaoqi.ImportJob{ID: "imp_copy01", Type: xiaoqi.KindJob, FileName: "jobs.csv", Status: xiaoqi.ImportDone,
		CreatedAt: now, UpdatedAt: now, FinishedAt: now, Summary: json.RawMessage(`{"rows":2}`), Report: json.RawMessage(`{"problems":[]}`),
		ReportCSV: []byte("row,problem\n2,缺少岗位名称\n")}
	if err := src.PutImportJob(ctx, jobRec); err != nil {
		t.Fatal(err)
	}
	want := readContent(t, src)
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}

	// Into MongoDB.
	start := time.Now()
	msg, err := runCopy(t, srcEnv, "--to-mongodb-uri", uri, "--to-mongodb-database", db, "--log-level", "warn")
	if err != nil {
		t.Fatalf("xiaoqi copy: %v\n%s", err, msg)
	}
	t.Logf("copied the default set and accounts into MongoDB in %s:\n%s", time.Since(start).Round(time.Millisecond), msg)
	if !strings.Contains(msg, "copy: 完成 done: ") {
		t.Errorf("the copy did not say what it copied:\n%s", msg)
	}
	target, err := mongodb.Open(ctx, uri, mongodb.WithDatabase(db))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { target.Close() })
	compareContent(t, "MongoDB", readContent(t, target), want)
	seq, err := target.LastSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// A second copy into it is refused, and changes nothing.
	msg, err = runCopy(t, srcEnv, "--to-mongodb-uri", uri, "--to-mongodb-database", db, "--log-level", "warn")
	if xiaoqi.ErrorCode(err) != xiaoqi.ECONFLICT || !strings.Contains(xiaoqi.ErrorMessage(err), "not empty") {
		t.Errorf("a copy into a store that is not empty: %v\n%s", err, msg)
	}
	if again, err := target.LastSeq(ctx); err != nil || again != seq {
		t.Errorf("the refused copy moved the target's feed from %d to %d (%v)", seq, again, err)
	}

	// A node on the copy: its index follows the feed, the administrator's key from the
	// embedded store works, and the default set is searchable.
	n := startNode(t, "copy", t.TempDir(), uri, db)
	waitReady(t, n.base, 2*time.Minute)
	req, _ := http.NewRequest(http.MethodGet, n.base+"/api/v1/users", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("the embedded store's administrator key on the MongoDB node: %d, want 200", resp.StatusCode)
	}
	if r := search(t, n.base, "软件测试", "city", "西安"); r.Total == 0 {
		t.Error("软件测试 in 西安 finds nothing on the node serving the copy")
	}
	n.stop(t)

	// And back into an embedded store.
	backDir := t.TempDir()
	msg, err = runCopy(t, map[string]string{"XIAOQI_MONGODB_URI": uri, "XIAOQI_MONGODB_DATABASE": db}, "--to-data-dir", backDir, "--log-level", "warn")
	if err != nil {
		t.Fatalf("xiaoqi copy back: %v\n%s", err, msg)
	}
	back, err := bolt.Open(filepath.Join(backDir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	got := readContent(t, back)
	back.Close()
	// The node added its own administrator (startNode) and nothing else.
	want.users, want.keys, want.audit = nil, nil, nil
	got.users, got.keys, got.audit = nil, nil, nil
	compareContent(t, "back in an embedded store", got, want)

	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{srcEnv, nil, "--to-mongodb-uri"},
		{srcEnv, []string{"--to-data-dir", srcDir}, "same directory"},
		{srcEnv, []string{"--to-data-dir", backDir, "--to-mongodb-uri", uri}, "one of"},
		{srcEnv, []string{"--to-data-dir", t.TempDir(), "extra"}, "unexpected argument"},
		{srcEnv, []string{"--to-mongodb-uri", "localhost:27017"}, "must start with mongodb://"},
	} {
		if msg, err := runCopy(t, c.env, c.args...); err == nil || !strings.Contains(err.Error()+msg, c.want) {
			t.Errorf("xiaoqi copy %q: %v\n%s, want an error saying %q", c.args, err, msg, c.want)
		}
	}
}
