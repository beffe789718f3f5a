package xiaoqi_test

import (
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestParseExperience: what postings write (the 51job and seed values among them) is read as
// the years a job asks for, and what a searcher types as the years they have.
func TestParseExperience(t *testing.T) {
	open := float64(xiaoqi.ExperienceOpen)
	e := func(lo, hi float64) *xiaoqi.Experience { return &xiaoqi.Experience{Min: lo, Max: hi} }
	for _, tc := range []struct {
		in         string
		job, asked *xiaoqi.Experience // nil: not read
	}{
		{"3-5年", e(3, 5), e(3, 5)},
		{"3-4年经验", e(3, 4), e(3, 4)},
		{"３～５年", e(3, 5), e(3, 5)},
		{"1至3年工作经验", e(1, 3), e(1, 3)},
		{"3年", e(3, open), e(3, 3)},
		{"3", nil, e(3, 3)},
		{"3-5", e(3, 5), e(3, 5)},
		{"5~10", e(5, 10), e(5, 10)},
		{"3年经验", e(3, open), e(3, 3)},
		{"经验3年", e(3, open), e(3, 3)},
		{"三年以上工作经验", e(3, open), e(3, open)},
		{"10年以上经验", e(10, open), e(10, open)},
		{"5+", e(5, open), e(5, open)},
		{"1年以下", e(0, 1), e(0, 1)},
		{"应届生", e(0, 0), e(0, 0)},
		{"在校生/应届生", e(0, 0), e(0, 0)},
		{"无需经验", e(0, open), e(0, open)},
		{"经验不限", e(0, open), e(0, open)},
		{"不限", e(0, open), e(0, open)},
		{"无经验", e(0, open), e(0, open)},
		// In English, as the English UI labels them (its experience.* and the search box's
		// words): they were refused.
		{"New graduate", e(0, 0), e(0, 0)},
		{"new graduate", e(0, 0), e(0, 0)},
		{"1–3 years", e(1, 3), e(1, 3)},
		{"5-10 years", e(5, 10), e(5, 10)},
		{"10 years or more", e(10, open), e(10, open)},
		{"3+ years", e(3, open), e(3, open)},
		{"3+ years of experience", e(3, open), e(3, open)},
		{"at least 2 years", e(2, open), e(2, open)},
		{"3 years", e(3, open), e(3, 3)},
		{"less than 1 year", e(0, 1), e(0, 1)},
		{"any", e(0, open), e(0, open)},
		{"Any", e(0, open), e(0, open)},
		{"no experience required", e(0, open), e(0, open)},
		{"many years", nil, nil},
		{"有相关经验者优先", nil, nil},
		{"5-3年", nil, nil},
		{"2024年", nil, nil},
		{"很多年", nil, nil},
		{"", nil, nil},
	} {
		job, ok := xiaoqi.ParseExperience(tc.in)
		switch {
		case tc.job == nil && ok:
			t.Errorf("ParseExperience(%q) = %+v, want it unread", tc.in, job)
		case tc.job != nil && (!ok || job != *tc.job):
			t.Errorf("ParseExperience(%q) = %+v, %v; want %+v", tc.in, job, ok, *tc.job)
		}
		asked, err := xiaoqi.ParseExperienceAsked(tc.in)
		switch {
		case tc.asked == nil && err == nil:
			t.Errorf("ParseExperienceAsked(%q) = %+v, want an error", tc.in, asked)
		case tc.asked == nil && !(strings.Contains(err.Error(), "工作经验") && strings.Contains(err.Error(), "new graduate (应届生)")):
			t.Errorf("ParseExperienceAsked(%q): error %q, want one in Chinese and English", tc.in, err)
		case tc.asked != nil && (err != nil || asked != *tc.asked):
			t.Errorf("ParseExperienceAsked(%q) = %+v, %v; want %+v", tc.in, asked, err, *tc.asked)
		}
	}
}

// TestExperienceOverlaps: a person with 3 years fits 1-3年, 3-5年, 3年 (or more) and 不限, not
// 5-7年 or 应届生.
func TestExperienceOverlaps(t *testing.T) {
	three := xiaoqi.Experience{Min: 3, Max: 3}
	for in, want := range map[string]bool{"1-3年": true, "3-5年": true, "3年": true, "不限": true, "2年": true,
		"5-7年": false, "应届生": false, "1年以下": false} {
		job, ok := xiaoqi.ParseExperience(in)
		if !ok {
			t.Fatalf("ParseExperience(%q) unread", in)
		}
		if got := job.Overlaps(three); got != want {
			t.Errorf("%s (%+v) overlaps 3 years: %v, want %v", in, job, got, want)
		}
	}
	for e, want := range map[xiaoqi.Experience]string{{Min: 3, Max: 5}: "3-5年", {Min: 3, Max: xiaoqi.ExperienceOpen}: "3年以上",
		{}: "应届生", {Min: 0, Max: xiaoqi.ExperienceOpen}: "不限", {Min: 2, Max: 2}: "2年", {Min: 0, Max: 1}: "1年以下"} {
		if got := e.String(); got != want {
			t.Errorf("%+v.String() = %q, want %q", e, got, want)
		}
	}
}

// TestExperienceInText: the experience a search query states is taken out of its words, and
// a year or a number of something else is left.
func TestExperienceInText(t *testing.T) {
	for _, tc := range []struct {
		q, rest string
		e       *xiaoqi.Experience
	}{
		{"Java 3年经验 西安", "Java  西安", &xiaoqi.Experience{Min: 3, Max: 3}},
		{"Java3年经验", "Java", &xiaoqi.Experience{Min: 3, Max: 3}},
		{"软件测试 经验3-5年", "软件测试", &xiaoqi.Experience{Min: 3, Max: 5}},
		{"运维 三年以上工作经验", "运维", &xiaoqi.Experience{Min: 3, Max: xiaoqi.ExperienceOpen}},
		{"Java ３年", "Java", &xiaoqi.Experience{Min: 3, Max: 3}},
		{"测试 1至3年", "测试", &xiaoqi.Experience{Min: 1, Max: 3}},
		{"2024年经验分享", "2024年经验分享", nil},
		{"2024年 政策", "2024年 政策", nil},
		{"第3年", "第3年", nil},
		{"西安到宝鸡", "西安到宝鸡", nil},
		{"三年 行动计划", "三年 行动计划", nil},
		{"三年经验 测试", "测试", &xiaoqi.Experience{Min: 3, Max: 3}},
		// The years of what: the what stays.
		{"3年Java经验 候选人", "Java 候选人", &xiaoqi.Experience{Min: 3, Max: 3}},
		{"5年以上项目管理经验", "项目管理", &xiaoqi.Experience{Min: 5, Max: xiaoqi.ExperienceOpen}},
		{"西安 3-5年Java开发经验", "西安 Java开发", &xiaoqi.Experience{Min: 3, Max: 5}},
		{"两年的测试工作经验", "测试", &xiaoqi.Experience{Min: 2, Max: 2}},
		{"2024年Java经验", "2024年Java经验", nil},

		// In English.
		{"Java developers with 3 years experience", "Java developers with", &xiaoqi.Experience{Min: 3, Max: 3}},
		{"3+ years of experience Python", "Python", &xiaoqi.Experience{Min: 3, Max: xiaoqi.ExperienceOpen}},
		{"testers 3-5 years' experience", "testers", &xiaoqi.Experience{Min: 3, Max: 5}},
		{"at least 2 years working experience in Xi'an", "in Xi'an", &xiaoqi.Experience{Min: 2, Max: xiaoqi.ExperienceOpen}},
		{"3 years", "3 years", nil}, // of what: no experience said
		{"2024 experience report", "2024 experience report", nil},
	} {
		rest, e, ok := xiaoqi.ExperienceInText(tc.q)
		if ok != (tc.e != nil) || ok && (e != *tc.e || strings.Join(strings.Fields(rest), " ") != strings.Join(strings.Fields(tc.rest), " ")) {
			t.Errorf("ExperienceInText(%q) = %q, %+v, %v; want %q, %+v", tc.q, rest, e, ok, tc.rest, tc.e)
		}
	}
}

// TestFreshInText: this year's graduates, as a word or at the end of one, are taken out of a
// query; 非应届 and 应届生招聘 (a word that goes on) are not.
func TestFreshInText(t *testing.T) {
	for _, tc := range []struct {
		q, rest string
		ok      bool
	}{
		{"应届生 Java", "Java", true},
		{"会Python的应届生", "会Python", true},
		{"西安 应届毕业生 软件测试", "西安 软件测试", true},
		{"硕士 应届 Java", "硕士 Java", true},
		{"应届生招聘", "应届生招聘", false},
		{"非应届生 Java", "非应届生 Java", false},
		{"Java", "Java", false},
	} {
		if rest, ok := xiaoqi.FreshInText(tc.q); rest != tc.rest || ok != tc.ok {
			t.Errorf("FreshInText(%q) = %q, %v; want %q, %v", tc.q, rest, ok, tc.rest, tc.ok)
		}
	}
}
