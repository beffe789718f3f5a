package search_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestEnglishAmpersandIsAnd: an ampersand between the words of a school's English name is its
// and: Xi'an University of Posts & Telecommunications named no school and listed 西安文理学院's
// programs first, 西安邮电大学 not among the first 18. R&D stays 研发, A&F a school's own.
func TestEnglishAmpersandIsAnd(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xupt"}, Name: "西安邮电大学", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xawl"}, Name: "西安文理学院", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_nwafu"}, Name: "西北农林科技大学", Type: xiaoqi.InstitutionUniversity, City: "咸阳市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_rd"}, Name: "新药研发助理", City: "西安市"},
	)
	for q, want := range map[string]string{
		"Xi'an University of Posts & Telecommunications": "ins_xupt",
		"Xi'an University of Posts&Telecommunications":   "ins_xupt",
		"Northwest A&F University":                       "ins_nwafu",
		"R&D":                                            "job_rd",
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if got := ids(res); len(got) == 0 || got[0] != want || res.Relaxed {
			t.Errorf("%q: hits %v relaxed %v, want %s first", q, got, res.Relaxed, want)
		}
	}
}
