package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
	"github.com/xiaoqi-dev/xiaoqi/web"
)

func runServe(ctx context.Context, args []string, environ func(string) string, stdout, stderr io.Writer) error {
	asked := map[string]bool{} // the variables read, to name those set and never read
	getenv := func(name string) string {
		asked[name] = true
		return environ(name)
	}
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("xiaoqi serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.bindCommon(fs, getenv)
	fs.StringVar(&cfg.Addr, "addr", envOr(getenv, "XIAOQI_ADDR", cfg.Addr), "HTTP listen address (env XIAOQI_ADDR)")
	fs.BoolVar(&cfg.Seed, "seed", cfg.envBool(getenv, "XIAOQI_SEED", cfg.Seed),
		"load the default data set when the store is empty (env XIAOQI_SEED)")
	fs.DurationVar(&cfg.PollInterval, "poll-interval", cfg.envDuration(getenv, "XIAOQI_POLL_INTERVAL", cfg.PollInterval),
		"how often the index asks the store for changes when idle (env XIAOQI_POLL_INTERVAL)")
	fs.DurationVar(&cfg.FeedCompactAge, "feed-compact-age", cfg.envDuration(getenv, "XIAOQI_FEED_COMPACT_AGE", cfg.FeedCompactAge),
		"on MongoDB, remove from the change feed the changes that a later change of the same document supersedes, "+
			"once this node has seen them settled this long ago; at least 20s, 0 never (env XIAOQI_FEED_COMPACT_AGE)")
	fs.StringVar(&cfg.BackupDir, "backup-dir", envOr(getenv, "XIAOQI_BACKUP_DIR", cfg.BackupDir),
		"write a backup of the embedded store into this directory at start and every --backup-every; readable by the owner only (env XIAOQI_BACKUP_DIR)")
	fs.DurationVar(&cfg.BackupEvery, "backup-every", cfg.envDuration(getenv, "XIAOQI_BACKUP_EVERY", cfg.BackupEvery),
		"how often to back up the embedded store with --backup-dir (env XIAOQI_BACKUP_EVERY)")
	fs.IntVar(&cfg.BackupKeep, "backup-keep", int(cfg.envInt64(getenv, "XIAOQI_BACKUP_KEEP", int64(cfg.BackupKeep))),
		"how many backups to keep, the newest (env XIAOQI_BACKUP_KEEP)")
	fs.IntVar(&cfg.SearchCache, "search-cache", int(cfg.envInt64(getenv, "XIAOQI_SEARCH_CACHE", int64(cfg.SearchCache))),
		"search results kept in memory; 0 keeps none (env XIAOQI_SEARCH_CACHE)")
	fs.DurationVar(&cfg.SearchCacheStale, "search-cache-stale", cfg.envDuration(getenv, "XIAOQI_SEARCH_CACHE_STALE", cfg.SearchCacheStale),
		"how long a kept search result may still be served after writes of jobs, schools, enterprises …; "+
			"never after deletions, candidate changes or ?refresh=wait_for; 0: none after any write (env XIAOQI_SEARCH_CACHE_STALE)")
	fs.Int64Var(&cfg.MaxUploadBytes, "max-upload-bytes", cfg.envInt64(getenv, "XIAOQI_MAX_UPLOAD_BYTES", cfg.MaxUploadBytes),
		"largest file accepted by POST /api/v1/imports (env XIAOQI_MAX_UPLOAD_BYTES)")
	cfg.bindHTTP(fs, getenv)
	cfg.bindSecurity(fs, getenv)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "用法 Usage: xiaoqi serve [flags]\n\n启动服务 Runs the HTTP service. Flags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	m := NewMain(cfg, stderr)
	defer logStandardTo(m.Logger)()
	for _, u := range unknownSettings(os.Environ(), asked) {
		m.Logger.Warn("unknown setting ignored", "variable", u.name, "did_you_mean", u.near)
	}
	if err := m.Open(ctx); err != nil {
		m.Close()
		return err
	}
	fmt.Fprintf(stdout, "xiaoqi listening on %s (data: %s)\n", m.URL(), m.describeStore())
	<-ctx.Done()
	m.Logger.Info("shutting down")
	return m.Close()
}

// Main is the running service: store, index, follower and HTTP server. Tests boot it on port 0
// with a temporary data directory, as cmd/wtfd does in benbjohnson/wtf.
type Main struct {
	Config Config
	Logger *slog.Logger

	// Taxonomy is the skill taxonomy, loaded by Open when nil and shared by the seed, the
	// search synonyms and imports.
	Taxonomy *skill.Taxonomy
	// Store is opened by Open when nil, as the configuration says; a test may give its own.
	// Close closes it either way.
	Store    xiaoqi.Store
	Index    *search.Index
	Follower *search.Follower

	api      *api.Server
	ln       net.Listener
	server   *http.Server
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	closeErr error
	once     sync.Once
}

// NewMain returns a service configured by cfg that logs to logw.
func NewMain(cfg Config, logw io.Writer) *Main {
	return &Main{Config: cfg, Logger: cfg.newLogger(logw)}
}

// Open opens the store (loading the default data set into an empty one), the index, starts
// the follower that brings the index up to date, and starts serving HTTP. It returns once the
// listener is open; /readyz turns 200 when the index has caught up.
func (m *Main) Open(ctx context.Context) error {
	if err := m.Config.check(); err != nil {
		return err
	}
	start := time.Now()
	// Listen first: an address that is taken or invalid (127.0.0.1:99999) was reported only
	// after the default data set was loaded (10 s) or a backup written. Connections wait in
	// the backlog until the server starts below.
	var err error
	if m.ln, err = m.Config.listen(); err != nil { // TLS when configured (tls.go)
		return err
	}
	if m.Taxonomy == nil {
		tax, err := loadTaxonomy(m.Logger)
		if err != nil {
			return err
		}
		m.Taxonomy = tax
	}
	// The word segmenter takes about two seconds to load, most of the start-up: it loads
	// while the store opens.
	type loaded struct {
		opts search.Options
		err  error
	}
	segc := make(chan loaded, 1)
	go func() {
		opts, err := searchOptions(m.Taxonomy, m.Logger)
		opts.CacheEntries, opts.CacheMaxStale = m.Config.SearchCache, m.Config.SearchCacheStale
		if opts.CacheEntries == 0 {
			opts.CacheEntries = -1 // the flag's 0 is none; the package's 0 is its default
		}
		segc <- loaded{opts, err}
	}()
	store := m.Store
	if store == nil {
		if store, err = openStore(ctx, m.Config, m.Logger); err != nil {
			<-segc
			return err
		}
		m.Store = store
	}
	if m.Config.Seed {
		if err := seedIfEmpty(ctx, store, m.Taxonomy, m.Logger); err != nil {
			<-segc
			return err
		}
	}
	indexDir := filepath.Join(m.Config.DataDir, "index")
	l := <-segc
	indexOpts, err := l.opts, l.err
	if err != nil {
		return err
	}
	if m.Index, err = openIndex(ctx, store, indexDir, indexOpts, m.Logger); err != nil {
		return err
	}
	m.Follower = search.NewFollower(store, m.Index, search.FollowerOptions{
		Logger: m.Logger, PollInterval: m.Config.PollInterval,
	})
	// One path on every store: the follower polls the store's change feed, woken at once by
	// writes through this node and, on a MongoDB replica set, by a change stream as other
	// nodes' changes settle (README, "Scaling out").
	m.Logger.Info("index follows the store's change feed by polling", "poll_interval", m.Config.PollInterval.String(),
		"store", m.describeStore())
	fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	m.cancel = cancel
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if err := m.Follower.Run(fctx); err != nil && !errors.Is(err, context.Canceled) {
			m.Logger.Error("index follower stopped", "err", err)
		}
	}()
	go m.compactAfterCatchUp(fctx, m.Index.Seq())
	var collectors []prometheus.Collector
	if bs, ok := store.(*bolt.Store); ok && m.Config.BackupDir != "" {
		bm := newBackupMetrics()
		collectors = append(collectors, bm.collectors()...)
		m.wg.Add(1)
		go func() {
			defer m.wg.Done()
			m.backupLoop(fctx, bs, bm)
		}()
	}
	if ms, ok := store.(*mongodb.Store); ok {
		fm := newFeedMetrics()
		collectors = append(collectors, fm.collectors()...)
		m.wg.Add(1)
		go func() {
			defer m.wg.Done()
			m.wakeOnSettle(fctx, ms, fm)
		}()
		if m.Config.FeedCompactAge > 0 {
			m.wg.Add(1)
			go func() {
				defer m.wg.Done()
				m.compactFeed(fctx, ms, fm)
			}()
		}
	}

	ref, err := seed.Reference()
	if err != nil {
		return err
	}
	ref.Skills = m.Taxonomy.Names()
	// Import jobs live in the store, so that every node behind a load balancer answers for them.
	importJobs, ok := store.(xiaoqi.ImportJobs)
	if !ok {
		return fmt.Errorf("the store %T keeps no import jobs", store)
	}
	schools, err := seed.InstitutionOtherNames()
	if err != nil {
		return err
	}
	// The matcher places a party without a point of its own at its district's or city's
	// centre, as search does.
	points, err := seed.CityPoints()
	if err != nil {
		return err
	}
	apiCfg := api.Config{
		Store: store, ImportJobs: importJobs, Index: m.Index, Logger: m.Logger, Ready: m.Follower.Ready, NotReady: m.Follower.Err,
		Notify: m.Follower.Notify, MaxBodyBytes: m.Config.MaxBodyBytes, Version: version,
		MaxUploadBytes: m.Config.MaxUploadBytes, ImportSkills: ingest.TaxonomySkills(m.Taxonomy), ImportInstitutionNames: schools,
		Reference: ref, Matcher: match.New(store, m.Taxonomy).WithMajorNames(ref.Majors).WithPlaces(points), UI: web.Handler(), Collectors: collectors,
	}
	if err := m.apiSecurity(&apiCfg); err != nil {
		return err
	}
	m.warnNoAdmin(ctx, apiCfg.Accounts)
	srv := api.New(apiCfg)
	m.api = srv
	m.server = &http.Server{
		Handler:           m.Config.withCORS(srv.Handler()),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		// net/http's own errors (TLS handshakes, panics) go to the structured log too.
		ErrorLog: slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn),
	}
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if err := m.server.Serve(m.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Logger.Error("http server stopped", "err", err)
		}
	}()
	m.Logger.Info("xiaoqi started", "addr", m.ln.Addr().String(), "store", m.describeStore(),
		"index_seq", m.Index.Seq(), "elapsed_ms", time.Since(start).Milliseconds())
	return nil
}

