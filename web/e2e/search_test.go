package e2e_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/xiaoqi-dev/xiaoqi"
)

// apiGet decodes GET base+path (a public read) into out.
func apiGet(tb testing.TB, base, path string, q url.Values, out any) {
	tb.Helper()
	u := base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	resp, err := http.Get(u)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: %s", u, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		tb.Fatalf("GET %s: %v", u, err)
	}
}

type searchAnswer struct {
	Total uint64 `json:"total"`
	Hits  []struct {
		ID        string `json:"id"`
		Type      string `json:"type"`
		Title     string `json:"title"`
		Synthetic bool   `json:"synthetic"`
		Fields    struct {
			InstitutionType   string `json:"institution_type"`
			Programs          int    `json:"programs"`
			InstitutionName   string `json:"institution_name"`
			InstitutionNameEN string `json:"institution_name_en"`
		} `json:"fields"`
	} `json:"hits"`
}

// formatCount writes n as the page does (toLocaleString: 1,234).
func formatCount(n uint64) string {
	digits := strconv.FormatUint(n, 10)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// searchJourney: type, pick a suggestion, see highlighted hits and their count, switch to a
// type tab, filter by a facet, page on, filter by distance, and see synthetic records marked.
func searchJourney(t *testing.T, p *page, svc *service) {
	p.open("/")
	p.waitText("h1", "搜索")
	p.checkA11y("the search page")

	// Several words: the last is completed after the others, as a user typing a place then a
	// skill expects (西安 软 suggested nothing), and what the words ask for (培训机构).
	p.do("type two words", chromedp.Click("#q"), chromedp.SendKeys("#q", "西安 软"))
	p.waitText("#suggestions [role=option]", "西安 软件测试")
	clear := func() {
		var done bool
		p.eval(`(() => { document.querySelector('#q').value = ''; return true })()`, &done)
	}
	clear()
	p.do("type an asking word begun", chromedp.SendKeys("#q", "培训机"))
	p.waitText("#suggestions [role=option]", "培训机构")
	clear()
	// Pinyin, as an input method shows it before a word is chosen, and initials.
	p.do("type pinyin", chromedp.SendKeys("#q", "xi'an jiao"))
	p.waitText("#suggestions [role=option]", "西安交通大学")
	clear()
	p.do("type initials", chromedp.SendKeys("#q", "rjcs"))
	p.waitText("#suggestions [role=option]", "软件测试")
	clear()
	// Searched as typed, pinyin that finds nothing searches the name it spells, and says so.
	p.open("/#/search?q=xajt")
	p.waitText("[data-notice=instead]", "西安交通大学")
	p.waitText(".hits a", "西安交通大学")
	p.open("/")
	p.waitText("h1", "搜索")

	// Suggestions as you type; Enter on the highlighted one searches it.
	p.do("type a prefix", chromedp.Click("#q"), chromedp.SendKeys("#q", "软件测"))
	p.waitText("#suggestions [role=option]", "软件测试")
	p.do("choose the suggestion", chromedp.KeyEvent(kb.ArrowDown))
	var chosen string
	p.eval(`document.querySelector('#suggestions [aria-selected=true]').dataset.value`, &chosen)
	p.do("search it", chromedp.KeyEvent(kb.Enter))
	p.waitJS("the results of the suggestion", `location.hash.includes('q=')`)

	var want searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {chosen}}, &want)
	if want.Total == 0 {
		t.Fatalf("the API finds nothing for %q", chosen)
	}
	p.waitText("#results-h", "共 "+formatCount(want.Total)+" 条结果")
	if n := p.count(".hit"); n != min(10, int(want.Total)) {
		p.fail("%d hits shown on the first page, want %d", n, min(10, int(want.Total)))
	}
	if got := p.texts(".hit-title"); got[0] != want.Hits[0].Title {
		p.fail("first hit %q, the API's first is %q", got[0], want.Hits[0].Title)
	}
	marks := p.texts(".snippet mark")
	if len(marks) == 0 {
		p.fail("no highlighted words in the snippets")
	}
	var other int
	p.eval(`document.querySelectorAll('.snippet *:not(mark)').length`, &other)
	if other != 0 {
		p.fail("snippets hold %d elements other than <mark>", other)
	}
	p.screenshot("search", "")

	// The 岗位 tab: jobs only.
	p.clickText(".tabs a", "岗位")
	p.waitJS("the job tab", `document.querySelector('.tab[data-type=job]').getAttribute('aria-selected') === 'true' && document.querySelectorAll('.hit').length > 0 && [...document.querySelectorAll('.hit')].every(h => h.dataset.type === 'job')`)

	// A facet value filters: every hit is then in 西安市.
	p.clickText(`.facet[data-facet=city] a`, "西安市")
	p.waitText(".active-filters", "西安市")
	p.waitJS("jobs in Xi'an only", `document.querySelectorAll('.hit').length > 0 && [...document.querySelectorAll('.hit-meta')].every(m => m.innerText.includes('西安市'))`)
	// Each job says the day it was posted.
	p.waitJS("posting days", `[...document.querySelectorAll('.hit-meta')].every(m => /发布于 \d{4}-\d{2}-\d{2}/.test(m.innerText))`)
	var inXian searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {chosen}, "type": {"job"}, "city": {"西安市"}}, &inXian)
	p.waitText("#results-h", "共 "+formatCount(inXian.Total)+" 条结果")
	p.checkA11y("search results filtered by city")

	// Next page.
	if inXian.Total > 10 {
		p.click("#next-page")
		p.waitText(".page-of", "第 2 /")
		if got := p.texts(".hit-title"); len(got) == 0 {
			p.fail("page 2 is empty")
		}
	}

	// Remove the filter again with its chip.
	p.clickText(".active-filters .chip", "西安市")
	p.waitJS("the filter to go", `!document.querySelector('.active-filters')`)

	// A job leads to itself on its enterprise's page: marked, in view, with the focus.
	var jobID string
	p.waitJS("the jobs", `document.body.dataset.ready === 'search' && !!document.querySelector('.hit[data-type=job]')`)
	p.eval(`document.querySelector('.hit[data-type=job]').dataset.id`, &jobID)
	p.clickLive(`.hit[data-id="` + jobID + `"] .hit-title a`)
	target := `.job.target[data-id="` + jobID + `"]`
	p.waitText(target, "搜索到的岗位")
	// The router focuses the job once the whole page has drawn (the partners come later).
	p.waitJS("the enterprise's page drawn", `document.body.dataset.ready === 'hr'`)
	var place struct {
		Focused      bool
		Top, Bottom  float64
		Height       float64
		Marked       int
		HashHasJobID bool
	}
	p.eval(`(() => { const e = document.querySelector(`+jsString(target)+`); const r = e.getBoundingClientRect();
		return {Focused: e.contains(document.activeElement), Top: r.top, Bottom: r.bottom, Height: innerHeight, Marked: document.querySelectorAll('.job.target').length,
			HashHasJobID: location.hash.includes(`+jsString(jobID)+`)} })()`, &place)
	if !place.Focused || place.Top < 0 || place.Bottom > place.Height || place.Marked != 1 || !place.HashHasJobID {
		p.fail("the job of the hit on its enterprise's page: %+v; want the one job marked, focused and in view", place)
	}
	p.checkA11y("a job found by search on its enterprise's page")
	p.do("back to the results", chromedp.NavigateBack())
	p.waitJS("the results", `document.querySelectorAll('.hit').length > 0`)

	// Distance: jobs within 30 km of 宝鸡市, each hit with its distance.
	p.open("/#/search?type=job")
	p.do("choose a city", chromedp.SetValue("#near", "宝鸡市"), chromedp.SetValue("#within", "30"), chromedp.Click("#distance-form button"))
	p.waitText(".active-filters", "宝鸡市 ≤ 30 km")
	// A job placed at 宝鸡's centre (it has no district) is in the city, not "about 0 km" away.
	var kms []int
	p.eval(`[...document.querySelectorAll('.hit-meta')].map(m => { if (/宝鸡市.*市区内/.test(m.innerText)) return 0; const x = m.innerText.match(/约 (\d+) 公里/); return x ? +x[1] : -1 })`, &kms)
	if len(kms) == 0 {
		p.fail("no jobs within 30 km of 宝鸡市")
	}
	for _, km := range kms {
		if km < 0 || km > 30 {
			p.fail("a hit shows distance %d km, want 0..30", km)
		}
	}
	if txt := p.text(".hits"); strings.Contains(txt, "约 0 公里") || !strings.Contains(txt, "市区内") {
		p.fail("the jobs at 宝鸡's centre read: %q", txt)
	}
	p.checkA11y("search results within a distance")

	// Language: candidates who have 日语N2.
	p.open("/#/search?type=candidate")
	// Suggestions among the tab's kind: what the candidates have, as the API counts them.
	var sg struct {
		Suggestions []struct {
			Text string `json:"text"`
		} `json:"suggestions"`
	}
	apiGet(t, svc.URL, "/api/v1/suggest", url.Values{"q": {"软件"}, "type": {"candidate"}, "limit": {"8"}}, &sg)
	if len(sg.Suggestions) == 0 {
		t.Fatal("no suggestion for 软件 among candidates")
	}
	p.do("type among candidates", chromedp.Click("#q"), chromedp.SendKeys("#q", "软件"))
	texts := make([]string, len(sg.Suggestions))
	for i, s := range sg.Suggestions {
		texts[i] = s.Text
	}
	p.waitJS("the candidates' suggestions", `[...document.querySelectorAll('#suggestions [role=option]')].map(o => o.dataset.value).join('|') === `+jsString(strings.Join(texts, "|")))
	p.do("choose a language", chromedp.SetValue("#language", "日语N2"), chromedp.Click("#language-form button"))
	p.waitText(".active-filters", "外语：日语N2")
	var n2 searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"type": {"candidate"}, "language": {"日语N2"}}, &n2)
	if n2.Total == 0 {
		t.Fatal("no candidate with 日语N2 in the default data set")
	}
	p.waitText("#results-h", "共 "+formatCount(n2.Total)+" 条结果")

	// Experience: job needs for someone with 3-5 years, and candidates who last graduated 3-5
	// years ago, as many as the API finds; the form is on both tabs.
	var java searchAnswer
	for _, kind := range []string{"job", "candidate"} {
		p.open("/#/search?type=" + kind + "&q=Java")
		p.do("choose experience", chromedp.SetValue("#experience", "3-5"), chromedp.Click("#experience-form button"))
		p.waitText(".active-filters", "工作经验（岗位、候选人）：3-5年")
		var exp, all searchAnswer
		apiGet(t, svc.URL, "/api/v1/search", url.Values{"type": {kind}, "q": {"Java"}, "experience": {"3-5"}}, &exp)
		apiGet(t, svc.URL, "/api/v1/search", url.Values{"type": {kind}, "q": {"Java"}}, &all)
		if exp.Total == 0 || exp.Total >= all.Total {
			t.Fatalf("Java %ss for 3-5 years: %d of %d; want some, not all", kind, exp.Total, all.Total)
		}
		p.waitText("#results-h", "共 "+formatCount(exp.Total)+" 条结果")
		if kind == "job" {
			p.waitText(".hit-meta", "经验")
			java = all
		} else {
			p.waitText(".hit-meta", "年毕业") // whence the years
		}
	}

	// Firms that seek Java, found through their job needs, each saying how many; a firm's
	// line names its city, not itself again.
	p.open("/#/search?type=enterprise&q=Java")
	p.waitText(".hit[data-type=enterprise] .hit-meta", "个岗位需求与之相关")
	var repeated bool
	p.eval(`[...document.querySelectorAll('.hit[data-type=enterprise]')].some(h => h.querySelector('.hit-meta').innerText.includes(h.querySelector('.hit-title').innerText.trim()))`, &repeated)
	if repeated {
		p.fail("an enterprise hit's line repeats its name")
	}

	// Salary: Java jobs that may pay 2万 a month or more, as many as the API finds, each
	// saying its salary.
	p.open("/#/search?type=job&q=Java")
	p.do("choose salary", chromedp.SetValue("#salary", "2万以上"), chromedp.Click("#salary-form button"))
	p.waitText(".active-filters", "月薪（岗位）：2万以上")
	var paid searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"type": {"job"}, "q": {"Java"}, "salary": {"2万以上"}}, &paid)
	if paid.Total == 0 || paid.Total >= java.Total {
		t.Fatalf("Java jobs paying 2万 or more: %d of %d; want some, not all", paid.Total, java.Total)
	}
	p.waitText("#results-h", "共 "+formatCount(paid.Total)+" 条结果")
	if hits, said := p.count(".results .hit"), p.count(".results .hit-meta"); hits == 0 || !strings.Contains(p.text(".results"), "薪资 ") || hits != said {
		p.fail("salary-filtered hits: %d, with meta %d; want each to say its 薪资", hits, said)
	}
	// Sorted by salary: the first hit is the API's best paid Java job.
	p.do("sort by salary", chromedp.SetValue("#sort", "salary"), chromedp.Click("#sort-form button"))
	p.waitJS("the salary order in the URL", `location.hash.includes('sort=salary')`)
	var best searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"type": {"job"}, "q": {"Java"}, "salary": {"2万以上"}, "sort": {"salary"}}, &best)
	if len(best.Hits) == 0 {
		t.Fatal("no Java job paying 2万 or more")
	}
	p.waitJS("the best paid first", `document.querySelector('.results .hit') && document.querySelector('.results .hit').dataset.id === '`+best.Hits[0].ID+`'`)

	// Markup in a record is shown as text, never run or rendered.
	const markup = `<img src=x onerror="document.body.dataset.pwned=1"><b>粗体</b>标记测试企业（示例）`
	res, err := svc.Store.Upsert(context.Background(), []xiaoqi.Doc{&xiaoqi.Enterprise{
		Meta: xiaoqi.Meta{Synthetic: true, Source: "synthetic"}, Name: markup, City: "西安市", Description: "<script>document.body.dataset.pwned=2</script>用于界面测试"}})
	if err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	if err := svc.Index.WaitFor(wctx, res[0].Seq); err != nil {
		t.Fatal(err)
	}
	p.open("/#/search?type=enterprise&q=" + url.QueryEscape("标记测试企业"))
	p.waitText(".hit-title", "<b>粗体</b>标记测试企业")
	var injected struct {
		Elements int
		Pwned    string
	}
	p.eval(`({Elements: document.querySelectorAll('main img, main b, main script').length, Pwned: document.body.dataset.pwned || ''})`, &injected)
	if injected.Elements != 0 || injected.Pwned != "" {
		p.fail("markup from a record became elements (%d) or ran (%q)", injected.Elements, injected.Pwned)
	}
	p.clickText(".hit-title a", "标记测试企业")
	p.waitText("h1", "<b>粗体</b>标记测试企业")
	p.eval(`({Elements: document.querySelectorAll('main img, main b, main script').length, Pwned: document.body.dataset.pwned || ''})`, &injected)
	if injected.Elements != 0 || injected.Pwned != "" {
		p.fail("markup on the enterprise page became elements (%d) or ran (%q)", injected.Elements, injected.Pwned)
	}

	// Synthetic records are marked 示例 synthetic, real ones are not.
	p.open("/#/search?type=enterprise&q=" + url.QueryEscape("软件技术"))
	p.waitJS("enterprise hits", `document.querySelectorAll('.hit').length > 0`)
	var ents searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"软件技术"}, "type": {"enterprise"}}, &ents)
	var marked []bool
	p.eval(`[...document.querySelectorAll('.hit')].map(h => !!h.querySelector('.badge.synthetic') && h.querySelector('.badge.synthetic').innerText === '示例 synthetic')`, &marked)
	if len(marked) != len(ents.Hits) {
		p.fail("%d hits shown, the API has %d", len(marked), len(ents.Hits))
	}
	synthetic := 0
	for i, h := range ents.Hits {
		if marked[i] != h.Synthetic {
			p.fail("hit %d (%s): marked synthetic %v, the record's synthetic is %v", i, h.Title, marked[i], h.Synthetic)
		}
		if h.Synthetic {
			synthetic++
		}
	}
	if synthetic == 0 {
		p.fail("no synthetic enterprise among the hits: the check above proves nothing")
	}

	// A relaxed search says which word nothing holds: no job mentions 区块链.
	p.open("/#/search?type=job&q=" + url.QueryEscape("区块链 延安"))
	p.waitText(".results [data-notice=relaxed]", "没有找到含「区块链」的结果")
	p.checkA11y("a relaxed search")
	// Words about who a person is are not searched, and the page says so: 外包 测试 女 said
	// that nothing holds 女, as if a search by it could find someone, and 35岁以下 Java listed
	// the programs whose texts say 以下 before every Java posting.
	p.open("/#/search?q=" + url.QueryEscape("35岁以下 Java"))
	p.waitText(".results [data-notice=ignored]", "「35岁以下」未作为搜索条件")
	if n := p.count(".results [data-notice=relaxed]"); n != 0 {
		p.fail("35岁以下 Java: %d notices of relaxed words: %q", n, p.text(".results [data-notice=relaxed]"))
	}
	if kind := p.text(".results .hit .kind"); !strings.Contains(kind, "岗位") {
		p.fail("35岁以下 Java: the first hit is a %q, want a job need", kind)
	}
	// Words found together only outside the place named: the notice says where they are not.
	p.open("/#/search?q=" + url.QueryEscape("呼叫中心 咸阳"))
	p.waitText(".results [data-notice=outside]", "「咸阳」没有同时包含其他词的结果")
	if n := p.count(".results [data-notice=relaxed]"); n != 0 {
		p.fail("呼叫中心 咸阳: %d notices of relaxed words beside the place's", n)
	}
	// The kind asked for is not in the place, though the words are (profiles of 宝鸡 say
	// 日语): the notice says so, and the programs of other cities come first.
	p.open("/#/search?q=" + url.QueryEscape("日语培训 宝鸡"))
	p.waitText(".results [data-notice=outside-kinds]", "「宝鸡」没有符合的专业与课程/院校")
	if kind := p.text(".results .hit .kind"); !strings.Contains(kind, "专业") && !strings.Contains(kind, "院校") && !strings.Contains(kind, "培训") {
		p.fail("日语培训 宝鸡: the first hit is a %q, want a program or a school", kind)
	}
	// No training institution in 杨凌: those of 咸阳, the city of its district, and the notice
	// names the city the results are from.
	p.open("/#/search?q=" + url.QueryEscape("杨凌 培训机构"))
	p.waitText(".results [data-notice=outside-nearby]", "「杨凌」没有符合的院校/专业与课程，以下是咸阳市的结果")
	// Words that no firm of a zone holds: those of its city, and the notice names the city.
	p.open("/#/search?q=" + url.QueryEscape("外包公司 高新区"))
	p.waitText(".results [data-notice=outside-near]", "「高新区」没有同时包含其他词的结果，以下是西安市的结果")
	if city := p.text(".results .hit .hit-meta"); !strings.Contains(city, "西安市") {
		p.fail("外包公司 高新区: the first hit is in %q, want 西安市", city)
	}
	// No training school teaches 日语: the notice says the results are other ones (the 日语
	// programs of 西安), and no other notice claims a word or place is missing.
	p.open("/#/search?q=" + url.QueryEscape("西安 培训机构 日语"))
	p.waitText(".results [data-notice=cue]", "没有找到符合其他搜索词的培训机构")
	if n := p.count(".results [data-notice=relaxed]") + p.count(".results [data-notice=outside]") + p.count(".results [data-notice=outside-kinds]"); n != 0 {
		p.fail("西安 培训机构 日语: %d other notices beside the cue's", n)
	}
	if kind, title := p.text(".results .hit .kind"), p.text(".results .hit h3"); !strings.Contains(kind, "专业") || !strings.Contains(title, "日语") {
		p.fail("西安 培训机构 日语: the first hit is a %q titled %q, want a 日语 program", kind, title)
	}
	// A question written as one phrase: no result holds it whole, but its words are found;
	// the notice does not claim that the results leave the question out.
	p.open("/#/search?q=" + url.QueryEscape("海归在西安开公司有补贴吗"))
	p.waitText(".results [data-notice=relaxed]", "没有同时包含所有词的结果；以下结果包含其中部分词")
	if txt := p.text(".results [data-notice=relaxed]"); strings.Contains(txt, "「") {
		p.fail("the notice of a question names a missing word: %q", txt)
	}

	// A refused search: the API's message once, without its detail repeating it.
	p.open("/#/search?q=x&near=" + url.QueryEscape("西安市") + "&within=abc")
	p.waitText(".results .notice.error", "应为公里数")
	box := p.text(".results .notice.error")
	if n := strings.Count(box, "应为公里数"); n != 1 || p.count(".results .notice.error li") != 0 {
		p.fail("the error box says the message %d times, with %d details: %q", n, p.count(".results .notice.error li"), box)
	}
	p.noConsoleErrors(regexp.MustCompile(`status of 400`))
}

