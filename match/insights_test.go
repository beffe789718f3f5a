package match_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// insightMarket: in Xi'an a software school (300 graduates a year) and an English school
// (100), a software firm that wants Java developers, and Japanese speakers and offshore
// delivery managers nobody trains; in
// Hanzhong a firm that wants SAP consultants.
func insightMarket(tb testing.TB, tax *skill.Taxonomy) []xiaoqi.Doc {
	tb.Helper()
	program := func(id, inst, code string, grads int) *xiaoqi.Program {
		mj, ok := tax.Major(code)
		if !ok {
			tb.Fatalf("major %s not in the taxonomy", code)
		}
		p := &xiaoqi.Program{Meta: xiaoqi.Meta{ID: id, Synthetic: true}, InstitutionID: inst, Name: mj.Name, MajorCode: code,
			Degree: "本科", City: "西安市", GraduatesPerYear: grads}
		for _, sd := range tax.SkillsOfMajor(code) {
			s, _ := tax.Skill(sd.ID)
			p.Skills = append(p.Skills, s.NameZH)
		}
		return p
	}
	return []xiaoqi.Doc{
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_soft", Synthetic: true}, Name: "西安某软件学院", Type: xiaoqi.InstitutionUniversity, City: "西安市", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_lang", Synthetic: true}, Name: "西安某外语学院", Type: xiaoqi.InstitutionUniversity, City: "西安市", Region: xiaoqi.RegionGuanzhong},
		program("prg_soft", "ins_soft", "080902", 300),
		program("prg_lang", "ins_lang", "050201", 100),
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_soft", Synthetic: true}, Name: "西安某软件公司", City: "西安市", Region: xiaoqi.RegionGuanzhong,
			Sectors: []xiaoqi.Sector{xiaoqi.SectorSoftware}, OffshoreMarkets: []string{"日本"}},
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_sap", Synthetic: true}, Name: "汉中某信息系统公司", City: "汉中市", Region: xiaoqi.RegionShaannan,
			Sectors: []xiaoqi.Sector{xiaoqi.SectorInfoSystems}},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_java", Synthetic: true}, EnterpriseID: "ent_soft", Name: "Java开发", City: "西安市",
			Skills: []string{"Java", "MySQL"}, Headcount: 10, Status: xiaoqi.JobOpen},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_bridge", Synthetic: true}, EnterpriseID: "ent_soft", Name: "对日软件翻译", City: "西安市",
			Skills: []string{"日语"}, Headcount: 8, Status: xiaoqi.JobOpen},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_offshore", Synthetic: true}, EnterpriseID: "ent_soft", Name: "离岸交付经理", City: "西安市",
			Skills: []string{"离岸交付"}, Headcount: 3, Status: xiaoqi.JobOpen},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_sap", Synthetic: true}, EnterpriseID: "ent_sap", Name: "SAP顾问", City: "汉中市",
			Skills: []string{"SAP"}, Headcount: 4, Status: xiaoqi.JobOpen},
		&xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_12"}, Number: 12, Heading: "加强产学研合作",
			Text: "支持高校、企业和科研机构共建研发平台。建立服务外包企业、高等院校双向合作机制。鼓励海外留学生来陕创办服务外包企业。"},
	}
}

func gapSkills(g *xiaoqi.GapReport) []string {
	var out []string
	for _, x := range g.Gaps {
		out = append(out, x.Skill)
	}
	return out
}

