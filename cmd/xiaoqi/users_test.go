package main_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// users runs `xiaoqi users args…` on the data directory dir and returns its output.
func users(t *testing.T, dir string, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := func(k string) string {
		if k == "XIAOQI_DATA_DIR" {
			return dir
		}
		return ""
	}
	err := main.RunUsers(context.Background(), args, env, strings.NewReader(stdin), &out, &errOut)
	return out.String() + errOut.String(), err
}

// The first administrator is made on the command line; its password and key work against the
// running service, and a revoked key stops.
func TestUsersCommand(t *testing.T) {
	dir := t.TempDir()
	out, err := users(t, dir, "", "add", "--role", "admin", "--username", "root")
	if err != nil {
		t.Fatalf("users add: %v\n%s", err, out)
	}
	pw := regexp.MustCompile(`password \(shown only this once\): (\S+)`).FindStringSubmatch(out)
	if pw == nil || len(pw[1]) < 20 {
		t.Fatalf("users add printed no strong password:\n%s", out)
	}
	if _, err := users(t, dir, "", "add", "--role", "admin", "--username", "root"); err == nil {
		t.Error("a second user named root was accepted")
	}
	if out, err := users(t, dir, "", "add", "--role", "enterprise", "--username", "hr"); err == nil {
		t.Errorf("an enterprise user without --enterprise was accepted:\n%s", out)
	}
	// A common password padded to twelve characters, and the username three times, were taken.
	for _, weak := range []struct{ pw, username, why string }{
		{"short", "weak", "at least 12 characters"}, {"password1234", "weak", "too common"}, {"cand1cand1cand1", "cand1", "must not contain the username"},
	} {
		if out, err := users(t, dir, weak.pw+"\n", "add", "--role", "admin", "--username", weak.username, "--password-stdin"); err == nil || !strings.Contains(out+err.Error(), weak.why) {
			t.Errorf("the password %q of %s was accepted, or refused without saying why: %v\n%s", weak.pw, weak.username, err, out)
		}
	}
	if out, err := users(t, dir, "root-2025-Xian\n", "passwd", "--username", "root", "--password-stdin"); err == nil || !strings.Contains(err.Error(), "must not contain the username") {
		t.Errorf("users passwd took a password holding the username: %v\n%s", err, out)
	}
	out, err = users(t, dir, "", "key", "--username", "root", "--name", "ops")
	if err != nil {
		t.Fatalf("users key: %v\n%s", err, out)
	}
	key := regexp.MustCompile(`xq_[a-z0-9]+_[A-Za-z0-9]+`).FindString(out)
	if key == "" {
		t.Fatalf("users key printed no key:\n%s", out)
	}
	out, err = users(t, dir, "", "list")
	if err != nil || !strings.Contains(out, "root") || strings.Contains(out, key) || strings.Contains(out, "argon2") {
		t.Fatalf("users list: %v\n%s", err, out)
	}

	m := MustOpenMain(t, dir, false)
	base := m.URL()
	get := func(key string) int {
		req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/users", nil)
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get(""); code != http.StatusUnauthorized {
		t.Errorf("GET /api/v1/users without a key: %d, want 401", code)
	}
	if code := get(key); code != http.StatusOK {
		t.Errorf("GET /api/v1/users with the admin key: %d, want 200", code)
	}
	login := `{"username":"root","password":"` + pw[1] + `"}`
	resp, err := http.Post(base+"/api/v1/session", "application/json", strings.NewReader(login))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("sign-in with the printed password: %d, want 200", resp.StatusCode)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	id := strings.Split(key, "_")[1]
	if out, err := users(t, dir, "", "revoke", "--key", id); err != nil {
		t.Fatalf("users revoke: %v\n%s", err, out)
	}
	m = MustOpenMain(t, dir, false)
	base = m.URL()
	if code := get(key); code != http.StatusUnauthorized {
		t.Errorf("a revoked key: %d, want 401", code)
	}
}

// `xiaoqi users add --help` says what the subcommand does, in Chinese and English, before its
// flags (it printed only "Usage of users add:" and the flags).
func TestUsersSubcommandHelp(t *testing.T) {
	out, _ := users(t, t.TempDir(), "", "add", "--help")
	for _, want := range []string{"新建账户 create a user", "xiaoqi users add 的参数 flags:", "-role"} {
		if !strings.Contains(out, want) {
			t.Errorf("users add --help does not say %q:\n%s", want, out)
		}
	}
}

// TestUsersDisable: `xiaoqi users disable` stops an account (its key answers 401) without
// deleting it, `users list` says so, and `users enable` brings the same key back. Before,
// there was no such subcommand ("unknown subcommand"): an operator could only delete.
func TestUsersDisable(t *testing.T) {
	dir := t.TempDir()
	if out, err := users(t, dir, "", "add", "--role", "admin", "--username", "ops"); err != nil {
		t.Fatalf("users add: %v\n%s", err, out)
	}
	out, err := users(t, dir, "", "key", "--username", "ops")
	key := regexp.MustCompile(`xq_[a-z0-9]+_[A-Za-z0-9]+`).FindString(out)
	if err != nil || key == "" {
		t.Fatalf("users key: %v\n%s", err, out)
	}
	status := func() int {
		m := MustOpenMain(t, dir, false)
		defer m.Close()
		req, _ := http.NewRequest(http.MethodGet, m.URL()+"/api/v1/session", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}

	if out, err := users(t, dir, "", "disable", "--username", "ops"); err != nil || !strings.Contains(out, "账户已停用 user ops disabled") {
		t.Fatalf("users disable: %v\n%s", err, out)
	}
	if out, _ := users(t, dir, "", "list"); !strings.Contains(out, "admin (已停用 disabled)") {
		t.Errorf("users list does not say ops is disabled:\n%s", out)
	}
	if code := status(); code != http.StatusUnauthorized {
		t.Errorf("the key of a disabled user: %d, want 401", code)
	}
	if out, err := users(t, dir, "", "enable", "--username", "ops"); err != nil || !strings.Contains(out, "账户已启用 user ops enabled") {
		t.Fatalf("users enable: %v\n%s", err, out)
	}
	if code := status(); code != http.StatusOK {
		t.Errorf("the key of a user enabled again: %d, want 200", code)
	}
	// Disabling and enabling are in the audit log, under the user's id, by the command line.
	s, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.UserByName(context.Background(), "ops")
	if err != nil {
		t.Fatal(err)
	}
	log, _, err := s.Audit(context.Background(), xiaoqi.AuditFilter{SubjectID: u.ID})
	s.Close()
	var got []string
	for _, e := range log {
		if e.Action == xiaoqi.AuditUserAccount && e.ActorID == "cli" {
			// "中文（命令行 xiaoqi users）（ops） / English (command line, xiaoqi users) (ops)"
			zh, en, _ := strings.Cut(e.Reason, " / ")
			got = append(got, strings.SplitN(zh, "（", 2)[0]+" / "+strings.SplitN(en, " (", 2)[0])
		}
	}
	if want := []string{"创建账户 / account created", "创建 API 密钥 / API key created", "停用账户 / account disabled", "启用账户 / account enabled"}; !slices.Equal(got, want) || err != nil {
		t.Errorf("the audit log of ops: %q, %v; want %q", got, err, want)
	}
	if out, err := users(t, dir, "", "disable"); err == nil || !strings.Contains(err.Error(), "--username is required") {
		t.Errorf("users disable without --username: %v\n%s", err, out)
	}
	if out, err := users(t, dir, "", "disable", "--username", "nobody"); err == nil {
		t.Errorf("users disable of an unknown user succeeded:\n%s", out)
	}
}

// TestUsersAuditsCandidateAccounts: what an operator does at the command line to a
// candidate's account (create it, set its password, make it a key: each lets them sign in as
// the candidate) is in the audit log the candidate reads, as when an administrator does it
// through the API. Before, the command line left no trace.
func TestUsersAuditsCandidateAccounts(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Candidate{Name: "审计人", Phone: "13912345670", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	cand := res[0].ID
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"add", "--role", "candidate", "--username", "shen", "--candidate", cand},
		{"passwd", "--username", "shen"},
		{"key", "--username", "shen"},
		{"disable", "--username", "shen"},
	} {
		if out, err := users(t, dir, "", args...); err != nil {
			t.Fatalf("users %v: %v\n%s", args, err, out)
		}
	}
	s, err = bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log, _, err := s.Audit(ctx, xiaoqi.AuditFilter{SubjectID: cand})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"创建账户（命令行 xiaoqi users）（shen） / account created (command line, xiaoqi users) (shen)",
		"设置密码（命令行 xiaoqi users）（shen） / password set (command line, xiaoqi users) (shen)",
		"创建 API 密钥（命令行 xiaoqi users）（shen） / API key created (command line, xiaoqi users) (shen)",
		"停用账户（命令行 xiaoqi users）（shen） / account disabled (command line, xiaoqi users) (shen)"}
	if len(log) != len(want) {
		t.Fatalf("the candidate's audit log holds %d entries, want %d: %+v", len(log), len(want), log)
	}
	for i, e := range log {
		if e.Action != xiaoqi.AuditAccount || e.ActorRole != xiaoqi.RoleAdmin || e.Reason != want[i] {
			t.Errorf("entry %d = %+v, want %s by an administrator, naming shen", i, e, want[i])
		}
	}
}

