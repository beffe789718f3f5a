package storetest

import (
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

var prefixes = map[xiaoqi.Kind]string{
	xiaoqi.KindInstitution: "ins_", xiaoqi.KindProgram: "prg_", xiaoqi.KindEnterprise: "ent_",
	xiaoqi.KindJob: "job_", xiaoqi.KindCandidate: "cnd_", xiaoqi.KindPolicy: "pol_", xiaoqi.KindPartnership: "prt_",
}

func testInsertEachKind(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	for _, d := range samples() {
		t.Run(string(d.Kind()), func(t *testing.T) {
			before := MustLastSeq(t, s)
			r := MustUpsert(t, s, d)[0]
			id := d.Base().ID
			if !strings.HasPrefix(id, prefixes[d.Kind()]) || xiaoqi.CheckID(d.Kind(), id) != nil {
				t.Fatalf("id %q: want a well-formed id starting with %s", id, prefixes[d.Kind()])
			}
			switch nk := d.NaturalKey(); {
			case nk != "" && d.Kind() == xiaoqi.KindCandidate && id == xiaoqi.NewID(d.Kind(), nk):
				t.Errorf("a candidate's id %q is the hash of its key %q: anyone who knows a person's student number finds them", id, nk)
			case nk != "" && d.Kind() != xiaoqi.KindCandidate && id != xiaoqi.NewID(d.Kind(), nk):
				t.Errorf("id %q, want NewID(%s, %q) = %q", id, d.Kind(), nk, xiaoqi.NewID(d.Kind(), nk))
			}
			if nk := d.NaturalKey(); nk != "" {
				if byKey, err := s.GetByKey(ctx(), d.Kind(), nk); err != nil || byKey.Base().ID != id {
					t.Errorf("GetByKey(%s, %q) = %v, %v; want the document %s", d.Kind(), nk, byKey, err, id)
				}
			}
			want := xiaoqi.WriteResult{Kind: d.Kind(), ID: id, Version: 1, Seq: r.Seq, Created: true}
			if r != want || r.Seq <= before {
				t.Errorf("result %+v, want %+v with Seq above %d", r, want, before)
			}
			if d.Base().Version != 1 || d.Base().CreatedAt.IsZero() || d.Base().UpdatedAt.IsZero() {
				t.Errorf("Upsert left meta %+v on the doc, want version 1 and timestamps", *d.Base())
			}
			got := mustGet(t, s, d.Kind(), id)
			sameContent(t, got, d)
			m := got.Base()
			if m.Version != 1 || m.CreatedAt.IsZero() || m.UpdatedAt.IsZero() || m.UpdatedAt.Before(m.CreatedAt) {
				t.Errorf("stored meta %+v, want version 1 and CreatedAt <= UpdatedAt", *m)
			}
			if got.Title() != d.Title() {
				t.Errorf("Title %q, want %q", got.Title(), d.Title())
			}
			if n := mustCount(t, s, d.Kind(), nil); n != 1 {
				t.Errorf("Count(%s) = %d, want 1", d.Kind(), n)
			}
		})
	}
}

// keyCase is a document with a natural key and a change that keeps the key.
type keyCase struct {
	name   string
	doc    func() xiaoqi.Doc
	change func(xiaoqi.Doc)
}

var keyCases = []keyCase{
	{"institution by MOE code", func() xiaoqi.Doc { return sampleInstitution() },
		func(d xiaoqi.Doc) { d.(*xiaoqi.Institution).Website = "https://en.xjtu.edu.cn" }},
	{"training institution by name and city", func() xiaoqi.Doc { return sampleTraining() },
		func(d xiaoqi.Doc) { d.(*xiaoqi.Institution).Tags = []string{"软件测试"} }},
	{"program by institution, major code and degree", func() xiaoqi.Doc { return sampleProgram("ins_a1") },
		func(d xiaoqi.Doc) { d.(*xiaoqi.Program).GraduatesPerYear = 380 }},
	{"enterprise by credit code", func() xiaoqi.Doc { return sampleEnterprise() },
		func(d xiaoqi.Doc) { d.(*xiaoqi.Enterprise).Name = "陕西秦云科技有限公司" }},
	{"enterprise by name and city", func() xiaoqi.Doc { return sampleEnterpriseNoCode() },
		func(d xiaoqi.Doc) { d.(*xiaoqi.Enterprise).Size = "50-150人" }},
	{"job by source and external id", func() xiaoqi.Doc { return sampleJob("row-7") },
		func(d xiaoqi.Doc) { d.(*xiaoqi.JobNeed).Headcount = 12 }},
	{"candidate by source and external id", func() xiaoqi.Doc { return sampleCandidate("cv-7") },
		func(d xiaoqi.Doc) { d.(*xiaoqi.Candidate).Skills = []string{"Go", "Kubernetes", "日语"} }},
	{"policy by number", func() xiaoqi.Doc { return samplePolicy() },
		func(d xiaoqi.Doc) { d.(*xiaoqi.Policy).Heading = "加强产学研合作机制" }},
	{"partnership by institution and enterprise", func() xiaoqi.Doc { return samplePartnership() },
		func(d xiaoqi.Doc) { d.(*xiaoqi.Partnership).Status = xiaoqi.PartnershipAccepted }},
}

func testIdempotent(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	for _, tc := range keyCases {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			first := tc.doc()
			r1 := MustUpsert(t, s, first)[0]
			kind, id := first.Kind(), r1.ID
			stored1 := mustGet(t, s, kind, id)
			seq1 := MustLastSeq(t, s)

			again := tc.doc()
			r2 := MustUpsert(t, s, again)[0]
			want := xiaoqi.WriteResult{Kind: kind, ID: id, Version: 1, Unchanged: true}
			if r2 != want {
				t.Errorf("same doc again: result %+v, want %+v", r2, want)
			}
			if again.Base().ID != id || again.Base().Version != 1 {
				t.Errorf("same doc again: doc meta %+v, want id %s version 1", *again.Base(), id)
			}
			if seq := MustLastSeq(t, s); seq != seq1 {
				t.Errorf("same doc again: LastSeq %d -> %d, want no change", seq1, seq)
			}
			if got := mustGet(t, s, kind, id).Base(); got.Version != 1 || !got.UpdatedAt.Equal(stored1.Base().UpdatedAt) {
				t.Errorf("same doc again: stored meta %+v, want version 1 and UpdatedAt %v", *got, stored1.Base().UpdatedAt)
			}

			changed := tc.doc()
			tc.change(changed)
			r3 := MustUpsert(t, s, changed)[0]
			if r3.ID != id || r3.Version != 2 || r3.Created || r3.Unchanged || r3.Seq <= seq1 {
				t.Errorf("changed doc: result %+v, want id %s version 2 and Seq above %d", r3, id, seq1)
			}
			feed := ChangesAfter(t, s, seq1, 1000)
			if len(feed) != 1 || feed[0].Op != xiaoqi.OpUpsert || feed[0].ID != id || feed[0].Version != 2 || feed[0].Seq != r3.Seq {
				t.Fatalf("changed doc: feed after %d = %+v, want one upsert of %s version 2 at %d", seq1, feed, id, r3.Seq)
			}
			sameContent(t, feed[0].Doc, changed)
			got := mustGet(t, s, kind, id)
			sameContent(t, got, changed)
			if m := got.Base(); m.Version != 2 || !m.CreatedAt.Equal(stored1.Base().CreatedAt) || m.UpdatedAt.Before(m.CreatedAt) {
				t.Errorf("changed doc: stored meta %+v, want version 2, CreatedAt %v kept", *m, stored1.Base().CreatedAt)
			}
			if n := mustCount(t, s, kind, nil); n != 1 {
				t.Errorf("Count(%s) = %d, want 1", kind, n)
			}
		})
	}
}

