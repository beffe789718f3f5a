package api_test

import (
	"archive/zip"
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// importJob is the part of an import job's JSON the tests read.
type importJob struct {
	ID        string           `json:"id"`
	Status    string           `json:"status"`
	FileName  string           `json:"file_name"`
	Source    string           `json:"source"`
	Mode      string           `json:"mode"`
	Encoding  string           `json:"encoding"`
	Counts    *ingest.Counts   `json:"counts"`
	Errors    []ingest.Problem `json:"errors"`
	ReportURL string           `json:"report_url"`
	Columns   []ingest.Column  `json:"columns"`
	Better    string           `json:"better_type"`
	Stopped   string           `json:"stopped"`
	// Searchable: this node's index has applied every row of the done job.
	Searchable *bool `json:"searchable"`
	Error      *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// form builds a multipart upload of file under name with the given fields.
func form(tb testing.TB, name string, file []byte, fields map[string]string) (io.Reader, string) {
	tb.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			tb.Fatal(err)
		}
	}
	if name != "" {
		fw, err := w.CreateFormFile("file", name)
		if err != nil {
			tb.Fatal(err)
		}
		fw.Write(file)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return &b, w.FormDataContentType()
}

// upload posts a file to /api/v1/imports.
func (e *env) upload(tb testing.TB, name string, file []byte, fields map[string]string) response {
	tb.Helper()
	body, ct := form(tb, name, file, fields)
	return e.do(tb, http.MethodPost, "/api/v1/imports", body, ct)
}

// waitImport polls an import job until it has finished.
func (e *env) waitImport(tb testing.TB, id string) importJob {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond) // a background job's status can only be polled
	defer tick.Stop()
	for {
		var j importJob
		e.get(tb, "/api/v1/imports/"+id).want(tb, http.StatusOK).decode(tb, &j)
		if j.Status != "queued" && j.Status != "running" {
			return j
		}
		if time.Now().After(deadline) {
			tb.Fatalf("import %s still %s", id, j.Status)
		}
		<-tick.C
	}
}

func gbkBytes(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

const jobsCSV = "岗位名称,公司名称,工作地点,学历要求,招聘人数,薪资\r\n" +
	"软件测试工程师,西安云测信息技术有限公司,陕西省西安高新技术产业开发区,本科,若干,8千-1.2万·13薪\r\n" +
	",西安云测信息技术有限公司,陕西省西安雁塔区,大专,3,6-8千\r\n" +
	"日语翻译,西安云测信息技术有限公司,陕西省西安雁塔区,大专,3.5,1-1.5万\r\n"

func TestImportUpload(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.upload(t, "岗位需求.csv", gbkBytes(t, jobsCSV), map[string]string{"type": "jobs", "source": "hr-office"})
	var j importJob
	r.want(t, http.StatusAccepted).decode(t, &j)
	if r.Header.Get("Location") != "/api/v1/imports/"+j.ID || !strings.HasPrefix(j.ID, "imp_") || j.FileName != "岗位需求.csv" ||
		j.Source != "hr-office" || len(j.Columns) != 6 {
		t.Errorf("job %+v, Location %q", j, r.Header.Get("Location"))
	}
	j = e.waitImport(t, j.ID)
	if j.Status != "done" || j.Encoding != "gb18030" || *j.Counts != (ingest.Counts{Read: 3, Written: 1, Created: 1, Invalid: 2, EnterprisesCreated: 1}) {
		t.Fatalf("job %+v counts %+v", j, j.Counts)
	}
	if len(j.Errors) != 2 || j.Errors[0].Row != 3 || j.Errors[0].Column != "岗位名称" || j.Errors[1].Row != 4 || j.Errors[1].Column != "招聘人数" {
		t.Errorf("errors %+v", j.Errors)
	}

	rep := e.get(t, j.ReportURL).want(t, http.StatusOK)
	if ct := rep.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" || !strings.Contains(rep.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("report headers %v", rep.Header)
	}
	if !bytes.HasPrefix(rep.Body, []byte("\ufeff行号 Row,级别 Level,问题 Problems,岗位名称")) || bytes.Count(rep.Body, []byte("\n")) != 3 {
		t.Errorf("report:\n%s", rep.Body)
	}

	// Done means searchable: the imported job is found at once.
	if j.Searchable == nil || !*j.Searchable {
		t.Errorf("searchable %v, want true", j.Searchable)
	}
	var res xiaoqi.SearchResult
	e.get(t, "/api/v1/search?q=软件测试&type=job").want(t, http.StatusOK).decode(t, &res)
	if res.Total != 1 {
		t.Fatalf("the imported job is not found: %+v", res)
	}

	var list struct{ Data []importJob }
	e.get(t, "/api/v1/imports").want(t, http.StatusOK).decode(t, &list)
	if len(list.Data) != 1 || list.Data[0].ID != j.ID {
		t.Errorf("list %+v", list)
	}
	e.do(t, http.MethodDelete, "/api/v1/imports/"+j.ID, nil, "").want(t, http.StatusNoContent)
	e.get(t, "/api/v1/imports/"+j.ID).wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
}

