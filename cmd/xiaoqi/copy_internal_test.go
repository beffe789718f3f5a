package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
)

// TestFailedDocNamed: a copy that meets a record the target refuses names it by its id, which
// the source can be corrected by, not only by its place in a batch of a thousand.
func TestFailedDocNamed(t *testing.T) {
	s, err := bolt.Open(filepath.Join(t.TempDir(), "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs := []xiaoqi.Doc{
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_fine01"}, Name: "甲培训中心", Type: xiaoqi.InstitutionTraining, City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_noname01"}, Type: xiaoqi.InstitutionTraining, City: "西安市"},
	}
	_, err = s.Restore(context.Background(), docs)
	if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
		t.Fatalf("Restore of an institution without a name: %v, want EINVALID", err)
	}
	if got := failedDoc(err, docs); got != "ins_noname01" {
		t.Errorf("failedDoc = %q, want ins_noname01", got)
	}
	if got := failedDoc(context.Canceled, docs); got != "ins_fine01 … ins_noname01" {
		t.Errorf("failedDoc of an error naming no document = %q, want the batch's span", got)
	}
}

// writingStore is a source that is written to while a copy reads it: the first page read of
// job needs writes one more.
type writingStore struct {
	*bolt.Store
	wrote bool
}

func (w *writingStore) List(ctx context.Context, k xiaoqi.Kind, opt xiaoqi.ListOptions) (*xiaoqi.ListPage, error) {
	if k == xiaoqi.KindJob && !w.wrote {
		w.wrote = true
		if _, err := w.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.JobNeed{Name: "复制期间写入的岗位", EnterpriseName: "甲公司", City: "西安市", Meta: xiaoqi.Meta{Synthetic: true}}}); err != nil {
			return nil, err
		}
	}
	return w.Store.List(ctx, k, opt)
}

// TestCopyRefusesSourceWrittenTo: a copy during which the source was written to (a MongoDB
// source still served) fails and says why and what to do, rather than reporting done.
func TestCopyRefusesSourceWrittenTo(t *testing.T) {
	ctx := context.Background()
	open := func(name string) *bolt.Store {
		s, err := bolt.Open(filepath.Join(t.TempDir(), name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	src, dst := open("src.db"), open("dst.db")
	if _, err := src.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.JobNeed{Name: "测试工程师", EnterpriseName: "甲公司", City: "西安市", Meta: xiaoqi.Meta{Synthetic: true}}}); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	err := copier{src: &writingStore{Store: src}, dst: dst, out: &out}.run(ctx)
	if xiaoqi.ErrorCode(err) != xiaoqi.ECONFLICT || !strings.Contains(err.Error(), "written to during the copy") || !strings.Contains(err.Error(), "copy again") {
		t.Fatalf("copy of a source written to meanwhile: %v, want a conflict that says so\n%s", err, out.String())
	}
	// Without writes the same copy is done.
	src2, dst2 := open("src2.db"), open("dst2.db")
	if _, err := src2.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.JobNeed{Name: "测试工程师", EnterpriseName: "甲公司", City: "西安市", Meta: xiaoqi.Meta{Synthetic: true}}}); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := (copier{src: src2, dst: dst2, out: &out}).run(ctx); err != nil || !strings.Contains(out.String(), "done") {
		t.Fatalf("copy: %v\n%s", err, out.String())
	}
}
