package bolt

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEncodeDocAsBefore: the hand-built record is byte for byte what json.Marshal makes of a
// docRecord, HTML-sensitive text included; a record written before records kept their seq
// reads with seq 0.
func TestEncodeDocAsBefore(t *testing.T) {
	d := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_0123456789abcdef", Version: 3, Source: "a<b>&c"},
		Name: "软件测试 <QA> & 运维", City: "西安市", Description: "\"引号\"\n换行\u2028"}
	hash, err := xiaoqi.ContentHash(d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := encodeDoc(d, hash, 42)
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := json.Marshal(d)
	want, _ := json.Marshal(docRecord{Hash: hash, Seq: 42, Doc: doc})
	if !bytes.Equal(got, want) {
		t.Fatalf("encodeDoc:\n got %s\nwant %s", got, want)
	}
	back, rec, err := decodeRecord(xiaoqi.KindJob, got)
	if err != nil || rec.Hash != hash || rec.Seq != 42 || back.(*xiaoqi.JobNeed).Description != d.Description {
		t.Fatalf("decodeRecord = %+v, %+v, %v", back, rec, err)
	}
	legacy, _ := json.Marshal(struct {
		Hash string          `json:"h"`
		Doc  json.RawMessage `json:"d"`
	}{hash, doc})
	back, rec, err = decodeRecord(xiaoqi.KindJob, legacy)
	if err != nil || rec.Hash != hash || rec.Seq != 0 || back.(*xiaoqi.JobNeed).Name != d.Name {
		t.Fatalf("decodeRecord of a record without seq = %+v, %+v, %v", back, rec, err)
	}
}

// TestMatches: packed filter values are compared field by field, and a damaged record
// matches nothing.
func TestMatches(t *testing.T) {
	rec := encodeFilters([]string{"ent_a", "西安市", "", "本科"})
	for _, tc := range []struct {
		conds []cond
		want  bool
	}{
		{nil, true},
		{[]cond{{0, "ent_a"}}, true},
		{[]cond{{1, "西安市"}, {3, "本科"}}, true},
		{[]cond{{2, ""}}, true},
		{[]cond{{2, "x"}}, false},
		{[]cond{{0, "ent_a"}, {3, "硕士"}}, false},
		{[]cond{{4, ""}}, false}, // beyond the record
	} {
		if got := matches(rec, tc.conds); got != tc.want {
			t.Errorf("matches(%v) = %v, want %v", tc.conds, got, tc.want)
		}
	}
	if matches(rec[:3], []cond{{1, "西安市"}}) {
		t.Error("a truncated record matched")
	}
}
