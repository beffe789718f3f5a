package search

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xiaoqi-dev/xiaoqi"
)

// A typeCue is how a query says which kind of document it asks for: 软件公司 宝鸡 asks for
// firms, Java培训 for training courses, 宝鸡 大学 for schools, Java岗位 and 招聘 Java for job
// needs (51job's postings have tags, no text that says 岗位: required, the word left only
// the synthetic ones), 软件工程专业 for programs. The cue is not required (a firm's
// name says 有限公司, not 公司; a course says 实训课程), rankQuery favours the kinds instead.
type typeCue struct {
	word  string
	kinds []xiaoqi.Kind
	// suffix: the cue may end a word (软件公司); otherwise it must be a word of its own.
	suffix bool
	// degree is the degree of the documents the cue asks for, of its first kind: 培训, a
	// training institution's courses; 本科 of the candidates 本科生 asks for.
	degree string
	// university: the cue asks for universities (高校), not training institutions; bachelor
	// those of 本科 above those of 专科 (大学: 西安医学高等专科学校 came among the universities
	// of 西安 for 雁塔区 大学).
	university bool
	bachelor   bool
	// hiring: the cue is a firm's hiring (招聘, 需要): beside a cue for firms (招聘Java的公司,
	// 哪些企业需要大数据人才) it says which firms, and asks for no job needs (typeCuesOf).
	hiring bool
	// partOf are what comes before the cue where it ends another word (有限公司, 中小企业,
	// 留学生); then it is no cue.
	partOf []string
	// founding: a word that starts by founding one (开外包公司) is a founder's question, not
	// a cue (see founding).
	founding bool
	// weak: the cue asks for its kinds only when no other cue asks for a kind (外包 岗位 asks
	// for job needs).
	weak bool
	// prefix: the cue may start a word too (招聘Java, 急招客服), unless what follows it is one
	// of startsOf, with which it is another word (招聘专员).
	prefix   bool
	startsOf []string
}

// A cueDegree is a kind and a degree a query asks for together (本科生: candidates of 本科),
// or, with field set, another value of the kind's documents (高校: institutions whose
// institution_type is university).
type cueDegree struct {
	kind   xiaoqi.Kind
	degree string
	field  string // fieldDegree when empty
}

// cueKeeps are what of a cue stays a word of the query: 培训 of 培训机构, which the names of
// training schools say (…职业技能培训学校, …人才培训中心) and a university's do not.
var cueKeeps = map[string]string{"培训机构": "培训", "外包": "外包"}

