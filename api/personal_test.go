package api_test

import (
	"context"
	"encoding/json"
	"io"
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

// The life of a candidate's personal data: hidden from the public, from other HR and from
// administrators; shown to the candidate; released to consented HR with a reason, each
// release audited and readable by the candidate; exported; erased everywhere.
func TestCandidateConsentAuditErasure(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	put := func(d xiaoqi.Doc) string {
		res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{d})
		if err != nil {
			t.Fatal(err)
		}
		return res[0].ID
	}
	consented := put(&xiaoqi.Enterprise{Name: "甲软件", City: "西安市"})
	stranger := put(&xiaoqi.Enterprise{Name: "乙外包", City: "西安市"})
	cand := put(&xiaoqi.Candidate{Name: "王小明", Phone: "13800138000", Email: "wxm@example.com",
		BirthDate: "1999-05-01", City: "西安市", Degree: "本科", Skills: []string{"Java", "手机13800138000"},
		Languages: []string{"微信 wxm_1999"}, StudyCountry: "王小明 138.0013.8000",
		Meta:    xiaoqi.Meta{Source: "cands", ExternalID: "6e18e68240caf453"},
		Summary: "王小明，电话 13800138000，熟悉 Java", ConsentEnterprises: []string{consented}})
	hr := e.newUser(t, "hr-jia", xiaoqi.RoleEnterprise, consented)
	hr2 := e.newUser(t, "hr-yi", xiaoqi.RoleEnterprise, stranger)
	me := e.newUser(t, "wxm", xiaoqi.RoleCandidate, cand)
	path := "/api/v1/candidates/" + cand

	// The external id of an imported candidate may be derived from the personal data.
	personal := []string{"王小明", "13800138000", "wxm@example.com", "1999-05-01", "wxm_1999", "0013", "6e18e68240caf453"}
	for who, key := range map[string]string{"public": "", "admin": e.Key, "other HR": hr2, "consented HR": hr} {
		body := string(e.as(key).get(t, path).want(t, http.StatusOK).Body)
		for _, p := range personal {
			if strings.Contains(body, p) {
				t.Errorf("GET %s as %s shows %q: %s", path, who, p, body)
			}
		}
	}
	own := e.as(me).get(t, path).want(t, http.StatusOK)
	for _, p := range personal {
		if !strings.Contains(string(own.Body), p) {
			t.Errorf("the candidate's own profile lacks %q: %s", p, own.Body)
		}
	}

	// Release: a reason is required; only consented HR gets it.
	contact := path + "/contact?reason=" + url.QueryEscape("邀请参加 Java 岗位面试")
	if m := e.as(hr).get(t, path+"/contact").wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "reason").Error.Message; !strings.Contains(m, "必填") || !strings.Contains(m, "is required") {
		t.Errorf("no reason: %q, want it said to be required", m)
	}
	// A reason given, but too short or too long, is said to be so with the bounds, not to be
	// missing: "a" and 201 characters read "reason: 必填 … / is required …".
	for _, tc := range []struct{ reason, zh, en string }{
		{"a", "reason: 过短：须为 2–200 字，现为 1 字", "is too short: it must have 2 to 200 characters, not 1"},
		{strings.Repeat("面", 201), "reason: 过长：须为 2–200 字，现为 201 字", "is too long: it must have 2 to 200 characters, not 201"},
	} {
		m := e.as(hr).get(t, path+"/contact?reason="+url.QueryEscape(tc.reason)).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "reason").Error.Message
		if !strings.HasPrefix(m, tc.zh) || !strings.HasSuffix(m, " / "+tc.en) || strings.Contains(m, "必填") || strings.Contains(m, "required") {
			t.Errorf("a reason of %d characters: %q, want %q … / %q", len([]rune(tc.reason)), m, tc.zh, tc.en)
		}
	}
	// Control characters would go to the audit log the candidate reads.
	e.as(hr).get(t, path+"/contact?reason="+url.QueryEscape("面试邀约\x1b[31m\x00")).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "reason")
	e.as(hr2).get(t, contact).wantError(t, http.StatusForbidden, xiaoqi.EFORBIDDEN, "")
	var got struct {
		Name, Phone, Email, AuditID string
	}
	r := e.as(hr).get(t, contact).want(t, http.StatusOK)
	if err := json.Unmarshal(r.Body, &struct {
		Name    *string `json:"name"`
		Phone   *string `json:"phone"`
		Email   *string `json:"email"`
		AuditID *string `json:"audit_id"`
	}{&got.Name, &got.Phone, &got.Email, &got.AuditID}); err != nil {
		t.Fatal(err)
	}
	if got.Name != "王小明" || got.Phone != "13800138000" || got.Email != "wxm@example.com" || got.AuditID == "" {
		t.Errorf("release = %+v", got)
	}

	// The candidate reads who saw what, and why.
	var audit struct {
		Data []xiaoqi.AuditEntry `json:"data"`
	}
	// And who asked and was refused (hr2, without consent), with the reason: not only who
	// was given the details.
	e.as(me).get(t, path+"/audit").want(t, http.StatusOK).decode(t, &audit)
	if len(audit.Data) != 2 || audit.Data[0].Action != xiaoqi.AuditContactRefused || audit.Data[0].ActorEnterpriseID == consented ||
		audit.Data[0].ActorEnterpriseID == "" || audit.Data[0].Reason != "邀请参加 Java 岗位面试" || len(audit.Data[0].Fields) != 0 ||
		audit.Data[1].Action != xiaoqi.AuditContactRelease || audit.Data[1].ActorEnterpriseID != consented ||
		audit.Data[1].Reason != "邀请参加 Java 岗位面试" || audit.Data[1].ID != got.AuditID {
		t.Errorf("candidate's audit = %+v", audit.Data)
	}
	e.as(hr).get(t, path+"/audit").wantError(t, http.StatusForbidden, xiaoqi.EFORBIDDEN, "")

	// Withdrawn consent stops further releases.
	body := `{"name":"王小明","phone":"13800138000","email":"wxm@example.com","city":"西安市","degree":"本科","visibility":"anonymous"}`
	e.as(me).send(t, http.MethodPut, path, body).want(t, http.StatusOK)
	e.as(hr).get(t, contact).wantError(t, http.StatusForbidden, xiaoqi.EFORBIDDEN, "")
	e.as(hr).do(t, http.MethodHead, contact, nil, "").want(t, http.StatusForbidden) // asks nothing: not recorded

	// Export: everything about the candidate, to the candidate.
	var export struct {
		Candidate *xiaoqi.Candidate   `json:"candidate"`
		Audit     []xiaoqi.AuditEntry `json:"audit"`
		Accounts  []map[string]any    `json:"accounts"`
	}
	e.as(me).get(t, path+"/export").want(t, http.StatusOK).decode(t, &export)
	if export.Candidate == nil || export.Candidate.Phone != "13800138000" || len(export.Audit) != 4 || export.Audit[2].Action != xiaoqi.AuditContactRefused ||
		export.Audit[3].Action != xiaoqi.AuditExport || len(export.Accounts) != 1 {
		t.Errorf("export = %+v", export)
	}

	// Private: gone from lists, pages and search for everyone else.
	body = `{"name":"王小明","phone":"13800138000","city":"西安市","degree":"本科","skills":["Java"],"visibility":"private"}`
	e.as(me).send(t, http.MethodPut, path+"?refresh=wait_for", body).want(t, http.StatusOK)
	e.as(hr).get(t, path).wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
	e.as("").get(t, path).wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
	if list := string(e.as("").get(t, "/api/v1/candidates?limit=100").want(t, http.StatusOK).Body); strings.Contains(list, cand) {
		t.Errorf("a private candidate is listed: %s", list)
	}
	if res := candidateHits(t, e, "Java"); strings.Contains(res, cand) {
		t.Errorf("a private candidate is found by search: %s", res)
	}
	e.as(me).get(t, path).want(t, http.StatusOK)

	// Erasure by the candidate: store, index, accounts, audit.
	e.as(me).do(t, http.MethodDelete, path+"?refresh=wait_for", nil, "").want(t, http.StatusNoContent)
	if _, err := e.Store.Get(ctx, xiaoqi.KindCandidate, cand); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
		t.Errorf("store still holds the erased candidate: %v", err)
	}
	if n := candidateHits(t, e, "Java"); strings.Contains(n, cand) {
		t.Errorf("index still finds the erased candidate: %s", n)
	}
	e.as(me).get(t, "/api/v1/session").want(t, http.StatusUnauthorized) // the account went with the person
	var all struct {
		Data []xiaoqi.AuditEntry `json:"data"`
	}
	e.get(t, "/api/v1/audit?limit=100").want(t, http.StatusOK).decode(t, &all)
	raw, _ := json.Marshal(all)
	if strings.Contains(string(raw), cand) || strings.Contains(string(raw), "面试") {
		t.Errorf("the audit log still names the erased candidate or the reason: %s", raw)
	}
	var erased, released, refused int
	for _, a := range all.Data {
		switch a.Action {
		case xiaoqi.AuditErase:
			erased++
		case xiaoqi.AuditContactRelease, xiaoqi.AuditContactRefused:
			if a.Action == xiaoqi.AuditContactRelease {
				released++
			} else {
				refused++
			}
			if a.SubjectID != xiaoqi.ErasedSubject {
				t.Errorf("%s entry subject %q, want %q", a.Action, a.SubjectID, xiaoqi.ErasedSubject)
			}
		}
	}
	if erased != 1 || released != 1 || refused != 2 {
		t.Errorf("audit after erasure: %d erasures, %d releases, %d refusals, want 1, 1 and 2: %s", erased, released, refused, raw)
	}
}

