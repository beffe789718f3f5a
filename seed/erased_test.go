package seed_test

import (
	"context"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// TestApplyErased erases two candidates of the default set as the API does (the store's
// document deleted, an audit entry keeping digests of who they were): seeding again, with
// overwrite or without, brings neither back, the one known by name and phone alone included.
func TestApplyErased(t *testing.T) {
	tax := mustTaxonomy(t)
	store := newStore(t)
	ctx := context.Background()
	if _, err := seed.Apply(ctx, store, tax, 500, false); err != nil {
		t.Fatal(err)
	}
	set := mustLoad(t, tax)
	before, err := store.Count(ctx, xiaoqi.KindCandidate, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range set.Synthetic.Candidates[:2] {
		d, err := store.GetByKey(ctx, xiaoqi.KindCandidate, c.NaturalKey())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Delete(ctx, xiaoqi.KindCandidate, d.Base().ID, 0); err != nil {
			t.Fatal(err)
		}
		e := &xiaoqi.AuditEntry{Action: xiaoqi.AuditErase, ActorID: "u_admin", ActorRole: xiaoqi.RoleAdmin,
			SubjectID: xiaoqi.ErasedSubject, ErasedIdentity: d.(*xiaoqi.Candidate).Identity()}
		if i == 0 {
			e.ErasedKey = xiaoqi.ErasedKey(d.NaturalKey())
		}
		if err := store.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	for _, overwrite := range []bool{false, true} {
		if n, err := seed.Apply(ctx, store, tax, 500, overwrite); err != nil || n != 0 {
			t.Errorf("apply (overwrite %v) after two erasures wrote %d documents (%v), want 0", overwrite, n, err)
		}
	}
	for _, c := range set.Synthetic.Candidates[:2] {
		if d, err := store.GetByKey(ctx, xiaoqi.KindCandidate, c.NaturalKey()); err == nil {
			t.Errorf("the erased candidate %s is back as %s", c.NaturalKey(), d.Base().ID)
		}
	}
	if n, err := store.Count(ctx, xiaoqi.KindCandidate, nil); err != nil || n != before-2 {
		t.Errorf("%d candidates stored (%v), want %d", n, err, before-2)
	}
}
