package search_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestExperience: an HR manager or a candidate looking for Java jobs for three years of
// experience finds those asking 1-3年, 3-5年, 3年 (or more) or nothing in particular, not 5-7年
// or 应届生; whether the years are typed in the query (Java 3年经验) or given as the filter.
func TestExperience(t *testing.T) {
	x := openProductIndex(t)
	job := func(id, exp string) xiaoqi.Doc {
		return &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: id}, Name: "Java开发工程师", City: "西安市", Skills: []string{"Java"},
			Experience: exp, Description: "1. 负责Java后端开发；2. 编写技术文档；3. 配合测试。"}
	}
	index(t, x, job("job_13", "1-3年"), job("job_35", "3-5年"), job("job_3up", "3年"), job("job_any", "经验不限"),
		job("job_57", "5-7年"), job("job_new", "应届生"), job("job_none", ""),
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_java"}, InstitutionName: "西安邮电大学", Name: "Java方向", City: "西安市", Skills: []string{"Java"}},
	)
	// A hit says what its job asks for, as the filter reads it.
	for _, h := range find(t, x, xiaoqi.SearchQuery{Q: "Java", Types: []xiaoqi.Kind{xiaoqi.KindJob}, PerPage: 20}).Hits {
		want := map[string]string{"job_13": "1-3年", "job_35": "3-5年", "job_3up": "3年以上", "job_any": "不限",
			"job_57": "5-7年", "job_new": "应届生", "job_none": ""}[h.ID]
		if got, _ := h.Fields["experience"].(string); got != want {
			t.Errorf("hit %s: experience %q, want %q", h.ID, got, want)
		}
	}
	three := &xiaoqi.Experience{Min: 3, Max: 3}
	for _, tc := range []struct {
		name string
		q    xiaoqi.SearchQuery
		want []string
	}{
		{"typed", xiaoqi.SearchQuery{Q: "Java 3年经验"}, []string{"job_13", "job_35", "job_3up", "job_any"}},
		{"typed after", xiaoqi.SearchQuery{Q: "经验3年 Java 西安"}, []string{"job_13", "job_35", "job_3up", "job_any"}},
		{"filter", xiaoqi.SearchQuery{Q: "Java", Experience: three}, []string{"job_13", "job_35", "job_3up", "job_any"}},
		{"new graduates", xiaoqi.SearchQuery{Q: "Java", Experience: &xiaoqi.Experience{}}, []string{"job_any", "job_new"}},
		{"five or more", xiaoqi.SearchQuery{Q: "Java 5年以上经验"}, []string{"job_35", "job_3up", "job_57", "job_any"}},
		{"no years", xiaoqi.SearchQuery{Q: "Java"}, []string{"job_13", "job_35", "job_3up", "job_57", "job_any", "job_new", "job_none", "prg_java"}},
	} {
		got := ids(find(t, x, tc.q))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %+v found %v, want %v", tc.name, tc.q, got, tc.want)
		}
	}
}

