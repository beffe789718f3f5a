// Command importbench measures `xiaoqi import` on a large synthetic file: it writes a CSV of
// synthetic job needs (clearly marked 合成数据 / synthetic), imports it into the embedded store
// while the search index follows the change feed as it does under `xiaoqi serve`, and prints
// rows per second for the store and for the index, and the peak resident memory.
//
//	go run ./internal/importbench -rows 1000000
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "importbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("importbench", flag.ContinueOnError)
	rows := fs.Int("rows", 1000000, "rows of the synthetic CSV")
	dir := fs.String("dir", "", "working directory (default: a new temporary one, removed at the end)")
	index := fs.Bool("index", true, "let the search index follow the store, as serve does")
	batch := fs.Int("batch-size", 1000, "rows per transaction")
	cpu := fs.String("cpuprofile", "", "write a CPU profile of the import to this file")
	mem := fs.String("memprofile", "", "write a heap profile at the end of the import to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "importbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		*dir = d
	}
	file := filepath.Join(*dir, "synthetic_jobs.csv")
	start := time.Now()
	size, err := writeSynthetic(file, *rows)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d synthetic rows (%.1f MB) in %s\n", *rows, float64(size)/1e6, time.Since(start).Round(time.Millisecond))

	store, err := bolt.Open(filepath.Join(*dir, "xiaoqi.db"))
	if err != nil {
		return err
	}
	defer store.Close()
	var (
		idx      *search.Index
		follower *search.Follower
		done     = make(chan error, 1)
	)
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if *index {
		if idx, err = search.Open(filepath.Join(*dir, "index")); err != nil {
			return err
		}
		defer idx.Close()
		follower = search.NewFollower(store, idx, search.FollowerOptions{})
		go func() { done <- follower.Run(fctx) }()
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}

	var last time.Time
	opt := ingest.Options{Type: xiaoqi.KindJob, Source: "synthetic-bench", BatchSize: *batch, MaxProblems: 100,
		Progress: func(p ingest.Progress) {
			if time.Since(last) < 5*time.Second {
				return
			}
			last = time.Now()
			behind := ""
			if idx != nil {
				behind = fmt.Sprintf(", index at change %d", idx.Seq())
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			fmt.Fprintf(stderr, "  %d rows, %.0f rows/s, ETA %s, RSS %s (Go heap in use %d MB)%s\n", p.Rows, p.RowsPerSec, p.ETA,
				rss("VmRSS"), ms.HeapInuse>>20, behind)
		}}
	if follower != nil {
		opt.Notify = follower.Notify
	}
	start = time.Now()
	rep, err := ingest.Import(ctx, store, file, opt)
	if err != nil {
		return err
	}
	imported := time.Since(start)
	if *mem != "" {
		f, err := os.Create(*mem)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "%s\n", rep.Summary())
	fmt.Fprintf(stdout, "store: %d rows in %s = %.0f rows/s (batches of %d, one fsynced transaction each)\n",
		rep.Read, imported.Round(time.Millisecond), float64(rep.Read)/imported.Seconds(), *batch)
	if idx != nil {
		seq, err := store.LastSeq(ctx)
		if err != nil {
			return err
		}
		if err := idx.WaitFor(ctx, seq); err != nil {
			return err
		}
		total := time.Since(start)
		fmt.Fprintf(stdout, "store and index: %d rows in %s = %.0f rows/s (index caught up %s after the import)\n",
			rep.Read, total.Round(time.Millisecond), float64(rep.Read)/total.Seconds(), (total - imported).Round(time.Millisecond))
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	fmt.Fprintf(stdout, "peak RSS (VmHWM) %s; now RSS anon %s, file-backed %s (the store's memory map)\n",
		rss("VmHWM"), rss("RssAnon"), rss("RssFile"))
	return nil
}

// rss reads a memory figure of this process from /proc/self/status.
func rss(key string) string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

// writeSynthetic writes n rows of synthetic job needs, each row marked synthetic.
func writeSynthetic(path string, n int) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	r := rand.New(rand.NewPCG(1, 2))
	titles := []string{"软件测试工程师", "Java开发工程师", "运维工程师", "数据标注员", "日语翻译", "前端开发工程师", "动漫设计师", "物流调度员", "客服专员", "Python开发工程师"}
	areas := []string{"陕西省西安高新技术产业开发区", "陕西省西安雁塔区", "陕西省西安未央区", "陕西省宝鸡渭滨区", "陕西省咸阳秦都区", "陕西省汉中汉台区", "陕西省榆林榆阳区", "陕西省西安西咸新区"}
	degrees := []string{"本科", "大专", "硕士", "不限", "本科及以上"}
	salaries := []string{"8千-1.2万", "6-8千·13薪", "1-1.5万·14薪", "15-30K", "面议", "4-6千"}
	tags := []string{"Java、Spring、MySQL", "软件测试、Python、五险一金", "Linux、运维、双休", "日语N2、翻译", "Vue、JavaScript", "数据标注"}
	fmt.Fprintln(w, "岗位名称,公司名称,工作地点,学历要求,招聘人数,薪资,技能,岗位描述,发布日期,合成数据")
	for i := 0; i < n; i++ {
		t := titles[r.IntN(len(titles))]
		fmt.Fprintf(w, "%s（合成 #%d）,合成数据第%d号软件服务有限公司,%s,%s,%d,%s,%s,合成数据 synthetic：负责%s相关工作，熟悉服务外包项目流程，第%d号岗位。,2024-%02d-%02d,是\n",
			t, i, r.IntN(2000), areas[r.IntN(len(areas))], degrees[r.IntN(len(degrees))], 1+r.IntN(20),
			salaries[r.IntN(len(salaries))], tags[r.IntN(len(tags))], t, i, 1+r.IntN(12), 1+r.IntN(28))
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return fi.Size(), f.Close()
}
