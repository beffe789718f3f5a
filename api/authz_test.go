package api_test

import (
	"context"
	"fmt"
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
	return f.put(t, &xiaoqi.Program{InstitutionID: inst, Name: "软件技术" + f.fresh(), Degree: "大专"})
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

var (
	all       = matrixRoles
	signedIn  = []string{"admin", "enterprise", "institution", "candidate"}
	adminOnly = []string{"admin"}
)

func authzCases() []authzCase {
	var cs []authzCase
	read := func(route, path string) {
		cs = append(cs, authzCase{route: "GET " + route, req: fixed(path, ""), allow: all})
	}
	read("/healthz", "/healthz")
	read("/readyz", "/readyz")
	read("/api/v1/openapi.json", "/api/v1/openapi.json")
	read("/api/v1/search", "/api/v1/search?q=软件")
	read("/api/v1/suggest", "/api/v1/suggest?q=软")
	read("/api/v1/majors", "/api/v1/majors")
	read("/api/v1/majors/:code", "/api/v1/majors/080902")
	read("/api/v1/divisions", "/api/v1/divisions")
	read("/api/v1/institutions/:id/partners", "/api/v1/institutions/{inst1}/partners")
	read("/api/v1/enterprises/:id/partners", "/api/v1/enterprises/{ent1}/partners")
	read("/api/v1/jobs/:id/candidates", "/api/v1/jobs/{job1}/candidates")
	read("/api/v1/candidates/:id/jobs", "/api/v1/candidates/{cand3}/jobs")
	for _, m := range []string{"GET", "POST"} {
		body := map[string]string{"GET": "", "POST": `{"region":"陕南"}`}[m]
		cs = append(cs, authzCase{route: m + " /api/v1/match/allocate", req: fixed("/api/v1/match/allocate", body), allow: signedIn})
	}
	read("/api/v1/insights/gaps", "/api/v1/insights/gaps")
	read("/api/v1/insights/startup", "/api/v1/insights/startup?sector=software")
	for _, k := range xiaoqi.Kinds {
		res := string(k) + "s"
		if k == xiaoqi.KindPolicy {
			res = "policies"
		}
		read("/api/v1/"+res, "/api/v1/"+res)
		id := map[xiaoqi.Kind]string{xiaoqi.KindInstitution: "inst1", xiaoqi.KindProgram: "prog1",
			xiaoqi.KindEnterprise: "ent1", xiaoqi.KindJob: "job1", xiaoqi.KindCandidate: "cand3",
			xiaoqi.KindPolicy: "pol", xiaoqi.KindPartnership: "prt"}[k]
		read("/api/v1/"+res+"/:id", "/api/v1/"+res+"/{"+id+"}")
	}
	// A private candidate is absent for everyone but themself, administrators included.
	cs = append(cs, authzCase{route: "GET /api/v1/candidates/:id", name: "private", req: fixed("/api/v1/candidates/{cand2}", ""),
		allow: nil, deny: map[string]int{"public": 404, "admin": 404, "enterprise": 404, "institution": 404, "candidate": 404}})

	// Administrators only.
	admin := func(route, path, body string, ok int) {
		cs = append(cs, authzCase{route: route, req: fixed(path, body), allow: adminOnly, ok: ok})
	}
	admin("GET /metrics", "/metrics", "", 0)
	admin("GET /api/v1/imports", "/api/v1/imports", "", 0)
	admin("GET /api/v1/imports/:id", "/api/v1/imports/{import}", "", 0)
	admin("GET /api/v1/imports/:id/report.csv", "/api/v1/imports/{import}/report.csv", "", 0)
	admin("GET /api/v1/users", "/api/v1/users", "", 0)
	admin("GET /api/v1/audit", "/api/v1/audit", "", 0)
	admin("DELETE /api/v1/imports/:id", "/api/v1/imports/{import}", "", 0) // sorted last: it forgets the import
	cs = append(cs, authzCase{route: "POST /api/v1/imports", allow: adminOnly, ok: http.StatusUnsupportedMediaType,
		req: fixed("/api/v1/imports", `{}`)}) // JSON is not an upload: 415 once allowed in
	cs = append(cs, authzCase{route: "POST /api/v1/users", allow: adminOnly, ok: http.StatusCreated,
		req: func(_ *testing.T, f *authzFixture, _ string) (string, string, string) {
			return "/api/v1/users", `{"username":"new` + f.fresh() + `","role":"admin","password":"` + testPassword + `"}`, ""
		}})
	cs = append(cs, authzCase{route: "DELETE /api/v1/users/:id", allow: adminOnly,
		req: func(t *testing.T, f *authzFixture, _ string) (string, string, string) {
			f.e.newUser(t, "gone"+f.fresh(), xiaoqi.RoleAdmin, "")
			us, _ := f.e.Store.(xiaoqi.Accounts).Users(context.Background())
			for _, u := range us {
				if strings.HasPrefix(u.Username, "gone") {
					return "/api/v1/users/" + u.ID, "", ""
				}
			}
			t.Fatal("no user to delete")
			return "", "", ""
		}})

	// The session: anyone signs in, out, and asks who they are.
	cs = append(cs,
		authzCase{route: "GET /api/v1/session", req: fixed("/api/v1/session", ""), allow: all},
		authzCase{route: "POST /api/v1/session", req: fixed("/api/v1/session", `{"username":"hr1","password":"`+testPassword+`"}`), allow: all},
		authzCase{route: "DELETE /api/v1/session", req: fixed("/api/v1/session", ""), allow: all},
	)

	// One's own account: the user and administrators; another's: administrators.
	self := func(t *testing.T, f *authzFixture, role string) string {
		if role == "public" {
			return f.user["admin"]
		}
		return f.user[role]
	}
	other := func(_ *testing.T, f *authzFixture, role string) string {
		if role == "enterprise" {
			return f.user["institution"]
		}
		return f.user["enterprise"]
	}
	for _, target := range []struct {
		name string
		id   func(*testing.T, *authzFixture, string) string
		ok   []string
	}{{"own", self, signedIn}, {"other", other, adminOnly}} {
		cs = append(cs,
			authzCase{route: "GET /api/v1/users/:id", name: target.name, allow: target.ok,
				req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
					return "/api/v1/users/" + target.id(t, f, role), "", ""
				}},
			authzCase{route: "GET /api/v1/users/:id/keys", name: target.name, allow: target.ok,
				req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
					return "/api/v1/users/" + target.id(t, f, role) + "/keys", "", ""
				}},
			authzCase{route: "POST /api/v1/users/:id/keys", name: target.name, allow: target.ok, ok: http.StatusCreated,
				req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
					return "/api/v1/users/" + target.id(t, f, role) + "/keys", `{"name":"matrix"}`, ""
				}},
			authzCase{route: "PUT /api/v1/users/:id/password", name: target.name, allow: target.ok,
				req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
					// The same password again: the matrix keeps working.
					return "/api/v1/users/" + target.id(t, f, role) + "/password",
						`{"current_password":"` + testPassword + `","password":"` + testPassword + `"}`, ""
				}},
		)
	}
	// Keys: a fresh key of the caller's (own) or of another user (other: 404 as if absent).
	for _, route := range []string{"POST /api/v1/keys/:id/rotate", "DELETE /api/v1/keys/:id"} {
		suffix := map[bool]string{true: "/rotate", false: ""}[strings.HasSuffix(route, "rotate")]
		cs = append(cs,
			authzCase{route: route, name: "own", allow: signedIn,
				req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
					// A throw-away user of the role whose only key is rotated or revoked.
					scope := map[string]string{"enterprise": f.ids["ent1"], "institution": f.ids["inst1"], "candidate": f.ids["cand1"]}[role]
					r := xiaoqi.Role(role)
					if role == "public" {
						r = xiaoqi.RoleAdmin
					}
					name := "tmp" + f.fresh()
					key := f.e.newUser(t, name, r, scope)
					id := strings.Split(key, "_")[1]
					if role == "public" {
						key = ""
					}
					return "/api/v1/keys/" + id + suffix, "", key
				}},
			authzCase{route: route, name: "other", allow: adminOnly, deny: map[string]int{"enterprise": 404, "institution": 404, "candidate": 404},
				req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
					key := f.e.newUser(t, "victim"+f.fresh(), xiaoqi.RoleAdmin, "")
					return "/api/v1/keys/" + strings.Split(key, "_")[1] + suffix, "", ""
				}},
		)
	}

	// Documents: create, replace, delete, batch, by scope.
	type docCase struct {
		res               string
		create            func(f *authzFixture, own bool) string // POST body
		ownID, otherID    func(t *testing.T, f *authzFixture) string
		putBody           func(f *authzFixture, own bool) string
		createOK, ownOK   []string
		deleteOwnOK       []string
		otherOK, createOt []string
	}
	docs := []docCase{
		{res: "institutions",
			create: func(f *authzFixture, _ bool) string {
				return `{"name":"新学院` + f.fresh() + `","type":"training","city":"西安市"}`
			},
			ownID:   func(t *testing.T, f *authzFixture) string { return f.ids["inst1"] },
			otherID: func(t *testing.T, f *authzFixture) string { return f.ids["inst2"] },
			putBody: func(f *authzFixture, own bool) string {
				return `{"name":"矩阵测试学院改` + f.fresh() + `","type":"training","city":"西安市"}`
			},
			createOK: adminOnly, ownOK: []string{"admin", "institution"}, deleteOwnOK: adminOnly, otherOK: adminOnly, createOt: adminOnly},
		{res: "programs",
			create: func(f *authzFixture, own bool) string {
				return `{"institution_id":"` + f.ids[map[bool]string{true: "inst1", false: "inst2"}[own]] + `","name":"新专业` + f.fresh() + `","degree":"大专"}`
			},
			ownID:   func(t *testing.T, f *authzFixture) string { return f.newProgram(t, f.ids["inst1"]) },
			otherID: func(t *testing.T, f *authzFixture) string { return f.newProgram(t, f.ids["inst2"]) },
			putBody: func(f *authzFixture, own bool) string {
				return `{"institution_id":"` + f.ids[map[bool]string{true: "inst1", false: "inst2"}[own]] + `","name":"改专业` + f.fresh() + `","degree":"大专"}`
			},
			createOK: []string{"admin", "institution"}, ownOK: []string{"admin", "institution"}, deleteOwnOK: []string{"admin", "institution"}, otherOK: adminOnly, createOt: adminOnly},
		{res: "enterprises",
			create: func(f *authzFixture, _ bool) string {
				return `{"name":"新企业` + f.fresh() + `","city":"西安市"}`
			},
			ownID:    func(t *testing.T, f *authzFixture) string { return f.ids["ent1"] },
			otherID:  func(t *testing.T, f *authzFixture) string { return f.ids["ent2"] },
			putBody:  nil, // below: keeps the credit code of ent1
			createOK: adminOnly, ownOK: []string{"admin", "enterprise"}, deleteOwnOK: adminOnly, otherOK: adminOnly, createOt: adminOnly},
		{res: "jobs",
			create: func(f *authzFixture, own bool) string {
				return `{"enterprise_id":"` + f.ids[map[bool]string{true: "ent1", false: "ent2"}[own]] + `","title":"新岗位` + f.fresh() + `","city":"西安市"}`
			},
			ownID:   func(t *testing.T, f *authzFixture) string { return f.newJob(t, f.ids["ent1"]) },
			otherID: func(t *testing.T, f *authzFixture) string { return f.newJob(t, f.ids["ent2"]) },
			putBody: func(f *authzFixture, own bool) string {
				return `{"enterprise_id":"` + f.ids[map[bool]string{true: "ent1", false: "ent2"}[own]] + `","title":"改岗位` + f.fresh() + `","city":"西安市"}`
			},
			createOK: []string{"admin", "enterprise"}, ownOK: []string{"admin", "enterprise"}, deleteOwnOK: []string{"admin", "enterprise"}, otherOK: adminOnly, createOt: adminOnly},
		{res: "candidates",
			create:   func(f *authzFixture, _ bool) string { return `{"name":"新人` + f.fresh() + `","city":"西安市"}` },
			ownID:    func(t *testing.T, f *authzFixture) string { return f.ids["cand1"] },
			otherID:  func(t *testing.T, f *authzFixture) string { return f.newCandidate(t) },
			putBody:  nil, // below: keeps cand1's consent
			createOK: adminOnly, ownOK: []string{"admin", "candidate"}, deleteOwnOK: nil, otherOK: adminOnly, createOt: adminOnly},
		{res: "policies",
			create: func(f *authzFixture, _ bool) string {
				return `{"number":` + fmt.Sprint(20+f.n.Add(1)%70) + `,"heading":"测试条款","text":"测试。"}`
			},
			ownID:   func(t *testing.T, f *authzFixture) string { return f.ids["pol"] },
			otherID: func(t *testing.T, f *authzFixture) string { return f.ids["pol"] },
			putBody: func(f *authzFixture, _ bool) string {
				return `{"number":12,"heading":"校企合作","text":"鼓励校企合作培养服务外包人才。` + f.fresh() + `"}`
			},
			createOK: adminOnly, ownOK: adminOnly, deleteOwnOK: adminOnly, otherOK: adminOnly, createOt: adminOnly},
	}
	for _, d := range docs {
		putBody := d.putBody
		switch d.res {
		case "enterprises":
			putBody = func(f *authzFixture, own bool) string {
				if own {
					return `{"name":"矩阵一号软件","city":"西安市","credit_code":"` + validCode("91610131MA6TXXXX0") + `","website":"https://e` + f.fresh() + `.example.cn"}`
				}
				return `{"name":"矩阵测试企业改` + f.fresh() + `","city":"西安市"}`
			}
		case "candidates":
			putBody = func(f *authzFixture, own bool) string {
				if own {
					return `{"name":"李四","phone":"13900001111","email":"lisi@example.com","city":"西安市","degree":"本科","consent_enterprises":["` + f.ids["ent1"] + `"],"summary":"` + f.fresh() + `"}`
				}
				return `{"name":"改名` + f.fresh() + `","city":"西安市"}`
			}
		}
		res := d.res
		cs = append(cs,
			authzCase{route: "POST /api/v1/" + res, name: "own", allow: d.createOK, ok: http.StatusCreated,
				req: func(_ *testing.T, f *authzFixture, _ string) (string, string, string) {
					return "/api/v1/" + res, d.create(f, true), ""
				}},
			authzCase{route: "POST /api/v1/" + res, name: "other", allow: d.createOt, ok: http.StatusCreated,
				req: func(_ *testing.T, f *authzFixture, _ string) (string, string, string) {
					return "/api/v1/" + res, d.create(f, false), ""
				}},
			authzCase{route: "POST /api/v1/" + res + "/batch", name: "own", allow: d.createOK,
				req: func(_ *testing.T, f *authzFixture, _ string) (string, string, string) {
					return "/api/v1/" + res + "/batch", "[" + d.create(f, true) + "]", ""
				}},
			authzCase{route: "POST /api/v1/" + res + "/batch", name: "other", allow: d.createOt,
				req: func(_ *testing.T, f *authzFixture, _ string) (string, string, string) {
					return "/api/v1/" + res + "/batch", "[" + d.create(f, false) + "]", ""
				}},
			authzCase{route: "PUT /api/v1/" + res + "/:id", name: "own", allow: d.ownOK,
				req: func(t *testing.T, f *authzFixture, _ string) (string, string, string) {
					return "/api/v1/" + res + "/" + d.ownID(t, f), putBody(f, true), ""
				}},
			authzCase{route: "PUT /api/v1/" + res + "/:id", name: "other", allow: d.otherOK,
				req: func(t *testing.T, f *authzFixture, _ string) (string, string, string) {
					return "/api/v1/" + res + "/" + d.otherID(t, f), putBody(f, false), ""
				}},
			authzCase{route: "DELETE /api/v1/" + res + "/:id", name: "other", allow: d.otherOK,
				req: func(t *testing.T, f *authzFixture, _ string) (string, string, string) {
					switch res {
					case "institutions":
						return "/api/v1/" + res + "/" + f.newInstitution(t), "", ""
					case "enterprises":
						return "/api/v1/" + res + "/" + f.newEnterprise(t), "", ""
					case "policies":
						return "/api/v1/" + res + "/" + f.put(t, &xiaoqi.Policy{Number: 90, Heading: "删", Text: "删" + f.fresh()}), "", ""
					}
					return "/api/v1/" + res + "/" + d.otherID(t, f), "", ""
				}},
		)
		if res == "programs" || res == "jobs" {
			cs = append(cs, authzCase{route: "DELETE /api/v1/" + res + "/:id", name: "own", allow: d.deleteOwnOK,
				req: func(t *testing.T, f *authzFixture, _ string) (string, string, string) {
					return "/api/v1/" + res + "/" + d.ownID(t, f), "", ""
				}})
		}
	}
	// Erasure of one's own profile: a fresh candidate with a fresh account for the candidate role.
	cs = append(cs, authzCase{route: "DELETE /api/v1/candidates/:id", name: "own", allow: []string{"admin", "candidate"},
		req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
			id := f.newCandidate(t)
			key := ""
			if role == "candidate" {
				key = f.e.newUser(t, "erase"+f.fresh(), xiaoqi.RoleCandidate, id)
			}
			return "/api/v1/candidates/" + id, "", key
		}})

	// Personal data.
	cs = append(cs,
		authzCase{route: "GET /api/v1/candidates/:id/contact", name: "consented", allow: []string{"enterprise"},
			req: fixed("/api/v1/candidates/{cand1}/contact?reason=面试邀约", "")},
		authzCase{route: "GET /api/v1/candidates/:id/contact", name: "not consented", allow: nil,
			req: fixed("/api/v1/candidates/{cand3}/contact?reason=面试邀约", "")},
		authzCase{route: "GET /api/v1/candidates/:id/audit", name: "own", allow: []string{"admin", "candidate"},
			req: fixed("/api/v1/candidates/{cand1}/audit", "")},
		authzCase{route: "GET /api/v1/candidates/:id/audit", name: "other", allow: adminOnly,
			req: fixed("/api/v1/candidates/{cand3}/audit", "")},
		authzCase{route: "GET /api/v1/candidates/:id/export", name: "own", allow: []string{"candidate"},
			req: fixed("/api/v1/candidates/{cand1}/export", "")},
		authzCase{route: "GET /api/v1/candidates/:id/export", name: "other", allow: nil,
			req: fixed("/api/v1/candidates/{cand3}/export", "")},
	)

	// Partnerships: the parties (and administrators, who name the side) act; the generic writes
	// are refused to everyone (405).
	for _, r := range []string{"POST /api/v1/partnerships/batch", "PUT /api/v1/partnerships/:id", "DELETE /api/v1/partnerships/:id"} {
		cs = append(cs, authzCase{route: r, req: fixed(strings.Replace(strings.SplitN(r, " ", 2)[1], ":id", "{prt}", 1), `[]`),
			allow: nil, deny: map[string]int{"public": 405, "admin": 405, "enterprise": 405, "institution": 405, "candidate": 405}})
	}
	party := []string{"admin", "enterprise", "institution"}
	cs = append(cs,
		authzCase{route: "POST /api/v1/partnerships", name: "own", allow: party, ok: http.StatusCreated,
			req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
				inst, ent, by := f.newInstitution(t), f.newEnterprise(t), `"by":"institution",`
				switch role {
				case "enterprise":
					ent, by = f.ids["ent1"], ""
				case "institution":
					inst, by = f.ids["inst1"], ""
				}
				return "/api/v1/partnerships", `{` + by + `"institution_id":"` + inst + `","enterprise_id":"` + ent + `"}`, ""
			}},
		authzCase{route: "POST /api/v1/partnerships", name: "other", allow: adminOnly, ok: http.StatusCreated,
			req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
				return "/api/v1/partnerships", `{"by":"enterprise","institution_id":"` + f.newInstitution(t) + `","enterprise_id":"` + f.newEnterprise(t) + `"}`, ""
			}},
	)
	for _, a := range []struct{ action, from string }{{"accept", xiaoqi.PartnershipProposed}, {"decline", xiaoqi.PartnershipProposed}, {"activate", xiaoqi.PartnershipAccepted}} {
		cs = append(cs,
			authzCase{route: "POST /api/v1/partnerships/:id/" + a.action, name: "own", allow: party,
				req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
					// Proposed by the other side, so that the caller's side may answer.
					inst, ent, proposer, body := f.newInstitution(t), f.ids["ent1"], "institution", `{}`
					switch role {
					case "institution":
						inst, ent, proposer = f.ids["inst1"], f.newEnterprise(t), "enterprise"
					case "admin", "public", "candidate":
						body = `{"by":"enterprise"}`
					}
					return "/api/v1/partnerships/" + f.newPartnership(t, inst, ent, a.from, proposer) + "/" + a.action, body, ""
				}},
			authzCase{route: "POST /api/v1/partnerships/:id/" + a.action, name: "other", allow: adminOnly,
				req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
					id := f.newPartnership(t, f.ids["inst2"], f.newEnterprise(t), a.from, "institution")
					return "/api/v1/partnerships/" + id + "/" + a.action, `{"by":"enterprise"}`, ""
				}},
		)
	}
	return cs
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
		headProbe := r == "HEAD /healthz" || r == "HEAD /readyz" // answered like GET
		if !covered[r] && !headProbe {
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
