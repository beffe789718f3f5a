package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEnterprisesByTheirMarketsLanguages: a returned student who speaks Japanese searches
// enterprises for 日语 and finds the firms that serve 日韩 (it found none: enterprises carried
// their markets but no language), and the language filter finds them too; a firm serving
// 欧美 only is found by neither.
func TestEnterprisesByTheirMarketsLanguages(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_jk"}, Name: "雁塔云数软件有限公司", City: "西安市",
			OffshoreMarkets: []string{"日韩"}, Description: "承接离岸软件开发业务。"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_us"}, Name: "高新卓越信息技术有限公司", City: "西安市",
			OffshoreMarkets: []string{"欧美"}, Description: "承接离岸软件开发业务。"},
	)
	enterprises := []xiaoqi.Kind{xiaoqi.KindEnterprise}
	for _, tc := range []struct {
		name string
		q    xiaoqi.SearchQuery
		want []string
	}{
		{"words 日语", xiaoqi.SearchQuery{Q: "日语", Types: enterprises}, []string{"ent_jk"}},
		{"words 韩语 外包", xiaoqi.SearchQuery{Q: "韩语 离岸", Types: enterprises}, []string{"ent_jk"}},
		{"words English", xiaoqi.SearchQuery{Q: "英语", Types: enterprises}, []string{"ent_us"}},
		{"filter 日语", xiaoqi.SearchQuery{Languages: []string{"日语"}, Types: enterprises}, []string{"ent_jk"}},
		{"filter korean", xiaoqi.SearchQuery{Languages: []string{"Korean"}, Types: enterprises}, []string{"ent_jk"}},
		{"filter 俄语", xiaoqi.SearchQuery{Languages: []string{"俄语"}, Types: enterprises}, nil},
	} {
		got := ids(find(t, x, tc.q))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: found %v, want %v", tc.name, got, tc.want)
		}
	}
}
