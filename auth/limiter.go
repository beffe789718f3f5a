package auth

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter is a token bucket per string key (an API key ID, a user ID, a client address): each
// key may make burst requests at once and perSecond on average. It remembers at most maxKeys
// buckets and forgets the least recently used one when full; a forgotten key starts again with
// a full bucket, so make maxKeys comfortably larger than the number of clients seen in a
// refill period. Safe for concurrent use.
type Limiter struct {
	limit rate.Limit
	burst int

	mu      sync.Mutex
	buckets *lru[*rate.Limiter]
}

// NewLimiter returns a limiter allowing each key burst requests at once and perSecond
// afterwards, remembering at most maxKeys keys (at least 1). perSecond <= 0 allows only the
// burst, never refilled; burst <= 0 refuses everything.
func NewLimiter(perSecond float64, burst, maxKeys int) *Limiter {
	return &Limiter{limit: rate.Limit(max(perSecond, 0)), burst: max(burst, 0), buckets: newLRU[*rate.Limiter](max(maxKeys, 1))}
}

// Allow takes one token from key's bucket. When the bucket is empty it takes nothing and says
// how long until a token is there (for a Retry-After header, rounded up to whole seconds by the
// caller).
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	return l.AllowAt(key, time.Now())
}

// AllowAt is Allow at the given time; times must not go backwards by much (tests use it to
// step a clock instead of sleeping).
func (l *Limiter) AllowAt(key string, now time.Time) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, found := l.buckets.get(key)
	if !found {
		b = rate.NewLimiter(l.limit, l.burst)
		l.buckets.put(key, b)
	}
	r := b.ReserveN(now, 1)
	if !r.OK() {
		// burst 0: no request ever passes.
		return false, time.Duration(math.MaxInt64)
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// Len returns the number of keys the limiter remembers (at most its maxKeys).
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buckets.len()
}
