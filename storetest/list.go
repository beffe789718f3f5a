package storetest

import (
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// testInvalidBatch: one invalid document fails the whole batch with EINVALID naming it, and
// nothing of the batch is written, not even the valid documents before it.
func testInvalidBatch(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	cases := []struct {
		name  string
		docs  func(existing *xiaoqi.JobNeed) []xiaoqi.Doc
		field string
	}{
		{"job without title", func(existing *xiaoqi.JobNeed) []xiaoqi.Doc {
			bad := sampleJob("row-2")
			bad.Name = ""
			return []xiaoqi.Doc{sampleJob("row-1"), bad}
		}, "docs[1].title"},
		{"university with a bad code after an update", func(existing *xiaoqi.JobNeed) []xiaoqi.Doc {
			existing.Headcount = 40
			bad := sampleInstitution()
			bad.Code = "416101"
			return []xiaoqi.Doc{existing, sampleEnterprise(), bad}
		}, "docs[2].code"},
		{"nested field", func(existing *xiaoqi.JobNeed) []xiaoqi.Doc {
			bad := sampleCandidate("cv-9")
			bad.Education[0].GraduationYear = 1900
			return []xiaoqi.Doc{samplePolicy(), bad}
		}, "docs[1].education[0].graduation_year"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			existing := sampleJob("row-0")
			MustUpsert(t, s, existing)
			seq := MustLastSeq(t, s)
			counts := map[xiaoqi.Kind]int64{}
			for _, k := range xiaoqi.Kinds {
				counts[k] = mustCount(t, s, k, nil)
			}

			docs := tc.docs(existing)
			res, err := s.Upsert(ctx(), docs)
			wantCode(t, err, xiaoqi.EINVALID)
			if len(res) != 0 {
				t.Errorf("failed batch returned results %+v", res)
			}
			if !hasDetail(err, tc.field) {
				t.Errorf("details %+v, want field %s", xiaoqi.ErrorDetails(err), tc.field)
			}
			index := tc.field[:strings.Index(tc.field, "]")+1]
			if msg := xiaoqi.ErrorMessage(err); !strings.Contains(msg, index) {
				t.Errorf("message %q does not name %s", msg, index)
			}
			for _, k := range xiaoqi.Kinds {
				if n := mustCount(t, s, k, nil); n != counts[k] {
					t.Errorf("Count(%s) = %d after failed batch, want %d", k, n, counts[k])
				}
			}
			if got := MustLastSeq(t, s); got != seq {
				t.Errorf("LastSeq %d after failed batch, want %d", got, seq)
			}
			if got := mustGet(t, s, xiaoqi.KindJob, existing.ID).(*xiaoqi.JobNeed); got.Headcount != 5 || got.Version != 1 {
				t.Errorf("existing job: headcount %d version %d after failed batch, want 5 and 1", got.Headcount, got.Version)
			}
		})
	}
}

func testEmptyBatch(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	res, err := s.Upsert(ctx(), nil)
	if err != nil || len(res) != 0 {
		t.Fatalf("Upsert(nil) = %+v, %v; want no results and no error", res, err)
	}
	if seq := MustLastSeq(t, s); seq != 0 {
		t.Errorf("LastSeq of an empty store = %d, want 0", seq)
	}
}

func testGetNotFound(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	MustUpsert(t, s, samples()...)
	for _, k := range xiaoqi.Kinds {
		_, err := s.Get(ctx(), k, xiaoqi.NewID(k, "missing"))
		wantCode(t, err, xiaoqi.ENOTFOUND)
		_, err = s.GetByKey(ctx(), k, "missing|13800000000")
		wantCode(t, err, xiaoqi.ENOTFOUND)
		if err != nil && strings.Contains(err.Error(), "13800000000") {
			t.Errorf("GetByKey's error repeats the key, which for a candidate holds contacts: %v", err)
		}
		_, err = s.GetByKey(ctx(), k, "")
		wantCode(t, err, xiaoqi.ENOTFOUND)
	}
}

