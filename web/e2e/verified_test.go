package e2e_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// verifiedCode is a 统一社会信用代码 with the right check character: an enterprise that has it
// is verified (xiaoqi.ValidCreditCode).
func verifiedCode(first17 string) string { return first17 + string(xiaoqi.CreditCodeCheck(first17)) }

// badgeState is what one record shows: whether it is on the page, and the text and title of
// its 未核验 badge ("" when it has none).
type badgeState struct {
	Shown bool
	Text  string
	Title string
}

// badgeOf reads the 未核验 badge inside the element sel.
func (p *page) badgeOf(sel string) badgeState {
	p.t.Helper()
	var b badgeState
	p.eval(`(() => { const e = document.querySelector(`+jsString(sel)+`); if (!e) return {Shown: false, Text: '', Title: ''};
		const b = e.querySelector('.badge.unverified'); return {Shown: true, Text: b ? b.innerText : '', Title: b ? b.title : ''} })()`, &b)
	return b
}

// verifiedJourney (issue 8): an enterprise without a valid 统一社会信用代码, and its jobs, are
// marked 未核验 unverified wherever they are named; a verified one shows nothing extra.
func verifiedJourney(t *testing.T, p *page, svc *service, a actors) {
	ctx := context.Background()
	wait := func(seq uint64) {
		t.Helper()
		wctx, cancel := context.WithTimeout(ctx, stepTimeout)
		defer cancel()
		if err := svc.Index.WaitFor(wctx, seq); err != nil {
			t.Fatal(err)
		}
	}
	synth := xiaoqi.Meta{Synthetic: true, Source: "synthetic"}
	ents, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{
		&xiaoqi.Enterprise{Meta: synth, Name: "秦岭核验样例科技有限公司", City: "西安市", CreditCode: verifiedCode("91610131MA6TQ8X01"),
			Sectors: []xiaoqi.Sector{xiaoqi.Sector("software")}, Description: "核验样例：登记了有效的统一社会信用代码"},
		&xiaoqi.Enterprise{Meta: synth, Name: "渭水无码样例科技有限公司", City: "西安市",
			Sectors: []xiaoqi.Sector{xiaoqi.Sector("software")}, Description: "核验样例：没有统一社会信用代码"},
	})
	if err != nil {
		t.Fatal(err)
	}
	wait(ents[1].Seq)
	okID, noID := ents[0].ID, ents[1].ID
	jobs, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{
		&xiaoqi.JobNeed{Meta: synth, EnterpriseID: okID, EnterpriseName: "秦岭核验样例科技有限公司", Name: "核验样例测试工程师", City: "西安市", Degree: "本科", Headcount: 2},
		&xiaoqi.JobNeed{Meta: synth, EnterpriseID: noID, EnterpriseName: "渭水无码样例科技有限公司", Name: "无码样例测试工程师", City: "西安市", Degree: "本科", Headcount: 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	wait(jobs[1].Seq)
	okJob, noJob := jobs[0].ID, jobs[1].ID

	// The API's flags, which the page is to show.
	var res struct {
		Hits []struct {
			ID     string `json:"id"`
			Fields struct {
				Verified *bool `json:"verified"`
			} `json:"fields"`
		} `json:"hits"`
	}
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"样例"}, "per_page": {"50"}}, &res)
	flags := map[string]*bool{}
	for _, h := range res.Hits {
		flags[h.ID] = h.Fields.Verified
	}
	for id, want := range map[string]bool{okID: true, noID: false, okJob: true, noJob: false} {
		if f := flags[id]; f == nil || *f != want {
			t.Fatalf("the API's search hit %s: verified %v, want %v (hits %+v)", id, f, want, res.Hits)
		}
	}

	// Search results: the badge next to the unverified enterprise and its job only.
	p.open("/#/search?q=" + url.QueryEscape("样例") + "&page=1")
	hit := func(id string) string { return `.hit[data-id="` + id + `"]` }
	p.waitJS("the four test records", `[`+jsString(okID)+`, `+jsString(noID)+`, `+jsString(okJob)+`, `+jsString(noJob)+`].every(id => document.querySelector('.hit[data-id="' + id + '"]'))`)
	for _, id := range []string{okID, okJob} {
		if b := p.badgeOf(hit(id)); !b.Shown || b.Text != "" {
			p.fail("verified record %s: %+v, want no 未核验 badge", id, b)
		}
	}
	for _, id := range []string{noID, noJob} {
		b := p.badgeOf(hit(id))
		if !b.Shown || b.Text != "未核验 unverified" || b.Title != "未登记有效的统一社会信用代码" {
			p.fail("unverified record %s: %+v, want the badge 未核验 unverified with its explanation", id, b)
		}
	}
	p.checkA11y("search results with the 未核验 badge")

	// The HR page's header: the page checks the credit code itself.
	p.open("/#/hr/" + okID)
	p.waitText("h1", "秦岭核验样例科技有限公司")
	p.waitJS("the verified enterprise's jobs", `document.querySelectorAll('.job-list li').length > 0`)
	if b := p.badgeOf("h1"); b.Text != "" {
		p.fail("the verified enterprise's header shows %q", b.Text)
	}
	if b := p.badgeOf(`.job-list .job[data-id="` + okJob + `"]`); !b.Shown || b.Text != "" {
		p.fail("the verified enterprise's job on its HR page: %+v, want no 未核验 badge", b)
	}
	p.open("/#/hr/" + noID)
	p.waitText("h1", "渭水无码样例科技有限公司")
	p.waitText("h1 .badge.unverified", "未核验 unverified")
	// Its jobs in its own list, as in search results.
	p.waitText(`.job-list .job[data-id="`+noJob+`"]`, "无码样例测试工程师")
	if b := p.badgeOf(`.job-list .job[data-id="` + noJob + `"]`); b.Text != "未核验 unverified" || b.Title != "未登记有效的统一社会信用代码" {
		p.fail("the unverified enterprise's job on its HR page: %+v, want the 未核验 badge", b)
	}

	// Partner suggestions on the institution page: a badge exactly where the API says
	// unverified, with the weight-0 note among the explanations and no score for it.
	var partners struct {
		Data []struct {
			Enterprise struct {
				ID       string `json:"id"`
				Verified *bool  `json:"verified"`
			} `json:"enterprise"`
		} `json:"data"`
	}
	apiGet(t, svc.URL, "/api/v1/institutions/"+a.institutionID+"/partners", url.Values{"limit": {"5"}}, &partners)
	p.open("/#/institution/" + a.institutionID)
	p.waitJS("the partner suggestions", `document.querySelectorAll('.partners .match').length === `+strconv.Itoa(len(partners.Data)))
	unverified := 0
	for _, m := range partners.Data {
		if m.Enterprise.Verified == nil {
			t.Fatalf("partner %s carries no verified flag", m.Enterprise.ID)
		}
		card := `.partners .match[data-id="` + m.Enterprise.ID + `"]`
		b := p.badgeOf(card)
		if got := b.Text == "未核验 unverified"; got == *m.Enterprise.Verified {
			p.fail("partner card %s: badge %q, the API's verified is %v", m.Enterprise.ID, b.Text, *m.Enterprise.Verified)
		}
		if !*m.Enterprise.Verified {
			unverified++
			p.waitText(card+" .factors", "核验 未核验企业：未登记有效的统一社会信用代码")
			var scored bool
			p.eval(`[...document.querySelectorAll(`+jsString(card+" .factors li")+`)].some(li => li.innerText.includes('未核验企业') && !!li.querySelector('.factor-score'))`, &scored)
			if scored {
				p.fail("partner card %s: the verification note shows a score", m.Enterprise.ID)
			}
		}
	}
	if unverified == 0 {
		p.fail("no unverified partner among the suggestions: the check above proves nothing")
	}

	// The institution's partnerships: the enterprise of each is marked as the API's
	// enterprise answer says (the partnership document carries no flag of its own).
	var ps struct {
		Data []struct {
			ID           string `json:"id"`
			EnterpriseID string `json:"enterprise_id"`
		} `json:"data"`
	}
	apiGet(t, svc.URL, "/api/v1/partnerships", url.Values{"institution_id": {a.institutionID}, "limit": {"50"}}, &ps)
	if len(ps.Data) == 0 {
		t.Fatal("the institution has no partnership (the journeys above propose some)")
	}
	p.waitJS("the partnerships", `document.querySelectorAll('.proposals .partnership').length === `+strconv.Itoa(len(ps.Data)))
	unverified = 0
	for _, x := range ps.Data {
		var e struct {
			Verified *bool `json:"verified"`
		}
		apiGet(t, svc.URL, "/api/v1/enterprises/"+x.EnterpriseID, nil, &e)
		if e.Verified == nil {
			t.Fatalf("enterprise %s: no verified flag", x.EnterpriseID)
		}
		b := p.badgeOf(`.proposals .partnership[data-id="` + x.ID + `"]`)
		if got := b.Text == "未核验 unverified"; got == *e.Verified {
			p.fail("partnership %s: badge %q, the enterprise's verified is %v", x.ID, b.Text, *e.Verified)
		}
		if !*e.Verified {
			unverified++
		}
	}
	if unverified == 0 {
		p.fail("no partnership with an unverified enterprise: the check above proves nothing")
	}

	// The explorer's competitors.
	var d struct {
		Competitors []struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			Verified *bool  `json:"verified"`
		} `json:"competitors"`
	}
	apiGet(t, svc.URL, "/api/v1/insights/startup", url.Values{"sector": {"software"}, "city": {"西安市"}}, &d)
	if len(d.Competitors) == 0 {
		t.Fatal("no competitors in the 西安市 software dossier")
	}
	p.open("/#/explore?sector=software&city=" + url.QueryEscape("西安市"))
	p.waitText("#dossier-h", "西安市")
	var shown []badgeState
	p.eval(`[...document.querySelectorAll('.dossier .two-col > div:first-child li')].map(li => { const b = li.querySelector('.badge.unverified'); return {Shown: true, Text: b ? b.innerText : '', Title: b ? b.title : ''} })`, &shown)
	if len(shown) != len(d.Competitors) {
		p.fail("%d competitors shown, the dossier has %d", len(shown), len(d.Competitors))
	}
	for i, c := range d.Competitors {
		want := c.Verified != nil && !*c.Verified
		if got := shown[i].Text == "未核验 unverified"; got != want {
			p.fail("competitor %s: badge %q, the API's verified is %v", c.Name, shown[i].Text, c.Verified)
		}
	}
	p.noConsoleErrors()
}

