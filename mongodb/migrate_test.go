package mongodb_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

// TestCandidateIDsMigrated: a database written by a build before random candidate ids holds
// candidates under the hash of their natural key, which anyone who knows a student's number
// computes. A migration cut short, as a killed process stops, at any step of a move (before
// the delete of a candidate's old id; between that delete and the insert under the new id,
// where the candidate is under neither; before its account and audit entries follow it) is
// finished by the next Open: every candidate under a new random id, once, with its account
// and audit entries following it, the feed carrying a tombstone of each old id and an upsert
// of each new one; opening again changes nothing.
func TestCandidateIDsMigrated(t *testing.T) {
	cases := []struct {
		name string
		// cut sets the hook that cuts the migration short by calling cancel.
		cut func(s *mongodb.Store, cancel func())
		// missing is the candidate under neither id after the cut, -1 for none.
		missing int
	}{
		{"before a delete", func(s *mongodb.Store, cancel func()) {
			mongodb.SetMoveHooks(s, nth(2, cancel), nil, nil, nil)
		}, -1},
		{"between a delete and its insert", func(s *mongodb.Store, cancel func()) {
			mongodb.SetMoveHooks(s, nil, nth(2, cancel), nil, nil)
		}, 1},
		{"before the account follows", func(s *mongodb.Store, cancel func()) {
			mongodb.SetMoveHooks(s, nil, nil, nth(1, cancel), nil)
		}, -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := mongotest.Database(t)
			old := openStore(t, db, mongodb.WithoutCandidateMigration())
			legacy := storetest.WriteLegacy(t, old, old, 3)

			cut, cancel := context.WithCancel(ctx())
			defer cancel()
			tc.cut(old, cancel)
			if n, err := mongodb.MigrateCandidateIDs(cut, old); err == nil {
				t.Fatalf("migration cut short moved %d candidates without error", n)
			}
			want := int64(len(legacy.Keys) + 1)
			if tc.missing >= 0 {
				want--
			}
			if n, err := old.Count(ctx(), xiaoqi.KindCandidate, nil); err != nil || n != want {
				t.Errorf("after the cut, %d candidates stored (%v), want %d", n, err, want)
			}

			s := openStore(t, db)
			ids := storetest.CheckMigrated(t, s, s, legacy)
			seq, err := s.LastSeq(ctx())
			if err != nil {
				t.Fatal(err)
			}
			again := openStore(t, db)
			if n, err := again.LastSeq(ctx()); err != nil || again.MovedCandidates() != 0 || n != seq {
				t.Errorf("opening a migrated database again moved %d candidates, feed %d → %d (%v); want nothing done",
					again.MovedCandidates(), seq, n, err)
			}
			if now := storetest.CheckMigrated(t, again, again, legacy); now[0] != ids[0] {
				t.Errorf("the first candidate moved again: %s, then %s", ids[0], now[0])
			}
		})
	}
}

// nth returns a hook that calls f the nth time it is called.
func nth(n int, f func()) func() {
	calls := 0
	return func() {
		if calls++; calls == n {
			f()
		}
	}
}

// TestCandidateIDsMigratedByNodesAtOnce: several nodes starting on one database at once all
// migrate; each candidate moves once, to one new id that every node finds.
func TestCandidateIDsMigratedByNodesAtOnce(t *testing.T) {
	db := mongotest.Database(t)
	first := openStore(t, db, mongodb.WithoutCandidateMigration())
	legacy := storetest.WriteLegacy(t, first, first, 4)
	const nodes = 3
	stores := make([]*mongodb.Store, nodes)
	errs := make([]error, nodes)
	var wg sync.WaitGroup
	for i := range stores {
		wg.Go(func() {
			stores[i], errs[i] = mongodb.Open(ctx(), mongotest.URI(t), mongodb.WithDatabase(db))
		})
	}
	wg.Wait()
	for i, s := range stores {
		if errs[i] != nil {
			t.Fatalf("node %d: Open: %v", i, errs[i])
		}
		t.Cleanup(func() { s.Close() })
	}
	total := 0
	for _, s := range stores {
		total += s.MovedCandidates()
	}
	if total < len(legacy.Keys) {
		t.Errorf("the nodes moved %d candidates together, want at least %d", total, len(legacy.Keys))
	}
	ids := storetest.CheckMigrated(t, stores[0], stores[0], legacy)
	for i, s := range stores[1:] {
		for j, nk := range legacy.Keys {
			if d, err := s.GetByKey(ctx(), xiaoqi.KindCandidate, nk); err != nil || d.Base().ID != ids[j] {
				t.Errorf("node %d finds candidate %d as %v (%v), node 0 as %s", i+1, j, d, err, ids[j])
			}
		}
	}
}

