package api

import (
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Reference data (Config.Reference) is served read-only:
//
//	GET /api/v1/majors?q=&class=&category=&limit=&after=   the MOE undergraduate catalogue
//	GET /api/v1/majors/{code}                              one major (080902; T/K suffix optional)
//	GET /api/v1/divisions?city=&region=&level=              the divisions of Shaanxi
//	GET /api/v1/skills?q=                                   the taxonomy's skills, both names

// majorPage is one page of majors: Total counts every major that matches, Next is the cursor.
type majorPage struct {
	Data  []xiaoqi.Major `json:"data"`
	Total int            `json:"total"`
	Next  string         `json:"next,omitempty"`
}

// divisionList is the answer of /api/v1/divisions.
type divisionList struct {
	Data  []xiaoqi.Division `json:"data"`
	Total int               `json:"total"`
}

// referenceData returns the reference data, or EUNAVAILABLE when the server has none.
func (s *Server) referenceData() (*xiaoqi.Reference, error) {
	if s.reference == nil {
		return nil, xiaoqi.Errorf(xiaoqi.EUNAVAILABLE, "本服务器未加载参考数据 / reference data is not loaded on this server")
	}
	return s.reference, nil
}

// textParam checks a free-text parameter: valid UTF-8, at most MaxQueryLength characters.
func textParam(name, v string) (string, error) {
	v = strings.TrimSpace(v)
	if !utf8.ValidString(v) {
		return "", invalid(name, "编码无效：不是有效的 UTF-8 / is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(v); n > xiaoqi.MaxQueryLength {
		return "", invalid(name, "参数过长：%[1]d 个字，最多 %[2]d 个 / is %[1]d characters long, at most %[2]d", n, xiaoqi.MaxQueryLength)
	}
	return v, nil
}

// listMajors answers GET /api/v1/majors: q matches the code (prefix), the name or the English
// name (any case: software finds 软件工程 Software Engineering), the class name or
// an employment direction; class and category match the code or the name of the 专业类 and
// the 学科门类 exactly. Majors come in catalogue order (which is not quite the order of their
// codes: 0502100T follows 050299), limit at a time; after is the code of the last major of the
// previous page, as next gives it.
func (s *Server) listMajors(c *gin.Context) {
	ref, err := s.referenceData()
	if err != nil {
		s.writeError(c, err)
		return
	}
	var text, class, category, after string
	limit := xiaoqi.DefaultListLimit
	err = eachParam(c, func(name, v string) (err error) {
		switch name {
		case "limit":
			limit, err = intParam(name, v, xiaoqi.DefaultListLimit, xiaoqi.MaxListLimit)
		case "q":
			text, err = textParam(name, v)
		case "class":
			class, err = textParam(name, v)
		case "category":
			category, err = textParam(name, v)
		case "after":
			after, err = textParam(name, v)
		default:
			err = invalid(name, "未知参数（可选：q、class、category、limit、after） / unknown parameter (allowed: q, class, category, limit, after)")
		}
		return err
	})
	if err != nil {
		s.writeError(c, err)
		return
	}
	// Matching majors in catalogue order, those whose code or name matches q first, then
	// those whose class matches, then those that only lead to a matching job: a search for 软件
	// lists 软件工程 before 数学与应用数学 (whose graduates become 软件工程师).
	var matched []xiaoqi.Major
	if text == "" {
		matched = ref.Majors
	} else {
		lower := strings.ToLower(text)
		var tiers [3][]xiaoqi.Major
		for _, m := range ref.Majors {
			if t := majorMatch(m, text, lower); t >= 0 {
				tiers[t] = append(tiers[t], m)
			}
		}
		matched = slices.Concat(tiers[0], tiers[1], tiers[2])
	}
	matched = slices.DeleteFunc(slices.Clone(matched), func(m xiaoqi.Major) bool {
		return class != "" && class != m.ClassCode && class != m.ClassName ||
			category != "" && category != m.CategoryCode && category != m.CategoryName
	})
	start := 0
	if after != "" {
		start = slices.IndexFunc(matched, func(m xiaoqi.Major) bool { return m.Code == after })
		if start < 0 {
			s.writeError(c, invalid("after", "分页游标无效 / is not the code of a major on this list: pass the next of the previous page"))
			return
		}
		start++
	}
	out := majorPage{Data: []xiaoqi.Major{}, Total: len(matched)}
	if end := min(start+limit, len(matched)); start < end {
		out.Data = append(out.Data, matched[start:end]...)
		if end < len(matched) {
			out.Next = matched[end-1].Code
		}
	}
	s.writeJSON(c, http.StatusOK, out)
}

// majorMatch says how well m matches the query text (lower is text in lower case): 0 by its
// code (prefix) or name, 1 by its class, 2 by an employment direction only, -1 not at all.
func majorMatch(m xiaoqi.Major, text, lower string) int {
	switch {
	case strings.HasPrefix(strings.ToLower(m.Code), lower) || strings.Contains(m.Name, text) || strings.Contains(strings.ToLower(m.NameEN), lower):
		return 0
	case strings.Contains(m.ClassName, text):
		return 1
	}
	for _, d := range m.EmploymentDirections {
		if strings.Contains(strings.ToLower(d), lower) {
			return 2
		}
	}
	return -1
}

// getMajor answers GET /api/v1/majors/{code}. The T and K suffixes may be left out: 080910
// finds 080910T.
func (s *Server) getMajor(c *gin.Context) {
	ref, err := s.referenceData()
	if err == nil {
		err = noParams(c)
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	code := strings.ToUpper(strings.TrimSpace(c.Param("code")))
	if !xiaoqi.ValidMajorCode(code) {
		s.writeError(c, invalid("code", "专业代码格式不正确：须为六位数字，可带 T/K 后缀（080902、080910T），不能是 %[1]q / must be a catalogue major code: six digits with an optional T/K suffix (080902, 080910T), not %[1]q", truncate(code, 32)))
		return
	}
	for _, m := range ref.Majors {
		if m.Code == code || strings.HasPrefix(m.Code, code) && strings.Trim(m.Code[len(code):], "TK") == "" {
			s.writeJSON(c, http.StatusOK, m)
			return
		}
	}
	s.writeError(c, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "专业目录中没有代码为 %[1]s 的专业 / no major with code %[1]s in the catalogue", code))
}

// listDivisions answers GET /api/v1/divisions: the cities, county-level units and new areas
// of Shaanxi, filtered by city (西安 or 西安市, Xi'an or Xian: xiaoqi.CityNamed, as search reads
// a city), region (关中, 陕南, 陕北, or Guanzhong, Shaannan, Shaanbei) and level (city, county,
// new_area). A city that is none of Shaanxi's is a 400: Xi'an listed nothing, without a word.
func (s *Server) listDivisions(c *gin.Context) {
	ref, err := s.referenceData()
	if err != nil {
		s.writeError(c, err)
		return
	}
	var city, region, level string
	err = eachParam(c, func(name, v string) (err error) {
		switch name {
		case "city":
			city, err = textParam(name, v)
			if err == nil && city != "" {
				c, ok := xiaoqi.CityNamed(city)
				if !ok && !slices.ContainsFunc(ref.Divisions, func(d xiaoqi.Division) bool { return d.Name == city }) {
					err = invalid(name, "未知城市 %[1]q：请用陕西的城市名（西安、宝鸡、杨凌示范区……，或 Xi'an、Baoji、Yangling） / unknown city %[1]q: use a city of Shaanxi (西安 or Xi'an, 宝鸡 or Baoji, 杨凌示范区 or Yangling, …)", truncate(city, 32))
				}
				city = c
			}
		case "region":
			region, err = textParam(name, v)
			if r, ok := xiaoqi.RegionNamed(region); ok {
				region = string(r) // Guanzhong as 关中
			}
			if err == nil && region != "" && !slices.Contains(xiaoqi.Regions, xiaoqi.Region(region)) {
				err = invalid(name, "区域须为 关中、陕南 或 陕北，不是 %[1]q / must be 关中 (Guanzhong), 陕南 (Shaannan) or 陕北 (Shaanbei), not %[1]q", truncate(region, 32))
			}
		case "level":
			level = v
			switch level {
			case "", xiaoqi.DivisionCity, xiaoqi.DivisionCounty, xiaoqi.DivisionNewArea:
			default:
				err = invalid(name, "级别无效：须为 city、county 或 new_area，不能是 %[1]q / must be city, county or new_area, not %[1]q", truncate(level, 32))
			}
		default:
			err = invalid(name, "未知参数（可选：city、region、level） / unknown parameter (allowed: city, region, level)")
		}
		return err
	})
	if err != nil {
		s.writeError(c, err)
		return
	}
	out := divisionList{Data: []xiaoqi.Division{}}
	for _, d := range ref.Divisions {
		if city != "" && d.City != city && d.Name != city || region != "" && string(d.Region) != region || level != "" && d.Level != level {
			continue
		}
		out.Data = append(out.Data, d)
	}
	out.Total = len(out.Data)
	s.writeJSON(c, http.StatusOK, out)
}

// skillList is the answer of /api/v1/skills.
type skillList struct {
	Data  []xiaoqi.Skill `json:"data"`
	Total int            `json:"total"`
}

// listSkills answers GET /api/v1/skills: the skills of the taxonomy with their Chinese and
// English names (a few hundred, in one answer), those whose id or either name holds q (any
// case) when q is given.
func (s *Server) listSkills(c *gin.Context) {
	ref, err := s.referenceData()
	if err != nil {
		s.writeError(c, err)
		return
	}
	var q string
	err = eachParam(c, func(name, v string) (err error) {
		if name != "q" {
			return invalid(name, "未知参数（可用：q） / unknown parameter (allowed: q)")
		}
		q, err = textParam(name, v)
		q = strings.ToLower(q)
		return err
	})
	if err != nil {
		s.writeError(c, err)
		return
	}
	out := skillList{Data: []xiaoqi.Skill{}}
	for _, sk := range ref.Skills {
		if q == "" || strings.Contains(sk.ID, q) || strings.Contains(strings.ToLower(sk.NameZH), q) || strings.Contains(strings.ToLower(sk.NameEN), q) {
			out.Data = append(out.Data, sk)
		}
	}
	out.Total = len(out.Data)
	s.writeJSON(c, http.StatusOK, out)
}

// truncate shortens s to n runes for an error message.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
