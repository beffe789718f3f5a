package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// SetHooks makes the store's writes call the given functions between their steps, as a slow
// or crashed writer would stop: after taking seqs, after logging the changes as pending, and
// after writing the documents. A nil hook does nothing. Call it before the store is shared.
func SetHooks(s *Store, afterAllocate, afterLog, afterWrite func()) {
	s.hooks = hooks{afterAllocate: afterAllocate, afterLog: afterLog, afterWrite: afterWrite}
}

// SetClock replaces the clock by which the store times the grace period and its changes.
func SetClock(s *Store, now func() time.Time) { s.now = now }

// FeedSize counts the entries and the settlements of the change feed.
func FeedSize(s *Store) (entries, settlements int64, err error) {
	ctx := context.Background()
	if entries, err = s.changes.CountDocuments(ctx, bson.D{}); err != nil {
		return 0, 0, err
	}
	settlements, err = s.settled.CountDocuments(ctx, bson.D{})
	return entries, settlements, err
}

// UseConditionalUpdates makes the store update documents on condition of the version read,
// as it does on MongoDB, also on FerretDB (whose updates are not atomic, so this tests the
// code path, not the atomicity). It keeps FerretDB's bound on updates per command.
func UseConditionalUpdates(s *Store) { s.casUpdates = true }

// ConditionalUpdates reports whether the store updates on condition of the version read: true
// on MongoDB, false on FerretDB unless UseConditionalUpdates said otherwise.
func ConditionalUpdates(s *Store) bool { return s.casUpdates }

// WithoutCandidateMigration makes Open leave candidates under ids their natural key gives,
// so that a test can write what an older build wrote and migrate it step by step.
func WithoutCandidateMigration() Option { return func(c *config) { c.noMigration = true } }

// MigrateCandidateIDs runs Open's migration of derivable candidate ids again, on ctx.
func MigrateCandidateIDs(ctx context.Context, s *Store) (int, error) {
	return s.migrateCandidateIDs(ctx)
}

// SetMoveHooks makes the migration of derivable candidate ids call the given functions: after
// logging the delete of a candidate's old id and before deleting it, after deleting it and
// before storing it under its new id, after storing it and before pointing its account and
// audit entries to it, and after each candidate moved. A nil hook does nothing.
func SetMoveHooks(s *Store, beforeDelete, afterDelete, beforeRepoint, afterMove func()) {
	s.hooks.beforeMoveDelete, s.hooks.afterMoveDelete, s.hooks.beforeRepoint, s.hooks.afterMove =
		beforeDelete, afterDelete, beforeRepoint, afterMove
}

// BackfillIdentity runs Open's backfill of the identity field again, on ctx, and returns how
// many candidates it gave the field.
func BackfillIdentity(ctx context.Context, s *Store) (int, error) { return s.backfillIdentity(ctx) }
