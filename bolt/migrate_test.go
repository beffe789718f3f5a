package bolt_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

// TestCandidateIDsMigrated: a data directory written by a build before random candidate ids
// holds candidates under the hash of their natural key, which anyone who knows a student's
// number computes. Opening it gives each a random id, in one transaction: a migration cut
// short leaves the file as it was (every candidate still to move at the next Open), and once
// done, opening again changes nothing. Accounts and audit entries follow the candidate, and
// the change feed tells the search index to drop the old id and index the new one.
func TestCandidateIDsMigrated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xiaoqi.db")
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	legacy := storetest.WriteLegacy(t, s, s, 3)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	crash := errors.New("killed")
	bolt.SetAfterMove(t, func(moved int) error {
		if moved == 2 {
			return crash
		}
		return nil
	})
	if s, err := bolt.Open(path); !errors.Is(err, crash) {
		if err == nil {
			s.Close()
		}
		t.Fatalf("Open with the migration cut short after 2 of 3 candidates: %v, want the error that cut it", err)
	}

	moves := 0
	bolt.SetAfterMove(t, func(int) error { moves++; return nil })
	s, err = bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if moves != 3 || s.MovedCandidates() != 3 {
		t.Errorf("Open after the cut-short one moved %d candidates (said %d), want all 3: the cut-short one committed part of its work",
			moves, s.MovedCandidates())
	}
	ids := storetest.CheckMigrated(t, s, s, legacy)
	seq, err := s.LastSeq(context.Background())
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
	again, err := s.LastSeq(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.MovedCandidates() != 0 || again != seq {
		t.Errorf("opening a migrated file again moved %d candidates, feed %d → %d; want nothing done", s.MovedCandidates(), seq, again)
	}
	if now := storetest.CheckMigrated(t, s, s, legacy); now[0] != ids[0] {
		t.Errorf("the first candidate moved again: %s, then %s", ids[0], now[0])
	}
}

// TestCandidateIDsMigratedPastUnreadableRecord: a candidate record that cannot be decoded (a
// damaged file) does not stop the service from starting: the readable candidates move, the
// damaged one stays as it was.
func TestCandidateIDsMigratedPastUnreadableRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xiaoqi.db")
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	legacy := storetest.WriteLegacy(t, s, s, 2)
	bad := xiaoqi.NewID(xiaoqi.KindCandidate, "damaged|1")
	if err := bolt.PutRaw(s, "docs:candidate", bad, `{"h":"x","d":{"skills":"not a list"}}`); err != nil {
		t.Fatal(err)
	}
	if err := bolt.PutRaw(s, "keys:candidate", "damaged|1", bad); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = bolt.Open(path)
	if err != nil {
		t.Fatalf("Open with a damaged candidate record: %v; want the service to start", err)
	}
	defer s.Close()
	if s.MovedCandidates() != 2 {
		t.Errorf("moved %d candidates, want the 2 readable ones", s.MovedCandidates())
	}
	for i, nk := range legacy.Keys {
		if d, err := s.GetByKey(context.Background(), xiaoqi.KindCandidate, nk); err != nil || d.Base().ID == legacy.OldIDs[i] {
			t.Errorf("candidate %d: %v, %v; want it under a new id", i, d, err)
		}
	}
}
