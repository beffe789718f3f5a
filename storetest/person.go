package storetest

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// testPersonByKey: a store finds the candidate who is a person, by name with phone or e-mail,
// as xiaoqi.People does from every candidate: the first in id order, by what they are and
// were (FormerKeys), not after their deletion. A store with an index of identities
// (xiaoqi.PersonFinder) answers from it; both answer as People does.
func testPersonByKey(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	s := open(t)
	cand := func(ext, src, name, phone, email string) *xiaoqi.Candidate {
		c := &xiaoqi.Candidate{Name: name, Phone: phone, Email: email}
		c.Source, c.ExternalID = src, ext
		return c
	}
	a := cand("1", "school_a", "张三", "13900001111", "zhang@example.com")
	twin := cand("7", "school_b", "张 三", "+86 139 0000 1111", "") // the same person, stored twice
	other := cand("2", "school_a", "李四", "13900002222", "")
	nobody := cand("3", "school_a", "王五", "", "") // no phone, no e-mail: no identity
	res := MustUpsert(t, s, a, twin, other, nobody)
	idA, idTwin, idOther := res[0].ID, res[1].ID, res[2].ID
	first := min(idA, idTwin)
	CheckPerson(t, s, "by name and phone", cand("", "x", "张三", "139-0000-1111", ""), first)
	CheckPerson(t, s, "by name and e-mail", cand("", "x", "张三", "", "Zhang@Example.com"), idA)
	CheckPerson(t, s, "another name", cand("", "x", "张四", "13900001111", ""), "")
	CheckPerson(t, s, "another phone", cand("", "x", "李四", "13900003333", ""), "")

	// She changes her phone: found by the new one, and by the old one she was (FormerKeys).
	moved := cand("2", "school_a", "李四", "13900004444", "")
	moved.ID = idOther
	moved.FormerKeys = xiaoqi.FormerIdentity(other, moved)
	MustUpsert(t, s, moved)
	CheckPerson(t, s, "by the new phone", cand("", "x", "李四", "13900004444", ""), idOther)
	CheckPerson(t, s, "by the former phone", cand("", "x", "李四", "13900002222", ""), idOther)

	// A phone she wrote herself says nothing of who she is (TrustedKeys).
	own := cand("2", "school_a", "李四", "13900005555", "")
	own.ID, own.FormerKeys, own.OwnFields = idOther, moved.FormerKeys, []string{"phone"}
	MustUpsert(t, s, own)
	CheckPerson(t, s, "by a phone she wrote herself", cand("", "x", "李四", "13900005555", ""), "")

	if _, err := s.Delete(ctx(), xiaoqi.KindCandidate, idOther, 0); err != nil {
		t.Fatal(err)
	}
	CheckPerson(t, s, "after her deletion", cand("", "x", "李四", "13900002222", ""), "")
	if _, err := s.Delete(ctx(), xiaoqi.KindCandidate, first, 0); err != nil {
		t.Fatal(err)
	}
	CheckPerson(t, s, "after the first twin's deletion", cand("", "x", "张三", "13900001111", ""), max(idA, idTwin))
}

// CheckPerson fails the test unless the candidate of s who is c, as xiaoqi.Persons finds them
// and as xiaoqi.People has them, is want ("" for none).
func CheckPerson(tb testing.TB, s xiaoqi.Store, what string, c *xiaoqi.Candidate, want string) {
	tb.Helper()
	people, err := xiaoqi.People(ctx(), s)
	if err != nil {
		tb.Fatal(err)
	}
	got, err := xiaoqi.NewPersons(s).Find(ctx(), c)
	if err != nil || got != want || xiaoqi.Person(people, c) != want {
		tb.Errorf("%s: found %q (%v), People %q; want %q", what, got, err, xiaoqi.Person(people, c), want)
	}
}