func candidateHits(t *testing.T, e *env, q string) string {
	t.Helper()
	return string(e.as("").get(t, "/api/v1/search?type=candidate&per_page=100&q="+url.QueryEscape(q)).want(t, http.StatusOK).Body)
}

// Public visibility releases contact details to any verified enterprise, never to an
// unverified one.
func TestContactPublicVisibilityNeedsVerifiedEnterprise(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{
		&xiaoqi.Enterprise{Name: "已核验", City: "西安市", CreditCode: validCode("91610131MA6TXXXX1")},
		&xiaoqi.Enterprise{Name: "未核验", City: "西安市"},
		&xiaoqi.Candidate{Name: "陈公开", Phone: "13700001234", City: "西安市", Visibility: xiaoqi.VisibilityPublic},
	})
	if err != nil {
		t.Fatal(err)
	}
	verified := e.newUser(t, "hr-v", xiaoqi.RoleEnterprise, res[0].ID)
	unverified := e.newUser(t, "hr-u", xiaoqi.RoleEnterprise, res[1].ID)
	path := "/api/v1/candidates/" + res[2].ID + "/contact?reason=" + url.QueryEscape("岗位邀约")
	e.as(verified).get(t, path).want(t, http.StatusOK)
	// The refusal says why: the firm is not verified (it said the candidate had not allowed
	// it, and HR asked the candidate for a consent that verification makes needless).
	refusal := e.as(unverified).get(t, path).wantError(t, http.StatusForbidden, xiaoqi.EFORBIDDEN, "")
	if msg := refusal.Error.Message; !strings.Contains(msg, "已核验的企业") || strings.Contains(msg, "未同意") {
		t.Errorf("the refusal to an unverified enterprise reads %q: want it to say the candidate shares with verified enterprises only", msg)
	}
}

