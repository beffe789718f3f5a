package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestJoinedCharacters: words gse's dictionary does not know (微信, 全栈, 校招), which it cuts
// into single characters, are one word: 微信 finds a posting titled 微信小程序开发 (real postings:
// 彩生活 微信 found three other firms' postings instead), and 全栈 the full-stack jobs, not a
// posting with 全 and 栈 apart.
func TestJoinedCharacters(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_mp"}, Name: "微信小程序开发", EnterpriseName: "彩生活",
			City: "西安市", Skills: []string{"微信小程序", "JavaScript"}, Description: "负责小程序前端开发。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_fs"}, Name: "Java全栈工程师", EnterpriseName: "西安某软件有限公司",
			City: "西安市", Skills: []string{"Java", "Vue"}, Description: "校招岗位，前后端都做。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_apart"}, Name: "数据工程师", EnterpriseName: "西安某数据有限公司",
			City: "西安市", Description: "全 职岗位，熟悉栈 与队列。"},
	)
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"微信", []string{"job_mp"}},
		{"彩生活 微信", []string{"job_mp"}},
		{"全栈", []string{"job_fs"}},
		{"校招 Java", []string{"job_fs"}},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: c.q, Types: []xiaoqi.Kind{xiaoqi.KindJob}})
		if got := ids(res); !slices.Equal(got, c.want) || res.Relaxed {
			t.Errorf("%q: hits %v (relaxed %v), want %v", c.q, got, res.Relaxed, c.want)
		}
	}
}