// URL returns the base URL of the running HTTP server.
func (m *Main) URL() string {
	if m.ln == nil {
		return ""
	}
	addr := m.ln.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "localhost"
	}
	return fmt.Sprintf("%s://%s", m.Config.scheme(), net.JoinHostPort(host, fmt.Sprint(addr.Port)))
}

func (m *Main) describeStore() string {
	if m.Config.MongoURI != "" {
		return "MongoDB"
	}
	return filepath.Join(m.Config.DataDir, storeFile)
}

// compactAfter is the number of changes an index must take in to catch up at start-up (a
// first start on a large store, a lost index directory) for serve to compact it afterwards.
const compactAfter = 50_000

// compactAfterCatchUp merges the index into one segment once it has caught up, when that
// took many changes: built batch by batch, it is left in many segments, and queries for rare
// words pay for each (at 1M documents, p50 2.1 ms in 18 segments, 1.3 ms in one). It runs
// beside the service (the index is ready and serving meanwhile) and is not waited for on
// shutdown: closing the index stops it.
func (m *Main) compactAfterCatchUp(ctx context.Context, startSeq uint64) {
	if err := m.Follower.WaitReady(ctx); err != nil {
		return
	}
	applied := m.Index.Seq() - startSeq
	if applied < compactAfter {
		// Not for an index that is merely in several segments: writes always leave some,
		// bleve's merges keep them few, and merging a large index whole costs a minute of
		// CPU and its size again in mapped memory. (A first start stopped while compacting
		// leaves it uncompacted: `xiaoqi reindex` builds a compacted one.)
		return
	}
	start := time.Now()
	err := m.Index.Compact(ctx)
	switch {
	case ctx.Err() != nil:
	case err != nil:
		m.Logger.Warn("search index not compacted", "err", err)
	default:
		m.Logger.Info("search index compacted into one segment", "changes_applied", applied,
			"elapsed_ms", time.Since(start).Milliseconds())
	}
}

