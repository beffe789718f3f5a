package e2e_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

type programDoc struct {
	ID                 string   `json:"id"`
	Name               string   `json:"name"`
	MajorCode          string   `json:"major_code"`
	Degree             string   `json:"degree"`
	GraduatesPerYear   int      `json:"graduates_per_year"`
	GraduatesEstimated bool     `json:"graduates_estimated"`
	Skills             []string `json:"skills"`
}

// programsJourney: staff of a university add a program on their institution's page, find it
// again with the filter among its dozens, edit its graduates (an error names the field),
// and remove it, each step checked against the API; another institution's page offers none
// of it.
func programsJourney(t *testing.T, p *page, svc *service, a actors) {
	programs := func() []programDoc {
		var l listAnswer[programDoc]
		apiGet(t, svc.URL, "/api/v1/programs", url.Values{"institution_id": {a.institutionID}, "limit": {"1000"}}, &l)
		return l.Data
	}
	before := len(programs())
	if before <= 10 {
		t.Fatalf("%s has %d programs: want more than 10 for the filter", a.institutionName, before)
	}
	p.signIn("staff-ui")
	p.open("/#/institution/" + a.institutionID)
	p.waitText("#programs-h", "开设专业（"+strconv.Itoa(before)+"）")
	p.waitText("#program-form-h", "添加专业")
	p.checkA11y("the programs with the form")

	// A program of a major code and degree the school has already is that program to the
	// API, which would overwrite it: the form says so, naming the field, and sends nothing.
	var taken programDoc
	for _, x := range programs() {
		if x.MajorCode != "" && x.Degree == "本科" {
			taken = x
			break
		}
	}
	const name = "服务外包测试工程"
	p.do("fill the form", chromedp.SetValue("#prog-name", name+"（中外合作办学）"), chromedp.SetValue("#prog-code", taken.MajorCode),
		chromedp.SetValue("#prog-grads", "45"))
	p.click("#program-form button[type=submit]")
	p.waitText("#program-form .notice.error", "专业代码：本校已有「"+taken.Name+"」（"+taken.MajorCode+"，本科）")
	var still programDoc
	if apiGet(t, svc.URL, "/api/v1/programs/"+taken.ID, nil, &still); still.Name != taken.Name || still.GraduatesPerYear != taken.GraduatesPerYear {
		t.Fatalf("%s was overwritten: %+v", taken.Name, still)
	}

	// A major a gap of its region suggests, which the school does not offer yet.
	var gaps struct {
		Gaps []struct {
			Skill  string
			Majors []struct{ Code, Name string }
		}
	}
	apiGet(t, svc.URL, "/api/v1/insights/gaps", url.Values{"region": {"关中"}, "limit": {"5"}}, &gaps)
	offers := map[string]bool{}
	for _, x := range programs() {
		offers[x.MajorCode] = true
	}
	gapSkill, code := "", ""
	for _, g := range gaps.Gaps {
		for _, m := range g.Majors {
			if code == "" && !offers[m.Code] {
				gapSkill, code = g.Skill, m.Code
			}
		}
	}
	if code == "" {
		t.Fatalf("no major to add among the gaps of 关中: %+v", gaps.Gaps)
	}
	p.do("fill the form", chromedp.SetValue("#prog-name", name), chromedp.SetValue("#prog-code", code), chromedp.SetValue("#prog-grads", "45"),
		chromedp.SetValue("#prog-skills", "Java、软件测试"))
	p.click("#program-form button[type=submit]")
	p.waitText(".programs .notice.ok", "已添加「"+name+"」")
	p.waitText("#programs-h", "开设专业（"+strconv.Itoa(before+1)+"）")
	// The gap that suggested the major now says the school offers it, without a reload.
	gapOffered := fmt.Sprintf(".gap-list li[data-skill=%q] .offered", gapSkill)
	p.waitText(gapOffered, "本校已开设其中的 "+code)
	var added *programDoc
	for _, x := range programs() {
		if x.Name == name {
			added = &x
		}
	}
	if added == nil || added.Degree != "本科" || added.MajorCode != code || added.GraduatesPerYear != 45 || strings.Join(added.Skills, ",") != "Java,软件测试" {
		t.Fatalf("the program added: %+v, want 本科 %s, 45 graduates, Java and 软件测试", added, code)
	}

	// Among dozens of programs the filter finds it, and says how many it shows.
	p.do("filter", chromedp.SendKeys("#programs-filter", "测试工程"))
	p.waitText("#programs-filter-count", "显示 1 个专业（共 "+strconv.Itoa(before+1)+" 个）")
	if n := p.count(".programs-list li:not([hidden])"); n != 1 {
		p.fail("programs shown for 测试工程: %d, want 1", n)
	}
	item := fmt.Sprintf(".programs-list li[data-program=%q]", added.ID)

	// Edit: a figure out of range is refused by the API, which names the field; a good one is
	// saved and is no longer an estimate.
	p.click(item + " [data-action=edit-program]")
	p.waitText("#program-form-h", "编辑「"+name+"」")
	p.do("graduates", chromedp.SetValue("#prog-grads", "999999"))
	p.click("#program-form button[type=submit]")
	// Said by the form's name of the field, which is marked and focused.
	if msg := p.waitText("#program-form .notice.error", "年毕业生人数"); strings.Contains(msg, "graduates_per_year") {
		p.fail("the error names the API's field: %q", msg)
	}
	p.waitJS("the field marked and focused", `document.activeElement && document.activeElement.id === 'prog-grads' && document.activeElement.getAttribute('aria-invalid') === 'true'`)
	p.do("graduates", chromedp.SetValue("#prog-grads", "60"))
	p.click("#program-form button[type=submit]")
	p.waitText(".programs .notice.ok", "已保存「"+name+"」")
	// Drawn again after the save, the list stays filtered: the program edited is in view.
	p.waitText("#programs-filter-count", "显示 1 个专业")
	var edited programDoc
	apiGet(t, svc.URL, "/api/v1/programs/"+added.ID, nil, &edited)
	if edited.GraduatesPerYear != 60 || edited.GraduatesEstimated || edited.Name != name {
		t.Errorf("the program edited: %+v, want 60 graduates, not estimated", edited)
	}
	p.waitText(item+" .muted", "年毕业生约 60 人")

	// Remove, after a confirmation.
	p.click(item + " [data-action=remove-program]")
	p.waitText(item+" .confirm", "删除专业「"+name+"」？")
	p.click(item + " [data-action=remove-program-confirm]")
	p.waitText(".programs .notice.ok", "已删除「"+name+"」")
	p.waitText("#programs-h", "开设专业（"+strconv.Itoa(before)+"）")
	// The gap no longer says the school offers the major removed.
	p.waitJS("the gap drawn again", `!`+fmt.Sprintf("(document.querySelector(%s) || {textContent: ''}).textContent.includes(%s)", jsString(gapOffered), jsString(code)))
	resp, err := http.Get(svc.URL + "/api/v1/programs/" + added.ID)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("the removed program: GET %s, want 404", resp.Status)
	}

	// Another institution's page: its programs, and nothing to change them with.
	var other searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"西安交通大学"}, "type": {"institution"}}, &other)
	if len(other.Hits) == 0 || other.Hits[0].ID == a.institutionID {
		t.Fatal("no other institution to look at")
	}
	p.open("/#/institution/" + other.Hits[0].ID)
	p.waitJS("its programs", `document.querySelectorAll('.programs-list li').length > 0`)
	if n := p.count("#program-form, [data-action=edit-program], [data-action=remove-program]"); n != 0 {
		p.fail("another institution's page offers %d ways to change its programs", n)
	}
	p.noConsoleErrors(regexp.MustCompile(`status of 400`)) // the graduates out of range
}

