package ingest_test

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// TestEnglishJobHeaders: the column names of English job boards' exports are recognised.
func TestEnglishJobHeaders(t *testing.T) {
	t.Parallel()
	want := map[string]string{"Job Title": "title", "Company": "enterprise_name", "City": "city", "Salary Range": "salary",
		"Job Description": "description", "Date Posted": "posted_at", "Posted Date": "posted_at", "Degree Required": "degree",
		"Number of Positions": "headcount", "Required Skills": "tags", "Experience Required": "experience"}
	for _, posted := range []string{"Date Posted", "Posted Date"} {
		path := writeFile(t, "en.csv", []byte(csvLines(
			"Job Title,Company,City,Salary Range,Job Description,"+posted+",Degree Required,Number of Positions,Required Skills,Experience Required",
			"Java Developer,Synthetic Soft Ltd,Xi'an,8000-12000,Build services,2024-03-01,Bachelor,3,Java,3 years")))
		rep := mustImport(t, openStore(t), path, ingest.Options{Type: xiaoqi.KindJob, Mode: ingest.ModeDryRun})
		for _, c := range rep.Columns {
			if want[c.Header] != c.Field {
				t.Errorf("%q → %q, want %q", c.Header, c.Field, want[c.Header])
			}
		}
		if rep.Written != 1 || rep.ProblemCount != 0 {
			t.Errorf("%d written:%s", rep.Written, problems(rep))
		}
	}
}
