package ingest

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// A file of xiaoqi's own answers (GET /api/v1/jobs?source=… saved as it came, {"data": […]})
// holds documents as xiaoqi stored them: their skills are the skills the import found, not a
// job board's tags; their descriptions already hold the 标签 Tags line an import added; their
// salaries are monthly yuan; a candidate's schools are records. Read as a job board's list,
// each import of it appended another 标签 Tags line to every description, added to the skills
// those its text names, read a monthly 150000 as yearly and dropped a candidate's schools, so
// that every row changed every time. Such a row is read for what it is, and importing the
// export again leaves every row unchanged.

// ownRecord marks rec as a document of xiaoqi's own when row carries what every answer of the
// API does: an id of the file's kind, a version and a timestamp. It keeps the raw education
// records of a candidate, which no column reads.
func (rs *rows) ownRecord(rec *record, row Row) {
	var id, version, stamp bool
	education := ""
	for j, v := range row.Cells {
		if j >= len(rs.headers) || strings.TrimSpace(v) == "" {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(rs.headers[j])) {
		case "id":
			id = xiaoqi.CheckID(rs.s.kind, strings.TrimSpace(v)) == nil
		case "version":
			_, err := strconv.Atoi(strings.TrimSpace(v))
			version = err == nil
		case "created_at", "updated_at":
			stamp = true
		case "education":
			education = v
		}
	}
	if rec.own = id && version && stamp; rec.own {
		rec.education = education
	}
}

// ownSkills returns the skills of the list in field f of an own record: each as the taxonomy
// names it, none added from the text, which the stored list was found in already.
func ownSkills(r *record, skills Skills, f string) []string {
	return skills.Skills(SplitList(r.get(f)), "")
}

// ownEducation returns the education records of an own candidate, as the API writes them; ok
// is false when the cell holds none (a résumé list's 学历 named education).
func ownEducation(r *record) (ed []xiaoqi.Education, ok bool) {
	t := strings.TrimSpace(r.education)
	if !strings.HasPrefix(t, "[") || json.Unmarshal([]byte(t), &ed) != nil {
		return nil, false
	}
	return ed, true
}

// ownSalary sets the salary of an own job record: the amounts are monthly yuan, as the API
// has them, and the text is what the posting showed, not read again for amounts.
func ownSalary(r *record, j *xiaoqi.JobNeed) {
	j.SalaryText = r.get("salary")
	for _, f := range [...]struct {
		name string
		dst  *int
	}{{"salary_min", &j.SalaryMin}, {"salary_max", &j.SalaryMax}, {"salary_months", &j.SalaryMonths}} {
		if v := r.get(f.name); v != "" {
			n, err := ParseInt(v)
			if err != nil {
				r.errorf(f.name, "%[1]s 应为整数（元/月），不能是 %[2]q / %[1]s must be a whole number (yuan a month), not %[2]q", f.name, v)
			}
			*f.dst = n
		}
	}
}
