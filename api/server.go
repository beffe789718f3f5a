// Package api serves xiaoqi's REST + JSON interface under /api/v1 with gin. It owns the routes,
// the middleware (security headers, metrics, access log, panic recovery, authentication and
// rate limits: auth.go), who may do what (requireRole, mayWrite; the authorization matrix test
// checks every route for every role), the candidates' personal data (personal.go: views,
// audited contact release, export, erasure), accounts (accounts.go), strict JSON decoding,
// the one table from xiaoqi error codes to HTTP statuses, the OpenAPI document (openapi.json)
// and the Prometheus metrics (metrics.go). It talks to storage and search only through the
// xiaoqi.Store, xiaoqi.Accounts and xiaoqi.Index interfaces.
package api

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// Body and batch limits.
const (
	DefaultMaxBodyBytes   = 1 << 20  // one document
	DefaultMaxBatchBytes  = 10 << 20 // one batch
	MaxBatchDocs          = 1000
	DefaultRefreshTimeout = 5 * time.Second
)

// Config holds what the server needs. Store is required; everything else has a default.
type Config struct {
	// Store is the system of record.
	Store xiaoqi.Store
	// Index answers /api/v1/search and ?refresh=wait_for. Nil makes search answer 503.
	Index xiaoqi.Index
	// Logger receives the access log and the causes of internal errors. Nil discards.
	Logger *slog.Logger
	// Ready reports whether the service is ready for traffic (/readyz). Nil means always ready.
	Ready func() bool
	// NotReady says why the service is not ready although it started (the index cannot write,
	// or is ahead of the store): /readyz shows it. Nil, or a nil error: starting.
	NotReady func() error
	// Notify is called after every successful write so that the index follower wakes up.
	Notify func()
	// MaxBodyBytes caps the body of a one-document write (default 1 MiB).
	MaxBodyBytes int64
	// MaxBatchBytes caps the body of a batch write (default 10 MiB).
	MaxBatchBytes int64
	// RefreshTimeout bounds the wait of ?refresh=wait_for (default 5 s).
	RefreshTimeout time.Duration
	// Version is reported by /healthz.
	Version string
	// MaxUploadBytes caps a file uploaded to /api/v1/imports (default 100 MB).
	MaxUploadBytes int64
	// ImportLimits bound what one imported file may make the server unpack or hold.
	ImportLimits ingest.Limits
	// ImportDir holds uploads and import reports while they are needed (default: the system's
	// temporary directory).
	ImportDir string
	// MaxImportJobs is how many import jobs the store keeps (default 100), of every node;
	// older finished ones are forgotten as new ones start.
	MaxImportJobs int
	// ImportJobs keeps the import jobs, so that every node lists and shows every job. Nil
	// takes Store, or else Accounts, when it implements xiaoqi.ImportJobs (bolt and mongodb
	// do), else keeps them in memory (one node only).
	ImportJobs xiaoqi.ImportJobs
	// ImportSaveInterval is how often a running import writes its progress to the store (and
	// that its node is alive: xiaoqi.ImportStaleAfter); default 2 s.
	ImportSaveInterval time.Duration
	// ImportIndexWait bounds how long an import whose rows are written waits for Index to
	// apply them before it reports done (default DefaultImportIndexWait); past it the job is
	// done with searchable false.
	ImportIndexWait time.Duration
	// NodeName names this node in its import jobs: the node that has a job's report file
	// (default: the host name).
	NodeName string
	// ImportSkills extracts skills from imported tags and descriptions (the skill taxonomy);
	// nil takes tags as they are. Job needs and candidates written through the API get their
	// skills from it too (skills.go).
	ImportSkills ingest.Skills
	// ImportInstitutionNames maps other names of institutions (西电, Xidian University) to
	// their full names, for imported programs and candidates (ingest.Options.InstitutionNames;
	// cmd/xiaoqi fills it from seed.InstitutionOtherNames); may be nil.
	ImportInstitutionNames map[string][]string
	// Reference is the read-only reference data of /api/v1/majors and /api/v1/divisions
	// (cmd/xiaoqi fills it from the seed package); nil makes those answer 503.
	Reference *xiaoqi.Reference
	// Matcher answers the partner, candidate, allocation and insight endpoints; nil makes
	// them answer 503.
	Matcher Matcher
	// Auth authenticates API keys and sessions (*auth.Service); Accounts keeps users, keys,
	// sessions and the audit log. Without them nobody can sign in: public reads work, every
	// write answers 401.
	Auth     Auth
	Accounts xiaoqi.Accounts
	// RateLimits bound requests per API key, per session user and per client address.
	RateLimits RateLimits
	// MaxAllocations is how many allocations (/api/v1/match/allocate) run at once; as many
	// more wait, and further ones are answered 503 with Retry-After (heavy.go). 0 takes
	// DefaultMaxAllocations, a negative number bounds nothing (load tests).
	MaxAllocations int
	// UI serves the web interface (package web) at "/" and "/assets/…" with its own
	// Content-Security-Policy (ui.go); nil serves no UI.
	UI http.Handler
	// TrustedProxies lists the addresses (CIDR or IP) of reverse proxies whose
	// X-Forwarded-For names the client; none by default, so the client is the peer address.
	TrustedProxies []string
	// SecureCookies marks the session cookie Secure (HTTPS only) even on plain HTTP: set it when
	// a proxy in front terminates TLS. (Under the server's own TLS the cookie is Secure anyway.)
	SecureCookies bool
	// Collectors are exported on /metrics besides the server's own (cmd/xiaoqi adds those of
	// the change feed's compaction on MongoDB).
	Collectors []prometheus.Collector
}

