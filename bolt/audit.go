package bolt

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
)

// auditRecord is the stored form of an audit entry; its ID is the key.
type auditRecord struct {
	ID                string      `json:"-"`
	Time              time.Time   `json:"time"`
	Action            string      `json:"action"`
	ActorID           string      `json:"actor_id,omitempty"`
	ActorRole         xiaoqi.Role `json:"actor_role,omitempty"`
	ActorEnterpriseID string      `json:"actor_enterprise_id,omitempty"`
	SubjectID         string      `json:"subject_id"`
	Reason            string      `json:"reason,omitempty"`
	Fields            []string    `json:"fields,omitempty"`
	ErasedKey         string      `json:"erased_key,omitempty"`
	ErasedIdentity    []string    `json:"erased_identity,omitempty"`
}

// AppendAudit implements xiaoqi.Accounts. The ID is the audit bucket's next sequence, taken
// inside the write transaction, so IDs increase in the order appends commit.
func (s *Store) AppendAudit(ctx context.Context, e *xiaoqi.AuditEntry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	r := auditRecord(*e)
	if r.Time.IsZero() {
		r.Time = time.Now().UTC()
	}
	err := s.update(ctx, "append audit", func(tx *bolt.Tx) error {
		audit := tx.Bucket(bucketAudit)
		seq, err := audit.NextSequence()
		if err != nil {
			return err
		}
		r.ID = auditID(seq)
		data, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("encode audit entry: %w", err)
		}
		if err := audit.Put(u64(seq), data); err != nil {
			return err
		}
		return tx.Bucket(bucketAuditBy).Put(auditByKey(r.SubjectID, seq), nil)
	})
	if err != nil {
		return err
	}
	*e = xiaoqi.AuditEntry(r)
	return nil
}

