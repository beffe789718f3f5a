package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// newKey returns an API key of user with a fake hash.
func newKey(id, userID string) *xiaoqi.APIKey {
	return &xiaoqi.APIKey{ID: id, UserID: userID, Name: "ERP 同步 " + id,
		Hash: "$argon2id$v=19$m=65536,t=1,p=1$c2FsdA$" + id, CreatedAt: at(2)}
}

// newSession returns a session of user that expires ttl from now (in the past for ttl < 0).
func newSession(id, userID string, ttl time.Duration) *xiaoqi.Session {
	now := time.Now()
	return &xiaoqi.Session{ID: id, UserID: userID, CreatedAt: now, ExpiresAt: now.Add(ttl)}
}

// sameKey fails unless got is want, times compared at millisecond precision.
func sameKey(tb testing.TB, got, want *xiaoqi.APIKey) {
	tb.Helper()
	if got == nil {
		tb.Fatalf("key %s: got nil", want.ID)
	}
	g, w := *got, *want
	for _, p := range []struct {
		name string
		g, w *time.Time
	}{{"created_at", &g.CreatedAt, &w.CreatedAt}, {"rotated_at", &g.RotatedAt, &w.RotatedAt},
		{"expires_at", &g.ExpiresAt, &w.ExpiresAt}, {"revoked_at", &g.RevokedAt, &w.RevokedAt}} {
		if !ms(*p.g).Equal(ms(*p.w)) {
			tb.Fatalf("key %s: %s %v, want %v", w.ID, p.name, *p.g, *p.w)
		}
		*p.g, *p.w = time.Time{}, time.Time{}
	}
	if g != w {
		tb.Fatalf("key:\n got %+v\nwant %+v", g, w)
	}
}

func mustPutKey(tb testing.TB, a xiaoqi.Accounts, k *xiaoqi.APIKey) {
	tb.Helper()
	if err := a.PutKey(ctx(), k); err != nil {
		tb.Fatalf("PutKey(%s): %v", k.ID, err)
	}
}

func mustKey(tb testing.TB, a xiaoqi.Accounts, id string) *xiaoqi.APIKey {
	tb.Helper()
	k, err := a.Key(ctx(), id)
	if err != nil {
		tb.Fatalf("Key(%s): %v", id, err)
	}
	return k
}

// keyIDs returns the IDs of a user's keys in the order Keys gives.
func keyIDs(tb testing.TB, a xiaoqi.Accounts, userID string) []string {
	tb.Helper()
	keys, err := a.Keys(ctx(), userID)
	if err != nil {
		tb.Fatalf("Keys(%s): %v", userID, err)
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		if k.UserID != userID {
			tb.Fatalf("Keys(%s) returned key %s of %s", userID, k.ID, k.UserID)
		}
		out[i] = k.ID
	}
	return out
}

func mustPutSession(tb testing.TB, a xiaoqi.Accounts, s *xiaoqi.Session) {
	tb.Helper()
	if err := a.PutSession(ctx(), s); err != nil {
		tb.Fatalf("PutSession(%s): %v", s.ID, err)
	}
}

// wantSession fails unless the session with id is live and is want.
func wantSession(tb testing.TB, a xiaoqi.Accounts, want *xiaoqi.Session) {
	tb.Helper()
	got, err := a.Session(ctx(), want.ID)
	if err != nil {
		tb.Fatalf("Session(%s): %v", want.ID, err)
	}
	if got.ID != want.ID || got.UserID != want.UserID || !ms(got.CreatedAt).Equal(ms(want.CreatedAt)) ||
		!ms(got.ExpiresAt).Equal(ms(want.ExpiresAt)) {
		tb.Fatalf("session:\n got %+v\nwant %+v", got, want)
	}
}

