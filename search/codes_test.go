package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestCodeLetters: a code of letters and digits in a title (PCG10, MJ000280, as real postings
// write a department or a requisition) is found by its letters too: 腾讯 PCG found the firm's
// other postings instead, relaxed, naming PCG as not found. Single letters stay whole codes.
func TestCodeLetters(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_pcg"}, Name: "PCG10-后台开发（用户增长）", EnterpriseName: "腾讯", City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_wx"}, Name: "微信支付后台开发工程师", EnterpriseName: "腾讯", City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_mj"}, Name: "Python开发工程师 (MJ000280)", EnterpriseName: "西安某软件有限公司", City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_c2c"}, Name: "C2C电商运营", EnterpriseName: "西安某电商有限公司", City: "西安市"},
	)
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"腾讯 PCG", []string{"job_pcg"}},
		{"PCG10", []string{"job_pcg"}},
		{"MJ", []string{"job_mj"}},
		{"MJ000280", []string{"job_mj"}},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: c.q, Types: []xiaoqi.Kind{xiaoqi.KindJob}})
		if got := ids(res); !slices.Equal(got, c.want) || res.Relaxed {
			t.Errorf("%q: hits %v (relaxed %v), want %v", c.q, got, res.Relaxed, c.want)
		}
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "C语言", Types: []xiaoqi.Kind{xiaoqi.KindJob}})); slices.Contains(got, "job_c2c") {
		t.Errorf("C语言 found %v: C2C is no C", got)
	}
}
