package ingest_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/internal/msgcheck"
)

const jobsHeaderZH = "岗位名称,公司名称,工作地点,学历要求,招聘人数,薪资,技能,发布日期"

func TestImportGBKCSV(t *testing.T) {
	t.Parallel()
	text := csvLines(jobsHeaderZH,
		"软件测试工程师,西安云测信息技术有限公司,陕西省西安高新技术产业开发区,本科及以上,若干,8千-1.2万·13薪,软件测试、Python、五险一金,2024/3/1",
		"日语翻译,西安云测信息技术有限公司,陕西省西安雁塔区,大专,3人,15-30K,日语N2,2024年3月2日")
	for _, enc := range []string{"", "gbk", "GB18030"} {
		s := openStore(t)
		rep := mustImport(t, s, writeFile(t, "岗位.csv", gbk(t, text)), ingest.Options{Type: xiaoqi.KindJob, Encoding: enc})
		wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2, EnterprisesCreated: 1})
		if rep.Encoding != ingest.EncodingGB18030 || rep.Source != "岗位" {
			t.Errorf("encoding %q source %q, want gb18030 and 岗位", rep.Encoding, rep.Source)
		}
		jobs := jobsByTitle(t, s)
		j := jobs["软件测试工程师"]
		if j == nil {
			t.Fatalf("encoding %q: jobs %v", enc, jobs)
		}
		want := xiaoqi.JobNeed{Name: "软件测试工程师", EnterpriseName: "西安云测信息技术有限公司", City: "西安市", District: "高新区",
			Region: xiaoqi.RegionGuanzhong, Degree: "本科", SalaryMin: 8000, SalaryMax: 12000, SalaryMonths: 13, SalaryText: "8千-1.2万·13薪",
			Status: xiaoqi.JobOpen, Skills: []string{"软件测试", "Python"}}
		if j.City != want.City || j.District != want.District || j.Region != want.Region || j.Degree != want.Degree ||
			j.SalaryMin != want.SalaryMin || j.SalaryMax != want.SalaryMax || j.SalaryMonths != want.SalaryMonths ||
			j.SalaryText != want.SalaryText || j.Status != want.Status || !slices.Equal(j.Skills, want.Skills) || j.Headcount != 0 {
			t.Errorf("job = %+v\nwant %+v", j, want)
		}
		if !j.PostedAt.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) || j.Source != "岗位" || len(j.ExternalID) != 16 {
			t.Errorf("posted %v source %q external id %q", j.PostedAt, j.Source, j.ExternalID)
		}
		if !strings.Contains(j.Description, "五险一金") {
			t.Errorf("description %q lost the benefit tag", j.Description)
		}
		if ja := jobs["日语翻译"]; ja.Headcount != 3 || ja.SalaryMin != 15000 || ja.District != "雁塔区" || ja.EnterpriseID != j.EnterpriseID {
			t.Errorf("日语翻译 = %+v", ja)
		}
	}
}

// TestImportGBKAfterASCII checks that a GBK file whose first 100 kB are ASCII is still
// recognised: the encoding is decided at the first non-ASCII byte.
func TestImportGBKAfterASCII(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("title,enterprise_name,city\r\n")
	for i := range 3000 {
		b.WriteString("QA engineer " + strings.Repeat("x", 20) + ",Acme Ltd,Xi'an\r\n")
		_ = i
	}
	b.WriteString("软件测试工程师,西安云测信息技术有限公司,西安\r\n")
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "jobs.csv", gbk(t, b.String())), ingest.Options{Type: xiaoqi.KindJob})
	if rep.Encoding != ingest.EncodingGB18030 {
		t.Errorf("encoding %q", rep.Encoding)
	}
	// 3000 identical ASCII rows are one posting and 2999 duplicates.
	wantCounts(t, rep, ingest.Counts{Read: 3001, Written: 2, Created: 2, Duplicates: 2999, EnterprisesCreated: 2})
	if jobsByTitle(t, s)["软件测试工程师"] == nil {
		t.Error("the GBK row was not imported")
	}
}

