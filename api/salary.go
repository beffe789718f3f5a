package api

import (
	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// readSalary reads the salary_text of a job need written through the API as an import reads
// its salary column (ingest.ParseSalary): written without salary_min and salary_max
// ("8千-1.2万"), it was stored as text only, so the salary filter and sort missed the job and
// its hits showed no salary. d is the job to write, sent the job as the body gave it (d
// itself, or before a POST was written onto the stored one, whose numbers a new text
// replaces). A text that contradicts the numbers sent with it ("3-5千" with 20000–30000) is
// refused naming salary_text: which one is meant, nobody can tell.
func readSalary(d, sent xiaoqi.Doc, prefix string) (warnings []string, err error) {
	j, ok := d.(*xiaoqi.JobNeed)
	s, _ := sent.(*xiaoqi.JobNeed)
	if !ok || s == nil || s.SalaryText == "" {
		return nil, nil
	}
	p, perr := ingest.ParseSalary(s.SalaryText)
	if s.SalaryMin != 0 || s.SalaryMax != 0 {
		if perr == nil && !p.Negotiable && disjoint(p.Min, p.Max, s.SalaryMin, s.SalaryMax) {
			return nil, invalid(prefix+"salary_text", "%[1]q 与 salary_min %[2]d、salary_max %[3]d 不符：改正其一，或只写其一 / %[1]q contradicts salary_min %[2]d and salary_max %[3]d: correct one, or give only one", s.SalaryText, s.SalaryMin, s.SalaryMax)
		}
		return nil, nil
	}
	// The text is the salary now: the stored numbers of an earlier text go with it.
	j.SalaryMin, j.SalaryMax = 0, 0
	switch {
	case perr != nil:
		warnings = append(warnings, prefix+"salary_text: 薪资格式无法识别，仅保留原文（如 8千-1.2万、15-30K、面议） / salary not understood, kept as text only (e.g. 8千-1.2万, 15-30K, 面议)")
	case !p.Negotiable:
		j.SalaryMin, j.SalaryMax = p.Min, p.Max
		if s.SalaryMonths == 0 {
			j.SalaryMonths = p.Months
		}
		if p.Guessed {
			warnings = append(warnings, prefix+"salary_text: 未注明按月或按年，按年薪理解（月薪超过 100,000 元不常见），请核对 / no period given: read as a yearly salary (more than 100,000 a month is unusual); please check")
		}
	}
	return warnings, nil
}

// disjoint reports whether two salary ranges have no yuan in common; a bound of 0 is open.
func disjoint(min1, max1, min2, max2 int) bool {
	return (max1 > 0 && min2 > max1) || (max2 > 0 && min1 > max2)
}
