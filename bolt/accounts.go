package bolt

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/xiaoqi-dev/xiaoqi"
)

var _ xiaoqi.Accounts = (*Store)(nil)

// Buckets of the accounts (see the layout in bolt.go). The API keys' buckets are named
// "apikeys", not "keys", so that they cannot be mistaken for the natural-key buckets keys:<kind>.
var (
	bucketUsers       = []byte("users")
	bucketUsernames   = []byte("usernames")
	bucketAPIKeys     = []byte("apikeys")
	bucketAPIKeysBy   = []byte("apikeysby")
	bucketSessions    = []byte("sessions")
	bucketSessionsExp = []byte("sessionsexp")
	bucketAudit       = []byte("audit")
	bucketAuditBy     = []byte("auditby")
	bucketImports     = []byte("imports")
	bucketImportRep   = []byte("importreports")
	bucketImportCSV   = []byte("importcsv")
)

// accountBuckets are created by Open when missing: files written before accounts existed
// gain them without a format change.
var accountBuckets = [][]byte{bucketUsers, bucketUsernames, bucketAPIKeys, bucketAPIKeysBy,
	bucketSessions, bucketSessionsExp, bucketAudit, bucketAuditBy, bucketImports, bucketImportRep, bucketImportCSV}

// userRecord, keyRecord and sessionRecord are the stored forms of the account types: the same
// fields, converted with a plain type conversion, with JSON names of the store's own, so that
// the API may change how it shows a user (or hide a hash) without changing the file. A field
// added to a domain type breaks the conversion at compile time, so it cannot be dropped silently.
type userRecord struct {
	ID            string      `json:"id"`
	Username      string      `json:"username"`
	Role          xiaoqi.Role `json:"role"`
	EnterpriseID  string      `json:"enterprise_id,omitempty"`
	InstitutionID string      `json:"institution_id,omitempty"`
	CandidateID   string      `json:"candidate_id,omitempty"`
	PasswordHash  string      `json:"password_hash,omitempty"`
	Disabled      bool        `json:"disabled,omitempty"`
	CreatedAt     time.Time   `json:"created_at"`
	UpdatedAt     time.Time   `json:"updated_at"`
}

type keyRecord struct {
	ID        string    `json:"id"`
	UserID    string    `json:"user_id"`
	Name      string    `json:"name,omitempty"`
	Hash      string    `json:"hash"`
	CreatedAt time.Time `json:"created_at"`
	RotatedAt time.Time `json:"rotated_at,omitzero"`
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	RevokedAt time.Time `json:"revoked_at,omitzero"`
}

