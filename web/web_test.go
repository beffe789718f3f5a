package web_test

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/web"
)

func get(t *testing.T, h http.Handler, method, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func TestHandler(t *testing.T) {
	h := web.Handler()
	for _, tc := range []struct {
		method, path string
		status       int
		ctype, body  string
	}{
		{"GET", "/", 200, "text/html", `<html lang="zh-CN">`},
		{"HEAD", "/", 200, "text/html", ""},
		{"GET", "/assets/app.js", 200, "javascript", "parseHash"},
		{"GET", "/assets/style.css", 200, "text/css", ":root"},
		{"GET", "/assets/i18n.json", 200, "application/json", `"app.title"`},
		{"GET", "/assets/icon.svg", 200, "image/svg+xml", "<svg"},
		// The English names of places, which the English UI shows for 深圳市 and 雁塔区.
		{"GET", "/assets/places.json", 200, "application/json", `{"name":"雁塔区","city":"西安市","en":"Yanta District"}`},
		{"GET", "/assets/places.json", 200, "application/json", `{"name":"深圳市","en":"Shenzhen"}`},
		{"GET", "/index.html", 301, "", ""},
		{"GET", "/assets/", 404, "", ""},
		{"GET", "/assets/nope.js", 404, "", ""},
		{"GET", "/static/index.html", 404, "", ""},
		{"GET", "/web.go", 404, "", ""},
		{"POST", "/", 405, "", ""},
	} {
		res, body := get(t, h, tc.method, tc.path)
		if res.StatusCode != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, res.StatusCode, tc.status)
			continue
		}
		if ct := res.Header.Get("Content-Type"); tc.ctype != "" && !strings.Contains(ct, tc.ctype) {
			t.Errorf("%s %s: Content-Type %q, want %s", tc.method, tc.path, ct, tc.ctype)
		}
		if !strings.Contains(body, tc.body) {
			t.Errorf("%s %s: body lacks %q", tc.method, tc.path, tc.body)
		}
	}
}