func testListPagination(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	docs := manyJobs(45)
	MustUpsert(t, s, docs...)
	MustUpsert(t, s, sampleInstitution(), sampleEnterprise()) // other kinds stay out of job lists
	all := ids(docs)

	for _, tc := range []struct{ limit, pages int }{{10, 5}, {15, 3}, {1, 45}, {45, 1}, {1000, 1}} {
		got, pages := listAll(t, s, xiaoqi.KindJob, nil, tc.limit)
		wantIDs(t, ids(got), all)
		if pages != tc.pages {
			t.Errorf("limit %d: %d pages, want %d (Next must be empty on the last page)", tc.limit, pages, tc.pages)
		}
	}

	page, err := s.List(ctx(), xiaoqi.KindJob, xiaoqi.ListOptions{})
	if err != nil {
		t.Fatalf("List without limit: %v", err)
	}
	if len(page.Docs) != xiaoqi.DefaultListLimit || page.Next == "" {
		t.Errorf("List without limit: %d docs, Next %q; want %d and a cursor", len(page.Docs), page.Next, xiaoqi.DefaultListLimit)
	}
	// Listed docs are whole documents.
	for _, d := range page.Docs {
		if d.Base().Version != 1 || d.Base().CreatedAt.IsZero() || d.Title() == "" {
			t.Fatalf("listed doc %+v lacks version, timestamps or title", d)
		}
	}
}

func testListFilters(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	docs := manyJobs(45)
	MustUpsert(t, s, docs...)
	progA, progB := sampleProgram("ins_aaa"), sampleProgram("ins_bbb")
	progA2, progB2, progB3 := sampleProgram("ins_aaa"), sampleProgram("ins_bbb"), sampleProgram("ins_bbb")
	progA2.MajorCode, progB2.MajorCode, progB3.Degree = "080901", "080901", "硕士"
	MustUpsert(t, s, progA, progB, progA2, progB2, progB3)

	want := func(kind xiaoqi.Kind, docs []xiaoqi.Doc, filters map[string]string) []string {
		var out []string
		for _, d := range docs {
			if d.Kind() == kind && xiaoqi.MatchFilters(d, filters) {
				out = append(out, d.Base().ID)
			}
		}
		return out
	}
	progs := []xiaoqi.Doc{progA, progB, progA2, progB2, progB3}
	cases := []struct {
		kind    xiaoqi.Kind
		filters map[string]string
		n       int
	}{
		{xiaoqi.KindJob, map[string]string{"city": "宝鸡市"}, 15},
		{xiaoqi.KindJob, map[string]string{"city": "西安市", "status": "closed"}, 3},
		{xiaoqi.KindJob, map[string]string{"region": "陕南", "status": "open"}, 12},
		{xiaoqi.KindJob, map[string]string{"synthetic": "true"}, 45},
		{xiaoqi.KindJob, map[string]string{"synthetic": "false"}, 0},
		{xiaoqi.KindJob, map[string]string{"city": "榆林市"}, 0},
		{xiaoqi.KindProgram, map[string]string{"institution_id": "ins_bbb"}, 3},
		{xiaoqi.KindProgram, map[string]string{"institution_id": "ins_aaa", "major_code": "080901"}, 1},
		{xiaoqi.KindProgram, map[string]string{"degree": "本科"}, 4},
	}
	all := append(append([]xiaoqi.Doc{}, docs...), progs...)
	for _, tc := range cases {
		wantList := want(tc.kind, all, tc.filters)
		if len(wantList) != tc.n {
			t.Fatalf("test data: %d %s match %v, want %d", len(wantList), tc.kind, tc.filters, tc.n)
		}
		for _, limit := range []int{4, 100} {
			got, _ := listAll(t, s, tc.kind, tc.filters, limit)
			wantIDs(t, ids(got), wantList)
		}
	}
}

func testListInvalid(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	MustUpsert(t, s, manyJobs(3)...)
	_, err := s.List(ctx(), xiaoqi.KindJob, xiaoqi.ListOptions{Filters: map[string]string{"title": "Java"}})
	wantCode(t, err, xiaoqi.EINVALID)
	if !hasDetail(err, "title") {
		t.Errorf("unsupported filter: details %+v, want field title", xiaoqi.ErrorDetails(err))
	}
	_, err = s.List(ctx(), xiaoqi.Kind("school"), xiaoqi.ListOptions{})
	wantCode(t, err, xiaoqi.EINVALID)
	_, err = s.Count(ctx(), xiaoqi.KindJob, map[string]string{"title": "Java"})
	wantCode(t, err, xiaoqi.EINVALID)
	_, err = s.Count(ctx(), xiaoqi.Kind("school"), nil)
	wantCode(t, err, xiaoqi.EINVALID)
}

