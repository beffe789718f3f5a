package mongodb

import "time"

// SetHooks makes the store's writes call the given functions between their steps, as a slow
// or crashed writer would stop: after taking seqs, after logging the changes as pending, and
// after writing the documents. A nil hook does nothing. Call it before the store is shared.
func SetHooks(s *Store, afterAllocate, afterLog, afterWrite func()) {
	s.hooks = hooks{afterAllocate: afterAllocate, afterLog: afterLog, afterWrite: afterWrite}
}

// SetClock replaces the clock by which the store times the grace period and its changes.
func SetClock(s *Store, now func() time.Time) { s.now = now }
