package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
)

// loadOpenAPI fetches /api/v1/openapi.json from e and parses and validates it as OpenAPI 3.
func loadOpenAPI(tb testing.TB, e *env) *openapi3.T {
	tb.Helper()
	r := e.get(tb, "/api/v1/openapi.json").want(tb, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, jsonType) {
		tb.Fatalf("Content-Type %q, want JSON", ct)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(r.Body)
	if err != nil {
		tb.Fatalf("parse openapi.json: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		tb.Fatalf("openapi.json is not valid OpenAPI 3: %v", err)
	}
	return doc
}

// bilingual reports whether s has Chinese and English words.
func bilingual(s string) bool {
	han, latin := false, false
	for _, r := range s {
		han = han || unicode.Is(unicode.Han, r)
		latin = latin || r < unicode.MaxASCII && unicode.IsLetter(r)
	}
	return han && latin
}

func TestOpenAPIDocument(t *testing.T) {
	e := newEnv(t)
	doc := loadOpenAPI(t, e)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q, want 3.x", doc.OpenAPI)
	}
	if e.get(t, "/api/v1/openapi.json?x=1").Status != http.StatusBadRequest {
		t.Errorf("openapi.json accepts an unknown parameter")
	}

	// The error shape the README gives (The API at a glance), and every operation answers it by default.
	errObj := doc.Components.Schemas["ErrorObject"]
	if errObj == nil || errObj.Value.Properties["code"] == nil || errObj.Value.Properties["message"] == nil || errObj.Value.Properties["details"] == nil {
		t.Fatalf("components.schemas.ErrorObject must have code, message and details")
	}
	if ref := doc.Components.Schemas["Error"].Value.Properties["error"].Ref; ref != "#/components/schemas/ErrorObject" {
		t.Errorf("Error.error is %q, want the ErrorObject", ref)
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			if !bilingual(op.Summary) {
				t.Errorf("%s: summary %q is not in Chinese and English", where, op.Summary)
			}
			if op.OperationID == "" {
				t.Errorf("%s: no operationId", where)
			}
			if d := op.Responses.Default(); d == nil || d.Ref != "#/components/responses/Error" {
				t.Errorf("%s: default response is not the error shape", where)
			}
			for _, p := range op.Parameters {
				if p.Value.In == "query" && !bilingual(p.Value.Description) {
					t.Errorf("%s: parameter %s: description %q is not in Chinese and English", where, p.Value.Name, p.Value.Description)
				}
			}
		}
	}
}

// TestOpenAPIRoutes fails when gin serves a route the document lacks, or the document lists a
// route gin does not serve.
func TestOpenAPIRoutes(t *testing.T) {
	served := map[string]bool{}
	param := regexp.MustCompile(`:([A-Za-z_]+)`)
	for _, r := range servedRoutes(t) {
		served[param.ReplaceAllString(r, "{$1}")] = true
	}
	getOf := func(r string) string { return "GET " + strings.TrimPrefix(r, "HEAD ") }
	if len(served) < 60 {
		t.Fatalf("gin serves only %d routes; is the engine the server's?", len(served))
	}

	doc := loadOpenAPI(t, newEnv(t))
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	for _, r := range slices.Sorted(func(yield func(string) bool) {
		for r := range served {
			if !yield(r) {
				return
			}
		}
	}) {
		// The document says once that every GET path answers HEAD too.
		if !documented[r] && !(strings.HasPrefix(r, "HEAD ") && documented[getOf(r)]) {
			t.Errorf("route %s is served but missing from openapi.json", r)
		}
	}
	for r := range documented {
		if !served[r] {
			t.Errorf("openapi.json lists %s, which the server does not serve", r)
		}
		if strings.HasPrefix(r, "GET ") && !served["HEAD "+strings.TrimPrefix(r, "GET ")] {
			t.Errorf("%s is served without HEAD", r)
		}
	}
	if !strings.Contains(doc.Info.Description, "HEAD") {
		t.Error("openapi.json's description does not say that every GET path answers HEAD")
	}
}

// probe is one request of the parameter tests.
type probe struct {
	method, path string
}

