package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// Import job limits and defaults.
const (
	DefaultMaxUploadBytes = 100 << 20
	DefaultMaxImportJobs  = 100
	// importProblems is how many problems a job keeps for GET /imports/{id}; the report CSV has all.
	importProblems = 100
)

// Import job statuses.
const (
	importQueued    = "queued"
	importRunning   = "running"
	importDone      = "done"
	importFailed    = "failed"
	importCancelled = "cancelled"
)

// importJob is one import running in the background. Its state is in memory only: a restart
// forgets the jobs (the rows they wrote stay in the store).
type importJob struct {
	id        string
	opt       ingest.Options
	upload    string // the uploaded file, removed when the job ends
	reportCSV string // the report, kept until the job is forgotten
	created   time.Time
	ctx       context.Context // set by add, before anyone else can see the job
	cancel    context.CancelFunc

	mu       sync.Mutex
	status   string
	started  time.Time
	finished time.Time
	progress ingest.Progress
	report   *ingest.Report
	err      error
}

func (j *importJob) finishedOK() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.status == importDone || j.status == importFailed || j.status == importCancelled
}

// importJobs keeps the last jobs of the server, runs at most one at a time (imports into one
// store only contend with each other), and stops them all on Close.
type importJobs struct {
	store  xiaoqi.Store
	logger *slog.Logger
	notify func()
	dir    string
	max    int
	limits ingest.Limits
	skills ingest.Skills

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	slot   chan struct{}

	mu    sync.Mutex
	jobs  map[string]*importJob
	order []string // oldest first
}

func newImportJobs(cfg Config, logger *slog.Logger) *importJobs {
	ctx, cancel := context.WithCancel(context.Background())
	n := cfg.MaxImportJobs
	if n <= 0 {
		n = DefaultMaxImportJobs
	}
	return &importJobs{store: cfg.Store, logger: logger, notify: cfg.Notify, dir: cfg.ImportDir, max: n,
		limits: cfg.ImportLimits, skills: cfg.ImportSkills, ctx: ctx, cancel: cancel, slot: make(chan struct{}, 1), jobs: map[string]*importJob{}}
}

// add registers a job, forgetting the oldest finished jobs beyond the limit. It refuses a
// job when the limit is taken by jobs that have not finished.
func (m *importJobs) add(j *importJob) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for len(m.order) >= m.max {
		i := -1
		for k, id := range m.order {
			if m.jobs[id].finishedOK() {
				i = k
				break
			}
		}
		if i < 0 {
			return xiaoqi.Errorf(xiaoqi.EUNAVAILABLE, "导入任务过多，请稍后再试 / %d imports are waiting or running; try again later", len(m.order))
		}
		m.forgetLocked(m.order[i])
	}
	j.ctx, j.cancel = context.WithCancel(m.ctx)
	m.jobs[j.id] = j
	m.order = append(m.order, j.id)
	return nil
}

func (m *importJobs) get(id string) *importJob {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.jobs[id]
}

// list returns the jobs, newest first.
func (m *importJobs) list() []*importJob {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*importJob, 0, len(m.order))
	for i := len(m.order) - 1; i >= 0; i-- {
		out = append(out, m.jobs[m.order[i]])
	}
	return out
}

// forget drops a finished job and its report.
func (m *importJobs) forget(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.forgetLocked(id)
}

func (m *importJobs) forgetLocked(id string) {
	j := m.jobs[id]
	if j == nil {
		return
	}
	j.cancel()
	delete(m.jobs, id)
	for i, x := range m.order {
		if x == id {
			m.order = append(m.order[:i], m.order[i+1:]...)
			break
		}
	}
	os.Remove(j.reportCSV)
}

// start runs j in the background.
func (m *importJobs) start(j *importJob) {
	ctx := j.ctx
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		defer j.cancel()
		defer os.Remove(j.upload)
		select {
		case m.slot <- struct{}{}:
			defer func() { <-m.slot }()
		case <-ctx.Done():
			j.end(nil, ctx.Err())
			return
		}
		j.mu.Lock()
		j.status, j.started = importRunning, time.Now().UTC()
		j.mu.Unlock()
		rep, err := m.run(ctx, j)
		j.end(rep, err)
		if err != nil && xiaoqi.ErrorCode(err) == xiaoqi.EINTERNAL && ctx.Err() == nil {
			m.logger.Error("import failed", "import", j.id, "err", err)
		}
	}()
}

func (m *importJobs) run(ctx context.Context, j *importJob) (rep *ingest.Report, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &xiaoqi.Error{Code: xiaoqi.EINTERNAL, Message: xiaoqi.InternalMessage, Err: errors.New("panic in import")}
			m.logger.Error("import panicked", "import", j.id, "panic", v)
		}
	}()
	f, err := os.Create(j.reportCSV)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	opt := j.opt
	opt.ReportCSV = ingest.NewCSVWriter(f)
	opt.Progress = func(p ingest.Progress) {
		j.mu.Lock()
		j.progress = p
		j.mu.Unlock()
	}
	opt.Notify = m.notify
	rep, err = ingest.Import(ctx, m.store, j.upload, opt)
	if cerr := f.Close(); cerr != nil && err == nil {
		err = cerr
	}
	return rep, err
}

// end records how a job ended.
func (j *importJob) end(rep *ingest.Report, err error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.finished, j.report, j.err = time.Now().UTC(), rep, err
	switch {
	case errors.Is(err, context.Canceled):
		j.status = importCancelled
	case err != nil:
		j.status = importFailed
	default:
		j.status = importDone
	}
}

// close cancels every job, waits for them and removes their files.
func (m *importJobs) close() {
	m.cancel()
	m.wg.Wait()
	m.mu.Lock()
	defer m.mu.Unlock()
	for id := range m.jobs {
		m.forgetLocked(id)
	}
}

func newImportID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on supported platforms
	return "imp_" + hex.EncodeToString(b[:])
}
