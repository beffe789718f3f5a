package loadgen

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Mem is a process's memory as /proc/PID/status tells it, in bytes.
type Mem struct {
	RSS  int64 // VmRSS: resident now
	Anon int64 // RssAnon: the resident part that is the heap and stacks, not mapped files
	HWM  int64 // VmHWM: the peak of VmRSS
}

// ReadMem reads the memory of process pid from /proc/PID/status (Linux).
func ReadMem(pid int) (Mem, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return Mem{}, fmt.Errorf("loadgen: 读取内存失败 read memory of process %d: %w", pid, err)
	}
	defer f.Close()
	var m Mem
	fields := map[string]*int64{"VmRSS": &m.RSS, "RssAnon": &m.Anon, "VmHWM": &m.HWM}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, _ := strings.Cut(sc.Text(), ":")
		p, ok := fields[name]
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return Mem{}, fmt.Errorf("loadgen: /proc/%d/status: %s: %w", pid, name, err)
		}
		*p = kb << 10
	}
	if err := sc.Err(); err != nil {
		return Mem{}, fmt.Errorf("loadgen: /proc/%d/status: %w", pid, err)
	}
	if m.RSS == 0 {
		return Mem{}, fmt.Errorf("loadgen: /proc/%d/status has no VmRSS", pid)
	}
	return m, nil
}

// WriteTable writes the results as a markdown table, one row per run, and then one row per
// kind of request of each run.
func WriteTable(w io.Writer, results []*Result) error {
	var b strings.Builder
	b.WriteString("| 并发 concurrency | 请求 requests | QPS | p50 | p99 | max | 错误率 errors | server RSS start → end (peak); anonymous |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range results {
		fmt.Fprintf(&b, "| %d | %d | %.0f | %s | %s | %s | %.2f%% | %s |\n", r.Concurrency, r.Total.Requests, r.QPS,
			ms(r.Total.P50), ms(r.Total.P99), ms(r.Total.Max), 100*r.ErrorRate(), rssRange(r.RSS))
	}
	for _, r := range results {
		if r.Completed() == 0 {
			fmt.Fprintf(&b, "\n警告：并发 %[1]d 的运行中 %[2]d 个请求无一成功完成，以上数字不是服务的速度 / warning: none of the %[2]d requests of the run at concurrency %[1]d completed successfully: its figures are not the service's speed\n",
				r.Concurrency, r.Total.Requests)
		}
	}
	b.WriteString("\n| 并发 concurrency | 类型 request | requests | p50 | p99 | errors |\n|---:|---|---:|---:|---:|---:|\n")
	for _, r := range results {
		for _, op := range []string{OpSearch, OpGet, OpWrite} {
			if s, ok := r.ByOp[op]; ok {
				fmt.Fprintf(&b, "| %d | %s | %d | %s | %s | %d |\n", r.Concurrency, op, s.Requests, ms(s.P50), ms(s.P99), s.Errors)
			}
		}
	}
	b.WriteString("\n| 并发 concurrency | 搜索 search | requests | p50 | p99 |\n|---:|---|---:|---:|---:|\n")
	for _, r := range results {
		qs := make([]string, 0, len(r.BySearch))
		for q := range r.BySearch {
			qs = append(qs, q)
		}
		slices.Sort(qs)
		for _, q := range qs {
			s := r.BySearch[q]
			shown, err := url.QueryUnescape(q)
			if err != nil {
				shown = q
			}
			fmt.Fprintf(&b, "| %d | `%s` | %d | %s | %s |\n", r.Concurrency, shown, s.Requests, ms(s.P50), ms(s.P99))
		}
	}
	for _, r := range results {
		if r.RateLimited > 0 {
			fmt.Fprintf(&b, "\nconcurrency %d: 被限流 %d 次：这些数字衡量的是限流，不是速度；请以 --rate-per-address -1 --rate-per-key -1 启动服务 / "+
				"%d requests were rate limited (429): these figures measure the rate limits, not the speed; start the server with --rate-per-address -1 --rate-per-key -1\n",
				r.Concurrency, r.RateLimited, r.RateLimited)
		}
		if r.FirstError != "" {
			fmt.Fprintf(&b, "\nconcurrency %d: first error 首个错误: %s\n", r.Concurrency, r.FirstError)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteRSS writes the server's memory over a run as a markdown table, one row per every-th
// sample, to show whether it grows after warm-up.
func WriteRSS(w io.Writer, r *Result, every time.Duration) error {
	if len(r.RSS) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n| t (s) | RSS (MB) | of which anonymous (MB) | peak RSS (MB) |\n|---:|---:|---:|---:|\n")
	next := r.RSS[0].At
	for i, s := range r.RSS {
		if s.At >= next || i == len(r.RSS)-1 {
			fmt.Fprintf(&b, "| %.0f | %.0f | %.0f | %.0f |\n", s.At.Seconds(), mb(s.RSS), mb(s.Anon), mb(s.HWM))
			next = s.At + every
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func rssRange(s []Sample) string {
	if len(s) == 0 {
		return "–"
	}
	var first Sample
	for _, x := range s { // the first sample of the measured part
		first = x
		if x.At >= 0 {
			break
		}
	}
	last := s[len(s)-1]
	return fmt.Sprintf("%.0f → %.0f MB (%.0f); %.0f → %.0f MB", mb(first.RSS), mb(last.RSS), mb(last.HWM), mb(first.Anon), mb(last.Anon))
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64) + " ms"
}
