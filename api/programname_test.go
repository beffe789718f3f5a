package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestCourseNamesCompareAsJobTitles: a training school adding "java全栈开发工程师 " beside its
// Java全栈开发工程师 got a second course, both listed and their trainees counted twice; course
// names are compared as job titles are, spaces, letter case and width aside, and the repeat
// is a 409 naming name and the course it repeats, in a batch too. The same course written
// again, another degree, and a catalogue major are no repeats.
func TestCourseNamesCompareAsJobTitles(t *testing.T) {
	e := newEnv(t)
	school := e.create(t, "institutions", `{"name":"重名测试培训学校","type":"training","city":"西安市"}`)
	course := func(name string) string {
		return `{"name":"` + name + `","degree":"培训","institution_id":"` + school.ID + `"}`
	}
	first := e.create(t, "programs", course("Java全栈开发工程师"))
	for _, name := range []string{"java全栈开发工程师 ", "JAVA 全栈开发工程师", "Ｊａｖａ全栈开发工程师"} {
		got := e.send(t, http.MethodPost, "/api/v1/programs", course(name)).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "name")
		if !strings.Contains(got.Error.Message, first.ID) {
			t.Errorf("%q: %s, want the course it repeats (%s) named", name, got.Error.Message, first.ID)
		}
	}
	e.send(t, http.MethodPost, "/api/v1/programs/batch", "["+course("软件测试实训")+","+course("软件测试实训 ")+"]").
		wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "docs[1].name")
	if n := e.count(t, xiaoqi.KindProgram); n != 1 {
		t.Errorf("%d programs stored, want the first course only", n)
	}
	// Written again as it is, it is the same course (200), and a rename to its own name folded is an edit.
	e.send(t, http.MethodPost, "/api/v1/programs", course("Java全栈开发工程师")).want(t, http.StatusOK)
	e.send(t, http.MethodPut, "/api/v1/programs/"+first.ID, course("JAVA全栈开发工程师")).want(t, http.StatusOK)
	e.send(t, http.MethodPost, "/api/v1/programs", course("Python数据分析")).want(t, http.StatusCreated)
}

// TestCourseImportSpellings: an import of courses reads the API's rule. A course list sent
// again with other spellings (java全栈开发工程师 for Java全栈开发工程师, full-width Ｐｙｔｈｏｎ)
// made a second course of each; each row now updates the stored course, keeping its name, with
// a warning in the name's column, and two spellings of one course in the file are the same
// key, as duplicated rows are.
func TestCourseImportSpellings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	school := e.create(t, "institutions", `{"name":"重名测试培训学校","type":"training","city":"西安市"}`)
	course := func(name string) string {
		return `{"name":"` + name + `","degree":"培训","institution_id":"` + school.ID + `","graduates_per_year":50}`
	}
	java := e.create(t, "programs", course("Java全栈开发工程师"))
	python := e.create(t, "programs", course("Python数据分析"))

	csv := "学校名称,课程名称,培训层次,年结业人数\r\n" +
		"重名测试培训学校,java全栈开发工程师 ,培训,120\r\n" +
		"重名测试培训学校,Ｐｙｔｈｏｎ数据分析,培训,80\r\n" +
		"重名测试培训学校,大数据实训,培训,30\r\n" +
		"重名测试培训学校,大数据 实训,培训,40\r\n" +
		"重名测试培训学校,大数据实训,培训,30\r\n"
	j := e.importOne(t, "课程.csv", []byte(csv), map[string]string{"type": "programs"})
	if j.Status != "done" || j.Counts == nil || j.Counts.Created != 1 || j.Counts.Updated != 2 || j.Counts.Invalid != 1 || j.Counts.Duplicates != 1 {
		t.Fatalf("import %s, counts %+v; want 1 created, 2 updated, 1 invalid, 1 duplicate", j.Status, j.Counts)
	}
	at := map[int]string{}
	for _, p := range j.Errors {
		at[p.Row] += string(p.Level) + " " + p.Column + " " + p.Message + "; "
	}
	for row, want := range map[int]string{2: "the course Java全栈开发工程师 is stored already", 3: "the course Python数据分析 is stored already",
		5: "has the same key as row 4", 6: "repeats row 4"} {
		if !strings.Contains(at[row], want) {
			t.Errorf("row %d: %q, want %q", row, at[row], want)
		}
	}
	if !strings.Contains(at[2], "课程名称") {
		t.Errorf("row 2: %q, want the name's column named", at[2])
	}
	if n := e.count(t, xiaoqi.KindProgram); n != 3 {
		t.Errorf("%d programs stored, want 3: the two courses updated and 大数据实训", n)
	}
	for id, want := range map[string]string{java.ID: "Java全栈开发工程师", python.ID: "Python数据分析"} {
		var p struct {
			Name      string `json:"name"`
			Graduates int    `json:"graduates_per_year"`
		}
		e.get(t, "/api/v1/programs/"+id).want(t, http.StatusOK).decode(t, &p)
		if p.Name != want || p.Graduates == 50 {
			t.Errorf("%s: %+v, want %s with the list's graduates", id, p, want)
		}
	}
	// Sent again, the list changes nothing.
	if j = e.importOne(t, "课程.csv", []byte(csv), map[string]string{"type": "programs"}); j.Counts.Unchanged != 3 || j.Counts.Created != 0 {
		t.Errorf("imported again: %+v, want the three courses unchanged", j.Counts)
	}
}
