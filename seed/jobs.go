package seed

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// Source names the 51job rows in the store.
const Source51job = "51job-2023"

// loadJobs reads the real 51job postings in Shaanxi, with the enterprises that posted them.
// Their skill tags are resolved to the skills of tax when it is not nil.
func loadJobs(geo map[string]xiaoqi.GeoPoint, tax *skill.Taxonomy) ([]*xiaoqi.Enterprise, []*xiaoqi.JobNeed, error) {
	var resolve ingest.Skills = ingest.TagSkills{}
	if tax != nil {
		resolve = ingest.TaxonomySkills(tax)
	}
	rows, err := readCSV("jobs_51job_shaanxi.csv")
	if err != nil {
		return nil, nil, err
	}
	shanghai := time.FixedZone("CST", 8*3600)
	ents := map[string]*xiaoqi.Enterprise{}
	var entOrder []*xiaoqi.Enterprise
	var jobs []*xiaoqi.JobNeed
	seen := map[string]bool{}
	for i, r := range rows {
		line := i + 2
		city, district := ingest.ParseArea(r["area"])
		if city == "" {
			city = "陕西省" // the posting names the province only
		}
		e := &xiaoqi.Enterprise{
			Meta: xiaoqi.Meta{Source: Source51job},
			Name: r["companyName"], City: city, Type: r["companyType"], Size: r["companySize"],
			Region: xiaoqi.RegionOf(city),
		}
		key := e.NaturalKey()
		if have, ok := ents[key]; ok {
			e = have
		} else {
			if p, ok := geo[city]; ok {
				e.Geo = &p
			}
			ents[key] = e
			entOrder = append(entOrder, e)
		}
		degree, err := ingest.ParseDegree(r["degree"])
		if err != nil {
			degree = "" // one row has a major ("金融") in the degree column
		}
		sal, err := ingest.ParseSalary(r["salary"])
		if err != nil {
			return nil, nil, fmt.Errorf("seed: jobs_51job_shaanxi.csv line %d: %w", line, err)
		}
		var skills []string
		tags := strings.Split(r["tags"], ",")
		for _, t := range tags {
			if t = strings.TrimSpace(t); t != "" && t != r["workYear"] {
				skills = append(skills, t) // benefits (五险一金) are left out by resolve
			}
		}
		skills = resolve.Skills(skills, r["jobName"]) // the title names skills too: AI软件开发工程师（计算机视觉方向）
		sum := sha256.Sum256([]byte(strings.Join([]string{r["jobName"], r["companyName"], r["area"], r["issueDate"], r["salary"], r["tags"]}, "\x00")))
		ext := hex.EncodeToString(sum[:6])
		if seen[ext] {
			continue // the same posting twice in the file
		}
		seen[ext] = true
		j := &xiaoqi.JobNeed{
			Meta:           xiaoqi.Meta{Source: Source51job, ExternalID: ext},
			EnterpriseID:   xiaoqi.NewID(xiaoqi.KindEnterprise, key),
			EnterpriseName: e.Name,
			Name:           r["jobName"],
			City:           city,
			District:       district,
			Region:         xiaoqi.RegionOf(city),
			Skills:         skills,
			Degree:         degree,
			Experience:     r["workYear"],
			SalaryMin:      sal.Min,
			SalaryMax:      sal.Max,
			SalaryMonths:   sal.Months,
			SalaryText:     r["salary"],
			Status:         xiaoqi.JobOpen,
			Description:    "标签 Tags：" + strings.Join(tags, "、"),
		}
		if tax != nil {
			// 51job states no sector: the skills place the posting, when they agree.
			j.Sector, _ = tax.Sector(skills)
		}
		if t, err := time.ParseInLocation("2006-01-02 15:04:05", r["issueDate"], shanghai); err == nil {
			j.PostedAt = t.UTC()
		}
		if err := j.Validate(); err != nil {
			return nil, nil, fmt.Errorf("seed: jobs_51job_shaanxi.csv line %d: %w", line, err)
		}
		jobs = append(jobs, j)
	}
	placeEnterprises(entOrder, jobs)
	// A posting whose skills decide nothing takes its firm's first sector, as the insights
	// count it: the search's 领域 facet then counts what the explorer does.
	first := map[string]xiaoqi.Sector{}
	for _, e := range entOrder {
		if len(e.Sectors) > 0 {
			first[xiaoqi.NewID(xiaoqi.KindEnterprise, e.NaturalKey())] = e.Sectors[0]
		}
	}
	for _, j := range jobs {
		if j.Sector == "" {
			j.Sector = first[j.EnterpriseID]
		}
	}
	for _, e := range entOrder {
		if err := e.Validate(); err != nil {
			return nil, nil, fmt.Errorf("seed: enterprise %s: %w", e.Name, err)
		}
	}
	return entOrder, jobs, nil
}

// placeEnterprises gives each enterprise the sectors of its job needs (each a third or more of
// those placed, most first, at most three): 51job states none for a firm either.
func placeEnterprises(ents []*xiaoqi.Enterprise, jobs []*xiaoqi.JobNeed) {
	counts := map[string]map[xiaoqi.Sector]int{}
	placed := map[string]int{}
	for _, j := range jobs {
		if j.Sector == "" {
			continue
		}
		if counts[j.EnterpriseID] == nil {
			counts[j.EnterpriseID] = map[xiaoqi.Sector]int{}
		}
		counts[j.EnterpriseID][j.Sector]++
		placed[j.EnterpriseID]++
	}
	for _, e := range ents {
		id := xiaoqi.NewID(xiaoqi.KindEnterprise, e.NaturalKey())
		var secs []xiaoqi.Sector
		for sec, n := range counts[id] {
			if 3*n >= placed[id] {
				secs = append(secs, sec)
			}
		}
		slices.SortFunc(secs, func(a, b xiaoqi.Sector) int {
			if d := counts[id][b] - counts[id][a]; d != 0 {
				return d
			}
			return strings.Compare(string(a), string(b))
		})
		if len(secs) > 3 {
			secs = secs[:3]
		}
		e.Sectors = secs
	}
}
