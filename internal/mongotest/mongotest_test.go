package mongotest_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi/internal/mongotest"
)

func TestMain(m *testing.M) { os.Exit(mongotest.Main(m)) }

// TestServer writes and reads a document on the test server, in the test's own database,
// and checks that the database is dropped when the test ends.
func TestServer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	uri := mongotest.URI(t)
	var name string
	t.Run("write", func(t *testing.T) {
		name = mongotest.Database(t)
		client := connect(t, uri)
		coll := client.Database(name).Collection("things")
		if _, err := coll.InsertOne(ctx, bson.D{{Key: "_id", Value: "a"}, {Key: "n", Value: 1}}); err != nil {
			t.Fatalf("InsertOne: %v", err)
		}
		var got struct{ N int }
		if err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: "a"}}).Decode(&got); err != nil || got.N != 1 {
			t.Fatalf("FindOne = %+v, %v; want n 1", got, err)
		}
	})
	client := connect(t, uri)
	names, err := client.ListDatabaseNames(ctx, bson.D{})
	if err != nil {
		t.Fatalf("ListDatabaseNames: %v", err)
	}
	for _, n := range names {
		if n == name {
			t.Errorf("database %s still exists after its test ended", name)
		}
	}
}

func connect(tb testing.TB, uri string) *mongo.Client {
	tb.Helper()
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		tb.Fatalf("connect: %v", err)
	}
	tb.Cleanup(func() { _ = client.Disconnect(context.Background()) })
	return client
}

func TestDatabaseName(t *testing.T) {
	valid := regexp.MustCompile(`^[a-zA-Z0-9_-]{1,63}$`)
	long := "TestConformance/UpsertConflict/natural_key_held_by_another_id/" + strings.Repeat("x", 80)
	cases := []struct{ test, prefix string }{
		{"TestServer", "TestServer_"},
		{"TestConformance/UpsertConflict/stale version by id", "TestConformance_UpsertConflict_stale_version_by_id_"},
		{"Test中文/名字", "Test______"},
		{long, "TestConformance_UpsertConflict_natural_key_held_"},
	}
	for _, tc := range cases {
		a, b := mongotest.DatabaseName(tc.test), mongotest.DatabaseName(tc.test)
		if !valid.MatchString(a) || !strings.HasPrefix(a, tc.prefix) {
			t.Errorf("DatabaseName(%q) = %q, want a valid name starting with %q", tc.test, a, tc.prefix)
		}
		if a == b {
			t.Errorf("DatabaseName(%q) twice gave %q both times, want distinct names", tc.test, a)
		}
	}
	// Long names that differ only at their end stay distinct in their hash.
	x, y := mongotest.DatabaseName(long+"a"), mongotest.DatabaseName(long+"b")
	if x[:len(x)-9] == y[:len(y)-9] {
		t.Errorf("long names %q and %q differ only in their random suffix", x, y)
	}
}
