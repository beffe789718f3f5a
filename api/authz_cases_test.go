package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// The roles a case allows, by name.
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
	read("/api/v1/skills", "/api/v1/skills")
	read("/api/v1/institutions/:id/partners", "/api/v1/institutions/{inst1}/partners")
	read("/api/v1/enterprises/:id/partners", "/api/v1/enterprises/{ent1}/partners")
	read("/api/v1/jobs/:id/candidates", "/api/v1/jobs/{job1}/candidates")
	read("/api/v1/candidates/:id/jobs", "/api/v1/candidates/{cand3}/jobs")
	for _, m := range []string{"GET", "POST"} {
		// The scope is in the query: a body saying {"region":"陕南"} was ignored (now a 400).
		body := map[string]string{"GET": "", "POST": `{}`}[m]
		cs = append(cs, authzCase{route: m + " /api/v1/match/allocate", req: fixed("/api/v1/match/allocate?region=陕南", body), allow: signedIn})
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

	cs = append(cs, authzCase{route: "PUT /api/v1/users/:id/disabled", allow: adminOnly, ok: http.StatusOK,
		req: func(t *testing.T, f *authzFixture, _ string) (string, string, string) {
			f.e.newUser(t, "off"+f.fresh(), xiaoqi.RoleAdmin, "")
			us, _ := f.e.Store.(xiaoqi.Accounts).Users(context.Background())
			for _, u := range us {
				if strings.HasPrefix(u.Username, "off") && !u.Disabled {
					return "/api/v1/users/" + u.ID + "/disabled", `{"disabled":true}`, ""
				}
			}
			t.Fatal("no user to disable")
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
				return `{"institution_id":"` + f.ids[map[bool]string{true: "inst1", false: "inst2"}[own]] + `","name":"新专业` + f.fresh() + `","degree":"培训"}`
			},
			ownID:   func(t *testing.T, f *authzFixture) string { return f.newProgram(t, f.ids["inst1"]) },
			otherID: func(t *testing.T, f *authzFixture) string { return f.newProgram(t, f.ids["inst2"]) },
			putBody: func(f *authzFixture, own bool) string {
				return `{"institution_id":"` + f.ids[map[bool]string{true: "inst1", false: "inst2"}[own]] + `","name":"改专业` + f.fresh() + `","degree":"培训"}`
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
	// withdraw is the proposing side's, the answers the other side's: "own" is a partnership
	// the caller's side proposed, or the other side did.
	for _, a := range []struct {
		action, from string
		ownProposal  bool
	}{{"accept", xiaoqi.PartnershipProposed, false}, {"decline", xiaoqi.PartnershipProposed, false}, {"activate", xiaoqi.PartnershipAccepted, false},
		{"withdraw", xiaoqi.PartnershipProposed, true}, {"end", xiaoqi.PartnershipActive, false}} {
		cs = append(cs,
			authzCase{route: "POST /api/v1/partnerships/:id/" + a.action, name: "own", allow: party,
				req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
					// Proposed by the other side, so that the caller's side may answer (by the
					// caller's side for a withdrawal).
					inst, ent, proposer, body := f.newInstitution(t), f.ids["ent1"], "institution", `{}`
					switch role {
					case "institution":
						inst, ent, proposer = f.ids["inst1"], f.newEnterprise(t), "enterprise"
					case "admin", "public", "candidate":
						body = `{"by":"enterprise"}`
					}
					if a.ownProposal {
						proposer = map[string]string{"institution": "enterprise", "enterprise": "institution"}[proposer]
					}
					return "/api/v1/partnerships/" + f.newPartnership(t, inst, ent, a.from, proposer) + "/" + a.action, body, ""
				}},
			authzCase{route: "POST /api/v1/partnerships/:id/" + a.action, name: "other", allow: adminOnly,
				req: func(t *testing.T, f *authzFixture, role string) (string, string, string) {
					id := f.newPartnership(t, f.ids["inst2"], f.newEnterprise(t), a.from, "institution")
					by := map[bool]string{false: "enterprise", true: "institution"}[a.ownProposal]
					return "/api/v1/partnerships/" + id + "/" + a.action, `{"by":"` + by + `"}`, ""
				}},
		)
	}
	return cs
}