// TestCandidateErasedWhileMoved: a candidate who erases their profile while it is being moved
// stays erased; the migration does not store the copy it made.
func TestCandidateErasedWhileMoved(t *testing.T) {
	db := mongotest.Database(t)
	s := openStore(t, db, mongodb.WithoutCandidateMigration())
	legacy := storetest.WriteLegacy(t, s, s, 1)
	mongodb.SetMoveHooks(s, func() {
		if _, err := s.Delete(ctx(), xiaoqi.KindCandidate, legacy.OldIDs[0], 0); err != nil {
			t.Errorf("erase: %v", err)
		}
	}, nil, nil, nil)
	if _, err := mongodb.MigrateCandidateIDs(ctx(), s); err != nil {
		t.Fatal(err)
	}
	if d, err := s.GetByKey(ctx(), xiaoqi.KindCandidate, legacy.Keys[0]); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
		t.Errorf("the erased candidate is back as %v (%v)", d, err)
	}
	if n, err := s.Count(ctx(), xiaoqi.KindCandidate, nil); err != nil || n != 1 {
		t.Errorf("Count(candidates) = %d, %v; want 1 (the one with a random id)", n, err)
	}
	for _, c := range []string{"candidate_moves", "candidate_move_deletes"} {
		if n, err := rawDatabase(t, db).Collection(c).CountDocuments(ctx(), bson.D{}); err != nil || n != 0 {
			t.Errorf("%d documents kept in %s (%v); want none: nothing of an erased profile stays", n, c, err)
		}
	}
}

// TestCandidateWrittenWhileMoved: a candidate updated by another node while it is being moved
// (after its record was copied, before its old id is deleted) keeps the update: the delete is
// conditional on the version copied, and the move copies again. The update is the change a
// user would miss. (FerretDB's deletes are not conditional, as its updates are not atomic: the
// test runs MongoDB's code path.)
func TestCandidateWrittenWhileMoved(t *testing.T) {
	db := mongotest.Database(t)
	s := openStore(t, db, mongodb.WithoutCandidateMigration())
	mongodb.UseConditionalUpdates(s)
	legacy := storetest.WriteLegacy(t, s, s, 1)
	other := openStore(t, db, mongodb.WithoutCandidateMigration())
	mongodb.SetMoveHooks(s, nth(1, func() {
		d, err := other.Get(ctx(), xiaoqi.KindCandidate, legacy.OldIDs[0])
		if err != nil {
			t.Errorf("read: %v", err)
			return
		}
		c := d.(*xiaoqi.Candidate)
		c.Skills = append(c.Skills, "Rust")
		if _, err := other.Upsert(ctx(), []xiaoqi.Doc{c}); err != nil {
			t.Errorf("update during the move: %v", err)
		}
	}), nil, nil, nil)
	if n, err := mongodb.MigrateCandidateIDs(ctx(), s); err != nil || n != 1 {
		t.Fatalf("migration: %d moved, %v", n, err)
	}
	d, err := s.GetByKey(ctx(), xiaoqi.KindCandidate, legacy.Keys[0])
	if err != nil {
		t.Fatal(err)
	}
	if c := d.(*xiaoqi.Candidate); c.ID == legacy.OldIDs[0] || c.Version != 2 || !slices.Contains(c.Skills, "Rust") {
		t.Errorf("after the move: id %s version %d skills %v; want a new id, version 2 with Rust (the update made during the move)",
			c.ID, c.Version, c.Skills)
	}
}

