package seed

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// job returns job need i, posted by an enterprise drawn with a bias towards the first ones
// (a few firms post many jobs).
func (g *generator) job(i int) *xiaoqi.JobNeed {
	r := g.at(genJob, i)
	u := r.Float64()
	ei := int(u * u * float64(g.counts.Enterprises))
	if i < g.counts.Enterprises {
		ei = i // every enterprise has at least one job when there are enough jobs
	}
	ent := g.entCore(ei)
	r = g.again(genJob, i)
	sec := pick(r, ent.sectors)
	words := sectorWords[sec]
	title := pick(r, words.titles)
	j := &xiaoqi.JobNeed{
		Meta:           g.meta("job", i),
		EnterpriseID:   xiaoqi.NewID(xiaoqi.KindEnterprise, "name:"+ent.name+"|"+ent.city),
		EnterpriseName: ent.name, Name: title, City: ent.city, District: ent.district, Region: ent.region,
		Sector: sec, Status: xiaoqi.JobOpen, Experience: pick(r, experience),
		Headcount: 1 + r.IntN(5),
		PostedAt:  g.base.AddDate(0, 0, -r.IntN(180)).Add(time.Duration(8+r.IntN(10)) * time.Hour),
	}
	if r.IntN(10) == 0 {
		j.Headcount += 5 + r.IntN(25) // a delivery centre hiring in bulk
	}
	if r.IntN(8) == 0 {
		j.Status = xiaoqi.JobClosed
	}
	// The title's skills, then up to three that the taxonomy relates to them in the sector
	// (光传输 brings 5G or 数字信号处理, not 呼叫中心), then any of the sector's.
	skills := slices.Clone(g.titleSkills[title])
	var near []string
	for _, t := range skills {
		for _, o := range g.relatedIn[sec][t] {
			if !slices.Contains(near, o) && !slices.Contains(skills, o) {
				near = append(near, o)
			}
		}
	}
	want := len(skills) + 3 + r.IntN(3)
	skills = append(skills, pickN(r, near, min(3, want-len(skills)))...)
	for _, s := range pickN(r, g.skills[sec], max(0, want-len(skills))) {
		if !slices.Contains(skills, s) {
			skills = append(skills, s)
		}
	}
	switch x := r.IntN(10); {
	case x < 2:
		j.Degree = "大专"
	case x < 8:
		j.Degree = "本科"
	case x < 9:
		j.Degree = "硕士"
	default:
		j.Degree = "不限"
	}
	if len(ent.markets) > 0 {
		m := offshoreMarkets[0]
		for _, om := range offshoreMarkets {
			if om.market == ent.markets[0] {
				m = om
			}
		}
		j.Languages = []string{m.languages[r.IntN(2)]}
		// The market's practices (对日外包, 桥梁SE, 离岸交付) where the taxonomy places them in
		// the job's sector: a software house's developers, not a laboratory's technicians.
		var practices []string
		for _, s := range m.skills {
			if sk, ok := g.tax.Resolve(s); ok && slices.Contains(sk.Sectors, sec) {
				practices = append(practices, s)
			}
		}
		for _, s := range pickN(r, practices, 1+r.IntN(2)) {
			if !slices.Contains(skills, s) {
				skills = append(skills, s)
			}
		}
	} else if r.IntN(4) == 0 {
		j.Languages = []string{"英语四级"}
	}
	j.Skills = skills
	lo := map[string]int{"大专": 4000, "本科": 6000, "硕士": 10000, "不限": 3500}[j.Degree]
	lo += 500 * r.IntN(12)
	if ent.city != "西安市" {
		lo = lo * 8 / 10 / 500 * 500
	}
	j.SalaryMin, j.SalaryMax = lo, lo+lo/2/500*500
	j.SalaryMonths = 12 + r.IntN(4)
	j.SalaryText = salaryText(j.SalaryMin, j.SalaryMax, j.SalaryMonths)
	j.Description = g.jobText(r, j, words.duties)
	return j
}

// salaryText writes a salary as job sites do: 6-9千, 1-1.5万·14薪.
func salaryText(lo, hi, months int) string {
	f := func(v int) string {
		if hi >= 10000 {
			return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", float64(v)/10000), "0"), ".")
		}
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", float64(v)/1000), "0"), ".")
	}
	unit := "千"
	if hi >= 10000 {
		unit = "万"
	}
	s := f(lo) + "-" + f(hi) + unit
	if months > 12 {
		s += fmt.Sprintf("·%d薪", months)
	}
	return s
}

// jobText writes the full description of a job: responsibilities and requirements naming its
// skills, related majors from the taxonomy, languages for offshore work.
func (g *generator) jobText(r *rand.Rand, j *xiaoqi.JobNeed, duties []string) string {
	var b strings.Builder
	b.WriteString("【岗位职责】\n")
	ds := pickN(r, duties, 3)
	for k, d := range ds {
		fmt.Fprintf(&b, "%d. %s；\n", k+1, d)
	}
	fmt.Fprintf(&b, "%d. 使用%s完成%s相关工作，编写技术文档。\n", len(ds)+1, strings.Join(j.Skills[:min(2, len(j.Skills))], "、"), xiaoqi.SectorNames[j.Sector][0])
	b.WriteString("【任职要求】\n")
	majors := make([]string, 0, 3)
	for _, s := range j.Skills {
		for _, m := range g.majorsOf[s] {
			if len(majors) < 3 && !slices.Contains(majors, m) {
				majors = append(majors, m)
			}
		}
	}
	n := 1
	if j.Degree != "不限" {
		fmt.Fprintf(&b, "%d. %s及以上学历", n, j.Degree)
		if len(majors) > 0 {
			fmt.Fprintf(&b, "，%s等相关专业", strings.Join(majors, "、"))
		}
		b.WriteString("；\n")
		n++
	}
	fmt.Fprintf(&b, "%d. 熟练掌握%s", n, j.Skills[0])
	if len(j.Skills) > 1 {
		fmt.Fprintf(&b, "，熟悉%s", strings.Join(j.Skills[1:], "、"))
	}
	b.WriteString("；\n")
	n++
	if len(j.Languages) > 0 {
		fmt.Fprintf(&b, "%d. 外语要求：%s，能阅读外文技术文档并与海外客户沟通；\n", n, strings.Join(j.Languages, "、"))
		n++
	}
	if j.Experience != "" && j.Experience != "不限" {
		fmt.Fprintf(&b, "%d. 工作经验：%s；\n", n, j.Experience)
		n++
	}
	fmt.Fprintf(&b, "%d. 责任心强，具有良好的沟通能力和团队合作精神。\n", n)
	b.WriteString("（示例数据，并非真实招聘信息 Synthetic sample posting.）")
	return b.String()
}