// Sessions: sign in with a password, read with the cookie, write only with the CSRF token,
// sign out.
func TestSessionCookieAndCSRF(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "会话企业", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	e.newUser(t, "hr-session", xiaoqi.RoleEnterprise, res[0].ID)
	pub := e.as("")
	pub.send(t, http.MethodPost, "/api/v1/session", `{"username":"hr-session","password":"wrong-password-123"}`).
		wantError(t, http.StatusUnauthorized, xiaoqi.EUNAUTHORIZED, "")
	login := pub.send(t, http.MethodPost, "/api/v1/session", `{"username":"hr-session","password":"`+testPassword+`"}`).want(t, http.StatusOK)
	var s struct {
		User struct {
			Role         string `json:"role"`
			EnterpriseID string `json:"enterprise_id"`
		} `json:"user"`
		CSRF string `json:"csrf_token"`
	}
	login.decode(t, &s)
	if s.User.Role != "enterprise" || s.User.EnterpriseID != res[0].ID || s.CSRF == "" {
		t.Fatalf("session = %+v", s)
	}
	var cookie *http.Cookie
	for _, c := range (&http.Response{Header: login.Header}).Cookies() {
		if c.Name == "xiaoqi_session" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("session cookie = %+v, want HttpOnly and SameSite=Strict", cookie)
	}
	if !strings.Contains(string(login.Body), `"has_password":true`) {
		t.Errorf("the sign-in answer says the user who signed in with a password has none: %s", login.Body)
	}
	if strings.Contains(string(login.Body), cookie.Value) {
		t.Error("the session token is in the response body; only the cookie should carry it")
	}
	send := func(method, path, body, csrf string) response {
		req, _ := http.NewRequest(method, e.URL+path, strings.NewReader(body))
		req.AddCookie(cookie)
		if body != "" {
			req.Header.Set("Content-Type", jsonType)
		}
		if csrf != "" {
			req.Header.Set("X-CSRF-Token", csrf)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return response{Status: resp.StatusCode, Header: resp.Header, Body: data}
	}
	job := `{"enterprise_id":"` + res[0].ID + `","title":"测试工程师","city":"西安市"}`
	if r := send(http.MethodGet, "/api/v1/session", "", ""); !strings.Contains(string(r.Body), "hr-session") ||
		!strings.Contains(string(r.Body), `"has_password":true`) {
		t.Errorf("GET /session with the cookie: %d %s, want the user, who has a password", r.Status, r.Body)
	}
	if r := send(http.MethodPost, "/api/v1/jobs", job, ""); r.Status != http.StatusForbidden {
		t.Errorf("write without X-CSRF-Token: %d, want 403", r.Status)
	}
	if r := send(http.MethodPost, "/api/v1/jobs", job, "0123456789abcdef"); r.Status != http.StatusForbidden {
		t.Errorf("write with a wrong X-CSRF-Token: %d, want 403", r.Status)
	}
	if r := send(http.MethodPost, "/api/v1/jobs", job, s.CSRF); r.Status != http.StatusCreated {
		t.Errorf("write with the CSRF token: %d %s, want 201", r.Status, r.Body)
	}
	if r := send(http.MethodDelete, "/api/v1/session", "", s.CSRF); r.Status != http.StatusNoContent {
		t.Errorf("sign out: %d", r.Status)
	}
	if r := send(http.MethodPost, "/api/v1/jobs", job, s.CSRF); r.Status != http.StatusUnauthorized {
		t.Errorf("write after signing out: %d, want 401", r.Status)
	}
}

// Keys: a revoked or rotated key stops at once; a bad Authorization header is refused, not
// served as public.
func TestAPIKeyLifecycle(t *testing.T) {
	e := newEnv(t)
	var created struct {
		Key    string `json:"key"`
		APIKey struct {
			ID string `json:"id"`
		} `json:"api_key"`
	}
	e.send(t, http.MethodPost, "/api/v1/users/"+e.Admin.ID+"/keys", `{"name":"ERP 同步"}`).want(t, http.StatusCreated).decode(t, &created)
	k := e.as(created.Key)
	k.get(t, "/api/v1/users").want(t, http.StatusOK)
	var rotated struct {
		Key string `json:"key"`
	}
	k.send(t, http.MethodPost, "/api/v1/keys/"+created.APIKey.ID+"/rotate", "").want(t, http.StatusOK).decode(t, &rotated)
	k.get(t, "/api/v1/users").wantError(t, http.StatusUnauthorized, xiaoqi.EUNAUTHORIZED, "")
	e.as(rotated.Key).get(t, "/api/v1/users").want(t, http.StatusOK)
	e.do(t, http.MethodDelete, "/api/v1/keys/"+created.APIKey.ID, nil, "").want(t, http.StatusNoContent)
	e.as(rotated.Key).get(t, "/api/v1/users").wantError(t, http.StatusUnauthorized, xiaoqi.EUNAUTHORIZED, "")
	e.as("xq_nonsense").get(t, "/api/v1/search").wantError(t, http.StatusUnauthorized, xiaoqi.EUNAUTHORIZED, "")
	req, _ := http.NewRequest(http.MethodGet, e.URL+"/api/v1/search", nil)
	req.Header.Set("Authorization", "Basic YWRtaW46YWRtaW4=")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("Basic auth: %d, want 401", resp.StatusCode)
	}
	// Every 401 says which scheme to use (RFC 9110 requires WWW-Authenticate; it had none).
	if got := resp.Header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
		t.Errorf("401 with WWW-Authenticate %q, want Bearer", got)
	}
	// The scheme is case-insensitive: "bearer xq_…" was refused as if the header were malformed.
	req, _ = http.NewRequest(http.MethodGet, e.URL+"/api/v1/users", nil)
	req.Header.Set("Authorization", "bearer "+e.Key)
	if resp, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("lower-case bearer: %d, want 200", resp.StatusCode)
	}
	// Listing keys never shows a secret or a hash.
	if body := string(e.get(t, "/api/v1/users/"+e.Admin.ID+"/keys").want(t, http.StatusOK).Body); strings.Contains(body, "argon2") || strings.Contains(body, "xq_") {
		t.Errorf("key list shows secrets: %s", body)
	}
	if body := string(e.get(t, "/api/v1/users").Body); strings.Contains(body, "argon2") {
		t.Errorf("user list shows password hashes: %s", body)
	}
	// The access log says who acted: user id, role and the key's public id, never the secret.
	logs := e.Logs.String()
	if !strings.Contains(logs, `"user_id":"`+e.Admin.ID+`","role":"admin","key_id":"`+created.APIKey.ID+`"`) {
		t.Errorf("the access log does not name the caller of the ERP key:\n%.2000s", logs)
	}
	if strings.Contains(logs, created.Key) || strings.Contains(logs, rotated.Key) {
		t.Error("the access log holds an API key")
	}
}

