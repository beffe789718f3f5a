package auth_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi/auth"
)

func TestLimiterBurstThenRefusal(t *testing.T) {
	l := auth.NewLimiter(2, 3, 100) // 2 per second, bursts of 3
	now := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if ok, retry := l.AllowAt("key-a", now); !ok || retry != 0 {
			t.Fatalf("request %d of the burst: Allow = %v, %v; want true, 0", i+1, ok, retry)
		}
	}
	ok, retry := l.AllowAt("key-a", now)
	if ok {
		t.Fatal("4th request in the same instant allowed; want refused after a burst of 3")
	}
	if retry <= 0 || retry > 500*time.Millisecond {
		t.Fatalf("retryAfter = %v, want in (0, 500ms] at 2 per second", retry)
	}
	// A refused request takes no token: after retryAfter exactly one more passes.
	if ok, _ := l.AllowAt("key-a", now.Add(retry)); !ok {
		t.Fatalf("refused again after waiting retryAfter (%v)", retry)
	}
	if ok, _ := l.AllowAt("key-a", now.Add(retry)); ok {
		t.Fatal("two requests allowed after one token's wait")
	}
	// Another key has its own bucket.
	if ok, _ := l.AllowAt("key-b", now); !ok {
		t.Fatal("key-b refused because key-a used its burst")
	}
}

func TestLimiterAllowWallClock(t *testing.T) {
	l := auth.NewLimiter(1.0/3600, 2, 10) // one per hour
	for i := range 2 {
		if ok, _ := l.Allow("203.0.113.7"); !ok {
			t.Fatalf("request %d refused within the burst", i+1)
		}
	}
	ok, retry := l.Allow("203.0.113.7")
	if ok || retry < 59*time.Minute {
		t.Fatalf("3rd request: Allow = %v, retryAfter %v; want refused for about an hour", ok, retry)
	}
}

func TestLimiterNoRefillAndZeroBurst(t *testing.T) {
	l := auth.NewLimiter(0, 1, 10)
	if ok, _ := l.Allow("k"); !ok {
		t.Fatal("first request refused with burst 1")
	}
	if ok, retry := l.Allow("k"); ok || retry <= 0 {
		t.Fatalf("perSecond 0: second request = %v, %v; want refused with retryAfter > 0", ok, retry)
	}
	z := auth.NewLimiter(10, 0, 10)
	if ok, retry := z.Allow("k"); ok || retry <= 0 {
		t.Fatalf("burst 0: Allow = %v, %v; want refused with retryAfter > 0", ok, retry)
	}
}

func TestLimiterEvictsBeyondMaxKeys(t *testing.T) {
	l := auth.NewLimiter(1.0/3600, 1, 3)
	now := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	for i := range 50 {
		l.AllowAt(fmt.Sprintf("10.0.0.%d", i), now)
		if n := l.Len(); n > 3 {
			t.Fatalf("after %d keys the limiter remembers %d, want at most 3", i+1, n)
		}
	}
	if n := l.Len(); n != 3 {
		t.Fatalf("remembers %d keys, want 3", n)
	}
	// The three most recent keys are still limited; the oldest was forgotten and starts fresh.
	for i := 47; i < 50; i++ {
		if ok, _ := l.AllowAt(fmt.Sprintf("10.0.0.%d", i), now); ok {
			t.Errorf("recent key 10.0.0.%d allowed twice in its burst of 1", i)
		}
	}
	if ok, _ := l.AllowAt("10.0.0.0", now); !ok {
		t.Error("evicted key 10.0.0.0 still refused; want a fresh bucket")
	}
}

func TestLimiterLeastRecentlyUsedIsEvicted(t *testing.T) {
	l := auth.NewLimiter(1.0/3600, 1, 2)
	now := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	l.AllowAt("a", now)
	l.AllowAt("b", now)
	l.AllowAt("a", now) // a used again: b is now the least recently used
	l.AllowAt("c", now) // evicts b
	if ok, _ := l.AllowAt("a", now); ok {
		t.Error("a was evicted although b was used less recently")
	}
	if ok, _ := l.AllowAt("b", now); !ok {
		t.Error("b was kept although it was the least recently used")
	}
}

func TestLimiterConcurrent(t *testing.T) {
	l := auth.NewLimiter(1.0/3600, 100, 1000)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if ok, _ := l.Allow("shared"); ok {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if allowed != 100 {
		t.Fatalf("400 concurrent requests against a burst of 100: %d allowed, want 100", allowed)
	}
}