// TestGaps: the gap report of 关中 names Japanese, which no program there teaches, with the
// 日语 major to add and the English school as the one best placed; Java, taught to 300
// graduates a year for 10 openings, is no gap; SAP, asked for in 陕南 only, appears there.
func TestGaps(t *testing.T) {
	tax := loadTax(t)
	m := smallMatcher(t, insightMarket(t, tax))
	ctx := context.Background()
	g, err := m.Gaps(ctx, xiaoqi.Scope{Region: xiaoqi.RegionGuanzhong}, 10)
	if err != nil {
		t.Fatal(err)
	}
	skills := gapSkills(g)
	if !slices.Contains(skills, "日语") || slices.Contains(skills, "Java") || slices.Contains(skills, "SAP") {
		t.Fatalf("gaps of 关中: %v; want 日语, not Java nor SAP", skills)
	}
	ja := g.Gaps[slices.Index(skills, "日语")]
	if ja.Demand != 8 || ja.Supply != 0 || ja.Ratio != 0 {
		t.Errorf("日语 gap: demand %d supply %d ratio %v; want 8, 0, 0", ja.Demand, ja.Supply, ja.Ratio)
	}
	if !slices.ContainsFunc(ja.Majors, func(mj xiaoqi.SuggestedMajor) bool { return mj.Code == "050207" && mj.Name == "日语" }) {
		t.Errorf("日语 gap suggests majors %+v, want 050207 日语", ja.Majors)
	}
	if len(ja.BestPlaced) == 0 || ja.BestPlaced[0].ID != "ins_lang" || len(ja.BestPlaced[0].Related) == 0 {
		t.Errorf("best placed to add 日语: %+v, want the English school first, with the related skills it teaches", ja.BestPlaced)
	}
	if !strings.Contains(ja.ZH, "050207") || !strings.Contains(ja.ZH, "西安某外语学院") || !strings.Contains(ja.EN, "Japanese") {
		t.Errorf("日语 gap explanation: %s / %s", ja.ZH, ja.EN)
	}
	if !g.Synthetic {
		t.Error("gap report over synthetic data not marked synthetic")
	}
	// No catalogue major teaches offshore delivery: a course is suggested instead.
	if i := slices.Index(skills, "离岸交付"); i < 0 || g.Gaps[i].Course != "离岸交付" || len(g.Gaps[i].Majors) != 0 ||
		!strings.Contains(g.Gaps[i].ZH, "宜开设「离岸交付」课程") || !strings.Contains(g.Gaps[i].EN, "add a course on") {
		t.Errorf("gaps %v: want 离岸交付 with a course to add", skills)
	}
	if ja.Course != "" {
		t.Errorf("日语 has a major, yet a course is suggested: %+v", ja)
	}

	g, err = m.Gaps(ctx, xiaoqi.Scope{Region: xiaoqi.RegionShaannan}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if skills := gapSkills(g); !slices.Equal(skills, []string{"SAP"}) {
		t.Errorf("gaps of 陕南: %v, want [SAP]", skills)
	}
	if _, err := m.Gaps(ctx, xiaoqi.Scope{}, 51); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
		t.Errorf("limit 51: %v, want invalid", err)
	}
}

// TestGapsCountSyntheticDemand: a gap says how many of its openings are synthetic job needs,
// and a report over real documents only is not marked synthetic.
func TestGapsCountSyntheticDemand(t *testing.T) {
	tax := loadTax(t)
	docs := insightMarket(t, tax)
	for _, d := range docs {
		d.Base().Synthetic = false
	}
	real := smallMatcher(t, docs)
	g, err := real.Gaps(context.Background(), xiaoqi.Scope{Region: xiaoqi.RegionGuanzhong}, 10)
	if err != nil {
		t.Fatal(err)
	}
	ja := g.Gaps[slices.Index(gapSkills(g), "日语")]
	if g.Synthetic || ja.SyntheticDemand != 0 || strings.Contains(ja.ZH, "示例") || strings.Contains(ja.EN, "synthetic") {
		t.Errorf("real documents only: report synthetic=%v, 日语 %+v", g.Synthetic, ja)
	}

	// Five more Japanese openings, synthetic: 13 in all, 5 of them synthetic.
	docs = append(docs, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_bridge_synth", Synthetic: true}, EnterpriseID: "ent_soft",
		Name: "日语翻译", City: "西安市", Skills: []string{"日语"}, Headcount: 5, Status: xiaoqi.JobOpen})
	mixed := smallMatcher(t, docs)
	g, err = mixed.Gaps(context.Background(), xiaoqi.Scope{Region: xiaoqi.RegionGuanzhong}, 10)
	if err != nil {
		t.Fatal(err)
	}
	ja = g.Gaps[slices.Index(gapSkills(g), "日语")]
	if !g.Synthetic || ja.Demand != 13 || ja.SyntheticDemand != 5 {
		t.Errorf("with synthetic openings: report synthetic=%v, 日语 demand %d (%d synthetic); want true, 13 (5)", g.Synthetic, ja.Demand, ja.SyntheticDemand)
	}
	if !strings.Contains(ja.ZH, "13 个岗位需要（其中 5 个为示例数据）") || !strings.Contains(ja.EN, "13 openings (5 of them synthetic)") {
		t.Errorf("日语 gap explanation: %s / %s", ja.ZH, ja.EN)
	}
	// Offshore delivery is asked for by the real job only: no synthetic share.
	if off := g.Gaps[slices.Index(gapSkills(g), "离岸交付")]; off.SyntheticDemand != 0 {
		t.Errorf("离岸交付: %d synthetic openings, want 0", off.SyntheticDemand)
	}
}