// Erasure reaches derived data: the matcher stops offering the person for a job.
func TestErasureLeavesTheMatcher(t *testing.T) {
	tax, err := skill.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Matcher = match.New(c.Store, tax) }})
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{
		&xiaoqi.Enterprise{Name: "擦除测试软件", City: "西安市"},
		&xiaoqi.Candidate{Name: "周擦除", City: "西安市", Degree: "本科", Skills: []string{"Java", "MySQL", "Spring Boot"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	job, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.JobNeed{EnterpriseID: res[0].ID, Name: "Java开发工程师", City: "西安市",
		Degree: "本科", Skills: []string{"Java", "MySQL", "Spring Boot"}, Headcount: 2}})
	if err != nil {
		t.Fatal(err)
	}
	cand := res[1].ID
	matches := func() string {
		return string(e.as("").get(t, "/api/v1/jobs/"+job[0].ID+"/candidates?limit=50").want(t, http.StatusOK).Body)
	}
	if m := matches(); !strings.Contains(m, cand) {
		t.Fatalf("the candidate is not matched to the job before erasure: %.500s", m)
	}
	e.do(t, http.MethodDelete, "/api/v1/candidates/"+cand+"?refresh=wait_for", nil, "").want(t, http.StatusNoContent)
	if m := matches(); strings.Contains(m, cand) {
		t.Errorf("the matcher still offers the erased candidate: %.500s", m)
	}
}

