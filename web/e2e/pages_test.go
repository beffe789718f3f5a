package e2e_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// searchPagesJourney: a page past the last of the results offers the last page (it said
// "43 results" and "nothing found"); a job's salary as the posting wrote it, yearly too, is
// labelled 薪资, not 月薪.
func searchPagesJourney(t *testing.T, p *page, svc *service) {
	var res searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"Java"}, "type": {"job"}, "city": {"西安市"}, "per_page": {"1"}}, &res)
	last := int((res.Total + 9) / 10)
	if res.Total == 0 {
		t.Fatal("no Java jobs in 西安市")
	}
	p.open("/#/search?q=Java&type=job&city=" + url.QueryEscape("西安市") + "&page=" + strconv.Itoa(last+5))
	p.waitText("[data-notice=past-end]", "结果共 "+strconv.Itoa(last)+" 页")
	if n := p.count(".results .empty:not([data-notice])"); n != 0 {
		p.fail("a page past the end says nothing was found")
	}
	p.click("#last-page")
	p.waitJS("the last page", `location.hash.includes('page=`+strconv.Itoa(last)+`') && document.querySelectorAll('.results .hit').length > 0`)
	if last > 1 {
		p.waitText(".page-of", "第 "+strconv.Itoa(last)+" / "+strconv.Itoa(last)+" 页")
	}

	// A yearly salary as written: 17-34万/年.
	var yearly jobDoc
	for after := ""; yearly.ID == ""; {
		var page struct {
			Data []jobDoc `json:"data"`
			Next string   `json:"next"`
		}
		apiGet(t, svc.URL, "/api/v1/jobs", url.Values{"limit": {"100"}, "after": {after}, "synthetic": {"false"}}, &page)
		for _, j := range page.Data {
			if strings.Contains(j.SalaryText, "/年") {
				yearly = j
				break
			}
		}
		if page.Next == "" {
			break
		}
		after = page.Next
	}
	if yearly.ID == "" {
		t.Fatal("no real job with a yearly salary")
	}
	p.open("/#/search?type=job&q=" + url.QueryEscape(yearly.Title))
	hit := `.hit[data-id="` + yearly.ID + `"] .hit-meta`
	meta := p.waitText(hit, yearly.SalaryText)
	if !strings.Contains(meta, "薪资 "+yearly.SalaryText) || strings.Contains(meta, "月薪") {
		p.fail("a yearly salary reads %q, want 薪资 %s", meta, yearly.SalaryText)
	}
	p.noConsoleErrors()
}
