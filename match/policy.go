package match

import (
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// policyKey is, per policy item, the phrases whose sentences are quoted and the English of
// those sentences, as the item's unofficial translation (seed/data/policy_en.txt) words them:
// the English says what the Chinese quote says, no more. Item (12)'s said "returned overseas
// students encouraged to found outsourcing firms in Shaanxi" beside a quote on school–enterprise
// cooperation that says nothing of them.
func policyKey(n int) (phrases []string, en string) {
	switch n {
	case 2:
		return []string{"重点人才培训机构"}, "support 10 provincial key service outsourcing talent training institutions in growing to scale"
	case 7:
		return []string{"一线集聚"}, "support Hanzhong, Ankang, Yan'an, Yulin and other cities in actively developing service outsourcing business on their local industrial base and resource strengths, gradually forming the new pattern of the service outsourcing industry, \"concentrated along one line, rising at many points\""
	case 8:
		return []string{"日韩"}, "consolidate and strengthen exchanges and cooperation with Europe and the United States, Japan and Korea, Southeast Asia and other countries and regions, and expand new business and marketing networks"
	case 9:
		return []string{"15%"}, "widen, by region and by field, the scope of the tax incentives under which advanced-technology service enterprises pay enterprise income tax at the reduced rate of 15%, and staff education expenses of up to 8% of total wages and salaries are deducted before tax"
	case 10:
		return []string{"新设企业"}, "make better use of where funds go and how they are used, and reform the way funds give support; encourage enterprises to raise their capacity for R&D and innovation and to carry out service outsourcing business such as international service outsourcing R&D, technical upgrading, qualification certification, public services, setting up new enterprises, and investment and trade promotion"
	case 11:
		return []string{"外汇"}, "apply the foreign exchange facilitation measures, allowing service outsourcing enterprises to open dedicated foreign exchange accounts for current-account items"
	case 12:
		return []string{"双向合作"}, "set up a two-way cooperation mechanism between service outsourcing enterprises and higher education institutions, and guide the province's higher education institutions to add service outsourcing majors that meet the needs of the industry's development"
	}
	return nil, ""
}

// quotePolicy quotes item n from the policy documents in the store: the sentences with the
// item's key phrases, else the first sentence. Without the document it gives the number only.
func quotePolicy(s *snapshot, n int) xiaoqi.PolicyQuote {
	phrases, en := policyKey(n)
	return quotePhrases(s, n, en, phrases...)
}

// quoteStanding quotes item (2) for the standing a pairing has: the sentence on the 20 leading
// enterprises for a leading enterprise, the one on the 10 key training institutions for a key
// training institution, both for both. Quoting the training institutions' sentence for a
// leading enterprise with an ordinary school cited the item for what the pairing is not.
func quoteStanding(s *snapshot, leading, keyTraining bool) xiaoqi.PolicyQuote {
	var phrases, en []string
	if leading {
		phrases = append(phrases, "龙头企业")
		en = append(en, "support 20 leading service outsourcing enterprises to grow faster and join the country's leading service outsourcing enterprises")
	}
	if keyTraining {
		phrases = append(phrases, "重点人才培训机构")
		en = append(en, "support 10 provincial key service outsourcing talent training institutions in growing to scale")
	}
	return quotePhrases(s, 2, strings.Join(en, "; "), phrases...)
}

// quotePhrases quotes item n: the sentences holding one of phrases, in the item's order, else
// its first sentence; en is the English summary of what is quoted.
func quotePhrases(s *snapshot, n int, en string, phrases ...string) xiaoqi.PolicyQuote {
	q := xiaoqi.PolicyQuote{Number: n, EN: en}
	p := s.policies[n]
	if p == nil {
		q.Heading = "第（" + xiaoqi.ChineseNumeral(n) + "）项"
		return q
	}
	q.Heading = p.Heading
	sentences := splitSentences(p.Text)
	var quoted []string
	for _, st := range sentences {
		if slices.ContainsFunc(phrases, func(ph string) bool { return ph != "" && strings.Contains(st, ph) }) {
			quoted = append(quoted, st)
		}
	}
	if len(quoted) == 0 && len(sentences) > 0 {
		quoted = sentences[:1]
	}
	q.Quote = strings.Join(quoted, "")
	return q
}

// splitSentences splits Chinese text after 。；!? and drops the item's own heading.
func splitSentences(text string) []string {
	var out []string
	var b strings.Builder
	for _, r := range text {
		b.WriteRune(r)
		if r == '。' || r == '；' || r == '！' || r == '？' {
			if s := strings.TrimSpace(b.String()); s != "" {
				out = append(out, s)
			}
			b.Reset()
		}
	}
	if s := strings.TrimSpace(b.String()); s != "" {
		out = append(out, s)
	}
	return out
}
