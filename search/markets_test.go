package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestOffshoreMarkets: a query names a market as users do (对日外包, 日本), firms write it as
// item (8) does (承接日韩市场的离岸外包业务); an audit found no firm for 对日外包 企业.
func TestOffshoreMarkets(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_jk"}, Name: "甲软件有限公司", City: "西安市", Description: "承接日韩市场的离岸外包业务。"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_us"}, Name: "乙软件有限公司", City: "西安市", Description: "承接欧美市场的离岸外包业务。"},
	)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"对日外包", []string{"ent_jk"}},
		{"对日外包 企业", []string{"ent_jk"}},
		{"日本", []string{"ent_jk"}},
		{"对韩", []string{"ent_jk"}},
		{"欧美外包", []string{"ent_us"}},
	} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Q: tc.q, Types: []xiaoqi.Kind{xiaoqi.KindEnterprise}}))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q found %v, want %v", tc.q, got, tc.want)
		}
	}
}
