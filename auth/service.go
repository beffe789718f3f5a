package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Defaults of Options.
const (
	// DefaultSessionTTL is how long a browser session lasts.
	DefaultSessionTTL = 12 * time.Hour
	// DefaultKeyCacheSize is how many verified API keys a Service remembers.
	DefaultKeyCacheSize = 10_000
	// maxUsernameBytes bounds a username looked up at sign-in (User.Validate allows 64 runes).
	maxUsernameBytes = 256
)

// Options configure a Service. The zero value is the production configuration.
type Options struct {
	// Params are the argon2id parameters of new password and key hashes; zero means
	// DefaultParams. Tests use TestParams.
	Params Params
	// SessionTTL is how long a session lasts after sign-in; zero means DefaultSessionTTL.
	SessionTTL time.Duration
	// Now is the clock; nil means time.Now. Tests inject one to expire sessions and keys.
	Now func() time.Time
	// KeyCacheSize bounds the cache of verified API keys (see KeyUser); zero means
	// DefaultKeyCacheSize.
	KeyCacheSize int
}

// Service signs users in and out, checks sessions and API keys, and manages passwords and
// keys, over an xiaoqi.Accounts store. It is safe for concurrent use; its only state is caches,
// so any number of nodes can run one over the same store.
type Service struct {
	accounts xiaoqi.Accounts
	params   Params
	ttl      time.Duration
	now      func() time.Time

	// dummyHash is verified against when a sign-in names no usable account, so that failure
	// costs the same time as a wrong password. Made on first use.
	dummyOnce sync.Once
	dummyHash string

	keyMu    sync.Mutex
	keyCache *lru[cachedKey] // sha256 of the full key → what it verified against
}

// New returns a Service over a.
func New(a xiaoqi.Accounts, o Options) *Service {
	s := &Service{accounts: a, params: o.Params, ttl: o.SessionTTL, now: o.Now}
	if s.params == (Params{}) {
		s.params = DefaultParams
	}
	if s.ttl <= 0 {
		s.ttl = DefaultSessionTTL
	}
	if s.now == nil {
		s.now = time.Now
	}
	size := o.KeyCacheSize
	if size <= 0 {
		size = DefaultKeyCacheSize
	}
	s.keyCache = newLRU[cachedKey](size)
	return s
}

// forRequest returns a copy of u without its password hash, for authorising a request.
func forRequest(u *xiaoqi.User) *xiaoqi.User {
	c := *u
	c.PasswordHash = ""
	return &c
}

// hash hashes a secret with the service's parameters.
func (s *Service) hash(secret string) (string, error) {
	h, err := HashSecret(secret, s.params)
	if err != nil {
		return "", fmt.Errorf("auth: hash: %w", err)
	}
	return h, nil
}

// AddUser stores a new user. It sets u.ID to "u_" and 16 random characters when empty, and
// CreatedAt and UpdatedAt to now. An empty password makes an account that signs in with API
// keys only; any other password must pass CheckPassword and is stored as an argon2id hash (a
// PasswordHash the caller set is ignored). Errors: EINVALID naming the field, ECONFLICT when
// the username is taken. On success u is what was stored, PasswordHash included.
func (s *Service) AddUser(ctx context.Context, u *xiaoqi.User, password string) error {
	if u.ID == "" {
		u.ID = newUserID()
	}
	now := s.now()
	u.CreatedAt, u.UpdatedAt = now, now
	u.PasswordHash = ""
	if err := u.Validate(); err != nil {
		return err
	}
	if password != "" {
		if err := CheckPassword(password, u.Username); err != nil {
			return err
		}
		h, err := s.hash(password)
		if err != nil {
			return err
		}
		u.PasswordHash = h
	}
	if err := s.accounts.CreateUser(ctx, u); err != nil {
		return fmt.Errorf("auth: add user %s: %w", u.ID, err)
	}
	return nil
}

