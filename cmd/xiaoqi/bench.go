package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi/internal/loadgen"
)

// RunBench runs `xiaoqi bench`: a load test of a running server on this machine (loopback
// only) at each of several concurrencies, for a bounded time each, printing a markdown table
// of QPS, p50/p99 latency, error rate and, given the server's --pid, its resident memory.
func RunBench(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("xiaoqi bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", envOr(getenv, "XIAOQI_BENCH_URL", "http://127.0.0.1:8080"),
		"the running server, on loopback (env XIAOQI_BENCH_URL)")
	levels := fs.String("concurrency", "1,4,16", "comma-separated numbers of concurrent clients, one run each")
	duration := fs.Duration("duration", 20*time.Second, "measured time of each run (at most 1h)")
	warmup := fs.Duration("warmup", 3*time.Second, "unmeasured time before each run")
	writes := fs.Float64("writes", 0.1, "share of writes (upserts of synthetic job needs, at most --write-keys distinct ones)")
	writeKeys := fs.Int("write-keys", 10_000, "distinct job needs the writes cycle through")
	pid := fs.Int("pid", 0, "the server's process id, to report its memory from /proc/PID/status (0: none)")
	rssEvery := fs.Duration("rss-every", 0, "print the server's memory at this interval after each run (0: not)")
	seedN := fs.Uint64("seed", 1, "seed of the request sequence")
	key := fs.String("key", envOr(getenv, "XIAOQI_BENCH_KEY", ""),
		"API key sent with every request; writes need an administrator's (xiaoqi users key), and the server's rate limits apply per key (env XIAOQI_BENCH_KEY)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "用法 Usage: xiaoqi bench [flags]\n\n压力测试 Load-tests a running xiaoqi on this machine "+
			"(searches, gets and writes) and prints a markdown table. Flags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var conc []int
	for _, s := range strings.Split(*levels, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > loadgen.MaxConcurrency {
			return fmt.Errorf("并发数无效：--concurrency 须为 1 至 %[2]d 的数字，不能是 %[1]q / --concurrency: %[1]q is not a number from 1 to %[2]d", s, loadgen.MaxConcurrency)
		}
		conc = append(conc, n)
	}
	if err := loadgen.CheckLoopback(*base); err != nil {
		return err
	}
	var results []*loadgen.Result
	for _, c := range conc {
		fmt.Fprintf(stderr, "bench: concurrency %d, %s warm-up + %s …\n", c, *warmup, *duration)
		r, err := loadgen.Run(ctx, loadgen.Config{
			BaseURL: *base, Concurrency: c, Warmup: *warmup, Duration: *duration,
			WriteRatio: *writes, WriteKeys: *writeKeys, PID: *pid, Seed: *seedN, APIKey: *key,
		})
		if err != nil {
			return err
		}
		results = append(results, r)
		if *rssEvery > 0 {
			fmt.Fprintf(stdout, "\nconcurrency %d: server memory 服务内存\n", c)
			if err := loadgen.WriteRSS(stdout, r, *rssEvery); err != nil {
				return err
			}
		}
	}
	fmt.Fprintln(stdout)
	return loadgen.WriteTable(stdout, results)
}