// url fills the path parameters from the examples of the document and adds the query.
func (p probe) url(tb testing.TB, op *openapi3.Operation, query url.Values) string {
	tb.Helper()
	path := p.path
	for _, ref := range op.Parameters {
		if prm := ref.Value; prm.In == "path" {
			ex, ok := prm.Example.(string)
			if !ok {
				tb.Fatalf("%s %s: path parameter %s has no string example", p.method, p.path, prm.Name)
			}
			path = strings.ReplaceAll(path, "{"+prm.Name+"}", ex)
		}
	}
	if strings.Contains(path, "{") {
		tb.Fatalf("%s %s: path parameter not declared", p.method, p.path)
	}
	if len(query) > 0 {
		path += "?" + query.Encode()
	}
	return path
}

// unknownParam reports whether r refuses the query parameter name as unknown, and returns the
// parameters the handler says it allows, if it says.
func unknownParam(tb testing.TB, r response, name string) (unknown bool, allowed []string) {
	tb.Helper()
	if r.Status != http.StatusBadRequest {
		return false, nil
	}
	var e apiError
	r.decode(tb, &e)
	for _, d := range e.Error.Details {
		if d.Field == name && (strings.Contains(d.Message, "unknown parameter") || strings.Contains(d.Message, "unsupported filter")) {
			unknown = true
		}
	}
	if _, list, ok := strings.Cut(e.Error.Message, "(allowed: "); ok && unknown {
		list, _, _ = strings.Cut(list, ")")
		allowed = strings.Split(list, ", ")
	}
	return unknown, allowed
}

// exampleValue is a value of a declared parameter that its handler should accept.
func exampleValue(p *openapi3.Parameter) string {
	s := p.Schema.Value
	if s.Type.Is("array") {
		s = s.Items.Value
	}
	switch {
	case s.Default != nil:
		return fmt.Sprint(s.Default)
	case len(s.Enum) > 0:
		return fmt.Sprint(s.Enum[0])
	case s.Type.Is("integer"):
		return "1"
	case s.Type.Is("boolean"):
		return "true"
	}
	return "西安"
}

// jsonFields returns the JSON names of the fields of a struct type, with embedded structs
// flattened as encoding/json does.
func jsonFields(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-" || !f.IsExported():
		case f.Anonymous && name == "":
			out = append(out, jsonFields(f.Type)...)
		case name == "":
			out = append(out, f.Name)
		default:
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestOpenAPISchemas fails when a schema of a domain type and the Go type's JSON differ.
func TestOpenAPISchemas(t *testing.T) {
	doc := loadOpenAPI(t, newEnv(t))
	types := map[string]any{
		"Institution": xiaoqi.Institution{}, "Program": xiaoqi.Program{}, "Enterprise": xiaoqi.Enterprise{},
		"JobNeed": xiaoqi.JobNeed{}, "Policy": xiaoqi.Policy{}, "Partnership": xiaoqi.Partnership{},
		"PartnershipEvent": xiaoqi.PartnershipEvent{}, "Education": xiaoqi.Education{}, "GeoPoint": xiaoqi.GeoPoint{},
		"Hit": xiaoqi.Hit{}, "FacetCount": xiaoqi.FacetCount{}, "Suggestion": xiaoqi.Suggestion{},
		"Major": xiaoqi.Major{}, "Division": xiaoqi.Division{}, "WriteResult": xiaoqi.WriteResult{},
		"MatchParty": xiaoqi.MatchParty{}, "MatchFactor": xiaoqi.MatchFactor{}, "Match": xiaoqi.Match{},
		"MatchList": xiaoqi.MatchList{}, "Scope": xiaoqi.Scope{}, "Assignment": xiaoqi.Assignment{},
		"AllocationSummary": xiaoqi.AllocationSummary{}, "Allocation": xiaoqi.Allocation{},
		"SuggestedMajor": xiaoqi.SuggestedMajor{}, "PlacedInstitution": xiaoqi.PlacedInstitution{},
		"SkillGap": xiaoqi.SkillGap{}, "GapReport": xiaoqi.GapReport{}, "PolicyQuote": xiaoqi.PolicyQuote{},
		"Dossier": xiaoqi.Dossier{}, "Candidate": xiaoqi.Candidate{}, "CandidateInput": xiaoqi.Candidate{},
		"User": xiaoqi.User{}, "APIKey": xiaoqi.APIKey{}, "AuditEntry": xiaoqi.AuditEntry{},
	}
	for name, v := range types {
		s := doc.Components.Schemas[name]
		if s == nil {
			t.Errorf("components.schemas.%s is missing", name)
			continue
		}
		want := jsonFields(reflect.TypeOf(v))
		if name == "Candidate" {
			// The public view (api/privacy.go): personal fields never appear, the birth year does.
			want = slices.DeleteFunc(want, func(f string) bool {
				return slices.Contains([]string{"name", "phone", "email", "birth_date", "consent_enterprises", "own_fields", "former_keys"}, f)
			})
			want = append(want, "birth_year")
			slices.Sort(want)
		}
		if name == "CandidateInput" {
			// Who she was (digests the server keeps, xiaoqi.FormerIdentity) is no one's to write.
			want = slices.DeleteFunc(want, func(f string) bool { return f == "former_keys" })
		}
		if name == "Enterprise" {
			// The API's view adds the check of the credit code (api/personal.go enterpriseView).
			want = append(want, "verified")
			slices.Sort(want)
		}
		if name == "User" {
			// The API's view of a user (api/accounts.go userView): never the password hash;
			// the list of accounts names their enterprise or institution.
			want = slices.DeleteFunc(want, func(f string) bool { return f == "password_hash" || f == "updated_at" })
			want = append(want, "has_password", "scope_name")
			slices.Sort(want)
		}
		var got []string
		for p := range s.Value.Properties {
			got = append(got, p)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("schema %s has properties %v; the Go type has %v", name, got, want)
		}
	}
}

// TestOpenAPICandidatePrivacy: answers are documented with the public view of a candidate;
// the schema with personal data describes request bodies only.
func TestOpenAPICandidatePrivacy(t *testing.T) {
	doc := loadOpenAPI(t, newEnv(t))
	for _, f := range []string{"name", "phone", "email", "birth_date", "consent_enterprises", "own_fields"} {
		if doc.Components.Schemas["Candidate"].Value.Properties[f] != nil {
			t.Errorf("the public Candidate schema has the personal field %s", f)
		}
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			data, err := json.Marshal(op.Responses)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(data), "CandidateInput") {
				t.Errorf("%s %s answers with CandidateInput, the schema with personal data", method, path)
			}
		}
	}
	body := doc.Paths.Find("/api/v1/candidates").Post.RequestBody.Value.Content.Get(jsonType).Schema
	if body.Ref != "#/components/schemas/CandidateInput" {
		t.Errorf("POST /api/v1/candidates takes %q, want CandidateInput (with the personal fields)", body.Ref)
	}
}

