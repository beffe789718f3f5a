package match

import (
	"fmt"
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

// policyFactor scores policy standing (a key training institution, a leading enterprise:
// item (2)) and cites the items that support the pairing.
func (m *Matcher) policyFactor(s *snapshot, e *enterprise, in *institution, text bool) xiaoqi.MatchFactor {
	f := xiaoqi.MatchFactor{Factor: "policy", Weight: wPolicy, Score: 0.5}
	items := []int{12}
	if in.doc.KeyTraining {
		f.Score += 0.25
	}
	if e.doc.Leading {
		f.Score += 0.25
	}
	if in.doc.KeyTraining || e.doc.Leading {
		items = append(items, 2)
	}
	if m.abroad(e) {
		items = append(items, 8)
	}
	slices.Sort(items)
	f.Policies = items
	if !text {
		return f
	}
	// The standing first, as sentences of their own, then the items: "符合该企业为服务外包龙头
	// 企业" and "Supported by the enterprise is a leading …" said neither.
	var standZH, standEN []string
	if in.doc.KeyTraining {
		standZH = append(standZH, "该机构为省级服务外包重点人才培训机构")
		standEN = append(standEN, "the institution is a provincial key service-outsourcing training institution")
	}
	if e.doc.Leading {
		standZH = append(standZH, "该企业为服务外包龙头企业")
		standEN = append(standEN, "the enterprise is a leading service-outsourcing enterprise")
	}
	var zh, en []string
	for _, n := range items {
		q := quotePolicy(s, n)
		if n == 2 {
			q = quoteStanding(s, e.doc.Leading, in.doc.KeyTraining)
		}
		item := fmt.Sprintf("《实施意见》第（%s）项", xiaoqi.ChineseNumeral(n))
		if q.Quote != "" { // the store holds the item's text
			item += fmt.Sprintf("「%s」：%s", q.Heading, strings.TrimRight(q.Quote, "。；"))
		}
		zh = append(zh, item)
		en = append(en, fmt.Sprintf("item (%d): %s", n, q.EN))
	}
	f.ZH = "符合" + strings.Join(zh, "；") + "。" // not 。； between two quotes
	f.EN = "Supported by " + strings.Join(en, "; ")
	if len(standZH) > 0 {
		f.ZH = strings.Join(standZH, "，") + "。" + f.ZH
		f.EN = upperFirst(strings.Join(standEN, " and ")) + ". " + f.EN
	}
	return f
}

// abroad reports whether item (8), international markets, bears on an enterprise: it serves an
// offshore market, or its jobs ask for a foreign language beyond the College English every
// graduate is taught (one post asking for 英语四级 made a firm with no market abroad one that
// item (8) supports).
func (m *Matcher) abroad(e *enterprise) bool {
	if len(e.doc.OffshoreMarkets) > 0 {
		return true
	}
	return slices.ContainsFunc(e.langs, func(s int32) bool { return !generalEducation[m.skills[s].ID] })
}

// upperFirst writes s with its first letter in upper case.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
