package search_test

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// openStore opens the embedded store in a temporary directory, closed at the end of the test.
func openStore(tb testing.TB) *bolt.Store {
	tb.Helper()
	s, err := bolt.Open(filepath.Join(tb.TempDir(), "xiaoqi.db"))
	if err != nil {
		tb.Fatalf("bolt.Open: %v", err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s
}

// write upserts docs into s and returns the seq of the last change it made.
func write(tb testing.TB, s xiaoqi.Store, docs ...xiaoqi.Doc) uint64 {
	tb.Helper()
	res, err := s.Upsert(context.Background(), docs)
	if err != nil {
		tb.Fatalf("Upsert: %v", err)
	}
	var seq uint64
	for _, r := range res {
		seq = max(seq, r.Seq)
	}
	return seq
}

// storeDocs returns valid documents of every kind, without ids, and n job needs.
func storeDocs(n int) []xiaoqi.Doc {
	insID := xiaoqi.NewID(xiaoqi.KindInstitution, "code:4161011664")
	entID := xiaoqi.NewID(xiaoqi.KindEnterprise, "name:西安软通动力信息技术有限公司|西安市")
	docs := []xiaoqi.Doc{
		&xiaoqi.Institution{Name: "西安邮电大学", Type: xiaoqi.InstitutionUniversity, Code: "4161011664", City: "西安市"},
		&xiaoqi.Program{InstitutionID: insID, InstitutionName: "西安邮电大学", Name: "软件工程", MajorCode: "080902", Degree: "本科", City: "西安市"},
		&xiaoqi.Enterprise{Name: "西安软通动力信息技术有限公司", City: "西安市"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{Source: "t", ExternalID: "cv-1"}, Name: "李四", Phone: "13800000000", City: "西安", Skills: []string{"软件测试"}},
		&xiaoqi.Policy{Number: 12, Heading: "加强产学研合作", Text: "建立双向合作机制。"},
		&xiaoqi.Partnership{InstitutionID: insID, EnterpriseID: entID, Status: xiaoqi.PartnershipActive},
	}
	for i := range n {
		docs = append(docs, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{Source: "t", ExternalID: fmt.Sprintf("row-%d", i), Synthetic: true},
			EnterpriseID: entID, EnterpriseName: "西安软通动力信息技术有限公司", Name: "软件测试工程师", City: "西安市", Headcount: i + 1})
	}
	return docs
}

// storeVersions lists every document of s with its version.
func storeVersions(tb testing.TB, s xiaoqi.Store) map[string]int64 {
	tb.Helper()
	out := map[string]int64{}
	for _, k := range xiaoqi.Kinds {
		opt := xiaoqi.ListOptions{Limit: xiaoqi.MaxListLimit}
		for {
			page, err := s.List(context.Background(), k, opt)
			if err != nil {
				tb.Fatalf("List %s: %v", k, err)
			}
			for _, d := range page.Docs {
				out[d.Base().ID] = d.Base().Version
			}
			if page.Next == "" {
				break
			}
			opt.After = page.Next
		}
	}
	return out
}

// mirrors fails the test unless x holds exactly the documents of s, at their versions.
func mirrors(tb testing.TB, s xiaoqi.Store, x *search.Index) {
	tb.Helper()
	want := storeVersions(tb, s)
	got, err := x.Versions(context.Background())
	if err != nil {
		tb.Fatalf("Versions: %v", err)
	}
	if !maps.Equal(got, want) {
		for id, v := range want {
			if got[id] != v {
				tb.Errorf("%s: index has version %d, store %d", id, got[id], v)
			}
		}
		for id := range got {
			if _, ok := want[id]; !ok {
				tb.Errorf("%s: in the index, not in the store", id)
			}
		}
	}
}
