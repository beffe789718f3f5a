package skill

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/xiaoqi-dev/xiaoqi"
)

//go:embed data/skills.txt data/majors.tsv data/t2s.txt data/VERSION
var dataFS embed.FS

// Category groups skills for browsing and for context checks ("programming_language",
// "testing", "finance", ...). The categories are the sections of data/skills.txt.
type Category string

// Relation says that a skill is related to another with a weight between 0 and 1: the share of
// credit that knowing one gives for the other when matching.
type Relation struct {
	ID     string  `json:"id"`
	Weight float64 `json:"weight"`
}

// MajorDepth is a catalogue major that teaches a skill. Depth is 1 when the major touches the
// skill (an elective, a tool used in passing), 2 when it teaches it in a course and 3 when the
// skill is at the core of the major.
type MajorDepth struct {
	Code  string `json:"code"`
	Depth int    `json:"depth"`
}

// SkillDepth is a skill taught by a major, with the depth of MajorDepth.
type SkillDepth struct {
	ID    string `json:"id"`
	Depth int    `json:"depth"`
}

// Major is a major of the MOE undergraduate catalogue (2026) with the skills it teaches.
type Major struct {
	Code   string       `json:"code"` // 080902, 0502100T
	Name   string       `json:"name"`
	Class  string       `json:"class"` // 0809
	Skills []SkillDepth `json:"skills"`
}

// Skill is a canonical skill of the taxonomy.
type Skill struct {
	ID           string          `json:"id"` // stable ASCII slug: "java", "japanese_n2"
	NameZH       string          `json:"name_zh"`
	NameEN       string          `json:"name_en"`
	Category     Category        `json:"category"`
	Sectors      []xiaoqi.Sector `json:"sectors"`
	Aliases      []string        `json:"aliases,omitempty"`      // as written in the data, both scripts
	Misspellings []string        `json:"misspellings,omitempty"` // common misspellings
	Related      []Relation      `json:"related,omitempty"`      // symmetric, heaviest first
	Majors       []MajorDepth    `json:"majors,omitempty"`       // deepest first
}

// Domain returns the skill as the root package's xiaoqi.Skill.
func (s *Skill) Domain() xiaoqi.Skill {
	return xiaoqi.Skill{ID: s.ID, NameZH: s.NameZH, NameEN: s.NameEN}
}

// Taxonomy is the loaded skill taxonomy. It is immutable and safe for concurrent use.
type Taxonomy struct {
	version     string
	fingerprint string
	skills      []*Skill // by id
	byID        map[string]*Skill
	majors      []*Major // by code
	byMajor     map[string]*Major
	fold        folder
	m           matcher
	scratch     sync.Pool // *scratch, reused by Extract
}

// Load parses the embedded taxonomy. It fails only if the embedded data is inconsistent,
// which the package's tests rule out; callers load it once and share it.
func Load() (*Taxonomy, error) {
	read := func(name string) (string, error) {
		b, err := dataFS.ReadFile("data/" + name)
		if err != nil {
			return "", fmt.Errorf("skill: load: %w", err)
		}
		return string(b), nil
	}
	files := map[string]string{}
	for _, name := range []string{"skills.txt", "majors.tsv", "t2s.txt", "VERSION"} {
		s, err := read(name)
		if err != nil {
			return nil, err
		}
		files[name] = s
	}
	t := &Taxonomy{byID: map[string]*Skill{}, byMajor: map[string]*Major{}}
	t.scratch.New = func() any { return &scratch{hits: make([]hit, 0, 64)} }
	t.version = strings.Fields(files["VERSION"] + " ?")[0]
	t.fingerprint = fingerprint(files["skills.txt"], files["majors.tsv"], files["t2s.txt"])
	t2s, err := parseT2S(files["t2s.txt"])
	if err != nil {
		return nil, fmt.Errorf("skill: load: %w", err)
	}
	t.fold = newFolder(t2s)
	raws, blocks, err := parseSkills(files["skills.txt"])
	if err != nil {
		return nil, fmt.Errorf("skill: load: %w", err)
	}
	for _, r := range raws {
		if t.byID[r.skill.ID] != nil {
			return nil, fmt.Errorf("skill: load: skills.txt:%d: duplicate id %q", r.line, r.skill.ID)
		}
		t.byID[r.skill.ID] = r.skill
		t.skills = append(t.skills, r.skill)
	}
	if err := t.linkRelated(); err != nil {
		return nil, fmt.Errorf("skill: load: %w", err)
	}
	majors, err := parseMajors(files["majors.tsv"])
	if err != nil {
		return nil, fmt.Errorf("skill: load: %w", err)
	}
	if err := t.linkMajors(majors); err != nil {
		return nil, fmt.Errorf("skill: load: %w", err)
	}
	if err := t.m.build(t, raws, blocks); err != nil {
		return nil, fmt.Errorf("skill: load: %w", err)
	}
	sort.Slice(t.skills, func(i, j int) bool { return t.skills[i].ID < t.skills[j].ID })
	return t, nil
}

