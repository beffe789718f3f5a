package api

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/xiaoqi-dev/xiaoqi"
)

// The store's figures on /metrics are read by a read of their own, not within the scrape's
// time: on FerretDB the change feed's last seq took longer than the 2 s a scrape gave it, every
// scrape failed, and the gauges kept the 0 they started with, so a lag alert read healthy while
// the store had never been read.
const (
	// storeStatsTimeout bounds one read of the store's figures.
	storeStatsTimeout = 30 * time.Second
	// storeStatsWait is how long a scrape waits for the read it starts, well within
	// Prometheus's default scrape timeout (10 s); a longer read goes on, and its figures
	// serve the next scrape.
	storeStatsWait = 5 * time.Second
)

// storeStats reads the store's figures for /metrics, one read at a time, and exports them as
// Prometheus would have them of an exporter: the figures of the last read when it succeeded,
// none when it failed or none has ended yet (never a 0 that was not read), beside
// xiaoqi_metrics_store_up and the time of the last read that succeeded.
type storeStats struct {
	store   xiaoqi.Store
	seq     func() (uint64, bool) // the index's seq; false without an index
	logger  *slog.Logger
	errors  prometheus.Counter
	descs   map[string]*prometheus.Desc
	mu      sync.Mutex
	reading chan struct{} // closed when the read in flight ends; nil when none is
	ended   bool          // a read has ended
	up      bool          // the last read that ended succeeded
	okAt    time.Time     // when the last successful read ended
	lastSeq uint64
	docs    map[xiaoqi.Kind]int64
}

func newStoreStats(store xiaoqi.Store, seq func() (uint64, bool), logger *slog.Logger) *storeStats {
	desc := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc(name, help, labels, nil)
	}
	return &storeStats{store: store, seq: seq, logger: logger,
		errors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "xiaoqi_metrics_store_errors_total",
			Help: "Reads of the store's figures for /metrics that failed (or took longer than 30 s). 读取存储指标失败的次数。",
		}),
		descs: map[string]*prometheus.Desc{
			"up": desc("xiaoqi_metrics_store_up",
				"1 when the last read of the store's figures succeeded, 0 when it failed or none has ended yet; the store gauges are absent then. 最近一次读取存储指标成功为 1，否则为 0（此时不输出存储指标）。"),
			"at": desc("xiaoqi_metrics_store_last_success_timestamp_seconds",
				"When the store's figures were last read successfully (Unix time). 最近一次成功读取存储指标的时间。"),
			"seq": desc("xiaoqi_store_last_seq",
				"Sequence of the newest change in the store's change feed, at the last read of the store. 存储变更流的最新序号。"),
			"lag": desc("xiaoqi_index_lag_changes",
				"Changes the search index is behind the store (store last seq minus index seq). 搜索索引落后存储的变更数。"),
			"docs": desc("xiaoqi_store_documents",
				"Documents in the store by kind, at the last read of the store. 存储中各类文档数。", "kind"),
		}}
}

// refresh starts a read of the store unless one is in flight, and waits for it until
// storeStatsWait or ctx ends.
func (s *storeStats) refresh(ctx context.Context) {
	s.mu.Lock()
	done := s.reading
	if done == nil {
		done = make(chan struct{})
		s.reading = done
		go s.read(done)
	}
	s.mu.Unlock()
	t := time.NewTimer(storeStatsWait)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	case <-ctx.Done():
	}
}

// read reads the store's figures, records them, and closes done.
func (s *storeStats) read(done chan struct{}) {
	ctx, cancel := context.WithTimeout(context.Background(), storeStatsTimeout)
	defer cancel()
	start := time.Now()
	last, docs, err := s.readStore(ctx)
	s.mu.Lock()
	s.ended, s.up, s.reading = true, err == nil, nil
	if err == nil {
		s.okAt, s.lastSeq, s.docs = time.Now(), last, docs
	}
	s.mu.Unlock()
	close(done)
	if err != nil {
		s.errors.Inc()
		s.logger.Warn("metrics: read store", "error", err.Error(), "elapsed_ms", time.Since(start).Milliseconds())
	}
}

func (s *storeStats) readStore(ctx context.Context) (uint64, map[xiaoqi.Kind]int64, error) {
	last, err := s.store.LastSeq(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("last seq: %w", err)
	}
	docs := map[xiaoqi.Kind]int64{}
	for _, k := range xiaoqi.Kinds {
		n, err := s.store.Count(ctx, k, nil) // unfiltered counts are kept by the stores
		if err != nil {
			return 0, nil, fmt.Errorf("count %s: %w", k, err)
		}
		docs[k] = n
	}
	return last, docs, nil
}

// Describe and Collect make storeStats a prometheus.Collector.
func (s *storeStats) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range s.descs {
		ch <- d
	}
	s.errors.Describe(ch)
}

func (s *storeStats) Collect(ch chan<- prometheus.Metric) {
	s.errors.Collect(ch)
	s.mu.Lock()
	up, okAt, last, docs := s.ended && s.up, s.okAt, s.lastSeq, s.docs
	s.mu.Unlock()
	gauge := func(name string, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(s.descs[name], prometheus.GaugeValue, v, labels...)
	}
	gauge("up", map[bool]float64{true: 1, false: 0}[up])
	if !okAt.IsZero() {
		gauge("at", float64(okAt.UnixNano())/1e9)
	}
	if !up {
		return
	}
	gauge("seq", float64(last))
	if seq, ok := s.seq(); ok {
		// The index may read its seq after the store moved on, never before; still, never
		// report a negative lag.
		gauge("lag", float64(last-min(seq, last)))
	}
	for _, k := range xiaoqi.Kinds {
		gauge("docs", float64(docs[k]), string(k))
	}
}

// indexSeq is the index's seq for storeStats: false without an index.
func (s *Server) indexSeq() (uint64, bool) {
	if s.index == nil {
		return 0, false
	}
	return s.index.Seq(), true
}
