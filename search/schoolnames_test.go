package search_test

import (
	"context"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// schoolsCorpus is the real schools that share words of their English names (Northwest, Xi'an
// … University), a college of one of them, and programs of each.
func schoolsCorpus() []xiaoqi.Doc {
	var docs []xiaoqi.Doc
	for i, n := range []string{"西北大学", "西北工业大学", "西北政法大学", "西北农林科技大学", "西安交通大学", "西安交通大学城市学院",
		"西安电子科技大学", "西安思源学院", "西安文理学院", "西安理工大学", "陕西师范大学", "陕西警察学院", "长安大学"} {
		id := "ins_" + string(rune('a'+i))
		docs = append(docs, &xiaoqi.Institution{Meta: xiaoqi.Meta{ID: id}, Name: n, Type: xiaoqi.InstitutionUniversity, City: "西安市"},
			&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_" + string(rune('a'+i))}, InstitutionID: id, InstitutionName: n,
				Name: "计算机科学与技术", City: "西安市"})
	}
	return docs
}

// TestSearchEnglishSchoolNames: a returned student types the English names the schools use,
// in any case, with or without the apostrophe of Xi'an, whole or begun: Xidian University
// found nothing, Xi'an Jiaotong University was relaxed with 西安思源学院 first.
func TestSearchEnglishSchoolNames(t *testing.T) {
	x := openProductIndex(t)
	index(t, x, schoolsCorpus()...)
	for q, want := range map[string]string{
		"Xidian University":                                 "西安电子科技大学",
		"xidian university":                                 "西安电子科技大学",
		"Xi'an Jiaotong University":                         "西安交通大学",
		"Xi’an Jiaotong University":                         "西安交通大学",
		"XIAN JIAOTONG UNIVERSITY":                          "西安交通大学",
		"Xi'an Jiaotong":                                    "西安交通大学",
		"Xi'an Jiaotong University City College":            "西安交通大学城市学院",
		"Northwestern Polytechnical University":             "西北工业大学",
		"Northwest University":                              "西北大学",
		"Northwest University of Political Science and Law": "西北政法大学",
		"Northwest A&F University":                          "西北农林科技大学",
		"Shaanxi Normal University":                         "陕西师范大学",
		"Shaanxi Normal":                                    "陕西师范大学",
		"Xi'an University":                                  "西安文理学院",
		"Xi'an University of Technology":                    "西安理工大学",
		"Chang'an University":                               "长安大学",
	} {
		// 西安交通大学 finds its City College too, as in Chinese.
		res := find(t, x, xiaoqi.SearchQuery{Q: q, Types: []xiaoqi.Kind{xiaoqi.KindInstitution}})
		if len(res.Hits) == 0 || res.Hits[0].Title != want || res.Relaxed || len(res.Hits) > 2 {
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Title)
			}
			t.Errorf("%q: %v (relaxed %v), want %s first, not relaxed", q, got, res.Relaxed, want)
		}
	}
	// With other words: the school's programs of a major.
	res := find(t, x, xiaoqi.SearchQuery{Q: "Xidian University 计算机", Types: []xiaoqi.Kind{xiaoqi.KindProgram}})
	if len(res.Hits) != 1 || res.Hits[0].Fields["institution_name"] != "西安电子科技大学" || res.Hits[0].Fields["institution_name_en"] != "Xidian University" {
		t.Errorf("Xidian University 计算机: %+v, want the program of 西安电子科技大学 (Xidian University)", res.Hits)
	}
	// A name's words apart are no name: Northwest 大学 University is not 西北大学.
	if res := find(t, x, xiaoqi.SearchQuery{Q: "Northwest 政法 University", Types: []xiaoqi.Kind{xiaoqi.KindInstitution}}); len(res.Hits) > 0 && res.Hits[0].Title == "西北大学" {
		t.Errorf("Northwest 政法 University: 西北大学 first, its words taken apart as its name")
	}
	// Places and common words are no school: Xi'an is still 西安, Shaanxi University no name.
	if res := find(t, x, xiaoqi.SearchQuery{Q: "Xi'an", Types: []xiaoqi.Kind{xiaoqi.KindInstitution}}); len(res.Hits) < 5 {
		t.Errorf("Xi'an: %d institutions, want every one of 西安", len(res.Hits))
	}
}

// TestSuggestEnglishSchoolNames: the beginning of a school's English name suggests the name
// (Xi'an Jiao suggested nothing), and the suggestion, searched, finds the school.
func TestSuggestEnglishSchoolNames(t *testing.T) {
	x := openProductIndex(t)
	index(t, x, schoolsCorpus()...)
	for prefix, want := range map[string]string{
		"Xi'an Jiao":           "Xi'an Jiaotong University",
		"xian jiao":            "Xi'an Jiaotong University",
		"Xi’an Jiaotong Univ":  "Xi'an Jiaotong University",
		"xidi":                 "Xidian University",
		"Northwestern":         "Northwestern Polytechnical University",
		"Shaanxi Normal":       "Shaanxi Normal University",
		"northwest university": "Northwest University",
	} {
		got, err := x.Suggest(context.Background(), prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].Text != want || got[0].Count != 2 {
			t.Errorf("Suggest(%q) = %v, want %s first, with its 2 documents", prefix, got, want)
		}
	}
	got, err := x.Suggest(context.Background(), "Xi'an Jiao", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Text != "Xi'an Jiaotong University City College" {
		t.Errorf("Suggest(Xi'an Jiao) = %v, want the university and its City College", got)
	}
}
