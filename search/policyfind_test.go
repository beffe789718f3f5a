package search_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// seedPolicies returns the policy's items of the default data set, each with the id idFormat
// makes of its number.
func seedPolicies(t *testing.T, idFormat string) []xiaoqi.Doc {
	t.Helper()
	set, err := seed.Load(productOptions(t).Taxonomy)
	if err != nil {
		t.Fatal(err)
	}
	var docs []xiaoqi.Doc
	for _, p := range set.Policies {
		p.ID = fmt.Sprintf(idFormat, p.Number)
		docs = append(docs, p)
	}
	return docs
}

// policyFixture indexes the policy's items (ids pol_01 … pol_15) with a few documents that
// hold the words users found instead of them: the skill Animal studies (动物实验), 人员, 人才
// and 9, profiles of 西安 and 宝鸡, one of them a returnee, and a school and a firm of 宝鸡.
func policyFixture(t *testing.T) *search.Index {
	t.Helper()
	x := openProductIndex(t)
	docs := append(seedPolicies(t, "pol_%02d"),
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_lab"}, Name: "细胞培养实验员", EnterpriseName: "西安某生物医药有限公司", City: "西安市",
			Skills: []string{"动物实验"}, Description: "负责细胞培养与动物实验，招聘9人。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cs"}, Name: "客服人员", EnterpriseName: "西安某外包有限公司", City: "西安市",
			Description: "招聘客服人员，人才济济的团队。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_ret"}, City: "西安市", Degree: "硕士", Returnee: true, StudyCountry: "日本",
			Education: []xiaoqi.Education{{Major: "软件工程"}}, Summary: "赴日本留学，硕士毕业后回国。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_xa"}, City: "西安市", Degree: "本科",
			Education: []xiaoqi.Education{{Major: "英语"}}, Summary: "在西安从事翻译工作。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_bj1"}, City: "宝鸡市", Degree: "本科",
			Education: []xiaoqi.Education{{Major: "测绘工程"}}, Summary: "宝鸡人，希望在宝鸡工作。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_bj2"}, City: "宝鸡市", Degree: "硕士",
			Education: []xiaoqi.Education{{Major: "物联网工程"}}, Summary: "毕业于宝鸡，在宝鸡实习。"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_bj"}, Name: "宝鸡文理学院", Type: xiaoqi.InstitutionUniversity, City: "宝鸡市"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_bj"}, Name: "宝鸡某软件有限公司", City: "宝鸡市"},
	)
	index(t, x, docs...)
	return x
}

// TestStudyAbroadInEnglish: study abroad (and studied abroad, overseas study) is 留学: it found
// the postings of the skill Animal studies (动物实验) first, relaxed, and not item (12), which
// says 海外留学生, nor the profile that says 留学.
func TestStudyAbroadInEnglish(t *testing.T) {
	x := policyFixture(t)
	for _, q := range []string{"study abroad", "studied abroad", "overseas study", "study abroad returnees", "Study Abroad", "留学"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		got := ids(res)
		if res.Relaxed || len(got) < 2 || !slices.Equal(sorted(got[:2]), []string{"cnd_ret", "pol_12"}) || slices.Contains(got, "job_lab") {
			t.Errorf("%q: %v (relaxed %v), want item (12) and the returnee, not the 动物实验 posting", q, got, res.Relaxed)
		}
	}
}

// TestTalentIntroduction: talent introduction is the usual English for 人才引进 (item (12)); it
// found item (14), whose translation says introduction.
func TestTalentIntroduction(t *testing.T) {
	x := policyFixture(t)
	for _, q := range []string{"talent introduction", "introduce talent", "introduction of talent", "attract talent"} {
		for _, types := range [][]xiaoqi.Kind{nil, {xiaoqi.KindPolicy}} {
			got := ids(find(t, x, xiaoqi.SearchQuery{Q: q, Types: types}))
			if len(got) == 0 || got[0] != "pol_12" {
				t.Errorf("%q (types %v): %v, want item (12) first", q, types, got)
			}
		}
	}
}

