package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"time"

	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

func runSeed(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("xiaoqi seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.bindCommon(fs, getenv)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "用法 Usage: xiaoqi seed [flags]\n\n导入默认数据 Loads the default data set (real Shaanxi universities, majors, 51job postings, the 2015 policy) into the store. Running it again changes nothing. Flags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := cfg.check(); err != nil {
		return err
	}
	logger := cfg.newLogger(stderr)
	store, err := openStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	n, err := seed.Apply(ctx, store, 500)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seed: %d documents written or changed in %s (the index catches up when serve starts)\n",
		n, time.Since(start).Round(time.Millisecond))
	return nil
}

func runReindex(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("xiaoqi reindex", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.bindCommon(fs, getenv)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "用法 Usage: xiaoqi reindex [flags]\n\n重建索引 Rebuilds the search index under <data-dir>/index from the store and swaps it in. Stop serve on this data directory first. Flags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := cfg.check(); err != nil {
		return err
	}
	logger := cfg.newLogger(stderr)
	store, err := openStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	dir := filepath.Join(cfg.DataDir, "index")
	n, err := search.Rebuild(ctx, store, dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reindex: %d documents indexed into %s in %s\n", n, dir, time.Since(start).Round(time.Millisecond))
	return nil
}

func runHealthcheck(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("xiaoqi healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	u := fs.String("url", envOr(getenv, "XIAOQI_HEALTHCHECK_URL", "http://127.0.0.1:8080/readyz"), "readiness URL to check")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", *u, resp.Status)
	}
	return nil
}
