package bolt_test

import (
	"context"
	"path/filepath"
	"testing"

	bbolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

// TestPersonByKeyRebuilt: a file written before the identity index (index version 2) gets
// it at Open, and finds the candidate who is a person as before. How the index answers (the
// first in id order, former identities, deletions) is the conformance suite's
// (storetest.Run, PersonByKey), which both stores run.
func TestPersonByKeyRebuilt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xiaoqi.db")
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a := &xiaoqi.Candidate{Name: "张三", Phone: "13900001111", Email: "zhang@example.com"}
	a.Source, a.ExternalID = "school_a", "1"
	res, err := s.Upsert(context.Background(), []xiaoqi.Doc{a})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	rewriteFile(t, path, func(tx *bbolt.Tx) error {
		if err := tx.DeleteBucket([]byte("idn:candidate")); err != nil {
			return err
		}
		return tx.Bucket([]byte("meta")).Put([]byte("indexed"), []byte("version 2"))
	})
	s, err = bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.CheckPerson(t, s, "after the rebuild", &xiaoqi.Candidate{Name: "张三", Phone: "139-0000-1111"}, res[0].ID)
}