// TestStartupCountsSyntheticPositions: the dossier says how many of its open positions are
// synthetic job needs.
func TestStartupCountsSyntheticPositions(t *testing.T) {
	tax := loadTax(t)
	docs := insightMarket(t, tax)
	for _, d := range docs {
		d.Base().Synthetic = false
	}
	docs = append(docs, &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_synth", Synthetic: true}, EnterpriseID: "ent_soft",
		Name: "测试工程师", City: "西安市", Skills: []string{"软件测试"}, Headcount: 4, Status: xiaoqi.JobOpen})
	m := smallMatcher(t, docs)
	d, err := m.Startup(context.Background(), xiaoqi.Scope{City: "西安市"})
	if err != nil {
		t.Fatal(err)
	}
	if d.OpenHeadcount != 25 || d.SyntheticHeadcount != 4 || !d.Synthetic {
		t.Errorf("西安: %d open positions, %d synthetic (synthetic=%v); want 25, 4, true", d.OpenHeadcount, d.SyntheticHeadcount, d.Synthetic)
	}
	if !strings.Contains(d.ZH, "其中 4 个为示例数据") || !strings.Contains(d.EN, "4 of the positions synthetic") {
		t.Errorf("dossier text: %s / %s", d.ZH, d.EN)
	}
	// All sectors' related programs are their own, not the sum of each sector's (软件 alone
	// counted more graduates than 全部领域, under a text that said 本领域): said so.
	if !strings.Contains(d.ZH, "各领域合计") || strings.Contains(d.ZH, "本领域") || !strings.Contains(d.ZH, "不是各领域之和") ||
		!strings.Contains(d.EN, "not the sum of each sector's") {
		t.Errorf("dossier of all sectors: %s / %s", d.ZH, d.EN)
	}
	if !slices.Contains(d.TopSkills, "软件测试") {
		t.Errorf("top skills %v: want the synthetic job's 软件测试 among them", d.TopSkills)
	}
	// Real data only: the synthetic job need counts for nothing.
	d, err = m.Startup(context.Background(), xiaoqi.Scope{City: "西安市", RealOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if d.OpenHeadcount != 21 || d.OpenJobs != 3 || d.SyntheticHeadcount != 0 || d.Synthetic || slices.Contains(d.TopSkills, "软件测试") ||
		strings.Contains(d.ZH, "示例") {
		t.Errorf("西安, real data only: %d positions in %d job needs, %d synthetic (synthetic=%v), top skills %v; want 21 in 3, none synthetic: %s",
			d.OpenHeadcount, d.OpenJobs, d.SyntheticHeadcount, d.Synthetic, d.TopSkills, d.ZH)
	}
}

// TestPolicyFactorPunctuation: the policy factor quotes two items as one sentence, without a
// full stop before the semicolon between them.
func TestPolicyFactorPunctuation(t *testing.T) {
	tax := loadTax(t)
	docs := append(insightMarket(t, tax), &xiaoqi.Policy{Meta: xiaoqi.Meta{ID: "pol_08"}, Number: 8, Heading: "开拓服务外包国际市场",
		Text: "巩固和加强与欧美、日韩及东南亚等国家和地区的交流合作。支持企业走出去。"})
	m := smallMatcher(t, docs)
	l, err := m.EnterprisePartners(context.Background(), "ent_soft", xiaoqi.Scope{}, 1)
	if err != nil || len(l.Data) == 0 {
		t.Fatalf("partners: %+v, %v", l, err)
	}
	i := slices.IndexFunc(l.Data[0].Factors, func(f xiaoqi.MatchFactor) bool { return f.Factor == "policy" })
	if i < 0 {
		t.Fatalf("no policy factor: %+v", l.Data[0].Factors)
	}
	zh := l.Data[0].Factors[i].ZH
	if !strings.Contains(zh, "第（八）项") || !strings.Contains(zh, "第（十二）项") || strings.Contains(zh, "。；") || !strings.HasSuffix(zh, "。") {
		t.Errorf("policy factor %q: want items (8) and (12) in one sentence", zh)
	}
}

// TestGapBestPlacedForCSharp: no program teaches C#, and the school best placed to add it is
// the one that teaches Java, its sibling language (taxonomy 2026.2.1); before, C# was related
// only to .NET, WPF and Unity, and a music conservatory teaching Unity came first.
func TestGapBestPlacedForCSharp(t *testing.T) {
	tax := loadTax(t)
	docs := append(insightMarket(t, tax), &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cs", Synthetic: true}, EnterpriseID: "ent_soft",
		Name: "C#开发", City: "西安市", Skills: []string{"C#"}, Headcount: 6, Status: xiaoqi.JobOpen})
	m := smallMatcher(t, docs)
	g, err := m.Gaps(context.Background(), xiaoqi.Scope{Region: xiaoqi.RegionGuanzhong}, 10)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(gapSkills(g), "C#")
	if i < 0 {
		t.Fatalf("gaps %v: want C#", gapSkills(g))
	}
	if bp := g.Gaps[i].BestPlaced; len(bp) == 0 || bp[0].ID != "ins_soft" || !slices.Contains(bp[0].Related, "Java") {
		t.Errorf("best placed to add C#: %+v, want the software school, for its Java", bp)
	}
}

