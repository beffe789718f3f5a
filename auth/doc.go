// Package auth owns who a request is: password and API-key hashing (argon2id in PHC string
// format), the API key format xq_<id>_<secret>, browser sessions and their CSRF tokens, sign-in,
// key creation, rotation and revocation, and a per-key token-bucket rate limiter.
//
// It keeps no state of its own beyond caches: users, keys and sessions live in an
// xiaoqi.Accounts store, so any number of nodes can share them. Service is the entry point:
//
//	svc := auth.New(store, auth.Options{})           // DefaultParams, 12 h sessions
//	token, user, err := svc.Login(ctx, "hr_li", pw)  // cookie value; EUNAUTHORIZED on any failure
//	user, err = svc.SessionUser(ctx, token)          // on every browser request
//	csrf := auth.CSRFToken(token)                    // sent to the page, checked with CheckCSRF
//	user, key, err := svc.KeyUser(ctx, bearer)       // on every program request
//
// Rules kept here so the API does not have to:
//
//   - Secrets (passwords, key secrets, session tokens) never appear in errors or logs; errors
//     name key IDs and user IDs only.
//   - Every sign-in failure (unknown user, wrong password, disabled user, user without a
//     password) is the same EUNAUTHORIZED error and costs one argon2id verification, so neither
//     the answer nor its timing tells whether a username exists.
//   - Random values come from crypto/rand.
//   - Users returned by Login, SessionUser and KeyUser have PasswordHash cleared: they are for
//     authorising a request, not for writing back with UpdateUser.
//
// Sessions and user changes: the store cannot list a user's sessions, so SessionUser refuses a
// session that began before the user's UpdatedAt. Any stored change to a user that bumps
// UpdatedAt (SetPassword, a role, scope or name change, disabling) therefore signs that user out
// everywhere; the user signs in again.
package auth
