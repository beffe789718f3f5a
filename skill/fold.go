package skill

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// folder maps text to the form that aliases are matched in: ASCII letters lower-cased,
// full-width ASCII turned half-width, traditional characters turned simplified and every run
// of white space turned into one space.
type folder struct {
	t2s map[rune]rune
	cjk []uint16 // simplified forms of U+2E80..U+9FFF, 0 where unchanged: the hot path
}

const cjkLo, cjkHi = 0x2E80, 0xA000

func newFolder(t2s map[rune]rune) folder {
	f := folder{t2s: t2s, cjk: make([]uint16, cjkHi-cjkLo)}
	for t, s := range t2s {
		if t >= cjkLo && t < cjkHi && s < 0x10000 {
			f.cjk[t-cjkLo] = uint16(s)
		}
	}
	return f
}

// rune folds one rune; it returns ' ' for every kind of white space.
func (f *folder) rune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		if r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' {
			return ' '
		}
		return r
	case r >= cjkLo && r < cjkHi:
		if s := f.cjk[r-cjkLo]; s != 0 {
			return rune(s)
		}
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		r -= 0xFEE0
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r == 0x3000 || r == 0xA0 || unicode.IsSpace(r):
		return ' '
	}
	if s, ok := f.t2s[r]; ok {
		return s
	}
	if r < cjkLo { // Latin-1, Greek, Cyrillic and friends; CJK has no case
		return unicode.ToLower(r)
	}
	return r
}

// shift records that from folded offset folded on, original offsets are folded+delta.
type shift struct {
	folded, delta int32
}

// offsets maps offsets in folded text back to the original text.
type offsets []shift

// orig returns the original offset of folded offset i, which must be a rune boundary.
func (o offsets) orig(i int) int {
	k := sort.Search(len(o), func(k int) bool { return int(o[k].folded) > i }) - 1
	if k < 0 {
		return i
	}
	return i + int(o[k].delta)
}

// text folds s into buf (reusing its storage) and returns the shifts that map folded
// offsets back to s. Most text folds to the same length, so the shifts are few.
func (f *folder) text(s string, buf []byte, sh offsets) ([]byte, offsets) {
	buf, sh = buf[:0], sh[:0]
	delta := int32(0)
	note := func(i int) { // the rune at s[i] is about to be written at len(buf)
		if d := int32(i - len(buf)); d != delta {
			delta = d
			sh = append(sh, shift{int32(len(buf)), d})
		}
	}
	space := true // drop leading white space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII fast path
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
				if !space {
					note(i)
					buf = append(buf, ' ')
				}
				space = true
				i++
				continue
			}
			note(i)
			buf = append(buf, c)
			space = false
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		fr := f.rune(r)
		if fr == ' ' {
			if !space {
				note(i)
				buf = append(buf, ' ')
			}
			space = true
			i += n
			continue
		}
		space = false
		note(i)
		buf = utf8.AppendRune(buf, fr)
		i += n
	}
	note(len(s))
	return buf, sh
}

// Fold returns s in the folded form that aliases are matched in: lower case, half width,
// simplified characters, single spaces, trimmed. Search indexes can apply it to synonyms and
// queries so that they agree with Extract and Resolve.
func (t *Taxonomy) Fold(s string) string {
	b, _ := t.fold.text(s, nil, nil)
	return strings.TrimSpace(string(b))
}