// programFilterJourney: the programs' filter marks the skills it found on each card, also
// those past the ten a card names (a program was shown for a skill it did not show).
func programFilterJourney(t *testing.T, p *page, svc *service, a actors) {
	p.open("/#/institution/" + a.institutionID)
	p.waitJS("the programs' filter", `!!document.querySelector('#programs-filter')`)
	// A program with more than ten skills, filtered by one past the tenth.
	var progs listAnswer[programDoc]
	apiGet(t, svc.URL, "/api/v1/programs", url.Values{"institution_id": {a.institutionID}, "limit": {"1000"}}, &progs)
	var prog programDoc
	skill := ""
	for _, x := range progs.Data {
		if len(x.Skills) <= 10 {
			continue
		}
	next:
		for _, s := range x.Skills[10:] {
			low := strings.ToLower(s)
			for _, seen := range append([]string{x.Name}, x.Skills[:10]...) {
				if strings.Contains(strings.ToLower(seen), low) {
					continue next
				}
			}
			prog, skill = x, s
			break
		}
		if skill != "" {
			break
		}
	}
	if skill == "" {
		t.Fatalf("no program of %s has a skill past its tenth that its name and first ten do not hold", a.institutionName)
	}
	p.do("filter by the skill", chromedp.SendKeys("#programs-filter", skill))
	card := `.programs-list li[data-program="` + prog.ID + `"]`
	p.waitJS("the program shown", `!document.querySelector(`+jsString(card)+`).hidden`)
	p.waitText(card+" .skills mark", skill)
	var unexplained []string
	p.eval(`[...document.querySelectorAll('.programs-list li:not([hidden])')].filter((li) => !li.querySelector('.skills mark') &&
		!li.querySelector('h3').innerText.toLowerCase().includes(`+jsString(strings.ToLower(skill))+`) && !li.querySelector('.muted').innerText.toLowerCase().includes(`+jsString(strings.ToLower(skill))+`)).map((li) => li.querySelector('h3').innerText)`, &unexplained)
	if len(unexplained) > 0 {
		p.fail("programs shown for %q without saying why: %q", skill, unexplained)
	}
	p.checkA11y("the programs filtered by a skill")
	p.noConsoleErrors()
}

