package ingest_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestImportOrganisations imports institutions, then programs that name them in three ways,
// then enterprises; a second file with fewer columns updates what it has and keeps the rest.
func TestImportOrganisations(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines(
		"学校名称,学校标识码,主管部门,所在城市,办学层次,备注,纬度,经度",
		"西安邮电大学,4161011664,陕西省,西安市,本科,,34.15,108.90",
		"陕西某某培训学校,,,宝鸡,,民办,,",
		"西安翻译学院,4161012715,陕西省,西安市,本科,民办,,"))), ingest.Options{Type: xiaoqi.KindInstitution})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 3, Created: 3})
	insts := map[string]*xiaoqi.Institution{}
	for _, d := range allDocs(t, s, xiaoqi.KindInstitution) {
		in := d.(*xiaoqi.Institution)
		insts[in.Name] = in
	}
	if in := insts["西安邮电大学"]; in.Type != xiaoqi.InstitutionUniversity || in.Geo == nil || in.Geo.Lat != 34.15 || in.Private {
		t.Errorf("西安邮电大学 = %+v", in)
	}
	if in := insts["陕西某某培训学校"]; in.Type != xiaoqi.InstitutionTraining || !in.Private || in.City != "宝鸡市" || in.Region != xiaoqi.RegionGuanzhong {
		t.Errorf("training school = %+v", in)
	}
	if in := insts["西安翻译学院"]; !in.Private {
		t.Errorf("西安翻译学院 = %+v: 民办 in the note column", in)
	}

	// Fewer columns: the coordinates stay, the authority changes.
	rep = mustImport(t, s, writeFile(t, "update.csv", []byte(csvLines("学校标识码,学校名称,主管部门,城市", "4161011664,西安邮电大学,工业和信息化部,西安"))),
		ingest.Options{Type: xiaoqi.KindInstitution})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Updated: 1})
	d, _ := s.Get(context.Background(), xiaoqi.KindInstitution, insts["西安邮电大学"].ID)
	if in := d.(*xiaoqi.Institution); in.Authority != "工业和信息化部" || in.Geo == nil || in.Level != "本科" {
		t.Errorf("updated = %+v", in)
	}

	rep = mustImport(t, s, writeFile(t, "programs.csv", []byte(csvLines(
		"院校代码,学校名称,专业代码,专业名称,核心技能,年毕业生",
		"11664,,080902,软件工程,Java、软件测试,420",
		`,西安邮电大学,080910T,数据科学与大数据技术,Python,"1,200"`,
		",陕西某某培训学校,,软件测试实训,软件测试,60",
		",西安不存在大学,080902,软件工程,,",
		"11664,,510201,计算机应用技术,,"))), ingest.Options{Type: xiaoqi.KindProgram})
	wantCounts(t, rep, ingest.Counts{Read: 5, Written: 4, Created: 4, Invalid: 1})
	if !hasProblem(rep, ingest.LevelError, 5, "学校名称", "import institutions first") {
		t.Errorf("want the unknown school:%s", problems(rep))
	}
	progs := map[string]*xiaoqi.Program{}
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		p := d.(*xiaoqi.Program)
		progs[p.Name] = p
	}
	if p := progs["软件工程"]; p == nil || p.InstitutionName != "西安邮电大学" || p.Degree != "本科" || p.City != "西安市" ||
		p.GraduatesPerYear != 420 || !slices.Equal(p.Skills, []string{"Java", "软件测试"}) {
		t.Errorf("软件工程 = %+v", p)
	}
	if p := progs["软件测试实训"]; p == nil || p.Degree != "培训" || p.City != "宝鸡市" {
		t.Errorf("a training course: %+v", p)
	}
	if p := progs["数据科学与大数据技术"]; p == nil || p.GraduatesPerYear != 1200 {
		t.Errorf("数据科学与大数据技术 = %+v", p)
	}
	if p := progs["计算机应用技术"]; p == nil || p.Degree != "大专" {
		t.Errorf("a vocational major code: %+v", p)
	}

	rep = mustImport(t, s, writeFile(t, "ents.csv", []byte(csvLines(
		"企业名称,统一社会信用代码,所在城市,所属行业,是否领军企业,离岸市场",
		"陕西某软件外包有限公司,91610131MA6TXXXX0X,西安,软件研发和测试,是,日韩、欧美",
		"陕西某数据服务有限公司,,咸阳,数据标注；餐饮,否,"))), ingest.Options{Type: xiaoqi.KindEnterprise})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 1, Created: 1, Invalid: 1, Warnings: 1})
	if !hasProblem(rep, ingest.LevelError, 2, "统一社会信用代码", "credit_code") || !hasProblem(rep, ingest.LevelWarning, 3, "所属行业", "餐饮") {
		t.Errorf("want the bad credit code and the unknown sectors:%s", problems(rep))
	}
}

