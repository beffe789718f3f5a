package ingest_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// TestSchoolOtherNames: a résumé list or a program list that names a school by an abbreviation
// the system knows (西电, 西安交大, 西工大, 陕师大) or by its English name (Xidian University) is
// linked to it, as search reads them; the candidate rows were not linked and nothing was said,
// the program rows refused. A school that cannot be linked (哈佛大学, 西安电子科大) keeps its
// text, with a warning.
func TestSchoolOtherNames(t *testing.T) {
	t.Parallel()
	names, err := seed.InstitutionOtherNames()
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t)
	mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines("学校名称,学校标识码,城市,办学层次",
		"西安电子科技大学,4161010701,西安市,本科", "西安交通大学,4161010698,西安市,本科", "西北工业大学,4161010699,西安市,本科",
		"陕西师范大学,4161010718,西安市,本科"))), ingest.Options{Type: xiaoqi.KindInstitution})
	ids := map[string]string{}
	for _, d := range allDocs(t, s, xiaoqi.KindInstitution) {
		ids[d.(*xiaoqi.Institution).Name] = d.Base().ID
	}
	rep := mustImport(t, s, writeFile(t, "abbr.csv", []byte(csvLines("姓名,毕业院校,专业,学历,手机",
		"测癸某,西电,软件工程,本科,13100131000",
		"测子某,西安电子科大,计算机科学与技术,本科,13100131001",
		"测丑某,Xidian University,软件工程,本科,13100131002",
		"测寅某,哈佛大学,计算机,硕士,13100131003",
		"测卯某,西安交大,软件工程,硕士,13100131004",
		"测西工某,西工大,航空航天工程,本科,13100131009",
		"测陕师某,陕师大,汉语言文学,本科,13100131010"))), ingest.Options{Type: xiaoqi.KindCandidate, InstitutionNames: names})
	want := map[string]string{"测癸某": "西安电子科技大学", "测子某": "", "测丑某": "西安电子科技大学", "测寅某": "",
		"测卯某": "西安交通大学", "测西工某": "西北工业大学", "测陕师某": "陕西师范大学"}
	for _, d := range allDocs(t, s, xiaoqi.KindCandidate) {
		c := d.(*xiaoqi.Candidate)
		if len(c.Education) != 1 || c.Education[0].InstitutionID != ids[want[c.Name]] || c.Education[0].InstitutionName == "" ||
			want[c.Name] != "" && c.Education[0].InstitutionName != want[c.Name] {
			t.Errorf("%s: education %+v, want linked to %q", c.Name, c.Education, want[c.Name])
		}
	}
	for row, warn := range map[int]bool{2: false, 3: true, 4: false, 5: true, 6: false} {
		if got := hasProblem(rep, ingest.LevelWarning, row, "毕业院校", "not linked"); got != warn {
			t.Errorf("row %d: warning %v, want %v:%s", row, got, warn, problems(rep))
		}
	}

	rep = mustImport(t, s, writeFile(t, "prog.csv", []byte(csvLines("学校名称,专业名称,专业代码,培养层次", "西电,软件工程,080902,本科"))),
		ingest.Options{Type: xiaoqi.KindProgram, InstitutionNames: names})
	if rep.Written != 1 {
		t.Errorf("program of 西电: %+v:%s", rep.Counts, problems(rep))
	}
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		if p := d.(*xiaoqi.Program); p.InstitutionName != "西安电子科技大学" {
			t.Errorf("program %+v, want 西安电子科技大学's", p)
		}
	}
}
