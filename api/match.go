package api

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Matcher suggests partnerships and ranks candidates and jobs (package match implements it).
type Matcher interface {
	// The rankings of one party read only scope.RealOnly: counterparts of real data only.
	EnterprisePartners(ctx context.Context, id string, scope xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error)
	InstitutionPartners(ctx context.Context, id string, scope xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error)
	JobCandidates(ctx context.Context, id string, scope xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error)
	CandidateJobs(ctx context.Context, id string, scope xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error)
	// JobsFor is CandidateJobs for a profile as given, private ones too: for the candidate
	// themself.
	JobsFor(ctx context.Context, c *xiaoqi.Candidate, scope xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error)
	Allocate(ctx context.Context, scope xiaoqi.Scope, limit int) (*xiaoqi.Allocation, error)
	Gaps(ctx context.Context, scope xiaoqi.Scope, limit int) (*xiaoqi.GapReport, error)
	Startup(ctx context.Context, scope xiaoqi.Scope) (*xiaoqi.Dossier, error)
}

// Bounds of the matching endpoints.
const (
	maxMatchLimit      = 100
	maxAssignmentLimit = 10000
	maxGapLimit        = 50
)

// matchParams parses the allowed parameters of a matching request: limit (1..maxLimit) and
// the scope fields named in allowed.
func matchParams(c *gin.Context, maxLimit int, allowed ...string) (xiaoqi.Scope, int, error) {
	var sc xiaoqi.Scope
	limit := 0
	err := eachParam(c, func(name, v string) (err error) {
		if name == "limit" && maxLimit == 0 || name != "limit" && !slices.Contains(allowed, name) {
			known := allowed
			if maxLimit > 0 {
				known = append([]string{"limit"}, allowed...)
			}
			return invalid(name, "未知参数（可用：%[1]s） / unknown parameter (allowed: %[1]s)", strings.Join(known, ", "))
		}
		// A sector's English name is longer than a city's (Industrial and engineering R&D
		// design, as the document's enum lists it, was refused as too long).
		if maxLen := cmp.Or(map[string]int{"sector": xiaoqi.MaxShortText}[name], maxCityLength); !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxLen {
			return invalid(name, "参数无效：超过 %[1]d 个字或不是有效的 UTF-8 / is longer than %[1]d characters or not UTF-8", maxLen)
		}
		switch name {
		case "limit":
			limit, err = intParam(name, v, 0, maxLimit)
		case "region":
			r, ok := xiaoqi.RegionNamed(v) // Guanzhong as 关中
			if v != "" && !ok {
				return invalid(name, "区域须为 关中、陕南 或 陕北，不是 %[1]q / must be 关中 (Guanzhong), 陕南 (Shaannan) or 陕北 (Shaanbei), not %[1]q", v)
			}
			sc.Region = r
		case "city":
			sc.City = xiaoqi.NormalizeCity(v)
		case "sector":
			s, ok := xiaoqi.SectorOf(v)
			if v != "" && !ok {
				return invalid(name, "未知领域 %[1]q，可选：%[2]s / unknown sector %[1]q, one of: %[3]s", v,
					xiaoqi.SectorChoices(true), xiaoqi.SectorChoices(false))
			}
			sc.Sector = s
		case "real_only":
			if v != "" {
				b, perr := strconv.ParseBool(v)
				if perr != nil {
					return invalid(name, "须为 true 或 false，不能是 %[1]q / must be true or false, not %[1]q", v)
				}
				sc.RealOnly = b
			}
		}
		return err
	})
	if err != nil {
		return xiaoqi.Scope{}, 0, err
	}
	return sc, limit, nil
}

// available answers 503 when no matcher is configured; ok is false then.
func (s *Server) available(c *gin.Context) bool {
	if s.matcher == nil {
		s.writeError(c, xiaoqi.Errorf(xiaoqi.EUNAVAILABLE, "匹配暂不可用 / matching is unavailable"))
		return false
	}
	return true
}

// ranking answers GET /api/v1/{kind}/{id}/partners, /jobs/{id}/candidates and
// /candidates/{id}/jobs: rank gives the list for the party id.
func (s *Server) ranking(k xiaoqi.Kind, rank func(c *gin.Context, id string, sc xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := s.pathID(c, k)
		if err != nil {
			s.writeError(c, err)
			return
		}
		sc, limit, err := matchParams(c, maxMatchLimit, "real_only")
		if err != nil {
			s.writeError(c, err)
			return
		}
		if !s.available(c) {
			return
		}
		l, err := rank(c, id, sc, limit)
		if err != nil {
			s.writeError(c, err)
			return
		}
		s.writeJSON(c, http.StatusOK, publicMatches(l))
	}
}