// TestReturneesAsPeople: 留学回国人员, 留学归国人员 and 回国人员 are returnees (海归): gse made one
// word of the first, which nothing holds, and the search was relaxed over everything that says
// 人员.
func TestReturneesAsPeople(t *testing.T) {
	x := policyFixture(t)
	for _, q := range []string{"留学回国人员", "留学归国人员", "回国人员"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		got := ids(res)
		if res.Relaxed || len(got) < 2 || !slices.Equal(sorted(got[:2]), []string{"cnd_ret", "pol_12"}) || slices.Contains(got, "job_cs") {
			t.Errorf("%q: %v (relaxed %v, unmatched %v), want item (12) and the returnee, not the 客服人员", q, got, res.Relaxed, res.Unmatched)
		}
	}
}

// TestPolicyItemByNumberInEnglish: item 9, Item (9), Article 9 name item (九), as 第九条 does;
// item 9 listed a job need that says 9 first, relaxed, and Article 9 left Article out.
func TestPolicyItemByNumberInEnglish(t *testing.T) {
	x := policyFixture(t)
	for q, want := range map[string]string{"item 9": "pol_09", "Item (9)": "pol_09", "item (9)": "pol_09", "Article 9": "pol_09",
		"item 10": "pol_10", "Item (12)": "pol_12", "article 12": "pol_12", "clause 3": "pol_03"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if got := ids(res); res.Relaxed || len(got) == 0 || got[0] != want {
			t.Errorf("%q: %v (relaxed %v, unmatched %v), want %s first", q, got, res.Relaxed, res.Unmatched, want)
		}
	}
}

// TestPolicyInEveryPlaceOfShaanxi: the policy is the province's, in each of its cities: 人才引进 with
// city=西安 was relaxed to its 人才 without item (12), and 人才引进 西安 found item (12) as outside
// 西安.
func TestPolicyInEveryPlaceOfShaanxi(t *testing.T) {
	x := policyFixture(t)
	for _, q := range []xiaoqi.SearchQuery{
		{Q: "人才引进", Cities: []string{"西安"}},
		{Q: "人才引进", Regions: []xiaoqi.Region{xiaoqi.RegionGuanzhong}},
		{Q: "人才引进", Districts: []string{"雁塔区"}},
		{Q: "人才引进 西安"},
		{Q: "talent introduction Xi'an"},
	} {
		res := find(t, x, q)
		if got := ids(res); res.Relaxed || len(res.Outside) > 0 || len(got) == 0 || got[0] != "pol_12" {
			t.Errorf("%+v: %v (relaxed %v, unmatched %v, outside %v), want item (12) first, in the place", q, got, res.Relaxed, res.Unmatched, res.Outside)
		}
	}
	// A listing of a place without words lists what is there.
	if got := ids(find(t, x, xiaoqi.SearchQuery{Cities: []string{"西安"}})); slices.ContainsFunc(got, isPolicy) {
		t.Errorf("city=西安 without words: %v, want no policy item", got)
	}
}

// TestPlaceLeftAlone: a place and a word no document holds (孵化器 宝鸡) is answered as the
// place alone is, its school and firm first, naming the word unmatched; the profiles that name
// 宝鸡 most came first.
func TestPlaceLeftAlone(t *testing.T) {
	x := policyFixture(t)
	alone := ids(find(t, x, xiaoqi.SearchQuery{Q: "宝鸡"}))
	if len(alone) < 2 || !slices.Equal(sorted(alone[:2]), []string{"ent_bj", "ins_bj"}) {
		t.Fatalf("宝鸡: %v, want the school and the firm first", alone)
	}
	for q, word := range map[string]string{"孵化器 宝鸡": "孵化器", "创业园 宝鸡": "创业园", "incubator Baoji": "incubator"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		got := ids(res)
		if !res.Relaxed || !slices.Equal(res.Unmatched, []string{word}) || len(got) < 2 || !slices.Equal(sorted(got[:2]), []string{"ent_bj", "ins_bj"}) {
			t.Errorf("%q: %v (relaxed %v, unmatched %v), want 宝鸡's school and firm first, %s unmatched", q, got, res.Relaxed, res.Unmatched, word)
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func isPolicy(id string) bool { return len(id) > 4 && id[:4] == "pol_" }
