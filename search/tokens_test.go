package search

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// TestListAnalyzer: a list analysed as one value gives each value the tokens it gets alone,
// with offsets into the joined text and positions that never make a phrase across values;
// the cache changes nothing.
func TestListAnalyzer(t *testing.T) {
	seg, err := NewSegmenter(nil)
	if err != nil {
		t.Fatal(err)
	}
	plain := textAnalyzer{seg: seg}
	cached := textAnalyzer{seg: seg, cache: newTokenCache()}
	values := []string{"软件测试", "Java", "西安电子科技大学"}
	joined := joinList(append([]string(nil), values...))
	for round := range 2 { // the second round is served from the cache
		got := listAnalyzer{cached}.Analyze([]byte(joined))
		var want analysis.TokenStream
		for _, v := range values {
			want = append(want, plain.Analyze([]byte(v))...)
		}
		if len(got) != len(want) {
			t.Fatalf("round %d: %d tokens, want %d", round, len(got), len(want))
		}
		lastPos := map[int]int{} // value index → last position
		for i, tok := range got {
			if string(tok.Term) != string(want[i].Term) {
				t.Errorf("round %d: token %d = %q, want %q", round, i, tok.Term, want[i].Term)
			}
			if s := strings.ToLower(joined[tok.Start:tok.End]); !strings.Contains(s, string(tok.Term)) {
				t.Errorf("round %d: token %q has offsets %d:%d = %q", round, tok.Term, tok.Start, tok.End, s)
			}
			v := strings.Count(joined[:tok.Start], listSep)
			lastPos[v] = tok.Position
		}
		for v := 1; v < len(values); v++ {
			first := 0
			for _, tok := range got {
				if strings.Count(joined[:tok.Start], listSep) == v {
					first = tok.Position
					break
				}
			}
			if first-lastPos[v-1] < listGap {
				t.Errorf("round %d: value %d starts at position %d, %d after value %d", round, v, first, first-lastPos[v-1], v-1)
			}
		}
	}
	keys := keywordList{}.Analyze([]byte(joined))
	if len(keys) != len(values) {
		t.Fatalf("keywordList: %d terms, want %d", len(keys), len(values))
	}
	for i, tok := range keys {
		if string(tok.Term) != values[i] || joined[tok.Start:tok.End] != values[i] {
			t.Errorf("keywordList term %d = %q at %d:%d, want %q", i, tok.Term, tok.Start, tok.End, values[i])
		}
	}
}