// TestOpenAPISearchResponse checks a real search answer against the documented schema.
func TestOpenAPISearchResponse(t *testing.T) {
	e := newEnv(t)
	e.create(t, "institutions", xjtu)
	doc := loadOpenAPI(t, e)
	var page map[string]any
	e.get(t, "/api/v1/search?q=西安交通大学").want(t, http.StatusOK).decode(t, &page)
	schema := doc.Paths.Find("/api/v1/search").Get.Responses.Status(http.StatusOK).Value.Content.Get("application/json").Schema.Value
	if err := schema.VisitJSON(page); err != nil {
		t.Errorf("search answer does not match its schema: %v", err)
	}
	for key := range page {
		if schema.Properties[key] == nil {
			t.Errorf("search answer has %q, which the schema does not declare", key)
		}
	}
	if hits, _ := page["hits"].([]any); len(hits) != 1 {
		t.Fatalf("hits %v, want the one institution", page["hits"])
	}
	var bad map[string]any
	r := e.get(t, "/api/v1/search?per_page=1000").want(t, http.StatusBadRequest)
	if err := json.Unmarshal(r.Body, &bad); err != nil {
		t.Fatal(err)
	}
	errSchema := doc.Components.Schemas["Error"].Value
	if err := errSchema.VisitJSON(bad); err != nil {
		t.Errorf("error answer does not match the Error schema: %v", err)
	}
}

