package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// RunSeed runs `xiaoqi seed`. Without --synthetic it loads the default data set into the store
// (the records it lacks; with --overwrite also those it holds). With --synthetic N it generates N synthetic documents
// (seed.Stream) and writes them to the store in batches, or with --out to a JSON Lines file.
func RunSeed(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("xiaoqi seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.bindCommon(fs, getenv)
	var o syntheticOptions
	fs.IntVar(&o.n, "synthetic", 0, "generate this many synthetic documents (for benchmarks) instead of loading the default data set")
	fs.Int64Var(&o.seed, "seed", 1, "with --synthetic: the random seed; the same seed gives the same documents")
	fs.StringVar(&o.out, "out", "", "with --synthetic: write JSON Lines to this file (\"-\": standard output) instead of the store")
	fs.StringVar(&o.typ, "type", "", "with --synthetic: generate N documents of this kind (jobs, candidates, enterprises, programs, institutions); into the store with the parents they name")
	fs.IntVar(&o.batch, "batch-size", 1000, "with --synthetic: documents written to the store in one transaction")
	overwrite := fs.Bool("overwrite", false, "also put back the records of the default data set that are stored already, as the set has them: edits made to them are lost (without it only missing records are written)")
	fill := fs.Bool("fill", false, "also write into the stored records of the default data set the fields later versions of it added (schools' English names, the policy's translation, programs' districts, postings' and firms' sectors) where they have none, keeping every edit")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `用法 Usage: xiaoqi seed [--synthetic N [--seed S] [--type KIND] [--out FILE|-]] [flags]

导入默认数据 Loads the default data set into the store: real Shaanxi universities, majors,
51job postings and the 2015 policy, and labelled synthetic training institutions, enterprises,
job needs and candidates: the records the store does not hold yet. A record that is stored
already is kept as it is, with whatever users changed in it. After an upgrade whose data set
gained fields, --fill (补全字段) writes them into the stored records that lack them and changes
nothing else; --overwrite puts the set's whole version back, losing edits. Running it twice
changes nothing.

生成合成数据 With --synthetic N it generates N synthetic documents of realistic shape (about 68%
job needs, 20% candidates, 8% enterprises, 3% programs, 1% training institutions; parents
first), every one marked "synthetic": true, in bounded memory: into the store, or with --out as
JSON Lines, one document per line with its "kind", which "xiaoqi import --type KIND" reads
back when the file holds one kind (--type). Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *fill && (*overwrite || o.n > 0) {
		fmt.Fprintln(stderr, "--fill 不能与 --overwrite 或 --synthetic 同用 / --fill goes with neither --overwrite nor --synthetic")
		return errUsage
	}
	if o.n == 0 && (o.out != "" || o.typ != "") {
		fmt.Fprintln(stderr, "--out 与 --type 需要同时指定 --synthetic N / --out and --type need --synthetic N")
		return errUsage
	}
	if o.n < 0 || o.n > seed.MaxStream {
		fmt.Fprintf(stderr, "合成文档数量无效：--synthetic 须在 1 至 %[1]d 之间，不能是 %[2]d / --synthetic must be between 1 and %[1]d, not %[2]d\n", seed.MaxStream, o.n)
		return errUsage
	}
	if o.typ != "" {
		k, ok := parseSyntheticKind(o.typ)
		if !ok {
			fmt.Fprintf(stderr, "类型无效：--type 须为 jobs、candidates、enterprises、programs 或 institutions，不能是 %[1]q / --type must be jobs, candidates, enterprises, programs or institutions, not %[1]q\n", o.typ)
			return errUsage
		}
		o.kind = k
	}
	if o.batch < 1 || o.batch > maxSyntheticBatch {
		fmt.Fprintf(stderr, "批量大小无效：--batch-size 须在 1 至 %[1]d 之间 / --batch-size must be between 1 and %[1]d\n", maxSyntheticBatch)
		return errUsage
	}
	if err := cfg.check(); err != nil {
		return err
	}
	logger := cfg.newLogger(stderr)
	tax, err := loadTaxonomy(logger)
	if err != nil {
		return err
	}
	if o.n > 0 && o.out != "" {
		return writeSynthetic(ctx, tax, o, stdout, stderr)
	}
	store, err := openStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	if o.n > 0 {
		return storeSynthetic(ctx, store, tax, o, stdout, stderr)
	}
	n, err := seed.Apply(ctx, store, tax, 500, *overwrite)
	if err != nil {
		return err
	}
	if *fill {
		f, err := seed.Fill(ctx, store, tax, 500)
		if err != nil {
			return err
		}
		fields := make([]string, 0, len(f.Fields))
		for _, name := range slices.Sorted(maps.Keys(f.Fields)) {
			fields = append(fields, fmt.Sprintf("%s %d", name, f.Fields[name]))
		}
		detail := ""
		if len(fields) > 0 {
			detail = " (" + strings.Join(fields, ", ") + ")"
		}
		fmt.Fprintf(stdout, "seed: 补全 filled %d of the %d stored records of the data set it checked%s\n", f.Records, f.Checked, detail)
		n += f.Records // the total below said 0 after filling 60
	}
	docs := "documents"
	if n == 1 {
		docs = "document"
	}
	fmt.Fprintf(stdout, "seed: %d %s written or changed in %s, skills from taxonomy %s (the index catches up when serve starts)\n",
		n, docs, time.Since(start).Round(time.Millisecond), tax.Version())
	return nil
}

// maxSyntheticBatch bounds --batch-size: one transaction holds at most this many documents.
const maxSyntheticBatch = 10_000

// syntheticOptions are the flags of `xiaoqi seed --synthetic`.
type syntheticOptions struct {
	n     int
	seed  int64
	out   string
	typ   string
	kind  xiaoqi.Kind // "" for every kind
	batch int
}

// parseSyntheticKind accepts the kinds the generator makes, singular or plural.
func parseSyntheticKind(s string) (xiaoqi.Kind, bool) {
	k, err := xiaoqi.ParseKind(s)
	if err != nil {
		return "", false
	}
	_, ok := seed.KindCounts(k, 1)
	return k, ok
}

// syntheticDocs yields the documents of o: N of every kind mixed (seed.Stream), or N of one
// kind, with the parents they name first when parents is set (for the store, where every
// reference must hold) and without them otherwise (for a file of one kind to import).
func syntheticDocs(tax *skill.Taxonomy, o syntheticOptions, parents bool) iter.Seq2[xiaoqi.Doc, error] {
	if o.kind == "" {
		return seed.Stream(tax, seed.StreamOptions{Seed: o.seed, N: o.n})
	}
	c, _ := seed.KindCounts(o.kind, o.n)
	if parents {
		return seed.Generate(tax, o.seed, c, nil)
	}
	return seed.Generate(tax, o.seed, c, func(k xiaoqi.Kind) bool { return k == o.kind })
}

// writeSynthetic writes the synthetic documents as JSON Lines: each line is the document as
// the API shows it (candidates included: their data is fake), with its kind in front:
// {"kind":"job","id":"",…}.
func writeSynthetic(ctx context.Context, tax *skill.Taxonomy, o syntheticOptions, stdout, stderr io.Writer) (err error) {
	var w io.Writer = stdout
	if o.out != "-" {
		f, err := os.Create(o.out)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
		w = f
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	p := newSynthProgress(stderr, o.n)
	for d, err := range syntheticDocs(tax, o, false) {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.Kind() == xiaoqi.KindCandidate {
			d.Base().ID = "" // no id computable from the key in a file to import (storeSynthetic)
		}
		data, err := json.Marshal(d)
		if err != nil {
			return fmt.Errorf("encode %s: %w", d.Kind(), err)
		}
		fmt.Fprintf(bw, `{"kind":%q,`, d.Kind())
		bw.Write(data[1:])
		if err := bw.WriteByte('\n'); err != nil {
			return err
		}
		p.add(1)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	p.done("written to " + o.out)
	return nil
}

// storeSynthetic writes the synthetic documents into the store, o.batch at a time.
func storeSynthetic(ctx context.Context, store xiaoqi.Store, tax *skill.Taxonomy, o syntheticOptions, stdout, stderr io.Writer) error {
	total := o.n
	if c, ok := seed.KindCounts(o.kind, o.n); ok {
		total = c.Total() // the parents too
	}
	p := newSynthProgress(stderr, total)
	batch := make([]xiaoqi.Doc, 0, o.batch)
	written := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := store.Upsert(ctx, batch)
		if err != nil {
			return fmt.Errorf("write synthetic documents %d–%d: %w", p.n, p.n+len(batch)-1, err)
		}
		for _, r := range res {
			if !r.Unchanged {
				written++
			}
		}
		p.add(len(batch))
		batch = batch[:0]
		return nil
	}
	// Generated people are not real, but one may share a name and phone with a person erased
	// at their request, who is entered by no writer again (seed.Unerased).
	var erased map[string]bool
	if a, ok := store.(xiaoqi.Accounts); ok {
		var err error
		if erased, err = xiaoqi.ErasedKeys(ctx, a); err != nil {
			return err
		}
	}
	for d, err := range syntheticDocs(tax, o, true) {
		if err != nil {
			return err
		}
		if c, ok := d.(*xiaoqi.Candidate); ok && xiaoqi.Erased(erased, c) {
			p.add(1)
			continue
		}
		if d.Kind() == xiaoqi.KindCandidate {
			// The stream gives a candidate the id its key would give (for an index without a
			// store); the store draws a random one, as for every candidate (README: Security
			// and privacy), and finds it by its key when the same seed is written again.
			d.Base().ID = ""
		}
		if batch = append(batch, d); len(batch) == o.batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	p.done("in the store")
	fmt.Fprintf(stdout, "seed: %d synthetic documents (seed %d), %d written or changed in %s (the index catches up when serve starts)\n",
		p.n, o.seed, written, time.Since(p.start).Round(time.Millisecond))
	return nil
}

// synthProgress prints progress (documents, docs/s) on stderr every two seconds and at the end.
type synthProgress struct {
	w     io.Writer
	total int
	n     int
	start time.Time
	last  time.Time
}

func newSynthProgress(w io.Writer, total int) *synthProgress {
	now := time.Now()
	return &synthProgress{w: w, total: total, start: now, last: now}
}

func (p *synthProgress) add(n int) {
	p.n += n
	if now := time.Now(); now.Sub(p.last) >= 2*time.Second {
		p.last = now
		fmt.Fprintf(p.w, "生成 generated %d of %d documents, %.0f docs/s\n", p.n, p.total, float64(p.n)/now.Sub(p.start).Seconds())
	}
}

func (p *synthProgress) done(where string) {
	secs := max(time.Since(p.start).Seconds(), 1e-9)
	fmt.Fprintf(p.w, "完成 done: %d synthetic documents %s in %.1fs, %.0f docs/s\n", p.n, where, secs, float64(p.n)/secs)
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
	places := fs.Bool("places", false, "first read the places of stored documents again as imports read them (深圳 → 深圳市, 雁塔 → 雁塔区): those the API stored as written")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "用法 Usage: xiaoqi reindex [--reextract] [--places] [flags]\n\n重建索引 Rebuilds the search index under <data-dir>/index from the store and swaps it in; --reextract (重新提取技能) first extracts skills again with the current taxonomy; --places (重新识别地点) first reads stored cities and districts again as imports read them. Stop serve on this data directory first (reindex refuses an index in use). Flags:\n")
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
	if *places {
		if err := rereadPlaces(ctx, store, logger, stdout); err != nil {
			return err
		}
	}
	dir := filepath.Join(cfg.DataDir, "index")
	defer logStandardTo(logger)()
	tax, err := loadTaxonomy(logger)
	if err != nil {
		return err
	}
	opts, err := searchOptions(tax, logger)
	if err != nil {
		return err
	}
	n, err := search.Rebuild(ctx, store, dir, opts)
	var unindexed *search.UnindexedError
	if errors.Is(err, search.ErrInUse) {
		// On MongoDB no store file is locked: the index is what serve and reindex share.
		return indexInUse(dir, err)
	} else if errors.As(err, &unindexed) {
		for _, d := range unindexed.Docs {
			fmt.Fprintf(stdout, "reindex: 无法索引，已略过 / could not index, left out: %s: %v\n", d.ID, d.Err)
		}
	} else if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reindex: %d documents indexed into %s in %s\n", n, dir, time.Since(start).Round(time.Millisecond))
	return nil
}

func runHealthcheck(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("xiaoqi healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	own := ownReadyURL(getenv)
	u := fs.String("url", envOr(getenv, "XIAOQI_HEALTHCHECK_URL", own),
		"readiness URL to check (env XIAOQI_HEALTHCHECK_URL); default: the /readyz of the serve that XIAOQI_ADDR and XIAOQI_TLS_CERT describe, on this machine")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "用法 Usage: xiaoqi healthcheck [--url URL]\n\n健康检查 Exits 0 when the service answers /readyz with 200 (for a container HEALTHCHECK). Flags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *u, nil)
	if err != nil {
		return err
	}
	client := http.DefaultClient
	if *u == own && strings.HasPrefix(own, "https://") {
		// The service's own port on loopback: its certificate names the public host, not
		// 127.0.0.1, so it is not checked here.
		client = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%[1]s 返回 %[2]s / %[1]s answered %[2]s", *u, resp.Status)
	}
	return nil
}

// ownReadyURL is the /readyz of `xiaoqi serve` on this machine as the environment configures
// it: the port of XIAOQI_ADDR (default 8080), https when XIAOQI_TLS_CERT is set. A container
// whose service listens elsewhere or serves HTTPS was reported unhealthy by a check of
// http://127.0.0.1:8080.
func ownReadyURL(getenv func(string) string) string {
	host, port, err := net.SplitHostPort(envOr(getenv, "XIAOQI_ADDR", DefaultConfig().Addr))
	if err != nil || port == "" || port == "0" {
		port = "8080"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	scheme := "http"
	if getenv("XIAOQI_TLS_CERT") != "" {
		scheme = "https"
	}
	return scheme + "://" + net.JoinHostPort(host, port) + "/readyz"
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
