package ingest

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// prefecturesCSV lists the 333 prefecture-level units of China (地级行政区: cities,
// autonomous prefectures, 地区 and 盟) with the name people shorten them to (深圳, 延边,
// 锡林郭勒) and their province: NBS division codes, from github.com/modood/
// Administrative-divisions-of-China (dist/cities.csv), as ../shared/data/admin-divisions takes
// Shaanxi's; data/SOURCE.md says more.
//
//go:embed data/prefectures.csv
var prefecturesCSV []byte

// prefecture is one prefecture-level unit.
type prefecture struct {
	name, short, province string // 深圳市, 深圳, 广东
	// provincial says that short is also a province's name (吉林市, 海南藏族自治州): it
	// names the unit only after its own province (青海海南).
	provincial bool
}

// prefectures are the units, the longest short names first: a text is read as the longest
// name it starts with.
var prefectures = mustPrefectures(prefecturesCSV)

func mustPrefectures(data []byte) []*prefecture {
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		panic(fmt.Sprintf("ingest: data/prefectures.csv: %v", err))
	}
	if len(rows) < 2 || !slices.Equal(rows[0], []string{"code", "name", "short", "province"}) {
		panic("ingest: data/prefectures.csv: want the header code,name,short,province and rows under it")
	}
	out := make([]*prefecture, 0, len(rows)-1)
	for _, r := range rows[1:] {
		p := &prefecture{name: r[1], short: r[2], province: r[3]}
		for _, pr := range provinces {
			p.provincial = p.provincial || p.short == pr.short
		}
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b *prefecture) int {
		return utf8.RuneCountInString(b.short) - utf8.RuneCountInString(a.short)
	})
	return out
}

// prefectureNamed returns the unit whose full name t starts with, and the rest of t.
func prefectureNamed(t string) (*prefecture, string) {
	for _, p := range prefectures {
		if rest, ok := strings.CutPrefix(t, p.name); ok {
			return p, rest
		}
	}
	return nil, ""
}

// prefectureAt returns the unit that t starts with, by its full or its short name, and the
// rest of t; among units of several provinces with the name, the one of province prov. A
// short name followed by 区, 县, 路, 街, 镇 or 乡 names a district or a road of another place
// (北京朝阳区 is not 朝阳市, 中山路 not 中山市), not the unit.
func prefectureAt(t, prov string) (*prefecture, string) {
	if p, rest := prefectureNamed(t); p != nil {
		return p, rest
	}
	var found *prefecture
	rest := ""
	for _, p := range prefectures {
		r, ok := strings.CutPrefix(t, p.short)
		if !ok || (p.provincial && p.province != prov) || strings.ContainsAny(firstRune(r), "区县路街镇乡") {
			continue
		}
		if found == nil || (found.province != prov && p.province == prov) {
			found, rest = p, r
		}
	}
	if found != nil {
		// 深圳深圳南山区, 深圳市深圳南山区: the name repeated, as job boards write it.
		rest = strings.TrimPrefix(rest, "市")
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, found.name), found.short)
		rest = strings.TrimPrefix(rest, "市")
	}
	return found, rest
}

// firstRune returns the first character of s, or "".
func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

// isPrefecture reports whether city is the full name of a prefecture-level unit.
func isPrefecture(city string) bool {
	p, rest := prefectureNamed(city)
	return p != nil && rest == ""
}
