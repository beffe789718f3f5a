package e2e_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// listsJourney: lists longer than one page of the API. A large firm sees all of its job
// needs, a page at a time; a link to one past the first page still finds it; a university
// sees all of its programs; a candidate with a long audit log sees its newest entries first.
func listsJourney(t *testing.T, p *page, svc *service) {
	ctx := context.Background()
	synth := xiaoqi.Meta{Synthetic: true, Source: "synthetic"}
	wait := func(res []xiaoqi.WriteResult) {
		t.Helper()
		wctx, cancel := context.WithTimeout(ctx, stepTimeout)
		defer cancel()
		if err := svc.Index.WaitFor(wctx, res[len(res)-1].Seq); err != nil {
			t.Fatal(err)
		}
	}
	const entName, instName = "长安大型外包样例有限公司", "终南样例职业培训学校"
	parties, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{
		&xiaoqi.Enterprise{Meta: synth, Name: entName, City: "西安市", Sectors: []xiaoqi.Sector{"software"}},
		&xiaoqi.Institution{Meta: synth, Name: instName, City: "西安市", Type: xiaoqi.InstitutionTraining},
	})
	if err != nil {
		t.Fatal(err)
	}
	entID, instID := parties[0].ID, parties[1].ID
	const nJobs, nPrograms = 130, 150
	var docs []xiaoqi.Doc
	for i := range nJobs {
		docs = append(docs, &xiaoqi.JobNeed{Meta: synth, EnterpriseID: entID, EnterpriseName: entName,
			Name: fmt.Sprintf("样例岗位%03d", i), City: "西安市", Degree: "大专", Headcount: 1,
			PostedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)})
	}
	for i := range nPrograms {
		docs = append(docs, &xiaoqi.Program{Meta: synth, InstitutionID: instID, InstitutionName: instName,
			Name: fmt.Sprintf("样例课程%03d", i), Degree: "培训", City: "西安市"})
	}
	res, err := svc.Store.Upsert(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	wait(res)

	// The firm's page: all its jobs counted, the newest 50 shown, then the rest, a click at
	// a time.
	p.open("/#/hr/" + entID)
	p.waitText("h1", entName)
	p.waitText("#jobs-h", "岗位需求（130）")
	if n := p.count(".job-list .job"); n != 50 {
		p.fail("the firm's page shows %d jobs at first, want 50", n)
	}
	if first := p.text(".job-list .job h3"); !strings.Contains(first, "样例岗位129") {
		p.fail("the first job is %q, want the newest, 样例岗位129", first)
	}
	p.checkA11y("a firm's page with more jobs than it shows")
	for _, step := range [][2]int{{50, 100}, {100, 130}} {
		shown, want := step[0], step[1]
		p.click("[data-action=more-jobs]")
		p.waitJS("the next page of jobs", `document.querySelectorAll('.job-list .job').length === `+strconv.Itoa(want))
		// The focus moves to the first job added, so a keyboard user goes on from there.
		p.waitJS("the focus on the first job added", `document.activeElement === document.querySelectorAll('.job-list .job h3')[`+strconv.Itoa(shown)+`]`)
	}
	p.waitText("#jobs-h", "岗位需求（130）")
	if n := p.count("[data-action=more-jobs]"); n != 0 {
		p.fail("the button for more jobs is still there after the last page")
	}
	if got := len(uniqueTexts(p.texts(".job-list .job h3"))); got != nJobs {
		p.fail("the page lists %d different jobs, want %d", got, nJobs)
	}

	// A link to a job past the first 50 (a search hit) shows it, marked, and no "missing".
	last := res[0].ID
	p.open("/#/hr/" + entID + "?job=" + last)
	p.waitText(".job.target h3", "样例岗位000")
	if n := p.count("[data-notice=job-missing]"); n != 0 {
		p.fail("a job past the first page is said to be missing")
	}
	if n := p.count(`.job-list .job[data-id="` + last + `"]`); n != 1 {
		p.fail("the linked job is listed %d times", n)
	}

	// The school's page lists every program.
	p.open("/#/institution/" + instID)
	p.waitText("h1", instName)
	p.waitText("#programs-h", "开设课程（150）") // a training institution: its courses
	if n := p.count(".programs-list li"); n != nPrograms {
		p.fail("the institution page lists %d programs, want %d", n, nPrograms)
	}

	// A candidate whose log is longer than a page sees the newest entry first.
	cand, err := svc.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Candidate{Meta: synth, Name: "列表样例", City: "西安市",
		Degree: "本科", Visibility: xiaoqi.VisibilityAnonymous}})
	if err != nil {
		t.Fatal(err)
	}
	me := cand[0].ID
	for i := range 150 {
		if err := svc.Store.AppendAudit(ctx, &xiaoqi.AuditEntry{Action: xiaoqi.AuditExport, ActorID: "lists-ui", ActorRole: xiaoqi.RoleCandidate,
			SubjectID: me, Time: time.Now().Add(time.Duration(i-150) * time.Minute), Reason: fmt.Sprintf("第%d次导出", i+1)}); err != nil {
			t.Fatal(err)
		}
	}
	svc.addUser(t, "lists-ui", xiaoqi.RoleCandidate, me)
	p.signIn("lists-ui")
	p.open("/#/me")
	p.waitText(".audit-table tbody tr:first-child .audit-why", "第150次导出")
	if n := p.count(".audit-table tbody tr"); n != 150 {
		p.fail("the audit log shows %d entries, want 150", n)
	}
	p.noConsoleErrors()
}

// uniqueTexts answers the distinct strings of texts.
func uniqueTexts(texts []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range texts {
		m[s] = true
	}
	return m
}
