// Command searchbench measures the search index on synthetic documents (seed.Stream, all
// labelled synthetic): indexing throughput, query latency by kind of query, peak resident
// memory and index size against the size of the documents. scripts/bench-search.sh runs it
// for 100k and 1M documents and prints a table.
//
//	go run ./internal/searchbench -docs 100000
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("searchbench", flag.ContinueOnError)
	n := fl.Int("docs", 100000, "number of synthetic documents")
	batch := fl.Int("batch", 2000, "documents per index batch")
	queries := fl.Int("queries", 200, "queries per kind")
	dir := fl.String("dir", "", "index directory (default: a temporary one, removed after)")
	keep := fl.Bool("keep", false, "keep the index directory")
	cpuprofile := fl.String("cpuprofile", "", "write a CPU profile of the indexing to this file")
	qprofile := fl.String("qprofile", "", "write a CPU profile of the queries to this file")
	compact := fl.Bool("compact", false, "merge the index into one segment before the queries")
	reuse := fl.Bool("reuse", false, "query the index already in -dir (built by an earlier run with -keep and the same -docs) instead of building one")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "searchbench-")
		if err != nil {
			return err
		}
		*dir = d
	}
	if !*keep && !*reuse {
		defer os.RemoveAll(*dir)
	}
	tax, err := skill.Load()
	if err != nil {
		return err
	}
	sd, err := seed.LoadSearchData()
	if err != nil {
		return err
	}
	start := time.Now()
	seg, err := search.NewSegmenter(tax, search.DomainWords(sd.Aliases)...)
	if err != nil {
		return err
	}
	segLoad := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	segHeap := ms.HeapAlloc
	// No result cache: the figures are of the engine (queries repeat here).
	x, err := search.Open(filepath.Join(*dir, "index"), search.Options{Taxonomy: tax, Segmenter: seg, Aliases: sd.Aliases, Cities: sd.Cities, Majors: sd.Majors, EnglishNames: sd.EnglishNames, CacheEntries: -1})
	if err != nil {
		return err
	}

	// Index, counting the documents' JSON size and how often each skill occurs.
	skills := map[string]int{}
	var raw int64
	var changes []xiaoqi.Change
	var seq uint64
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	start = time.Now()
	var indexTime time.Duration
	flush := func() error {
		if *reuse {
			changes = changes[:0]
			return nil
		}
		t := time.Now()
		err := x.Apply(changes)
		indexTime += time.Since(t)
		changes = changes[:0]
		return err
	}
	i := 0
	for d, err := range seed.Stream(tax, seed.StreamOptions{Seed: 1, N: *n}) {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		m := d.Base()
		if m.ID == "" {
			m.ID = fmt.Sprintf("%s_%09d", d.Kind(), i)
		}
		m.Version = 1
		i++
		b, _ := json.Marshal(d)
		raw += int64(len(b))
		if j, ok := d.(*xiaoqi.JobNeed); ok {
			for _, s := range j.Skills {
				skills[s]++
			}
		}
		seq++
		changes = append(changes, xiaoqi.Change{Seq: seq, Op: xiaoqi.OpUpsert, Kind: d.Kind(), ID: m.ID, Version: 1, Doc: d})
		if len(changes) == *batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	wall := time.Since(start)
	pprof.StopCPUProfile()
	if *compact {
		t := time.Now()
		if err := x.Compact(ctx); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "searchbench: compacted into one segment in %.1f s\n", time.Since(t).Seconds())
	}

	// Queries by kind: a selective skill (in about 0.1% of job needs or fewer), a common one,
	// filters only, a query with facets, and a distance filter.
	var rare, common []string
	type kv struct {
		k string
		v int
	}
	var byCount []kv
	for k, v := range skills {
		byCount = append(byCount, kv{k, v})
	}
	sort.Slice(byCount, func(i, j int) bool {
		return byCount[i].v > byCount[j].v || byCount[i].v == byCount[j].v && byCount[i].k < byCount[j].k
	})
	for _, e := range byCount {
		if e.v <= max(3, *n/1000) && e.v >= 1 {
			rare = append(rare, e.k)
		}
	}
	for _, e := range byCount[:min(20, len(byCount))] {
		common = append(common, e.k)
	}
	// Selective means what it says: a query that matches at most 0.1% of the documents.
	var selective []string
	for _, w := range rare {
		if len(selective) == 50 {
			break
		}
		res, err := x.Search(ctx, xiaoqi.SearchQuery{Q: w, PerPage: 1})
		if err != nil {
			return err
		}
		if res.Total > 0 && res.Total <= uint64(max(10, *n/1000)) {
			selective = append(selective, w)
		}
	}
	if len(selective) == 0 {
		return fmt.Errorf("no selective skill among %d rare ones", len(rare))
	}
	rare = selective
	cityNames := []string{"西安", "宝鸡", "咸阳", "汉中", "榆林", "延安", "渭南"}
	kinds := []struct {
		name string
		q    func(i int) xiaoqi.SearchQuery
	}{
		{"selective word", func(i int) xiaoqi.SearchQuery { return xiaoqi.SearchQuery{Q: rare[i%len(rare)]} }},
		{"selective + city", func(i int) xiaoqi.SearchQuery {
			return xiaoqi.SearchQuery{Q: rare[i%len(rare)], City: cityNames[i%len(cityNames)]}
		}},
		{"common word", func(i int) xiaoqi.SearchQuery { return xiaoqi.SearchQuery{Q: common[i%len(common)]} }},
		{"filter only", func(i int) xiaoqi.SearchQuery {
			return xiaoqi.SearchQuery{Types: []xiaoqi.Kind{xiaoqi.KindJob}, City: cityNames[i%len(cityNames)], Degrees: []string{"本科"}}
		}},
		{"facets", func(i int) xiaoqi.SearchQuery {
			return xiaoqi.SearchQuery{Q: common[i%len(common)], Facets: []string{"city", "sector", "skill", "degree"}}
		}},
		{"geo 30 km", func(i int) xiaoqi.SearchQuery {
			return xiaoqi.SearchQuery{Q: rare[i%len(rare)], NearCity: cityNames[i%len(cityNames)], WithinKM: 30, Sort: xiaoqi.SortDistance}
		}},
	}
	type row struct {
		name          string
		p50, p99      time.Duration
		meanHits      float64
		queriesPerKnd int
	}
	var rows []row
	if *qprofile != "" {
		f, err := os.Create(*qprofile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	for _, k := range kinds {
		for i := 0; i < 20; i++ { // warm up
			if _, err := x.Search(ctx, k.q(i)); err != nil {
				return fmt.Errorf("%s: %w", k.name, err)
			}
		}
		var lat []time.Duration
		var hits uint64
		for i := 0; i < *queries; i++ {
			t := time.Now()
			res, err := x.Search(ctx, k.q(i))
			if err != nil {
				return fmt.Errorf("%s: %w", k.name, err)
			}
			lat = append(lat, time.Since(t))
			hits += res.Total
		}
		slices.Sort(lat)
		rows = append(rows, row{k.name, lat[len(lat)/2], lat[len(lat)*99/100], float64(hits) / float64(*queries), *queries})
	}
	pprof.StopCPUProfile()
	if err := x.Close(); err != nil {
		return err
	}
	size, err := dirSize(filepath.Join(*dir, "index"))
	if err != nil {
		return err
	}

	fmt.Fprintf(stdout, "searchbench: %d synthetic documents (seed.Stream seed 1), %d CPUs, %s\n", *n, runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(stdout, "  segmenter load          %8.2f s, %d MB heap\n", segLoad.Seconds(), segHeap>>20)
	if *reuse {
		fmt.Fprintf(stdout, "  indexing                (reused the index in %s)\n", *dir)
	} else {
		fmt.Fprintf(stdout, "  indexing                %8.0f docs/s (%.1f s in Apply, %.1f s wall with generation)\n", float64(*n)/indexTime.Seconds(), indexTime.Seconds(), wall.Seconds())
	}
	fmt.Fprintf(stdout, "  documents (JSON)        %8.1f MB\n", float64(raw)/1e6)
	fmt.Fprintf(stdout, "  index on disk           %8.1f MB  (%.2f× the documents)\n", float64(size)/1e6, float64(size)/float64(raw))
	fmt.Fprintf(stdout, "  peak RSS                %8d MB\n", peakRSS()>>20)
	fmt.Fprintf(stdout, "  %-18s %10s %10s %12s\n", "query kind", "p50", "p99", "mean total")
	for _, r := range rows {
		fmt.Fprintf(stdout, "  %-18s %8.2fms %8.2fms %12.0f\n", r.name, ms1(r.p50), ms1(r.p99), r.meanHits)
	}
	return nil
}

func ms1(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

// peakRSS is the process's peak resident set size in bytes (VmHWM), 0 where unknown.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
