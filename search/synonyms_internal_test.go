package search

import (
	"slices"
	"testing"
)

// TestWithinAlternatives: an alternative of a skill is left out of a query only when every
// document it finds is found by the words as written.
func TestWithinAlternatives(t *testing.T) {
	seg, err := NewSegmenter(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		written, alt string
		want         bool
	}{
		{"日语", "日语N2", true},
		{"Java", "Java EE", true},
		{"java开发", "Java 开发 工程师", true},
		{"英语", "商务英语", false}, // a word of its own, and a better match for those who name it
		{"日语N2", "日语", false},
		{"软件测试", "测试", false},
		{"QA", "软件测试", false},
		{"", "日语", false},
	} {
		if got := within(seg.queryWords(tc.written), seg.queryWords(tc.alt)); got != tc.want {
			t.Errorf("within(%q, %q) = %v, want %v", tc.written, tc.alt, got, tc.want)
		}
	}
}

// TestOneEdit: a letter added, left out, changed, or two adjacent ones swapped.
func TestOneEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"softwere", "software", true}, {"sofware", "software", true}, {"softwaare", "software", true},
		{"sotfware", "software", true}, {"software", "software", false}, {"sftwre", "software", false},
		{"testing", "tseting", true}, {"testing", "testings", true}, {"abc", "cba", false},
	} {
		if got := oneEdit(tc.a, tc.b); got != tc.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestSkillParts: a job title's English words go with the skill beside them.
func TestSkillParts(t *testing.T) {
	for q, want := range map[string][]string{
		"Java developer 岗位 in 西安":  {"Java developer", "岗位", "in", "西安"},
		"senior Java developer 西安": {"senior Java developer", "西安"},
		"Python engineers":         {"Python engineers"},
		"developer":                {"developer"},
		"senior":                   {"senior"},
		"senior developer":         {"senior", "developer"}, // no skill to join them to
		"Java developer engineer":  {"Java developer engineer"},
		"日语 Java":                  {"日语", "Java"},
	} {
		if got := skillParts(q); !slices.Equal(got, want) {
			t.Errorf("skillParts(%q) = %q, want %q", q, got, want)
		}
	}
}