// TestOpenAPISecurity checks the documented authentication against the server: the schemes,
// anonymous access by default, and for every operation that refuses the public with 401 that
// it says so (401 answer, no anonymous security) and names the roles that may call it.
func TestOpenAPISecurity(t *testing.T) {
	e := newEnvWith(t, options{config: func(c *api.Config) { c.Reference = testReference() }})
	doc := loadOpenAPI(t, e)

	schemes := doc.Components.SecuritySchemes
	if s := schemes["apiKey"]; s == nil || s.Value.Type != "http" || s.Value.Scheme != "bearer" {
		t.Errorf("securitySchemes.apiKey must be http bearer: %+v", s)
	}
	if s := schemes["session"]; s == nil || s.Value.Type != "apiKey" || s.Value.In != "cookie" || s.Value.Name != api.SessionCookie {
		t.Errorf("securitySchemes.session must be an apiKey in the cookie %s: %+v", api.SessionCookie, s)
	}
	anonymous := func(reqs openapi3.SecurityRequirements) bool {
		return slices.ContainsFunc(reqs, func(r openapi3.SecurityRequirement) bool { return len(r) == 0 })
	}
	if !anonymous(doc.Security) || len(doc.Security) != 3 {
		t.Errorf("top-level security %v, want anonymous, apiKey or session", doc.Security)
	}
	for _, name := range []string{"Unauthorized", "Forbidden", "TooManyRequests"} {
		if doc.Components.Responses[name] == nil {
			t.Errorf("components.responses.%s is missing", name)
		}
	}
	if doc.Components.Responses["TooManyRequests"].Value.Headers["Retry-After"] == nil {
		t.Errorf("the 429 answer does not document Retry-After")
	}

	public := e.as("")
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			if !strings.Contains(op.Description, "角色 roles:") {
				t.Errorf("%s: the description does not name the roles (角色 roles: …)", where)
			}
			if path != "/healthz" && path != "/readyz" && op.Responses.Status(http.StatusTooManyRequests) == nil {
				t.Errorf("%s: no 429 answer, yet the rate limits apply", where)
			}
			r := public.do(t, method, probe{method, path}.url(t, op, nil), nil, "")
			if r.Status != http.StatusUnauthorized {
				continue
			}
			if op.Responses.Status(http.StatusUnauthorized) == nil {
				t.Errorf("%s: answers the public 401 but documents no 401", where)
			}
			if op.Security == nil || anonymous(*op.Security) {
				t.Errorf("%s: answers the public 401 but its security allows anonymous callers", where)
			}
		}
	}
}

