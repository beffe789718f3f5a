package bolt_test

import (
	"context"
	"path/filepath"
	"testing"

	bbolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
)

// TestPersonByKey: the identity index finds a candidate by name with phone or e-mail, as
// xiaoqi.People does from every candidate: the first in id order, by what they are and were
// (FormerKeys), not after their deletion; and a file written before the index gets it at Open.
func TestPersonByKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xiaoqi.db")
	s, err := bolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cand := func(ext, src, name, phone, email string) *xiaoqi.Candidate {
		c := &xiaoqi.Candidate{Name: name, Phone: phone, Email: email}
		c.Source, c.ExternalID = src, ext
		return c
	}
	a := cand("1", "school_a", "张三", "13900001111", "zhang@example.com")
	twin := cand("7", "school_b", "张 三", "+86 139 0000 1111", "") // the same person, stored twice
	other := cand("2", "school_a", "李四", "13900002222", "")
	res, err := s.Upsert(ctx, []xiaoqi.Doc{a, twin, other})
	if err != nil {
		t.Fatal(err)
	}
	idA, idTwin, idOther := res[0].ID, res[1].ID, res[2].ID
	first := min(idA, idTwin) // the first in id order, as People has it
	check := func(what string, s *bolt.Store, c *xiaoqi.Candidate, want string) {
		t.Helper()
		people, err := xiaoqi.People(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := xiaoqi.NewPersons(s).Find(ctx, c)
		if err != nil || got != want || xiaoqi.Person(people, c) != want {
			t.Errorf("%s: found %q (%v), People %q; want %q", what, got, err, xiaoqi.Person(people, c), want)
		}
	}
	check("by name and phone", s, cand("", "x", "张三", "139-0000-1111", ""), first)
	check("by name and e-mail", s, cand("", "x", "张三", "", "Zhang@Example.com"), idA)
	check("another name", s, cand("", "x", "张四", "13900001111", ""), "")
	check("another phone", s, cand("", "x", "李四", "13900003333", ""), "")

	// She changes her phone: found by the new one, and by the old one she was (FormerKeys).
	moved := cand("2", "school_a", "李四", "13900004444", "")
	moved.ID = idOther
	moved.FormerKeys = xiaoqi.FormerIdentity(other, moved)
	if _, err := s.Upsert(ctx, []xiaoqi.Doc{moved}); err != nil {
		t.Fatal(err)
	}
	check("by the new phone", s, cand("", "x", "李四", "13900004444", ""), idOther)
	check("by the former phone", s, cand("", "x", "李四", "13900002222", ""), idOther)
	if _, err := s.Delete(ctx, xiaoqi.KindCandidate, idOther, 0); err != nil {
		t.Fatal(err)
	}
	check("after her deletion", s, cand("", "x", "李四", "13900004444", ""), "")
	s.Close()

	// A file of index version 2 has no identity index: Open builds it.
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
	check("after the rebuild", s, cand("", "x", "张三", "13900001111", ""), first)
}
