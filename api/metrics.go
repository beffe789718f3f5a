package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/xiaoqi-dev/xiaoqi"
)

// storeStatsTimeout bounds the store reads of one scrape of /metrics (last seq and counts).
const storeStatsTimeout = 2 * time.Second

// metrics are the Prometheus collectors of one Server, in a registry the Server owns (not the
// global default one), so that two servers in one process (tests, or several in a binary)
// never share or collide.
//
// Labels are chosen to stay few and free of personal data: the route is gin's template
// (/api/v1/candidates/:id, never the raw path with an id or a query string), the method is one
// of the standard ones or OTHER, the status is the HTTP status code.
type metrics struct {
	registry  *prometheus.Registry
	handler   http.Handler
	requests  *prometheus.CounterVec
	duration  *prometheus.HistogramVec
	inFlight  prometheus.Gauge
	storeSeq  prometheus.Gauge
	indexSeq  prometheus.Gauge
	indexLag  prometheus.Gauge
	documents *prometheus.GaugeVec
	errors    prometheus.Counter
}

// newMetrics creates the collectors and registers them, with the Go runtime and process
// collectors and extra, in a new registry.
func newMetrics(logger *slog.Logger, extra ...prometheus.Collector) *metrics {
	gauge := func(name, help string) prometheus.Gauge {
		return prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help})
	}
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "xiaoqi_http_requests_total",
			Help: "HTTP requests answered, by method, route template and status. 已处理的 HTTP 请求数。",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "xiaoqi_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method, route template and status. HTTP 请求耗时（秒）。",
			Buckets: prometheus.DefBuckets,
		}, []string{"method", "route", "status"}),
		inFlight: gauge("xiaoqi_http_requests_in_flight",
			"HTTP requests being answered now. 正在处理的 HTTP 请求数。"),
		storeSeq: gauge("xiaoqi_store_last_seq",
			"Sequence of the newest change in the store's change feed, read at scrape time. 存储变更流的最新序号。"),
		indexSeq: gauge("xiaoqi_index_seq",
			"Sequence of the last change the search index applied. 搜索索引已应用的最新变更序号。"),
		indexLag: gauge("xiaoqi_index_lag_changes",
			"Changes the search index is behind the store (store last seq minus index seq). 搜索索引落后存储的变更数。"),
		documents: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "xiaoqi_store_documents",
			Help: "Documents in the store by kind, read at scrape time. 存储中各类文档数。",
		}, []string{"kind"}),
		errors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "xiaoqi_metrics_store_errors_total",
			Help: "Scrapes of /metrics whose store reads failed; the store gauges then keep their previous values. 读取存储指标失败的次数。",
		}),
	}
	m.registry.MustRegister(m.requests, m.duration, m.inFlight, m.storeSeq, m.indexSeq, m.indexLag, m.documents, m.errors,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.registry.MustRegister(extra...)
	m.handler = promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{
		ErrorLog:      slogPrinter{logger},
		ErrorHandling: promhttp.ContinueOnError,
		Registry:      m.registry, // counts the handler's own errors
	})
	return m
}

// methodLabel is the method's label value: the standard methods by name, any other as
// OTHER, so that a client cannot create series at will.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return method
	}
	return "OTHER"
}

// instrument is the middleware that counts and times every request. It runs outside the
// panic recovery so that a recovered panic counts as the 500 it became.
func (m *metrics) instrument(c *gin.Context) {
	start := time.Now()
	m.inFlight.Inc()
	defer m.inFlight.Dec()
	c.Next()
	route := c.FullPath() // the template: never ids, query strings or other user input
	if route == "" {
		route = "unmatched"
	}
	method := methodLabel(c.Request.Method)
	status := strconv.Itoa(c.Writer.Status())
	m.requests.WithLabelValues(method, route, status).Inc()
	m.duration.WithLabelValues(method, route, status).Observe(time.Since(start).Seconds())
}

// serveMetrics answers GET /metrics in the Prometheus text format. The store's figures are
// read now, with the request's context, bounded by storeStatsTimeout.
func (s *Server) serveMetrics(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), storeStatsTimeout)
	defer cancel()
	if err := s.observeStore(ctx); err != nil {
		s.metrics.errors.Inc()
		s.logger.LogAttrs(c.Request.Context(), slog.LevelWarn, "metrics: read store",
			slog.String("error", err.Error()), slog.String("request_id", c.GetString(keyRequestID)))
	}
	s.metrics.handler.ServeHTTP(c.Writer, c.Request)
}

// observeStore sets the gauges that come from the store and the index. The index's seq is
// the node's own and is set even when the store cannot be read (a node restarted while
// MongoDB is slow showed 0, as if its index were empty); the store's gauges and the lag then
// keep their previous values.
func (s *Server) observeStore(ctx context.Context) error {
	m := s.metrics
	var seq uint64
	if s.index != nil {
		seq = s.index.Seq()
		m.indexSeq.Set(float64(seq))
	}
	last, err := s.store.LastSeq(ctx)
	if err != nil {
		return fmt.Errorf("last seq: %w", err)
	}
	m.storeSeq.Set(float64(last))
	if s.index != nil {
		// The index may read its seq after the store moved on, never before; still, never
		// report a negative lag.
		m.indexLag.Set(float64(last - min(seq, last)))
	}
	for _, k := range xiaoqi.Kinds {
		n, err := s.store.Count(ctx, k, nil) // unfiltered counts are kept by the stores
		if err != nil {
			return fmt.Errorf("count %s: %w", k, err)
		}
		m.documents.WithLabelValues(string(k)).Set(float64(n))
	}
	return nil
}

// slogPrinter lets promhttp log its errors through the server's logger.
type slogPrinter struct{ logger *slog.Logger }

func (p slogPrinter) Println(v ...any) {
	p.logger.Error("metrics: " + fmt.Sprint(v...))
}