// TestImportUploadRenamed: a list uploaded again under another file name, with no source
// given, updates the postings it stored the first time, as the command line does; with a
// source given, its rows are written under that source.
func TestImportUploadRenamed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var j importJob
	e.upload(t, "岗位需求.csv", []byte(jobsCSV), map[string]string{"type": "jobs"}).want(t, http.StatusAccepted).decode(t, &j)
	if j = e.waitImport(t, j.ID); j.Status != "done" || j.Source != "岗位需求" || j.Counts.Created != 1 {
		t.Fatalf("first upload: %+v counts %+v", j, j.Counts)
	}
	e.upload(t, "岗位需求_v2.csv", []byte(jobsCSV), map[string]string{"type": "jobs"}).want(t, http.StatusAccepted).decode(t, &j)
	if j = e.waitImport(t, j.ID); j.Status != "done" || j.Counts.Created != 0 || j.Counts.Unchanged != 1 || e.count(t, xiaoqi.KindJob) != 1 {
		t.Errorf("the same list under another name: %+v counts %+v, %d jobs stored, want the one posting unchanged",
			j, j.Counts, e.count(t, xiaoqi.KindJob))
	}
	e.upload(t, "岗位需求(2).csv", []byte(jobsCSV), map[string]string{"type": "jobs", "source": "hr-office"}).want(t, http.StatusAccepted).decode(t, &j)
	if j = e.waitImport(t, j.ID); j.Status != "done" || j.Source != "hr-office" || j.Counts.Created != 1 || e.count(t, xiaoqi.KindJob) != 2 {
		t.Errorf("under a source of its own: %+v counts %+v, %d jobs stored", j, j.Counts, e.count(t, xiaoqi.KindJob))
	}
}

func TestImportUploadModes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var j importJob
	e.upload(t, "jobs.csv", []byte(jobsCSV), map[string]string{"type": "job", "dry_run": "true"}).want(t, http.StatusAccepted).decode(t, &j)
	if j = e.waitImport(t, j.ID); j.Status != "done" || j.Mode != "dry-run" || j.Counts.Created != 1 || e.count(t, xiaoqi.KindJob) != 0 {
		t.Errorf("dry run: %+v %+v", j, j.Counts)
	}
	e.upload(t, "jobs.csv", []byte(jobsCSV), map[string]string{"type": "jobs", "strict": "1"}).want(t, http.StatusAccepted).decode(t, &j)
	if j = e.waitImport(t, j.ID); j.Status != "done" || j.Counts.Invalid != 2 || e.count(t, xiaoqi.KindJob) != 0 ||
		!strings.Contains(j.Stopped, "严格模式") || !strings.Contains(j.Stopped, "nothing was written") {
		t.Errorf("strict: %+v %+v, want it stopped, saying so", j, j.Counts)
	}
	// Defaults, as the CLI's --default: the rows whose cells give no city get it.
	noCity := "岗位名称,公司名称\r\n数据标注员,示例默认城市公司\r\n"
	e.upload(t, "nocity.csv", []byte(noCity), map[string]string{"type": "jobs", "defaults": `{"city":"宝鸡市"}`}).want(t, http.StatusAccepted).decode(t, &j)
	if j = e.waitImport(t, j.ID); j.Status != "done" || j.Counts.Created != 1 {
		t.Errorf("defaults: %+v %+v", j, j.Counts)
	}
	var jobs struct {
		Data []xiaoqi.JobNeed `json:"data"`
	}
	e.get(t, "/api/v1/jobs?city="+url.QueryEscape("宝鸡市")).want(t, http.StatusOK).decode(t, &jobs)
	if len(jobs.Data) != 1 || jobs.Data[0].Name != "数据标注员" {
		t.Errorf("jobs in 宝鸡市 after an import with a default city: %+v", jobs.Data)
	}
	e.upload(t, "nocity.csv", []byte(noCity), map[string]string{"type": "jobs", "defaults": `city=宝鸡市`}).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "defaults")
	// A school list checked as candidates: the job says which type its columns fit better.
	schools := "name,code,authority,city,level\r\n西安交通大学,4161010698,教育部,西安市,本科\r\n"
	e.upload(t, "schools.csv", []byte(schools), map[string]string{"type": "candidates", "dry_run": "true"}).want(t, http.StatusAccepted).decode(t, &j)
	if j = e.waitImport(t, j.ID); j.Status != "done" || j.Better != "institution" {
		t.Errorf("school list as candidates: status %s, better type %q; want done, institution", j.Status, j.Better)
	}
}

