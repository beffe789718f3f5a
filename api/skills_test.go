package api_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestWriteFillsSkills: a job need written without skills gets those its title and
// description name, as an import would give it, and a candidate those of their summary;
// skills that are written take the taxonomy's name where it has one, and are kept otherwise.
func TestWriteFillsSkills(t *testing.T) {
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWith(t, options{config: func(c *api.Config) { c.ImportSkills = ingest.TaxonomySkills(tax) }})
	var j xiaoqi.JobNeed
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"Python开发工程师","enterprise_name":"西安某软件公司","city":"西安市",
		"description":"负责后端服务开发，熟悉Django和MySQL"}`).want(t, http.StatusCreated).decode(t, &j)
	if want := []string{"Python", "Django", "MySQL"}; !slices.Equal(j.Skills, want) {
		t.Errorf("skills of a job written without them: %q, want %q", j.Skills, want)
	}
	if j.Sector != xiaoqi.SectorSoftware {
		t.Errorf("sector of a Python job written without one: %q, want software (placed by its skills)", j.Sector)
	}
	stored, err := e.Store.Get(t.Context(), xiaoqi.KindJob, j.ID)
	if err != nil || !slices.Equal(stored.(*xiaoqi.JobNeed).Skills, j.Skills) {
		t.Errorf("stored job %+v, %v: want the skills answered", stored, err)
	}
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"Java开发","enterprise_name":"西安某软件公司","city":"西安市",
		"skills":["JAVA开发","java","某内部框架","保险销售"],"description":"熟悉MySQL"}`).want(t, http.StatusCreated).decode(t, &j)
	if want := []string{"Java", "某内部框架", "保险销售"}; !slices.Equal(j.Skills, want) {
		t.Errorf("skills written: %q, want the taxonomy's name once and the others as written: %q", j.Skills, want)
	}
	var c struct {
		ID     string   `json:"id"`
		Skills []string `json:"skills"`
	}
	e.send(t, http.MethodPost, "/api/v1/candidates", `{"name":"张三","city":"西安市","summary":"三年软件测试经验，熟悉Selenium"}`).
		want(t, http.StatusCreated).decode(t, &c)
	if want := []string{"软件测试", "Selenium"}; !slices.Equal(c.Skills, want) {
		t.Errorf("skills of a candidate written without them: %q, want %q", c.Skills, want)
	}
}
