package skill_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// load returns a freshly loaded taxonomy.
func load(tb testing.TB) *skill.Taxonomy {
	tb.Helper()
	t, err := skill.Load()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return t
}

// job is a record of testdata/jobs.txt.
type job struct {
	id, source string
	skills     []string
	text       string
}

// readJobs parses testdata/jobs.txt (its format is described in the file's header).
func readJobs(tb testing.TB) []job { return readJobFile(tb, "jobs.txt") }

// readJobFile parses a file of labelled jobs in testdata.
func readJobFile(tb testing.TB, name string) []job {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	var jobs []job
	var cur *job
	var text []string
	flush := func() {
		if cur != nil {
			cur.text = strings.TrimSpace(strings.Join(text, "\n"))
			jobs = append(jobs, *cur)
		}
		text = nil
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "=== "):
			flush()
			id, source, _ := strings.Cut(strings.TrimPrefix(line, "=== "), " | ")
			cur = &job{id: strings.TrimSpace(id), source: source}
		case cur == nil:
			// the header
		case strings.HasPrefix(line, "skills:") && cur.skills == nil && len(text) == 0:
			cur.skills = strings.Fields(strings.TrimPrefix(line, "skills:"))
		default:
			text = append(text, line)
		}
	}
	flush()
	if len(jobs) == 0 {
		tb.Fatalf("testdata/%s has no records", name)
	}
	return jobs
}

// findUp returns the first path rel that exists in the working directory or one of its
// parents, or "" when there is none.
func findUp(rel string) string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
