package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestJobSalaryText: a salary_text written through the API is read as an import reads its
// salary column: "8千-1.2万" without salary_min and salary_max was stored as text only, so the
// salary filter and sort missed the job and its hit showed no salary. A text that contradicts
// the numbers sent with it ("3-5千" with 20000–30000) is refused naming salary_text; it was
// stored, and each showed another salary.
func TestJobSalaryText(t *testing.T) {
	e := newEnv(t)
	ent := e.create(t, "enterprises", softstone)
	var j xiaoqi.JobNeed
	e.send(t, http.MethodPost, "/api/v1/jobs?refresh=wait_for", `{"enterprise_id":"`+ent.ID+`","title":"Java开发工程师","city":"西安市","salary_text":"8千-1.2万·13薪"}`).
		want(t, http.StatusCreated).decode(t, &j)
	if j.SalaryMin != 8000 || j.SalaryMax != 12000 || j.SalaryMonths != 13 {
		t.Errorf("8千-1.2万·13薪 stored as %d–%d, %d pays; want 8000–12000, 13", j.SalaryMin, j.SalaryMax, j.SalaryMonths)
	}
	var p facetPage
	e.get(t, "/api/v1/search?type=job&salary="+url.QueryEscape("1万以上")).want(t, http.StatusOK).decode(t, &p)
	if got := hitIDs(p); !slices.Equal(got, []string{j.ID}) {
		t.Errorf("salary=1万以上 found %v, want the job of 8千-1.2万 %s", got, j.ID)
	}
	// In a batch too, named by its document.
	var b struct {
		Results []struct {
			ID string `json:"id"`
		} `json:"results"`
	}
	e.send(t, http.MethodPost, "/api/v1/jobs/batch", `[{"enterprise_id":"`+ent.ID+`","title":"测试工程师","city":"西安市","salary_text":"15-30K"}]`).
		want(t, http.StatusOK).decode(t, &b)
	e.get(t, "/api/v1/jobs/"+b.Results[0].ID).want(t, http.StatusOK).decode(t, &j)
	if j.SalaryMin != 15000 || j.SalaryMax != 30000 {
		t.Errorf("15-30K in a batch stored as %d–%d, want 15000–30000", j.SalaryMin, j.SalaryMax)
	}
	contradicting := `{"enterprise_id":"` + ent.ID + `","title":"运维工程师","city":"西安市","salary_text":"3-5千","salary_min":20000,"salary_max":30000}`
	e.send(t, http.MethodPost, "/api/v1/jobs", contradicting).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "salary_text")
	e.send(t, http.MethodPost, "/api/v1/jobs/batch", "["+contradicting+"]").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "docs[0].salary_text")
	// A new text of a stored job need, POSTed by its natural key, replaces the numbers of the old.
	ext := `{"enterprise_id":"` + ent.ID + `","title":"前端工程师","city":"西安市","source":"board","external_id":"7","salary_text":"%s"}`
	e.send(t, http.MethodPost, "/api/v1/jobs", fmt.Sprintf(ext, "8千-1万")).want(t, http.StatusCreated)
	e.send(t, http.MethodPost, "/api/v1/jobs", fmt.Sprintf(ext, "1-1.5万")).want(t, http.StatusOK).decode(t, &j)
	if j.SalaryMin != 10000 || j.SalaryMax != 15000 {
		t.Errorf("8千-1万 written again as 1-1.5万: %d–%d, want 10000–15000", j.SalaryMin, j.SalaryMax)
	}
	// Numbers the text agrees with, and 面议 beside numbers, are taken as sent.
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"enterprise_id":"`+ent.ID+`","title":"运维工程师","city":"西安市","salary_text":"2-3万","salary_min":20000,"salary_max":30000}`).
		want(t, http.StatusCreated)
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"enterprise_id":"`+ent.ID+`","title":"实施工程师","city":"西安市","salary_text":"面议","salary_min":6000}`).
		want(t, http.StatusCreated).decode(t, &j)
	if j.SalaryMin != 6000 || j.SalaryText != "面议" {
		t.Errorf("面议 with salary_min 6000 stored as %d, %q", j.SalaryMin, j.SalaryText)
	}
}
