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

// TestOrganisationNotesNotPublic: an enterprise list's 备注 became the firm's public
// description ("内部：重点跟踪对象，联系人王经理13912345678，勿外传"); an institution list's 备注
// went into the description after 备注：. Now the enterprise's is not imported unless a mapping
// names it, and the institution's is read for 民办 only, its other text left out with a
// warning that does not repeat it; a mapping imports it.
func TestOrganisationNotesNotPublic(t *testing.T) {
	t.Parallel()
	const secret = "内部：重点跟踪对象，联系人王经理13912345678，勿外传"
	s := openStore(t)
	ents := writeFile(t, "ents.csv", []byte(csvLines("企业名称,城市,企业简介,备注", "陕西测验申软件有限公司,西安市,软件外包,"+secret)))
	rep := mustImport(t, s, ents, ingest.Options{Type: xiaoqi.KindEnterprise})
	for _, d := range allDocs(t, s, xiaoqi.KindEnterprise) {
		if e := d.(*xiaoqi.Enterprise); strings.Contains(e.Description, "王经理") || e.Description != "软件外包" {
			t.Errorf("description %q: want 软件外包 without the 备注", e.Description)
		}
	}
	if len(rep.Unknown) != 1 || rep.Unknown[0].Header != "备注" || !ingest.PrivateNote(rep.Unknown[0]) {
		t.Errorf("columns not imported %+v: want 备注, with the note that says why", rep.Unknown)
	}
	mustImport(t, s, ents, ingest.Options{Type: xiaoqi.KindEnterprise, Mapping: ingest.Mapping{"备注": "description"}})
	for _, d := range allDocs(t, s, xiaoqi.KindEnterprise) {
		if e := d.(*xiaoqi.Enterprise); !strings.Contains(e.Description, "王经理") {
			t.Errorf("mapped on purpose, description %q: want the note in it", e.Description)
		}
	}

	insts := writeFile(t, "insts.csv", []byte(csvLines("学校名称,城市,办学层次,备注", "测验民办学院,西安市,本科,民办", "测验大学,西安市,本科,"+secret)))
	rep = mustImport(t, s, insts, ingest.Options{Type: xiaoqi.KindInstitution})
	for _, d := range allDocs(t, s, xiaoqi.KindInstitution) {
		in := d.(*xiaoqi.Institution)
		if strings.Contains(in.Description, "王经理") {
			t.Errorf("%s: description %q holds the 备注", in.Name, in.Description)
		}
		if in.Private != (in.Name == "测验民办学院") {
			t.Errorf("%s: private %v: 民办 is still read from the 备注", in.Name, in.Private)
		}
	}
	if !hasProblem(rep, ingest.LevelWarning, 3, "备注", "未导入公开的简介") {
		t.Errorf("want a warning that row 3's 备注 is not imported:%s", problems(rep))
	}
	for _, p := range rep.Problems {
		if strings.Contains(p.Value+p.Message, "王经理") {
			t.Errorf("problem %v repeats the note", p)
		}
	}
	mustImport(t, s, insts, ingest.Options{Type: xiaoqi.KindInstitution, Mapping: ingest.Mapping{"备注": "note"}})
	for _, d := range allDocs(t, s, xiaoqi.KindInstitution) {
		if in := d.(*xiaoqi.Institution); in.Name == "测验大学" && !strings.Contains(in.Description, "王经理") {
			t.Errorf("mapped on purpose, description %q: want the note in it", in.Description)
		}
	}
}
