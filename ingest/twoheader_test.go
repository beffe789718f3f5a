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
