package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// TestSymbolNames: C, C++, C#, F#, VC++ and .NET are words of their own, in the text fields
// and the English one, and snippets mark them whole.
func TestSymbolNames(t *testing.T) {
	for _, opt := range []struct {
		name string
		opt  search.Options
	}{{"words", options(t)}, {"skills", productOptions(t)}} {
		t.Run(opt.name, func(t *testing.T) {
			x, err := search.Open(t.TempDir()+"/index", opt.opt)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = x.Close() })
			job := func(id, title, body string) xiaoqi.Doc {
				return &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: id}, Name: title, City: "西安市", Description: body}
			}
			index(t, x,
				job("job_cpp", "C++ engineer", "Qt and C++ on Linux."),
				job("job_cs", "C# engineer", "WPF with C# and ASP.NET."),
				job("job_net", "后端开发", "熟悉.NET Core。"),
				job("job_cobol", "对日cobol/RPG/PRO C中级工程师", "PRO*C、JCL。"),
				job("job_f", "量化开发", "F# and OCaml."),
				job("job_vc", "客户端开发", "VC++、MFC。"),
			)
			for _, tc := range []struct {
				q    string
				want []string // found without the taxonomy; with it, they come first
				not  []string // never found
			}{
				{"C++", []string{"job_cpp"}, []string{"job_cs", "job_net", "job_f"}},
				{"c++", []string{"job_cpp"}, []string{"job_cs", "job_net", "job_f"}},
				{"C#", []string{"job_cs"}, []string{"job_cpp", "job_cobol", "job_vc", "job_f"}},
				{"F#", []string{"job_f"}, []string{"job_cpp", "job_cs", "job_cobol"}},
				{"VC++", []string{"job_vc"}, []string{"job_cs", "job_net", "job_cobol"}},
				{".NET", []string{"job_cs", "job_net"}, []string{"job_cpp", "job_cobol"}},
				{"C", []string{"job_cobol"}, []string{"job_cs", "job_net", "job_f"}},
			} {
				got := ids(find(t, x, xiaoqi.SearchQuery{Q: tc.q, Types: []xiaoqi.Kind{xiaoqi.KindJob}}))
				if opt.name == "words" {
					slices.Sort(got)
					if !slices.Equal(got, tc.want) {
						t.Errorf("%s = %v, want %v", tc.q, got, tc.want)
					}
					continue
				}
				// With the taxonomy a skill also finds its names and related skills (C++
				// and C): what was typed comes first, other languages never.
				if len(got) < len(tc.want) || !slices.Contains(tc.want, got[0]) || slices.ContainsFunc(got, func(id string) bool { return slices.Contains(tc.not, id) }) {
					t.Errorf("%s = %v, want %v first and none of %v", tc.q, got, tc.want, tc.not)
				}
			}
			res := find(t, x, xiaoqi.SearchQuery{Q: "C#", Types: []xiaoqi.Kind{xiaoqi.KindJob}})
			for _, h := range res.Hits {
				if h.ID == "job_cs" && !strings.Contains(h.Snippet, "<mark>C#</mark>") {
					t.Errorf("C#: snippet %q, want C# marked whole", h.Snippet)
				}
			}
			res = find(t, x, xiaoqi.SearchQuery{Q: ".NET", Types: []xiaoqi.Kind{xiaoqi.KindJob}})
			for _, h := range res.Hits {
				if h.ID == "job_net" && !strings.Contains(h.Snippet, "<mark>.NET</mark>") {
					t.Errorf(".NET: snippet %q, want .NET marked whole", h.Snippet)
				}
			}
		})
	}
}

// TestSnippetsMarkNoFragmentOfAnExpansion: a skill's other names mark a snippet only where
// they stand whole: 日语N2 marked the 以上 of 本科及以上 (from N2以上) and the 2 of a list item
// (from 日语2级) in every posting, C# the 开发 of any sentence (from csharp开发).
func TestSnippetsMarkNoFragmentOfAnExpansion(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_n2"}, Name: "风电运维工程师", City: "西安市",
			Description: "1. 本科及以上学历；\n2. 外语要求：日语N2。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_n2up"}, Name: "对日开发", City: "西安市",
			Description: "要求日语N2以上。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cs"}, Name: "上位机工程师", City: "西安市",
			Description: "负责C#开发，参与接口开发。"},
	)
	for _, tc := range []struct{ q, id, want, not string }{
		{"日语N2", "job_n2", "<mark>日语N2</mark>", "<mark>以上</mark>"},
		{"日语N2", "job_n2", "<mark>日语N2</mark>", "<mark>2</mark>"},
		{"日语N2", "job_n2up", "<mark>日语N2以上</mark>", ""},
		{"C#", "job_cs", "<mark>C#</mark>", "<mark>开发</mark>"}, // csharp开发 is an alias, 开发 alone none
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		for _, h := range res.Hits {
			if h.ID == tc.id && (!strings.Contains(h.Snippet, tc.want) || tc.not != "" && strings.Contains(h.Snippet, tc.not)) {
				t.Errorf("%s, %s: snippet %q, want %s and not %s", tc.q, tc.id, h.Snippet, tc.want, tc.not)
			}
		}
		if !slices.Contains(ids(res), tc.id) {
			t.Errorf("%s: %v, want %s", tc.q, ids(res), tc.id)
		}
	}
}
