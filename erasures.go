package xiaoqi

import (
	"context"
	"sync"
)

// Erasures holds the erasures of the audit log (ErasedKeys) and reads those recorded since,
// for an import that runs while candidates erase themselves: read once when the import
// started, a person erased during a 60,000-row import was written again by its last rows,
// with name and phone, under a new id. Refresh reads only the entries appended after the
// last one it read (the audit log keeps them by subject, in order), so an import calls it
// before and after every batch it writes. Safe for concurrent use.
type Erasures struct {
	a     Accounts
	mu    sync.Mutex
	keys  map[string]bool
	after string // the ID of the last erasure read
}

// NewErasures reads the erasures recorded so far from a.
func NewErasures(ctx context.Context, a Accounts) (*Erasures, error) {
	e := &Erasures{a: a, keys: map[string]bool{}}
	return e, e.Refresh(ctx)
}

// Refresh reads the erasures recorded since the last read.
func (e *Erasures) Refresh(ctx context.Context) error {
	if e == nil || e.a == nil {
		return nil
	}
	e.mu.Lock()
	f := AuditFilter{SubjectID: ErasedSubject, After: e.after, Limit: MaxListLimit}
	e.mu.Unlock()
	for {
		page, next, err := e.a.Audit(ctx, f)
		if err != nil {
			return err
		}
		e.mu.Lock()
		for _, x := range page {
			if x.Action != AuditErase {
				continue
			}
			if x.ErasedKey != "" {
				e.keys[x.ErasedKey] = true
			}
			for _, k := range x.ErasedIdentity {
				e.keys[k] = true
			}
		}
		if len(page) > 0 {
			e.after = page[len(page)-1].ID
		}
		e.mu.Unlock()
		if next == "" {
			return nil
		}
		f.After = next
	}
}

// Erased reports whether c is a person erased at their request, by the erasures read so far
// (see the function Erased).
func (e *Erasures) Erased(c *Candidate) bool {
	if e == nil {
		return false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return Erased(e.keys, c)
}
