package e2e_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/xiaoqi-dev/xiaoqi"
)

// recordJourney: an institution's staff and an enterprise's HR complete their own record on
// its page (the only way was an API PUT): a website that is no web address is refused at its
// field, a good one saved with the district, tags and description; a change made meanwhile
// elsewhere is not overwritten (If-Match); in Chinese and in English; a verified firm's form
// says that its name is the administrator's. Visitors get no form.
func recordJourney(t *testing.T, p *page, svc *service) {
	ctx := context.Background()
	res, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{
		&xiaoqi.Institution{Name: "渭水档案实训中心", Type: "training", City: "西安市", Region: xiaoqi.RegionGuanzhong},
		&xiaoqi.Enterprise{Name: "渭水档案科技有限公司", City: "西安市", Region: xiaoqi.RegionGuanzhong, CreditCode: verifiedCode("91610131MA6TREC00")},
	})
	if err != nil {
		t.Fatal(err)
	}
	instID, entID := res[0].ID, res[1].ID
	svc.addUser(t, "staff-record", xiaoqi.RoleInstitution, instID)
	svc.addUser(t, "hr-record", xiaoqi.RoleEnterprise, entID)

	p.open("/#/institution/" + instID)
	p.waitJS("the page", `!!document.querySelector('#programs-h')`)
	if n := p.count("#record-form"); n != 0 {
		p.fail("a visitor is offered the record's form")
	}
	p.waitJS("nothing to show of a bare record", `document.querySelector('#record-about').hidden`)
	p.signIn("staff-record")
	p.open("/#/institution/" + instID)
	p.waitText("#record-h", "编辑本机构信息")
	p.click("#record-h")
	p.do("fill the form", chromedp.SetValue("#record-district", "雁塔区"), chromedp.SetValue("#record-website", "javascript:alert(1)"),
		chromedp.SetValue("#record-tags", "呼叫中心、数据标注"), chromedp.SetValue("#record-description", "西安市雁塔区科技路 1 号，数据标注实训。"))
	p.click("#record-form button[type=submit]")
	// Refused at the field it names, by the form's name for it.
	p.waitText("#record-website-error", "网站：")
	p.waitJS("the website marked and focused", `document.activeElement && document.activeElement.id === 'record-website' && document.activeElement.getAttribute('aria-invalid') === 'true'`)
	if txt := p.text("#record-form .notice.error"); strings.Contains(txt, "website") {
		p.fail("the error names the API's field: %q", txt)
	}
	p.do("a web address", chromedp.SetValue("#record-website", "https://www.weishui.example"))
	p.click("#record-form button[type=submit]")
	p.waitText("#record-form .notice.ok", "已保存")
	var inst xiaoqi.Institution
	apiGet(t, svc.URL, "/api/v1/institutions/"+instID, nil, &inst)
	if inst.District != "雁塔区" || inst.Website != "https://www.weishui.example" || strings.Join(inst.Tags, ",") != "呼叫中心,数据标注" ||
		!strings.Contains(inst.Description, "科技路 1 号") || inst.Type != "training" || inst.Name != "渭水档案实训中心" {
		t.Fatalf("the institution saved: %+v", inst)
	}
	// The page shows what was saved, to everyone: it showed it nowhere but in the form.
	p.waitText("#record-about", "科技路 1 号")
	p.waitJS("the website linked, the district and tags shown", `(() => {
		const b = document.querySelector('#record-about'), a = b && b.querySelector('a');
		return a && a.getAttribute('href') === 'https://www.weishui.example' && b.textContent.includes('雁塔区') && b.textContent.includes('呼叫中心、数据标注');
	})()`)
	p.checkA11y("the institution's record form")

	// A change made meanwhile (an administrator's) is not overwritten: the save is refused.
	d, err := svc.Store.Get(ctx, xiaoqi.KindInstitution, instID)
	if err != nil {
		t.Fatal(err)
	}
	other := d.(*xiaoqi.Institution)
	other.Description = "管理员改过的简介"
	if _, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{other}); err != nil {
		t.Fatal(err)
	}
	p.do("another description", chromedp.SetValue("#record-description", "第二次修改"))
	p.click("#record-form button[type=submit]")
	p.waitText("#record-form .notice.error", "保存前该信息已被他人修改，未保存：请重新载入本页再改")
	apiGet(t, svc.URL, "/api/v1/institutions/"+instID, nil, &inst)
	if inst.Description != "管理员改过的简介" {
		t.Errorf("a change made meanwhile was overwritten: %q", inst.Description)
	}

	// HR, in English, on their enterprise's page.
	p.signIn("hr-record")
	p.open("/#/hr/" + entID)
	p.waitText("#record-h", "编辑本企业信息")
	p.switchLang()
	p.waitText("#record-h", "Edit the enterprise's details")
	p.click("#record-h")
	// The firm is verified: its name is the administrator's (the API refuses HR's rename), and
	// the form says so.
	p.waitText("#record-name-note", "The enterprise's name, 渭水档案科技有限公司, was verified by an administrator")
	p.do("fill the form", chromedp.SetValue("#record-district", "高新区"), chromedp.SetValue("#record-website", "ftp://weishui.example"),
		chromedp.SetValue("#record-description", "Data labelling, Xi'an."))
	p.click("#record-form button[type=submit]")
	p.waitText("#record-website-error", "Website: ")
	p.do("a web address", chromedp.SetValue("#record-website", "https://weishui.example"))
	p.click("#record-form button[type=submit]")
	p.waitText("#record-form .notice.ok", "Saved.")
	var ent xiaoqi.Enterprise
	apiGet(t, svc.URL, "/api/v1/enterprises/"+entID, nil, &ent)
	if ent.District != "高新区" || ent.Website != "https://weishui.example" || ent.Description != "Data labelling, Xi'an." || ent.Name != "渭水档案科技有限公司" {
		t.Fatalf("the enterprise saved: %+v", ent)
	}
	p.waitText("#record-about", "Website: https://weishui.example")
	p.waitText("#record-about", "Data labelling, Xi'an.")
	p.noConsoleErrors(conflict, regexp.MustCompile(`status of 400`)) // the bad websites, the stale save
}