// TestOpenAPIAccountAnswers checks real answers of the account and personal-data endpoints
// against their documented schemas: every key the server sends is declared, and the answer
// validates.
func TestOpenAPIAccountAnswers(t *testing.T) {
	e := newEnv(t)
	doc := loadOpenAPI(t, e)
	check := func(method, path string, status int, r response) {
		t.Helper()
		r.want(t, status)
		op := doc.Paths.Find(path).GetOperation(method)
		schema := op.Responses.Status(status).Value.Content.Get(jsonType).Schema.Value
		var v map[string]any
		r.decode(t, &v)
		if err := schema.VisitJSON(v); err != nil {
			t.Errorf("%s %s: the answer does not match its schema: %v\n%s", method, path, err, r.Body)
		}
		for key := range v {
			if schema.Properties[key] == nil {
				t.Errorf("%s %s: the answer has %q, which the schema does not declare", method, path, key)
			}
		}
	}

	ent := e.create(t, "enterprises", `{"name":"西安软通动力信息技术有限公司","city":"西安市"}`).ID
	cand := e.create(t, "candidates", strings.Replace(person, "ent_0123456789abcdef", ent, 1)).ID
	hr := e.newUser(t, "hr", xiaoqi.RoleEnterprise, ent)
	me := e.newUser(t, "wxm", xiaoqi.RoleCandidate, cand)

	check("GET", "/api/v1/session", http.StatusOK, e.as("").get(t, "/api/v1/session"))
	check("POST", "/api/v1/session", http.StatusOK,
		e.as("").send(t, "POST", "/api/v1/session", `{"username":"hr","password":"`+testPassword+`"}`))

	var u struct{ ID string }
	r := e.send(t, "POST", "/api/v1/users", `{"username":"staff","role":"admin","password":"`+testPassword+`"}`)
	check("POST", "/api/v1/users", http.StatusCreated, r)
	r.decode(t, &u)
	check("GET", "/api/v1/users", http.StatusOK, e.get(t, "/api/v1/users"))
	check("GET", "/api/v1/users/{id}", http.StatusOK, e.get(t, "/api/v1/users/"+u.ID))

	var k struct {
		APIKey struct{ ID string } `json:"api_key"`
	}
	r = e.send(t, "POST", "/api/v1/users/"+u.ID+"/keys", `{"name":"ERP 同步","expires_at":"2099-01-01T00:00:00Z"}`)
	check("POST", "/api/v1/users/{id}/keys", http.StatusCreated, r)
	r.decode(t, &k)
	// Nor a query parameter: the CLI's --expires as ?expires= made a key without an expiry.
	e.send(t, "POST", "/api/v1/users/"+u.ID+"/keys?expires=720h", `{"name":"ERP"}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "expires")
	e.send(t, "POST", "/api/v1/users?role=admin", `{"username":"staff2","role":"admin","password":"`+testPassword+`"}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "role")
	// A rotation takes no body: an expiry in it was ignored without a word.
	e.send(t, "POST", "/api/v1/keys/"+k.APIKey.ID+"/rotate", `{"expires_at":"2030-01-01T00:00:00Z"}`).
		wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "body")
	check("POST", "/api/v1/keys/{id}/rotate", http.StatusOK, e.send(t, "POST", "/api/v1/keys/"+k.APIKey.ID+"/rotate", ""))
	e.do(t, "DELETE", "/api/v1/keys/"+k.APIKey.ID, nil, "").want(t, http.StatusNoContent)
	check("GET", "/api/v1/users/{id}/keys", http.StatusOK, e.get(t, "/api/v1/users/"+u.ID+"/keys"))

	check("GET", "/api/v1/candidates/{id}/contact", http.StatusOK,
		e.as(hr).get(t, "/api/v1/candidates/"+cand+"/contact?reason=面试邀约"))
	check("GET", "/api/v1/candidates/{id}/export", http.StatusOK, e.as(me).get(t, "/api/v1/candidates/"+cand+"/export"))
	check("GET", "/api/v1/candidates/{id}/audit", http.StatusOK, e.as(me).get(t, "/api/v1/candidates/"+cand+"/audit"))
	check("GET", "/api/v1/audit", http.StatusOK, e.get(t, "/api/v1/audit?limit=1"))

	// The audit entries, the key and the export's nested objects: every key declared.
	var page struct{ Data []map[string]any }
	e.get(t, "/api/v1/audit").want(t, http.StatusOK).decode(t, &page)
	if len(page.Data) < 2 {
		t.Fatalf("audit log %v, want the release and the export", page.Data)
	}
	nested := map[string][]map[string]any{"AuditEntry": page.Data}
	var keys struct{ Data []map[string]any }
	e.get(t, "/api/v1/users/"+u.ID+"/keys").want(t, http.StatusOK).decode(t, &keys)
	nested["APIKey"] = keys.Data
	var export struct {
		Accounts []map[string]any
	}
	e.as(me).get(t, "/api/v1/candidates/"+cand+"/export").want(t, http.StatusOK).decode(t, &export)
	nested["User"] = export.Accounts
	for name, objs := range nested {
		schema := doc.Components.Schemas[name].Value
		if len(objs) == 0 {
			t.Errorf("no %s to check", name)
		}
		for _, o := range objs {
			if err := schema.VisitJSON(o); err != nil {
				t.Errorf("%s %v does not match its schema: %v", name, o, err)
			}
			for key := range o {
				if schema.Properties[key] == nil {
					t.Errorf("%s has %q, which the schema does not declare", name, key)
				}
			}
		}
	}
}

// TestOpenAPIConditionalWrites: the lost-update protection (ETag, If-Match, 409) and the
// headers of a write (Location, X-Warning) were served but not in the document, so a client
// made from it could not send If-Match or read the ETag.
func TestOpenAPIConditionalWrites(t *testing.T) {
	doc := loadOpenAPI(t, newEnv(t))
	for _, res := range []string{"candidates", "enterprises", "institutions", "jobs", "policies", "programs"} {
		item := doc.Paths.Find("/api/v1/" + res + "/{id}")
		if item == nil {
			t.Fatalf("/api/v1/%s/{id} is not documented", res)
		}
		if r := item.Get.Responses.Value("200"); r == nil || r.Value.Headers["ETag"] == nil {
			t.Errorf("GET /%s/{id}: 200 declares no ETag", res)
		}
		for name, op := range map[string]*openapi3.Operation{"PUT": item.Put, "DELETE": item.Delete} {
			if p := op.Parameters.GetByInAndName("header", "If-Match"); p == nil {
				t.Errorf("%s /%s/{id} declares no If-Match", name, res)
			}
			if r := op.Responses.Value("409"); r == nil || !strings.Contains(*r.Value.Description, "If-Match") {
				t.Errorf("%s /%s/{id}: no 409 for a stale If-Match", name, res)
			}
		}
		if r := doc.Paths.Find("/api/v1/" + res).Post.Responses.Value("201"); r == nil || r.Value.Headers["Location"] == nil {
			t.Errorf("POST /%s: 201 declares no Location", res)
		}
		for _, code := range []string{"200", "201"} {
			if r := doc.Paths.Find("/api/v1/" + res).Post.Responses.Value(code); r == nil || r.Value.Headers["ETag"] == nil {
				t.Errorf("POST /%s: %s declares no ETag", res, code)
			}
		}
	}
}