func testCount(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	for _, k := range xiaoqi.Kinds {
		if n := mustCount(t, s, k, nil); n != 0 {
			t.Errorf("empty store: Count(%s) = %d", k, n)
		}
	}
	MustUpsert(t, s, manyJobs(45)...)
	MustUpsert(t, s, samples()...)
	cases := []struct {
		kind    xiaoqi.Kind
		filters map[string]string
		want    int64
	}{
		{xiaoqi.KindJob, nil, 46},
		{xiaoqi.KindJob, map[string]string{}, 46},
		{xiaoqi.KindJob, map[string]string{"city": "西安市"}, 16},
		{xiaoqi.KindJob, map[string]string{"city": "汉中市", "status": "closed"}, 3},
		{xiaoqi.KindJob, map[string]string{"city": "榆林市"}, 0},
		{xiaoqi.KindInstitution, nil, 1},
		{xiaoqi.KindInstitution, map[string]string{"code": "4161010698"}, 1},
		{xiaoqi.KindPolicy, map[string]string{"number": "12"}, 1},
		{xiaoqi.KindPolicy, map[string]string{"number": "3"}, 0},
	}
	for _, tc := range cases {
		if n := mustCount(t, s, tc.kind, tc.filters); n != tc.want {
			t.Errorf("Count(%s, %v) = %d, want %d", tc.kind, tc.filters, n, tc.want)
		}
	}
	// Counts follow updates that move a document out of a filter.
	j := sampleJob("row-0001")
	j.City, j.Region = "榆林市", xiaoqi.RegionShaanbei
	MustUpsert(t, s, j)
	if n := mustCount(t, s, xiaoqi.KindJob, map[string]string{"city": "宝鸡市"}); n != 14 {
		t.Errorf("after moving a job out of 宝鸡市: Count = %d, want 14", n)
	}
	if n := mustCount(t, s, xiaoqi.KindJob, nil); n != 46 {
		t.Errorf("after an update: Count(job) = %d, want 46", n)
	}
}

func testDelete(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	docs := manyJobs(3)
	MustUpsert(t, s, docs...)
	inst := sampleInstitution()
	MustUpsert(t, s, inst)
	seq := MustLastSeq(t, s)

	id := docs[1].Base().ID
	r, err := s.Delete(ctx(), xiaoqi.KindJob, id, 0)
	if err != nil {
		t.Fatalf("Delete(%s): %v", id, err)
	}
	if r.Kind != xiaoqi.KindJob || r.ID != id || r.Seq <= seq || r.Created || r.Unchanged {
		t.Errorf("Delete result %+v, want job %s with Seq above %d", r, id, seq)
	}
	_, err = s.Get(ctx(), xiaoqi.KindJob, id)
	wantCode(t, err, xiaoqi.ENOTFOUND)
	if n := mustCount(t, s, xiaoqi.KindJob, nil); n != 2 {
		t.Errorf("Count(job) after delete = %d, want 2", n)
	}
	if n := mustCount(t, s, xiaoqi.KindJob, map[string]string{"city": "宝鸡市"}); n != 0 {
		t.Errorf("Count(job, 宝鸡市) after deleting the only one = %d, want 0", n)
	}
	got, _ := listAll(t, s, xiaoqi.KindJob, nil, 10)
	wantIDs(t, ids(got), []string{docs[0].Base().ID, docs[2].Base().ID})

	feed := ChangesAfter(t, s, seq, 1000)
	if len(feed) != 1 || feed[0].Op != xiaoqi.OpDelete || feed[0].ID != id || feed[0].Kind != xiaoqi.KindJob ||
		feed[0].Doc != nil || feed[0].Seq != r.Seq {
		t.Fatalf("feed after delete: %+v, want one tombstone of job %s at %d", feed, id, r.Seq)
	}
	if last := MustLastSeq(t, s); last != r.Seq {
		t.Errorf("LastSeq %d, want the tombstone's %d", last, r.Seq)
	}

	_, err = s.Delete(ctx(), xiaoqi.KindJob, id, 0)
	wantCode(t, err, xiaoqi.ENOTFOUND)
	_, err = s.Delete(ctx(), xiaoqi.KindPolicy, xiaoqi.NewID(xiaoqi.KindPolicy, "missing"), 0)
	wantCode(t, err, xiaoqi.ENOTFOUND)
	if last := MustLastSeq(t, s); last != r.Seq {
		t.Errorf("failed deletes moved LastSeq to %d, want %d", last, r.Seq)
	}

	// Deleting frees the natural key: the same institution comes back as a new document.
	if _, err := s.Delete(ctx(), xiaoqi.KindInstitution, inst.ID, 0); err != nil {
		t.Fatalf("Delete(%s): %v", inst.ID, err)
	}
	again := MustUpsert(t, s, sampleInstitution())[0]
	if !again.Created || again.ID != inst.ID {
		t.Errorf("re-insert after delete: %+v, want created with id %s", again, inst.ID)
	}
	sameContent(t, mustGet(t, s, xiaoqi.KindInstitution, inst.ID), sampleInstitution())
	replay(t, s)
}
