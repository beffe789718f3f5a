package api

// The query parameters: parsed strictly, each named in its error.

import (
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// query parses the query string strictly: url.Values.Get would drop a malformed one silently.
func query(c *gin.Context) (url.Values, error) {
	q, err := url.ParseQuery(c.Request.URL.RawQuery)
	if err != nil {
		return nil, invalid("query", "查询参数格式错误 / malformed query string")
	}
	return q, nil
}

// noParams rejects any query parameter.
func noParams(c *gin.Context) error {
	q, err := query(c)
	if err != nil {
		return err
	}
	if names := sortedKeys(q); len(names) > 0 {
		return invalid(names[0], "未知参数 / unknown parameter")
	}
	return nil
}

// refreshParam parses the only parameter of a write, ?refresh=wait_for (Elasticsearch's
// convention; "true" is taken to mean the same).
func refreshParam(c *gin.Context) (bool, error) {
	q, err := query(c)
	if err != nil {
		return false, err
	}
	for _, name := range sortedKeys(q) {
		if name != "refresh" {
			return false, invalid(name, "未知参数（可选：refresh） / unknown parameter (allowed: refresh)")
		}
		if len(q[name]) > 1 {
			return false, invalid(name, "参数重复 / is given more than once")
		}
	}
	switch v := q.Get("refresh"); strings.ToLower(v) {
	case "", "false":
		return false, nil
	case "wait_for", "true":
		return true, nil
	default:
		return false, invalid("refresh", "须为 wait_for（或 true）或 false，不能是 %[1]q / must be wait_for (or true) or false, not %[1]q", v)
	}
}

// intParam parses an integer parameter in [1, maxValue]; "" gives def.
func intParam(name, v string, def, maxValue int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, invalid(name, "须为整数，不能是 %[1]q / must be an integer, not %[1]q", v)
	}
	if n < 1 || n > maxValue {
		return 0, invalid(name, "须在 1 与 %[1]d 之间，不能是 %[2]d / must be between 1 and %[1]d, not %[2]d", maxValue, n)
	}
	return n, nil
}

func sortedKeys(q url.Values) []string { return slices.Sorted(maps.Keys(q)) }

// eachParam parses the query string strictly and calls fn with every parameter, in name order,
// after rejecting one given more than once; the first error ends the walk. fn answers
// unknown names with an error itself, listing the names it allows.
func eachParam(c *gin.Context, fn func(name, v string) error) error {
	q, err := query(c)
	if err != nil {
		return err
	}
	for _, name := range sortedKeys(q) {
		if len(q[name]) > 1 {
			return invalid(name, "参数重复 / is given more than once")
		}
		if err := fn(name, q.Get(name)); err != nil {
			return err
		}
	}
	return nil
}