// Audit implements xiaoqi.Accounts. A subject's entries are found through auditby; an actor
// alone is matched by reading the log from After on.
func (s *Store) Audit(ctx context.Context, f xiaoqi.AuditFilter) ([]xiaoqi.AuditEntry, string, error) {
	after, err := parseAuditID(f.After)
	if err != nil {
		return nil, "", err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = xiaoqi.DefaultListLimit
	}
	limit = min(limit, xiaoqi.MaxListLimit)
	var (
		out  = []xiaoqi.AuditEntry{}
		next string
	)
	err = s.view(ctx, "read audit", func(tx *bolt.Tx) error {
		audit := tx.Bucket(bucketAudit)
		// visit is called with entries in the order asked for; it reports whether to go on.
		visit := func(seq uint64, data []byte) (bool, error) {
			if err := ctx.Err(); err != nil {
				return false, err
			}
			r, err := decodeAudit(seq, data)
			if err != nil {
				return false, err
			}
			if (f.ActorID != "" && r.ActorID != f.ActorID) || (f.SubjectID != "" && r.SubjectID != f.SubjectID) {
				return true, nil
			}
			if len(out) == limit {
				// One more match: the page is full and not the last.
				next = out[limit-1].ID
				return false, nil
			}
			out = append(out, xiaoqi.AuditEntry(*r))
			return true, nil
		}
		// first and step walk the keys from the one after After, in the order asked for.
		first := func(c *bolt.Cursor, from, to []byte) ([]byte, []byte) { return c.Seek(from) }
		step := (*bolt.Cursor).Next
		from := func(prefix []byte) []byte { return append(prefix, u64(after+1)...) }
		if f.Newest {
			// Back from the last key before After (from the end without After).
			first = func(c *bolt.Cursor, from, to []byte) ([]byte, []byte) {
				if k, _ := c.Seek(to); k == nil {
					return c.Last()
				}
				return c.Prev()
			}
			step = (*bolt.Cursor).Prev
		}
		to := func(prefix []byte) []byte {
			if after == 0 {
				return append(prefix, u64(math.MaxUint64)...)
			}
			return append(prefix, u64(after)...)
		}
		if f.SubjectID == "" {
			c := audit.Cursor()
			for k, data := first(c, from(nil), to(nil)); k != nil; k, data = step(c) {
				if more, err := visit(readSeq(k), data); err != nil || !more {
					return err
				}
			}
			return nil
		}
		prefix := auditByKey(f.SubjectID, 0)
		prefix = prefix[:len(prefix)-8]
		c := tx.Bucket(bucketAuditBy).Cursor()
		for k, _ := first(c, from(slices.Clone(prefix)), to(slices.Clone(prefix))); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = step(c) {
			seq := readSeq(k)
			data := audit.Get(u64(seq))
			if data == nil {
				return fmt.Errorf("auditby names entry %d, which is missing", seq)
			}
			if more, err := visit(seq, data); err != nil || !more {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return out, next, nil
}

// RedactAudit implements xiaoqi.Accounts, in one transaction: the entries about subjectID
// name ErasedSubject and lose their reason, and auditby files them under ErasedSubject.
func (s *Store) RedactAudit(ctx context.Context, subjectID string) (int, error) {
	if err := checkRedactSubject(subjectID); err != nil {
		return 0, err
	}
	n := 0
	err := s.update(ctx, "redact audit", func(tx *bolt.Tx) error {
		var err error
		n, err = moveAuditSubject(tx, subjectID, xiaoqi.ErasedSubject, func(r *auditRecord) { r.Reason = "" })
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// checkRedactSubject refuses to redact no subject, or the erased one.
func checkRedactSubject(subjectID string) error {
	if subjectID == "" || subjectID == xiaoqi.ErasedSubject {
		return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: fmt.Sprintf("无效的主体 %q / invalid subject %q", subjectID, subjectID),
			Details: []xiaoqi.FieldError{{Field: "subject_id", Message: "必须指定主体 / must name a subject"}}}
	}
	return nil
}

// auditID is the ID of the entry with sequence seq: 16 decimal digits, so that string order
// is append order.
func auditID(seq uint64) string { return fmt.Sprintf("%016d", seq) }

// parseAuditID returns the sequence of an entry ID, 0 for "", and EINVALID naming "after"
// for anything that is not an ID.
func parseAuditID(id string) (uint64, error) {
	if id == "" {
		return 0, nil
	}
	seq, err := strconv.ParseUint(id, 10, 64)
	if len(id) != 16 || err != nil {
		return 0, &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: fmt.Sprintf("无效的游标 %q / invalid cursor %q", id, id),
			Details: []xiaoqi.FieldError{{Field: "after", Message: "必须是审计记录编号（16 位数字） / must be an audit entry ID (16 digits)"}}}
	}
	return seq, nil
}

// auditByKey is an entry's key in auditby: subject, NUL, big-endian seq.
// moveAuditSubject files every audit entry about subject from under subject to, editing each
// with edit (nil: none), and returns how many it moved: a candidate's entries redacted on
// erasure, or following the candidate to a new id (migrateCandidateIDs).
func moveAuditSubject(tx *bolt.Tx, from, to string, edit func(*auditRecord)) (int, error) {
	audit, by := tx.Bucket(bucketAudit), tx.Bucket(bucketAuditBy)
	prefix := append([]byte(from), 0)
	var seqs []uint64
	c := by.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Next() {
		seqs = append(seqs, readSeq(k))
	}
	for _, seq := range seqs {
		r, err := decodeAudit(seq, audit.Get(u64(seq)))
		if err != nil {
			return 0, err
		}
		r.SubjectID = to
		if edit != nil {
			edit(r)
		}
		data, err := json.Marshal(r)
		if err != nil {
			return 0, fmt.Errorf("encode audit entry %d: %w", seq, err)
		}
		if err := audit.Put(u64(seq), data); err != nil {
			return 0, err
		}
		if err := by.Delete(auditByKey(from, seq)); err != nil {
			return 0, err
		}
		if err := by.Put(auditByKey(to, seq), nil); err != nil {
			return 0, err
		}
	}
	return len(seqs), nil
}

func auditByKey(subjectID string, seq uint64) []byte {
	return append(append([]byte(subjectID), 0), u64(seq)...)
}

func decodeAudit(seq uint64, data []byte) (*auditRecord, error) {
	var r auditRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("decode audit entry %d: %w", seq, err)
	}
	r.ID = auditID(seq)
	return &r, nil
}
