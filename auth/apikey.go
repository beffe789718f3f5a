package auth

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xiaoqi-dev/xiaoqi"
)

// maxKeyNameChars bounds the label of a key.
const maxKeyNameChars = 64

// cachedKey is what a full key verified against: its key ID and the stored Hash at the time.
// A later rotation changes the Hash, so the entry stops matching on every node at once.
type cachedKey struct {
	id, hash string
}

// errKey is the one answer for a key that does not authenticate.
func errKey(cause string) error {
	return &xiaoqi.Error{Code: xiaoqi.EUNAUTHORIZED, Message: "API 密钥无效 / invalid API key",
		Err: errors.New("auth: api key: " + cause)}
}

// CreateKey makes a new API key for a user. It returns the whole key, xq_<id>_<secret>, which
// is shown once and never again (only an argon2id hash of the secret is stored), and the stored
// key. name is a label (at most 64 characters); a zero expires means the key does not expire.
// Errors: ENOTFOUND for an unknown user, EINVALID naming "name" or "expires_at".
func (s *Service) CreateKey(ctx context.Context, userID, name string, expires time.Time) (key string, k *xiaoqi.APIKey, err error) {
	now := s.now()
	// A control character (accepted: "a\u0000b") breaks the lists and terminals that show it.
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > maxKeyNameChars || strings.ContainsFunc(name, unicode.IsControl) {
		return "", nil, invalid("name", fmt.Sprintf("须为最多 %[1]d 个字符的有效文本，不含控制字符 / must be valid text of at most %[1]d characters, without control characters", maxKeyNameChars))
	}
	if !expires.IsZero() && !expires.After(now) {
		return "", nil, invalid("expires_at", "必须晚于当前时间 / must be in the future")
	}
	if _, err := s.accounts.User(ctx, userID); err != nil {
		return "", nil, fmt.Errorf("auth: create key for %s: %w", userID, err)
	}
	id, err := s.freeKeyID(ctx)
	if err != nil {
		return "", nil, err
	}
	secret := newKeySecret()
	h, err := s.hash(secret)
	if err != nil {
		return "", nil, err
	}
	k = &xiaoqi.APIKey{ID: id, UserID: userID, Name: name, Hash: h, CreatedAt: now, ExpiresAt: expires}
	if err := s.accounts.PutKey(ctx, k); err != nil {
		return "", nil, fmt.Errorf("auth: create key %s: %w", id, err)
	}
	return FormatKey(id, secret), k, nil
}

// freeKeyID returns a random key ID not in the store. (PutKey overwrites, so a collision of
// 62-bit IDs, however unlikely, must not replace someone's key.)
func (s *Service) freeKeyID(ctx context.Context) (string, error) {
	for range 5 {
		id := newKeyID()
		_, err := s.accounts.Key(ctx, id)
		if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
			return id, nil
		} else if err != nil {
			return "", fmt.Errorf("auth: create key: %w", err)
		}
	}
	return "", errors.New("auth: create key: no free key ID after 5 tries")
}

// RotateKey gives a key a new secret: the old one stops working at once, on every node (its
// cached verification no longer matches the stored hash). It returns the new whole key, shown
// once, and the stored key with RotatedAt set. Errors: ENOTFOUND for an unknown key, ECONFLICT
// for a revoked or expired key.
func (s *Service) RotateKey(ctx context.Context, keyID string) (key string, k *xiaoqi.APIKey, err error) {
	k, err = s.accounts.Key(ctx, keyID)
	if err != nil {
		return "", nil, fmt.Errorf("auth: rotate key %s: %w", keyID, err)
	}
	now := s.now()
	if !k.Active(now) {
		return "", nil, &xiaoqi.Error{Code: xiaoqi.ECONFLICT, Message: "密钥已吊销或已过期，不能轮换 / key is revoked or expired and cannot be rotated"}
	}
	secret := newKeySecret()
	if k.Hash, err = s.hash(secret); err != nil {
		return "", nil, err
	}
	k.RotatedAt = now
	if err := s.accounts.PutKey(ctx, k); err != nil {
		return "", nil, fmt.Errorf("auth: rotate key %s: %w", keyID, err)
	}
	return FormatKey(k.ID, secret), k, nil
}

