package mongodb_test

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

// candidate returns a candidate of the list "school" with a phone of its own.
func candidate(i int) *xiaoqi.Candidate {
	c := &xiaoqi.Candidate{Name: fmt.Sprintf("学生%d", i), Phone: fmt.Sprintf("139%08d", i)}
	c.Source, c.ExternalID = "school", fmt.Sprint(i)
	return c
}

// TestPersonsReadOnlyThePerson: finding the stored candidate who is a row's person reads that
// candidate, not every candidate: an import of 20 rows read all 100,000 stored ones.
func TestPersonsReadOnlyThePerson(t *testing.T) {
	t.Parallel()
	var counting atomic.Bool
	var returned atomic.Int64 // documents the server sent back while counting
	monitor := &event.CommandMonitor{Succeeded: func(_ context.Context, e *event.CommandSucceededEvent) {
		if !counting.Load() || (e.CommandName != "find" && e.CommandName != "getMore") {
			return
		}
		for _, batch := range []string{"firstBatch", "nextBatch"} {
			if docs, err := e.Reply.LookupErr("cursor", batch); err == nil {
				vals, _ := docs.Array().Values()
				returned.Add(int64(len(vals)))
			}
		}
	}}
	s := newStore(t, mongodb.WithCommandMonitor(monitor))
	var docs []xiaoqi.Doc
	for i := range 60 {
		docs = append(docs, candidate(i))
	}
	res := storetest.MustUpsert(t, s, docs...)
	counting.Store(true)
	persons := xiaoqi.NewPersons(s)
	for _, i := range []int{7, 42} {
		id, err := persons.Find(ctx(), candidate(i))
		if err != nil || id != res[i].ID {
			t.Errorf("person %d: found %q (%v), want %q", i, id, err, res[i].ID)
		}
	}
	if id, err := persons.Find(ctx(), candidate(99)); err != nil || id != "" {
		t.Errorf("a person not stored: found %q (%v)", id, err)
	}
	if n := returned.Load(); n > 2 {
		t.Errorf("finding 3 persons beside 60 stored candidates read %d documents, want at most 2 (one each found)", n)
	}
}

// TestIdentityOfEarlierRecords: candidates that a build before the identity field stored are
// found all the same, in id order with those that have it; Open gives them the field, without
// a change of the documents; and the field holds digests only.
func TestIdentityOfEarlierRecords(t *testing.T) {
	t.Parallel()
	db := mongotest.Database(t)
	s := openStore(t, db)
	twin := candidate(1)
	twin.Source, twin.ExternalID = "other_school", "x1"
	res := storetest.MustUpsert(t, s, candidate(1), twin, candidate(2), candidate(3))
	ids := []string{res[0].ID, res[1].ID, res[2].ID, res[3].ID}
	first, second := min(ids[0], ids[1]), max(ids[0], ids[1])
	raw := rawDatabase(t, db).Collection("candidates")

	var rec struct {
		Identity []string `bson:"identity"`
		Doc      bson.Raw `bson:"doc"`
	}
	if err := raw.FindOne(ctx(), bson.D{{Key: "_id", Value: ids[2]}}).Decode(&rec); err != nil {
		t.Fatal(err)
	}
	if want := candidate(2).IdentityKeys(); !slices.Equal(rec.Identity, want) {
		t.Errorf("stored identity %q, want the digests %q", rec.Identity, want)
	}

	// As an earlier build stored them: no field. The second twin keeps it, so that only the
	// records without it say which is first.
	unset := func(ids ...string) {
		t.Helper()
		_, err := raw.UpdateMany(ctx(), bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}},
			bson.D{{Key: "$unset", Value: bson.D{{Key: "identity", Value: ""}}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	unset(first, ids[2], ids[3])
	storetest.CheckPerson(t, s, "a twin stored without the field", candidate(1), first)
	storetest.CheckPerson(t, s, "a candidate stored without the field", candidate(3), ids[3])
	seq, err := s.LastSeq(ctx())
	if err != nil {
		t.Fatal(err)
	}

	s2 := openStore(t, db) // Open backfills
	if n, err := raw.CountDocuments(ctx(), bson.D{{Key: "identity", Value: bson.D{{Key: "$exists", Value: false}}}}); err != nil || n != 0 {
		t.Errorf("after Open, %d candidates without the identity field (%v), want 0", n, err)
	}
	if now, err := s2.LastSeq(ctx()); err != nil || now != seq {
		t.Errorf("the backfill wrote changes: last seq %d (%v), want %d", now, err, seq)
	}
	storetest.CheckPerson(t, s2, "the first twin after the backfill", candidate(1), first)
	storetest.CheckPerson(t, s2, "a candidate after the backfill", candidate(3), ids[3])
	if _, err := s2.Delete(ctx(), xiaoqi.KindCandidate, first, 0); err != nil {
		t.Fatal(err)
	}
	storetest.CheckPerson(t, s2, "the second twin", candidate(1), second)

	// Stored without it again (by a node of the earlier build, meanwhile): the next backfill sets it.
	unset(ids[2], ids[3])
	if n, err := mongodb.BackfillIdentity(ctx(), s2); err != nil || n != 2 {
		t.Errorf("backfill set %d (%v), want 2", n, err)
	}
}