// TestImportUploadRefused checks the answers to uploads that cannot be imported: each names
// what is wrong, and the limits name the limit.
func TestImportUploadRefused(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, options{config: func(c *api.Config) {
		c.MaxUploadBytes = 4096
		c.ImportLimits = ingest.Limits{MaxUnzippedBytes: 1 << 20, MaxRowBytes: 512}
	}})
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write(make([]byte, 2<<20))
	zw.Close()
	// A row over the limit among the first rows is refused at once; further down, it fails
	// the job after the rows before it (11 repeats of one row: 1 written, 10 duplicates).
	early := "岗位名称,公司名称,城市\n测试,某公司,西安\n" + "测试," + strings.Repeat("长", 300) + ",西安\n"
	longRow := "岗位名称,公司名称,城市\n" + strings.Repeat("测试,某公司,西安\n", 11) + "测试," + strings.Repeat("长", 300) + ",西安\n"

	tests := []struct {
		name   string
		file   []byte
		fields map[string]string
		status int
		code   string
		field  string
	}{
		{"big.csv", bytes.Repeat([]byte("a,b\n"), 2000), map[string]string{"type": "jobs"}, 413, xiaoqi.ETOOLARGE, "file"},
		{"bomb.xlsx", bomb.Bytes(), map[string]string{"type": "jobs"}, 413, xiaoqi.ETOOLARGE, "max_unzipped_bytes"},
		{"early.csv", []byte(early), map[string]string{"type": "jobs"}, 413, xiaoqi.ETOOLARGE, "max_row_bytes"},
		{"old.xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), map[string]string{"type": "jobs"}, 400, xiaoqi.EINVALID, ""},
		{"x.csv", []byte("a,b\n1,2\n"), map[string]string{"type": "jobs"}, 400, xiaoqi.EINVALID, "header"},
		{"x.csv", []byte(jobsCSV), map[string]string{}, 400, xiaoqi.EINVALID, "type"},
		{"x.csv", []byte(jobsCSV), map[string]string{"type": "policies"}, 400, xiaoqi.EINVALID, ""},
		{"x.csv", []byte(jobsCSV), map[string]string{"type": "jobs", "colour": "red"}, 400, xiaoqi.EINVALID, "colour"},
		{"x.csv", []byte(jobsCSV), map[string]string{"type": "jobs", "strict": "yes please"}, 400, xiaoqi.EINVALID, "strict"},
		{"x.csv", []byte(jobsCSV), map[string]string{"type": "jobs", "encoding": "klingon"}, 400, xiaoqi.EINVALID, ""},
		{"x.csv", []byte(jobsCSV), map[string]string{"type": "jobs", "mapping": "[1]"}, 400, xiaoqi.EINVALID, ""},
		{"", nil, map[string]string{"type": "jobs"}, 400, xiaoqi.EINVALID, "file"},
	}
	for _, tt := range tests {
		r := e.upload(t, tt.name, tt.file, tt.fields)
		if r.Status != tt.status {
			t.Errorf("%s %v: status %d, want %d: %s", tt.name, tt.fields, r.Status, tt.status, r.Body)
			continue
		}
		r.wantError(t, tt.status, tt.code, tt.field)
	}
	if r := e.upload(t, "big.csv", bytes.Repeat([]byte("a,b\n"), 2000), map[string]string{"type": "jobs"}); !strings.Contains(string(r.Body), "max_upload_bytes") {
		t.Errorf("413 does not name the limit: %s", r.Body)
	}
	e.do(t, http.MethodPost, "/api/v1/imports", "{}", jsonType).wantError(t, http.StatusUnsupportedMediaType, "unsupported_media_type", "Content-Type")

	// A limit met in the middle of the file fails the job, naming the limit.
	var j importJob
	e.upload(t, "long.csv", []byte(longRow), map[string]string{"type": "jobs"}).want(t, http.StatusAccepted).decode(t, &j)
	j = e.waitImport(t, j.ID)
	if j.Status != "failed" || j.Error == nil || j.Error.Code != xiaoqi.ETOOLARGE || !strings.Contains(j.Error.Message, "max_row_bytes") || j.Counts.Written != 1 {
		t.Errorf("job %+v error %+v counts %+v", j, j.Error, j.Counts)
	}
	e.get(t, "/api/v1/imports/imp_0000000000000000").wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")

	// A dry run asked for in the query string, or given twice with the last one false, ran
	// the import for real (the query was ignored; the last field won).
	jobsBefore := e.count(t, xiaoqi.KindJob)
	body, ct := form(t, "x.csv", []byte(jobsCSV), map[string]string{"type": "jobs"})
	e.do(t, http.MethodPost, "/api/v1/imports?dry_run=true", body, ct).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "dry_run")
	var twice bytes.Buffer
	mw := multipart.NewWriter(&twice)
	for _, kv := range [][2]string{{"type", "jobs"}, {"dry_run", "true"}, {"dry_run", "false"}} {
		mw.WriteField(kv[0], kv[1])
	}
	fw, _ := mw.CreateFormFile("file", "x.csv")
	fw.Write([]byte(jobsCSV))
	mw.Close()
	e.do(t, http.MethodPost, "/api/v1/imports", &twice, mw.FormDataContentType()).wantError(t, http.StatusBadRequest, xiaoqi.EINVALID, "dry_run")
	var list struct{ Data []importJob }
	e.get(t, "/api/v1/imports").want(t, http.StatusOK).decode(t, &list)
	for _, j := range list.Data {
		if j.Status == "queued" || j.Status == "running" {
			e.waitImport(t, j.ID)
		}
	}
	if n := e.count(t, xiaoqi.KindJob); n != jobsBefore {
		t.Errorf("%d job needs after refused imports, want %d", n, jobsBefore)
	}
}

