package ingest_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// exportOf is what GET /api/v1/{kind} answers for the documents of kind k in s: {"data": […]}.
func exportOf(tb testing.TB, s xiaoqi.Store, k xiaoqi.Kind) []byte {
	tb.Helper()
	data, err := json.Marshal(map[string]any{"data": allDocs(tb, s, k), "next": ""})
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// TestOwnExportUnchanged: xiaoqi's own JSON export of every kind, imported again, changes no
// document, however often. Job needs changed on every pass: another 标签 Tags line in each
// description, the skills their text names added, a monthly salary over 100,000 read as
// yearly and refused; programs and candidates gained the skills their text names, and
// candidates lost their schools.
func TestOwnExportUnchanged(t *testing.T) {
	t.Parallel()
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t)
	if _, err := seed.Apply(context.Background(), s, tax, 1000, false); err != nil {
		t.Fatal(err)
	}
	// A list with tags and benefits, as an HR office imports it.
	mustImport(t, s, writeFile(t, "岗位需求.csv", []byte(csvLines(
		"岗位名称,公司名称,城市,技能,福利,岗位描述,薪资",
		"Go后端工程师,西安合成软件有限公司,西安,Golang、Redis、五险一金,带薪年假,负责后端服务开发，熟悉MySQL,1-1.5万·14薪",
	))), ingest.Options{Type: xiaoqi.KindJob, Skills: ingest.TaxonomySkills(tax)})
	for _, k := range []xiaoqi.Kind{xiaoqi.KindInstitution, xiaoqi.KindProgram, xiaoqi.KindEnterprise, xiaoqi.KindJob, xiaoqi.KindCandidate} {
		before := map[string]int64{}
		for _, d := range allDocs(t, s, k) {
			before[d.Base().ID] = d.Base().Version
		}
		path := writeFile(t, string(k)+"s.json", exportOf(t, s, k))
		for pass := 1; pass <= 2; pass++ {
			rep := mustImport(t, s, path, ingest.Options{Type: k, Skills: ingest.TaxonomySkills(tax)})
			// One program of the default data set is one its school may no longer offer (a
			// 本科 program of a 专科 college): refused, not changed.
			if rep.Written != 0 || rep.Unchanged+rep.Invalid != rep.Read || rep.Read != len(before) || rep.Invalid > 1 {
				t.Errorf("%s export imported again (pass %d): %+v; want every row unchanged%s", k, pass, rep.Counts, problems(rep))
			}
		}
		changed := 0
		for _, d := range allDocs(t, s, k) {
			if before[d.Base().ID] != d.Base().Version {
				if changed++; changed <= 3 {
					t.Errorf("%s %s %q: version %d → %d", k, d.Base().ID, d.Title(), before[d.Base().ID], d.Base().Version)
				}
			}
		}
	}
	j := jobsByTitle(t, s)["Go后端工程师"]
	if j == nil || strings.Count(j.Description, "标签 Tags：") != 1 || strings.Count(j.Description, "福利 Benefits：") != 1 {
		t.Errorf("job %+v: want one tags line and one benefits line in the description", j)
	}
}
