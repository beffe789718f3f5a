package api

import (
	"bytes"
	"context"
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
	ID         string        `json:"id"`
	Status     string        `json:"status"`
	Type       xiaoqi.Kind   `json:"type"`
	FileName   string        `json:"file_name"`
	Mode       ingest.Mode   `json:"mode"`
	Source     string        `json:"source"`
	StartedBy  string        `json:"started_by,omitempty"`
	CreatedAt  time.Time     `json:"created_at"`
	StartedAt  *time.Time    `json:"started_at,omitempty"`
	FinishedAt *time.Time    `json:"finished_at,omitempty"`
	Progress   *progressView `json:"progress,omitempty"`
	importSummary
	importDetails
	Error     *errorJSON `json:"error,omitempty"`
	ReportURL string     `json:"report_url,omitempty"`
	// Searchable says whether the search index of the node answering has applied every row
	// a done import wrote (importJobs.view); IndexMessage says why not.
	Searchable   *bool  `json:"searchable,omitempty"`
	IndexMessage string `json:"index_message,omitempty"`
}

// importSummary is the part of a job's report that the list shows (xiaoqi.ImportJob.Summary).
type importSummary struct {
	Format   string `json:"format,omitempty"`
	Encoding string `json:"encoding,omitempty"`
	Sheet    string `json:"sheet,omitempty"`
	// OtherSheets are the workbook's other sheets with data of the kind, not imported.
	OtherSheets []string       `json:"other_sheets,omitempty"`
	HeaderRow   int            `json:"header_row,omitempty"`
	BetterType  xiaoqi.Kind    `json:"better_type,omitempty"`
	Counts      *ingest.Counts `json:"counts,omitempty"`
	// Existing counts the job rows that are postings stored under another source.
	Existing []ingest.SourceMatch `json:"existing,omitempty"`
	Problems int                  `json:"problem_count"`
	Stopped  string               `json:"stopped,omitempty"`
	// Seq is the change-feed sequence of the job's last write (0: it changed nothing), which
	// an index must have applied for every row to be found; nil in jobs of older versions.
	Seq *uint64 `json:"seq,omitempty"`
}

// importDetails is the rest of the report, shown by GET /imports/{id} (xiaoqi.ImportJob.Report).
type importDetails struct {
	Columns []ingest.Column `json:"columns,omitempty"`
	Unknown []ingest.Column `json:"unknown_columns,omitempty"`
	// UnusedMapping names the columns the mapping names that the file does not have (a
	// mapping written for last year's headers), which the CLI said and an upload did not.
	UnusedMapping []string         `json:"unused_mapping,omitempty"`
	Errors        []ingest.Problem `json:"errors"`
	// Kinds counts the problems by kind (ingest.Report.Kinds).
	Kinds []ingest.ProblemKind `json:"problem_kinds,omitempty"`
}

type progressView struct {
	Rows       int     `json:"rows"`
	Written    int     `json:"written"`
	Invalid    int     `json:"invalid"`
	RowsPerSec float64 `json:"rows_per_sec"`
	Percent    float64 `json:"percent,omitempty"`
	ETASeconds float64 `json:"eta_seconds,omitempty"`
	// Indexing: the rows are written; the search index is applying them.
	Indexing bool `json:"indexing,omitempty"`
}

// encodeReport splits a report into the summary and the details the store keeps, with at
// most importProblems problems, fewer when they would pass xiaoqi.MaxImportReportBytes (the
// report CSV has them all).
func encodeReport(r *ingest.Report, seq *uint64) (summary, details []byte) {
	c := r.Counts
	summary, _ = json.Marshal(importSummary{Format: r.Format, Encoding: r.Encoding, Sheet: r.Sheet, OtherSheets: r.OtherSheets, HeaderRow: r.HeaderRow,
		BetterType: r.BetterType, Counts: &c, Existing: r.Existing, Problems: r.ProblemCount, Stopped: r.Stopped, Seq: seq})
	d := importDetails{Columns: r.Columns, Unknown: r.Unknown, UnusedMapping: r.UnusedMapping, Errors: r.Problems[:min(len(r.Problems), importProblems)], Kinds: r.Kinds}
	for {
		details, _ = json.Marshal(d)
		if len(details) <= xiaoqi.MaxImportReportBytes {
			return summary, details
		}
		switch {
		case len(d.Errors) > 0:
			d.Errors = d.Errors[:len(d.Errors)/2]
		case len(d.Kinds) > 0:
			d.Kinds = d.Kinds[:len(d.Kinds)/2]
		default:
			return summary, nil
		}
	}
}

