package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestJSNames: a name.js (Vue.js, React.js, Next.js, Express.js) is one word, as Node.js is:
// cut at its point, its js was a word of the query that every posting saying JS holds, and
// 高级JS开发, whose title says JS, came before the postings that ask for Vue.js. The name alone
// (Vue) still finds what says Vue.js.
func TestJSNames(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_js"}, Name: "高级JS开发", City: "西安市", Skills: []string{"JavaScript"},
			Description: "精通原生JS、ES6，有Node经验，了解Vue、React者优先"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_vue"}, Name: "前端开发工程师", City: "西安市", Description: "熟悉Vue.js、Element UI"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_node"}, Name: "服务端开发工程师", City: "西安市", Description: "熟悉Node.js、Express.js"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_next"}, Name: "Web开发工程师", City: "西安市", Description: "使用React.js与Next.js开发"},
	)
	for q, want := range map[string]string{"Vue.js": "job_vue", "vue.js": "job_vue", "Node.js": "job_node", "Express.js": "job_node",
		"React.js": "job_next", "Next.js": "job_next"} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: q})); len(got) == 0 || got[0] != want {
			t.Errorf("%s = %v, want %s first", q, got, want)
		}
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "Vue"})); !slices.Contains(got, "job_vue") {
		t.Errorf("Vue = %v, want job_vue, which says Vue.js", got)
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "Express"})); !slices.Contains(got, "job_node") {
		t.Errorf("Express = %v, want job_node, which says Express.js", got)
	}
}
