package e2e_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/xiaoqi-dev/xiaoqi"
)

// jobListsJourney: HR, on the English page, publishes a job need whose skills and languages
// have spaces in them, separated by commas as the form asks; each is stored whole (the form
// split at every space: Software testing was stored as Software and testing, English CET-6
// as English and CET-6, and matching then named unknown skills and halved the languages'
// score), and the edit form gives them back as they were written.
func jobListsJourney(t *testing.T, p *page, svc *service, a actors) {
	const title = "Lists test engineer"
	// Software testing, a skill of the taxonomy, is stored by its Chinese name.
	wantSkills := []string{"SAP", "Java", "软件测试", "Spring Boot"}
	wantLangs := []string{"German", "English CET-6", "JLPT N2"}
	ctx := context.Background()
	stored := func() *xiaoqi.JobNeed {
		t.Helper()
		page, err := svc.Store.List(ctx, xiaoqi.KindJob, xiaoqi.ListOptions{Filters: map[string]string{"enterprise_id": a.enterpriseID}, Limit: xiaoqi.MaxListLimit})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range page.Docs {
			if j := d.(*xiaoqi.JobNeed); j.Name == title {
				return j
			}
		}
		return nil
	}
	t.Cleanup(func() {
		if j := stored(); j != nil {
			if err := deleteJob(svc, j.ID); err != nil {
				t.Error(err)
			}
		}
	})

	p.signIn("hr-ui")
	p.waitJS("the job form", `!!document.querySelector('#job-form')`)
	p.switchLang()
	p.waitText("label[for=job-skills]", "Skills (separated by commas)")
	p.waitText("label[for=job-languages]", "separated by commas")
	submit := chromedp.Click("#job-form button[type=submit]")
	p.do("publish with skills and languages of several words", chromedp.SendKeys("#job-title", title),
		chromedp.SendKeys("#job-skills", "SAP, Java, Software testing,Spring Boot"),
		chromedp.SendKeys("#job-languages", "German, English CET-6、JLPT N2"), submit)
	p.waitText(".job-form .notice.ok", title)
	j := stored()
	if j == nil {
		t.Fatalf("no job need %q stored", title)
	}
	if !reflect.DeepEqual(j.Skills, wantSkills) || !reflect.DeepEqual(j.Languages, wantLangs) {
		p.fail("stored skills %q and languages %q, want %q and %q", j.Skills, j.Languages, wantSkills, wantLangs)
	}

	// Edited and saved unchanged, the lists stay as they were.
	li := `.job[data-id="` + j.ID + `"]`
	p.click(li + ` [data-action=edit]`)
	p.waitJS("the edit form", `document.querySelector('#job-form h2').innerText.includes(`+jsString(title)+`)`)
	p.do("save unchanged", submit)
	p.waitText(".job-form .notice.ok", "Saved")
	if j = stored(); j == nil || !reflect.DeepEqual(j.Skills, wantSkills) || !reflect.DeepEqual(j.Languages, wantLangs) {
		p.fail("after saving unchanged the job need is %+v, want skills %q and languages %q", j, wantSkills, wantLangs)
	}
	p.noConsoleErrors()
}
