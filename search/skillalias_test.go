package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEnglishAliasInLongerQuery: a skill's English alias of two words (Data annotation, Data
// labeling, Customer Success) names the skill inside a longer query as the skill's English
// name does (data labelling Xi'an): data annotation Yulin was relaxed, annotation found
// nowhere, while 数据标注 榆林 found the posting.
func TestEnglishAliasInLongerQuery(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_label_yl"}, Name: "数据标注员", City: "榆林市", Skills: []string{"数据标注"},
			Description: "完成图像标注任务。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_label_xa"}, Name: "AI数据标注实习生", City: "西安市", Skills: []string{"数据标注"},
			Description: "完成文本标注任务。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cs_xa"}, Name: "客户服务专员", City: "西安市", Skills: []string{"客户服务"},
			Description: "接听来电，处理咨询。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_data_xa"}, Name: "数据工程师", City: "西安市", Skills: []string{"Python"},
			Description: "编写数据处理脚本。"},
	)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"data annotation Yulin", []string{"job_label_yl"}},
		{"data annotation 榆林", []string{"job_label_yl"}},
		{"data annotation Xi'an", []string{"job_label_xa"}},
		{"data labeling Xi'an", []string{"job_label_xa"}},
		{"data labelling Xi'an", []string{"job_label_xa"}},
		{"customer success Xi'an", []string{"job_cs_xa"}},
		{"Xi'an customer success", []string{"job_cs_xa"}},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || res.Relaxed {
			t.Errorf("%q = %v (relaxed %v, unmatched %q), want %v", tc.q, got, res.Relaxed, res.Unmatched, tc.want)
		}
	}
}
