package skill

import (
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Resolve returns the skill that name names: an id, a name or any alias or misspelling, in
// either script, folding case, width and traditional characters ("JAVA开发", "Java工程师",
// "ｊａｖａ" and "java" are all Java). Job-title decorations such as 高级, 资深, 工程师 and 开发
// are ignored. When name is a longer phrase that names exactly one skill ("Java高级开发工程师"),
// that skill is returned.
func (t *Taxonomy) Resolve(name string) (*Skill, bool) {
	if s, ok := t.byID[strings.TrimSpace(name)]; ok {
		return s, true
	}
	f := t.Fold(name)
	if f == "" {
		return nil, false
	}
	if p := t.m.alias[f]; p != nil {
		for q := p; q != nil; q = q.alt { // case-sensitive aliases: "LoRa" and "LoRA"
			if q.kind == kindExact && sameCase(strings.TrimSpace(name), q.exact) {
				return q.skill, true
			}
		}
		return p.skill, true
	}
	// Job-title decorations around a skill name.
	prefixes := []string{"熟练掌握", "熟练使用", "熟练", "熟悉", "精通", "掌握", "了解", "高级", "资深", "中级", "初级", "senior ", "junior "}
	suffixes := []string{"开发工程师", "工程师", "开发", "技术", "经验", "能力", "证书", "认证", "专家", "架构师", "程序员", "专员", "顾问", "相关", "等", " engineer", " developer"}
	trimmed := f
	for changed := true; changed; {
		changed = false
		for _, pre := range prefixes {
			if strings.HasPrefix(trimmed, pre) && len(trimmed) > len(pre) {
				trimmed, changed = strings.TrimSpace(trimmed[len(pre):]), true
			}
		}
		for _, suf := range suffixes {
			if strings.HasSuffix(trimmed, suf) && len(trimmed) > len(suf) {
				trimmed, changed = strings.TrimSpace(trimmed[:len(trimmed)-len(suf)]), true
			}
		}
		if p := t.m.alias[trimmed]; p != nil {
			return p.skill, true
		}
	}
	ids := IDs(t.Extract(name))
	if len(ids) == 1 {
		return t.byID[ids[0]], true
	}
	return nil, false
}

// Contextual reports whether name is an alias that names its skill only beside another
// skill of the same category ("AI" and "PS", marked "?" in the data: beside CDR they are
// Adobe's tools, beside TensorFlow AI is not). A list of tags should take it only when
// another tag names a skill of that category; Extract applies the same rule to text.
func (t *Taxonomy) Contextual(name string) bool {
	p := t.m.alias[t.Fold(name)]
	return p != nil && p.kind == kindContext
}

// Plain reports whether name is a skill's name or one of its plain aliases, short ones (N2)
// included: not a word the data marks as common ("~"), one that names the skill only beside
// another ("?"), one of a case as written ("=") or a misspelling.
func (t *Taxonomy) Plain(name string) bool {
	p := t.m.alias[t.Fold(name)]
	return p != nil && (p.kind == kindName || p.byLength)
}

// SynonymSet is one skill's words, for a search index's synonym lists. Terms are the names
// and plain aliases as written in the data (fold them with Fold to match folded tokens);
// Ambiguous holds the short or common aliases that should count only as weak evidence;
// Misspellings the known misspellings.
type SynonymSet struct {
	ID           string   `json:"id"`
	Terms        []string `json:"terms"`
	Ambiguous    []string `json:"ambiguous,omitempty"`
	Misspellings []string `json:"misspellings,omitempty"`
}

// Synonyms returns a synonym set for every skill, ordered by id.
func (t *Taxonomy) Synonyms() []SynonymSet {
	out := make([]SynonymSet, 0, len(t.skills))
	for _, s := range t.skills {
		set := SynonymSet{ID: s.ID}
		seen := map[string]bool{}
		addTo := func(dst *[]string, w string) {
			if f := t.Fold(w); f != "" && !seen[f] {
				seen[f] = true
				*dst = append(*dst, w)
			}
		}
		addTo(&set.Terms, s.NameZH)
		addTo(&set.Terms, s.NameEN)
		for _, a := range s.Aliases {
			p := t.m.alias[t.Fold(a)]
			if p != nil && p.skill == s && p.kind != kindName {
				addTo(&set.Ambiguous, a)
			} else {
				addTo(&set.Terms, a)
			}
		}
		for _, a := range s.Misspellings {
			addTo(&set.Misspellings, a)
		}
		out = append(out, set)
	}
	return out
}

// Sector returns the sector that skills point to, when they point to one: each skill the
// taxonomy knows (languages and general skills left out) shares a weight of one among its
// sectors, its first sector counting double, and the heaviest sector is returned when it
// holds at least half of their weight. A posting that states no sector (51job's give tags
// and titles) is placed by it; a mixed one is not.
func (t *Taxonomy) Sector(skills []string) (xiaoqi.Sector, bool) {
	weight := map[xiaoqi.Sector]float64{}
	known := 0
	seen := map[string]bool{}
	for _, name := range skills {
		s, ok := t.Resolve(name)
		if !ok || seen[s.ID] || len(s.Sectors) == 0 || s.Category == "language" || s.Category == "general" {
			continue
		}
		seen[s.ID] = true
		known++
		// The first sector of a skill is its own (Python's is software, then internet): it
		// counts twice as much as each of the others.
		for i, sec := range s.Sectors {
			w := 1.0
			if i == 0 {
				w = 2
			}
			weight[sec] += w / float64(len(s.Sectors)+1)
		}
	}
	var best xiaoqi.Sector
	for sec, w := range weight {
		if w > weight[best] || w == weight[best] && sec < best {
			best = sec
		}
	}
	if known == 0 || weight[best] < float64(known)/2 {
		return "", false
	}
	return best, true
}
