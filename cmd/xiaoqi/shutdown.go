package main

import (
	"context"
	"errors"
	"time"
)

// shutdownReserve is the part of the shutdown budget (Config.ShutdownTimeout) kept, after the
// drain, for writing the imports that had to be cut off and closing the index and the store.
func shutdownReserve(budget time.Duration) time.Duration {
	return min(3*time.Second, budget/5)
}

// Close shuts the HTTP server down gracefully, stops the imports, the follower and closes the
// index and the store, all within Config.ShutdownTimeout: the stop took 30 s on FerretDB,
// waiting without a word for an import's batch write, and Docker or systemd killed the node
// first. What it waits for and what it cuts off is logged. It is safe to call more than once
// and on a Main that failed to open.
func (m *Main) Close() error {
	m.once.Do(func() {
		var errs []error
		budget := m.Config.ShutdownTimeout
		deadline := time.Now().Add(budget)
		drainEnd := deadline.Add(-shutdownReserve(budget))
		if m.api != nil {
			// Imports are no requests to drain: they stop now, beside the drain, and have
			// until its end to write how they ended.
			m.api.StopImports()
		}
		if m.server != nil {
			ctx, cancel := context.WithDeadline(context.Background(), drainEnd)
			if err := m.server.Shutdown(ctx); errors.Is(err, context.DeadlineExceeded) {
				// Requests still running after the drain (a slow upload) are cut off: said so,
				// and no failure of the stop (exit 1 made systemd and Kubernetes report one;
				// the message was a bare "context deadline exceeded").
				m.server.Close()
				m.Logger.Warn("shutdown: requests still running after the drain were cut off",
					"drain", (budget - shutdownReserve(budget)).String())
			} else if err != nil {
				errs = append(errs, err)
			}
			cancel()
		}
		if m.server == nil && m.ln != nil {
			m.ln.Close() // Open failed after it listened
		}
		if m.api != nil {
			// Before the store closes; an import still writing at the drain's end is cut off.
			ctx, cancel := context.WithDeadline(context.Background(), drainEnd)
			errs = append(errs, m.api.Shutdown(ctx))
			cancel()
		}
		if m.cancel != nil {
			m.cancel()
		}
		done := make(chan struct{})
		go func() {
			m.wg.Wait()
			close(done)
		}()
		// At least a second, whatever is left: the follower stops within milliseconds of its
		// cancel, and a store left open keeps its file locked in a process that goes on (tests).
		if !doneBy(done, later(deadline, time.Now().Add(time.Second))) {
			// The follower, a backup or a compaction of the change feed still running: the
			// index and the store are left to the process's exit, as after a crash, which
			// both survive (the index catches up from its seq at the next start).
			m.Logger.Warn("shutdown: background work (index follower, backup, change feed) still running at the end of the shutdown budget; "+
				"the index and the store are not closed", "budget", budget.String())
			m.closeErr = errors.Join(errs...)
			return
		}
		if m.Index != nil {
			errs = append(errs, m.Index.Close())
		}
		if m.Store != nil {
			errs = append(errs, m.Store.Close())
		}
		m.closeErr = errors.Join(errs...)
	})
	return m.closeErr
}

// doneBy reports whether done is closed by deadline, waiting until then at most; true when it
// is closed already, whether or not the deadline has passed.
func doneBy(done <-chan struct{}, deadline time.Time) bool {
	select {
	case <-done:
		return true
	default:
	}
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
