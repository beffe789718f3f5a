package e2e_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/xiaoqi-dev/xiaoqi"
)

// people are the candidates and the job of the personal-data journeys, written straight into
// the store (synthetic, like the rest of the default data set).
type people struct {
	jobID, jobTitle string
	// consenting allowed the HR's enterprise to see their contact details; refusing did not.
	consenting, refusing *xiaoqi.Candidate
	reason               string // what the HR gives as the reason of the release
}

// seedPeople stores a job need of the HR's enterprise and two candidates made for it (its
// skills, its city, its degree), so that both rank among its matching candidates.
func seedPeople(t *testing.T, svc *service, a actors) *people {
	t.Helper()
	ctx := context.Background()
	d, err := svc.Store.Get(ctx, xiaoqi.KindEnterprise, a.enterpriseID)
	if err != nil {
		t.Fatal(err)
	}
	ent := d.(*xiaoqi.Enterprise)
	skills := []string{"软件测试", "Python", "Selenium", "Linux", "SQL"}
	job := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{Synthetic: true}, EnterpriseID: ent.ID, EnterpriseName: ent.Name,
		Name: "隐私测试工程师", City: ent.City, Sector: xiaoqi.SectorSoftware, Skills: skills, Languages: []string{"日语"},
		Degree: "本科", Headcount: 2, Status: "open", Description: "自动化测试（合成示例）"}
	person := func(name, phone, email string, consent []string) *xiaoqi.Candidate {
		return &xiaoqi.Candidate{Meta: xiaoqi.Meta{Synthetic: true}, Name: name, Phone: phone, Email: email,
			City: ent.City, Degree: "本科", Skills: skills, Languages: []string{"日语"},
			Education:  []xiaoqi.Education{{InstitutionName: a.institutionName, InstitutionID: a.institutionID, Major: "软件工程", Degree: "本科", GraduationYear: 2024}},
			Visibility: xiaoqi.VisibilityAnonymous, ConsentEnterprises: consent}
	}
	p := &people{jobTitle: job.Name, reason: "邀请参加隐私测试工程师面试",
		consenting: person("欧阳明远", "13912345678", "mingyuan.ouyang@example.com", []string{ent.ID}),
		refusing:   person("司马晓雯", "13887654321", "xiaowen.sima@example.com", nil)}
	// What the candidate's own page shows beside the basics.
	p.consenting.BirthDate, p.consenting.Returnee, p.consenting.StudyCountry, p.consenting.WantsToFound = "1999-05-04", true, "日本", true
	p.consenting.Summary = "在日本留学三年，熟悉对日外包项目的测试流程（合成示例）"
	p.consenting.Education[0].Country = "日本"
	res, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{job, p.consenting, p.refusing})
	if err != nil {
		t.Fatal(err)
	}
	p.jobID, p.consenting.ID, p.refusing.ID = res[0].ID, res[1].ID, res[2].ID
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := svc.Index.WaitFor(wctx, res[2].Seq); err != nil {
		t.Fatal(err)
	}
	return p
}

// apiSession signs username in through the API and returns a client that carries the
// session cookie, for the reads that need a role (the audit log).
func apiSession(t *testing.T, base, username string) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	body, _ := json.Marshal(map[string]string{"username": username, "password": testPassword})
	resp, err := c.Post(base+"/api/v1/session", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sign in %s: %s", username, resp.Status)
	}
	return c
}

type auditDoc struct {
	Action            string   `json:"action"`
	ActorRole         string   `json:"actor_role"`
	ActorEnterpriseID string   `json:"actor_enterprise_id"`
	SubjectID         string   `json:"subject_id"`
	Reason            string   `json:"reason"`
	Fields            []string `json:"fields"`
}

// auditLog is GET /api/v1/audit as the administrator admin-ui.
func auditLog(t *testing.T, base string) []auditDoc {
	t.Helper()
	c := apiSession(t, base, "admin-ui")
	resp, err := c.Get(base + "/api/v1/audit?limit=100")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/audit as admin: %s", resp.Status)
	}
	var page struct{ Data []auditDoc }
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		t.Fatal(err)
	}
	return page.Data
}

// forbidden are the console messages of the refused release: the browser logs every answer
// of 400 and more as a failed resource, and the page shows it as text.
var forbidden = regexp.MustCompile(`status of 403`)

