package ingest

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// enterpriseRef is the enterprise a job row names, to be found in the store or created.
type enterpriseRef struct {
	id, name, city, creditCode, typ, size string
	sector                                xiaoqi.Sector // the job need's: a firm created for it takes it
}

// key is the enterprise's natural key, as xiaoqi.Enterprise.NaturalKey makes it.
func (e enterpriseRef) key() string {
	return (&xiaoqi.Enterprise{Name: e.name, City: e.city, CreditCode: e.creditCode}).NaturalKey()
}

var jobStatus = map[string]string{
	"": "", "open": xiaoqi.JobOpen, "开放": xiaoqi.JobOpen, "招聘中": xiaoqi.JobOpen, "在招": xiaoqi.JobOpen, "有效": xiaoqi.JobOpen,
	"进行中": xiaoqi.JobOpen, "是": xiaoqi.JobOpen, "closed": xiaoqi.JobClosed, "关闭": xiaoqi.JobClosed, "已关闭": xiaoqi.JobClosed,
	"已结束": xiaoqi.JobClosed, "结束": xiaoqi.JobClosed, "停止": xiaoqi.JobClosed, "暂停": xiaoqi.JobClosed,
	"已满": xiaoqi.JobClosed, "下线": xiaoqi.JobClosed, "已招满": xiaoqi.JobClosed, "否": xiaoqi.JobClosed,
}

// buildJob makes a job need of a row. It names the enterprise the job belongs to; the caller
// finds or creates it. The external id is left to the caller, which knows the whole file.
func buildJob(r *record, source string, skills Skills) (*xiaoqi.JobNeed, enterpriseRef) {
	j := &xiaoqi.JobNeed{Status: xiaoqi.JobOpen}
	j.ExternalID = r.get("external_id")
	r.setMeta(&j.Meta, xiaoqi.KindJob, source)
	j.Name = r.get("title")
	r.place(&j.City, &j.District, false)
	j.Region = xiaoqi.RegionOf(j.City)

	ent := enterpriseRef{name: r.get("enterprise_name"), city: j.City, creditCode: strings.ToUpper(narrow(r.get("enterprise_credit_code"))),
		typ: given(r.get("enterprise_type")), size: given(r.get("enterprise_size"))}
	if id := r.get("enterprise_id"); id != "" {
		if err := xiaoqi.CheckID(xiaoqi.KindEnterprise, id); err != nil {
			zh, en := xiaoqi.Halves(xiaoqi.ErrorMessage(err))
			r.errorf("enterprise_id", "企业编号无效：%s / %s", zh, en)
		}
		ent.id = id
	}
	if ent.creditCode != "" && !xiaoqi.ValidCreditCode(ent.creditCode) {
		r.errorf("enterprise_credit_code", "统一社会信用代码无效：须为 18 位，含校验位 / not a valid credit code (18 characters with check character)")
	}
	j.EnterpriseName = ent.name

	if v := r.get("degree"); v != "" {
		if d, err := ParseDegree(v); err != nil || d == "培训" {
			r.warnf("degree", "无法识别的学历，已留空（本科、大专、硕士、博士、不限……） / degree not understood, left empty (本科, 大专, 硕士, 博士, 不限 …)")
		} else {
			j.Degree = d
		}
	}
	j.Experience = r.get("experience")
	if v := r.get("headcount"); v != "" {
		if h, err := ParseHeadcount(v); err != nil {
			r.errorf("headcount", "招聘人数 %[1]q 应为人数（如 3、3人、3-5人、5人以上）或“若干” / headcount %[1]q must be a number of people such as 3, 3人, 3-5人, 5人以上 or 若干", v)
		} else if h.N == 0 && !h.Unspecified {
			// As the API has it: 0 is a mistake (or a filled post), not a number not decided.
			r.errorf("headcount", "招聘人数 %[1]q 须至少为 1；人数未定请留空或写“若干” / headcount %[1]q must be at least 1; leave it empty or write 若干 when the number is not decided", v)
		} else {
			j.Headcount = h.N
			headcountReading(r, "headcount", v, h)
		}
	}
	if r.own && (r.has("salary_min") || r.has("salary_max")) {
		ownSalary(r, j)
	} else {
		jobSalary(r, j)
	}
	j.Description = r.get("description")
	tags := SplitList(r.get("tags"))
	if r.own {
		j.Skills = ownSkills(r, skills, "tags")
	} else if len(tags) > 0 {
		var keep []string
		for _, t := range tags {
			if t != j.Experience && t != r.get("degree") {
				keep = append(keep, t)
			}
		}
		j.Skills = skills.Skills(keep, skillText(j))
		if j.Description != "" {
			j.Description += "\n"
		}
		j.Description += "标签 Tags：" + strings.Join(tags, "、")
	} else {
		j.Skills = skills.Skills(nil, skillText(j))
	}
	// Benefits (五险一金, 带薪年假) have no field of their own: the description keeps them,
	// where a search finds them.
	if b := SplitList(given(r.get("benefits"))); len(b) > 0 {
		if j.Description != "" {
			j.Description += "\n"
		}
		j.Description += "福利 Benefits：" + strings.Join(b, "、")
	}
	j.Languages = SplitList(r.get("languages"))
	otherSector := false // the row names an industry outside service outsourcing
	if v := r.get("sector"); v != "" {
		if sec, err := ParseSector(v); err != nil && outsourcingCategory(v) {
			r.warnf("sector", categoryWarning, v) // placed by its skills, as without the column
		} else if err != nil {
			r.warnf("sector", "行业不属于服务外包领域，已留空 / not a service-outsourcing sector of the policy, left empty")
			otherSector = true
		} else {
			j.Sector = sec // "" for N/A and 其他, as for an empty cell
		}
	}
	if sp, ok := skills.(Sectors); ok && j.Sector == "" && !otherSector {
		// No sector given: the skills place the job need where they agree on one, as for
		// the default data set's 51job postings.
		j.Sector, _ = sp.Sector(j.Skills)
	}
	if v := r.get("status"); v != "" {
		st, ok := jobStatus[strings.ToLower(v)]
		if !ok {
			r.errorf("status", "状态应为 招聘中（open）或 已关闭（closed） / status must be open (招聘中) or closed (已关闭)")
		}
		j.Status = st
	}
	if v := r.get("posted_at"); v != "" {
		if t, err := ParseDate(v); errors.Is(err, ErrAmbiguousDate) {
			zh, en, _ := strings.Cut(strings.TrimSuffix(err.Error(), ": "+ErrAmbiguousDate.Error()), " / ")
			r.warnf("posted_at", "%s，已留空 / %s; left empty", zh, en)
		} else if err != nil {
			if d, ok := YearlessDate(v, r.today); ok {
				// As job boards show the day of posting: the year is the import's, said so.
				j.PostedAt = d
				r.warnf("posted_at", "%[1]q 未写年份，按导入日期读作 %[2]s / %[1]q has no year: read as %[2]s, the latest such day up to the import", v, d.Format(time.DateOnly))
			} else {
				r.warnf("posted_at", "无法识别的日期，已留空（应如 2023-07-12） / not a date such as 2023-07-12, left empty")
			}
		} else if t.After(r.today.Add(24 * time.Hour)) {
			// As the API refuses it: 2099-01-01 sorted first in every newest-first list.
			r.warnf("posted_at", "发布日期 %[1]s 晚于今天，已留空 / the posting date %[1]s is later than today; left empty", t.Format(time.DateOnly))
		} else {
			j.PostedAt = t.UTC()
			if dayless(v) {
				// 2024年3月 was stored as 2024-03-01 without a word, and shown as posted that day.
				r.warnf("posted_at", "%[1]q 未写具体日期，按 %[2]s 记 / %[1]q names no day: read as %[2]s", v, t.Format(time.DateOnly))
			}
		}
	}
	if low := min(nonZero(j.SalaryMin), nonZero(j.SalaryMax)); low < xiaoqi.MinMonthlySalary {
		// As the API refuses it: 8 for 8千 was stored as 8 yuan a month.
		r.warnf("salary", "月薪 %[1]d 元低于 %[2]d 元，不像月薪（8 应写作 8千？），薪资数额已留空 / a monthly salary of %[1]d yuan is below %[2]d: not a monthly salary (8 for 8千?); the amounts are left out",
			low, xiaoqi.MinMonthlySalary)
		j.SalaryMin, j.SalaryMax = 0, 0
	}
	ent.sector = j.Sector
	return j, ent
}

