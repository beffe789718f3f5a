package e2e_test

import (
	"context"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/xiaoqi-dev/xiaoqi"
)

// actors are the accounts and records the write journeys use.
type actors struct {
	enterpriseID, enterpriseName   string
	institutionID, institutionName string
}

// signIn signs in through the sign-in page with the keyboard (Enter submits), and waits
// until the page the app goes to then (the user's own: #/me, #/hr/{id}) is drawn: a test
// that clicked on it while its slower parts loaded lost the click to the focus moving to
// its heading.
func (p *page) signIn(username string) {
	p.t.Helper()
	p.open("/#/signin")
	p.waitText("h1", "登录")
	p.checkA11y("the sign-in page")
	p.do("sign in", chromedp.SendKeys("#username", username), chromedp.SendKeys("#password", testPassword), chromedp.KeyEvent(kb.Enter))
	p.waitText("#session", "已登录："+username)
	p.waitDrawn("the user's page after signing in")
}

type listAnswer[T any] struct {
	Data []T `json:"data"`
}

// conflict is the browser's report of the save refused because the job changed meanwhile.
var conflict = regexp.MustCompile(`status of 409`)

// unauthorized is the browser's report of the sign-in refused for a wrong password.
var unauthorized = regexp.MustCompile(`status of 401`)

type jobDoc struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Headcount  int      `json:"headcount"`
	Skills     []string `json:"skills"`
	Source     string   `json:"source"`
	SalaryText string   `json:"salary_text"`
	SalaryMin  int      `json:"salary_min"`
	SalaryMax  int      `json:"salary_max"`
	Experience string   `json:"experience"`
}

type partnershipDoc struct {
	ID, Status, ProposedBy string
	InstitutionID          string `json:"institution_id"`
	EnterpriseID           string `json:"enterprise_id"`
}

