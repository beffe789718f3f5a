package logscan_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi/internal/logscan"
)

func TestScanFindsEachKind(t *testing.T) {
	key := "xq_ab12cd34ef56_" + strings.Repeat("Zx9", 10)
	cases := []struct {
		line string
		kind string
		mask string // the masked match, "" for no finding
	}{
		{`{"msg":"search","q":"13912345678"}`, logscan.KindPhone, "139******78"},
		{`{"msg":"seed","phone":"10012345678"}`, logscan.KindPhone, "100******78"}, // synthetic
		{`level=INFO msg=x phone=+86 139-1234-5678`, logscan.KindPhone, "+86************78"},
		{`{"msg":"x","err":"phone 008613912345678 invalid"}`, logscan.KindPhone, "008**********78"},
		{`{"msg":"电话13912345678"}`, logscan.KindPhone, "139******78"},
		{`{"msg":"landline","v":"029-88661234"}`, logscan.KindPhone, "029*******34"},
		{`{"msg":"landline","v":"(029)88661234"}`, logscan.KindPhone, "(02********34"},
		{`{"path":"/api/v1/x/wang.xm@example.com"}`, logscan.KindEmail, "w***@***.com"},
		{`msg="bad row" email=a_b+c@mail.xjtu.edu.cn`, logscan.KindEmail, "a***@***.cn"},
		{`{"authorization":"Bearer ` + key + `"}`, logscan.KindAPIKey, "xq_ab12cd34ef56_****"},

		// Not personal data.
		{`{"duration":13912345678,"bytes":100,"status":200}`, "", ""},
		{`{"time":"2026-11-26T03:13:09.123456789Z","elapsed_ms":1795123456789}`, "", ""},
		{`{"request_id":"a13912345678bcde"}`, "", ""},
		{`{"id":"job_13912345678ab"}`, "", ""},
		{`{"score":0.13912345678}`, "", ""},
		{`github.com/gin-gonic/gin@v1.12.0/context.go:192 +0x8f`, "", ""},
		{`{"msg":"http request","path":"/api/v1/jobs/:id","status":404}`, "", ""},
		{`{"year":"2019-2023","count":12345}`, "", ""},
	}
	for _, c := range cases {
		got := logscan.Scan(c.line)
		if c.kind == "" {
			if len(got) != 0 {
				t.Errorf("Scan(%q) = %v, want nothing", c.line, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Kind != c.kind || got[0].Match != c.mask {
			t.Errorf("Scan(%q) = %+v, want one %s masked %q", c.line, got, c.kind, c.mask)
			continue
		}
		if strings.Contains(got[0].Line, "12345678") || strings.Contains(got[0].Line, "example.com") ||
			strings.Contains(got[0].Line, key) || strings.Contains(got[0].Line, "mail.xjtu") {
			t.Errorf("Scan(%q): the reported line %q is not masked", c.line, got[0].Line)
		}
	}
}

// TestWriterWithSlog routes a real slog JSON logger to a Writer, from many goroutines and
// with writes cut mid-line, and checks that every leak is found once, masked, with its line.
func TestWriterWithSlog(t *testing.T) {
	var next bytes.Buffer
	w := logscan.New(&syncWriter{w: &next})
	logger := slog.New(slog.NewJSONHandler(w, nil))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 25 {
				logger.Info("http request", "path", "/api/v1/jobs", "status", 200,
					"duration", 13*time.Second+time.Duration(i), "g", g)
			}
		})
	}
	wg.Wait()
	logger.Warn("bad import row", "email", "li.lei@example.org")
	logger.Info("search", "q", "联系 13800138000")
	if got := w.Lines(); got != 102 {
		t.Errorf("Lines() = %d, want 102", got)
	}
	fs := w.Findings()
	if len(fs) != 2 || fs[0].Kind != logscan.KindEmail || fs[0].LineNo != 101 || fs[1].Kind != logscan.KindPhone || fs[1].LineNo != 102 {
		t.Fatalf("findings = %v, want the e-mail on line 101 and the phone on line 102", fs)
	}
	if !strings.Contains(next.String(), "li.lei@example.org") {
		t.Error("the next writer did not get the bytes")
	}

	// A line written in pieces, and a last line without a newline.
	w2 := logscan.New(nil)
	for _, p := range []string{`{"q":"139`, `1234`, "5678\"}\n", `{"k":"xq_ab12cd34ef56_`, strings.Repeat("A", 30)} {
		fmt.Fprint(w2, p)
	}
	if fs := w2.Findings(); len(fs) != 2 || fs[0].Kind != logscan.KindPhone || fs[1].Kind != logscan.KindAPIKey {
		t.Errorf("findings across writes = %v, want a phone and an API key", fs)
	}
}

// TestWriterIsBounded writes far more findings and bytes than the Writer keeps.
func TestWriterIsBounded(t *testing.T) {
	w := logscan.New(nil)
	line := []byte(`{"q":"13912345678"}` + "\n")
	for range 10000 {
		w.Write(line)
	}
	// A 1 MiB line without a newline is scanned in parts, not held whole.
	big := bytes.Repeat([]byte("x"), 1<<20)
	w.Write(big)
	w.Write([]byte(" a@b.cn\n"))
	fs := w.Findings()
	if len(fs) != logscan.MaxFindings {
		t.Errorf("kept %d findings, want %d", len(fs), logscan.MaxFindings)
	}
	var out strings.Builder
	if !w.Report(&out, "pkg") {
		t.Fatal("Report = false, want true")
	}
	if !strings.Contains(out.String(), "10001 piece(s)") || !strings.Contains(out.String(), "and 9951 more") {
		t.Errorf("report:\n%s", cut(out.String()))
	}
	if strings.Contains(out.String(), "13912345678") {
		t.Error("the report shows a phone number unmasked")
	}
}

type fakeM int

func (m fakeM) Run() int { return int(m) }

func TestMainFailsOnFindings(t *testing.T) {
	clean := logscan.New(nil)
	fmt.Fprintln(clean, `{"msg":"ok","status":200}`)
	var out strings.Builder
	if code := logscan.Main(fakeM(0), clean, &out, "pkg"); code != 0 || out.Len() != 0 {
		t.Errorf("clean logs: code %d, output %q", code, out.String())
	}
	dirty := logscan.New(nil)
	fmt.Fprintln(dirty, `{"msg":"contact","email":"x@y.com"}`)
	if code := logscan.Main(fakeM(0), dirty, &out, "pkg"); code != 1 || !strings.Contains(out.String(), "x***@***.com") {
		t.Errorf("dirty logs: code %d, output %q", code, out.String())
	}
	if code := logscan.Main(fakeM(2), dirty, &out, "pkg"); code != 2 {
		t.Errorf("failed tests and dirty logs: code %d, want the tests' 2", code)
	}
}

func cut(s string) string {
	if len(s) > 2000 {
		return s[:2000]
	}
	return s
}

type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
