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

// TestFirmListAfterJobList: a list of firms with their credit codes, imported after the job
// needs that created the firms by name, gives those firms their codes; it made a second,
// verified firm of each name without job needs beside the one that had them all. A job list
// naming the firm by its code then finds it too, and importing the firm list again changes
// nothing. A stored firm of the name with another code is another firm.
func TestFirmListAfterJobList(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	code := func(body string) string { return body + string(xiaoqi.CreditCodeCheck(body)) }
	c1, c2, c3 := code("91610131MA6TAAAA0"), code("91610131MA6TBBBB0"), code("91610131MA6TCCCC0")
	mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称,城市",
		"Java开发工程师,西安软通某某信息技术有限公司,西安", "测试工程师,西安软通某某信息技术有限公司,西安"))),
		ingest.Options{Type: xiaoqi.KindJob})
	firms := writeFile(t, "firms.csv", []byte(csvLines("企业名称,统一社会信用代码,城市",
		"西安软通某某信息技术有限公司,"+c1+",西安", "西安另一家信息技术有限公司,"+c2+",西安")))
	rep := mustImport(t, s, firms, ingest.Options{Type: xiaoqi.KindEnterprise})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 1, Updated: 1})
	ents := allDocs(t, s, xiaoqi.KindEnterprise)
	if len(ents) != 2 {
		t.Fatalf("%d enterprises, want 2: %v", len(ents), ents)
	}
	var firm *xiaoqi.Enterprise
	for _, d := range ents {
		if e := d.(*xiaoqi.Enterprise); e.Name == "西安软通某某信息技术有限公司" {
			firm = e
		}
	}
	jobs := jobsByTitle(t, s)
	if firm == nil || firm.CreditCode != c1 || jobs["Java开发工程师"].EnterpriseID != firm.ID {
		t.Errorf("firm %+v; the job needs' firm %s", firm, jobs["Java开发工程师"].EnterpriseID)
	}
	rep = mustImport(t, s, firms, ingest.Options{Type: xiaoqi.KindEnterprise})
	wantCounts(t, rep, ingest.Counts{Read: 2, Unchanged: 2})
	rep = mustImport(t, s, writeFile(t, "jobs2.csv", []byte(csvLines("岗位名称,公司名称,统一社会信用代码,城市",
		"运维工程师,西安软通某某信息技术有限公司,"+c1+",西安"))), ingest.Options{Type: xiaoqi.KindJob})
	if j := jobsByTitle(t, s)["运维工程师"]; rep.EnterprisesCreated != 0 || firm == nil || j.EnterpriseID != firm.ID {
		t.Errorf("a job need naming the firm by its code: %d firms created, firm %s", rep.EnterprisesCreated, j.EnterpriseID)
	}
	rep = mustImport(t, s, writeFile(t, "other.csv", []byte(csvLines("企业名称,统一社会信用代码,城市",
		"西安软通某某信息技术有限公司,"+c3+",西安"))), ingest.Options{Type: xiaoqi.KindEnterprise})
	if rep.Created != 1 {
		t.Errorf("the name with another code: %+v, want a firm of its own", rep.Counts)
	}
}

// TestJobOfSyntheticFirm: a job need imported for a synthetic enterprise is synthetic, as the
// API makes it, new or updating one: imported, it was stored real, and real_only counted it.
func TestJobOfSyntheticFirm(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Meta: xiaoqi.Meta{Synthetic: true}, Name: "泾渭云数软件技术有限公司（示例）", City: "西安市"}}); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称,城市,招聘人数",
		"Java开发工程师,泾渭云数软件技术有限公司（示例）,西安,2", "测试工程师,西安某真实软件公司,西安,1")))
	rep := mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 2, Created: 2, EnterprisesCreated: 1})
	jobs := jobsByTitle(t, s)
	if !jobs["Java开发工程师"].Synthetic || jobs["测试工程师"].Synthetic {
		t.Errorf("synthetic: the synthetic firm's job %v, the real firm's %v; want true, false", jobs["Java开发工程师"].Synthetic, jobs["测试工程师"].Synthetic)
	}
	rep = mustImport(t, s, path, ingest.Options{Type: xiaoqi.KindJob})
	wantCounts(t, rep, ingest.Counts{Read: 2, Unchanged: 2})
}

// TestJobTakesRegisteredFirmName: a job row that names its firm by credit code, with the
// short name offices write (测验卯信息), carries the registered firm's name (陕西测验卯信息技术有限公司):
// it kept the file's, so the posting and its firm were named apart. A name that is not the
// registered one written short is warned about: the code may be wrong.
func TestJobTakesRegisteredFirmName(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	mustImport(t, s, writeFile(t, "ents.csv", []byte(csvLines("企业名称,统一社会信用代码,城市",
		"陕西测验卯信息技术有限公司,91610131MA6TYYY01U,西安市"))), ingest.Options{Type: xiaoqi.KindEnterprise})
	rep := mustImport(t, s, writeFile(t, "jobs.csv", []byte(csvLines("岗位名称,公司名称,统一社会信用代码,城市",
		"对日开发,测验卯信息,91610131MA6TYYY01U,西安市", "测试,测验卯信息,91610131MA6TYYY01U,西安市",
		"运维,西安别的公司,91610131MA6TYYY01U,西安市", "数据工程师,陕西测验辰数据有限公司,91610131MA6TYYY02Y,宝鸡市",
		"数据标注,测验辰数据,91610131MA6TYYY02Y,宝鸡市"))), ingest.Options{Type: xiaoqi.KindJob})
	if rep.EnterprisesCreated != 1 {
		t.Errorf("%d enterprises created, want the registered one and 陕西测验辰数据有限公司:%s", rep.EnterprisesCreated, problems(rep))
	}
	for title, j := range jobsByTitle(t, s) {
		if want := "陕西测验卯信息技术有限公司"; j.City == "西安市" && j.EnterpriseName != want || j.City == "宝鸡市" && j.EnterpriseName != "陕西测验辰数据有限公司" {
			t.Errorf("%s: enterprise name %q, want the registered one", title, j.EnterpriseName)
		}
	}
	if hasProblem(rep, ingest.LevelWarning, 2, "公司名称", "") || hasProblem(rep, ingest.LevelWarning, 3, "公司名称", "") ||
		!hasProblem(rep, ingest.LevelWarning, 4, "公司名称", "please check the code") {
		t.Errorf("want a warning for row 4's name only:%s", problems(rep))
	}
}
