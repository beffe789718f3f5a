package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"strings"
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
	// defaultImportSaveInterval is how often a runner writes its job to the store: its
	// progress, and that it is alive (xiaoqi.ImportStaleAfter).
	defaultImportSaveInterval = 2 * time.Second
)

// importStopped is the error of a job whose node stopped before the job finished: seen by the
// node itself as it shuts down, or by another node once the job has gone stale.
func importStopped() *xiaoqi.ImportError {
	return &xiaoqi.ImportError{Code: xiaoqi.EUNAVAILABLE,
		Message: "执行该导入的节点已停止，导入未完成；请重新导入该文件：已写入的行不会重复写入 / the node that ran this import stopped before it finished; import the file again: rows already written are not duplicated"}
}

// importJob is an import that this node runs. The upload, the report CSV file and the cancel
// function are this node's alone; the job's state (rec) is written to the store every
// importJobs.saveEvery and when it ends, so that every node lists and shows it; its last
// write takes the report CSV along (at most xiaoqi.MaxImportReportCSVBytes of it), so that
// every node serves it, also after this one has restarted.
type importJob struct {
	id        string
	opt       ingest.Options
	store     *seqStore       // the store as the job writes to it
	upload    string          // the uploaded file, removed when the job ends
	reportCSV string          // the report, kept until the job is forgotten
	ctx       context.Context // set by add, before anyone else can see the job
	cancel    context.CancelFunc

	mu  sync.Mutex
	rec xiaoqi.ImportJob
}

// state returns a copy of the job's record.
func (j *importJob) state() *xiaoqi.ImportJob {
	j.mu.Lock()
	defer j.mu.Unlock()
	r := j.rec
	return &r
}

// importJobs keeps the import jobs in the store (xiaoqi.ImportJobs) and the files of those
// this node runs. It runs at most one import at a time (imports into one store only contend
// with each other) and stops them all on Close.
type importJobs struct {
	store xiaoqi.Store
	// accounts hold the audit log, whose erasures an import of candidates reads; may be nil.
	accounts xiaoqi.Accounts
	jobs     xiaoqi.ImportJobs
	node     string
	logger   *slog.Logger
	notify   func()
	dir      string
	max      int
	// saveEvery is how often a runner writes its job to the store.
	saveEvery time.Duration
	limits    ingest.Limits
	skills    ingest.Skills
	schools   map[string][]string // Config.ImportInstitutionNames
	// index is this node's search index (nil: none), which a job waits for, at most indexWait.
	index     xiaoqi.Index
	indexWait time.Duration

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	slot   chan struct{}

	addMu sync.Mutex // serialises add's count and prune on this node
	mu    sync.Mutex
	local map[string]*importJob
}

func newImportJobs(cfg Config, logger *slog.Logger) *importJobs {
	ctx, cancel := context.WithCancel(context.Background())
	n := cfg.MaxImportJobs
	if n <= 0 {
		n = DefaultMaxImportJobs
	}
	jobs := cfg.ImportJobs
	if jobs == nil {
		if s, ok := cfg.Store.(xiaoqi.ImportJobs); ok {
			jobs = s
		} else if a, ok := cfg.Accounts.(xiaoqi.ImportJobs); ok {
			jobs = a
		} else {
			jobs = newMemImportJobs()
		}
	}
	every := cfg.ImportSaveInterval
	if every <= 0 {
		every = defaultImportSaveInterval
	}
	indexWait := cfg.ImportIndexWait
	if indexWait <= 0 {
		indexWait = DefaultImportIndexWait
	}
	node := cfg.NodeName
	if node == "" {
		node, _ = os.Hostname()
	}
	return &importJobs{store: cfg.Store, accounts: cfg.Accounts, jobs: jobs, node: node, logger: logger, notify: cfg.Notify, dir: cfg.ImportDir, max: n,
		saveEvery: every, limits: cfg.ImportLimits, skills: cfg.ImportSkills, schools: cfg.ImportInstitutionNames,
		index: cfg.Index, indexWait: indexWait, ctx: ctx, cancel: cancel, slot: make(chan struct{}, 1), local: map[string]*importJob{}}
}

