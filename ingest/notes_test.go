package ingest_test

import (
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestNotesNotPublic: a 备注 column holds an office's own notes ("内部：急招，联系王经理"); it
// is not imported into a job's public description nor a candidate's summary unless a mapping
// says so, and the report lists it as not imported, saying how to import it.
func TestNotesNotPublic(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称,城市,岗位描述,备注", "测试工程师,甲公司,西安,负责功能测试,内部：急招，联系王经理")))
	s := openStore(t)
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	if j := jobsByTitle(t, s)["测试工程师"]; j == nil || strings.Contains(j.Description, "王经理") || !strings.Contains(j.Description, "功能测试") {
		t.Errorf("description %q: want the 岗位描述 without the 备注", j.Description)
	}
	if len(rep.Unknown) != 1 || rep.Unknown[0].Header != "备注" || !strings.Contains(rep.Unknown[0].Note, "--mapping") {
		t.Errorf("columns not imported %+v: want 备注, with a note naming --mapping", rep.Unknown)
	}
	rep = mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Mapping: ingest.Mapping{"备注": "description"}})
	if j := jobsByTitle(t, s)["测试工程师"]; !strings.Contains(j.Description, "王经理") || len(rep.Unknown) != 0 {
		t.Errorf("mapped on purpose, description %q, unknown %+v: want the note in it", j.Description, rep.Unknown)
	}

	cands := writeFile(t, "students.csv", []byte(csvLines("姓名,个人简介,备注", "张合成,熟悉 Java,辅导员：家庭困难")))
	rep = mustImport(t, s, cands, ingest.Options{Type: xiaoqi.KindCandidate})
	for _, d := range allDocs(t, s, xiaoqi.KindCandidate) {
		if c := d.(*xiaoqi.Candidate); strings.Contains(c.Summary, "家庭困难") {
			t.Errorf("summary %q: the 备注 is in it", c.Summary)
		}
	}
	if len(rep.Unknown) != 1 || rep.Unknown[0].Header != "备注" {
		t.Errorf("columns not imported %+v: want 备注", rep.Unknown)
	}
}
