package main

import (
	"context"
	"path/filepath"
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
