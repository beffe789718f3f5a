package web_test

import (
	"io/fs"
	"regexp"
	"strconv"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
	"github.com/xiaoqi-dev/xiaoqi/web"
)

// TestPolicyGlosses: the English headings policy.js shows beside a search hit of a policy item
// and in the returnee explorer (GLOSSES, SECTION_GLOSSES) are the headings of the unofficial
// translation the policy page shows (seed/data/policy_en.txt), not other words: the page and
// the hit named item (12) "Do more to train and attract talent" and "Training and attracting
// talent: …" at once.
func TestPolicyGlosses(t *testing.T) {
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	set, err := seed.Load(tax)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(web.Assets(), "assets/policy.js")
	if err != nil {
		t.Fatal(err)
	}
	js := string(b)
	item := regexp.MustCompile(`(\d+): (?:'([^']*)'|"([^"]*)")`)
	glosses := map[int]string{}
	for _, m := range item.FindAllStringSubmatch(regexp.MustCompile(`(?s)const GLOSSES = \{(.*?)\};`).FindStringSubmatch(js)[1], -1) {
		n, _ := strconv.Atoi(m[1])
		glosses[n] = m[2] + m[3]
	}
	sections := map[string]string{}
	for _, m := range regexp.MustCompile(`'([^']+)': '([^']+)'`).FindAllStringSubmatch(regexp.MustCompile(`(?s)const SECTION_GLOSSES = \{(.*?)\};`).FindStringSubmatch(js)[1], -1) {
		sections[m[1]] = m[2]
	}
	if len(glosses) != len(set.Policies) {
		t.Errorf("policy.js has %d item glosses, the policy %d items", len(glosses), len(set.Policies))
	}
	for _, p := range set.Policies {
		if glosses[p.Number] != p.HeadingEN {
			t.Errorf("item %d: policy.js says %q, the translation %q", p.Number, glosses[p.Number], p.HeadingEN)
		}
		if sections[p.Section] != p.SectionEN {
			t.Errorf("section %s: policy.js says %q, the translation %q", p.Section, sections[p.Section], p.SectionEN)
		}
	}
}
