package skill_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestExtractFixture measures Extract against the labelled job texts of testdata/jobs.txt,
// on which the aliases were tuned, and of testdata/jobs_holdout.txt, which was written
// afterwards: micro-averaged precision and recall over (job, skill) pairs.
func TestExtractFixture(t *testing.T) {
	tx := load(t)
	for _, name := range []string{"jobs.txt", "jobs_holdout.txt"} {
		t.Run(name, func(t *testing.T) { measure(t, tx, name) })
	}
}

func measure(t *testing.T, tx *skill.Taxonomy, name string) {
	jobs := readJobFile(t, name)
	if name == "jobs.txt" && len(jobs) < 200 {
		t.Errorf("fixture has %d jobs, want at least 200", len(jobs))
	}
	var tp, fp, fn int
	missed, spurious := map[string]int{}, map[string]int{}
	for _, j := range jobs {
		want := map[string]bool{}
		for _, id := range j.skills {
			if _, ok := tx.Skill(id); !ok {
				t.Errorf("%s: label %q is not a skill", j.id, id)
			}
			want[id] = true
		}
		got := map[string]bool{}
		for _, id := range skill.IDs(tx.Extract(j.text)) {
			got[id] = true
		}
		var extra, lost []string
		for id := range got {
			if want[id] {
				tp++
			} else {
				fp++
				extra = append(extra, id)
				spurious[id]++
			}
		}
		for id := range want {
			if !got[id] {
				fn++
				lost = append(lost, id)
				missed[id]++
			}
		}
		if len(extra)+len(lost) > 0 {
			sort.Strings(extra)
			sort.Strings(lost)
			t.Logf("%s: missed %v, spurious %v", j.id, lost, extra)
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	fmt.Printf("skill.Extract on %s, %d labelled jobs: precision %.3f, recall %.3f (tp %d, fp %d, fn %d)\n",
		name, len(jobs), precision, recall, tp, fp, fn)
	fmt.Printf("  most missed: %s\n  most spurious: %s\n", top(missed, 8), top(spurious, 8))
	if precision < 0.90 {
		t.Errorf("precision %.3f, want at least 0.90", precision)
	}
	if recall < 0.85 {
		t.Errorf("recall %.3f, want at least 0.85", recall)
	}
}

// top formats the n largest counts of m.
func top(m map[string]int, n int) string {
	type kv struct {
		k string
		v int
	}
	var list []kv
	for k, v := range m {
		list = append(list, kv{k, v})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].v > list[j].v || list[i].v == list[j].v && list[i].k < list[j].k })
	var parts []string
	for i := 0; i < len(list) && i < n; i++ {
		parts = append(parts, fmt.Sprintf("%s×%d", list[i].k, list[i].v))
	}
	return strings.Join(parts, ", ")
}
