package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestDecimalNumbers: 3.5 was the numbers 3 and 5, and found every posting that numbers its
// lines (3. 外语要求 … 5. 工作地点), the one paying 3.5-5千 134th. A number with a point is one
// word; the lines' numbers are not it.
func TestDecimalNumbers(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_pay"}, Name: "客服专员", City: "西安市", Description: "薪资 3.5-5千·13薪。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_lines"}, Name: "测试工程师", City: "西安市",
			Description: "1. 负责测试；\n2. 编写用例；\n3. 外语要求：英语四级；\n4. 熟悉Linux；\n5. 工作地点：西安。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_gpa"}, Name: "管培生", City: "西安市", Description: "要求GPA 3.5以上。"},
	)
	got := ids(find(t, x, xiaoqi.SearchQuery{Q: "3.5"}))
	slices.Sort(got)
	if !slices.Equal(got, []string{"job_gpa", "job_pay"}) {
		t.Errorf("3.5 = %v, want job_gpa and job_pay, not the posting that numbers its lines 3. and 5.", got)
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "英语四级"})); !slices.Contains(got, "job_lines") {
		t.Errorf("英语四级 = %v, want job_lines (after its line number 3.)", got)
	}
}
