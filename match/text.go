package match

import (
	"fmt"
	"math"
	"strings"
)

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// plural writes n with the singular or plural form of a noun: "1 opening", "3 openings".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

func noneZH(s []string) string {
	if len(s) == 0 {
		return "无"
	}
	return strings.Join(s, "、")
}

func noneEN(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// listZH joins up to n names with 、 and an ellipsis for the rest.
func listZH(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, "、")
	}
	return strings.Join(names[:n], "、") + fmt.Sprintf("等 %d 项", len(names))
}

func listEN(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + " and " + thousands(len(names)-n) + " more"
}

// thousands writes n in English with a comma between thousands, as the web UI writes its
// figures (18,788): the dossier said "About 18788 graduates" beside a figure of 18,788.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
