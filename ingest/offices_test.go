package ingest_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestProgramGraduatesAsOfficesWriteThem: a university office's list gives graduates as 若干,
// 约200人 or 200余人; each refused the whole program as "must be a whole number".
func TestProgramGraduatesAsOfficesWriteThem(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines(
		"学校名称,学校标识码,城市",
		"西安电子科技大学,4161010701,西安市"))), ingest.Options{Type: xiaoqi.KindInstitution})
	rep := mustImport(t, s, writeFile(t, "programs.csv", []byte(csvLines(
		"学校名称,专业名称,培养层次,年毕业生",
		"西安电子科技大学,软件工程,本科,若干人",
		"西安电子科技大学,人工智能,本科,约200人",
		"西安电子科技大学,网络工程,本科,１２０余人",
		"西安电子科技大学,通信工程,本科,150-180",
		"西安电子科技大学,电子信息工程,本科,很多"))), ingest.Options{Type: xiaoqi.KindProgram})
	// 很多 (many) names no number, as 若干 does: the program is imported without one.
	wantCounts(t, rep, ingest.Counts{Read: 5, Written: 5, Created: 5, Warnings: 4})
	if !hasProblem(rep, ingest.LevelWarning, 2, "年毕业生", "若干") || !hasProblem(rep, ingest.LevelWarning, 5, "年毕业生", "lower bound, 150") ||
		!hasProblem(rep, ingest.LevelWarning, 6, "年毕业生", "很多") || !hasProblem(rep, ingest.LevelWarning, 4, "年毕业生", "at least 120") {
		t.Errorf("want warnings for 若干 (row 2), 120余人 (row 4), the range (row 5) and 很多 (row 6):%s", problems(rep))
	}
	got := map[string]int{}
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		p := d.(*xiaoqi.Program)
		got[p.Name] = p.GraduatesPerYear
	}
	for name, n := range map[string]int{"软件工程": 0, "人工智能": 200, "网络工程": 120, "通信工程": 150, "电子信息工程": 0} {
		if g, ok := got[name]; !ok || g != n {
			t.Errorf("%s: graduates %d (stored %v), want %d", name, g, ok, n)
		}
	}
}

// TestHeadcountAbout: 10余人 and 20多名 (about ten, twenty-odd people), 待定 (to be decided)
// were refused.
func TestHeadcountAbout(t *testing.T) {
	for in, want := range map[string]int{"10余人": 10, "20多名": 20, "10人以上": 10, "3人": 3} {
		if h, err := ingest.ParseHeadcount(in); err != nil || h.N != want {
			t.Errorf("ParseHeadcount(%q) = %+v, %v; want %d", in, h, err, want)
		}
	}
	// 待定 (to be decided) and the like name no number, as 若干 does; they refused the posting.
	for _, in := range []string{"待定", "未定", "按需招聘", "面议"} {
		if h, err := ingest.ParseHeadcount(in); err != nil || !h.Unspecified {
			t.Errorf("ParseHeadcount(%q) = %+v, %v; want unspecified, as 若干", in, h, err)
		}
	}
}

// TestGraduationYearAsOfficesWriteIt: a career office writes 25届 (stored as the year 25) and
// 应届生 (which refused the student); a year such as 2 was stored as it was.
func TestGraduationYearAsOfficesWriteIt(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "students.csv", []byte(csvLines(
		"学号,姓名,毕业院校,毕业时间",
		"1,甲,西北大学,25届",
		"2,乙,西北大学,应届生",
		"3,丙,西北大学,2025届",
		"4,丁,西北大学,2"))), ingest.Options{Type: xiaoqi.KindCandidate})
	wantCounts(t, rep, ingest.Counts{Read: 4, Written: 3, Created: 3, Invalid: 1, Warnings: 1})
	if !hasProblem(rep, ingest.LevelWarning, 3, "毕业时间", "应届生") || !hasProblem(rep, ingest.LevelError, 5, "毕业时间", "2024") {
		t.Errorf("want a warning for 应届生 (row 3) and an error for 2 (row 5):%s", problems(rep))
	}
	got := map[string]int{}
	for _, d := range allDocs(t, s, xiaoqi.KindCandidate) {
		c := d.(*xiaoqi.Candidate)
		got[c.ExternalID] = -1
		if len(c.Education) > 0 {
			got[c.ExternalID] = c.Education[0].GraduationYear
		}
	}
	if got["1"] != 2025 || got["2"] != 0 || got["3"] != 2025 {
		t.Errorf("graduation years by 学号 = %v, want 1: 2025, 2: none, 3: 2025", got)
	}
}

