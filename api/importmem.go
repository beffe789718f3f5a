package api

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/xiaoqi-dev/xiaoqi"
)

// memImportJobs keeps import jobs in memory, for a store that does not keep them (one node).
type memImportJobs struct {
	mu   sync.Mutex
	jobs map[string]xiaoqi.ImportJob
}

func newMemImportJobs() *memImportJobs { return &memImportJobs{jobs: map[string]xiaoqi.ImportJob{}} }

func (m *memImportJobs) PutImportJob(_ context.Context, j *xiaoqi.ImportJob) error {
	if err := j.Validate(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	j.CancelRequested = j.CancelRequested || m.jobs[j.ID].CancelRequested
	m.jobs[j.ID] = *j
	return nil
}

func (m *memImportJobs) ImportJob(_ context.Context, id string) (*xiaoqi.ImportJob, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	j, ok := m.jobs[id]
	if !ok {
		return nil, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "导入任务 %q 不存在 / no import job %q", id, id)
	}
	return &j, nil
}

func (m *memImportJobs) ImportJobs(context.Context) ([]*xiaoqi.ImportJob, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*xiaoqi.ImportJob, 0, len(m.jobs))
	for _, j := range m.jobs {
		j.Report, j.ReportCSV = nil, nil
		out = append(out, &j)
	}
	slices.SortFunc(out, func(a, b *xiaoqi.ImportJob) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	return out, nil
}

func (m *memImportJobs) RequestImportCancel(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	j, ok := m.jobs[id]
	if !ok {
		return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "导入任务 %q 不存在 / no import job %q", id, id)
	}
	j.CancelRequested = true
	m.jobs[id] = j
	return nil
}

func (m *memImportJobs) DeleteImportJob(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.jobs[id]; !ok {
		return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "导入任务 %q 不存在 / no import job %q", id, id)
	}
	delete(m.jobs, id)
	return nil
}
