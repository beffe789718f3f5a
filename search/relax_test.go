package search_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestRelaxedQuestions: a question ends at nothing only when none of its words is found. A
// word that nothing holds is left out and named (回国), question and filler words are not
// required (在, 开, 有, 吗), 开公司 asks about 创业, and as few words as must be are dropped.
func TestRelaxedQuestions(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		item10(),
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_12"}, Number: 12, Heading: "加大人才培育和引进力度",
			Text: "建立服务外包企业、高等院校双向合作机制。鼓励海外留学生在陕创办服务外包企业。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_meal"}, Name: "客服专员", City: "西安市", Description: "提供餐费补贴。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_de"}, City: "西安市", Degree: "硕士", Visibility: xiaoqi.VisibilityAnonymous,
			Summary: "2019年毕业于西北大学英语专业，后赴德国留学取得硕士学位。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_xa"}, City: "西安市", Degree: "本科", Visibility: xiaoqi.VisibilityAnonymous,
			Summary: "2020年毕业于西北大学英语专业。"},
	)
	both := func(got []string) bool {
		return len(got) >= 2 && slices.Contains(got[:2], "pol_10") && slices.Contains(got[:2], "pol_12")
	}
	for _, tc := range []struct {
		q         string
		unmatched []string
	}{
		{"留学生 回国 创业 补贴", []string{"回国"}},       // nothing holds 回国: left out, and named
		{"留学生回国创业补贴政策", []string{"留学生回国创业补贴"}}, // each word is found, not all together
		{"海归在西安开公司有补贴吗", []string{"海归在西安开公司有补贴"}},
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		if !res.Relaxed || !both(ids(res)) || !slices.Equal(res.Unmatched, tc.unmatched) {
			t.Errorf("%s = %v relaxed %v unmatched %q; want items (10) and (12) first, relaxed, unmatched %q",
				tc.q, ids(res), res.Relaxed, res.Unmatched, tc.unmatched)
		}
	}
	// 开公司 is no type cue: it asks about 创业, which item (12) says as 创办.
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "海归 开公司"})); !slices.Equal(got, []string{"pol_12"}) {
		t.Errorf("海归 开公司 = %v, want item (12)", got)
	}
	// Returnees among candidates: their profiles say 留学.
	for _, q := range []string{"海归", "留学回国", "留学生", "留学人员"} { // 留学生 found no one
		if got := ids(find(t, x, xiaoqi.SearchQuery{Q: q, Types: []xiaoqi.Kind{xiaoqi.KindCandidate}})); !slices.Equal(got, []string{"cnd_de"}) {
			t.Errorf("%s among candidates = %v, want the one who studied in Germany", q, got)
		}
	}
}

// TestRelaxedOneWordSaysWhatIsMissing: a query of one part relaxed among its own words names
// the word nothing holds, else the part itself, which nothing holds whole.
func TestRelaxedOneWordSaysWhatIsMissing(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_calc"}, Name: "计算工程师", City: "西安市", Description: "负责结构计算。"})
	res := find(t, x, xiaoqi.SearchQuery{Q: "量子计算"})
	if !res.Relaxed || !slices.Equal(res.Unmatched, []string{"量子"}) || !slices.Equal(ids(res), []string{"job_calc"}) {
		t.Errorf("量子计算 = %v relaxed %v unmatched %q; want the 计算 job, relaxed, 量子 unmatched", ids(res), res.Relaxed, res.Unmatched)
	}
	index(t, x, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_qc"}, Name: "量子通信研究员", City: "西安市"})
	res = find(t, x, xiaoqi.SearchQuery{Q: "量子计算"})
	if !res.Relaxed || !slices.Equal(res.Unmatched, []string{"量子计算"}) || len(res.Hits) != 2 {
		t.Errorf("量子计算 = %v relaxed %v unmatched %q; want both jobs, relaxed, 量子计算 unmatched", ids(res), res.Relaxed, res.Unmatched)
	}
}

// TestRelaxedEnglishSkillWord: a word of the skills' English names (software) finds, in a
// relaxed question, what it finds alone: software campus, of which nothing says campus, found
// nothing at all, though software alone finds the 软件 postings. (software park is 软件园.)
func TestRelaxedEnglishSkillWord(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_test"}, Name: "软件测试工程师", City: "西安市", Skills: []string{"软件测试"},
			Description: "负责软件测试，编写测试用例。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_sales"}, Name: "销售代表", City: "西安市", Description: "负责客户拜访。"},
	)
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "software"})); !slices.Contains(got, "job_test") {
		t.Fatalf("software = %v, want the 软件测试 posting", got)
	}
	for _, q := range []string{"software campus", "softwere campus"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if got := ids(res); !slices.Contains(got, "job_test") || slices.Contains(got, "job_sales") || !res.Relaxed || !slices.Equal(res.Unmatched, []string{"campus"}) {
			t.Errorf("%s = %v relaxed %v unmatched %q; want the 软件测试 posting, relaxed, campus unmatched", q, got, res.Relaxed, res.Unmatched)
		}
	}
}

