package api

import (
	"context"
	"sync"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// DefaultImportIndexWait bounds how long an import whose rows are written waits for this
// node's search index to apply them before it reports done: a million rows took the index
// 11–49 s past the last row on a quiet machine (README "Importing files").
const DefaultImportIndexWait = 2 * time.Minute

// seqStore is the store as one import writes to it: it keeps the change-feed sequence of the
// import's last write, which the job then waits for the index to apply. (The store's LastSeq
// would do on the embedded store, but MongoDB's is the settled prefix, which another node's
// write in flight can hold below the import's own last change.)
type seqStore struct {
	xiaoqi.Store
	mu  sync.Mutex
	seq uint64
}

func (s *seqStore) Upsert(ctx context.Context, docs []xiaoqi.Doc) ([]xiaoqi.WriteResult, error) {
	res, err := s.Store.Upsert(ctx, docs)
	s.note(res...)
	return res, err
}

func (s *seqStore) Delete(ctx context.Context, k xiaoqi.Kind, id string, version int64) (xiaoqi.WriteResult, error) {
	res, err := s.Store.Delete(ctx, k, id, version)
	s.note(res)
	return res, err
}

func (s *seqStore) note(res ...xiaoqi.WriteResult) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range res {
		s.seq = max(s.seq, r.Seq)
	}
}

func (s *seqStore) last() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seq
}

// waitIndex waits, bounded by indexWait, until this node's index has applied the job's last
// write (seq), so that done means what the administrator sees: the rows are found by a search
// at once (the job said done while the index was still applying them, and a search right
// after found none of 500 rows). The job stays running meanwhile, its progress saying so. A
// cancel or the node's stop ends the wait; the rows are written all the same, and the job's
// view says they are not searchable yet (searchable false) rather than claim they are.
func (m *importJobs) waitIndex(j *importJob, seq uint64) {
	if m.index == nil || seq == 0 {
		return
	}
	j.mu.Lock()
	j.rec.Progress.Indexing = true
	j.mu.Unlock()
	if m.notify != nil {
		m.notify()
	}
	ctx, cancel := context.WithTimeout(j.ctx, m.indexWait)
	defer cancel()
	if err := m.index.WaitFor(ctx, seq); err != nil {
		m.logger.Warn("import written but not yet searchable on this node: the index had not applied it",
			"import", j.id, "seq", seq, "index_seq", m.index.Seq(), "wait", m.indexWait.String(), "err", err)
	}
}

// view is the JSON of a job as this node shows it: a done import that wrote rows says whether
// this node's index has applied them (searchable), which is what a search here finds. Each
// node's index is its own, so another node may say false a moment longer than the runner.
func (m *importJobs) view(r *xiaoqi.ImportJob, full bool) importView {
	v := viewImport(r, full)
	if m.index == nil || r.Status != xiaoqi.ImportDone || v.Mode == ingest.ModeDryRun || v.Seq == nil {
		return v // no index, nothing written, or a job stored before jobs kept their seq
	}
	ok := m.index.Seq() >= *v.Seq
	v.Searchable = &ok
	if !ok {
		v.IndexMessage = "数据已全部写入，但本节点的搜索索引尚未应用完，搜索暂时还找不到部分行；稍后刷新即可 / " +
			"the rows are all written, but this node's search index has not applied them all yet, so a search may not find some of them; refresh in a moment"
	}
	return v
}
