package search_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestCandidatePersonalDataNotInIndex reads the index files back with bleve itself: no
// indexed term and no stored value of any field holds a candidate's name, phone, e-mail or
// birth date, whatever query the search package would or would not build.
func TestCandidatePersonalDataNotInIndex(t *testing.T) {
	x, dir := openIndex(t)
	// A candidate who wrote personal data in fields other than the summary (an audit found
	// them public and searchable).
	leaky := &xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_leaky"}, Name: "端木删除", Phone: "13611112222",
		// Their own identity card number holds their birth date (its place code 610102 and last
		// characters 1234 were once indexed).
		BirthDate: "1999-03-04", Summary: "身份证 610102199903041234",
		Skills: []string{"Java", "电话13611112222"}, Languages: []string{"QQ 987654321"}, StudyCountry: "端木删除 136.1111.2222",
		Education: []xiaoqi.Education{{InstitutionName: "端木删除的学校 13611112222", Major: "软件工程"}}}
	index(t, x, append(corpus(), leaky)...)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	secrets := []string{"王小", "小明", "13912345678", "1234", "wxm", "example", "1999", "端木", "删除", "1361111", "2222", "987654321", "610102"}

	b, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	fields, err := b.Fields()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fields {
		switch f {
		case "name", "phone", "email", "birth_date":
			t.Errorf("the index has a field %q", f)
		}
		dict, err := b.FieldDict(f)
		if err != nil {
			t.Fatal(err)
		}
		for e, err := dict.Next(); e != nil || err != nil; e, err = dict.Next() {
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range secrets {
				if strings.Contains(e.Term, s) {
					t.Errorf("field %s holds the term %q (of %q)", f, e.Term, s)
				}
			}
		}
		_ = dict.Close()
	}

	req := bleve.NewSearchRequest(bleve.NewDocIDQuery([]string{"cnd_wang"}))
	req.Fields = []string{"*"}
	res, err := b.Search(req)
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("stored fields of cnd_wang: %v, %v", res, err)
	}
	for f, v := range res.Hits[0].Fields {
		for _, s := range secrets {
			if strings.Contains(fmt.Sprint(v), s) {
				t.Errorf("stored field %s = %q holds %q", f, v, s)
			}
		}
	}
	if res.Hits[0].Fields["title"] != "软件工程 · 本科 · 西安" {
		t.Errorf("stored fields of cnd_wang: %v", res.Hits[0].Fields)
	}
}