// TestRelaxedLeavesOutThePlaceFirst: when the words of a query are found together only outside
// the place it names, the answer is those documents, and says so (Outside), not every
// document of the place, which came first when the place counted as any other word.
func TestRelaxedLeavesOutThePlaceFirst(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	docs := []xiaoqi.Doc{
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cc_xa"}, Name: "呼叫中心坐席", City: "西安市", Description: "负责呼叫中心来电接听。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cc_bj"}, Name: "客服专员", City: "宝鸡市", Description: "在呼叫中心处理客户来电。"},
	}
	for i := range 12 {
		docs = append(docs, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: fmt.Sprintf("job_xy_%02d", i)}, Name: "会计", City: "咸阳市",
			Description: "咸阳市秦都区，负责账务处理。"})
	}
	index(t, x, docs...)
	for _, tc := range []struct {
		q         string
		unmatched []string
	}{
		{"呼叫中心 咸阳", nil},
		{"咸阳 呼叫中心", nil},
		{"呼叫中心 区块链 咸阳", []string{"区块链"}}, // a word nothing holds is named as before
	} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		got := ids(res)
		slices.Sort(got)
		if !res.Relaxed || !slices.Equal(got, []string{"job_cc_bj", "job_cc_xa"}) || !slices.Equal(res.Outside, []string{"咸阳"}) ||
			!slices.Equal(res.Unmatched, tc.unmatched) {
			t.Errorf("%s = %v relaxed %v outside %q unmatched %q; want the two call-centre jobs, relaxed, outside 咸阳, unmatched %q",
				tc.q, ids(res), res.Relaxed, res.Outside, res.Unmatched, tc.unmatched)
		}
	}
	// A word found nowhere, and the others found together in the place: those, in the place.
	index(t, x, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cc_xy"}, Name: "呼叫中心主管", City: "咸阳市", Description: "管理呼叫中心。"})
	res := find(t, x, xiaoqi.SearchQuery{Q: "呼叫中心 区块链 咸阳"})
	if !res.Relaxed || !slices.Equal(ids(res), []string{"job_cc_xy"}) || len(res.Outside) != 0 || !slices.Equal(res.Unmatched, []string{"区块链"}) {
		t.Errorf("呼叫中心 区块链 咸阳 with a call centre in 咸阳 = %v relaxed %v outside %q unmatched %q; want the 咸阳 job alone, unmatched 区块链",
			ids(res), res.Relaxed, res.Outside, res.Unmatched)
	}
	// Words found nowhere together, even without the place: relaxed as before, no Outside.
	res = find(t, x, xiaoqi.SearchQuery{Q: "呼叫中心 账务 咸阳"})
	if !res.Relaxed || len(res.Outside) != 0 || len(res.Hits) == 0 {
		t.Errorf("呼叫中心 账务 咸阳 = %v relaxed %v outside %q; want hits, relaxed, no outside", ids(res), res.Relaxed, res.Outside)
	}
}