// add stores a new job, pruning the oldest finished jobs beyond the limit (of every node).
// It refuses a job when the limit is taken by jobs that have not finished.
func (m *importJobs) add(ctx context.Context, j *importJob) error {
	m.addMu.Lock()
	defer m.addMu.Unlock()
	jobs, err := m.jobs.ImportJobs(ctx)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	kept := map[string]bool{}
	n := len(jobs)
	for i := len(jobs) - 1; i >= 0; i-- { // oldest first
		old := jobs[i]
		if n < m.max || !(old.Finished() || (old.Stale(now) && m.localJob(old.ID) == nil)) {
			kept[old.ID] = true
			continue
		}
		if err := m.jobs.DeleteImportJob(ctx, old.ID); err != nil && xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
			return err
		}
		n--
	}
	if n >= m.max {
		return xiaoqi.Errorf(xiaoqi.EUNAVAILABLE, "已有 %[1]d 个导入在等待或运行，请稍后再试 / %[1]d imports are waiting or running; try again later", n)
	}
	// The files of finished jobs that are gone from the store (pruned or deleted on any node).
	m.mu.Lock()
	for id, l := range m.local {
		if !kept[id] && l.state().Finished() {
			m.forgetLocked(id)
		}
	}
	m.mu.Unlock()

	j.ctx, j.cancel = context.WithCancel(m.ctx)
	rec := j.state()
	rec.UpdatedAt = now
	if err := m.jobs.PutImportJob(ctx, rec); err != nil {
		j.cancel()
		return err
	}
	m.mu.Lock()
	m.local[j.id] = j
	m.mu.Unlock()
	return nil
}

// localJob returns the job of that id if this node runs (or ran) it.
func (m *importJobs) localJob(id string) *importJob {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.local[id]
}

// get returns a job from the store, or this node's own fresher state of a job it runs. A job
// whose runner has gone silent is marked failed (in the store too).
func (m *importJobs) get(ctx context.Context, id string) (*xiaoqi.ImportJob, error) {
	local := m.localJob(id)
	rec, err := m.jobs.ImportJob(ctx, id)
	if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND && local != nil && local.state().Finished() {
		// Deleted on another node: the report file goes too.
		m.mu.Lock()
		m.forgetLocked(id)
		m.mu.Unlock()
	}
	if err != nil {
		return nil, err
	}
	if local != nil {
		if l := local.state(); !l.Finished() {
			return l, nil
		}
	} else if rec.Stale(time.Now()) {
		markStopped(rec)
		if err := m.jobs.PutImportJob(ctx, rec); err != nil {
			m.logger.Warn("mark stopped import failed", "import", id, "err", err)
		}
	}
	return rec, nil
}

// list returns the jobs, newest first, without their reports. Jobs whose runner has gone
// silent show as failed.
func (m *importJobs) list(ctx context.Context) ([]*xiaoqi.ImportJob, error) {
	jobs, err := m.jobs.ImportJobs(ctx)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	for i, rec := range jobs {
		if j := m.localJob(rec.ID); j != nil {
			if l := j.state(); !l.Finished() {
				l.Report = nil
				jobs[i] = l
			}
		} else if rec.Stale(now) {
			markStopped(rec)
		}
	}
	return jobs, nil
}

// markStopped records that the node running rec stopped. Its counts are those of its last
// progress: the summary it was stored with is the upload's inspection, all 0, and a job whose
// node died at 950 rows written showed counts.written 0, though the 950 were stored.
func markStopped(rec *xiaoqi.ImportJob) {
	rec.Status, rec.FinishedAt, rec.Error = xiaoqi.ImportFailed, time.Now().UTC(), importStopped()
	var sum importSummary
	if len(rec.Summary) > 0 {
		_ = json.Unmarshal(rec.Summary, &sum) // written by encodeReport
	}
	c := ingest.Counts{}
	if sum.Counts != nil {
		c = *sum.Counts
	}
	p := rec.Progress
	c.Read, c.Written, c.Invalid = max(c.Read, p.Rows), max(c.Written, p.Written), max(c.Invalid, p.Invalid)
	sum.Counts = &c
	rec.Summary, _ = json.Marshal(sum) // a struct of strings and numbers always marshals
}

