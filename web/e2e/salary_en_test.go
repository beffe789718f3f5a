package e2e_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// salaryEnglishJourney: on the English page a job's salary says what the posting says, in a
// search hit as on its enterprise's page: a hit dropped the pays a year (9千-1.1万·14薪 was
// "CNY 9,000–11,000 a month", its enterprise page "…, 14 pays a year"), and a day rate and a
// yearly salary were said as the monthly figures read from them (50元/天 "CNY 1,088 a month",
// 17-34万/年 "CNY 14,167–28,333 a month").
func salaryEnglishJourney(t *testing.T, p *page, svc *service, a actors) {
	cases := []struct {
		job  xiaoqi.JobNeed
		want string
	}{
		{xiaoqi.JobNeed{Name: "Salarysample month", SalaryText: "9千-1.1万·14薪", SalaryMin: 9000, SalaryMax: 11000, SalaryMonths: 14}, "CNY 9,000–11,000 a month, 14 pays a year"},
		{xiaoqi.JobNeed{Name: "Salarysample day", SalaryText: "50元/天", SalaryMin: 1088, SalaryMax: 1088}, "CNY 50 a day"},
		{xiaoqi.JobNeed{Name: "Salarysample year", SalaryText: "17-34万/年", SalaryMin: 14167, SalaryMax: 28333, SalaryMonths: 12}, "CNY 170,000–340,000 a year"},
	}
	var docs []xiaoqi.Doc
	for i := range cases {
		j := cases[i].job
		j.EnterpriseID, j.EnterpriseName, j.City, j.Status = a.enterpriseID, a.enterpriseName, "西安市", xiaoqi.JobOpen
		docs = append(docs, &j)
	}
	res, err := svc.Store.Upsert(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, r := range res {
			if err := deleteJob(svc, r.ID); err != nil {
				t.Error(err)
			}
		}
	})

	p.open("/#/explore")
	p.switchLang()
	p.waitText("nav", "Search")
	p.open("/#/search?type=job&q=" + url.QueryEscape("Salarysample"))
	for i, c := range cases {
		p.waitText(`.hit[data-id="`+res[i].ID+`"]`, c.want)
	}
	p.open("/#/hr/" + url.PathEscape(a.enterpriseID))
	for i, c := range cases {
		p.waitText(`.job[data-id="`+res[i].ID+`"]`, c.want)
	}
	p.noConsoleErrors()
}
