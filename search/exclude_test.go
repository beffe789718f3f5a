package search_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestExcludedWords: a word written with a minus is one the results must not hold, as in every
// search engine (软件测试 -外包 listed only testing jobs that say 外包, the minus dropped); a
// plus only stresses a word; neither is marked in a snippet.
func TestExcludedWords(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_out"}, Name: "软件测试工程师", City: "西安市", Description: "服务外包项目的软件测试。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_in"}, Name: "软件测试工程师", City: "西安市", Description: "自研产品的软件测试。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_java"}, Name: "Java开发工程师", City: "西安市", Description: "Java 后端开发，兼做单元测试。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_java2"}, Name: "Java开发工程师", City: "西安市", Description: "Java 后端开发。"},
	)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"软件测试", []string{"job_in", "job_out"}},
		{"软件测试 -外包", []string{"job_in"}},
		{"软件测试 －外包", []string{"job_in"}}, // a full-width minus
		{"-外包 软件测试", []string{"job_in"}},
		{"+Java", []string{"job_java", "job_java2"}},
		{"+Java -测试", []string{"job_java2"}},
		{"Java -测试 -后端", nil},
		{"软件测试-外包", []string{"job_out"}}, // a minus inside a word joins, it excludes nothing
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q, Types: []xiaoqi.Kind{xiaoqi.KindJob}})
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q found %v, want %v", tc.q, got, tc.want)
		}
		for _, h := range res.Hits {
			if excludes := strings.Contains(" "+tc.q, " -") || strings.Contains(tc.q, "－"); excludes && (strings.Contains(h.Snippet, "<mark>外包") || strings.Contains(h.Snippet, "<mark>测试</mark>单元")) {
				t.Errorf("%q: the snippet of %s marks an excluded word: %s", tc.q, h.ID, h.Snippet)
			}
		}
	}
}

// TestHitDate: a hit says the day it is sorted by: a job the day it was posted (sorted by
// date, a list that showed no dates could not be checked).
func TestHitDate(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_old"}, Name: "运维工程师", City: "西安市", PostedAt: time.Date(2023, 10, 13, 9, 0, 0, 0, time.UTC)},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_new"}, Name: "运维工程师", City: "西安市", PostedAt: time.Date(2026, 2, 18, 0, 0, 0, 0, time.UTC)},
	)
	res := find(t, x, xiaoqi.SearchQuery{Q: "运维", Sort: xiaoqi.SortDateDesc})
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ID+" "+fmt.Sprint(h.Fields["date"]))
	}
	if want := []string{"job_new 2026-02-18", "job_old 2023-10-13"}; !slices.Equal(got, want) {
		t.Errorf("sorted by date: %v, want %v", got, want)
	}
}