// amount writes into a salary cell of field f what its column's header says of it: the
// unit of a bare number (年薪（万元）: 12 is 12万) and the period when the cell names none
// (年薪: 120000 is a year's pay).
func (r *record) amount(f, v string) string {
	c, ok := r.cols[f]
	if !ok || (!c.yearly && c.unit == "") {
		return v
	}
	if s, err := ParseSalary(v); err == nil && s.Negotiable {
		return v // 面议 is negotiable whatever the unit: 面议/年 was not understood
	}
	t := strings.TrimSpace(narrow(v))
	bare := true // a number, or two ("12-18"), without a unit
	for _, p := range strings.Split(strings.ReplaceAll(t, ",", ""), "-") {
		_, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		bare = bare && err == nil
	}
	if bare && c.unit != "" {
		t += c.unit
	}
	if c.yearly && !strings.ContainsAny(t, "/年月天日时") {
		t += "/年"
	}
	return t
}

// guessedYearly is the warning for a salary that names no period and was read as yearly.
const guessedYearly = "未注明按月或按年，按年薪理解（月薪超过 100,000 元不常见），请核对 / no period given: read as a yearly salary (more than 100,000 a month is unusual); please check"

// salaryShown is a salary as a hit shows it: without 猎聘's note of how soon the employer
// answers (24-48万 72小时反馈 showed as the salary, note and all), which made it yearly, so
// that it says so instead (24-48万/年).
func salaryShown(v string) string {
	t := strings.TrimSpace(salaryNote.ReplaceAllString(strings.TrimSpace(v), ""))
	if t == "" || t == strings.TrimSpace(v) {
		return v
	}
	with, err1 := ParseSalary(v)
	without, err2 := ParseSalary(t)
	if err1 == nil && err2 == nil && with.Min != without.Min && !strings.Contains(t, "年") {
		t += "/年"
	}
	return t
}

