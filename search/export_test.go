package search

import "time"

// SetCacheClock gives x's result cache a clock the test moves. Call it before the first
// search.
func SetCacheClock(x *Index, now func() time.Time) { x.cache.now = now }

// WaitRenewals waits until the background searches renewing x's cached answers have ended.
func WaitRenewals(x *Index) { x.renewals.Wait() }