// hrJourney: HR signs in, publishes a job need, edits it, sees anonymised candidates for it,
// reads the suggested partner schools' explanations and proposes a partnership.
func hrJourney(t *testing.T, p *page, svc *service, a actors) {
	// A skill finds the firms that seek it: few say Java of themselves, their job needs do.
	p.open("/#/hr?q=Java")
	p.waitJS("firms seeking Java", `document.querySelectorAll('.finder li .jobs-found').length >= 5`)
	p.waitText(".finder li", "个岗位需求与之相关")
	// A visitor without words: a directory of every enterprise by city, in which the HR
	// manager finds their own.
	p.open("/#/hr")
	var ents searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"type": {"enterprise"}, "per_page": {"1"}}, &ents)
	p.waitText(".dir-total", "共 "+formatCount(ents.Total)+" 家企业")
	if n := p.count(".directory li"); uint64(n) != ents.Total {
		p.fail("the directory lists %d enterprises, the API has %d", n, ents.Total)
	}
	p.clickText(".directory a", a.enterpriseName)
	p.waitText("h1", a.enterpriseName)

	// A wrong password says so, without the "this needs you to sign in" of other refusals.
	p.open("/#/signin?next=" + url.QueryEscape("#/hr"))
	p.do("a wrong password", chromedp.SendKeys("#username", "hr-ui"), chromedp.SendKeys("#password", "wrong-password"), chromedp.KeyEvent(kb.Enter))
	if msg := p.waitText("main .notice.error", "用户名或密码错误"); strings.Contains(msg, "需要登录") {
		p.fail("a wrong password reads %q", msg)
	}
	p.signIn("hr-ui")
	p.waitJS("the HR page of the user's enterprise", `location.hash === '#/hr/`+a.enterpriseID+`'`)
	p.waitText("h1", a.enterpriseName)
	p.waitJS("the job form", `!!document.querySelector('#job-form')`)
	p.checkA11y("the HR page")

	// Publish.
	const title = "UI测试工程师"
	p.do("fill the job form",
		chromedp.SendKeys("#job-title", title),
		chromedp.SetValue("#job-sector", "software"),
		chromedp.SetValue("#job-headcount", "3"),
		chromedp.SetValue("#job-experience", "3-5年"),
		chromedp.SendKeys("#job-skills", "软件测试、Python、Selenium"),
		chromedp.SendKeys("#job-description", "负责对日外包项目的自动化测试。"),
		chromedp.Click("#job-form button[type=submit]"))
	p.waitText(".job-form .notice.ok", "已发布岗位「"+title+"」")
	p.waitText(".job-list", title)
	var jobs listAnswer[jobDoc]
	apiGet(t, svc.URL, "/api/v1/jobs", url.Values{"enterprise_id": {a.enterpriseID}, "limit": {"100"}}, &jobs)
	var job *jobDoc
	for i := range jobs.Data {
		if jobs.Data[i].Title == title {
			job = &jobs.Data[i]
		}
	}
	if job == nil || job.Headcount != 3 || job.Experience != "3-5年" || !strings.Contains(strings.Join(job.Skills, ","), "软件测试") {
		t.Fatalf("the published job is not stored as entered: %+v", job)
	}
	p.waitText(".job-list", "3-5年经验")

	// The salary as an import writes it: the text as written, and the figures read from it.
	ctx := context.Background()
	d, err := svc.Store.Get(ctx, xiaoqi.KindJob, job.ID)
	if err != nil {
		t.Fatal(err)
	}
	jn := d.(*xiaoqi.JobNeed)
	jn.SalaryText, jn.SalaryMin, jn.SalaryMax, jn.SalaryMonths = "1-1.5万·14薪", 10000, 15000, 14
	// And a job as the data has some: the province as its city (no city of the form's list),
	// 中专 as its degree, no headcount.
	odd := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{Synthetic: true}, EnterpriseID: a.enterpriseID, EnterpriseName: a.enterpriseName,
		Name: "全省培训专员", City: "陕西省", Degree: "中专", Status: "open"}
	res, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{jn, odd})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Index.WaitFor(ctx, res[1].Seq); err != nil {
		t.Fatal(err)
	}

	// Edit: 7 openings instead of 3. The salary, not edited, keeps its text.
	sel := `.job[data-id="` + job.ID + `"]`
	p.do("reload the page", chromedp.Reload())
	p.waitText(sel, "1-1.5万·14薪")

	// Editing the odd job shows what it holds, and saving it changes nothing of that; the
	// form offers every degree the API takes.
	p.clickLive(`.job[data-id="` + res[1].ID + `"] [data-action=edit]`)
	p.waitText("#form-h", "编辑岗位需求：全省培训专员")
	var form struct {
		City, Degree, Headcount, CityText string
		Degrees                           []string
	}
	p.eval(`(() => { const f = document.querySelector('#job-form'); return {City: f.city.value, Degree: f.degree.value, Headcount: f.headcount.value,
		CityText: f.city.selectedOptions[0].text, Degrees: [...f.degree.options].map(o => o.value)} })()`, &form)
	if form.City != "陕西省" || !strings.Contains(form.CityText, "陕西省") || form.Degree != "中专" || form.Headcount != "" ||
		!slices.Equal(form.Degrees, []string{"不限", "高中", "中专", "大专", "本科", "硕士", "博士"}) {
		p.fail("the form of a job of 陕西省, 中专, no headcount shows %+v", form)
	}
	p.do("save it unchanged", chromedp.Click("#job-form button[type=submit]"))
	p.waitText(".job-form .notice.ok", "已保存岗位「全省培训专员」")
	var oddStored struct {
		City, Degree string
		Headcount    int
	}
	apiGet(t, svc.URL, "/api/v1/jobs/"+res[1].ID, nil, &oddStored)
	if oddStored.City != "陕西省" || oddStored.Degree != "中专" || oddStored.Headcount != 0 {
		t.Fatalf("saving the odd job unchanged stored %+v, want 陕西省, 中专 and no headcount", oddStored)
	}
	p.clickLive(sel + ` [data-action=edit]`)
	p.waitText("#form-h", "编辑岗位需求："+title)
	p.do("change the headcount", chromedp.SetValue("#job-headcount", "7"), chromedp.Click("#job-form button[type=submit]"))
	p.waitText(".job-form .notice.ok", "已保存岗位「"+title+"」")
	p.waitText(sel, "招 7 人")
	p.waitText(sel, "1-1.5万·14薪")
	var stored jobDoc
	apiGet(t, svc.URL, "/api/v1/jobs/"+job.ID, nil, &stored)
	if stored.Headcount != 7 || stored.SalaryText != "1-1.5万·14薪" {
		t.Fatalf("after the edit the store has headcount %d, salary %q; want 7 and the salary as it was", stored.Headcount, stored.SalaryText)
	}
	// A new salary: the old text no longer says it, and is dropped.
	p.clickLive(sel + ` [data-action=edit]`)
	p.waitText("#form-h", "编辑岗位需求："+title)
	p.do("change the salary", chromedp.SetValue("#job-salary-min", "12000"), chromedp.SetValue("#job-salary-max", "18000"),
		chromedp.Click("#job-form button[type=submit]"))
	p.waitText(".job-form .notice.ok", "已保存岗位「"+title+"」")
	p.waitText(sel, "月薪 12,000–18,000 元") // the figures, said as a salary
	var edited jobDoc
	apiGet(t, svc.URL, "/api/v1/jobs/"+job.ID, nil, &edited)
	if edited.SalaryText != "" || edited.SalaryMin != 12000 || edited.SalaryMax != 18000 {
		t.Fatalf("after the salary edit the store has %q %d–%d, want no text and 12000–18000", edited.SalaryText, edited.SalaryMin, edited.SalaryMax)
	}
	// Someone else changes the job while the form is open: saving it is refused, not
	// written over the other change.
	p.clickLive(sel + ` [data-action=edit]`)
	p.waitText("#form-h", "编辑岗位需求："+title)
	if d, err = svc.Store.Get(ctx, xiaoqi.KindJob, job.ID); err != nil {
		t.Fatal(err)
	}
	d.(*xiaoqi.JobNeed).Headcount = 9
	if _, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{d}); err != nil {
		t.Fatal(err)
	}
	p.do("change the headcount of a job changed meanwhile", chromedp.SetValue("#job-headcount", "8"), chromedp.Click("#job-form button[type=submit]"))
	p.waitText("#job-form .notice", "请刷新后重试")
	apiGet(t, svc.URL, "/api/v1/jobs/"+job.ID, nil, &edited)
	if edited.Headcount != 9 {
		t.Fatalf("a form filled before another change saved headcount %d over it, want the other change's 9", edited.Headcount)
	}
	p.do("reload the page", chromedp.Reload())
	p.waitText(sel, "招 9 人")

	// Candidates for it: anonymised.
	p.clickLive(sel + ` [data-action=match]`)
	p.waitText("#candidates h2", title)
	p.waitJS("candidates or none", `document.querySelectorAll('#candidates .match').length > 0 || document.querySelector('#candidates').innerText.includes('暂无')`)
	var ids []string
	p.eval(`[...document.querySelectorAll('#candidates .match')].map(e => e.dataset.id)`, &ids)
	if len(ids) == 0 {
		p.fail("no candidates for a software-testing job in the default data set")
	}
	body := p.text("#candidates")
	for _, id := range ids {
		d, err := svc.Store.Get(context.Background(), xiaoqi.KindCandidate, id)
		if err != nil {
			t.Fatal(err)
		}
		c := d.(*xiaoqi.Candidate)
		for _, personal := range []string{c.Name, c.Phone, c.Email} {
			if personal != "" && strings.Contains(body, personal) {
				p.fail("candidate %s: the page shows %q", id, personal)
			}
		}
	}
	p.waitText("#candidates .factors", "技能")
	p.screenshot("hr", "#candidates")

	// Suggested schools explain themselves; propose to the first.
	card := `.partners .match[data-id="` + a.institutionID + `"]`
	p.waitText(card, a.institutionName)
	p.waitText(card+" .factors", "覆盖该企业所需技能")
	p.do("propose", chromedp.SendKeys(card+" input[name=note]", "共建软件测试实训基地"), chromedp.Click(card+" .propose button"))
	p.waitText(card, "已向"+a.institutionName+"提议合作")
	p.waitText(`.proposals .partnership`, "待回复")
	// The card says the partnership's status at once, beside the notice of the proposal.
	p.waitText(card+" .existing", "待回复")
	p.waitText(card, "已向"+a.institutionName+"提议合作")
	var ps listAnswer[partnershipDoc]
	apiGet(t, svc.URL, "/api/v1/partnerships", url.Values{"enterprise_id": {a.enterpriseID}, "institution_id": {a.institutionID}}, &ps)
	if len(ps.Data) != 1 || ps.Data[0].Status != xiaoqi.PartnershipProposed {
		t.Fatalf("partnerships after proposing: %+v", ps.Data)
	}
	// Back on the page, the school's card shows the partnership's status, not a second
	// proposal that the API would refuse.
	p.do("reload the page", chromedp.Reload())
	p.waitText(card+" .existing", "待回复")
	p.waitText(card+" .existing", "由企业方提议")
	if n := p.count(card + " form.propose"); n != 0 {
		p.fail("the card of a school with an open partnership offers %d proposals", n)
	}

	// The import is not offered to HR, and says why to HR who come by its address.
	if n := p.count("#nav-admin:not([hidden])"); n != 0 {
		p.fail("HR are offered 数据导入")
	}
	p.open("/#/admin")
	p.waitText("[data-notice=admin-only]", "数据导入仅供管理员使用；您当前以企业招聘身份登录")
	if n := p.count("#import-form"); n != 0 {
		p.fail("HR are shown the import form")
	}
	p.open("/#/hr")

	// Sign out.
	p.click("#signout")
	p.waitText("#session", "登录")
	p.waitJS("the form to go", `!document.querySelector('#job-form')`)
	p.noConsoleErrors(conflict, unauthorized) // the refused save and the wrong password above
}

