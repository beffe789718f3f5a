package auth_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/auth"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
)

// clock is a settable clock. It starts at the real time because the bolt store expires
// sessions by its own clock: a session must not look expired to the store before the service.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Now().Round(0)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openStore opens a real bolt store in a temporary directory.
func openStore(tb testing.TB) *bolt.Store {
	tb.Helper()
	st, err := bolt.Open(filepath.Join(tb.TempDir(), "x.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// newService returns a service with cheap hashes over a fresh bolt store, and its clock.
func newService(tb testing.TB) (*auth.Service, *bolt.Store, *clock) {
	tb.Helper()
	st := openStore(tb)
	c := newClock()
	return auth.New(st, auth.Options{Params: auth.TestParams, Now: c.Now}), st, c
}

const goodPassword = "Xian-2025-outsourcing"

// addUser adds an enterprise HR user with the given password.
func addUser(tb testing.TB, svc *auth.Service, username, password string) *xiaoqi.User {
	tb.Helper()
	u := xiaoqi.NewUser(username, xiaoqi.RoleEnterprise, "ent_1")
	if err := svc.AddUser(context.Background(), u, password); err != nil {
		tb.Fatalf("AddUser(%s): %v", username, err)
	}
	return u
}

// wantCode fails unless err carries code.
func wantCode(tb testing.TB, err error, code, what string) {
	tb.Helper()
	if got := xiaoqi.ErrorCode(err); got != code {
		tb.Fatalf("%s: error %v (code %q), want code %q", what, err, got, code)
	}
}

func TestAddUser(t *testing.T) {
	ctx := context.Background()
	svc, st, c := newService(t)
	u := addUser(t, svc, "hr_li", goodPassword)
	if !strings.HasPrefix(u.ID, "u_") || len(u.ID) != 18 {
		t.Errorf("ID %q, want u_ and 16 characters", u.ID)
	}
	if !u.CreatedAt.Equal(c.Now()) || !u.UpdatedAt.Equal(c.Now()) {
		t.Errorf("times %v / %v, want the clock's %v", u.CreatedAt, u.UpdatedAt, c.Now())
	}
	stored, err := st.User(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stored.PasswordHash, goodPassword) || !strings.HasPrefix(stored.PasswordHash, "$argon2id$") {
		t.Fatalf("stored password hash %q: want argon2id, not the password", stored.PasswordHash)
	}
	if ok, err := auth.VerifySecret(stored.PasswordHash, goodPassword); !ok || err != nil {
		t.Fatalf("stored hash does not verify the password: %v, %v", ok, err)
	}

	keysOnly := &xiaoqi.User{Username: "erp-sync", Role: xiaoqi.RoleAdmin, PasswordHash: "$argon2id$injected"}
	if err := svc.AddUser(ctx, keysOnly, ""); err != nil {
		t.Fatal(err)
	}
	if stored, _ := st.User(ctx, keysOnly.ID); stored == nil || stored.PasswordHash != "" {
		t.Fatalf("keys-only user stored with hash %q, want none", stored.PasswordHash)
	}
	if u2 := (&xiaoqi.User{ID: "u_fixed", Username: "fixed", Role: xiaoqi.RoleAdmin}); svc.AddUser(ctx, u2, "") != nil || u2.ID != "u_fixed" {
		t.Errorf("a given ID was not kept: %q", u2.ID)
	}

	err = svc.AddUser(ctx, &xiaoqi.User{Username: "weak", Role: xiaoqi.RoleAdmin}, "password")
	wantCode(t, err, xiaoqi.EINVALID, "weak password")
	if d := xiaoqi.ErrorDetails(err); len(d) != 1 || d[0].Field != "password" {
		t.Errorf("weak password details %+v, want one naming password", d)
	}
	if _, err := st.UserByName(ctx, "weak"); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
		t.Errorf("user with a refused password was stored: %v", err)
	}
	err = svc.AddUser(ctx, &xiaoqi.User{Username: "hr_li", Role: xiaoqi.RoleAdmin}, goodPassword)
	wantCode(t, err, xiaoqi.ECONFLICT, "taken username")
	err = svc.AddUser(ctx, &xiaoqi.User{Username: "no-scope", Role: xiaoqi.RoleEnterprise}, goodPassword)
	wantCode(t, err, xiaoqi.EINVALID, "enterprise user without enterprise_id")
}

func TestLogin(t *testing.T) {
	ctx := context.Background()
	svc, st, _ := newService(t)
	u := addUser(t, svc, "hr_li", goodPassword)
	addUser(t, svc, "keys_only", "")
	off := addUser(t, svc, "hr_gone", goodPassword)
	off.Disabled = true
	if err := st.UpdateUser(ctx, off); err != nil {
		t.Fatal(err)
	}

	token, got, err := svc.Login(ctx, "hr_li", goodPassword)
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	if got.ID != u.ID || got.Role != xiaoqi.RoleEnterprise || got.EnterpriseID != "ent_1" {
		t.Errorf("Login user %+v, want %s", got, u.ID)
	}
	if got.PasswordHash != "" {
		t.Error("Login returned the password hash")
	}
	if len(token) != 43 {
		t.Errorf("token %d characters, want 43", len(token))
	}
	if _, err := st.Session(ctx, auth.SessionID(token)); err != nil {
		t.Errorf("session is not stored under SessionID(token): %v", err)
	}
	if _, err := st.Session(ctx, token); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
		t.Error("the raw token is stored as a session ID")
	}
	su, err := svc.SessionUser(ctx, token)
	if err != nil || su.ID != u.ID || su.PasswordHash != "" {
		t.Fatalf("SessionUser = %+v, %v; want %s without hash", su, err, u.ID)
	}
	token2, _, err := svc.Login(ctx, "hr_li", goodPassword)
	if err != nil || token2 == token {
		t.Fatalf("second Login: %v; token reused: %v", err, token2 == token)
	}

	const msg = "用户名或密码错误 / wrong username or password"
	for _, tc := range []struct{ name, username, password string }{
		{"wrong password", "hr_li", goodPassword + "x"},
		{"empty password", "hr_li", ""},
		{"unknown user", "nobody", goodPassword},
		{"disabled user", "hr_gone", goodPassword},
		{"user without password", "keys_only", ""},
		{"empty username", "", goodPassword},
		{"overlong username", strings.Repeat("很", 200), goodPassword},
		{"overlong password", "hr_li", goodPassword + strings.Repeat("a", 200)},
	} {
		token, u, err := svc.Login(ctx, tc.username, tc.password)
		if token != "" || u != nil {
			t.Errorf("%s: Login returned a token or user", tc.name)
		}
		wantCode(t, err, xiaoqi.EUNAUTHORIZED, tc.name)
		if m := xiaoqi.ErrorMessage(err); m != msg {
			t.Errorf("%s: message %q, want %q", tc.name, m, msg)
		}
		if tc.password != "" && strings.Contains(err.Error(), tc.password) {
			t.Errorf("%s: error quotes the password: %v", tc.name, err)
		}
	}
}

func TestLoginCancelled(t *testing.T) {
	svc, _, _ := newService(t)
	addUser(t, svc, "hr_li", goodPassword)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	token, _, err := svc.Login(ctx, "hr_li", goodPassword)
	if token != "" {
		t.Fatal("a cancelled Login started a session")
	}
	wantCode(t, err, xiaoqi.EUNAVAILABLE, "Login with a cancelled context")
}

func TestSessionExpiry(t *testing.T) {
	ctx := context.Background()
	svc, _, c := newService(t)
	addUser(t, svc, "hr_li", goodPassword)
	token, _, err := svc.Login(ctx, "hr_li", goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	c.Advance(auth.DefaultSessionTTL - time.Second)
	if _, err := svc.SessionUser(ctx, token); err != nil {
		t.Fatalf("a second before the 12 h TTL: %v", err)
	}
	c.Advance(time.Second)
	_, err = svc.SessionUser(ctx, token)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "session at its expiry")

	st := openStore(t)
	short := auth.New(st, auth.Options{Params: auth.TestParams, SessionTTL: time.Minute, Now: c.Now})
	addUser(t, short, "hr_wang", goodPassword)
	token, _, err = short.Login(ctx, "hr_wang", goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Minute)
	_, err = short.SessionUser(ctx, token)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "session after a 1-minute TTL")
}

