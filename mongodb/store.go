package mongodb

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readconcern"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/connstring"

	"github.com/xiaoqi-dev/xiaoqi"
)

var _ xiaoqi.Store = (*Store)(nil)

// Defaults of Open.
const (
	DefaultDatabase       = "xiaoqi"
	DefaultConnectTimeout = 10 * time.Second
	DefaultIndexTimeout   = time.Hour
	DefaultGrace          = 10 * time.Second
)

// Names of the collections besides the one per kind.
const (
	changesCollection     = "changes"
	settlementsCollection = "settlements"
	countersCollection    = "counters"
)

// Store is the MongoDB implementation of xiaoqi.Store. It is safe for concurrent use, and
// several Stores, in one process or many, may share one database.
type Store struct {
	client *mongo.Client
	db     *mongo.Database // reads as the URI says
	feedDB *mongo.Database // reads what the change feed relies on (feedReads)
	ownDB  *mongo.Database // reads what a writer matches (writerReads)
	// The collections of the change feed, in feedDB.
	changes  *mongo.Collection
	settled  *mongo.Collection // settlements
	counters *mongo.Collection
	grace    time.Duration
	now      func() time.Time
	// maxUpdates bounds the updates in one command, and casUpdates says whether an update of a
	// document is conditional on its version (see setup).
	maxUpdates int
	casUpdates bool
	feed       feedState
	compaction compactState
	audit      auditState
	hooks      hooks
	moved      int // candidates Open gave random ids
}

// Option configures Open.
type Option func(*config)

type config struct {
	database       string
	connectTimeout time.Duration
	indexTimeout   time.Duration
	grace          time.Duration
	monitor        *event.CommandMonitor
	noMigration    bool // tests: Open leaves derivable candidate ids alone
}

// WithDatabase names the database, overriding the one in the URI's path (DefaultDatabase when
// neither names one).
func WithDatabase(name string) Option { return func(c *config) { c.database = name } }

// WithConnectTimeout bounds how long Open waits for the server, and how long any call waits
// to find a server (DefaultConnectTimeout), unless the URI sets serverSelectionTimeoutMS.
func WithConnectTimeout(d time.Duration) Option { return func(c *config) { c.connectTimeout = d } }

// WithIndexTimeout bounds how long Open waits for the indexes it creates
// (DefaultIndexTimeout). Creating an index that a collection of millions of documents lacks,
// after an upgrade that adds one, takes minutes, far longer than the connect timeout.
func WithIndexTimeout(d time.Duration) Option { return func(c *config) { c.indexTimeout = d } }

// WithGrace sets how long a change that a writer has begun but not finished may hold up the
// change feed before followers treat the writer as gone (DefaultGrace). See the package
// documentation.
func WithGrace(d time.Duration) Option { return func(c *config) { c.grace = d } }

// WithCommandMonitor lets the caller observe every command the store sends (metrics, tracing).
func WithCommandMonitor(m *event.CommandMonitor) Option { return func(c *config) { c.monitor = m } }

// Open connects to the MongoDB server at uri, checks that it answers, and creates the
// collections and indexes the store needs, waiting for the indexes up to the index timeout
// (WithIndexTimeout), not the connect timeout. It fails with EUNAVAILABLE, naming the server
// but never the password, when the server does not answer within the connect timeout.
func Open(ctx context.Context, uri string, opts ...Option) (*Store, error) {
	cfg := config{connectTimeout: DefaultConnectTimeout, indexTimeout: DefaultIndexTimeout, grace: DefaultGrace}
	for _, o := range opts {
		o(&cfg)
	}
	cs, err := connstring.ParseAndValidate(uri)
	if err != nil {
		return nil, fmt.Errorf("mongodb: invalid URI %s: %s", redactURI(uri), redact(err.Error(), uri))
	}
	name := cfg.database
	if name == "" {
		name = cs.Database
	}
	if name == "" {
		name = DefaultDatabase
	}
	co := options.Client().ApplyURI(uri)
	if !cs.ServerSelectionTimeoutSet {
		co.SetServerSelectionTimeout(cfg.connectTimeout)
	}
	if !cs.ConnectTimeoutSet {
		co.SetConnectTimeout(cfg.connectTimeout)
	}
	if co.WriteConcern == nil {
		// A write is acknowledged once durable (README: Scaling out).
		journal := true
		co.SetWriteConcern(&writeconcern.WriteConcern{W: "majority", Journal: &journal})
	}
	if cfg.monitor != nil {
		co.SetMonitor(cfg.monitor)
	}
	client, err := mongo.Connect(co)
	if err != nil {
		return nil, fmt.Errorf("mongodb: connect to %s: %s", strings.Join(cs.Hosts, ","), redact(err.Error(), uri))
	}
	feedDB := client.Database(name, feedReads())
	s := &Store{
		client:   client,
		db:       client.Database(name),
		feedDB:   feedDB,
		ownDB:    client.Database(name, writerReads()),
		changes:  feedDB.Collection(changesCollection),
		settled:  feedDB.Collection(settlementsCollection),
		counters: feedDB.Collection(countersCollection),
		grace:    cfg.grace,
		now:      time.Now,
		feed:     feedState{seen: map[uint64]time.Time{}},

		maxUpdates: maxUpdates,
		casUpdates: true,
	}
	pctx, cancel := context.WithTimeout(ctx, cfg.connectTimeout)
	defer cancel()
	if err := client.Ping(pctx, readpref.Primary()); err != nil {
		_ = s.Close()
		return nil, &xiaoqi.Error{Code: xiaoqi.EUNAVAILABLE,
			Message: "cannot reach MongoDB at " + strings.Join(cs.Hosts, ","),
			Err:     errors.New(redact(err.Error(), uri))}
	}
	if err := s.setup(ctx, cfg); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("mongodb: set up database %s: %w", name, err)
	}
	return s, nil
}

