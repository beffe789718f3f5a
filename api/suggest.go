package api

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// suggestPage is the answer of GET /api/v1/suggest.
type suggestPage struct {
	Suggestions []xiaoqi.Suggestion `json:"suggestions"`
}

// suggest answers GET /api/v1/suggest?q=&limit=: completions of what a user is typing
// (titles, skills, institution and enterprise names), for search-as-you-type.
func (s *Server) suggest(c *gin.Context) {
	q, err := query(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	for _, name := range sortedKeys(q) {
		switch name {
		case "q", "limit":
			if len(q[name]) > 1 {
				s.writeError(c, invalid(name, "参数重复 / is given more than once"))
				return
			}
		default:
			s.writeError(c, invalid(name, "未知参数（可选：q、limit） / unknown parameter (allowed: q, limit)"))
			return
		}
	}
	prefix := strings.TrimSpace(strings.Map(invisible, q.Get("q"))) // (Map makes bad bytes U+FFFD)
	if !utf8.ValidString(q.Get("q")) || utf8.RuneCountInString(prefix) > xiaoqi.MaxSuggestLength {
		s.writeError(c, invalid("q", "最多 %d 个字 / must be valid text of at most %d characters", xiaoqi.MaxSuggestLength, xiaoqi.MaxSuggestLength))
		return
	}
	limit, err := intParam("limit", q.Get("limit"), 10, xiaoqi.MaxSuggestions)
	if err != nil {
		s.writeError(c, err)
		return
	}
	sg, ok := s.index.(xiaoqi.Suggester)
	if !ok || s.index == nil {
		s.writeError(c, xiaoqi.Errorf(xiaoqi.EUNAVAILABLE, "搜索暂不可用 / search is unavailable"))
		return
	}
	out := suggestPage{Suggestions: []xiaoqi.Suggestion{}}
	if prefix != "" {
		res, err := sg.Suggest(c.Request.Context(), prefix, limit)
		if err != nil {
			s.writeError(c, err)
			return
		}
		out.Suggestions = append(out.Suggestions, res...)
	}
	s.writeJSON(c, http.StatusOK, out)
}
