package search

import (
	"regexp"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// englishTerms are the English words a user of the English UI types for the places and the
// policy's words, which the documents write in Chinese only: Xi'an found only the "an" of
// English sentences, Shaanxi, policy, tax and subsidy nothing. Skills need none of this: the
// taxonomy names them in English. Longest first among those that share a start.
var englishTerms = [][2]string{
	{"service outsourcing", "服务外包"}, {"software outsourcing", "软件外包"}, {"outsourcing", "外包"}, {"offshore", "离岸"},
	{"policy", "政策"}, {"policies", "政策"}, {"tax", "税收"}, {"taxes", "税收"}, {"subsidy", "补贴"}, {"subsidies", "补贴"},
	{"start-up", "创业"}, {"startup", "创业"}, {"startups", "创业"}, {"entrepreneurship", "创业"},
	{"returnee", "海归"}, {"returnees", "海归"}, {"overseas students", "留学生"},
	{"returned students", "海归"}, {"returned overseas students", "海归"},
	// Studying abroad (留学), which profiles say (赴日本留学) and item (12) as 海外留学生: study
	// abroad was the skill Animal studies (动物实验), whose study it is to the stemmer.
	{"study abroad", "留学"}, {"studying abroad", "留学"}, {"studied abroad", "留学"}, {"studies abroad", "留学"},
	{"study overseas", "留学"}, {"studying overseas", "留学"}, {"studied overseas", "留学"},
	{"overseas study", "留学"}, {"overseas studies", "留学"}, {"overseas returnees", "海归"}, {"overseas returnee", "海归"},
	// 人才引进 as it is said in English (item (12): 引进……高端人才); talent introduction found
	// item (14), whose translation says introduction.
	{"talent introduction", "人才引进"}, {"introduction of talent", "人才引进"}, {"talent attraction", "人才引进"},
	{"introduce talent", "引进人才"}, {"introducing talent", "引进人才"}, {"introduce talents", "引进人才"},
	{"talent", "人才"}, {"cooperation", "合作"},
	// 校企合作 as English says it (item (12)): word by word, enterprise was the skill Enterprise
	// resource planning and listed ERP实施顾问 postings, and item (12) was not among them. An
	// enterprise alone is 企业, as enterprises is (Enterprise resource planning stays the skill:
	// withSkillNames).
	{"school-enterprise cooperation", "校企合作"}, {"school enterprise cooperation", "校企合作"},
	{"university-enterprise cooperation", "校企合作"}, {"university enterprise cooperation", "校企合作"},
	{"college-enterprise cooperation", "校企合作"}, {"college enterprise cooperation", "校企合作"},
	{"school-enterprise", "校企"}, {"university-enterprise", "校企"}, {"college-enterprise", "校企"},
	{"enterprise", "企业"},
	// Job titles that no skill's English name says (software developer found a policy item).
	{"software engineers", "软件工程师"}, {"software engineer", "软件工程师"}, {"software developers", "软件开发"},
	{"software developer", "软件开发"}, {"test engineers", "测试工程师"}, {"test engineer", "测试工程师"},
	// The role nouns of those who test and analyse, as titles say them (测试工程师, 数据分析师):
	// testing engineer found one policy item, data analyst and analyst one (analysts, a word
	// of none, found 1,045 documents within one letter of analysis), tester one posting.
	{"testing engineers", "测试工程师"}, {"testing engineer", "测试工程师"}, {"software testers", "软件测试"},
	{"software tester", "软件测试"}, {"testers", "软件测试"}, {"tester", "软件测试"}, // a tester here tests software: 测试 alone found 材料分析测试
	{"data analysts", "数据分析师"}, {"data analyst", "数据分析师"}, {"analysts", "分析师"}, {"analyst", "分析师"},
	// The common IT roles, as postings title them: Product Manager found 8 documents and none
	// a product manager's (产品经理: 189), Frontend Engineer nothing for its Frontend.
	{"product managers", "产品经理"}, {"product manager", "产品经理"}, {"project managers", "项目经理"}, {"project manager", "项目经理"},
	{"backend engineers", "后端开发"}, {"backend engineer", "后端开发"}, {"backend developers", "后端开发"}, {"backend developer", "后端开发"},
	{"back-end engineers", "后端开发"}, {"back-end engineer", "后端开发"}, {"back-end developers", "后端开发"}, {"back-end developer", "后端开发"},
	{"backend", "后端"}, {"back-end", "后端"},
	{"frontend engineers", "前端开发"}, {"frontend engineer", "前端开发"}, {"frontend developers", "前端开发"}, {"frontend developer", "前端开发"},
	{"front-end engineers", "前端开发"}, {"front-end engineer", "前端开发"}, {"front-end developers", "前端开发"}, {"front-end developer", "前端开发"},
	{"frontend", "前端"}, {"front-end", "前端"}, {"fe", "前端"},
	{"algorithm engineers", "算法工程师"}, {"algorithm engineer", "算法工程师"}, {"architects", "架构师"}, {"architect", "架构师"},
	{"in demand", "市场需求"}, {"demand", "市场需求"}, {"demanded", "市场需求"},
	{"hiring", "招聘"}, {"recruiting", "招聘"}, {"jobs", "岗位"}, {"job", "岗位"}, {"positions", "岗位"}, {"vacancies", "岗位"},
	{"software companies", "软件公司"}, {"software company", "软件公司"}, {"software firms", "软件公司"},
	{"companies", "公司"}, {"company", "公司"}, {"firms", "公司"}, {"enterprises", "企业"},
	{"universities", "大学"}, {"university", "大学"}, {"colleges", "高校"}, {"schools", "学校"},
	{"majors", "专业"}, {"major", "专业"}, {"programs", "专业"},
	{"training institutions", "培训机构"}, {"training institution", "培训机构"}, {"training centres", "培训机构"},
	{"training centers", "培训机构"}, {"training schools", "培训机构"}, {"training providers", "培训机构"}, {"training", "培训"},
	{"candidates", "候选人"}, {"candidate", "候选人"}, {"job seekers", "求职者"}, {"resumes", "简历"},
	{"resume", "简历"}, {"cvs", "简历"}, {"fresh graduates", "应届生"}, {"new graduates", "应届生"},
	{"graduates", "毕业生"}, {"undergraduates", "本科生"}, {"undergraduate students", "本科生"},
	// Degrees, as people with them are asked for (master's graduates in computer science was
	// relaxed for its master and s): the words profiles and postings say.
	{"master s degree", "硕士"}, {"master s", "硕士"}, {"masters", "硕士"}, {"bachelor s degree", "本科"},
	{"bachelor s", "本科"}, {"bachelors", "本科"}, {"phd", "博士"}, {"doctorate", "博士"},
	{"students", "学生"}, {"student", "学生"}, {"need", "需要"}, {"needs", "需要"}, {"needing", "需要"}, {"internship", "实习"}, {"internships", "实习"}, {"intern", "实习生"}, {"interns", "实习生"},
	{"vocational colleges", "高职"}, {"vocational college", "高职"},
	{"auditor", "审计"}, {"auditors", "审计"}, {"call centre", "呼叫中心"}, {"call center", "呼叫中心"},
	{"cross-border e-commerce", "跨境电商"}, {"e-commerce operations", "电商运营"}, {"e-commerce", "电商"},
	{"chip design", "集成电路设计"}, {"medical devices", "医疗器械"}, {"medical device", "医疗器械"},
	{"central asia", "中亚"}, {"software park", "软件园"}, {"high-tech zone", "高新区"}, {"hi-tech zone", "高新区"},
	{"courses", "培训课程"}, {"course", "培训课程"},
	// The policy's sectors that no skill's English name says (items (3)–(5)).
	{"r&d", "研发"}, {"biomedical", "生物医药"}, {"biomedicine", "生物医药"}, {"finance", "金融"},
	{"digital publishing", "数字出版"}, {"publishing", "出版"}, {"film", "影视"},
	// The countries returnees studied in, as profiles say them (后赴德国留学): Germany was
	// the skill German (德语), within a letter of it, and found the German programs, not those
	// who studied there.
	{"germany", "德国"}, {"japan", "日本"}, {"south korea", "韩国"}, {"korea", "韩国"},
	{"united kingdom", "英国"}, {"britain", "英国"}, {"england", "英国"}, {"uk", "英国"},
	{"united states", "美国"}, {"america", "美国"}, {"usa", "美国"}, {"australia", "澳大利亚"},
	{"singapore", "新加坡"}, {"malaysia", "马来西亚"}, {"russia", "俄罗斯"}, {"france", "法国"}, {"canada", "加拿大"},
	{"shaanxi", "陕西"}, {"guanzhong", "关中"}, {"shaanbei", "陕北"}, {"shaannan", "陕南"},
	// The new areas as people name them, without Demonstration Zone or New Area.
	{"yangling", "杨凌"}, {"xixian", "西咸新区"},
}

// englishCapitals are the abbreviations of roles that are an English word in small letters:
// they stand for the role only as written in capitals (BE, as FE is 前端), while "be" stays
// the word, which no document needs (BE found nothing: the word is an English stop word).
var englishCapitals = map[string]string{"BE": "后端"}

// englishFounding matches how a founder asks in English (start a company, starting an
// outsourcing business, set up my own software firm): 开公司, whose synonyms are the policy's
// words (创业, 创办, 新设企业). The trade goes, as founding drops it: the policy's items on
// founding firms name none. starting a company found nothing (starting is no word of it).
var englishFounding = regexp.MustCompile(`(?i)\b(?:start|starting|found|founding|set up|setting up|open|opening|register|registering|establish|establishing|launch|launching)\s+(?:(?:a|an|my|our|my own|our own|one's own)\s+)?(?:new\s+)?(?:(?:service\s+)?outsourcing\s+|software\s+|it\s+|tech\s+|technology\s+)?(?:company|companies|business|businesses|firm|firms)\b`)

// englishStudiedIn matches studying in a country (studied in Germany, study in Japan): 留学
// and the country, as profiles say it (后赴德国留学). studied alone is the skill Animal
// studies (动物实验) to the stemmer, and studied in Germany listed its postings above the
// six who studied there. Studying in a city (studied in Xi'an) is no 留学, and stays.
var englishStudiedIn = regexp.MustCompile(`(?i)\b(?:study|studies|studied|studying)\s+(?:in|at)\s+(?:the\s+)?(germany|japan|south\s+korea|korea|united\s+kingdom|britain|england|uk|united\s+states|america|usa|us|australia|singapore|malaysia|russia|france|canada)\b`)

// englishArticle matches an item of the policy named by its number in English, as the
// English UI labels the items (Item (9)) and people cite them (item 9, Article 9, clause 10,
// item no. 9): written 第9项, which the Chinese forms are (article). item 9 listed job needs
// that say 9 before item (9), Article 9 left Article out as found nowhere.
var englishArticle = regexp.MustCompile(`(?i)\b(?:items?|articles?|clauses?)\s*(?:no\.?\s*|#\s*)?[(（]?\s*([0-9]{1,2})\b\s*[)）]?`)

// englishStop are the small words of an English query that no document needs to hold: every
// word of a query must be found, and "Java jobs in Xi'an" was relaxed for its "in". They go
// only from a query with other words.
var englishStop = map[string]bool{"in": true, "for": true, "of": true, "the": true, "at": true, "near": true,
	"with": true, "to": true, "on": true, "from": true, "around": true, "about": true, "by": true, "that": true, "which": true}

// englishWord matches a run of Latin letters with the apostrophes and hyphens inside names,
// and R&D.
var englishWord = regexp.MustCompile(`[Rr]&[Dd]\b|[A-Za-z][A-Za-z'’\-]*`)

// fromEnglish writes the English place names and policy words of q in Chinese, and, in a
// query without Chinese, the English names of the majors (majors, from majorTerms), leaving
// every other word as typed. A query that holds Chinese is not an English user's question, and
// its English words are mostly part of names: the Investment of 飞利浦（中国）投资有限公司 Philips
// (China) Investment Co.,Ltd. is no 投资学, and written so it left the search relaxed.
func fromEnglish(q string, majors map[string]string) string {
	if strings.ContainsFunc(q, isCJK) {
		majors = nil
	}
	return translateEnglish(q, majors)
}

// translateEnglish is fromEnglish with the majors given, whatever q holds: the caller decided
// from the query as typed (search, where an English school's name is Chinese by now).
func translateEnglish(q string, majors map[string]string) string {
	if !strings.ContainsFunc(q, func(r rune) bool { return r < 0x80 && (r|0x20) >= 'a' && (r|0x20) <= 'z' }) {
		return q
	}
	q = strings.Join(strings.Fields(englishFounding.ReplaceAllString(q, " 开公司 ")), " ")
	q = englishStudiedIn.ReplaceAllStringFunc(q, func(m string) string {
		country := englishStudiedIn.FindStringSubmatch(m)[1]
		if strings.EqualFold(country, "us") {
			country = "usa" // the US, which alone is the word us
		}
		return " 留学 " + country + " "
	})
	q = englishArticle.ReplaceAllString(q, " 第${1}项 ")
	// Lower case and apostrophes as spaces (Xi'an = xi an), byte for byte, so that the
	// words' offsets hold in q too.
	lower := strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		if r == '\'' {
			return ' '
		}
		return r
	}, strings.ReplaceAll(q, "’", "'"))
	q = strings.ReplaceAll(q, "’", "'")
	words := englishWord.FindAllStringIndex(lower, -1)
	if len(words) == 0 {
		return q
	}
	// A major's name of one word (Nursing, Investment, Law) is a major where the query is
	// about it, every other word known (nursing Baoji, universities offering nursing), not
	// among words of another subject (investment banking, Philips Investment).
	reps, unknown := englishSpans(q, lower, words, majors, true)
	if unknown > 0 {
		reps, _ = englishSpans(q, lower, words, majors, false)
	}
	if len(reps) == 0 {
		return q
	}
	var b strings.Builder
	last := 0
	for _, r := range reps {
		b.WriteString(q[last:r.start])
		b.WriteString(" " + r.zh + " ")
		last = r.end
	}
	b.WriteString(q[last:])
	return strings.Join(strings.Fields(b.String()), " ")
}

// englishSpan is a run of words of a query written in Chinese (zh), from byte start to end.
type englishSpan struct {
	start, end int
	zh         string
}

// englishSpans returns the runs of the words (spans of s, lower case; typed is s as typed)
// that fromEnglish writes in Chinese, longest first, and how many other words are neither
// such nor function words. singles lets a major's name of one word count.
func englishSpans(typed, s string, words [][]int, majors map[string]string, singles bool) (reps []englishSpan, unknown int) {
	for i := 0; i < len(words); i++ {
		start, w := words[i][0], s[words[i][0]:words[i][1]]
		zh, n := lookupEnglish(s, words[i:], majors, singles)
		if zh == "" {
			zh, n = englishCapitals[typed[words[i][0]:words[i][1]]], 1
		}
		if zh == "" && (englishAskWords[w] || englishStop[w]) && len(words) > 1 {
			zh, n = " ", 1 // universities offering software engineering: offering asks; Java jobs in Xi'an: in is no word to find
		}
		if zh == "" {
			if !englishStopWords[w] {
				unknown++
			}
			continue
		}
		reps = append(reps, englishSpan{start, words[i+n-1][1], zh})
		i += n - 1
	}
	return reps, unknown
}

// lookupEnglish returns the Chinese of the longest run of words starting the spans (up to
// three, or as many as a major's English name has), and how many words it took; "" when none.
// singles lets a major's name of one word count.
func lookupEnglish(s string, spans [][]int, majors map[string]string, singles bool) (string, int) {
	longest := 3
	if len(majors) > 0 {
		longest = maxMajorWords
	}
	for n := min(longest, len(spans)); n > 0; n-- {
		words := make([]string, n)
		for i := range n {
			words[i] = s[spans[i][0]:spans[i][1]]
		}
		w := strings.Join(words, " ")
		if zh := majors[w]; zh != "" && (n > 1 || singles) {
			return zh, n
		}
		if n > 3 {
			continue
		}
		if zh := englishTerm(w); zh != "" {
			return zh, n
		}
	}
	return "", 0
}

// englishTerm returns the Chinese of the English term w (lower case, words separated by a
// space): a word of englishTerms or a city's English name.
func englishTerm(w string) string {
	for _, t := range englishTerms {
		if t[0] == w {
			return t[1]
		}
	}
	if city, ok := xiaoqi.CityFromEnglish(w); ok {
		return strings.TrimSuffix(city, "市")
	}
	// A Shaanxi district by its English name with its District or County (Yanta District:
	// 雁塔区), or by its name alone when that is long enough to be no other word (Yanta,
	// Weiyang, Beilin, Chang'an found nothing): the names of fewer letters are English or
	// common (Long, Mei, Feng, Fu, Hu, Yang), and stay words.
	if strings.HasSuffix(w, " district") || strings.HasSuffix(w, " county") ||
		len(xiaoqi.EnglishKey(w)) >= minBareDistrict {
		if d, ok := xiaoqi.PlaceFromEnglish(w, true); ok {
			return d
		}
	}
	return ""
}

// minBareDistrict is the least length of a district's English name (without District or
// County, spaces and apostrophes) that names the district alone (englishTerm). Every name
// of Shaanxi's districts of five letters or more is pinyin no English word is spelt as.
const minBareDistrict = 5

// withSkillNames adds to terms, the majors' English names that fromEnglish writes in Chinese,
// the skills' English names of two words or more that hold a word of englishTerms, each to
// the skill's Chinese name: written word by word they named no skill any more (Japan-facing
// outsourcing became Japan-facing 外包, which found nothing but item (8)). A name's part in
// brackets is left out (IT outsourcing (ITO): it outsourcing).
func withSkillNames(terms map[string]string, syn *synonyms) map[string]string {
	if syn == nil {
		return terms
	}
	for _, sk := range syn.tax.Skills() {
		name := sk.NameEN
		if i := strings.IndexByte(name, '('); i > 0 {
			name = name[:i]
		}
		en := englishKey(name)
		if !strings.Contains(en, " ") || strings.Count(en, " ") >= maxMajorWords || !holdsEnglishTerm(en) {
			continue
		}
		if _, ok := terms[en]; ok {
			continue
		}
		if terms == nil {
			terms = map[string]string{}
		}
		terms[en] = sk.NameZH
	}
	return terms
}

// holdsEnglishTerm reports whether en, lower case, holds a term of englishTerms as whole words.
func holdsEnglishTerm(en string) bool {
	padded := " " + en + " "
	for _, t := range englishTerms {
		if strings.Contains(padded, " "+t[0]+" ") {
			return true
		}
	}
	return false
}