// TestImportJobsBounded keeps the last jobs only.
func TestImportJobsBounded(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, options{config: func(c *api.Config) { c.MaxImportJobs = 2 }})
	var ids []string
	for range 3 {
		var j importJob
		e.upload(t, "jobs.csv", []byte(jobsCSV), map[string]string{"type": "jobs"}).want(t, http.StatusAccepted).decode(t, &j)
		e.waitImport(t, j.ID)
		ids = append(ids, j.ID)
	}
	e.get(t, "/api/v1/imports/"+ids[0]).wantError(t, http.StatusNotFound, xiaoqi.ENOTFOUND, "")
	var list struct{ Data []importJob }
	e.get(t, "/api/v1/imports").want(t, http.StatusOK).decode(t, &list)
	if len(list.Data) != 2 || list.Data[0].ID != ids[2] || list.Data[1].ID != ids[1] {
		t.Errorf("list %+v, want the last two, newest first", list.Data)
	}
}

// TestImportCancel cancels a running import: the rows written so far stay, the rest is not read.
func TestImportCancel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var b strings.Builder
	b.WriteString("岗位编号,岗位名称,公司名称,城市\n")
	const rows = 30000
	for i := range rows {
		b.WriteString("r" + itoa(i) + ",合成测试岗位,合成测试公司,西安\n")
	}
	var j importJob
	e.upload(t, "big.csv", []byte(b.String()), map[string]string{"type": "jobs"}).want(t, http.StatusAccepted).decode(t, &j)
	e.do(t, http.MethodDelete, "/api/v1/imports/"+j.ID, nil, "").want(t, http.StatusAccepted)
	j = e.waitImport(t, j.ID)
	if j.Status != "cancelled" || e.count(t, xiaoqi.KindJob) >= rows {
		t.Errorf("job %+v after cancelling, %d jobs stored", j, e.count(t, xiaoqi.KindJob))
	}
	e.do(t, http.MethodDelete, "/api/v1/imports/"+j.ID, nil, "").want(t, http.StatusNoContent)
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestErasureLeavesNoFileName: an import names its source after its file, which may be the
// person's (陈晓东_13700001111_简历.csv); erasing the person left that name and phone in the
// list of imports and in the job. Erasure takes them out of every finished job.
func TestErasureLeavesNoFileName(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var j importJob
	e.upload(t, "陈晓东_13700001111_简历.csv", []byte("姓名,手机,最高学历\r\n陈晓东,13700001111,本科\r\n"),
		map[string]string{"type": "candidates"}).want(t, http.StatusAccepted).decode(t, &j)
	if j = e.waitImport(t, j.ID); j.Status != "done" || j.Counts.Created != 1 {
		t.Fatalf("upload: %+v counts %+v", j, j.Counts)
	}
	var list struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	e.get(t, "/api/v1/candidates").want(t, http.StatusOK).decode(t, &list)
	if len(list.Data) != 1 {
		t.Fatalf("candidates %+v, want the one imported", list.Data)
	}
	e.do(t, http.MethodDelete, "/api/v1/candidates/"+list.Data[0].ID, nil, "").want(t, http.StatusNoContent)
	for _, path := range []string{"/api/v1/imports", "/api/v1/imports/" + j.ID} {
		body := string(e.get(t, path).want(t, http.StatusOK).Body)
		if strings.Contains(body, "陈晓东") || strings.Contains(body, "13700001111") || !strings.Contains(body, "简历") {
			t.Errorf("GET %s after the erasure: %s; want the name and phone out of the file name and source", path, body)
		}
	}
}

