package api

import (
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Search parameter defaults and limits beyond those of the root package.
const (
	defaultPerPage = 10
	maxCityLength  = 32 // runes
)

// searchPage is the answer of GET /api/v1/search.
type searchPage struct {
	Total   uint64       `json:"total"`
	Page    int          `json:"page"`
	PerPage int          `json:"per_page"`
	TookMS  int64        `json:"took_ms"`
	Hits    []xiaoqi.Hit `json:"hits"`
}

// search answers GET /api/v1/search?q=&type=&city=&page=&per_page=.
func (s *Server) search(c *gin.Context) {
	sq, err := searchQuery(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if s.index == nil {
		s.writeError(c, xiaoqi.Errorf(xiaoqi.EUNAVAILABLE, "搜索暂不可用 / search is unavailable"))
		return
	}
	res, err := s.index.Search(c.Request.Context(), sq)
	if err != nil {
		s.writeError(c, err)
		return
	}
	out := searchPage{Total: res.Total, Page: sq.Page, PerPage: sq.PerPage,
		TookMS: res.Took.Milliseconds(), Hits: res.Hits}
	if out.Hits == nil {
		out.Hits = []xiaoqi.Hit{}
	}
	for i := range out.Hits {
		anonymizeHit(&out.Hits[i])
	}
	s.writeJSON(c, http.StatusOK, out)
}

// searchQuery parses and checks the parameters of a search; errors name the parameter.
func searchQuery(c *gin.Context) (xiaoqi.SearchQuery, error) {
	sq := xiaoqi.SearchQuery{Page: 1, PerPage: defaultPerPage}
	q, err := query(c)
	if err != nil {
		return sq, err
	}
	for _, name := range sortedKeys(q) {
		switch name {
		case "q", "city", "page", "per_page":
			if len(q[name]) > 1 {
				return sq, invalid(name, "is given more than once / 参数重复")
			}
		case "type":
		default:
			return sq, invalid(name, "unknown parameter / 未知参数 (allowed: q, type, city, page, per_page)")
		}
	}

	sq.Q = strings.TrimSpace(q.Get("q"))
	if !utf8.ValidString(sq.Q) {
		return sq, invalid("q", "is not valid UTF-8 / 编码无效")
	}
	if n := utf8.RuneCountInString(sq.Q); n > xiaoqi.MaxQueryLength {
		return sq, invalid("q", "is %d characters long, at most %d / 查询过长", n, xiaoqi.MaxQueryLength)
	}

	// type=job,program or type=jobs&type=programs; singular or plural.
	for _, v := range q["type"] {
		for _, t := range strings.Split(v, ",") {
			if strings.TrimSpace(t) == "" {
				continue
			}
			k, ok := parseKind(t)
			if !ok {
				return sq, invalid("type", "unknown type %q / 未知类型 (one of institution, program, enterprise, job, candidate, policy, partnership)", t)
			}
			if !slices.Contains(sq.Types, k) {
				sq.Types = append(sq.Types, k)
			}
		}
	}

	sq.City = strings.TrimSpace(q.Get("city"))
	if !utf8.ValidString(sq.City) || utf8.RuneCountInString(sq.City) > maxCityLength {
		return sq, invalid("city", "must be a city name of at most %d characters / 城市名过长", maxCityLength)
	}

	if sq.Page, err = intParam("page", q.Get("page"), 1, xiaoqi.MaxResultWindow); err != nil {
		return sq, err
	}
	if sq.PerPage, err = intParam("per_page", q.Get("per_page"), defaultPerPage, xiaoqi.MaxPerPage); err != nil {
		return sq, err
	}
	if sq.Page*sq.PerPage > xiaoqi.MaxResultWindow {
		return sq, invalid("page", "page × per_page = %d is beyond the result window of %d; narrow the query / 超出结果窗口",
			sq.Page*sq.PerPage, xiaoqi.MaxResultWindow)
	}
	return sq, nil
}
