package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestPolicyEnglish: a policy item of the default data set is served with its unofficial
// English translation beside the official Chinese (heading_en, section_en, text_en), the
// document says they are unofficial, and a search in English finds the item. Before, the
// items were Chinese only: an English reader got the Chinese text and "venture capital"
// found nothing.
func TestPolicyEnglish(t *testing.T) {
	set := defaultSet(t)
	e := newEnv(t)
	for _, n := range []int{5, 12} {
		body, err := json.Marshal(set.Policies[n-1])
		if err != nil {
			t.Fatal(err)
		}
		e.create(t, "policies", string(body))
	}
	var page struct {
		Data []xiaoqi.Policy `json:"data"`
	}
	e.get(t, "/api/v1/policies?number=12").want(t, http.StatusOK).decode(t, &page)
	if len(page.Data) != 1 {
		t.Fatalf("policies?number=12: %d items", len(page.Data))
	}
	p := page.Data[0]
	if p.Heading != "加大人才培育和引进力度" || !strings.Contains(p.Text, "鼓励海外留学生在陕创办服务外包企业") {
		t.Errorf("item (12) in Chinese: %q %q", p.Heading, p.Text)
	}
	if p.HeadingEN != "Do more to train and attract talent" || p.SectionEN != "V. Sounder safeguards" ||
		!strings.Contains(p.TextEN, "encourage overseas students to found service outsourcing enterprises in Shaanxi") {
		t.Errorf("item (12) in English: heading_en %q section_en %q text_en %q", p.HeadingEN, p.SectionEN, p.TextEN)
	}

	var hits struct {
		Hits []struct {
			ID     string         `json:"id"`
			Fields map[string]any `json:"fields"`
		} `json:"hits"`
	}
	e.get(t, "/api/v1/search?type=policy&q=venture+capital").want(t, http.StatusOK).decode(t, &hits)
	if len(hits.Hits) != 1 || hits.Hits[0].Fields["number"] != float64(5) {
		t.Errorf("venture capital among policies: %+v, want item (5)", hits.Hits)
	}

	// The document names the English fields unofficial, in Chinese and English.
	schema := loadOpenAPI(t, e).Components.Schemas["Policy"].Value
	for _, f := range []string{"heading_en", "section_en", "text_en"} {
		prop := schema.Properties[f]
		if prop == nil || !strings.Contains(prop.Value.Description, "非官方") || !strings.Contains(prop.Value.Description, "unofficial") {
			t.Errorf("openapi Policy.%s: %+v, want it said to be an unofficial translation", f, prop)
		}
	}
}

// defaultSet loads the default data set, as serve seeds it.
func defaultSet(t *testing.T) *seed.Set {
	t.Helper()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	set, err := seed.Load(tax)
	if err != nil {
		t.Fatal(err)
	}
	return set
}
