package mongodb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// ErrNoChangeStreams says that the server gives no change streams: a standalone server,
// FerretDB, or a user without the changeStream privilege. The follower's poll is then the only
// way it learns of new changes.
var ErrNoChangeStreams = errors.New("mongodb: no change streams on this server (a replica set or sharded cluster has them)")

// noStreamCodes are the server's error codes that mean change streams will not work on this
// deployment, however often they are tried.
var noStreamCodes = []int{
	40573, // "The $changeStream stage is only supported on replica sets": a standalone server
	40324, // "Unrecognized pipeline stage name": a server or emulation without them
	238,   // NotImplemented: FerretDB
	115,   // CommandNotSupported
	13,    // Unauthorized: the user may not watch the database
}

// watchCloseTimeout bounds the closing of a change stream's cursor after its context ended.
const watchCloseTimeout = 5 * time.Second

// WatchSettled calls wake as changes are settled: a change stream on the settlements
// collection reports each insert of a settlement, and wake is called once per batch of them
// the server sends. It is called once more as soon as the stream is open, for what was settled
// before. A follower woken this way reads the feed at once instead of at its next poll; the
// feed is still read from the collections, so the stream adds no path by which a change
// reaches a follower, and a change settled while no stream was open is read by the next poll.
//
// WatchSettled returns nil when ctx ends, an error that wraps ErrNoChangeStreams at once where
// the server has no change streams (a standalone server; FerretDB, the test server), and any
// other error of the stream (the driver resumes it once after a transient one, such as an
// election): the caller may open another.
func (s *Store) WatchSettled(ctx context.Context, wake func()) error {
	// Only inserts, and only their _id (the resume token, which the server requires): a
	// settlement's content tells a follower nothing it will not read from the feed.
	pipeline := mongo.Pipeline{
		{{Key: "$match", Value: bson.D{{Key: "operationType", Value: "insert"}}}},
		{{Key: "$project", Value: bson.D{{Key: "_id", Value: 1}}}},
	}
	cs, err := s.settled.Watch(ctx, pipeline, options.ChangeStream().SetBatchSize(1000))
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return watchError("open", err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), watchCloseTimeout)
		defer cancel()
		_ = cs.Close(cctx)
	}()
	wake()
	for cs.Next(ctx) {
		if cs.RemainingBatchLength() == 0 {
			wake()
		}
	}
	if ctx.Err() != nil {
		return nil
	}
	return watchError("read", cs.Err())
}

// watchError describes an error of a change stream, wrapping ErrNoChangeStreams when the
// server says it has none for us.
func watchError(op string, err error) error {
	if err == nil {
		return fmt.Errorf("mongodb: change stream on the settlements ended")
	}
	var se mongo.ServerError
	if errors.As(err, &se) {
		for _, code := range noStreamCodes {
			if se.HasErrorCode(code) {
				return fmt.Errorf("%w: %v", ErrNoChangeStreams, err)
			}
		}
	}
	return fmt.Errorf("mongodb: %s a change stream on the settlements: %w", op, err)
}
