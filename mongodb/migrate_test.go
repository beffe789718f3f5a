package mongodb_test

import (
	"context"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

// TestCandidateIDsMigrated: a database written by a build before random candidate ids holds
// candidates under the hash of their natural key, which anyone who knows a student's number
// computes. A migration cut short (here between the delete of a candidate's old id and the
// insert of its new one, where a killed process leaves the candidate under neither) is
// finished by the next Open: every candidate under a new random id, once, with its account
// and audit entries following it, the feed carrying a tombstone of each old id and an upsert
// of each new one; opening again changes nothing.
func TestCandidateIDsMigrated(t *testing.T) {
	db := mongotest.Database(t)
	old := openStore(t, db, mongodb.WithoutCandidateMigration())
	legacy := storetest.WriteLegacy(t, old, old, 3)

	cut, cancel := context.WithCancel(ctx())
	defer cancel()
	deletes := 0
	mongodb.SetMoveHooks(old, nil, func() {
		if deletes++; deletes == 2 {
			cancel() // killed between the delete of the second candidate and its insert
		}
	}, nil)
	if n, err := mongodb.MigrateCandidateIDs(cut, old); err == nil {
		t.Fatalf("migration cut short moved %d candidates without error", n)
	}
	if _, err := old.GetByKey(ctx(), xiaoqi.KindCandidate, legacy.Keys[1]); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
		t.Fatalf("the cut fell elsewhere: the second candidate is stored (%v)", err)
	}

	s := openStore(t, db)
	if s.MovedCandidates() != 2 {
		t.Errorf("Open after the cut-short migration moved %d candidates, want the 2 left", s.MovedCandidates())
	}
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
		if _, err := s.Delete(ctx(), xiaoqi.KindCandidate, legacy.OldIDs[0]); err != nil {
			t.Errorf("erase: %v", err)
		}
	}, nil, nil)
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
