package xiaoqi

import (
	"context"
	"encoding/json"
	"time"
)

// Import job statuses.
const (
	ImportQueued    = "queued"
	ImportRunning   = "running"
	ImportDone      = "done"
	ImportFailed    = "failed"
	ImportCancelled = "cancelled"
)

// Import job bounds.
const (
	// ImportStaleAfter is how long a queued or running job may go without its runner writing it
	// before the other nodes take the runner for dead and report the job failed. Runners write
	// their jobs every 2 s (10 writes missed), and the nodes' clocks must agree to within a
	// few seconds. (It was a minute: the list of a node whose peer was killed showed its
	// import running for that long.)
	ImportStaleAfter = 20 * time.Second
	// MaxImportReportBytes caps ImportJob.Report: the API keeps a fixed number of problems in
	// it (the full list is in the report CSV on the node that ran the job).
	MaxImportReportBytes = 1 << 20
	// MaxImportReportCSVBytes caps ImportJob.ReportCSV, the report CSV as every node serves
	// it: the API cuts a longer report at a row and says so in a last row (the node that ran
	// the job keeps the whole file until it restarts).
	MaxImportReportCSVBytes = 1 << 20
)

// ImportJob is the state of one bulk import (POST /api/v1/imports), kept in the store so
// that every node behind a load balancer lists and shows every job. It is not a document:
// no change feed, never indexed.
type ImportJob struct {
	ID       string `json:"id" bson:"_id"`
	Type     Kind   `json:"type" bson:"type"`
	FileName string `json:"file_name" bson:"file_name"`
	// Mode (default, dry-run, strict) and Source are the options shown to users.
	Mode   string `json:"mode" bson:"mode"`
	Source string `json:"source" bson:"source"`
	// StartedBy is the ID of the user who uploaded the file.
	StartedBy string `json:"started_by,omitempty" bson:"started_by"`
	// Node names the node that runs the job: it alone has the upload and the report CSV.
	Node   string `json:"node,omitempty" bson:"node"`
	Status string `json:"status" bson:"status"`
	// CancelRequested asks the runner to stop (DELETE on any node). Once stored it stays set:
	// PutImportJob never clears it.
	CancelRequested bool           `json:"cancel_requested,omitempty" bson:"cancel_requested"`
	Progress        ImportProgress `json:"progress" bson:"progress"`
	CreatedAt       time.Time      `json:"created_at" bson:"created_at"`
	StartedAt       time.Time      `json:"started_at,omitzero" bson:"started_at"`
	FinishedAt      time.Time      `json:"finished_at,omitzero" bson:"finished_at"`
	// UpdatedAt is when the runner last wrote the job; a queued or running job whose UpdatedAt
	// is older than ImportStaleAfter has lost its runner.
	UpdatedAt time.Time `json:"updated_at" bson:"updated_at"`
	// Summary and Report are the job's report as the API shows it, in JSON that the store
	// does not read: Summary the small part that lists show (format, counts, problem count),
	// Report the rest (column mapping, problem kinds, the first problems). Each is at most
	// MaxImportReportBytes. ImportJobs (the list) leaves Report out.
	Summary json.RawMessage `json:"summary,omitempty" bson:"-"`
	Report  json.RawMessage `json:"report,omitempty" bson:"-"`
	// ReportCSV is the job's report CSV once it has finished (each row with a problem, as
	// uploaded but for candidates' personal cells, and why), kept with the job so that every
	// node serves it; at most MaxImportReportCSVBytes. ImportJobs (the list) leaves it out; a
	// put without it removes it, as it does Report.
	ReportCSV []byte `json:"-" bson:"-"`
	// Error says why a failed job failed.
	Error *ImportError `json:"error,omitempty" bson:"error"`
}

// ImportProgress is how far a running job has come.
type ImportProgress struct {
	Rows       int     `json:"rows" bson:"rows"`
	Written    int     `json:"written" bson:"written"`
	Invalid    int     `json:"invalid" bson:"invalid"`
	Bytes      int64   `json:"bytes" bson:"bytes"`
	TotalBytes int64   `json:"total_bytes" bson:"total_bytes"`
	RowsPerSec float64 `json:"rows_per_sec" bson:"rows_per_sec"`
	ETASeconds float64 `json:"eta_seconds" bson:"eta_seconds"`
	// Indexing: every row is written, and the runner waits for its node's search index to
	// apply them before it says done.
	Indexing bool `json:"indexing,omitempty" bson:"indexing,omitempty"`
}

// ImportError is the error of a failed job, as the API shows it.
type ImportError struct {
	Code    string       `json:"code" bson:"code"`
	Message string       `json:"message" bson:"message"`
	Details []FieldError `json:"details,omitempty" bson:"details"`
}

// Finished reports whether the job has ended (done, failed or cancelled).
func (j *ImportJob) Finished() bool {
	return j.Status == ImportDone || j.Status == ImportFailed || j.Status == ImportCancelled
}

// Stale reports whether a job that has not finished has gone without its runner writing it
// for longer than ImportStaleAfter at now: the node that ran it has stopped.
func (j *ImportJob) Stale(now time.Time) bool {
	return !j.Finished() && now.Sub(j.UpdatedAt) > ImportStaleAfter
}

// Validate checks a job before it is stored.
func (j *ImportJob) Validate() error {
	var v validation
	v.accountID("id", j.ID)
	switch j.Status {
	case ImportQueued, ImportRunning, ImportDone, ImportFailed, ImportCancelled:
	default:
		v.add("status", "未知状态 %q", "unknown status %q", j.Status)
	}
	if j.CreatedAt.IsZero() {
		v.add("created_at", "必填", "is required")
	}
	for _, f := range []struct {
		name string
		data json.RawMessage
	}{{"summary", j.Summary}, {"report", j.Report}} {
		if len(f.data) > MaxImportReportBytes {
			v.add(f.name, "超过 %d 字节", "is larger than %d bytes", MaxImportReportBytes)
		} else if len(f.data) > 0 && !json.Valid(f.data) {
			v.add(f.name, "不是有效的 JSON", "is not valid JSON")
		}
	}
	if len(j.ReportCSV) > MaxImportReportCSVBytes {
		v.add("report_csv", "超过 %d 字节", "is larger than %d bytes", MaxImportReportCSVBytes)
	}
	return v.err("import job")
}

// ImportJobs keeps the import jobs. bolt and mongodb implement it beside Store and Accounts;
// storetest.TestImportJobs is its conformance suite. Jobs are few (the API prunes old finished
// ones), so the list is not paged.
type ImportJobs interface {
	// PutImportJob stores a job, new or changed, replacing the stored one but for
	// CancelRequested, which a put never clears: it sets j.CancelRequested to the stored
	// value, so that the runner learns of a cancel as it writes its progress.
	PutImportJob(ctx context.Context, j *ImportJob) error
	// ImportJob returns a job with its report and report CSV; ENOTFOUND when absent.
	ImportJob(ctx context.Context, id string) (*ImportJob, error)
	// ImportJobs returns every job without its report and report CSV, newest (CreatedAt) first.
	ImportJobs(ctx context.Context) ([]*ImportJob, error)
	// RequestImportCancel sets a job's CancelRequested; ENOTFOUND when absent.
	RequestImportCancel(ctx context.Context, id string) error
	// DeleteImportJob removes a job; ENOTFOUND when absent.
	DeleteImportJob(ctx context.Context, id string) error
}
