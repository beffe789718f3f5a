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

// suggest answers GET /api/v1/suggest?q=&limit=&type=: completions of what a user is typing
// (titles, skills, institution and enterprise names, places, the words that ask for a kind),
// for search-as-you-type; with type, among the documents of that kind (the tab typed in).
func (s *Server) suggest(c *gin.Context) {
	q, err := query(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	for _, name := range sortedKeys(q) {
		switch name {
		case "q", "limit", "type":
			if len(q[name]) > 1 {
				s.writeError(c, invalid(name, "参数重复 / is given more than once"))
				return
			}
		default:
			s.writeError(c, invalid(name, "未知参数（可选：q、limit、type） / unknown parameter (allowed: q, limit, type)"))
			return
		}
	}
	var kind xiaoqi.Kind
	if t := q.Get("type"); t != "" {
		k, ok := parseKind(t)
		if !ok || k == xiaoqi.KindPartnership {
			s.writeError(c, invalid("type", "未知类型 %[1]q（可选：institution、program、enterprise、job、candidate、policy） / unknown type %[1]q (one of institution, program, enterprise, job, candidate, policy)", truncate(t, 32)))
			return
		}
		kind = k
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
	sg, ok := s.index.(xiaoqi.KindSuggester)
	if !ok || s.index == nil {
		s.writeError(c, xiaoqi.Errorf(xiaoqi.EUNAVAILABLE, "搜索暂不可用 / search is unavailable"))
		return
	}
	out := suggestPage{Suggestions: []xiaoqi.Suggestion{}}
	if prefix != "" {
		res, err := sg.SuggestKind(c.Request.Context(), prefix, limit, kind)
		if err != nil {
			s.writeError(c, err)
			return
		}
		out.Suggestions = append(out.Suggestions, res...)
	}
	s.writeJSON(c, http.StatusOK, out)
}
