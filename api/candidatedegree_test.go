package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestCandidateDegreeAny: 不限 (no requirement) is a job need's degree, not a person's. A
// candidate written with it through the API is refused naming degree (it was stored, and the
// degree filter and matching read it as a level); an import leaves the cell empty with a warning
// naming the column (the person is still imported); a job need keeps 不限.
func TestCandidateDegreeAny(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ae := e.send(t, http.MethodPost, "/api/v1/candidates", `{"name":"王五","city":"西安市","degree":"不限"}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "degree")
	if !strings.Contains(ae.Error.Message, "not a person's degree") {
		t.Errorf("POST degree 不限: %s, want it to say why", ae.Error.Message)
	}
	var c stored
	e.send(t, http.MethodPost, "/api/v1/candidates", `{"name":"王五","city":"西安市","degree":"本科"}`).want(t, http.StatusCreated).decode(t, &c)
	e.send(t, http.MethodPut, "/api/v1/candidates/"+c.ID, `{"name":"王五","city":"西安市","degree":"不限"}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "degree")
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"测试工程师","city":"西安市","enterprise_name":"西安云测信息技术有限公司","degree":"不限"}`).want(t, http.StatusCreated)

	j := e.importOne(t, "名单.csv", []byte("学号,姓名,手机,学历\r\n1,赵六,13700002222,不限\r\n2,钱七,13700003333,初中\r\n3,孙八,13700004444,本科\r\n"),
		map[string]string{"type": "candidates", "source": "degree-any"})
	if j.Status != "done" || j.Counts == nil || j.Counts.Created != 3 {
		t.Fatalf("import %s, counts %+v; want the three people created", j.Status, j.Counts)
	}
	warned := map[int]bool{}
	for _, p := range j.Errors {
		if p.Column == "学历" && strings.Contains(p.Message, "not a person's degree") {
			warned[p.Row] = true
		}
	}
	if !warned[2] || !warned[3] || warned[4] {
		t.Errorf("problems %+v; want rows 2 and 3 warned in 学历", j.Errors)
	}
	for _, c := range storedCandidates(t, e) {
		if want, ok := map[string]string{"赵六": "", "钱七": "", "孙八": "本科"}[c.Name]; ok && c.Degree != want {
			t.Errorf("%s stored with degree %q, want %q", c.Name, c.Degree, want)
		}
	}
}
