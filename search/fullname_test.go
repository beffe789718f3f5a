package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestSchoolNameFindsItsOwn: a school's full name finds its own programs and those of the
// colleges named after it, not every program whose title holds the name's words apart (an
// audit counted 西北工业大学's programs as 168 of the 280 found for 西北大学).
func TestSchoolNameFindsItsOwn(t *testing.T) {
	x := openProductIndex(t)
	prog := func(id, school, major string) *xiaoqi.Program {
		return &xiaoqi.Program{Meta: xiaoqi.Meta{ID: id}, InstitutionName: school, Name: major, MajorCode: "080902", Degree: "本科", City: "西安市"}
	}
	index(t, x, prog("prg_nwu", "西北大学", "软件工程"), prog("prg_nwu_modern", "西北大学现代学院", "软件工程"),
		prog("prg_nwpu", "西北工业大学", "软件工程"), prog("prg_nwsuaf", "西北农林科技大学", "软件工程"))
	for _, q := range []string{"西北大学", "西北大"} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Q: q, Types: []xiaoqi.Kind{xiaoqi.KindProgram}}))
		slices.Sort(got)
		if want := []string{"prg_nwu", "prg_nwu_modern"}; !slices.Equal(got, want) {
			t.Errorf("%s found %v, want %v", q, got, want)
		}
	}
}