// compactFeed compacts MongoDB's change feed every quarter of the compaction age, at a random
// moment of each quarter so that the nodes of one database take turns. Nodes compacting at
// once are safe, only wasteful.
func (m *Main) compactFeed(ctx context.Context, s *mongodb.Store, fm *feedMetrics) {
	age := m.Config.FeedCompactAge
	every := age / 4
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(every/2 + rand.N(every)):
		}
		start := time.Now()
		res, err := s.CompactFeed(ctx, age)
		if ctx.Err() != nil {
			return
		}
		fm.removed.Add(float64(res.Removed)) // a compaction that failed may have removed some
		if err != nil {
			fm.runs.WithLabelValues("error").Inc()
			m.Logger.Warn("change feed not compacted", "err", err, "removed", res.Removed)
			continue
		}
		fm.runs.WithLabelValues("ok").Inc()
		if res.Through > 0 {
			fm.through.Set(float64(res.Through))
		}
		if res.Repaired > 0 {
			// A write that landed after its change was fenced, which the indexes missed until now.
			m.Logger.Warn("change feed repaired: fenced writes that landed were logged again", "repaired", res.Repaired,
				"through_seq", res.Through)
		}
		if res.Removed > 0 {
			m.Logger.Info("change feed compacted", "through_seq", res.Through, "read", res.Read,
				"removed", res.Removed, "repaired", res.Repaired, "elapsed_ms", time.Since(start).Milliseconds())
		}
	}
}

