package search_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// TestPolicyInEnglish: a reader of the English UI finds the policy's items in English, through
// their unofficial translation (seed/data/policy_en.txt), and the English function words of
// a query (and, for, in) are not required. Before, the items were indexed in Chinese only:
// "intellectual property", "Belt and Road", "foreign exchange" and "venture capital" found
// none of the items that say so, and "overseas students start a business" not item (12).
func TestPolicyInEnglish(t *testing.T) {
	opt := productOptions(t)
	set, err := seed.Load(opt.Taxonomy)
	if err != nil {
		t.Fatal(err)
	}
	x := openProductIndex(t)
	var docs []xiaoqi.Doc
	for _, p := range set.Policies {
		p.ID = fmt.Sprintf("pol_%d", p.Number)
		docs = append(docs, p)
	}
	// A job whose English text says and, for and in: the function words of a query found it
	// and no item of the policy.
	docs = append(docs, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_en"}, Name: "Logistics analyst", City: "西安市",
		Description: "Analysis and reporting for the road freight team in Xi'an."},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_base"}, Name: "秦创启航IT实训基地（示例）", Type: xiaoqi.InstitutionTraining, City: "西安市"})
	index(t, x, docs...)
	policy := []xiaoqi.Kind{xiaoqi.KindPolicy}
	for _, c := range []struct {
		q     string
		types []xiaoqi.Kind
		first string   // the first hit
		also  []string // among the hits
	}{
		{q: "intellectual property", first: "pol_14"},
		{q: "Belt and Road", types: policy, also: []string{"pol_4", "pol_8"}},
		{q: "foreign exchange", types: policy, first: "pol_11"},
		{q: "venture capital", first: "pol_5"},
		{q: "income tax", first: "pol_9"},
		{q: "two-way cooperation", first: "pol_12"},
		{q: "talent training", types: policy, first: "pol_12", also: []string{"pol_2"}},
		{q: "subsidy", types: policy, first: "pol_10"},
		{q: "overseas students start a business", first: "pol_12"},
		{q: "returnees found a company in Xi'an", first: "pol_12"},
		// The policy's bases and cluster zones are what a founder calls parks.
		{q: "service outsourcing park", types: policy, also: []string{"pol_2", "pol_4", "pol_6", "pol_7"}},
		{q: "服务外包园区", types: policy, also: []string{"pol_2", "pol_4", "pol_6", "pol_7"}},
		// A park is no training base: 软件园 found the courses of an IT实训基地 first.
		{q: "软件园", first: "pol_2", also: []string{"pol_4", "pol_6", "pol_7"}},
	} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Q: c.q, Types: c.types}))
		if c.first != "" && (len(got) == 0 || got[0] != c.first) {
			t.Errorf("q=%q: %v, want %s first", c.q, got, c.first)
		}
		for _, id := range c.also {
			if !slices.Contains(got, id) {
				t.Errorf("q=%q: %v, want %s among them", c.q, got, id)
			}
		}
	}
	// The snippet of a hit found in English is still the official Chinese text.
	res := find(t, x, xiaoqi.SearchQuery{Q: "venture capital"})
	if len(res.Hits) == 0 || res.Hits[0].Snippet == "" || !hasHan(res.Hits[0].Snippet) {
		t.Errorf("venture capital: snippet %+v, want the Chinese text", res.Hits)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
