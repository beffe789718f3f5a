package ingest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// TestMoreValues: the values job lists write that were refused or misread.
func TestMoreValues(t *testing.T) {
	for in, min := range map[string]int{"3000元起": 3000, "底薪3000+提成": 3000, "底薪3000元+绩效": 3000, "5千起": 5000, "保底4000+奖金": 4000} {
		if s, err := ingest.ParseSalary(in); err != nil || s.Min != min || s.Max != 0 {
			t.Errorf("ParseSalary(%q) = %+v, %v; want a minimum of %d", in, s, err, min)
		}
	}
	if s, err := ingest.ParseSalary("3000-5000+提成"); err != nil || s.Min != 3000 || s.Max != 5000 {
		t.Errorf("ParseSalary(3000-5000+提成) = %+v, %v; want the base pay's range 3000-5000", s, err)
	}
	if d, err := ingest.ParseDate("2024-3"); err != nil || !d.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("ParseDate(2024-3) = %v, %v; want March 2024", d, err)
	}
	// 初中 is below the lowest degree xiaoqi has (高中): a job asking for 初中及以上 asks for none.
	for in, want := range map[string]string{"初中及以上": "不限", "初中": "不限", "本科（985/211优先）": "本科", "本科，985优先": "本科",
		"无": "不限", "无要求": "不限", "不限学历": "不限"} {
		if got, err := ingest.ParseDegree(in); err != nil || got != want {
			t.Errorf("ParseDegree(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"24-3-1", "24/3/1", "24.3.1", "13/3/2024", "3/13/2024"} {
		want := day
		if strings.Contains(in, "13") {
			want = time.Date(2024, 3, 13, 0, 0, 0, 0, time.UTC)
		}
		if got, err := ingest.ParseDate(in); err != nil || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	// 1/3/2024 is 1 March in China and 3 January in the United States: refused, not guessed.
	if got, err := ingest.ParseDate("1/3/2024"); err == nil || !strings.Contains(err.Error(), "2024-03-01") {
		t.Errorf("ParseDate(1/3/2024) = %v, %v; want an error that shows how to write it", got, err)
	}
	if h, err := ingest.ParseHeadcount("5-10人"); err != nil || h.N != 5 || h.Max != 10 {
		t.Errorf("ParseHeadcount(5-10人) = %+v, %v; want 5 up to 10", h, err)
	}

	path := writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,城市,招聘人数,学历要求,发布日期",
		"测试工程师,甲公司,西安,5-10,初中及以上,1/3/2024",
	)))
	s := openStore(t)
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	if !hasProblem(rep, ingest.LevelWarning, 2, "招聘人数", "lower bound, 5") || !hasProblem(rep, ingest.LevelWarning, 2, "发布日期", "2024-03-01") {
		t.Errorf("want warnings that the range is read as 5 and that 1/3/2024 is ambiguous:%s", problems(rep))
	}
	if j := jobsByTitle(t, s)["测试工程师"]; j == nil || j.Headcount != 5 || j.Degree != "不限" || !j.PostedAt.IsZero() {
		t.Errorf("job %+v: want headcount 5, degree 不限 and no date", j)
	}
}

// TestNegotiableInMinMaxColumns: a list with 最低 and 最高 salary columns writes 面议 in them for
// a negotiable salary; the row was refused as "must be an amount".
func TestNegotiableInMinMaxColumns(t *testing.T) {
	path := writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,城市,最低薪资,最高薪资",
		"日语客服,甲公司,西安,面议,面议",
		"测试工程师,甲公司,西安,8千,1万",
		"运维,甲公司,西安,看能力,",
		"网络工程师,甲公司,西安,五千,", // as said aloud: 5000
	)))
	s := openStore(t)
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	if rep.Counts.Written != 3 || rep.Counts.Invalid != 1 || !hasProblem(rep, ingest.LevelError, 4, "最低薪资", "8000") {
		t.Errorf("want 3 rows written and row 4 refused for its minimum:%s", problems(rep))
	}
	jobs := jobsByTitle(t, s)
	if j := jobs["日语客服"]; j == nil || j.SalaryText != "面议" || j.SalaryMin != 0 || j.SalaryMax != 0 {
		t.Errorf("日语客服 %+v: want a negotiable salary (面议) without amounts", j)
	}
	if j := jobs["测试工程师"]; j == nil || j.SalaryMin != 8000 || j.SalaryMax != 10000 || j.SalaryText != "" {
		t.Errorf("测试工程师 %+v: want 8000-10000", j)
	}
	if j := jobs["网络工程师"]; j == nil || j.SalaryMin != 5000 {
		t.Errorf("网络工程师 %+v: want a minimum of 5000", j)
	}
}

