package ingest_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestTwoRowSalaryHeaders: any cell naming a salary over 最低/最高, 下限/上限, 起/止 or min/max
// is a two-row header of the salary's minimum and maximum; over 年薪 the amounts are yearly,
// and a unit in the header (千元, 万元) applies to bare numbers.
func TestTwoRowSalaryHeaders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		upper, lower1, lower2, v1, v2 string
		min, max                      int
	}{
		{"薪酬", "最低", "最高", "8000", "12000", 8000, 12000},
		{"薪资待遇（元/月）", "下限", "上限", "8000", "12000", 8000, 12000},
		{"工资", "起", "止", "6000", "9000", 6000, 9000},
		{"Salary", "Min", "Max", "6000", "9000", 6000, 9000},
		{"年薪", "最低", "最高", "120000", "180000", 10000, 15000},
		{"年薪（万元）", "下限", "上限", "12", "18", 10000, 15000},
		{"月薪（千元）", "最低", "最高", "8", "12", 8000, 12000},
	}
	for _, tt := range tests {
		path := writeFile(t, "hh.csv", []byte(csvLines(
			"岗位名称,公司名称,城市,"+tt.upper+",",
			",,,"+tt.lower1+","+tt.lower2,
			"测试工程师,甲公司,西安,"+tt.v1+","+tt.v2,
		)))
		s := openStore(t)
		rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
		if rep.HeaderRow != 2 || rep.Written != 1 || rep.ProblemCount != 0 {
			t.Errorf("%s over %s/%s: header row %d, %d written:%s", tt.upper, tt.lower1, tt.lower2, rep.HeaderRow, rep.Written, problems(rep))
			continue
		}
		if j := jobsByTitle(t, s)["测试工程师"]; j.SalaryMin != tt.min || j.SalaryMax != tt.max {
			t.Errorf("%s over %s/%s: salary %d-%d, want %d-%d", tt.upper, tt.lower1, tt.lower2, j.SalaryMin, j.SalaryMax, tt.min, tt.max)
		}
	}

	// One column headed 年薪（万元）: 12-18 is 12万 to 18万 a year.
	s := openStore(t)
	rep := mustImport(t, s, writeFile(t, "one.csv", []byte(csvLines("岗位名称,公司名称,城市,年薪（万元）", "测试工程师,甲公司,西安,12-18"))),
		ingest.Options{Type: xiaoqi.KindJob})
	if j := jobsByTitle(t, s)["测试工程师"]; j == nil || j.SalaryMin != 10000 || j.SalaryMax != 15000 || rep.ProblemCount != 0 {
		t.Errorf("年薪（万元） 12-18: %+v, want 10000-15000 a month without a warning:%s", j, problems(rep))
	}
}

// TestNegotiableYearly: 面议 under a yearly header (年薪, or 年薪（万元） over 最低/最高) is
// negotiable, as under any other: it was read as 面议/年 and refused in the minimum column,
// or warned as not understood in the salary column.
func TestNegotiableYearly(t *testing.T) {
	t.Parallel()
	for _, file := range []string{
		csvLines("岗位名称,公司名称,城市,年薪", "测试工程师,甲公司,西安,面议"),
		csvLines("岗位名称,公司名称,城市,年薪（万元）", "测试工程师,甲公司,西安,面议"),
		csvLines("岗位名称,公司名称,城市,年薪（万元）,", ",,,最低,最高", "测试工程师,甲公司,西安,面议,"),
		csvLines("岗位名称,公司名称,城市,年薪,", ",,,最低,最高", "测试工程师,甲公司,西安,面议,面议"),
	} {
		s := openStore(t)
		rep := mustImport(t, s, writeFile(t, "mianyi.csv", []byte(file)), ingest.Options{Type: xiaoqi.KindJob})
		j := jobsByTitle(t, s)["测试工程师"]
		if rep.Written != 1 || rep.ProblemCount != 0 || j == nil || j.SalaryText != "面议" || j.SalaryMin != 0 || j.SalaryMax != 0 {
			t.Errorf("%q: %d written, job %+v: want 面议 without a problem:%s", file, rep.Written, j, problems(rep))
		}
	}
}

// TestSalaryRangeInMinOrMaxColumn: under 薪资 over 最低 and 最高 an office writes a row's whole
// range in one cell (3000-4500元/月 under 最低, the 最高 cell left empty). The minimum took the
// range's upper bound, so the search showed 薪资 4500元/月以上 for a job that pays 3000-4500;
// the range is now the row's salary. A range beside a filled other column gives this column
// its own bound, with a warning naming the bound left out; the two cells merged over a range
// hold it both, and it is the row's salary too.
func TestSalaryRangeInMinOrMaxColumn(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "range.csv", []byte(csvLines(
		"岗位名称,公司名称,城市,薪资（元/月）,",
		",,,最低,最高",
		"呼叫中心坐席,甲公司,西安,3000-4500元/月,",
		"算法工程师,甲公司,西安,年薪10-15万,",
		"运维工程师,甲公司,西安,,6-8千",
		"测试工程师,甲公司,西安,5000-7000,8000",
		"实施工程师,甲公司,西安,6000,9000",
		"客服专员,甲公司,西安,4000以上,",
		"数据标注员,甲公司,西安,4-6千,4-6千", // the two cells merged over the range
	)))
	s := openStore(t)
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	if rep.Written != 7 {
		t.Fatalf("%d of 7 rows written:%s", rep.Written, problems(rep))
	}
	jobs := jobsByTitle(t, s)
	for _, tt := range []struct {
		title, text string
		min, max    int
	}{
		{"呼叫中心坐席", "3000-4500元/月", 3000, 4500},
		{"算法工程师", "年薪10-15万", 8333, 12500},
		{"运维工程师", "6-8千", 6000, 8000},
		{"测试工程师", "", 5000, 8000},
		{"实施工程师", "", 6000, 9000},
		{"客服专员", "", 4000, 0},
		{"数据标注员", "4-6千", 4000, 6000},
	} {
		if j := jobs[tt.title]; j == nil || j.SalaryMin != tt.min || j.SalaryMax != tt.max || j.SalaryText != tt.text {
			t.Errorf("%s: %+v, want salary %d-%d shown as %q", tt.title, j, tt.min, tt.max, tt.text)
		}
	}
	if !hasProblem(rep, ingest.LevelWarning, 6, "薪资（元/月） / 最低", "7000") {
		t.Errorf("row 6: want a warning that 7000, the upper bound of the range under 最低, was left out:%s", problems(rep))
	}
	for _, row := range []int{3, 4, 5, 7, 8, 9} {
		for _, p := range rep.Problems {
			if p.Row == row {
				t.Errorf("row %d: want no problem, got %s", row, p.String())
			}
		}
	}
}