// typeCues, longest first among those that end alike. The degree of 培训 (a training
// institution's courses): 软件测试培训 listed universities' 软件工程 programs, which teach 软件测试
// too, before the nine courses that teach it. Not 培训机构, which asks for the institutions first.
var typeCues = []typeCue{
	{word: "公司", kinds: []xiaoqi.Kind{xiaoqi.KindEnterprise}, suffix: true, partOf: nameEnds, founding: true},
	// 西安软件外包企业 was one word, required, and found 8 documents, candidates first. Not the
	// kinds of firm that the policy's items name (中小企业, 新设企业) or founding one (创办企业).
	{word: "企业", kinds: []xiaoqi.Kind{xiaoqi.KindEnterprise}, suffix: true, partOf: firmClasses, founding: true},
	// 西安 有哪些培训机构 listed the universities of 西安 (the cue took 培训 with it), and
	// 西安 培训机构 Java job needs (no institution says Java; its courses do).
	{word: "培训机构", kinds: []xiaoqi.Kind{xiaoqi.KindInstitution, xiaoqi.KindProgram}, suffix: true},
	{word: "培训课程", kinds: []xiaoqi.Kind{xiaoqi.KindProgram, xiaoqi.KindInstitution}, suffix: true, degree: "培训"},
	{word: "培训班", kinds: []xiaoqi.Kind{xiaoqi.KindProgram, xiaoqi.KindInstitution}, suffix: true, degree: "培训"},
	{word: "培训", kinds: []xiaoqi.Kind{xiaoqi.KindProgram, xiaoqi.KindInstitution}, suffix: true, degree: "培训"},
	// 外包 alone names the industry, whose firms are what a place's 外包 asks for (外包 咸阳
	// listed the policy, then a program and a course, its firms after them): a word kept
	// (cueKeeps), which favours the firms.
	{word: "外包", kinds: []xiaoqi.Kind{xiaoqi.KindEnterprise}, weak: true},
	{word: "岗位", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, suffix: true},
	{word: "职位", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, suffix: true},
	// As postings are announced: 招聘Java found the 4 job needs that say 招聘 (招聘 Java 277),
	// 急招 客服 and 校招 软件 were relaxed for their first word, and listed programs among the
	// job needs.
	{word: "招聘", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, hiring: true, suffix: true, prefix: true, startsOf: recruiterRoles},
	{word: "急招", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, hiring: true, prefix: true},
	{word: "急聘", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, hiring: true, prefix: true},
	{word: "诚聘", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, hiring: true, prefix: true},
	{word: "热招", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, hiring: true, prefix: true},
	{word: "校招", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, hiring: true, prefix: true},
	{word: "社招", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, hiring: true, prefix: true},
	{word: "工作", kinds: []xiaoqi.Kind{xiaoqi.KindJob}},
	{word: "找工作", kinds: []xiaoqi.Kind{xiaoqi.KindJob}},
	// What firms need are their job needs: 哪些企业需要大数据人才 listed four firms, then
	// universities' 大数据 programs before the postings.
	{word: "需要", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, hiring: true},
	// What the market asks for, as a school deciding its majors says it: 人工智能专业 需求 listed
	// the 大数据管理与应用 programs, whose descriptions say 需求, before anything of 人工智能. A
	// cue beside another word only: 需求 alone finds what says it (需求分析).
	{word: "需求量", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, suffix: true},
	{word: "需求", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, suffix: true, partOf: requirementsOf},
	// What is short (西安 缺什么人才, 紧缺人才 软件): the job needs, whose skill facet says which
	// skills; 缺 was required and found 3,169 candidates.
	{word: "紧缺", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, suffix: true, prefix: true},
	{word: "短缺", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, suffix: true, prefix: true},
	{word: "稀缺", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, suffix: true, prefix: true},
	{word: "急需", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, suffix: true, prefix: true},
	{word: "缺", kinds: []xiaoqi.Kind{xiaoqi.KindJob}, suffix: true, partOf: []string{"空", "残", "欠"}},
	{word: "专业", kinds: []xiaoqi.Kind{xiaoqi.KindProgram}, suffix: true},
	{word: "大学", kinds: []xiaoqi.Kind{xiaoqi.KindInstitution}, university: true, bachelor: true},
	{word: "高校", kinds: []xiaoqi.Kind{xiaoqi.KindInstitution}, university: true},
	{word: "院校", kinds: []xiaoqi.Kind{xiaoqi.KindInstitution}, university: true},
	{word: "学校", kinds: []xiaoqi.Kind{xiaoqi.KindInstitution}, suffix: true},
	// An HR manager's words for people: 日语N2 软件测试 候选人 was relaxed for its 候选人, and
	// job needs came first; 会Python的本科生 for its 本科生, and 有CET6的计算机专业学生 listed a
	// policy item first.
	{word: "候选人", kinds: []xiaoqi.Kind{xiaoqi.KindCandidate}, suffix: true},
	{word: "求职者", kinds: []xiaoqi.Kind{xiaoqi.KindCandidate}, suffix: true},
	{word: "简历", kinds: []xiaoqi.Kind{xiaoqi.KindCandidate}, suffix: true},
	{word: "毕业生", kinds: []xiaoqi.Kind{xiaoqi.KindCandidate}},
	{word: "本科生", kinds: []xiaoqi.Kind{xiaoqi.KindCandidate}, suffix: true, degree: "本科"},
	{word: "硕士生", kinds: []xiaoqi.Kind{xiaoqi.KindCandidate}, suffix: true, degree: "硕士"},
	{word: "博士生", kinds: []xiaoqi.Kind{xiaoqi.KindCandidate}, suffix: true, degree: "博士"},
	{word: "专科生", kinds: []xiaoqi.Kind{xiaoqi.KindCandidate}, suffix: true, degree: "大专"},
	{word: "大专生", kinds: []xiaoqi.Kind{xiaoqi.KindCandidate}, suffix: true, degree: "大专"},
	{word: "大学生", kinds: []xiaoqi.Kind{xiaoqi.KindCandidate}, suffix: true},
	// Not 留学生, whom the policy speaks of (留学生创业), nor 医学生 (医 alone is no word to find).
	{word: "学生", kinds: []xiaoqi.Kind{xiaoqi.KindCandidate}, suffix: true, partOf: []string{"留", "医"}},
}

