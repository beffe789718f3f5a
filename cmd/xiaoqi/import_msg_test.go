package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportMessages: a missing file is named in Chinese and English; a header typed over two
// lines of its cell is listed on one line; --default names a field by its Chinese label, as
// --mapping does.
func TestImportMessages(t *testing.T) {
	dir := t.TempDir()
	_, _, err := importCmd(t, "--data-dir", dir, "--type", "jobs", filepath.Join(dir, "没有这个文件.csv"))
	if err == nil || !strings.Contains(err.Error(), "找不到文件") || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v, want 找不到文件 … / no such file …", err)
	}

	file := filepath.Join(t.TempDir(), "jobs.csv")
	if err := os.WriteFile(file, []byte("\"岗位\n名称\",公司名称\r\n测试工程师,甲公司\r\n,甲公司\r\n,甲公司\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := importCmd(t, "--data-dir", dir, "--type", "jobs", "--dry-run", "--progress", "0", "--default", "城市=西安市", file)
	if err != nil {
		t.Fatalf("import with --default 城市=西安市: %v\n%s", err, out)
	}
	if !strings.Contains(out, "A   岗位 名称 → title") || strings.Contains(out, "岗位\n") {
		t.Errorf("want the header 岗位⏎名称 listed on one line:\n%s", out)
	}
	if !strings.Contains(out, "1 would be written") {
		t.Errorf("want the row with a title written in the default city:\n%s", out)
	}
}
