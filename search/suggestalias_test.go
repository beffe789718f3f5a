package search_test

import (
	"context"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestSuggestSkillAliases: typed whole, another name the taxonomy gives a skill suggests the
// skill's name, first: an HR manager typing N2 was offered nothing, though 日语N2 stood in
// 16 documents (the documents write the name, and N2 begins none of them).
func TestSuggestSkillAliases(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ja"}, Name: "日语客服专员", City: "西安市", Skills: []string{"日语N2"},
			Description: "负责日本客户的电话与邮件支持。"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_ja"}, InstitutionName: "西安外国语大学", Name: "日语", Degree: "本科", City: "西安市",
			Skills: []string{"日语N2", "日语N1"}},
	)
	for _, prefix := range []string{"N2", "n2", "JLPT N2", "日语二级"} {
		got, err := x.Suggest(context.Background(), prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].Text != "日语N2" || got[0].Count != 2 {
			t.Errorf("suggestions for %q = %v, want 日语N2 (2) first", prefix, got)
		}
	}
	// The name itself is suggested once.
	got, err := x.Suggest(context.Background(), "日语N2", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Text != "日语N2" {
		t.Errorf("suggestions for 日语N2 = %v, want it once", got)
	}
}