// feedReads are the read concern and preference of every read that followers and writers
// rely on in the change feed: its entries, settlements and counters (the counter's catch-up
// included), and the documents that a change carries, whatever the URI says. Majority: on a
// replica set, a change read with "local" may be rolled back with the counter's $inc after a
// follower passed it, and its seq then taken again by another change, which that follower
// skips for ever. Primary: a secondary may lag behind another, so that a follower reads a
// change from one member and the document from one that lacks the write. FerretDB takes
// readConcern majority as it is (it has no replicas), so no fallback is needed there.
func feedReads() *options.DatabaseOptionsBuilder {
	return options.Database().SetReadConcern(readconcern.Majority()).SetReadPreference(readpref.Primary())
}

// writerReads are those of the documents a writer matches and of its own writes, which it
// reads back to tell those that lost a race: the primary's latest, whatever the URI says. A
// lagging secondary would have it write over a version it does not know, and a majority read
// may miss its own write when the URI asks for w=1, which it would then take as lost and
// void. A write over a version that is then rolled back is rolled back with it. Get, List
// and Count read as the URI says.
func writerReads() *options.DatabaseOptionsBuilder {
	return options.Database().SetReadConcern(readconcern.Local()).SetReadPreference(readpref.Primary())
}

// maxUpdates bounds the updates in one command: the driver's limit on MongoDB, and far
// fewer on FerretDB (see setup).
const (
	maxUpdates         = 100_000
	maxUpdatesFerretDB = 20
)

// setup creates the indexes (which creates the collections) and the sequence counter, and
// loads the feed checkpoint. Every step is idempotent, so that any number of processes may
// open one database at once.
//
// The indexes are built before Open returns, bounded by the index timeout rather than the
// connect timeout: the unique ones (natural keys, usernames) are what keeps two writers from
// storing one key twice, so writes must not begin without them. A build that takes minutes
// (a new index of a large collection) then delays this node's start, and every node that
// starts meanwhile waits for the same build; the nodes already running serve on.
func (s *Store) setup(ctx context.Context, cfg config) error {
	quick, cancel := context.WithTimeout(ctx, cfg.connectTimeout)
	defer cancel()
	var info struct {
		FerretDB string `bson:"ferretdbVersion"`
	}
	if err := s.db.RunCommand(quick, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info); err != nil {
		return fmt.Errorf("buildInfo: %w", err)
	}
	if info.FerretDB != "" {
		// FerretDB, the test server, keeps a database connection for each update of a
		// command until the command ends, and has 100 per database: a command of 100 updates
		// never ends. It finds a document by index only when the filter is exactly {_id}, and
		// its updates read then write, not atomically: a condition on the version would cost
		// a collection scan per document and still not make the update atomic.
		s.maxUpdates, s.casUpdates = maxUpdatesFerretDB, false
	}
	if err := s.ensureAllIndexes(ctx, cfg.indexTimeout, info.FerretDB != ""); err != nil {
		return err
	}
	quick, cancel = context.WithTimeout(ctx, cfg.connectTimeout)
	defer cancel()
	// The change feed is keyed by seq (_id) and audit entries by their number; a counter must
	// exist before the first $inc so that two first writers do not race to create it.
	for _, id := range []string{seqCounter, auditCounter} {
		_, err := s.counters.InsertOne(quick, counter{ID: id})
		if err != nil && !isDuplicateKey(err) {
			return fmt.Errorf("create the %s counter: %w", id, err)
		}
	}
	if err := s.loadCheckpoint(quick); err != nil {
		return err
	}
	bctx, cancel := context.WithTimeout(ctx, cfg.indexTimeout)
	defer cancel()
	if _, err := s.backfillIdentity(bctx); err != nil {
		return err
	}
	if cfg.noMigration {
		return nil
	}
	mctx, cancel := context.WithTimeout(ctx, cfg.indexTimeout)
	defer cancel()
	moved, err := s.migrateCandidateIDs(mctx)
	s.moved = moved
	return err
}

