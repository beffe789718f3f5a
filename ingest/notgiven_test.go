package ingest_test

import (
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestNotGivenPlaceholders: job boards' exports write N/A (and pandas' exports nan) where a
// posting gives no district, benefits or firm size. The district "N/A" was stored, shown and
// offered as a district filter, and the description ended in "福利 Benefits：N/A".
func TestNotGivenPlaceholders(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "boss.csv", []byte(csvLines(
		"title,company,city,district,salary,welfare,company_size",
		"Java开发工程师,上海合成网络科技有限公司,上海,N/A,15-25K,N/A,N/A",
		"测试工程师,北京合成软件有限公司,北京,nan,10-15K,nan,100-499人",
		"运维工程师,广州合成信息技术有限公司,广州,天河区,8-12K,\"五险一金,带薪年假\",20-99人",
	)))
	s := openStore(t)
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 3, Written: 3, Created: 3, EnterprisesCreated: 3})
	jobs := jobsByTitle(t, s)
	for title, district := range map[string]string{"Java开发工程师": "", "测试工程师": "", "运维工程师": "天河区"} {
		j := jobs[title]
		if j == nil || j.District != district {
			t.Fatalf("%s: stored %+v, want district %q", title, j, district)
		}
		if strings.Contains(j.Description, "N/A") || strings.Contains(j.Description, "nan") {
			t.Errorf("%s: description %q holds the placeholder", title, j.Description)
		}
	}
	if d := jobs["运维工程师"].Description; !strings.Contains(d, "五险一金、带薪年假") {
		t.Errorf("运维工程师: description %q, want the benefits", d)
	}
	for _, d := range allDocs(t, s, xiaoqi.KindEnterprise) {
		if e := d.(*xiaoqi.Enterprise); e.Size == "N/A" {
			t.Errorf("enterprise %s stored with size N/A", e.Name)
		}
	}
}

// TestEnterpriseNameProblemSaidOnce: in a list where several postings name the firm N/A, the
// first row's problem read `企业 name："N/A" 不是企业名称` (the firm made for it refused it) and
// the others' `公司名称 enterprise_name "N/A" 不是企业名称`: one problem, two kinds in the
// report's summary, and an English field name in the Chinese.
func TestEnterpriseNameProblemSaidOnce(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "boss.csv", []byte(csvLines(
		"title,company,city,salary",
		"PHP开发工程师,N/A,广州,12-20K",
		"PHP高级开发工程师,N/A,广州,8-13K",
		"Java开发工程师,N/A,深圳,15-25K",
	)))
	rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 3, Invalid: 3})
	for _, p := range rep.Problems {
		if p.Column != "company" || !strings.HasPrefix(p.Message, `公司名称 enterprise_name "N/A" 不是企业名称`) || strings.Contains(p.Message, "企业 name") {
			t.Errorf("row %d: %s %s, want the message every row has", p.Row, p.Column, p.Message)
		}
	}
}
