package search_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestCitiesOfChinaInQuery: a city outside Shaanxi typed among the words (北京 算法工程师),
// short or full, is a place as Shaanxi's are: the posting of the title typed there comes
// first, not the one of that title in 郑州 whose firm's name holds 北京 (华南医电（北京）),
// which came first when 北京 was a plain word.
func TestCitiesOfChinaInQuery(t *testing.T) {
	x := openProductIndex(t)
	tags := "标签 Tags：算法工程师、图像算法、信号处理、软件测试"
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_zz"}, Name: "算法工程师", City: "郑州市", EnterpriseName: "华南医电（北京）科技集团有限公司",
			Skills: []string{"算法工程师", "图像算法", "信号处理"}, Description: "负责图像算法与信号处理算法的研发。" + tags},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_hf"}, Name: "算法工程师_人工智能方向", City: "合肥市", EnterpriseName: "北京君正集成电路股份有限公司",
			Skills: []string{"算法工程师", "人工智能"}, Description: "人工智能算法研发。" + tags},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_bj"}, Name: "算法工程师", City: "北京市", EnterpriseName: "象心力科技有限公司"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_bj_vpr"}, Name: "声纹识别算法工程师", City: "北京市", EnterpriseName: "捷通华声科技股份有限公司"},
	)
	// The title typed, in the city typed, first: not the posting of that title in 郑州 whose
	// firm's name says 北京.
	for _, q := range []string{"北京 算法工程师", "算法工程师 北京", "北京市 算法工程师", "算法工程师 北京市"} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: q})); len(got) == 0 || got[0] != "job_bj" {
			t.Errorf("%q = %v, want job_bj first", q, got)
		}
	}
}
