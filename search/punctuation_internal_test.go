package search

import "testing"

// TestSeparateWords: the marks that stand inside words (Xi'an, Node.js, .NET, 9:00, C++, C#,
// R&D, CET-6) stay; around or between words, punctuation is a space.
func TestSeparateWords(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Xi'an Chang’an master's", "Xi'an Chang’an master's"},
		{"Node.js .NET 3.5 C++ C# R&D CET-6 9:00 10,000", "Node.js .NET 3.5 C++ C# R&D CET-6 9:00 10,000"},
		{`"西电"`, " 西电 "},
		{"西工大、西电。", "西工大 西电 "},
		{"'Java', Python; Go!", " Java   Python  Go "},
		{"item (9)", "item  9 "},
		{"软件测试 -外包", "软件测试 -外包"},
		// The minus of an exclusion stays on its quoted or bracketed word (-"外包" found the
		// one posting that says 外包 instead of leaving it out).
		{`软件测试 -"外包"`, "软件测试 -外包 "}, {"软件测试 -“外包”", "软件测试 -外包 "}, {"-（外包） 测试", "-外包  测试"},
	} {
		if got := separateWords(tc.in); got != tc.want {
			t.Errorf("separateWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
