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
	t.Parallel()
	for _, conditional := range []bool{true, false} {
		name := map[bool]string{true: "MongoDB", false: "FerretDB"}[conditional]
		t.Run(name, func(t *testing.T) {
			db := mongotest.Database(t)
			slow, other := openStore(t, db), openStore(t, db)
			if conditional {
				mongodb.UseConditionalUpdates(slow)
				mongodb.UseConditionalUpdates(other)
			} else if mongodb.ConditionalUpdates(slow) {
				t.Skip("the test server is MongoDB, whose updates are always conditional")
			}
			first := storetest.MustUpsert(t, other, job("p", 1))[0]
			read := func(n int) *xiaoqi.JobNeed { // what a node read, changed as its step changes it
				j := job("p", n)
				j.ID, j.Version = first.ID, first.Version
				return j
			}

			logged := newGate()
			mongodb.SetHooks(slow, nil, logged.hook, nil)
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
}
