package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// release returns the audit entry of HR actor reading candidate subject's contact details.
func release(actor, subject, reason string) *xiaoqi.AuditEntry {
	return &xiaoqi.AuditEntry{Action: xiaoqi.AuditContactRelease, ActorID: actor, ActorRole: xiaoqi.RoleEnterprise,
		ActorEnterpriseID: "ent_" + actor, SubjectID: subject, Reason: reason, Fields: []string{"name", "phone", "email"}}
}

func mustAppend(tb testing.TB, a xiaoqi.Accounts, e *xiaoqi.AuditEntry) *xiaoqi.AuditEntry {
	tb.Helper()
	if err := a.AppendAudit(ctx(), e); err != nil {
		tb.Fatalf("AppendAudit: %v", err)
	}
	if e.ID == "" || e.Time.IsZero() {
		tb.Fatalf("AppendAudit left ID %q, Time %v", e.ID, e.Time)
	}
	return e
}

// auditAll pages through Audit with f (its After ignored) and returns every entry, checking
// page sizes, increasing IDs (decreasing with f.Newest) and the cursor.
func auditAll(tb testing.TB, a xiaoqi.Accounts, f xiaoqi.AuditFilter) (entries []xiaoqi.AuditEntry, pages int) {
	tb.Helper()
	f.After = ""
	limit := f.Limit
	if limit <= 0 {
		limit = xiaoqi.DefaultListLimit
	}
	limit = min(limit, xiaoqi.MaxListLimit)
	for {
		page, next, err := a.Audit(ctx(), f)
		if err != nil {
			tb.Fatalf("Audit(%+v): %v", f, err)
		}
		pages++
		if pages > 10000 {
			tb.Fatalf("Audit(%+v) never ends", f)
		}
		if len(page) > limit || (next != "" && len(page) < limit) {
			tb.Fatalf("Audit(%+v): page of %d entries with next %q, limit %d", f, len(page), next, limit)
		}
		if next != "" && next != page[len(page)-1].ID {
			tb.Fatalf("Audit(%+v): next %q, want the last ID of the page %q", f, next, page[len(page)-1].ID)
		}
		for _, e := range page {
			if n := len(entries); n > 0 && (e.ID <= entries[n-1].ID) != f.Newest {
				tb.Fatalf("Audit(%+v): ID %q after %q", f, e.ID, entries[n-1].ID)
			}
			if (f.SubjectID != "" && e.SubjectID != f.SubjectID) || (f.ActorID != "" && e.ActorID != f.ActorID) {
				tb.Fatalf("Audit(%+v) returned %+v", f, e)
			}
			entries = append(entries, e)
		}
		if next == "" {
			return entries, pages
		}
		f.After = next
	}
}

func reversed(s []string) []string {
	slices.Reverse(s)
	return s
}

func auditIDs(entries []xiaoqi.AuditEntry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.ID
	}
	return out
}

// sameEntry fails unless got is want, times compared at millisecond precision.
func sameEntry(tb testing.TB, got, want xiaoqi.AuditEntry) {
	tb.Helper()
	if !ms(got.Time).Equal(ms(want.Time)) {
		tb.Fatalf("entry %s: time %v, want %v", want.ID, got.Time, want.Time)
	}
	gs, ws := fmt.Sprintf("%+v", withoutTime(got)), fmt.Sprintf("%+v", withoutTime(want))
	if gs != ws {
		tb.Fatalf("entry:\n got %s\nwant %s", gs, ws)
	}
}

func withoutTime(e xiaoqi.AuditEntry) xiaoqi.AuditEntry {
	e.Time = time.Time{}
	return e
}

