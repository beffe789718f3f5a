package main_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
)

// TestImportRefusesErased: `xiaoqi import` at the command line reads the erasures of the audit
// log as the API's imports do, so that an operator importing the school's list again does not
// bring back a person erased at their request.
func TestImportRefusesErased(t *testing.T) {
	dir := t.TempDir()
	s, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	err = s.AppendAudit(context.Background(), &xiaoqi.AuditEntry{Action: xiaoqi.AuditErase, ActorID: "u_admin",
		ActorRole: xiaoqi.RoleAdmin, SubjectID: xiaoqi.ErasedSubject, ErasedKey: xiaoqi.ErasedKey("src:毕业生|2024001")})
	if cerr := s.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
	file := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(file, []byte("学号,姓名,最高学历\n2024001,陈晓东,本科\n2024002,王丽,硕士\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := importCmd(t, "--data-dir", dir, "--type", "candidates", "--source", "毕业生", file)
	if err != nil || !strings.Contains(out, "2 rows read: 1 written") || !strings.Contains(out, "error row 2 [姓名]") ||
		!strings.Contains(out, "erased at their request") {
		t.Errorf("import of a list naming an erased person: err %v, output:\n%s", err, out)
	}
}
