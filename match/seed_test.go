package match_test

import (
	"context"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// TestSeedInstitutionPartners reads the suggestions for 西安邮电大学 on the real seed data
// (issue 7): enterprises whose whole demand is one or two postings must not fill the top of
// the list ahead of enterprises with substantial demand its graduates fit, and the English
// texts name Xi'an in English.
func TestSeedInstitutionPartners(t *testing.T) {
	tax := loadTax(t)
	set, err := seed.Load(tax)
	if err != nil {
		t.Fatal(err)
	}
	docs := set.Docs()
	var id string
	for _, d := range docs {
		if b := d.Base(); b.ID == "" { // the store names documents on write
			b.ID = xiaoqi.NewID(d.Kind(), d.NaturalKey())
		}
		if in, ok := d.(*xiaoqi.Institution); ok && in.Name == "西安邮电大学" {
			id = in.ID
		}
	}
	if id == "" {
		t.Fatal("西安邮电大学 not in the seed data")
	}
	m := match.New(nil, tax)
	m.LoadDocs(docs)
	l, err := m.InstitutionPartners(context.Background(), id, xiaoqi.Scope{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Data) != 5 {
		t.Fatalf("got %d suggestions, want 5", len(l.Data))
	}
	for k, x := range l.Data {
		var fit *xiaoqi.MatchFactor
		for i := range x.Factors {
			if x.Factors[i].Factor == "fit" {
				fit = &x.Factors[i]
			}
		}
		if fit == nil {
			t.Fatalf("#%d %s has no fit factor", k+1, x.Enterprise.Name)
		}
		t.Logf("#%d %.2f %s — %s", k+1, x.Score, x.Enterprise.Name, fit.ZH)
		if strings.Contains(fit.ZH, "需求量小") {
			t.Errorf("#%d %s is a small demand (%s); want enterprises with substantial demand first", k+1, x.Enterprise.Name, fit.ZH)
		}
		for _, f := range x.Factors {
			if f.Factor == "distance" && strings.Contains(f.EN, "西安") {
				t.Errorf("#%d distance in English names the city in Chinese: %q", k+1, f.EN)
			}
		}
	}
}
