package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// openStore opens an empty embedded store in a temporary directory.
func openStore(tb testing.TB) *bolt.Store {
	tb.Helper()
	s, err := bolt.Open(filepath.Join(tb.TempDir(), "xiaoqi.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// writeFile writes a fixture into a temporary directory and returns its path.
func writeFile(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// gbk encodes s in GBK, as Chinese Excel saves CSV.
func gbk(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// mustImport imports path and fails the test on a file-level error.
func mustImport(tb testing.TB, s xiaoqi.Store, path string, opt ingest.Options) *ingest.Report {
	tb.Helper()
	rep, err := ingest.Import(context.Background(), s, path, opt)
	if err != nil {
		tb.Fatalf("import %s: %v", filepath.Base(path), err)
	}
	return rep
}

// wantCounts compares the counts users see.
func wantCounts(tb testing.TB, rep *ingest.Report, want ingest.Counts) {
	tb.Helper()
	got := rep.Counts
	if got != want {
		tb.Errorf("counts:\n got  %+v\n want %+v\nproblems: %s", got, want, problems(rep))
	}
}

// problems lists a report's problems, one per line, for messages and comparisons.
func problems(rep *ingest.Report) string {
	var b strings.Builder
	for _, p := range rep.Problems {
		b.WriteString("\n  " + string(p.Level) + " " + p.String())
	}
	return b.String()
}

// allDocs lists every stored document of kind k.
func allDocs(tb testing.TB, s xiaoqi.Store, k xiaoqi.Kind) []xiaoqi.Doc {
	tb.Helper()
	var out []xiaoqi.Doc
	opt := xiaoqi.ListOptions{Limit: xiaoqi.MaxListLimit}
	for {
		page, err := s.List(context.Background(), k, opt)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, page.Docs...)
		if page.Next == "" {
			return out
		}
		opt.After = page.Next
	}
}

// jobsByTitle returns the stored job needs by title.
func jobsByTitle(tb testing.TB, s xiaoqi.Store) map[string]*xiaoqi.JobNeed {
	tb.Helper()
	out := map[string]*xiaoqi.JobNeed{}
	for _, d := range allDocs(tb, s, xiaoqi.KindJob) {
		j := d.(*xiaoqi.JobNeed)
		out[j.Name] = j
	}
	return out
}

// csvLines joins lines with CRLF, as Excel writes CSV.
func csvLines(lines ...string) string { return strings.Join(lines, "\r\n") + "\r\n" }

// hasProblem reports whether rep has a problem at row in column whose message contains text.
func hasProblem(rep *ingest.Report, level ingest.Level, row int, column, text string) bool {
	for _, p := range rep.Problems {
		if p.Level == level && p.Row == row && p.Column == column && strings.Contains(p.Message, text) {
			return true
		}
	}
	return false
}

// fatalOn returns a function that ends the test at a non-nil error: building a workbook with
// excelize returns one at every step.
func fatalOn(tb testing.TB) func(error) {
	return func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
}
