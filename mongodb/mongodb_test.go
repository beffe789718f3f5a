package mongodb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
	"github.com/xiaoqi-dev/xiaoqi/mongodb"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

func TestConformance(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) xiaoqi.Store { return newStore(t) })
}

func TestAccounts(t *testing.T) {
	t.Parallel()
	storetest.TestAccounts(t, func(t *testing.T) xiaoqi.Accounts { return newStore(t) })
}

func TestImportJobs(t *testing.T) {
	t.Parallel()
	storetest.TestImportJobs(t, func(t *testing.T) xiaoqi.ImportJobs { return newStore(t) })
}

// TestOpenUnreachable: a server that does not answer fails Open quickly, naming the server
// and not the password.
func TestOpenUnreachable(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		timeout time.Duration // of the context
		opts    []mongodb.Option
	}{
		{"connect timeout", time.Minute, []mongodb.Option{mongodb.WithConnectTimeout(300 * time.Millisecond)}},
		{"context deadline", 300 * time.Millisecond, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, cancel := context.WithTimeout(ctx(), tc.timeout)
			defer cancel()
			start := time.Now()
			s, err := mongodb.Open(c, "mongodb://xiaoqi:s3cret-pw@127.0.0.1:1/xiaoqi", tc.opts...)
			took := time.Since(start)
			if err == nil {
				s.Close()
				t.Fatal("Open of 127.0.0.1:1 succeeded")
			}
			if took > 5*time.Second {
				t.Errorf("Open took %v to fail", took)
			}
			if code := xiaoqi.ErrorCode(err); code != xiaoqi.EUNAVAILABLE {
				t.Errorf("error code %q, want %q: %v", code, xiaoqi.EUNAVAILABLE, err)
			}
			if msg := err.Error(); !strings.Contains(msg, "cannot reach MongoDB at 127.0.0.1:1") || strings.Contains(msg, "s3cret") {
				t.Errorf("error %q: want it to name 127.0.0.1:1 and not the password", msg)
			}
		})
	}
}

func TestOpenInvalidURI(t *testing.T) {
	t.Parallel()
	for _, uri := range []string{"", "http://localhost:27017", "mongodb://user:s3cret@host:notaport/db"} {
		s, err := mongodb.Open(ctx(), uri)
		if err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", uri)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Open(%q) = %v: the error shows the password", uri, err)
		}
	}
}

