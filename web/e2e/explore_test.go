package e2e_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/xiaoqi-dev/xiaoqi"
)

type dossier struct {
	OpenHeadcount        int      `json:"open_headcount"`
	SyntheticHeadcount   int      `json:"synthetic_headcount"`
	GraduateSupply       int      `json:"graduate_supply"`
	RegionGraduateSupply int      `json:"region_graduate_supply"`
	SupplySkills         []string `json:"supply_skills"`
	SalaryMedian         int      `json:"salary_median"`
	SalaryJobs           int      `json:"salary_jobs"`
	Policies             []struct {
		Number int    `json:"number"`
		Quote  string `json:"quote"`
	} `json:"policies"`
}

// exploreJourney: the returnee chooses a sector, compares the ten cities on the map and the
// bars, picks a city and reads its dossier and the policy items quoted.
func exploreJourney(t *testing.T, p *page, svc *service) {
	p.open("/#/explore")
	p.waitText("h1", "留学生创业")
	p.waitJS("the map and bars", `document.querySelectorAll('svg.shaanxi a.city').length === 10 && document.querySelectorAll('[data-chart=demand] rect').length === 10`)
	p.waitText(".map figcaption", "示意图")
	var regions []string
	p.eval(`[...document.querySelectorAll('.region-label')].map(e => e.textContent)`, &regions)
	if len(regions) != 3 || regions[0] != "陕北" || regions[1] != "关中" || regions[2] != "陕南" {
		p.fail("region labels %q, want 陕北 关中 陕南", regions)
	}
	p.checkA11y("the explorer")

	// Choose a sector with the keyboard-usable select: the page follows.
	p.do("choose 金融保险", chromedp.Focus("#sector"), chromedp.SetValue("#sector", "finance"), chromedp.Evaluate[chromedp.Void](`document.querySelector('#sector').dispatchEvent(new Event('change'))`))
	p.waitJS("the finance view", `location.hash.includes('sector=finance') && document.querySelectorAll('[data-chart=supply] rect').length === 10`)
	// The page is drawn again, and the select keeps the focus (not the h1).
	p.waitJS("the focus on the select", `document.activeElement && document.activeElement.id === 'sector'`)

	// Under the demand bars, how many of the positions are synthetic, summed as the API counts them.
	var synth, total int
	for _, city := range []string{"榆林市", "延安市", "铜川市", "宝鸡市", "咸阳市", "西安市", "渭南市", "汉中市", "安康市", "商洛市"} {
		var d dossier
		apiGet(t, svc.URL, "/api/v1/insights/startup", url.Values{"sector": {"finance"}, "city": {city}}, &d)
		synth, total = synth+d.SyntheticHeadcount, total+d.OpenHeadcount
	}
	if synth == 0 || synth > total {
		t.Fatalf("finance: %d of %d open positions synthetic; the default data set's finance jobs are synthetic", synth, total)
	}
	p.waitText("[data-chart=demand] figcaption .synthetic", "示例")
	p.waitText("[data-chart=demand] figcaption", "共 "+formatCount(uint64(total))+" 个岗位，其中 "+formatCount(uint64(synth))+" 个为示例数据")

	// The bars show each city's figures as the API computes them.
	for _, city := range []string{"西安市", "宝鸡市", "榆林市"} {
		var d dossier
		apiGet(t, svc.URL, "/api/v1/insights/startup", url.Values{"sector": {"finance"}, "city": {city}}, &d)
		var shown struct{ Demand, Supply string }
		p.eval(`(() => { const row = (id) => [...document.querySelectorAll('[data-chart=' + id + '] tr')].find(r => r.querySelector('th').textContent === '`+city+`'); return {Demand: row('demand').querySelector('td').textContent, Supply: row('supply').querySelector('td').textContent} })()`, &shown)
		if shown.Demand != strconv.Itoa(d.OpenHeadcount) || shown.Supply != strconv.Itoa(d.GraduateSupply) {
			p.fail("%s finance: bars show demand %s supply %s, the API says %d and %d", city, shown.Demand, shown.Supply, d.OpenHeadcount, d.GraduateSupply)
		}
	}

	// Pick 宝鸡 on the map: its dossier, with the policy items quoted.
	p.click(`svg.shaanxi a.city[data-city="宝鸡市"]`)
	p.waitText("#dossier-h", "宝鸡市 · 金融保险")
	var d dossier
	apiGet(t, svc.URL, "/api/v1/insights/startup", url.Values{"sector": {"finance"}, "city": {"宝鸡市"}}, &d)
	if got := p.text(`[data-figure=headcount]`); got != strconv.Itoa(d.OpenHeadcount) {
		p.fail("宝鸡市 finance shows %s open positions, the API %d", got, d.OpenHeadcount)
	}
	if got := p.text(`[data-figure=synthetic-headcount]`); d.SyntheticHeadcount == 0 || got != strconv.Itoa(d.SyntheticHeadcount) {
		p.fail("宝鸡市 finance shows %s synthetic positions, the API %d", got, d.SyntheticHeadcount)
	}
	// The median salary of its job needs, and over how many.
	want := formatCount(uint64(d.SalaryMedian)) + " （" + strconv.Itoa(d.SalaryJobs) + " 条写明薪资的需求）"
	if got := p.text(`[data-figure=salary]`); d.SalaryJobs == 0 || got != want {
		p.fail("宝鸡市 finance shows salary %q, the API %d over %d job needs (want %q)", got, d.SalaryMedian, d.SalaryJobs, want)
	}
	// Its own graduates and those of 关中, and under the supply bars what "related" means: the
	// same skills for every city.
	if d.RegionGraduateSupply <= d.GraduateSupply || len(d.SupplySkills) == 0 {
		t.Fatalf("宝鸡市 finance: supply %d, 关中 %d, skills %q; want 关中 larger and the sector's skills", d.GraduateSupply, d.RegionGraduateSupply, d.SupplySkills)
	}
	if got := strings.ReplaceAll(p.text(`[data-figure=region-supply]`), ",", ""); got != strconv.Itoa(d.RegionGraduateSupply) {
		p.fail("宝鸡市 finance shows %s graduates in 关中, the API %d", got, d.RegionGraduateSupply)
	}
	p.waitText(".dossier", "关中地区年毕业生")
	p.waitText(`[data-note=supply]`, "仅计本科专业与培训机构的课程")
	p.waitText("[data-chart=supply] figcaption", strings.Join(d.SupplySkills, "、"))
	if len(d.Policies) == 0 {
		t.Fatal("the dossier quotes no policy")
	}
	quotes := p.texts(".policy blockquote")
	if len(quotes) != len(d.Policies) {
		p.fail("%d policy quotes shown, the dossier has %d", len(quotes), len(d.Policies))
	}
	p.waitText(".policies", "鼓励海外留学生在陕创办服务外包企业")
	// Each item named as the policy numbers it, in Chinese numerals, as partner explanations,
	// gap texts and the policy page name them: it read 第（9）项 … 第（12）项.
	for _, q := range d.Policies {
		want := "第（" + xiaoqi.ChineseNumeral(q.Number) + "）项"
		if got := p.text(fmt.Sprintf(".policy[data-item='%d'] figcaption a", q.Number)); !strings.HasPrefix(got, want) {
			p.fail("policy item (%d) is named %q, want %s", q.Number, got, want)
		}
	}
	p.waitText(".policies", "第（十二）项")
	if got := p.text(".policies"); regexp.MustCompile(`第（\d+）项`).MatchString(got) {
		p.fail("the policies quoted name an item in digits: %q", got)
	}
	p.screenshot("explore", "")

	// 仅计真实数据: the bars of the real job needs alone, as the API counts them, the choice
	// kept in the address, no synthetic share under the demand bars.
	p.click("#explore-real")
	p.waitJS("the real-data view", `location.hash.includes('real=1') && document.querySelector('#explore-real').checked && document.querySelectorAll('[data-chart=demand] rect').length === 10`)
	p.waitJS("the focus on the box", `document.activeElement && document.activeElement.id === 'explore-real'`)
	var real dossier
	apiGet(t, svc.URL, "/api/v1/insights/startup", url.Values{"sector": {"finance"}, "city": {"西安市"}, "real_only": {"true"}}, &real)
	if real.SyntheticHeadcount != 0 || real.OpenHeadcount >= total {
		t.Fatalf("西安市 finance, real data only: %+v; want fewer positions than the %d of all data, none synthetic", real, total)
	}
	p.waitJS("西安's real demand", `(() => { const row = [...document.querySelectorAll('[data-chart=demand] tr')].find(r => r.querySelector('th').textContent === '西安市'); return row && row.querySelector('td').textContent === '`+strconv.Itoa(real.OpenHeadcount)+`' })()`)
	if n := p.count("[data-chart=demand] figcaption"); n != 0 {
		p.fail("real data only: %d notes of synthetic positions under the demand bars", n)
	}
	p.click(`svg.shaanxi a.city[data-city="咸阳市"]`)
	p.waitJS("the real-data choice kept on the map's links", `location.hash.includes('city=%E5%92%B8%E9%98%B3%E5%B8%82') && location.hash.includes('real=1')`)
	p.checkA11y("the explorer, real data only")

	// 铜川 has no program that teaches the software sector's skills: the page says what its 0
	// counts, and why it is 0.
	var tc dossier
	apiGet(t, svc.URL, "/api/v1/insights/startup", url.Values{"sector": {"software"}, "city": {"铜川市"}}, &tc)
	if tc.GraduateSupply != 0 || tc.RegionGraduateSupply == 0 {
		t.Fatalf("铜川市 software: supply %d, 关中 %d; want 0 and some", tc.GraduateSupply, tc.RegionGraduateSupply)
	}
	p.open("/#/explore?sector=software&city=" + url.QueryEscape("铜川市"))
	p.waitText("#dossier-h", "铜川市")
	if got := p.text(`[data-figure=supply]`); got != "0" {
		p.fail("铜川市 software shows %s graduates, the API 0", got)
	}
	p.waitText(`[data-note=supply]`, "铜川市没有教授本领域需求最多的技能的本科专业或培训课程，所以为 0")
	p.waitText(`[data-note=supply]`, "专科（高职）院校的专业不在其中")
	p.noConsoleErrors()
}
