package search_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestTitleFirst: a query that is a posting's whole title, as typed but for case, width and
// spaces, or that title and a place, finds the postings of that title first, before longer
// titles whose tags repeat the query's words (real 51job postings tag Python后端工程师 with
// Python and 工程师; the jobs titled Python工程师 came 18th, TestRealTextSearch).
func TestTitleFirst(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	var docs []xiaoqi.Doc
	for i, title := range []string{"Python后端工程师", "Python全栈工程师", "高级Python开发工程师", "Python数据工程师"} {
		for _, city := range []string{"西安市", "宝鸡市"} {
			docs = append(docs, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: fmt.Sprintf("job_long_%d_%s", i, city)}, Name: title,
				EnterpriseName: "陕西某科技有限公司", City: city, Skills: []string{"Python", "工程师", "软件开发", "Django", "Python"},
				Description: "标签 Tags：Python、工程师、软件开发、Django"})
		}
	}
	docs = append(docs,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_exact_bj"}, Name: "PYTHON 工程师", EnterpriseName: "宝鸡某软件有限公司",
			City: "宝鸡市", Skills: []string{"Python"}, Description: "负责数据处理脚本的开发与维护，需要较长的描述文字来说明岗位的各项职责。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_exact_xa"}, Name: "Python工程师（J12181）", EnterpriseName: "西安某软件有限公司",
			City: "西安市", Skills: []string{"Python"}, Description: "负责数据处理脚本的开发与维护，需要较长的描述文字来说明岗位的各项职责。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_exact_xa2"}, Name: "Ｐｙｔｈｏｎ工程师", EnterpriseName: "西安另一软件有限公司",
			City: "西安市", Skills: []string{"Python"}, Description: "负责数据处理脚本的开发与维护，需要较长的描述文字来说明岗位的各项职责。"},
	)
	index(t, x, docs...)
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"Python工程师", []string{"job_exact_bj", "job_exact_xa2"}},
		{"python 工程师", []string{"job_exact_bj", "job_exact_xa2"}},
		{"Python工程师 西安", []string{"job_exact_xa2"}},
		{"Python工程师 宝鸡市", []string{"job_exact_bj"}},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: c.q, Types: []xiaoqi.Kind{xiaoqi.KindJob}})
		got := ids(res)
		for i, id := range c.want {
			if i >= len(got) || !slices.Contains(got[:len(c.want)], id) {
				t.Errorf("%q: hits %v, want %v first", c.q, got, c.want)
				break
			}
		}
	}
}
