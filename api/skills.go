package api

import (
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
