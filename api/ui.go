package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// uiCSP is the Content-Security-Policy of the web UI's page and assets: scripts, styles,
// images and requests from this origin only, never inline, and no framing.
const uiCSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// uiRoutes mounts the web UI (package web) at "/" and "/assets/…". The UI routes its pages
// by the URL fragment, so these two are all it needs.
func (s *Server) uiRoutes(e *gin.Engine, ui http.Handler) {
	serve := func(c *gin.Context) {
		c.Header("Content-Security-Policy", uiCSP)
		ui.ServeHTTP(c.Writer, c.Request)
	}
	for _, m := range []string{http.MethodGet, http.MethodHead} {
		e.Handle(m, "/", serve)
		e.Handle(m, "/assets/*path", serve)
	}
}
