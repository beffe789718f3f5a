package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
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
	store, logger, err := openTask(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	tax, err := loadTaxonomy(logger)
	if err != nil {
		return err
	}
	n, err := seed.Apply(ctx, store, tax, 500)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seed: %d documents written or changed in %s, skills from taxonomy %s (the index catches up when serve starts)\n",
		n, time.Since(start).Round(time.Millisecond), tax.Version())
	return nil
}

// RunReindex runs `xiaoqi reindex`: with --reextract it first extracts the skills of the
// stored job needs, programs and candidates again with the current taxonomy and writes back
// those that changed; then it rebuilds the search index from the store.
func RunReindex(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("xiaoqi reindex", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.bindCommon(fs, getenv)
	reextract := fs.Bool("reextract", false, "first extract the skills of stored job needs, programs and candidates again with the current skill taxonomy")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "用法 Usage: xiaoqi reindex [--reextract] [flags]\n\n重建索引 Rebuilds the search index under <data-dir>/index from the store and swaps it in; --reextract (重新提取技能) first extracts skills again with the current taxonomy. Stop serve on this data directory first. Flags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	store, logger, err := openTask(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	if *reextract {
		tax, err := loadTaxonomy(logger)
		if err != nil {
			return err
		}
		c, err := ingest.Reextract(ctx, store, tax, 500)
		if err != nil {
			return err
		}
		logger.Info("skills extracted again", "taxonomy_version", c.Version, "checked", c.Checked, "changed", c.Changed)
		fmt.Fprintf(stdout, "reextract: taxonomy %s: skills changed in %d of %d job needs, %d of %d programs, %d of %d candidates\n", c.Version,
			c.Changed[xiaoqi.KindJob], c.Checked[xiaoqi.KindJob], c.Changed[xiaoqi.KindProgram], c.Checked[xiaoqi.KindProgram],
			c.Changed[xiaoqi.KindCandidate], c.Checked[xiaoqi.KindCandidate])
	}
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

// loadTaxonomy loads the embedded skill taxonomy, once per command, and logs its version.
func loadTaxonomy(logger *slog.Logger) (*skill.Taxonomy, error) {
	tax, err := skill.Load()
	if err != nil {
		return nil, err
	}
	logger.Info("skill taxonomy loaded", "taxonomy_version", tax.Version(), "skills", len(tax.Skills()))
	return tax, nil
}

// openTask checks the configuration of a one-shot command and opens its logger and store.
func openTask(ctx context.Context, cfg Config, stderr io.Writer) (xiaoqi.Store, *slog.Logger, error) {
	if err := cfg.check(); err != nil {
		return nil, nil, err
	}
	logger := cfg.newLogger(stderr)
	store, err := openStore(ctx, cfg, logger)
	if err != nil {
		return nil, nil, err
	}
	return store, logger, nil
}