// TestImportCandidates imports candidates without repeating personal data in the problems.
func TestImportCandidates(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	var report bytes.Buffer
	rep := mustImport(t, s, writeFile(t, "人才.csv", []byte(csvLines(
		"姓名,手机,邮箱,出生日期,现居城市,最高学历,毕业院校,专业,毕业年份,技能,外语,留学国家,创业意向",
		"张三,138 0000 1234,zhang@example.com,1998-05-01,西安,本科,西安电子科技大学,软件工程,2020届,Java、Spring,英语CET-6,,否",
		"李四,12345,li@example,1990/1/1,Tokyo,Master,早稻田大学,情报学,2015,日语,日语N1,日本,是",
		"王五,13900001111,,,西安,大专,,,,,,,"))),
		ingest.Options{Type: xiaoqi.KindCandidate, Source: "campus-fair", ReportCSV: ingest.NewCSVWriter(&report), HidePersonal: true})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 2, Created: 2, Invalid: 1})
	for _, p := range rep.Problems {
		// A city is not personal: Tokyo is repeated, as not a known city.
		if p.Row == 3 && ((p.Value != "" && p.Field != "city") || strings.Contains(p.Message, "12345") || strings.Contains(p.Message, "li@example")) {
			t.Errorf("problem repeats personal data: %+v", p)
		}
	}
	if r := report.String(); !strings.Contains(r, "\n3,错误 error,") || strings.Contains(r, "李四") || strings.Contains(r, "12345") ||
		!strings.Contains(r, "[已隐藏 hidden]") || !strings.Contains(r, "早稻田大学") {
		t.Errorf("report with personal data hidden:\n%s", r)
	}
	if !hasProblem(rep, ingest.LevelError, 3, "手机", "phone") || !hasProblem(rep, ingest.LevelError, 3, "邮箱", "e-mail") {
		t.Errorf("want phone and e-mail errors:%s", problems(rep))
	}
	for _, d := range allDocs(t, s, xiaoqi.KindCandidate) {
		c := d.(*xiaoqi.Candidate)
		if c.Name != "张三" {
			continue
		}
		if c.Phone != "13800001234" || c.BirthDate != "1998-05-01" || c.City != "西安市" || c.Degree != "本科" || len(c.Education) != 1 ||
			c.Education[0].GraduationYear != 2020 || c.Returnee || c.Source != "campus-fair" || len(c.ExternalID) != 16 {
			t.Errorf("张三 = %+v", c)
		}
	}
}

