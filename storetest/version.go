package storetest

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// testVersionOfDeleted: a document written with the version its writer read, when the
// document has been deleted since, fails with ECONFLICT and is not stored again. A PUT that
// raced a DELETE wrote the candidate it had read back (in the embedded store, at version 1):
// an erased profile came back. Also by natural key, and a whole batch fails with it.
func testVersionOfDeleted(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	for _, byID := range []bool{true, false} {
		name := map[bool]string{true: "by id", false: "by natural key"}[byID]
		t.Run(name, func(t *testing.T) {
			s := open(t)
			r := MustUpsert(t, s, sampleCandidate("erased"))[0]
			read := mustGet(t, s, xiaoqi.KindCandidate, r.ID).(*xiaoqi.Candidate)
			del, err := s.Delete(ctx(), xiaoqi.KindCandidate, r.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			read.Summary = "更正后的简介" // what the writer changed of what it read
			if !byID {
				read.ID = ""
			}
			_, err = s.Upsert(ctx(), []xiaoqi.Doc{sampleJob("other"), read})
			wantCode(t, err, xiaoqi.ECONFLICT)
			wantDetail(t, err, "docs[1].version")
			if _, err := s.Get(ctx(), xiaoqi.KindCandidate, r.ID); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
				t.Errorf("Get(%s) after a write of the version read before its delete: %v, want not found (it came back)", r.ID, err)
			}
			if n := mustCount(t, s, xiaoqi.KindCandidate, nil); n != 0 {
				t.Errorf("Count(candidate) = %d, want 0", n)
			}
			if last := MustLastSeq(t, s); last != del.Seq {
				t.Errorf("LastSeq %d after the refused write, want the tombstone's %d", last, del.Seq)
			}
			// Without a version the writer asks for no version: the key is written anew.
			if r := MustUpsert(t, s, sampleCandidate("erased"))[0]; !r.Created || r.Version != 1 {
				t.Errorf("write without a version after the delete: %+v, want created at version 1", r)
			}
		})
	}
}

// testDeleteVersion: Delete with the version the caller read deletes that version only; a
// document stored at another version stays, and Delete fails with ECONFLICT naming version.
func testDeleteVersion(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	r := MustUpsert(t, s, sampleCandidate("c"))[0]
	changed := sampleCandidate("c")
	changed.Summary = "更正后的简介"
	if r2 := MustUpsert(t, s, changed)[0]; r2.Version != 2 {
		t.Fatalf("update: %+v, want version 2", r2)
	}
	seq := MustLastSeq(t, s)
	_, err := s.Delete(ctx(), xiaoqi.KindCandidate, r.ID, 1)
	wantCode(t, err, xiaoqi.ECONFLICT)
	wantDetail(t, err, "version")
	if got := mustGet(t, s, xiaoqi.KindCandidate, r.ID); got.Base().Version != 2 {
		t.Errorf("after a delete of version 1: version %d, want 2 kept", got.Base().Version)
	}
	if last := MustLastSeq(t, s); last != seq {
		t.Errorf("a refused delete moved LastSeq to %d, want %d", last, seq)
	}
	if _, err := s.Delete(ctx(), xiaoqi.KindCandidate, r.ID, 2); err != nil {
		t.Fatalf("Delete of the current version 2: %v", err)
	}
	_, err = s.Delete(ctx(), xiaoqi.KindCandidate, r.ID, 2)
	wantCode(t, err, xiaoqi.ENOTFOUND)
	replay(t, s)
}
