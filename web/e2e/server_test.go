package e2e_test

import (
	"context"
	"errors"
	"flag"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/auth"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/search"
	"github.com/xiaoqi-dev/xiaoqi/seed"
	"github.com/xiaoqi-dev/xiaoqi/skill"
	"github.com/xiaoqi-dev/xiaoqi/web"
)

// apiDelay holds each answer of the API back by up to this long, at random: the parts of a
// page then load slowly and in any order, as on a loaded CI machine, and a test that acts on
// a page still being drawn, or waits for what was already there, gets more chances to fail
// than on an idle machine (go test ./web/e2e -args -apidelay 500ms).
var apiDelay = flag.Duration("apidelay", 0, "hold each API answer back by up to this long, at random, to find tests that race the page")

// slowAPI holds each request to the API back by a random time up to d.
func slowAPI(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			time.Sleep(rand.N(d))
		}
		next.ServeHTTP(w, r)
	})
}

// testPassword is the password of the users the tests create.
const testPassword = "Ui-Test-Passw0rd!"

// service is the whole xiaoqi service on an httptest server.
type service struct {
	URL   string
	Store *bolt.Store
	Index *search.Index
	Auth  *auth.Service
}

// startService opens a bolt store in a temporary directory, loads the default data set,
// indexes it, and serves the API with the UI. The index follower runs until the test ends.
func startService(tb testing.TB) *service {
	tb.Helper()
	ctx := context.Background()
	dir := tb.TempDir()
	tax, err := skill.Load()
	if err != nil {
		tb.Fatal(err)
	}
	store, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = store.Close() })
	if _, err := seed.Apply(ctx, store, tax, 500, false); err != nil {
		tb.Fatal(err)
	}
	sd, err := seed.LoadSearchData()
	if err != nil {
		tb.Fatal(err)
	}
	seg, err := search.NewSegmenter(tax, search.DomainWords(sd.Aliases)...)
	if err != nil {
		tb.Fatal(err)
	}
	idx, err := search.Open(filepath.Join(dir, "index"), search.Options{Taxonomy: tax, Segmenter: seg, Aliases: sd.Aliases, Cities: sd.Cities, Majors: sd.Majors, EnglishNames: sd.EnglishNames})
	if err != nil {
		tb.Fatal(err)
	}
	follower := search.NewFollower(store, idx, search.FollowerOptions{PollInterval: 20 * time.Millisecond})
	fctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := follower.Run(fctx); err != nil && !errors.Is(err, context.Canceled) {
			tb.Errorf("index follower: %v", err)
		}
	}()
	ref, err := seed.Reference()
	if err != nil {
		tb.Fatal(err)
	}
	ref.Skills = tax.Names()
	points, err := seed.CityPoints()
	if err != nil {
		tb.Fatal(err)
	}
	authn := auth.New(store, auth.Options{Params: auth.TestParams})
	srv := api.New(api.Config{
		Store: store, Index: idx, Ready: follower.Ready, Notify: follower.Notify,
		ImportSkills: ingest.TaxonomySkills(tax), ImportDir: tb.TempDir(), Reference: ref,
		Matcher: match.New(store, tax).WithMajorNames(ref.Majors).WithPlaces(points), Auth: authn, Accounts: store, UI: web.Handler(),
		// Every journey signs in from the test's one address, a dozen times a minute and more
		// (the limit itself is tested in package api).
		RateLimits: api.RateLimits{LoginsPerMinute: 120},
	})
	handler := srv.Handler()
	if *apiDelay > 0 {
		handler = slowAPI(handler, *apiDelay)
	}
	ts := httptest.NewServer(handler)
	tb.Cleanup(func() {
		ts.Close()
		_ = srv.Close()
		cancel()
		<-done
		_ = idx.Close()
	})
	last, err := store.LastSeq(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	wctx, wcancel := context.WithTimeout(ctx, startupTimeout(tb))
	defer wcancel()
	if err := idx.WaitFor(wctx, last); err != nil {
		tb.Fatalf("index did not catch up with the seed data: %v", err)
	}
	return &service{URL: ts.URL, Store: store, Index: idx, Auth: authn}
}

// addUser creates a user with testPassword.
func (s *service) addUser(tb testing.TB, username string, role xiaoqi.Role, scope string) {
	tb.Helper()
	u := xiaoqi.NewUser(username, role, scope)
	if err := s.Auth.AddUser(context.Background(), u, testPassword); err != nil {
		tb.Fatalf("add user %s: %v", username, err)
	}
}
