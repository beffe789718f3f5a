package ingest_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

func TestTaxonomySkills(t *testing.T) {
	t.Parallel()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	sk := ingest.TaxonomySkills(tax)
	got := sk.Skills([]string{"JAVA开发", "五险一金", "3-4年", "编码规范", "java", "c++"}, "负责对日外包项目的功能测试，要求日语N2，熟悉MySQL，了解Go")
	// 了解Go: Go written against Chinese is the language (skill.Extract), as a JD means it.
	want := []string{"Java", "编码规范", "C++", "对日外包", "功能测试", "日语N2", "MySQL", "Go语言"}
	if !slices.Equal(got, want) {
		t.Errorf("skills %q, want %q", got, want)
	}

	// Tags that look like a job board's benefits or conditions (险, 培训, 经验) and name a
	// skill of the taxonomy are skills; the benefits themselves are not.
	got = sk.Skills([]string{"风险控制", "车险理赔", "培训讲师", "项目管理经验", "五险一金", "专业培训", "3-4年",
		"晋升空间", "零食下午茶", "年底双薪", "交通补助", "世界500强", "社保缴纳", "社保核算"}, "")
	if want := []string{"风险控制", "理赔", "培训讲师", "项目管理", "薪酬核算"}; !slices.Equal(got, want) {
		t.Errorf("skills %q, want %q", got, want)
	}

	// A tag naming several skills with slashes, as job boards write them, is each of them;
	// one whose parts are not all skills is kept as written.
	got = sk.Skills([]string{"C/C++", "Java/Python", "前端/后端", "HTML/CSS/JavaScript"}, "")
	if want := []string{"C语言", "C++", "Java", "Python", "前端/后端", "HTML", "CSS", "JavaScript"}; !slices.Equal(got, want) {
		t.Errorf("skills %q, want %q", got, want)
	}

	s := openStore(t)
	mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称,城市,技能,岗位描述",
		"对日软件测试工程师,西安某软件公司,西安,\"软件测试,JAVA开发,五险一金\",负责自动化测试，要求日语N2"))),
		ingest.Options{Type: xiaoqi.KindJob, Skills: sk})
	// The title names a skill too: 对日 (work for Japanese clients) is 对日外包.
	if j := jobsByTitle(t, s)["对日软件测试工程师"]; !slices.Equal(j.Skills, []string{"软件测试", "Java", "对日外包", "自动化测试", "日语N2"}) {
		t.Errorf("skills %q", j.Skills)
	}
}

// TestImportPlacesSectors: a job need imported without a sector is placed by its skills
// where they agree on one, and a firm created for it takes that sector; a stated sector
// outside service outsourcing is left empty (and warned about), not guessed over.
func TestImportPlacesSectors(t *testing.T) {
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t)
	path := writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,工作城市,标签,行业",
		"Python开发工程师,渭南示例软件有限公司,渭南,Python、FastAPI、Flask,",
		"数据分析员,铜川示例矿业有限公司,铜川,Python、SQL,采矿",
		"行政助理,商洛示例商贸有限公司,商洛,办公软件,",
		"Java开发工程师,安康示例科技有限公司,安康,Java、Spring、MySQL,N/A",
	)))
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Skills: ingest.TaxonomySkills(tax)})
	jobs := jobsByTitle(t, s)
	for title, want := range map[string]xiaoqi.Sector{"Python开发工程师": xiaoqi.SectorSoftware, "数据分析员": "", "行政助理": "", "Java开发工程师": xiaoqi.SectorSoftware} {
		if j := jobs[title]; j == nil || j.Sector != want {
			t.Errorf("%s: %+v, want sector %q", title, j, want)
		}
	}
	if !hasProblem(rep, ingest.LevelWarning, 3, "行业", "不属于服务外包") {
		t.Errorf("no warning for the sector outside service outsourcing:%s", problems(rep))
	}
	for _, d := range allDocs(t, s, xiaoqi.KindEnterprise) {
		e := d.(*xiaoqi.Enterprise)
		want := []xiaoqi.Sector(nil)
		if e.Name == "渭南示例软件有限公司" || e.Name == "安康示例科技有限公司" {
			want = []xiaoqi.Sector{xiaoqi.SectorSoftware}
		}
		if !slices.Equal(e.Sectors, want) {
			t.Errorf("%s: sectors %v, want %v", e.Name, e.Sectors, want)
		}
	}
}

// TestDefaultCityLast: a default city fills the rows whose own cells name none; a row whose
// area names its city keeps it (the default put every row in it).
func TestDefaultCityLast(t *testing.T) {
	s := openStore(t)
	path := writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,工作地点",
		"测试工程师,宝鸡示例软件有限公司,宝鸡渭滨区",
		"运维工程师,示例运维有限公司,",
		"客服专员,示例外包有限公司,陕西省",
	)))
	mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Defaults: map[string]string{"city": "西安市"}})
	jobs := jobsByTitle(t, s)
	for title, want := range map[string][2]string{"测试工程师": {"宝鸡市", "渭滨区"}, "运维工程师": {"西安市", ""}, "客服专员": {"西安市", ""}} {
		if j := jobs[title]; j == nil || j.City != want[0] || j.District != want[1] {
			t.Errorf("%s: %+v, want %s %s", title, j, want[0], want[1])
		}
	}
}