// RevokeKey ends a key for good, at once on every node. Revoking a revoked key keeps its first
// RevokedAt and is not an error. ENOTFOUND for an unknown key.
func (s *Service) RevokeKey(ctx context.Context, keyID string) error {
	k, err := s.accounts.Key(ctx, keyID)
	if err != nil {
		return fmt.Errorf("auth: revoke key %s: %w", keyID, err)
	}
	if !k.RevokedAt.IsZero() {
		return nil
	}
	k.RevokedAt = s.now()
	if err := s.accounts.PutKey(ctx, k); err != nil {
		return fmt.Errorf("auth: revoke key %s: %w", keyID, err)
	}
	return nil
}

// KeyUser authenticates a whole API key (the Bearer value) and returns its user (without the
// password hash) and the key. It is EUNAUTHORIZED for a malformed, unknown, revoked or expired
// key, a wrong secret, and a user who is gone or disabled; other errors come from the store.
//
// argon2id on every request would cost tens of milliseconds each, so the service remembers, in a
// bounded cache, the SHA-256 of keys that verified together with the stored hash they verified
// against. A remembered key still loads its key and user from the store on every request, so
// revocation, expiry and disabling take effect at once, also when done by another node; only
// the argon2id step is skipped, and only while the stored hash is the one remembered.
func (s *Service) KeyUser(ctx context.Context, key string) (*xiaoqi.User, *xiaoqi.APIKey, error) {
	id, secret, err := ParseKey(key)
	if err != nil {
		return nil, nil, errKey("malformed")
	}
	k, err := s.accounts.Key(ctx, id)
	if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
		return nil, nil, errKey("unknown key " + id)
	} else if err != nil {
		return nil, nil, fmt.Errorf("auth: api key %s: %w", id, err)
	}
	now := s.now()
	switch {
	case !k.RevokedAt.IsZero():
		return nil, nil, errKey("key " + id + " is revoked")
	case !k.Active(now):
		return nil, nil, errKey("key " + id + " expired")
	}
	sum := sha256.Sum256([]byte(key))
	digest := string(sum[:])
	s.keyMu.Lock()
	c, hit := s.keyCache.get(digest)
	s.keyMu.Unlock()
	if !hit || c.id != k.ID || c.hash != k.Hash {
		if err := ctx.Err(); err != nil {
			return nil, nil, cancelled("api key", err)
		}
		ok, err := VerifySecret(k.Hash, secret)
		if err != nil {
			return nil, nil, errKey("stored hash of key " + id + ": " + err.Error())
		}
		s.keyMu.Lock()
		if ok {
			s.keyCache.put(digest, cachedKey{id: k.ID, hash: k.Hash})
		} else {
			s.keyCache.remove(digest)
		}
		s.keyMu.Unlock()
		if !ok {
			return nil, nil, errKey("wrong secret for key " + id)
		}
	}
	u, err := s.accounts.User(ctx, k.UserID)
	if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
		return nil, nil, errKey("user " + k.UserID + " of key " + id + " is gone")
	} else if err != nil {
		return nil, nil, fmt.Errorf("auth: api key %s: %w", id, err)
	}
	if u.Disabled {
		return nil, nil, errKey("user " + u.ID + " of key " + id + " is disabled")
	}
	return forRequest(u), k, nil
}

// invalid returns EINVALID naming one field.
func invalid(field, msg string) error {
	zh, en := xiaoqi.Halves(msg)
	return &xiaoqi.Error{Code: xiaoqi.EINVALID, Message: "参数无效：" + field + " " + zh + " / invalid " + field + ": " + en,
		Details: []xiaoqi.FieldError{{Field: field, Message: msg}}}
}
