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

// TestImportRefusesErasedUnderAnotherSource: the command line refuses the erased person by
// their name and phone too, when the list comes under another source (or file name).
func TestImportRefusesErasedUnderAnotherSource(t *testing.T) {
	dir := t.TempDir()
	s, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	person := &xiaoqi.Candidate{Name: "陈晓东", Phone: "13700001111"}
	err = s.AppendAudit(context.Background(), &xiaoqi.AuditEntry{Action: xiaoqi.AuditErase, ActorID: "u_admin",
		ActorRole: xiaoqi.RoleAdmin, SubjectID: xiaoqi.ErasedSubject, ErasedKey: xiaoqi.ErasedKey("src:毕业生|2024001"),
		ErasedIdentity: person.IdentityKeys()})
	if cerr := s.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
	file := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(file, []byte("学号,姓名,手机,最高学历\n2024001,陈晓东,137 0000 1111,本科\n2024002,王丽,13700002222,硕士\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := importCmd(t, "--data-dir", dir, "--type", "candidates", "--source", "2026届毕业生（终版）", file)
	if err != nil || !strings.Contains(out, "2 rows read: 1 written") || !strings.Contains(out, "error row 2 [姓名]") ||
		!strings.Contains(out, "erased at their request") {
		t.Errorf("import of a list naming an erased person under another source: err %v, output:\n%s", err, out)
	}
}
