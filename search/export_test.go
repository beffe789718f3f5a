package search

import (
	"time"

	"github.com/blevesearch/bleve/v2"
)

// SetCacheClock gives x's result cache a clock the test moves. Call it before the first
// search.
func SetCacheClock(x *Index, now func() time.Time) { x.cache.now = now }

// WaitRenewals waits until the background searches renewing x's cached answers have ended.
func WaitRenewals(x *Index) { x.renewals.Wait() }

// BreakWrites makes every write of x's bleve index call fail first, which returns the error
// of a full disk or panics as bleve did on the write after one, until Apply reopens the index
// from disk (which drops the wrapper).
func BreakWrites(x *Index, fail func() error) {
	x.idxMu.Lock()
	defer x.idxMu.Unlock()
	x.idx = failingIndex{inner: x.idx, fail: fail}
}

type failingIndex struct {
	inner
	fail func() error
}

type inner = bleve.Index

func (f failingIndex) Batch(b *bleve.Batch) error {
	if err := f.fail(); err != nil {
		return err
	}
	return f.inner.Batch(b)
}

func (f failingIndex) SetInternal(key, val []byte) error {
	if err := f.fail(); err != nil {
		return err
	}
	return f.inner.SetInternal(key, val)
}