// firmHires matches a firm that hires, as a question says it in one part (哪些公司招Java,
// 企业招聘日语, 哪些企业在招日语客服): the firm and 招聘 stand apart, each a cue (公司招Java
// was one word, required; 企业在招 left 招 a word found nowhere).
var firmHires = regexp.MustCompile(`(公司|企业|单位)(?:正在|在)?招(?:聘)?`)

// hiresLatin matches 招 before a skill in Latin letters (招Java的公司, 急需 招C++): 招聘; 招
// before Chinese is too often another word (招商, 招生, 招标).
var hiresLatin = regexp.MustCompile(`(^|\s)招([A-Za-z.])`)

// kindHas matches a kind of document said to have what follows (哪些学校有软件工程专业, 哪个
// 大学开了日语专业, 哪些公司有Java岗位): the cue and what it has stand apart. 学校有软件工程
// was one word, required, and found two programs of 轨道交通信号与控制. Not 有限 (学校有限公司).
var kindHas = regexp.MustCompile(`(学校|大学|高校|院校|公司|企业|培训机构)(?:有|设有|开了|开办了?|提供)([^限])`)

// hires writes a firm's hiring in q as its own word 招聘 (firmHires, hiresLatin), but not
// where 招聘 begins a recruiter's title (企业招聘专员); and a kind that has something apart
// from it (kindHas).
func hires(q string) string {
	q = kindHas.ReplaceAllString(q, "$1 $2")
	var b strings.Builder
	last := 0
	for _, m := range firmHires.FindAllStringSubmatchIndex(q, -1) {
		if slices.ContainsFunc(recruiterRoles, func(r string) bool { return strings.HasPrefix(q[m[1]:], r) }) {
			continue
		}
		b.WriteString(q[last:m[3]] + " 招聘 ")
		last = m[1]
	}
	b.WriteString(q[last:])
	return hiresLatin.ReplaceAllString(b.String(), "$1招聘 $2")
}

// nameEnds are what comes before 公司 in a firm's name (…有限公司, …分公司): that 公司 is part
// of what the name says, not a cue. So is the 公司 of founding one (开公司, 注册公司): a question
// about 创业, which wordSynonyms answers with the policy's words.
var nameEnds = []string{"有限", "股份", "分", "总", "子", "母", "控股", "责任", "开", "办", "注册", "成立"}

// shortage are the cues that say what is short, which may follow each other (急需紧缺人才: the
// words of policy, which found nothing when 紧缺 stayed a word).
var shortage = map[string]bool{"紧缺": true, "短缺": true, "稀缺": true, "急需": true}

// requirementsOf are what comes before 需求 where the words are a project's requirements
// (客户需求, 业务需求), which postings ask to understand: words to find, not a cue for job needs.
var requirementsOf = []string{"客户", "用户", "业务", "功能", "产品", "项目", "系统", "软件", "技术", "非功能", "性能"}

// demandOf are what comes before 需求 where the words say whose demand (人才需求, 市场需求):
// the cue's own, no word to find beside a topic.
var demandOf = []string{"人才", "用工", "市场", "岗位", "招聘", "就业", "用人"}

// recruiterRoles are what comes after 招聘 in the titles of the people who recruit (招聘专员,
// 招聘经理): a job to find, not a cue. (招聘专员 listed every 专员 posting.)
var recruiterRoles = []string{"专员", "主管", "经理", "助理", "总监", "顾问", "负责人", "官", "网"}

// firmClasses are what comes before 企业 where the words name a class of firm, as the policy
// does (中小企业, 新设企业, 龙头企业), or founding one (创办企业): words of the policy to find, not
// a cue for firms.
var firmClasses = []string{"创办", "新设", "开办", "成立", "注册", "中小", "小微", "民营", "国有", "外资", "骨干", "龙头", "重点", "示范", "领军", "高新技术", "科技型", "成长型"}

