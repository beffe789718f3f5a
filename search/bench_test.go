package search_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// benchJobs returns n job needs with varied Chinese text.
func benchJobs(n int) []xiaoqi.Doc {
	titles := []string{"软件测试工程师", "Java开发工程师", "运维工程师", "数据标注员", "日语翻译", "前端开发", "动漫设计师", "物流调度员"}
	cities := []string{"西安市", "宝鸡市", "咸阳市", "汉中市", "榆林市"}
	skills := [][]string{{"软件测试", "Python"}, {"Java", "Spring"}, {"Linux", "运维"}, {"日语N2"}, {"Vue", "JavaScript"}}
	docs := make([]xiaoqi.Doc, n)
	for i := range docs {
		docs[i] = &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: fmt.Sprintf("job_%06d", i), Version: 1, Synthetic: true},
			Name: titles[i%len(titles)], EnterpriseName: fmt.Sprintf("陕西第%d软件服务有限公司", i%97), City: cities[i%len(cities)],
			Skills: skills[i%len(skills)], Description: fmt.Sprintf("负责%s相关工作，要求%s，熟悉服务外包项目流程，第%d号岗位。",
				titles[(i+3)%len(titles)], skills[(i+1)%len(skills)][0], i)}
	}
	return docs
}

func BenchmarkSearch(b *testing.B) {
	x, _ := openIndex(b)
	docs := benchJobs(20000)
	for i := 0; i < len(docs); i += 1000 {
		if err := x.Apply(upserts(x.Seq(), docs[i:i+1000]...)); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []xiaoqi.SearchQuery{
		{Q: "软件测试", City: "西安"},
		{Q: "Java 西安 服务外包"},
		{Q: "测"},
		{},
		{Q: "运维", Page: 50, PerPage: 100},
	} {
		b.Run(fmt.Sprintf("%s/%s/%d", q.Q, q.City, q.Page), func(b *testing.B) {
			for b.Loop() {
				if _, err := x.Search(context.Background(), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// openStreamIndex opens a new index as the server runs it (productOptions) and returns the
// taxonomy for seed.Stream.
func openStreamIndex(b *testing.B) (*search.Index, *skill.Taxonomy) {
	b.Helper()
	opt := productOptions(b)
	opt.CacheEntries = -1 // no result cache: the benchmarks repeat their queries and measure the engine
	return openIndexWith(b, opt), opt.Taxonomy
}

// streamIndex indexes n documents of seed.Stream into a new index.
func streamIndex(b *testing.B, n int) *search.Index {
	b.Helper()
	x, tax := openStreamIndex(b)
	var batch []xiaoqi.Doc
	i := 0
	for d, err := range seed.Stream(tax, seed.StreamOptions{Seed: 1, N: n}) {
		if err != nil {
			b.Fatal(err)
		}
		d.Base().ID = fmt.Sprintf("%s_%08d", d.Kind(), i)
		i++
		if batch = append(batch, d); len(batch) == 1000 {
			index(b, x, batch...)
			batch = batch[:0]
		}
	}
	index(b, x, batch...)
	return x
}

// BenchmarkSearchKinds runs each kind of query of scripts/bench-search.sh over 20k synthetic
// documents; the script runs the same kinds at 100k and 1M.
func BenchmarkSearchKinds(b *testing.B) {
	x := streamIndex(b, 20000)
	for _, k := range []struct {
		name string
		q    xiaoqi.SearchQuery
	}{
		{"selective", xiaoqi.SearchQuery{Q: "Selenium"}},
		{"selective+city", xiaoqi.SearchQuery{Q: "数据标注", City: "西安"}},
		{"common", xiaoqi.SearchQuery{Q: "工程师"}},
		{"filter-only", xiaoqi.SearchQuery{Types: []xiaoqi.Kind{xiaoqi.KindJob}, City: "宝鸡", Degrees: []string{"本科"}}},
		{"facets", xiaoqi.SearchQuery{Q: "开发", Facets: []string{"city", "sector", "skill", "degree"}}},
		{"geo", xiaoqi.SearchQuery{Q: "测试", NearCity: "咸阳", WithinKM: 30, Sort: xiaoqi.SortDistance}},
		// Schools through their programs (withParts) and the programs of the same classes.
		{"schools", xiaoqi.SearchQuery{Q: "软件工程", Types: []xiaoqi.Kind{xiaoqi.KindInstitution}}},
	} {
		b.Run(k.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := x.Search(context.Background(), k.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkApply(b *testing.B) {
	x, _ := openIndex(b)
	docs := benchJobs(1000)
	for b.Loop() {
		if err := x.Apply(upserts(x.Seq(), docs...)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkApplyStream indexes the synthetic documents of seed.Stream (the mix of
// scripts/bench-search.sh: job ads, candidates, enterprises, programs, institutions) in
// batches of 2000, each op a fresh batch of new documents, and reports docs/s and the CPU
// time per document (on a shared machine wall-clock rates fall when others run; CPU per
// document does not).
func BenchmarkApplyStream(b *testing.B) {
	x, tax := openStreamIndex(b)
	const batch = 2000
	docs := make([]xiaoqi.Doc, 0, 20*batch)
	for d, err := range seed.Stream(tax, seed.StreamOptions{Seed: 1, N: cap(docs)}) {
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	n := 0
	cpu0 := cpuTime()
	for b.Loop() {
		chunk := make([]xiaoqi.Doc, batch)
		for i := range chunk {
			d := docs[(n+i)%len(docs)]
			d.Base().ID = fmt.Sprintf("%s_%08d", d.Kind(), n+i)
			chunk[i] = d
		}
		n += batch
		if err := x.Apply(upserts(x.Seq(), chunk...)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(n), "cpu-µs/doc")
}

// BenchmarkSuggest completes prefixes over 20k synthetic documents, with no result cache: a
// name begun (the term dictionary only), the words and places that are counted by a search
// each (suggestWords), and the last of several words, up to 12 searches (inContext).
func BenchmarkSuggest(b *testing.B) {
	x := streamIndex(b, 20000)
	for _, p := range []string{"软", "西安交", "培训机", "西安 软", "宝鸡 日", "测试 J", "Java 测", "ru", "xi'an jiao", "rjcs"} {
		b.Run(p, func(b *testing.B) {
			for b.Loop() {
				if _, err := x.Suggest(context.Background(), p, 8); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
