package xiaoqi_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestCandidateRedactIDCardInGroups: an identity card number written in groups showed all but
// its date: "身份证 610102 19990304 1234" became "610102 [hidden] 1234", the place of
// registration and the last four characters, which services ask to confirm who one is, and a
// search for 610102 found the person. The whole number goes, however it is grouped, whether or
// not it holds the candidate's own birth date.
func TestCandidateRedactIDCardInGroups(t *testing.T) {
	for _, c := range []*xiaoqi.Candidate{{Name: "周小川", BirthDate: "1999-03-04"}, {Name: "周小川"}} {
		for _, id := range []string{"610102 19990304 1234", "610102-19990304-123X", "6101 0219 9903 0412 34", "610102\t19990304\t1234",
			"6101-0219-9903-0412-3X", "６１０１０２ １９９９０３０４ １２３４"} {
			got := c.Redact("身份证 "+id+"，熟悉Java", "*")
			if got != "身份证 *，熟悉Java" {
				t.Errorf("birth date %q: Redact(身份证 %s) = %q, want 身份证 *，熟悉Java", c.BirthDate, id, got)
			}
		}
	}
	// Numbers that are not one: a phone and a year range, a count.
	c := &xiaoqi.Candidate{Name: "周小川"}
	for _, keep := range []string{"2019-2023 就读西北大学", "服务 1200 家企业，2000-3000 人"} {
		if got := c.Redact(keep, "*"); got != keep {
			t.Errorf("Redact(%q) = %q: it is no identity card number", keep, got)
		}
	}
}
