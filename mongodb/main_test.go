package mongodb_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
)

// The tests run against the MongoDB that XIAOQI_TEST_MONGODB_URI names, else an embedded
// FerretDB started once for the package; every test has its own database.
func TestMain(m *testing.M) { os.Exit(mongotest.Main(m)) }

func ctx() context.Context { return context.Background() }

// newStore opens a store on a new database of its own.
func newStore(tb testing.TB, opts ...mongodb.Option) *mongodb.Store {
	tb.Helper()
	return openStore(tb, mongotest.Database(tb), opts...)
}

// openStore opens a store on database db with a client of its own, as another process would.
func openStore(tb testing.TB, db string, opts ...mongodb.Option) *mongodb.Store {
	tb.Helper()
	return openStoreURI(tb, mongotest.URI(tb), db, opts...)
}

// openStoreURI opens a store on database db of the server at uri, closed when the test ends.
func openStoreURI(tb testing.TB, uri, db string, opts ...mongodb.Option) *mongodb.Store {
	tb.Helper()
	c, cancel := context.WithTimeout(ctx(), 30*time.Second)
	defer cancel()
	s, err := mongodb.Open(c, uri, append([]mongodb.Option{mongodb.WithDatabase(db)}, opts...)...)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// rawDatabase returns database db through a client of the driver's own, not a store's, for
// tests that change the collections behind the store's back. It is closed when the test ends.
func rawDatabase(tb testing.TB, db string) *mongo.Database {
	tb.Helper()
	c, err := mongo.Connect(options.Client().ApplyURI(mongotest.URI(tb)))
	if err != nil {
		tb.Fatalf("connect: %v", err)
	}
	tb.Cleanup(func() {
		if err := c.Disconnect(ctx()); err != nil {
			tb.Errorf("disconnect: %v", err)
		}
	})
	return c.Database(db)
}

// job returns a valid job need with natural key src:mongotest|ext. Writers tell their writes
// apart by n, which beyond xiaoqi.MaxHeadcount goes only into the description.
func job(ext string, n int) *xiaoqi.JobNeed {
	return &xiaoqi.JobNeed{
		Meta:         xiaoqi.Meta{Source: "mongotest", ExternalID: ext, Synthetic: true},
		EnterpriseID: xiaoqi.NewID(xiaoqi.KindEnterprise, "uscc:x"), Name: "软件测试工程师",
		City: "西安市", Region: xiaoqi.RegionGuanzhong, Headcount: min(n, xiaoqi.MaxHeadcount), Status: xiaoqi.JobOpen,
		Description: fmt.Sprintf("第 %d 次写入 write %d", n, n),
	}
}

// summary shows changes as "seq op id vN" for comparing with what a test expects.
func summary(cs []xiaoqi.Change) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = fmt.Sprintf("%d %s %s v%d", c.Seq, c.Op, c.ID, c.Version)
	}
	return out
}

func wantChanges(tb testing.TB, got []xiaoqi.Change, want ...string) {
	tb.Helper()
	if g := summary(got); !slices.Equal(g, want) {
		tb.Fatalf("changes:\n got %q\nwant %q", g, want)
	}
}

// follower applies a store's change feed to a map of id → version, as an index would.
type follower struct {
	after uint64
	state map[string]int64
}

// apply applies changes, checking that they come in seq order and carry their documents.
func (f *follower) apply(cs []xiaoqi.Change) error {
	for _, c := range cs {
		if c.Seq <= f.after {
			return fmt.Errorf("change %d after %d", c.Seq, f.after)
		}
		f.after = c.Seq
		if c.Op == xiaoqi.OpDelete {
			delete(f.state, c.ID)
			continue
		}
		if c.Doc == nil || c.Doc.Base().ID != c.ID || c.Doc.Base().Version != c.Version {
			return fmt.Errorf("upsert %d of %s carries %+v", c.Seq, c.ID, c.Doc)
		}
		f.state[c.ID] = c.Version
	}
	return nil
}

func (f *follower) mustApply(tb testing.TB, cs []xiaoqi.Change) {
	tb.Helper()
	if err := f.apply(cs); err != nil {
		tb.Fatalf("follower: %v", err)
	}
}

// content returns id → version of every document of kind k.
func content(tb testing.TB, s xiaoqi.Store, k xiaoqi.Kind) map[string]int64 {
	tb.Helper()
	out := map[string]int64{}
	after := ""
	for {
		page, err := s.List(ctx(), k, xiaoqi.ListOptions{After: after, Limit: xiaoqi.MaxListLimit})
		if err != nil {
			tb.Fatalf("List(%s): %v", k, err)
		}
		for _, d := range page.Docs {
			out[d.Base().ID] = d.Base().Version
		}
		if page.Next == "" {
			return out
		}
		after = page.Next
	}
}

// sameState fails unless a follower's map is the store's content of kind k.
func sameState(tb testing.TB, f *follower, s xiaoqi.Store, k xiaoqi.Kind) {
	tb.Helper()
	stored := content(tb, s, k)
	for id, v := range stored {
		if got, ok := f.state[id]; !ok || got != v {
			tb.Errorf("follower has %s at version %d (present %v), the store version %d", id, got, ok, v)
		}
	}
	for id := range f.state {
		if _, ok := stored[id]; !ok {
			tb.Errorf("follower has %s, which the store does not", id)
		}
	}
}

// upsertAsync starts s.Upsert(docs) and returns where its error will come: for a writer
// that a gate (SetHooks) stops half-way.
func upsertAsync(s *mongodb.Store, docs ...xiaoqi.Doc) <-chan error {
	done := make(chan error, 1)
	go func() {
		_, err := s.Upsert(ctx(), docs)
		done <- err
	}()
	return done
}

// gate stops the first call of its hook until the test releases it.
type gate struct {
	reached, release chan struct{}
	once             sync.Once
}

func newGate() *gate { return &gate{reached: make(chan struct{}), release: make(chan struct{})} }

func (g *gate) hook() {
	g.once.Do(func() {
		close(g.reached)
		<-g.release
	})
}

// wait waits for ch to close, failing the test after a generous deadline.
func wait[T any](tb testing.TB, ch <-chan T, what string) T {
	tb.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Minute):
		tb.Fatalf("timed out waiting for %s", what)
	}
	panic("unreachable")
}

// clock is a clock that moves only when told.
// fencer opens a store on db that fences pending changes after grace, by a clock the test
// moves (clock.Advance).
func fencer(t *testing.T, db string, grace time.Duration) (*mongodb.Store, *clock) {
	t.Helper()
	f := openStore(t, db, mongodb.WithGrace(grace))
	clk := &clock{t: time.Now()}
	mongodb.SetClock(f, clk.Now)
	return f, clk
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