// TestProgramsTakeTheirSchoolsPlace: a program is taught where its school is, district too, so
// that a district filter (长安区, 杨凌) finds it; a row that names another city of Shaanxi places
// it there, and a program stored before programs had districts gets its school's when imported
// again. As through the API, a city outside Shaanxi (other than the school's) or a district its
// city does not have (火星区) is an error naming the column, and a catalogue code gives the
// program its class and category, whatever the row says.
func TestProgramsTakeTheirSchoolsPlace(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines(
		"学校名称,学校标识码,城市,区县",
		"西北农林科技大学,4161010712,咸阳市,杨陵区",
		"西安电子科技大学,4161010701,西安市,长安区"))), ingest.Options{Type: xiaoqi.KindInstitution})
	insts := map[string]*xiaoqi.Institution{}
	for _, d := range allDocs(t, s, xiaoqi.KindInstitution) {
		insts[d.Title()] = d.(*xiaoqi.Institution)
	}
	// Stored as an earlier version stored it: the school's city, no district.
	old := &xiaoqi.Program{InstitutionID: insts["西安电子科技大学"].ID, InstitutionName: "西安电子科技大学",
		Name: "软件工程", MajorCode: "080902", Degree: "本科", City: "西安市"}
	old.ID = xiaoqi.NewID(xiaoqi.KindProgram, old.NaturalKey())
	if _, err := s.Upsert(context.Background(), []xiaoqi.Doc{old}); err != nil {
		t.Fatal(err)
	}

	rep := mustImport(t, s, writeFile(t, "programs.csv", []byte(csvLines(
		"学校名称,专业代码,专业名称",
		"西北农林科技大学,082801,农业工程",
		"西安电子科技大学,080902,软件工程"))), ingest.Options{Type: xiaoqi.KindProgram})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 1, Updated: 1})
	majors, err := seed.Majors()
	if err != nil {
		t.Fatal(err)
	}
	rep = mustImport(t, s, writeFile(t, "campus.csv", []byte(csvLines(
		"学校名称,专业代码,专业名称,城市,区县,专业类",
		"西安电子科技大学,080901,计算机科学与技术,广州市,黄埔区,",
		"西安电子科技大学,080904K,信息安全,西安市,火星区,",
		"西安电子科技大学,080905,物联网工程,宝鸡市,渭滨区,",
		"西安电子科技大学,080903,网络工程,西安,,中国语言文学类",
		"西北农林科技大学,090101,农学,,,"))), ingest.Options{Type: xiaoqi.KindProgram, Majors: majors})
	wantCounts(t, rep, ingest.Counts{Read: 5, Written: 3, Created: 3, Invalid: 2})
	if !hasProblem(rep, ingest.LevelError, 2, "城市", "a city of Shaanxi") || !hasProblem(rep, ingest.LevelError, 3, "区县", "火星区") {
		t.Errorf("want the city of 广州 and the district 火星区 refused:%s", problems(rep))
	}
	wantBilingual(t, rep)

	got := map[string][2]string{}
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		p := d.(*xiaoqi.Program)
		got[p.Name] = [2]string{p.City, p.District}
		if p.Name == "网络工程" && (p.ClassName != "计算机类" || p.Category != "工学") {
			t.Errorf("网络工程 (080903): class %q, category %q; want 计算机类, 工学 from the catalogue", p.ClassName, p.Category)
		}
	}
	want := map[string][2]string{
		"农业工程":  {"咸阳市", "杨陵区"},
		"软件工程":  {"西安市", "长安区"}, // stored without a district before
		"物联网工程": {"宝鸡市", "渭滨区"}, // the row's own place, another campus
		"网络工程":  {"西安市", "长安区"}, // the school's city: its district too
		"农学":    {"咸阳市", "杨陵区"}, // an empty city cell: the school's place
	}
	if len(got) != len(want) {
		t.Errorf("programs stored %v, want %v", got, want)
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: city, district = %q, want %q", name, got[name], w)
		}
	}
}

