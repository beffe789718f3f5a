package e2e_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// schoolsEnglishJourney: a returned student reads the English UI and types the English names
// the schools themselves use. Xidian University found nothing, Xi'an Jiao suggested nothing,
// and every school was named in Chinese only: in the hits, on its page, among an
// enterprise's partner suggestions and a city's partner schools.
func schoolsEnglishJourney(t *testing.T, p *page, svc *service, a actors) {
	p.open("/#/search")
	p.switchLang()
	p.waitText("nav", "Search")

	// Typed and suggested: Xi'an Jiao completes to the school's English name.
	p.do("type the beginning of a school's English name", chromedp.Click("#q"), chromedp.SendKeys("#q", "Xi'an Jiao"))
	p.waitText("#suggestions [role=option]", "Xi'an Jiaotong University")

	// Searched: the school first, named in English with its Chinese name beside.
	p.open("/#/search?type=institution&q=" + url.QueryEscape("Xidian University"))
	first := p.waitText(".hit[data-type=institution] .hit-title", "Xidian University (西安电子科技大学)")
	if !strings.HasPrefix(first, "Xidian University (西安电子科技大学)") {
		p.fail("the first school found for Xidian University: %q", first)
	}
	if p.count("[data-notice=relaxed]") > 0 {
		p.fail("Xidian University was relaxed")
	}
	p.screenshot("search-en-schools", "")

	// Its page says its English name.
	p.click(".hit[data-type=institution] .hit-title a")
	p.waitText("h1", "Xidian University (西安电子科技大学)")

	// Its programs name it in English too.
	p.open("/#/search?type=program&q=" + url.QueryEscape("Xidian University"))
	p.waitText(".hit[data-type=program] .hit-meta", "Xidian University (西安电子科技大学)")

	// A school whose English name is not known for sure keeps its Chinese name alone.
	p.open("/#/search?type=institution&q=" + url.QueryEscape("陕西能源职业技术学院"))
	if got := p.waitText(".hit[data-type=institution] .hit-title", "陕西能源职业技术学院"); strings.Contains(got, "(") {
		p.fail("a school without an English name is given one: %q", got)
	}

	// The enterprise's partner suggestions name the schools in English where known.
	var partners struct {
		Data []struct {
			Institution struct {
				Name   string `json:"name"`
				NameEN string `json:"name_en"`
			} `json:"institution"`
		} `json:"data"`
	}
	apiGet(t, svc.URL, "/api/v1/enterprises/"+a.enterpriseID+"/partners", url.Values{"limit": {"5"}}, &partners)
	p.open("/#/hr/" + a.enterpriseID)
	p.waitJS("the partner suggestions", `document.querySelectorAll('.match h3 a').length > 0`)
	names := p.texts(".match h3 a")
	english := 0
	for i, m := range partners.Data {
		if i >= len(names) {
			break
		}
		want := m.Institution.Name
		if m.Institution.NameEN != "" {
			want, english = m.Institution.NameEN+" ("+m.Institution.Name+")", english+1
		}
		if names[i] != want {
			p.fail("partner suggestion %d reads %q, want %q", i+1, names[i], want)
		}
	}
	if english == 0 {
		t.Fatalf("no partner suggestion of %s has an English name (%+v); the journey needs one", a.enterpriseName, partners.Data)
	}

	// The returnee's dossier of 西安: its partner schools in English.
	p.open("/#/explore?sector=software&city=" + url.QueryEscape("西安市"))
	p.waitText("#dossier-h", "Xi'an · Software development and testing")
	p.waitText(".dossier", "University (")

	// Words found together only outside the place named: the notice names it in English.
	p.open("/#/search?q=" + url.QueryEscape("call centre Xianyang"))
	p.waitText(".results [data-notice=outside]", "Nothing in Xianyang holds the other words")
	p.open("/#/search?q=" + url.QueryEscape("animation companies Hanzhong"))
	p.waitText(".results [data-notice=outside-kinds]", "No firms in Hanzhong match")
	// A district too, named in English.
	p.open("/#/search?q=" + url.QueryEscape("Python training Yanta District"))
	p.waitText(".results [data-notice=outside-kinds]", "in Yanta District match")
	// A zone's city, the results' place, named in English.
	p.open("/#/search?q=" + url.QueryEscape("training institutions in Yangling"))
	p.waitText(".results [data-notice=outside-nearby]", "these results are from Xianyang")
	p.open("/#/search?q=" + url.QueryEscape("animation companies Yanta District"))
	p.waitText(".results [data-notice=outside-near]", "Nothing in Yanta District holds the other words; these results are from Xi'an")
	// The directory in English: the schools by their English names, the count said so.
	p.open("/#/institution")
	p.waitText(".dir-total", "institutions and training institutions, by city")
	p.waitText(".directory[data-city='西安市'] h2", "Xi'an")
	p.waitText(".directory [data-kind=university] h3", "Universities and colleges")
	p.waitText(".directory a", "Xidian University (西安电子科技大学)")
	// A cue no document with the other words answers, named in English.
	p.open("/#/search?q=" + url.QueryEscape("西安 培训机构 日语"))
	p.waitText(".results [data-notice=cue]", "No training institutions match the other words")
	p.noConsoleErrors()
}

// directoryEnglishJourney: the English institution directory lists each city's schools in one
// order, by the pinyin of their Chinese names, as README says: it listed those with no English
// name first and then the English names A–Z, so that Chang'an University (长安大学) stood some
// 30 rows from 长安大学兴华学院, its own college.
func directoryEnglishJourney(t *testing.T, p *page, svc *service) {
	p.open("/#/explore")
	p.switchLang()
	p.waitText("nav", "Search")
	p.open("/#/institution")
	const xian = `.directory[data-city="西安市"] [data-kind=university] li a`
	p.waitJS("the directory", `document.querySelectorAll('`+xian+`').length > 20`)
	// The Chinese name of each row: in brackets after an English one, else the row itself;
	// those not in pinyin order (长, 重, 厦 are sorted as the name reads them, which the
	// collator does not know).
	var got struct{ Names, Wrong []string }
	p.eval(`(() => { const c = new Intl.Collator('zh-Hans-CN'), out = [];
		const names = [...document.querySelectorAll('`+xian+`')].map((a) => { const m = /\(([^()]*\p{Script=Han}[^()]*)\)$/u.exec(a.textContent); return m ? m[1] : a.textContent; });
		const han = names.filter((n) => !/^[长重厦]/.test(n));
		for (let i = 1; i < han.length; i++) if (c.compare(han[i - 1], han[i]) > 0) out.push(han[i - 1] + ' > ' + han[i]);
		return { Names: names, Wrong: out.slice(0, 5) } })()`, &got)
	names := got.Names
	if len(got.Wrong) > 0 {
		p.fail("the English directory of 西安市's universities is not in pinyin order: %q", got.Wrong)
	}
	at := map[string]int{}
	for i, n := range names {
		at[n] = i
	}
	a, okA := at["长安大学"]
	b, okB := at["长安大学兴华学院"]
	if !okA || !okB || b-a != 1 {
		p.fail("长安大学 is row %d (%v) and 长安大学兴华学院 row %d (%v) of %d: want them one after the other", a, okA, b, okB, len(names))
	}
	if !strings.Contains(p.text(xian), "Chang'an University (长安大学)") {
		p.fail("the English directory does not name Chang'an University (长安大学)")
	}
	p.noConsoleErrors()
}