func testAuditAppend(t *testing.T, a xiaoqi.Accounts) {
	before := time.Now().Add(-time.Second)
	var want []xiaoqi.AuditEntry
	for i := range 5 {
		e := release("u_hr", fmt.Sprint("cnd_", i%2), fmt.Sprint("面试邀约 interview ", i))
		if i == 3 {
			e.Time = at(5) // kept when given
		}
		mustAppend(t, a, e)
		if n := len(want); n > 0 && e.ID <= want[n-1].ID {
			t.Fatalf("entry %d: ID %q not above %q", i, e.ID, want[n-1].ID)
		}
		if i != 3 && (e.Time.Before(before) || e.Time.After(time.Now().Add(time.Second))) {
			t.Errorf("entry %d: Time %v, want now", i, e.Time)
		}
		want = append(want, *e)
	}
	if !ms(want[3].Time).Equal(ms(at(5))) {
		t.Errorf("a given Time became %v", want[3].Time)
	}
	got, _ := auditAll(t, a, xiaoqi.AuditFilter{})
	if len(got) != len(want) {
		t.Fatalf("Audit: %d entries, want %d", len(got), len(want))
	}
	for i := range want {
		sameEntry(t, got[i], want[i])
	}
	for _, bad := range []*xiaoqi.AuditEntry{{Action: xiaoqi.AuditExport}, {SubjectID: "cnd_1"}} {
		wantCode(t, a.AppendAudit(ctx(), bad), xiaoqi.EINVALID)
	}
	if got, _ := auditAll(t, a, xiaoqi.AuditFilter{}); len(got) != len(want) {
		t.Errorf("invalid appends stored entries: %d, want %d", len(got), len(want))
	}
}