// institutionJourney: a visitor finds the institution with the keyboard and reads its page;
// its staff signs in and accepts the enterprise's proposal.
func institutionJourney(t *testing.T, p *page, svc *service, a actors) {
	// A major finds the schools that teach it: no school says 日语 in its name.
	p.open("/#/institution?q=" + url.QueryEscape("日语"))
	p.waitJS("schools teaching 日语", `document.querySelectorAll('.finder li .programs-found').length >= 5`)
	p.waitText(".finder li", "个专业与之相关")
	// Without words, a directory of every institution by city, the city with most first, the
	// universities apart from the training institutions.
	p.open("/#/institution")
	var all searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"type": {"institution"}, "per_page": {"1"}}, &all)
	p.waitText(".dir-total", "共 "+formatCount(all.Total)+" 所院校与培训机构")
	if city := p.text(".directory h2"); !strings.HasPrefix(city, "西安市") {
		p.fail("the directory's first city is %q, want 西安市, which has most", city)
	}
	if n := p.count(".directory li"); uint64(n) != all.Total {
		p.fail("the directory lists %d institutions, the API has %d", n, all.Total)
	}
	var synth searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"type": {"institution"}, "synthetic": {"true"}, "per_page": {"1"}}, &synth)
	if n := p.count(".directory li .badge.synthetic"); synth.Total == 0 || uint64(n) != synth.Total {
		p.fail("the directory marks %d institutions synthetic, the API has %d", n, synth.Total)
	}
	if p.count(".directory [data-kind=training] li") == 0 || p.count(".directory [data-kind=university] li") == 0 {
		p.fail("the directory has no universities or no training institutions apart")
	}
	// In pinyin order as the names read: 长安大学 is Cháng'ān, before 西安交通大学 (the collator
	// reads 长 as zhǎng and put it among Z).
	xian := p.texts(`.directory[data-city="西安市"] [data-kind=university] li a`)
	if i, j := slices.Index(xian, "长安大学"), slices.Index(xian, "西安交通大学"); i < 0 || j < 0 || i > j {
		p.fail("西安市's universities: 长安大学 at %d, 西安交通大学 at %d, want both, 长安大学 first", i, j)
	}
	p.do("find the institution", chromedp.SendKeys("#inst-q", a.institutionName), chromedp.KeyEvent(kb.Enter))
	// The finder's hits, not the directory's list, which is drawn again as they arrive.
	p.waitJS("the finder's hits", `location.hash.includes('q=') && !document.querySelector('.directory')`)
	p.clickText("main ul.finder a", a.institutionName)
	p.waitText("h1", a.institutionName)
	p.waitJS("programs, partners and gaps", `document.querySelectorAll('.programs-list li').length > 0 && document.querySelectorAll('.partners .match').length > 0 && document.querySelectorAll('.gap-list li').length > 0`)
	var progs struct {
		Data []struct{ Name string } `json:"data"`
		Next string                  `json:"next"`
	}
	apiGet(t, svc.URL, "/api/v1/programs", url.Values{"institution_id": {a.institutionID}, "limit": {"100"}}, &progs)
	want := "开设专业（" + strconv.Itoa(len(progs.Data))
	p.waitText("#programs-h", want)
	// The programs go in the catalogue's order, by major code, not in the store's id order.
	var codes []string
	p.eval(`[...document.querySelectorAll('.programs-list li .muted')].map((e) => e.textContent.split(' · ')[0])`, &codes)
	if len(codes) < 2 || !slices.IsSorted(codes) {
		t.Errorf("the institution's programs by major code: %v, want ascending", codes)
	}
	p.waitText(".partners .factors", "技能")
	// An estimated figure says so once, in Chinese brackets: the API's text already says
	// （估算）, and the page adds nothing to it.
	var estimates struct {
		Marked int
		Twice  []string
	}
	p.eval(`(() => { const lis = [...document.querySelectorAll('.partners .factors li')].map(li => li.innerText);
		return {Marked: lis.filter(x => x.includes('（估算）')).length, Twice: lis.filter(x => (x.match(/估算/g) || []).length > 1 || x.includes('(估算)'))} })()`, &estimates)
	if estimates.Marked == 0 || len(estimates.Twice) > 0 {
		p.fail("explanations marked （估算）: %d (want some); said twice or in ASCII brackets: %q", estimates.Marked, estimates.Twice)
	}
	p.waitText(".gaps", "技能缺口")
	// The default data set's job needs are mostly synthetic: the heading says so, and each
	// gap how many of its openings are.
	p.waitText("#gaps-h .synthetic", "示例")
	p.waitText(".gap-list", "示例数据")
	// 仅计真实数据: the gaps of the real job needs, as the API gives them, with no badge.
	var real xiaoqi.GapReport
	apiGet(t, svc.URL, "/api/v1/insights/gaps", url.Values{"region": {"关中"}, "limit": {"5"}, "real_only": {"true"}}, &real)
	if len(real.Gaps) == 0 {
		t.Fatal("no gaps in the real data of 关中")
	}
	p.click("#gaps-real")
	p.waitJS("the real-data gaps", `!document.querySelector('#gaps-h .synthetic') && document.querySelector('.gap-list li') && document.querySelector('.gap-list li').dataset.skill === `+strconv.Quote(real.Gaps[0].Skill))
	if got := p.count(".gap-list li"); got != len(real.Gaps) {
		p.fail("%d real-data gaps shown, the API has %d", got, len(real.Gaps))
	}
	p.waitJS("the box ticked and focused", `document.activeElement && document.activeElement.id === 'gaps-real' && document.activeElement.checked`)
	p.click("#gaps-real")
	p.waitJS("the box unticked, still focused, the synthetic gaps back", `document.activeElement && document.activeElement.id === 'gaps-real' && !document.activeElement.checked && !!document.querySelector('#gaps-h .synthetic')`)
	p.click("#gaps-real")
	p.waitJS("the box ticked again", `document.querySelector('#gaps-real').checked && !document.querySelector('#gaps-h .synthetic')`)
	if strings.Contains(p.text(".gap-list"), "示例") {
		p.fail("real-data gaps mention synthetic openings: %s", p.text(".gap-list"))
	}
	// 仅真实企业 for the suggested partners: real enterprises only, as the API ranks them.
	var realPartners xiaoqi.MatchList
	apiGet(t, svc.URL, "/api/v1/institutions/"+a.institutionID+"/partners", url.Values{"limit": {"5"}, "real_only": {"true"}}, &realPartners)
	if len(realPartners.Data) == 0 {
		t.Fatal("no real enterprise suggested for the institution")
	}
	p.waitJS("a synthetic partner before the box is ticked", `!!document.querySelector('.partners .match .synthetic')`)
	p.click("#partners-real")
	p.waitJS("the real partners", `document.querySelector('#partners-real').checked && !document.querySelector('.partners .match .synthetic') && document.querySelector('.partners .match') && document.querySelector('.partners .match').dataset.id === `+strconv.Quote(realPartners.Data[0].Enterprise.ID))
	p.waitJS("the box keeps the focus", `document.activeElement && document.activeElement.id === 'partners-real'`)
	p.checkA11y("the real partners")
	p.waitText(".proposals .partnership", a.enterpriseName)
	if n := p.count(".proposals [data-action=accept]"); n != 0 {
		p.fail("a visitor is offered %d accept buttons", n)
	}
	p.waitText(".proposals .hint", "请以本院校教职工的账户登录后操作")
	p.checkA11y("the institution page")

	p.signIn("staff-ui")
	p.waitJS("the user's institution", `location.hash === '#/institution/`+a.institutionID+`'`)
	item := `.proposals .partnership[data-status=proposed]`
	p.waitText(item, a.enterpriseName)
	p.waitText(item+" .note", "共建软件测试实训基地")
	p.screenshot("institution", "")
	p.clickLive(item + ` [data-action=accept]`)
	p.waitText(".proposals", "已接受与"+a.enterpriseName+"的合作")
	p.waitJS("the accepted status", `[...document.querySelectorAll('.proposals .partnership')].some(e => e.dataset.status === 'accepted')`)
	var ps listAnswer[partnershipDoc]
	apiGet(t, svc.URL, "/api/v1/partnerships", url.Values{"enterprise_id": {a.enterpriseID}, "institution_id": {a.institutionID}}, &ps)
	if len(ps.Data) != 1 || ps.Data[0].Status != xiaoqi.PartnershipAccepted {
		t.Fatalf("partnerships after accepting: %+v", ps.Data)
	}
	// Accepted: the proposal's note and the steps so far stay in view, and either side may
	// now start the partnership (POST …/activate).
	accepted := `.proposals .partnership[data-status=accepted]`
	p.waitText(accepted+" .note", "共建软件测试实训基地")
	p.waitText(accepted+" .note", "企业方 hr-ui")
	p.waitText(accepted+" .history", "进展记录（2 步）")
	p.waitText(accepted+" .history li[data-status=proposed]", "企业方提议（hr-ui）")
	p.waitText(accepted+" .history li[data-status=accepted]", "院校方接受（staff-ui）")
	p.waitText(accepted+" [data-action=activate]", "启动合作")
	p.checkA11y("an accepted partnership")

	// A partnership the enterprise declined earlier: the institution proposes it again.
	declined := declinedPartnership(t, svc, a)
	dsel := `.proposals .partnership[data-id="` + declined.ID + `"]`
	p.do("reload the page", chromedp.Reload())
	p.waitText(dsel, "已拒绝")
	p.waitText(dsel+" .history li[data-status=declined]", "院校方拒绝（staff-ui）")
	p.do("propose again", chromedp.SendKeys(dsel+" input[name=note]", "再谈一次实训合作"), chromedp.Click(dsel+" [data-action=propose] button"))
	p.waitText(".proposals .notice.ok", "已重新向"+declined.EnterpriseName+"提议合作")
	p.waitJS("the proposal again", `(() => { const e = document.querySelector(`+jsString(dsel)+`); return !!e && e.dataset.status === 'proposed' })()`)
	p.waitText(dsel+" .note", "再谈一次实训合作")
	p.waitText(dsel, "等待企业方回复")
	var again xiaoqi.Partnership
	apiGet(t, svc.URL, "/api/v1/partnerships/"+declined.ID, nil, &again)
	if again.Status != xiaoqi.PartnershipProposed || again.ProposedBy != "institution" {
		t.Fatalf("the partnership proposed again: %+v, want proposed by the institution", again)
	}

	// The enterprise's HR starts the accepted partnership from its own page.
	p.click("#signout")
	p.waitText("#session", "登录")
	p.signIn("hr-ui")
	p.waitJS("the HR page of the user's enterprise", `location.hash === '#/hr/`+a.enterpriseID+`'`)
	accepted = `.proposals .partnership[data-id="` + ps.Data[0].ID + `"]`
	p.waitText(accepted+" .note", "共建软件测试实训基地")
	// The school is the enterprise's first suggested partner: its card says accepted, then,
	// once started below, active (it kept saying accepted until the page was reloaded).
	card := `.partners .match[data-id="` + a.institutionID + `"]`
	p.waitText(card+" .existing", "已接受")
	p.clickLive(accepted + ` [data-action=activate]`)
	p.waitText(".proposals .notice.ok", "已启动与"+a.institutionName+"的合作")
	p.waitText(card+" .existing", "合作中")
	p.waitJS("the active status", `(() => { const e = document.querySelector(`+jsString(accepted)+`); return !!e && e.dataset.status === 'active' })()`)
	p.waitText(accepted, "合作中")
	p.waitText(accepted+" .history li[data-status=active]", "企业方启动合作（hr-ui）")
	// Active: the one step left is to end it (partnerend_test.go walks it).
	if n := p.count(accepted + " button"); n != 1 || p.text(accepted+" form.end button") != "结束合作" {
		p.fail("an active partnership offers %d buttons (%q); want the one that ends it", n, p.texts(accepted+" button"))
	}
	apiGet(t, svc.URL, "/api/v1/partnerships", url.Values{"enterprise_id": {a.enterpriseID}, "institution_id": {a.institutionID}}, &ps)
	if len(ps.Data) != 1 || ps.Data[0].Status != xiaoqi.PartnershipActive {
		t.Fatalf("partnerships after activating: %+v", ps.Data)
	}
	p.checkA11y("the HR page with an active partnership")
	p.noConsoleErrors()
}

