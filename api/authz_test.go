package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// The authorization matrix: every route × every role, each allow and deny checked.
//
// Roles: the public (no key), an administrator, HR of enterprise ent1, staff of institution
// inst1, and candidate cand1. "own" targets belong to the caller's scope (ent1's job, inst1's
// program, cand1's profile); "other" targets to someone else's (ent2, inst2, cand3). A case
// lists the roles allowed; an allowed call must succeed (2xx, or the status the case names),
// a denied one answers 401 to the public and 403 (or the case's status) to everyone else.

var matrixRoles = []string{"public", "admin", "enterprise", "institution", "candidate"}

// authzFixture holds the documents and keys of the matrix.
type authzFixture struct {
	e    *env
	keys map[string]string // role → API key ("" for the public)
	ids  map[string]string // name → id (inst1, ent2, cand1 …)
	user map[string]string // role → user id
	n    atomic.Int64
}

func (f *authzFixture) put(t *testing.T, d xiaoqi.Doc) string {
	t.Helper()
	res, err := f.e.Store.Upsert(context.Background(), []xiaoqi.Doc{d})
	if err != nil {
		t.Fatalf("upsert %s: %v", d.Kind(), err)
	}
	return res[0].ID
}

// fresh returns a new unique name suffix.
func (f *authzFixture) fresh() string { return fmt.Sprint(f.n.Add(1)) }

func (f *authzFixture) newInstitution(t *testing.T) string {
	return f.put(t, &xiaoqi.Institution{Name: "矩阵测试学院" + f.fresh(), Type: "training", City: "西安市"})
}

func (f *authzFixture) newEnterprise(t *testing.T) string {
	return f.put(t, &xiaoqi.Enterprise{Name: "矩阵测试企业" + f.fresh(), City: "西安市"})
}

func (f *authzFixture) newJob(t *testing.T, ent string) string {
	return f.put(t, &xiaoqi.JobNeed{EnterpriseID: ent, Name: "测试工程师" + f.fresh(), City: "西安市"})
}

func (f *authzFixture) newProgram(t *testing.T, inst string) string {
	return f.put(t, &xiaoqi.Program{InstitutionID: inst, Name: "软件技术" + f.fresh(), Degree: "培训"})
}

func (f *authzFixture) newCandidate(t *testing.T) string {
	return f.put(t, &xiaoqi.Candidate{Name: "测试者" + f.fresh(), City: "西安市", Degree: "本科"})
}

func (f *authzFixture) newPartnership(t *testing.T, inst, ent, status, by string) string {
	return f.put(t, &xiaoqi.Partnership{InstitutionID: inst, EnterpriseID: ent, Status: status, ProposedBy: by})
}

// validCode makes a 统一社会信用代码 with a correct check character.
func validCode(first17 string) string { return first17 + string(xiaoqi.CreditCodeCheck(first17)) }

