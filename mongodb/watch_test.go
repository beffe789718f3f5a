package mongodb_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

// TestWatchSettled checks the change stream that wakes a follower on what the test server
// gives. On a replica set or a sharded cluster, the watcher is woken when the stream opens
// and again after a write. On a standalone server or FerretDB, WatchSettled says at once
// that there are no change streams and never wakes; the follower then polls (the feed tests).
func TestWatchSettled(t *testing.T) {
	s := newStore(t)
	streams := mongotest.ChangeStreams(t)
	wakes := make(chan struct{}, 1000)
	wctx, cancel := context.WithCancel(ctx())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.WatchSettled(wctx, func() { wakes <- struct{}{} }) }()
	wait := func(what string) {
		t.Helper()
		select {
		case <-wakes:
		case err := <-done:
			t.Fatalf("WatchSettled returned %v, want a wake-up %s", err, what)
		case <-time.After(30 * time.Second):
			t.Fatalf("no wake-up %s within 30 s", what)
		}
	}

	if !streams {
		select {
		case err := <-done:
			if !errors.Is(err, mongodb.ErrNoChangeStreams) {
				t.Fatalf("WatchSettled on a server without change streams: %v, want ErrNoChangeStreams", err)
			}
			t.Logf("as expected on this server: %v", err)
		case <-time.After(30 * time.Second):
			t.Fatal("WatchSettled did not return on a server without change streams")
		}
		if n := len(wakes); n != 0 {
			t.Errorf("%d wake-ups without a change stream", n)
		}
		return
	}

	wait("when the stream opened")
	storetest.MustUpsert(t, s, job("watched", 1))
	wait("after a write")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("WatchSettled after its context ended: %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("WatchSettled did not return after its context ended")
	}
}
