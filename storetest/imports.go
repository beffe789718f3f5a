package storetest

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// TestImportJobs is the conformance suite of xiaoqi.ImportJobs: newOne returns an empty store.
func TestImportJobs(t *testing.T, newOne func(t *testing.T) xiaoqi.ImportJobs) {
	t.Run("RoundTrip", func(t *testing.T) {
		s := newOne(t)
		at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		j := &xiaoqi.ImportJob{ID: "imp_1", Type: xiaoqi.KindJob, FileName: "岗位需求.csv", Mode: "default", Source: "hr-office",
			StartedBy: "usr_admin", Node: "node-a", Status: xiaoqi.ImportRunning, CreatedAt: at, StartedAt: at, UpdatedAt: at.Add(time.Second),
			Progress: xiaoqi.ImportProgress{Rows: 10, Written: 8, Invalid: 2, Bytes: 100, TotalBytes: 400, RowsPerSec: 12.5, ETASeconds: 3}}
		mustPutImport(t, s, j)
		got := mustImport(t, s, "imp_1")
		if !sameImport(got, j) || got.Report != nil {
			t.Errorf("ImportJob = %s, want %s without a report", show(got), show(j))
		}
		// The runner finishes it with a report and an error.
		j.Status, j.FinishedAt, j.UpdatedAt = xiaoqi.ImportFailed, at.Add(time.Minute), at.Add(time.Minute)
		j.Summary = json.RawMessage(`{"counts":{"read":10,"written":8},"problem_count":1}`)
		j.Report = json.RawMessage(`{"errors":[{"row":3,"message":"必填 / is required"}]}`)
		j.Error = &xiaoqi.ImportError{Code: xiaoqi.ETOOLARGE, Message: "行过长 / row too long", Details: []xiaoqi.FieldError{{Field: "max_row_bytes", Message: "x"}}}
		// The report CSV goes with the job, so that every node serves it.
		j.ReportCSV = []byte("\ufeff行号 Row,级别 Level,问题 Problems,岗位名称\r\n3,错误 error,\"[岗位名称] 必填 / is required\",\r\n")
		mustPutImport(t, s, j)
		got = mustImport(t, s, "imp_1")
		if !sameImport(got, j) || !sameJSON(t, got.Report, j.Report) || !sameJSON(t, got.Summary, j.Summary) {
			t.Errorf("after finishing: %s report %s, want %s", show(got), got.Report, show(j))
		}
		if string(got.ReportCSV) != string(j.ReportCSV) {
			t.Errorf("after finishing: report CSV %q, want %q", got.ReportCSV, j.ReportCSV)
		}
		jobs, err := s.ImportJobs(ctx())
		if err != nil || len(jobs) != 1 || jobs[0].Report != nil || jobs[0].ReportCSV != nil || !sameJSON(t, jobs[0].Summary, j.Summary) || jobs[0].Status != xiaoqi.ImportFailed || jobs[0].Progress.Written != 8 {
			t.Errorf("ImportJobs = %v, %v; want the job with its summary, without its report or report CSV", jobs, err)
		}
		// A put without the report CSV removes it, as it does the report.
		j.ReportCSV = nil
		mustPutImport(t, s, j)
		if got := mustImport(t, s, "imp_1"); got.ReportCSV != nil {
			t.Errorf("after a put without the report CSV: %q, want none", got.ReportCSV)
		}
	})
	t.Run("NewestFirst", func(t *testing.T) {
		s := newOne(t)
		at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		for i, id := range []string{"imp_b", "imp_c", "imp_a"} {
			mustPutImport(t, s, &xiaoqi.ImportJob{ID: id, Type: xiaoqi.KindJob, Status: xiaoqi.ImportDone,
				CreatedAt: at.Add(time.Duration(i) * time.Hour), UpdatedAt: at})
		}
		jobs, err := s.ImportJobs(ctx())
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, j := range jobs {
			ids = append(ids, j.ID)
		}
		if fmt.Sprint(ids) != "[imp_a imp_c imp_b]" {
			t.Errorf("ImportJobs in order %v, want newest first [imp_a imp_c imp_b]", ids)
		}
	})
	t.Run("CancelSticks", func(t *testing.T) {
		s := newOne(t)
		at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		j := &xiaoqi.ImportJob{ID: "imp_1", Type: xiaoqi.KindJob, Status: xiaoqi.ImportRunning, CreatedAt: at, UpdatedAt: at}
		mustPutImport(t, s, j)
		if err := s.RequestImportCancel(ctx(), "imp_1"); err != nil {
			t.Fatal(err)
		}
		// The runner, not knowing yet, writes its progress: the request stays, and the put
		// tells the runner.
		j.Progress.Rows, j.UpdatedAt = 500, at.Add(time.Second)
		mustPutImport(t, s, j)
		if !j.CancelRequested {
			t.Error("PutImportJob did not tell the runner that a cancel was requested")
		}
		j.CancelRequested = false
		mustPutImport(t, s, j)
		if got := mustImport(t, s, "imp_1"); !got.CancelRequested || got.Progress.Rows != 500 {
			t.Errorf("after a cancel request and a put: %s, want cancel_requested and rows 500", show(got))
		}
		if err := s.RequestImportCancel(ctx(), "imp_none"); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
			t.Errorf("RequestImportCancel of no job: %v, want ENOTFOUND", err)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		s := newOne(t)
		at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		mustPutImport(t, s, &xiaoqi.ImportJob{ID: "imp_1", Status: xiaoqi.ImportDone, CreatedAt: at, UpdatedAt: at, Report: json.RawMessage(`{}`), ReportCSV: []byte("a\n")})
		if err := s.DeleteImportJob(ctx(), "imp_1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportJob(ctx(), "imp_1"); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
			t.Errorf("ImportJob after delete: %v, want ENOTFOUND", err)
		}
		if err := s.DeleteImportJob(ctx(), "imp_1"); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
			t.Errorf("DeleteImportJob twice: %v, want ENOTFOUND", err)
		}
		if jobs, err := s.ImportJobs(ctx()); err != nil || len(jobs) != 0 {
			t.Errorf("ImportJobs after delete: %v, %v", jobs, err)
		}
		// A job of the same ID put again has no report CSV of the deleted one.
		mustPutImport(t, s, &xiaoqi.ImportJob{ID: "imp_1", Status: xiaoqi.ImportDone, CreatedAt: at, UpdatedAt: at})
		if got := mustImport(t, s, "imp_1"); got.ReportCSV != nil || got.Report != nil {
			t.Errorf("a job put again after delete: report %q, CSV %q; want none", got.Report, got.ReportCSV)
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		s := newOne(t)
		at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		for _, j := range []*xiaoqi.ImportJob{
			{ID: "", Status: xiaoqi.ImportDone, CreatedAt: at},
			{ID: "imp_1", Status: "sleeping", CreatedAt: at},
			{ID: "imp_1", Status: xiaoqi.ImportDone, CreatedAt: at, Report: json.RawMessage(`{"a":`)},
			{ID: "imp_1", Status: xiaoqi.ImportDone, CreatedAt: at, Report: json.RawMessage(`"` + string(make([]byte, xiaoqi.MaxImportReportBytes)) + `"`)},
			{ID: "imp_1", Status: xiaoqi.ImportDone, CreatedAt: at, ReportCSV: make([]byte, xiaoqi.MaxImportReportCSVBytes+1)},
		} {
			if err := s.PutImportJob(ctx(), j); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
				t.Errorf("PutImportJob(%s): %v, want EINVALID", show(j), err)
			}
		}
		if jobs, err := s.ImportJobs(ctx()); err != nil || len(jobs) != 0 {
			t.Errorf("ImportJobs after invalid puts: %v, %v", jobs, err)
		}
	})
}

