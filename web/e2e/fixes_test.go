package e2e_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xiaoqi-dev/xiaoqi"
)

// finderJourney: the finders of #/hr and #/institution say how many they found and show the
// rest on demand (they showed the first 20, without a word); signed-in staff and HR may use
// them (they were sent to their own page whatever they asked), while the menu still takes
// them to their own; on another school's page staff are told that the action takes this
// school's staff; signing out leaves the focus on the sign-in link.
func finderJourney(t *testing.T, p *page, svc *service, a actors) {
	more := func(path, q, typ, shown string) {
		t.Helper()
		var all searchAnswer
		apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {q}, "type": {typ}, "per_page": {"1"}}, &all)
		if all.Total <= 20 {
			t.Fatalf("%s: %d found, the journey needs more than 20", path, all.Total)
		}
		p.open(path + "?q=" + url.QueryEscape(q))
		p.waitText(".finder-total", strings.ReplaceAll(shown, "{total}", formatCount(all.Total)))
		if n := p.count("ul.finder > li"); n != 20 {
			p.fail("%s: %d shown at first, want 20", path, n)
		}
		p.clickLive("[data-action=more-hits]")
		want := min(40, int(all.Total))
		p.waitJS("the next ones", `document.querySelectorAll('ul.finder > li').length === `+strconv.Itoa(want))
		p.waitJS("the focus on the first added", `document.activeElement === document.querySelectorAll('ul.finder > li')[20].querySelector('a')`)
		if (p.count("[data-action=more-hits]") == 1) != (want < int(all.Total)) {
			p.fail("%s: %d of %d shown, the button to show more is there: %v", path, want, all.Total, p.count("[data-action=more-hits]") == 1)
		}
	}
	more("/#/hr", "Java", "enterprise", "共找到 {total} 家企业，显示前 20 家")
	more("/#/institution", "西安", "institution", "共找到 {total} 所院校与培训机构，显示前 20 所")

	// Staff of one school search for another; the menu takes them to their own.
	var other searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"长安大学"}, "type": {"institution"}}, &other)
	if len(other.Hits) == 0 || other.Hits[0].ID == a.institutionID {
		t.Fatalf("长安大学 is not another school: %+v", other.Hits)
	}
	p.signIn("staff-ui")
	p.waitJS("the user's institution", `location.hash === '#/institution/`+a.institutionID+`'`)
	p.open("/#/institution?q=" + url.QueryEscape("长安大学"))
	p.waitText("ul.finder a", "长安大学")
	if loc := p.text("h1"); !strings.Contains(loc, "院校") {
		p.fail("staff searching 长安大学 see %q", loc)
	}
	p.click(`nav a[data-route=institution]`)
	p.waitJS("the menu to the user's institution", `location.hash === '#/institution/`+a.institutionID+`'`)
	p.waitText("h1", a.institutionName)
	// Another school's page: the action takes its own staff, which the account is not.
	p.open("/#/institution/" + other.Hits[0].ID)
	hint := p.waitText(".partners .sign-in", "请以本院校教职工的账户登录后操作")
	if !strings.Contains(hint, "您当前登录的账户不属于本院校") {
		p.fail("staff of another school read %q", hint)
	}
	// Signed out, the focus is on the sign-in link that took the button's place.
	p.click("#signout")
	p.waitJS("the focus on the sign-in link", `document.activeElement && document.activeElement.id === 'signin-link'`)
	p.waitText(".partners .sign-in", "请以本院校教职工的账户登录后操作")

	p.signIn("hr-ui")
	p.waitJS("the HR page of the user's enterprise", `location.hash === '#/hr/`+a.enterpriseID+`'`)
	p.open("/#/hr?q=Java")
	p.waitJS("the firms seeking Java", `document.querySelectorAll('ul.finder > li').length === 20 && location.hash === '#/hr?q=Java'`)
	p.checkA11y("the finder of a signed-in HR manager")
	p.noConsoleErrors()
}

