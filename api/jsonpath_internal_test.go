package api

import "testing"

// TestDuplicateKeyFolding: two keys are one when encoding/json would fill one field with both
// (it matches names without regard to case, by Unicode's simple folding), and two when it
// tells them apart.
func TestDuplicateKeyFolding(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ body, path, first string }{
		{`{"title":"a","TITLE":"b"}`, "TITLE", "title"},
		{`{"Title":"a","title":"b"}`, "title", "Title"},
		{`{"skills":[],"ſkills":[]}`, "ſkills", "skills"},                     // ſ (long s) folds to s
		{`{"kind":1,"\u212Aind":2}`, "\u212Aind", "kind"},                     // the Kelvin sign folds to k
		{`[{"a":1},{"city":"x","CITY":"y"}]`, "docs[1].CITY", "docs[1].city"}, // a batch names the item
		{`{"edu":[{"major":"a"},{"major":"b","Major":"c"}]}`, "edu[1].Major", "edu[1].major"},
		{`{"title":"a","TİTLE":"b"}`, "", ""}, // İ (dotted capital I) is no i to encoding/json
		{`{"major":"a","edu":{"Major":"b"}}`, "", ""},
	} {
		path, first, ok := duplicateKey([]byte(tc.body))
		if path != tc.path || first != tc.first || ok != (tc.path != "") {
			t.Errorf("%s: duplicate %q (first %q, %v), want %q (first %q)", tc.body, path, first, ok, tc.path, tc.first)
		}
	}
}
