package ingest_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestReimportWithoutIDs: a job list without an id column imported again with a new posting
// date (an export writes the day it was made), under another file name (jobs_gbk (1).csv, as a
// browser saves a second download) or both updates the postings it holds instead of adding
// them again; with a source given on purpose, the rows stay under it and the report says
// which stored postings they look like.
func TestReimportWithoutIDs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openStore(t)
	file := func(name, date string, rows ...string) string {
		lines := []string{"岗位名称,公司名称,城市,区县,招聘人数,发布日期"}
		for _, r := range rows {
			lines = append(lines, r+","+date)
		}
		return writeFile(t, name, []byte(csvLines(lines...)))
	}
	rows := []string{"Java开发工程师,西安合成软件有限公司,西安,雁塔区,3", "测试工程师,西安合成软件有限公司,西安,雁塔区,2",
		"测试工程师,西安合成软件有限公司,西安,雁塔区,1"} // a second posting of the same title
	rep := mustImport(t, s, file("jobs_gbk.csv", "2024-03-01", rows...), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 3, Created: 3, EnterprisesCreated: 1})

	rep = mustImport(t, s, file("jobs_gbk.csv", "2024-03-08", rows...), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 3, Updated: 3})

	rep = mustImport(t, s, file("jobs_gbk (1).csv", "2024-03-08", rows...), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 3, Unchanged: 3})
	if rep.Source != "jobs_gbk" {
		t.Errorf("source %q, want jobs_gbk: (1) marks a second download, not another list", rep.Source)
	}

	edited := []string{rows[0], rows[1], "测试工程师,西安合成软件有限公司,西安,雁塔区,4"}
	rep = mustImport(t, s, file("岗位需求-4月.csv", "2024-04-01", edited...), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 3, Updated: 3})
	if len(rep.Existing) != 1 || rep.Existing[0].Source != "jobs_gbk" || rep.Existing[0].Rows != 3 || !rep.Existing[0].Updated {
		t.Errorf("existing %+v, want the 3 rows counted as postings of jobs_gbk they updated", rep.Existing)
	}
	if !strings.Contains(rep.Summary(), "jobs_gbk") {
		t.Errorf("summary %q does not name the source whose postings were updated", rep.Summary())
	}
	if n, _ := s.Count(ctx, xiaoqi.KindJob, nil); n != 3 {
		t.Errorf("%d jobs, want 3: re-imports added postings", n)
	}
	var heads []int
	for _, d := range allDocs(t, s, xiaoqi.KindJob) {
		if j := d.(*xiaoqi.JobNeed); j.Name == "测试工程师" {
			heads = append(heads, j.Headcount)
		}
	}
	if len(heads) != 2 || heads[0]+heads[1] != 6 {
		t.Errorf("测试工程师 headcounts %v, want 2 and 4", heads)
	}

	// A source given on purpose keeps its rows apart, and the report says what they look like.
	rep = mustImport(t, s, file("crawl.csv", "2024-04-01", rows[0]), ingest.Options{Type: xiaoqi.KindJob, Source: "51job"})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Created: 1})
	if len(rep.Existing) != 1 || rep.Existing[0].Source != "jobs_gbk" || rep.Existing[0].Updated {
		t.Errorf("existing %+v, want the row counted as looking like a posting of jobs_gbk, not updating it", rep.Existing)
	}
}

func TestSourceName(t *testing.T) {
	for in, want := range map[string]string{"jobs_gbk.csv": "jobs_gbk", "jobs_gbk (1).csv": "jobs_gbk", "岗位需求 - 副本.xlsx": "岗位需求",
		"岗位需求（2）.xlsx": "岗位需求", "list copy.csv": "list", "岗位需求 2024.xlsx": "岗位需求-2024", "(1).csv": "(1)"} {
		if got := ingest.SourceName(in); got != want {
			t.Errorf("SourceName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReimportKeepsDistrict: a school list that names the city only (the MOE list) leaves the
// district stored for a school of that city; a row that names another city moves the school.
func TestReimportKeepsDistrict(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openStore(t)
	res, err := s.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Institution{Name: "西北农林科技大学", Code: "4161010712", Type: xiaoqi.InstitutionUniversity,
		Level: "本科", City: "咸阳市", District: "杨陵区"}})
	if err != nil {
		t.Fatal(err)
	}
	f := writeFile(t, "schools.csv", []byte(csvLines("学校名称,学校标识码,所在地,办学层次", "西北农林科技大学,4161010712,咸阳市,本科")))
	mustImport(t, s, f, ingest.Options{Type: xiaoqi.KindInstitution})
	d, err := s.Get(ctx, xiaoqi.KindInstitution, res[0].ID)
	if err != nil || d.(*xiaoqi.Institution).District != "杨陵区" {
		t.Fatalf("after the import: %+v, %v; want the district 杨陵区 kept", d, err)
	}
	f = writeFile(t, "schools2.csv", []byte(csvLines("学校名称,学校标识码,所在地,办学层次", "西北农林科技大学,4161010712,西安市,本科")))
	mustImport(t, s, f, ingest.Options{Type: xiaoqi.KindInstitution})
	if d, _ := s.Get(ctx, xiaoqi.KindInstitution, res[0].ID); d.(*xiaoqi.Institution).City != "西安市" || d.(*xiaoqi.Institution).District != "" {
		t.Errorf("moved to 西安市: %+v, want no district of 咸阳市 left", d)
	}
}

// TestShortListOntoFullOne: a short list (title, firm, district, salary) imported onto the
// postings of a full one updates the salary and keeps the rest; it replaced each posting
// whole, and its degree, headcount, description, skills, status and posting date were lost.
func TestShortListOntoFullOne(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	opt := ingest.Options{Type: xiaoqi.KindJob, Skills: ingest.TaxonomySkills(tax)}
	full := writeFile(t, "jobs_full.csv", []byte(csvLines("岗位名称,公司名称,城市,区县,学历要求,招聘人数,薪资,岗位描述,发布日期,状态",
		"软件测试工程师,西安合成软件有限公司,西安,高新区,本科,3,8千-1.2万·13薪,负责对日外包项目的功能测试与自动化测试。,2024-03-01,已关闭")))
	mustImport(t, s, full, opt)
	short := writeFile(t, "list.csv", []byte(csvLines("需求岗位,用工单位,城市,所在区县,月工资",
		"软件测试工程师,西安合成软件有限公司,西安,高新区,9千-1.3万")))
	rep := mustImport(t, s, short, opt)
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Updated: 1})
	jobs := allDocs(t, s, xiaoqi.KindJob)
	if len(jobs) != 1 {
		t.Fatalf("%d postings, want 1", len(jobs))
	}
	j := jobs[0].(*xiaoqi.JobNeed)
	if j.SalaryMin != 9000 || j.SalaryMax != 13000 {
		t.Errorf("salary %d-%d, want the short list's 9000-13000", j.SalaryMin, j.SalaryMax)
	}
	if j.Degree != "本科" || j.Headcount != 3 || !strings.Contains(j.Description, "对日外包") || j.Status != xiaoqi.JobClosed ||
		j.PostedAt.Format("2006-01-02") != "2024-03-01" {
		t.Errorf("after the short list: degree %q, headcount %d, description %q, status %q, posted %v; want the full list's kept",
			j.Degree, j.Headcount, j.Description, j.Status, j.PostedAt)
	}
	if !slices.Contains(j.Skills, "自动化测试") || !slices.Contains(j.Skills, "软件测试") {
		t.Errorf("skills %v, want those of the full list's description kept", j.Skills)
	}
}
