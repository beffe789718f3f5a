package xiaoqi_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
)

// editingStore runs edit once, just after the first page of job needs is read: an HR user's
// PUT of one of them landing between a rename's reading of its firm's job needs and writing
// them.
type editingStore struct {
	xiaoqi.Store
	once sync.Once
	edit func()
}

func (s *editingStore) List(ctx context.Context, k xiaoqi.Kind, opt xiaoqi.ListOptions) (*xiaoqi.ListPage, error) {
	page, err := s.Store.List(ctx, k, opt)
	if k == xiaoqi.KindJob {
		s.once.Do(s.edit)
	}
	return page, err
}

// TestFollowOrgBesideEdits: a firm renamed while one of its job needs was edited left all of
// them under the old name (the page of job needs is one version-checked write, and the one
// edited failed it), and the rename answered 200. Every job need, the edited one too,
// carries the new name, and keeps the edit.
func TestFollowOrgBesideEdits(t *testing.T) {
	ctx := context.Background()
	store, err := bolt.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ent := &xiaoqi.Enterprise{Name: "秦岭科技", City: "西安市"}
	if _, err := store.Upsert(ctx, []xiaoqi.Doc{ent}); err != nil {
		t.Fatal(err)
	}
	var jobs []xiaoqi.Doc
	for i := range 13 {
		jobs = append(jobs, &xiaoqi.JobNeed{EnterpriseID: ent.ID, EnterpriseName: ent.Name, Name: fmt.Sprintf("岗位%d", i), City: "西安市", Headcount: 1})
	}
	if _, err := store.Upsert(ctx, jobs); err != nil {
		t.Fatal(err)
	}
	edited := jobs[8].Base().ID
	s := &editingStore{Store: store, edit: func() {
		d, _ := store.Get(ctx, xiaoqi.KindJob, edited)
		d.(*xiaoqi.JobNeed).Headcount = 5
		if _, err := store.Upsert(ctx, []xiaoqi.Doc{d}); err != nil {
			t.Error(err)
		}
	}}
	old := *ent
	ent.Name = "秦岭智能科技"
	if _, err := store.Upsert(ctx, []xiaoqi.Doc{ent}); err != nil {
		t.Fatal(err)
	}
	if _, err := xiaoqi.FollowOrg(ctx, s, &old, ent); err != nil {
		t.Errorf("FollowOrg: %v", err)
	}
	stale := 0
	for _, j := range jobs {
		d, err := store.Get(ctx, xiaoqi.KindJob, j.Base().ID)
		if err != nil {
			t.Fatal(err)
		}
		if j := d.(*xiaoqi.JobNeed); j.EnterpriseName != ent.Name {
			stale++
		} else if j.ID == edited && j.Headcount != 5 {
			t.Errorf("the edited job need has headcount %d, want the edit's 5", j.Headcount)
		}
	}
	if stale > 0 {
		t.Errorf("%d of %d job needs keep the firm's old name", stale, len(jobs))
	}
}