// Waits between attempts to open a change stream after one failed: from the first to the
// last, doubling.
const (
	streamRetryFirst = time.Second
	streamRetryMax   = time.Minute
)

// wakeOnSettle wakes the follower as changes settle in MongoDB's change feed, through a
// change stream where the server has them (a replica set or a sharded cluster), so that a
// change written through another node is read at once rather than at the next poll. Where it
// has none (a standalone server, FerretDB) it logs so once and returns: the follower polls.
// A stream that fails is opened again, after a wait that doubles while it keeps failing;
// meanwhile the poll goes on.
func (m *Main) wakeOnSettle(ctx context.Context, s *mongodb.Store, fm *feedMetrics) {
	wait := streamRetryFirst
	for {
		opened := false
		err := s.WatchSettled(ctx, func() {
			if !opened {
				opened = true
				fm.stream.Set(1)
				m.Logger.Info("change stream open: the index follower is woken as changes settle",
					"poll_interval", m.Config.PollInterval.String())
			}
			m.Follower.Notify()
		})
		fm.stream.Set(0)
		switch {
		case ctx.Err() != nil:
			return
		case errors.Is(err, mongodb.ErrNoChangeStreams):
			m.Logger.Info("no change streams on this MongoDB server: the index follower polls only",
				"poll_interval", m.Config.PollInterval.String(), "reason", err)
			return
		}
		if opened {
			wait = streamRetryFirst
		}
		m.Logger.Warn("change stream failed: the index follower polls until it is open again", "err", err,
			"retry_in", wait.String())
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, streamRetryMax)
	}
}

// feedMetrics are what /metrics tells of how this node follows MongoDB's change feed and of
// its compactions of it.
type feedMetrics struct {
	runs    *prometheus.CounterVec
	removed prometheus.Counter
	through prometheus.Gauge
	stream  prometheus.Gauge
}

