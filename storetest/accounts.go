package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestAccounts runs the conformance suite of xiaoqi.Accounts against the implementations that
// open returns. Each subtest calls open once and expects a new, empty store; open registers any
// cleanup with t.Cleanup. Times are compared at millisecond precision, which MongoDB keeps.
func TestAccounts(t *testing.T, open func(t *testing.T) xiaoqi.Accounts) {
	tests := []struct {
		name string
		fn   func(t *testing.T, a xiaoqi.Accounts)
	}{
		{"CreateAndGet", testCreateUser},
		{"CreateConflict", testCreateConflict},
		{"CreateInvalid", testCreateInvalid},
		{"UpdateUser", testUpdateUser},
		{"UsersInUsernameOrder", testUsersOrder},
		{"NotFound", testAccountsNotFound},
		{"Keys", testKeys},
		{"KeyRotateRevoke", testKeyRotateRevoke},
		{"Sessions", testSessions},
		{"DeleteUser", testDeleteUser},
		{"AuditAppend", testAuditAppend},
		{"AuditConcurrentAndCap", testAuditConcurrent},
		{"AuditFilter", testAuditFilter},
		{"AuditPaging", testAuditPaging},
		{"RedactAudit", testRedactAudit},
		{"ContextCancelled", testAccountsCancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

// ms is t at the precision every store keeps.
func ms(t time.Time) time.Time { return t.Truncate(time.Millisecond) }

// at is a fixed time with sub-millisecond digits, which stores may drop.
func at(minutes int) time.Time {
	return time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC).Add(time.Duration(minutes) * time.Minute)
}

// newUser returns a valid user of role r with the scope that role needs.
func newUser(id, username string, r xiaoqi.Role) *xiaoqi.User {
	scope := map[xiaoqi.Role]string{
		xiaoqi.RoleEnterprise:  xiaoqi.NewID(xiaoqi.KindEnterprise, "uscc:91610131MA6TXQ2X4K"),
		xiaoqi.RoleInstitution: xiaoqi.NewID(xiaoqi.KindInstitution, "moe:4161010698"),
		xiaoqi.RoleCandidate:   "cnd_" + id,
	}[r]
	u := xiaoqi.NewUser(username, r, scope)
	u.ID, u.PasswordHash, u.CreatedAt, u.UpdatedAt = id, "$argon2id$v=19$m=65536,t=1,p=1$c2FsdA$aGFzaA", at(0), at(1)
	return u
}

// sameUser fails unless got is want, times compared at millisecond precision.
func sameUser(tb testing.TB, got, want *xiaoqi.User) {
	tb.Helper()
	if got == nil {
		tb.Fatalf("user %s: got nil", want.ID)
	}
	g, w := *got, *want
	if !ms(g.CreatedAt).Equal(ms(w.CreatedAt)) || !ms(g.UpdatedAt).Equal(ms(w.UpdatedAt)) {
		tb.Fatalf("user %s: times %v, %v; want %v, %v", w.ID, g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt)
	}
	g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if g != w {
		tb.Fatalf("user:\n got %+v\nwant %+v", g, w)
	}
}

func mustCreateUser(tb testing.TB, a xiaoqi.Accounts, u *xiaoqi.User) *xiaoqi.User {
	tb.Helper()
	if err := a.CreateUser(ctx(), u); err != nil {
		tb.Fatalf("CreateUser(%s %q): %v", u.ID, u.Username, err)
	}
	return u
}

func mustUser(tb testing.TB, a xiaoqi.Accounts, id string) *xiaoqi.User {
	tb.Helper()
	u, err := a.User(ctx(), id)
	if err != nil {
		tb.Fatalf("User(%s): %v", id, err)
	}
	return u
}

// usernames returns the usernames of every user, in the order Users gives.
func usernames(tb testing.TB, a xiaoqi.Accounts) []string {
	tb.Helper()
	users, err := a.Users(ctx())
	if err != nil {
		tb.Fatalf("Users: %v", err)
	}
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = u.Username
	}
	return out
}

func testCreateUser(t *testing.T, a xiaoqi.Accounts) {
	users := []*xiaoqi.User{
		newUser("u_admin", "admin", xiaoqi.RoleAdmin),
		newUser("u_hr", "hr.qinyun", xiaoqi.RoleEnterprise),
		newUser("u_staff", "教务处-王老师", xiaoqi.RoleInstitution),
		newUser("u_cand", "li.na", xiaoqi.RoleCandidate),
	}
	users[0].PasswordHash, users[1].Disabled = "", true // keys only; disabled
	for _, u := range users {
		mustCreateUser(t, a, u)
	}
	for _, want := range users {
		sameUser(t, mustUser(t, a, want.ID), want)
		got, err := a.UserByName(ctx(), want.Username)
		if err != nil {
			t.Fatalf("UserByName(%q): %v", want.Username, err)
		}
		sameUser(t, got, want)
	}
	// The store keeps its own copy: changing the value passed in changes nothing stored.
	users[3].Username = "changed"
	if got := mustUser(t, a, "u_cand"); got.Username != "li.na" {
		t.Errorf("stored username %q changed with the caller's value", got.Username)
	}
}

func testCreateConflict(t *testing.T, a xiaoqi.Accounts) {
	orig := mustCreateUser(t, a, newUser("u_1", "zhang.wei", xiaoqi.RoleAdmin))
	err := a.CreateUser(ctx(), newUser("u_1", "other.name", xiaoqi.RoleCandidate))
	wantCode(t, err, xiaoqi.ECONFLICT)
	err = a.CreateUser(ctx(), newUser("u_2", "zhang.wei", xiaoqi.RoleCandidate))
	wantCode(t, err, xiaoqi.ECONFLICT)
	sameUser(t, mustUser(t, a, "u_1"), orig)
	if got := usernames(t, a); !slices.Equal(got, []string{"zhang.wei"}) {
		t.Errorf("after two conflicting creates: users %q, want only zhang.wei", got)
	}
	wantCode(t, errOf(a.User(ctx(), "u_2")), xiaoqi.ENOTFOUND)
}

func testCreateInvalid(t *testing.T, a xiaoqi.Accounts) {
	cases := []struct {
		name  string
		edit  func(u *xiaoqi.User)
		field string
	}{
		{"no id", func(u *xiaoqi.User) { u.ID = "" }, "id"},
		{"no username", func(u *xiaoqi.User) { u.Username = "" }, "username"},
		{"bad role", func(u *xiaoqi.User) { u.Role = "root" }, "role"},
		{"public role", func(u *xiaoqi.User) { u.Role = xiaoqi.RolePublic }, "role"},
		{"enterprise without enterprise", func(u *xiaoqi.User) { u.Role = xiaoqi.RoleEnterprise }, "enterprise_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := newUser("u_bad", "bad.user", xiaoqi.RoleAdmin)
			tc.edit(u)
			err := a.CreateUser(ctx(), u)
			wantCode(t, err, xiaoqi.EINVALID)
			if !hasDetail(err, tc.field) {
				t.Errorf("error %v does not name field %s", err, tc.field)
			}
		})
	}
	if got := usernames(t, a); len(got) != 0 {
		t.Errorf("invalid creates stored users %q", got)
	}
	mustCreateUser(t, a, newUser("u_ok", "ok.user", xiaoqi.RoleAdmin))
	bad := newUser("u_ok", "ok.user", xiaoqi.RoleCandidate)
	bad.CandidateID = ""
	err := a.UpdateUser(ctx(), bad)
	wantCode(t, err, xiaoqi.EINVALID)
	if !hasDetail(err, "candidate_id") {
		t.Errorf("UpdateUser error %v does not name candidate_id", err)
	}
	if got := mustUser(t, a, "u_ok"); got.Role != xiaoqi.RoleAdmin {
		t.Errorf("invalid update stored role %s", got.Role)
	}
}

