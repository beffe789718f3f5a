package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the Prometheus collectors of one Server, in a registry the Server owns (not the
// global default one), so that two servers in one process (tests, or several in a binary)
// never share or collide.
//
// Labels are chosen to stay few and free of personal data: the route is gin's template
// (/api/v1/candidates/:id, never the raw path with an id or a query string), the method is one
// of the standard ones or OTHER, the status is the HTTP status code.
type metrics struct {
	registry *prometheus.Registry
	handler  http.Handler
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
	indexSeq prometheus.Gauge
	store    *storeStats // the store's figures, and the lag of the index behind them
}

// newMetrics creates the collectors and registers them, with the Go runtime and process
// collectors and extra, in a new registry.
func newMetrics(logger *slog.Logger, store *storeStats, extra ...prometheus.Collector) *metrics {
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
		indexSeq: gauge("xiaoqi_index_seq",
			"Sequence of the last change the search index applied. 搜索索引已应用的最新变更序号。"),
		store: store,
	}
	m.registry.MustRegister(m.requests, m.duration, m.inFlight, m.indexSeq, m.store,
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

// serveMetrics answers GET /metrics in the Prometheus text format. The index's seq is the
// node's own and always set (a node restarted while MongoDB was slow showed 0, as if its index
// were empty); the store's figures come from a read that the scrape starts and waits for a
// while (storeStats).
func (s *Server) serveMetrics(c *gin.Context) {
	if s.index != nil {
		s.metrics.indexSeq.Set(float64(s.index.Seq()))
	}
	s.metrics.store.refresh(c.Request.Context())
	s.metrics.handler.ServeHTTP(c.Writer, c.Request)
}

// slogPrinter lets promhttp log its errors through the server's logger.
type slogPrinter struct{ logger *slog.Logger }

func (p slogPrinter) Println(v ...any) {
	p.logger.Error("metrics: " + fmt.Sprint(v...))
}