func TestImportBOM(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	data := "\ufeff" + csvLines("Title,Enterprise Name,City,Degree,Headcount,Salary", "Java Developer,西安软通动力,Xi'an,Bachelor,2,15-25K")
	rep := mustImport(t, s, writeFile(t, "jobs.csv", []byte(data)), ingest.Options{Type: xiaoqi.KindJob, Source: "hr-2024"})
	wantCounts(t, rep, ingest.Counts{Read: 1, Written: 1, Created: 1, EnterprisesCreated: 1})
	if rep.Encoding != ingest.EncodingUTF8BOM || rep.Columns[0].Field != "title" || rep.Columns[0].Header != "Title" {
		t.Errorf("encoding %q, first column %+v", rep.Encoding, rep.Columns[0])
	}
	j := jobsByTitle(t, s)["Java Developer"]
	if j == nil || j.City != "西安市" || j.Degree != "本科" || j.Headcount != 2 || j.Source != "hr-2024" {
		t.Errorf("job = %+v", j)
	}
}

// brokenCSV has one row of every kind of problem; the comments give the rows as Excel shows them.
var brokenCSV = csvLines(
	"岗位名称,公司名称,城市,学历要求,招聘人数,薪资,岗位描述",          // 1
	"Java开发工程师,陕西某软件有限公司,西安,本科,3,1-1.5万,正常招聘", // 2 ok
	",陕西某软件有限公司,西安,本科,3,1-1.5万,",              // 3 no title
	"测试工程师,陕西某软件有限公司,西安,金融,3.5,面议,",           // 4 bad headcount; degree not understood
	"运维工程师,陕西某软件有限公司,第3车间,本科,2,8千-1万,",        // 5 not a city
	",,,,,,", // 6 empty
	"Java开发工程师,陕西某软件有限公司,西安,本科,3,1-1.5万,正常招聘",                // 7 repeats row 2
	`数据标注员,陕西"某"软件有限公司,西安,大专,5,4-6千,`,                        // 8 bare quote
	"产品经理,陕西某软件有限公司,西安,本科,1,看能力,,多余的值",                       // 9 salary not understood; value without header
	`"多行 ""描述""的岗位",陕西某软件有限公司,西安,本科,1,1万,"第一行`+"\r\n"+`第二行"`, // 10: one record over two lines
	"前端开发,陕西某软件有限公司,西安,本科,2,1-2万,",                           // 11: Excel shows the record above as one row
)

// TestImportYearlySalaries: 猎聘 writes yearly salaries followed by how soon the employer
// answers; they are read as yearly, without a warning. A salary that names no period and
// would be more than 100,000 a month is read as yearly too, with a warning to check it.
func TestImportYearlySalaries(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "liepin.csv", []byte(csvLines(
		"title,company,city,salary",
		"Java架构师,陕西某软件有限公司,西安,18-36万 72小时反馈", // 2
		"测试经理,陕西某软件有限公司,西安,20-40万",           // 3
		"运维工程师,陕西某软件有限公司,西安,3-5万",            // 4: 51job's monthly pay of a senior
		"产品经理,陕西某软件有限公司,西安,面议 24小时反馈",        // 5
		"数据分析师,陕西某软件有限公司,西安,3-5万 72小时反馈",     // 6: yearly by the note alone
	))), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 5, Written: 5, Created: 5, Warnings: 1, EnterprisesCreated: 1})
	if !hasProblem(rep, ingest.LevelWarning, 3, "salary", "read as a yearly salary") || len(rep.Problems) != 1 {
		t.Errorf("want one warning, at row 3:%s", problems(rep))
	}
	// Figures in columns of their own: the same rule, the same warning.
	rep = mustImport(t, s, writeFile(t, "minmax.csv", []byte(csvLines(
		"title,company,city,salary_min,salary_max",
		"架构师,陕西某软件有限公司,西安,20万,40万", // 2
	))), ingest.Options{Type: xiaoqi.KindJob})
	if !hasProblem(rep, ingest.LevelWarning, 2, "salary_min", "read as a yearly salary") || !hasProblem(rep, ingest.LevelWarning, 2, "salary_max", "read as a yearly salary") {
		t.Errorf("want warnings on both columns of row 2:%s", problems(rep))
	}
	jobs := jobsByTitle(t, s)
	for title, want := range map[string][3]int{"Java架构师": {15000, 30000, 12}, "测试经理": {16667, 33333, 12}, "运维工程师": {30000, 50000, 0}, "产品经理": {0, 0, 0}, "架构师": {16667, 33333, 0}} {
		j := jobs[title]
		if j == nil || j.SalaryMin != want[0] || j.SalaryMax != want[1] || j.SalaryMonths != want[2] {
			t.Errorf("%s = %+v: want %d-%d a month, %d pays", title, j, want[0], want[1], want[2])
		}
	}
	// The note of how soon the employer answers is no part of the salary a hit shows.
	for title, want := range map[string]string{"Java架构师": "18-36万", "产品经理": "面议", "测试经理": "20-40万", "数据分析师": "3-5万/年"} {
		if j := jobs[title]; j == nil || j.SalaryText != want {
			t.Errorf("%s shows its salary as %q, want %q", title, j.SalaryText, want)
		}
	}
}

