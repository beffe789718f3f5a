package web_test

import (
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/web"
)

// colorPairs are the foreground/background combinations style.css uses, with the minimum
// contrast ratio of WCAG 2.1 AA: 4.5 for text, 3 for focus rings, input borders and chart
// marks (non-text contrast, 1.4.11).
var colorPairs = []struct {
	fg, bg string
	min    float64
}{
	{"fg", "bg", 4.5}, {"fg", "surface", 4.5}, {"muted", "bg", 4.5}, {"muted", "surface", 4.5},
	{"accent", "bg", 4.5}, {"accent", "surface", 4.5}, {"accent-dark", "bg", 4.5}, {"accent", "chip-bg", 4.5},
	{"on-accent", "accent", 4.5}, {"on-accent", "accent-dark", 4.5},
	{"fg", "mark-bg", 4.5}, {"fg", "chip-bg", 4.5},
	{"synthetic-fg", "synthetic-bg", 4.5}, {"unverified-fg", "unverified-bg", 4.5}, {"error-fg", "error-bg", 4.5}, {"ok-fg", "ok-bg", 4.5}, {"error-fg", "bg", 4.5},
	{"fg", "gz-bg", 4.5}, {"fg", "sn-bg", 4.5}, {"fg", "sb-bg", 4.5},
	{"focus", "bg", 3}, {"focus", "surface", 3}, {"border", "bg", 3},
	{"gz", "bg", 3}, {"sn", "bg", 3}, {"sb", "bg", 3}, {"gz", "gz-bg", 3}, {"sn", "sn-bg", 3}, {"sb", "sb-bg", 3},
}

// TestContrast computes, from the values in style.css, the contrast of every pair above, and
// checks that the stylesheet sets colours only through those custom properties.
func TestContrast(t *testing.T) {
	b, err := fs.ReadFile(web.Assets(), "assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
	root := regexp.MustCompile(`(?s):root\s*\{(.*?)\}`).FindStringSubmatch(css)
	if root == nil {
		t.Fatal("style.css has no :root block")
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;`).FindAllStringSubmatch(root[1], -1) {
		vars[m[1]] = m[2]
	}
	if len(vars) < 10 {
		t.Fatalf("found %d colours in :root", len(vars))
	}
	inPair := map[string]bool{}
	for _, p := range colorPairs {
		fg, ok1 := vars[p.fg]
		bg, ok2 := vars[p.bg]
		if !ok1 || !ok2 {
			t.Errorf("--%s or --%s is not a colour of :root", p.fg, p.bg)
			continue
		}
		inPair[p.fg], inPair[p.bg] = true, true
		r := contrast(t, fg, bg)
		if r < p.min {
			t.Errorf("--%s %s on --%s %s: contrast %.2f, want at least %.1f", p.fg, fg, p.bg, bg, r, p.min)
		} else {
			t.Logf("--%s on --%s: %.2f", p.fg, p.bg, r)
		}
	}
	for name := range vars {
		if !inPair[name] {
			t.Errorf("--%s is in no checked pair: add the pairs it is used in to colorPairs", name)
		}
	}
	// Outside :root, colours come from the variables only (or need no contrast).
	rest := strings.Replace(css, root[0], "", 1)
	decl := regexp.MustCompile(`(?m)(?:^|[;{\s])(color|background(?:-color)?|fill|stroke|border(?:-[a-z]+)?(?:-color)?|outline)\s*:\s*([^;}]+)`)
	for _, m := range decl.FindAllStringSubmatch(rest, -1) {
		v := m[2]
		if regexp.MustCompile(`#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(|\b(white|black|red|blue|green|gray|grey|yellow|orange)\b`).MatchString(v) {
			t.Errorf("%s: %s sets a colour directly; use a var(--…) of :root", m[1], strings.TrimSpace(v))
		}
	}
}

// contrast is the WCAG contrast ratio of two sRGB colours #rrggbb.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(t *testing.T, hex string) float64 {
	var c [3]float64
	for i := range 3 {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(fmt.Errorf("colour %s: %w", hex, err))
		}
		s := float64(v) / 255
		if s <= 0.04045 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func TestContrastFormula(t *testing.T) {
	// Known values: black on white is 21, #767676 on white is the AA limit (4.54).
	if r := contrast(t, "#000000", "#ffffff"); math.Abs(r-21) > 0.01 {
		t.Errorf("black on white: %.2f, want 21", r)
	}
	if r := contrast(t, "#767676", "#ffffff"); math.Abs(r-4.54) > 0.01 {
		t.Errorf("#767676 on white: %.2f, want 4.54", r)
	}
}