func testKeys(t *testing.T, a xiaoqi.Accounts) {
	mustCreateUser(t, a, newUser("u_a", "erp.bot", xiaoqi.RoleEnterprise))
	mustCreateUser(t, a, newUser("u_b", "hr.b", xiaoqi.RoleEnterprise))
	// u_ab's ID starts with u_a's: its keys are not u_a's.
	mustCreateUser(t, a, newUser("u_ab", "hr.ab", xiaoqi.RoleEnterprise))
	keys := map[string]*xiaoqi.APIKey{}
	for _, k := range []*xiaoqi.APIKey{newKey("k3abcdefghij", "u_a"), newKey("k1abcdefghij", "u_a"),
		newKey("k4abcdefghij", "u_b"), newKey("k2abcdefghij", "u_a"), newKey("k0abcdefghij", "u_ab")} {
		keys[k.ID] = k
		mustPutKey(t, a, k)
	}
	keys["k1abcdefghij"].ExpiresAt = at(60 * 24 * 90)
	mustPutKey(t, a, keys["k1abcdefghij"])
	for id, want := range keys {
		sameKey(t, mustKey(t, a, id), want)
	}
	for user, want := range map[string][]string{
		"u_a":  {"k1abcdefghij", "k2abcdefghij", "k3abcdefghij"},
		"u_b":  {"k4abcdefghij"},
		"u_ab": {"k0abcdefghij"},
		"u_":   {},
	} {
		if got := keyIDs(t, a, user); !slices.Equal(got, want) {
			t.Errorf("Keys(%s) = %q, want %q", user, got, want)
		}
	}
	full, err := a.Keys(ctx(), "u_a")
	if err != nil {
		t.Fatal(err)
	}
	sameKey(t, full[0], keys["k1abcdefghij"])

	// A key keeps its user.
	stolen := newKey("k4abcdefghij", "u_a")
	wantCode(t, a.PutKey(ctx(), stolen), xiaoqi.ECONFLICT)
	sameKey(t, mustKey(t, a, "k4abcdefghij"), keys["k4abcdefghij"])
	if got := keyIDs(t, a, "u_a"); len(got) != 3 {
		t.Errorf("after a refused PutKey: Keys(u_a) = %q", got)
	}

	for _, bad := range []*xiaoqi.APIKey{{UserID: "u_a", Hash: "h"}, {ID: "k9abcdefghij", Hash: "h"}} {
		wantCode(t, a.PutKey(ctx(), bad), xiaoqi.EINVALID)
	}
}

func testKeyRotateRevoke(t *testing.T, a xiaoqi.Accounts) {
	mustCreateUser(t, a, newUser("u_a", "erp.bot", xiaoqi.RoleEnterprise))
	k := newKey("krotate00001", "u_a")
	mustPutKey(t, a, k)

	rotated := *k
	rotated.Hash, rotated.RotatedAt = "$argon2id$v=19$m=65536,t=1,p=1$bmV3$bmV3", at(10)
	mustPutKey(t, a, &rotated)
	got := mustKey(t, a, k.ID)
	sameKey(t, got, &rotated)
	if got.Hash == k.Hash || !got.Active(at(11)) {
		t.Errorf("rotated key %+v: want the new hash, still active", got)
	}

	revoked := rotated
	revoked.RevokedAt = at(20)
	mustPutKey(t, a, &revoked)
	got = mustKey(t, a, k.ID)
	sameKey(t, got, &revoked)
	if got.Active(at(21)) {
		t.Errorf("revoked key %+v is active", got)
	}
	if ids := keyIDs(t, a, "u_a"); !slices.Equal(ids, []string{k.ID}) {
		t.Errorf("Keys after rotating and revoking = %q, want the one key", ids)
	}
}

