// Package storetest is the conformance suite that every xiaoqi.Store implementation passes:
// call Run from the store package's tests with a function that opens a fresh, empty store.
package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Run runs the conformance suite against the stores that open returns. Each subtest calls
// open once or more and expects a new, empty store each time; open registers any cleanup with
// t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) xiaoqi.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open func(t *testing.T) xiaoqi.Store)
	}{
		{"InsertEachKind", testInsertEachKind},
		{"UpsertIdempotentByNaturalKey", testIdempotent},
		{"UpsertWithoutNaturalKeyInserts", testNoNaturalKey},
		{"UpsertExplicitID", testExplicitID},
		{"UpsertConflict", testConflict},
		{"UpsertBatchNamesOneDocumentTwice", testBatchSameDocumentTwice},
		{"UpsertRekey", testRekey},
		{"UpsertInvalidBatch", testInvalidBatch},
		{"UpsertEmptyBatch", testEmptyBatch},
		{"GetNotFound", testGetNotFound},
		{"ListPagination", testListPagination},
		{"ListFilters", testListFilters},
		{"ListInvalid", testListInvalid},
		{"Count", testCount},
		{"Delete", testDelete},
		{"DeleteVersion", testDeleteVersion},
		{"UpsertVersionOfDeleted", testVersionOfDeleted},
		{"Changes", testChanges},
		{"ChangesPaging", testChangesPaging},
		{"Batch500", testBatch500},
		{"ContextCancelled", testContextCancelled},
		{"ConcurrentSameKey", testConcurrentSameKey},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Restore", testRestore},
		{"PersonByKey", testPersonByKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

// ctx is the context of calls that are not about cancellation.
func ctx() context.Context { return context.Background() }

// MustUpsert writes docs and fails the test on error or on a result count that differs.
func MustUpsert(tb testing.TB, s xiaoqi.Store, docs ...xiaoqi.Doc) []xiaoqi.WriteResult {
	tb.Helper()
	res, err := s.Upsert(ctx(), docs)
	if err != nil {
		tb.Fatalf("Upsert(%d docs): %v", len(docs), err)
	}
	if len(res) != len(docs) {
		tb.Fatalf("Upsert(%d docs) returned %d results", len(docs), len(res))
	}
	return res
}

func mustGet(tb testing.TB, s xiaoqi.Store, kind xiaoqi.Kind, id string) xiaoqi.Doc {
	tb.Helper()
	d, err := s.Get(ctx(), kind, id)
	if err != nil {
		tb.Fatalf("Get(%s, %s): %v", kind, id, err)
	}
	if d == nil {
		tb.Fatalf("Get(%s, %s) returned a nil doc and no error", kind, id)
	}
	if d.Kind() != kind || d.Base().ID != id {
		tb.Fatalf("Get(%s, %s) returned %s %s", kind, id, d.Kind(), d.Base().ID)
	}
	return d
}

func mustCount(tb testing.TB, s xiaoqi.Store, kind xiaoqi.Kind, filters map[string]string) int64 {
	tb.Helper()
	n, err := s.Count(ctx(), kind, filters)
	if err != nil {
		tb.Fatalf("Count(%s, %v): %v", kind, filters, err)
	}
	return n
}

// MustLastSeq returns the store's last change sequence and fails the test on error.
func MustLastSeq(tb testing.TB, s xiaoqi.Store) uint64 {
	tb.Helper()
	seq, err := s.LastSeq(ctx())
	if err != nil {
		tb.Fatalf("LastSeq: %v", err)
	}
	return seq
}

// ChangesAfter reads the whole change feed after seq in pages of pageSize, checking the
// invariants of every page (see checkChange). Small pages exercise the feed's paging.
func ChangesAfter(tb testing.TB, s xiaoqi.Store, after uint64, pageSize int) []xiaoqi.Change {
	tb.Helper()
	var all []xiaoqi.Change
	for {
		page, err := s.Changes(ctx(), after, pageSize)
		if err != nil {
			tb.Fatalf("Changes(%d, %d): %v", after, pageSize, err)
		}
		if len(page) > pageSize {
			tb.Fatalf("Changes(%d, %d) returned %d changes", after, pageSize, len(page))
		}
		if len(page) == 0 {
			return all
		}
		for _, c := range page {
			checkChange(tb, c, after)
			after = c.Seq
		}
		all = append(all, page...)
	}
}

// checkChange checks what a follower relies on: increasing Seq, a Doc on every upsert and
// none on a tombstone.
func checkChange(tb testing.TB, c xiaoqi.Change, after uint64) {
	tb.Helper()
	if c.Seq <= after {
		tb.Fatalf("change %+v: Seq %d not above the previous %d", c, c.Seq, after)
	}
	if !c.Kind.Valid() || xiaoqi.CheckID(c.Kind, c.ID) != nil {
		tb.Fatalf("change %d: bad kind %q or id %q", c.Seq, c.Kind, c.ID)
	}
	if c.At.IsZero() {
		tb.Errorf("change %d (%s %s): At is zero", c.Seq, c.Op, c.ID)
	}
	switch c.Op {
	case xiaoqi.OpUpsert:
		if c.Doc == nil {
			tb.Fatalf("change %d: upsert of %s without Doc", c.Seq, c.ID)
		}
		if c.Doc.Kind() != c.Kind || c.Doc.Base().ID != c.ID {
			tb.Fatalf("change %d: upsert of %s %s carries doc %s %s", c.Seq, c.Kind, c.ID, c.Doc.Kind(), c.Doc.Base().ID)
		}
		if c.Doc.Base().Version < c.Version {
			tb.Errorf("change %d: doc version %d older than change version %d", c.Seq, c.Doc.Base().Version, c.Version)
		}
	case xiaoqi.OpDelete:
		if c.Doc != nil {
			tb.Fatalf("change %d: tombstone of %s carries a doc", c.Seq, c.ID)
		}
	default:
		tb.Fatalf("change %d: unknown op %q", c.Seq, c.Op)
	}
}

// wantCode fails unless err carries the given xiaoqi error code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := xiaoqi.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (err %v), want %q", got, err, code)
	}
}

