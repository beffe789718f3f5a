package ingest_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// listCounter is the embedded store, counting the lists of candidates read from it.
type listCounter struct {
	*bolt.Store
	candidateLists atomic.Int64
}

func (s *listCounter) List(ctx context.Context, k xiaoqi.Kind, opt xiaoqi.ListOptions) (*xiaoqi.ListPage, error) {
	if k == xiaoqi.KindCandidate {
		s.candidateLists.Add(1)
	}
	return s.Store.List(ctx, k, opt)
}

// TestSamePersonByIndex: a school's list of graduates under another source finds the stored
// profiles of the same people (name with phone) by the store's index of identities, and reads
// no list of every candidate: it read them all for each import, 6 s and 380 MB to import 20
// graduates beside 100,000 stored candidates. What the rows do is as before: they update the
// profile of the person, one row a new person.
func TestSamePersonByIndex(t *testing.T) {
	t.Parallel()
	s := &listCounter{Store: openStore(t)}
	mustImport(t, s.Store, writeFile(t, "毕业生.csv", []byte(csvLines("学号,姓名,手机,最高学历",
		"2024001,测丙学生,13700000001,本科", "2024002,测戊学生,13700000002,本科"))), ingest.Options{Type: xiaoqi.KindCandidate})
	rep := mustImport(t, s, writeFile(t, "就业名单.csv", []byte(csvLines("编号,姓名,手机,最高学历",
		"A1,测丙学生,137-0000-0001,硕士", "A2,测己学生,13700000003,本科"))), ingest.Options{Type: xiaoqi.KindCandidate})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 1, Updated: 1, Warnings: 1})
	if !hasProblem(rep, ingest.LevelWarning, 2, "姓名", "already in xiaoqi under another source") {
		t.Errorf("want row 2 said to update the person's profile:%s", problems(rep))
	}
	if n := s.candidateLists.Load(); n != 0 {
		t.Errorf("the import read %d lists of candidates to find its rows' people; want none", n)
	}
	got := map[string]string{}
	for _, d := range allDocs(t, s.Store, xiaoqi.KindCandidate) {
		c := d.(*xiaoqi.Candidate)
		got[c.Name] = c.Source + " " + c.ExternalID + " " + c.Degree
	}
	if len(got) != 3 || got["测丙学生"] != "毕业生 2024001 硕士" || got["测己学生"] != "就业名单 A2 本科" {
		t.Errorf("stored: %v; want 测丙学生's profile updated under its own source and id, 测己学生 new", got)
	}
}
