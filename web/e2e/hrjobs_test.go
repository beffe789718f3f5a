package e2e_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestHRJobMistakesAndClosing: HR of a real enterprise of the default data set publishes a job
// need through the form with the mistakes people make, each said by the form's own name of the
// field, marked and focused, with nothing stored; a second posting of the same open job is
// refused; then HR closes the job (marked 已结束, no candidates offered) and reopens it.
func TestHRJobMistakesAndClosing(t *testing.T) {
	svc := startService(t)
	ctx := context.Background()
	var ent *xiaoqi.Enterprise
	opt := xiaoqi.ListOptions{Limit: xiaoqi.MaxListLimit}
	for ent == nil {
		page, err := svc.Store.List(ctx, xiaoqi.KindEnterprise, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range page.Docs {
			if e := d.(*xiaoqi.Enterprise); !e.Synthetic && ent == nil {
				ent = e
			}
		}
		if page.Next == "" {
			break
		}
		opt.After = page.Next
	}
	if ent == nil {
		t.Fatal("no real enterprise in the default data set")
	}
	svc.addUser(t, "hr-mistakes", xiaoqi.RoleEnterprise, ent.ID)
	jobs := func() []*xiaoqi.JobNeed {
		page, err := svc.Store.List(ctx, xiaoqi.KindJob, xiaoqi.ListOptions{Filters: map[string]string{"enterprise_id": ent.ID}, Limit: xiaoqi.MaxListLimit})
		if err != nil {
			t.Fatal(err)
		}
		var out []*xiaoqi.JobNeed
		for _, d := range page.Docs {
			if j := d.(*xiaoqi.JobNeed); j.Name == "缺陷测试工程师" {
				out = append(out, j)
			}
		}
		return out
	}

	p := openPage(t, newBrowser(t), svc.URL)
	p.signIn("hr-mistakes")
	p.open("/#/hr/" + ent.ID)
	p.waitJS("the job form", `!!document.querySelector('#job-form')`)
	submit := chromedp.Click("#job-form button[type=submit]")
	invalid := func(id string) {
		t.Helper()
		p.waitJS(id+" marked invalid and focused", `document.querySelector('#`+id+`').getAttribute('aria-invalid') === 'true' && document.activeElement.id === '`+id+`'`)
	}

	p.do("publish with a headcount of 0", chromedp.SendKeys("#job-title", "缺陷测试工程师"), chromedp.SetValue("#job-headcount", "0"), submit)
	p.waitText("#job-form .notice.error", "招聘人数：须至少为 1")
	invalid("job-headcount")
	p.checkA11y("the job form with an error")

	p.do("salary from above salary to", chromedp.SetValue("#job-headcount", ""), chromedp.SetValue("#job-salary-min", "9000"), chromedp.SetValue("#job-salary-max", "5000"), submit)
	p.waitText("#job-form .notice.error", "月薪上限：不能低于月薪下限")
	invalid("job-salary-max")
	if n := len(jobs()); n != 0 {
		t.Fatalf("%d job needs stored from a form the page refused", n)
	}

	p.do("publish", chromedp.SetValue("#job-salary-max", "12000"), submit)
	p.waitText(".job-form .notice.ok", "已发布岗位「缺陷测试工程师」")
	got := jobs()
	if len(got) != 1 || got[0].Headcount != 0 || got[0].SalaryMin != 9000 || got[0].SalaryMax != 12000 {
		t.Fatalf("stored %+v, want one job need without a headcount, 9000–12000 a month", got)
	}

	// The same job again (a second tab, a double click): refused naming the title and the
	// open job need, in the form's words.
	p.do("publish it again", chromedp.SendKeys("#job-title", "缺陷测试工程师"), submit)
	msg := p.waitText("#job-form .notice.error", "已有招聘中的同名岗位需求")
	if !regexp.MustCompile(`岗位名称`).MatchString(msg) || regexp.MustCompile(`\btitle\b`).MatchString(msg) {
		t.Errorf("the duplicate's refusal reads %q: want the form's name of the field, not the API's", msg)
	}
	invalid("job-title")
	if n := len(jobs()); n != 1 {
		t.Fatalf("%d job needs stored after a second posting, want 1", n)
	}

	li := `.job[data-id="` + got[0].ID + `"]`
	p.click(li + ` [data-action=close]`)
	p.waitText(".jobs .notice.ok", "已结束岗位「缺陷测试工程师」的招聘")
	p.waitText(li+" h3", "已结束")
	// The count says how many of the firm's job needs are closed.
	p.waitText("#jobs-h", "其中 1 个已结束")
	if n := p.count(li + ` [data-action=match]`); n != 0 {
		t.Errorf("a closed job need still offers to match candidates")
	}
	if j := jobs(); len(j) != 1 || j[0].Status != xiaoqi.JobClosed {
		t.Fatalf("after 结束招聘 the job need is %+v, want closed", j)
	}
	// Search still finds it, and says it is closed.
	p.open("/#/search?type=job&q=" + url.QueryEscape("缺陷测试工程师"))
	hit := `.hit[data-id="` + got[0].ID + `"]`
	p.waitText(hit+" .hit-head", "已结束")
	p.open("/#/hr/" + ent.ID)
	p.waitJS("the job need again", `!!document.querySelector('`+li+`')`)
	// Reopening it while another open job need of its title exists is refused naming that one.
	other := jobsOther(t, svc, ent.ID)
	p.click(li + ` [data-action=reopen]`)
	if msg := p.waitText(".jobs .notice.error", other); !strings.Contains(msg, "岗位名称") {
		t.Errorf("reopening a duplicate reads %q: want the form's name of the field", msg)
	}
	if err := deleteJob(svc, other); err != nil {
		t.Fatal(err)
	}
	p.click(li + ` [data-action=reopen]`)
	p.waitText(".jobs .notice.ok", "已重新开放岗位「缺陷测试工程师」")
	p.waitJS("the job open again", `!!document.querySelector('`+li+` [data-action=match]')`)
	if j := jobs(); len(j) != 1 || j[0].Status != xiaoqi.JobOpen {
		t.Fatalf("after 重新开放 the job need is %+v, want open", j)
	}

	// An empty headcount is left out when published, and clears the headcount of an edit.
	for _, hc := range []string{"3", ""} {
		p.click(li + ` [data-action=edit]`)
		p.waitJS("the edit form", `document.querySelector('#job-form h2').innerText.includes('编辑')`)
		p.do("set the headcount to "+hc, chromedp.SetValue("#job-headcount", hc), submit)
		p.waitText(".job-form .notice.ok", "已保存岗位「缺陷测试工程师」")
		want := 0
		if hc == "3" {
			want = 3
		}
		if j := jobs(); len(j) != 1 {
			t.Fatalf("after saving the headcount %q: %d job needs, want 1", hc, len(j))
		} else if j[0].Headcount != want {
			t.Fatalf("after saving the headcount %q the job need's headcount is %d, want %d", hc, j[0].Headcount, want)
		}
	}

	// A salary written in thousands (5 for 5千) is refused naming the field with the colon of
	// the page's language, and in English in plain words (it read "月薪下限: 月薪以元计" and
	// "Monthly salary from: is yuan a month: 5 is too low").
	for _, c := range []struct{ lang, want string }{
		{"zh", "出错了：月薪下限：月薪以元计，5 元过低（8千请写 8000）"},
		{"en", "Something went wrong: Monthly salary from: must be in yuan a month; 5 is too low (write 8000 for 8千)"},
	} {
		if c.lang == "en" {
			p.switchLang()
			p.waitText("nav", "Search")
		}
		p.waitJS("the job form", `!!document.querySelector('#job-form')`)
		p.do("publish a salary in thousands", chromedp.SetValue("#job-title", "千元样例工程师"), chromedp.SetValue("#job-salary-min", "5"), chromedp.SetValue("#job-salary-max", ""), submit)
		p.waitJS("the salary's refusal", `(() => { const e = document.querySelector('#job-form .notice.error'); return !!e && e.innerText.trim() === `+jsString(c.want)+` })()`)
		invalid("job-salary-min")
	}
	p.noConsoleErrors(regexp.MustCompile(`status of 40[09]`))
}

// jobsOther publishes, as an administrator would (straight into the store), another open job
// need of enterprise with the test's title, and answers its id.
func jobsOther(t *testing.T, svc *service, enterprise string) string {
	t.Helper()
	res, err := svc.Store.Upsert(context.Background(), []xiaoqi.Doc{&xiaoqi.JobNeed{EnterpriseID: enterprise, Name: "缺陷测试工程师", City: "西安市", Status: xiaoqi.JobOpen}})
	if err != nil {
		t.Fatal(err)
	}
	return res[0].ID
}

func deleteJob(svc *service, id string) error {
	_, err := svc.Store.Delete(context.Background(), xiaoqi.KindJob, id, 0)
	return err
}