// TestImportBenefitsAndNoIndustry: a column of benefits (福利, BOSS直聘's welfare) is kept in
// the description, where a search finds it, not reported as unknown; an industry cell that
// names none (N/A, 其他) leaves the sector empty without a warning.
func TestImportBenefitsAndNoIndustry(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "boss.csv", []byte(csvLines(
		"title,company,city,welfare,industry,description",
		"Java开发,陕西某软件有限公司,西安,\"五险一金,带薪年假\",N/A,负责后端开发", // 2
		"测试工程师,陕西某软件有限公司,西安,,其他,",                      // 3
		"会计,陕西某软件有限公司,西安,,餐饮,",                         // 4: an industry outside the policy
	))), ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 3, Created: 3, Warnings: 1, EnterprisesCreated: 1})
	if !hasProblem(rep, ingest.LevelWarning, 4, "industry", "not a service-outsourcing sector") || len(rep.Problems) != 1 {
		t.Errorf("want one warning, at row 4:%s", problems(rep))
	}
	if len(rep.Unknown) != 0 {
		t.Errorf("unknown columns %+v, want none", rep.Unknown)
	}
	if j := jobsByTitle(t, s)["Java开发"]; j == nil || j.Description != "负责后端开发\n福利 Benefits：五险一金、带薪年假" || j.Sector != "" {
		t.Errorf("Java开发 = %+v: want the benefits after the description, no sector", j)
	}
}

// TestImportProblemKinds: problems are counted by kind over the whole file, beyond the
// problems kept one by one, with the first and last row of each kind.
func TestImportProblemKinds(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	lines := []string{"title,company,city,degree"}
	for i := range 30 {
		lines = append(lines, fmt.Sprintf(",某公司%d,西安,本科", i)) // 30 rows without a title
	}
	lines = append(lines, "测试工程师,秦岭软件有限公司,西安,高中生") // row 32: a degree not understood
	rep := mustImport(t, s, writeFile(t, "kinds.csv", []byte(csvLines(lines...))), ingest.Options{Type: xiaoqi.KindJob, MaxProblems: 5})
	if rep.ProblemCount != 31 || len(rep.Problems) != 5 {
		t.Fatalf("%d problems, %d kept; want 31, 5", rep.ProblemCount, len(rep.Problems))
	}
	want := []ingest.ProblemKind{
		{Level: ingest.LevelError, Column: "title", Message: "岗位名称 title 必填 / title is required", Count: 30, FirstRow: 2, LastRow: 31},
		{Level: ingest.LevelWarning, Column: "degree", Message: "无法识别的学历，已留空（本科、大专、硕士、博士、不限……） / degree not understood, left empty (本科, 大专, 硕士, 博士, 不限 …)", Count: 1, FirstRow: 32, LastRow: 32},
	}
	if !slices.Equal(rep.Kinds, want) {
		t.Errorf("kinds %+v, want %+v", rep.Kinds, want)
	}
}

