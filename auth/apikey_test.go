package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/auth"
)

func TestKeyLifecycle(t *testing.T) {
	ctx := context.Background()
	svc, st, c := newService(t)
	u := addUser(t, svc, "erp", "")

	key, k, err := svc.CreateKey(ctx, u.ID, "ERP 同步", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	id, secret, err := auth.ParseKey(key)
	if err != nil || id != k.ID {
		t.Fatalf("CreateKey gave %q: ParseKey id %q, %v; want id %q", key, id, err, k.ID)
	}
	if len(secret) != 43 || auth.KeyPattern.FindString("Authorization: Bearer "+key) != key {
		t.Fatalf("key %q: want a 43-character secret that KeyPattern finds", key)
	}
	stored, err := st.Key(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.UserID != u.ID || stored.Name != "ERP 同步" || !stored.CreatedAt.Equal(c.Now()) {
		t.Errorf("stored key %+v", stored)
	}
	if strings.Contains(stored.Hash, secret) || !strings.HasPrefix(stored.Hash, "$argon2id$") {
		t.Fatalf("stored key hash %q: want argon2id, not the secret", stored.Hash)
	}

	ku, kk, err := svc.KeyUser(ctx, key)
	if err != nil || ku.ID != u.ID || kk.ID != k.ID {
		t.Fatalf("KeyUser = %v, %v, %v; want user %s key %s", ku, kk, err, u.ID, k.ID)
	}
	if n := auth.KeyCacheLen(svc); n != 1 {
		t.Fatalf("%d keys cached after a verified key, want 1", n)
	}
	if _, _, err := svc.KeyUser(ctx, key); err != nil {
		t.Fatalf("KeyUser from the cache: %v", err)
	}

	// Rotation: the old key stops at once (it was cached), the new one works.
	c.Advance(time.Minute)
	newKey, rk, err := svc.RotateKey(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if newKey == key || rk.ID != k.ID || !rk.RotatedAt.Equal(c.Now()) {
		t.Fatalf("RotateKey = %q, %+v; want a new secret for the same ID, RotatedAt now", newKey, rk)
	}
	_, _, err = svc.KeyUser(ctx, key)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "old key after rotation")
	if _, _, err := svc.KeyUser(ctx, newKey); err != nil {
		t.Fatalf("new key after rotation: %v", err)
	}

	// Revocation: refused at once, also from the cache; revoking again is fine.
	if err := svc.RevokeKey(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err = svc.KeyUser(ctx, newKey)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "revoked key")
	revokedAt := c.Now()
	c.Advance(time.Minute)
	if err := svc.RevokeKey(ctx, k.ID); err != nil {
		t.Fatalf("second RevokeKey: %v", err)
	}
	if again, _ := st.Key(ctx, k.ID); !again.RevokedAt.Equal(revokedAt) {
		t.Errorf("RevokedAt moved from %v to %v", revokedAt, again.RevokedAt)
	}
	_, _, err = svc.RotateKey(ctx, k.ID)
	wantCode(t, err, xiaoqi.ECONFLICT, "rotating a revoked key")
	wantCode(t, svc.RevokeKey(ctx, "nosuchkey000"), xiaoqi.ENOTFOUND, "revoking an unknown key")
	_, _, err = svc.RotateKey(ctx, "nosuchkey000")
	wantCode(t, err, xiaoqi.ENOTFOUND, "rotating an unknown key")
}

func TestKeyExpiry(t *testing.T) {
	ctx := context.Background()
	svc, _, c := newService(t)
	u := addUser(t, svc, "erp", "")
	key, k, err := svc.CreateKey(ctx, u.ID, "", c.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Hour - time.Second)
	if _, _, err := svc.KeyUser(ctx, key); err != nil {
		t.Fatalf("a second before expiry: %v", err)
	}
	c.Advance(time.Second)
	_, _, err = svc.KeyUser(ctx, key)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "expired key (cached before)")
	_, _, err = svc.RotateKey(ctx, k.ID)
	wantCode(t, err, xiaoqi.ECONFLICT, "rotating an expired key")
}

func TestCreateKeyInvalid(t *testing.T) {
	ctx := context.Background()
	svc, _, c := newService(t)
	u := addUser(t, svc, "erp", "")
	for _, tc := range []struct {
		name, field string
		expires     time.Time
	}{
		{strings.Repeat("名", 65), "name", time.Time{}},
		{"bad \xff", "name", time.Time{}},
		{"a\x00b", "name", time.Time{}}, // a control character was accepted
		{"ERP\n同步", "name", time.Time{}},
		{"past", "expires_at", c.Now().Add(-time.Second)},
		{"now", "expires_at", c.Now()},
	} {
		_, _, err := svc.CreateKey(ctx, u.ID, tc.name, tc.expires)
		wantCode(t, err, xiaoqi.EINVALID, "key "+tc.field)
		if d := xiaoqi.ErrorDetails(err); len(d) != 1 || d[0].Field != tc.field {
			t.Errorf("details %+v, want one naming %s", d, tc.field)
		}
	}
	_, _, err := svc.CreateKey(ctx, "u_nobody", "x", time.Time{})
	wantCode(t, err, xiaoqi.ENOTFOUND, "key for an unknown user")
}

func TestKeyUserRefused(t *testing.T) {
	ctx := context.Background()
	svc, st, c := newService(t)
	u := addUser(t, svc, "erp", "")
	key, k, err := svc.CreateKey(ctx, u.ID, "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	_, secret, _ := auth.ParseKey(key)
	wrongSecret := strings.Repeat("Z", 43)
	for _, tc := range []struct{ what, key string }{
		{"empty", ""},
		{"Bearer prefix", "Bearer " + key},
		{"trailing space", key + " "},
		{"short secret", auth.FormatKey(k.ID, secret[:31])},
		{"unknown ID", auth.FormatKey("zzzzzzzzzzzz", secret)},
		{"wrong secret", auth.FormatKey(k.ID, wrongSecret)},
		{"secret of another length", auth.FormatKey(k.ID, secret+"A")},
	} {
		gu, gk, err := svc.KeyUser(ctx, tc.key)
		if gu != nil || gk != nil {
			t.Errorf("%s: KeyUser returned a user or key", tc.what)
		}
		wantCode(t, err, xiaoqi.EUNAUTHORIZED, tc.what)
		if m := xiaoqi.ErrorMessage(err); m != "API 密钥无效 / invalid API key" {
			t.Errorf("%s: message %q", tc.what, m)
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), wrongSecret) {
			t.Errorf("%s: error quotes a secret: %v", tc.what, err)
		}
	}
	if n := auth.KeyCacheLen(svc); n != 0 {
		t.Fatalf("%d keys cached after only refusals, want 0", n)
	}

	// A disabled user's keys stop, also when cached.
	if _, _, err := svc.KeyUser(ctx, key); err != nil {
		t.Fatal(err)
	}
	c.Advance(time.Second)
	u.Disabled = true
	u.UpdatedAt = c.Now()
	if err := st.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	_, _, err = svc.KeyUser(ctx, key)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "key of a disabled user")
	// A deleted user's keys go with it.
	if err := st.DeleteUser(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err = svc.KeyUser(ctx, key)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "key of a deleted user")
}