// TestStartup: the returnee dossier for software in Xi'an counts the open positions, names
// the firm and the software school, and quotes item (12) on returned overseas students. The
// graduate supply is the city's own, of the programs teaching what the sector asks for
// across the province, so that a city without job needs in the sector (咸阳) still shows
// what its schools teach, with partner schools to match.
func TestStartup(t *testing.T) {
	tax := loadTax(t)
	// A 咸阳 school with a software program of 120 graduates and a program teaching none of
	// the sector's skills (ecology, 071004), which must not count.
	xianyang := &xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_xy", Synthetic: true}, Name: "咸阳某学院", Type: xiaoqi.InstitutionUniversity,
		City: "咸阳市", Region: xiaoqi.RegionGuanzhong}
	docs := append(insightMarket(t, tax), xianyang)
	for _, p := range []struct {
		id, code string
		grads    int
	}{{"prg_xy_soft", "080902", 120}, {"prg_xy_eco", "071004", 80}} {
		mj, ok := tax.Major(p.code)
		if !ok {
			t.Fatalf("major %s not in the taxonomy", p.code)
		}
		prg := &xiaoqi.Program{Meta: xiaoqi.Meta{ID: p.id, Synthetic: true}, InstitutionID: "ins_xy", Name: mj.Name,
			MajorCode: p.code, Degree: "本科", City: "咸阳市", GraduatesPerYear: p.grads}
		for _, sd := range tax.SkillsOfMajor(p.code) {
			sk, _ := tax.Skill(sd.ID)
			prg.Skills = append(prg.Skills, sk.NameZH)
		}
		docs = append(docs, prg)
	}
	// A firm of 北京 (an import may hold one): a city outside Shaanxi with data.
	docs = append(docs, &xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_bj", Synthetic: true}, Name: "北京某咨询公司", City: "北京市",
		Sectors: []xiaoqi.Sector{xiaoqi.SectorFinance}})
	m := smallMatcher(t, docs)
	d, err := m.Startup(context.Background(), xiaoqi.Scope{City: "西安市", Sector: xiaoqi.SectorSoftware})
	if err != nil {
		t.Fatal(err)
	}
	// Xi'an: the software school (300; the English school teaches none of Java, MySQL, 日语,
	// 离岸交付); 关中: with 咸阳's software program.
	if d.GraduateSupply != 300 || d.RegionGraduateSupply != 420 {
		t.Errorf("graduate supply %d in the city, %d in 关中; want 300 and 420", d.GraduateSupply, d.RegionGraduateSupply)
	}
	if !slices.Equal(d.SupplySkills, []string{"Java", "MySQL", "日语", "离岸交付"}) {
		t.Errorf("supply skills %q, want what the software job needs ask for, most first", d.SupplySkills)
	}
	xy, err := m.Startup(context.Background(), xiaoqi.Scope{City: "咸阳市", Sector: xiaoqi.SectorSoftware})
	if err != nil {
		t.Fatal(err)
	}
	if xy.OpenHeadcount != 0 || xy.GraduateSupply != 120 || xy.RegionGraduateSupply != 420 ||
		!slices.Equal(xy.SupplySkills, d.SupplySkills) {
		t.Errorf("咸阳: %d open, supply %d, 关中 %d, skills %q; want 0, 120, 420 and Xi'an's skills",
			xy.OpenHeadcount, xy.GraduateSupply, xy.RegionGraduateSupply, xy.SupplySkills)
	}
	if len(xy.PartnerSchools) < 2 || xy.PartnerSchools[0].ID != "ins_xy" || xy.PartnerSchools[1].ID != "ins_soft" {
		t.Errorf("咸阳 partner schools %+v, want the city's own school first, then the larger one of 西安", xy.PartnerSchools)
	}
	if !strings.Contains(xy.ZH, "本市相关专业年毕业生约 120 人，关中约 420 人") || !strings.Contains(xy.EN, "About 120 graduates a year in related programs in the city, 420 in Guanzhong") {
		t.Errorf("咸阳 summary: %s / %s", xy.ZH, xy.EN)
	}
	hz, err := m.Startup(context.Background(), xiaoqi.Scope{City: "汉中市", Sector: xiaoqi.SectorSoftware})
	if err != nil {
		t.Fatal(err)
	}
	if hz.GraduateSupply != 0 || hz.RegionGraduateSupply != 0 {
		t.Errorf("汉中 (no school): supply %d, 陕南 %d; want 0", hz.GraduateSupply, hz.RegionGraduateSupply)
	}
	// A city outside Shaanxi (where the data has a firm: without one, the city is refused,
	// TestSeedScopeCity) has no region of the province around it: no supply, no schools.
	bj, err := m.Startup(context.Background(), xiaoqi.Scope{City: "北京市", Sector: xiaoqi.SectorSoftware})
	if err != nil {
		t.Fatal(err)
	}
	if bj.GraduateSupply != 0 || bj.RegionGraduateSupply != 0 || len(bj.PartnerSchools) != 0 || !strings.Contains(bj.ZH, "相关专业年毕业生约 0 人（") {
		t.Errorf("北京市: supply %d, region %d, schools %d, %q; want none", bj.GraduateSupply, bj.RegionGraduateSupply, len(bj.PartnerSchools), bj.ZH)
	}
	if d.OpenHeadcount != 21 || d.OpenJobs != 3 {
		t.Errorf("open headcount %d in %d jobs, want 21 in 3", d.OpenHeadcount, d.OpenJobs)
	}
	if len(d.Competitors) != 1 || d.Competitors[0].ID != "ent_soft" {
		t.Errorf("competitors %+v, want the Xi'an software firm only", d.Competitors)
	}
	if len(d.PartnerSchools) == 0 || d.PartnerSchools[0].ID != "ins_soft" {
		t.Errorf("partner schools %+v, want the software school first", d.PartnerSchools)
	}
	var nums []int
	for _, p := range d.Policies {
		nums = append(nums, p.Number)
	}
	if !slices.Equal(nums, []int{9, 10, 11, 12}) || !strings.Contains(d.Policies[3].Quote, "留学生") || d.Policies[3].Heading != "加强产学研合作" {
		t.Errorf("policies %+v, want items 9–12 with item 12 quoted on returned students", d.Policies)
	}
	if !strings.Contains(d.ZH, "21 个岗位") || !strings.Contains(d.EN, "21 open positions") ||
		!strings.Contains(d.EN, "most demanded: Java, MySQL, Japanese") {
		t.Errorf("dossier summary: %s / %s", d.ZH, d.EN)
	}
}