// Server is the HTTP interface of xiaoqi.
type Server struct {
	store          xiaoqi.Store
	index          xiaoqi.Index
	logger         *slog.Logger
	ready          func() bool
	notReady       func() error
	notify         func()
	maxBody        int64
	maxBatch       int64
	refreshTimeout time.Duration
	version        string
	maxUpload      int64
	imports        *importJobs
	skills         ingest.Skills // nil: skills are stored as written
	reference      *xiaoqi.Reference
	matcher        Matcher
	auth           Auth
	accounts       xiaoqi.Accounts
	limits         limiters
	allocations    *heavy
	secureCookies  bool
	engine         *gin.Engine
	metrics        *metrics
	// partnerMu serialises the partnership workflow's read-modify-writes (partnerships.go).
	partnerMu sync.Mutex
	// jobLocks holds a *sync.Mutex per enterprise that serialises the duplicate check of its
	// job needs with their write (jobs.go): two requests of one double click both passed the
	// check before either was stored.
	jobLocks sync.Map
}

// New returns a server for cfg. It panics if cfg.Store is nil, a programming error.
func New(cfg Config) *Server {
	if cfg.Store == nil {
		panic("api: Config.Store is nil")
	}
	s := &Server{
		store: cfg.Store, index: cfg.Index, logger: cfg.Logger, ready: cfg.Ready, notReady: cfg.NotReady, notify: cfg.Notify,
		maxBody: cfg.MaxBodyBytes, maxBatch: cfg.MaxBatchBytes, refreshTimeout: cfg.RefreshTimeout,
		version: cfg.Version, reference: cfg.Reference, matcher: cfg.Matcher,
		auth: cfg.Auth, accounts: cfg.Accounts, limits: newLimiters(cfg.RateLimits), allocations: newHeavy(cfg.MaxAllocations), secureCookies: cfg.SecureCookies,
		skills: cfg.ImportSkills,
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBodyBytes
	}
	if s.maxBatch <= 0 {
		s.maxBatch = DefaultMaxBatchBytes
	}
	if s.refreshTimeout <= 0 {
		s.refreshTimeout = DefaultRefreshTimeout
	}
	if s.maxUpload = cfg.MaxUploadBytes; s.maxUpload <= 0 {
		s.maxUpload = DefaultMaxUploadBytes
	}
	s.imports = newImportJobs(cfg, s.logger)
	s.metrics = newMetrics(s.logger, newStoreStats(s.store, s.indexSeq, s.logger), cfg.Collectors...)

	// gin keeps its mode in a package variable; debug mode prints every route to stdout.
	// Leave test mode (GIN_MODE=test) alone.
	if gin.IsDebugging() {
		gin.SetMode(gin.ReleaseMode)
	}
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	if err := e.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		panic("api: Config.TrustedProxies: " + err.Error())
	}
	e.Use(s.securityHeaders, s.metrics.instrument, s.accessLog, s.recovery, s.authenticate)
	e.NoRoute(s.noRoute)
	e.NoMethod(s.noMethod)

	getHead(e, "/healthz", s.healthz)
	getHead(e, "/readyz", s.readyz)
	admin := s.requireRole(xiaoqi.RoleAdmin)
	getHead(e, "/metrics", admin, s.serveMetrics)
	v1 := e.Group("/api/v1")
	getHead(v1, "/openapi.json", s.openAPI)
	getHead(v1, "/search", s.search)
	getHead(v1, "/suggest", s.suggest)
	v1.POST("/imports", admin, s.noQuery, s.createImport) // the options are form fields: ?dry_run=true was ignored
	getHead(v1, "/imports", admin, s.listImports)
	getHead(v1, "/imports/:id", admin, s.getImport)
	getHead(v1, "/imports/:id/report.csv", admin, s.importReport)
	v1.DELETE("/imports/:id", admin, s.deleteImport)
	s.accountRoutes(v1)
	s.personalRoutes(v1)
	s.matchRoutes(v1)
	getHead(v1, "/majors", s.listMajors)
	getHead(v1, "/majors/:code", s.getMajor)
	getHead(v1, "/divisions", s.listDivisions)
	getHead(v1, "/skills", s.listSkills)
	s.partnershipRoutes(v1)
	// Writes answer the public 401 before reading a byte of the body.
	signedIn := s.requireRole(xiaoqi.Roles...)
	for _, k := range xiaoqi.Kinds {
		if k == xiaoqi.KindPartnership {
			continue // the workflow owns its writes (partnerships.go)
		}
		g := v1.Group("/" + resource(k))
		getHead(g, "", s.list(k))
		g.POST("", signedIn, s.create(k))
		g.POST("/batch", signedIn, s.batch(k))
		getHead(g, "/:id", s.get(k))
		g.PUT("/:id", signedIn, s.put(k))
		if k == xiaoqi.KindCandidate {
			g.DELETE("/:id", signedIn, s.eraseCandidate) // erasure (personal.go)
		} else {
			g.DELETE("/:id", signedIn, s.delete(k))
		}
	}
	if cfg.UI != nil {
		s.uiRoutes(e, cfg.UI)
	}
	s.engine = e
	return s
}

