package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// importView is the JSON of an import job.
type importView struct {
	ID         string          `json:"id"`
	Status     string          `json:"status"`
	Type       xiaoqi.Kind     `json:"type"`
	FileName   string          `json:"file_name"`
	Mode       ingest.Mode     `json:"mode"`
	Source     string          `json:"source"`
	CreatedAt  time.Time       `json:"created_at"`
	StartedAt  *time.Time      `json:"started_at,omitempty"`
	FinishedAt *time.Time      `json:"finished_at,omitempty"`
	Progress   *progressView   `json:"progress,omitempty"`
	Format     string          `json:"format,omitempty"`
	Encoding   string          `json:"encoding,omitempty"`
	Sheet      string          `json:"sheet,omitempty"`
	HeaderRow  int             `json:"header_row,omitempty"`
	Columns    []ingest.Column `json:"columns,omitempty"`
	Unknown    []ingest.Column `json:"unknown_columns,omitempty"`
	BetterType xiaoqi.Kind     `json:"better_type,omitempty"`
	Counts     *ingest.Counts  `json:"counts,omitempty"`
	// Existing counts the job rows that are postings stored under another source.
	Existing []ingest.SourceMatch `json:"existing,omitempty"`
	Errors   []ingest.Problem     `json:"errors"`
	Problems int                  `json:"problem_count"`
	// Kinds counts the problems by kind (ingest.Report.Kinds).
	Kinds     []ingest.ProblemKind `json:"problem_kinds,omitempty"`
	Stopped   string               `json:"stopped,omitempty"`
	Error     *errorJSON           `json:"error,omitempty"`
	ReportURL string               `json:"report_url,omitempty"`
}

type progressView struct {
	Rows       int     `json:"rows"`
	Written    int     `json:"written"`
	Invalid    int     `json:"invalid"`
	RowsPerSec float64 `json:"rows_per_sec"`
	Percent    float64 `json:"percent,omitempty"`
	ETASeconds float64 `json:"eta_seconds,omitempty"`
}

func (j *importJob) view() importView {
	j.mu.Lock()
	defer j.mu.Unlock()
	v := importView{ID: j.id, Status: j.status, Type: j.opt.Type, FileName: j.opt.FileName, Mode: j.opt.Mode, Source: j.opt.Source,
		CreatedAt: j.created, Errors: []ingest.Problem{}}
	if !j.started.IsZero() {
		v.StartedAt = &j.started
	}
	if !j.finished.IsZero() {
		v.FinishedAt = &j.finished
		v.ReportURL = "/api/v1/imports/" + j.id + "/report.csv"
	}
	if j.status == importRunning {
		p := j.progress
		v.Progress = &progressView{Rows: p.Rows, Written: p.Written, Invalid: p.Invalid, RowsPerSec: p.RowsPerSec, ETASeconds: p.ETA.Seconds()}
		if p.TotalBytes > 0 {
			v.Progress.Percent = 100 * float64(p.Bytes) / float64(p.TotalBytes)
		}
	}
	if r := j.report; r != nil {
		v.Format, v.Encoding, v.Sheet, v.HeaderRow = r.Format, r.Encoding, r.Sheet, r.HeaderRow
		v.Columns, v.Unknown, v.Stopped, v.Problems = r.Columns, r.Unknown, r.Stopped, r.ProblemCount
		v.BetterType = r.BetterType
		c := r.Counts
		v.Counts = &c
		v.Errors = r.Problems[:min(len(r.Problems), importProblems)]
		v.Kinds = r.Kinds
		v.Existing = r.Existing
	}
	if j.err != nil && j.status == importFailed {
		code := xiaoqi.ErrorCode(j.err)
		msg := xiaoqi.ErrorMessage(j.err)
		if code == xiaoqi.EINTERNAL {
			msg = xiaoqi.InternalMessage
		}
		v.Error = &errorJSON{Code: code, Message: msg, Details: xiaoqi.ErrorDetails(j.err)}
	}
	return v
}

