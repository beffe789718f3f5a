package mongodb_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// injectionValues are filter values that would widen a MongoDB query if they reached it as
// operators or patterns instead of strings.
var injectionValues = []string{
	`{"$ne": null}`,
	`{"$ne": ""}`,
	`{"$gt": ""}`,
	sleeper,
	`{"$regex": ".*"}`,
	`{"$exists": true}`,
	`$ne`,
	`$where`,
	`.*`,
	`^`,
	`/.*/`,
	`西安市" || "1"=="1`,
	`'; return true; var x='`,
	"西安市\x00",
}

// sleeper is the value that, were it run as code, would sleep a second on each document it
// looked at: the test tells it ran by the time it takes. Only its time is compared, and with
// what it would sleep, not with a guess at how fast a query is: a bound of 900 ms on every
// value's List and Count failed 1 run of 4 on a loaded machine ('; return true; … took 0.91 s).
const sleeper = `{"$where": "sleep(1000)"}`

// injectionKeys are filter names with operators, paths or nothing at all.
var injectionKeys = []string{"$where", "$or", "$expr", "city.$ne", "f.city", "city.0", "$", ".", "", "_id", "doc.city", "city\x00"}

// TestInjection: filter values that look like query operators, patterns or code are compared
// as strings, so they match nothing (or exactly the one document that holds that string);
// filter names that are not declared filter fields are refused EINVALID. No payload lists,
// counts or slows down the whole collection.
func TestInjection(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	var docs []xiaoqi.Doc
	for i := range 5 {
		docs = append(docs, job(fmt.Sprint("inj", i), 1))
	}
	// One job whose city is, literally, an operator: only a filter for that string finds it.
	literal := job("literal", 1)
	literal.City = `{"$ne": null}`
	docs = append(docs, literal)
	res, err := s.Upsert(ctx(), docs)
	if err != nil {
		t.Fatalf("Upsert: %v", err)
	}

	for _, kind := range []xiaoqi.Kind{xiaoqi.KindJob, xiaoqi.KindCandidate, xiaoqi.KindEnterprise} {
		for _, name := range xiaoqi.FilterFields[kind] {
			for _, v := range injectionValues {
				want := 0
				if kind == xiaoqi.KindJob && name == "city" && v == literal.City {
					want = 1
				}
				f := map[string]string{name: v}
				start := time.Now()
				slept := kind == xiaoqi.KindJob && v == sleeper
				page, err := s.List(ctx(), kind, xiaoqi.ListOptions{Filters: f, Limit: 100})
				if err != nil {
					if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
						t.Errorf("List(%s, %s=%q): %v, want no documents or EINVALID", kind, name, v, err)
					}
					continue
				}
				if len(page.Docs) != want {
					t.Errorf("List(%s, %s=%q) = %d documents, want %d", kind, name, v, len(page.Docs), want)
				}
				n, err := s.Count(ctx(), kind, f)
				if err != nil && xiaoqi.ErrorCode(err) != xiaoqi.EINVALID || err == nil && n != int64(want) {
					t.Errorf("Count(%s, %s=%q) = %d, %v; want %d", kind, name, v, n, err, want)
				}
				// Run as code, the sleeper would sleep a second for each job of the List and
				// again of the Count; asked as a string it takes what any filter takes.
				if d, asCode := time.Since(start), time.Duration(len(docs))*time.Second; slept && d >= asCode {
					t.Errorf("List and Count of %s=%q took %v, as long as sleeping a second a job: did the database run it as code?", name, v, d)
				}
			}
		}
		for _, name := range injectionKeys {
			f := map[string]string{name: "x"}
			if _, err := s.List(ctx(), kind, xiaoqi.ListOptions{Filters: f}); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
				t.Errorf("List(%s) filtered by the name %q: %v, want EINVALID", kind, name, err)
			}
			if _, err := s.Count(ctx(), kind, f); xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
				t.Errorf("Count(%s) filtered by the name %q: %v, want EINVALID", kind, name, err)
			}
		}
	}

	// The cursor and the id are strings too.
	for _, after := range []string{`{"$gt": ""}`, `{"$ne": null}`} {
		page, err := s.List(ctx(), xiaoqi.KindJob, xiaoqi.ListOptions{After: after, Limit: 100})
		if err == nil && len(page.Docs) != 0 {
			t.Errorf("List after %q = %d documents, want none (ids sort before {)", after, len(page.Docs))
		}
	}
	for _, id := range []string{`{"$ne": null}`, `{"$gt": ""}`, "$where", ".*", res[0].ID + `", "$or": [{}]`} {
		if d, err := s.Get(ctx(), xiaoqi.KindJob, id); err == nil {
			t.Errorf("Get(%q) = %s, want not found or invalid", id, d.Base().ID)
		} else if c := xiaoqi.ErrorCode(err); c != xiaoqi.ENOTFOUND && c != xiaoqi.EINVALID {
			t.Errorf("Get(%q): %v, want ENOTFOUND or EINVALID", id, err)
		}
		if _, err := s.Delete(ctx(), xiaoqi.KindJob, id, 0); err == nil {
			t.Errorf("Delete(%q) deleted something", id)
		}
	}
	// Nothing was deleted, and the literal job is still found by its literal city.
	if n, err := s.Count(ctx(), xiaoqi.KindJob, nil); err != nil || n != 6 {
		t.Errorf("Count(job) = %d, %v; want the 6 documents written", n, err)
	}
	if n, err := s.Count(ctx(), xiaoqi.KindJob, map[string]string{"city": "西安市"}); err != nil || n != 5 {
		t.Errorf("Count(city=西安市) = %d, %v; want 5", n, err)
	}
}
