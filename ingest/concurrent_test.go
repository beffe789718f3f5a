package ingest_test

// Imports that run while candidates change or erase their profiles.

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// hookStore runs hook once, just before the first Upsert that writes a candidate: the moment
// a candidate's own PUT or DELETE lands between the import reading her profile and writing
// her row.
type hookStore struct {
	xiaoqi.Store
	once sync.Once
	hook func()
}

func (h *hookStore) Upsert(ctx context.Context, docs []xiaoqi.Doc) ([]xiaoqi.WriteResult, error) {
	for _, d := range docs {
		if d.Kind() == xiaoqi.KindCandidate {
			h.once.Do(h.hook)
		}
	}
	return h.Store.Upsert(ctx, docs)
}

// TestImportKeepsChoicesMadeWhileItRuns: a candidate made her profile private and withdrew
// her consent while a list that names her was imported; the import, which had read her
// profile before, wrote it back public with the consent. Her later choice stands, and the
// list's own value (the degree) is still written.
func TestImportKeepsChoicesMadeWhileItRuns(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	file := writeFile(t, "名单.csv", []byte(csvLines("学号,姓名,手机,最高学历", "S1,陈合成,13700001111,本科")))
	mustImport(t, s, file, ingest.Options{Type: xiaoqi.KindCandidate, Source: "list"})
	d, err := s.GetByKey(ctx, xiaoqi.KindCandidate, "src:list|S1")
	if err != nil {
		t.Fatal(err)
	}
	c := d.(*xiaoqi.Candidate)
	c.ConsentEnterprises = []string{"ent_aaaaaaaaaaaaaaaa"}
	if _, err := s.Upsert(ctx, []xiaoqi.Doc{c}); err != nil {
		t.Fatal(err)
	}
	id := c.ID

	h := &hookStore{Store: s}
	h.hook = func() { // as PUT /candidates/{id} would
		d, _ := s.Get(ctx, xiaoqi.KindCandidate, id)
		c := d.(*xiaoqi.Candidate)
		c.Visibility, c.ConsentEnterprises = xiaoqi.VisibilityPrivate, nil
		if _, err := s.Upsert(ctx, []xiaoqi.Doc{c}); err != nil {
			t.Error(err)
		}
	}
	file2 := writeFile(t, "名单2.csv", []byte(csvLines("学号,姓名,手机,最高学历", "S1,陈合成,13700001111,硕士")))
	rep := mustImport(t, h, file2, ingest.Options{Type: xiaoqi.KindCandidate, Source: "list"})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Updated: 1})
	d, _ = s.Get(ctx, xiaoqi.KindCandidate, id)
	c = d.(*xiaoqi.Candidate)
	if c.Visibility != xiaoqi.VisibilityPrivate || len(c.ConsentEnterprises) > 0 {
		t.Errorf("after the import: visibility %q, consents %v; want private and none, as she chose while it ran", c.Visibility, c.ConsentEnterprises)
	}
	if c.Degree != "硕士" {
		t.Errorf("degree %q, want the list's 硕士", c.Degree)
	}
}

// TestImportDoesNotBringBackPersonErasedWhileItRuns: a person erased at her request while a
// list that names her was imported (the erasure between the import reading her profile and
// writing her row) was stored again, name and phone, from her row. She stays erased, and the
// report says why her row was not imported.
func TestImportDoesNotBringBackPersonErasedWhileItRuns(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	file := writeFile(t, "名单.csv", []byte(csvLines("学号,姓名,手机,最高学历", "S1,合成一,13700000001,本科", "S2,陶可欣,13912345678,本科")))
	opt := func() ingest.Options {
		e, err := xiaoqi.NewErasures(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		return ingest.Options{Type: xiaoqi.KindCandidate, Source: "list", Erased: e}
	}
	mustImport(t, s, file, opt())
	d, err := s.GetByKey(ctx, xiaoqi.KindCandidate, "src:list|S2")
	if err != nil {
		t.Fatal(err)
	}
	her := d.(*xiaoqi.Candidate)

	h := &hookStore{Store: s}
	h.hook = func() { // as DELETE /candidates/{id} does: the erasure recorded, then the profile removed
		if err := s.AppendAudit(ctx, &xiaoqi.AuditEntry{Action: xiaoqi.AuditErase, ActorID: "usr_admin", ActorRole: xiaoqi.RoleAdmin,
			SubjectID: xiaoqi.ErasedSubject, ErasedKey: xiaoqi.ErasedKey(her.NaturalKey()), ErasedIdentity: her.Identity()}); err != nil {
			t.Error(err)
		}
		if _, err := s.Delete(ctx, xiaoqi.KindCandidate, her.ID, 0); err != nil {
			t.Error(err)
		}
	}
	file2 := writeFile(t, "名单2.csv", []byte(csvLines("学号,姓名,手机,最高学历", "S1,合成一,13700000001,硕士", "S2,陶可欣,13912345678,硕士")))
	rep := mustImport(t, h, file2, opt())
	page, err := s.List(ctx, xiaoqi.KindCandidate, xiaoqi.ListOptions{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range page.Docs {
		if c := d.(*xiaoqi.Candidate); c.Name == her.Name {
			t.Errorf("the erased person is stored again (%s, created %s)", c.ID, c.CreatedAt)
		}
	}
	if len(page.Docs) != 1 {
		t.Errorf("%d candidates stored, want the other one", len(page.Docs))
	}
	if !slices.ContainsFunc(rep.Problems, func(p ingest.Problem) bool {
		return p.Row == 3 && p.Level == ingest.LevelError && p.Field == "name"
	}) {
		t.Errorf("no error of row 3 (the erased person's) in the report: %+v", rep.Problems)
	}
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 1, Updated: 1, Invalid: 1})
}