// programEditJourney: an edit to the major code and degree of another program of the school
// is said before it is sent, naming 专业代码 and that program, the field marked and focused
// (the API's 409 was shown with its ids, no field marked); in English the form's title names
// the major as its card does (it read "Edit 汉语言").
func programEditJourney(t *testing.T, p *page, svc *service, a actors) {
	var l listAnswer[programDoc]
	apiGet(t, svc.URL, "/api/v1/programs", url.Values{"institution_id": {a.institutionID}, "limit": {"1000"}}, &l)
	var edit, other *programDoc
	for i, x := range l.Data {
		if x.MajorCode == "" || x.Degree != "本科" {
			continue
		}
		if edit == nil {
			edit = &l.Data[i]
		} else if x.MajorCode != edit.MajorCode {
			other = &l.Data[i]
			break
		}
	}
	if other == nil {
		t.Fatalf("%s has no two 本科 programs of different codes", a.institutionName)
	}
	item := fmt.Sprintf(".programs-list li[data-program=%q]", edit.ID)
	p.signIn("staff-ui")
	p.open("/#/institution/" + a.institutionID)
	p.click(item + " [data-action=edit-program]")
	p.waitText("#program-form-h", "编辑「"+edit.Name+"」")
	p.do("another program's code", chromedp.SetValue("#prog-code", other.MajorCode))
	p.click("#program-form button[type=submit]")
	p.waitText("#program-form .notice.error", "专业代码：本校已有「"+other.Name+"」（"+other.MajorCode+"，本科）")
	p.waitJS("the code marked and focused", `document.activeElement && document.activeElement.id === 'prog-code' && document.activeElement.getAttribute('aria-invalid') === 'true'`)
	var still programDoc
	if apiGet(t, svc.URL, "/api/v1/programs/"+edit.ID, nil, &still); still.MajorCode != edit.MajorCode {
		t.Fatalf("%s was changed: %+v", edit.Name, still)
	}

	// In English: the title names the major by the English name its card shows.
	p.switchLang()
	p.waitText("#programs-h", "Programs")
	var title string
	p.clickLive(item + " [data-action=edit-program]")
	p.waitJS("the edit form", `!!document.querySelector('#program-form-h') && document.querySelector('#program-form-h').innerText.startsWith('Edit ')`)
	p.eval(`document.querySelector('#program-form-h').innerText`, &title)
	var shown string
	p.eval(`(() => { const h = document.querySelector(`+jsString(item+" h3")+`).cloneNode(true); h.querySelectorAll('.badge').forEach((b) => b.remove()); return h.innerText.trim() })()`, &shown)
	if title != "Edit "+shown || shown == edit.Name {
		p.fail("in English the form's title is %q and the card reads %q, want the card's English name", title, shown)
	}
	p.noConsoleErrors()
}
