package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// healthz answers GET /healthz: the process is up.
func (s *Server) healthz(c *gin.Context) {
	s.writeJSON(c, http.StatusOK, readiness{Status: "ok", Version: s.version})
}

// readiness is the answer of GET /healthz and GET /readyz.
type readiness struct {
	Status string `json:"status"`
	// Seq is the sequence of the last change the index applied.
	Seq     *uint64 `json:"seq,omitempty"`
	Version string  `json:"version,omitempty"`
	// Reason says why a service that started is not ready (Config.NotReady).
	Reason string `json:"reason,omitempty"`
}

// readyz answers GET /readyz: 200 once Config.Ready says so, 503 while starting (the index is
// catching up with the store), and 503 with the reason, status "unavailable", while
// Config.NotReady gives one (the index cannot write, or is ahead of the store).
func (s *Server) readyz(c *gin.Context) {
	r := readiness{Status: "ready", Version: s.version}
	if s.index != nil {
		seq := s.index.Seq()
		r.Seq = &seq
	}
	status := http.StatusOK
	if s.ready != nil && !s.ready() {
		r.Status, status = "starting", http.StatusServiceUnavailable
		if s.notReady != nil {
			if err := s.notReady(); err != nil {
				r.Status, r.Reason = "unavailable", err.Error()
			}
		}
	}
	s.writeJSON(c, status, r)
}
