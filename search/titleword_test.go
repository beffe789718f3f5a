package search_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestTitleWordBeforeTag: a role word in a posting's title, as a word or inside one (后端 of
// 后端开发工程师), comes before the same word only among its tags, which a posting holds twice
// (its skills, and its text's 标签 Tags line): 后端 listed C++开发工程师 and Python初级开发 tagged
// 后端 first and 后端开发工程师 15th, 前端 a posting titled Python 25 places before 前端开发.
func TestTitleWordBeforeTag(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cpp"}, Name: "C++开发工程师", City: "长沙市", Skills: []string{"C++", "后端开发", "后端"},
			Description: "负责服务端开发。标签 Tags：无需经验、本科、c++、后端开发、后端、五险一金"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_py"}, Name: "Python", City: "成都市", Skills: []string{"Python", "前端", "后端"},
			Description: "Python开发。标签 Tags：Python、前端、后端"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_be"}, Name: "后端开发工程师", City: "广州市",
			Description: "负责公司产品服务端的设计与开发，参与需求评审，编写接口文档，维护线上系统的稳定运行。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_fe"}, Name: "前端开发", City: "深圳市",
			Description: "负责公司网站与小程序页面的开发，与设计和产品协作，优化页面的性能与体验。"},
	)
	for _, tc := range []struct{ q, first string }{
		{"后端", "job_be"}, {"前端", "job_fe"}, {"后端 广州", "job_be"},
	} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: tc.q})); len(got) == 0 || got[0] != tc.first {
			t.Errorf("%q = %v, want %s first", tc.q, got, tc.first)
		}
	}
}