func TestSessionUserRefused(t *testing.T) {
	ctx := context.Background()
	svc, st, c := newService(t)
	u := addUser(t, svc, "hr_li", goodPassword)
	token, _, err := svc.Login(ctx, "hr_li", goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "x", token + "A", token[:42], strings.Repeat("A", 42) + "=", strings.Repeat("A", 43)} {
		_, err := svc.SessionUser(ctx, bad)
		wantCode(t, err, xiaoqi.EUNAUTHORIZED, "token "+bad)
	}

	// Disabling the user ends the session.
	c.Advance(time.Second)
	u.Disabled = true
	u.UpdatedAt = c.Now()
	if err := st.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	_, err = svc.SessionUser(ctx, token)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "session of a disabled user")

	// Deleting the user ends the session too.
	v := addUser(t, svc, "hr_wang", goodPassword)
	token, _, err = svc.Login(ctx, "hr_wang", goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteUser(ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	_, err = svc.SessionUser(ctx, token)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "session of a deleted user")
}

func TestLogout(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := newService(t)
	addUser(t, svc, "hr_li", goodPassword)
	a, _, err := svc.Login(ctx, "hr_li", goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := svc.Login(ctx, "hr_li", goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Logout(ctx, a); err != nil {
		t.Fatal(err)
	}
	_, err = svc.SessionUser(ctx, a)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "session after logout")
	if _, err := svc.SessionUser(ctx, b); err != nil {
		t.Fatalf("logging out one browser ended the other: %v", err)
	}
	for _, tok := range []string{a, "", "garbage"} {
		if err := svc.Logout(ctx, tok); err != nil {
			t.Errorf("Logout(%q) again: %v, want nil", tok, err)
		}
	}
}

func TestSetPassword(t *testing.T) {
	ctx := context.Background()
	svc, _, c := newService(t)
	u := addUser(t, svc, "hr_li", goodPassword)
	token, _, err := svc.Login(ctx, "hr_li", goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Second)
	const newPassword = "Yanta-district-99"
	if err := svc.SetPassword(ctx, u.ID, newPassword); err != nil {
		t.Fatal(err)
	}
	_, err = svc.SessionUser(ctx, token)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "session begun before the password change")
	_, _, err = svc.Login(ctx, "hr_li", goodPassword)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "old password")
	token, _, err = svc.Login(ctx, "hr_li", newPassword)
	if err != nil {
		t.Fatalf("new password: %v", err)
	}
	if _, err := svc.SessionUser(ctx, token); err != nil {
		t.Fatalf("session begun after the change (same instant): %v", err)
	}

	// password1234 and the username three times were set and signed in with.
	for _, weak := range []string{"short1A", "password1234", "hr_lihr_lihr_li", "Qwerty123456!"} {
		err = svc.SetPassword(ctx, u.ID, weak)
		wantCode(t, err, xiaoqi.EINVALID, "weak new password")
		if _, _, err := svc.Login(ctx, "hr_li", newPassword); err != nil {
			t.Fatalf("a refused change altered the password: %v", err)
		}
	}
	err = svc.AddUser(ctx, xiaoqi.NewUser("cand1", xiaoqi.RoleEnterprise, "ent_1"), "cand1cand1cand1")
	wantCode(t, err, xiaoqi.EINVALID, "a new user's password holding the username")
	wantCode(t, svc.SetPassword(ctx, "u_nobody", newPassword), xiaoqi.ENOTFOUND, "unknown user")

	if err := svc.SetPassword(ctx, u.ID, ""); err != nil {
		t.Fatal(err)
	}
	_, _, err = svc.Login(ctx, "hr_li", "")
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "empty password of a keys-only user")
}

