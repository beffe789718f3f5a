package mongodb

import (
	"testing"
	"time"
)

// TestExpiredWhenSeenIsFull: with as many unsettled seqs noted as a process keeps, a lower seq
// seen later is still remembered, in place of the highest, so that the seq that holds the feed
// up expires after the grace period like any other.
func TestExpiredWhenSeenIsFull(t *testing.T) {
	const grace = 10 * time.Second
	t0 := time.Now()
	f := feedState{seen: map[uint64]time.Time{}}
	for seq := uint64(1001); len(f.seen) < maxSeen; seq++ {
		f.expired(seq, t0, grace)
	}
	if f.expired(5, t0.Add(grace), grace) {
		t.Fatal("seq 5 expired at first sight")
	}
	if !f.expired(5, t0.Add(2*grace), grace) {
		t.Error("seq 5 not expired a grace period after it was first seen")
	}
	if len(f.seen) != maxSeen {
		t.Errorf("%d seqs noted, want at most %d", len(f.seen), maxSeen)
	}
	if _, ok := f.seen[1000+maxSeen]; ok {
		t.Error("the highest seq was kept instead of the lower one")
	}
}
