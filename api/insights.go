package api

import (
	"context"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// gaps answers GET /api/v1/insights/gaps?region=&city=&sector=&real_only=&limit=.
func (s *Server) gaps(c *gin.Context) {
	s.scoped(c, maxGapLimit, func(m Matcher, ctx context.Context, sc xiaoqi.Scope, limit int) (any, error) {
		return m.Gaps(ctx, sc, limit)
	}, "real_only")
}

// startup answers GET /api/v1/insights/startup?sector=&city=&region=&real_only=: the
// returnee dossier (one report: no limit).
func (s *Server) startup(c *gin.Context) {
	s.scoped(c, 0, func(m Matcher, ctx context.Context, sc xiaoqi.Scope, _ int) (any, error) {
		return m.Startup(ctx, sc)
	}, "real_only")
}
