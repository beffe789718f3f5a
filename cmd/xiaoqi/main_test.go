package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/logscan"
)

func TestMain(m *testing.M) {
	// The crash test re-executes this binary as the service it kills.
	if dir := os.Getenv("XIAOQI_TEST_CHILD_DATA_DIR"); dir != "" {
		os.Exit(runChild(dir))
	}
	// The multi-node test re-executes it as `xiaoqi serve` on MongoDB, twice.
	if os.Getenv(envChildServe) != "" {
		os.Exit(runServeChild())
	}
	// The shutdown test re-executes it as a service whose import gets stuck in a write.
	if dir := os.Getenv(envChildStuckImport); dir != "" {
		os.Exit(runStuckImportChild(dir))
	}
	// The import crash test re-executes it as `xiaoqi import`.
	if args := os.Getenv("XIAOQI_TEST_CHILD_IMPORT"); args != "" {
		os.Exit(runImportChild(args))
	}
	// Every log line of the services these tests run, in this process and in the child
	// processes, goes through logs: the package fails if one holds personal data.
	os.Exit(logscan.Main(m, logs, os.Stderr, "cmd/xiaoqi"))
}

// logs scans the logs of every service the tests start (see TestMain).
var logs = logscan.New(nil)

// childStderr is where a child process's stderr goes: scanned by logs, and shown on the
// test's stderr except for the info lines (one per HTTP request), which would drown the rest.
func childStderr() io.Writer {
	return io.MultiWriter(logs, &dropInfo{w: os.Stderr})
}

// dropInfo passes on the lines written to it, except those of slog's level INFO. A child
// process writes whole lines to its stderr, and os/exec copies them in order from one
// goroutine, so a line is not split often; a split one is passed on.
type dropInfo struct{ w io.Writer }

func (d *dropInfo) Write(p []byte) (int, error) {
	for _, line := range bytes.SplitAfter(p, []byte("\n")) {
		if len(line) == 0 || bytes.Contains(line, []byte("level=INFO")) || bytes.Contains(line, []byte(`"level":"INFO"`)) {
			continue
		}
		if _, err := d.w.Write(line); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// MustOpenMain boots the whole service on a free port with a temporary data directory.
func MustOpenMain(tb testing.TB, dir string, seed bool) *main.Main {
	tb.Helper()
	return openMain(tb, testConfig(dir, seed))
}

// testConfig is the configuration of the services the tests boot.
func testConfig(dir string, seed bool) main.Config {
	cfg := main.DefaultConfig()
	cfg.DataDir = dir
	cfg.Addr = "127.0.0.1:0"
	cfg.Seed = seed
	cfg.LogLevel = "debug" // everything a service logs goes through logscan (TestMain)
	cfg.PollInterval = 20 * time.Millisecond
	cfg.Security.RatePerAddress, cfg.Security.RatePerKey = -1, -1 // load tests
	return cfg
}

// openMain boots the whole service with cfg.
func openMain(tb testing.TB, cfg main.Config) *main.Main {
	tb.Helper()
	m := main.NewMain(cfg, logs)
	if err := m.Open(context.Background()); err != nil {
		m.Close()
		tb.Fatalf("open service: %v", err)
	}
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Errorf("close service: %v", err)
		}
	})
	mainAdminKey(tb, m)
	return m
}

// waitReady polls /readyz, as a load balancer would, until the index has caught up with the
// store. Polling is the only way to see the readiness of another process.
func waitReady(tb testing.TB, base string, within time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(within)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("service at %s not ready within %s (last: %v)", base, within, err)
		}
		<-tick.C
	}
}

// call sends a JSON request and decodes the JSON answer into out (if not nil); it returns the status.
func call(tb testing.TB, method, u string, body any, out any) int {
	tb.Helper()
	var r io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			tb.Fatal(err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, u, r)
	if err != nil {
		tb.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	authorize(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			tb.Fatalf("%s %s: status %d, body %q: %v", method, u, resp.StatusCode, data, err)
		}
	}
	return resp.StatusCode
}

type searchResult struct {
	Total uint64 `json:"total"`
	Hits  []struct {
		ID      string         `json:"id"`
		Type    string         `json:"type"`
		Title   string         `json:"title"`
		Snippet string         `json:"snippet"`
		Version int64          `json:"version"`
		Fields  map[string]any `json:"fields"`
	} `json:"hits"`
}

func search(tb testing.TB, base, q string, params ...string) searchResult {
	tb.Helper()
	v := url.Values{"q": {q}}
	for i := 0; i+1 < len(params); i += 2 {
		v.Set(params[i], params[i+1])
	}
	var res searchResult
	if code := call(tb, "GET", base+"/api/v1/search?"+v.Encode(), nil, &res); code != http.StatusOK {
		tb.Fatalf("search %q: status %d", q, code)
	}
	return res
}

