package skill

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// aliasKind says how an alias may be trusted.
type aliasKind uint8

const (
	kindName      aliasKind = iota // a name or a plain alias
	kindMisspell                   // a common misspelling
	kindAmbiguous                  // "~": a short or common word
	kindContext                    // "?": only next to a skill of the same category
	kindExact                      // "=": only in the case written ("CAN", not "can")
	kindBlock                      // a phrase that names no skill
)

// rawAlias is an alias as written in the data, before folding.
type rawAlias struct {
	text string
	kind aliasKind
}

// rawSkill is one line of skills.txt.
type rawSkill struct {
	skill   *Skill
	aliases []rawAlias
	line    int
}

// parseSkills reads skills.txt (its format is described in the file's header).
func parseSkills(data string) (skills []rawSkill, blocks []string, err error) {
	var category Category
	var sectors []xiaoqi.Sector
	inBlock := false
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "@") {
			f := strings.Fields(strings.TrimPrefix(line, "@"))
			if len(f) == 0 {
				return nil, nil, fmt.Errorf("skills.txt:%d: empty section", n)
			}
			inBlock = f[0] == "block"
			category = Category(f[0])
			if sectors, err = parseSectors(f[1:]); err != nil && !inBlock {
				return nil, nil, fmt.Errorf("skills.txt:%d: %w", n, err)
			}
			if !inBlock && len(sectors) == 0 {
				return nil, nil, fmt.Errorf("skills.txt:%d: section %s has no sectors", n, f[0])
			}
			continue
		}
		if inBlock {
			blocks = append(blocks, splitList(line)...)
			continue
		}
		if category == "" {
			return nil, nil, fmt.Errorf("skills.txt:%d: skill before the first section", n)
		}
		rs, err := parseSkillLine(line, category, sectors)
		if err != nil {
			return nil, nil, fmt.Errorf("skills.txt:%d: %w", n, err)
		}
		rs.line = n
		skills = append(skills, rs)
	}
	return skills, blocks, sc.Err()
}

func parseSkillLine(line string, category Category, sectors []xiaoqi.Sector) (rawSkill, error) {
	f := strings.Split(line, "|")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	if len(f) < 6 || len(f) > 7 {
		return rawSkill{}, fmt.Errorf("want 6 or 7 fields, have %d", len(f))
	}
	s := &Skill{ID: f[0], NameZH: f[1], NameEN: f[2], Category: category, Sectors: sectors}
	if !validID(s.ID) {
		return rawSkill{}, fmt.Errorf("invalid id %q (lower-case ASCII letters, digits and _)", s.ID)
	}
	if s.NameZH == "" || s.NameEN == "" {
		return rawSkill{}, fmt.Errorf("%s: both names are required", s.ID)
	}
	if len(f) == 7 {
		sec, err := parseSectors(strings.Fields(f[6]))
		if err != nil {
			return rawSkill{}, fmt.Errorf("%s: %w", s.ID, err)
		}
		s.Sectors = sec
	}
	rs := rawSkill{skill: s}
	rs.aliases = append(rs.aliases, rawAlias{s.NameZH, kindName}, rawAlias{s.NameEN, kindName})
	for _, a := range splitList(f[3]) {
		k := kindName
		switch a[0] {
		case '~':
			k, a = kindAmbiguous, a[1:]
		case '?':
			k, a = kindContext, a[1:]
		case '=':
			k, a = kindExact, a[1:]
		}
		if a == "" {
			return rawSkill{}, fmt.Errorf("%s: empty alias", s.ID)
		}
		rs.aliases = append(rs.aliases, rawAlias{a, k})
		s.Aliases = append(s.Aliases, a)
	}
	for _, a := range splitList(f[4]) {
		rs.aliases = append(rs.aliases, rawAlias{a, kindMisspell})
		s.Misspellings = append(s.Misspellings, a)
	}
	for _, r := range strings.Fields(f[5]) {
		id, w, ok := strings.Cut(r, ":")
		weight, err := strconv.ParseFloat(w, 64)
		if !ok || err != nil {
			return rawSkill{}, fmt.Errorf("%s: bad relation %q (want id:weight)", s.ID, r)
		}
		s.Related = append(s.Related, Relation{ID: id, Weight: weight})
	}
	return rs, nil
}

func parseSectors(names []string) ([]xiaoqi.Sector, error) {
	var out []xiaoqi.Sector
	for _, n := range names {
		s := xiaoqi.Sector(n)
		if !s.Valid() {
			return nil, fmt.Errorf("unknown sector %q", n)
		}
		out = append(out, s)
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// parseMajors reads majors.tsv: code, name, class code and "id:depth" pairs, tab-separated.
func parseMajors(data string) ([]*Major, error) {
	var out []*Major
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("majors.tsv:%d: want 4 tab-separated fields, have %d", n, len(f))
		}
		m := &Major{Code: f[0], Name: f[1], Class: f[2]}
		if !xiaoqi.ValidMajorCode(m.Code) {
			return nil, fmt.Errorf("majors.tsv:%d: invalid major code %q", n, m.Code)
		}
		for _, p := range strings.Fields(f[3]) {
			id, d, ok := strings.Cut(p, ":")
			depth, err := strconv.Atoi(d)
			if !ok || err != nil || depth < 1 || depth > 3 {
				return nil, fmt.Errorf("majors.tsv:%d: bad skill %q (want id:depth, depth 1-3)", n, p)
			}
			m.Skills = append(m.Skills, SkillDepth{ID: id, Depth: depth})
		}
		out = append(out, m)
	}
	return out, sc.Err()
}

// parseT2S reads t2s.txt: one traditional character, a tab and its simplified form a line.
func parseT2S(data string) (map[rune]rune, error) {
	m := make(map[rune]rune, 4096)
	for n, line := range strings.Split(data, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		t, s, ok := strings.Cut(line, "\t")
		rt, rs := []rune(t), []rune(s)
		if !ok || len(rt) != 1 || len(rs) != 1 {
			return nil, fmt.Errorf("t2s.txt:%d: want one character, a tab and one character", n+1)
		}
		m[rt[0]] = rs[0]
	}
	return m, nil
}
