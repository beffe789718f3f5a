package xiaoqi_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestIdentityIsWhatOthersSaid: who a stored candidate is (Identity: what a row of a list is
// matched to, what her erasure keeps out) is what the school or an administrator gave, never
// a name, phone or e-mail she wrote on her profile herself: she wrote another person's and had
// their row, or kept them out of xiaoqi once she erased herself. What the school gave stays
// hers after she changes it, whatever she writes next.
func TestIdentityIsWhatOthersSaid(t *testing.T) {
	school := &xiaoqi.Candidate{Name: "陈晓东", Phone: "13700001111", Email: "cxd@example.com"}
	hers := school.IdentityKeys()
	victim := (&xiaoqi.Candidate{Name: "孙悟空", Phone: "13511112222", Email: "wukong@example.com"}).IdentityKeys()
	for _, tc := range []struct {
		name   string
		writes [][3]string // name, phone, e-mail she writes, one PUT each
		want   []string    // of hers, the school's keys Identity keeps
	}{
		{"another person's name and phone", [][3]string{{"孙悟空", "13511112222", "cxd@example.com"}}, hers},
		{"another person's name, phone and e-mail", [][3]string{{"孙悟空", "13511112222", "wukong@example.com"}}, hers},
		{"another person's phone under her own name", [][3]string{{"陈晓东", "13511112222", "cxd@example.com"}}, hers},
		{"another person's, then her own back", [][3]string{{"孙悟空", "13511112222", "wukong@example.com"}, {"陈晓东", "13700001111", "cxd@example.com"}}, hers},
		{"her new phone", [][3]string{{"陈晓东", "13900009999", "cxd@example.com"}}, hers},
	} {
		c := *school
		for _, w := range tc.writes {
			old := c
			c.Name, c.Phone, c.Email = w[0], w[1], w[2]
			c.OwnFields = xiaoqi.Corrected(&old, &c)
			c.FormerKeys = xiaoqi.FormerIdentity(&old, &c)
		}
		got := c.Identity()
		for _, k := range tc.want {
			if !slices.Contains(got, k) {
				t.Errorf("%s: Identity %v lacks the school's key %s", tc.name, got, k)
			}
		}
		for _, k := range victim {
			if slices.Contains(got, k) {
				t.Errorf("%s: Identity %v holds the key %s of the person she wrote", tc.name, got, k)
			}
		}
		if k := (&xiaoqi.Candidate{Name: "陈晓东", Phone: "13900009999"}).IdentityKeys()[0]; slices.Contains(got, k) {
			t.Errorf("%s: Identity %v holds the phone she wrote herself", tc.name, got)
		}
	}
}
