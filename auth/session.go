package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Session tokens are 32 random bytes in unpadded base64url: 43 cookie-safe characters.
const (
	tokenBytes = 32
	tokenLen   = 43
)

// newToken returns a new random session token.
func newToken() string {
	b := make([]byte, tokenBytes)
	rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// validToken reports whether token has the shape newToken gives, before any store lookup.
func validToken(token string) bool {
	if len(token) != tokenLen {
		return false
	}
	_, err := base64.RawURLEncoding.Strict().DecodeString(token)
	return err == nil
}

// SessionID returns the ID a session is stored under: the hex SHA-256 of its token. The token
// itself is never stored.
func SessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CSRFToken returns the CSRF token of a session: the hex HMAC-SHA256 of "csrf" keyed by the
// session token. It needs no storage, changes with every session, and cannot be computed
// without the cookie. It is "" for the empty token (no session).
func CSRFToken(token string) string {
	if token == "" {
		return ""
	}
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("csrf"))
	return hex.EncodeToString(m.Sum(nil))
}

// CheckCSRF reports, in constant time, whether csrf is the CSRF token of the session token.
// It is false when either is empty.
func CheckCSRF(token, csrf string) bool {
	if token == "" || csrf == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(CSRFToken(token)), []byte(csrf)) == 1
}

// errNoSession is the one answer for a missing, malformed, unknown or expired session, or one
// whose user is gone, disabled or changed since.
func errNoSession(cause string) error {
	return &xiaoqi.Error{Code: xiaoqi.EUNAUTHORIZED, Message: "未登录或登录已过期 / not signed in or session expired",
		Err: errors.New("auth: session: " + cause)}
}

// Logout ends the session of token. Ending a session that does not exist (or a malformed
// token) is not an error.
func (s *Service) Logout(ctx context.Context, token string) error {
	if !validToken(token) {
		return nil
	}
	if err := s.accounts.DeleteSession(ctx, SessionID(token)); err != nil {
		return fmt.Errorf("auth: logout: %w", err)
	}
	return nil
}

// SessionUser returns the user signed in with token. It is EUNAUTHORIZED when the token is
// malformed or unknown, the session has expired, or its user is gone, disabled, or was changed
// after the session began (see the package comment). Other errors come from the store.
func (s *Service) SessionUser(ctx context.Context, token string) (*xiaoqi.User, error) {
	if !validToken(token) {
		return nil, errNoSession("malformed token")
	}
	id := SessionID(token)
	sess, err := s.accounts.Session(ctx, id)
	if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
		return nil, errNoSession("unknown or expired")
	} else if err != nil {
		return nil, fmt.Errorf("auth: session: %w", err)
	}
	if !s.now().Before(sess.ExpiresAt) {
		return nil, errNoSession("expired")
	}
	u, err := s.accounts.User(ctx, sess.UserID)
	if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
		return nil, errNoSession("user " + sess.UserID + " is gone")
	} else if err != nil {
		return nil, fmt.Errorf("auth: session: %w", err)
	}
	if u.Disabled {
		return nil, errNoSession("user " + u.ID + " is disabled")
	}
	if sess.CreatedAt.Before(u.UpdatedAt) {
		return nil, errNoSession("user " + u.ID + " changed after sign-in")
	}
	return forRequest(u), nil
}