// testNoNaturalKey: a job without source and external id has no natural key, so every
// insert creates a document.
func testNoNaturalKey(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	a, b := sampleJob(""), sampleJob("")
	a.Source, b.Source = "", ""
	r := MustUpsert(t, s, a)
	r = append(r, MustUpsert(t, s, b)...)
	if r[0].ID == r[1].ID || !r[0].Created || !r[1].Created {
		t.Fatalf("two inserts without natural key: %+v, want two created documents", r)
	}
	if n := mustCount(t, s, xiaoqi.KindJob, nil); n != 2 {
		t.Errorf("Count(job) = %d, want 2", n)
	}
	// Updating by id works for them too.
	b.Headcount = 99
	r2 := MustUpsert(t, s, b)[0]
	if r2.ID != r[1].ID || r2.Version != 2 {
		t.Errorf("update by id: %+v, want %s version 2", r2, r[1].ID)
	}
}

// testExplicitID: an id given by the writer is kept on insert; a malformed one is EINVALID.
func testExplicitID(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	d := sampleInstitution()
	d.ID = "ins_custom01"
	r := MustUpsert(t, s, d)[0]
	if r.ID != "ins_custom01" || !r.Created || r.Version != 1 {
		t.Fatalf("insert with explicit id: %+v, want ins_custom01 created", r)
	}
	mustGet(t, s, xiaoqi.KindInstitution, "ins_custom01")
	// The natural key now leads to that id.
	r2 := MustUpsert(t, s, sampleInstitution())[0]
	if r2.ID != "ins_custom01" || !r2.Unchanged {
		t.Errorf("same natural key without id: %+v, want ins_custom01 unchanged", r2)
	}

	for _, bad := range []string{"prg_0123", "ins_", "ins 12", "INS_12"} {
		d := sampleTraining()
		d.ID = bad
		_, err := s.Upsert(ctx(), []xiaoqi.Doc{d})
		wantCode(t, err, xiaoqi.EINVALID)
		if !hasDetail(err, "docs[0].id") {
			t.Errorf("institution id %q: details %+v, want docs[0].id", bad, xiaoqi.ErrorDetails(err))
		}
	}
	if n := mustCount(t, s, xiaoqi.KindInstitution, nil); n != 1 {
		t.Errorf("Count(institution) = %d, want 1", n)
	}
}

