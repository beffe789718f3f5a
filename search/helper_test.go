package search_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// segmenter is the one Segmenter of the test binary: loading gse takes seconds, as in
// production, where cmd/xiaoqi loads one per process.
var segmenter = sync.OnceValues(func() (*search.Segmenter, error) {
	tax, err := skill.Load()
	if err != nil {
		return nil, err
	}
	aliases, err := seed.InstitutionAliases()
	if err != nil {
		return nil, err
	}
	return search.NewSegmenter(tax, search.DomainWords(aliases)...)
})

// options returns Options with the shared Segmenter and nothing else.
func options(tb testing.TB) search.Options {
	tb.Helper()
	seg, err := segmenter()
	if err != nil {
		tb.Fatalf("NewSegmenter: %v", err)
	}
	return search.Options{Segmenter: seg}
}

// productOptions returns Options as `xiaoqi serve` sets them: the shared Segmenter, the
// taxonomy's synonyms, the institutions' abbreviations and English names, the cities' centres
// and the majors.
func productOptions(tb testing.TB) search.Options {
	tb.Helper()
	tax, err := skill.Load()
	if err != nil {
		tb.Fatal(err)
	}
	sd, err := seed.LoadSearchData()
	if err != nil {
		tb.Fatal(err)
	}
	opt := options(tb)
	opt.Taxonomy, opt.Aliases, opt.Cities, opt.Majors, opt.EnglishNames = tax, sd.Aliases, sd.Cities, sd.Majors, sd.EnglishNames
	return opt
}

// openIndex opens a new index in a temporary directory, closed at the end of the test.
func openIndex(tb testing.TB) (*search.Index, string) {
	tb.Helper()
	dir := tb.TempDir() + "/index"
	x, err := search.Open(dir, options(tb))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { _ = x.Close() })
	return x, dir
}

// openProductIndex opens a new index with the product's analysis (productOptions) in a
// temporary directory, closed at the end of the test.
func openProductIndex(tb testing.TB) *search.Index {
	tb.Helper()
	x, err := search.Open(tb.TempDir()+"/index", productOptions(tb))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { _ = x.Close() })
	return x
}

// upserts returns upsert changes for docs, numbered from seq+1.
func upserts(seq uint64, docs ...xiaoqi.Doc) []xiaoqi.Change {
	out := make([]xiaoqi.Change, len(docs))
	for i, d := range docs {
		m := d.Base()
		if m.Version == 0 {
			m.Version = 1
		}
		out[i] = xiaoqi.Change{Seq: seq + uint64(i) + 1, Op: xiaoqi.OpUpsert, Kind: d.Kind(), ID: m.ID, Version: m.Version, Doc: d}
	}
	return out
}

// index applies docs as upserts after the index's current seq.
func index(tb testing.TB, x *search.Index, docs ...xiaoqi.Doc) {
	tb.Helper()
	if err := x.Apply(upserts(x.Seq(), docs...)); err != nil {
		tb.Fatalf("Apply: %v", err)
	}
}

// find runs q and fails the test on error.
func find(tb testing.TB, x *search.Index, q xiaoqi.SearchQuery) *xiaoqi.SearchResult {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := x.Search(ctx, q)
	if err != nil {
		tb.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

func ids(res *xiaoqi.SearchResult) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out
}

// corpus is a small set of documents of every kind.
func corpus() []xiaoqi.Doc {
	return []xiaoqi.Doc{
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_test_xa", Synthetic: true}, Name: "软件测试工程师",
			EnterpriseName: "西安软通动力信息技术有限公司", City: "西安", District: "雁塔区", Sector: xiaoqi.SectorSoftware,
			Skills: []string{"软件测试", "Python", "Selenium"}, Description: "负责Web系统的功能测试与自动化测试，编写测试用例。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_test_bj", Synthetic: true}, Name: "软件测试工程师",
			EnterpriseName: "宝鸡某科技有限公司", City: "宝鸡市", Description: "负责嵌入式软件的测试。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_java_xa", Synthetic: true}, Name: "Java开发工程师",
			EnterpriseName: "西安某软件公司", City: "西安市", Skills: []string{"Java", "MySQL"},
			Description: "参与后端开发，配合团队完成软件测试与上线，熟悉 automated testing 者优先。"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_se_xupt"}, InstitutionID: "ins_xupt", InstitutionName: "西安邮电大学",
			Name: "软件工程", MajorCode: "080902", Degree: "本科", City: "西安市", Skills: []string{"Java", "软件工程"},
			Description: "培养具备软件开发与项目管理能力的工程人才。"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xupt"}, Name: "西安邮电大学", Type: xiaoqi.InstitutionUniversity,
			Code: "4161011664", City: "西安市", District: "长安区", Level: "本科", Description: "信息通信特色高校。"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_isoft", Synthetic: true}, Name: "西安软通动力信息技术有限公司",
			City: "西安", District: "高新区", Sectors: []xiaoqi.Sector{xiaoqi.SectorSoftware},
			OffshoreMarkets: []string{"日韩"}, Description: "<b>软件外包</b>与测试服务 & 运维。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_wang", Synthetic: true}, Name: "王小明", Phone: "13912345678",
			Email: "wxm@example.com", BirthDate: "1999-01-02", City: "西安", Degree: "本科",
			Education: []xiaoqi.Education{{InstitutionName: "西安邮电大学", Major: "软件工程", Degree: "本科"}},
			Skills:    []string{"软件测试", "Linux"}, Languages: []string{"日语N2"},
			Summary: "我是王小明，电话 139 1234 5678，邮箱 wxm@example.com，生日 1999-01-02。三年软件测试经验。"},
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_12"}, Number: 12, Heading: "加强产学研合作",
			Text: "鼓励高等院校、科研院所与服务外包企业建立双向合作机制，增设服务外包专业。"},
		&xiaoqi.Partnership{Meta: xiaoqi.Meta{ID: "prt_xupt_isoft"}, InstitutionID: "ins_xupt", InstitutionName: "西安邮电大学",
			EnterpriseID: "ent_isoft", EnterpriseName: "西安软通动力信息技术有限公司", Status: xiaoqi.PartnershipActive,
			Note: "共建软件测试实训基地"},
	}
}