// stoppedByNode reports whether r failed because the node that ran it stopped.
func stoppedByNode(r *xiaoqi.ImportJob) bool {
	return r.Status == xiaoqi.ImportFailed && r.Error != nil && r.Error.Message == importStopped().Message
}

// cancelJob asks the runner of a job that has not finished to stop: at once on this node,
// else through the store at the runner's next write.
func (m *importJobs) cancelJob(ctx context.Context, id string) error {
	if j := m.localJob(id); j != nil {
		j.cancel()
	}
	return m.jobs.RequestImportCancel(ctx, id)
}

// forget drops a finished job from the store and its files from this node.
func (m *importJobs) forget(ctx context.Context, id string) error {
	m.mu.Lock()
	m.forgetLocked(id)
	m.mu.Unlock()
	return m.jobs.DeleteImportJob(ctx, id)
}

func (m *importJobs) forgetLocked(id string) {
	j := m.local[id]
	if j == nil {
		return
	}
	j.cancel()
	delete(m.local, id)
	os.Remove(j.reportCSV)
}

// save writes the job to the store and cancels it when a cancel was requested on any node.
// The last save of a job that has ended (final) takes its report CSV along.
func (m *importJobs) save(j *importJob, final bool) {
	if !final && m.ctx.Err() != nil {
		return // the node is stopping: a late progress write could undo close's cut-off
	}
	rec := j.state()
	rec.UpdatedAt = time.Now().UTC()
	if final {
		rec.ReportCSV = storedReportCSV(j.reportCSV, m.node, m.logger)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := m.jobs.PutImportJob(ctx, rec); err != nil {
		m.logger.Error("save import job", "import", j.id, "err", err)
		return
	}
	if rec.CancelRequested && !rec.Finished() {
		j.cancel()
	}
}

// start runs j in the background, writing it to the store every saveEvery.
func (m *importJobs) start(j *importJob) {
	ctx := j.ctx
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		defer j.cancel()
		defer os.Remove(j.upload)
		stop, saved := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(saved)
			t := time.NewTicker(m.saveEvery)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					m.save(j, false)
				}
			}
		}()
		rep, err := m.wait(ctx, j)
		if err == nil {
			m.waitIndex(j, j.store.last())
		}
		close(stop)
		<-saved
		m.end(j, rep, err)
		m.save(j, true)
		if err != nil && xiaoqi.ErrorCode(err) == xiaoqi.EINTERNAL && ctx.Err() == nil {
			m.logger.Error("import failed", "import", j.id, "err", err)
		}
	}()
}

// wait waits for the slot, then runs j.
func (m *importJobs) wait(ctx context.Context, j *importJob) (*ingest.Report, error) {
	select {
	case m.slot <- struct{}{}:
		defer func() { <-m.slot }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	j.mu.Lock()
	j.rec.Status, j.rec.StartedAt = xiaoqi.ImportRunning, time.Now().UTC()
	j.mu.Unlock()
	return m.run(ctx, j)
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
		j.rec.Progress = xiaoqi.ImportProgress{Rows: p.Rows, Written: p.Written, Invalid: p.Invalid, Bytes: p.Bytes,
			TotalBytes: p.TotalBytes, RowsPerSec: p.RowsPerSec, ETASeconds: p.ETA.Seconds()}
		j.mu.Unlock()
	}
	opt.Notify = m.notify
	if opt.Type == xiaoqi.KindCandidate && m.accounts != nil {
		if opt.Erased, err = xiaoqi.NewErasures(ctx, m.accounts); err != nil {
			return nil, err
		}
	}
	rep, err = ingest.Import(ctx, j.store, j.upload, opt)
	if cerr := f.Close(); cerr != nil && err == nil {
		err = cerr
	}
	return rep, err
}

