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
	"io/fs"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
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
	followBatch := fs.Int("follow-batch", 0, "changes the index follower reads and applies at a time (0: its default, 1000)")
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
		follower = search.NewFollower(store, idx, search.FollowerOptions{BatchSize: *followBatch})
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
	peak := newMemPeak(200 * time.Millisecond)
	defer peak.stop()
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
		fmt.Fprintf(stdout, "index: %d changes (%d rows and the enterprises they created) searchable %s after the import began = %.0f rows/s, "+
			"caught up %s after the import ended\n",
			seq, rep.Read, total.Round(time.Millisecond), float64(rep.Read)/total.Seconds(), (total - imported).Round(time.Millisecond))
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		user, sys := time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
		// On a shared machine wall-clock rates drop when others run; CPU time per row does not.
		fmt.Fprintf(stdout, "CPU: user %s, system %s = %.0f µs per row (%d cores; load average now %s)\n",
			user.Round(time.Millisecond), sys.Round(time.Millisecond), float64((user+sys).Microseconds())/float64(rep.Read), runtime.NumCPU(), loadAvg())
	}
	anon, fileBacked := peak.stop()
	fmt.Fprintf(stdout, "peak RSS (VmHWM) %s: peak anonymous %d MB (Go heap, bbolt's dirty pages, bleve's buffers), peak file-backed %d MB "+
		"(pages of the store file and index segments mapped read-only: page cache the kernel can drop)\n",
		rss("VmHWM"), anon>>10, fileBacked>>10)
	fmt.Fprintf(stdout, "files: store %s", diskSize(filepath.Join(*dir, "xiaoqi.db")))
	if idx != nil {
		fmt.Fprintf(stdout, ", index %s", diskSize(filepath.Join(*dir, "index")))
	}
	fmt.Fprintf(stdout, ", CSV %.1f MB\n", float64(size)/1e6)
	return nil
}

// memPeak samples the anonymous and file-backed resident memory of this process, because
// VmHWM alone mixes the two: bbolt maps its file read-only, and every page of it that a
// lookup touches counts in RSS as file-backed page cache, which the kernel drops under
// pressure, while anonymous memory (heaps, buffers) is what the import really holds.
type memPeak struct {
	done             chan struct{}
	stopped          chan struct{}
	anon, fileBacked int64 // kB
}

func newMemPeak(every time.Duration) *memPeak {
	m := &memPeak{done: make(chan struct{}), stopped: make(chan struct{})}
	go func() {
		defer close(m.stopped)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			m.anon, m.fileBacked = max(m.anon, kB(rss("RssAnon"))), max(m.fileBacked, kB(rss("RssFile")))
			select {
			case <-m.done:
				return
			case <-t.C:
			}
		}
	}()
	return m
}

// stop ends the sampling (once; later calls return the same figures) and returns the peaks in kB.
func (m *memPeak) stop() (anon, fileBacked int64) {
	select {
	case <-m.done:
	default:
		close(m.done)
	}
	<-m.stopped
	return m.anon, m.fileBacked
}

// kB parses a /proc/self/status figure such as "123456 kB".
func kB(s string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSuffix(s, " kB"), 10, 64)
	return n
}

// diskSize returns the size of a file, or of every file under a directory, for humans.
func diskSize(path string) string {
	var n int64
	err := filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if fi, err := d.Info(); err == nil && !d.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	if err != nil {
		return "?"
	}
	return fmt.Sprintf("%.0f MB", float64(n)/1e6)
}

// loadAvg returns the 1-minute load average, "?" where /proc/loadavg is missing.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(data) + " ?")[0]
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
