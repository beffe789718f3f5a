package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/xiaoqi-dev/xiaoqi"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// runImportChild runs `xiaoqi import` with the arguments of XIAOQI_TEST_CHILD_IMPORT, until it
// ends or is killed.
func runImportChild(args string) int {
	if err := main.RunImport(context.Background(), strings.Split(args, "\x1f"), os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// importCmd runs `xiaoqi import` in this process and returns its output.
func importCmd(tb testing.TB, args ...string) (stdout, stderr string, err error) {
	tb.Helper()
	var out, errb bytes.Buffer
	env := func(string) string { return "" }
	err = main.RunImport(context.Background(), append([]string{"--log-level", "error"}, args...), env, &out, &errb)
	return out.String(), errb.String(), err
}

// syntheticJobs writes a CSV of n synthetic job needs with an id column (岗位编号 r<row>).
func syntheticJobs(tb testing.TB, n int) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("岗位编号,岗位名称,公司名称,工作地点,学历要求,招聘人数,薪资,技能,岗位描述,合成数据\n")
	titles := []string{"软件测试工程师", "Java开发工程师", "运维工程师", "数据标注员", "日语翻译"}
	for i := 2; i <= n+1; i++ {
		fmt.Fprintf(&b, "r%d,%s,合成测试企业%d有限公司,陕西省西安雁塔区,本科,%d,8千-1.2万,Java、Linux,合成数据 synthetic：第%d行的岗位描述,是\n",
			i, titles[i%len(titles)], i%50, i%9+1, i)
	}
	p := filepath.Join(tb.TempDir(), "synthetic_jobs.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	text := "岗位名称,公司名称,工作地点,学历要求,招聘人数,薪资\r\n" +
		"软件测试工程师,西安云测信息技术有限公司,陕西省西安高新技术产业开发区,本科,若干,8千-1.2万·13薪\r\n" +
		"日语翻译,西安云测信息技术有限公司,陕西省西安雁塔区,大专,3.5,1-1.5万\r\n"
	data, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "岗位.csv")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "report.csv")

	out, _, err := importCmd(t, "--data-dir", dir, "--type", "jobs", "--strict", file)
	if err == nil || !strings.Contains(err.Error(), "strict") || !strings.Contains(out, "error row 3 [招聘人数]") {
		t.Errorf("strict import with a bad row: err %v, output:\n%s", err, out)
	}
	out, _, err = importCmd(t, "--data-dir", dir, "--type", "jobs", "--dry-run", file)
	if err != nil || !strings.Contains(out, "1 would be written (dry run)") {
		t.Errorf("dry run: err %v, output:\n%s", err, out)
	}
	out, _, err = importCmd(t, "--data-dir", dir, "--type", "jobs", "--report", report, "--source", "hr", file)
	if err != nil || !strings.Contains(out, "岗位.csv (csv, gb18030), header in row 1") || !strings.Contains(out, "2 rows read: 1 written") {
		t.Errorf("import: err %v, output:\n%s", err, out)
	}
	if data, _ := os.ReadFile(report); !bytes.HasPrefix(data, []byte("\ufeff行号 Row")) || !strings.Contains(string(data), "3,错误 error") {
		t.Errorf("report:\n%s", data)
	}
	// A file refused before its rows leaves the last report as it was: it left an empty one.
	if _, _, err := importCmd(t, "--data-dir", dir, "--type", "jobs", "--report", report, filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("import of a missing file: no error")
	}
	if data, _ := os.ReadFile(report); !strings.Contains(string(data), "3,错误 error") {
		t.Errorf("the report after a refused file:\n%s\nwant the last report kept", data)
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(report), ".*")); len(m) > 0 {
		t.Errorf("left behind: %v", m)
	}
	out, _, err = importCmd(t, "--data-dir", dir, "--type", "jobs", "--json", "--source", "hr", file)
	var rep ingest.Report
	if err != nil || json.Unmarshal([]byte(out), &rep) != nil || rep.Unchanged != 1 || rep.Invalid != 1 {
		t.Errorf("again, as JSON: err %v, report %+v, output:\n%s", err, rep.Counts, out)
	}
	if _, _, err := importCmd(t, "--data-dir", dir, "--type", "jobs", filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("a missing file: no error")
	}
	if _, _, err := importCmd(t, "--data-dir", dir, file); err == nil {
		t.Error("no --type: no error")
	}

	// serve's index catches up with what the import wrote.
	m := MustOpenMain(t, dir, false)
	waitReady(t, m.URL(), 30*time.Second)
	if res := search(t, m.URL(), "软件测试", "type", "job"); res.Total != 1 {
		t.Errorf("search after import: %d hits", res.Total)
	}
}