// TestImportWrongType: a job list imported as institutions is refused, naming the missing
// column and the type its columns fit; so is a school list imported as job needs, whose header
// the job schema does not even recognise.
func TestImportWrongType(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	for _, tt := range []struct {
		kind       xiaoqi.Kind
		csv, wants string
	}{
		{xiaoqi.KindInstitution, csvLines("岗位名称,公司名称,城市,薪资,学历要求", "Java开发工程师,陕西某软件有限公司,西安,1-1.5万,本科"), "fit type jobs"},
		{xiaoqi.KindJob, csvLines("学校名称,学校标识码,主管部门,所在地,办学层次", "西安交通大学,4161010698,教育部,西安市,本科"), "fit type institutions"},
		// A candidate list as job needs: its header is found, the title column is not.
		{xiaoqi.KindJob, csvLines("姓名,性别,学历,毕业院校,专业,毕业年份,城市", "张合成,女,本科,西安邮电大学,软件工程,2024,西安"), "fit type candidates"},
	} {
		_, err := ingest.Import(context.Background(), s, writeFile(t, "wrong.csv", []byte(tt.csv)), ingest.Options{Type: tt.kind})
		msg := xiaoqi.ErrorMessage(err)
		if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || !strings.Contains(msg, tt.wants) {
			t.Errorf("import as %s: %v; want invalid, saying %q", tt.kind, err, tt.wants)
		}
		// The hint is in both halves, each in its language, and the message has two halves
		// the page can split: the hint's own " / " inside the Chinese half made three.
		if err := msgcheck.Check(msg); err != nil {
			t.Errorf("import as %s: %v", tt.kind, err)
		}
		if zh, _ := xiaoqi.Halves(msg); !strings.Contains(zh, "是否选错了类型") {
			t.Errorf("import as %s: Chinese half %q lacks the hint", tt.kind, zh)
		}
	}
	if n := len(jobsByTitle(t, s)); n != 0 {
		t.Errorf("%d job needs stored by refused imports", n)
	}
	// The national list of universities (院校代码, name, province, tags) has no city: refused as
	// institutions, it was said to fit candidates, whose one required column is a name.
	_, err := ingest.Import(context.Background(), s, writeFile(t, "universities.csv", []byte(csvLines("yxdm,name,province,tags", "10698,西安交通大学,陕西,985|211"))),
		ingest.Options{Type: xiaoqi.KindInstitution})
	if msg := xiaoqi.ErrorMessage(err); !strings.Contains(msg, "no column for 城市 city") || strings.Contains(msg, "candidates") {
		t.Errorf("university list without a city as institutions: %v; want it refused for the city, not said to fit candidates", err)
	}
	// A school list has a name and a city, all a candidate needs: imported as candidates, it
	// goes through (a dry run here), and the report says which type its columns fit better.
	// Its columns in English, as the MOE list has them: "name" and "city" name a candidate's
	// fields too.
	schools := writeFile(t, "schools.csv", []byte(csvLines("name,code,authority,city,level", "西安交通大学,4161010698,教育部,西安市,本科")))
	rep := mustImport(t, s, schools, ingest.Options{Type: xiaoqi.KindCandidate, Mode: ingest.ModeDryRun})
	if rep.BetterType != xiaoqi.KindInstitution || !strings.Contains(rep.Summary(), "the columns fit type institutions better than candidates") {
		t.Errorf("school list as candidates: better type %q, summary %q; want institutions", rep.BetterType, rep.Summary())
	}
	// The type that fits gets no such note.
	if rep := mustImport(t, s, schools, ingest.Options{Type: xiaoqi.KindInstitution, Mode: ingest.ModeDryRun}); rep.BetterType != "" {
		t.Errorf("school list as institutions: better type %q, want none", rep.BetterType)
	}
}