// getHead registers the handlers of a GET route for HEAD as well: a server must answer HEAD
// wherever it answers GET (RFC 9110 §9.1), and monitors, link checkers and `curl -I` ask so
// (every GET of /api/v1 answered them 405). net/http sends the headers and drops the body.
func getHead(r gin.IRoutes, path string, h ...gin.HandlerFunc) {
	r.GET(path, h...)
	r.HEAD(path, h...)
}

// Handler returns the server's http.Handler; the caller owns the listener and shutdown.
func (s *Server) Handler() http.Handler { return s.engine }

// resource is the plural used in URLs: /api/v1/jobs, /api/v1/policies.
func resource(k xiaoqi.Kind) string {
	if k == xiaoqi.KindPolicy {
		return "policies"
	}
	return string(k) + "s"
}

// parseKind accepts a kind's singular or plural name, in any case, or its Chinese name as the
// UI shows it (院校, 岗位, 候选人). (xiaoqi.ParseKind rejects "policies".)
func parseKind(s string) (xiaoqi.Kind, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range xiaoqi.Kinds {
		if s == string(k) || s == resource(k) || s == xiaoqi.KindName(k) {
			return k, true
		}
	}
	// The names of the search's tabs (岗位, 政策) where KindName is longer.
	switch s {
	case "岗位", "职位":
		return xiaoqi.KindJob, true
	case "政策":
		return xiaoqi.KindPolicy, true
	}
	return "", false
}

// Keys of values that handlers leave in the gin context for the middleware.
const (
	keyRequestID = "xiaoqi.request_id"
	keyDocID     = "xiaoqi.doc_id"
)

func (s *Server) securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	// Responses may carry candidate data; no shared cache should keep them.
	h.Set("Cache-Control", "no-store")
	id := newRequestID()
	h.Set("X-Request-ID", id)
	c.Set(keyRequestID, id)
	c.Next()
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// accessLog writes one line per request. It never logs the query string or the body, and logs
// the route template instead of the raw path, with the document id only once it passed
// xiaoqi.CheckID: anything else in a URL may be personal data typed by a user. It names the
// caller by user id, role and key id.
func (s *Server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	path := c.FullPath()
	if path == "" {
		path = "(unmatched)"
	} else if id := c.GetString(keyDocID); id != "" {
		path = strings.Replace(path, ":id", id, 1)
	}
	attrs := []slog.Attr{
		slog.String("method", c.Request.Method),
		slog.String("path", path),
		slog.Int("status", c.Writer.Status()),
		slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000), // as the other logs time things
		slog.Int("bytes", max(c.Writer.Size(), 0)),
		slog.String("request_id", c.GetString(keyRequestID)),
	}
	// Who acted: the random user id and the key's public id, never a name or a secret.
	if p := who(c); p.user != nil {
		attrs = append(attrs, slog.String("user_id", p.user.ID), slog.String("role", string(p.user.Role)))
		if p.keyID != "" {
			attrs = append(attrs, slog.String("key_id", p.keyID))
		}
	}
	s.logger.LogAttrs(c.Request.Context(), slog.LevelInfo, "http request", attrs...)
}

// recovery turns a panic into a logged internal error.
func (s *Server) recovery(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
			panic(v) // net/http's way to abort a response silently
		}
		s.logger.LogAttrs(c.Request.Context(), slog.LevelError, "panic",
			slog.String("panic", fmt.Sprint(v)),
			slog.String("stack", string(debug.Stack())),
			slog.String("request_id", c.GetString(keyRequestID)),
		)
		if !c.Writer.Written() {
			s.writeError(c, &xiaoqi.Error{Code: xiaoqi.EINTERNAL, Message: xiaoqi.InternalMessage})
		}
		c.Abort()
	}()
	c.Next()
}

func (s *Server) noRoute(c *gin.Context) {
	s.writeError(c, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "没有 %[1]q 这个地址 / not found: no such resource %[1]q", truncate(c.Request.URL.EscapedPath(), 200)))
}

func (s *Server) noMethod(c *gin.Context) {
	s.writeError(c, xiaoqi.Errorf(eMethodNotAllowed, "不允许方法 %[1]s（可用：%[2]s） / method %[1]s not allowed (allowed: %[2]s)",
		c.Request.Method, c.Writer.Header().Get("Allow")))
}