// viewImport is the JSON of a job; full adds the details of its report.
func viewImport(r *xiaoqi.ImportJob, full bool) importView {
	v := importView{ID: r.ID, Status: r.Status, Type: r.Type, FileName: r.FileName, Mode: ingest.Mode(r.Mode), Source: r.Source,
		StartedBy: r.StartedBy, CreatedAt: r.CreatedAt}
	if !r.StartedAt.IsZero() {
		v.StartedAt = &r.StartedAt
	}
	if !r.FinishedAt.IsZero() {
		v.FinishedAt = &r.FinishedAt
		v.ReportURL = "/api/v1/imports/" + r.ID + "/report.csv"
	}
	// A job whose node stopped keeps its progress: how far it had come, what is stored; 0
	// rows too, once it had started, rather than no progress at all.
	if r.Status == xiaoqi.ImportRunning || (stoppedByNode(r) && !r.StartedAt.IsZero()) {
		p := r.Progress
		v.Progress = &progressView{Rows: p.Rows, Written: p.Written, Invalid: p.Invalid, RowsPerSec: p.RowsPerSec, ETASeconds: p.ETASeconds, Indexing: p.Indexing}
		if p.TotalBytes > 0 {
			v.Progress.Percent = 100 * float64(p.Bytes) / float64(p.TotalBytes)
		}
	}
	if len(r.Summary) > 0 {
		_ = json.Unmarshal(r.Summary, &v.importSummary) // written by encodeReport
	}
	if full && len(r.Report) > 0 {
		_ = json.Unmarshal(r.Report, &v.importDetails)
	}
	if v.Errors == nil {
		v.Errors = []ingest.Problem{}
	}
	if e := r.Error; e != nil && r.Status == xiaoqi.ImportFailed {
		v.Error = &errorJSON{Code: e.Code, Message: e.Message, Details: e.Details}
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
	if u := who(c).user; u != nil {
		j.rec.StartedBy = u.ID
	}
	if err := s.imports.add(c.Request.Context(), j); err != nil {
		os.Remove(j.upload)
		s.writeError(c, err)
		return
	}
	s.imports.start(j)
	c.Header("Location", "/api/v1/imports/"+j.id)
	s.writeJSON(c, http.StatusAccepted, s.imports.view(j.state(), true))
}

// readUpload reads the multipart form into a job whose file is saved to disk and checked.
func (s *Server) readUpload(c *gin.Context, limit int64) (*importJob, error) {
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return nil, invalid("body", "表单格式错误 / is not a multipart form: %v", err)
	}
	j := &importJob{id: newImportID(), store: &seqStore{Store: s.imports.store}}
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
	// The source the file's name gives stays derived (j.opt.Source empty): a list uploaded
	// again under another name (岗位需求_v2.csv) updates the postings it stored before, as
	// `xiaoqi import` does. Named here as given, it was written beside them, a second copy of
	// every posting.
	j.rec = xiaoqi.ImportJob{ID: j.id, Type: j.opt.Type, FileName: j.opt.FileName, Mode: string(j.opt.Mode), Source: rep.Source,
		Node: s.imports.node, Status: xiaoqi.ImportQueued, CreatedAt: time.Now().UTC()}
	j.rec.Summary, j.rec.Report = encodeReport(rep, nil) // the upload's inspection: nothing written yet
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
		Skills: s.imports.skills, InstitutionNames: s.imports.schools, HidePersonal: true}
	if s.reference != nil {
		j.opt.Majors = s.reference.Majors // a program's class and category, as a PUT's (checkMajors)
	}
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
func (s *Server) findImport(c *gin.Context) *xiaoqi.ImportJob {
	if err := noParams(c); err != nil {
		s.writeError(c, err)
		return nil
	}
	rec, err := s.imports.get(c.Request.Context(), c.Param("id"))
	if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
		err = xiaoqi.Errorf(xiaoqi.ENOTFOUND, "导入任务 %[1]q 不存在：可能已被删除，或已不在最近的 %[2]d 个任务之中 / no import %[1]q: it was deleted, or is older than the last %[2]d imports, which are kept",
			c.Param("id"), s.imports.max)
	}
	if err != nil {
		s.writeError(c, err)
		return nil
	}
	return rec
}

// getImport answers GET /api/v1/imports/{id}.
func (s *Server) getImport(c *gin.Context) {
	if rec := s.findImport(c); rec != nil {
		s.writeJSON(c, http.StatusOK, s.imports.view(rec, true))
	}
}

