package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestBareEnglishDistrict: a Shaanxi district's English name alone (Yanta, Weiyang, Beilin)
// finds the district as 雁塔 does; it found nothing, and only Yanta District found it. A short
// name that is an English word (Long: 陇县) stays a word.
func TestBareEnglishDistrict(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_yanta"}, Name: "西安某软件技术有限公司", City: "西安市", District: "雁塔区",
			Description: "软件外包。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_weiyang"}, Name: "Java开发工程师", City: "西安市", District: "未央区",
			Skills: []string{"Java"}, Description: "后端开发。"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_beilin"}, Name: "西安某职业学院", Type: xiaoqi.InstitutionUniversity,
			City: "西安市", District: "碑林区"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_baota"}, Name: "运维工程师", City: "延安市", District: "宝塔区",
			Skills: []string{"Linux"}, Description: "机房运维。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_long"}, Name: "Long-term data analyst", City: "宝鸡市", District: "陇县",
			Description: "A long-term position."},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_long2"}, Name: "Long-term tester", City: "西安市", District: "雁塔区",
			Description: "A long-term position."},
	)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"Yanta", []string{"ent_yanta", "job_long2"}},
		{"yanta", []string{"ent_yanta", "job_long2"}},
		{"Weiyang", []string{"job_weiyang"}},
		{"Java Weiyang", []string{"job_weiyang"}},
		{"Beilin", []string{"ins_beilin"}},
		{"Baota", []string{"job_baota"}},
		{"Long", []string{"job_long", "job_long2"}}, // the word, not 陇县
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || res.Relaxed {
			t.Errorf("%q = %v (relaxed %v), want %v", tc.q, got, res.Relaxed, tc.want)
		}
	}
}
