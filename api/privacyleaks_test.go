package api_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// TestListHidesPrivateCandidatesCursor: a list page left a private candidate out of its data
// but still gave its id as the cursor "next" when it was the page's last document, so that
// anyone could learn that a private profile exists, its id, and with the list's filters its
// city, degree, school and source (?city=榆林市&degree=博士&limit=1 answered data [] and next:
// the private candidate's id). Walking the list with limit=1 must give every visible
// candidate once and never name the private one.
func TestListHidesPrivateCandidatesCursor(t *testing.T) {
	e := newEnv(t)
	var docs []xiaoqi.Doc
	for i := range 3 {
		docs = append(docs, &xiaoqi.Candidate{Name: "公开" + string(rune('甲'+i)), City: "西安市", Degree: "本科"})
	}
	docs = append(docs, &xiaoqi.Candidate{Name: "隐私乙", Phone: "13900002222", City: "榆林市", Degree: "博士",
		Visibility: xiaoqi.VisibilityPrivate})
	res, err := e.Store.Upsert(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	private := res[3].ID
	own := e.newUser(t, "yinsi-yi", xiaoqi.RoleCandidate, private)

	type page struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
		Next string `json:"next"`
	}
	walk := func(key, query string) (ids []string) {
		after := ""
		for range 10 {
			var p page
			e.as(key).get(t, "/api/v1/candidates?limit=1"+query+"&after="+url.QueryEscape(after)).want(t, http.StatusOK).decode(t, &p)
			for _, d := range p.Data {
				ids = append(ids, d.ID)
			}
			if p.Next == private {
				t.Errorf("?limit=1%s&after=%s: next names the private candidate", query, after)
			}
			if p.Next == "" {
				return ids
			}
			after = p.Next
		}
		t.Fatalf("?limit=1%s: the list did not end: %v", query, ids)
		return nil
	}
	for who, key := range map[string]string{"public": "", "admin": e.Key} {
		if got := walk(key, ""); len(got) != 3 || slices.Contains(got, private) {
			t.Errorf("%s walking the list: %v, want the 3 visible candidates", who, got)
		}
		if got := walk(key, "&city="+url.QueryEscape("榆林市")+"&degree="+url.QueryEscape("博士")); len(got) != 0 {
			t.Errorf("%s: a filter only the private candidate matches lists %v", who, got)
		}
	}
	// The candidate themself still finds their profile in the list.
	if got := walk(own, "&city="+url.QueryEscape("榆林市")); !slices.Equal(got, []string{private}) {
		t.Errorf("the private candidate's own list: %v, want their profile", got)
	}
}

// TestListBySourceOfPersonalData: a source an import named after a person's file
// (陈晓东_13700001111_简历) is hidden from the profile, but ?source= with it listed the person,
// and with a wrong phone no one: anyone could tell whether a name and phone were in xiaoqi.
// A source that holds no personal data still filters.
func TestListBySourceOfPersonalData(t *testing.T) {
	e := newEnv(t)
	const personal = "陈晓东_13700001111_简历"
	res, err := e.Store.Upsert(context.Background(), []xiaoqi.Doc{
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{Source: personal, ExternalID: "1"}, Name: "陈晓东", Phone: "13700001111", City: "西安市"},
		&xiaoqi.Candidate{Meta: xiaoqi.Meta{Source: "2024届招聘会", ExternalID: "2"}, Name: "王合成", City: "西安市"},
	})
	if err != nil {
		t.Fatal(err)
	}
	own := e.newUser(t, "chen-xd", xiaoqi.RoleCandidate, res[0].ID)
	count := func(key, source string) int {
		var p struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
		}
		e.as(key).get(t, "/api/v1/candidates?source="+url.QueryEscape(source)).want(t, http.StatusOK).decode(t, &p)
		return len(p.Data)
	}
	for who, key := range map[string]string{"public": "", "admin": e.Key} {
		if n := count(key, personal); n != 0 {
			t.Errorf("%s: ?source=%s lists %d candidates, want none: the source names a person", who, personal, n)
		}
		if n := count(key, "2024届招聘会"); n != 1 {
			t.Errorf("%s: ?source=2024届招聘会 lists %d candidates, want 1", who, n)
		}
	}
	if n := count(own, personal); n != 1 {
		t.Errorf("the candidate's own ?source= lists %d, want their profile", n)
	}
}