// contactJourney: HR opens the matching candidates of a job, asks for the contact details of
// each with a reason; the candidate who consented is shown, the other is refused, and the
// audit log has exactly the one release.
func contactJourney(t *testing.T, p *page, svc *service, a actors, pp *people) {
	p.signIn("hr-ui")
	p.waitJS("the HR page of the user's enterprise", `location.hash === '#/hr/`+a.enterpriseID+`'`)
	// Find the button and click it in one step (clickLive): chromedp's mouse click, between
	// finding a node and pressing it, lost this one once in CI (the candidates panel never
	// opened), as it lost a suggestion that was drawn again (8d70dec).
	//
	// A click on another job's button and at once on this one's: only the later answer is
	// drawn, whichever comes first; the panel holds one list, of this job.
	p.waitJS("the job and another", `!!document.querySelector('.job[data-id="`+pp.jobID+`"]') && !!document.querySelector('.job:not([data-id="`+pp.jobID+`"])')`)
	p.do("match another job and at once this one", chromedp.Evaluate[chromedp.Void](`(() => {
		document.querySelector('.job:not([data-id="`+pp.jobID+`"]) [data-action=match]').click();
		document.querySelector('.job[data-id="`+pp.jobID+`"] [data-action=match]').click(); })()`))
	p.waitText("#candidates h2", pp.jobTitle)
	p.waitJS("both answers", `performance.getEntriesByType('resource').filter(e => e.name.includes('/candidates?')).length >= 2 && !!document.querySelector('#candidates .cand-list')`)
	p.do("let the page draw what it received", chromedp.Sleep(300*time.Millisecond))
	var cands listAnswer[struct {
		Candidate struct{ ID string } `json:"candidate"`
	}]
	apiGet(t, svc.URL, "/api/v1/jobs/"+pp.jobID+"/candidates", url.Values{"limit": {"5"}}, &cands)
	var want, shown []string
	for _, m := range cands.Data {
		want = append(want, m.Candidate.ID)
	}
	p.eval(`[...document.querySelectorAll('#candidates .match')].map(e => e.dataset.id)`, &shown)
	if n := p.count("#candidates .cand-list"); n != 1 || !slices.Equal(shown, want) {
		p.fail("after two quick clicks the panel holds %d lists of %v; want one, of this job's candidates %v", n, shown, want)
	}
	yes := `#candidates .match[data-id="` + pp.consenting.ID + `"]`
	no := `#candidates .match[data-id="` + pp.refusing.ID + `"]`
	p.waitJS("both seeded candidates among the matches", `!!document.querySelector(`+jsString(yes)+`) && !!document.querySelector(`+jsString(no)+`)`)
	for _, c := range []*xiaoqi.Candidate{pp.consenting, pp.refusing} {
		if body := p.text("#candidates"); strings.Contains(body, c.Name) || strings.Contains(body, c.Phone) {
			p.fail("before any release the page shows %s's name or phone", c.Name)
		}
	}

	// The consenting candidate: the button opens a labelled reason field in the card.
	p.waitText(yes+" [data-action=contact]", "查看联系方式")
	if n := p.count(yes + " input[name=reason]:not([hidden] *)"); n != 0 {
		p.fail("the reason field shows before the button is pressed")
	}
	p.clickLive(yes + " [data-action=contact]")
	p.waitJS("the reason field to have the focus", `document.activeElement && document.activeElement.name === 'reason'`)
	p.checkA11y("the HR page with the reason field open")
	var label string
	p.eval(`(() => { const i = document.querySelector(`+jsString(yes+" input[name=reason]")+`); return document.querySelector('label[for="' + CSS.escape(i.id) + '"]').innerText })()`, &label)
	if !strings.Contains(label, "原因") {
		p.fail("the reason field is labelled %q", label)
	}
	// Too short a reason is refused in the card, before anything is asked of the API.
	p.do("a one-character reason", chromedp.SendKeys(yes+" input[name=reason]", "看"), chromedp.KeyEvent(kb.Enter))
	p.waitText(yes+" .contact-out", "请写明原因")
	p.do("type the reason", chromedp.SendKeys(yes+" input[name=reason]", kb.Backspace+pp.reason), chromedp.KeyEvent(kb.Enter))
	p.waitText(yes+" .contact-name", pp.consenting.Name)
	p.waitText(yes+" .contact-phone", pp.consenting.Phone)
	p.waitText(yes+" .contact-email", pp.consenting.Email)
	// The API's notice in the page's language only (its English half showed on the Chinese page).
	if notice := p.waitText(yes+" .contact-out .notice", "本次查看已记入审计日志"); strings.Contains(notice, "audit log") {
		p.fail("the release's notice reads %q: both languages on a Chinese page", notice)
	}

	// The other candidate: refused, and nothing of theirs appears.
	p.clickLive(no + " [data-action=contact]")
	p.do("type the reason", chromedp.SendKeys(no+" input[name=reason]", pp.reason), chromedp.KeyEvent(kb.Enter))
	p.waitText(no+" .contact-out", "候选人未同意向贵企业公开联系方式")
	body := p.text("#candidates")
	for _, personal := range []string{pp.refusing.Name, pp.refusing.Phone, pp.refusing.Email} {
		if strings.Contains(body, personal) {
			p.fail("the refused candidate's %q is on the page", personal)
		}
	}
	p.screenshot("hr-contact", yes)

	// The audit log holds exactly the one release, with the reason the HR typed.
	var releases []auditDoc
	for _, e := range auditLog(t, svc.URL) {
		if e.Action == xiaoqi.AuditContactRelease {
			releases = append(releases, e)
		}
	}
	if len(releases) != 1 {
		t.Fatalf("the audit log has %d releases, want 1: %+v", len(releases), releases)
	}
	if r := releases[0]; r.SubjectID != pp.consenting.ID || r.Reason != pp.reason || r.ActorEnterpriseID != a.enterpriseID ||
		!slices.Equal(r.Fields, []string{"name", "phone", "email"}) {
		t.Fatalf("the release is recorded as %+v", r)
	}
	p.noConsoleErrors(forbidden)
}

