package bolt_test

import (
	"path/filepath"
	"testing"
	"time"

	bbolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
)

func wantSessions(tb testing.TB, s *bolt.Store, want int) {
	tb.Helper()
	n, exp, err := bolt.SessionCount(s)
	if err != nil || n != want || exp != want {
		tb.Fatalf("file holds %d sessions, %d expiry entries (%v); want %d of each", n, exp, err, want)
	}
}

// TestSessionPurge: storing a session removes every expired one from the file, and only
// those; replacing and deleting sessions leaves no stale expiry entries behind.
func TestSessionPurge(t *testing.T) {
	s := open(t)
	c := t.Context()
	if err := s.CreateUser(c, &xiaoqi.User{ID: "u_1", Username: "li.na", Role: xiaoqi.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	put := func(id string, expires time.Time) {
		t.Helper()
		if err := s.PutSession(c, &xiaoqi.Session{ID: id, UserID: "u_1", CreatedAt: now, ExpiresAt: expires}); err != nil {
			t.Fatalf("PutSession(%s): %v", id, err)
		}
	}
	put("old1", now.Add(-time.Hour))
	put("old2", now.Add(-time.Minute)) // purges old1
	put("live1", now.Add(time.Hour))   // purges old2
	wantSessions(t, s, 1)
	put("old3", now.Add(-time.Second))
	put("live1", now.Add(2*time.Hour)) // replaced: the old expiry entry goes
	wantSessions(t, s, 1)
	put("live2", now.Add(time.Hour))
	wantSessions(t, s, 2)
	if err := s.DeleteSession(c, "live2"); err != nil {
		t.Fatal(err)
	}
	wantSessions(t, s, 1)
	if got, err := s.Session(c, "live1"); err != nil || !got.ExpiresAt.Equal(now.Add(2*time.Hour)) {
		t.Errorf("Session(live1) = %+v, %v; want it with the later expiry", got, err)
	}
}

// TestAccountsReopen: accounts survive closing the file, and audit IDs go on increasing.
func TestAccountsReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xiaoqi.db")
	c := t.Context()
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	u := &xiaoqi.User{ID: "u_1", Username: "hr", Role: xiaoqi.RoleEnterprise, EnterpriseID: "ent_1", PasswordHash: "$argon2id$x"}
	e := &xiaoqi.AuditEntry{Action: xiaoqi.AuditExport, ActorID: "u_1", SubjectID: "cnd_1"}
	err = s.CreateUser(c, u)
	if err == nil {
		err = s.PutKey(c, &xiaoqi.APIKey{ID: "k1", UserID: "u_1", Hash: "$argon2id$k"})
	}
	if err == nil {
		err = s.AppendAudit(c, e)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, err := s.UserByName(c, "hr"); err != nil || got.PasswordHash != u.PasswordHash || got.EnterpriseID != "ent_1" {
		t.Errorf("after reopen: UserByName = %+v, %v", got, err)
	}
	if got, err := s.Key(c, "k1"); err != nil || got.Hash != "$argon2id$k" {
		t.Errorf("after reopen: Key = %+v, %v", got, err)
	}
	e2 := &xiaoqi.AuditEntry{Action: xiaoqi.AuditExport, ActorID: "u_1", SubjectID: "cnd_1"}
	if err := s.AppendAudit(c, e2); err != nil || e2.ID <= e.ID {
		t.Errorf("after reopen: appended ID %q (%v), want above %q", e2.ID, err, e.ID)
	}
}

// TestAccountBucketsAdded: a file written before accounts existed gains their buckets when
// opened, keeping its documents and format.
func TestAccountBucketsAdded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xiaoqi.db")
	c := t.Context()
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Upsert(c, jobs("old", 3)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	removed := []string{"users", "usernames", "apikeys", "apikeysby", "sessions", "sessionsexp", "audit", "auditby"}
	rewriteFile(t, path, func(tx *bbolt.Tx) error { // as a file written before accounts has it
		for _, b := range removed {
			if err := tx.DeleteBucket([]byte(b)); err != nil {
				return err
			}
		}
		return nil
	})

	s, err = bolt.Open(path)
	if err != nil {
		t.Fatalf("Open of a file without account buckets: %v", err)
	}
	defer s.Close()
	if n, err := s.Count(c, xiaoqi.KindJob, nil); err != nil || n != 3 {
		t.Errorf("Count = %d, %v; want the 3 jobs", n, err)
	}
	if err := s.CreateUser(c, &xiaoqi.User{ID: "u_1", Username: "admin", Role: xiaoqi.RoleAdmin}); err != nil {
		t.Errorf("CreateUser: %v", err)
	}
	if users, err := s.Users(c); err != nil || len(users) != 1 {
		t.Errorf("Users = %d, %v; want 1", len(users), err)
	}
}