func mustPutImport(tb testing.TB, s xiaoqi.ImportJobs, j *xiaoqi.ImportJob) {
	tb.Helper()
	if err := s.PutImportJob(ctx(), j); err != nil {
		tb.Fatalf("PutImportJob: %v", err)
	}
}

func mustImport(tb testing.TB, s xiaoqi.ImportJobs, id string) *xiaoqi.ImportJob {
	tb.Helper()
	j, err := s.ImportJob(ctx(), id)
	if err != nil {
		tb.Fatalf("ImportJob(%s): %v", id, err)
	}
	return j
}

// sameImport compares two jobs but for their reports, times by instant.
func sameImport(a, b *xiaoqi.ImportJob) bool {
	x, y := *a, *b
	x.Report, y.Report, x.Summary, y.Summary = nil, nil, nil, nil
	for _, t := range []*time.Time{&x.CreatedAt, &x.StartedAt, &x.FinishedAt, &x.UpdatedAt, &y.CreatedAt, &y.StartedAt, &y.FinishedAt, &y.UpdatedAt} {
		*t = t.UTC()
	}
	return show(&x) == show(&y)
}

func sameJSON(tb testing.TB, a, b json.RawMessage) bool {
	tb.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return fmt.Sprint(x) == fmt.Sprint(y)
}

func show(j *xiaoqi.ImportJob) string {
	data, _ := json.Marshal(j)
	return string(data)
}