func newAuthzFixture(t *testing.T) *authzFixture {
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Matcher = match.New(c.Store, tax); c.Reference = testReference() }})
	f := &authzFixture{e: e, ids: map[string]string{}, user: map[string]string{}}
	f.ids["inst1"] = f.newInstitution(t)
	f.ids["inst2"] = f.newInstitution(t)
	f.ids["ent1"] = f.put(t, &xiaoqi.Enterprise{Name: "矩阵一号软件", City: "西安市", CreditCode: validCode("91610131MA6TXXXX0")})
	f.ids["ent2"] = f.newEnterprise(t)
	f.ids["prog1"] = f.newProgram(t, f.ids["inst1"])
	f.ids["prog2"] = f.newProgram(t, f.ids["inst2"])
	f.ids["job1"] = f.newJob(t, f.ids["ent1"])
	f.ids["job2"] = f.newJob(t, f.ids["ent2"])
	f.ids["cand1"] = f.put(t, &xiaoqi.Candidate{Name: "李四", Phone: "13900001111", Email: "lisi@example.com",
		City: "西安市", Degree: "本科", ConsentEnterprises: []string{f.ids["ent1"]}})
	f.ids["cand2"] = f.put(t, &xiaoqi.Candidate{Name: "赵六", City: "西安市", Visibility: xiaoqi.VisibilityPrivate})
	f.ids["cand3"] = f.newCandidate(t)
	f.ids["pol"] = f.put(t, &xiaoqi.Policy{Number: 12, Heading: "校企合作", Text: "鼓励校企合作培养服务外包人才。"})
	f.ids["prt"] = f.newPartnership(t, f.ids["inst1"], f.ids["ent1"], xiaoqi.PartnershipSuggested, "")

	f.keys = map[string]string{"public": "", "admin": e.Key,
		"enterprise":  e.newUser(t, "hr1", xiaoqi.RoleEnterprise, f.ids["ent1"]),
		"institution": e.newUser(t, "staff1", xiaoqi.RoleInstitution, f.ids["inst1"]),
		"candidate":   e.newUser(t, "cand1", xiaoqi.RoleCandidate, f.ids["cand1"]),
	}
	users, err := e.Store.(xiaoqi.Accounts).Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		f.user[map[string]string{"admin": "admin", "hr1": "enterprise", "staff1": "institution", "cand1": "candidate"}[u.Username]] = u.ID
	}
	// An import to read, as an administrator.
	var job struct {
		ID string `json:"id"`
	}
	body, ct := form(t, "jobs.csv", []byte("企业名称,岗位名称,工作城市\n矩阵一号软件,测试,西安\n"), map[string]string{"type": "job", "dry_run": "true"})
	e.do(t, http.MethodPost, "/api/v1/imports", body, ct).want(t, http.StatusAccepted).decode(t, &job)
	e.waitImport(t, job.ID)
	f.ids["import"] = job.ID
	if err := e.Index.WaitFor(context.Background(), mustLastSeq(t, e.Store)); err != nil {
		t.Fatal(err)
	}
	return f
}

