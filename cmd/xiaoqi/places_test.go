package main_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// TestReindexPlaces stores documents as the API stored them before it read places (深圳, 西安,
// 雁塔, and one firm twice, as 深圳 and 深圳市), runs `xiaoqi reindex --places`, and finds them
// stored as an import stores them, the firm written twice left for a person to merge; a second
// run changes nothing.
func TestReindexPlaces(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	docs := []xiaoqi.Doc{
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_sz"}, Name: "Java开发", EnterpriseName: "深圳某公司", City: "深圳"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xa"}, Name: "测试", EnterpriseName: "西安某公司", City: "西安", District: "雁塔"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ok"}, Name: "运维", EnterpriseName: "西安某公司", City: "西安市", District: "雁塔区", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_a"}, Name: "深圳外包有限公司", City: "深圳市"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_b"}, Name: "深圳外包有限公司", City: "深圳"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_x"}, Name: "张三", City: "Xi'an"},
	}
	if _, err := s.Upsert(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	reindex := func() string {
		t.Helper()
		var out, errb bytes.Buffer
		env := func(string) string { return "" }
		if err := main.RunReindex(ctx, []string{"--log-level", "error", "--data-dir", dir, "--places"}, env, &out, &errb); err != nil {
			t.Fatalf("reindex --places: %v\n%s", err, errb.String())
		}
		return out.String()
	}
	out := reindex()
	for _, want := range []string{"2 of 3 job", "0 of 2 enterprise", "1 of 1 candidate", "merge them by hand): ent_b", "documents indexed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output %q lacks %q", out, want)
		}
	}
	if out := reindex(); !strings.Contains(out, "0 of 2 enterprise, 0 of 3 job, 0 of 1 candidate") {
		t.Errorf("second run: %q, want nothing changed", out)
	}

	s, err = bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	get := func(kind xiaoqi.Kind, id string) xiaoqi.Doc {
		d, err := s.Get(ctx, kind, id)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if j := get(xiaoqi.KindJob, "job_sz").(*xiaoqi.JobNeed); j.City != "深圳市" {
		t.Errorf("job_sz in %q, want 深圳市", j.City)
	}
	if j := get(xiaoqi.KindJob, "job_xa").(*xiaoqi.JobNeed); j.City != "西安市" || j.District != "雁塔区" || j.Region != xiaoqi.RegionGuanzhong {
		t.Errorf("job_xa in %q / %q (%q), want 西安市 / 雁塔区 (关中)", j.City, j.District, j.Region)
	}
	if c := get(xiaoqi.KindCandidate, "cnd_x").(*xiaoqi.Candidate); c.City != "西安市" {
		t.Errorf("cnd_x in %q, want 西安市", c.City)
	}
	if e := get(xiaoqi.KindEnterprise, "ent_b").(*xiaoqi.Enterprise); e.City != "深圳" {
		t.Errorf("ent_b, a second 深圳外包有限公司, in %q: want it left for a person to merge", e.City)
	}
}