func hitIDs(r searchResult) []string {
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestWriteSearchUpdateDelete boots the real service and follows one job need through its life
// over HTTP: write → search → update → search → delete → search.
func TestWriteSearchUpdateDelete(t *testing.T) {
	m := MustOpenMain(t, t.TempDir(), false)
	base := m.URL()
	waitReady(t, base, 30*time.Second)

	job := map[string]any{
		"title": "对日软件测试工程师", "enterprise_name": "西安示例软件有限公司", "city": "西安市",
		"district": "高新区", "description": "负责对日外包项目的功能测试与自动化测试，要求日语N2。",
		"skills": []string{"软件测试", "日语N2", "Selenium"}, "degree": "本科", "headcount": 5,
	}
	var created map[string]any
	if code := call(t, "POST", base+"/api/v1/jobs?refresh=wait_for", job, &created); code != http.StatusCreated {
		t.Fatalf("create job: status %d: %v", code, created)
	}
	id, _ := created["id"].(string)
	if id == "" || created["version"] != float64(1) {
		t.Fatalf("created job = %v, want an id and version 1", created)
	}

	res := search(t, base, "软件测试", "city", "西安")
	if len(res.Hits) == 0 || res.Hits[0].ID != id {
		t.Fatalf("search 软件测试 in 西安: hits %v, want %s first", hitIDs(res), id)
	}
	if got := search(t, base, "软件测试", "city", "榆林"); contains(hitIDs(got), id) {
		t.Errorf("job in 西安 found with city=榆林")
	}

	job["title"] = "对日嵌入式开发工程师"
	job["description"] = "负责车载嵌入式软件开发，C语言，RTOS。"
	job["skills"] = []string{"嵌入式", "C语言"}
	var updated map[string]any
	if code := call(t, "PUT", base+"/api/v1/jobs/"+id+"?refresh=wait_for", job, &updated); code != http.StatusOK {
		t.Fatalf("update job: status %d: %v", code, updated)
	}
	if updated["version"] != float64(2) {
		t.Errorf("updated version = %v, want 2", updated["version"])
	}
	if got := search(t, base, "嵌入式"); !contains(hitIDs(got), id) {
		t.Errorf("search 嵌入式 after update: %v, want %s", hitIDs(got), id)
	}
	if got := search(t, base, "自动化测试"); contains(hitIDs(got), id) {
		t.Errorf("search 自动化测试 still finds the job after its description changed")
	}
	// The first search again, word for word: answered as the index is now, not from the
	// result cache of before the update.
	if got := search(t, base, "软件测试", "city", "西安"); contains(hitIDs(got), id) {
		t.Errorf("search 软件测试 in 西安 repeated after the update still finds the job: %v", hitIDs(got))
	}

	if code := call(t, "DELETE", base+"/api/v1/jobs/"+id+"?refresh=wait_for", nil, nil); code != http.StatusNoContent {
		t.Fatalf("delete job: status %d", code)
	}
	if got := search(t, base, "嵌入式"); contains(hitIDs(got), id) {
		t.Errorf("deleted job still found")
	}
	if code := call(t, "GET", base+"/api/v1/jobs/"+id, nil, nil); code != http.StatusNotFound {
		t.Errorf("GET deleted job: status %d, want 404", code)
	}
}

// TestSeededSearch starts on an empty data directory, which loads the default data set, and
// asks the question of the README.
func TestSeededSearch(t *testing.T) {
	dir := t.TempDir()
	m := MustOpenMain(t, dir, true)
	base := m.URL()
	waitReady(t, base, 60*time.Second)

	res := search(t, base, "软件测试", "city", "西安", "per_page", "100")
	if res.Total == 0 {
		t.Fatal("软件测试 in 西安: no hits on the seed data")
	}
	types := map[string]int{}
	for _, h := range res.Hits {
		types[h.Type]++
		if c, _ := h.Fields["city"].(string); c != "西安市" {
			t.Errorf("hit %s %q has city %q, want 西安市", h.ID, h.Title, c)
		}
	}
	if types["job"] == 0 || types["program"] == 0 {
		t.Errorf("软件测试 in 西安: hit types %v, want job needs and programs", types)
	}
	if top := res.Hits[0]; top.Type != "job" {
		t.Errorf("top hit %q is a %s, want a testing job", top.Title, top.Type)
	}

	var list struct {
		Data []map[string]any `json:"data"`
	}
	call(t, "GET", base+"/api/v1/institutions?code=4161010698", nil, &list)
	if len(list.Data) != 1 || list.Data[0]["name"] != "西安交通大学" || list.Data[0]["city"] != "西安市" {
		t.Errorf("institution 4161010698 = %v, want 西安交通大学 in 西安市", list.Data)
	}
	// Skill synonyms from the taxonomy: JAVA开发 finds the postings tagged java, the first
	// of which is a Java job; the programs carry the skills of their majors.
	if got := search(t, base, "JAVA开发", "city", "西安", "type", "job"); got.Total < 10 || !strings.Contains(strings.ToLower(got.Hits[0].Title), "java") {
		t.Errorf("JAVA开发 in 西安: %d hits, top %+v", got.Total, got.Hits)
	}
	if got := search(t, base, "QA", "type", "job"); got.Total == 0 {
		t.Error("QA: no job needs, want the testing jobs")
	}
	if got := search(t, base, "加大人才培育和引进力度", "type", "policy"); len(got.Hits) == 0 || got.Hits[0].Fields["number"] != float64(12) {
		t.Errorf("policy search: %+v, want item 12 first", got.Hits)
	}
}

func jsonMarshal(v any) ([]byte, error)      { return json.Marshal(v) }
func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }
