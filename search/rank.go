package search

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Boosts of the ranking signals that only reorder what the text query found (rankQuery).
const (
	// nameBoost rewards a document whose name is the whole query (or the full name an
	// abbreviation of the whole query stands for): 西安交大 puts 西安交通大学 itself before
	// its hundred programs, Java开发工程师 the jobs of exactly that title.
	nameBoost = 6
	// policyBoost rewards policy items for a query that asks about policy (policyCues), as
	// much as typeCueBoost the kinds a query asks for: at 3 the courses of the centres named
	// 服务外包人才培训中心 came before item (12) for 服务外包 人才培训 补贴, when relaxed (a word
	// that many titles hold outweighs the kind). No query of the relevance set moved at 200.
	policyBoost = 200
	// typeCueBoost rewards the kinds a query asks for (typeCues). A kind of many documents
	// has a type term that weighs little: at 3 or 10 the job needs and programs that say 软件
	// in their titles still came first for 西安 软件公司 and 动漫公司 (relevance queries,
	// nDCG@10 0.143 and 0.522 at 10; 1.000 at 30). At 30 the job needs titled Java开发工程师
	// still came before every Java course for Java培训 (0.192, Python培训 0.419); at 200 the
	// kinds asked for come first among the documents the words find (1.000 and 1.000), and no
	// other query of the relevance set moved.
	typeCueBoost = 200
	// titleBoost rewards a document whose title is the whole query, as typed but for case,
	// width, spaces and punctuation (titleKey); partTitleBoost one whose title is the query
	// but for its places (Python工程师 西安: a job titled Python工程师 there). On real
	// postings nameBoost alone left the jobs titled Python工程师 18th for that query, after
	// Python后端工程师 and Python全栈工程师, whose tags name 工程师 too (TestRealTextSearch).
	titleBoost     = 100
	partTitleBoost = 40
	// titleWordBoost rewards a document whose title holds the one word of the query (titleQuery).
	titleWordBoost = 40
)