// nearPlaceJourney: a place of the address that is none of the ten cities (a district) is
// the chosen place of the distance form, so a new radius keeps it and its order (the select
// showed 不限, and submitting dropped near and sort=distance).
func nearPlaceJourney(t *testing.T, p *page, svc *service) {
	p.open("/#/search?q=" + url.QueryEscape("软件测试") + "&type=job&near=" + url.QueryEscape("雁塔区") + "&within=10&sort=distance")
	p.waitText(".active-filters", "雁塔区 ≤ 10 km")
	var chosen struct{ Value, Label string }
	p.eval(`(() => { const o = document.querySelector('#near').selectedOptions[0]; return { value: o.value, label: o.textContent } })()`, &chosen)
	if chosen.Value != "雁塔区" || chosen.Label != "雁塔区" {
		p.fail("the distance form shows %+v, want 雁塔区 chosen", chosen)
	}
	p.do("a radius of 20 km", chromedp.SetValue("#within", "20"), chromedp.Click("#distance-form button"))
	p.waitText(".active-filters", "雁塔区 ≤ 20 km")
	var hash string
	p.eval(`decodeURIComponent(location.hash)`, &hash)
	if !strings.Contains(hash, "near=雁塔区") || !strings.Contains(hash, "within=20") || !strings.Contains(hash, "sort=distance") {
		p.fail("after a new radius the address is %q, want near=雁塔区, within=20 and sort=distance", hash)
	}
	p.noConsoleErrors()
}

