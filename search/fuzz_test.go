package search_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// FuzzSearchQuery: q is analysed as plain text, never parsed, so no input makes Search fail
// other than with EINVALID (which the API answers 400) — never an internal error (500).
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{"", "软件测试", "Java 测试 西安", "\x00", "西电\x00计算机", "交大 软测", `"unclosed`, "+-&&||!(){}[]^\"~*?:\\/", "a:b", "西电", "测", "ｐｙｔｈｏｎ",
		"\xff\xfe", "title:java AND", strings.Repeat("软", 300), "軟件測試", " ", "。，、", "/.*/", "c++ .net node.js",
		"在西安开外包公司需要什么条件", "计算机专业的学生", "有CET6的本科生", "西安软件服务外包企业", "firms that need big data talent"} {
		f.Add(s, "西安", "Java", 1, 10)
	}
	x := openIndexWith(f, productOptions(f)) // every path of the query: synonyms, abbreviations, places
	index(f, x, corpus()...)
	f.Fuzz(func(t *testing.T, q, city, skill string, page, perPage int) {
		res, err := x.Search(context.Background(), xiaoqi.SearchQuery{Q: q, City: city, Skills: []string{skill},
			Facets: []string{"city", "skill"}, Page: page, PerPage: perPage})
		var e *xiaoqi.Error
		switch {
		case err == nil:
			if uint64(len(res.Hits)) > res.Total {
				t.Fatalf("%d hits of %d", len(res.Hits), res.Total)
			}
		case errors.As(err, &e) && e.Code == xiaoqi.EINVALID && len(e.Details) > 0:
		default:
			t.Fatalf("Search(q=%q city=%q skill=%q page=%d per_page=%d) = %v, want hits or EINVALID naming a parameter", q, city, skill, page, perPage, err)
		}
	})
}

// FuzzSuggest: any prefix is completed or refused EINVALID (too long, not UTF-8), never an
// internal error or a panic, with at most limit suggestions, each found by some document
// (suggestWords and inContext count them: a count of 0 is left out).
func FuzzSuggest(f *testing.F) {
	for _, s := range []string{"", "软", "西安 软", "西安软", "培训机", "候选", "经开", "Java 测", "Java测", "xian jiao", "西电 计",
		"高", " 西安 ", "西安\t软", "西安　软", "\xff", "西安 ，", "a b c d", strings.Repeat("软 ", 40), "软件测试工"} {
		f.Add(s, 8)
	}
	x := openIndexWith(f, productOptions(f))
	index(f, x, corpus()...)
	f.Fuzz(func(t *testing.T, prefix string, limit int) {
		got, err := x.Suggest(context.Background(), prefix, limit)
		var e *xiaoqi.Error
		switch {
		case err == nil:
			if n := max(limit, 10); limit > 0 && len(got) > limit || limit == 0 && len(got) > n {
				t.Fatalf("Suggest(%q, %d): %d suggestions", prefix, limit, len(got))
			}
			for _, s := range got {
				if s.Count <= 0 || s.Text == "" {
					t.Fatalf("Suggest(%q, %d): %+v", prefix, limit, s)
				}
			}
		case errors.As(err, &e) && e.Code == xiaoqi.EINVALID && len(e.Details) > 0:
		default:
			t.Fatalf("Suggest(%q, %d) = %v, want suggestions or EINVALID naming a parameter", prefix, limit, err)
		}
	})
}