// TestEnglishWordsOfHowWell: the English words that say how well (speaking, fluent, strong)
// are not required: "Japanese speaking customer service" was relaxed, naming speaking as found
// nowhere.
func TestEnglishWordsOfHowWell(t *testing.T) {
	t.Parallel()
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_jp_cs"}, Name: "日语客服专员", City: "西安市", Skills: []string{"客户服务"},
			Languages: []string{"日语N2"}, Description: "负责日本客户的客户服务，日语N2以上。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cs"}, Name: "客服专员", City: "西安市", Skills: []string{"客户服务"},
			Description: "负责客户服务。"})
	for _, q := range []string{"Japanese speaking customer service", "fluent Japanese customer service", "customer service who can speak Japanese"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if res.Relaxed || len(res.Unmatched) > 0 || !slices.Equal(ids(res), []string{"job_jp_cs"}) {
			t.Errorf("%s = %v relaxed %v unmatched %q; want the Japanese-speaking job alone, not relaxed", q, ids(res), res.Relaxed, res.Unmatched)
		}
	}
}

// TestPolicyAnswer: a question about policy whose words are found together, but in no item,
// also lists the items that hold half of them (人才 补贴: item (12) says 人才, item (10) 资金支持,
// a synonym of 补贴), before the job need that says both; where the words are found nowhere
// together the search is relaxed and names the word left out.
func TestPolicyAnswer(t *testing.T) {
	x, _ := openIndex(t)
	index(t, x,
		item10(),
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_12"}, Number: 12, Heading: "加大人才培育和引进力度",
			Text: "建立服务外包企业、高等院校双向合作机制，培育服务外包人才。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_talent"}, Name: "软件工程师", City: "西安市", Description: "享受人才补贴。"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_meal"}, Name: "客服专员", City: "西安市", Description: "提供餐费补贴。"},
	)
	res := find(t, x, xiaoqi.SearchQuery{Q: "人才 补贴"})
	if got := ids(res); res.Relaxed || len(got) != 3 || !slices.Contains(got[:2], "pol_10") || !slices.Contains(got[:2], "pol_12") || got[2] != "job_talent" {
		t.Errorf("人才 补贴 = %v (relaxed %v), want items (10) and (12), then job_talent", got, res.Relaxed)
	}
	// Not about policy: only what holds both words.
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "人才 软件工程师"})); !slices.Equal(got, []string{"job_talent"}) {
		t.Errorf("人才 软件工程师 = %v, want job_talent alone", got)
	}
	// Among job needs only, no item.
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "人才 补贴", Types: []xiaoqi.Kind{xiaoqi.KindJob}})); !slices.Equal(got, []string{"job_talent"}) {
		t.Errorf("人才 补贴 among job needs = %v, want job_talent", got)
	}
	res = find(t, x, xiaoqi.SearchQuery{Q: "区块链 补贴"})
	if !res.Relaxed || !slices.Equal(res.Unmatched, []string{"区块链"}) {
		t.Errorf("区块链 补贴 = %v relaxed %v unmatched %q; want relaxed, naming 区块链", ids(res), res.Relaxed, res.Unmatched)
	}
}

// item10 is policy item (10), as the tests of questions about policy need it.
func item10() *xiaoqi.Policy {
	return &xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_10"}, Number: 10, Heading: "加大财政支持力度",
		Text: "优化资金安排和使用方向，改革资金支持方式，支持新设企业和投资贸易促进活动。"}
}