// Behind a proxy that terminates TLS, Config.SecureCookies makes the session cookie HTTPS-only;
// without it a plain-HTTP server sends it without Secure (a browser would drop it otherwise).
func TestSecureCookies(t *testing.T) {
	for _, secure := range []bool{false, true} {
		e := newEnvWith(t, options{config: func(c *api.Config) { c.SecureCookies = secure }})
		r := e.as("").send(t, http.MethodPost, "/api/v1/session", `{"username":"admin","password":"`+testPassword+`"}`).want(t, http.StatusOK)
		var got *http.Cookie
		for _, c := range (&http.Response{Header: r.Header}).Cookies() {
			if c.Name == api.SessionCookie {
				got = c
			}
		}
		if got == nil || got.Secure != secure {
			t.Errorf("SecureCookies=%v: session cookie %+v, want Secure=%v", secure, got, secure)
		}
	}
}

// TestCreatePrivateCandidate: an administrator who creates a private candidate gets its id
// and version back (it answered a bare null), and nothing of the person.
func TestCreatePrivateCandidate(t *testing.T) {
	e := newEnv(t)
	r := e.send(t, http.MethodPost, "/api/v1/candidates",
		`{"name":"隐私甲","phone":"13900001111","city":"西安市","visibility":"private","skills":["Java"]}`).want(t, http.StatusCreated)
	var got struct {
		ID         string `json:"id"`
		Type       string `json:"type"`
		Version    int64  `json:"version"`
		Visibility string `json:"visibility"`
	}
	r.decode(t, &got)
	if !strings.HasPrefix(got.ID, "cnd_") || got.Type != "candidate" || got.Version != 1 || got.Visibility != "private" ||
		r.Header.Get("Location") != "/api/v1/candidates/"+got.ID {
		t.Errorf("POST of a private candidate: %s (Location %q)", r.Body, r.Header.Get("Location"))
	}
	for _, p := range []string{"隐私甲", "13900001111", "Java"} {
		if strings.Contains(string(r.Body), p) {
			t.Errorf("the answer shows %q of a private candidate: %s", p, r.Body)
		}
	}
}

