package skill

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match is a skill found in a text.
//
// Start and End are byte offsets into the text given to Extract (not rune offsets), so
// text[m.Start:m.End] is the words that named the skill, as written.
type Match struct {
	SkillID string `json:"skill_id"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	// Confidence is 1 for a name or a plain alias, 0.9 for a case-sensitive alias, 0.8 for a
	// known misspelling, 0.6 for an ambiguous alias (a short or common word such as "Go" or
	// "测试") and 0.5 for a single letter ("C", "R") or an alias that counts only next to a
	// related tool ("AI" for Illustrator next to "PS").
	Confidence float64 `json:"confidence"`
}

// found is a match in folded text.
type found struct {
	p      *pattern
	fs, fe int
}

// scratch is the reusable memory of one Extract call.
type scratch struct {
	buf   []byte
	offs  offsets
	found []found
	hits  []hit
}

// contextWindow is how close, in folded bytes, a "?" alias must be to another skill of its
// category: about eight Chinese characters or a short list of tools.
const contextWindow = 24

// Extract returns the skills named in text, in the order they appear.
//
// The text is folded (case, full and half width, traditional and simplified characters, white
// space), then scanned leftmost-longest over every alias with a double-array trie: at each
// position the longest alias that also passes the word-boundary checks wins, and scanning
// resumes after it. Latin aliases must stand as words ("Go" is not found in "Google", "C" not
// in "C++" or "C#"), single letters only where they clearly name a language ("熟悉C和C++",
// not "C端"), and a list of blocking phrases ("B/C端", "R&D", "货运维修") names no skill.
//
// Why not an Aho-Corasick library: of those on the module proxy, cloudflare/ahocorasick
// reports no positions; petar-dambovaliev/aho-corasick's leftmost-longest iterator restarts
// one byte after each match start and so returns overlapping matches; coregx/ahocorasick's
// leftmost-longest Find returns the longest match anywhere in the haystack rather than the
// leftmost; and a match that fails a boundary check must fall back to a shorter alias at the
// same position, which a non-overlapping automaton cannot give. Aliases are short, so walking
// the trie from each position costs a few steps and the scan runs far above 20 MB/s.
func (t *Taxonomy) Extract(text string) []Match {
	if text == "" {
		return nil
	}
	sc := t.scratch.Get().(*scratch)
	defer t.scratch.Put(sc)
	buf, offs := t.fold.text(text, sc.buf, sc.offs)
	sc.buf, sc.offs = buf, offs
	all := sc.found[:0]
	hits := sc.hits[:0]
	for i, size := 0, 0; i < len(buf); i += size {
		c := buf[i]
		size = 1
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRune(buf[i:])
			if !t.m.mayStart(r) {
				continue
			}
		} else if !t.m.mayStart(rune(c)) || i > 0 && isWordByte(c) && isWordByte(buf[i-1]) {
			continue // no alias starts here, or inside a Latin word
		}
		p, end := t.m.longest(buf, text, offs, i, len(buf), hits)
		if p == nil {
			continue
		}
		if k := t.m.overlapped(buf, text, offs, i, end, p, hits); k > 0 {
			// A longer word of another skill overlaps the end of this short one: keep only
			// what ends before it, usually nothing.
			if p, end = t.m.longest(buf, text, offs, i, k, hits); p == nil {
				continue
			}
		}
		if p.skill != nil {
			all = append(all, found{p, i, end})
		}
		size = end - i
	}
	sc.found = all
	out := make([]Match, 0, len(all))
	for k, f := range all {
		if f.p.kind == kindContext && !supported(k, func(j int) (*Skill, int, int) {
			if j < 0 || j >= len(all) {
				return nil, 0, 0
			}
			return all[j].p.skill, all[j].fs, all[j].fe
		}) {
			continue
		}
		conf := f.p.conf
		if f.p.kind == kindAmbiguous && f.p.short && (besideHan(buf, f.fs, f.fe) || listed(buf, all, k)) {
			conf = listedConfidence
		}
		start, end := offs.orig(f.fs), offs.orig(f.fe)
		out = append(out, Match{SkillID: f.p.skill.ID, Start: start, End: end, Text: text[start:end], Confidence: conf})
	}
	return out
}

// listedConfidence is that of a short ambiguous Latin alias that stands where people name
// tools: written against Chinese (使用Go进行, Go后端工程师, 熟悉Go、gRPC) or in a list beside
// another skill (Go, gRPC, Kubernetes). As a misspelling's, it is enough for an import to take
// the skill, which "Go" at 0.6 never was; "Let's go" and "go to" stay ambiguous.
const listedConfidence = 0.8

// besideHan reports whether the match buf[fs:fe] touches a Chinese character.
func besideHan(buf []byte, fs, fe int) bool {
	if fs > 0 {
		if r, _ := utf8.DecodeLastRune(buf[:fs]); unicode.Is(unicode.Han, r) {
			return true
		}
	}
	if fe < len(buf) {
		if r, _ := utf8.DecodeRune(buf[fe:]); unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// listed reports whether the k-th match and another skill's, before or after it, are
// separated by nothing but a list's separators (", ", "/", "、"). A list that the match only
// starts must not follow an English word: "ready to go, Python welcome" is prose.
func listed(buf []byte, all []found, k int) bool {
	sep := func(b []byte) bool {
		return len(b) > 0 && len(b) <= 6 && strings.Trim(string(b), " ,;/、，；|") == ""
	}
	if k > 0 && all[k-1].p.skill != all[k].p.skill && all[k-1].fe <= all[k].fs && sep(buf[all[k-1].fe:all[k].fs]) {
		return true
	}
	i := all[k].fs
	for i > 0 && buf[i-1] == ' ' {
		i--
	}
	if i > 0 && isLetter(buf[i-1]) {
		return false
	}
	return k+1 < len(all) && all[k+1].p.skill != all[k].p.skill && all[k].fe <= all[k+1].fs && sep(buf[all[k].fe:all[k+1].fs])
}

// longest returns the longest alias at buf[i:] that ends at or before max and stands as a
// word, and its end; nil if there is none.
func (m *matcher) longest(buf []byte, text string, offs offsets, i, max int, hits []hit) (*pattern, int) {
	h := m.trie.walk(buf, i, hits)
	for k := len(h) - 1; k >= 0; k-- {
		if h[k].end > max {
			continue
		}
		if p := m.accept(buf, text, offs, i, h[k].end, &m.pats[h[k].pat]); p != nil {
			return p, h[k].end
		}
	}
	return nil, 0
}

// overlapped returns the start of a word of another skill that begins inside buf[i:end], the
// match p, and ends after it, when that word should win: p has at most two characters and the
// other at least two more ("收费等保全业务" is 保全业务, not 等保). It returns 0 when p stands.
func (m *matcher) overlapped(buf []byte, text string, offs offsets, i, end int, p *pattern, hits []hit) int {
	n := utf8.RuneCount(buf[i:end])
	if n > 2 {
		return 0
	}
	for k := i + 1; k < end; k++ {
		if isContinuation(buf[k]) || isWordByte(buf[k]) && isWordByte(buf[k-1]) {
			continue
		}
		q, qe := m.longest(buf, text, offs, k, len(buf), hits)
		if q == nil || qe <= end || q.skill == p.skill || q.skill == nil {
			continue
		}
		if utf8.RuneCount(buf[k:qe]) >= n+2 {
			return k
		}
	}
	return 0
}

// supported reports whether the k-th match has another skill of its category nearby; at
// returns the j-th match, or nil beyond the ends.
func supported(k int, at func(j int) (*Skill, int, int)) bool {
	self, fs, fe := at(k)
	for _, dir := range []int{-1, 1} {
		for j := k + dir; ; j += dir {
			s, os, oe := at(j)
			if s == nil || os-fe > contextWindow || fs-oe > contextWindow {
				break
			}
			if s != self && s.Category == self.Category {
				return true
			}
		}
	}
	return false
}

// accept returns the pattern found at buf[fs:fe] if it stands as a word there: p itself, or
// for case-sensitive aliases the alternative whose case matches; nil if none.
func (m *matcher) accept(buf []byte, text string, offs offsets, fs, fe int, p *pattern) *pattern {
	if !m.boundary(buf, fs, fe, p) {
		return nil
	}
	for q := p; q != nil; q = q.alt {
		if q.kind != kindExact || sameCase(text[offs.orig(fs):offs.orig(fe)], q.exact) {
			return q
		}
	}
	return nil
}

// boundary reports whether the alias p found at buf[fs:fe] stands as a word.
func (m *matcher) boundary(buf []byte, fs, fe int, p *pattern) bool {
	prev, next := byte(' '), byte(' ') // the ASCII neighbours; ' ' for none or non-ASCII
	var prevRune, nextRune rune = ' ', ' '
	if fs > 0 {
		prevRune, _ = utf8.DecodeLastRune(buf[:fs])
		if prevRune < utf8.RuneSelf {
			prev = byte(prevRune)
		}
	}
	if fe < len(buf) {
		nextRune, _ = utf8.DecodeRune(buf[fe:])
		if nextRune < utf8.RuneSelf {
			next = byte(nextRune)
		}
	}
	first, last := p.text[0], p.text[len(p.text)-1]
	if isAlnum(first) {
		if isWordByte(prev) {
			return false
		}
		// ".js" in "next.js", "-boot" in "xx-boot": part of a longer Latin name.
		if (prev == '.' || prev == '-') && fs >= 2 && isLetter(buf[fs-2]) {
			return false
		}
	}
	if isAlnum(last) {
		if isLetter(last) && (isLetter(next) || next == '_') || isDigit(last) && isDigit(next) {
			return false
		}
		if p.short && (isAlnum(next) || next == '+' || next == '#') {
			return false
		}
		if next == '.' && fe+1 < len(buf) && isLetter(buf[fe+1]) {
			return false
		}
	}
	return !p.single || standalone(buf, fs, fe, prevRune, nextRune)
}

// standalone reports whether a single-letter alias at buf[fs:fe] clearly names a language:
// "熟悉C和C++", "C/C++", "R、Python", but not "C端", "B/C", "R&D", "C1驾照" or "C/S".
func standalone(buf []byte, fs, fe int, prev, next rune) bool {
	switch {
	case next == ' ' || next == ',' || next == ';' || next == ':' || next == ')' || next == ']':
	case strings.ContainsRune("、，；：）】。和与及或等语开编程做进写的", next):
	case next == '/':
		// "C/S" and "C/B": a lone letter after the slash is not a language list.
		if fe+2 <= len(buf) && isLetter(buf[fe+1]) && (fe+2 == len(buf) || !isLetter(buf[fe+2]) && buf[fe+2] != '+' && buf[fe+2] != '#') {
			return false
		}
	default:
		return false
	}
	if prev == '/' || prev == '&' || prev == '-' || prev == '.' {
		// "B/C", "A-C": a lone letter before the separator means a code, not a language.
		if fs >= 2 && isLetter(buf[fs-2]) && (fs == 2 || !isLetter(buf[fs-3])) {
			return false
		}
		if prev != '/' {
			return false
		}
	}
	return true
}

// sameCase reports whether the ASCII letters of s (full width folded to half width) have the
// case of those in want.
func sameCase(s, want string) bool {
	var got []rune
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		got = append(got, r)
	}
	w := []rune(want)
	if len(got) != len(w) {
		return false
	}
	for i := range w {
		if w[i] < utf8.RuneSelf && isLetter(byte(w[i])) && got[i] != w[i] {
			return false
		}
	}
	return true
}

// IDs returns the distinct skill ids of ms in the order they first appear.
func IDs(ms []Match) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		if !seen[m.SkillID] {
			seen[m.SkillID] = true
			out = append(out, m.SkillID)
		}
	}
	return out
}
