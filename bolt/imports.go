package bolt

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
)

var _ xiaoqi.ImportJobs = (*Store)(nil)

// PutImportJob implements xiaoqi.ImportJobs: the job, its report and report CSV in one transaction, the
// stored CancelRequested kept.
func (s *Store) PutImportJob(ctx context.Context, j *xiaoqi.ImportJob) error {
	if err := j.Validate(); err != nil {
		return err
	}
	rec := *j
	rec.Report, rec.ReportCSV = nil, nil
	err := s.update(ctx, "put import job", func(tx *bolt.Tx) error {
		jobs, reps := tx.Bucket(bucketImports), tx.Bucket(bucketImportRep)
		if old := jobs.Get([]byte(j.ID)); old != nil && !rec.CancelRequested {
			prev, err := decodeImportJob(j.ID, old)
			if err != nil {
				return err
			}
			rec.CancelRequested = prev.CancelRequested
		}
		data, err := json.Marshal(&rec)
		if err != nil {
			return fmt.Errorf("encode import job: %w", err)
		}
		if err := jobs.Put([]byte(j.ID), data); err != nil {
			return err
		}
		for _, b := range []struct {
			bucket *bolt.Bucket
			data   []byte
		}{{reps, j.Report}, {tx.Bucket(bucketImportCSV), j.ReportCSV}} {
			var err error
			if len(b.data) == 0 {
				err = b.bucket.Delete([]byte(j.ID))
			} else {
				err = b.bucket.Put([]byte(j.ID), b.data)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	j.CancelRequested = rec.CancelRequested
	return nil
}

// ImportJob implements xiaoqi.ImportJobs.
func (s *Store) ImportJob(ctx context.Context, id string) (*xiaoqi.ImportJob, error) {
	var j *xiaoqi.ImportJob
	err := s.view(ctx, "get import job", func(tx *bolt.Tx) error {
		data := tx.Bucket(bucketImports).Get([]byte(id))
		if data == nil {
			return importJobNotFound(id)
		}
		var err error
		if j, err = decodeImportJob(id, data); err != nil {
			return err
		}
		if rep := tx.Bucket(bucketImportRep).Get([]byte(id)); rep != nil {
			j.Report = slices.Clone(rep)
		}
		if csv := tx.Bucket(bucketImportCSV).Get([]byte(id)); csv != nil {
			j.ReportCSV = slices.Clone(csv)
		}
		return nil
	})
	return j, err
}

// ImportJobs implements xiaoqi.ImportJobs.
func (s *Store) ImportJobs(ctx context.Context) ([]*xiaoqi.ImportJob, error) {
	out := []*xiaoqi.ImportJob{}
	err := s.view(ctx, "list import jobs", func(tx *bolt.Tx) error {
		return tx.Bucket(bucketImports).ForEach(func(k, v []byte) error {
			j, err := decodeImportJob(string(k), v)
			if err != nil {
				return err
			}
			out = append(out, j)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	sortImportJobs(out)
	return out, nil
}

// RequestImportCancel implements xiaoqi.ImportJobs.
func (s *Store) RequestImportCancel(ctx context.Context, id string) error {
	return s.update(ctx, "cancel import job", func(tx *bolt.Tx) error {
		jobs := tx.Bucket(bucketImports)
		data := jobs.Get([]byte(id))
		if data == nil {
			return importJobNotFound(id)
		}
		j, err := decodeImportJob(id, data)
		if err != nil {
			return err
		}
		j.CancelRequested = true
		if data, err = json.Marshal(j); err != nil {
			return fmt.Errorf("encode import job: %w", err)
		}
		return jobs.Put([]byte(id), data)
	})
}

// DeleteImportJob implements xiaoqi.ImportJobs.
func (s *Store) DeleteImportJob(ctx context.Context, id string) error {
	return s.update(ctx, "delete import job", func(tx *bolt.Tx) error {
		jobs := tx.Bucket(bucketImports)
		if jobs.Get([]byte(id)) == nil {
			return importJobNotFound(id)
		}
		if err := jobs.Delete([]byte(id)); err != nil {
			return err
		}
		if err := tx.Bucket(bucketImportRep).Delete([]byte(id)); err != nil {
			return err
		}
		return tx.Bucket(bucketImportCSV).Delete([]byte(id))
	})
}

func decodeImportJob(id string, data []byte) (*xiaoqi.ImportJob, error) {
	var j xiaoqi.ImportJob
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("decode import job %s: %w", id, err)
	}
	return &j, nil
}

// sortImportJobs orders jobs newest first, then by ID.
func sortImportJobs(jobs []*xiaoqi.ImportJob) {
	slices.SortStableFunc(jobs, func(a, b *xiaoqi.ImportJob) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
}

func importJobNotFound(id string) error {
	return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "导入任务 %q 不存在 / no import job %q", id, id)
}