// wantDetail fails unless err's details name field (docs[1].version), as the API shows them.
func wantDetail(tb testing.TB, err error, field string) {
	tb.Helper()
	for _, d := range xiaoqi.ErrorDetails(err) {
		if d.Field == field {
			return
		}
	}
	tb.Errorf("error %v: details %+v do not name %s", err, xiaoqi.ErrorDetails(err), field)
}

func contentHash(tb testing.TB, d xiaoqi.Doc) string {
	tb.Helper()
	h, err := xiaoqi.ContentHash(d)
	if err != nil {
		tb.Fatalf("ContentHash: %v", err)
	}
	return h
}

// sameContent fails unless got has the content of want (ignoring id, version and timestamps).
func sameContent(tb testing.TB, got, want xiaoqi.Doc) {
	tb.Helper()
	if contentHash(tb, got) != contentHash(tb, want) {
		tb.Fatalf("stored %s differs from written:\n got %s\nwant %s", want.Kind(), dump(got), dump(want))
	}
}

func dump(d xiaoqi.Doc) string { return fmt.Sprintf("%+v", d) }

// listAll pages through List with the given page size and returns every doc, checking page
// sizes, id order and the cursor.
func listAll(tb testing.TB, s xiaoqi.Store, kind xiaoqi.Kind, filters map[string]string, limit int) (docs []xiaoqi.Doc, pages int) {
	tb.Helper()
	after := ""
	for {
		page, err := s.List(ctx(), kind, xiaoqi.ListOptions{Filters: filters, After: after, Limit: limit})
		if err != nil {
			tb.Fatalf("List(%s, %v, after %q, limit %d): %v", kind, filters, after, limit, err)
		}
		pages++
		if pages > 10000 {
			tb.Fatalf("List(%s) never ends: cursor %q", kind, after)
		}
		if len(page.Docs) > limit {
			tb.Fatalf("List(%s, limit %d) returned %d docs", kind, limit, len(page.Docs))
		}
		if page.Next != "" && len(page.Docs) < limit {
			tb.Fatalf("List(%s, limit %d): short page of %d docs with Next %q", kind, limit, len(page.Docs), page.Next)
		}
		for _, d := range page.Docs {
			if d.Kind() != kind {
				tb.Fatalf("List(%s) returned a %s", kind, d.Kind())
			}
			if !xiaoqi.MatchFilters(d, filters) {
				tb.Fatalf("List(%s, %v) returned %s with %v", kind, filters, d.Base().ID, d.Filterable())
			}
		}
		docs = append(docs, page.Docs...)
		if page.Next == "" {
			return docs, pages
		}
		after = page.Next
	}
}

// ids returns the ids of docs in their order.
func ids(docs []xiaoqi.Doc) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Base().ID
	}
	return out
}

// wantIDs fails unless got holds exactly the ids of want, in id order, each once.
func wantIDs(tb testing.TB, got []string, want []string) {
	tb.Helper()
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		tb.Fatalf("ids:\n got %d %s\nwant %d %s", len(got), strings.Join(got, " "), len(want), strings.Join(want, " "))
	}
}

// hasDetail reports whether err names field in its details.
func hasDetail(err error, field string) bool {
	for _, d := range xiaoqi.ErrorDetails(err) {
		if d.Field == field {
			return true
		}
	}
	return false
}

// replay applies the whole change feed to an empty map of id → version, as a follower does,
// and checks that the result is what the store holds now.
func replay(tb testing.TB, s xiaoqi.Store) {
	tb.Helper()
	state := map[string]int64{}
	for _, c := range ChangesAfter(tb, s, 0, 1000) {
		if c.Op == xiaoqi.OpDelete {
			delete(state, c.ID)
		} else {
			state[c.ID] = c.Doc.Base().Version
		}
	}
	stored := map[string]int64{}
	for _, k := range xiaoqi.Kinds {
		docs, _ := listAll(tb, s, k, nil, xiaoqi.MaxListLimit)
		for _, d := range docs {
			stored[d.Base().ID] = d.Base().Version
		}
	}
	for id, v := range stored {
		if state[id] != v {
			tb.Errorf("replaying the change feed gives %s version %d, the store holds version %d", id, state[id], v)
		}
	}
	for id := range state {
		if _, ok := stored[id]; !ok {
			tb.Errorf("replaying the change feed gives %s, which the store does not hold", id)
		}
	}
}