// candidateJourney: the consenting candidate signs in, sees their whole profile and the HR's
// release in their audit log, replaces the consented enterprise with another found by search,
// goes private, exports their data and erases their profile.
func candidateJourney(t *testing.T, p *page, svc *service, a actors, pp *people) {
	ctx := context.Background()
	me := pp.consenting
	if err := svc.Auth.AddUser(ctx, &xiaoqi.User{Username: "cand-ui", Role: xiaoqi.RoleCandidate, CandidateID: me.ID}, testPassword); err != nil {
		t.Fatal(err)
	}
	// Another enterprise to consent to, found by the page's search.
	var ents searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"软件"}, "type": {"enterprise"}, "per_page": {"10"}}, &ents)
	var other struct{ ID, Title string }
	for _, x := range ents.Hits {
		if x.ID != a.enterpriseID {
			other.ID, other.Title = x.ID, x.Title
			break
		}
	}
	if other.ID == "" {
		t.Fatal("no second enterprise in the default data set")
	}

	// An administrator changed the candidate's consent for them: the server's reason names
	// the enterprise, with its id, a long token that a phone's screen breaks.
	if err := svc.Store.AppendAudit(ctx, &xiaoqi.AuditEntry{Action: xiaoqi.AuditConsent, ActorID: "admin-ui", ActorRole: xiaoqi.RoleAdmin, SubjectID: me.ID,
		Reason: "同意查看联系方式的企业增加：" + a.enterpriseName + " (" + a.enterpriseID + ") / enterprises allowed to see contact details, added: " + a.enterpriseName + " (" + a.enterpriseID + ")"}); err != nil {
		t.Fatal(err)
	}

	// The nav offers "My profile" to candidates only.
	p.open("/#/search")
	if n := p.count("#nav-me:not([hidden])"); n != 0 {
		p.fail("a visitor is offered 我的档案")
	}
	p.signIn("cand-ui")
	p.waitJS("the candidate's own page", `location.hash === '#/me'`)
	p.waitText("nav", "我的档案")
	p.waitText("h1", "我的档案")
	p.waitText(".profile", me.Name)
	p.waitText(".profile", me.Phone)
	p.waitText(".profile", me.Email)
	p.waitText("#profile-h .badge.synthetic", "示例") // the test's candidates are synthetic, and say so
	// All that the profile holds, so that the candidate can check what enterprises see of it.
	for _, want := range []string{"出生日期\n1999-05-04", "留学归国\n是", "留学国家\n日本", "有意创办企业\n是", "个人简介\n" + me.Summary} {
		p.waitText(".profile-list", want)
	}
	p.waitText(".profile .hint", "出生日期只有您本人能看到")
	p.waitText(".consent-list", a.enterpriseName)
	p.waitText(".audit", "查看了联系方式")
	if n, all := p.count(".audit-table tr[data-action='contact.release']"), p.count(".audit-table tbody tr"); n != 1 || all != 2 {
		p.fail("the audit log shows %d releases and %d entries after one release and one change by an administrator, want 1 and 2", n, all)
	}
	p.waitText(".audit-who", a.enterpriseName)
	p.waitText(".audit-why", pp.reason)
	p.waitText(".audit-table tr[data-action='candidate.consent'] .audit-who", "管理员")
	// The server's reason, "中文 / English", in the page's language only (it ran both together).
	p.waitText(".audit-table tr[data-action='candidate.consent'] .audit-why", "同意查看联系方式的企业增加："+a.enterpriseName)
	if why := p.text(".audit-table tr[data-action='candidate.consent'] .audit-why"); strings.Contains(why, " / ") || strings.Contains(why, "allowed") {
		p.fail("the administrator's change reads %q in Chinese, want the Chinese half only", why)
	}
	p.waitText(".audit-table tr[data-action='contact.release'] .audit-what", "查看了联系方式（姓名、电话、邮箱）")
	// The intro says what is recorded: an administrator's acts too.
	p.waitText(".audit .lead", "管理员")
	for _, v := range []string{"private", "anonymous", "public"} {
		if got := p.text(`#vis-` + v + `-hint`); len([]rune(got)) < 8 {
			p.fail("visibility %s is explained as %q", v, got)
		}
	}
	var checked string
	p.eval(`document.querySelector('input[name=visibility]:checked').value`, &checked)
	if checked != xiaoqi.VisibilityAnonymous {
		p.fail("visibility %q is checked, the profile is anonymous", checked)
	}
	p.checkA11y("the candidate's page")
	// The job needs suggested to them, each with its reasons and a link to the posting.
	p.waitJS("the jobs suggested to the candidate", `document.querySelectorAll('.my-job-list .card .factors li').length > 0`)
	if href := p.text(".my-job-list .card h3"); href == "" || p.count(`.my-job-list .card h3 a[href^="#/hr/"]`) == 0 {
		p.fail("the suggested jobs do not link to their postings: %q", href)
	}

	// Consent: add the other enterprise by search, remove the HR's, go private, save.
	name := []rune(other.Title)
	p.do("search an enterprise", chromedp.SendKeys("#consent-q", string(name[:min(len(name), 8)])))
	p.clickLive(`.consent-suggest button[data-id="` + other.ID + `"]`)
	p.waitText(".consent-list", other.Title)
	p.clickLive(`.consent-list li[data-id="` + a.enterpriseID + `"] [data-action=remove]`)
	p.waitJS("the HR's enterprise to leave the list", `!document.querySelector('.consent-list li[data-id="`+a.enterpriseID+`"]')`)
	p.click("#vis-private")
	p.click("#privacy-form button[type=submit]")
	p.waitText("#privacy-form .notice.ok", "已保存：公开范围为「不公开」")
	d, err := svc.Store.Get(ctx, xiaoqi.KindCandidate, me.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.(*xiaoqi.Candidate); got.Visibility != xiaoqi.VisibilityPrivate || !slices.Equal(got.ConsentEnterprises, []string{other.ID}) || got.Name != me.Name {
		t.Fatalf("after saving, the store has visibility %q, consent %v, name %q", got.Visibility, got.ConsentEnterprises, got.Name)
	}
	resp, err := http.Get(svc.URL + "/api/v1/candidates/" + me.ID)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("the public GET of a private candidate answers %s, want 404", resp.Status)
	}
	// Private, the candidate still sees the jobs that fit them, and is told that nobody sees
	// them through these suggestions.
	p.waitText(".my-jobs .lead", "只有您能看到")
	p.waitJS("the jobs suggested to the private candidate", `document.querySelectorAll('.my-job-list .card').length > 0`)
	p.screenshot("candidate", "")
	p.do("phone size", chromedp.EmulateViewport(375, 812))
	p.checkA11y("the candidate's page at 375 px")
	// On a phone the audit log is readable: each entry a card, each cell under its column's
	// name, none a column of one character per line, none past the screen's edge (the long
	// reason of the administrator's change is broken).
	var cells []struct {
		Text, Label          string
		Width, Right, Screen float64
	}
	p.eval(`[...document.querySelectorAll('.audit-table td')].map(td => { const r = td.getBoundingClientRect();
		return {Text: td.innerText, Label: getComputedStyle(td, '::before').content, Width: r.width, Right: r.right, Screen: document.documentElement.clientWidth} })`, &cells)
	if len(cells) == 0 {
		p.fail("no audit entries at 375 px")
	}
	for _, c := range cells {
		if c.Width < 300 || c.Right > c.Screen || !regexp.MustCompile(`^"(时间|谁|做了什么|原因)"$`).MatchString(c.Label) {
			p.fail("at 375 px an audit cell is %.0f px wide, ends at %.0f of %.0f, reads %q under %s", c.Width, c.Right, c.Screen, c.Text, c.Label)
		}
	}
	p.do("desktop size", chromedp.EmulateViewport(1280, 900))

	// Export: the browser downloads the JSON of GET …/export.
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(p.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, BrowserContextID: chromedp.FromContext(p.ctx).BrowserContextID, DownloadPath: dir}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	p.click("#export")
	p.waitText(".export .notice.ok", "已下载")
	file := filepath.Join(dir, "xiaoqi-export-"+me.ID+".json")
	var raw []byte
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(stepTimeout)
	for raw, err = os.ReadFile(file); err != nil || !json.Valid(raw); raw, err = os.ReadFile(file) {
		select {
		case <-tick.C:
		case <-deadline:
			p.fail("no download %s: %v", file, err)
		}
	}
	var export struct {
		Candidate struct{ Name, Phone, Email, Visibility string }
		Audit     []auditDoc
	}
	if err := json.Unmarshal(raw, &export); err != nil {
		t.Fatal(err)
	}
	if export.Candidate.Name != me.Name || export.Candidate.Email != me.Email || export.Candidate.Visibility != xiaoqi.VisibilityPrivate {
		t.Fatalf("the export holds %+v", export.Candidate)
	}
	if len(export.Audit) == 0 || export.Audit[0].Action != xiaoqi.AuditContactRelease || export.Audit[0].Reason != pp.reason {
		t.Fatalf("the export's audit log: %+v", export.Audit)
	}
	p.waitText(".audit", "导出了数据") // the export is audited too
	p.waitText(".audit-table tr[data-action='candidate.export'] .audit-who", "您本人")

	// In English too, with every text translated.
	p.switchLang()
	p.waitText("h1", "My profile")
	p.waitText(".audit", "saw contact details")
	p.waitText(".audit-table tr[data-action='contact.release'] .audit-what", "saw contact details (Name, Phone, E-mail)")
	p.waitText(".audit-table tr[data-action='candidate.export'] .audit-who", "You")
	p.waitText(".audit .lead", "administrator")
	if what := p.texts(".audit-what"); strings.Contains(strings.Join(what, " "), "、") {
		p.fail("the audit log in English lists with 、: %q", what)
	}
	p.waitText("#privacy-form", "Anonymous")
	p.checkA11y("the candidate's page in English")
	p.switchLang()
	p.waitText("h1", "我的档案")

	// Erase: a confirmation that names the consequences, then the profile is gone and the
	// candidate signed out.
	p.click("#erase")
	p.waitText("#erase-confirm", "无法撤销")
	p.waitText("#erase-confirm", "退出登录")
	p.checkA11y("the erase confirmation")
	p.click("#erase-confirm-button")
	p.waitText("main", "您的档案已删除")
	p.waitText("#session", "登录")
	p.waitJS("the nav to drop 我的档案", `document.querySelector('#nav-me').hidden`)
	if _, err := svc.Store.Get(ctx, xiaoqi.KindCandidate, me.ID); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
		t.Fatalf("after erasure the store answers %v for the candidate", err)
	}
	if _, _, err := svc.Auth.Login(ctx, "cand-ui", testPassword); err == nil {
		t.Fatal("the erased candidate can still sign in")
	}
	for _, e := range auditLog(t, svc.URL) {
		if e.SubjectID == me.ID {
			t.Fatalf("the audit log still names the erased candidate: %+v", e)
		}
	}
	p.noConsoleErrors()
}