// addressFiltersJourney: the API's filters the page has no control for, in an address (a link
// shared, a bookmark), are applied and shown as chips to remove, in both languages:
// #/search?type=job&district=高新区 showed every district's jobs without a word.
func addressFiltersJourney(t *testing.T, p *page, svc *service) {
	var zone, real, all searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"type": {"job"}, "district": {"高新区"}}, &zone)
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"type": {"job"}, "district": {"雁塔区"}, "synthetic": {"false"}}, &real)
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"type": {"job"}}, &all)
	if zone.Total == 0 || zone.Total >= all.Total || real.Total == 0 {
		t.Fatalf("jobs: %d in all, %d in 高新区, %d real ones in 雁塔区; want some, not all", all.Total, zone.Total, real.Total)
	}
	p.open("/#/search?type=job&district=" + url.QueryEscape("高新区"))
	p.waitText("#results-h", "共 "+formatCount(zone.Total)+" 条结果")
	p.clickText(".active-filters .chip", "区县：高新区")
	p.waitText("#results-h", "共 "+formatCount(all.Total)+" 条结果")
	var hash string
	p.eval(`location.hash`, &hash)
	if strings.Contains(hash, "district") {
		p.fail("the district's chip removed, the address keeps it: %s", hash)
	}

	p.switchLang()
	p.waitText("nav", "Search")
	p.open("/#/search?type=job&district=" + url.QueryEscape("雁塔区") + "&synthetic=false")
	p.waitText("#results-h", formatCount(real.Total)+" results")
	chips := p.texts(".active-filters .chip")
	if !slices.Contains(chips, "District: Yanta District ×") || !slices.Contains(chips, "Synthetic data: left out ×") {
		p.fail("the filters of the address show as %q", chips)
	}
	// An experience the form does not offer, which the API takes, reads as a job's line
	// does: the chip said experience.3年以上, a key of the page's texts.
	p.switchLang()
	p.waitText("nav", "搜索")
	p.open("/#/search?type=job&experience=" + url.QueryEscape("3年以上"))
	p.waitText(".active-filters .chip", "3年以上经验")
	if chips := strings.Join(p.texts(".active-filters .chip"), " "); strings.Contains(chips, "experience.") {
		p.fail("the experience of the address shows as %q", chips)
	}
	// A city the address writes in English is named as the page names it: 城市：Xian.
	p.open("/#/search?type=job&city=Xian&near=Xian&within=30")
	p.waitText(".active-filters", "城市：西安")
	if chips := strings.Join(p.texts(".active-filters .chip"), " "); strings.Contains(chips, "Xian") || !strings.Contains(chips, "距离：西安") {
		p.fail("the English city of the address shows as %q", chips)
	}
	p.noConsoleErrors()
}
