package api

import (
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// fillSkills gives a job need or a candidate written without skills those an import would
// find in its text (Config.ImportSkills): the title and description of a job need, the
// summary of a candidate. An HR form that leaves 技能 empty still gets a job that matching can
// place. Skills that are written are stored as written.
func (s *Server) fillSkills(docs []xiaoqi.Doc) {
	if s.skills == nil {
		return
	}
	for _, d := range docs {
		switch d := d.(type) {
		case *xiaoqi.JobNeed:
			if len(d.Skills) == 0 {
				d.Skills = s.skills.Skills(nil, strings.TrimSpace(d.Name+"\n"+d.Description))
			}
		case *xiaoqi.Candidate:
			if len(d.Skills) == 0 {
				d.Skills = s.skills.Skills(nil, d.Summary)
			}
		}
	}
}