type sessionRecord struct {
	ID        string    `json:"id"`
	UserID    string    `json:"user_id"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// CreateUser implements xiaoqi.Accounts.
func (s *Store) CreateUser(ctx context.Context, u *xiaoqi.User) error {
	if err := checkUser(u); err != nil {
		return err
	}
	return s.update(ctx, "create user", func(tx *bolt.Tx) error {
		if tx.Bucket(bucketUsers).Get([]byte(u.ID)) != nil {
			return &xiaoqi.Error{Code: xiaoqi.ECONFLICT, Message: fmt.Sprintf("用户 %s 已存在 / user %s exists already", u.ID, u.ID),
				Details: []xiaoqi.FieldError{{Field: "id", Message: "已被占用 / taken"}}}
		}
		if tx.Bucket(bucketUsernames).Get([]byte(u.Username)) != nil {
			return usernameTaken(u.Username)
		}
		return putUser(tx, u)
	})
}

// UpdateUser implements xiaoqi.Accounts.
func (s *Store) UpdateUser(ctx context.Context, u *xiaoqi.User) error {
	if err := checkUser(u); err != nil {
		return err
	}
	return s.update(ctx, "update user", func(tx *bolt.Tx) error {
		old, err := getUser(tx, []byte(u.ID))
		if err != nil {
			return err
		}
		if old.Username != u.Username {
			names := tx.Bucket(bucketUsernames)
			if names.Get([]byte(u.Username)) != nil {
				return usernameTaken(u.Username)
			}
			if err := names.Delete([]byte(old.Username)); err != nil {
				return err
			}
		}
		return putUser(tx, u)
	})
}

// User implements xiaoqi.Accounts.
func (s *Store) User(ctx context.Context, id string) (*xiaoqi.User, error) {
	var u *xiaoqi.User
	err := s.view(ctx, "get user", func(tx *bolt.Tx) (err error) {
		u, err = getUser(tx, []byte(id))
		return err
	})
	return u, err
}

// UserByName implements xiaoqi.Accounts.
func (s *Store) UserByName(ctx context.Context, username string) (*xiaoqi.User, error) {
	var u *xiaoqi.User
	err := s.view(ctx, "get user by name", func(tx *bolt.Tx) (err error) {
		id := tx.Bucket(bucketUsernames).Get([]byte(username))
		if id == nil {
			return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "用户名 %q 不存在 / no user named %q", username, username)
		}
		u, err = getUser(tx, id)
		return err
	})
	return u, err
}

// Users implements xiaoqi.Accounts: the usernames bucket is in username order.
func (s *Store) Users(ctx context.Context) ([]*xiaoqi.User, error) {
	users := []*xiaoqi.User{}
	err := s.view(ctx, "list users", func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsernames).ForEach(func(_, id []byte) error {
			u, err := getUser(tx, id)
			if err != nil {
				return err
			}
			users = append(users, u)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return users, nil
}

// DeleteUser implements xiaoqi.Accounts: the user, its keys and its sessions go in one
// transaction.
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	return s.update(ctx, "delete user", func(tx *bolt.Tx) error {
		u, err := getUser(tx, []byte(id))
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketUsers).Delete([]byte(id)); err != nil {
			return err
		}
		if err := tx.Bucket(bucketUsernames).Delete([]byte(u.Username)); err != nil {
			return err
		}
		keys, by := tx.Bucket(bucketAPIKeys), tx.Bucket(bucketAPIKeysBy)
		prefix := keysByPrefix(id)
		var entries [][]byte
		c := by.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			entries = append(entries, k)
		}
		for _, k := range entries {
			if err := keys.Delete(k[len(prefix):]); err != nil {
				return err
			}
			if err := by.Delete(k); err != nil {
				return err
			}
		}
		// Sessions are few per user and a user is rarely deleted: a scan beats another index.
		var ended []*sessionRecord
		err = tx.Bucket(bucketSessions).ForEach(func(_, data []byte) error {
			r, err := decodeSession(data)
			if err == nil && r.UserID == id {
				ended = append(ended, r)
			}
			return err
		})
		if err != nil {
			return err
		}
		for _, r := range ended {
			if err := deleteSession(tx, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// PutKey implements xiaoqi.Accounts. The user must exist (ENOTFOUND), and a stored key keeps
// its user (ECONFLICT).
func (s *Store) PutKey(ctx context.Context, k *xiaoqi.APIKey) error {
	if err := k.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "put key", func(tx *bolt.Tx) error {
		if tx.Bucket(bucketUsers).Get([]byte(k.UserID)) == nil {
			return userNotFound(k.UserID)
		}
		keys := tx.Bucket(bucketAPIKeys)
		if data := keys.Get([]byte(k.ID)); data != nil {
			old, err := decodeKey(data)
			if err != nil {
				return err
			}
			if old.UserID != k.UserID {
				return &xiaoqi.Error{Code: xiaoqi.ECONFLICT, Message: fmt.Sprintf("密钥 %s 属于另一个用户 / key %s belongs to another user", k.ID, k.ID),
					Details: []xiaoqi.FieldError{{Field: "user_id", Message: "与已存密钥不符 / differs from the stored key's"}}}
			}
		}
		data, err := json.Marshal(keyRecord(*k))
		if err != nil {
			return fmt.Errorf("encode key %s: %w", k.ID, err)
		}
		if err := keys.Put([]byte(k.ID), data); err != nil {
			return err
		}
		return tx.Bucket(bucketAPIKeysBy).Put(append(keysByPrefix(k.UserID), k.ID...), nil)
	})
}

// Key implements xiaoqi.Accounts.
func (s *Store) Key(ctx context.Context, id string) (*xiaoqi.APIKey, error) {
	var k *xiaoqi.APIKey
	err := s.view(ctx, "get key", func(tx *bolt.Tx) error {
		data := tx.Bucket(bucketAPIKeys).Get([]byte(id))
		if data == nil {
			return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "密钥 %s 不存在 / key %s not found", id, id)
		}
		r, err := decodeKey(data)
		if err != nil {
			return err
		}
		k = (*xiaoqi.APIKey)(r)
		return nil
	})
	return k, err
}

// Keys implements xiaoqi.Accounts: apikeysby holds a user's key IDs in ID order.
func (s *Store) Keys(ctx context.Context, userID string) ([]*xiaoqi.APIKey, error) {
	out := []*xiaoqi.APIKey{}
	err := s.view(ctx, "list keys", func(tx *bolt.Tx) error {
		keys := tx.Bucket(bucketAPIKeys)
		prefix := keysByPrefix(userID)
		c := tx.Bucket(bucketAPIKeysBy).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			data := keys.Get(k[len(prefix):])
			if data == nil {
				return fmt.Errorf("apikeysby names key %q, which is missing", k[len(prefix):])
			}
			r, err := decodeKey(data)
			if err != nil {
				return err
			}
			out = append(out, (*xiaoqi.APIKey)(r))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// PutSession implements xiaoqi.Accounts. The user must exist (ENOTFOUND). In the same
// transaction it removes every session that has expired, found in expiry order through
// sessionsexp, so that the bucket holds live sessions only and the purge reads no more than
// it removes.
func (s *Store) PutSession(ctx context.Context, sess *xiaoqi.Session) error {
	if err := sess.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "put session", func(tx *bolt.Tx) error {
		if tx.Bucket(bucketUsers).Get([]byte(sess.UserID)) == nil {
			return userNotFound(sess.UserID)
		}
		if err := purgeSessions(tx, time.Now()); err != nil {
			return err
		}
		sessions := tx.Bucket(bucketSessions)
		if data := sessions.Get([]byte(sess.ID)); data != nil {
			old, err := decodeSession(data)
			if err != nil {
				return err
			}
			if err := deleteSession(tx, old); err != nil {
				return err
			}
		}
		r := sessionRecord(*sess)
		data, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("encode session: %w", err)
		}
		if err := sessions.Put([]byte(sess.ID), data); err != nil {
			return err
		}
		return tx.Bucket(bucketSessionsExp).Put(expiryKey(&r), nil)
	})
}

// Session implements xiaoqi.Accounts.
func (s *Store) Session(ctx context.Context, id string) (*xiaoqi.Session, error) {
	var sess *xiaoqi.Session
	err := s.view(ctx, "get session", func(tx *bolt.Tx) error {
		data := tx.Bucket(bucketSessions).Get([]byte(id))
		if data == nil {
			return sessionNotFound()
		}
		r, err := decodeSession(data)
		if err != nil {
			return err
		}
		if !time.Now().Before(r.ExpiresAt) {
			return sessionNotFound()
		}
		sess = (*xiaoqi.Session)(r)
		return nil
	})
	return sess, err
}

// DeleteSession implements xiaoqi.Accounts.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return s.update(ctx, "delete session", func(tx *bolt.Tx) error {
		data := tx.Bucket(bucketSessions).Get([]byte(id))
		if data == nil {
			return nil
		}
		r, err := decodeSession(data)
		if err != nil {
			return err
		}
		return deleteSession(tx, r)
	})
}

// purgeSessions removes the sessions that expired at or before now.
func purgeSessions(tx *bolt.Tx, now time.Time) error {
	limit := u64(unixNano(now))
	var expired [][]byte
	c := tx.Bucket(bucketSessionsExp).Cursor()
	for k, _ := c.First(); len(k) >= 8 && bytes.Compare(k[:8], limit) <= 0; k, _ = c.Next() {
		expired = append(expired, k)
	}
	sessions, exp := tx.Bucket(bucketSessions), tx.Bucket(bucketSessionsExp)
	for _, k := range expired {
		if err := sessions.Delete(k[8:]); err != nil {
			return err
		}
		if err := exp.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// deleteSession removes a stored session and its expiry entry.
func deleteSession(tx *bolt.Tx, r *sessionRecord) error {
	if err := tx.Bucket(bucketSessions).Delete([]byte(r.ID)); err != nil {
		return err
	}
	return tx.Bucket(bucketSessionsExp).Delete(expiryKey(r))
}

// expiryKey is a session's key in sessionsexp: expiry in Unix nanoseconds (big-endian, so
// that keys sort by time), then the session ID.
func expiryKey(r *sessionRecord) []byte {
	return append(u64(unixNano(r.ExpiresAt)), r.ID...)
}

// unixNano is t in Unix nanoseconds, clamped to the range that UnixNano can tell.
func unixNano(t time.Time) uint64 {
	switch {
	case t.Before(time.Unix(0, 0)):
		return 0
	case t.Year() >= 2262:
		return math.MaxInt64
	}
	return uint64(t.UnixNano())
}

func getUser(tx *bolt.Tx, id []byte) (*xiaoqi.User, error) {
	data := tx.Bucket(bucketUsers).Get(id)
	if data == nil {
		return nil, userNotFound(string(id))
	}
	var r userRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("decode user %s: %w", id, err)
	}
	u := xiaoqi.User(r)
	return &u, nil
}

func putUser(tx *bolt.Tx, u *xiaoqi.User) error {
	data, err := json.Marshal(userRecord(*u))
	if err != nil {
		return fmt.Errorf("encode user %s: %w", u.ID, err)
	}
	if err := tx.Bucket(bucketUsers).Put([]byte(u.ID), data); err != nil {
		return err
	}
	return tx.Bucket(bucketUsernames).Put([]byte(u.Username), []byte(u.ID))
}

func decodeKey(data []byte) (*keyRecord, error) {
	var r keyRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("decode key: %w", err)
	}
	return &r, nil
}

func decodeSession(data []byte) (*sessionRecord, error) {
	var r sessionRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("decode session: %w", err)
	}
	return &r, nil
}

// keysByPrefix is the prefix of a user's entries in apikeysby. IDs never hold NUL (their
// Validate refuses it), so one user's prefix is never another's.
func keysByPrefix(userID string) []byte { return append([]byte(userID), 0) }

// checkUser validates a user (xiaoqi.User.Validate also refuses NUL in its ID, like every ID
// the accounts key by).
func checkUser(u *xiaoqi.User) error { return u.Validate() }

func userNotFound(id string) error {
	return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "用户 %s 不存在 / user %s not found", id, id)
}

func sessionNotFound() error {
	return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "会话不存在或已过期 / session not found or expired")
}

func usernameTaken(name string) error {
	return &xiaoqi.Error{Code: xiaoqi.ECONFLICT, Message: fmt.Sprintf("用户名 %q 已被占用 / username %q is taken", name, name),
		Details: []xiaoqi.FieldError{{Field: "username", Message: "已被占用 / taken"}}}
}

// readSeq decodes a big-endian sequence number from the end of key.
func readSeq(key []byte) uint64 {
	if len(key) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64(key[len(key)-8:])
}
