package ingest_test

import (
	"context"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestRegisteredFirmInSeveralCities: a job list naming a firm by name only, in cities other
// than where it is registered, links its postings to the registered firm (one with a credit
// code) when it is the only one of that name, instead of making an unverified copy of it in
// each city. Two registered firms of one name leave the city to decide; a firm known by its
// name only stays one per city (see resolve).
func TestRegisteredFirmInSeveralCities(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openStore(t)
	const code = "91610131MA6TXXXX00"
	reg := &xiaoqi.Enterprise{Name: "西安合成软件有限公司", City: "西安市", CreditCode: code[:17] + string(xiaoqi.CreditCodeCheck(code[:17]))}
	if _, err := s.Upsert(ctx, []xiaoqi.Doc{reg,
		&xiaoqi.Enterprise{Name: "中国合成通信有限公司", City: "西安市", CreditCode: "91610000" + "MA6U000001"[:9] + string(xiaoqi.CreditCodeCheck("91610000MA6U00000"))},
		&xiaoqi.Enterprise{Name: "中国合成通信有限公司", City: "宝鸡市", CreditCode: "91610300MA6U00002" + string(xiaoqi.CreditCodeCheck("91610300MA6U00002"))}}); err != nil {
		t.Fatal(err)
	}
	rep := mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称,城市",
		"Java开发工程师,西安合成软件有限公司,西安", "测试工程师,西安合成软件有限公司,宝鸡", "运维工程师,西安合成软件有限公司,汉中",
		"客服代表,中国合成通信有限公司,宝鸡", "网络工程师,中国合成通信有限公司,榆林"))),
		ingest.Options{Type: xiaoqi.KindJob})
	if rep.EnterprisesCreated != 1 {
		t.Errorf("%d enterprises created, want 1 (榆林's, for the name two registered firms share)", rep.EnterprisesCreated)
	}
	byID := map[string]*xiaoqi.Enterprise{}
	for _, d := range allDocs(t, s, xiaoqi.KindEnterprise) {
		byID[d.Base().ID] = d.(*xiaoqi.Enterprise)
	}
	jobs := jobsByTitle(t, s)
	for _, title := range []string{"Java开发工程师", "测试工程师", "运维工程师"} {
		if j := jobs[title]; j.EnterpriseID != reg.ID {
			t.Errorf("%s (%s) belongs to %+v, want the registered firm %s", title, j.City, byID[j.EnterpriseID], reg.ID)
		}
	}
	if e := byID[jobs["客服代表"].EnterpriseID]; e == nil || e.City != "宝鸡市" {
		t.Errorf("客服代表 of %+v, want the 宝鸡 firm", e)
	}
	if e := byID[jobs["网络工程师"].EnterpriseID]; e == nil || e.City != "榆林市" || e.CreditCode != "" {
		t.Errorf("网络工程师 of %+v, want a firm of its own in 榆林 (which registered firm is meant is unknown)", e)
	}
}