// humanBytes writes a size as people read it: "100 MB", "4096 B".
func humanBytes(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

var extPattern = regexp.MustCompile(`^\.[a-z0-9]{1,8}$`)

// createImport answers POST /api/v1/imports: a multipart upload with the file and the options
// (type, dry_run, strict, encoding, sheet, source, format, mapping). It checks what can be
// checked at once (format, limits, header) and answers 202 with the job, which runs in the
// background.
func (s *Server) createImport(c *gin.Context) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		s.writeError(c, &xiaoqi.Error{Code: eUnsupportedMediaType,
			Message: "请以 multipart/form-data 上传文件 / Content-Type must be multipart/form-data with a part named file",
			Details: []xiaoqi.FieldError{{Field: "Content-Type", Message: "须为 multipart/form-data / must be multipart/form-data"}}})
		return
	}
	limit := s.maxUpload
	tooLarge := &xiaoqi.Error{Code: xiaoqi.ETOOLARGE,
		Message: fmt.Sprintf("上传文件过大：超过 %[1]d 字节（%[2]s，max_upload_bytes） / upload larger than %[1]d bytes (%[2]s, max_upload_bytes)", limit, humanBytes(limit)),
		Details: []xiaoqi.FieldError{{Field: "file", Message: fmt.Sprintf("最多 %[1]d 字节 / at most %[1]d bytes", limit)}}}
	const formSlack = 64 << 10 // the other fields and the multipart framing
	if c.Request.ContentLength > limit+formSlack {
		s.writeError(c, tooLarge)
		return
	}
	// A large upload over a slow line outlasts the server's read timeout.
	_ = http.NewResponseController(c.Writer).SetReadDeadline(time.Now().Add(30 * time.Minute))
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit+formSlack)
	j, err := s.readUpload(c, limit)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			err = tooLarge
		}
		s.writeError(c, err)
		return
	}
	if err := s.imports.add(j); err != nil {
		os.Remove(j.upload)
		s.writeError(c, err)
		return
	}
	s.imports.start(j)
	c.Header("Location", "/api/v1/imports/"+j.id)
	s.writeJSON(c, http.StatusAccepted, j.view())
}