// TestStrictOneRow: a strict import that finds one bad row says so in English as one row
// ("strict: 1 rows have errors" before) and writes nothing.
func TestStrictOneRow(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,城市,招聘人数",
		"测试工程师,甲公司,西安,3",
		"运维工程师,甲公司,西安,3.5"))), ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeStrict})
	if want := "严格模式：1 行有错误，未写入任何数据 / strict: 1 row has errors, nothing was written"; rep.Stopped != want {
		t.Errorf("stopped = %q, want %q", rep.Stopped, want)
	}
	if n := len(allDocs(t, s, xiaoqi.KindJob)); n != 0 || rep.Counts.Written != 0 {
		t.Errorf("a strict import with a bad row stored %d jobs (written %d), want none", n, rep.Counts.Written)
	}
}

// TestSalaryAbout: 8000左右 and 约8000 (about 8000) were kept as text only, with a warning.
func TestSalaryAbout(t *testing.T) {
	for in, want := range map[string][2]int{"8000左右": {8000, 8000}, "约8000元/月": {8000, 8000}, "6-8千左右": {6000, 8000}, "1万上下": {10000, 10000}} {
		if s, err := ingest.ParseSalary(in); err != nil || s.Min != want[0] || s.Max != want[1] {
			t.Errorf("ParseSalary(%q) = %+v, %v; want %d-%d", in, s, err, want[0], want[1])
		}
	}
}

// TestStampedFooter: a government form ends with 填报单位（盖章）：… and 负责人（签字）：…; the rows
// were read as job needs and refused (no company, no city) instead of skipped as footers.
func TestStampedFooter(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.csv", gbk(t, csvLines(
		"岗位名称,公司名称,城市,招聘人数",
		"测试工程师,甲公司,西安,3",
		"填报单位（盖章）：西安市商务局,,,",
		"负责人(签字):,,,",
		"主管（外包）,甲公司,西安,1",
		"以下空白,,,",
		",（以下空白）,,"))), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2, Skipped: 4, EnterprisesCreated: 1})
	if !hasProblem(rep, ingest.LevelNote, 3, "", "填报单位") || !hasProblem(rep, ingest.LevelNote, 4, "", "负责人") ||
		!hasProblem(rep, ingest.LevelNote, 6, "", "nothing below") || !hasProblem(rep, ingest.LevelNote, 7, "", "nothing below") {
		t.Errorf("want rows 3, 4, 6 and 7 skipped as footers:%s", problems(rep))
	}
}

// TestTrainingInLevelColumn: a list of schools and training institutions writes 培训机构 in
// its 办学层次 column; the row was refused ("level must be 本科 or 专科").
func TestTrainingInLevelColumn(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines(
		"学校名称,学校标识码,所在地,办学层次",
		"西安电子科技大学,4161010701,陕西省西安市雁塔区,本科",
		"西安示例职业技能培训学校（合成）,,西安市高新区,培训机构"))), ingest.Options{Type: xiaoqi.KindInstitution})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2})
	for _, d := range allDocs(t, s, xiaoqi.KindInstitution) {
		if in := d.(*xiaoqi.Institution); in.Code == "" && (in.Type != xiaoqi.InstitutionTraining || in.Level != "" || in.District != "高新区") {
			t.Errorf("the training school is %+v: want type training, no level, 高新区", in)
		}
	}
}