// cut returns word w without cue c, and whether w is c, or ends with it, or starts with it
// where c may (招聘Java), and it is no part of another word there.
func (c typeCue) cut(w string) (string, bool) {
	if w == c.word {
		return "", true
	}
	if c.prefix {
		// What follows must be more than a character (招聘会 is a job fair) or Latin, and no
		// word that makes the two another word (招聘专员: startsOf).
		if rest, ok := strings.CutPrefix(w, c.word); ok && (utf8.RuneCountInString(rest) >= 2 || rest[0] < utf8.RuneSelf) &&
			!slices.Contains(c.startsOf, rest) {
			return rest, true
		}
	}
	rest, ok := strings.CutSuffix(w, c.word)
	if !c.suffix || !ok {
		return w, false
	}
	if c.founding {
		if _, ok := founding(w); ok {
			return w, false
		}
	}
	if slices.ContainsFunc(c.partOf, func(e string) bool { return strings.HasSuffix(rest, e) }) {
		return w, false
	}
	return rest, true
}

// foundingVerbs say that a firm is to be founded (开外包公司, 注册一家软件公司).
var foundingVerbs = []string{"开办", "创办", "创立", "注册", "成立", "开", "办"}

// foundingTrades are what a founder's firm does, as a founder says it between the verb and
// 公司 (开外包公司): other words there (开发公司, 办公) are no founding.
var foundingTrades = []string{"外包", "服务外包", "软件", "软件外包", "科技", "动漫", "咨询", "网络", "互联网", "翻译",
	"设计", "数据", "呼叫中心", "培训", "贸易", "电商", "跨境电商"}

// founding reads a part that founds a firm of a trade (在西安开外包公司, 注册一家软件公司):
// it returns the part as what comes before the verb and 开公司, which wordSynonyms answers with
// the policy's words (创业, 创办, 新设企业): 在西安开外包公司需要什么条件 found two job needs, now
// policy items (十), (十二) and (一). The trade goes: the policy is all about outsourcing, and
// its items on founding firms name no trade (软件 开公司 found four candidates). ok is false
// for any other part.
func founding(part string) (string, bool) {
	rest, ok := strings.CutSuffix(part, "公司")
	if !ok {
		if rest, ok = strings.CutSuffix(part, "企业"); !ok {
			return "", false
		}
	}
	for _, v := range foundingVerbs {
		i := strings.LastIndex(rest, v)
		if i < 0 {
			continue
		}
		before, trade := rest[:i], rest[i+len(v):]
		for _, n := range []string{"一家", "一个", "家", "个"} {
			trade = strings.TrimPrefix(trade, n)
		}
		if trade == "" || slices.Contains(foundingTrades, trade) {
			return strings.Join(strings.Fields(before+" 开公司"), " "), true
		}
	}
	return "", false
}

// withoutTypeCues returns q without its type cues and the kinds they ask for (nil when none).
// When nothing else is left (公司 alone), q stays as it is, and the kinds are still returned.
func withoutTypeCues(q string) (string, []xiaoqi.Kind) {
	rest, kinds, _ := typeCuesOf(q)
	return rest, kinds
}

