package ingest

import (
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// minTextConfidence is the confidence a skill found in free text needs to be taken: names,
// aliases and known misspellings, not ambiguous short words ("Go", "测试").
const minTextConfidence = 0.8

// TaxonomySkills returns the Skills of the skill taxonomy: a tag that names a skill of the
// taxonomy (an alias, a misspelling, "Java工程师") becomes the skill's Chinese name; a tag it
// does not know is kept as written, unless it is a benefit or a condition ("五险一金", "3-4年");
// and the skills the text names clearly are added. Skills come once each, in order.
//
// It also places a job need that states no sector by its skills (Sectors).
func TaxonomySkills(t *skill.Taxonomy) Skills {
	return taxonomySkills{t, taxonomySkillsFunc(t)}
}

// Sectors is implemented by the Skills that can place a job need stating no sector by its
// skills (TaxonomySkills, through skill.Taxonomy.Sector).
type Sectors interface {
	Sector(skills []string) (xiaoqi.Sector, bool)
}

type taxonomySkills struct {
	t *skill.Taxonomy
	SkillsFunc
}

// Majors is implemented by the Skills that know the skills a catalogue major teaches
// (TaxonomySkills, through MajorSkills).
type Majors interface {
	MajorSkills(code string) []string
}

// MajorSkills implements Majors.
func (ts taxonomySkills) MajorSkills(code string) []string { return MajorSkills(ts.t, code) }

// Sector implements Sectors.
func (ts taxonomySkills) Sector(skills []string) (xiaoqi.Sector, bool) { return ts.t.Sector(skills) }

func taxonomySkillsFunc(t *skill.Taxonomy) SkillsFunc {
	return SkillsFunc(func(tags []string, text string) []string {
		var out []string
		seen := map[string]bool{}
		add := func(s string) {
			if k := strings.ToLower(s); s != "" && !seen[k] {
				seen[k] = true
				out = append(out, s)
			}
		}
		for i, tag := range tags {
			if tag = strings.TrimSpace(tag); tag == "" {
				continue
			}
			// A skill of the taxonomy first: 风险控制, 保险运营 and 培训讲师 look like the
			// benefits of a job board (险, 培训) and are skills all the same. A tag that names
			// a skill only beside another of its category (AI, PS) needs such a tag too.
			if s, ok := t.Resolve(tag); ok && (!t.Contextual(tag) || besideCategory(t, tags, i, s.Category)) {
				add(s.NameZH)
			} else if parts := slashSkills(t, tag); parts != nil {
				for _, p := range parts {
					add(p)
				}
			} else if IsSkillTag(tag) {
				add(tag)
			}
		}
		for _, m := range t.Extract(text) {
			if m.Confidence < minTextConfidence {
				continue
			}
			if s, ok := t.Skill(m.SkillID); ok {
				add(s.NameZH)
			}
		}
		return out
	})
}

// besideCategory reports whether a tag other than tags[i] names a skill of category cat: PS,
// AI and CDR together name Adobe's tools and CorelDRAW.
func besideCategory(t *skill.Taxonomy, tags []string, i int, cat skill.Category) bool {
	for j, o := range tags {
		if s, ok := t.Resolve(o); ok && j != i && s.Category == cat {
			return true
		}
	}
	return false
}

// slashSkills returns the skills of a tag that names several with slashes, each a skill of
// the taxonomy (C/C++: C语言 and C++; Java/Python), as a job board writes them: kept as written,
// C/C++ was a skill the matcher did not know, not counted. A part that names a skill only
// beside another of its category (C) has the tag's other parts beside it. nil when the tag has
// no slash, or a part names no skill.
func slashSkills(t *skill.Taxonomy, tag string) []string {
	parts := strings.Split(tag, "/")
	if len(parts) < 2 {
		return nil
	}
	found := make([]*skill.Skill, len(parts))
	for i, p := range parts {
		s, ok := t.Resolve(strings.TrimSpace(p))
		if !ok {
			return nil
		}
		found[i] = s
	}
	out := make([]string, 0, len(parts))
	for i, s := range found {
		if t.Contextual(strings.TrimSpace(parts[i])) && !besideCategory(t, parts, i, s.Category) {
			return nil
		}
		out = append(out, s.NameZH)
	}
	return out
}