// myDetailsJourney: a candidate corrects their own name, phone, e-mail and summary on #/me,
// on a 375 px phone (they were shown read-only); a mistake is said by the form's name of the
// field, which is marked and focused; what the form does not show is kept.
func myDetailsJourney(t *testing.T, p *page, svc *service, a actors) {
	ctx := context.Background()
	c := &xiaoqi.Candidate{Meta: xiaoqi.Meta{Synthetic: true}, Name: "上官婉清", Phone: "13700003333", Email: "wanqing@example.com",
		City: "西安市", Degree: "本科", Skills: []string{"Java", "SQL"}, Summary: "三年测试经验（合成示例）",
		Education:  []xiaoqi.Education{{InstitutionName: a.institutionName, InstitutionID: a.institutionID, Major: "软件工程", Degree: "本科", GraduationYear: 2023}},
		Visibility: xiaoqi.VisibilityPublic, ConsentEnterprises: []string{a.enterpriseID}}
	res, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{c})
	if err != nil {
		t.Fatal(err)
	}
	svc.addUser(t, "cand-details", xiaoqi.RoleCandidate, res[0].ID)
	p.do("phone size", chromedp.EmulateViewport(375, 812))
	p.signIn("cand-details")
	p.open("/#/me")
	p.waitJS("the details form", `!!document.querySelector('#details-form') && document.querySelector('#me-phone').value === '13700003333'`)
	p.checkA11y("the candidate's details form at 375 px")

	p.do("a wrong e-mail", chromedp.SetValue("#me-email", "wanqing.example.com"), chromedp.Click("#details-form button[type=submit]"))
	if msg := p.waitText("#details-form .notice.error", "邮箱"); strings.Contains(msg, "email") {
		p.fail("the error names the API's field: %q", msg)
	}
	p.waitJS("the e-mail marked and focused", `document.activeElement && document.activeElement.id === 'me-email' && document.activeElement.getAttribute('aria-invalid') === 'true'`)
	// In English the field is named by the form, the rest of the message as written: it read
	// "Phone is not a Phone number".
	p.switchLang()
	p.waitText("#details-h", "Correct my details")
	p.do("a wrong phone", chromedp.SetValue("#me-email", "wanqing@example.com"), chromedp.SetValue("#me-phone", "12345"),
		chromedp.Click("#details-form button[type=submit]"))
	if msg := p.waitText("#details-form .notice.error", "phone number"); !strings.Contains(msg, "is not a phone number") {
		p.fail("the phone's error in English: %q", msg)
	}
	p.switchLang()
	p.waitText("#details-h", "更正我的资料")
	p.waitJS("the form again", `document.querySelector('#me-phone') && document.querySelector('#me-phone').value !== ''`)

	p.do("correct the details", chromedp.SetValue("#me-name", "上官婉卿"), chromedp.SetValue("#me-phone", "13600004444"),
		chromedp.SetValue("#me-email", "wanqing@example.org"), chromedp.SetValue("#me-summary", "四年测试经验（合成示例）"),
		chromedp.Click("#details-form button[type=submit]"))
	p.waitText("#details-form .notice.ok", "已保存您的资料")
	p.waitText(".profile-list", "13600004444")
	d, err := svc.Store.Get(ctx, xiaoqi.KindCandidate, res[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	got := d.(*xiaoqi.Candidate)
	if got.Name != "上官婉卿" || got.Phone != "13600004444" || got.Email != "wanqing@example.org" || got.Summary != "四年测试经验（合成示例）" {
		t.Errorf("stored %s %s %s %q, want the corrected details", got.Name, got.Phone, got.Email, got.Summary)
	}
	if got.Visibility != xiaoqi.VisibilityPublic || len(got.ConsentEnterprises) != 1 || len(got.Education) != 1 || len(got.Skills) != 2 {
		t.Errorf("the save lost what the form does not show: %+v", got)
	}
	p.checkA11y("the candidate's details saved at 375 px")
	p.noConsoleErrors(regexp.MustCompile(`status of 400`))
}