// TestDatabaseFromURI: without WithDatabase the store uses the database the URI names.
func TestDatabaseFromURI(t *testing.T) {
	t.Parallel()
	db := mongotest.Database(t)
	u, err := url.Parse(mongotest.URI(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + db
	s, err := mongodb.Open(ctx(), u.String())
	if err != nil {
		t.Fatalf("Open(%s): %v", u, err)
	}
	defer s.Close()
	id := storetest.MustUpsert(t, s, job("1", 1))[0].ID
	if _, err := openStore(t, db).Get(ctx(), xiaoqi.KindJob, id); err != nil {
		t.Errorf("the job is not in database %s: %v", db, err)
	}
}

// TestDocumentFidelity: a document reads back as the same JSON, timestamps to the nanosecond,
// and strings that look like operators stay strings.
func TestDocumentFidelity(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	j := job("1", 3)
	j.Description = `{"$gt": ""} $where a.b <script>&amp; 日语N2 ` + "\u00a0\t\n"
	j.Skills = []string{"$set", "a.b", ""}
	j.SalaryMin, j.SalaryMax = 8000, 15000
	j.PostedAt = time.Date(2024, 3, 1, 9, 30, 0, 123456789, time.UTC)
	e := &xiaoqi.Enterprise{Name: "陕西秦云", City: "西安市", Geo: &xiaoqi.GeoPoint{Lat: 34.123456789, Lon: 108.9}}
	storetest.MustUpsert(t, s, j, e)
	for _, d := range []xiaoqi.Doc{j, e} {
		got, err := s.Get(ctx(), d.Kind(), d.Base().ID)
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		want, _ := json.Marshal(d)
		have, _ := json.Marshal(got)
		if string(have) != string(want) {
			t.Errorf("stored %s differs:\n got %s\nwant %s", d.Kind(), have, want)
		}
	}
	// Filter values are compared as strings, never read as operators.
	for _, v := range []string{`{"$ne": ""}`, "$ne", ".*"} {
		page, err := s.List(ctx(), xiaoqi.KindJob, xiaoqi.ListOptions{Filters: map[string]string{"city": v}})
		if err != nil || len(page.Docs) != 0 {
			t.Errorf("List(city %q) = %d docs, %v; want none", v, len(page.Docs), err)
		}
	}
}

// TestBatchRoundTrips: a batch takes a handful of commands, not one or more per document.
func TestBatchRoundTrips(t *testing.T) {
	t.Parallel()
	var commands atomic.Int64
	monitor := &event.CommandMonitor{Started: func(context.Context, *event.CommandStartedEvent) { commands.Add(1) }}
	s := newStore(t, mongodb.WithCommandMonitor(monitor))
	batch := func(n, headcount int) []xiaoqi.Doc {
		docs := make([]xiaoqi.Doc, n)
		for i := range docs {
			docs[i] = job(fmt.Sprintf("%04d", i), headcount)
		}
		return docs
	}
	cases := []struct {
		name    string
		docs    []xiaoqi.Doc
		max     int64
		changed bool
	}{
		{"insert", batch(1000, 1), 10, true},
		{"unchanged", batch(1000, 1), 4, false},
		// FerretDB takes at most 20 updates a command, and some milliseconds each.
		{"update", batch(100, 2), 15, true},
	}
	for _, tc := range cases {
		commands.Store(0)
		start := time.Now()
		res := storetest.MustUpsert(t, s, tc.docs...)
		n := commands.Load()
		t.Logf("%s of %d documents: %d commands, %v", tc.name, len(tc.docs), n, time.Since(start))
		if n > tc.max {
			t.Errorf("%s of %d documents took %d commands, want at most %d", tc.name, len(tc.docs), n, tc.max)
		}
		if last := res[len(res)-1]; last.Unchanged == tc.changed {
			t.Errorf("%s: result %+v", tc.name, last)
		}
	}
}

// TestBatchNamesOneDocumentTwice: documents of one batch that name the same document are
// written in turn, as if in separate batches.
func TestBatchNamesOneDocumentTwice(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	res := storetest.MustUpsert(t, s, job("x", 1), job("y", 1), job("x", 2), job("x", 2), job("y", 1))
	x, y := res[0].ID, res[1].ID
	want := []xiaoqi.WriteResult{
		{Kind: xiaoqi.KindJob, ID: x, Version: 1, Seq: 1, Created: true},
		{Kind: xiaoqi.KindJob, ID: y, Version: 1, Seq: 2, Created: true},
		{Kind: xiaoqi.KindJob, ID: x, Version: 2, Seq: 3},
		{Kind: xiaoqi.KindJob, ID: x, Version: 2, Unchanged: true},
		{Kind: xiaoqi.KindJob, ID: y, Version: 1, Unchanged: true},
	}
	for i := range want {
		if res[i] != want[i] {
			t.Errorf("result %d: %+v, want %+v", i, res[i], want[i])
		}
	}
	got, err := s.Get(ctx(), xiaoqi.KindJob, x)
	if err != nil || got.(*xiaoqi.JobNeed).Headcount != 2 || got.Base().Version != 2 {
		t.Errorf("Get(%s) = %+v, %v; want headcount 2 at version 2", x, got, err)
	}
	// A nil document is invalid like any other.
	_, err = s.Upsert(ctx(), []xiaoqi.Doc{job("z", 1), (*xiaoqi.JobNeed)(nil)})
	if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || !strings.Contains(xiaoqi.ErrorMessage(err), "docs[1]") {
		t.Errorf("batch with a nil document: %v, want EINVALID naming docs[1]", err)
	}
}

// TestConformanceConditionalUpdates runs the conformance suite with the updates MongoDB gets:
// conditional on the version read (see UseConditionalUpdates).
func TestConformanceConditionalUpdates(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) xiaoqi.Store {
		s := newStore(t)
		return s
	})
}