func newFeedMetrics() *feedMetrics {
	return &feedMetrics{
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "xiaoqi_feed_compactions_total",
			Help: "Compactions of MongoDB's change feed this node ran, by result (ok, error). 本节点压缩 MongoDB 变更流的次数（按结果）。",
		}, []string{"result"}),
		removed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "xiaoqi_feed_changes_removed_total",
			Help: "Changes this node removed from the change feed as void or superseded by a later change of the same document. 本节点从变更流中删除的无效或已被取代的变更数。",
		}),
		through: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "xiaoqi_feed_compacted_seq",
			Help: "Sequence through which this node last compacted the change feed. 本节点最近一次压缩变更流所到的序号。",
		}),
		stream: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "xiaoqi_feed_change_stream_open",
			Help: "1 while a MongoDB change stream wakes this node's index follower as changes settle, else 0 (it polls only). 1 表示 MongoDB 变更流正在唤醒本节点的索引跟随器，0 表示仅轮询。",
		}),
	}
}

func (fm *feedMetrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{fm.runs, fm.removed, fm.through, fm.stream}
}

// storeFile is the embedded store's file inside the data directory.
const storeFile = "xiaoqi.db"

// openStore opens MongoDB when configured, else the embedded store under the data directory.
func openStore(ctx context.Context, cfg Config, logger *slog.Logger) (xiaoqi.Store, error) {
	if cfg.MongoURI != "" {
		// The connect timeout bounds connecting; Open bounds the indexes it creates by a
		// timeout of its own, since a new index of a large collection takes minutes.
		opts := []mongodb.Option{mongodb.WithConnectTimeout(cfg.MongoTimeout)}
		if cfg.MongoDatabase != "" {
			opts = append(opts, mongodb.WithDatabase(cfg.MongoDatabase))
		}
		s, err := mongodb.Open(ctx, cfg.MongoURI, opts...)
		if err != nil {
			return nil, err
		}
		logMoved(logger, s.MovedCandidates())
		return s, nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	s, err := bolt.Open(filepath.Join(cfg.DataDir, storeFile))
	if err != nil {
		return nil, err
	}
	logMoved(logger, s.MovedCandidates())
	return s, nil
}

// logMoved says how many candidates the store gave random ids when it opened, in place of the
// ids computable from their student numbers that an older build gave them.
func logMoved(logger *slog.Logger, n int) {
	if n > 0 {
		logger.Info("gave candidates stored by an older build random ids in place of ids computable from their student numbers",
			"candidates", n)
	}
}

// seedIfEmpty loads the default data set into a store that has never been written to.
func seedIfEmpty(ctx context.Context, store xiaoqi.Store, tax *skill.Taxonomy, logger *slog.Logger) error {
	seq, err := store.LastSeq(ctx)
	if err != nil {
		return fmt.Errorf("read store: %w", err)
	}
	if seq > 0 {
		return nil
	}
	start := time.Now()
	// In one batch, which the embedded store writes in one transaction: a first start stopped
	// while seeding (a container killed while it starts) left part of the data set, 140
	// schools and nothing else, and the next start, finding the store not empty, kept it so.
	// Now it leaves nothing, and the next start seeds again. (MongoDB writes a batch in
	// parts: `xiaoqi seed` completes an interrupted seed there.)
	n, err := seed.Apply(ctx, store, tax, math.MaxInt32, true) // an empty store: nothing to keep, no lookups
	if err != nil {
		return err
	}
	logger.Info("loaded the default data set", "documents", n, "elapsed_ms", time.Since(start).Milliseconds())
	return nil
}

// searchOptions loads what the search index needs once per process: the word segmenter
// (seconds and about 130 MB), the institution abbreviations and English names, the cities'
// centres and the majors' English names.
func searchOptions(tax *skill.Taxonomy, logger *slog.Logger) (search.Options, error) {
	sd, err := seed.LoadSearchData()
	if err != nil {
		return search.Options{}, err
	}
	start := time.Now()
	seg, err := search.NewSegmenter(tax, search.DomainWords(sd.Aliases)...)
	if err != nil {
		return search.Options{}, err
	}
	logger.Info("word segmenter loaded", "elapsed_ms", time.Since(start).Milliseconds())
	return search.Options{Taxonomy: tax, Segmenter: seg, Aliases: sd.Aliases, Cities: sd.Cities, Majors: sd.Majors, EnglishNames: sd.EnglishNames}, nil
}