// declinedPartnership stores a partnership of the institution with another enterprise, which
// that enterprise proposed and the institution declined, as the workflow would have left it.
func declinedPartnership(t *testing.T, svc *service, a actors) *xiaoqi.Partnership {
	t.Helper()
	var ents listAnswer[struct{ ID, Name string }]
	apiGet(t, svc.URL, "/api/v1/enterprises", url.Values{"limit": {"5"}}, &ents)
	var other *struct{ ID, Name string }
	for i := range ents.Data {
		if ents.Data[i].ID != a.enterpriseID {
			other = &ents.Data[i]
			break
		}
	}
	if other == nil {
		t.Fatal("no second enterprise in the default data set")
	}
	at := time.Now().UTC().Add(-48 * time.Hour)
	pt := &xiaoqi.Partnership{InstitutionID: a.institutionID, InstitutionName: a.institutionName, EnterpriseID: other.ID, EnterpriseName: other.Name,
		Status: xiaoqi.PartnershipDeclined, ProposedBy: "enterprise", Note: "联合培养",
		History: []xiaoqi.PartnershipEvent{
			{At: at, Status: xiaoqi.PartnershipProposed, By: "enterprise", Actor: "hr-other", Note: "联合培养"},
			{At: at.Add(time.Hour), Status: xiaoqi.PartnershipDeclined, By: "institution", Actor: "staff-ui"},
		}}
	res, err := svc.Store.Upsert(context.Background(), []xiaoqi.Doc{pt})
	if err != nil {
		t.Fatal(err)
	}
	pt.ID = res[0].ID
	return pt
}
