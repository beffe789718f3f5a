package api

import (
	"context"
	"errors"
	"strconv"

	"github.com/gin-gonic/gin"
	"golang.org/x/sync/singleflight"

	"github.com/xiaoqi-dev/xiaoqi"
)

// DefaultMaxAllocations is how many allocations run at once unless Config.MaxAllocations says
// otherwise; as many more may wait for one to end.
const DefaultMaxAllocations = 2

// busyRetryAfter is the Retry-After of a request refused as busy, in seconds: an allocation of
// the province takes one to two.
const busyRetryAfter = 2

// errBusy is a request refused because as many of its kind run and wait as the server allows.
var errBusy = errors.New("api: busy")

// heavy bounds how many requests of one expensive kind run at once. An allocation takes 1.4 s
// of a core and hundreds of MB at province scale: sixteen signed-in requests with distinct
// limits took 29–40 s each, 1.15 GB, and slowed the public search from 0.07 s to 4 s. With
// it, n run, n more wait (until one ends or the request ends: the client went, the server's
// timeout), and the rest are answered 503 with Retry-After at once; identical requests run
// once, their callers sharing the answer. Nil bounds nothing.
type heavy struct {
	run     chan struct{} // a slot per request running
	queue   chan struct{} // a slot per request running or waiting
	flights singleflight.Group
	// joined, when set (tests), hears of each request once it has started the run of its key
	// or joined the one running: a test holds that run until the identical requests joined it.
	joined func(key string)
}

// newHeavy returns the bound of n running and n waiting; nil (no bound) for n < 0, and
// DefaultMaxAllocations for 0.
func newHeavy(n int) *heavy {
	switch {
	case n < 0:
		return nil
	case n == 0:
		n = DefaultMaxAllocations
	}
	return &heavy{run: make(chan struct{}, n), queue: make(chan struct{}, 2*n)}
}

// do answers f(ctx) within the bound: errBusy when it is full, ctx's error when the request
// ended while it waited. Callers asking the same key at once share one run of f; when that
// run failed for its caller's own reason (the caller went away), the others run their own.
func (h *heavy) do(ctx context.Context, key string, f func(context.Context) (any, error)) (any, error) {
	if h == nil {
		return f(ctx)
	}
	ran := false
	ch := h.flights.DoChan(key, func() (any, error) {
		ran = true
		return h.bounded(ctx, f)
	})
	if h.joined != nil {
		h.joined(key)
	}
	r := <-ch
	v, err := r.Val, r.Err
	if !ran && err != nil && !errors.Is(err, errBusy) && ctx.Err() == nil {
		v, err = h.bounded(ctx, f)
	}
	return v, err
}

// bounded runs f once a slot is free.
func (h *heavy) bounded(ctx context.Context, f func(context.Context) (any, error)) (any, error) {
	select {
	case h.queue <- struct{}{}:
	default:
		return nil, errBusy
	}
	defer func() { <-h.queue }()
	select {
	case h.run <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.run }()
	return f(ctx)
}

// busy answers 503 with Retry-After for a request that heavy refused; what names the work
// (in Chinese and in English).
func (s *Server) busy(c *gin.Context, zh, en string) {
	c.Header("Retry-After", strconv.Itoa(busyRetryAfter))
	s.writeError(c, xiaoqi.Errorf(xiaoqi.EUNAVAILABLE, "服务器正在处理的%[1]s已达上限，请 %[3]d 秒后再试 / the server is running as many %[2]s as it allows: try again in %[3]d seconds",
		zh, en, busyRetryAfter))
}
