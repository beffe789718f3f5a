// Package bolt is the embedded xiaoqi.Store, the default: every document, the natural-key
// index and the change feed live in one bbolt file, and every write is one fsynced transaction.
//
// The same Store is also xiaoqi.Accounts: users, API keys, sessions and the audit log live in
// the same file, in buckets of their own (see the layout below), each write one transaction:
// deleting a user removes its keys and sessions with it, storing a session purges the expired
// ones, and audit entries are numbered by the bucket's sequence inside the appending
// transaction, so their IDs increase in commit order even across concurrent appends.
//
// Restore (restore.go) inserts documents under their own ids, versions and times, for `xiaoqi
// copy`; Backup writes a consistent copy of the file while the store serves on, for `serve
// --backup-dir`.
package bolt

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Layout of the file:
//
//	meta              "format" → formatVersion; "count:<kind>" → number of documents (uint64 BE);
//	                  "indexed" → what the filter indexes were built from;
//	                  "candidate-ids" → present while no candidate is stored under the id its
//	                  natural key gives (migrate.go), so that Open need not look at each
//	changes           seq (uint64 BE) → changeRecord; the bucket's sequence is the last seq.
//	                  A write of a document removes the document's previous change (its
//	                  record names it), so the feed holds each document's latest change only
//	docs:<kind>       id → docRecord (the JSON, its content hash, the seq of its change)
//	keys:<kind>       natural key → id
//	flt:<kind>        id → the document's filter values (see index.go)
//	idx:<kind>        field \x00 value \x00 id → "", for ids and codes only (see index.go)
//
// flt and idx are derived from docs: Open rebuilds them in place when they were built by
// another layout (files written before flt existed are migrated that way, in one transaction).
//
// Candidates that builds before random candidate ids stored under the hash of their natural
// key (xiaoqi.NewID, computable from a student number) get a random id from Open, in the same
// transaction, with the accounts and audit entries that name them (migrate.go).
//
// The accounts (xiaoqi.Accounts; see accounts.go and audit.go) are not documents and have
// no change feed:
//
//	users             user id → user JSON
//	usernames         username → user id; its order is the order of Users
//	apikeys           key id → API key JSON (with the hash of its secret)
//	apikeysby         user id \x00 key id → "", a user's keys in id order
//	sessions          session id (SHA-256 of the token) → session JSON
//	sessionsexp       expiry (Unix ns, uint64 BE) session id → "", for purging in expiry order
//	audit             seq (uint64 BE) → entry JSON; the bucket's sequence numbers the entries,
//	                  and an entry's ID is its seq in 16 decimal digits, so ID order is append order
//	auditby           subject id \x00 seq (uint64 BE) → "", a subject's entries in order
//	imports           import job id → job JSON without its report (xiaoqi.ImportJobs; imports.go)
//	importreports     import job id → the job's report JSON
//
// IDs that key these buckets never contain NUL (the store refuses them). The account buckets
// are created when missing: files older than accounts gain them without a format change.
var (
	bucketMeta    = []byte("meta")
	bucketChanges = []byte("changes")
	keyFormat     = []byte("format")
	// keyCandidateIDs marks a file whose candidates all have random ids (migrate.go).
	keyCandidateIDs = []byte("candidate-ids")
)

// formatVersion is the layout version written in new files; Open refuses other versions.
const formatVersion = 1

// lockTimeout is how long Open waits for another process to release the file.
const lockTimeout = 2 * time.Second

func docsBucket(k xiaoqi.Kind) []byte { return []byte("docs:" + k) }
func keysBucket(k xiaoqi.Kind) []byte { return []byte("keys:" + k) }
func countKey(k xiaoqi.Kind) []byte   { return []byte("count:" + k) }

// Store is the embedded store. It is safe for concurrent use; writes are serialised by bbolt.
type Store struct {
	db    *bolt.DB
	moved int // candidates Open gave random ids
}

var _ xiaoqi.Store = (*Store)(nil)