// TestOpenAPIJobNeedBounds: the JobNeed schema says what the server enforces on a job need
// (it said nothing: no required fields, no enums, no bounds), from the same constants, so that
// the two cannot drift: the fields Validate requires, status and degree as accepted, the
// headcount and salary bounds, the length of a one-line field.
func TestOpenAPIJobNeedBounds(t *testing.T) {
	doc := loadOpenAPI(t, newEnv(t))
	s := doc.Components.Schemas["JobNeed"].Value
	var required []string
	for _, f := range xiaoqi.ErrorDetails((&xiaoqi.JobNeed{EnterpriseName: "某公司"}).Validate()) {
		required = append(required, f.Field)
	}
	slices.Sort(required)
	if got := slices.Sorted(slices.Values(s.Required)); !slices.Equal(got, required) {
		t.Errorf("JobNeed requires %v, the server %v", got, required)
	}
	enum := func(name string) (out []string) {
		for _, v := range s.Properties[name].Value.Enum {
			out = append(out, fmt.Sprint(v))
		}
		return out
	}
	if got, want := enum("status"), []string{xiaoqi.JobOpen, xiaoqi.JobClosed}; !slices.Equal(got, want) {
		t.Errorf("JobNeed status enum %v, want %v", got, want)
	}
	if got, want := enum("degree"), xiaoqi.Degrees[:7]; !slices.Equal(got, want) {
		t.Errorf("JobNeed degree enum %v, want %v (培训 is no job's)", got, want)
	}
	bounds := func(name string) (lo, hi float64) {
		p := s.Properties[name].Value
		if p.Min == nil || p.Max == nil {
			t.Fatalf("JobNeed %s has no bounds", name)
		}
		return *p.Min, *p.Max
	}
	if lo, hi := bounds("headcount"); lo != 1 || hi != xiaoqi.MaxHeadcount {
		t.Errorf("JobNeed headcount %v–%v, want 1–%d", lo, hi, xiaoqi.MaxHeadcount)
	}
	for _, f := range []string{"salary_min", "salary_max"} {
		if lo, hi := bounds(f); lo != xiaoqi.MinMonthlySalary || hi != xiaoqi.MaxMonthlySalary {
			t.Errorf("JobNeed %s %v–%v, want %d–%d", f, lo, hi, xiaoqi.MinMonthlySalary, xiaoqi.MaxMonthlySalary)
		}
	}
	if p := s.Properties["title"].Value; p.MaxLength == nil || *p.MaxLength != xiaoqi.MaxShortText {
		t.Errorf("JobNeed title maxLength %v, want %d", p.MaxLength, xiaoqi.MaxShortText)
	}
}

// TestOpenAPIRequiredAsValidated: the body schemas named no required field while the server
// refuses a document without them; a client generated from the spec sent bodies the server
// refused. Each schema's required fields are those the document's validation asks for.
func TestOpenAPIRequiredAsValidated(t *testing.T) {
	doc := loadOpenAPI(t, newEnv(t))
	for name, d := range map[string]interface{ Validate() error }{
		"Enterprise": &xiaoqi.Enterprise{}, "Institution": &xiaoqi.Institution{}, "Program": &xiaoqi.Program{},
		"Policy": &xiaoqi.Policy{}, "CandidateInput": &xiaoqi.Candidate{},
	} {
		var want []string
		for _, f := range xiaoqi.ErrorDetails(d.Validate()) {
			want = append(want, f.Field)
		}
		slices.Sort(want)
		s := doc.Components.Schemas[name]
		if s == nil || s.Value == nil {
			t.Errorf("no schema %s", name)
			continue
		}
		if got := slices.Sorted(slices.Values(s.Value.Required)); len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s requires %v, the server %v", name, got, want)
		}
	}
}