// ranked is a ranking of the matcher's, as ranking calls it.
func (s *Server) ranked(rank func(Matcher, context.Context, string, xiaoqi.Scope, int) (*xiaoqi.MatchList, error)) func(*gin.Context, string, xiaoqi.Scope, int) (*xiaoqi.MatchList, error) {
	return func(c *gin.Context, id string, sc xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error) {
		return rank(s.matcher, c.Request.Context(), id, sc, limit)
	}
}

// candidateJobs ranks the job needs suggested to a candidate (GET
// /api/v1/candidates/{id}/jobs). Anyone may ask for those of a profile that is not private
// (CandidateJobs, from the matcher's model, which holds no private profile). The candidate
// themself, and an administrator, get them from the profile as stored: also while it is
// private, and with the edit they just saved.
func (s *Server) candidateJobs(c *gin.Context, id string, sc xiaoqi.Scope, limit int) (*xiaoqi.MatchList, error) {
	ctx := c.Request.Context()
	if p := who(c); !self(p, id) && !p.is(xiaoqi.RoleAdmin) {
		return s.matcher.CandidateJobs(ctx, id, sc, limit)
	}
	d, err := s.store.Get(ctx, xiaoqi.KindCandidate, id)
	if err != nil {
		return nil, err
	}
	return s.matcher.JobsFor(ctx, d.(*xiaoqi.Candidate), sc, limit)
}

// matchView is a Match with its candidate anonymised as every candidate output is.
type matchView struct {
	xiaoqi.Match
	Candidate *candidateView `json:"candidate,omitempty"`
}

type matchListView struct {
	xiaoqi.MatchList
	Data []matchView `json:"data"`
}

// publicMatches hides candidates' personal data (privacy.go).
func publicMatches(l *xiaoqi.MatchList) matchListView {
	out := matchListView{MatchList: *l, Data: make([]matchView, 0, len(l.Data))}
	for _, m := range l.Data {
		v := matchView{Match: m}
		if m.Candidate != nil {
			cv := anonymizeCandidate(m.Candidate)
			v.Candidate = &cv
		}
		out.Data = append(out.Data, v)
	}
	return out
}

// allocate answers GET or POST /api/v1/match/allocate?region=&city=&sector=&limit=.
func (s *Server) allocate(c *gin.Context) {
	if err := noBody(c, "region、city、sector、limit 请放在查询字符串中", "region, city, sector and limit go in the query string"); err != nil {
		s.writeError(c, err)
		return
	}
	s.scoped(c, maxAssignmentLimit, func(m Matcher, ctx context.Context, sc xiaoqi.Scope, limit int) (any, error) {
		// The one report that costs seconds (the others, measured at province scale, answer
		// in milliseconds, sixteen at once within one second): bounded (heavy.go).
		key := fmt.Sprintf("%+v|%d", sc, limit)
		v, err := s.allocations.do(ctx, key, func(ctx context.Context) (any, error) { return m.Allocate(ctx, sc, limit) })
		if errors.Is(err, errBusy) {
			return nil, errAllocationsBusy
		}
		return v, err
	})
}

// errAllocationsBusy is answered by scoped as busy (503 with Retry-After).
var errAllocationsBusy = errors.New("api: allocations busy")

// scoped answers a report on a scope (allocate, gaps, startup): it parses region, city,
// sector, limit (1..maxLimit) and the report's own parameters (more), then answers what
// report gives.
func (s *Server) scoped(c *gin.Context, maxLimit int, report func(m Matcher, ctx context.Context, sc xiaoqi.Scope, limit int) (any, error), more ...string) {
	sc, limit, err := matchParams(c, maxLimit, append([]string{"region", "city", "sector"}, more...)...)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if !s.available(c) {
		return
	}
	out, err := report(s.matcher, c.Request.Context(), sc, limit)
	if errors.Is(err, errAllocationsBusy) {
		s.busy(c, "分配计算", "allocations")
		return
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.writeJSON(c, http.StatusOK, out)
}

// matchRoutes adds the matching endpoints.
func (s *Server) matchRoutes(v1 *gin.RouterGroup) {
	getHead(v1, "/enterprises/:id/partners", s.ranking(xiaoqi.KindEnterprise, s.ranked(Matcher.EnterprisePartners)))
	getHead(v1, "/institutions/:id/partners", s.ranking(xiaoqi.KindInstitution, s.ranked(Matcher.InstitutionPartners)))
	getHead(v1, "/jobs/:id/candidates", s.ranking(xiaoqi.KindJob, s.ranked(Matcher.JobCandidates)))
	getHead(v1, "/candidates/:id/jobs", s.ranking(xiaoqi.KindCandidate, s.candidateJobs))
	// Allocation is planning work and costs seconds at province scale: signed-in users only.
	signedIn := s.requireRole(xiaoqi.Roles...)
	getHead(v1, "/match/allocate", signedIn, s.allocate)
	v1.POST("/match/allocate", signedIn, s.allocate)
	getHead(v1, "/insights/gaps", s.gaps)
	getHead(v1, "/insights/startup", s.startup)
}