// TestPostingDateWithoutDay: 2024年3月 was stored as 2024-03-01 without a word, and shown as
// posted on that day; it still is, with a warning that says so. A whole date gets none.
func TestPostingDateWithoutDay(t *testing.T) {
	path := writeFile(t, "jobs.csv", []byte(csvLines(
		"岗位名称,公司名称,城市,发布日期",
		"测试工程师,甲公司,西安,2024年3月",
		"运维工程师,甲公司,西安,2024-03",
		"日语客服,甲公司,西安,2024年3月5日",
	)))
	rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindJob})
	for _, row := range []int{2, 3} {
		if !hasProblem(rep, ingest.LevelWarning, row, "发布日期", "names no day: read as 2024-03-01") {
			t.Errorf("want row %d warned that its date names no day:%s", row, problems(rep))
		}
	}
	if hasProblem(rep, ingest.LevelWarning, 4, "发布日期", "") {
		t.Errorf("a whole date warned about:%s", problems(rep))
	}
}

// TestMajorCodeWithoutLeadingZero: a column of major codes that Excel took for numbers loses
// the leading zero of the undergraduate disciplines 01–09, and a CSV saved from it (or from
// pandas, 80902.0) says 80902 for 080902. Every such row was refused as "must be six digits";
// the code is its six-digit self now, the same program as the code written whole.
func TestMajorCodeWithoutLeadingZero(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines(
		"学校名称,学校标识码,主管部门,城市,办学层次",
		"西安合成学院,4161010697,陕西省教育厅,西安,本科",
	))), ingest.Options{Type: xiaoqi.KindInstitution})
	majors, err := seed.Majors()
	if err != nil {
		t.Fatal(err)
	}
	rep := mustImport(t, s, writeFile(t, "programs.csv", []byte(csvLines(
		"学校名称,专业名称,专业代码,培养层次",
		"西安合成学院,软件工程,80902,本科",
		"西安合成学院,网络工程,80903.0,本科",
		"西安合成学院,汉语言文学,50101,本科",
	))), ingest.Options{Type: xiaoqi.KindProgram, Majors: majors})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 3, Created: 3})
	codes := map[string]string{}
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		p := d.(*xiaoqi.Program)
		codes[p.Name] = p.MajorCode + " " + p.ClassName
	}
	if codes["软件工程"] != "080902 计算机类" || codes["网络工程"] != "080903 计算机类" || codes["汉语言文学"] != "050101 中国语言文学类" {
		t.Errorf("major codes %v: want 080902, 080903 and 050101 with their classes", codes)
	}
	// The list with its codes written whole names the same programs.
	rep = mustImport(t, s, writeFile(t, "programs2.csv", []byte(csvLines(
		"学校名称,专业名称,专业代码,培养层次",
		"西安合成学院,软件工程,080902,本科",
	))), ingest.Options{Type: xiaoqi.KindProgram, Majors: majors})
	wantCounts(t, rep, ingest.Counts{Read: 1, Unchanged: 1})
}

// TestScientificNotation: a CSV saved from Excel holds a long number of a narrow column as
// Excel shows it, 1.38E+10 for a phone and 2.02402E+11 for a 学号. The phone was refused as
// "not a phone number", which did not say why, and the 学号 was kept so, one id for every
// student whose number it stood for. Both are errors now that name the cell and the cause.
func TestScientificNotation(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "stu.csv", []byte(csvLines(
		"学号,姓名,手机,毕业院校",
		"202400000001,测合成甲,1.38E+10,西北大学",
		"2.02402E+11,测合成乙,13800000002,西北大学",
		"202400000003,测合成丙,13800000003,西北大学",
	))), ingest.Options{Type: xiaoqi.KindCandidate})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 1, Created: 1, Invalid: 2})
	if !hasProblem(rep, ingest.LevelError, 2, "手机", "C2 holds 1.38E+10, Excel's scientific notation") ||
		!hasProblem(rep, ingest.LevelError, 3, "学号", "A3 holds 2.02402E+11, Excel's scientific notation") {
		t.Errorf("want the phone of row 2 and the 学号 of row 3 refused as scientific notation:%s", problems(rep))
	}
}