// TestKeyCacheAcrossNodes runs two services over one store, as two nodes over one database: a
// key cached on node A stops there at once when node B revokes or rotates it.
func TestKeyCacheAcrossNodes(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := newClock()
	a := auth.New(st, auth.Options{Params: auth.TestParams, Now: c.Now})
	b := auth.New(st, auth.Options{Params: auth.TestParams, Now: c.Now})
	u := addUser(t, a, "erp", "")

	revoked, rk, err := a.CreateKey(ctx, u.ID, "to revoke", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	rotated, tk, err := a.CreateKey(ctx, u.ID, "to rotate", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{revoked, rotated} {
		if _, _, err := a.KeyUser(ctx, key); err != nil {
			t.Fatal(err)
		}
	}
	if n := auth.KeyCacheLen(a); n != 2 {
		t.Fatalf("node A caches %d keys, want 2", n)
	}
	if err := b.RevokeKey(ctx, rk.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err = a.KeyUser(ctx, revoked)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "node A, key revoked on node B")

	fresh, _, err := b.RotateKey(ctx, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = a.KeyUser(ctx, rotated)
	wantCode(t, err, xiaoqi.EUNAUTHORIZED, "node A, old key rotated on node B")
	if _, _, err := a.KeyUser(ctx, fresh); err != nil {
		t.Fatalf("node A, new key from node B: %v", err)
	}
}

func TestKeyCacheBounded(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	svc := auth.New(st, auth.Options{Params: auth.TestParams, KeyCacheSize: 3})
	u := addUser(t, svc, "erp", "")
	for i := range 5 {
		key, _, err := svc.CreateKey(ctx, u.ID, "", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.KeyUser(ctx, key); err != nil {
			t.Fatalf("key %d: %v", i, err)
		}
		if n := auth.KeyCacheLen(svc); n > 3 {
			t.Fatalf("cache holds %d keys, want at most 3", n)
		}
	}
	if n := auth.KeyCacheLen(svc); n != 3 {
		t.Fatalf("cache holds %d keys, want 3", n)
	}
}