// TestKindElsewhere: a query that asks for a kind by its words and names a place, whose words
// are found there but in no document of that kind, lists the kind elsewhere and names the
// place and the kind (动漫公司 汉中 listed a candidate of 汉中 who says 动漫).
func TestKindElsewhere(t *testing.T) {
	x := openProductIndex(t) // with the cities and districts of Shaanxi
	index(t, x,
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_xa"}, Name: "西安某动漫有限公司", City: "西安市", Description: "动漫设计与制作。"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_bj"}, Name: "宝鸡某动漫有限公司", City: "宝鸡市", Description: "动漫设计与制作。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_hz"}, City: "汉中市", Degree: "本科", Visibility: xiaoqi.VisibilityAnonymous,
			Summary: "熟悉动漫设计。"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_bj"}, City: "宝鸡市", Degree: "本科", Visibility: xiaoqi.VisibilityAnonymous,
			Summary: "熟悉动漫设计。"},
	)
	res := find(t, x, xiaoqi.SearchQuery{Q: "动漫公司 汉中"})
	if got := ids(res); !res.Relaxed || len(got) < 2 || !slices.Contains(got[:2], "ent_xa") || !slices.Contains(got[:2], "ent_bj") ||
		!slices.Equal(res.Outside, []string{"汉中"}) || !slices.Equal(res.OutsideKinds, []xiaoqi.Kind{xiaoqi.KindEnterprise}) {
		t.Errorf("动漫公司 汉中 = %v relaxed %v outside %q kinds %v; want the firms of other cities first, outside 汉中, kinds enterprise",
			got, res.Relaxed, res.Outside, res.OutsideKinds)
	}
	// A firm there: as found, the firm first.
	res = find(t, x, xiaoqi.SearchQuery{Q: "动漫公司 宝鸡"})
	if got := ids(res); res.Relaxed || len(got) != 2 || got[0] != "ent_bj" || res.OutsideKinds != nil {
		t.Errorf("动漫公司 宝鸡 = %v relaxed %v kinds %v; want ent_bj first, then cnd_bj, not relaxed", got, res.Relaxed, res.OutsideKinds)
	}
	// No kind asked for: what is there.
	if res := find(t, x, xiaoqi.SearchQuery{Q: "动漫 汉中"}); res.Relaxed || !slices.Equal(ids(res), []string{"cnd_hz"}) {
		t.Errorf("动漫 汉中 = %v relaxed %v, want cnd_hz", ids(res), res.Relaxed)
	}
	// A district is a place too: 雁塔 has no animation firm, only a job need that says 动漫.
	index(t, x, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_yt"}, Name: "动漫设计师", City: "西安市", District: "雁塔区"})
	res = find(t, x, xiaoqi.SearchQuery{Q: "动漫公司 雁塔"})
	if got := ids(res); len(got) < 2 || !slices.Contains(got[:2], "ent_xa") || !slices.Equal(res.Outside, []string{"雁塔"}) {
		t.Errorf("动漫公司 雁塔 = %v outside %q; want the firms first, outside 雁塔", got, res.Outside)
	}
	// Among candidates only (a filter, not a word): what is there.
	if res := find(t, x, xiaoqi.SearchQuery{Q: "动漫公司 汉中", Types: []xiaoqi.Kind{xiaoqi.KindCandidate}}); res.Relaxed || !slices.Equal(ids(res), []string{"cnd_hz"}) {
		t.Errorf("动漫公司 汉中 among candidates = %v relaxed %v, want cnd_hz", ids(res), res.Relaxed)
	}
}

// TestUnmetCue: a query whose cue keeps a word (培训 of 培训机构) that no document of the cue's
// kinds holds with the other words is answered without that word, the kinds first, and says
// which cue went unmet: 西安 培训机构 日语 listed a profile that says 培训讲师 and 日语, where no
// training school teaches 日语; the 日语 programs of 西安 are the nearest answer.
func TestUnmetCue(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_train"}, Name: "西安某职业技能培训学校", Type: xiaoqi.InstitutionTraining, City: "西安市",
			Description: "Java 与软件测试培训。"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_ja_xa"}, InstitutionName: "西安某大学", Name: "日语", Degree: "本科", City: "西安市"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_ja_ya"}, InstitutionName: "延安某学院", Name: "日语", Degree: "本科", City: "延安市"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{ID: "cnd_xa"}, City: "西安市", Degree: "本科", Visibility: xiaoqi.VisibilityAnonymous,
			Summary: "熟悉培训讲师工作，日语N3。"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_bj"}, InstitutionName: "宝鸡某学院", Name: "会计学", Degree: "本科", City: "宝鸡市"},
	)
	res := find(t, x, xiaoqi.SearchQuery{Q: "西安 培训机构 日语"})
	if got := ids(res); !res.Relaxed || len(got) == 0 || got[0] != "prg_ja_xa" || res.UnmetCue != "培训机构" || len(res.Outside) > 0 {
		t.Errorf("西安 培训机构 日语 = %v relaxed %v cue %q outside %q; want prg_ja_xa first, relaxed, cue 培训机构, no place left out",
			got, res.Relaxed, res.UnmetCue, res.Outside)
	}
	// Nothing of the kinds in the place either: the 日语 programs elsewhere, 宝鸡 named.
	res = find(t, x, xiaoqi.SearchQuery{Q: "培训机构 日语 宝鸡"})
	if got := ids(res); len(got) < 2 || !slices.Contains(got[:2], "prg_ja_xa") || !slices.Contains(got[:2], "prg_ja_ya") ||
		res.UnmetCue != "培训机构" || !slices.Equal(res.Outside, []string{"宝鸡"}) {
		t.Errorf("培训机构 日语 宝鸡 = %v cue %q outside %q; want the two 日语 programs first, cue 培训机构, outside 宝鸡", got, res.UnmetCue, res.Outside)
	}
	// The training school holds the words: as found, no cue unmet.
	res = find(t, x, xiaoqi.SearchQuery{Q: "西安 培训机构 Java"})
	if got := ids(res); res.Relaxed || len(got) == 0 || got[0] != "ins_train" || res.UnmetCue != "" {
		t.Errorf("西安 培训机构 Java = %v relaxed %v cue %q; want ins_train first, as found", got, res.Relaxed, res.UnmetCue)
	}
}