// partnerBadgesJourney: the badges beside the other party of a partnership are that party's
// own. A partnership of a synthetic firm with a real school is synthetic, and the HR page
// marked the school 示例 synthetic beside its name.
func partnerBadgesJourney(t *testing.T, p *page, svc *service) {
	ctx := context.Background()
	var schools searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"长安大学"}, "type": {"institution"}}, &schools)
	if len(schools.Hits) == 0 {
		t.Fatal("the default data set has no 长安大学")
	}
	var school struct {
		ID, Name  string
		Synthetic bool
	}
	apiGet(t, svc.URL, "/api/v1/institutions/"+schools.Hits[0].ID, nil, &school)
	if school.Synthetic {
		t.Fatalf("长安大学 is synthetic: %+v", school)
	}
	synth := xiaoqi.Meta{Synthetic: true, Source: "synthetic"}
	ents, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Meta: synth, Name: "终南合作样例科技有限公司", City: "西安市",
		Sectors: []xiaoqi.Sector{xiaoqi.Sector("software")}, Description: "合作样例"}})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Partnership{Meta: synth, InstitutionID: school.ID, InstitutionName: school.Name,
		EnterpriseID: ents[0].ID, EnterpriseName: "终南合作样例科技有限公司", Status: xiaoqi.PartnershipProposed, ProposedBy: "enterprise"}})
	if err != nil {
		t.Fatal(err)
	}
	item := `.partnerships li[data-id="` + ps[0].ID + `"]`
	p.open("/#/hr/" + ents[0].ID)
	p.waitText(item, school.Name)
	if n := p.count(item + " .badge.synthetic"); n != 0 {
		p.fail("the real school %s is marked synthetic on the synthetic firm's page: %q", school.Name, p.text(item))
	}
	p.waitText("h1 .badge.synthetic", "示例")
	// On the school's page the firm, which is synthetic, is marked so.
	p.open("/#/institution/" + school.ID)
	p.waitText(item, "终南合作样例科技有限公司")
	p.waitText(item+" .badge.synthetic", "示例")
	p.noConsoleErrors()
}
