package mongodb_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
)

// rawDB returns database db through a client of its own, to look at what the store wrote.
func rawDB(tb testing.TB, db string) *mongo.Database {
	tb.Helper()
	client, err := mongo.Connect(options.Client().ApplyURI(mongotest.URI(tb)))
	if err != nil {
		tb.Fatalf("connect: %v", err)
	}
	tb.Cleanup(func() { _ = client.Disconnect(context.Background()) })
	return client.Database(db)
}

func countDocs(tb testing.TB, db *mongo.Database, coll string, filter bson.D) int64 {
	tb.Helper()
	n, err := db.Collection(coll).CountDocuments(ctx(), filter)
	if err != nil {
		tb.Fatalf("count %s: %v", coll, err)
	}
	return n
}

// TestAccountsLayout: the collections and indexes the package documentation promises, and
// PutSession purging expired sessions from the collection (FerretDB has no TTL monitor).
func TestAccountsLayout(t *testing.T) {
	t.Parallel()
	name := mongotest.Database(t)
	s := openStore(t, name)
	db := rawDB(t, name)
	for coll, want := range map[string][]string{
		"users": {"_id_", "username"}, "api_keys": {"_id_", "user_id"},
		"sessions": {"_id_", "expires_at", "user_id"}, "audit": {"_id_", "actor_id", "subject_id"},
	} {
		specs, err := db.Collection(coll).Indexes().ListSpecifications(ctx())
		if err != nil {
			t.Fatalf("indexes of %s: %v", coll, err)
		}
		var got []string
		for _, sp := range specs {
			got = append(got, sp.Name)
			if sp.Name == "username" && (sp.Unique == nil || !*sp.Unique) {
				t.Errorf("users.username index is not unique")
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("indexes of %s: %q, want %q", coll, got, want)
		}
	}

	if err := s.CreateUser(ctx(), &xiaoqi.User{ID: "u_1", Username: "li.na", Role: xiaoqi.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for i, exp := range []time.Duration{-time.Hour, -time.Minute, time.Hour, time.Hour} {
		sess := &xiaoqi.Session{ID: fmt.Sprint("s", i), UserID: "u_1", CreatedAt: now, ExpiresAt: now.Add(exp)}
		if err := s.PutSession(ctx(), sess); err != nil {
			t.Fatal(err)
		}
	}
	if n := countDocs(t, db, "sessions", bson.D{}); n != 2 {
		t.Errorf("sessions collection holds %d sessions, want the 2 live ones", n)
	}
}

// TestRedactManyEntries: erasing a subject with more entries than FerretDB takes updates in
// one command still redacts them all, in one update.
func TestRedactManyEntries(t *testing.T) {
	t.Parallel()
	name := mongotest.Database(t)
	s := openStore(t, name)
	const n = 150
	for i := range n {
		e := &xiaoqi.AuditEntry{Action: xiaoqi.AuditContactRelease, ActorID: "u_hr", SubjectID: "cnd_x", Reason: fmt.Sprint("面试 ", i)}
		if err := s.AppendAudit(ctx(), e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AppendAudit(ctx(), &xiaoqi.AuditEntry{Action: xiaoqi.AuditExport, SubjectID: "cnd_y", Reason: "keep"}); err != nil {
		t.Fatal(err)
	}
	c, cancel := context.WithTimeout(ctx(), time.Minute)
	defer cancel()
	got, err := s.RedactAudit(c, "cnd_x")
	if err != nil || got != n {
		t.Fatalf("RedactAudit = %d, %v; want %d", got, err, n)
	}
	db := rawDB(t, name)
	if left := countDocs(t, db, "audit", bson.D{{Key: "reason", Value: bson.D{{Key: "$exists", Value: true}}}}); left != 1 {
		t.Errorf("%d entries keep a reason, want only cnd_y's", left)
	}
	if erased := countDocs(t, db, "audit", bson.D{{Key: "subject_id", Value: xiaoqi.ErasedSubject}}); erased != n {
		t.Errorf("%d entries name the erased subject, want %d", erased, n)
	}
}

// TestAuditFilterIsLiteral: filter values are compared as strings, never read as operators.
func TestAuditFilterIsLiteral(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	if err := s.AppendAudit(ctx(), &xiaoqi.AuditEntry{Action: xiaoqi.AuditExport, ActorID: "u_1", SubjectID: "cnd_1"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []xiaoqi.AuditFilter{
		{SubjectID: `{"$ne": null}`}, {SubjectID: `{"$gt": ""}`}, {ActorID: `{"$regex": ".*"}`}, {SubjectID: "$where"},
	} {
		got, _, err := s.Audit(ctx(), f)
		if err != nil || len(got) != 0 {
			t.Errorf("Audit(%+v) = %d entries, %v; want none", f, len(got), err)
		}
	}
	if _, err := s.UserByName(ctx(), `{"$ne": ""}`); xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
		t.Errorf("UserByName(operator text) = %v, want not found", err)
	}
}