// rankQuery returns optional clauses that add to the score of documents the text query found,
// never finding documents by themselves; nil when none applies to q.
func (x *Index) rankQuery(q string) query.Query {
	q, _ = exclusions(q)
	q = strings.TrimSpace(q)
	if q == "" {
		return nil
	}
	var qs []query.Query
	names := []string{x.seg.fold(q)}
	school := x.fullNames[names[0]] // a school's full name (西北工业大学)
	if alias, rest := x.splitAlias(q); alias != "" && rest == "" {
		for _, n := range x.aliases[alias] {
			names = append(names, x.seg.fold(n))
		}
		school = true
	} else if cut := x.cutNames(q); len(cut) > 0 {
		names, school = append(names, cut...), true // 西安交通大: the name typed unfinished
	}
	if school {
		// 西工大 or 西北工业大学 alone names the school: a firm's record of the same name (the
		// university hiring) tied with it, and came first by its id.
		qs = append(qs, termQuery(fieldType, string(xiaoqi.KindInstitution), typeCueBoost))
	}
	for _, n := range names {
		if n == "" {
			continue
		}
		// The suggest field holds each name as "folded\x1foriginal": a prefix up to the
		// separator is an exact match of the folded name.
		pq := bleve.NewPrefixQuery(n + suggestSep)
		pq.SetField(fieldSuggest)
		pq.SetBoost(nameBoost)
		qs = append(qs, pq)
	}
	if tq := x.titleQuery(q); tq != nil {
		qs = append(qs, tq)
	}
	if sk := x.abbreviated(q); sk != nil {
		// The postings titled with the name an abbreviation stands for (ML: 机器学习算法工程师),
		// as they are for the name: CV listed a 计算机视觉 course before them.
		if tq := x.titleQuery(sk.NameZH); tq != nil {
			qs = append(qs, tq)
		}
	}
	qs = append(qs, x.levelClauses(q)...)
	_, kinds, degrees := typeCuesOf(q)
	if asksPolicy(q) || asksFounding(q) || kinds == nil && namesPolicyTopic(q) {
		tq := bleve.NewTermQuery(string(xiaoqi.KindPolicy))
		tq.SetField(fieldType)
		tq.SetBoost(policyBoost)
		qs = append(qs, tq)
	}
	if asksPolicy(q) {
		// A question about policy asks for its items, not for the kinds its words name:
		// 服务外包 人才培训 补贴 is about training the industry's people (item (12)), not a
		// course (培训), and 培训机构 资金支持 about funds, not the schools.
		kinds, degrees = nil, nil
	}
	if kinds == nil && x.isPlace(q) {
		// A place alone (宝鸡) asks what is there: its schools and firms, before the programs
		// and anonymous profiles whose short texts name it as often (宝鸡's four schools came
		// 69th to 83rd, its first firm 93rd, after three candidates and 65 programs).
		kinds = []xiaoqi.Kind{xiaoqi.KindInstitution, xiaoqi.KindEnterprise}
	}
	for _, k := range kinds {
		tq := bleve.NewTermQuery(string(k))
		tq.SetField(fieldType)
		tq.SetBoost(typeCueBoost)
		qs = append(qs, tq)
	}
	for _, d := range degrees {
		// The degree of the kind asked for: 本科生 asks for candidates of 本科, not for the
		// job needs that ask for one.
		// 高校 the universities, before the training institutions.
		field := cmp.Or(d.field, fieldDegree)
		qs = append(qs, bleve.NewConjunctionQuery(termQuery(fieldType, string(d.kind), 0), termQuery(field, d.degree, typeCueBoost)))
	}
	if len(qs) == 0 {
		return nil
	}
	// bleve scales a disjunction's score by the share of its clauses that match (coord), and
	// a document matches one of these, mostly: its name or its kind. Without the scaling the
	// weights above would shrink with the number of clauses (an abbreviation's full names,
	// the kinds a query asks for).
	for _, c := range qs {
		scaleBoost(c, float64(len(qs)))
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// titleQuery finds the documents titled q (titleKey), or, at a lower boost, titled what q
// says besides its places (Python工程师 西安, 软件开发工程师 上海市); nil when q has no letters.
// Only places: a part beside a skill or a type cue (C++ 软件工程师, 软件测试 培训) is no title
// the user asks for, and favouring it put jobs titled 软件测试 before the courses of 软件测试
// 培训 (relevance nDCG@10 0.50 → 0.30).
func (x *Index) titleQuery(q string) query.Query {
	var qs []query.Query
	if k := x.seg.titleKey(q); utf8.RuneCountInString(k) >= 2 {
		qs = append(qs, termQuery(fieldTitleKey, k, titleBoost))
	}
	var rest []string
	var there []query.Query // the documents in the places named
	places := 0
	for _, p := range strings.Fields(q) {
		f := x.seg.fold(p)
		if !x.isPlace(f) && !placeSuffix(p) {
			rest = append(rest, p)
			continue
		}
		places++
		if !provinceWords[f] {
			there = append(there, termQuery(fieldPlace, f, 0))
		}
	}
	if words := x.seg.queryWords(strings.Join(rest, " ")); len(words) == 1 && utf8.RuneCountInString(words[0].text) >= 2 &&
		x.aliases[words[0].text] == nil && !x.fullNames[words[0].text] {
		// One word (后端, 前端), in the title, as a word or inside one: postings that only
		// carry it as a tag hold it twice, among their skills and in their text (标签 Tags…),
		// and a short tag list weighs more than a title: 后端 listed C++开发工程师 and
		// Python初级开发 first, 后端开发工程师 15th; 前端 a posting titled Python 25 places
		// before 前端开发. Not a school's abbreviation (西航), which names the school, not titles
		// that hold its characters (陕西航空职业技术学院).
		qs = append(qs, termQuery(fieldTitle, words[0].text, titleWordBoost))
	}
	if places > 0 && len(rest) > 0 {
		if k := x.seg.titleKey(strings.Join(rest, " ")); utf8.RuneCountInString(k) >= 2 {
			// The title in the place: 北京 算法工程师 listed first a posting titled 算法工程师
			// in 郑州 whose firm's name says 北京 (华南医电（北京）), as the title counted
			// wherever the place was merely named. The province (陕西) is everywhere here.
			tq := termQuery(fieldTitleKey, k, partTitleBoost)
			if len(there) > 0 {
				tq = bleve.NewConjunctionQuery(tq, bleve.NewDisjunctionQuery(there...))
			}
			qs = append(qs, tq)
		}
	}
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// placeSuffix reports whether w is written as a place of China is, by its level: two to four
// characters ending in 省, 市, 区 or 县 (上海市, 雁塔区, 户县).
func placeSuffix(w string) bool {
	rs := []rune(w)
	return len(rs) >= 2 && len(rs) <= 5 && allCJK(w) && strings.ContainsRune("省市区县", rs[len(rs)-1])
}

// policyCues are words of a query that asks what the policy says rather than for a job,
// a program or a school.
func policyCues() []string {
	return []string{"政策", "扶持", "补贴", "补助", "优惠", "鼓励", "支持", "措施", "奖励", "资金", "减免", "税收", "规定", "办法",
		// What the policy asks of schools and firms, items (12) and (13): a job that lists
		// 科技成果转化 among its skills came before item (13), which says 产学研.
		"产学研", "校企合作"}
}

// policyTopics are what the policy is about that a query names with or without asking for
// another kind: alone (一带一路) it asks for the policy's items, and listed four firms that
// serve the initiative's markets before items (8) and (4), 知识产权保护 the 知识产权 programs
// and a 法学 profile before item (14); with a kind (一带一路 企业) for that kind, where a
// policy cue (补贴 企业) still asks for the items.
var policyTopics = []string{"一带一路", "知识产权保护",
	// Money for a new firm (wordSynonyms): 贷款 found nothing, 融资 a job, a profile and item (5) last.
	"风投", "创投", "天使投资", "贷款", "信贷", "融资"}

// namesPolicyTopic reports whether q names a policy topic (policyTopics).
func namesPolicyTopic(q string) bool {
	return slices.ContainsFunc(policyTopics, func(t string) bool { return strings.Contains(q, t) })
}

// foundingWords are the words a founder asks with: 创业, and 开公司 as founding writes a
// founder's part (开外包公司, 注册一家软件公司) and English (start a company) becomes.
var foundingWords = []string{"创业", "创办", "开公司", "办公司", "开办公司", "注册公司"}

// asksFounding reports whether q is a founder's question (创业, 开外包公司, starting a
// company) that names no kind: it asks for the policy's items on founding firms (12) and
// funding new ones (10), as a policy cue does. 创业 listed a university's 创业管理 program, then
// job needs and firms that say 创业 somewhere, and the items not in the first ten; 创业管理
// (a major's name) and 创业 专业 (programs) are no such question.
func asksFounding(q string) bool {
	if _, kinds := withoutTypeCues(q); kinds != nil {
		return false
	}
	for _, f := range strings.Fields(q) {
		if _, ok := founding(f); ok {
			return true
		}
		// The end of a part (大学生创业, 留学生开公司), not its start (创业管理).
		if slices.ContainsFunc(foundingWords, func(w string) bool { return strings.HasSuffix(f, w) }) {
			return true
		}
	}
	return false
}

// asksPolicy reports whether q holds a policy cue.
func asksPolicy(q string) bool {
	for _, c := range policyCues() {
		if strings.Contains(q, c) {
			return true
		}
	}
	return false
}

// everydaySynonyms are the other words of the words people use for what the documents say
// otherwise (日企 and 高职 found nothing). Searched with the word, as wordSynonyms are, but no
// policy topic (policyTopic): as one, 西安 高职院校 listed item (12), which the province's
// policy is in every place for, before the colleges of 西安.
var everydaySynonyms = map[string][]string{
	// Japanese firms, as people call them: the firms serving the market of Japan, and the
	// postings of work for Japanese clients.
	"日企": {"对日", "日韩", "日本"}, "日资企业": {"对日", "日韩", "日本"}, "日资": {"对日", "日韩", "日本"},
	"韩企": {"对韩", "日韩", "韩国"}, "韩资企业": {"对韩", "日韩", "韩国"}, "韩资": {"对韩", "日韩", "韩国"},
	// The vocational colleges, which the MOE list calls 专科.
	"高职": {"专科"}, "高职院校": {"专科"}, "高职高专": {"专科"},
	"药企": {"医药 企业", "制药 企业"},
	// The trade's short word for 测试开发 (a domain word: domainGlossary).
	"测开": {"测试开发"},
}

// wordSynonyms are the other words of a policy word, as the policy text writes them: users
// ask about 创业, the text says 创办企业. Searched with the word, at synonymBoost.
func wordSynonyms(w string) []string {
	switch w {
	case "程序员", "程序猿", "码农":
		// What the trade calls the developers the postings title 开发工程师.
		return []string{"开发工程师", "软件工程师", "软件开发"}
	case "研究生":
		return []string{"硕士", "博士"}
	case "对日外包", "对日":
		// Item (8)'s markets as firms write them: 承接日韩市场的离岸外包业务.
		return []string{"日韩", "日本"}
	case "对韩外包", "对韩":
		return []string{"日韩", "韩国"}
	case "日本", "韩国":
		return []string{"日韩"}
	case "对欧美外包", "欧美外包":
		return []string{"欧美"}
	case "创业":
		// Item (10) funds 新设企业, newly founded firms: what a founder asks as 创业补贴.
		return []string{"创办", "新设企业"}
	case "创办":
		return []string{"创业"}
	case "补贴":
		return []string{"补助", "资助", "资金支持"}
	case "补助":
		return []string{"补贴"}
	case "留学":
		// Studying abroad, which profiles say (赴日本留学): the policy says 海外留学生 and
		// 留学人员, as a word of their own (留学 listed item (12) last of 36, by its part).
		return []string{"留学生", "留学人员"}
	case "留学生", "留学人员":
		// People who studied abroad: the policy says 海外留学生 and 留学人员, a profile
		// 赴日本留学 (留学生 候选人 found no one).
		return []string{"留学生", "留学人员", "留学"}
	case "海归", "留学回国", "留学归国", "留学生回国", "回国留学生", "归国留学生":
		// What returnees call themselves; the policy says 海外留学生 and 留学人员, a
		// candidate's profile 赴德国留学.
		return []string{"留学生", "留学人员", "留学"}
	case "开公司", "办公司", "开办公司", "注册公司":
		// How a founder asks: 海归在西安开公司有补贴吗. Item (12) says 创办, item (10) 新设企业.
		return []string{"创业", "创办", "新设企业"}
	case "园区", "产业园", "产业园区", "外包园区", "服务外包园区", "软件园", "park", "parks":
		// What a founder looks for; the policy plans 5 provincial 服务外包产业发展基地 (item
		// (2)), 集聚区 (item (6)) and a 集聚带 (item (7)), and says 园区 of a cultural bonded
		// park only (item (4)). park stays a word too: the items' English says it (item (4)).
		// 产业发展基地, not 基地 alone: that found the courses of every IT实训基地 first.
		return []string{"园区", "产业发展基地", "集聚区", "集聚带"}
	case "减税", "免税":
		return []string{"税收优惠"}
	case "风投", "创投", "天使投资", "融资", "贷款", "信贷", "借款":
		// Money for a firm as a founder asks for it: item (5) brings in 风险投资基金 and
		// 融资担保 (找风投 and 贷款 found nothing).
		return []string{"风险投资", "融资担保"}
	case "校企合作", "产学研", "产学研合作", "产教融合", "校企共建":
		// 产教融合 is what policy says today (产教融合 found nothing; a word of the taxonomy
		// now, an alias of 产学研合作).
		// Item (12) says 企业、高等院校双向合作机制, item (13) 产学研用相结合.
		return []string{"产学研", "双向合作", "校企合作"}
	}
	return nil
}

// synonymBoost weighs a word's synonym against the word as written.
const synonymBoost = 0.8

// askWords are the words of a question that say what is asked, not what about: "留学生创业
// 有什么政策" is about 留学生 and 创业. 政策 itself asks for policy items (policyCues), which
// rankQuery favours; as a required word it would exclude the items that do not say 政策.
func askWords() []string {
	return []string{
		// Which city (做动漫外包去哪个城市好): 城市 was required, and found 城市管理 programs.
		"哪个城市", "哪些城市", "什么城市", "哪座城市", "哪个地方", "什么地方", "适合", "合适",
		"有什么", "有哪些", "是什么", "什么", "哪些", "怎么", "如何", "怎样", "政策", "吗", "呢", "？", "?",
		"哪里有", "哪儿有", "哪里", "哪儿", "哪一个", "哪一家", "哪几个", "哪几家", "哪几所", "哪个", "哪家", "哪所", // 哪个大学有日语专业
		"学历",       // 本科学历 asks for the degree, which postings state as 本科
		"开设",       // 开设日语专业的学校: which schools teach it
		"需要",       // 哪些企业需要大数据人才: the firms and what they need (a cue: typeCues)
		"条件",       // 开公司需要什么条件: what it takes, which the policy says as what it offers
		"经历", "背景", // 有留学经历的候选人: profiles say 赴德国留学, not 经历
		"多少钱", "多少", // 培训补贴多少钱: what the policy offers (policyAnswer)
		"求推荐", "请推荐", "推荐一下", "推荐几个", // 求推荐西安做外包的公司: 求 and 推荐 were required
		"及以上", "或以上", "以上"} // 日语N2以上的应届生: the jobs that say 本科及以上 came first
}

// proficiencyWords say how well someone knows what the rest of the query names: 懂英语的客服,
// 精通日语, 日语流利, 熟练掌握Java. They are left out like askWords: required, they hid the
// programs and profiles, which never say 精通 or 流利, and the one 客服 posting that asks for
// English (懂英语的客服 listed 592 英语 programs, none a 客服); gse also makes words of them
// with the skill (日语流利, 懂日语, 英语良好), which matched only where written so. Longest
// first, so that 熟练掌握 goes whole. One-character ones cut alone (英语口语好, 沟通能力强) are
// query stop words (queryStopWords).
var proficiencyWords = []string{"熟练掌握", "熟练", "精通", "熟悉", "掌握", "擅长", "流利", "良好", "扎实", "较强", "较好", "懂得", "具备", "具有", "懂"}

// exclusions splits q into the words a result must hold and those it must not, written with a
// minus as in every search engine (软件测试 -外包); a plus before a word (+Java) only stresses
// it, as every word is required anyway.
func exclusions(q string) (pos string, neg []string) {
	var kept []string
	for _, f := range strings.Fields(q) {
		switch {
		case len(f) > 1 && (f[0] == '-' || strings.HasPrefix(f, "－")) && hasWordRune(strings.TrimLeft(f, "-－")):
			neg = append(neg, strings.TrimLeft(f, "-－"))
		case len(f) > 1 && (f[0] == '+' || strings.HasPrefix(f, "＋")) && hasWordRune(strings.TrimLeft(f, "+＋")):
			kept = append(kept, strings.TrimLeft(f, "+＋"))
		default:
			kept = append(kept, f)
		}
	}
	if neg == nil && !strings.ContainsAny(q, "+＋") {
		return q, nil // as typed
	}
	return strings.Join(kept, " "), neg
}

// studiedAbroad matches how an HR manager says that someone studied abroad (有海外留学经历的,
// 出国留学, 海外背景): 留学, which a profile says (赴日本留学); 海外 was required, which no
// profile says, and 有海外留学经历的候选人 found one policy item.
var studiedAbroad = regexp.MustCompile(`(?:海外|出国|国外|境外)\s*(?:留学|求学|学习|经历|背景)`)

// returnees matches how people name those who came back from abroad by what they are, 人员
// (留学回国人员, 留学归国人员, 回国人员): 海归, the word of items and profiles' returnees
// (wordSynonyms). gse made one word of 留学回国人员, which nothing holds: it was relaxed over
// 2,000 documents that hold 人员 somewhere.
var returnees = regexp.MustCompile(`(?:海外|留学|出国)?\s*(?:回国|归国)\s*(?:留学)?人员`)

// withoutAskWords returns q without the words it excludes, askWords and type cues, or q when
// nothing else is left.
func withoutAskWords(q string) string {
	q, _ = exclusions(q)
	out, _ := withoutTypeCues(q)
	out = returnees.ReplaceAllString(out, " 海归 ")
	out = studiedAbroad.ReplaceAllString(out, "留学")
	for _, w := range slices.Concat(askWords(), proficiencyWords) {
		out = strings.ReplaceAll(out, w, " ")
	}
	// A part that ends with 的 describes (会日语的, 懂Java的): the 的 is no word of it, and
	// left on it hid the skill (会日语的 found nothing, 会日语 237). One with 的 inside is two
	// parts (英语好的客服 → 英语 客服), each then a skill where it names one.
	var parts []string
	for _, p := range strings.Fields(out) {
		if utf8.RuneCountInString(p) >= 3 {
			p = strings.TrimSuffix(p, "的")
		} else if p == "的" {
			continue // what an ask word left (有留学经历的 → 有留学, 的)
		}
		if f, ok := founding(p); ok {
			parts = append(parts, strings.Fields(f)...)
			continue
		}
		// The people who have a skill (大数据人才, 日语人才): what they have is what documents
		// say; 人才 is in the names of training centres and policy items, and required it left
		// one course for 大数据人才.
		if utf8.RuneCountInString(p) >= 4 {
			p = strings.TrimSuffix(p, "人才")
		} else if p == "人才" && !asksPolicy(q) && len(strings.Fields(out)) > 1 {
			continue // big data talent, 大数据 人才
		}
		parts = append(parts, describing(p)...)
	}
	// English function words and the words that say how well, typed as parts of their own
	// (Japanese speaking customer service): queryWords leaves them out of a part with other
	// words only, and each part is searched alone where another names a skill.
	kept := parts[:0:0]
	for _, p := range parts {
		if !englishStopWords[strings.ToLower(p)] {
			kept = append(kept, p)
		}
	}
	if len(kept) > 0 {
		parts = kept
	}
	out = strings.Join(parts, " ")
	if strings.TrimSpace(out) == "" {
		return q
	}
	return out
}

// describing splits part at a 的 that joins a description to what it describes: 英语好的客服
// is 英语 and 客服 (the 好 of 英语好 says how well: see proficiencyWords), 会Java的测试 会Java
// and 测试. Each side must hold two characters or more, and the 的 be no part of a word
// (wordsWithDe), so that words holding it stay whole (目的地, 西安美的电器).
func describing(part string) []string {
	var out []string
	rs := []rune(part)
	start := 0
	for i := 2; i < len(rs)-2; i++ {
		if rs[i] != '的' || i-start < 2 || wordsWithDe[string(rs[i-1:i+1])] || wordsWithDe[string(rs[i:i+2])] {
			continue
		}
		left := rs[start:i]
		if n := len(left); n >= 3 && (left[n-1] == '好' || left[n-1] == '强') {
			left = left[:n-1] // 英语好, 能力强: how well
		}
		out = append(out, string(left))
		start = i + 1
	}
	return append(out, string(rs[start:]))
}

// wordsWithDe are words that hold 的 as a character of their own, not as the particle: a
// brand (美的), a purpose (目的), a taxi (的士).
var wordsWithDe = map[string]bool{"美的": true, "目的": true, "标的": true, "的士": true, "的确": true, "打的": true, "的哥": true}

// splitAround cuts s around each of seps it holds, the longest where several start at one
// place, keeping them: 哪些学校开设了大数据专业 is 哪些, 学校, 开设, 了大数据专业.
func splitAround(s string, seps []string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		best := ""
		for _, sep := range seps {
			if len(sep) > len(best) && strings.HasPrefix(s[i:], sep) {
				best = sep
			}
		}
		if best == "" {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		if i > start {
			out = append(out, s[start:i])
		}
		out = append(out, best)
		i += len(best)
		start = i
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// payCues are the words of a query that ask for the best paid job needs (高薪 Java): no
// posting says them, and required they found nothing.
var payCues = []string{"高薪资", "高薪", "高工资", "薪资高", "工资高", "薪水高", "高收入", "待遇好"}

// payCue returns q without its pay cues (高薪, at the start or end of a part, or a part of
// its own: 高薪Java, Java高薪, 高薪 岗位), and whether there were any.
func payCue(q string) (string, bool) {
	found := false
	var out []string
	for _, p := range strings.Fields(q) {
		for _, c := range payCues {
			if rest, ok := strings.CutPrefix(p, c); ok {
				p, found = rest, true
				break
			}
			if rest, ok := strings.CutSuffix(p, c); ok {
				p, found = strings.TrimSuffix(rest, "的"), true
				break
			}
		}
		if p != "" {
			out = append(out, p)
		}
	}
	if !found {
		return q, false
	}
	return strings.Join(out, " "), true
}

// someone matches how a recruiter asks for a person: 找个, 找一个, 招一名, 找几个 (find or
// hire one, a few), before what the person must know or be.
var someone = regexp.MustCompile(`(?:找|招)(?:[一两二三四五六七八九十几0-9]{1,2})?(?:个|名|位)`)

// personCue writes as 候选人 the words of q that ask for a person (someone): 找个会Java的
// searched 找 as a word and listed Java job needs, saying that nothing held 找; 招一个测试
// listed testing courses first, 招 and 一个 missing. It returns q unchanged when it holds none.
func personCue(q string) string {
	// 我想找会Java的人, 想招懂日语的客服, 招会Python的: a recruiter's verb at the start, before
	// what the person must know; and 的人 after it (会日语的人). 找 and 人 were required words,
	// and found one firm.
	q = seeking.ReplaceAllString(q, "$1 候选人 $2")
	q = person.ReplaceAllString(q, "$1 候选人$2")
	q = someone.ReplaceAllString(q, " 候选人 ")
	if rest := strings.TrimSpace(finding.ReplaceAllString(q, "$1")); rest != "" {
		return rest // 找风投: 风投
	}
	return strings.TrimSpace(q)
}

var (
	// seeking is a recruiter's verb at the start of a query (我想找, 想招, 要找), before what the
	// person must know or be: 会, 懂, 能, 熟悉, 精通, 擅长, or a word in Latin letters (找Java工程师);
	// not 招商, 招生 or 找工作, which ask for other things.
	seeking = regexp.MustCompile(`^(\s*)(?:我们|我)?(?:想要|想|要|需要|准备)?(?:寻找|找|招)([会懂能]|熟悉|精通|擅长|[A-Za-z])`)
	// finding is 找 at the start of a query before anything else (找风投, 我想找园区): no word to
	// find.
	finding = regexp.MustCompile(`^(\s*)(?:我们|我)?(?:想要|想|要|需要|准备)?(?:寻找|找)`)
	// person is 的人 ending a part: the person described before it (会日语的人).
	person = regexp.MustCompile(`(\S)的人(\s|$)`)
)

// realCue reads the words of q that ask for real documents only (真实, 真实数据, 真实岗位 …), as
// the filter synthetic=false: 真实岗位 Java found the synthetic postings, which say 合成数据，
// 非真实岗位. It returns q without them (the rest of a word stays: 真实岗位 leaves 岗位), and
// whether there were any. A word that goes on otherwise (真实感渲染) is no such cue.
func realCue(q string) (string, bool) {
	parts := strings.Fields(q)
	out := parts[:0:0]
	found := false
	for _, p := range parts {
		rest, ok := strings.CutPrefix(p, "真实")
		if ok {
			rest = strings.TrimPrefix(strings.TrimPrefix(rest, "的"), "数据")
			if _, kinds := withoutTypeCues(rest); rest == "" || kinds != nil {
				found = true
				if rest != "" {
					out = append(out, rest)
				}
				continue
			}
		}
		out = append(out, p)
	}
	if !found {
		return q, false
	}
	return strings.Join(out, " "), true
}