func TestImportBrokenRows(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	var report bytes.Buffer
	rep := mustImport(t, s, writeFile(t, "broken.csv", []byte(brokenCSV)),
		ingest.Options{Type: xiaoqi.KindJob, ReportCSV: ingest.NewCSVWriter(&report)})
	wantCounts(t, rep, ingest.Counts{Read: 9, Written: 4, Created: 4, Invalid: 4, Duplicates: 1, Warnings: 1, Empty: 1, EnterprisesCreated: 1})
	want := []struct {
		level        ingest.Level
		row          int
		column, text string
	}{
		{ingest.LevelError, 3, "岗位名称", "required"},
		{ingest.LevelError, 4, "招聘人数", `headcount "3.5" must be a number`},
		{ingest.LevelWarning, 4, "学历要求", "degree not understood"},
		{ingest.LevelError, 5, "城市", "not a city"},
		{ingest.LevelDuplicate, 7, "", "repeats row 2"},
		{ingest.LevelError, 8, "", "quote"},
		{ingest.LevelWarning, 9, "薪资", "salary not understood"},
		{ingest.LevelWarning, 9, "", "column H has no header"},
	}
	for _, w := range want {
		if !hasProblem(rep, w.level, w.row, w.column, w.text) {
			t.Errorf("no %s at row %d [%s] %q;%s", w.level, w.row, w.column, w.text, problems(rep))
		}
	}
	if len(rep.Problems) != len(want) {
		t.Errorf("%d problems, want %d:%s", len(rep.Problems), len(want), problems(rep))
	}
	for _, p := range rep.Problems {
		if p.Column == "招聘人数" && (p.Cell != "E4" || p.Value != "3.5" || p.Field != "headcount") {
			t.Errorf("problem %+v: want cell E4, value 3.5, field headcount", p)
		}
	}
	jobs := jobsByTitle(t, s)
	if j := jobs["产品经理"]; j == nil || j.SalaryText != "看能力" || j.SalaryMin != 0 {
		t.Errorf("产品经理 = %+v: want the salary kept as text", j)
	}
	if j := jobs[`多行 "描述"的岗位`]; j == nil || j.Description != "第一行\n第二行" {
		t.Errorf("multi-line row = %+v", j)
	}
	if jobs["前端开发"] == nil {
		t.Error("the row after a multi-line record was lost")
	}

	// The downloadable report: a BOM, then one line per row with a problem, in order.
	data := report.Bytes()
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Fatalf("report does not start with a byte-order mark: %q", data[:min(20, len(data))])
	}
	cr := csv.NewReader(bytes.NewReader(data[3:]))
	cr.FieldsPerRecord = -1
	lines, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(lines[0][:4], ","); got != "行号 Row,级别 Level,问题 Problems,岗位名称" {
		t.Errorf("report header %q", got)
	}
	var rows []string
	for _, l := range lines[1:] {
		rows = append(rows, l[0]+" "+strings.Fields(l[1])[0])
	}
	if got := strings.Join(rows, ", "); got != "3 错误, 4 错误, 5 错误, 7 重复, 8 错误, 9 警告" {
		t.Errorf("report rows: %s", got)
	}
	if l := lines[2]; l[3] != "测试工程师" || l[8] != "面议" || !strings.Contains(l[2], "[招聘人数]") {
		t.Errorf("report line of row 4: %q", l)
	}
}

func TestImportModes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	good := writeFile(t, "good.csv", []byte(csvLines(jobsHeaderZH,
		"软件测试工程师,西安云测信息技术有限公司,西安,本科,2,1万,测试,2024-03-01",
		"运维工程师,西安云测信息技术有限公司,西安,大专,1,8千,Linux,2024-03-01")))
	bad := writeFile(t, "bad.csv", []byte(brokenCSV))

	s := openStore(t)
	rep := mustImport(t, s, good, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeDryRun})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2, EnterprisesCreated: 1})
	if n, _ := s.LastSeq(ctx); n != 0 {
		t.Errorf("dry run wrote %d changes", n)
	}

	var report bytes.Buffer
	rep = mustImport(t, s, bad, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeStrict, ReportCSV: ingest.NewCSVWriter(&report)})
	if n, _ := s.LastSeq(ctx); n != 0 || rep.Written != 0 || rep.Invalid != 4 || !rep.Failed() || !strings.Contains(rep.Stopped, "strict") {
		t.Errorf("strict import of a file with errors: %d changes, report %+v", n, rep.Counts)
	}
	if strings.Count(report.String(), "\n") != 7 {
		t.Errorf("strict report:\n%s", report.String())
	}

	rep = mustImport(t, s, good, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeStrict})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2, EnterprisesCreated: 1})

	rep = mustImport(t, s, good, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeDryRun})
	wantCounts(t, rep, ingest.Counts{Read: 2, Unchanged: 2})
}

// TestImportIdempotent imports a file twice (nothing changes), then an edited version: the
// edited rows update their documents, new rows are added, and nothing is duplicated.
func TestImportIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openStore(t)
	rows := []string{jobsHeaderZH,
		"软件测试工程师,西安云测信息技术有限公司,西安,本科,2,1万,测试,2024-03-01",
		"运维工程师,西安云测信息技术有限公司,西安,大专,1,8千,Linux,2024-03-01",
		"软件测试工程师,西安云测信息技术有限公司,西安,本科,1,1.2万,自动化测试,2024-03-01"} // same identity, other posting
	opt := ingest.Options{Type: xiaoqi.KindJob, Source: "hr"}
	rep := mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines(rows...))), opt)
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 3, Created: 3, EnterprisesCreated: 1})
	seq, _ := s.LastSeq(ctx)

	rep = mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines(rows...))), opt)
	wantCounts(t, rep, ingest.Counts{Read: 3, Unchanged: 3})
	if again, _ := s.LastSeq(ctx); again != seq {
		t.Errorf("the same file again changed the store: seq %d → %d", seq, again)
	}

	edited := slices.Clone(rows)
	edited[2] = "运维工程师,西安云测信息技术有限公司,西安,大专,4,9千,Linux,2024-03-01"
	edited = append(edited, "数据标注员,西安云测信息技术有限公司,西安,大专,10,5千,,2024-03-05")
	rep = mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines(edited...))), opt)
	wantCounts(t, rep, ingest.Counts{Read: 4, Written: 2, Created: 1, Updated: 1, Unchanged: 2})
	if n, _ := s.Count(ctx, xiaoqi.KindJob, nil); n != 4 {
		t.Errorf("%d jobs, want 4", n)
	}
	if j := jobsByTitle(t, s)["运维工程师"]; j.Headcount != 4 || j.SalaryMin != 9000 || j.Version != 2 {
		t.Errorf("edited job = %+v", j)
	}
}