// TestUsersRefusesNoPasswordAndNegativeExpiry: an empty line on --password-stdin (a command
// before the pipe that failed) is refused, not taken as "no password": add made an account
// nobody could sign in to and passwd removed the password, both saying it was set. And
// --expires -5h made a key that never expires, listed as active.
func TestUsersRefusesNoPasswordAndNegativeExpiry(t *testing.T) {
	dir := t.TempDir()
	if out, err := users(t, dir, "\n", "add", "--role", "admin", "--username", "nopw", "--password-stdin"); err == nil ||
		!strings.Contains(err.Error(), "--password-stdin: the first line of standard input is empty") {
		t.Errorf("users add with an empty --password-stdin: %v\n%s", err, out)
	}
	if out, _ := users(t, dir, "", "list"); strings.Contains(out, "nopw") {
		t.Errorf("the user was created all the same:\n%s", out)
	}
	// The missing scope is named by its flag: "enterprise_id is required" named none.
	if out, err := users(t, dir, "", "add", "--role", "enterprise", "--username", "hr9"); err == nil ||
		!strings.Contains(err.Error(), "--enterprise is required for role enterprise") {
		t.Errorf("users add --role enterprise without --enterprise: %v\n%s", err, out)
	}
	if out, err := users(t, dir, "correct-horse-battery-9\n", "add", "--role", "admin", "--username", "root", "--password-stdin"); err != nil {
		t.Fatalf("users add: %v\n%s", err, out)
	}
	if out, err := users(t, dir, "", "passwd", "--username", "root", "--password-stdin"); err == nil || strings.Contains(out, "password set") {
		t.Errorf("users passwd with nothing on stdin: %v\n%s", err, out)
	}
	if out, err := users(t, dir, "", "key", "--username", "root", "--expires", "-5h"); err == nil ||
		!strings.Contains(err.Error(), "--expires must be a positive duration") || strings.Contains(out, "xq_") {
		t.Errorf("users key --expires -5h: %v\n%s", err, out)
	}

	// The password is still the one set: the service signs root in with it.
	m := MustOpenMain(t, dir, false)
	resp, err := http.Post(m.URL()+"/api/v1/session", "application/json", strings.NewReader(`{"username":"root","password":"correct-horse-battery-9"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("sign-in with the password set before the empty passwd: %d, want 200", resp.StatusCode)
	}
}

// TestUsersCommandNeedsStore: passwd without XIAOQI_MONGODB_URI, in a directory that is not
// serve's, created an empty store there and said only "no user named ops". Only add (the
// first administrator) creates a store; every command says which store it opened.
func TestUsersCommandNeedsStore(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "xiaoqi.db")
	for _, args := range [][]string{
		{"passwd", "--username", "ops"}, {"key", "--username", "ops"}, {"disable", "--username", "ops"},
		{"enable", "--username", "ops"}, {"revoke", "--key", "abc"}, {"list"},
	} {
		out, err := users(t, dir, "", args...)
		if err == nil || !strings.Contains(err.Error(), "no store: "+store+" does not exist") ||
			!strings.Contains(err.Error(), "--data-dir (XIAOQI_DATA_DIR)") || !strings.Contains(err.Error(), "XIAOQI_MONGODB_URI") {
			t.Errorf("users %v without a store: %v\n%s; want it refused, naming the store, --data-dir and XIAOQI_MONGODB_URI", args, err, out)
		}
		if _, err := os.Stat(store); err == nil {
			t.Fatalf("users %v created %s", args, store)
		}
	}
	out, err := users(t, dir, "", "add", "--role", "admin", "--username", "ops")
	if err != nil || !strings.Contains(out, "store: "+store+" (new)") {
		t.Errorf("users add on no store: %v\n%s; want it to create one and say where", err, out)
	}
	out, err = users(t, dir, "", "passwd", "--username", "ops")
	if err != nil || !strings.Contains(out, "store: "+store+"\n") {
		t.Errorf("users passwd: %v\n%s; want it to name the store it opened", err, out)
	}
}