// TestCandidateExperience: an HR manager looking for candidates with three years of
// experience finds those who last graduated three years ago or earlier (xiaoqi keeps no work
// history; the matcher estimates the same way), whether typed (3年Java经验 候选人) or given as
// the filter; 应届生 are this year's graduates and later; a range bounds both ways. A profile
// without a graduation year states no experience. 3年Java经验 候选人 listed two job needs.
func TestCandidateExperience(t *testing.T) {
	x := openProductIndex(t)
	now := time.Now().Year()
	cand := func(id string, grads ...int) xiaoqi.Doc {
		c := &xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: id}, City: "西安市", Degree: "本科", Skills: []string{"Java"},
			Visibility: xiaoqi.VisibilityAnonymous, Summary: "熟悉Java开发。"}
		for _, g := range grads {
			c.Education = append(c.Education, xiaoqi.Education{InstitutionName: "西安某大学", Major: "软件工程", GraduationYear: g})
		}
		return c
	}
	index(t, x, cand("cnd_new", now), cand("cnd_next", now+1), cand("cnd_2", now-2), cand("cnd_4", now-4),
		cand("cnd_master", now-8, now-5), // a master's five years ago: five years
		cand("cnd_12", now-12), cand("cnd_none"),
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_35"}, Name: "Java开发工程师", City: "西安市", Skills: []string{"Java"}, Experience: "3-5年"})
	for _, tc := range []struct {
		name string
		q    xiaoqi.SearchQuery
		want []string
	}{
		{"typed", xiaoqi.SearchQuery{Q: "3年Java经验 候选人", Types: []xiaoqi.Kind{xiaoqi.KindCandidate}}, []string{"cnd_12", "cnd_4", "cnd_master"}},
		{"filter", xiaoqi.SearchQuery{Q: "Java", Types: []xiaoqi.Kind{xiaoqi.KindCandidate}, Experience: &xiaoqi.Experience{Min: 3, Max: 3}},
			[]string{"cnd_12", "cnd_4", "cnd_master"}},
		{"range", xiaoqi.SearchQuery{Q: "Java", Types: []xiaoqi.Kind{xiaoqi.KindCandidate}, Experience: &xiaoqi.Experience{Min: 3, Max: 5}},
			[]string{"cnd_4", "cnd_master"}},
		{"ten or more", xiaoqi.SearchQuery{Q: "Java 10年以上经验", Types: []xiaoqi.Kind{xiaoqi.KindCandidate}}, []string{"cnd_12"}},
		{"new graduates", xiaoqi.SearchQuery{Q: "应届生 Java", Types: []xiaoqi.Kind{xiaoqi.KindCandidate}}, []string{"cnd_new", "cnd_next"}},
		{"any", xiaoqi.SearchQuery{Q: "Java", Types: []xiaoqi.Kind{xiaoqi.KindCandidate}, Experience: &xiaoqi.Experience{Min: 0, Max: xiaoqi.ExperienceOpen}},
			[]string{"cnd_12", "cnd_2", "cnd_4", "cnd_master", "cnd_new", "cnd_next"}},
		// In the one box: the candidates and the job needs both.
		{"all kinds", xiaoqi.SearchQuery{Q: "3年Java经验"}, []string{"cnd_12", "cnd_4", "cnd_master", "job_35"}},
	} {
		got := ids(find(t, x, tc.q))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %+v found %v, want %v", tc.name, tc.q, got, tc.want)
		}
	}
	// A hit says the year, whence the years.
	for _, h := range find(t, x, xiaoqi.SearchQuery{Q: "Java", Types: []xiaoqi.Kind{xiaoqi.KindCandidate}, PerPage: 20}).Hits {
		want := map[string]int{"cnd_new": now, "cnd_next": now + 1, "cnd_2": now - 2, "cnd_4": now - 4, "cnd_master": now - 5, "cnd_12": now - 12}[h.ID]
		if got, ok := h.Fields["graduation_year"]; want == 0 && ok || want != 0 && fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("hit %s: graduation_year %v, want %d", h.ID, h.Fields["graduation_year"], want)
		}
	}
	// This year's graduates who know Java: people first, of this year or later (it listed job
	// needs that say 应届生).
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "会Java的应届生"})); len(got) != 2 || !slices.Contains(got, "cnd_new") || !slices.Contains(got, "cnd_next") {
		t.Errorf("会Java的应届生 = %v, want cnd_new and cnd_next", got)
	}
	// The class, as recruiters say it: 2022届, 22届.
	for _, q := range []string{fmt.Sprintf("%d届 Java", now-4), fmt.Sprintf("%02d届 Java", (now-4)%100)} {
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: q, Types: []xiaoqi.Kind{xiaoqi.KindCandidate}})); !slices.Equal(got, []string{"cnd_4"}) {
			t.Errorf("%s = %v, want cnd_4", q, got)
		}
	}
	// A question about policy keeps its items, which state no experience.
	index(t, x, &xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_10"}, Number: 10, Heading: "加大财政支持力度", Text: "对吸纳应届生就业的企业给予补贴。"})
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "应届生 补贴"})); len(got) == 0 || got[0] != "pol_10" {
		t.Errorf("应届生 补贴 = %v, want the policy item first", got)
	}
	// In the one box, the cue's candidates first.
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "3年Java经验 候选人"})); len(got) == 0 || !strings.HasPrefix(got[0], "cnd_") {
		t.Errorf("3年Java经验 候选人 = %v, want candidates first", got)
	}
}

// TestTextFiltersLeftOut: the experience or pay a query's words state filter what it finds;
// when nothing meets them, the answer is what the other words find, the filter's words named
// unmatched, rather than nothing: 软件工程 应届生 among candidates found none, there being no
// graduate of this year in 软件工程. Nothing either way is still nothing, not relaxed.
func TestTextFiltersLeftOut(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_se"}, City: "西安市", Degree: "本科", Skills: []string{"Java"},
			Education: []xiaoqi.Education{{InstitutionName: "某大学", Major: "软件工程", Degree: "本科", GraduationYear: time.Now().Year() - 4}}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_java"}, Name: "Java开发工程师", City: "西安市", Skills: []string{"Java"},
			SalaryMin: 8000, SalaryMax: 12000},
	)
	cand := []xiaoqi.Kind{xiaoqi.KindCandidate}
	for _, tc := range []struct {
		q         xiaoqi.SearchQuery
		want      []string
		unmatched []string
	}{
		{xiaoqi.SearchQuery{Q: "软件工程 应届生", Types: cand}, []string{"cnd_se"}, []string{"应届生"}},
		{xiaoqi.SearchQuery{Q: "Java 3年经验", Types: cand}, []string{"cnd_se"}, nil}, // met: no relaxing
		{xiaoqi.SearchQuery{Q: "Java 10年经验", Types: cand}, []string{"cnd_se"}, []string{"10年经验"}},
		{xiaoqi.SearchQuery{Q: "Java 月薪5万以上", Types: []xiaoqi.Kind{xiaoqi.KindJob}}, []string{"job_java"}, []string{"月薪5万以上"}},
	} {
		res := find(t, x, tc.q)
		if got := ids(res); !slices.Equal(got, tc.want) || res.Relaxed != (tc.unmatched != nil) || !slices.Equal(res.Unmatched, tc.unmatched) {
			t.Errorf("%q: %v relaxed %v unmatched %q; want %v, unmatched %q", tc.q.Q, got, res.Relaxed, res.Unmatched, tc.want, tc.unmatched)
		}
	}
	if res := find(t, x, xiaoqi.SearchQuery{Q: "会Python的应届生", Types: cand}); res.Total != 0 || res.Relaxed {
		t.Errorf("会Python的应届生: %v relaxed %v, want nothing, not relaxed", ids(res), res.Relaxed)
	}
}
