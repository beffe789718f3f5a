package ingest_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

func TestSalaryInText(t *testing.T) {
	for _, c := range []struct {
		q, rest  string
		min, max int
	}{
		{"Java 月薪1万以上 西安", "Java   西安", 10000, 0},
		{"15k 测试", "测试", 15000, 15000},
		{"数据分析 8千-1.2万", "数据分析", 8000, 12000},
		{"年薪20万 产品经理", "产品经理", 16667, 16667}, // a month of twelve
		{"工资8000元 客服", "客服", 8000, 8000},
		{"10-15K Python", "Python", 10000, 15000},
		{"8000元以上", "", 8000, 0},
		{"1万以上 Java", "Java", 10000, 0},
		{"8千起", "", 8000, 0},
		{"薪资：1-1.5万", "", 10000, 15000},
		{"Ｊａｖａ　１５ｋ", "java", 15000, 15000}, // full width
		{"Java jobs over 10k", "Java jobs", 10000, 0},
		{"at least 8k testing", "testing", 8000, 0},
		{"客服 under 6k", "客服", 0, 6000},
		{"至少1万以上 Java", "Java", 10000, 0},
		{"Java 月薪不低于8千", "Java", 8000, 0},
		{"至少1万", "", 10000, 0},
		{"超过1.5万 测试", "测试", 15000, 0},
		{"客服 不超过6千", "客服", 0, 6000},
	} {
		rest, s, ok := ingest.SalaryInText(c.q)
		if !ok || rest != c.rest || s.Min != c.min || s.Max != c.max {
			t.Errorf("SalaryInText(%q) = %q, %d-%d, %v; want %q, %d-%d", c.q, rest, s.Min, s.Max, ok, c.rest, c.min, c.max)
		}
	}
	// Numbers that are no salary: a version, a year, a scale, a unit of weight, a bare 1万.
	for _, q := range []string{"Java 8", "2024 招聘", "5G", "10万级并发", "Java 1万", "月薪面议", "v8k", "8kg", "Python3 数据分析"} {
		if rest, s, ok := ingest.SalaryInText(q); ok || rest != q {
			t.Errorf("SalaryInText(%q) = %q, %+v, true; want no salary", q, rest, s)
		}
	}
}