func testConflict(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	t.Run("natural key held by another id", func(t *testing.T) {
		s := open(t)
		a := sampleInstitution()
		id := MustUpsert(t, s, a)[0].ID
		seq := MustLastSeq(t, s)
		b := sampleInstitution()
		b.ID = xiaoqi.NewID(xiaoqi.KindInstitution, "another")
		b.Website = "https://example.com"
		_, err := s.Upsert(ctx(), []xiaoqi.Doc{b})
		wantCode(t, err, xiaoqi.ECONFLICT)
		wantDetail(t, err, "docs[0]")
		if _, err := s.Get(ctx(), xiaoqi.KindInstitution, b.ID); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
			t.Errorf("Get(%s) after conflict: %v, want not found", b.ID, err)
		}
		got := mustGet(t, s, xiaoqi.KindInstitution, id)
		sameContent(t, got, sampleInstitution())
		if n := mustCount(t, s, xiaoqi.KindInstitution, nil); n != 1 || MustLastSeq(t, s) != seq {
			t.Errorf("after conflict: Count %d, LastSeq %d; want 1 and %d", n, MustLastSeq(t, s), seq)
		}
	})
	for _, byID := range []bool{true, false} {
		name := map[bool]string{true: "stale version by id", false: "stale version by natural key"}[byID]
		t.Run(name, func(t *testing.T) {
			s := open(t)
			id := MustUpsert(t, s, sampleEnterprise())[0].ID
			u := sampleEnterprise()
			u.Version, u.Size = 1, "500-1000人"
			if r := MustUpsert(t, s, u)[0]; r.Version != 2 {
				t.Fatalf("update with current version 1: %+v, want version 2", r)
			}
			stale := sampleEnterprise()
			stale.Version, stale.Size = 1, "1000人以上"
			if byID {
				stale.ID = id
			}
			// Second in a batch: the error names the item and its field.
			_, err := s.Upsert(ctx(), []xiaoqi.Doc{sampleInstitution(), stale})
			wantCode(t, err, xiaoqi.ECONFLICT)
			wantDetail(t, err, "docs[1].version")
			got := mustGet(t, s, xiaoqi.KindEnterprise, id)
			if got.Base().Version != 2 || got.(*xiaoqi.Enterprise).Size != "500-1000人" {
				t.Errorf("after stale write: version %d size %q, want 2 and 500-1000人", got.Base().Version, got.(*xiaoqi.Enterprise).Size)
			}
		})
	}
}