// Open opens the store in the file at path, creating the file and its directory if needed.
// It fails after a few seconds when another process holds the file. In the same transaction
// that checks the layout, it gives every candidate whose id is the hash of its natural key
// (stored by a build before random candidate ids) a random id (migrateCandidateIDs).
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("bolt: open %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	if errors.Is(err, berrors.ErrTimeout) {
		// Said to an operator who ran xiaoqi users, seed or reindex beside serve.
		return nil, fmt.Errorf("数据目录正被另一个 xiaoqi 进程使用（%[1]s 等待 %[2]v 仍被锁定）：先停止使用该目录的 xiaoqi serve，或改用 API / "+
			"the data directory is in use by another xiaoqi process (%[1]s still locked after %[2]v): stop the xiaoqi serve of this directory first, or use the API: %[3]w",
			path, lockTimeout, err)
	} else if err != nil {
		return nil, fmt.Errorf("bolt: open %s: %w", path, err)
	}
	moved := 0
	err = db.Update(func(tx *bolt.Tx) error {
		if err := initBuckets(tx); err != nil {
			return err
		}
		moved, err = migrateCandidateIDs(tx)
		return err
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("bolt: open %s: %w", path, err)
	}
	return &Store{db: db, moved: moved}, nil
}

// MovedCandidates returns how many candidates Open gave a random id in place of the one their
// natural key gave (written by a build before random candidate ids; see migrateCandidateIDs).
func (s *Store) MovedCandidates() int { return s.moved }

// initBuckets creates the buckets of a new file and checks the format of an existing one.
func initBuckets(tx *bolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	if v := meta.Get(keyFormat); v == nil {
		if err := meta.Put(keyFormat, u64(formatVersion)); err != nil {
			return err
		}
	} else if len(v) != 8 || binary.BigEndian.Uint64(v) != formatVersion {
		return fmt.Errorf("unsupported file format %x (this xiaoqi reads format %d)", v, formatVersion)
	}
	if _, err := tx.CreateBucketIfNotExists(bucketChanges); err != nil {
		return err
	}
	for _, b := range accountBuckets {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	for _, k := range xiaoqi.Kinds {
		if _, err := tx.CreateBucketIfNotExists(docsBucket(k)); err != nil {
			return err
		}
		if _, err := tx.CreateBucketIfNotExists(keysBucket(k)); err != nil {
			return err
		}
	}
	return ensureIndexes(tx)
}

// Close closes the file. Writes already returned are durable.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("bolt: close: %w", err)
	}
	return nil
}

// view runs fn in a read transaction and translates its error.
func (s *Store) view(ctx context.Context, op string, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return translate(op, err)
	}
	return translate(op, s.db.View(fn))
}

// update runs fn in a write transaction, committed and fsynced before it returns.
func (s *Store) update(ctx context.Context, op string, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return translate(op, err)
	}
	return translate(op, s.db.Update(fn))
}

// translate turns errors into what callers of xiaoqi.Store expect: *xiaoqi.Error values pass
// through, cancellation and a closed store become EUNAVAILABLE, the rest stay internal.
func translate(op string, err error) error {
	var e *xiaoqi.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &e):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &xiaoqi.Error{Code: xiaoqi.EUNAVAILABLE, Message: "请求已取消或超时 / request cancelled or timed out", Err: fmt.Errorf("bolt: %s: %w", op, err)}
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return &xiaoqi.Error{Code: xiaoqi.EUNAVAILABLE, Message: "存储已关闭 / store is closed", Err: fmt.Errorf("bolt: %s: %w", op, err)}
	}
	return fmt.Errorf("bolt: %s: %w", op, err)
}

// checkKind returns EINVALID for an unknown kind.
func checkKind(k xiaoqi.Kind) error {
	if !k.Valid() {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "未知类型 %[1]q / unknown type %[1]q", k)
	}
	return nil
}

func notFound(k xiaoqi.Kind, id string) error {
	return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "未找到%[3]s %[2]s / %[1]s %[2]s not found", k, id, xiaoqi.KindName(k))
}

// u64 encodes n big-endian, so that keys sort in numeric order.
func u64(n uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, n)
	return b
}

// addCount adds delta to the number of documents of kind k.
func addCount(tx *bolt.Tx, k xiaoqi.Kind, delta int64) error {
	meta := tx.Bucket(bucketMeta)
	n := int64(readU64(meta.Get(countKey(k)))) + delta
	if n < 0 {
		return fmt.Errorf("count of %s below zero", k)
	}
	return meta.Put(countKey(k), u64(uint64(n)))
}

func readU64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// Backup writes a consistent copy of the whole store file to w, while the store serves on:
// one read transaction, which writers do not wait for. The copy is a store file that Open
// opens as it is. It returns how many bytes it wrote.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("bolt: back up: %w", err)
	}
	return n, nil
}
