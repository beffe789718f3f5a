package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/auth"
	"github.com/xiaoqi-dev/xiaoqi/bolt"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// scrape GETs /metrics from e and parses the Prometheus text format.
func scrape(tb testing.TB, e *env) map[string]*dto.MetricFamily {
	tb.Helper()
	r := e.get(tb, "/metrics").want(tb, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		tb.Fatalf("/metrics Content-Type %q, want the text format", ct)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(string(r.Body)))
	if err != nil {
		tb.Fatalf("parse /metrics: %v\n%s", err, r.Body)
	}
	return fams
}

// sample returns the metric of family name whose labels include want, or nil.
func sample(fams map[string]*dto.MetricFamily, name string, want map[string]string) *dto.Metric {
	f := fams[name]
	if f == nil {
		return nil
	}
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		ok := true
		for k, v := range want {
			ok = ok && have[k] == v
		}
		if ok {
			return m
		}
	}
	return nil
}

func TestMetrics(t *testing.T) {
	e := newEnv(t)
	inst := e.create(t, "institutions", xjtu)
	e.create(t, "institutions", xupt)
	e.create(t, "jobs", javaJob)
	for range 2 {
		e.get(t, "/api/v1/search?q=西安交通大学&city=西安").want(t, http.StatusOK)
	}
	e.get(t, "/api/v1/institutions/"+inst.ID).want(t, http.StatusOK)
	e.get(t, "/api/v1/search?per_page=1000").want(t, http.StatusBadRequest)
	e.get(t, "/no/such/page?secret=13800138000").want(t, http.StatusNotFound)

	fams := scrape(t, e)
	search200 := map[string]string{"method": "GET", "route": "/api/v1/search", "status": "200"}
	if m := sample(fams, "xiaoqi_http_requests_total", search200); m == nil || m.GetCounter().GetValue() != 2 {
		t.Errorf("xiaoqi_http_requests_total%v = %v, want 2", search200, m)
	}
	if m := sample(fams, "xiaoqi_http_request_duration_seconds", search200); m == nil || m.GetHistogram().GetSampleCount() != 2 {
		t.Errorf("xiaoqi_http_request_duration_seconds%v = %v, want 2 observations", search200, m)
	}
	for _, c := range []struct {
		labels map[string]string
		n      float64
	}{
		{map[string]string{"route": "/api/v1/search", "status": "400"}, 1},
		{map[string]string{"route": "/api/v1/institutions/:id", "status": "200"}, 1},
		{map[string]string{"method": "POST", "route": "/api/v1/institutions", "status": "201"}, 2},
		{map[string]string{"route": "unmatched", "status": "404"}, 1},
	} {
		if m := sample(fams, "xiaoqi_http_requests_total", c.labels); m == nil || m.GetCounter().GetValue() != c.n {
			t.Errorf("xiaoqi_http_requests_total%v = %v, want %v", c.labels, m, c.n)
		}
	}
	// No label carries a query string, an id or other user input.
	for name, f := range fams {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				v := l.GetValue()
				if strings.ContainsAny(v, "?&=") || strings.Contains(v, inst.ID) || strings.Contains(v, "西安") || strings.Contains(v, "13800138000") || strings.Contains(v, "/no/such") {
					t.Errorf("%s has label %s=%q with user input", name, l.GetName(), v)
				}
			}
		}
	}
	// The scrape itself is the one request in flight.
	if m := sample(fams, "xiaoqi_http_requests_in_flight", nil); m == nil || m.GetGauge().GetValue() != 1 {
		t.Errorf("xiaoqi_http_requests_in_flight = %v, want 1", m)
	}
	// The writes waited for the index (refresh=wait_for): no lag.
	last, err := e.Store.LastSeq(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	gauges := map[string]float64{"xiaoqi_store_last_seq": float64(last), "xiaoqi_index_seq": float64(last), "xiaoqi_index_lag_changes": 0}
	for name, want := range gauges {
		if m := sample(fams, name, nil); m == nil || m.GetGauge().GetValue() != want {
			t.Errorf("%s = %v, want %v", name, m, want)
		}
	}
	if last == 0 {
		t.Errorf("store last seq is 0 after three writes")
	}
	for kind, want := range map[string]float64{"institution": 2, "job": 1, "candidate": 0} {
		if m := sample(fams, "xiaoqi_store_documents", map[string]string{"kind": kind}); m == nil || m.GetGauge().GetValue() != want {
			t.Errorf("xiaoqi_store_documents{kind=%q} = %v, want %v", kind, m, want)
		}
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "process_resident_memory_bytes"} {
		if fams[name] == nil {
			t.Errorf("/metrics lacks %s (Go runtime and process collectors)", name)
		}
	}

	// Each server has its own registry: another server has not seen these requests.
	other := scrape(t, newEnv(t))
	if m := sample(other, "xiaoqi_http_requests_total", search200); m != nil {
		t.Errorf("a second server reports the first one's searches: %v", m)
	}
}