// TestErasedPersonStaysErased: a person erased at their request came back with the next
// import of the list that still named them (the school sends its list again). Their row is
// now an error naming why; the others of the file import, and an administrator's POST of
// their source and external id is refused too.
func TestErasedPersonStaysErased(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	file := []byte("学号,姓名,手机,最高学历\r\n2024001,陈晓东,13700001111,本科\r\n")
	var j importJob
	e.upload(t, "2026届毕业生.csv", file, map[string]string{"type": "candidates"}).want(t, http.StatusAccepted).decode(t, &j)
	if j = e.waitImport(t, j.ID); j.Status != "done" || j.Counts.Created != 1 {
		t.Fatalf("upload: %+v counts %+v", j, j.Counts)
	}
	var list struct {
		Data []struct {
			ID     string `json:"id"`
			Source string `json:"source"`
		} `json:"data"`
	}
	e.get(t, "/api/v1/candidates").want(t, http.StatusOK).decode(t, &list)
	if len(list.Data) != 1 {
		t.Fatalf("candidates %+v, want the one imported", list.Data)
	}
	erased := list.Data[0]
	e.do(t, http.MethodDelete, "/api/v1/candidates/"+erased.ID, nil, "").want(t, http.StatusNoContent)

	again := append(file, "2024002,王丽,13700002222,硕士\r\n"...)
	e.upload(t, "2026届毕业生.csv", again, map[string]string{"type": "candidates"}).want(t, http.StatusAccepted).decode(t, &j)
	j = e.waitImport(t, j.ID)
	if j.Status != "done" || j.Counts.Created != 1 || j.Counts.Invalid != 1 || len(j.Errors) != 1 ||
		j.Errors[0].Row != 2 || !strings.Contains(j.Errors[0].Message, "erased at their request") {
		t.Errorf("the list again: %+v counts %+v errors %+v; want 王丽 created and row 2 refused as erased", j, j.Counts, j.Errors)
	}
	e.get(t, "/api/v1/candidates").want(t, http.StatusOK).decode(t, &list)
	if len(list.Data) != 1 || list.Data[0].ID == erased.ID {
		t.Errorf("candidates after the list again: %+v; want only 王丽", list.Data)
	}

	body := `{"name":"陈晓东","source":"` + erased.Source + `","external_id":"2024001"}`
	r := e.do(t, http.MethodPost, "/api/v1/candidates", strings.NewReader(body), "application/json").want(t, http.StatusConflict)
	if !strings.Contains(string(r.Body), "erased at their request") {
		t.Errorf("POST of the erased person's key: %s", r.Body)
	}
	body = `{"name":"陈晓东","source":"` + erased.Source + `","external_id":"2024003"}`
	e.do(t, http.MethodPost, "/api/v1/candidates", strings.NewReader(body), "application/json").want(t, http.StatusCreated)
}

// TestUploadSaysUnusedMapping: a mapping that names a column the file does not have (last
// year's 岗位编号X) was said at the command line and lost in an upload's job.
func TestUploadSaysUnusedMapping(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var j struct {
		ID            string   `json:"id"`
		Status        string   `json:"status"`
		UnusedMapping []string `json:"unused_mapping"`
	}
	e.upload(t, "jobs.csv", []byte(jobsCSV), map[string]string{"type": "jobs", "mapping": `{"岗位编号X":"external_id"}`}).
		want(t, http.StatusAccepted).decode(t, &j)
	e.waitImport(t, j.ID)
	e.get(t, "/api/v1/imports/"+j.ID).want(t, http.StatusOK).decode(t, &j)
	if j.Status != "done" || !slices.Equal(j.UnusedMapping, []string{"岗位编号X"}) {
		t.Errorf("import with a mapping naming a missing column: status %s, unused_mapping %v", j.Status, j.UnusedMapping)
	}
}