// typeCuesOf is withoutTypeCues, and the degrees of the kinds the cues ask for.
func typeCuesOf(q string) (string, []xiaoqi.Kind, []cueDegree) {
	var kinds []xiaoqi.Kind
	var degrees []cueDegree
	var words []string
	for _, f := range strings.Fields(hires(q)) {
		// 有软件工程专业的大学: the cue is what the 的 describes (see describing); 哪些学校开设了
		// 大数据专业: a question's words stand apart from the cue (学校) they follow or lead.
		for _, d := range describing(f) {
			words = append(words, splitAround(d, askWords())...)
		}
	}
	kept := words[:0:0]
	var weak []xiaoqi.Kind // the kinds of weak cues
	person, major := false, false
	hiring, jobNoun := false, false // the cues of job needs: hiring, or another (岗位)
	for i, w := range words {
		// A person may follow the major they studied: 计算机专业学生, and one shortage another:
		// 急需紧缺. Otherwise what is before a cue stays a word (培训学校: schools that say 培训).
		for again := true; again && w != ""; {
			again = false
			for _, c := range typeCues {
				rest, ok := c.cut(w)
				if !ok || c.word == "需要" && !slices.ContainsFunc(words[i+1:], isTopic) {
					// 开外包公司需要什么条件 asks what it takes, no job needs.
					continue
				}
				if (c.word == "需求" || c.word == "需求量") && (rest == "" || slices.Contains(demandOf, rest)) {
					// Demand follows what is in demand (人工智能 需求): 需求 alone finds what
					// says it (需求分析), as does 需求 before a role (需求 工程师: 需求工程师); 人才需求
					// alone is the policy's word (item (12)).
					if !slices.ContainsFunc(words[:i], isTopic) && (rest == "" || !slices.ContainsFunc(words[i+1:], isTopic)) {
						continue
					}
					rest = "" // 市场需求 Java: the Java job needs, not those that say 市场
				}
				w = rest
				again = slices.Contains(c.kinds, xiaoqi.KindCandidate) || shortage[c.word]
				if k := cueKeeps[c.word]; k != "" {
					kept = append(kept, k)
				}
				if c.weak {
					weak = append(weak, c.kinds...)
					break
				}
				for _, k := range c.kinds {
					if !slices.Contains(kinds, k) {
						kinds = append(kinds, k)
						if k == xiaoqi.KindProgram {
							major = c.word == "专业"
						}
					}
				}
				person = person || slices.Contains(c.kinds, xiaoqi.KindCandidate)
				if slices.Contains(c.kinds, xiaoqi.KindJob) {
					hiring, jobNoun = hiring || c.hiring, jobNoun || !c.hiring
				}
				d := cueDegree{kind: c.kinds[0], degree: c.degree}
				if c.university {
					d = cueDegree{kind: xiaoqi.KindInstitution, degree: xiaoqi.InstitutionUniversity, field: fieldInstType}
				}
				if b := (cueDegree{kind: xiaoqi.KindInstitution, degree: "本科"}); c.bachelor && !slices.Contains(degrees, b) {
					degrees = append(degrees, b)
				}
				if d.degree != "" && !slices.Contains(degrees, d) {
					degrees = append(degrees, d)
				}
				break
			}
		}
		if w != "" {
			kept = append(kept, w)
		}
	}
	if len(kinds) == 0 {
		kinds = weak
	}
	// The 专业 of people (计算机专业的学生) is the major they studied, not programs asked for.
	if major && person {
		kinds = slices.DeleteFunc(kinds, func(k xiaoqi.Kind) bool { return k == xiaoqi.KindProgram })
	}
	// The schools that have a major (哪些学校有软件工程专业, 有大数据专业的大学) are its programs,
	// each named with its school: as an institution a training centre that says 大数据 came
	// before every program of 有大数据专业的大学.
	if major && slices.Contains(kinds, xiaoqi.KindProgram) {
		kinds = slices.DeleteFunc(kinds, func(k xiaoqi.Kind) bool { return k == xiaoqi.KindInstitution })
	}
	// The firms that hire (招聘Java的公司, companies hiring Java developers): the firms, found
	// through their job needs (withParts), not the job needs first.
	if hiring && !jobNoun && slices.Contains(kinds, xiaoqi.KindEnterprise) {
		kinds = slices.DeleteFunc(kinds, func(k xiaoqi.Kind) bool { return k == xiaoqi.KindJob })
	}
	if len(kinds) == 0 || len(kept) == 0 {
		return q, kinds, degrees
	}
	return strings.Join(kept, " "), kinds, degrees
}

// isTopic reports whether word w of a query says what it is about, not what it asks.
func isTopic(w string) bool {
	return strings.TrimSpace(w) != "" && !slices.Contains(askWords(), w)
}

// cueOnly returns the kinds q asks for when its words are type cues only (候选人, 高校, 简历
// 本科生), not in a question about policy; nil otherwise.
func cueOnly(q string) []xiaoqi.Kind {
	q, _ = exclusions(q)
	rest, kinds := withoutTypeCues(q)
	if kinds == nil || rest != q || asksPolicy(q) { // q itself when nothing else is left
		return nil
	}
	for _, f := range strings.Fields(q) {
		if cueKeeps[f] == f {
			return nil // a cue that stays a word (外包): q is that word
		}
	}
	return kinds
}