// schoolStateJourney: the boxes 仅计真实数据 of a school's page are kept in its address, so
// that a reload and Back show it as it was left (they came back unticked).
func schoolStateJourney(t *testing.T, p *page, svc *service, a actors) {
	path := "/#/institution/" + a.institutionID
	p.open(path)
	p.waitJS("the boxes", `!!document.querySelector('#gaps-real') && !!document.querySelector('#partners-real')`)
	p.click("#gaps-real")
	p.waitJS("the real-data gaps", `document.querySelector('#gaps-real').checked && !document.querySelector('#gaps-h .synthetic')`)
	p.click("#partners-real")
	p.waitJS("the real partners", `document.querySelector('#partners-real').checked && !document.querySelector('.partners .match .synthetic')`)
	p.waitJS("both in the address", `location.hash.includes('gaps_real=1') && location.hash.includes('partners_real=1')`)
	ticked := func(what string) {
		t.Helper()
		p.waitJS(what, `!!document.querySelector('#gaps-real') && document.querySelector('#gaps-real').checked && !document.querySelector('#gaps-h .synthetic') &&
			!!document.querySelector('#partners-real') && document.querySelector('#partners-real').checked && document.querySelectorAll('.partners .match').length > 0 && !document.querySelector('.partners .match .synthetic')`)
	}
	p.do("reload the page", chromedp.Reload())
	ticked("both boxes ticked after a reload")
	p.open("/#/search")
	p.waitText("h1", "搜索")
	p.do("go back", chromedp.NavigateBack())
	ticked("both boxes ticked after Back")
	// Unticked: out of the address.
	p.click("#gaps-real")
	p.waitJS("gaps_real out of the address", `!location.hash.includes('gaps_real') && location.hash.includes('partners_real=1')`)

	p.noConsoleErrors()
}