// TestSectorByPosting: with a sector, the insights count each job need in its own sector (a
// software firm's game-art posting counts under animation, not software), and a posting
// without one in its firm's declared first sector; the search's 领域 facet counts the same.
func TestSectorByPosting(t *testing.T) {
	tax := loadTax(t)
	docs := append(insightMarket(t, tax),
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_art", Synthetic: true}, EnterpriseID: "ent_soft", Name: "游戏美术", City: "西安市",
			Sector: xiaoqi.SectorAnimation, Skills: []string{"游戏美术"}, Headcount: 5, Status: xiaoqi.JobOpen})
	m := smallMatcher(t, docs)
	ctx := context.Background()
	soft, err := m.Gaps(ctx, xiaoqi.Scope{Region: xiaoqi.RegionGuanzhong, Sector: xiaoqi.SectorSoftware}, 20)
	if err != nil {
		t.Fatal(err)
	}
	anim, err := m.Gaps(ctx, xiaoqi.Scope{Region: xiaoqi.RegionGuanzhong, Sector: xiaoqi.SectorAnimation}, 20)
	if err != nil {
		t.Fatal(err)
	}
	if s := gapSkills(soft); slices.Contains(s, "游戏美术") || !slices.Contains(s, "日语") {
		t.Errorf("software gaps %v: want 日语 (its postings have no sector: the firm's), not 游戏美术", s)
	}
	if s := gapSkills(anim); !slices.Equal(s, []string{"游戏美术"}) {
		t.Errorf("animation gaps %v: want 游戏美术 alone", s)
	}
	d, err := m.Startup(ctx, xiaoqi.Scope{City: "西安市", Sector: xiaoqi.SectorSoftware})
	if err != nil {
		t.Fatal(err)
	}
	if d.OpenHeadcount != 21 || d.OpenJobs != 3 {
		t.Errorf("software in 西安: %d positions in %d job needs, want 21 in 3 (not the animation posting)", d.OpenHeadcount, d.OpenJobs)
	}
}