// assets returns the text of every embedded file with the extension ext.
func assets(t *testing.T, ext string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(web.Assets(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ext) {
			return err
		}
		b, err := fs.ReadFile(web.Assets(), path)
		out[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no %s files embedded", ext)
	}
	return out
}

// TestNoInlineCode keeps the UI within its Content-Security-Policy (no inline scripts or
// styles) and away from HTML parsing of data: API text is only ever inserted as text.
func TestNoInlineCode(t *testing.T) {
	for path, html := range assets(t, ".html") {
		for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(html, -1) {
			if !strings.Contains(tag, " src=") {
				t.Errorf("%s: %s has no src: inline scripts break the CSP", path, tag)
			}
		}
		for _, re := range []*regexp.Regexp{
			regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`), // a script with a body
			regexp.MustCompile(`\sstyle\s*=`),
			regexp.MustCompile(`<style`),
			regexp.MustCompile(`\son[a-z]+\s*=`),
			regexp.MustCompile(`(?i)https?://`), // no CDN
		} {
			if m := re.FindString(html); m != "" {
				t.Errorf("%s: %q (inline code, or a resource from elsewhere)", path, m)
			}
		}
	}
	for path, js := range assets(t, ".js") {
		// The SVG namespace is a name, not a resource.
		js = strings.ReplaceAll(js, "'http://www.w3.org/2000/svg'", "")
		for _, bad := range []string{"innerHTML", "outerHTML =", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('style'", "http://", "https://"} {
			if strings.Contains(js, bad) {
				t.Errorf("%s uses %s", path, bad)
			}
		}
	}
}

// TestStrings checks that every text has Chinese and English, that every key the code uses
// exists, and that the sector names are the domain's.
func TestStrings(t *testing.T) {
	strs := uiStrings(t)
	for k, v := range strs {
		if strings.TrimSpace(v.ZH) == "" || strings.TrimSpace(v.EN) == "" {
			t.Errorf("%s: zh %q, en %q: both are needed", k, v.ZH, v.EN)
		}
	}
	used := map[string]string{}
	key := regexp.MustCompile(`\bt\('([a-z0-9_.]+)'`)
	for path, js := range assets(t, ".js") {
		for _, m := range key.FindAllStringSubmatch(js, -1) {
			used[m[1]] = path
		}
	}
	for path, html := range assets(t, ".html") {
		for _, m := range regexp.MustCompile(`data-i18n(?:-label)?="([^"]+)"`).FindAllStringSubmatch(html, -1) {
			used[m[1]] = path
		}
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys in the code; is the pattern right?", len(used))
	}
	for k, path := range used {
		if strings.HasSuffix(k, ".") {
			continue // a prefix completed at run time (kind., factor., …): checked below
		}
		if _, ok := strs[k]; !ok {
			t.Errorf("%s uses %q, which i18n.json lacks", path, k)
		}
	}
	// Keys built at run time: kinds, factors, statuses, sectors, regions, roles.
	for _, k := range xiaoqi.Kinds {
		for _, prefix := range []string{"kind.", "type."} {
			if _, ok := strs[prefix+string(k)]; !ok {
				t.Errorf("i18n.json lacks %s%s", prefix, k)
			}
		}
	}
	for _, k := range []string{"skills", "fit", "capacity", "degree", "distance", "sector", "languages", "policy",
		"role.admin", "role.enterprise", "role.institution", "role.candidate", "role.public",
		"explore.region.关中", "explore.region.陕南", "explore.region.陕北", "side.institution", "side.enterprise",
		"facet.city", "facet.region", "facet.sector", "facet.skill", "facet.degree", "facet.language",
		"facet.district", "facet.institution", "facet.enterprise", "facet.synthetic", "facet.date_from", "facet.date_to",
		"admin.type.jobs", "admin.type.programs", "admin.type.institutions", "admin.type.enterprises", "admin.type.candidates",
		"admin.count.read", "admin.count.written", "admin.count.created", "admin.count.updated", "admin.count.unchanged",
		"admin.count.invalid", "admin.count.duplicates", "admin.count.warnings", "admin.count.skipped", "admin.count.written.dry",
		"admin.count.enterprises_created", "admin.count.enterprises_created.dry",
		"partner.propose", "partner.repropose", "import.field.id", "import.field.source", "import.field.synthetic"} {
		if !strings.Contains(k, ".") {
			k = "factor." + k
		}
		if _, ok := strs[k]; !ok {
			t.Errorf("i18n.json lacks %s", k)
		}
	}
	// Every state of a partnership has its badge and its step in the history, in both
	// languages: withdrawn and ended were shown as their raw English keys.
	for _, st := range xiaoqi.PartnershipStates {
		for _, k := range []string{"status." + st, "partner.event." + st} {
			if _, ok := strs[k]; !ok {
				t.Errorf("i18n.json lacks %s", k)
			}
		}
	}
	var sectors []string
	for s, names := range xiaoqi.SectorNames {
		sectors = append(sectors, string(s))
		got := strs["sector."+string(s)]
		if got.ZH != names[0] || got.EN != names[1] {
			t.Errorf("sector.%s is %q / %q, the domain calls it %q / %q", s, got.ZH, got.EN, names[0], names[1])
		}
	}
	js := assets(t, ".js")
	for _, st := range xiaoqi.PartnershipStates {
		if !strings.Contains(js["assets/partners.js"], "'"+st+"'") {
			t.Errorf("assets/partners.js does not know the partnership state %s", st)
		}
	}
	for _, file := range []string{"assets/explore.js", "assets/hr.js"} {
		for _, s := range sectors {
			if !strings.Contains(js[file], "'"+s+"'") {
				t.Errorf("%s does not offer the sector %s", file, s)
			}
		}
	}
	for _, r := range append(slices.Clone(xiaoqi.Roles), xiaoqi.RolePublic) {
		if _, ok := strs["role."+string(r)]; !ok {
			t.Errorf("i18n.json lacks role.%s", r)
		}
	}
}

// TestImportFieldNames checks that the import report can name every field an import fills
// (ingest/schema.go): the UI shows "岗位名称 title", from i18n.json's import.field.{kind}.{field},
// with the Chinese name the importer itself uses in its messages.
func TestImportFieldNames(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "ingest", "schema.go"))
	if err != nil {
		t.Fatal(err)
	}
	strs := uiStrings(t)
	// schemaFor's cases, one per kind: "case xiaoqi.KindJob: … {name: "title", label: "岗位名称", …".
	body, _, _ := strings.Cut(string(src), "default:")
	kinds := strings.Split(body, "case xiaoqi.Kind")[1:]
	fields := regexp.MustCompile(`\{name: "([^"]+)", label: "([^"]+)"`)
	n := 0
	for _, k := range kinds {
		name, rest, _ := strings.Cut(k, ":")
		kind := strings.ToLower(name)
		for _, f := range fields.FindAllStringSubmatch(rest, -1) {
			n++
			key := "import.field." + kind + "." + f[1]
			if got, ok := strs[key]; !ok {
				t.Errorf("i18n.json lacks %s (%s)", key, f[2])
			} else if got.ZH != f[2] {
				t.Errorf("%s is %q, the importer calls the field %q", key, got.ZH, f[2])
			}
		}
	}
	if len(kinds) != 5 || n < 50 {
		t.Fatalf("found %d kinds and %d fields in ingest/schema.go; has its layout changed?", len(kinds), n)
	}
}

