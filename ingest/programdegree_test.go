package ingest_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestProgramDegreeFitsInstitution: the API refuses a 博士 program of a vocational college or
// a 本科 course of a training institution (xiaoqi.CheckProgramDegree), but an import stored
// them, counted as graduates of a level the school has none of. The import now refuses the
// row with the API's message, in the degree column; a degree only guessed from an
// undergraduate major code is an error in the major code's column at a vocational college,
// and a course (培训) at a training institution.
func TestProgramDegreeFitsInstitution(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines(
		"学校名称,学校标识码,城市,办学层次",
		"陕西职业技术学院,4161012583,西安市,专科",
		"西安合成软件培训中心,,西安市,培训机构",
		"西北大学,4161010697,西安市,本科"))), ingest.Options{Type: xiaoqi.KindInstitution})
	rep := mustImport(t, s, writeFile(t, "programs.csv", []byte(csvLines(
		"学校名称,专业名称,专业代码,培养层次",
		"陕西职业技术学院,软件技术,510203,博士",
		"陕西职业技术学院,软件技术,510203,大专",
		"西安合成软件培训中心,Java开发,,本科",
		"西安合成软件培训中心,Python开发,,",
		"陕西职业技术学院,计算机科学与技术,080901,",
		"西安合成软件培训中心,软件工程,080902,",
		"西北大学,软件工程,080902,博士"))), ingest.Options{Type: xiaoqi.KindProgram})
	wantCounts(t, rep, ingest.Counts{Read: 7, Written: 4, Created: 4, Invalid: 3})
	for _, w := range []struct {
		row  int
		text string
	}{
		{2, "陕西职业技术学院是专科（高职）院校"}, {2, `not "博士"`}, {2, "vocational college"},
		{4, "培训机构开设的是培训课程"}, {4, "a training institution runs courses"},
		{6, "专业代码 080901 是本科专业的代码"}, {6, "give the degree"},
	} {
		col := "培养层次"
		if w.row == 6 {
			col = "专业代码"
		}
		if !hasProblem(rep, ingest.LevelError, w.row, col, w.text) {
			t.Errorf("row %d: want an error in %s saying %q:%s", w.row, col, w.text, problems(rep))
		}
	}
	wantBilingual(t, rep)
	got := map[string]string{}
	for _, d := range allDocs(t, s, xiaoqi.KindProgram) {
		p := d.(*xiaoqi.Program)
		got[p.InstitutionName+" "+p.Name] = p.Degree
	}
	want := map[string]string{"陕西职业技术学院 软件技术": "大专", "西安合成软件培训中心 Python开发": "培训",
		"西安合成软件培训中心 软件工程": "培训", "西北大学 软件工程": "博士"}
	if len(got) != len(want) {
		t.Errorf("programs stored %v, want %v", got, want)
	}
	for k, d := range want {
		if g, ok := got[k]; !ok || g != d {
			t.Errorf("%s: degree %q (stored %v), want %q", k, g, ok, d)
		}
	}
}

// TestProgramSchoolByNameOrCode: a row naming its school by a 5-digit code that is not the one
// stored, and by a name that is, was refused as "no such institution", the name not tried;
// and the refusal of a school not in xiaoqi (the military universities of the MOE offerings
// are not in the MOE list) did not say which school.
func TestProgramSchoolByNameOrCode(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	mustImport(t, s, writeFile(t, "schools.csv", []byte(csvLines(
		"学校名称,学校标识码,城市,办学层次",
		"西北大学,4161010697,西安市,本科"))), ingest.Options{Type: xiaoqi.KindInstitution})
	rep := mustImport(t, s, writeFile(t, "offerings.csv", []byte(csvLines(
		"school_code5,school_name,major_code,major_name",
		"10699,西北大学,080902,软件工程",
		"92027,空军军医大学,100201K,临床医学"))), ingest.Options{Type: xiaoqi.KindProgram})
	wantCounts(t, rep, ingest.Counts{Read: 2, Written: 1, Created: 1, Invalid: 1})
	if !hasProblem(rep, ingest.LevelError, 3, "school_code5", `no institution "空军军医大学" in xiaoqi`) ||
		!hasProblem(rep, ingest.LevelError, 3, "school_code5", `学校 "空军军医大学" 不在系统中`) {
		t.Errorf("row 3: want an error naming 空军军医大学:%s", problems(rep))
	}
	wantBilingual(t, rep)
}