// TestImportKilled kills `xiaoqi import` with SIGKILL in the middle of a file, then checks that
// every row it reported written is in the store and the index, and that importing the file
// again completes it without duplicates.
func TestImportKilled(t *testing.T) {
	const rows = 20000
	dir := t.TempDir()
	file := syntheticJobs(t, rows)
	args := []string{"--data-dir", dir, "--log-level", "error", "--type", "jobs", "--source", "crash", "--batch-size", "500",
		"--progress", "1ms", file}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "XIAOQI_TEST_CHILD_IMPORT="+strings.Join(args, "\x1f"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	through := regexp.MustCompile(`written.*through row (\d+)`)
	reported := 0
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		fmt.Fprintln(logs, sc.Text()) // scanned for personal data (TestMain)
		if m := through.FindStringSubmatch(sc.Text()); m != nil {
			reported, _ = strconv.Atoi(m[1])
			if reported >= 3000 {
				cmd.Process.Kill() // SIGKILL, with the next batches in flight
				break
			}
		}
	}
	cmd.Wait()
	if reported < 3000 || reported >= rows {
		t.Fatalf("the import reported rows through %d before it was killed (want it mid-file); output: %v", reported, sc.Err())
	}

	m := MustOpenMain(t, dir, false)
	waitReady(t, m.URL(), 120*time.Second)
	ctx := context.Background()
	for r := 2; r <= reported; r++ {
		id := xiaoqi.NewID(xiaoqi.KindJob, fmt.Sprintf("src:crash|r%d", r))
		if _, err := m.Store.Get(ctx, xiaoqi.KindJob, id); err != nil {
			t.Fatalf("row %d was reported written but is not in the store: %v", r, err)
		}
	}
	indexed, err := m.Index.Versions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for r := 2; r <= reported; r++ {
		if indexed[xiaoqi.NewID(xiaoqi.KindJob, fmt.Sprintf("src:crash|r%d", r))] == 0 {
			t.Fatalf("row %d was reported written but is not in the index", r)
		}
	}
	m.Close()

	out, _, err := importCmd(t, args...)
	if err != nil {
		t.Fatalf("import again: %v\n%s", err, out)
	}
	m = MustOpenMain(t, dir, false)
	waitReady(t, m.URL(), 120*time.Second)
	if n, _ := m.Store.Count(ctx, xiaoqi.KindJob, nil); n != rows {
		t.Errorf("%d jobs after importing again, want %d:\n%s", n, rows, out)
	}
	if !strings.Contains(out, fmt.Sprintf("%d rows read", rows)) || !strings.Contains(out, "0 invalid, 0 duplicates") {
		t.Errorf("second import:\n%s", out)
	}
	indexed, err = m.Index.Versions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := countJobs(indexed); n != rows {
		t.Errorf("index holds %d jobs, want %d", n, rows)
	}
	t.Logf("killed after row %d of %d was reported written", reported, rows+1)
}

func countJobs(versions map[string]int64) int {
	n := 0
	for id := range versions {
		if strings.HasPrefix(id, "job_") {
			n++
		}
	}
	return n
}

// TestServeImport uploads a file to the running service: the configured upload limit holds,
// and an accepted file is imported with the taxonomy's skills and found by search.
func TestServeImport(t *testing.T) {
	cfg := main.DefaultConfig()
	cfg.DataDir, cfg.Addr, cfg.Seed, cfg.LogLevel = t.TempDir(), "127.0.0.1:0", false, "info"
	cfg.PollInterval, cfg.MaxUploadBytes = 20*time.Millisecond, 2048
	m := main.NewMain(cfg, logs)
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	mainAdminKey(t, m)
	waitReady(t, m.URL(), 30*time.Second)

	post := func(data string) (int, map[string]any) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		w.WriteField("type", "jobs")
		fw, _ := w.CreateFormFile("file", "jobs.csv")
		fw.Write([]byte(data))
		w.Close()
		resp, err := postJSON(m.URL()+"/api/v1/imports", w.FormDataContentType(), b.String())
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	if code, out := post(strings.Repeat("x", 4096)); code != http.StatusRequestEntityTooLarge || !strings.Contains(fmt.Sprint(out), "max_upload_bytes") {
		t.Errorf("upload beyond --max-upload-bytes: %d %v", code, out)
	}
	code, out := post("岗位名称,公司名称,城市,技能\n对日软件测试工程师,西安某软件公司,西安,\"JAVA开发,五险一金\"\n")
	if code != http.StatusAccepted {
		t.Fatalf("upload: %d %v", code, out)
	}
	// Wait for the background import to finish, then for the index to apply what it wrote.
	id, _ := out["id"].(string)
	deadline := time.Now().Add(30 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond) // a background job's status can only be polled
	defer tick.Stop()
	for {
		var j map[string]any
		call(t, "GET", m.URL()+"/api/v1/imports/"+id, nil, &j)
		if j["status"] != "queued" && j["status"] != "running" {
			if j["status"] != "done" {
				t.Fatalf("import ended %v", j)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("import %s still %v", id, j["status"])
		}
		<-tick.C
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	seq, err := m.Store.LastSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Index.WaitFor(ctx, seq); err != nil {
		t.Fatalf("index did not apply seq %d: %v", seq, err)
	}
	if res := search(t, m.URL(), "软件测试", "type", "job"); res.Total != 1 {
		t.Fatalf("imported job not found: %+v", res)
	}
	page, err := m.Store.List(context.Background(), xiaoqi.KindJob, xiaoqi.ListOptions{})
	if err != nil || len(page.Docs) != 1 {
		t.Fatalf("jobs %v, %v", page, err)
	}
	if j := page.Docs[0].(*xiaoqi.JobNeed); strings.Join(j.Skills, ",") != "Java,对日外包,软件测试" {
		t.Errorf("skills %q: want the taxonomy's name for JAVA开发, without the benefit, and those the title names", j.Skills)
	}
}