// TestConditionalUpdateLosesRace: a writer that read version 1 of a document and writes it
// after another writer wrote version 2 loses: its update matches nothing, its change is
// void, and it writes again on version 2, as version 3. Nothing is overwritten, and the feed
// hands out both writes.
func TestConditionalUpdateLosesRace(t *testing.T) {
	t.Parallel()
	db := mongotest.Database(t)
	slow, other := openStore(t, db), openStore(t, db)
	mongodb.UseConditionalUpdates(slow)
	mongodb.UseConditionalUpdates(other)
	first := storetest.MustUpsert(t, other, job("a", 1))[0]

	logged := newGate()
	mongodb.SetHooks(slow, nil, logged.hook, nil)
	done := make(chan []xiaoqi.WriteResult, 1)
	go func() {
		res, err := slow.Upsert(ctx(), []xiaoqi.Doc{job("a", 3)})
		if err != nil {
			t.Errorf("slow writer: %v", err)
		}
		done <- res
	}()
	wait(t, logged.reached, "the slow writer to log its change")
	second := storetest.MustUpsert(t, other, job("a", 2))[0] // read version 1 after the slow writer did
	close(logged.release)
	res := wait(t, done, "the slow writer")
	if len(res) != 1 {
		t.Fatalf("slow writer: %+v", res)
	}
	if second.Version != 2 || res[0].Version != 3 || res[0].Seq <= second.Seq {
		t.Errorf("versions %d (seq %d) and %d (seq %d), want 2 and then 3", second.Version, second.Seq, res[0].Version, res[0].Seq)
	}
	got, err := other.Get(ctx(), xiaoqi.KindJob, first.ID)
	if err != nil || got.Base().Version != 3 || got.(*xiaoqi.JobNeed).Headcount != 3 {
		t.Errorf("stored: %+v, %v; want the slow writer's headcount 3 at version 3", got, err)
	}
	// The slow writer's first change (seq 2) is void; the feed has the other's and its new one.
	wantChanges(t, storetest.ChangesAfter(t, other, first.Seq, 7),
		fmt.Sprintf("%d upsert %s v3", second.Seq, first.ID), fmt.Sprintf("%d upsert %s v3", res[0].Seq, first.ID))
}

