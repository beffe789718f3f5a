package xiaoqi

import "strings"

// degreeEN gives each of Degrees its English name, as the English UI shows it (its degree.*
// labels): a value the UI shows is one the API takes.
var degreeEN = map[string]string{
	"不限": "Any", "高中": "High school", "中专": "Secondary vocational school", "大专": "Junior college",
	"本科": "Bachelor's", "硕士": "Master's", "博士": "Doctorate", "培训": "Training",
}

// DegreeEnglish returns the English name of degree d (one of Degrees), else d.
func DegreeEnglish(d string) string {
	if en, ok := degreeEN[d]; ok {
		return en
	}
	return d
}

// DegreeFromEnglish returns the degree whose English name is name, in any case, spaces folded
// and with or without its apostrophe (Junior college, training, Bachelors → 大专, 培训, 本科).
func DegreeFromEnglish(name string) (string, bool) {
	fold := func(s string) string {
		s = strings.NewReplacer("'", "", "’", "").Replace(strings.ToLower(s))
		return strings.Join(strings.Fields(s), " ")
	}
	n := fold(name)
	if n == "" {
		return "", false
	}
	for d, en := range degreeEN {
		if fold(en) == n {
			return d, true
		}
	}
	return "", false
}

// degreeList writes degrees ds for a message: in Chinese alone ("高中, 中专, …"), or each with
// its English name (zh false: "高中 High school, 中专 Secondary vocational school, …"), as the
// English half of a refusal names what the English UI shows.
func degreeList(ds []string, zh bool) string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d
		if !zh {
			out[i] = d + " " + degreeEN[d]
		}
	}
	return strings.Join(out, ", ")
}

// DegreeChoices lists Degrees for a message, each with its English name beside it in English
// (zh false: "不限 Any, 高中 High school, …") or alone in Chinese ("不限、高中、…").
func DegreeChoices(zh bool) string {
	out := make([]string, 0, len(Degrees))
	for _, d := range Degrees {
		if zh {
			out = append(out, d)
		} else {
			out = append(out, d+" "+degreeEN[d])
		}
	}
	if zh {
		return strings.Join(out, "、")
	}
	return strings.Join(out, ", ")
}