// TestDegreeAlternatives: 中专/高中 and 大专或本科 (either will do) were not understood and left
// the job without a degree, with a warning.
func TestDegreeAlternatives(t *testing.T) {
	for in, want := range map[string]string{"中专/高中": "高中", "大专或本科": "大专", "本科/硕士及以上": "本科", "大专、本科": "大专"} {
		if got, err := ingest.ParseDegree(in); err != nil || got != want {
			t.Errorf("ParseDegree(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if got, err := ingest.ParseDegree("本科/培训"); err == nil {
		t.Errorf("ParseDegree(本科/培训) = %q: want an error, a degree or a training is no choice of levels", got)
	}
}

// TestOutsourcingCategoryIndustry: an enterprise list's 所属行业 of 信息技术外包（ITO） was
// warned about as "not a service-outsourcing sector", which it is the very kind of; the
// warning now says it is a category and asks for the sector. A job list's is placed by its
// skills, as without the column.
func TestOutsourcingCategoryIndustry(t *testing.T) {
	t.Parallel()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "ents.csv", []byte(csvLines(
		"企业名称,所在城市,所属行业",
		"甲外包（合成）公司,西安,信息技术外包（ITO）",
		"乙（合成）公司,西安,房地产"))), ingest.Options{Type: xiaoqi.KindEnterprise})
	if !hasProblem(rep, ingest.LevelWarning, 2, "所属行业", "category of service outsourcing") || hasProblem(rep, ingest.LevelWarning, 2, "所属行业", "not a service-outsourcing sector") {
		t.Errorf("want row 2 told that ITO is a category of service outsourcing:%s", problems(rep))
	}
	if !hasProblem(rep, ingest.LevelWarning, 3, "所属行业", "not a service-outsourcing sector") {
		t.Errorf("want row 3 told that 房地产 is not service outsourcing:%s", problems(rep))
	}
	rep = mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,城市,行业,技能",
		"Python开发,甲外包（合成）公司,西安,业务流程外包(BPO),Python、FastAPI、Flask"))), ingest.Options{Type: xiaoqi.KindJob, Skills: ingest.TaxonomySkills(tax)})
	if !hasProblem(rep, ingest.LevelWarning, 2, "行业", "category of service outsourcing") {
		t.Errorf("want the job's BPO called a category:%s", problems(rep))
	}
	if j := jobsByTitle(t, s)["Python开发"]; j == nil || j.Sector != xiaoqi.SectorSoftware {
		t.Errorf("job %+v: want it placed in software by its skills", j)
	}
}

// TestTemplateExampleRows: a template sent to the offices keeps its filled-in example row
// (示例, 例：…); it was imported as a real posting, with a firm named XX科技有限公司.
func TestTemplateExampleRows(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines(
		"序号,岗位名称,公司名称,城市,招聘人数",
		"示例,Java开发工程师,XX科技有限公司,西安市,3",
		"（示例）,测试工程师,XX公司,西安,2",
		"1,示例工程师,甲公司,西安,1",
		"2,运维,甲公司,西安,1"))), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2, Skipped: 2, EnterprisesCreated: 1})
	if !hasProblem(rep, ingest.LevelNote, 2, "", "填写示例") || !hasProblem(rep, ingest.LevelNote, 3, "", "example") {
		t.Errorf("want rows 2 and 3 skipped as the template's examples:%s", problems(rep))
	}
	if _, ok := jobsByTitle(t, s)["示例工程师"]; !ok {
		t.Errorf("a job titled 示例工程师 was skipped")
	}
	rep = mustImport(t, s, writeFile(t, "jobs2.csv", []byte(csvLines(
		"岗位名称,公司名称,城市",
		"例：Java开发工程师,XX科技有限公司,西安市"))), ingest.Options{Type: xiaoqi.KindJob})
	if rep.Counts.Skipped != 1 || rep.Counts.Written != 0 {
		t.Errorf("例：… in the first column: %+v%s", rep.Counts, problems(rep))
	}
}

// TestProgramLevelsAsSchoolsWriteThem: a school's list of majors writes 专升本, 高职专科 and
// 短期培训 as the level; each refused the program.
func TestProgramLevelsAsSchoolsWriteThem(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines(
		"学校名称,学校标识码,城市",
		"西安电子科技大学,4161010701,西安市"))), ingest.Options{Type: xiaoqi.KindInstitution})
	rep := mustImport(t, s, writeFile(t, "programs.csv", []byte(csvLines(
		"学校名称,专业名称,培养层次",
		"西安电子科技大学,会计,专升本",
		"西安电子科技大学,计算机应用技术,高职专科",
		"西安电子科技大学,Python开发,短期培训"))), ingest.Options{Type: xiaoqi.KindProgram})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 3, Created: 3})
	got := map[string]string{}
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		p := d.(*xiaoqi.Program)
		got[p.Name] = p.Degree
	}
	if got["会计"] != "本科" || got["计算机应用技术"] != "大专" || got["Python开发"] != "培训" {
		t.Errorf("levels %v: want 会计 本科, 计算机应用技术 大专, Python开发 培训", got)
	}
}

