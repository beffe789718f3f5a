package ingest_test

import (
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestFullWidthValues: digits and signs typed full width (a Chinese input method's ３, ２人,
// １０-１５K, ２０２４-０３-０１) are read as their half-width selves.
func TestFullWidthValues(t *testing.T) {
	t.Parallel()
	if h, err := ingest.ParseHeadcount("２人"); err != nil || h.N != 2 {
		t.Errorf("ParseHeadcount(２人) = %+v, %v; want 2", h, err)
	}
	if s, err := ingest.ParseSalary("１０-１５K"); err != nil || s.Min != 10000 || s.Max != 15000 {
		t.Errorf("ParseSalary(１０-１５K) = %+v, %v; want 10000-15000", s, err)
	}
	if s, err := ingest.ParseSalary("８０００～１２０００元／月"); err != nil || s.Min != 8000 || s.Max != 12000 {
		t.Errorf("ParseSalary(８０００～１２０００元／月) = %+v, %v; want 8000-12000", s, err)
	}
	if d, err := ingest.ParseDate("２０２４-０３-０１"); err != nil || d.Year() != 2024 || d.Month() != time.March || d.Day() != 1 {
		t.Errorf("ParseDate(２０２４-０３-０１) = %v, %v; want 2024-03-01", d, err)
	}
	if n, err := ingest.ParseInt("１，２００"); err != nil || n != 1200 {
		t.Errorf("ParseInt(１，２００) = %d, %v; want 1200", n, err)
	}
	if b, err := ingest.ParseBool("Ｙ"); err != nil || !b {
		t.Errorf("ParseBool(Ｙ) = %v, %v; want true", b, err)
	}

	path := writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,城市,招聘人数,薪资,发布日期",
		"运维工程师,西安合成软件有限公司,西安,３,１０-１５K,２０２４-０３-０１",
	)))
	s := openStore(t)
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Created: 1, EnterprisesCreated: 1})
	j := jobsByTitle(t, s)["运维工程师"]
	if j == nil || j.Headcount != 3 || j.SalaryMin != 10000 || j.SalaryMax != 15000 || j.PostedAt.IsZero() {
		t.Errorf("job %+v: want headcount 3, salary 10000-15000 and a date", j)
	}
}

// TestDateOnlyIsTheDay: a posting date without a time (2024/3/1, an Excel date) is stored
// as 2024-03-01T00:00:00Z, so that the API shows 2024-03-01 and the search's filter
// date_from=2024-03-01&date_to=2024-03-01 (that day, in UTC) finds it; Beijing midnight was
// 2024-02-29T16:00:00Z, the day before.
func TestDateOnlyIsTheDay(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,城市,发布日期",
		"Java开发工程师,西安合成软件有限公司,西安,2024/3/1",
		"测试工程师,西安合成软件有限公司,西安,45352",
		"运维工程师,西安合成软件有限公司,西安,2024-03-01 09:30",
	)))
	s := openStore(t)
	mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	jobs := jobsByTitle(t, s)
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, title := range []string{"Java开发工程师", "测试工程师"} {
		if j := jobs[title]; j == nil || !j.PostedAt.Equal(day) {
			t.Errorf("%s posted %v, want %v", title, j.PostedAt, day)
		}
	}
	if j := jobs["运维工程师"]; j == nil || !j.PostedAt.Equal(time.Date(2024, 3, 1, 1, 30, 0, 0, time.UTC)) {
		t.Errorf("运维工程师 posted %v, want 09:30 Beijing time", j.PostedAt)
	}
}

// TestFullWidthCodes: a school's 学校标识码 and a major's 专业代码 typed full width
// (４１６１０１０６９７, ０８０９０２Ｔ) are their half-width selves, as a credit code and a
// program file's 学校标识码 are: they were refused as "must be the 10-digit MOE institution code".
func TestFullWidthCodes(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines(
		"学校名称,学校标识码,主管部门,城市,办学层次",
		"西安合成学院,４１６１０１０６９７,陕西省教育厅,西安,本科",
	))), ingest.Options{Type: xiaoqi.KindInstitution})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Created: 1})
	ins := allDocs(t, s, xiaoqi.KindInstitution)
	if len(ins) != 1 || ins[0].(*xiaoqi.Institution).Code != "4161010697" {
		t.Fatalf("institutions %+v: want one, code 4161010697", ins)
	}
	// The same school with its code typed half width is the same school: unchanged.
	rep = mustImport(t, s, writeFile(t, "schools2.csv", []byte(csvLines(
		"学校名称,学校标识码,主管部门,城市,办学层次",
		"西安合成学院,4161010697,陕西省教育厅,西安,本科",
	))), ingest.Options{Type: xiaoqi.KindInstitution})
	wantCounts(t, rep, ingest.Counts{Read: 1, Unchanged: 1})

	rep = mustImport(t, s, writeFile(t, "programs.csv", []byte(csvLines(
		"学校标识码,专业名称,专业代码,培养层次",
		"４１６１０１０６９７,软件工程,０８０９０２,本科",
		"４１６１０１０６９７,数据科学与大数据技术,０８０９１０ｔ,本科",
	))), ingest.Options{Type: xiaoqi.KindProgram})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2})
	codes := map[string]string{}
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		p := d.(*xiaoqi.Program)
		codes[p.Name] = p.MajorCode
	}
	if codes["软件工程"] != "080902" || codes["数据科学与大数据技术"] != "080910T" {
		t.Errorf("major codes %v: want 080902 and 080910T", codes)
	}
}

// TestFullWidthIDs: an id column typed full width (岗位编号 ＪＤ００１, 学号 ２０２４００１, a Chinese
// input method left in 全角) names the same row as its half-width self. The id was kept as
// typed, so the next list of the same source, typed half width, added every posting and every
// student a second time instead of updating them.
func TestFullWidthIDs(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	jobs := func(id, salary string) string {
		return csvLines("岗位编号,岗位名称,公司名称,城市,薪资", id+",运维工程师,西安合成软件有限公司,西安,"+salary)
	}
	mustImport(t, s, writeFile(t, "a.csv", []byte(jobs("ＪＤ００１", "8000"))), ingest.Options{Type: xiaoqi.KindJob, Source: "岗位需求"})
	rep := mustImport(t, s, writeFile(t, "b.csv", []byte(jobs("JD001", "9000"))), ingest.Options{Type: xiaoqi.KindJob, Source: "岗位需求"})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Updated: 1})
	if n := len(allDocs(t, s, xiaoqi.KindJob)); n != 1 {
		t.Errorf("%d job needs stored, want 1: JD001 is ＪＤ００１", n)
	}

	students := func(id, phone string) string {
		return csvLines("学号,姓名,手机,毕业院校,专业", id+",张合成,"+phone+",西北大学,软件工程")
	}
	mustImport(t, s, writeFile(t, "c.csv", []byte(students("２０２４００１", "13800000001"))), ingest.Options{Type: xiaoqi.KindCandidate, Source: "就业名单"})
	rep = mustImport(t, s, writeFile(t, "d.csv", []byte(students("2024001", "13800000002"))), ingest.Options{Type: xiaoqi.KindCandidate, Source: "就业名单"})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Updated: 1})
	if n := len(allDocs(t, s, xiaoqi.KindCandidate)); n != 1 {
		t.Errorf("%d candidates stored, want 1: 2024001 is ２０２４００１", n)
	}
}