// xianZone returns two job needs in 高新区 of 西安市: the documents by which the zone, which
// no list of divisions gives a city, stands for 西安 (placeCity).
func xianZone() []xiaoqi.Doc {
	return []xiaoqi.Doc{
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_gx1"}, Name: "嵌入式工程师", City: "西安市", District: "高新区"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_gx2"}, Name: "测试工程师", City: "西安市", District: "高新区"},
	}
}

// TestKindNearZone: places and a kind alone where none of the kind is list the kind in the
// city of the places; a development zone (高新区), which no list of divisions gives a city,
// stands for the city its documents are in (高新区 大学 listed the universities of every city).
func TestKindNearZone(t *testing.T) {
	x := openProductIndex(t)
	index(t, x, append(xianZone(),
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xa"}, Name: "西安某大学", Type: xiaoqi.InstitutionUniversity, City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_tc"}, Name: "铜川某大学", Type: xiaoqi.InstitutionUniversity, City: "铜川市"})...)
	res := find(t, x, xiaoqi.SearchQuery{Q: "高新区 大学"})
	if got := ids(res); !res.Relaxed || !slices.Equal(got, []string{"ins_xa"}) || !slices.Equal(res.Outside, []string{"高新区"}) ||
		!slices.Equal(res.Nearby, []string{"西安市"}) {
		t.Errorf("高新区 大学 = %v relaxed %v outside %q nearby %q; want ins_xa alone, outside 高新区, nearby 西安市", got, res.Relaxed, res.Outside, res.Nearby)
	}
	// Where the zone's documents are in several cities, none stands for it: anywhere.
	index(t, x, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_gx3"}, Name: "运维工程师", City: "宝鸡市", District: "高新区"})
	if res := find(t, x, xiaoqi.SearchQuery{Q: "高新区 大学"}); len(res.Hits) != 2 || len(res.Nearby) != 0 {
		t.Errorf("高新区 大学, the zone in two cities = %v nearby %q, want both universities, no city named", ids(res), res.Nearby)
	}
}