// SetPassword replaces a user's password ("" removes it: keys only) and bumps UpdatedAt, which
// ends every session the user has (see the package comment); the caller signs the user in again
// if it wants them to stay. Errors: EINVALID naming "password", ENOTFOUND for an unknown user.
func (s *Service) SetPassword(ctx context.Context, userID, password string) error {
	// The user first: the password must not hold their username.
	u, err := s.accounts.User(ctx, userID)
	if err != nil {
		return fmt.Errorf("auth: set password of %s: %w", userID, err)
	}
	h := ""
	if password != "" {
		if err := CheckPassword(password, u.Username); err != nil {
			return err
		}
		if h, err = s.hash(password); err != nil {
			return err
		}
	}
	u.PasswordHash = h
	u.UpdatedAt = s.now()
	if err := s.accounts.UpdateUser(ctx, u); err != nil {
		return fmt.Errorf("auth: set password of %s: %w", userID, err)
	}
	return nil
}

// SetDisabled disables a user (no sign-in, no key, every open session ended) or enables it
// again, keeping its password and keys: what an administrator does for HR who left a firm,
// without losing whose the audit entries were. ENOTFOUND for an unknown user.
func (s *Service) SetDisabled(ctx context.Context, userID string, disabled bool) (*xiaoqi.User, error) {
	u, err := s.accounts.User(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("auth: disable %s: %w", userID, err)
	}
	if u.Disabled == disabled {
		return u, nil
	}
	u.Disabled = disabled
	u.UpdatedAt = s.now() // ends its sessions
	if err := s.accounts.UpdateUser(ctx, u); err != nil {
		return nil, fmt.Errorf("auth: disable %s: %w", userID, err)
	}
	return u, nil
}

// errLogin is the one answer to every failed sign-in.
func errLogin(cause string) error {
	return &xiaoqi.Error{Code: xiaoqi.EUNAUTHORIZED, Message: "用户名或密码错误 / wrong username or password",
		Err: errors.New("auth: login: " + cause)}
}

// Login checks a username and password and starts a session. It returns the session token (the
// cookie value, shown once; the store keeps only its SHA-256) and the user without its password
// hash. Unknown user, wrong password, disabled user and a user without a password all get the
// same EUNAUTHORIZED "用户名或密码错误 wrong username or password" after one argon2id
// verification each (against a dummy hash when there is no usable one), so neither answer nor
// timing tells whether the username exists. Rate limiting is the caller's (see Limiter).
func (s *Service) Login(ctx context.Context, username, password string) (token string, u *xiaoqi.User, err error) {
	if len(username) <= maxUsernameBytes && username != "" {
		u, err = s.accounts.UserByName(ctx, username)
		if err != nil && xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
			return "", nil, fmt.Errorf("auth: login: %w", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return "", nil, cancelled("login", err)
	}
	cause := ""
	hash := s.dummy()
	switch {
	case u == nil:
		cause = "unknown user"
	case u.PasswordHash == "":
		cause = "user " + u.ID + " has no password"
	default:
		hash = u.PasswordHash
	}
	if len(password) > MaxPasswordBytes {
		password, cause = "", "password too long"
	}
	ok, verr := VerifySecret(hash, password)
	switch {
	case cause != "":
	case verr != nil:
		cause = "stored hash of user " + u.ID + ": " + verr.Error()
	case !ok:
		cause = "wrong password for user " + u.ID
	case u.Disabled:
		cause = "user " + u.ID + " is disabled"
	}
	if cause != "" {
		return "", nil, errLogin(cause)
	}
	token = newToken()
	now := s.now()
	sess := &xiaoqi.Session{ID: SessionID(token), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(s.ttl)}
	if err := s.accounts.PutSession(ctx, sess); err != nil {
		return "", nil, fmt.Errorf("auth: login: %w", err)
	}
	return token, forRequest(u), nil
}

// dummy returns a hash of a random secret with the service's parameters.
func (s *Service) dummy() string {
	s.dummyOnce.Do(func() {
		h, err := HashSecret(newKeySecret(), s.params)
		if err != nil {
			// Params out of range: every hash fails the same way; keep the timing of a parse.
			h = "$argon2id$v=19$m=0,t=0,p=0$$"
		}
		s.dummyHash = h
	})
	return s.dummyHash
}

// cancelled is the error of work given up because ctx ended before an argon2id verification
// (which cannot be interrupted) began.
func cancelled(op string, err error) error {
	return &xiaoqi.Error{Code: xiaoqi.EUNAVAILABLE, Message: "请求已取消或超时 / request cancelled or timed out",
		Err: fmt.Errorf("auth: %s: %w", op, err)}
}
