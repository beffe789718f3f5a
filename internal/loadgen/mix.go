package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
)

// search is one search of the mix: what users of the service type and filter by.
type search struct {
	q, typ, city, sort string
	page               int
}

func (s search) values() url.Values {
	v := url.Values{}
	if s.q != "" {
		v.Set("q", s.q)
	}
	if s.typ != "" {
		v.Set("type", s.typ)
	}
	if s.city != "" {
		v.Set("city", s.city)
	}
	if s.sort != "" {
		v.Set("sort", s.sort)
	}
	if s.page > 1 {
		v.Set("page", fmt.Sprint(s.page))
	}
	return v
}

// searches are the mix's searches, of several kinds: one word, a word with filters, a skill
// synonym, an institution's name, an English word, a filter without words sorted by date, a
// second page.
var searches = []search{
	{q: "软件测试"},
	{q: "Java", city: "西安市"},
	{q: "运维", typ: "job"},
	{q: "计算机科学与技术", typ: "program"},
	{q: "西安交通大学"},
	{q: "数据分析", typ: "job", city: "西安市"},
	{q: "日语"},
	{q: "Python开发"},
	{q: "前端", page: 2},
	{q: "software testing"},
	{typ: "job", city: "咸阳市", sort: "-date"},
	{q: "服务外包", typ: "enterprise"},
}

// generator makes one worker's requests.
type generator struct {
	rng       *rand.Rand
	t         *targets
	writeKeys int
	worker    int
	writes    int
}

// next returns the kind and the request of the next request of the mix.
func (g *generator) next(ctx context.Context, base string, writeRatio float64) (string, *http.Request) {
	r := g.rng.Float64()
	switch {
	case r < writeRatio:
		g.writes++
		key := g.rng.IntN(g.writeKeys)
		body, _ := json.Marshal(map[string]any{ // a map of strings and ints always marshals
			"title":           fmt.Sprintf("压测岗位 软件测试工程师（示例 loadgen-%d）", key),
			"enterprise_name": "压测示例公司（示例）",
			"city":            "西安市",
			"source":          "loadgen",
			"external_id":     fmt.Sprintf("loadgen-%d", key),
			"synthetic":       true,
			"description": fmt.Sprintf("合成数据，非真实岗位 (synthetic, not a real posting)。负责外包项目的功能测试与自动化测试，"+
				"熟悉 Java 或 Python，第 %d-%d 版。", g.worker, g.writes),
		})
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/jobs", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		return OpWrite, req
	case r < writeRatio+(1-writeRatio)/4:
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+g.t.paths[g.rng.IntN(len(g.t.paths))], nil)
		return OpGet, req
	default:
		s := searches[g.rng.IntN(len(searches))]
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/search?"+s.values().Encode(), nil)
		return OpSearch, req
	}
}
