package api

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// fillSkills gives the job needs and candidates of a write the skills an import would give
// them (Config.ImportSkills). Written skills that the taxonomy knows take its name (JAVA开发
// and java are Java), so that facets and matching see one skill, not several spellings; the
// others stay as written. A job need or a candidate written without skills gets those its
// title and description, or the candidate's summary, name: an HR form that leaves 技能 empty
// still gets a job that matching can place. A job need without a sector is placed by its
// skills where they agree on one.
func (s *Server) fillSkills(docs []xiaoqi.Doc) {
	if s.skills == nil {
		return
	}
	for _, d := range docs {
		switch d := d.(type) {
		case *xiaoqi.JobNeed:
			if len(d.Skills) > 0 {
				d.Skills = s.canonical(d.Skills)
			} else {
				d.Skills = s.skills.Skills(nil, strings.TrimSpace(d.Name+"\n"+d.Description))
			}
			if sp, ok := s.skills.(ingest.Sectors); ok && d.Sector == "" {
				d.Sector, _ = sp.Sector(d.Skills) // as an import places it
			}
		case *xiaoqi.Program:
			// A program added with its major code only had no skills: no skill filter found
			// it and no match placed it.
			if len(d.Skills) > 0 {
				d.Skills = s.canonical(d.Skills)
			} else {
				d.Skills = ingest.ProgramSkills(s.skills, d)
			}
		case *xiaoqi.Candidate:
			if len(d.Skills) > 0 {
				d.Skills = s.canonical(d.Skills)
			} else {
				d.Skills = s.skills.Skills(nil, d.Summary)
			}
		}
	}
}

// canonical returns skills under the taxonomy's names where it knows them, as written
// otherwise (nothing written is dropped, not even what looks like a benefit), once each.
func (s *Server) canonical(skills []string) []string {
	out := make([]string, 0, len(skills))
	for _, x := range skills {
		if r := s.skills.Skills([]string{x}, ""); len(r) == 1 {
			x = r[0]
		}
		if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// checkMajors refuses a program whose major code has the form of the undergraduate catalogue's
// but is not in it (999999 was stored, and listed as a major no one offers), and warns of one
// whose name is not its code's major's (云计算工程 under 080901, which the English page then
// called Computer Science and Technology). A vocational code (51xxxx …: the catalogue here is
// the undergraduate one) passes. A program of a code of the catalogue takes its class and
// category from it. It returns the warnings.
func (s *Server) checkMajors(docs []xiaoqi.Doc) ([]string, error) {
	if s.reference == nil {
		return nil, nil
	}
	var warnings []string
	for i, d := range docs {
		p, ok := d.(*xiaoqi.Program)
		if !ok || p.MajorCode == "" || ingest.VocationalCode(p.MajorCode) {
			continue
		}
		var m *xiaoqi.Major
		for j := range s.reference.Majors {
			if s.reference.Majors[j].Code == p.MajorCode {
				m = &s.reference.Majors[j]
				break
			}
		}
		if m != nil {
			// The 专业类 and 学科门类 are the code's, whatever the body says: a program of
			// 080901 was stored without them, and one moved to 080901 kept 中国语言文学类 文学.
			p.ClassName, p.Category = m.ClassName, m.CategoryName
		}
		switch {
		case m == nil:
			return nil, inBatch(invalid("major_code", "专业代码 %[1]s 不在本科专业目录中（见 /api/v1/majors；高职专业代码以 4 或 5 开头） / %[1]s is not in the catalogue of undergraduate majors (see /api/v1/majors; vocational codes begin with 4 or 5)", p.MajorCode), i, len(docs))
		case !strings.Contains(p.Name, m.Name) && !strings.Contains(m.Name, p.Name):
			warnings = append(warnings, fmt.Sprintf("专业名称 %[1]q 与专业代码 %[2]s（%[3]s）不符，请核对 / the name %[1]q is not that of major %[2]s (%[3]s, %[4]s): check them",
				p.Name, p.MajorCode, m.Name, m.NameEN))
		}
	}
	return warnings, nil
}
