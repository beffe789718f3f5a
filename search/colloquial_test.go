package search_test

import (
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestColloquialWords: what people call a developer (程序员, 码农) finds the postings titled
// 开发工程师, 研究生 means a master's or a doctorate, as a word and as a degree filter, and a
// degree that does not exist is a 400 naming the parameter (it found nothing, silently).
func TestColloquialWords(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_dev"}, Name: "Java开发工程师", City: "西安市", Degree: "本科"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_ops"}, Name: "运维工程师", City: "西安市", Degree: "大专"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_ms"}, City: "西安市", Degree: "硕士", Skills: []string{"Java"}},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_phd"}, City: "西安市", Degree: "博士", Skills: []string{"Java"}},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_ba"}, City: "西安市", Degree: "本科", Skills: []string{"Java"}},
	)
	for _, tc := range []struct {
		q    xiaoqi.SearchQuery
		want []string
	}{
		{xiaoqi.SearchQuery{Q: "程序员"}, []string{"job_dev"}},
		{xiaoqi.SearchQuery{Q: "码农 西安"}, []string{"job_dev"}},
		{xiaoqi.SearchQuery{Q: "Java", Types: []xiaoqi.Kind{xiaoqi.KindCandidate}, Degrees: []string{"研究生"}}, []string{"cnd_ms", "cnd_phd"}},
	} {
		got := ids(find(t, x, tc.q))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%+v found %v, want %v", tc.q, got, tc.want)
		}
	}
	_, err := x.Search(t.Context(), xiaoqi.SearchQuery{Q: "Java", Degrees: []string{"xyz"}})
	if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
		t.Errorf("degree=xyz: %v, want an invalid-parameter error", err)
	}
}

// TestPolicyInEveryPlace: the province's policy items are in every city for a search of
// policies or of words (创业 among policies in 西安 found nothing; 服务外包 in 西安 left out the
// items that say it), unless the words ask for another kind (服务外包 公司: firms); not for a
// listing without words, which lists what is there, as the city facet counts.
func TestPolicyInEveryPlace(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_12"}, Number: 12, Heading: "加大人才培育和引进力度", Text: "鼓励海外留学生在陕创办服务外包企业。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xa"}, Name: "服务外包项目经理", City: "西安市"},
	)
	for _, tc := range []struct {
		q    xiaoqi.SearchQuery
		want []string
	}{
		{xiaoqi.SearchQuery{Q: "创业", Types: []xiaoqi.Kind{xiaoqi.KindPolicy}, City: "西安"}, []string{"pol_12"}},
		{xiaoqi.SearchQuery{Q: "留学生 创业", Regions: []xiaoqi.Region{"关中"}}, []string{"pol_12"}},
		{xiaoqi.SearchQuery{Q: "服务外包", City: "西安"}, []string{"job_xa", "pol_12"}},
		{xiaoqi.SearchQuery{Q: "服务外包 公司", City: "西安"}, []string{"job_xa"}},
		{xiaoqi.SearchQuery{City: "西安"}, []string{"job_xa"}},
	} {
		got := ids(find(t, x, tc.q))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%+v found %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestNearDistrict: near= takes a district or county as well as a city (near=雁塔区 was a 400
// though /divisions gives its centre).
func TestNearDistrict(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_yt"}, Name: "运维工程师", City: "西安市", District: "雁塔区"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_zz"}, Name: "运维工程师", City: "西安市", District: "周至县"},
	)
	// Also after its city, as an HR manager copies it from an address (西安市雁塔区 was a 400).
	for _, near := range []string{"雁塔区", "雁塔", "西安市雁塔区", "西安雁塔区", "西安 雁塔"} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Q: "运维", NearCity: near, WithinKM: 3}))
		if !slices.Equal(got, []string{"job_yt"}) {
			t.Errorf("near=%s within 3 km: %v, want [job_yt]", near, got)
		}
	}
	if _, err := x.Search(t.Context(), xiaoqi.SearchQuery{Q: "运维", NearCity: "不存在区", WithinKM: 3}); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
		t.Errorf("near=不存在区: %v, want an invalid-parameter error", err)
	}
}

// TestLanguageAtLeast: a language filter with a level finds that level or higher, as people
// write them (language=日语N2 left out the N1 holders, 英语四级 those with 六级).
func TestLanguageAtLeast(t *testing.T) {
	x := openProductIndex(t)
	cand := func(id string, langs ...string) *xiaoqi.Candidate {
		return &xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: id}, City: "西安市", Degree: "本科", Languages: langs}
	}
	index(t, x, cand("cnd_n1", "日语N1"), cand("cnd_n2", "日语N2"), cand("cnd_n3", "日语N3"),
		cand("cnd_cet6", "英语CET-6"), cand("cnd_cet4", "英语四级"))
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"日语N2", []string{"cnd_n1", "cnd_n2"}},
		{"日语", []string{"cnd_n1", "cnd_n2", "cnd_n3"}},
		{"英语四级", []string{"cnd_cet4", "cnd_cet6"}},
		{"英语六级", []string{"cnd_cet6"}},
	} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Types: []xiaoqi.Kind{xiaoqi.KindCandidate}, Languages: []string{tc.lang}}))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("language=%s: %v, want %v", tc.lang, got, tc.want)
		}
	}
}

// TestSomeoneAsksForPeople: a recruiter asking for someone (找个, 招一个, 找几个) asks for
// people: 找个会Java的 searched 找 as a word and listed Java job needs, saying that nothing
// held 找.
func TestSomeoneAsksForPeople(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_java"}, Name: "Java开发工程师", City: "西安市", Skills: []string{"Java"}},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_java"}, City: "西安市", Degree: "本科", Skills: []string{"Java"}},
	)
	for _, q := range []string{"找个会Java的", "招一个Java", "找几个 Java"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if got := ids(res); res.Relaxed || len(got) == 0 || got[0] != "cnd_java" {
			t.Errorf("%s = %v (relaxed %v, unmatched %q), want cnd_java first, not relaxed", q, got, res.Relaxed, res.Unmatched)
		}
	}
}
