package storetest

import (
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// testRestore: Restore writes documents as another store held them (xiaoqi copy), under their
// ids, versions and times, logged in the change feed; it only inserts, refusing a batch that
// names a taken id or key before writing any of it.
func testRestore(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	r, ok := s.(xiaoqi.Restorer)
	if !ok {
		t.Fatalf("%T does not implement xiaoqi.Restorer (xiaoqi copy writes into it)", s)
	}
	created, updated := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), time.Date(2025, 6, 7, 8, 9, 10, 0, time.UTC)
	inst := sampleInstitution()
	inst.Meta = xiaoqi.Meta{ID: "ins_restored01", Version: 3, CreatedAt: created, UpdatedAt: updated}
	cand := sampleCandidate("c-restore")
	cand.ID, cand.Version, cand.CreatedAt, cand.UpdatedAt = "cnd_0f1e2d3c4b5a6978", 7, created, updated
	job := sampleJob("j-restore") // no version, no times: version 1, now
	job.ID = "job_restored01"
	before := time.Now().Add(-time.Second)
	res, err := r.Restore(ctx(), []xiaoqi.Doc{inst, cand, job})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind    xiaoqi.Kind
		id      string
		version int64
	}{{xiaoqi.KindInstitution, inst.ID, 3}, {xiaoqi.KindCandidate, cand.ID, 7}, {xiaoqi.KindJob, job.ID, 1}}
	if len(res) != len(want) {
		t.Fatalf("Restore: %d results, want %d", len(res), len(want))
	}
	for i, w := range want {
		if g := res[i]; g.Kind != w.kind || g.ID != w.id || g.Version != w.version || !g.Created || g.Seq == 0 {
			t.Errorf("Restore result %d: %+v, want %s %s version %d created with a seq", i, g, w.kind, w.id, w.version)
		}
		d := mustGet(t, s, w.kind, w.id)
		m := d.Base()
		if m.Version != w.version {
			t.Errorf("%s: version %d, want %d", w.id, m.Version, w.version)
		}
		if w.kind == xiaoqi.KindJob {
			if m.CreatedAt.Before(before) || !m.UpdatedAt.Equal(m.CreatedAt) {
				t.Errorf("%s without times: created %s, updated %s, want now, twice", w.id, m.CreatedAt, m.UpdatedAt)
			}
		} else if !m.CreatedAt.Equal(created) || !m.UpdatedAt.Equal(updated) {
			t.Errorf("%s: created %s, updated %s, want %s and %s", w.id, m.CreatedAt, m.UpdatedAt, created, updated)
		}
	}
	if got := mustGet(t, s, xiaoqi.KindCandidate, cand.ID).(*xiaoqi.Candidate); got.Name != "张三" || got.Phone != "13800000000" {
		t.Errorf("restored candidate: %+v, want the whole profile", got)
	}
	// The change feed carries each, so that every index follows.
	seen := map[string]int64{}
	for _, c := range ChangesAfter(t, s, 0, 10) {
		seen[c.ID] = c.Version
	}
	for _, w := range want {
		if seen[w.id] != w.version {
			t.Errorf("change feed: %s at version %d, want %d", w.id, seen[w.id], w.version)
		}
	}
	// The natural keys lead to the restored ids: an upsert by key updates them.
	again := sampleInstitution()
	again.Website = "https://www.xjtu.edu.cn/en"
	if up := MustUpsert(t, s, again)[0]; up.ID != inst.ID || up.Version != 4 {
		t.Errorf("upsert by the restored institution's key: %+v, want %s version 4", up, inst.ID)
	}

	seq := MustLastSeq(t, s)
	fresh := func(id string) *xiaoqi.Institution {
		d := sampleTraining()
		d.ID = id
		return d
	}
	for _, c := range []struct {
		name, code, detail string
		docs               []xiaoqi.Doc
	}{
		{"an id taken", xiaoqi.ECONFLICT, "", []xiaoqi.Doc{fresh("ins_restored02"), func() xiaoqi.Doc {
			d := sampleInstitution()
			d.ID, d.Code, d.Name = inst.ID, "4161010699", "西安另一所大学"
			return d
		}()}},
		{"a key taken", xiaoqi.ECONFLICT, "", []xiaoqi.Doc{fresh("ins_restored02"), func() xiaoqi.Doc {
			d := sampleInstitution()
			d.ID = "ins_restored03"
			return d
		}()}},
		{"one document twice", xiaoqi.ECONFLICT, "", []xiaoqi.Doc{fresh("ins_restored02"), fresh("ins_restored02")}},
		{"no id", xiaoqi.EINVALID, "docs[1].id", []xiaoqi.Doc{fresh("ins_restored02"), sampleTraining()}},
		{"invalid", xiaoqi.EINVALID, "docs[1].name", []xiaoqi.Doc{fresh("ins_restored02"), fresh("ins_restored04")}},
	} {
		if c.name == "invalid" {
			c.docs[1].(*xiaoqi.Institution).Name = ""
		}
		_, err := r.Restore(ctx(), c.docs)
		wantCode(t, err, c.code)
		if c.detail != "" && !hasDetail(err, c.detail) {
			t.Errorf("%s: details %+v, want %s", c.name, xiaoqi.ErrorDetails(err), c.detail)
		}
		if _, err := s.Get(ctx(), xiaoqi.KindInstitution, "ins_restored02"); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
			t.Errorf("%s: the batch's first document was written (%v), want nothing written", c.name, err)
		}
	}
	if got := MustLastSeq(t, s); got != seq {
		t.Errorf("refused batches moved the feed from %d to %d", seq, got)
	}
	if n := mustCount(t, s, xiaoqi.KindInstitution, nil); n != 1 {
		t.Errorf("Count(institution) = %d, want 1", n)
	}
}
