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
