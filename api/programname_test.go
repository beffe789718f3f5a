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
