// Package mongotest gives tests a MongoDB wire-protocol server with no manual setup: the real
// MongoDB that XIAOQI_TEST_MONGODB_URI names, or else an embedded FerretDB (SQLite backend, pure
// Go) in a temporary directory, and a fresh database per test.
//
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(mongotest.Main(m)) }
//
// and in a test:
//
//	uri, db := mongotest.URI(t), mongotest.Database(t)
package mongotest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// EnvURI names the environment variable that points the tests to a MongoDB server. Main sets it
// to the embedded FerretDB's URI when it starts one, so that URI and child processes find it.
const EnvURI = "XIAOQI_TEST_MONGODB_URI"

// Start starts an embedded FerretDB that stores its databases as SQLite files in dir (which
// must exist) and listens on a free port of 127.0.0.1, logging through logger (nil: errors
// only, to standard error). It returns the server's URI and a
// function that stops it and waits until it has stopped. Disconnect every client first: the
// server otherwise waits some seconds for open connections.
//
// FerretDB sets process-wide state when it starts: start one per process.
func Start(ctx context.Context, dir string, logger *slog.Logger) (uri string, stop func(), err error) {
	if logger == nil {
		// FerretDB logs every error reply (a duplicate key, an unknown command) as a warning.
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Handler:  "sqlite",
		// A test server needs no durability. FerretDB commits a transaction per updated
		// document; without an fsync each, the store's tests run a quarter faster.
		SQLiteURL: "file:" + strings.TrimSuffix(dir, "/") + "/?_pragma=synchronous(off)",
		Logger:    logger,
	})
	if err != nil {
		return "", nil, fmt.Errorf("mongotest: start FerretDB: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.Run(ctx) // returns nil once ctx ends
	}()
	stop = func() {
		cancel()
		<-done
	}
	// MongoDBURI blocks until the listener is up.
	return f.MongoDBURI(), stop, nil
}

// Main runs the tests of m against a MongoDB server and returns the exit code for os.Exit:
// the server XIAOQI_TEST_MONGODB_URI names, else an embedded FerretDB in a temporary
// directory that lives as long as the tests.
func Main(m *testing.M) int {
	if os.Getenv(EnvURI) != "" {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "xiaoqi-ferretdb-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "mongotest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	uri, stop, err := Start(context.Background(), dir, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer stop()
	if err := os.Setenv(EnvURI, uri); err != nil {
		fmt.Fprintln(os.Stderr, "mongotest:", err)
		return 1
	}
	defer os.Unsetenv(EnvURI)
	return m.Run()
}

// URI returns the URI of the test server. It skips the test when there is none, that is when
// XIAOQI_TEST_MONGODB_URI is unset and the package's TestMain does not call Main.
func URI(tb testing.TB) string {
	tb.Helper()
	uri := os.Getenv(EnvURI)
	if uri == "" {
		tb.Skipf("no MongoDB server: set %s or call mongotest.Main from TestMain", EnvURI)
	}
	return uri
}

// Database returns the name of a new database for the test: the test's name made safe for
// MongoDB and FerretDB (letters, digits, _ and -, at most 63 characters) with a random suffix,
// so that tests, and tests that open several stores, never share one. The database is dropped
// when the test ends; register the cleanup of clients after calling Database so that they are
// closed first.
func Database(tb testing.TB) string {
	tb.Helper()
	uri := URI(tb)
	name := DatabaseName(tb.Name())
	tb.Cleanup(func() {
		if err := drop(uri, name); err != nil {
			tb.Errorf("mongotest: drop database %s: %v", name, err)
		}
	})
	return name
}

// DatabaseName turns a test name into a database name that is valid in MongoDB and FerretDB
// and unique to this call.
func DatabaseName(testName string) string {
	const maxLen = 63
	var b strings.Builder
	for _, r := range testName {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := b.String()
	var random [4]byte
	_, _ = rand.Read(random[:]) // crypto/rand never fails on supported platforms
	suffix := "_" + hex.EncodeToString(random[:])
	if len(name)+len(suffix) > maxLen {
		// Keep the start, which says which test it is, and a hash of the whole name.
		sum := sha256.Sum256([]byte(testName))
		hash := "_" + hex.EncodeToString(sum[:3])
		name = name[:maxLen-len(suffix)-len(hash)] + hash
	}
	return name + suffix
}

// drop drops database name on the server at uri.
func drop(uri, name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client, err := mongo.Connect(options.Client().ApplyURI(uri).SetServerSelectionTimeout(10 * time.Second))
	if err != nil {
		return err
	}
	err = client.Database(name).Drop(ctx)
	return errors.Join(err, client.Disconnect(ctx))
}

// ChangeStreams reports whether the test server has change streams: a replica set member or
// a mongos has them; a standalone server and FerretDB (which answers hello as a standalone
// server does) do not.
func ChangeStreams(tb testing.TB) bool {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client, err := mongo.Connect(options.Client().ApplyURI(URI(tb)).SetServerSelectionTimeout(10 * time.Second))
	if err != nil {
		tb.Fatalf("mongotest: connect: %v", err)
	}
	defer func() { _ = client.Disconnect(ctx) }()
	var hello struct {
		SetName string `bson:"setName"`
		Msg     string `bson:"msg"`
	}
	if err := client.Database("admin").RunCommand(ctx, bson.D{{Key: "hello", Value: 1}}).Decode(&hello); err != nil {
		tb.Fatalf("mongotest: hello: %v", err)
	}
	return hello.SetName != "" || hello.Msg == "isdbgrid"
}
