package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// TestNameTypedUnfinished: 西安交通大 found 西安交通工程学院 first and 西安交通大学 157th, and
// 西安电子科技大 one program by its 大客户: a school's name typed without its last character or
// two (学, 院, 大学, 学院) finds the school, as its abbreviations do.
func TestNameTypedUnfinished(t *testing.T) {
	x := openIndexWith(t, search.Options{Aliases: map[string][]string{
		"西安交大": {"西安交通大学"}, "西电": {"西安电子科技大学"}, "陕师大": {"陕西师范大学"}, "交通学院": {"西安交通工程学院"},
	}})
	index(t, x,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xjtu"}, Name: "西安交通大学", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xtei"}, Name: "西安交通工程学院", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xidian"}, Name: "西安电子科技大学", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_xidian"}, InstitutionID: "ins_xidian", InstitutionName: "西安电子科技大学", Name: "软件工程",
			Degree: "本科", City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_snnu"}, Name: "陕西师范大学", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_kam"}, Name: "大客户经理", City: "西安市", Description: "负责西安电子科技园区的大客户。"},
	)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"西安交通大", []string{"ins_xjtu"}},
		{"西安电子科技大", []string{"ins_xidian", "prg_xidian"}},
		{"西安电子科技", []string{"ins_xidian", "prg_xidian"}},
		{"陕西师范大", []string{"ins_snnu"}},
	} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Q: tc.q}))
		if len(got) < len(tc.want) || !slices.Equal(sorted(got[:len(tc.want)]), sorted(tc.want)) {
			t.Errorf("%q = %v, want %v first", tc.q, got, tc.want)
		}
	}
}