func TestCSRFToken(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := newService(t)
	addUser(t, svc, "hr_li", goodPassword)
	a, _, err := svc.Login(ctx, "hr_li", goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := svc.Login(ctx, "hr_li", goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	ca, cb := auth.CSRFToken(a), auth.CSRFToken(b)
	if len(ca) != 64 || strings.Trim(ca, "0123456789abcdef") != "" {
		t.Fatalf("CSRF token %q, want 64 hex digits", ca)
	}
	if ca == cb || strings.Contains(ca, a) {
		t.Fatal("CSRF tokens of two sessions are equal, or the CSRF token shows the session token")
	}
	if auth.CSRFToken(a) != ca {
		t.Fatal("CSRFToken is not stable for one session")
	}
	if !auth.CheckCSRF(a, ca) {
		t.Fatal("CheckCSRF refuses the session's own token")
	}
	for _, tc := range []struct{ token, csrf, what string }{
		{a, cb, "another session's token"},
		{a, ca[:63], "truncated token"},
		{a, strings.ToUpper(ca), "upper-cased token"},
		{a, "", "no token"},
		{"", auth.CSRFToken(""), "no session"},
	} {
		if auth.CheckCSRF(tc.token, tc.csrf) {
			t.Errorf("CheckCSRF accepts %s", tc.what)
		}
	}
	if auth.CSRFToken("") != "" {
		t.Error("CSRFToken of no session is not empty")
	}
}

func TestLoginConcurrent(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := newService(t)
	addUser(t, svc, "hr_li", goodPassword)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Go(func() {
			pw := goodPassword
			if i%2 == 1 {
				pw += "!"
			}
			token, _, err := svc.Login(ctx, "hr_li", pw)
			switch {
			case i%2 == 0 && err != nil:
				errs <- err
			case i%2 == 1 && xiaoqi.ErrorCode(err) != xiaoqi.EUNAUTHORIZED:
				errs <- errors.New("wrong password not refused")
			case i%2 == 0:
				if _, err := svc.SessionUser(ctx, token); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