// MovedCandidates returns how many candidates Open gave a random id in place of the one their
// natural key gave (stored by a build before random candidate ids; see the package
// documentation, Candidate ids).
func (s *Store) MovedCandidates() int { return s.moved }

// ensureAllIndexes creates the indexes of every collection but the change feed's (see
// CompactFeed), waiting at most timeout.
func (s *Store) ensureAllIndexes(ctx context.Context, timeout time.Duration, ferretDB bool) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for _, k := range xiaoqi.Kinds {
		indexes := []index{{name: "key", keys: bson.D{{Key: "key", Value: 1}}, unique: true}}
		if k == xiaoqi.KindCandidate {
			indexes = append(indexes, identityIndex)
		}
		for _, f := range xiaoqi.FilterFields[k] {
			// Equality on the filter, then _id: List pages in id order.
			indexes = append(indexes, index{name: "f." + f, keys: bson.D{{Key: "f." + f, Value: 1}, {Key: "_id", Value: 1}}})
		}
		if err := ensureIndexes(ctx, s.coll(k), indexes); err != nil {
			return fmt.Errorf("create indexes of %s: %w", k, err)
		}
	}
	for name, indexes := range accountIndexes() {
		if ferretDB {
			// FerretDB answers NotImplemented to expireAfterSeconds; PutSession purges.
			indexes = withoutTTL(indexes)
		}
		if err := ensureIndexes(ctx, s.db.Collection(name), indexes); err != nil {
			return fmt.Errorf("create indexes of %s: %w", name, err)
		}
	}
	return nil
}

// index describes an index of a collection.
type index struct {
	name   string
	keys   bson.D
	unique bool
	// ttl makes the server delete a document once the time in its (single) key field has
	// passed.
	ttl bool
}

// withoutTTL returns indexes with their TTL option dropped.
func withoutTTL(indexes []index) []index {
	out := make([]index, len(indexes))
	for i, ix := range indexes {
		ix.ttl = false
		out[i] = ix
	}
	return out
}

// ensureIndexes creates the indexes that coll lacks. It asks for the missing ones only:
// FerretDB drops the connection when asked for several indexes that exist already.
func ensureIndexes(ctx context.Context, coll *mongo.Collection, indexes []index) error {
	specs, err := coll.Indexes().ListSpecifications(ctx)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, spec := range specs {
		have[spec.Name] = true
	}
	var missing []mongo.IndexModel
	for _, ix := range indexes {
		if !have[ix.name] {
			o := options.Index().SetName(ix.name).SetUnique(ix.unique)
			if ix.ttl {
				o.SetExpireAfterSeconds(0)
			}
			missing = append(missing, mongo.IndexModel{Keys: ix.keys, Options: o})
		}
	}
	if len(missing) == 0 {
		return nil
	}
	_, err = coll.Indexes().CreateMany(ctx, missing)
	return err
}

// Close disconnects from the server.
func (s *Store) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.client.Disconnect(ctx); err != nil {
		return fmt.Errorf("mongodb: close: %w", err)
	}
	return nil
}

// coll returns the collection of one kind (its name in the plural: "jobs", "policies"), read
// as writers need (writerReads).
func (s *Store) coll(k xiaoqi.Kind) *mongo.Collection {
	return s.ownDB.Collection(collName(k))
}

// feedColl returns the collection of one kind read as followers need (feedReads).
func (s *Store) feedColl(k xiaoqi.Kind) *mongo.Collection {
	return s.feedDB.Collection(collName(k))
}

// view returns the collection of one kind read as the URI says, for Get, List and Count.
func (s *Store) view(k xiaoqi.Kind) *mongo.Collection {
	return s.db.Collection(collName(k))
}

func collName(k xiaoqi.Kind) string {
	if k == xiaoqi.KindPolicy {
		return "policies"
	}
	return string(k) + "s"
}

// checkKind returns EINVALID for an unknown kind.
func checkKind(k xiaoqi.Kind) error {
	if !k.Valid() {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "未知类型 %[1]q / unknown type %[1]q", k)
	}
	return nil
}

// redactURI returns uri without its password, for messages.
func redactURI(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.User == nil {
		if i := strings.LastIndex(uri, "@"); i >= 0 {
			if j := strings.Index(uri, "://"); j >= 0 && j < i {
				return uri[:j+3] + "xxxxx" + uri[i:]
			}
		}
		return uri
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// redact removes the password of uri from a message, in case an error quotes it.
func redact(msg, uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.User == nil {
		return msg
	}
	if p, ok := u.User.Password(); ok && p != "" {
		msg = strings.ReplaceAll(msg, p, "xxxxx")
		if esc := url.QueryEscape(p); esc != p {
			msg = strings.ReplaceAll(msg, esc, "xxxxx")
		}
	}
	return msg
}
