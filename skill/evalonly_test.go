package skill_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// evalOnlyCSV is the evaluation-only sample of 1,000 real BOSS直聘/猎聘 postings (no licence):
// tests may read it from the shared data folder when it is present; rows are never copied
// into the repository.
const evalOnlyCSV = "shared/data/eval-only-boss-liepin-2019/boss_liepin_it_jobs_2019_sample1000.csv"

// TestExtractEvalOnly runs Extract over the real job descriptions of the evaluation-only set
// and prints figures. Each row was scraped under a search keyword (Java, python, JS, ...), a
// weak label: the description should usually name that language.
func TestExtractEvalOnly(t *testing.T) {
	path := findUp(evalOnlyCSV)
	if path == "" {
		t.Skipf("%s not found (evaluation-only data, optional)", filepath.Base(evalOnlyCSV))
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	tx := load(t)
	keyword := map[string][]string{ // search keyword -> skills that satisfy it
		"java": {"java"}, "python": {"python"}, "php": {"php"}, "c++": {"cpp"}, "c#": {"csharp", "dotnet"},
		"swift": {"swift", "ios"}, "ruby": {"ruby", "rails"},
		"js":         {"javascript", "typescript", "vue", "react", "angular", "nodejs", "frontend_development"},
		"javascript": {"javascript", "typescript", "vue", "react", "angular", "nodejs", "frontend_development"},
		"html+css":   {"html", "css", "frontend_development"},
	}
	counts := map[string]int{}
	var jds, withSkill, total, bytes, kwRows, kwHit int
	start := time.Now()
	for _, r := range rows[1:] {
		desc := r[col["description"]]
		got := skill.IDs(tx.Extract(desc))
		jds++
		bytes += len(desc)
		total += len(got)
		if len(got) > 0 {
			withSkill++
		}
		set := map[string]bool{}
		for _, id := range got {
			counts[id]++
			set[id] = true
		}
		if want, ok := keyword[strings.ToLower(r[col["keyword_sheet"]])]; ok {
			kwRows++
			for _, id := range want {
				if set[id] {
					kwHit++
					break
				}
			}
		}
	}
	elapsed := time.Since(start)
	fmt.Printf("eval-only BOSS/猎聘 2019: %d JDs, %.1f skills per JD, %.1f%% with a skill, search keyword found in %.1f%% (%d/%d), %.0f MB/s\n",
		jds, float64(total)/float64(jds), 100*float64(withSkill)/float64(jds),
		100*float64(kwHit)/float64(kwRows), kwHit, kwRows, float64(bytes)/1e6/elapsed.Seconds())
	fmt.Printf("  top skills: %s\n", top(counts, 25))
	if float64(withSkill) < 0.95*float64(jds) {
		t.Errorf("only %d of %d JDs name a skill", withSkill, jds)
	}
	if float64(kwHit) < 0.75*float64(kwRows) {
		t.Errorf("search keyword found in only %d of %d JDs", kwHit, kwRows)
	}
}