func mustLastSeq(t *testing.T, s xiaoqi.Store) uint64 {
	t.Helper()
	n, err := s.LastSeq(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// authzCase is one route (or one target of a route) in the matrix.
type authzCase struct {
	route string // "METHOD /path/:param" as gin reports it
	name  string // the target, when a route has several cases
	// req builds the request of role: the URL path (with query) and the JSON body ("" none);
	// key, when not "", replaces the role's key (a fresh user).
	req   func(t *testing.T, f *authzFixture, role string) (path, body, key string)
	allow []string
	// ok is the status of an allowed call (0: any 2xx); deny overrides 401/403 per role.
	ok   int
	deny map[string]int
}

func fixed(path, body string) func(*testing.T, *authzFixture, string) (string, string, string) {
	return func(_ *testing.T, f *authzFixture, _ string) (string, string, string) {
		return f.expand(path), f.expand(body), ""
	}
}

// expand replaces {name} by the fixture's id of that name.
func (f *authzFixture) expand(s string) string {
	for name, id := range f.ids {
		s = strings.ReplaceAll(s, "{"+name+"}", id)
	}
	return s
}

func TestAuthorizationMatrix(t *testing.T) {
	f := newAuthzFixture(t)
	cases := authzCases()

	// Every route the server serves has a case.
	covered := map[string]bool{}
	for _, c := range cases {
		covered[c.route] = true
	}
	for _, r := range servedRoutes(t) {
		// HEAD runs the handlers of GET (getHead), so GET's case covers it.
		headOfGet := strings.HasPrefix(r, "HEAD ") && covered["GET "+strings.TrimPrefix(r, "HEAD ")]
		if !covered[r] && !headOfGet {
			t.Errorf("route %s has no case in the authorization matrix", r)
		}
	}

	// Deletes of shared fixtures run last.
	slices.SortStableFunc(cases, func(a, b authzCase) int {
		return boolInt(strings.Contains(a.route, "/imports/:id") && strings.HasPrefix(a.route, "DELETE")) -
			boolInt(strings.Contains(b.route, "/imports/:id") && strings.HasPrefix(b.route, "DELETE"))
	})
	checked := 0
	for _, c := range cases {
		method := strings.SplitN(c.route, " ", 2)[0]
		for _, role := range matrixRoles {
			path, body, key := c.req(t, f, role)
			if key == "" {
				key = f.keys[role]
			}
			var r response
			if body != "" {
				r = f.e.as(key).send(t, method, path, body)
			} else {
				r = f.e.as(key).do(t, method, path, nil, "")
			}
			checked++
			allowed := slices.Contains(c.allow, role)
			want := c.deny[role]
			switch {
			case allowed && c.ok != 0:
				want = c.ok
			case allowed:
				if r.Status < 200 || r.Status > 299 {
					t.Errorf("%s [%s] as %s: status %d, want 2xx (allowed); body %.300s", c.route, c.name, role, r.Status, r.Body)
				}
				continue
			case want == 0 && role == "public":
				want = http.StatusUnauthorized
			case want == 0:
				want = http.StatusForbidden
			}
			if r.Status != want {
				verb := map[bool]string{true: "allowed", false: "denied"}[allowed]
				t.Errorf("%s [%s] as %s: status %d, want %d (%s); body %.300s", c.route, c.name, role, r.Status, want, verb, r.Body)
			}
		}
	}
	t.Logf("authorization matrix: %d routes, %d cases, %d requests", len(covered), len(cases), checked)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// servedRoutes lists "METHOD /path/:param" of every route of a server.
func servedRoutes(t *testing.T) []string {
	store, err := bolt.Open(filepath.Join(t.TempDir(), "routes.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	srv := api.New(api.Config{Store: store, ImportDir: t.TempDir()})
	t.Cleanup(func() { srv.Close() })
	engine, ok := srv.Handler().(*gin.Engine)
	if !ok {
		t.Fatalf("Handler is a %T, want *gin.Engine", srv.Handler())
	}
	var out []string
	wild := regexp.MustCompile(`\*[A-Za-z_]+$`)
	for _, r := range engine.Routes() {
		if wild.MatchString(r.Path) && !strings.HasPrefix(r.Path, "/api/") {
			continue // the UI's static files are public (web tests)
		}
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

// TestWriteOrder: a write by the public is answered 401 before its body is read or checked
// (an empty or a 9 MB body alike), and HR's job need without enterprise_id gets HR's own
// enterprise before it is validated (it was refused: "enterprise_id is required").
func TestWriteOrder(t *testing.T) {
	e := newEnv(t)
	pub := e.as("")
	for _, tc := range []struct{ method, path, body string }{
		{http.MethodPost, "/api/v1/jobs", `{}`},
		{http.MethodPut, "/api/v1/jobs/job_x1", `{}`},
		{http.MethodPost, "/api/v1/jobs/batch", "[" + strings.Repeat(`{"title":"x"},`, 600000) + `{}]`},
		{http.MethodDelete, "/api/v1/jobs/job_x1", ""},
	} {
		pub.do(t, tc.method, tc.path, tc.body, jsonType).wantError(t, http.StatusUnauthorized, xiaoqi.EUNAUTHORIZED, "")
	}
	var ent struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"写入顺序测试软件有限公司","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &ent)
	hr := e.as(e.newUser(t, "hr-order", xiaoqi.RoleEnterprise, ent.ID))
	var job xiaoqi.JobNeed
	hr.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"测试工程师","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &job)
	if job.EnterpriseID != ent.ID {
		t.Errorf("HR's job need has enterprise_id %q, want HR's own %s", job.EnterpriseID, ent.ID)
	}
}

// TestImportKeysStayAdministrators: HR may not give its job need an importer's key (source +
// external_id) by PUT, nor change one; a replacement that leaves them out keeps them. (A PUT
// set any unused key, so that a later import's row of that key would land on HR's posting.)
func TestImportKeysStayAdministrators(t *testing.T) {
	e := newEnv(t)
	var ent struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"导入键测试软件有限公司","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &ent)
	hr := e.as(e.newUser(t, "hr-keys", xiaoqi.RoleEnterprise, ent.ID))
	var imported, own, got xiaoqi.JobNeed
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"测试工程师","city":"西安市","enterprise_id":"`+ent.ID+`","source":"51job-2023","external_id":"row-1"}`).
		want(t, http.StatusCreated).decode(t, &imported)
	hr.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"运维工程师","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &own)

	hr.send(t, http.MethodPut, "/api/v1/jobs/"+own.ID, `{"title":"运维工程师","city":"西安市","source":"51job-2023","external_id":"row-2"}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "external_id")
	hr.send(t, http.MethodPut, "/api/v1/jobs/"+imported.ID, `{"title":"测试工程师","city":"西安市","source":"51job-2023","external_id":"row-9"}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "external_id")
	hr.send(t, http.MethodPut, "/api/v1/jobs/"+imported.ID, `{"title":"高级测试工程师","city":"西安市"}`).want(t, http.StatusOK).decode(t, &got)
	if got.Source != "51job-2023" || got.ExternalID != "row-1" || got.Name != "高级测试工程师" {
		t.Errorf("after HR's PUT without them: source %q external_id %q title %q, want the import's key kept", got.Source, got.ExternalID, got.Name)
	}
	// The web UI sends the document as read, key included.
	hr.send(t, http.MethodPut, "/api/v1/jobs/"+imported.ID, `{"title":"测试工程师","city":"西安市","source":"51job-2023","external_id":"row-1"}`).
		want(t, http.StatusOK)
	var ownNow xiaoqi.JobNeed
	e.get(t, "/api/v1/jobs/"+own.ID).want(t, http.StatusOK).decode(t, &ownNow)
	if ownNow.Source != "" || ownNow.ExternalID != "" {
		t.Errorf("HR's own posting took the key %q/%q", ownNow.Source, ownNow.ExternalID)
	}
}

// TestNamesComeFromTheReference: a job need shows the name of the enterprise it belongs to and
// a program that of its institution, whatever name the writer sent (HR posted under another
// firm's name; a training base's staff titled a program "西安交通大学 · 软件工程").
func TestNamesComeFromTheReference(t *testing.T) {
	e := newEnv(t)
	var ent, base struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"名称测试软件有限公司","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &ent)
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"名称测试实训基地","type":"training","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &base)
	hr := e.as(e.newUser(t, "hr-names", xiaoqi.RoleEnterprise, ent.ID))
	staff := e.as(e.newUser(t, "staff-names", xiaoqi.RoleInstitution, base.ID))

	var job xiaoqi.JobNeed
	hr.send(t, http.MethodPost, "/api/v1/jobs", `{"title":"测试工程师","city":"西安市","enterprise_name":"华为技术有限公司"}`).
		want(t, http.StatusCreated).decode(t, &job)
	hr.send(t, http.MethodPut, "/api/v1/jobs/"+job.ID, `{"title":"测试工程师","city":"西安市","enterprise_name":"腾讯科技有限公司"}`).
		want(t, http.StatusOK)
	var stored xiaoqi.JobNeed
	e.get(t, "/api/v1/jobs/"+job.ID).want(t, http.StatusOK).decode(t, &stored)
	if job.EnterpriseName != "名称测试软件有限公司" || stored.EnterpriseName != "名称测试软件有限公司" {
		t.Errorf("HR's job need is shown as %q, then %q; want its own firm's name", job.EnterpriseName, stored.EnterpriseName)
	}
	staff.send(t, http.MethodPost, "/api/v1/programs/batch", `[{"name":"软件测试实训课程","degree":"培训","institution_id":"`+base.ID+`","institution_name":"西安交通大学"}]`).
		want(t, http.StatusOK)
	var list struct{ Data []xiaoqi.Program }
	e.get(t, "/api/v1/programs?institution_id="+base.ID).want(t, http.StatusOK).decode(t, &list)
	if len(list.Data) != 1 || list.Data[0].InstitutionName != "名称测试实训基地" {
		t.Errorf("the base's programs: %+v, want one under its own name", list.Data)
	}

	// Renamed, the firm and the base give their new names to their job needs and programs,
	// which kept the old ones (search and suggestions found them by the old name only).
	hr.send(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, `{"name":"改名测试软件有限公司","city":"西安市"}`).want(t, http.StatusOK)
	staff.send(t, http.MethodPut, "/api/v1/institutions/"+base.ID, `{"name":"改名测试实训基地","type":"training","city":"西安市"}`).want(t, http.StatusOK)
	e.get(t, "/api/v1/jobs/"+job.ID).want(t, http.StatusOK).decode(t, &stored)
	e.get(t, "/api/v1/programs?institution_id="+base.ID).want(t, http.StatusOK).decode(t, &list)
	if stored.EnterpriseName != "改名测试软件有限公司" || len(list.Data) != 1 || list.Data[0].InstitutionName != "改名测试实训基地" {
		t.Errorf("after the renames: the job need under %q, the programs %+v", stored.EnterpriseName, list.Data)
	}
}

// TestProgramTakesItsSchoolsPlace: a program posted without a city is taught where its
// institution is, district included, and a district filter finds it; one that names its
// own city keeps it.
func TestProgramTakesItsSchoolsPlace(t *testing.T) {
	e := newEnv(t)
	var school struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/institutions", `{"name":"区县测试大学","type":"university","city":"西安市","district":"长安区"}`).
		want(t, http.StatusCreated).decode(t, &school)
	var p, other xiaoqi.Program
	e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"软件工程","degree":"本科","institution_id":"`+school.ID+`"}`).
		want(t, http.StatusCreated).decode(t, &p)
	if p.City != "西安市" || p.District != "长安区" {
		t.Errorf("a program without a city: city %q district %q, want its school's 西安市 长安区", p.City, p.District)
	}
	e.send(t, http.MethodPost, "/api/v1/programs", `{"name":"网络工程","degree":"本科","institution_id":"`+school.ID+`","city":"咸阳市"}`).
		want(t, http.StatusCreated).decode(t, &other)
	if other.City != "咸阳市" || other.District != "" {
		t.Errorf("a program in another city: city %q district %q, want 咸阳市 and no district", other.City, other.District)
	}

	if err := e.Index.WaitFor(context.Background(), mustLastSeq(t, e.Store)); err != nil {
		t.Fatal(err)
	}
	var res xiaoqi.SearchResult
	e.get(t, "/api/v1/search?type=program&district=长安区").want(t, http.StatusOK).decode(t, &res)
	if res.Total != 1 || res.Hits[0].ID != p.ID {
		t.Errorf("programs of 长安区: %+v, want 软件工程 only", res.Hits)
	}
}

// TestPutWhatGetAnswered: a document sent back as GET answered it is written, the fields the
// API adds to the view (an enterprise's verified, a candidate's birth_year) left aside: they
// were unknown fields, and the PUT failed.
func TestPutWhatGetAnswered(t *testing.T) {
	e := newEnv(t)
	var ent, cand struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"回写测试软件有限公司","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &ent)
	e.send(t, http.MethodPost, "/api/v1/candidates", `{"name":"回写测试","city":"西安市","birth_date":"1999-03-04","skills":["Java"]}`).
		want(t, http.StatusCreated).decode(t, &cand)
	body := e.get(t, "/api/v1/enterprises/"+ent.ID).want(t, http.StatusOK).Body
	if !strings.Contains(string(body), `"verified"`) {
		t.Fatalf("the enterprise as read: %s, want verified", body)
	}
	e.do(t, http.MethodPut, "/api/v1/enterprises/"+ent.ID, body, jsonType).want(t, http.StatusOK)
	body = e.get(t, "/api/v1/candidates/"+cand.ID).want(t, http.StatusOK).Body
	if !strings.Contains(string(body), `"birth_year"`) {
		t.Fatalf("the candidate as read: %s, want birth_year", body)
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	m["name"], m["birth_date"] = "回写测试", "1999-03-04" // what the view leaves out, given again
	again, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	e.do(t, http.MethodPut, "/api/v1/candidates/"+cand.ID, again, jsonType).want(t, http.StatusOK)
}

// TestReferencesExist: a job need must name an enterprise that exists, and a program an
// institution (they were written, listed and matched for none); an enterprise with job needs
// is not deleted (its job needs stayed open, searched and matched under a name no record had).
func TestReferencesExist(t *testing.T) {
	e := newEnv(t)
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"enterprise_id":"ent_ffffffffffffffff","title":"测试工程师","city":"西安市"}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "enterprise_id")
	e.send(t, http.MethodPost, "/api/v1/programs", `{"institution_id":"ins_ffffffffffffffff","name":"软件工程","degree":"本科"}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "institution_id")
	var ent, job struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"删除测试软件有限公司","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &ent)
	e.send(t, http.MethodPost, "/api/v1/jobs", `{"enterprise_id":"`+ent.ID+`","title":"测试工程师","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &job)
	e.send(t, http.MethodDelete, "/api/v1/enterprises/"+ent.ID, "").wantError(t, http.StatusConflict, xiaoqi.ECONFLICT, "")
	e.send(t, http.MethodDelete, "/api/v1/jobs/"+job.ID, "").want(t, http.StatusNoContent)
	e.send(t, http.MethodDelete, "/api/v1/enterprises/"+ent.ID, "").want(t, http.StatusNoContent)
}

// TestIfMatch: a document read answers its version as an ETag, and a PUT or DELETE sent with
// the ETag of a version no longer stored is refused as stale (409), as a stale version field
// is; If-Match was ignored, and a client that sent it believed itself protected.
func TestIfMatch(t *testing.T) {
	e := newEnv(t)
	var ent struct {
		ID string `json:"id"`
	}
	e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"版本测试软件有限公司","city":"西安市"}`).want(t, http.StatusCreated).decode(t, &ent)
	path := "/api/v1/enterprises/" + ent.ID
	tag := e.get(t, path).want(t, http.StatusOK).Header.Get("ETag")
	if tag != `"1"` {
		t.Fatalf("ETag %q, want \"1\"", tag)
	}
	put := func(ifMatch string) response {
		req, err := http.NewRequest(http.MethodPut, e.URL+path, strings.NewReader(`{"name":"版本测试软件有限公司","city":"宝鸡市"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", jsonType)
		req.Header.Set("Authorization", "Bearer "+e.Key)
		req.Header.Set("If-Match", ifMatch)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return response{Status: res.StatusCode, Header: res.Header, Body: body}
	}
	if r := put(tag); r.Status != http.StatusOK || r.Header.Get("ETag") != `"2"` {
		t.Errorf("PUT with the current ETag: %d, ETag %q; want 200 and \"2\": %s", r.Status, r.Header.Get("ETag"), r.Body)
	}
	if r := put(tag); r.Status != http.StatusConflict || !strings.Contains(string(r.Body), "If-Match") {
		t.Errorf("PUT with a stale ETag: %d %s, want 409 naming If-Match", r.Status, r.Body)
	}
	// If-Match compares strongly (RFC 9110): the weak tag of the current version is stale too;
	// it was taken as the version.
	if r := put(`W/"2"`); r.Status != http.StatusConflict || !strings.Contains(string(r.Body), "If-Match") {
		t.Errorf("PUT with the weak tag of the current version: %d %s, want 409 naming If-Match", r.Status, r.Body)
	}
	// What is no ETag of ours is malformed, not stale (it was 409, as if read long ago).
	for _, bad := range []string{`2`, `"abc"`, `"2`, `W/2`} {
		r := put(bad)
		var ae apiError
		if r.Status != http.StatusBadRequest || json.Unmarshal(r.Body, &ae) != nil || len(ae.Error.Details) == 0 || ae.Error.Details[0].Field != "If-Match" {
			t.Errorf("PUT with If-Match %s: %d %s, want 400 naming If-Match", bad, r.Status, r.Body)
		}
	}
	// A POST answers the ETag of its write, as a PUT does, to send back as If-Match.
	if r := e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"版本测试软件有限公司","city":"宝鸡市"}`).want(t, http.StatusOK); r.Header.Get("ETag") != `"2"` {
		t.Errorf("POST onto version 2: ETag %q, want \"2\"", r.Header.Get("ETag"))
	}
	if r := e.send(t, http.MethodPost, "/api/v1/enterprises", `{"name":"另一家版本测试有限公司","city":"西安市"}`).want(t, http.StatusCreated); r.Header.Get("ETag") != `"1"` {
		t.Errorf("POST of a new enterprise: ETag %q, want \"1\"", r.Header.Get("ETag"))
	}
}

// TestLongValuesBounded: an audit query's actor is bounded, and an unknown type is echoed cut
// short (5,000 characters came back whole in the error).
func TestLongValuesBounded(t *testing.T) {
	e := newEnv(t)
	e.get(t, "/api/v1/audit?actor="+strings.Repeat("a", 201)).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "actor")
	r := e.get(t, "/api/v1/search?type="+strings.Repeat("x", 5000))
	if r.Status != http.StatusBadRequest || len(r.Body) > 1000 {
		t.Errorf("a long unknown type: %d, %d bytes", r.Status, len(r.Body))
	}
}