// readUpload reads the multipart form into a job whose file is saved to disk and checked.
func (s *Server) readUpload(c *gin.Context, limit int64) (*importJob, error) {
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return nil, invalid("body", "表单格式错误 / is not a multipart form: %v", err)
	}
	j := &importJob{id: newImportID(), created: time.Now().UTC(), status: importQueued}
	fields := map[string]string{}
	cleanup := func() {
		if j.upload != "" {
			os.Remove(j.upload)
		}
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			cleanup()
			return nil, wrapUploadErr(err)
		}
		name := part.FormName()
		if name != "file" {
			data, err := io.ReadAll(io.LimitReader(part, 64<<10))
			if err != nil {
				cleanup()
				return nil, wrapUploadErr(err)
			}
			if _, twice := fields[name]; twice {
				// The last one won: dry_run=true, then dry_run=false imported for real.
				cleanup()
				return nil, invalid(name, "字段重复 / is given more than once")
			}
			fields[name] = string(data)
			continue
		}
		if j.upload != "" {
			cleanup()
			return nil, invalid("file", "只能上传一个文件 / is given more than once")
		}
		j.opt.FileName = filepath.Base(strings.ReplaceAll(part.FileName(), `\`, "/"))
		ext := strings.ToLower(filepath.Ext(j.opt.FileName))
		if !extPattern.MatchString(ext) {
			ext = ""
		}
		f, err := os.CreateTemp(s.imports.dir, "xiaoqi-upload-*"+ext)
		if err != nil {
			return nil, err
		}
		j.upload = f.Name()
		n, err := io.Copy(f, io.LimitReader(part, limit+1))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			cleanup()
			return nil, wrapUploadErr(err)
		}
		if n > limit {
			cleanup()
			return nil, &http.MaxBytesError{Limit: limit}
		}
	}
	if j.upload == "" {
		return nil, invalid("file", "请上传文件 / is required: upload the file in a part named file")
	}
	if err := s.importOptions(j, fields); err != nil {
		cleanup()
		return nil, err
	}
	j.reportCSV = j.upload + ".report.csv"
	rep, err := ingest.Inspect(j.upload, j.opt)
	if err != nil {
		cleanup()
		return nil, err
	}
	j.opt.Source, j.report = rep.Source, rep
	return j, nil
}

func wrapUploadErr(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "上传中断或格式错误 / cannot read the upload", Err: err}
}

// importOptions reads the form fields of an upload.
func (s *Server) importOptions(j *importJob, f map[string]string) error {
	known := map[string]bool{"type": true, "dry_run": true, "strict": true, "encoding": true, "sheet": true, "source": true,
		"format": true, "mapping": true, "defaults": true}
	for name := range f {
		if !known[name] {
			return invalid(name, "未知字段（可选：type、dry_run、strict、encoding、sheet、source、format、mapping、defaults、file） / unknown field (type, dry_run, strict, encoding, sheet, source, format, mapping, defaults, file)")
		}
	}
	k, ok := parseKind(f["type"])
	if !ok {
		return invalid("type", "请指定导入类型 / must be one of jobs, programs, institutions, enterprises, candidates")
	}
	flag := func(name string) (bool, error) {
		if f[name] == "" {
			return false, nil
		}
		b, err := strconv.ParseBool(f[name])
		if err != nil {
			return false, invalid(name, "须为 true 或 false，不能是 %[1]q / must be true or false, not %[1]q", f[name])
		}
		return b, nil
	}
	dry, err := flag("dry_run")
	if err != nil {
		return err
	}
	strict, err := flag("strict")
	if err != nil {
		return err
	}
	j.opt = ingest.Options{Type: k, FileName: j.opt.FileName, Encoding: f["encoding"], Sheet: f["sheet"], Source: f["source"],
		Format: f["format"], Mode: ingest.ModeDefault, Limits: s.imports.limits, TempDir: s.imports.dir, MaxProblems: importProblems,
		Skills: s.imports.skills, HidePersonal: true}
	switch {
	case dry && strict:
		return invalid("strict", "不能与 dry_run 同时使用 / cannot be combined with dry_run")
	case dry:
		j.opt.Mode = ingest.ModeDryRun
	case strict:
		j.opt.Mode = ingest.ModeStrict
	}
	if m := f["mapping"]; m != "" {
		if j.opt.Mapping, err = ingest.ParseMapping([]byte(m)); err != nil {
			return err
		}
	}
	if d := f["defaults"]; d != "" {
		// The CLI's --default field=value, as a JSON object: {"city": "西安市"}.
		if err := json.Unmarshal([]byte(d), &j.opt.Defaults); err != nil {
			return invalid("defaults", "须为 JSON 对象，如 {\"city\": \"西安市\"} / must be a JSON object of field → value, such as {\"city\": \"西安市\"}")
		}
	}
	return nil
}

// findImport finds the job named in the URL, or answers 404 (400 for a query parameter: these
// routes take none).
func (s *Server) findImport(c *gin.Context) *importJob {
	if err := noParams(c); err != nil {
		s.writeError(c, err)
		return nil
	}
	if j := s.imports.get(c.Param("id")); j != nil {
		return j
	}
	s.writeError(c, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "导入任务 %[1]q 不存在：任务只保存在接收上传的节点的内存中（最近 %[2]d 个，该节点重启后清空） / no import %[1]q here: a job is kept in the memory of the node that took the upload (the last %[2]d, until it restarts)",
		c.Param("id"), s.imports.max))
	return nil
}

// getImport answers GET /api/v1/imports/{id}.
func (s *Server) getImport(c *gin.Context) {
	if j := s.findImport(c); j != nil {
		s.writeJSON(c, http.StatusOK, j.view())
	}
}

// listImports answers GET /api/v1/imports, newest first.
func (s *Server) listImports(c *gin.Context) {
	if err := noParams(c); err != nil {
		// ?status=running listed every job, as if it had filtered them.
		s.writeError(c, err)
		return
	}
	jobs := s.imports.list()
	out := make([]importView, 0, len(jobs))
	for _, j := range jobs {
		v := j.view()
		v.Columns, v.Unknown, v.Errors, v.Kinds = nil, nil, []ingest.Problem{}, nil
		out = append(out, v)
	}
	s.writeJSON(c, http.StatusOK, gin.H{"data": out})
}

// importReport answers GET /api/v1/imports/{id}/report.csv once the job has finished.
func (s *Server) importReport(c *gin.Context) {
	j := s.findImport(c)
	if j == nil {
		return
	}
	if !j.finishedOK() {
		s.writeError(c, xiaoqi.Errorf(xiaoqi.ECONFLICT, "导入 %[1]s 尚未完成，完成后可下载报告 / import %[1]s has not finished; the report is ready when it has", j.id))
		return
	}
	f, err := os.Open(j.reportCSV)
	if err != nil {
		s.writeError(c, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "导入 %[1]s 没有报告：它在读取文件之前就已停止 / import %[1]s has no report: it stopped before reading the file", j.id))
		return
	}
	defer f.Close()
	name := strings.TrimSuffix(j.opt.FileName, filepath.Ext(j.opt.FileName)) + "-report.csv"
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-report.csv"; filename*=UTF-8''%s`, j.id, url.PathEscape(name)))
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Status(http.StatusOK)
	_, _ = io.Copy(c.Writer, f)
}

// deleteImport answers DELETE /api/v1/imports/{id}: it cancels a job that has not finished
// (202, rows written so far stay) and forgets one that has (204).
func (s *Server) deleteImport(c *gin.Context) {
	j := s.findImport(c)
	if j == nil {
		return
	}
	if !j.finishedOK() {
		j.cancel()
		s.writeJSON(c, http.StatusAccepted, j.view())
		return
	}
	s.imports.forget(j.id)
	c.Status(http.StatusNoContent)
}

// Close stops the import jobs that are running, waits for them and removes their files. Call
// it before closing the store.
func (s *Server) Close() error {
	s.imports.close()
	return nil
}