// TestMetricsIndexLag: an index that has not applied the store's changes shows as lag.
func TestMetricsIndexLag(t *testing.T) {
	store, index := storeAndIndex(t)
	// No follower: the index stays at seq 0 while the store takes three changes.
	docs := []xiaoqi.Doc{
		&xiaoqi.Institution{Name: "西安交通大学", Type: "university", City: "西安市"},
		&xiaoqi.Institution{Name: "西安邮电大学", Type: "university", City: "西安市"},
		&xiaoqi.Institution{Name: "宝鸡文理学院", Type: "university", City: "宝鸡市"},
	}
	if _, err := store.Upsert(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	last, err := store.LastSeq(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	svc := auth.New(store, auth.Options{Params: auth.TestParams})
	admin := &xiaoqi.User{Username: "admin", Role: xiaoqi.RoleAdmin}
	if err := svc.AddUser(context.Background(), admin, ""); err != nil {
		t.Fatal(err)
	}
	key, _, err := svc.CreateKey(context.Background(), admin.ID, "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	srv := api.New(api.Config{Store: store, Index: index, ImportDir: t.TempDir(), Auth: svc, Accounts: store})
	t.Cleanup(func() { srv.Close() })
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)

	if r := (&env{URL: ts.URL}).get(t, "/metrics"); r.Status != http.StatusUnauthorized {
		t.Errorf("GET /metrics without a key: status %d, want 401: metrics are for administrators", r.Status)
	}
	fams := scrape(t, &env{URL: ts.URL, Key: key})
	if m := sample(fams, "xiaoqi_index_lag_changes", nil); m == nil || m.GetGauge().GetValue() != float64(last) || last == 0 {
		t.Errorf("xiaoqi_index_lag_changes = %v, want %d", m, last)
	}
	if m := sample(fams, "xiaoqi_store_documents", map[string]string{"kind": "institution"}); m == nil || m.GetGauge().GetValue() != 3 {
		t.Errorf("xiaoqi_store_documents{kind=institution} = %v, want 3", m)
	}
}

// TestMetricsIndexSeqWhenStoreFails: a scrape whose store reads fail (MongoDB slow under an
// import, as seen on a node restarted meanwhile) still reports the node's own index seq,
// not 0 as if its index were empty.
func TestMetricsIndexSeqWhenStoreFails(t *testing.T) {
	store, index := storeAndIndex(t) // the store is closed below, its reads then failing
	accounts, err := bolt.Open(filepath.Join(t.TempDir(), "accounts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = accounts.Close() })
	ctx := context.Background()
	if _, err := store.Upsert(ctx, []xiaoqi.Doc{
		&xiaoqi.Institution{Name: "西安交通大学", Type: "university", City: "西安市"},
		&xiaoqi.Institution{Name: "宝鸡文理学院", Type: "university", City: "宝鸡市"},
	}); err != nil {
		t.Fatal(err)
	}
	changes, err := store.Changes(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if err := index.Apply(changes); err != nil {
		t.Fatal(err)
	}
	seq := index.Seq()
	if seq == 0 {
		t.Fatal("the index applied nothing")
	}
	svc := auth.New(accounts, auth.Options{Params: auth.TestParams})
	admin := &xiaoqi.User{Username: "admin", Role: xiaoqi.RoleAdmin}
	if err := svc.AddUser(ctx, admin, ""); err != nil {
		t.Fatal(err)
	}
	key, _, err := svc.CreateKey(ctx, admin.ID, "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	srv := api.New(api.Config{Store: store, Index: index, ImportDir: t.TempDir(), Auth: svc, Accounts: accounts})
	t.Cleanup(func() { srv.Close() })
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	// The store stops answering: every read of it fails from now on.
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	fams := scrape(t, &env{URL: ts.URL, Key: key})
	if m := sample(fams, "xiaoqi_metrics_store_errors_total", nil); m == nil || m.GetCounter().GetValue() != 1 {
		t.Errorf("xiaoqi_metrics_store_errors_total = %v, want 1: the store could not be read", m)
	}
	if m := sample(fams, "xiaoqi_index_seq", nil); m == nil || m.GetGauge().GetValue() != float64(seq) {
		t.Errorf("xiaoqi_index_seq = %v, want %d, the seq the index applied, although the store could not be read", m, seq)
	}
}

// unreadable is a store whose change feed cannot be read while fail is set.
type unreadable struct {
	xiaoqi.Store
	fail atomic.Bool
}

func (s *unreadable) LastSeq(ctx context.Context) (uint64, error) {
	if s.fail.Load() {
		return 0, errors.New("read change feed: server selection timeout")
	}
	return s.Store.LastSeq(ctx)
}

// TestMetricsStoreUnread: on FerretDB every scrape failed to read the store, and yet
// xiaoqi_index_lag_changes and xiaoqi_store_last_seq read 0, the values they started with: a
// lag alert read healthy while the store had not been read once. A figure not read is absent,
// xiaoqi_metrics_store_up says whether the last read succeeded, and the time of the last one
// that did is given.
func TestMetricsStoreUnread(t *testing.T) {
	db, index := storeAndIndex(t)
	ctx := context.Background()
	if _, err := db.Upsert(ctx, []xiaoqi.Doc{&xiaoqi.Institution{Name: "西安交通大学", Type: "university", City: "西安市"}}); err != nil {
		t.Fatal(err)
	}
	svc := auth.New(db, auth.Options{Params: auth.TestParams})
	admin := &xiaoqi.User{Username: "admin", Role: xiaoqi.RoleAdmin}
	if err := svc.AddUser(ctx, admin, ""); err != nil {
		t.Fatal(err)
	}
	key, _, err := svc.CreateKey(ctx, admin.ID, "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	store := &unreadable{Store: db}
	store.fail.Store(true)
	srv := api.New(api.Config{Store: store, Index: index, ImportDir: t.TempDir(), Auth: svc, Accounts: db})
	t.Cleanup(func() { srv.Close() })
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	e := &env{URL: ts.URL, Key: key}
	storeGauges := []string{"xiaoqi_store_last_seq", "xiaoqi_index_lag_changes", "xiaoqi_store_documents"}
	gauge := func(fams map[string]*dto.MetricFamily, name string) *float64 {
		if m := sample(fams, name, nil); m != nil {
			v := m.GetGauge().GetValue()
			return &v
		}
		return nil
	}

	// Never read: no store figure at all, and up 0.
	fams := scrape(t, e)
	for _, name := range append(storeGauges, "xiaoqi_metrics_store_last_success_timestamp_seconds") {
		if fams[name] != nil {
			t.Errorf("%s = %v although the store was never read; want it absent", name, fams[name].GetMetric())
		}
	}
	if v := gauge(fams, "xiaoqi_metrics_store_up"); v == nil || *v != 0 {
		t.Errorf("xiaoqi_metrics_store_up = %v, want 0: the store could not be read", v)
	}
	if m := sample(fams, "xiaoqi_metrics_store_errors_total", nil); m == nil || m.GetCounter().GetValue() != 1 {
		t.Errorf("xiaoqi_metrics_store_errors_total = %v, want 1", m)
	}

	// Read: the figures, with the lag of the index that applied nothing.
	store.fail.Store(false)
	before := time.Now()
	fams = scrape(t, e)
	if v := gauge(fams, "xiaoqi_metrics_store_up"); v == nil || *v != 1 {
		t.Errorf("xiaoqi_metrics_store_up = %v, want 1", v)
	}
	if v := gauge(fams, "xiaoqi_index_lag_changes"); v == nil || *v != 1 {
		t.Errorf("xiaoqi_index_lag_changes = %v, want 1: the index has applied nothing of the store's one change", v)
	}
	at := gauge(fams, "xiaoqi_metrics_store_last_success_timestamp_seconds")
	if at == nil || *at < float64(before.Unix()) {
		t.Errorf("xiaoqi_metrics_store_last_success_timestamp_seconds = %v, want the time of this scrape's read", at)
	}

	// Unreadable again: the figures go (Prometheus marks them stale), the time stays.
	store.fail.Store(true)
	fams = scrape(t, e)
	for _, name := range storeGauges {
		if fams[name] != nil {
			t.Errorf("%s = %v after a failed read; want it absent", name, fams[name].GetMetric())
		}
	}
	if v := gauge(fams, "xiaoqi_metrics_store_up"); v == nil || *v != 0 {
		t.Errorf("xiaoqi_metrics_store_up = %v, want 0", v)
	}
	if v := gauge(fams, "xiaoqi_metrics_store_last_success_timestamp_seconds"); v == nil || at == nil || *v != *at {
		t.Errorf("xiaoqi_metrics_store_last_success_timestamp_seconds = %v, want %v, the last read that succeeded", v, at)
	}
}

// storeAndIndex opens an embedded store and an index of its own, closed when t ends.
func storeAndIndex(t *testing.T) (*bolt.Store, *search.Index) {
	t.Helper()
	dir := t.TempDir()
	store, err := bolt.Open(filepath.Join(dir, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	index, err := search.Open(filepath.Join(dir, "index"), searchOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = index.Close() })
	return store, index
}
