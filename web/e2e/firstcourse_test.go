package e2e_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/xiaoqi-dev/xiaoqi"
)

// firstCourseJourney: the staff of a training institution without courses are told so in
// words that fit it (not that 专科院校's 专业 are not held), in Chinese and in English; once
// they add a course with the page's form, the suggested partners are drawn again without a
// reload (the box said the school had no programs until one).
func firstCourseJourney(t *testing.T, p *page, svc *service) {
	res, err := svc.Store.Upsert(context.Background(), []xiaoqi.Doc{&xiaoqi.Institution{
		Name: "渭水首课实训中心", Type: "training", City: "西安市", Region: xiaoqi.RegionGuanzhong}})
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].ID
	svc.addUser(t, "staff-firstcourse", xiaoqi.RoleInstitution, id)
	p.signIn("staff-firstcourse")
	p.open("/#/institution/" + id)
	p.waitText("#program-form-h", "添加课程")
	txt := p.waitText(".partners", "本数据中该机构没有课程")
	if strings.Contains(txt, "专科") || strings.Contains(txt, "专业") {
		p.fail("the partners of a training institution without courses: %q", txt)
	}
	p.switchLang()
	txt = p.waitText(".partners", "The data holds no courses of this institution")
	if strings.Contains(txt, "vocational") || strings.Contains(txt, "programs") {
		p.fail("the partners of a training institution without courses, in English: %q", txt)
	}
	p.do("fill the form", chromedp.SetValue("#prog-name", "Java 软件测试实训"), chromedp.SetValue("#prog-grads", "40"),
		chromedp.SetValue("#prog-skills", "Java、软件测试"))
	p.click("#program-form button[type=submit]")
	p.waitText(".programs .notice.ok", "Added Java 软件测试实训")
	// The partners, drawn again: enterprises that ask for what the course teaches.
	p.waitJS("the partners drawn again", `document.querySelectorAll('.partners article.match').length > 0`)
	if txt := p.text(".partners"); strings.Contains(txt, "holds no courses") {
		p.fail("the partners after a course was added still say there is none: %q", txt)
	}
	p.switchLang()
	p.waitText("#programs-h", "开设课程（1）")
	p.waitJS("the partners", `document.querySelectorAll('.partners article.match').length > 0`)
	if txt := p.text(".partners"); strings.Contains(txt, "没有课程") {
		p.fail("the partners after a course was added: %q", txt)
	}
	p.noConsoleErrors()
}