// TestGapsGeneralEducationAndTies: English and its certificates, which every undergraduate
// studies, are no gap; and among schools that teach a gap's related skills equally, those
// whose graduates study them most are best placed (the choice went by id).
func TestGapsGeneralEducationAndTies(t *testing.T) {
	tax := loadTax(t)
	docs := insightMarket(t, tax)
	docs = append(docs,
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_cet", Synthetic: true}, EnterpriseID: "ent_soft", Name: "技术支持", City: "西安市",
			Skills: []string{"英语四级", "英语六级"}, Headcount: 6, Status: xiaoqi.JobOpen},
		// A second English school, the same programs, three times the graduates: its id
		// sorts first, its graduates are fewer.
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_a_lang", Synthetic: true}, Name: "西安另一外语学院", Type: xiaoqi.InstitutionUniversity,
			City: "西安市", Region: xiaoqi.RegionGuanzhong})
	for _, d := range insightMarket(t, tax) {
		if p, ok := d.(*xiaoqi.Program); ok && p.ID == "prg_lang" {
			q := *p
			q.ID, q.InstitutionID, q.GraduatesPerYear = "prg_a_lang", "ins_a_lang", 30
			docs = append(docs, &q)
		}
	}
	g, err := smallMatcher(t, docs).Gaps(context.Background(), xiaoqi.Scope{Region: xiaoqi.RegionGuanzhong}, 20)
	if err != nil {
		t.Fatal(err)
	}
	skills := gapSkills(g)
	if slices.Contains(skills, "英语四级") || slices.Contains(skills, "英语六级") {
		t.Errorf("gaps %v: English certificates are no gap", skills)
	}
	ja := g.Gaps[slices.Index(skills, "日语")]
	if len(ja.BestPlaced) < 2 || ja.BestPlaced[0].ID != "ins_lang" || ja.BestPlaced[1].ID != "ins_a_lang" {
		t.Errorf("best placed for 日语: %+v, want the English school of 100 graduates before the one of 30", ja.BestPlaced)
	}
}

