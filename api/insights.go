package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// gaps answers GET /api/v1/insights/gaps?region=&city=&sector=&limit=.
func (s *Server) gaps(c *gin.Context) {
	sc, limit, err := matchParams(c, maxGapLimit, "region", "city", "sector")
	if err != nil {
		s.writeError(c, err)
		return
	}
	if !s.available(c) {
		return
	}
	g, err := s.matcher.Gaps(c.Request.Context(), sc, limit)
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.writeJSON(c, http.StatusOK, g)
}

// startup answers GET /api/v1/insights/startup?sector=&city=&region=: the returnee dossier.
func (s *Server) startup(c *gin.Context) {
	sc, _, err := matchParams(c, 1, "region", "city", "sector")
	if err != nil {
		s.writeError(c, err)
		return
	}
	if !s.available(c) {
		return
	}
	d, err := s.matcher.Startup(c.Request.Context(), sc)
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.writeJSON(c, http.StatusOK, d)
}