// TestUnusedMapping: a mapping that names columns the file does not have says so in the
// report (a mapping written for another file was accepted without a word).
func TestUnusedMapping(t *testing.T) {
	path := writeFile(t, "jobs.csv", []byte(csvLines("需求岗位,用工单位,城市", "测试工程师,示例软件有限公司,西安")))
	rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindJob,
		Mapping: ingest.Mapping{"需求岗位": "title", "用工单位": "enterprise_name", "月工资": "salary", "内部备注": "-"}})
	if !slices.Equal(rep.UnusedMapping, []string{"内部备注", "月工资"}) || rep.Written != 1 {
		t.Errorf("unused mapping %v, written %d; want 内部备注 and 月工资, and the row written", rep.UnusedMapping, rep.Written)
	}
}

// TestImportCourseSkills: a training institution's course list names its skills in columns
// such as 课程内容 or 培训内容, or not at all; a course without a skills column takes the
// skills its name and 课程简介 name, as a job need does, or no filter by skill and no match
// would find it. A major of the catalogue takes its code's skills, none from text.
func TestImportCourseSkills(t *testing.T) {
	t.Parallel()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	sk := ingest.TaxonomySkills(tax)
	s := openStore(t)
	mustImport(t, s, writeFile(t, "orgs.csv", []byte(csvLines("机构名称,所在城市,所在区县,办学层次",
		"西安某职业技能培训学校,西安市,雁塔区,培训机构"))), ingest.Options{Type: xiaoqi.KindInstitution})
	rep := mustImport(t, s, writeFile(t, "courses.csv", []byte(csvLines("培训机构,课程名称,培训层次,课程内容",
		"西安某职业技能培训学校,Java全栈开发就业班,培训,Java、Spring Boot、Vue"))),
		ingest.Options{Type: xiaoqi.KindProgram, Skills: sk})
	if len(rep.Unknown) != 0 || rep.Written != 1 {
		t.Errorf("课程内容 and 培训层次: unknown columns %+v, %d written", rep.Unknown, rep.Written)
	}
	rep = mustImport(t, s, writeFile(t, "courses2.csv", []byte(csvLines("培训机构,课程名称,课程简介",
		"西安某职业技能培训学校,Python数据分析班,学习Pandas与数据可视化，完成数据分析项目"))),
		ingest.Options{Type: xiaoqi.KindProgram, Skills: sk})
	if len(rep.Unknown) != 0 || rep.Written != 1 {
		t.Errorf("课程简介: unknown columns %+v, %d written", rep.Unknown, rep.Written)
	}
	got := map[string][]string{}
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		p := d.(*xiaoqi.Program)
		got[p.Name] = p.Skills
	}
	if want := []string{"Java", "Spring Boot", "Vue"}; !slices.Equal(got["Java全栈开发就业班"], want) {
		t.Errorf("Java全栈开发就业班: skills %q, want %q", got["Java全栈开发就业班"], want)
	}
	if py := got["Python数据分析班"]; !slices.Contains(py, "Python") || !slices.Contains(py, "数据分析") {
		t.Errorf("Python数据分析班: skills %q, want Python and 数据分析 from its name and 课程简介", py)
	}

	// A major of the catalogue gets the skills its code teaches: it got none.
	mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines("学校名称,所在城市,办学层次", "宝鸡某学院,宝鸡市,本科"))),
		ingest.Options{Type: xiaoqi.KindInstitution})
	mustImport(t, s, writeFile(t, "majors.csv", []byte(csvLines("学校名称,专业名称,专业代码,层次", "宝鸡某学院,软件工程,080902,本科"))),
		ingest.Options{Type: xiaoqi.KindProgram, Skills: sk})
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		if p := d.(*xiaoqi.Program); p.MajorCode == "080902" && (!slices.Contains(p.Skills, "软件测试") || !slices.Contains(p.Skills, "Java")) {
			t.Errorf("软件工程 080902 imported without skills: %q, want its major's (软件测试, Java …)", p.Skills)
		}
	}
}

// TestCourseSkillsCellEmpty: a course whose 课程内容 cell is empty takes the skills its name
// and description name, as one without the column does (it got none), and a list imported
// again with the cell empty keeps the skills stored (they were erased).
func TestCourseSkillsCellEmpty(t *testing.T) {
	t.Parallel()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	opt := ingest.Options{Type: xiaoqi.KindProgram, Skills: ingest.TaxonomySkills(tax)}
	s := openStore(t)
	mustImport(t, s, writeFile(t, "orgs.csv", []byte(csvLines("机构名称,所在城市,办学层次", "测验丙培训学校,榆林市,培训机构"))),
		ingest.Options{Type: xiaoqi.KindInstitution})
	skillsOf := func() map[string][]string {
		got := map[string][]string{}
		for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
			got[d.(*xiaoqi.Program).Name] = d.(*xiaoqi.Program).Skills
		}
		return got
	}
	rep := mustImport(t, s, writeFile(t, "courses.csv", []byte(csvLines("培训机构,课程名称,培训层次,课程内容",
		"测验丙培训学校,Python数据分析班,培训,", "测验丙培训学校,Java开发班,培训,Java、Spring Boot"))), opt)
	if rep.Written != 2 {
		t.Fatalf("%d written:%s", rep.Written, problems(rep))
	}
	if py := skillsOf()["Python数据分析班"]; !slices.Contains(py, "Python") {
		t.Errorf("Python数据分析班 with 课程内容 empty: skills %q, want Python from its name", py)
	}
	mustImport(t, s, writeFile(t, "courses.csv", []byte(csvLines("培训机构,课程名称,培训层次,课程内容",
		"测验丙培训学校,Java开发班,培训,"))), opt)
	if java := skillsOf()["Java开发班"]; !slices.Contains(java, "Spring Boot") {
		t.Errorf("Java开发班 imported again with 课程内容 empty: skills %q, want those stored (Java, Spring Boot)", java)
	}
}
