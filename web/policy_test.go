package web_test

import (
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
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

// TestPolicyTitle: the policy page names the document by its official title, the one its
// source gives (seed/data/SOURCE.md), as the returnee explorer quotes it: it was titled
// 陕西省关于加快发展服务外包产业的实施意见, a title no such document has, which a returnee
// citing it in an application would have copied.
func TestPolicyTitle(t *testing.T) {
	const official = "陕西省人民政府关于促进服务外包产业加快发展的实施意见"
	src, err := os.ReadFile("../seed/data/SOURCE.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), official) {
		t.Fatalf("seed/data/SOURCE.md does not name the policy %s; is the title right?", official)
	}
	strs := uiStrings(t)
	for _, k := range []string{"policy.title", "explore.policies"} {
		if !strings.Contains(strs[k].ZH, official) {
			t.Errorf("%s: %q does not name the policy by its title %s", k, strs[k].ZH, official)
		}
		if !strings.Contains(strs[k].EN, "Shaanxi") || !strings.Contains(strs[k].EN, "2015") {
			t.Errorf("%s: the English %q names neither Shaanxi nor 2015", k, strs[k].EN)
		}
	}
}
