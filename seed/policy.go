package seed

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

var (
	sectionLine = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	itemLine    = regexp.MustCompile(`^（([一二三四五六七八九十]+)）([^。]+)。`)
)

// loadPolicy splits the policy text into its 15 numbered items.
func loadPolicy() ([]*xiaoqi.Policy, error) {
	data, err := files.ReadFile("data/policy.txt")
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	numbers := map[string]int{}
	for n := 1; n < 100; n++ {
		numbers[xiaoqi.ChineseNumeral(n)] = n
	}
	var out []*xiaoqi.Policy
	section := ""
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(strings.Trim(line, "\u3000"))
		if sectionLine.MatchString(line) {
			section = line
			continue
		}
		m := itemLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		p := &xiaoqi.Policy{
			Meta:    xiaoqi.Meta{Source: "shaanxi-2015-policy"},
			Number:  numbers[m[1]],
			Section: section,
			Heading: m[2],
			Text:    line,
		}
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("seed: policy item %s: %w", m[1], err)
		}
		out = append(out, p)
	}
	if len(out) != 15 {
		return nil, fmt.Errorf("seed: policy.txt: found %d items, want 15", len(out))
	}
	return out, nil
}