// jobSalary reads the salary columns: one text column ("8千-1.2万·13薪"), or minimum and
// maximum columns, or both.
func jobSalary(r *record, j *xiaoqi.JobNeed) {
	if v := r.get("salary"); v != "" {
		j.SalaryText = salaryShown(v)
		if s, err := ParseSalary(r.amount("salary", v)); err != nil {
			r.warnf("salary", "薪资格式无法识别，仅保留原文（如 8千-1.2万、15-30K、面议） / salary not understood, kept as text only (e.g. 8千-1.2万, 15-30K, 面议)")
		} else {
			j.SalaryMin, j.SalaryMax, j.SalaryMonths = s.Min, s.Max, s.Months
			if s.Guessed {
				r.warnf("salary", guessedYearly)
			}
		}
	}
	for _, f := range [...]string{"salary_min", "salary_max"} {
		v := r.get(f)
		if v == "" {
			continue
		}
		s, err := ParseSalary(r.amount(f, v))
		if err == nil && s.Negotiable {
			// 面议 in the minimum or maximum column: negotiable, as in a salary column.
			if j.SalaryText == "" {
				j.SalaryText = v
			}
			continue
		}
		if err != nil {
			r.errorf(f, "应为金额，如 8000、8千、1.2万 / must be an amount such as 8000, 8千 or 1.2万")
			continue
		}
		if s.Guessed {
			r.warnf(f, guessedYearly)
		}
		other := "salary_max"
		if f == "salary_max" {
			other = "salary_min"
		}
		if s.Min > 0 && s.Max > s.Min {
			if o := r.get(other); o == "" || o == v {
				// The whole range in one of the two cells (3000-4500元/月 under 最低, 最高 left
				// empty, or the two cells merged over it) is the row's salary, shown as
				// written, as in a salary column; the minimum took its upper bound, and the
				// job showed 4500元/月以上.
				j.SalaryMin, j.SalaryMax = s.Min, s.Max
				if j.SalaryText == "" {
					j.SalaryText = salaryShown(v)
				}
				if j.SalaryMonths == 0 {
					j.SalaryMonths = s.Months
				}
				continue
			}
			bound, left := "下限 / lower", s.Max
			if f == "salary_max" {
				bound, left = "上限 / upper", s.Min
			}
			zh, en, _ := strings.Cut(bound, " / ")
			r.warnf(f, "%[1]q 是薪资范围，本列只取其%[2]s，%[3]d 元/月未导入 / %[1]q is a salary range: this column takes its %[4]s bound, %[3]d yuan a month is left out", v, zh, left, en)
		}
		// A column takes its own bound of what its cell says: 8000 is 8000 in either, 4000以上
		// has only a lower one.
		amount := s.Min
		if f == "salary_max" {
			amount = s.Max
		}
		if amount == 0 {
			amount = max(s.Min, s.Max)
		}
		if f == "salary_min" {
			j.SalaryMin = amount
		} else {
			j.SalaryMax = amount
		}
	}
	if v := r.get("salary_months"); v != "" {
		n, err := ParseInt(strings.TrimSuffix(v, "薪"))
		if err != nil {
			r.errorf("salary_months", "应为整数，如 13 / must be a whole number such as 13")
		}
		j.SalaryMonths = n
	}
}

// jobIdentity is the text that identifies a posting when the file has no id column: what it
// is, who offers it and where. Salary, headcount, description and the posting date are not
// part of it, so that a file with an edited salary updates the posting, and so does a list
// exported again, which writes the day of the export as the posting date.
func jobIdentity(r *record) string {
	return strings.Join([]string{r.get("title"), r.get("enterprise_name"), r.get("enterprise_credit_code"), r.get("enterprise_id"),
		r.get("city"), r.get("district"), r.get("area")}, "\x00")
}

// skillText is the text of a job need that skills are extracted from: its title, which often
// names them (AI软件开发工程师（计算机视觉方向）, Python工程师) where a job board gives no
// description, and its description.
func skillText(j *xiaoqi.JobNeed) string {
	return strings.TrimSpace(j.Name + "\n" + j.Description)
}

// headcountReading warns how a range or an open count of people was read: as the number the
// row promises at least, its lower bound.
func headcountReading(r *record, f, v string, h Headcount) {
	switch {
	case h.Max > 0:
		r.warnf(f, "%[1]q 是范围，按下限 %[2]d 人导入 / %[1]q is a range: imported as its lower bound, %[2]d", v, h.N)
	case h.AtLeast:
		r.warnf(f, "%[1]q 表示至少 %[2]d 人，按 %[2]d 人导入 / %[1]q means at least %[2]d: imported as %[2]d", v, h.N)
	}
}

// nonZero is n, or the largest int when n is 0 (not stated), for min.
func nonZero(n int) int {
	if n == 0 {
		return math.MaxInt
	}
	return n
}