// TestReimportKeepsCandidatesChoices: a candidate list imported again keeps what each stored
// candidate chose, who sees the profile and which firms see the contacts, and says so when the
// file asks otherwise; it made a private profile public again and dropped the consents. A person
// twice in one file (name and phone alike, other values) is reported, not made a second profile.
func TestReimportKeepsCandidatesChoices(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openStore(t)
	file := func(vis string) string {
		return writeFile(t, "候选人.csv", []byte(csvLines("姓名,手机,最高学历,技能,可见性",
			"张伟,13800001234,本科,软件测试,"+vis, "李娜,13900005678,大专,Java,"+vis)))
	}
	mustImport(t, s, file(""), ingest.Options{Type: xiaoqi.KindCandidate})
	var zw *xiaoqi.Candidate
	for _, d := range allDocs(t, s, xiaoqi.KindCandidate) {
		if c := d.(*xiaoqi.Candidate); c.Name == "张伟" {
			zw = c
		}
	}
	zw.Visibility, zw.ConsentEnterprises = xiaoqi.VisibilityPrivate, []string{"ent_5453ef8779224e9e"}
	if _, err := s.Upsert(ctx, []xiaoqi.Doc{zw}); err != nil {
		t.Fatal(err)
	}
	rep := mustImport(t, s, file("公开"), ingest.Options{Type: xiaoqi.KindCandidate})
	d, err := s.Get(ctx, xiaoqi.KindCandidate, zw.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c := d.(*xiaoqi.Candidate); c.Visibility != xiaoqi.VisibilityPrivate || !slices.Equal(c.ConsentEnterprises, zw.ConsentEnterprises) {
		t.Errorf("after the import again: visibility %q, consents %v; want the candidate's private and consent kept", c.Visibility, c.ConsentEnterprises)
	}
	if !hasProblem(rep, ingest.LevelWarning, 2, "可见性", "kept") {
		t.Errorf("want a warning that 张伟's visibility was kept:%s", problems(rep))
	}

	rep = mustImport(t, openStore(t), writeFile(t, "汇总.csv", []byte(csvLines("姓名,手机,技能,自我评价",
		"张伟,13800001234,软件测试,踏实", "李娜,13900005678,Java,", "张伟,13800001234,软件测试,重复行"))), ingest.Options{Type: xiaoqi.KindCandidate})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 2, Created: 2, Invalid: 1})
	if !hasProblem(rep, ingest.LevelError, 4, "", "row 2") {
		t.Errorf("want row 4 reported as the person of row 2:%s", problems(rep))
	}
}

// TestCandidateEducationProblemsNameTheirColumn: a wrong 专业代码 was reported as field
// education[0].major_code, without column or cell, unlike every other problem of the row.
func TestCandidateEducationProblemsNameTheirColumn(t *testing.T) {
	t.Parallel()
	rep := mustImport(t, openStore(t), writeFile(t, "mc.csv", []byte(csvLines("姓名,毕业院校,专业,专业代码,毕业年份",
		"测试甲,西北大学,软件工程,1234,2020"))), ingest.Options{Type: xiaoqi.KindCandidate, Mode: ingest.ModeDryRun})
	if len(rep.Problems) != 1 {
		t.Fatalf("want one problem:%s", problems(rep))
	}
	if p := rep.Problems[0]; p.Column != "专业代码" || p.Cell != "D2" || p.Field != "major_code" || strings.Contains(p.Message, "education[0]") {
		t.Errorf("problem %+v, want it in column 专业代码, cell D2, field major_code", p)
	}
}

// TestCandidateResumeColumns: the columns of a résumé list that have no field of their own
// (求职意向, 期望薪资, 意向城市, 工作年限, 工作经历) were reported unknown and not imported, and
// the candidates had no city though the file said where they live or want to work. The summary
// keeps them, labelled, where search finds them and skills are read from; the city comes from
// 意向城市, else from the address, which is not stored.
func TestCandidateResumeColumns(t *testing.T) {
	t.Parallel()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "简历汇总.csv", []byte(csvLines("姓名,手机,现居住地址,求职意向,期望薪资,意向城市,工作年限,工作经历,技能",
		"张伟,13800001234,陕西省咸阳市秦都区人民路8号,软件测试工程师,8000-10000,西安,3年,2021-2024 在某外包公司做自动化测试（Selenium）,Python",
		"李娜,13900005678,宝鸡市渭滨区经二路1号,日语客服,6000-8000,,1年,对日呼叫中心客服,日语"))),
		ingest.Options{Type: xiaoqi.KindCandidate, Skills: ingest.TaxonomySkills(tax)})
	if len(rep.Unknown) != 0 {
		t.Errorf("unknown columns %+v, want every résumé column read", rep.Unknown)
	}
	got := map[string]*xiaoqi.Candidate{}
	for _, d := range allDocs(t, s, xiaoqi.KindCandidate) {
		c := d.(*xiaoqi.Candidate)
		got[c.Name] = c
	}
	zw, ln := got["张伟"], got["李娜"]
	if zw == nil || ln == nil {
		t.Fatalf("candidates %v", got)
	}
	if zw.City != "西安市" || ln.City != "宝鸡市" {
		t.Errorf("cities %q and %q, want 西安市 (意向城市) and 宝鸡市 (from the address)", zw.City, ln.City)
	}
	for _, want := range []string{"求职意向 Objective：软件测试工程师", "期望薪资 Expected salary：8000-10000", "工作年限 Years of experience：3年", "Selenium"} {
		if !strings.Contains(zw.Summary, want) {
			t.Errorf("张伟's summary %q lacks %q", zw.Summary, want)
		}
	}
	if strings.Contains(zw.Summary+ln.Summary, "人民路") || strings.Contains(zw.Summary+ln.Summary, "经二路") {
		t.Errorf("the address is stored: %q, %q", zw.Summary, ln.Summary)
	}
	if !slices.Contains(zw.Skills, "Selenium") || !slices.Contains(zw.Skills, "自动化测试") {
		t.Errorf("张伟's skills %v, want those of the work history too", zw.Skills)
	}
}