func testUpdateUser(t *testing.T, a xiaoqi.Accounts) {
	mustCreateUser(t, a, newUser("u_1", "wang.fang", xiaoqi.RoleCandidate))
	other := mustCreateUser(t, a, newUser("u_2", "zhao.lei", xiaoqi.RoleAdmin))

	// Same username, other fields changed.
	u := newUser("u_1", "wang.fang", xiaoqi.RoleEnterprise)
	u.Disabled, u.UpdatedAt = true, at(30)
	if err := a.UpdateUser(ctx(), u); err != nil {
		t.Fatalf("UpdateUser: %v", err)
	}
	sameUser(t, mustUser(t, a, "u_1"), u)

	// A new username frees the old one.
	renamed := *u
	renamed.Username = "wang.fang2"
	if err := a.UpdateUser(ctx(), &renamed); err != nil {
		t.Fatalf("UpdateUser (rename): %v", err)
	}
	wantCode(t, errOf(a.UserByName(ctx(), "wang.fang")), xiaoqi.ENOTFOUND)
	got, err := a.UserByName(ctx(), "wang.fang2")
	if err != nil {
		t.Fatalf("UserByName(new name): %v", err)
	}
	sameUser(t, got, &renamed)
	if names := usernames(t, a); !slices.Equal(names, []string{"wang.fang2", "zhao.lei"}) {
		t.Errorf("after rename: users %q", names)
	}
	mustCreateUser(t, a, newUser("u_3", "wang.fang", xiaoqi.RoleAdmin)) // the old name is free

	// Taking another user's name fails and changes nothing.
	clash := renamed
	clash.Username, clash.Disabled = "zhao.lei", false
	wantCode(t, a.UpdateUser(ctx(), &clash), xiaoqi.ECONFLICT)
	sameUser(t, mustUser(t, a, "u_1"), &renamed)
	sameUser(t, mustUser(t, a, "u_2"), other)

	wantCode(t, a.UpdateUser(ctx(), newUser("u_absent", "nobody", xiaoqi.RoleAdmin)), xiaoqi.ENOTFOUND)
	wantCode(t, errOf(a.UserByName(ctx(), "nobody")), xiaoqi.ENOTFOUND)
}

