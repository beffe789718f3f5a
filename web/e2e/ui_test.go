package e2e_test

import (
	"net/url"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestUI clicks through every journey of the UI on the default data set, in one browser and
// one service (starting them takes most of the time); each journey has its own browser
// context, so cookies and the language choice do not leak between them.
func TestUI(t *testing.T) {
	browser := newBrowser(t)
	svc := startService(t)

	// The write journeys act for a real enterprise and its first suggested partner school.
	var ents searchAnswer
	apiGet(t, svc.URL, "/api/v1/search", url.Values{"q": {"三星（中国）半导体有限公司"}, "type": {"enterprise"}}, &ents)
	if len(ents.Hits) == 0 {
		t.Fatal("the default data set has no 三星（中国）半导体有限公司")
	}
	a := actors{enterpriseID: ents.Hits[0].ID, enterpriseName: ents.Hits[0].Title}
	var partners struct {
		Data []struct {
			Institution struct{ ID, Name string } `json:"institution"`
		} `json:"data"`
	}
	apiGet(t, svc.URL, "/api/v1/enterprises/"+a.enterpriseID+"/partners", url.Values{"limit": {"5"}}, &partners)
	if len(partners.Data) == 0 {
		t.Fatalf("no partner suggestions for %s", a.enterpriseName)
	}
	a.institutionID, a.institutionName = partners.Data[0].Institution.ID, partners.Data[0].Institution.Name
	svc.addUser(t, "hr-ui", xiaoqi.RoleEnterprise, a.enterpriseID)
	svc.addUser(t, "staff-ui", xiaoqi.RoleInstitution, a.institutionID)
	svc.addUser(t, "admin-ui", xiaoqi.RoleAdmin, "")

	t.Run("axe", func(t *testing.T) { axeJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("search", func(t *testing.T) { searchJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("nearplace", func(t *testing.T) { nearPlaceJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("explore", func(t *testing.T) { exploreJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("hr", func(t *testing.T) { hrJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("institution", func(t *testing.T) { institutionJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("admin", func(t *testing.T) { adminJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("idnumber", func(t *testing.T) { idNumberJourney(t, openPage(t, browser, svc.URL), svc) })
	// The personal-data journeys: HR asks for contact details, the candidate manages their
	// profile and reads who saw it (the candidate's journey reads the HR's release).
	pp := seedPeople(t, svc, a)
	t.Run("contact", func(t *testing.T) { contactJourney(t, openPage(t, browser, svc.URL), svc, a, pp) })
	t.Run("candidate", func(t *testing.T) { candidateJourney(t, openPage(t, browser, svc.URL), svc, a, pp) })
	t.Run("mydetails", func(t *testing.T) { myDetailsJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("language", func(t *testing.T) { languageJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("errors", func(t *testing.T) { errorsJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("punctuation", func(t *testing.T) { punctuationJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("training", func(t *testing.T) { trainingJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("plural", func(t *testing.T) { pluralJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("factorgap", func(t *testing.T) { factorGapJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("emptypartners", func(t *testing.T) { emptyPartnersJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("profilephone", func(t *testing.T) { profilePhoneJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("policyenglish", func(t *testing.T) { policyEnglishJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("schoolsenglish", func(t *testing.T) { schoolsEnglishJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("notfound", func(t *testing.T) { notFoundJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("policy", func(t *testing.T) { policyJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("returnee", func(t *testing.T) { returneeEnglishJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("majorsenglish", func(t *testing.T) { majorsEnglishJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("programnameenglish", func(t *testing.T) { programNameEnglishJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("experienceenglish", func(t *testing.T) { experienceEnglishJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("keyboard", func(t *testing.T) { keyboardJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("skiplink", func(t *testing.T) { skipLinkJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("phone", func(t *testing.T) { phoneJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("finder", func(t *testing.T) { finderJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("schoolstate", func(t *testing.T) { schoolStateJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("searchpages", func(t *testing.T) { searchPagesJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("addressfilters", func(t *testing.T) { addressFiltersJourney(t, openPage(t, browser, svc.URL), svc) })
	// What an accessibility and bilingual review of the UI found.
	t.Run("narroworder", func(t *testing.T) { narrowOrderJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("badfilter", func(t *testing.T) { badFilterJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("chinesedata", func(t *testing.T) { chineseDataJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("directorypinyin", func(t *testing.T) { directoryPinyinJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("liveresults", func(t *testing.T) { liveResultsJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("candidateslive", func(t *testing.T) { candidatesLiveJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("missingrecord", func(t *testing.T) { missingRecordJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("pluralone", func(t *testing.T) { pluralOneJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("gapheading", func(t *testing.T) { gapHeadingJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("citygaps", func(t *testing.T) { cityGapsJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("profileerror", func(t *testing.T) { profileErrorJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("coursegap", func(t *testing.T) { courseGapJourney(t, openPage(t, browser, svc.URL), svc) })
	// What an English-only user of the UI found.
	t.Run("joblists", func(t *testing.T) { jobListsJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("directoryenglish", func(t *testing.T) { directoryEnglishJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("salaryenglish", func(t *testing.T) { salaryEnglishJourney(t, openPage(t, browser, svc.URL), svc, a) })
	// Last: it writes enterprises of its own, which the journeys above do not expect.
	t.Run("verified", func(t *testing.T) { verifiedJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("partnerbadges", func(t *testing.T) { partnerBadgesJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("lists", func(t *testing.T) { listsJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("consentkeys", func(t *testing.T) { consentKeysJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("jobformkeys", func(t *testing.T) { jobFormKeysJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("slowparts", func(t *testing.T) { slowPartsJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("partnerkeys", func(t *testing.T) { partnerKeysJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("programs", func(t *testing.T) { programsJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("programfilter", func(t *testing.T) { programFilterJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("programedit", func(t *testing.T) { programEditJourney(t, openPage(t, browser, svc.URL), svc, a) })
	t.Run("firstcourse", func(t *testing.T) { firstCourseJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("record", func(t *testing.T) { recordJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("cancel", func(t *testing.T) { cancelJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("partnerend", func(t *testing.T) { partnerEndJourney(t, openPage(t, browser, svc.URL), svc, a) })
	// It writes a real job need of the enterprise and accepts a partnership for it.
	t.Run("suggestedjob", func(t *testing.T) { suggestedJobJourney(t, openPage(t, browser, svc.URL), svc, a) })
	// Last: they add 100 import jobs and 500 accounts.
	t.Run("imports", func(t *testing.T) { importsJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("accounts", func(t *testing.T) { accountsJourney(t, openPage(t, browser, svc.URL), svc) })
	t.Run("audit", func(t *testing.T) { auditJourney(t, openPage(t, browser, svc.URL), svc) })
}