// end records how a job ended.
func (m *importJobs) end(j *importJob, rep *ingest.Report, err error) {
	var summary, report []byte
	if rep != nil {
		seq := j.store.last()
		summary, report = encodeReport(rep, &seq)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	r := &j.rec
	r.FinishedAt, r.Error = time.Now().UTC(), nil
	if rep != nil {
		r.Summary, r.Report = summary, report
	}
	switch {
	case err != nil && m.ctx.Err() != nil:
		// The node is shutting down: nobody cancelled this job.
		markStopped(r)
	case errors.Is(err, context.Canceled):
		r.Status = xiaoqi.ImportCancelled
	case err != nil:
		r.Status = xiaoqi.ImportFailed
		msg := xiaoqi.ErrorMessage(err)
		if xiaoqi.ErrorCode(err) == xiaoqi.EINTERNAL {
			msg = xiaoqi.InternalMessage
		}
		r.Error = &xiaoqi.ImportError{Code: xiaoqi.ErrorCode(err), Message: msg, Details: xiaoqi.ErrorDetails(err)}
	default:
		r.Status = xiaoqi.ImportDone
	}
}

// importCutOffWrite bounds the write of a job cut off at shutdown, which the store may be too
// slow to take (a node stopping because its database is in trouble): the other nodes then
// find the job stale and report it failed.
const importCutOffWrite = 2 * time.Second

// close cancels every job and waits for them until ctx ends; each writes how it ended to the
// store. A job still running then (its runner in a store write, which goes on after a cancel:
// a node's stop waited 30 s for one on FerretDB, past the drain, saying nothing) is cut off:
// written as failed because the node stopped, with the counts of its last progress, and
// logged. Then the jobs' files are removed.
func (m *importJobs) close(ctx context.Context) {
	m.cancel()
	if ids := m.unfinished(); len(ids) > 0 {
		m.logger.Info("shutdown: waiting for imports to stop", "imports", ids)
	}
	done := make(chan struct{})
	go func() {
		m.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		m.cutOff()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, j := range m.local {
		m.forgetLocked(id)
		os.Remove(j.upload) // a runner cut off has not removed it
	}
}

// unfinished returns the ids of this node's jobs that have not finished.
func (m *importJobs) unfinished() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var ids []string
	for id, j := range m.local {
		if !j.state().Finished() {
			ids = append(ids, id)
		}
	}
	return ids
}

// cutOff writes the jobs still running as failed because the node stopped, and logs each.
func (m *importJobs) cutOff() {
	for _, id := range m.unfinished() {
		j := m.localJob(id)
		j.mu.Lock()
		markStopped(&j.rec)
		j.rec.UpdatedAt = time.Now().UTC()
		rec := j.rec
		j.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), importCutOffWrite)
		err := m.jobs.PutImportJob(ctx, &rec)
		cancel()
		attrs := []any{"import", id, "rows", rec.Progress.Rows, "written", rec.Progress.Written, "invalid", rec.Progress.Invalid}
		if err != nil {
			m.logger.Warn("shutdown: import cut off, still writing; not marked failed in the store (the other nodes will, once it is stale)",
				append(attrs, "err", err)...)
			continue
		}
		m.logger.Warn("shutdown: import cut off, still writing; marked failed: the node stopped", attrs...)
	}
}

func newImportID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on supported platforms
	return "imp_" + hex.EncodeToString(b[:])
}

// forgetPerson takes candidate c's personal data out of the file names and sources of the finished
// import jobs, as erasure does everywhere: an import names its source after its file, which
// may be the person's (陈晓东_13700001111_简历.xlsx), and the job list still showed it after the
// person was erased. A job still running keeps its name until it has finished.
func (m *importJobs) forgetPerson(ctx context.Context, c *xiaoqi.Candidate) error {
	jobs, err := m.jobs.ImportJobs(ctx)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if j.Status == xiaoqi.ImportQueued || j.Status == xiaoqi.ImportRunning {
			continue
		}
		name, source := c.Redact(j.FileName, redacted), c.Redact(j.Source, redacted)
		if name == j.FileName && source == j.Source {
			continue
		}
		full, err := m.jobs.ImportJob(ctx, j.ID)
		if err != nil {
			return err
		}
		r := strings.NewReplacer(j.FileName, name, j.Source, source)
		full.FileName, full.Source = name, source
		if len(full.Summary) > 0 {
			full.Summary = json.RawMessage(r.Replace(string(full.Summary)))
		}
		if len(full.Report) > 0 {
			full.Report = json.RawMessage(r.Replace(string(full.Report)))
		}
		if err := m.jobs.PutImportJob(ctx, full); err != nil {
			return err
		}
	}
	return nil
}