// TestStartupSalaryMedian: the dossier gives the median monthly salary of the open job needs
// that state one, each at the middle of its range, and says over how many; a closed job need
// and one stating none do not count.
func TestStartupSalaryMedian(t *testing.T) {
	tax := loadTax(t)
	job := func(id, city string, lo, hi int, status string) xiaoqi.Doc {
		return &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: id}, EnterpriseID: "ent_soft", Name: "测试工程师", City: city,
			Skills: []string{"软件测试"}, Headcount: 1, Status: status, SalaryMin: lo, SalaryMax: hi}
	}
	docs := append(insightMarket(t, tax),
		job("job_p1", "西安市", 8000, 12000, xiaoqi.JobOpen),    // 10000
		job("job_p2", "西安市", 15000, 0, xiaoqi.JobOpen),       // 1.5万以上: 15000
		job("job_p3", "西安市", 0, 6000, xiaoqi.JobOpen),        // 6千以下: 6000
		job("job_p4", "西安市", 40000, 60000, xiaoqi.JobClosed), // closed
		job("job_p5", "西安市", 0, 0, xiaoqi.JobOpen))           // 面议
	m := smallMatcher(t, docs)
	d, err := m.Startup(context.Background(), xiaoqi.Scope{City: "西安市"})
	if err != nil {
		t.Fatal(err)
	}
	if d.SalaryJobs != 3 || d.SalaryMedian != 10000 {
		t.Errorf("西安: median %d over %d job needs; want 10000 over 3", d.SalaryMedian, d.SalaryJobs)
	}
	if !strings.Contains(d.ZH, "写明薪资的 3 条需求月薪中位数约 10000 元") || !strings.Contains(d.EN, "median monthly salary about ¥10,000 over the 3 job needs stating one") {
		t.Errorf("dossier text: %s / %s", d.ZH, d.EN)
	}
}

// TestStartupNewAreas: the dossier of 杨凌示范区, a city of policy item (7), counts the firms
// and schools the divisions place in 咸阳市's 杨陵区, as the default data set does; it counted
// none, though 西北农林科技大学 is there.
func TestStartupNewAreas(t *testing.T) {
	tax := loadTax(t)
	docs := append(insightMarket(t, tax),
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_yl"}, Name: "杨凌某软件公司", City: "咸阳市", District: "杨陵区", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_yl"}, EnterpriseID: "ent_yl", Name: "测试工程师", City: "咸阳市", District: "杨陵区",
			Skills: []string{"软件测试"}, Headcount: 3, Status: xiaoqi.JobOpen},
		&xiaoqi.Institution{Meta: xiaoqi.Meta{ID: "ins_nwafu"}, Name: "西北农林科技大学", Type: xiaoqi.InstitutionUniversity, City: "咸阳市",
			District: "杨陵区", Region: xiaoqi.RegionGuanzhong, Level: "本科"},
		&xiaoqi.Program{Meta: xiaoqi.Meta{ID: "prg_nwafu"}, InstitutionID: "ins_nwafu", InstitutionName: "西北农林科技大学", Name: "软件工程",
			MajorCode: "080902", Degree: "本科", City: "咸阳市", District: "杨陵区", GraduatesPerYear: 100, Skills: []string{"软件测试"}})
	m := smallMatcher(t, docs)
	d, err := m.Startup(context.Background(), xiaoqi.Scope{City: "杨凌示范区"})
	if err != nil {
		t.Fatal(err)
	}
	if d.OpenHeadcount != 3 || len(d.Competitors) != 1 || d.Competitors[0].ID != "ent_yl" || d.GraduateSupply != 100 ||
		!slices.ContainsFunc(d.PartnerSchools, func(p xiaoqi.MatchParty) bool { return p.ID == "ins_nwafu" }) {
		t.Errorf("杨凌示范区: %d positions, competitors %+v, supply %d, schools %+v; want 3, 杨凌某软件公司, 100, 西北农林科技大学",
			d.OpenHeadcount, d.Competitors, d.GraduateSupply, d.PartnerSchools)
	}

	// A new area's job needs are counted where they are posted: the default data's 8 postings
	// in 西咸新区 are of firms registered in 西安's other districts, and its dossier counted none.
	docs = append(docs,
		&xiaoqi.Enterprise{Meta: xiaoqi.Meta{ID: "ent_xx"}, Name: "西安某智能科技有限公司", City: "西安市", District: "雁塔区", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xx"}, EnterpriseID: "ent_xx", Name: "嵌入式软件设计", City: "西安市", District: "西咸新区",
			Skills: []string{"软件测试"}, Headcount: 2, Status: xiaoqi.JobOpen, SalaryMin: 8000, SalaryMax: 12000},
		&xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: "job_xx2"}, EnterpriseID: "ent_xx", Name: "测试工程师", City: "西安市", District: "雁塔区",
			Skills: []string{"软件测试"}, Headcount: 5, Status: xiaoqi.JobOpen})
	m = smallMatcher(t, docs)
	if d, err = m.Startup(context.Background(), xiaoqi.Scope{City: "西咸新区"}); err != nil {
		t.Fatal(err)
	}
	if d.OpenJobs != 1 || d.OpenHeadcount != 2 || len(d.Competitors) != 1 || d.Competitors[0].ID != "ent_xx" {
		t.Errorf("西咸新区: %d job needs, %d positions, competitors %+v; want the 1 posted there (2 positions), of 西安某智能科技有限公司",
			d.OpenJobs, d.OpenHeadcount, d.Competitors)
	}
	if g, err := m.Gaps(context.Background(), xiaoqi.Scope{City: "西咸新区"}, 10); err != nil || len(g.Gaps) == 0 {
		t.Errorf("西咸新区 gaps: %+v, %v; want the demand posted there", g, err)
	}
}