func testSessions(t *testing.T, a xiaoqi.Accounts) {
	mustCreateUser(t, a, newUser("u_a", "wang.fang", xiaoqi.RoleCandidate))
	live := newSession("5e55104a", "u_a", time.Hour)
	mustPutSession(t, a, live)
	wantSession(t, a, live)

	// Putting a session again replaces it.
	longer := *live
	longer.ExpiresAt = live.ExpiresAt.Add(time.Hour)
	mustPutSession(t, a, &longer)
	wantSession(t, a, &longer)

	expired := newSession("e4b1d2c3", "u_a", -time.Second)
	mustPutSession(t, a, expired)
	wantCode(t, errOf(a.Session(ctx(), expired.ID)), xiaoqi.ENOTFOUND)
	// Meeting the expired session while storing another changes nothing for the live one.
	mustPutSession(t, a, newSession("0ther", "u_a", time.Minute))
	wantCode(t, errOf(a.Session(ctx(), expired.ID)), xiaoqi.ENOTFOUND)
	wantSession(t, a, &longer)

	if err := a.DeleteSession(ctx(), live.ID); err != nil {
		t.Fatalf("DeleteSession: %v", err)
	}
	wantCode(t, errOf(a.Session(ctx(), live.ID)), xiaoqi.ENOTFOUND)
	if err := a.DeleteSession(ctx(), live.ID); err != nil {
		t.Errorf("DeleteSession again = %v, want nil", err)
	}
	wantCode(t, a.PutSession(ctx(), &xiaoqi.Session{ID: "s", UserID: "u_a"}), xiaoqi.EINVALID) // no expiry
	wantCode(t, a.PutSession(ctx(), &xiaoqi.Session{UserID: "u_a", ExpiresAt: at(0)}), xiaoqi.EINVALID)
}

func testDeleteUser(t *testing.T, a xiaoqi.Accounts) {
	gone := mustCreateUser(t, a, newUser("u_gone", "leaving", xiaoqi.RoleEnterprise))
	mustCreateUser(t, a, newUser("u_stay", "staying", xiaoqi.RoleEnterprise))
	for _, k := range []*xiaoqi.APIKey{newKey("kgone0000001", "u_gone"), newKey("kgone0000002", "u_gone"), newKey("kstay0000001", "u_stay")} {
		mustPutKey(t, a, k)
	}
	staying := newSession("sstay", "u_stay", time.Hour)
	for _, s := range []*xiaoqi.Session{newSession("sgone1", "u_gone", time.Hour), newSession("sgone2", "u_gone", time.Hour), staying} {
		mustPutSession(t, a, s)
	}

	if err := a.DeleteUser(ctx(), gone.ID); err != nil {
		t.Fatalf("DeleteUser: %v", err)
	}
	wantCode(t, errOf(a.User(ctx(), gone.ID)), xiaoqi.ENOTFOUND)
	wantCode(t, errOf(a.UserByName(ctx(), gone.Username)), xiaoqi.ENOTFOUND)
	for _, id := range []string{"kgone0000001", "kgone0000002"} {
		wantCode(t, errOf(a.Key(ctx(), id)), xiaoqi.ENOTFOUND)
	}
	for _, id := range []string{"sgone1", "sgone2"} {
		wantCode(t, errOf(a.Session(ctx(), id)), xiaoqi.ENOTFOUND)
	}
	if ids := keyIDs(t, a, gone.ID); len(ids) != 0 {
		t.Errorf("Keys of the deleted user = %q", ids)
	}
	// The other user keeps everything.
	if ids := keyIDs(t, a, "u_stay"); !slices.Equal(ids, []string{"kstay0000001"}) {
		t.Errorf("Keys(u_stay) = %q", ids)
	}
	wantSession(t, a, staying)
	if names := usernames(t, a); !slices.Equal(names, []string{"staying"}) {
		t.Errorf("Users after delete = %q", names)
	}
	wantCode(t, a.DeleteUser(ctx(), gone.ID), xiaoqi.ENOTFOUND)

	// The username and the ID are free again, and a new user does not inherit the old keys.
	mustCreateUser(t, a, newUser(gone.ID, gone.Username, xiaoqi.RoleAdmin))
	if ids := keyIDs(t, a, gone.ID); len(ids) != 0 {
		t.Errorf("Keys of the re-created user = %q", ids)
	}
}
