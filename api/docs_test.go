package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

func TestInstitutionRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	res := e.send(t, http.MethodPost, "/api/v1/institutions", xjtu).want(t, http.StatusCreated)
	var created stored
	res.decode(t, &created)
	if !strings.HasPrefix(created.ID, "ins_") || created.Version != 1 || created.CreatedAt == "" {
		t.Fatalf("created %+v, want an ins_ id, version 1 and a creation time", created)
	}
	if loc := res.Header.Get("Location"); loc != "/api/v1/institutions/"+created.ID {
		t.Errorf("Location %q", loc)
	}

	// The same natural key again is an update of that document, not a second one.
	var again stored
	e.send(t, http.MethodPost, "/api/v1/institutions", strings.Replace(xjtu, "本科", "专科", 1)).
		want(t, http.StatusOK).decode(t, &again)
	if again.ID != created.ID || again.Version != 2 {
		t.Errorf("upsert by natural key gave %+v, want id %s version 2", again, created.ID)
	}
	if n := e.count(t, xiaoqi.KindInstitution); n != 1 {
		t.Errorf("%d institutions stored, want 1", n)
	}

	var got xiaoqi.Institution
	e.get(t, "/api/v1/institutions/"+created.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Name != "西安交通大学" || got.Level != "专科" || got.Version != 2 || !slices.Equal(got.Tags, []string{"985", "211"}) {
		t.Errorf("GET gave %+v", got)
	}
	// A POST of the known code with a few fields changes those and keeps the rest (it
	// replaced the record, losing its level and tags).
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"西安交通大学","type":"university","city":"西安市","code":"4161010698","website":"https://www.xjtu.edu.cn"}`).
		want(t, http.StatusOK)
	e.get(t, "/api/v1/institutions/"+created.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Website != "https://www.xjtu.edu.cn" || got.Level != "专科" || !slices.Equal(got.Tags, []string{"985", "211"}) || got.Version != 3 {
		t.Errorf("after a POST of three fields, GET gave %+v, want the website added and level and tags kept", got)
	}

	// PUT replaces; a stale version conflicts; the right one wins.
	put := strings.Replace(xjtu, `"name"`, `"version":2,"name"`, 1)
	// The conflict names the field as the body has it: "version", not the store's "docs[0]"
	// of a batch (the message began "docs[0]: " and no detail named the field).
	ce := e.send(t, http.MethodPut, "/api/v1/institutions/"+created.ID, put).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "version")
	if strings.Contains(ce.Error.Message, "docs[") {
		t.Errorf("the conflict of a PUT speaks of a batch: %q", ce.Error.Message)
	}
	// In a batch, the item and its field.
	batch := "[" + xupt + "," + strings.Replace(xjtu, `"name"`, `"id":"`+created.ID+`","version":2,"name"`, 1) + "]"
	e.send(t, http.MethodPost, "/api/v1/institutions/batch", batch).wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "docs[1].version")
	if n := e.count(t, xiaoqi.KindInstitution); n != 1 {
		t.Errorf("%d institutions after a refused batch, want 1", n)
	}
	put = strings.Replace(xjtu, `"name"`, `"id":"`+created.ID+`","version":3,"name"`, 1)
	var replaced stored
	e.send(t, http.MethodPut, "/api/v1/institutions/"+created.ID, put).want(t, http.StatusOK).decode(t, &replaced)
	if replaced.ID != created.ID || replaced.Version != 4 {
		t.Errorf("PUT gave %+v, want version 4", replaced)
	}
	e.get(t, "/api/v1/institutions/"+created.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Level != "本科" {
		t.Errorf("after PUT level %q, want 本科", got.Level)
	}

	// PUT never creates.
	missing := xiaoqi.NewID(xiaoqi.KindInstitution, "code:4161099999")
	e.send(t, http.MethodPut, "/api/v1/institutions/"+missing, xupt).wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
	if n := e.count(t, xiaoqi.KindInstitution); n != 1 {
		t.Errorf("%d institutions after PUT of a missing id, want 1", n)
	}

	res = e.do(t, http.MethodDelete, "/api/v1/institutions/"+created.ID, nil, "").want(t, http.StatusNoContent)
	if len(res.Body) != 0 {
		t.Errorf("204 with body %q", res.Body)
	}
	e.get(t, "/api/v1/institutions/"+created.ID).wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
	e.do(t, http.MethodDelete, "/api/v1/institutions/"+created.ID, nil, "").wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
}

func TestJobRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	job := e.create(t, "jobs", javaJob)
	if !strings.HasPrefix(job.ID, "job_") || job.Title != "Java开发工程师" {
		t.Fatalf("created %+v", job)
	}
	// Writing the same content again changes nothing.
	var same stored
	e.send(t, http.MethodPost, "/api/v1/jobs", javaJob).want(t, http.StatusOK).decode(t, &same)
	if same.ID != job.ID || same.Version != job.Version {
		t.Errorf("identical write gave %+v, want %+v", same, job)
	}

	var got xiaoqi.JobNeed
	e.get(t, "/api/v1/jobs/"+job.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Headcount != 5 || got.EnterpriseName != "西安软通动力" || !slices.Equal(got.Skills, []string{"Java", "MySQL"}) {
		t.Errorf("GET gave %+v", got)
	}

	closed := strings.Replace(javaJob, `"open"`, `"closed"`, 1)
	var put stored
	e.send(t, http.MethodPut, "/api/v1/jobs/"+job.ID+"?refresh=wait_for", closed).want(t, http.StatusOK).decode(t, &put)
	if put.Version != job.Version+1 {
		t.Errorf("PUT version %d, want %d", put.Version, job.Version+1)
	}
	e.get(t, "/api/v1/jobs/"+job.ID).want(t, http.StatusOK).decode(t, &got)
	if got.Status != xiaoqi.JobClosed {
		t.Errorf("status %q after PUT, want closed", got.Status)
	}

	e.do(t, http.MethodDelete, "/api/v1/jobs/"+job.ID+"?refresh=wait_for", nil, "").want(t, http.StatusNoContent)
	e.get(t, "/api/v1/jobs/"+job.ID).wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
	if n := e.count(t, xiaoqi.KindJob); n != 0 {
		t.Errorf("%d jobs after DELETE", n)
	}
}

func TestBatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	body := "[" + xjtu + "," + xupt + "," + baoji + "]"
	var out struct {
		Results []xiaoqi.WriteResult `json:"results"`
	}
	e.send(t, http.MethodPost, "/api/v1/institutions/batch?refresh=wait_for", body).want(t, http.StatusOK).decode(t, &out)
	if len(out.Results) != 3 {
		t.Fatalf("%d results, want 3", len(out.Results))
	}
	for _, r := range out.Results {
		if !r.Created || r.Kind != xiaoqi.KindInstitution || r.Version != 1 || r.Seq == 0 {
			t.Errorf("result %+v, want a created institution", r)
		}
	}
	// Again: every document is unchanged.
	e.send(t, http.MethodPost, "/api/v1/institutions/batch", body).want(t, http.StatusOK).decode(t, &out)
	for _, r := range out.Results {
		if r.Created || !r.Unchanged {
			t.Errorf("second batch result %+v, want unchanged", r)
		}
	}
	if n := e.count(t, xiaoqi.KindInstitution); n != 3 {
		t.Errorf("%d institutions, want 3", n)
	}
}

// listAll follows the cursor of GET path until the last page and returns the ids in order.
func listAll(t testing.TB, e *env, path string, limit int) []string {
	t.Helper()
	var ids []string
	after := ""
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatalf("more than 100 pages of %s", path)
		}
		q := url.Values{"limit": {fmt.Sprint(limit)}}
		if after != "" {
			q.Set("after", after)
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		var page struct {
			Data []stored `json:"data"`
			Next *string  `json:"next"`
		}
		e.get(t, path+sep+q.Encode()).want(t, http.StatusOK).decode(t, &page)
		if len(page.Data) > limit {
			t.Fatalf("page of %d documents, limit %d", len(page.Data), limit)
		}
		for _, d := range page.Data {
			ids = append(ids, d.ID)
		}
		if page.Next == nil {
			return ids
		}
		if *page.Next == "" {
			t.Fatalf("next is present but empty")
		}
		after = *page.Next
	}
}

func TestListFiltersAndPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	var docs []string
	for i := range 7 {
		city := "西安市"
		if i%3 == 0 {
			city = "宝鸡市"
		}
		docs = append(docs, fmt.Sprintf(`{"name":"培训中心%d","type":"training","city":%q}`, i, city))
	}
	var out struct {
		Results []xiaoqi.WriteResult `json:"results"`
	}
	e.send(t, http.MethodPost, "/api/v1/institutions/batch", "["+strings.Join(docs, ",")+"]").want(t, http.StatusOK).decode(t, &out)
	var all, baojiIDs []string
	for i, r := range out.Results {
		all = append(all, r.ID)
		if i%3 == 0 {
			baojiIDs = append(baojiIDs, r.ID)
		}
	}
	slices.Sort(all)
	slices.Sort(baojiIDs)

	for _, limit := range []int{1, 2, 3, 7, 1000} {
		if got := listAll(t, e, "/api/v1/institutions", limit); !slices.Equal(got, all) {
			t.Errorf("limit %d: listed %v, want %v", limit, got, all)
		}
	}
	if got := listAll(t, e, "/api/v1/institutions?city="+url.QueryEscape("宝鸡市"), 2); !slices.Equal(got, baojiIDs) {
		t.Errorf("city=宝鸡市 listed %v, want %v", got, baojiIDs)
	}
	if got := listAll(t, e, "/api/v1/institutions?type=training&city="+url.QueryEscape("西安市"), 100); len(got) != 4 {
		t.Errorf("type=training&city=西安市 listed %d, want 4", len(got))
	}
	if got := listAll(t, e, "/api/v1/institutions?synthetic=true", 5); len(got) != 0 {
		t.Errorf("synthetic=true listed %v, want none", got)
	}

	// Default page size and an empty list.
	var page struct {
		Data []json.RawMessage `json:"data"`
		Next string            `json:"next"`
	}
	e.get(t, "/api/v1/jobs").want(t, http.StatusOK).decode(t, &page)
	if page.Data == nil || len(page.Data) != 0 || page.Next != "" {
		t.Errorf("empty list gave %+v, want data [] and no next", page)
	}
}

// personal are the candidate's personal values, none of which any response or log may show.
var personal = []string{"王小明", "13800138000", "wxm@example.com", "1999-05-01", "ent_0123456789abcdef",
	"029-8866 5544", "xm.wang@qq.com"}

func TestCandidateAnonymised(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	res := e.send(t, http.MethodPost, "/api/v1/candidates?refresh=wait_for", person).want(t, http.StatusCreated)
	var c stored
	res.decode(t, &c)
	// The store keeps what was written ...
	d, err := e.Store.Get(t.Context(), xiaoqi.KindCandidate, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cand := d.(*xiaoqi.Candidate); cand.Name != "王小明" || cand.Phone != "13800138000" {
		t.Fatalf("stored candidate %+v", cand)
	}
	// ... but no response shows it.
	responses := map[string]response{
		"POST":   res,
		"GET":    e.get(t, "/api/v1/candidates/"+c.ID).want(t, http.StatusOK),
		"list":   e.get(t, "/api/v1/candidates?city="+url.QueryEscape("西安市")).want(t, http.StatusOK),
		"search": e.get(t, "/api/v1/search?type=candidates&q=Java").want(t, http.StatusOK),
		"PUT":    e.send(t, http.MethodPut, "/api/v1/candidates/"+c.ID, person).want(t, http.StatusOK),
	}
	for name, r := range responses {
		for _, p := range personal {
			if strings.Contains(string(r.Body), p) {
				t.Errorf("%s response shows %q: %s", name, p, r.Body)
			}
		}
		for _, key := range []string{`"name"`, `"phone"`, `"email"`, `"birth_date"`} {
			if strings.Contains(string(r.Body), key) {
				t.Errorf("%s response has key %s: %s", name, key, r.Body)
			}
		}
	}
	var got map[string]any
	responses["GET"].decode(t, &got)
	if got["birth_year"] != float64(1999) || got["city"] != "西安市" || got["id"] != c.ID {
		t.Errorf("GET candidate %v, want id, city and birth_year 1999", got)
	}
	if s, _ := got["summary"].(string); !strings.Contains(s, "2019-2023 在西安做 Java 开发") || !strings.Contains(s, "已隐藏") {
		t.Errorf("summary %q, want the work history kept and the contact details hidden", s)
	}
	var list struct {
		Data []map[string]any `json:"data"`
	}
	responses["list"].decode(t, &list)
	if len(list.Data) != 1 || list.Data[0]["id"] != c.ID {
		t.Errorf("list %v, want the candidate", list.Data)
	}
	// Nor do the logs, which never carry query strings or bodies.
	logs := e.Logs.String()
	for _, p := range append(personal, "city=", url.QueryEscape("西安市"), "q=Java") {
		if strings.Contains(logs, p) {
			t.Errorf("logs show %q:\n%s", p, logs)
		}
	}
}

// TestListBadFilterValues: a filter value that cannot exist is a 400 naming the filter, as in
// search, not an empty list that says "none" where the caller made a mistake.
func TestListBadFilterValues(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tc := range []struct{ path, field string }{
		{"/api/v1/jobs?status=bogus", "status"},
		{"/api/v1/jobs?sector=mining", "sector"},
		{"/api/v1/jobs?region=华北", "region"},
		{"/api/v1/jobs?degree=学士后", "degree"},
		{"/api/v1/jobs?city=%ff", "city"},
		{"/api/v1/jobs?enterprise_id=ins_1", "enterprise_id"},
		{"/api/v1/programs?institution_id=ent_1", "institution_id"},
		{"/api/v1/institutions?type=school", "type"},
		{"/api/v1/partnerships?status=married", "status"},
	} {
		e.get(t, tc.path).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, tc.field)
	}
	// A city as people write it: 西安 lists what 西安市 does.
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"城市测试岗位","city":"西安市","enterprise_name":"某公司"}`).want(t, http.StatusCreated)
	var short, full struct{ Data []xiaoqi.JobNeed }
	e.get(t, "/api/v1/jobs?city="+url.QueryEscape("西安")).want(t, http.StatusOK).decode(t, &short)
	e.get(t, "/api/v1/jobs?city="+url.QueryEscape("西安市")).want(t, http.StatusOK).decode(t, &full)
	if len(short.Data) != 1 || len(full.Data) != 1 {
		t.Errorf("jobs in 西安: %d, in 西安市: %d; want the job both ways", len(short.Data), len(full.Data))
	}
	// A sector by its code or its names, as the UI shows them.
	sw := e.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"测试开发","city":"西安市","enterprise_name":"某公司","sector":"software","degree":"本科"}`).want(t, http.StatusCreated)
	var created xiaoqi.JobNeed
	sw.decode(t, &created)
	for _, sector := range []string{"software", "软件研发和测试", " Software Development and Testing "} {
		var byName struct{ Data []xiaoqi.JobNeed }
		e.get(t, "/api/v1/jobs?sector="+url.QueryEscape(sector)).want(t, http.StatusOK).decode(t, &byName)
		if len(byName.Data) != 1 || byName.Data[0].ID != created.ID {
			t.Errorf("jobs of sector %q: %d, want the software job", sector, len(byName.Data))
		}
	}
	// A region and a degree in English, as the English UI shows them.
	for _, path := range []string{"/api/v1/jobs?region=Guanzhong", "/api/v1/jobs?region=" + url.QueryEscape("关中"), "/api/v1/jobs?region=guanzhong"} {
		var got struct{ Data []xiaoqi.JobNeed }
		e.get(t, path).want(t, http.StatusOK).decode(t, &got)
		if len(got.Data) != 2 {
			t.Errorf("%s: %d jobs, want the two of 西安", path, len(got.Data))
		}
	}
	var bachelor struct{ Data []xiaoqi.JobNeed }
	e.get(t, "/api/v1/jobs?degree=Bachelor").want(t, http.StatusOK).decode(t, &bachelor)
	if len(bachelor.Data) != 1 || bachelor.Data[0].ID != created.ID {
		t.Errorf("jobs?degree=Bachelor: %d, want the 本科 job", len(bachelor.Data))
	}
	for _, path := range []string{"/api/v1/jobs?status=open&sector=software&region=关中&degree=本科", "/api/v1/partnerships?status=active",
		"/api/v1/institutions?type=training", "/api/v1/jobs?city="} {
		e.get(t, path).want(t, http.StatusOK)
	}
}
