package mongodb

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
)

// auditCounter is the document of the counters collection that numbers audit entries.
const auditCounter = "audit"

// maxAuditAttempts bounds the numbers an append tries. Each round of contending appends has
// one winner, so a loser tries again at most about as often as there are contenders.
const maxAuditAttempts = 100

// AppendAudit implements xiaoqi.Accounts. The ID is the next value of the audit counter
// ($inc), in 16 decimal digits like bolt's, so that string order is number order, and the
// insert is keyed by it: a number taken already fails the insert, and the append raises the
// counter past the highest entry and takes another.
//
// FerretDB's $inc is not atomic: it can hand one number to two appends, and an update lost to
// a concurrent one can even move the counter back, below an entry already appended. There a
// process appends one entry at a time and never goes below the last number it used, so that
// in one process an append that starts after another has returned gets a greater ID; across
// processes FerretDB guarantees only distinct IDs. (FerretDB is the test server.)
func (s *Store) AppendAudit(ctx context.Context, e *xiaoqi.AuditEntry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	entry := *e
	if entry.Time.IsZero() {
		// What the server keeps: milliseconds.
		entry.Time = s.now().UTC().Truncate(time.Millisecond)
	}
	if !s.casUpdates {
		s.audit.mu.Lock()
		defer s.audit.mu.Unlock()
	}
	audit := s.db.Collection(auditCollection)
	for attempt := 0; ; attempt++ {
		if attempt == maxAuditAttempts {
			return fmt.Errorf("mongodb: append audit: numbers still taken after %d attempts", attempt)
		}
		if attempt > 0 {
			if err := backoff(ctx, attempt); err != nil {
				return err
			}
			if err := s.catchUpAuditCounter(ctx); err != nil {
				return err
			}
		}
		var c counter
		err := s.counters.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: auditCounter}},
			bson.D{{Key: "$inc", Value: bson.D{{Key: "seq", Value: int64(1)}}}},
			options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After),
		).Decode(&c)
		if err != nil {
			return translate("number audit entry", err)
		}
		seq := c.Seq
		if !s.casUpdates {
			seq = max(seq, s.audit.last+1)
		}
		entry.ID = auditID(seq)
		_, err = audit.InsertOne(ctx, &entry)
		if isDuplicateKey(err) {
			continue
		} else if err != nil {
			return translate("append audit", err)
		}
		if !s.casUpdates {
			s.audit.last = seq
		}
		*e = entry
		return nil
	}
}

// auditState serialises the appends of a process on a server whose updates are not atomic
// (see AppendAudit).
type auditState struct {
	mu   sync.Mutex
	last int64 // the last number this process appended, guarded by mu
}

// catchUpAuditCounter raises the audit counter to the highest entry's number.
func (s *Store) catchUpAuditCounter(ctx context.Context) error {
	top, err := s.lastAuditSeq(ctx)
	if err != nil || top == 0 {
		return err
	}
	_, err = s.counters.UpdateOne(ctx, bson.D{{Key: "_id", Value: auditCounter}},
		bson.D{{Key: "$max", Value: bson.D{{Key: "seq", Value: top}}}})
	return translate("raise the audit counter", err)
}

// lastAuditSeq returns the number of the highest audit entry, 0 when there is none.
func (s *Store) lastAuditSeq(ctx context.Context) (int64, error) {
	var top struct {
		ID string `bson:"_id"`
	}
	err := s.db.Collection(auditCollection).FindOne(ctx, bson.D{},
		options.FindOne().SetSort(bson.D{{Key: "_id", Value: -1}}).SetProjection(bson.D{{Key: "_id", Value: 1}}),
	).Decode(&top)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, nil
	} else if err != nil {
		return 0, translate("read the last audit entry", err)
	}
	seq, err := strconv.ParseInt(top.ID, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("mongodb: audit entry with ID %q: %w", top.ID, err)
	}
	return seq, nil
}

// Audit implements xiaoqi.Accounts. The filter holds only the filter's strings, as values
// of fixed fields; After must be an entry ID.
func (s *Store) Audit(ctx context.Context, f xiaoqi.AuditFilter) ([]xiaoqi.AuditEntry, string, error) {
	if err := checkAuditID(f.After); err != nil {
		return nil, "", err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = xiaoqi.DefaultListLimit
	}
	limit = min(limit, xiaoqi.MaxListLimit)
	filter := bson.D{}
	if f.SubjectID != "" {
		filter = append(filter, bson.E{Key: "subject_id", Value: f.SubjectID})
	}
	if f.ActorID != "" {
		filter = append(filter, bson.E{Key: "actor_id", Value: f.ActorID})
	}
	op, order := "$gt", 1
	if f.Newest {
		op, order = "$lt", -1
	}
	if f.After != "" {
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: op, Value: f.After}}})
	}
	// One more than the page tells whether there is a next page.
	cur, err := s.db.Collection(auditCollection).Find(ctx, filter, options.Find().
		SetSort(bson.D{{Key: "_id", Value: order}}).SetLimit(int64(limit+1)).SetBatchSize(int32(limit+1)))
	if err != nil {
		return nil, "", translate("read audit", err)
	}
	entries := []xiaoqi.AuditEntry{}
	if err := cur.All(ctx, &entries); err != nil {
		return nil, "", translate("read audit", err)
	}
	if len(entries) > limit {
		return entries[:limit], entries[limit-1].ID, nil
	}
	return entries, "", nil
}

// RedactAudit implements xiaoqi.Accounts with one update of every entry about subjectID.
func (s *Store) RedactAudit(ctx context.Context, subjectID string) (int, error) {
	if subjectID == "" || subjectID == xiaoqi.ErasedSubject {
		return 0, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: fmt.Sprintf("无效的主体 %q / invalid subject %q", subjectID, subjectID),
			Details: []xiaoqi.FieldError{{Field: "subject_id", Message: "必须指定主体 / must name a subject"}}}
	}
	res, err := s.db.Collection(auditCollection).UpdateMany(ctx, bson.D{{Key: "subject_id", Value: subjectID}},
		bson.D{
			{Key: "$set", Value: bson.D{{Key: "subject_id", Value: xiaoqi.ErasedSubject}}},
			{Key: "$unset", Value: bson.D{{Key: "reason", Value: ""}}},
		})
	if err != nil {
		return 0, translate("redact audit", err)
	}
	return int(res.ModifiedCount), nil
}

// auditID is the ID of audit entry number seq: 16 decimal digits.
func auditID(seq int64) string { return fmt.Sprintf("%016d", seq) }

// checkAuditID returns EINVALID naming "after" unless id is "" or an entry ID.
func checkAuditID(id string) error {
	if id == "" {
		return nil
	}
	if _, err := strconv.ParseUint(id, 10, 64); len(id) != 16 || err != nil {
		return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: fmt.Sprintf("无效的游标 %q / invalid cursor %q", id, id),
			Details: []xiaoqi.FieldError{{Field: "after", Message: "必须是审计记录编号（16 位数字） / must be an audit entry ID (16 digits)"}}}
	}
	return nil
}
