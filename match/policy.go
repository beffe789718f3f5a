package match

import (
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// policyKey is, per policy item, the phrase whose sentence is quoted and an English summary
// of that sentence.
func policyKey(n int) (phrase, en string) {
	switch n {
	case 2:
		return "重点人才培训机构", "the \"5251\" programme: 5 provincial bases, 20 leading enterprises, 50 specialised enterprises and 10 key training institutions to scale up"
	case 7:
		return "一线集聚", "Xi'an as the national demonstration city; Guanzhong as a cluster; Hanzhong, Ankang, Yan'an and Yulin developing their own outsourcing"
	case 8:
		return "日韩", "strengthen cooperation with Europe and the US, Japan and Korea and Southeast Asia; support firms going abroad"
	case 9:
		return "15%", "advanced-technology service enterprises pay 15% enterprise income tax; staff education costs up to 8% of wages deductible; zero VAT rate or exemption for international outsourcing"
	case 10:
		return "新设企业", "financial support at every level for R&D, certification, public services, newly founded enterprises and trade promotion"
	case 11:
		return "外汇", "simpler customs and inspection, foreign-exchange accounts for outsourcing firms, network access and entry and residence for foreign staff"
	case 12:
		return "双向合作", "two-way cooperation between outsourcing enterprises and universities; universities add outsourcing majors; returned overseas students encouraged to found outsourcing firms in Shaanxi"
	}
	return "", ""
}

// quotePolicy quotes item n from the policy documents in the store: the sentence with the
// item's key phrase, else the first sentence. Without the document it gives the number only.
func quotePolicy(s *snapshot, n int) xiaoqi.PolicyQuote {
	phrase, en := policyKey(n)
	return quotePhrases(s, n, en, phrase)
}

// quoteStanding quotes item (2) for the standing a pairing has: the sentence on the 20 leading
// enterprises for a leading enterprise, the one on the 10 key training institutions for a key
// training institution, both for both. Quoting the training institutions' sentence for a
// leading enterprise with an ordinary school cited the item for what the pairing is not.
func quoteStanding(s *snapshot, leading, keyTraining bool) xiaoqi.PolicyQuote {
	var phrases, en []string
	if leading {
		phrases = append(phrases, "龙头企业")
		en = append(en, "support 20 leading service-outsourcing enterprises to grow into national leaders")
	}
	if keyTraining {
		phrases = append(phrases, "重点人才培训机构")
		en = append(en, "support 10 provincial key service-outsourcing training institutions to scale up")
	}
	return quotePhrases(s, 2, "the \"5251\" programme: "+strings.Join(en, "; "), phrases...)
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