// TestEnglishExamples checks that the examples an English text gives (after "e.g." or "such
// as") are English ones: an English reader was told to type 西安邮电大学, 日语 or 日语N2, which
// the API answers in English too (Xidian, Japanese, JLPT N2). A Chinese example stays only
// beside an English one, and only where the data has no English for it.
func TestEnglishExamples(t *testing.T) {
	strs := uiStrings(t)
	stayChinese := map[string]string{
		"三星":  "enterprises are named as registered, in Chinese",
		"备注":  "a column of the file as it is headed",
		"西安市": "a city as files write it",
	}
	han := regexp.MustCompile(`\p{Han}`)
	marker := regexp.MustCompile(`\b(?:e\.g\.|such as) `)
	split := regexp.MustCompile(`,|:|\bor\b`)
	aside := regexp.MustCompile(`\([^)]*\)`) // (firms go by their Chinese names)
	for k, v := range strs {
		loc := marker.FindStringIndex(v.EN)
		if loc == nil {
			continue
		}
		part := v.EN[loc[1]:]
		if i := strings.IndexAny(part, ";"); i >= 0 {
			part = part[:i]
		}
		if i := strings.Index(part, ". "); i >= 0 {
			part = part[:i]
		}
		part = aside.ReplaceAllString(part, "")
		english := false
		for _, ex := range split.Split(part, -1) {
			ex = strings.Trim(ex, " {}\"()")
			switch {
			case ex == "":
			case !han.MatchString(ex):
				english = true
			case stayChinese[ex] == "":
				t.Errorf("%s: the English text gives the Chinese example %q: %q", k, ex, v.EN)
			}
		}
		if !english {
			t.Errorf("%s: the English text gives no English example: %q", k, v.EN)
		}
	}
}

// uiStrings reads the UI's texts (assets/i18n.json), each in Chinese and English, by key.
func uiStrings(t *testing.T) map[string]struct{ ZH, EN string } {
	t.Helper()
	b, err := fs.ReadFile(web.Assets(), "assets/i18n.json")
	if err != nil {
		t.Fatal(err)
	}
	var strs map[string]struct{ ZH, EN string }
	if err := json.Unmarshal(b, &strs); err != nil {
		t.Fatal(err)
	}
	return strs
}
