package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Legacy is what a build before random candidate ids left in a store: candidates under the
// id their natural key gives (xiaoqi.NewID), an account acting for one of them and audit
// entries about them. WriteLegacy writes it; CheckMigrated checks a store migrated since.
type Legacy struct {
	Keys   []string // natural keys of the candidates written with derived ids
	OldIDs []string // their ids: xiaoqi.NewID(candidate, key)
	Names  []string
	// Random is a candidate that already had a random id: it keeps it.
	Random string
	UserID string // the account acting for the first candidate
	Audit  int    // entries about the first candidate
	Seq    uint64 // LastSeq after writing
}

// WriteLegacy writes n candidates with the ids an older build gave them (an Upsert that
// carries the id is stored under it, as that build's insert stored it), one candidate with
// a random id, an account for the first candidate and two audit entries about it.
func WriteLegacy(t *testing.T, s xiaoqi.Store, a xiaoqi.Accounts, n int) Legacy {
	t.Helper()
	var l Legacy
	var docs []xiaoqi.Doc
	for i := range n {
		c := sampleCandidate(fmt.Sprintf("S%03d", i))
		c.Name = fmt.Sprintf("张%d（示例）", i)
		nk := c.NaturalKey()
		c.ID = xiaoqi.NewID(xiaoqi.KindCandidate, nk)
		l.Keys, l.OldIDs, l.Names = append(l.Keys, nk), append(l.OldIDs, c.ID), append(l.Names, c.Name)
		docs = append(docs, c)
	}
	fresh := sampleCandidate("new-build")
	docs = append(docs, fresh)
	if _, err := s.Upsert(ctx(), docs); err != nil {
		t.Fatalf("write the older build's candidates: %v", err)
	}
	l.Random = fresh.ID
	for i, id := range l.OldIDs {
		if docs[i].Base().ID != id {
			t.Fatalf("candidate stored as %s, want the derived id %s", docs[i].Base().ID, id)
		}
	}
	u := xiaoqi.NewUser("cand-legacy", xiaoqi.RoleCandidate, l.OldIDs[0])
	u.ID = "u_legacy"
	if err := a.CreateUser(ctx(), u); err != nil {
		t.Fatal(err)
	}
	l.UserID = u.ID
	for _, why := range []string{"面试邀约", "复试"} {
		e := &xiaoqi.AuditEntry{Action: xiaoqi.AuditContactRelease, ActorID: "u_hr", ActorRole: xiaoqi.RoleEnterprise,
			SubjectID: l.OldIDs[0], Reason: why, Fields: []string{"phone"}}
		if err := a.AppendAudit(ctx(), e); err != nil {
			t.Fatal(err)
		}
		l.Audit++
	}
	seq, err := s.LastSeq(ctx())
	if err != nil {
		t.Fatal(err)
	}
	l.Seq = seq
	return l
}

// CheckMigrated checks that every candidate of l moved to a random id: not found under the
// old id, found by key under a new one with its content and version, counted once, its
// account and audit entries following it, and the change feed announcing the move (a
// tombstone of the old id, an upsert of the new one) to followers that read from l.Seq.
// It returns the new ids in the order of l.OldIDs.
func CheckMigrated(t *testing.T, s xiaoqi.Store, a xiaoqi.Accounts, l Legacy) []string {
	t.Helper()
	k := xiaoqi.KindCandidate
	ids := make([]string, len(l.Keys))
	for i, nk := range l.Keys {
		if _, err := s.Get(ctx(), k, l.OldIDs[i]); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
			t.Errorf("candidate %d still readable under its derivable id %s (err %v)", i, l.OldIDs[i], err)
		}
		d, err := s.GetByKey(ctx(), k, nk)
		if err != nil {
			t.Fatalf("candidate %d not found by key after the migration: %v", i, err)
		}
		c := d.(*xiaoqi.Candidate)
		ids[i] = c.ID
		if c.ID == l.OldIDs[i] || c.ID == xiaoqi.NewID(k, nk) || xiaoqi.CheckID(k, c.ID) != nil {
			t.Errorf("candidate %d has id %s, want a new random one", i, c.ID)
		}
		if c.Name != l.Names[i] || c.Version != 1 || c.CreatedAt.IsZero() {
			t.Errorf("candidate %d after the move: name %q version %d created %v; want %q, version 1, its creation time",
				i, c.Name, c.Version, c.CreatedAt, l.Names[i])
		}
		if got, err := s.Get(ctx(), k, c.ID); err != nil || got.(*xiaoqi.Candidate).Name != l.Names[i] {
			t.Errorf("Get(%s) = %v, %v", c.ID, got, err)
		}
	}
	if d, err := s.Get(ctx(), k, l.Random); err != nil || d.Base().ID != l.Random {
		t.Errorf("the candidate with a random id already: Get(%s) = %v, %v; want it kept", l.Random, d, err)
	}
	if n, err := s.Count(ctx(), k, nil); err != nil || n != int64(len(l.Keys)+1) {
		t.Errorf("Count(candidates) = %d, %v; want %d", n, err, len(l.Keys)+1)
	}
	if n, err := s.Count(ctx(), k, map[string]string{"city": "西安市"}); err != nil || n != int64(len(l.Keys)+1) {
		t.Errorf("Count(candidates in 西安市) = %d, %v; want %d (the filter index follows the move)", n, err, len(l.Keys)+1)
	}
	page, err := s.List(ctx(), k, xiaoqi.ListOptions{Filters: map[string]string{"degree": "硕士"}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, d := range page.Docs {
		listed = append(listed, d.Base().ID)
	}
	for i, id := range ids {
		if !slices.Contains(listed, id) || slices.Contains(listed, l.OldIDs[i]) {
			t.Errorf("List(degree=硕士) = %v; want %s, not %s", listed, id, l.OldIDs[i])
		}
	}

	u, err := a.User(ctx(), l.UserID)
	if err != nil || u.CandidateID != ids[0] {
		t.Errorf("the candidate's account acts for %v (err %v), want the candidate's new id %s", u, err, ids[0])
	}
	if got, _, err := a.Audit(ctx(), xiaoqi.AuditFilter{SubjectID: ids[0]}); err != nil || len(got) != l.Audit {
		t.Errorf("audit entries about the new id: %d, %v; want the %d about the old one", len(got), err, l.Audit)
	}
	if got, _, err := a.Audit(ctx(), xiaoqi.AuditFilter{SubjectID: l.OldIDs[0]}); err != nil || len(got) != 0 {
		t.Errorf("audit entries still filed under the derivable id: %d, %v", len(got), err)
	}

	deleted, upserted := map[string]bool{}, map[string]bool{}
	for after := l.Seq; ; {
		chs, err := s.Changes(ctx(), after, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(chs) == 0 {
			break
		}
		for _, ch := range chs {
			switch {
			case ch.Op == xiaoqi.OpDelete:
				deleted[ch.ID] = true
			case ch.Op == xiaoqi.OpUpsert && ch.Doc != nil:
				upserted[ch.ID] = true
			}
			after = ch.Seq
		}
	}
	for i := range ids {
		if !deleted[l.OldIDs[i]] || !upserted[ids[i]] {
			t.Errorf("changes after %d: tombstone of %s %v, upsert of %s %v; a follower's index keeps the old id",
				l.Seq, l.OldIDs[i], deleted[l.OldIDs[i]], ids[i], upserted[ids[i]])
		}
	}
	return ids
}
