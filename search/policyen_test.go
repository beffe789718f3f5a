package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestPolicyInEnglish: a reader of the English UI finds the policy's items in English, through
// their unofficial translation (seed/data/policy_en.txt), and the English function words of
// a query (and, for, in) are not required. Before, the items were indexed in Chinese only:
// "intellectual property", "Belt and Road", "foreign exchange" and "venture capital" found
// none of the items that say so, and "overseas students start a business" not item (12).
func TestPolicyInEnglish(t *testing.T) {
	x := openProductIndex(t)
	docs := seedPolicies(t, "pol_%d")
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
		// The words of a question are no words to find: where and get were named as found
		// nowhere, the answer relaxed.
		{q: "where to start an outsourcing company", first: "pol_10", also: []string{"pol_12"}},
		{q: "how to get a subsidy", first: "pol_10"},
		// The policy's bases and cluster zones are what a founder calls parks.
		{q: "service outsourcing park", types: policy, also: []string{"pol_2", "pol_4", "pol_6", "pol_7"}},
		{q: "服务外包园区", types: policy, also: []string{"pol_2", "pol_4", "pol_6", "pol_7"}},
		// A park is no training base: 软件园 found the courses of an IT实训基地 first.
		{q: "软件园", first: "pol_2", also: []string{"pol_4", "pol_6", "pol_7"}},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: c.q, Types: c.types})
		got := ids(res)
		if len(res.Unmatched) > 0 {
			t.Errorf("q=%q: %q named unmatched", c.q, res.Unmatched)
		}
		if c.first != "" && (len(got) == 0 || got[0] != c.first) {
			t.Errorf("q=%q: %v, want %s first", c.q, got, c.first)
		}
		for _, id := range c.also {
			if !slices.Contains(got, id) {
				t.Errorf("q=%q: %v, want %s among them", c.q, got, id)
			}
		}
	}
	// A hit found by a search typed in English shows a passage of the translation with the
	// words typed marked (the Chinese snippet marked 人才 for "attract talent"), said to be
	// English; a word typed with a typo marks the word it stands for, and a word within one
	// edit of another only where the word itself is absent (parks: not the part of "take part"
	// in a text that says parks). A search with Chinese shows the official text.
	index(t, x, &xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_parks"}, Number: 99, Heading: "建设软件园区",
		Text: "建设软件园区，企业参与园区建设。", TextEN: "Build software parks, in which enterprises take part."})
	for _, c := range []struct{ q, id, want, not string }{
		{"attract talent", "pol_12", "<mark>attract</mark> <mark>talent</mark>", ""},
		{"venture capital", "pol_5", "<mark>venture</mark> <mark>capital</mark>", ""},
		{"intelectual property", "pol_14", "<mark>intellectual</mark> <mark>property</mark>", ""},
		{"outsourcing parks", "pol_4", "<mark>park</mark>", ""},
		{"software parks", "pol_parks", "<mark>parks</mark>", "<mark>part</mark>"},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: c.q, Types: policy})
		i := slices.IndexFunc(res.Hits, func(h xiaoqi.Hit) bool { return h.ID == c.id })
		if i < 0 {
			t.Errorf("q=%q: %s not found", c.q, c.id)
			continue
		}
		h := res.Hits[i]
		if h.SnippetLang != "en" || hasHan(h.Snippet) || !strings.Contains(h.Snippet, c.want) || (c.not != "" && strings.Contains(h.Snippet, c.not)) {
			t.Errorf("q=%q: %s snippet %q (lang %q), want English with %s", c.q, c.id, h.Snippet, h.SnippetLang, c.want)
		}
	}
	// A number is no English: 12, looking for item (12), keeps the Chinese.
	res := find(t, x, xiaoqi.SearchQuery{Q: "12", Types: policy})
	if len(res.Hits) == 0 || slices.ContainsFunc(res.Hits, func(h xiaoqi.Hit) bool { return h.SnippetLang != "" }) {
		t.Errorf("12: %+v, want Chinese snippets", res.Hits)
	}
	res = find(t, x, xiaoqi.SearchQuery{Q: "人才", Types: policy})
	if len(res.Hits) == 0 || res.Hits[0].SnippetLang != "" || !strings.Contains(res.Hits[0].Snippet, "<mark>人才</mark>") {
		t.Errorf("人才: %+v, want the Chinese text marked", res.Hits)
	}
	// A job's text is never translated: its snippet is its own, English or not.
	res = find(t, x, xiaoqi.SearchQuery{Q: "road freight", Types: []xiaoqi.Kind{xiaoqi.KindJob}})
	if len(res.Hits) != 1 || res.Hits[0].SnippetLang != "" {
		t.Errorf("road freight: %+v, want job_en with its own snippet", res.Hits)
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
