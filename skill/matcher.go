package skill

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// pattern is one folded alias in the trie.
type pattern struct {
	text   string // folded
	skill  *Skill // nil for a blocking phrase
	kind   aliasKind
	exact  string   // the alias as written, for kindExact
	alt    *pattern // another kindExact alias that folds the same ("LoRa", "LoRA")
	short  bool     // an ASCII word of at most two characters: stricter boundaries
	single bool     // a single ASCII letter ("c", "r"): only when clearly standalone
	// byLength: a name or plain alias made ambiguous only by being short (N2), not marked
	// "~" as a common word in the data.
	byLength bool
	conf     float64
}

// matcher holds what Extract and Resolve need: the trie over every folded alias and a map
// from folded alias to skill.
type matcher struct {
	trie   *trie
	pats   []pattern
	alias  map[string]*pattern // folded alias -> pattern
	starts []uint64            // bit r set when an alias starts with rune r (r < 1<<16)
}

// mayStart reports whether an alias may start with r; it lets Extract skip most characters
// without walking the trie.
func (m *matcher) mayStart(r rune) bool {
	return r >= 1<<16 || m.starts[r>>6]&(1<<(r&63)) != 0
}

// entry is an alias being collected, before the trie is built.
type entry struct {
	p        pattern
	explicit bool // written in the data, not a generated variant
	origin   string
}

func (m *matcher) build(t *Taxonomy, raws []rawSkill, blocks []string) error {
	entries := map[string]*entry{}
	add := func(folded string, p pattern, explicit bool, origin string) error {
		if folded == "" {
			return fmt.Errorf("%s folds to nothing", origin)
		}
		p.text = folded
		old := entries[folded]
		switch {
		case old == nil:
			entries[folded] = &entry{p: p, explicit: explicit, origin: origin}
		case old.p.skill == p.skill:
			if p.kind > old.p.kind && p.kind != kindMisspell { // the more cautious mark wins
				old.p.kind, old.p.exact = p.kind, p.exact
			}
			old.explicit = old.explicit || explicit
		case p.kind == kindExact && old.p.kind == kindExact:
			alt := p
			for q := &old.p; ; q = q.alt {
				if q.alt == nil {
					q.alt = &alt
					break
				}
			}
		case explicit && old.explicit:
			return fmt.Errorf("alias %q of %s is also %s", folded, origin, old.origin)
		case explicit:
			entries[folded] = &entry{p: p, explicit: true, origin: origin}
		}
		return nil
	}
	for _, r := range raws {
		for _, a := range r.aliases {
			folded := t.Fold(a.text)
			p := pattern{skill: r.skill, kind: a.kind}
			if a.kind == kindExact {
				p.exact = a.text
			}
			origin := fmt.Sprintf("%s (line %d)", r.skill.ID, r.line)
			if err := add(folded, p, true, origin); err != nil {
				return err
			}
			for _, v := range variants(folded) {
				if err := add(v, p, false, origin); err != nil {
					return err
				}
			}
		}
	}
	for _, b := range blocks {
		if err := add(t.Fold(b), pattern{kind: kindBlock}, true, "block "+b); err != nil {
			return err
		}
	}
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	m.alias = make(map[string]*pattern, len(keys))
	m.pats = make([]pattern, len(keys))
	for i, k := range keys {
		p := entries[k].p
		for q := &p; q != nil; q = q.alt {
			q.text = k
			q.short, q.single = shortWord(k)
			if q.short && (q.kind == kindName || q.kind == kindMisspell) {
				q.byLength = q.kind == kindName
				q.kind = kindAmbiguous
			}
			q.conf = confidence(*q)
		}
		m.pats[i] = p
		if p.skill != nil {
			m.alias[k] = &m.pats[i]
		}
	}
	m.trie = buildTrie(keys)
	m.starts = make([]uint64, 1<<16/64)
	for _, k := range keys {
		if r, _ := utf8.DecodeRuneInString(k); r < 1<<16 {
			m.starts[r>>6] |= 1 << (r & 63)
		}
	}
	return nil
}

func confidence(p pattern) float64 {
	switch {
	case p.single:
		return 0.5
	case p.kind == kindContext:
		return 0.5
	case p.kind == kindAmbiguous:
		return 0.6
	case p.kind == kindMisspell:
		return 0.8
	case p.kind == kindExact:
		return 0.9
	}
	return 1
}

// shortWord reports whether s is an ASCII word of at most two letters or digits ("go", "qa",
// "5g"), and whether it is a single letter ("c", "r").
func shortWord(s string) (short, single bool) {
	if len(s) == 0 || len(s) > 2 {
		return false, false
	}
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) {
			return false, false
		}
	}
	return true, len(s) == 1 && isLetter(s[0])
}

// variants returns spellings of a folded alias that people write interchangeably: with and
// without the spaces or hyphens between Latin words ("spring boot", "springboot",
// "spring-boot") and with and without a space between Chinese and Latin ("日语 n1", "日语n1").
func variants(a string) []string {
	seen := map[string]bool{a: true}
	var out []string
	addv := func(v string) {
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	joined := joinLatin(a, ' ', "")
	addv(joined)
	addv(joinLatin(a, ' ', "-"))
	addv(joinLatin(a, '-', ""))
	addv(joinLatin(a, '-', " "))
	for _, v := range append([]string{a}, out...) {
		addv(spaceCJK(v, true))
		addv(spaceCJK(v, false))
	}
	return out
}

// joinLatin replaces sep between two ASCII letters or digits with with.
func joinLatin(a string, sep byte, with string) string {
	var b strings.Builder
	for i := 0; i < len(a); i++ {
		if a[i] == sep && i > 0 && i+1 < len(a) && isAlnum(a[i-1]) && isAlnum(a[i+1]) {
			b.WriteString(with)
			continue
		}
		b.WriteByte(a[i])
	}
	return b.String()
}

// spaceCJK puts a space between every Chinese character and ASCII letter or digit that touch
// (add), or removes the spaces between them (!add).
func spaceCJK(a string, add bool) string {
	rs := []rune(a)
	var out []rune
	for i, r := range rs {
		if add && i > 0 && (isCJK(rs[i-1]) && isAlnumRune(r) || isAlnumRune(rs[i-1]) && isCJK(r)) {
			out = append(out, ' ')
		}
		if !add && r == ' ' && i > 0 && i+1 < len(rs) &&
			(isCJK(rs[i-1]) && isAlnumRune(rs[i+1]) || isAlnumRune(rs[i-1]) && isCJK(rs[i+1])) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

func isCJK(r rune) bool          { return r >= 0x2E80 && r < 0xA000 || r >= 0xF900 && r < 0xFB00 }
func isAlnumRune(r rune) bool    { return r < utf8.RuneSelf && isAlnum(byte(r)) }
func isLetter(c byte) bool       { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool        { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool        { return isLetter(c) || isDigit(c) }
func isWordByte(c byte) bool     { return isAlnum(c) || c == '_' }
func isContinuation(c byte) bool { return c&0xC0 == 0x80 }