// TestYesWithNote: 是（省级） in a 是否领军企业 column refused the enterprise.
func TestYesWithNote(t *testing.T) {
	for in, want := range map[string]bool{"是（省级）": true, "否(待认定)": false, "√": true} {
		if got, err := ingest.ParseBool(in); err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

// TestJobHeadersAsOfficesWriteThem: the headers of job lists met in offices (薪酬待遇, 工资待遇,
// 需求岗位, 企业全称, 工作区域, 文化程度, 拟招人数, 岗位说明) were unknown columns, and 薪酬待遇 over
// 最低 and 最高 left every row without its salary; and a headcount with a note (2人（男女不限）,
// 若干（应届生优先）) was an error that lost its row.
func TestJobHeadersAsOfficesWriteThem(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines(
		"需求岗位,企业全称,工作区域,文化程度,拟招人数,工资待遇,岗位说明",
		"软件测试工程师,西安某软件有限公司,西安市雁塔区,本科,2人（男女不限）,8000-12000,负责功能测试",
		"客服专员,西安某软件有限公司,西安市雁塔区,大专,若干（应届生优先）,4-6千,热线客服"))), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2, EnterprisesCreated: 1})
	if len(rep.Unknown) != 0 {
		t.Errorf("unknown columns %+v", rep.Unknown)
	}
	jobs := jobsByTitle(t, s)
	if j := jobs["软件测试工程师"]; j.Headcount != 2 || j.SalaryMin != 8000 || j.Degree != "本科" || j.District != "雁塔区" || j.Description != "负责功能测试" {
		t.Errorf("软件测试工程师 = %+v", j)
	}
	if j := jobs["客服专员"]; j.Headcount != 0 || j.SalaryMax != 6000 {
		t.Errorf("客服专员 = %+v", j)
	}

	s = openStore(t)
	rep = mustImport(t, s, writeFile(t, "two.csv", []byte(csvLines(
		"岗位名称,单位名称,工作地点,薪酬待遇（元/月）,",
		",,,最低,最高",
		"运维工程师,陕西某数字服务有限公司,西安,6000,9000"))), ingest.Options{Type: xiaoqi.KindJob})
	if j := jobsByTitle(t, s)["运维工程师"]; rep.HeaderRow != 2 || j.SalaryMin != 6000 || j.SalaryMax != 9000 {
		t.Errorf("薪酬待遇 over 最低 and 最高: header row %d, salary %d-%d, want 6000-9000:%s", rep.HeaderRow, j.SalaryMin, j.SalaryMax, problems(rep))
	}
}

// TestImportRefusesWhatTheAPIRefuses: a monthly salary below xiaoqi.MinMonthlySalary (8 for
// 8千) and a posting date after today are left out with a warning, as the API refuses them;
// imported, they were stored (8 yuan a month; 2099-01-01 first in every newest-first list).
func TestImportRefusesWhatTheAPIRefuses(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称,城市,薪资,发布日期",
		"甲,西安某公司,西安,8,2025-01-01", "乙,西安某公司,西安,5000-8000,2099-01-01", "丙,西安某公司,西安,8千-1万,2025-01-01"))),
		ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 3, Created: 3, Warnings: 2, EnterprisesCreated: 1})
	jobs := jobsByTitle(t, s)
	if j := jobs["甲"]; j.SalaryMin != 0 || j.SalaryMax != 0 || !hasProblem(rep, ingest.LevelWarning, 2, "薪资", "below 500") {
		t.Errorf("甲: salary %d-%d:%s", j.SalaryMin, j.SalaryMax, problems(rep))
	}
	if j := jobs["乙"]; !j.PostedAt.IsZero() || j.SalaryMin != 5000 || !hasProblem(rep, ingest.LevelWarning, 3, "发布日期", "later than today") {
		t.Errorf("乙: posted %v, salary %d:%s", j.PostedAt, j.SalaryMin, problems(rep))
	}
	if j := jobs["丙"]; j.SalaryMin != 8000 || j.PostedAt.IsZero() {
		t.Errorf("丙 = %+v", j)
	}
}