// TestAnotherSchoolsListUnderTheSameSource: two schools' 就业名单.csv (or one saved as
// 就业名单 (1).csv) name the same source, and both number their students from 2024001: the
// second list overwrote the first school's students with its own, name, phone and all, and no
// one was told. A row whose id is held by another name is refused, naming neither person.
func TestAnotherSchoolsListUnderTheSameSource(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	mustImport(t, s, writeFile(t, "就业名单.csv", []byte(csvLines("学号,姓名,手机,最高学历",
		"2024001,测丙学生,13700000001,本科", "2024002,测戊学生,13700000002,本科"))), ingest.Options{Type: xiaoqi.KindCandidate})
	rep := mustImport(t, s, writeFile(t, "就业名单 (1).csv", []byte(csvLines("学号,姓名,手机,最高学历",
		"2024001,测丁学生,13900000001,大专", "2024002,测戊学生,13700000002,硕士"))), ingest.Options{Type: xiaoqi.KindCandidate, HidePersonal: true})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 1, Updated: 1, Invalid: 1})
	if !hasProblem(rep, ingest.LevelError, 2, "学号", "belongs to another candidate") {
		t.Errorf("want row 2 refused as another candidate's id:%s", problems(rep))
	}
	for _, p := range rep.Problems {
		// Nor the source, named after a file that may be named after a person.
		if strings.Contains(p.Message, "测丙") || strings.Contains(p.Message, "测丁") || strings.Contains(p.Message, "就业名单") {
			t.Errorf("a problem names a person: %+v", p)
		}
	}
	names := map[string]string{}
	for _, d := range allDocs(t, s, xiaoqi.KindCandidate) {
		c := d.(*xiaoqi.Candidate)
		names[c.ExternalID] = c.Name + " " + c.Phone + " " + c.Degree
	}
	if names["2024001"] != "测丙学生 13700000001 本科" || names["2024002"] != "测戊学生 13700000002 硕士" {
		t.Errorf("stored after the second list: %v; want 2024001 still 测丙学生 and 2024002 updated", names)
	}
}

// TestAnotherOfficesPostingsUnderTheSameSource: two offices' 用工需求.csv name the same source
// and number their postings from 1; the second moved the first office's postings to its own
// firms without a word. It still may (a list may move a posting), but says whose it was.
func TestAnotherOfficesPostingsUnderTheSameSource(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	mustImport(t, s, writeFile(t, "用工需求.csv", []byte(csvLines("岗位编号,岗位名称,公司名称,工作地点",
		"1,碑林岗1,陕西测验碑林科技有限公司,西安市碑林区"))), ingest.Options{Type: xiaoqi.KindJob})
	rep := mustImport(t, s, writeFile(t, "用工需求(1).csv", []byte(csvLines("岗位编号,岗位名称,公司名称,工作地点",
		"1,汉中岗1,陕西测验汉中科技有限公司,汉中市汉台区"))), ingest.Options{Type: xiaoqi.KindJob})
	if !hasProblem(rep, ingest.LevelWarning, 2, "岗位编号", "was a posting of another enterprise (陕西测验碑林科技有限公司") {
		t.Errorf("want row 2 warned of the posting it takes over:%s", problems(rep))
	}
}