func testUsersOrder(t *testing.T, a xiaoqi.Accounts) {
	names := []string{"zhang.wei", "admin", "王芳", "li.na", "Bob", "hr-01", "hr.01"}
	for i, n := range names {
		mustCreateUser(t, a, newUser(fmt.Sprintf("u_%d", len(names)-i), n, xiaoqi.RoleAdmin))
	}
	if got, want := usernames(t, a), slices.Sorted(slices.Values(names)); !slices.Equal(got, want) {
		t.Errorf("Users: %q, want username order %q", got, want)
	}
}

func testAccountsNotFound(t *testing.T, a xiaoqi.Accounts) {
	mustCreateUser(t, a, newUser("u_1", "present", xiaoqi.RoleAdmin))
	wantCode(t, errOf(a.User(ctx(), "u_absent")), xiaoqi.ENOTFOUND)
	wantCode(t, errOf(a.UserByName(ctx(), "absent")), xiaoqi.ENOTFOUND)
	wantCode(t, errOf(a.UserByName(ctx(), "Present")), xiaoqi.ENOTFOUND) // usernames are exact
	wantCode(t, a.DeleteUser(ctx(), "u_absent"), xiaoqi.ENOTFOUND)
	wantCode(t, errOf(a.Key(ctx(), "absentkey001")), xiaoqi.ENOTFOUND)
	wantCode(t, errOf(a.Session(ctx(), "absent")), xiaoqi.ENOTFOUND)
	if err := a.DeleteSession(ctx(), "absent"); err != nil {
		t.Errorf("DeleteSession(absent) = %v, want nil", err)
	}
	keys, err := a.Keys(ctx(), "u_1")
	if err != nil || len(keys) != 0 {
		t.Errorf("Keys of a user without keys = %v, %v; want none", keys, err)
	}
	// Keys and sessions belong to a stored user.
	wantCode(t, a.PutKey(ctx(), newKey("absentkey001", "u_absent")), xiaoqi.ENOTFOUND)
	wantCode(t, a.PutSession(ctx(), newSession("s1", "u_absent", time.Hour)), xiaoqi.ENOTFOUND)
	wantCode(t, errOf(a.Key(ctx(), "absentkey001")), xiaoqi.ENOTFOUND)
}

// errOf returns the error of a two-value call.
func errOf[T any](_ T, err error) error { return err }
