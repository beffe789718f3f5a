package search_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestHomophoneTypos: a word typed with the wrong characters of its sound (the pinyin input
// method offers every character of a syllable: 前段 for 前端, 算发 for 算法) found nothing, or
// was left out of the search (前段开发: every 开发 posting); it searches the word of the
// vocabulary that reads the same, and says so (Instead). A word that finds something stays.
func TestHomophoneTypos(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_fe"}, Name: "前端开发工程师", City: "西安市", Skills: []string{"前端开发"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_be"}, Name: "后端开发工程师", City: "西安市", Skills: []string{"Java"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_algo"}, Name: "算法工程师", City: "西安市", Skills: []string{"机器学习"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_qa"}, Name: "软件测试工程师", City: "西安市", Skills: []string{"软件测试"}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_dev"}, Name: "Python开发工程师", City: "西安市", Skills: []string{"Python"}},
	)
	for q, want := range map[string]struct{ instead, first string }{
		"前段": {"前端", "job_fe"}, "算发": {"算法", "job_algo"}, "后段": {"后端", "job_be"}, "测式": {"测试", "job_qa"},
		"前段开发": {"前端开发", "job_fe"}, "算发工程师": {"算法工程师", "job_algo"},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if res.Instead != want.instead || len(res.Hits) == 0 || res.Hits[0].ID != want.first || res.Relaxed {
			t.Errorf("%q: instead %q, hits %v (relaxed %v); want %s, %s first", q, res.Instead, ids(res), res.Relaxed, want.instead, want.first)
		}
	}
	for _, q := range []string{"前端", "开发", "区块链"} {
		if res := find(t, x, xiaoqi.SearchQuery{Q: q}); res.Instead != "" {
			t.Errorf("%q: instead %q, want the query as typed", q, res.Instead)
		}
	}
}