// TestInsightsCountWherePosted: a job need counts where it is posted, not where its firm is
// registered: a 西安 firm's 50 Java openings posted in 宝鸡 counted in 西安's dossier, gaps and
// allocation and not in 宝鸡's, where the search's city facet finds them; and its postings in
// 东京 and in 陕西省 (no city of it) added to 西安 too.
func TestInsightsCountWherePosted(t *testing.T) {
	tax := loadTax(t)
	job := func(id, city, district string, n int) xiaoqi.Doc {
		return &xiaoqi.JobNeed{Meta: xiaoqi.Meta{ID: id}, EnterpriseID: "ent_soft", Name: "Java开发工程师", City: city, District: district,
			Sector: xiaoqi.SectorSoftware, Skills: []string{"Java"}, Headcount: n, Status: xiaoqi.JobOpen, SalaryMin: 20000, SalaryMax: 20000}
	}
	m := smallMatcher(t, append(insightMarket(t, tax),
		job("job_bj", "宝鸡市", "渭滨区", 50), job("job_tokyo", "东京", "", 7), job("job_sx", "陕西省", "", 6)))
	ctx := context.Background()
	for _, tc := range []struct {
		city        string
		jobs, heads int
	}{
		{"西安", 3, 21}, // the three posted in 西安市 (10 + 8 + 3)
		{"宝鸡", 1, 50},
		{"东京", 1, 7},
		{"", 6, 84}, // the province's: every posting, wherever it says
	} {
		sc := xiaoqi.Scope{City: tc.city, Sector: xiaoqi.SectorSoftware}
		d, err := m.Startup(ctx, sc)
		if err != nil {
			t.Fatal(err)
		}
		if d.OpenJobs != tc.jobs || d.OpenHeadcount != tc.heads || len(d.Competitors) != 1 || d.Competitors[0].ID != "ent_soft" {
			t.Errorf("%q dossier: %d job needs, %d positions, competitors %+v; want %d, %d, 西安某软件公司",
				tc.city, d.OpenJobs, d.OpenHeadcount, d.Competitors, tc.jobs, tc.heads)
		}
		if tc.city == "宝鸡" && (d.SalaryJobs != 1 || d.SalaryMedian != 20000) {
			t.Errorf("宝鸡 dossier: salary %d over %d; want 20000 over the 1 posted there", d.SalaryMedian, d.SalaryJobs)
		}
		a, err := m.Allocate(ctx, sc, 0)
		if err != nil {
			t.Fatal(err)
		}
		if a.Allocation.Openings != tc.heads {
			t.Errorf("%q allocation: %d openings; want %d", tc.city, a.Allocation.Openings, tc.heads)
		}
	}
	g, err := m.Gaps(ctx, xiaoqi.Scope{City: "宝鸡"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(g.Gaps, func(x xiaoqi.SkillGap) bool { return x.Skill == "Java" }); i < 0 || g.Gaps[i].Demand != 50 {
		t.Errorf("宝鸡 gaps %v: want Java asked for by the 50 openings posted there", gapSkills(g))
	}
	g, err = m.Gaps(ctx, xiaoqi.Scope{City: "西安"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(g.Gaps, func(x xiaoqi.SkillGap) bool { return x.Skill == "Java" }); i >= 0 {
		t.Errorf("西安 gaps: Java asked for by %d openings; want none, its 10 openings being taught by 300 graduates", g.Gaps[i].Demand)
	}
}
