package e2e_test

import (
	"context"
	"net/url"
	"slices"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// programNameEnglishJourney: on the English page a program keeps the name its school gives it
// unless that name is its code's major's. 跨文化商务沟通 under 080901 was shown as Computer
// Science and Technology, the code's major, a name the school never gave it; 计算机科学与技术
// is still named in English.
func programNameEnglishJourney(t *testing.T, p *page, svc *service, a actors) {
	// A degree the school has no 080901 program of, so as to add one, not overwrite it.
	var l listAnswer[programDoc]
	apiGet(t, svc.URL, "/api/v1/programs", url.Values{"institution_id": {a.institutionID}, "major_code": {"080901"}}, &l)
	degree := ""
	for _, d := range []string{"博士", "硕士", "培训"} {
		if !slices.ContainsFunc(l.Data, func(x programDoc) bool { return x.Degree == d }) {
			degree = d
			break
		}
	}
	own := &xiaoqi.Program{InstitutionID: a.institutionID, InstitutionName: a.institutionName, Name: "跨文化商务沟通",
		MajorCode: "080901", Degree: degree, GraduatesPerYear: 20}
	if _, err := svc.Store.Upsert(context.Background(), []xiaoqi.Doc{own}); err != nil {
		t.Fatal(err)
	}
	p.open("/#/search")
	p.switchLang()
	p.waitText("nav", "Search")
	p.open("/#/institution/" + a.institutionID)
	sel := `[data-program="` + own.ID + `"] h3`
	p.waitJS("the program's card", `!!document.querySelector('`+sel+`')`)
	// The majors' English names are read once the page is English: wait for one to show.
	p.waitJS("a major named in English", `[...document.querySelectorAll('[data-program] h3')].some((e) => /^[A-Z][a-z]/.test(e.textContent))`)
	if got := p.text(sel); got != "跨文化商务沟通 " && got != "跨文化商务沟通" {
		p.fail("跨文化商务沟通 (080901) on the English page reads %q, want its own name", got)
	}
}
