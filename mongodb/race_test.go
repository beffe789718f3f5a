package mongodb_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

// TestVersionedWriteLosesRace is two nodes taking one step of a partnership at once (one
// accepts, the other declines): each read version 1 and writes with it. With the updates
// MongoDB gets (conditional on the version), the writer whose write lands second fails with
// ECONFLICT (the API's 409) and nothing of it is stored. With FerretDB's (by _id alone, as
// Open sets on FerretDB) both writes succeed and the later one replaces the earlier, as the
// README says under "Two nodes changing one document at once".
func TestVersionedWriteLosesRace(t *testing.T) {
	twoNodes(t, "the test server is MongoDB, whose updates are always conditional", func(t *testing.T, conditional bool, slow, other *mongodb.Store, first xiaoqi.WriteResult, logged *gate) {
		read := func(n int) *xiaoqi.JobNeed { // what a node read, changed as its step changes it
			j := job("p", n)
			j.ID, j.Version = first.ID, first.Version
			return j
		}
		type result struct {
			res []xiaoqi.WriteResult
			err error
		}
		done := make(chan result, 1)
		go func() {
			res, err := slow.Upsert(ctx(), []xiaoqi.Doc{read(3)})
			done <- result{res, err}
		}()
		wait(t, logged.reached, "the slow writer to log its change")
		if _, err := other.Upsert(ctx(), []xiaoqi.Doc{read(2)}); err != nil {
			t.Fatalf("the first write to land: %v", err)
		}
		close(logged.release)
		r := wait(t, done, "the slow writer")
		got, err := other.Get(ctx(), xiaoqi.KindJob, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		stored := got.(*xiaoqi.JobNeed).Headcount
		if conditional {
			if xiaoqi.ErrorCode(r.err) != xiaoqi.ECONFLICT || stored != 2 {
				t.Errorf("the write that landed second: %+v, %v; stored headcount %d; want ECONFLICT and the first write's 2 stored", r.res, r.err, stored)
			}
		} else if r.err != nil || stored != 3 {
			t.Errorf("the write that landed second: %+v, %v; stored headcount %d; want it to succeed over the first (last write wins without conditional updates)", r.res, r.err, stored)
		}
	})
}

// TestVersionedWriteOfDeleted is a PUT racing a DELETE on two nodes: a node read version 1
// and writes it while another deletes the document. The write fails with ECONFLICT and the
// document stays deleted, on MongoDB and FerretDB alike (a replace matches no document and is
// matched again, against none): written, it brought an erased candidate back.
func TestVersionedWriteOfDeleted(t *testing.T) {
	twoNodes(t, "", func(t *testing.T, conditional bool, slow, other *mongodb.Store, first xiaoqi.WriteResult, logged *gate) {
		done := make(chan error, 1)
		go func() {
			j := job("p", 2)
			j.ID, j.Version = first.ID, first.Version
			_, err := slow.Upsert(ctx(), []xiaoqi.Doc{j})
			done <- err
		}()
		wait(t, logged.reached, "the slow writer to log its change")
		if _, err := other.Delete(ctx(), xiaoqi.KindJob, first.ID, 0); err != nil {
			t.Fatalf("the delete: %v", err)
		}
		close(logged.release)
		if err := wait(t, done, "the slow writer"); xiaoqi.ErrorCode(err) != xiaoqi.ECONFLICT {
			t.Errorf("the write of version 1 after the delete: %v, want ECONFLICT", err)
		}
		if _, err := other.Get(ctx(), xiaoqi.KindJob, first.ID); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
			t.Errorf("Get after the delete and the write of the version read before it: %v, want not found (it came back)", err)
		}
	})
}

// TestVersionedDeleteLosesRace is a DELETE with If-Match racing a PUT on two nodes: the
// deleting node read version 1, another writes version 2 before the delete lands. With
// MongoDB's conditional deletes the delete fails with ECONFLICT and version 2 stays: an
// erasure never removes a version its sender did not see. FerretDB deletes by _id alone (see
// TestVersionedWriteLosesRace): there version 2 is deleted.
func TestVersionedDeleteLosesRace(t *testing.T) {
	twoNodes(t, "the test server is MongoDB, whose deletes are always conditional", func(t *testing.T, conditional bool, slow, other *mongodb.Store, first xiaoqi.WriteResult, logged *gate) {
		done := make(chan error, 1)
		go func() {
			_, err := slow.Delete(ctx(), xiaoqi.KindJob, first.ID, first.Version)
			done <- err
		}()
		wait(t, logged.reached, "the slow delete to log its tombstone")
		j := job("p", 2)
		j.ID, j.Version = first.ID, first.Version
		if _, err := other.Upsert(ctx(), []xiaoqi.Doc{j}); err != nil {
			t.Fatalf("the write that lands first: %v", err)
		}
		close(logged.release)
		err := wait(t, done, "the slow delete")
		got, gerr := other.Get(ctx(), xiaoqi.KindJob, first.ID)
		if conditional {
			if xiaoqi.ErrorCode(err) != xiaoqi.ECONFLICT || gerr != nil || got.Base().Version != 2 {
				t.Errorf("the delete of version 1 after version 2 was written: %v; then Get: %v; want ECONFLICT and version 2 kept", err, gerr)
			}
			// The refused delete's tombstone is void: a follower keeps version 2.
			if feed := storetest.ChangesAfter(t, other, 0, 100); len(feed) == 0 || feed[len(feed)-1].Op != xiaoqi.OpUpsert {
				t.Errorf("change feed after the refused delete: %+v, want it to end with the upsert of version 2", feed)
			}
		} else if err != nil || xiaoqi.ErrorCode(gerr) != xiaoqi.ENOTFOUND {
			t.Errorf("the delete: %v; then Get: %v; want it to succeed (by _id alone without conditional deletes)", err, gerr)
		}
	})
}

// twoNodes runs race for MongoDB's conditional writes and FerretDB's: two stores (nodes) on one
// database, a job need written through other, and a gate that holds slow's next write after it
// logged its change. skip says why the FerretDB case cannot run on a real MongoDB server ("" when
// it can).
func twoNodes(t *testing.T, skip string, race func(t *testing.T, conditional bool, slow, other *mongodb.Store, first xiaoqi.WriteResult, logged *gate)) {
	t.Parallel()
	for _, conditional := range []bool{true, false} {
		name := map[bool]string{true: "MongoDB", false: "FerretDB"}[conditional]
		t.Run(name, func(t *testing.T) {
			db := mongotest.Database(t)
			slow, other := openStore(t, db), openStore(t, db)
			if conditional {
				mongodb.UseConditionalUpdates(slow)
				mongodb.UseConditionalUpdates(other)
			} else if skip != "" && mongodb.ConditionalUpdates(slow) {
				t.Skip(skip)
			}
			first := storetest.MustUpsert(t, other, job("p", 1))[0]
			logged := newGate()
			mongodb.SetHooks(slow, nil, logged.hook, nil)
			race(t, conditional, slow, other, first, logged)
		})
	}
}
