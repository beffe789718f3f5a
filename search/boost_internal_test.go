package search

import (
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestScaleBoost: bleve ignores the boost of a disjunction, a conjunction or a boolean query,
// so scaleBoost weighs them through their leaves, however deep.
func TestScaleBoost(t *testing.T) {
	a := termQuery(fieldTitle, "软件", 4)
	b := termQuery(fieldBody, "测试", 1)
	c := bleve.NewRegexpQuery(".?邮.?") // no boost set: 1
	d := bleve.NewFuzzyQuery("javascrip")
	bq := bleve.NewBooleanQuery()
	bq.AddShould(d)
	q := bleve.NewDisjunctionQuery(bleve.NewConjunctionQuery(a, b), c, bq)
	scaleBoost(q, 0.5)
	for _, tc := range []struct {
		name string
		q    query.BoostableQuery
		want float64
	}{{"term 4", a.(query.BoostableQuery), 2}, {"term 1", b.(query.BoostableQuery), 0.5}, {"regexp", c, 0.5}, {"fuzzy in a boolean", d, 0.5}} {
		if got := tc.q.Boost(); got != tc.want {
			t.Errorf("%s: boost %v, want %v", tc.name, got, tc.want)
		}
	}
	zeroBoost(q)
	if a.(query.BoostableQuery).Boost() != 0 || d.Boost() != 0 {
		t.Errorf("zeroBoost left boosts %v and %v", a.(query.BoostableQuery).Boost(), d.Boost())
	}
}