// TestCandidateTitleAndCityNotShown: a candidate's title (major · degree · city) and city went
// unredacted into search hits, the index and the matcher's answers: a major or city in which
// the person had written their name or phone (free text, from a form or an import) was shown
// to anyone, and a search for the phone number found them.
func TestCandidateTitleAndCityNotShown(t *testing.T) {
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Matcher = match.New(c.Store, tax) }})
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "标题测试软件", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	job, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.JobNeed{EnterpriseID: res[0].ID, Name: "Java开发工程师", City: "西安市",
		Degree: "本科", Skills: []string{"Java", "MySQL"}, Headcount: 2}})
	if err != nil {
		t.Fatal(err)
	}
	var cand struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/candidates?refresh=wait_for", `{"name":"猪八戒","phone":"13700002222","city":"铜川 13700002222",
		"degree":"本科","skills":["Java","MySQL"],"summary":"熟悉 Java uniqueword8jie",
		"education":[{"institution_name":"西北大学","major":"软件工程 猪八戒 13700002222"}]}`).want(t, http.StatusCreated).decode(t, &cand)
	if hits := candidateHits(t, e, "uniqueword8jie"); !strings.Contains(hits, cand.ID) {
		t.Fatalf("the candidate is not found: %s", hits)
	}
	for _, path := range []string{"/api/v1/search?type=candidate&q=uniqueword8jie", "/api/v1/search?type=candidate&q=13700002222",
		"/api/v1/candidates/" + cand.ID + "/jobs", "/api/v1/jobs/" + job[0].ID + "/candidates?limit=50"} {
		body := string(e.as("").get(t, path).want(t, http.StatusOK).Body)
		for _, p := range []string{"13700002222", "猪八戒"} {
			if strings.Contains(body, p) {
				t.Errorf("GET %s shows %q: %.600s", path, p, body)
			}
		}
	}
}

// TestCandidateIDsAreNotComputable: a candidate's id was the hash of its natural key (the
// source and the student number, or name and contacts), so anyone who knew a student's number
// and the (public) source computed the id and read the anonymised profile as that person's.
// The id is now random; posting the same key again still finds and updates the one profile.
func TestCandidateIDsAreNotComputable(t *testing.T) {
	e := newEnv(t)
	body := `{"source":"cands","external_id":"S001","name":"王小明","city":"西安市","degree":"本科","skills":["Java"]}`
	var first, again xiaoqi.Candidate
	e.send(t, http.MethodPost, "/api/v1/candidates", body).want(t, http.StatusCreated).decode(t, &first)
	probe := &xiaoqi.Candidate{Meta: xiaoqi.Meta{Source: "cands", ExternalID: "S001"}}
	if nk := probe.NaturalKey(); nk == "" || first.ID == xiaoqi.NewID(xiaoqi.KindCandidate, nk) {
		t.Fatalf("candidate id %s is the hash of its key %q", first.ID, nk)
	}
	e.get(t, "/api/v1/candidates/"+xiaoqi.NewID(xiaoqi.KindCandidate, probe.NaturalKey())).want(t, http.StatusNotFound)
	e.send(t, http.MethodPost, "/api/v1/candidates", strings.Replace(body, `"Java"`, `"Java","Go"`, 1)).decode(t, &again)
	if again.ID != first.ID || again.Version != 2 || e.count(t, xiaoqi.KindCandidate) != 1 {
		t.Errorf("the same key posted again: id %s version %d (first %s), %d candidates; want the one profile updated",
			again.ID, again.Version, first.ID, e.count(t, xiaoqi.KindCandidate))
	}
}

// TestNameInPinyinHidden: a returnee wrote "My name is Ouyang Xiaoqi" in her summary, and
// anyone found her profile by that name and read it there. The API and the index hide a
// name written in pinyin as they hide it in Chinese.
func TestNameInPinyinHidden(t *testing.T) {
	e := newEnv(t)
	body := `{"name":"欧阳晓琪","city":"西安市","degree":"硕士","skills":["Java"],"summary":"My name is Ouyang Xiaoqi (Xiaoqi OUYANG), MSc from the University of Leeds."}`
	var created struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/candidates?refresh=wait_for", body).want(t, http.StatusCreated).decode(t, &created)
	shown := string(e.as("").get(t, "/api/v1/candidates/"+created.ID).want(t, http.StatusOK).Body)
	if strings.Contains(strings.ToLower(shown), "ouyang") || strings.Contains(strings.ToLower(shown), "xiaoqi") || !strings.Contains(shown, "University of Leeds") {
		t.Errorf("the anonymised profile: %s", shown)
	}
	for _, q := range []string{"Ouyang Xiaoqi", "Xiaoqi OUYANG", "ouyang"} {
		if hits := candidateHits(t, e, q); strings.Contains(hits, created.ID) {
			t.Errorf("search %q finds her: %s", q, hits)
		}
	}
	if hits := candidateHits(t, e, "University of Leeds"); !strings.Contains(hits, created.ID) {
		t.Errorf("search University of Leeds does not find her: %s", hits)
	}
}