// TestImportYearlessPostingDates: job boards show the day of posting without its year (11月20日,
// 11-20发布); it is read as the latest such day up to the import, with a warning that says so.
// Importing the file again the same day changes nothing.
func TestImportYearlessPostingDates(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	today := time.Date(2026, 11, 29, 10, 0, 0, 0, ingest.China)
	path := writeFile(t, "board.csv", []byte(csvLines(
		"岗位名称,公司名称,工作城市,发布日期",
		"日语客服,陕西某外包有限公司,西安,11月20日",   // 2
		"数据标注员,陕西某外包有限公司,西安,12-31发布", // 3: last year's
		"测试工程师,陕西某外包有限公司,西安,2月30日",   // 4: no such day
	)))
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Today: today})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 3, Created: 3, Warnings: 3, EnterprisesCreated: 1})
	if !hasProblem(rep, ingest.LevelWarning, 2, "发布日期", "read as 2026-11-20") || !hasProblem(rep, ingest.LevelWarning, 3, "发布日期", "read as 2025-12-31") ||
		!hasProblem(rep, ingest.LevelWarning, 4, "发布日期", "left empty") {
		t.Errorf("want the years said, and 2月30日 left empty:%s", problems(rep))
	}
	jobs := jobsByTitle(t, s)
	for title, want := range map[string]time.Time{"日语客服": time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		"数据标注员": time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), "测试工程师": {}} {
		if got := jobs[title].PostedAt; !got.Equal(want) {
			t.Errorf("%s posted %v, want %v", title, got, want)
		}
	}
	rep = mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob, Today: today})
	wantCounts(t, rep, ingest.Counts{Read: 3, Unchanged: 3, Warnings: 3})
}

// TestImportUnclosedQuote: a quote opened in row 3 and never closed took the 50 rows after it
// into its last value; they were neither imported nor reported, and the report named a
// "column 62", a byte offset. Now row 3 is refused, naming its line and the end of the file,
// and the rows after it are read as rows, in UTF-8 and in GBK alike.
func TestImportUnclosedQuote(t *testing.T) {
	t.Parallel()
	lines := []string{"岗位名称,公司名称,城市,薪资", "引号前岗位,西安引号测试有限公司,西安,8000", `坏行岗位,"西安引号测试有限公司,西安,8000`}
	for i := range 50 {
		lines = append(lines, fmt.Sprintf("引号后岗位%d,西安引号测试有限公司,西安,8000", i))
	}
	file := csvLines(lines...)
	for name, data := range map[string][]byte{"utf8.csv": []byte(file), "gbk.csv": gbk(t, file)} {
		t.Run(name, func(t *testing.T) {
			s := openStore(t)
			rep := mustImport(t, s, writeFile(t, name, data), ingest.Options{Type: xiaoqi.KindJob})
			wantCounts(t, rep, ingest.Counts{Read: 52, Written: 51, Created: 51, Invalid: 1, EnterprisesCreated: 1})
			if !hasProblem(rep, ingest.LevelError, 3, "", "line 3") || !hasProblem(rep, ingest.LevelError, 3, "", "end of the file (line 53)") || len(rep.Problems) != 1 {
				t.Errorf("want row 3 refused, naming line 3 and the end of the file:%s", problems(rep))
			}
			jobs := jobsByTitle(t, s)
			if jobs["引号后岗位0"] == nil || jobs["引号后岗位49"] == nil || jobs["坏行岗位"] != nil {
				t.Errorf("stored %d jobs; want the 51 rows around the broken one", len(jobs))
			}
		})
	}
}