// TestTrainingNear: 培训机构 asks for training institutions and their courses; a university's
// program in the place that says 培训 (its graduates become 培训讲师) is none. 杨凌 培训机构
// listed that program alone; now the training institutions of 咸阳, the city of 杨凌's district.
func TestTrainingNear(t *testing.T) {
	x := openProductIndex(t)
	index(t, x,
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_nw"}, Name: "西北某农林大学", Type: xiaoqi.InstitutionUniversity, City: "咸阳市", District: "杨陵区"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_nw"}, InstitutionID: "ins_nw", InstitutionName: "西北某农林大学", Name: "汉语国际教育",
			MajorCode: "050103", Degree: "本科", City: "咸阳市", District: "杨陵区", Skills: []string{"培训讲师"}},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xy"}, Name: "咸阳某职业技能培训学校", Type: xiaoqi.InstitutionTraining, City: "咸阳市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xa"}, Name: "西安某职业技能培训学校", Type: xiaoqi.InstitutionTraining, City: "西安市"},
	)
	for _, q := range []string{"杨凌 培训机构", "training institutions in Yangling"} {
		res := find(t, x, xiaoqi.SearchQuery{Q: q})
		if got := ids(res); !res.Relaxed || !slices.Equal(got, []string{"ins_xy"}) || !slices.Equal(res.Outside, []string{"杨凌"}) ||
			!slices.Equal(res.Nearby, []string{"咸阳市"}) {
			t.Errorf("%s = %v relaxed %v outside %q nearby %q; want ins_xy alone, outside 杨凌, nearby 咸阳市", q, got, res.Relaxed, res.Outside, res.Nearby)
		}
	}
}

// TestWordsNearZone: words that no document of a district or zone holds are answered from
// the city of the place first, which the relaxation names nearby, and the place outside.
// 外包公司 高新区 listed the outsourcing firms of every city, saying only that some word was
// missing, and 动漫公司 雁塔区 those of 铜川 first.
func TestWordsNearZone(t *testing.T) {
	x := openProductIndex(t)
	index(t, x, append(xianZone(),
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_yt"}, Name: "测试工程师", City: "西安市", District: "雁塔区"},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xy"}, Name: "运维工程师", City: "咸阳市", District: "秦都区"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_xa"}, Name: "西安某服务外包有限公司", City: "西安市", District: "未央区",
			Description: "金融服务外包企业"},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_bj"}, Name: "宝鸡某服务外包有限公司", City: "宝鸡市", District: "渭滨区",
			Description: "金融服务外包企业"})...)
	for _, tc := range []struct{ q, place string }{{"外包公司 高新区", "高新区"}, {"外包公司 雁塔区", "雁塔区"}} {
		res := find(t, x, xiaoqi.SearchQuery{Q: tc.q})
		if got := ids(res); !res.Relaxed || !slices.Equal(got, []string{"ent_xa"}) || !slices.Equal(res.Outside, []string{tc.place}) ||
			!slices.Equal(res.Nearby, []string{"西安市"}) {
			t.Errorf("%s = %v relaxed %v outside %q nearby %q; want ent_xa alone, outside %s, nearby 西安市", tc.q, got, res.Relaxed,
				res.Outside, res.Nearby, tc.place)
		}
	}
	// A city is no district: its words' documents anywhere, the city named outside.
	res := find(t, x, xiaoqi.SearchQuery{Q: "外包公司 咸阳"})
	if got := ids(res); len(got) != 2 || !slices.Equal(res.Outside, []string{"咸阳"}) || len(res.Nearby) != 0 {
		t.Errorf("外包公司 咸阳 = %v outside %q nearby %q; want both firms, outside 咸阳, none nearby", got, res.Outside, res.Nearby)
	}
}

// TestUniversitiesOfBachelor: 大学 asks for universities, those of 本科 before the colleges of
// 专科, which the MOE list counts among the universities too: 西安医学高等专科学校 came third for
// 雁塔区 大学, among the universities of 西安. 院校 asks for both.
func TestUniversitiesOfBachelor(t *testing.T) {
	x := openProductIndex(t)
	index(t, x, append(xianZone(),
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_a_zk"}, Name: "西安某高等专科学校", Type: xiaoqi.InstitutionUniversity,
			Level: "专科", City: "西安市"},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_b_bk"}, Name: "西安某学院", Type: xiaoqi.InstitutionUniversity,
			Level: "本科", City: "西安市"})...)
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "高新区 大学"})); !slices.Equal(got, []string{"ins_b_bk", "ins_a_zk"}) {
		t.Errorf("高新区 大学 = %v, want the 本科 school, then the 专科 one", got)
	}
	if got := ids(find(t, x, xiaoqi.SearchQuery{Q: "高新区 院校"})); len(got) != 2 || !slices.Contains(got, "ins_a_zk") {
		t.Errorf("高新区 院校 = %v, want both schools", got)
	}
}
