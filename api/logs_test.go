package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/internal/logscan"
)

// TestLogsHoldNoPersonalData sends personal data every way a user could: in search queries,
// filters and suggestions, in URLs that are not found, in bodies that fail validation, in
// an import whose rows are invalid, as a username that cannot sign in, and as API keys right
// and wrong. The server logs every request, and no log line holds a phone number, an e-mail
// address or a key. (TestMain checks the logs of every other test the same way.)
func TestLogsHoldNoPersonalData(t *testing.T) {
	e := newEnv(t)
	const phone, email = "13912345678", "wang.xm@example.com"
	synthPhone := "10012345678" // the seed's synthetic numbers
	for _, q := range []string{phone, email, "+86 139-1234-5678", "联系" + synthPhone, "029-88661234"} {
		v := url.Values{"q": {q}}
		e.get(t, "/api/v1/search?"+v.Encode()).want(t, http.StatusOK)
		e.get(t, "/api/v1/suggest?"+v.Encode())
		e.get(t, "/api/v1/candidates?city="+url.QueryEscape(q))
		e.get(t, "/api/v1/search?"+url.Values{"city": {q}, "skill": {q}, "sort": {q}}.Encode())
	}
	// Not found, with personal data in the path.
	for _, p := range []string{"/api/v1/candidates/" + email, "/api/v1/candidates/" + phone, "/api/v1/" + email,
		"/api/v1/jobs/" + phone + "/candidates", "/" + email + "/" + phone} {
		if r := e.get(t, p); r.Status < 400 {
			t.Errorf("GET %s: status %d, want an error", p, r.Status)
		}
	}
	// Bodies that fail validation, and a candidate that is stored.
	e.send(t, http.MethodPost, "/api/v1/candidates", `{"name":"王小明","email":"wang.xm@@example.com","phone":"139-1234-5678x"}`).
		wantError(t, http.StatusBadRequest, "invalid", "")
	e.send(t, http.MethodPost, "/api/v1/candidates", `{"name":"王小明","phone":`+phone+`}`).want(t, http.StatusBadRequest)
	e.send(t, http.MethodPost, "/api/v1/candidates", `{"name":"王小明","nickname":"`+email+`"}`).want(t, http.StatusBadRequest)
	c := e.create(t, "candidates", `{"name":"王小明","email":"`+email+`","phone":"`+phone+`","city":"西安","skills":["Java"]}`)
	e.get(t, "/api/v1/candidates/"+c.ID).want(t, http.StatusOK)
	e.get(t, "/api/v1/candidates/"+c.ID+"/contact?reason="+url.QueryEscape("call "+phone))
	e.get(t, "/api/v1/candidates/"+c.ID+"/jobs")

	// An import of candidates whose rows have bad and good contact details.
	csv := "姓名,手机,邮箱,城市\r\n李雷,13800138000,li.lei@example,西安\r\n韩梅梅,1380013800,han@@example.cn,西安\r\n张三,13700137000,zhang.san@example.cn,西安\r\n"
	r := e.upload(t, "候选人.csv", []byte(csv), map[string]string{"type": "candidates"})
	var j importJob
	r.want(t, http.StatusAccepted).decode(t, &j)
	if j = e.waitImport(t, j.ID); j.Status != "done" || j.Counts == nil || j.Counts.Invalid != 2 {
		t.Errorf("import: %+v", j)
	}
	e.get(t, j.ReportURL).want(t, http.StatusOK)

	// Signing in with an e-mail address as the username, and API keys wrong and right.
	e.as("").send(t, http.MethodPost, "/api/v1/session", `{"username":"`+email+`","password":"`+phone+`"}`)
	bad := "xq_abcdefabcdef_" + strings.Repeat("Q", 32)
	if r := e.as(bad).get(t, "/api/v1/imports"); r.Status != http.StatusUnauthorized {
		t.Errorf("a made-up key: status %d, want 401", r.Status)
	}
	e.as(e.Key+"x").get(t, "/api/v1/imports")
	e.get(t, "/api/v1/imports").want(t, http.StatusOK)

	logs := e.Logs.String()
	lines := strings.Split(strings.TrimSpace(logs), "\n")
	// 39 requests at least; the server logs a request after answering it, so the last
	// few may not be in the log yet.
	if n := strings.Count(logs, `"msg":"http request"`); n < 35 {
		t.Fatalf("%d requests logged, want nearly every one of the 39 sent", n)
	}
	// Durations in milliseconds, as every other log line times things (nanoseconds without a
	// unit before).
	if !strings.Contains(logs, `"duration_ms":`) || strings.Contains(logs, `"duration":`) {
		t.Errorf("requests are not logged with duration_ms: %.300s", logs)
	}
	for _, status := range []string{`"status":400`, `"status":401`, `"status":404`, `"status":201`, `"status":202`} {
		if !strings.Contains(logs, status) {
			t.Errorf("no request with %s was logged", status)
		}
	}
	for i, line := range lines {
		for _, f := range logscan.Scan(line) {
			t.Errorf("log line %d holds a %s (%s): %s", i+1, f.Kind, f.Match, f.Line)
		}
	}
}