// TestFeedReadsMajorityFromPrimary: every read that followers and writers rely on asks the
// primary alone, with its own read concern, whatever the URI says (here readConcernLevel=
// available and readPreference=secondaryPreferred): majority for the feed's entries,
// settlements and counters (the counter's catch-up included) and for the documents that a
// change carries; local for the documents that a writer matches and reads back (Open's move
// of candidates to random ids is such a writer). FerretDB
// takes both. The driver sends no $readPreference to a standalone server, so the preference
// shows only against a replica set (XIAOQI_TEST_MONGODB_URI).
func TestFeedReadsMajorityFromPrimary(t *testing.T) {
	t.Parallel()
	db := mongotest.Database(t)
	u, err := url.Parse(mongotest.URI(t))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("readConcernLevel", "available")
	q.Set("readPreference", "secondaryPreferred")
	u.RawQuery = q.Encode()
	var mu sync.Mutex
	phase := "open"
	seen := map[string]bool{} // phase and collection
	var wrong []string
	monitor := &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		if e.CommandName != "find" && e.CommandName != "aggregate" && e.CommandName != "count" {
			return
		}
		coll, _ := e.Command.Lookup(e.CommandName).StringValueOK()
		level, _ := e.Command.Lookup("readConcern", "level").StringValueOK()
		mode, _ := e.Command.Lookup("$readPreference", "mode").StringValueOK()
		mu.Lock()
		defer mu.Unlock()
		seen[phase+" "+coll] = true
		want := "majority"
		if (phase == "write" && coll == "jobs") || (phase == "open" && strings.HasPrefix(coll, "candidate")) {
			want = "local" // a writer's, or Open's move of candidates to random ids (a writer too)
		}
		if level != want || (mode != "" && mode != "primary") {
			wrong = append(wrong, fmt.Sprintf("%s: %s of %s: readConcern %q, $readPreference %q; want %q from the primary",
				phase, e.CommandName, coll, level, mode, want))
		}
	}}
	during := func(p string) {
		mu.Lock()
		defer mu.Unlock()
		phase = p
	}
	s := openStoreURI(t, u.String(), db, mongodb.WithCommandMonitor(monitor))

	// A seq that a follower filled (seq 1) makes the first write's log fail and catch the
	// counter up from the feed.
	if _, err := rawDatabase(t, db).Collection("changes").InsertOne(ctx(), bson.D{{Key: "_id", Value: int64(1)}, {Key: "at", Value: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	during("write")
	if r := storetest.MustUpsert(t, s, job("a", 1))[0]; r.Seq != 2 {
		t.Fatalf("first write: %+v, want seq 2", r)
	}
	storetest.MustUpsert(t, s, job("a", 2))
	during("follow")
	a := xiaoqi.NewID(xiaoqi.KindJob, "src:mongotest|a")
	wantChanges(t, storetest.ChangesAfter(t, s, 0, 7), fmt.Sprintf("2 upsert %s v2", a), fmt.Sprintf("3 upsert %s v2", a))
	storetest.MustLastSeq(t, s)

	mu.Lock()
	defer mu.Unlock()
	for _, read := range []string{"open counters", "write jobs", "write changes", "follow changes", "follow settlements", "follow jobs"} {
		if !seen[read] {
			t.Errorf("no read of %s seen (reads: %v)", read, seen)
		}
	}
	for _, w := range wrong {
		t.Error(w)
	}
}

// TestWriteOutlivesCaller: a caller that goes away once a write has begun (its changes
// logged, the documents not written yet) does not cut the write short, which could leave the
// change settled before the write lands and followers without it: the write is done and its
// change carries it.
func TestWriteOutlivesCaller(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		write func(c context.Context, s *mongodb.Store, id string) error
		want  string // the change after the first, of the document's id
	}{
		{"upsert", func(c context.Context, s *mongodb.Store, _ string) error {
			_, err := s.Upsert(c, []xiaoqi.Doc{job("a", 2)})
			return err
		}, "2 upsert %s v2"},
		{"delete", func(c context.Context, s *mongodb.Store, id string) error {
			_, err := s.Delete(c, xiaoqi.KindJob, id, 0)
			return err
		}, "2 delete %s v1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			a := storetest.MustUpsert(t, s, job("a", 1))[0]
			c, cancel := context.WithCancel(ctx())
			defer cancel()
			mongodb.SetHooks(s, nil, cancel, nil)
			if err := tc.write(c, s, a.ID); err != nil {
				t.Fatalf("%s cancelled once begun: %v", tc.name, err)
			}
			mongodb.SetHooks(s, nil, nil, nil)
			wantChanges(t, storetest.ChangesAfter(t, s, a.Seq, 7), fmt.Sprintf(tc.want, a.ID))
		})
	}
}

// TestOpenWaitsForIndexes: Open waits for the indexes it creates up to the index timeout, not
// the connect timeout: a new index of a large collection takes minutes, and a node whose
// start gave up after the connect timeout would never start. Here the first index takes
// longer than the connect timeout to be asked for.
//
// The connect timeout still bounds each of Open's other steps (the ping, buildInfo, the
// counters and the checkpoint, three round trips under one timeout), which must succeed: at
// 300 ms one of them timed out on a loaded machine (2 runs of 4). A few seconds bounds a
// server that does not answer; the slow build is twice as long, so that an Open that waited
// for it only the connect timeout still fails.
func TestOpenWaitsForIndexes(t *testing.T) {
	t.Parallel()
	const connect = 5 * time.Second
	var once sync.Once
	monitor := &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		if e.CommandName == "createIndexes" {
			once.Do(func() { time.Sleep(2 * connect) }) // a slow build
		}
	}}
	s := newStore(t, mongodb.WithConnectTimeout(connect), mongodb.WithCommandMonitor(monitor))
	storetest.MustUpsert(t, s, job("a", 1))
}
