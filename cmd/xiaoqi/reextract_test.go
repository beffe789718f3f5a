package main_test

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestReindexReextract stores documents whose skills were written as raw text, runs
// `xiaoqi reindex --reextract` and finds the taxonomy's skills; a second run changes nothing.
func TestReindexReextract(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	docs := []xiaoqi.Doc{
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_raw", Synthetic: true}, Name: "后端开发", EnterpriseName: "西安某软件公司",
			City: "西安市", Experience: "3-4年", Skills: []string{"java后端", "Mysql"},
			Description: "负责对日外包项目的功能测试，要求日语N2\n标签 Tags：JAVA开发、五险一金、3-4年"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_done", Synthetic: true}, Name: "行政", EnterpriseName: "西安某物业公司",
			City: "西安市", Skills: []string{"会议接待"}},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_se"}, InstitutionID: "ins_x", InstitutionName: "某大学", Name: "软件工程",
			MajorCode: "080902", Degree: "本科", City: "西安市"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_x", Synthetic: true}, Name: "张三", City: "西安市",
			Skills: []string{"python开发"}, Summary: "两年软件测试经验"},
	}
	if _, err := s.Upsert(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}

	reindex := func() string {
		t.Helper()
		var out, errb bytes.Buffer
		env := func(string) string { return "" }
		if err := main.RunReindex(ctx, []string{"--log-level", "error", "--data-dir", dir, "--reextract"}, env, &out, &errb); err != nil {
			t.Fatalf("reindex --reextract: %v\n%s", err, errb.String())
		}
		return out.String()
	}
	out := reindex()
	for _, want := range []string{"taxonomy " + tax.Version(), "1 of 2 job needs", "1 of 1 programs", "1 of 1 candidates", "documents indexed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output %q lacks %q", out, want)
		}
	}
	if out := reindex(); !strings.Contains(out, "0 of 2 job needs, 0 of 1 programs, 0 of 1 candidates") {
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
	if j := get(xiaoqi.KindJob, "job_raw").(*xiaoqi.JobNeed); !slices.Equal(j.Skills, []string{"Java", "MySQL", "对日外包", "功能测试", "日语N2"}) {
		t.Errorf("job skills %q", j.Skills)
	}
	if j := get(xiaoqi.KindJob, "job_done").(*xiaoqi.JobNeed); !slices.Equal(j.Skills, []string{"会议接待"}) {
		t.Errorf("unknown skill rewritten: %q", j.Skills)
	}
	if p := get(xiaoqi.KindProgram, "prg_se").(*xiaoqi.Program); !slices.Contains(p.Skills, "Java") {
		t.Errorf("program skills %q, want Java among them", p.Skills)
	}
	if c := get(xiaoqi.KindCandidate, "cnd_x").(*xiaoqi.Candidate); !slices.Equal(c.Skills, []string{"Python", "软件测试"}) {
		t.Errorf("candidate skills %q", c.Skills)
	}
}