// listImports answers GET /api/v1/imports, newest first: the jobs of every node.
func (s *Server) listImports(c *gin.Context) {
	if err := noParams(c); err != nil {
		// ?status=running listed every job, as if it had filtered them.
		s.writeError(c, err)
		return
	}
	jobs, err := s.imports.list(c.Request.Context())
	if err != nil {
		s.writeError(c, err)
		return
	}
	out := make([]importView, 0, len(jobs))
	for _, rec := range jobs {
		out = append(out, s.imports.view(rec, false))
	}
	s.writeJSON(c, http.StatusOK, gin.H{"data": out})
}

// importReport answers GET /api/v1/imports/{id}/report.csv once the job has finished: the
// file of the node that ran the job while it has it (whole), else the copy stored with the
// job (xiaoqi.ImportJob.ReportCSV, cut to xiaoqi.MaxImportReportCSVBytes), on any node. A job
// without a stored copy (its node died, or it ended before copies were stored) is served by
// its node alone; another node answers 404 saying so.
func (s *Server) importReport(c *gin.Context) {
	rec := s.findImport(c)
	if rec == nil {
		return
	}
	if !rec.Finished() {
		s.writeError(c, xiaoqi.Errorf(xiaoqi.ECONFLICT, "导入 %[1]s 尚未完成，完成后可下载报告 / import %[1]s has not finished; the report is ready when it has", rec.ID))
		return
	}
	name := strings.TrimSuffix(rec.FileName, filepath.Ext(rec.FileName)) + "-report.csv"
	var body io.Reader
	if j := s.imports.localJob(rec.ID); j != nil {
		if f, err := os.Open(j.reportCSV); err == nil {
			defer f.Close()
			body = f
		}
	}
	if body == nil && len(rec.ReportCSV) > 0 {
		body = bytes.NewReader(rec.ReportCSV)
	}
	if body == nil {
		if stoppedByNode(rec) {
			// The node died (kill -9, a crash) before the job's last write, which takes the
			// report along: the report is gone, not merely on another node.
			s.writeError(c, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "导入 %[1]s 没有报告：执行它的节点（%[2]s）在导入完成之前停止，报告随之丢失；已写入多少行见该任务的 counts（GET /api/v1/imports/%[1]s），重新导入该文件可补全其余的行并得到报告 / "+
				"import %[1]s has no report: the node that ran it (%[2]s) stopped before the import finished, and the report went with it; the job's counts say how many rows were written (GET /api/v1/imports/%[1]s), and importing the file again completes the rest and reports it", rec.ID, rec.Node))
			return
		}
		if rec.Node == s.imports.node {
			s.writeError(c, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "导入 %[1]s 没有报告：它在读取文件之前就已停止，或报告文件已随本节点重启而删除 / import %[1]s has no report: it stopped before reading the file, or the report file went when this node restarted", rec.ID))
			return
		}
		s.writeError(c, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "报告文件只保存在执行该导入的节点（%[2]s）上，且只保留到该节点重启，此处无法下载；前 %[3]d 个问题见该任务的 errors（GET /api/v1/imports/%[1]s） / the report file is kept only by the node that ran the import (%[2]s), and only until that node restarts: it cannot be downloaded here; the first %[3]d problems are in the job's errors (GET /api/v1/imports/%[1]s)",
			rec.ID, rec.Node, importProblems))
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-report.csv"; filename*=UTF-8''%s`, rec.ID, url.PathEscape(name)))
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Status(http.StatusOK)
	_, _ = io.Copy(c.Writer, body)
}

// deleteImport answers DELETE /api/v1/imports/{id}: it cancels a job that has not finished
// (202, rows written so far stay; on another node than the one running it, the runner stops
// at its next write to the store, within seconds) and forgets one that has (204).
func (s *Server) deleteImport(c *gin.Context) {
	rec := s.findImport(c)
	if rec == nil {
		return
	}
	if !rec.Finished() {
		if err := s.imports.cancelJob(c.Request.Context(), rec.ID); err != nil {
			s.writeError(c, err)
			return
		}
		s.writeJSON(c, http.StatusAccepted, s.imports.view(rec, true))
		return
	}
	if err := s.imports.forget(c.Request.Context(), rec.ID); err != nil && xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
		s.writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// Close stops the import jobs that are running, waits for them and removes their files. Call
// it before closing the store.
func (s *Server) Close() error {
	return s.Shutdown(context.Background())
}

// StopImports cancels the imports this node runs, at once and without waiting for them, so
// that they stop while the HTTP server drains; Shutdown then waits for them.
func (s *Server) StopImports() {
	s.imports.cancel()
}

// Shutdown stops the import jobs that are running and waits for them until ctx ends: those
// still running then are cut off, written as failed because the node stopped, and logged.
// It then removes their files. Call it before closing the store.
func (s *Server) Shutdown(ctx context.Context) error {
	s.imports.close(ctx)
	return nil
}
