package loadgen_test

import (
	"os"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/internal/loadgen"
)

func TestCheckLoopback(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://127.3.4.5:1/", true},
		{"http://[::1]:8080", true},
		{"http://localhost:8080", true},
		{"http://192.168.1.10:8080", false},
		{"http://example.com", false},
		{"ftp://127.0.0.1", false},
		{"127.0.0.1:8080", false},
	} {
		err := loadgen.CheckLoopback(tc.url)
		if (err == nil) != tc.ok {
			t.Errorf("CheckLoopback(%q) = %v, want ok %v", tc.url, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "--url") {
			t.Errorf("CheckLoopback(%q): error %q does not name --url", tc.url, err)
		}
	}
}

// TestReadMem reads this process's memory: more than a megabyte, anonymous memory within it,
// and a peak at least as high.
func TestReadMem(t *testing.T) {
	m, err := loadgen.ReadMem(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if m.RSS < 1<<20 || m.Anon <= 0 || m.Anon > m.RSS || m.HWM < m.RSS {
		t.Errorf("ReadMem = %+v; want RSS ≥ 1 MB, 0 < anonymous ≤ RSS ≤ peak", m)
	}
	if _, err := loadgen.ReadMem(1 << 30); err == nil {
		t.Errorf("ReadMem of a process that does not exist: no error")
	}
}
