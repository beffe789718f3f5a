package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestLanguageFilterInEnglish: every language the English UI's language facet names filters
// by that name (language=English CET-6 found nothing, though 英语六级 found 237), and a
// language xiaoqi does not know is a 400 naming the parameter and its choices, as degree= is
// (language=Klingon answered total 0, as if nobody spoke it).
func TestLanguageFilterInEnglish(t *testing.T) {
	x := openProductIndex(t)
	cand := func(id string, langs ...string) *xiaoqi.Candidate {
		return &xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: id}, City: "西安市", Degree: "本科", Languages: langs}
	}
	index(t, x, cand("cnd_cet6", "英语六级"), cand("cnd_cet4", "英语四级"), cand("cnd_n2", "日语N2"),
		cand("cnd_ko", "韩语"), cand("cnd_ru", "俄语"), cand("cnd_th", "泰语"), cand("cnd_yue", "粤语"))
	candidates := []xiaoqi.Kind{xiaoqi.KindCandidate}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		// The English names of web/static/assets/i18n.json's language.* entries.
		{"English CET-6", []string{"cnd_cet6"}},
		{"english cet-4", []string{"cnd_cet4", "cnd_cet6"}},
		{"Japanese JLPT N2", []string{"cnd_n2"}},
		{"Korean", []string{"cnd_ko"}},
		{"Russian", []string{"cnd_ru"}},
		{"Southeast Asian languages", []string{"cnd_th"}},
		{"English", []string{"cnd_cet4", "cnd_cet6"}},
		// A language the taxonomy does not know, but documents hold: found, not refused.
		{"粤语", []string{"cnd_yue"}},
	} {
		got := ids(find(t, x, xiaoqi.SearchQuery{Types: candidates, Languages: []string{tc.lang}}))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("language=%s: %v, want %v", tc.lang, got, tc.want)
		}
	}
	for _, lang := range []string{"Klingon", "克林贡语"} {
		_, err := x.Search(t.Context(), xiaoqi.SearchQuery{Types: candidates, Languages: []string{lang}})
		e, ok := err.(*xiaoqi.Error)
		if !ok || e.Code != xiaoqi.EINVALID || len(e.Details) != 1 || e.Details[0].Field != "language" ||
			!strings.Contains(e.Message, lang) || !strings.Contains(e.Message, "英语六级") || !strings.Contains(e.Message, "English CET-6") {
			t.Errorf("language=%s: %v, want a 400 naming language, the value and the choices (英语六级, English CET-6)", lang, err)
		}
	}
}
