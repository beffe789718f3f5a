package e2e_test

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// returneeEnglishJourney: a returned student who reads English better than Chinese follows a
// link with a sector or city the explorer does not know, reads the dossier of a small city
// whose partner schools are in 西安, and searches for the policy on returnees.
func returneeEnglishJourney(t *testing.T, p *page, svc *service) {
	p.open("/#/explore")
	p.switchLang()
	p.waitText("nav", "Search")

	// An unknown sector and a city outside Shaanxi: the page says what it shows instead of
	// showing 西安's software dossier without a word.
	p.open("/#/explore?sector=bogus&city=" + url.QueryEscape("北京市"))
	p.waitText("#dossier-h", "Xi'an · Software development and testing")
	note := p.waitText("[data-note=params]", "There is no sector “bogus”: showing Software development and testing.")
	if !strings.Contains(note, "“北京市” is not one of the ten cities of Shaanxi nor a new area (Yangling, Xixian): showing Xi'an.") {
		p.fail("the note on a city outside Shaanxi reads %q", note)
	}
	// A city named as the API takes it, in Chinese or in English in any spelling, is that
	// city, without a note: Xian and Yanan showed Xi'an, "not one of the ten cities". The two
	// new areas the API answers for, with their dossier's figures.
	for _, c := range []struct{ name, city string }{
		{"Baoji", "Baoji"}, {"宝鸡", "Baoji"}, {"Xian", "Xi'an"}, {"Yanan", "Yan'an"}, {"yan-an", "Yan'an"},
		{"Yangling", "Yangling Demonstration Zone"}, {"杨凌", "Yangling Demonstration Zone"}, {"西咸", "Xixian New Area"},
	} {
		p.open("/#/explore?sector=software&city=" + url.QueryEscape(c.name))
		p.waitText("#dossier-h", c.city+" · Software development and testing")
		if n := p.count("[data-note=params]"); n != 0 {
			p.fail("city=%s: a note on a wrong parameter: %q", c.name, p.text("[data-note=params]"))
		}
	}
	var yl dossier
	apiGet(t, svc.URL, "/api/v1/insights/startup", url.Values{"sector": {"software"}, "city": {"Yangling"}}, &yl)
	p.open("/#/explore?sector=software&city=Yangling")
	p.waitText("#dossier-h", "Yangling Demonstration Zone")
	if got := p.text(`[data-figure=headcount]`); got != strconv.Itoa(yl.OpenHeadcount) {
		p.fail("Yangling software shows %s open positions, the API %d", got, yl.OpenHeadcount)
	}
	// A new area is called so, not a city: it showed "Graduates a year in the city".
	p.waitText(".figures dt", "Graduates a year in the area (estimate)")
	if dl := p.text(".figures"); strings.Contains(dl, "in the city") {
		p.fail("Yangling's figures call it a city: %q", dl)
	}
	var offered []string
	p.eval(`[...document.querySelectorAll('#city option')].map((o) => o.value)`, &offered)
	if !slices.Contains(offered, "杨凌示范区") || !slices.Contains(offered, "西咸新区") || len(offered) != 12 {
		p.fail("the explorer offers %q, want the ten cities, 杨凌示范区 and 西咸新区", offered)
	}

	// Districts in English too, by their pinyin: a hit card showed "Xi'an · 雁塔区".
	p.open("/#/search?type=job&q=" + url.QueryEscape("雁塔区"))
	p.waitJS("the hits", `document.querySelectorAll('.hit-meta').length > 0`)
	metas := p.texts(".hit-meta")
	if !slices.ContainsFunc(metas, func(m string) bool { return strings.HasPrefix(m, "Xi'an · Yanta District") }) ||
		slices.ContainsFunc(metas, func(m string) bool { return strings.Contains(m, "雁塔区") }) {
		p.fail("hits of 雁塔区 in English read %q, want their place as Xi'an · Yanta District", metas)
	}

	// On the map, no city's name covers another's, nor another city's dot, whichever city is
	// chosen (its name then bold and marked ▶): "▶ Xianyang" covered "Xi'an". The cities of
	// 关中 close together (each page asks for ten dossiers: not all ten, under the rate limit).
	overlaps := `(() => { const r = (e) => e.getBoundingClientRect();
		const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
		const cities = [...document.querySelectorAll('svg.shaanxi a.city')].map((a) => ({ city: a.dataset.city, label: r(a.querySelector('.city-label')), dot: r(a.querySelector('circle')) }));
		const out = [];
		for (const a of cities) for (const b of cities) {
			if (a === b) continue;
			if (a.city < b.city && hit(a.label, b.label)) out.push(a.city + ' name / ' + b.city + ' name');
			if (hit(a.label, b.dot)) out.push(a.city + ' name / ' + b.city + ' dot');
		}
		return out })()`
	for _, c := range []string{"咸阳市", "西安市", "铜川市", "渭南市"} {
		p.open("/#/explore?city=" + url.QueryEscape(c))
		p.waitJS("the map", `document.querySelectorAll('svg.shaanxi a.city').length === 10`)
		var over []string
		p.eval(overlaps, &over)
		if len(over) > 0 {
			p.fail("%s chosen, on the map: %q", c, over)
		}
	}

	// A city picked on the map keeps the focus, the map in view, rather than the page going
	// back to its top (the h1).
	var asked int
	count := `performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/insights/startup')).length`
	p.eval(count, &asked)
	p.click(`svg.shaanxi a.city[data-city="渭南市"]`)
	p.waitText("#dossier-h", "Weinan · Software development and testing")
	// The same sector's ten dossiers, not asked for again.
	var again int
	p.eval(count, &again)
	if again != asked {
		p.fail("picking a city asked for %d dossiers again", again-asked)
	}
	p.waitJS("the focus on 渭南 on the map", `document.activeElement && document.activeElement.dataset.city === '渭南市' && document.activeElement.getAttribute('aria-current') === 'true'`)

	// 铜川's partner schools are of 关中, most in 西安: each of another city says which.
	var d struct {
		PartnerSchools []struct {
			ID     string `json:"id"`
			Name   string `json:"name"`
			NameEN string `json:"name_en"`
			City   string `json:"city"`
		} `json:"partner_schools"`
	}
	apiGet(t, svc.URL, "/api/v1/insights/startup", url.Values{"sector": {"energy"}, "city": {"铜川市"}}, &d)
	elsewhere := 0
	for _, s := range d.PartnerSchools {
		if s.City != "" && s.City != "铜川市" {
			elsewhere++
		}
	}
	if elsewhere == 0 {
		t.Fatalf("铜川市 energy: no partner school outside 铜川 (%+v); the journey needs one", d.PartnerSchools)
	}
	p.open("/#/explore?sector=energy&city=" + url.QueryEscape("铜川市"))
	p.waitText("#dossier-h", "Tongchuan · Energy")
	var rows []string
	p.eval(`[...document.querySelectorAll('.dossier .two-col > div:last-child li')].map((li) => li.innerText)`, &rows)
	if len(rows) != len(d.PartnerSchools) {
		p.fail("%d partner schools shown, the dossier has %d", len(rows), len(d.PartnerSchools))
	}
	for i, s := range d.PartnerSchools {
		if s.City == "" || s.City == "铜川市" {
			if strings.Contains(rows[i], " · ") {
				p.fail("a school of 铜川 itself names a city: %q", rows[i])
			}
			continue
		}
		name := s.Name
		if s.NameEN != "" {
			name = s.NameEN + " (" + s.Name + ")" // the English name the school writes
		}
		if s.City == "西安市" && !strings.Contains(rows[i], name+" · Xi'an") {
			p.fail("the partner school %s of 西安 does not say so: %q", s.Name, rows[i])
		}
		if !strings.Contains(rows[i], " · ") {
			p.fail("the partner school %s of %s does not say its city: %q", s.Name, s.City, rows[i])
		}
	}

	// Each policy item the dossier quotes links to the item whole.
	// In English each is named by its English heading (it was Item (12) and the Chinese).
	p.clickText(".policy[data-item='12'] figcaption a", "Item (12) Do more to train and attract talent")
	p.waitText("h1", "（十二）加大人才培育和引进力度")
	p.waitText("main", "Do more to train and attract talent")
	p.waitText(".policy-text-en", "encourage overseas students to found service outsourcing enterprises in Shaanxi")
	// A number the policy lacks is a page not found, saying which.
	p.open("/#/policy/99")
	p.waitText("h1", "There is no such record.")
	if msg := p.waitText("main [data-notfound]", "The policy has no item (99)."); hanChar.MatchString(msg) {
		p.fail("a policy item that does not exist, in English: %q", msg)
	}

	// The jobs of a firm already there: their salaries in figures an English reader reads,
	// not as the postings wrote them (17-34万/年).
	var ents searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"三星（中国）半导体有限公司"}, "type": {"enterprise"}}, &ents)
	if len(ents.Hits) == 0 {
		t.Fatal("the default data set has no 三星（中国）半导体有限公司")
	}
	p.open("/#/hr/" + ents.Hits[0].ID)
	// Its postings pay by the year, and say so (they read CNY 14,167–28,333 a month before
	// salaryText read the period; this step still waited for "a month").
	p.waitText(".job .muted", "CNY 170,000–340,000 a year")
	for _, meta := range p.texts(".job .muted") {
		if strings.ContainsAny(meta, "万千薪") {
			p.fail("a job's salary in English as the posting wrote it: %q", meta)
		}
	}

	// The search for the policy on returnees: the items found have their English gloss, as on
	// the policy page, and the candidates' titles say degree and city in English.
	// The box suggests English searches, which find the Chinese documents.
	p.open("/#/search")
	var placeholder string
	p.eval(`document.querySelector('#q').placeholder`, &placeholder)
	if hanChar.MatchString(placeholder) {
		p.fail("the English search box suggests Chinese searches: %q", placeholder)
	}
	p.open("/#/search?q=" + url.QueryEscape("returnee startup subsidy"))
	p.waitJS("the hits", `document.querySelectorAll('.hit').length > 0`)
	item := p.waitText(`.hit[data-type=policy] .hit-title`, "加大人才培育和引进力度")
	if !strings.Contains(item, "Do more to train and attract talent") {
		p.fail("item (12) found without its English gloss: %q", item)
	}
	// Words of the English translation, searched for, show a passage of it with the words
	// marked, said to be the unofficial translation; before, the Chinese text with 人才 marked.
	p.open("/#/search?type=policy&q=" + url.QueryEscape("attract talent"))
	snip := p.waitText(`.hit[data-type=policy] .snippet[lang=en]`, "Unofficial translation")
	var marked []string
	p.eval(`[...document.querySelectorAll('.hit[data-type=policy] .snippet[lang=en] mark')].map(m => m.textContent)`, &marked)
	if !strings.Contains(snip, "train and attract talent") || !slices.Contains(marked, "attract") || !slices.Contains(marked, "talent") {
		p.fail("item (12) found by attract talent: snippet %q, marked %q", snip, marked)
	}
	p.open("/#/search?q=" + url.QueryEscape("returnee startup subsidy"))
	p.waitJS("the hits", `document.querySelectorAll('.hit').length > 0`)
	titles := p.texts(".hit[data-type=candidate] .hit-title")
	if len(titles) == 0 {
		p.fail("the search for returnees finds no candidate")
	}
	chineseValue := regexp.MustCompile(`· (本科|硕士|博士|大专) ·|· \p{Han}+市$`)
	for _, title := range titles {
		if chineseValue.MatchString(title) {
			p.fail("a candidate's title in English keeps the Chinese degree or city: %q", title)
		}
	}
	p.noConsoleErrors()
}
