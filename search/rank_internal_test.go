package search

import (
	"strings"
	"testing"
)

func TestWithoutEnterpriseCue(t *testing.T) {
	for _, c := range []struct {
		q, want string
		cue     bool
	}{
		{"西安 软件公司", "西安 软件 ", true},
		{"汉中 公司", "汉中  ", true},
		{"动漫公司 招聘", "动漫  招聘", true},
		{"公司", "公司", true}, // nothing else left: the word itself is what is searched
		{"三星（中国）半导体有限公司", "三星（中国）半导体有限公司", false},
		{"中国电信股份有限公司陕西分公司", "中国电信股份有限公司陕西分公司", false},
		{"华为总公司", "华为总公司", false},
		{"软件测试", "软件测试", false},
	} {
		got, cue := withoutEnterpriseCue(c.q)
		if got != c.want || cue != c.cue {
			t.Errorf("withoutEnterpriseCue(%q) = %q, %v; want %q, %v", c.q, got, cue, c.want, c.cue)
		}
	}
	if w := withoutAskWords("西安有哪些软件公司"); strings.Contains(w, "公司") || !strings.Contains(w, "软件") {
		t.Errorf("withoutAskWords(西安有哪些软件公司) = %q, want 软件 without 公司", w)
	}
}