// suggestedJobJourney: a candidate's suggested jobs are marked synthetic by the job's flag
// (a real posting was marked 示例 because the candidate is synthetic), and one opened from
// there is not "found by search"; on the English HR page a candidate's card names the
// studies of their degree (it named the first listed) and the school in English, as the
// partnerships and their notices do (they named it in Chinese only).
func suggestedJobJourney(t *testing.T, p *page, svc *service, a actors) {
	ctx := context.Background()
	school := func(name string) (id, en string) {
		t.Helper()
		var res struct {
			Hits []struct {
				ID     string
				Title  string
				Fields struct {
					NameEN string `json:"name_en"`
				}
			}
		}
		apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {name}, "type": {"institution"}}, &res)
		if len(res.Hits) == 0 || res.Hits[0].Title != name || res.Hits[0].Fields.NameEN == "" {
			t.Fatalf("%s with an English name not found: %+v", name, res.Hits)
		}
		return res.Hits[0].ID, res.Hits[0].Fields.NameEN
	}
	xidian, xidianEN := school("西安电子科技大学")
	xjtu, xjtuEN := school("西安交通大学")
	partner, partnerName, partnerEN := xjtu, "西安交通大学", xjtuEN
	if partner == a.institutionID {
		partner, partnerName, partnerEN = xidian, "西安电子科技大学", xidianEN
	}
	d, err := svc.Store.Get(ctx, xiaoqi.KindEnterprise, a.enterpriseID)
	if err != nil {
		t.Fatal(err)
	}
	ent := d.(*xiaoqi.Enterprise)
	skills := []string{"Go", "Kubernetes", "Docker", "Linux", "MySQL"}
	// A real posting (as an import would store it) and a synthetic candidate made for it, who
	// lists their 本科 before their 硕士.
	job := &xiaoqi.JobNeed{Meta: xiaoqi.Meta{Source: "ui-test"}, EnterpriseID: ent.ID, EnterpriseName: ent.Name,
		Name: "云原生开发工程师", City: ent.City, Sector: xiaoqi.SectorSoftware, Skills: skills, Degree: "硕士", Headcount: 2, Status: "open",
		Description: "负责基于 Kubernetes 的云原生平台开发。\n参与微服务架构设计。"}
	cand := &xiaoqi.Candidate{Meta: xiaoqi.Meta{Synthetic: true}, Name: "诸葛云帆", City: ent.City, Degree: "硕士", Skills: skills,
		Education: []xiaoqi.Education{
			{InstitutionID: xidian, InstitutionName: "西安电子科技大学", Major: "软件工程", MajorCode: "080902", Degree: "本科", GraduationYear: 2019},
			{InstitutionID: xjtu, InstitutionName: "西安交通大学", Major: "计算机科学与技术", MajorCode: "080901", Degree: "硕士", GraduationYear: 2022}},
		Visibility: xiaoqi.VisibilityAnonymous}
	at := time.Now().UTC().Add(-time.Hour)
	pt := &xiaoqi.Partnership{InstitutionID: partner, InstitutionName: partnerName, EnterpriseID: ent.ID, EnterpriseName: ent.Name,
		Status: xiaoqi.PartnershipProposed, ProposedBy: "institution", Note: "联合培养云原生人才",
		History: []xiaoqi.PartnershipEvent{{At: at, Status: xiaoqi.PartnershipProposed, By: "institution", Actor: "staff-other", Note: "联合培养云原生人才"}}}
	res, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{job, cand, pt})
	if err != nil {
		t.Fatal(err)
	}
	job.ID, cand.ID, pt.ID = res[0].ID, res[1].ID, res[2].ID
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := svc.Index.WaitFor(wctx, res[2].Seq); err != nil {
		t.Fatal(err)
	}
	svc.addUser(t, "cand-fixes", xiaoqi.RoleCandidate, cand.ID)

	p.signIn("cand-fixes")
	p.waitJS("the candidate's own page", `location.hash === '#/me'`)
	card := `.my-job-list li[data-id="` + job.ID + `"]`
	p.waitText(card+" h3", job.Name)
	if n := p.count(card + " .badge.synthetic"); n != 0 {
		p.fail("a real posting suggested to a synthetic candidate is marked 示例")
	}
	// Every card marked as its job is.
	var cards []struct {
		ID     string
		Marked bool
	}
	p.eval(`[...document.querySelectorAll('.my-job-list li[data-id]')].map((li) => ({ID: li.dataset.id, Marked: !!li.querySelector('.badge.synthetic')}))`, &cards)
	for _, c := range cards {
		var j struct{ Synthetic bool }
		apiGet(t, svc.URL, "/api/v1/jobs/"+c.ID, nil, &j)
		if j.Synthetic != c.Marked {
			p.fail("suggested job %s: synthetic %v, marked %v", c.ID, j.Synthetic, c.Marked)
		}
	}
	p.click(card + " h3 a")
	p.waitText(".job.target .badge.here", "为您推荐的岗位")
	if strings.Contains(p.text(".job.target"), "搜索到的岗位") {
		p.fail("a job opened from 我的档案 is said to be found by search")
	}
	// The posting's description, open on the job the link named.
	p.waitText(".job.target details.job-desc[open]", "参与微服务架构设计")
	p.click("#signout")
	p.waitText("#session", "登录")

	// In English, HR read the candidate's studies of their degree, and the schools' names.
	p.signIn("hr-ui")
	p.waitJS("the HR page of the user's enterprise", `location.hash === '#/hr/`+a.enterpriseID+`'`)
	p.switchLang()
	p.waitText("nav", "Search")
	item := `.proposals .partnership[data-id="` + pt.ID + `"]`
	full := partnerEN + " (" + partnerName + ")"
	p.waitText(item, full)
	p.clickLive(item + " [data-action=accept]")
	p.waitText(".proposals .notice.ok", "Accepted the partnership with "+full+".")
	p.clickLive(`.job-list li[data-id="` + job.ID + `"] [data-action=match]`)
	cc := `#candidates li[data-id="` + cand.ID + `"]`
	p.waitText(cc, "class of 2022")
	line := p.text(cc + " .muted")
	if !strings.Contains(line, xjtuEN+" (西安交通大学)") || strings.Contains(line, "2019") {
		p.fail("the candidate's card reads %q, want the 硕士 of %s, class of 2022", line, xjtuEN)
	}
	p.noConsoleErrors()
}
