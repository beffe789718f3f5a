package seed

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

var (
	sectionLine = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	itemLine    = regexp.MustCompile(`^（([一二三四五六七八九十]+)）([^。]+)。`)
	// The unofficial English translation, policy_en.txt, line for line: "I. General
	// requirements", "(1) Approach. Fully carry out …".
	sectionLineEN = regexp.MustCompile(`^[IVX]+\. \S`)
	itemLineEN    = regexp.MustCompile(`^\((\d+)\) ([^.]+)\. `)
)

// loadPolicy splits the policy text into its 15 numbered items, each with the unofficial
// English translation of its section, heading and text beside the Chinese.
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
	en, err := loadPolicyEN()
	if err != nil {
		return nil, err
	}
	for _, p := range out {
		e, ok := en[p.Number]
		if !ok {
			return nil, fmt.Errorf("seed: policy_en.txt: no item (%d)", p.Number)
		}
		p.SectionEN, p.HeadingEN, p.TextEN = e.SectionEN, e.HeadingEN, e.TextEN
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("seed: policy item %d in English: %w", p.Number, err)
		}
	}
	if len(en) != len(out) {
		return nil, fmt.Errorf("seed: policy_en.txt: found %d items, want %d", len(en), len(out))
	}
	return out, nil
}

// loadPolicyEN reads the English items of policy_en.txt by number.
func loadPolicyEN() (map[int]*xiaoqi.Policy, error) {
	data, err := files.ReadFile("data/policy_en.txt")
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	out := map[int]*xiaoqi.Policy{}
	section := ""
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if sectionLineEN.MatchString(line) {
			section = line
			continue
		}
		m := itemLineEN.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if out[n] != nil {
			return nil, fmt.Errorf("seed: policy_en.txt: item (%d) twice", n)
		}
		out[n] = &xiaoqi.Policy{Number: n, SectionEN: section, HeadingEN: m[2], TextEN: line}
	}
	return out, nil
}