func fingerprint(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d\n%s", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// linkRelated checks the relations and makes them symmetric.
func (t *Taxonomy) linkRelated() error {
	type pair struct{ a, b string }
	weights := map[pair]float64{}
	for _, s := range t.skills {
		for _, r := range s.Related {
			if t.byID[r.ID] == nil {
				return fmt.Errorf("%s: related skill %q does not exist", s.ID, r.ID)
			}
			if r.ID == s.ID || r.Weight <= 0 || r.Weight > 1 {
				return fmt.Errorf("%s: bad relation %s:%g (another skill, weight in (0, 1])", s.ID, r.ID, r.Weight)
			}
			for _, p := range []pair{{s.ID, r.ID}, {r.ID, s.ID}} {
				if r.Weight > weights[p] {
					weights[p] = r.Weight
				}
			}
		}
	}
	for _, s := range t.skills {
		s.Related = nil
	}
	for p, w := range weights {
		s := t.byID[p.a]
		s.Related = append(s.Related, Relation{ID: p.b, Weight: w})
	}
	for _, s := range t.skills {
		sort.Slice(s.Related, func(i, j int) bool {
			a, b := s.Related[i], s.Related[j]
			return a.Weight > b.Weight || a.Weight == b.Weight && a.ID < b.ID
		})
	}
	return nil
}

func (t *Taxonomy) linkMajors(majors []*Major) error {
	for _, m := range majors {
		if t.byMajor[m.Code] != nil {
			return fmt.Errorf("majors.tsv: duplicate major %s", m.Code)
		}
		t.byMajor[m.Code] = m
		t.majors = append(t.majors, m)
		for _, sd := range m.Skills {
			s := t.byID[sd.ID]
			if s == nil {
				return fmt.Errorf("majors.tsv: %s %s: unknown skill %q", m.Code, m.Name, sd.ID)
			}
			s.Majors = append(s.Majors, MajorDepth{Code: m.Code, Depth: sd.Depth})
		}
		sort.Slice(m.Skills, func(i, j int) bool {
			a, b := m.Skills[i], m.Skills[j]
			return a.Depth > b.Depth || a.Depth == b.Depth && a.ID < b.ID
		})
	}
	for _, s := range t.skills {
		sort.Slice(s.Majors, func(i, j int) bool {
			a, b := s.Majors[i], s.Majors[j]
			return a.Depth > b.Depth || a.Depth == b.Depth && a.Code < b.Code
		})
	}
	sort.Slice(t.majors, func(i, j int) bool { return t.majors[i].Code < t.majors[j].Code })
	return nil
}

// Version is the declared version of the taxonomy data (data/VERSION). serve logs it at start
// and `xiaoqi reindex --reextract` reports it; documents keep the skills extracted when they
// were written, so after it changes, extract them again with --reextract.
func (t *Taxonomy) Version() string { return t.version }

// Fingerprint is a hash of the embedded data. A test checks that data/VERSION records it, so
// that the data cannot change without a new Version.
func (t *Taxonomy) Fingerprint() string { return t.fingerprint }

// Skills returns every skill, ordered by id. The caller must not modify them.
func (t *Taxonomy) Skills() []*Skill { return t.skills }

// Names returns every skill as the root package's xiaoqi.Skill (id and both names), in the
// taxonomy's order: the reference data of /api/v1/skills.
func (t *Taxonomy) Names() []xiaoqi.Skill {
	out := make([]xiaoqi.Skill, len(t.skills))
	for i, s := range t.skills {
		out[i] = s.Domain()
	}
	return out
}

// Skill returns the skill with the given id.
func (t *Taxonomy) Skill(id string) (*Skill, bool) {
	s, ok := t.byID[id]
	return s, ok
}

// Related returns the skills related to id, heaviest first, or nil for an unknown id.
func (t *Taxonomy) Related(id string) []Relation {
	if s := t.byID[id]; s != nil {
		return s.Related
	}
	return nil
}

// MajorsFor returns the majors that teach the skill id, deepest first.
func (t *Taxonomy) MajorsFor(id string) []MajorDepth {
	if s := t.byID[id]; s != nil {
		return s.Majors
	}
	return nil
}

// SkillsOfMajor returns the skills that the major with the given catalogue code teaches,
// deepest first, or nil for an unknown code.
func (t *Taxonomy) SkillsOfMajor(code string) []SkillDepth {
	if m, ok := t.Major(code); ok {
		return m.Skills
	}
	return nil
}

// Major returns the catalogue major with the given code. The T and K suffixes may be left
// out: "080910" finds 080910T.
func (t *Taxonomy) Major(code string) (*Major, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	for _, suffix := range []string{"", "T", "K", "TK"} {
		if m := t.byMajor[code+suffix]; m != nil {
			return m, true
		}
	}
	return nil, false
}

// Majors returns every catalogue major, ordered by code.
func (t *Taxonomy) Majors() []*Major { return t.majors }

// BySector returns the skills of a sector, ordered by id.
func (t *Taxonomy) BySector(sec xiaoqi.Sector) []*Skill {
	var out []*Skill
	for _, s := range t.skills {
		for _, x := range s.Sectors {
			if x == sec {
				out = append(out, s)
				break
			}
		}
	}
	return out
}