// TestCandidateMoveFinishedByKey: a candidate whose move was cut short between the delete of
// its old id and the insert of its new one (a node killed there) is under neither id until
// the next Open. Another node that looks it up by key meanwhile (an import or a POST of the
// same person, which merge onto the stored profile) finishes the move and finds the whole
// profile, instead of storing the row as a new candidate that would lose the rest.
func TestCandidateMoveFinishedByKey(t *testing.T) {
	db := mongotest.Database(t)
	s := openStore(t, db, mongodb.WithoutCandidateMigration())
	legacy := storetest.WriteLegacy(t, s, s, 2)
	cut, cancel := context.WithCancel(ctx())
	defer cancel()
	mongodb.SetMoveHooks(s, nil, nth(1, cancel), nil, nil)
	if _, err := mongodb.MigrateCandidateIDs(cut, s); err == nil {
		t.Fatal("migration cut short without error")
	}

	other := openStore(t, db, mongodb.WithoutCandidateMigration())
	d, err := xiaoqi.GetStored(ctx(), other, xiaoqi.KindCandidate, legacy.Keys[0])
	if err != nil {
		t.Fatalf("the candidate under neither id, looked up by key: %v; want the move finished and the profile found", err)
	}
	c := d.(*xiaoqi.Candidate)
	if c.ID == legacy.OldIDs[0] || c.Name != legacy.Names[0] || len(c.Education) != 1 {
		t.Errorf("found %s %q with %d schools; want a new id and the whole profile of %q", c.ID, c.Name, len(c.Education), legacy.Names[0])
	}
	if n, err := other.Count(ctx(), xiaoqi.KindCandidate, nil); err != nil || n != int64(len(legacy.Keys)+1) {
		t.Errorf("%d candidates (%v), want %d", n, err, len(legacy.Keys)+1)
	}
	if u, err := other.User(ctx(), legacy.UserID); err != nil || u.CandidateID != c.ID {
		t.Errorf("the candidate's account acts for %v (%v), want %s", u, err, c.ID)
	}
	ids := storetest.CheckMigrated(t, openStore(t, db), other, legacy)
	if ids[0] != c.ID {
		t.Errorf("the next Open moved the candidate again: %s, then %s", c.ID, ids[0])
	}
}

// TestCandidateMoveLateAudit: a node that read a candidate just before it moved may append an
// audit entry about the old id a moment after (a contact release); for an hour after the move
// each Open files such entries under the new id, so that the candidate sees them, then
// forgets the move.
func TestCandidateMoveLateAudit(t *testing.T) {
	db := mongotest.Database(t)
	s := openStore(t, db, mongodb.WithoutCandidateMigration())
	legacy := storetest.WriteLegacy(t, s, s, 1)
	if _, err := mongodb.MigrateCandidateIDs(ctx(), s); err != nil {
		t.Fatal(err)
	}
	late := &xiaoqi.AuditEntry{Action: xiaoqi.AuditContactRelease, ActorID: "u_hr", ActorRole: xiaoqi.RoleEnterprise,
		SubjectID: legacy.OldIDs[0], Reason: "面试", Fields: []string{"phone"}}
	if err := s.AppendAudit(ctx(), late); err != nil {
		t.Fatal(err)
	}
	legacy.Audit++ // CheckMigrated wants it under the new id too
	next := openStore(t, db)
	storetest.CheckMigrated(t, next, next, legacy)

	later := openStore(t, db, mongodb.WithoutCandidateMigration())
	mongodb.SetClock(later, func() time.Time { return time.Now().Add(2 * time.Hour) })
	if _, err := mongodb.MigrateCandidateIDs(ctx(), later); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"candidate_moves", "candidate_move_deletes"} {
		if n, err := rawDatabase(t, db).Collection(c).CountDocuments(ctx(), bson.D{}); err != nil || n != 0 {
			t.Errorf("%d documents left in %s two hours after the move (%v), want the move forgotten", n, c, err)
		}
	}
}

// TestCandidateIDsMigratedPastUnreadableRecord: a candidate record that cannot be decoded does
// not stop a node from starting: the readable candidates move, the damaged one stays.
func TestCandidateIDsMigratedPastUnreadableRecord(t *testing.T) {
	db := mongotest.Database(t)
	s := openStore(t, db, mongodb.WithoutCandidateMigration())
	legacy := storetest.WriteLegacy(t, s, s, 2)
	bad := xiaoqi.NewID(xiaoqi.KindCandidate, "damaged|1")
	if _, err := rawDatabase(t, db).Collection("candidates").InsertOne(ctx(), bson.D{{Key: "_id", Value: bad},
		{Key: "key", Value: "damaged|1"}, {Key: "version", Value: 1}, {Key: "doc", Value: bson.D{{Key: "skills", Value: "not a list"}}}}); err != nil {
		t.Fatal(err)
	}
	c, cancel := context.WithTimeout(ctx(), 30*time.Second)
	defer cancel()
	next, err := mongodb.Open(c, mongotest.URI(t), mongodb.WithDatabase(db))
	if err != nil {
		t.Fatalf("Open with a damaged candidate record: %v; want the node to start", err)
	}
	defer next.Close()
	if next.MovedCandidates() != 2 {
		t.Errorf("moved %d candidates, want the 2 readable ones", next.MovedCandidates())
	}
	for i, nk := range legacy.Keys {
		if d, err := next.GetByKey(ctx(), xiaoqi.KindCandidate, nk); err != nil || d.Base().ID == legacy.OldIDs[i] {
			t.Errorf("candidate %d: %v, %v; want it under a new id", i, d, err)
		}
	}
}