// testBatchSameDocumentTwice: documents of one batch that name the same document are written
// in turn, each seeing the one before; and a batch that fails writes nothing, also when only
// a later mention of a document fails, after an earlier one would have been written.
func testBatchSameDocumentTwice(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	headcount := func(ext string, n int) *xiaoqi.JobNeed {
		j := sampleJob(ext)
		j.Headcount = n
		return j
	}
	t.Run("written in turn", func(t *testing.T) {
		s := open(t)
		id := MustUpsert(t, s, sampleJob("x"))[0].ID
		second := headcount("x", 7)
		second.Version = 2 // the version the first mention writes
		res := MustUpsert(t, s, headcount("x", 6), second)
		if res[0].ID != id || res[0].Version != 2 || res[1].ID != id || res[1].Version != 3 || res[1].Seq <= res[0].Seq {
			t.Errorf("results %+v, want %s at versions 2 and 3, in seq order", res, id)
		}
		if got := mustGet(t, s, xiaoqi.KindJob, id).(*xiaoqi.JobNeed); got.Version != 3 || got.Headcount != 7 {
			t.Errorf("stored version %d headcount %d, want 3 and 7", got.Version, got.Headcount)
		}
	})
	cases := []struct {
		name  string
		batch func(x, y string) []xiaoqi.Doc // x, y: the ids of the stored jobs x and y
	}{
		{"stale version the second time", func(string, string) []xiaoqi.Doc {
			stale := headcount("x", 7)
			stale.Version = 1 // as read before the batch, which writes version 2 first
			return []xiaoqi.Doc{headcount("x", 6), stale}
		}},
		{"the second time taking another's key", func(x, _ string) []xiaoqi.Doc {
			rekeyed := headcount("y", 7) // y's natural key, on the document x
			rekeyed.ID = x
			return []xiaoqi.Doc{headcount("x", 6), rekeyed}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			stored := MustUpsert(t, s, sampleJob("x"), sampleJob("y"))
			seq := MustLastSeq(t, s)
			_, err := s.Upsert(ctx(), tc.batch(stored[0].ID, stored[1].ID))
			wantCode(t, err, xiaoqi.ECONFLICT)
			for i, ext := range []string{"x", "y"} {
				got := mustGet(t, s, xiaoqi.KindJob, stored[i].ID)
				if got.Base().Version != 1 {
					t.Errorf("job %s: version %d after a failed batch, want 1", ext, got.Base().Version)
				}
				sameContent(t, got, sampleJob(ext))
			}
			if last := MustLastSeq(t, s); last != seq {
				t.Errorf("LastSeq %d after a failed batch, want %d", last, seq)
			}
		})
	}
}

// testRekey: an update by id may change the natural key; the new key then leads to the
// document, and taking a key held by another document is ECONFLICT. A write by the released
// old key must not touch the re-keyed document: it is either a new document with another id
// or ECONFLICT (the id derived from the old key is still taken).
func testRekey(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	e := sampleEnterpriseNoCode()
	id := MustUpsert(t, s, e)[0].ID
	e.CreditCode = creditCode("91610700MA6Y98765")
	if r := MustUpsert(t, s, e)[0]; r.ID != id || r.Version != 2 {
		t.Fatalf("rekey by id: %+v, want %s version 2", r, id)
	}
	byNewKey := sampleEnterpriseNoCode()
	byNewKey.CreditCode = e.CreditCode
	if r := MustUpsert(t, s, byNewKey)[0]; r.ID != id || !r.Unchanged {
		t.Errorf("upsert by the new key: %+v, want %s unchanged", r, id)
	}

	byOldKey := sampleEnterpriseNoCode()
	byOldKey.Size = "10人以下"
	res, err := s.Upsert(ctx(), []xiaoqi.Doc{byOldKey})
	wantCount := int64(1)
	switch {
	case err != nil:
		wantCode(t, err, xiaoqi.ECONFLICT)
	case res[0].ID == id || !res[0].Created:
		t.Errorf("upsert by the released old key: %+v, want a new document or ECONFLICT", res[0])
	default:
		wantCount = 2
	}
	got := mustGet(t, s, xiaoqi.KindEnterprise, id).(*xiaoqi.Enterprise)
	if got.Version != 2 || got.CreditCode != e.CreditCode || got.Size != "" {
		t.Errorf("re-keyed document changed by a write with its old key: %+v", got)
	}
	if n := mustCount(t, s, xiaoqi.KindEnterprise, nil); n != wantCount {
		t.Errorf("Count(enterprise) = %d, want %d", n, wantCount)
	}

	// Taking the key of another document conflicts.
	other := sampleEnterprise()
	MustUpsert(t, s, other)
	e.CreditCode = other.CreditCode
	_, err = s.Upsert(ctx(), []xiaoqi.Doc{e})
	wantCode(t, err, xiaoqi.ECONFLICT)
	if got := mustGet(t, s, xiaoqi.KindEnterprise, id); got.Base().Version != 2 {
		t.Errorf("after conflicting rekey: version %d, want 2", got.Base().Version)
	}
	if got := mustGet(t, s, xiaoqi.KindEnterprise, other.ID); got.Base().Version != 1 {
		t.Errorf("holder of the key: version %d after a conflicting rekey, want 1", got.Base().Version)
	}
}