// testAuditConcurrent appends MaxListLimit+1 entries from several goroutines: every entry is
// stored once with an ID of its own, each goroutine sees its IDs increase, and a page holds at
// most MaxListLimit entries however many are asked for.
func testAuditConcurrent(t *testing.T, a xiaoqi.Accounts) {
	const workers = 7
	total := xiaoqi.MaxListLimit + 1
	per := (total + workers - 1) / workers
	ids := make([][]string, workers)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			n := min(per, total-w*per)
			for i := range n {
				e := release(fmt.Sprint("u_", w), fmt.Sprint("cnd_", i), "")
				if err := a.AppendAudit(ctx(), e); err != nil {
					errs <- fmt.Errorf("worker %d, append %d: %w", w, i, err)
					return
				}
				if k := len(ids[w]); k > 0 && e.ID <= ids[w][k-1] {
					errs <- fmt.Errorf("worker %d: ID %q after its own %q", w, e.ID, ids[w][k-1])
					return
				}
				ids[w] = append(ids[w], e.ID)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var appended []string
	for _, w := range ids {
		appended = append(appended, w...)
	}
	slices.Sort(appended)
	if len(appended) != total || len(slices.Compact(slices.Clone(appended))) != total {
		t.Fatalf("%d appends returned %d distinct IDs", total, len(slices.Compact(slices.Clone(appended))))
	}

	first, next, err := a.Audit(ctx(), xiaoqi.AuditFilter{Limit: 5 * xiaoqi.MaxListLimit})
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != xiaoqi.MaxListLimit || next != first[len(first)-1].ID {
		t.Fatalf("Audit(limit %d): %d entries, next %q; want MaxListLimit (%d) and a next page", 5*xiaoqi.MaxListLimit, len(first), next, xiaoqi.MaxListLimit)
	}
	all, pages := auditAll(t, a, xiaoqi.AuditFilter{Limit: 5 * xiaoqi.MaxListLimit})
	if pages != 2 || !slices.Equal(auditIDs(all), appended) {
		t.Errorf("Audit: %d entries in %d pages, want the %d appended in 2 pages", len(all), pages, total)
	}
}

func testAuditFilter(t *testing.T, a xiaoqi.Accounts) {
	var all []xiaoqi.AuditEntry
	for _, e := range []*xiaoqi.AuditEntry{
		release("u_hr1", "cnd_a", "招聘 hiring"), release("u_hr2", "cnd_a", ""), release("u_hr1", "cnd_b", ""),
		{Action: xiaoqi.AuditExport, ActorID: "u_cnd_a", ActorRole: xiaoqi.RoleCandidate, SubjectID: "cnd_a"},
		release("u_hr2", "cnd_ab", ""), release("u_hr1", "cnd_a", ""),
	} {
		all = append(all, *mustAppend(t, a, e))
	}
	pick := func(idx ...int) []string {
		var out []string
		for _, i := range idx {
			out = append(out, all[i].ID)
		}
		return out
	}
	for _, tc := range []struct {
		f    xiaoqi.AuditFilter
		want []string
	}{
		{xiaoqi.AuditFilter{}, pick(0, 1, 2, 3, 4, 5)},
		{xiaoqi.AuditFilter{SubjectID: "cnd_a"}, pick(0, 1, 3, 5)},
		{xiaoqi.AuditFilter{SubjectID: "cnd_ab"}, pick(4)},
		{xiaoqi.AuditFilter{ActorID: "u_hr1"}, pick(0, 2, 5)},
		{xiaoqi.AuditFilter{ActorID: "u_hr2", SubjectID: "cnd_a"}, pick(1)},
		{xiaoqi.AuditFilter{SubjectID: "cnd_none"}, nil},
		{xiaoqi.AuditFilter{SubjectID: "cnd_a", Limit: 1}, pick(0, 1, 3, 5)},
		{xiaoqi.AuditFilter{ActorID: "u_hr1", Limit: 2}, pick(0, 2, 5)},
		// Newest first, as the administrator's page reads the log.
		{xiaoqi.AuditFilter{Newest: true}, pick(5, 4, 3, 2, 1, 0)},
		{xiaoqi.AuditFilter{Newest: true, Limit: 4}, pick(5, 4, 3, 2, 1, 0)},
		{xiaoqi.AuditFilter{Newest: true, SubjectID: "cnd_a", Limit: 3}, pick(5, 3, 1, 0)},
		{xiaoqi.AuditFilter{Newest: true, SubjectID: "cnd_ab"}, pick(4)},
		{xiaoqi.AuditFilter{Newest: true, SubjectID: "cnd_b", Limit: 1}, pick(2)},
		{xiaoqi.AuditFilter{Newest: true, SubjectID: "cnd_none"}, nil},
		{xiaoqi.AuditFilter{Newest: true, ActorID: "u_hr1", Limit: 2}, pick(5, 2, 0)},
		{xiaoqi.AuditFilter{Newest: true, ActorID: "u_hr2", SubjectID: "cnd_a"}, pick(1)},
	} {
		got, _ := auditAll(t, a, tc.f)
		if ids := auditIDs(got); !slices.Equal(ids, tc.want) {
			t.Errorf("Audit(%+v) = %q, want %q", tc.f, ids, tc.want)
		}
	}
	got, _, err := a.Audit(ctx(), xiaoqi.AuditFilter{SubjectID: "cnd_a"})
	if err != nil || len(got) != 4 {
		t.Fatalf("Audit(cnd_a) = %d entries, %v", len(got), err)
	}
	sameEntry(t, got[0], all[0])
	sameEntry(t, got[2], all[3])
}

func testAuditPaging(t *testing.T, a xiaoqi.Accounts) {
	var ids []string
	for i := range 25 {
		ids = append(ids, mustAppend(t, a, release("u_hr", fmt.Sprint("cnd_", i%3), "")).ID)
	}
	// Default limit: DefaultListLimit.
	page, next, err := a.Audit(ctx(), xiaoqi.AuditFilter{})
	if err != nil || len(page) != xiaoqi.DefaultListLimit || next != ids[xiaoqi.DefaultListLimit-1] {
		t.Fatalf("Audit(no limit) = %d entries, next %q, %v; want %d and next %q", len(page), next, err, xiaoqi.DefaultListLimit, ids[xiaoqi.DefaultListLimit-1])
	}
	for _, tc := range []struct{ limit, pages int }{{10, 3}, {5, 5}, {25, 1}, {24, 2}, {1000, 1}} {
		got, pages := auditAll(t, a, xiaoqi.AuditFilter{Limit: tc.limit})
		if pages != tc.pages || !slices.Equal(auditIDs(got), ids) {
			t.Errorf("limit %d: %d entries in %d pages, want 25 in %d", tc.limit, len(got), pages, tc.pages)
		}
	}
	// A page that ends exactly at the last entry says there is no next page.
	page, next, err = a.Audit(ctx(), xiaoqi.AuditFilter{After: ids[19], Limit: 5})
	if err != nil || len(page) != 5 || next != "" {
		t.Errorf("last full page: %d entries, next %q, %v; want 5 and no next", len(page), next, err)
	}
	page, next, err = a.Audit(ctx(), xiaoqi.AuditFilter{After: ids[24]})
	if err != nil || len(page) != 0 || next != "" {
		t.Errorf("after the last entry: %d entries, next %q, %v", len(page), next, err)
	}
	// Newest first: the first page ends at the 21st newest; the next page goes on from there
	// to the oldest, and a page that ends at the oldest says there is no next page.
	page, next, err = a.Audit(ctx(), xiaoqi.AuditFilter{Newest: true})
	if err != nil || len(page) != xiaoqi.DefaultListLimit || page[0].ID != ids[24] || next != ids[25-xiaoqi.DefaultListLimit] {
		t.Fatalf("Audit(newest) = %d entries from %q, next %q, %v; want %d from %q, next %q", len(page), page[0].ID, next, err,
			xiaoqi.DefaultListLimit, ids[24], ids[25-xiaoqi.DefaultListLimit])
	}
	page, next, err = a.Audit(ctx(), xiaoqi.AuditFilter{Newest: true, After: next})
	if err != nil || !slices.Equal(auditIDs(page), []string{ids[4], ids[3], ids[2], ids[1], ids[0]}) || next != "" {
		t.Errorf("Audit(newest, second page) = %q, next %q, %v; want the 5 oldest, newest first, and no next", auditIDs(page), next, err)
	}
	page, next, err = a.Audit(ctx(), xiaoqi.AuditFilter{Newest: true, After: ids[0]})
	if err != nil || len(page) != 0 || next != "" {
		t.Errorf("newest first, before the first entry: %d entries, next %q, %v", len(page), next, err)
	}
	for _, tc := range []struct{ limit, pages int }{{10, 3}, {5, 5}, {25, 1}, {24, 2}} {
		got, pages := auditAll(t, a, xiaoqi.AuditFilter{Limit: tc.limit, Newest: true})
		if want := slices.Clone(ids); pages != tc.pages || !slices.Equal(auditIDs(got), reversed(want)) {
			t.Errorf("newest first, limit %d: %d entries in %d pages, want 25 in %d", tc.limit, len(got), pages, tc.pages)
		}
	}
	// Paging within a subject.
	got, pages := auditAll(t, a, xiaoqi.AuditFilter{SubjectID: "cnd_1", Limit: 3})
	if len(got) != 8 || pages != 3 {
		t.Errorf("cnd_1 in pages of 3: %d entries in %d pages, want 8 in 3", len(got), pages)
	}
	for _, bad := range []string{"x", "12", "00000000000000ab", "'; drop", `{"$gt":""}`} {
		_, _, err := a.Audit(ctx(), xiaoqi.AuditFilter{After: bad})
		wantCode(t, err, xiaoqi.EINVALID)
		if !hasDetail(err, "after") {
			t.Errorf("Audit(after %q): error %v does not name after", bad, err)
		}
	}
}

func testRedactAudit(t *testing.T, a xiaoqi.Accounts) {
	var erased, kept []xiaoqi.AuditEntry
	for i := range 5 {
		subject := "cnd_erase"
		if i%2 == 1 {
			subject = "cnd_keep"
		}
		e := *mustAppend(t, a, release(fmt.Sprint("u_hr", i), subject, "联系 李娜 13800000000"))
		if subject == "cnd_erase" {
			erased = append(erased, e)
		} else {
			kept = append(kept, e)
		}
	}
	n, err := a.RedactAudit(ctx(), "cnd_erase")
	if err != nil || n != len(erased) {
		t.Fatalf("RedactAudit = %d, %v; want %d", n, err, len(erased))
	}
	if got, _ := auditAll(t, a, xiaoqi.AuditFilter{SubjectID: "cnd_erase"}); len(got) != 0 {
		t.Errorf("after redaction %d entries still name the subject", len(got))
	}
	got, _ := auditAll(t, a, xiaoqi.AuditFilter{SubjectID: xiaoqi.ErasedSubject})
	if len(got) != len(erased) {
		t.Fatalf("Audit(erased) = %d entries, want %d", len(got), len(erased))
	}
	for i, e := range erased {
		e.SubjectID, e.Reason = xiaoqi.ErasedSubject, ""
		sameEntry(t, got[i], e) // who, when, what and which fields stay
	}
	got, _ = auditAll(t, a, xiaoqi.AuditFilter{SubjectID: "cnd_keep"})
	if len(got) != len(kept) {
		t.Fatalf("Audit(cnd_keep) = %d entries, want %d", len(got), len(kept))
	}
	for i := range kept {
		sameEntry(t, got[i], kept[i])
	}
	all, _ := auditAll(t, a, xiaoqi.AuditFilter{})
	if len(all) != 5 {
		t.Errorf("after redaction the log holds %d entries, want 5", len(all))
	}
	if n, err := a.RedactAudit(ctx(), "cnd_erase"); err != nil || n != 0 {
		t.Errorf("RedactAudit again = %d, %v; want 0", n, err)
	}
	if n, err := a.RedactAudit(ctx(), "cnd_never"); err != nil || n != 0 {
		t.Errorf("RedactAudit(unknown subject) = %d, %v; want 0", n, err)
	}
	for _, bad := range []string{"", xiaoqi.ErasedSubject} {
		wantCode(t, errOf(a.RedactAudit(ctx(), bad)), xiaoqi.EINVALID)
	}

	// The erasure's own entry keeps the digest of the person's key, by which an import
	// refuses their row: it must come back from the store as written.
	// So must the digests of who they are, by which a row of another source is refused.
	key := xiaoqi.ErasedKey("src:2026届毕业生|2024001")
	person := &xiaoqi.Candidate{Name: "陈晓东", Phone: "13700001111", Email: "cxd@example.com"}
	mustAppend(t, a, &xiaoqi.AuditEntry{Action: xiaoqi.AuditErase, ActorID: "u_admin", ActorRole: xiaoqi.RoleAdmin,
		SubjectID: xiaoqi.ErasedSubject, ErasedKey: key, ErasedIdentity: person.IdentityKeys()})
	keys, err := xiaoqi.ErasedKeys(ctx(), a)
	if err != nil || len(keys) != 3 || !keys[key] {
		t.Errorf("ErasedKeys = %v, %v; want %s and two of the person", keys, err, key)
	}
	again := &xiaoqi.Candidate{Name: "陈 晓东", Phone: "+86 137-0000-1111", Meta: xiaoqi.Meta{Source: "另一份名单", ExternalID: "9"}}
	if !xiaoqi.Erased(keys, again) {
		t.Errorf("Erased(%+v) = false; want her found by her name and phone under another source", again)
	}
}

func testAccountsCancelled(t *testing.T, a xiaoqi.Accounts) {
	u := mustCreateUser(t, a, newUser("u_1", "present", xiaoqi.RoleCandidate))
	mustPutKey(t, a, newKey("kpresent0001", "u_1"))
	sess := newSession("spresent", "u_1", time.Hour)
	mustPutSession(t, a, sess)
	mustAppend(t, a, release("u_hr", "cnd_u_1", "面试"))
	c, cancel := context.WithCancel(context.Background())
	cancel()

	changed := *u
	changed.Username = "changed"
	calls := map[string]error{
		"CreateUser":    a.CreateUser(c, newUser("u_2", "new", xiaoqi.RoleAdmin)),
		"UpdateUser":    a.UpdateUser(c, &changed),
		"User":          errOf(a.User(c, "u_1")),
		"UserByName":    errOf(a.UserByName(c, "present")),
		"Users":         errOf(a.Users(c)),
		"DeleteUser":    a.DeleteUser(c, "u_1"),
		"PutKey":        a.PutKey(c, newKey("knew00000001", "u_1")),
		"Key":           errOf(a.Key(c, "kpresent0001")),
		"Keys":          errOf(a.Keys(c, "u_1")),
		"PutSession":    a.PutSession(c, newSession("snew", "u_1", time.Hour)),
		"Session":       errOf(a.Session(c, "spresent")),
		"DeleteSession": a.DeleteSession(c, "spresent"),
		"AppendAudit":   a.AppendAudit(c, release("u_hr", "cnd_u_1", "")),
		"Audit":         func() error { _, _, err := a.Audit(c, xiaoqi.AuditFilter{}); return err }(),
		"RedactAudit":   errOf(a.RedactAudit(c, "cnd_u_1")),
	}
	for name, err := range calls {
		if err == nil {
			t.Errorf("%s with a cancelled context: no error", name)
		}
	}
	// Nothing changed.
	sameUser(t, mustUser(t, a, "u_1"), u)
	wantCode(t, errOf(a.User(ctx(), "u_2")), xiaoqi.ENOTFOUND)
	wantCode(t, errOf(a.Key(ctx(), "knew00000001")), xiaoqi.ENOTFOUND)
	wantCode(t, errOf(a.Session(ctx(), "snew")), xiaoqi.ENOTFOUND)
	wantSession(t, a, sess)
	if got, _ := auditAll(t, a, xiaoqi.AuditFilter{}); len(got) != 1 || got[0].SubjectID != "cnd_u_1" || got[0].Reason == "" {
		t.Errorf("after cancelled calls the audit log is %+v, want the one entry unchanged", got)
	}
}