// TestAdminRecordsConsentOnTheView: an administrator records consent given on paper as the
// API lets them, GET the profile (anonymised), add the enterprise to consent_enterprises, PUT
// it back. That was refused for the missing name; with the name added it wiped the phone,
// e-mail, birth date and external id, stored the summary with [已隐藏 hidden] in it, and HR's
// release then gave the name only. What the view hid is kept.
func TestAdminRecordsConsentOnTheView(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	res, err := e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Enterprise{Name: "甲软件", City: "西安市"}})
	if err != nil {
		t.Fatal(err)
	}
	firm := res[0].ID
	res, err = e.Store.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Candidate{Name: "王磊", Phone: "13800138000", Email: "wl@example.com",
		BirthDate: "1998-02-03", City: "西安市", Degree: "本科", Skills: []string{"Java"},
		Meta: xiaoqi.Meta{Source: "cands", ExternalID: "ab12"}, Summary: "熟悉Java后端开发，微信：wl_1998"}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/candidates/" + res[0].ID
	var body map[string]any
	e.get(t, path).want(t, http.StatusOK).decode(t, &body)
	body["consent_enterprises"] = []string{firm}
	data, _ := json.Marshal(body)
	e.send(t, http.MethodPut, path, string(data)).want(t, http.StatusOK)

	d, err := e.Store.Get(ctx, xiaoqi.KindCandidate, res[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	c := d.(*xiaoqi.Candidate)
	if c.Name != "王磊" || c.Phone != "13800138000" || c.Email != "wl@example.com" || c.BirthDate != "1998-02-03" || c.ExternalID != "ab12" ||
		c.Summary != "熟悉Java后端开发，微信：wl_1998" || !slices.Equal(c.ConsentEnterprises, []string{firm}) {
		t.Errorf("after the administrator's PUT of the profile as shown, with consent: %+v; want the personal data kept and the consent added", c)
	}
	hr := e.newUser(t, "hr-jia", xiaoqi.RoleEnterprise, firm)
	var got struct {
		Name  string `json:"name"`
		Phone string `json:"phone"`
	}
	e.as(hr).get(t, path+"/contact?reason="+url.QueryEscape("面试邀约")).want(t, http.StatusOK).decode(t, &got)
	if got.Name != "王磊" || got.Phone != "13800138000" {
		t.Errorf("HR's release after the consent: %+v, want name and phone", got)
	}
}
