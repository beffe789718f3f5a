package auth

import (
	"crypto/rand"
	"errors"
	"regexp"
	"strings"
)

// API keys look like xq_<id>_<secret>: the prefix, a 12-character ID of lower-case letters and
// digits (public: it names the key in lists and logs) and a secret of 32-64 letters and digits
// (base62; hex fits too). CreateKey makes 43-character secrets (about 256 bits).
const (
	keyPrefix     = "xq_"
	keyIDLen      = 12
	keySecretLen  = 43
	minSecretLen  = 32
	maxSecretLen  = 64
	maxKeyLen     = len(keyPrefix) + keyIDLen + 1 + maxSecretLen
	lowerDigits   = "abcdefghijklmnopqrstuvwxyz0123456789"
	base62        = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	userIDPrefix  = "u_"
	userIDRandLen = 16
)

// KeyPattern matches anything in text that looks like an API key, for scanning logs and output
// for leaked secrets. It is deliberately a little wider than ParseKey (it also matches secrets
// longer than a valid one) so that nothing key-like slips through.
var KeyPattern = regexp.MustCompile(`xq_[a-z0-9]{12}_[A-Za-z0-9]{32,}`)

// errMalformedKey is the cause of every ParseKey failure; it never quotes the input.
var errMalformedKey = errors.New("auth: malformed API key (want xq_<12 lower-case letters or digits>_<32-64 letters or digits>)")

// ParseKey splits an API key into its ID and secret. It is strict: the prefix xq_, an ID of
// exactly 12 characters [a-z0-9], an underscore, and a secret of 32-64 characters [A-Za-z0-9];
// nothing before or after (no spaces, no "Bearer "). The error never quotes the input.
func ParseKey(s string) (id, secret string, err error) {
	if len(s) > maxKeyLen {
		return "", "", errMalformedKey
	}
	rest, ok := strings.CutPrefix(s, keyPrefix)
	if !ok || len(rest) < keyIDLen+1 || rest[keyIDLen] != '_' {
		return "", "", errMalformedKey
	}
	id, secret = rest[:keyIDLen], rest[keyIDLen+1:]
	if !only(id, lowerDigits) || len(secret) < minSecretLen || len(secret) > maxSecretLen || !only(secret, base62) {
		return "", "", errMalformedKey
	}
	return id, secret, nil
}

// FormatKey joins a key ID and secret into the string a program presents.
func FormatKey(id, secret string) string { return keyPrefix + id + "_" + secret }

// only reports whether every byte of s is in alphabet.
func only(s, alphabet string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(alphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

// randomString returns n characters drawn uniformly from alphabet (at most 256 characters)
// with crypto/rand, rejecting the bytes that would bias the draw.
func randomString(n int, alphabet string) string {
	limit := 256 - 256%len(alphabet)
	out := make([]byte, 0, n)
	buf := make([]byte, n+n/2)
	for len(out) < n {
		rand.Read(buf) // never fails (crypto/rand, Go 1.24+)
		for _, b := range buf {
			if int(b) < limit && len(out) < n {
				out = append(out, alphabet[int(b)%len(alphabet)])
			}
		}
	}
	return string(out)
}

// newKeyID returns a random key ID: 12 characters [a-z0-9], about 62 bits.
func newKeyID() string { return randomString(keyIDLen, lowerDigits) }

// newKeySecret returns a random key secret: 43 base62 characters, about 256 bits.
func newKeySecret() string { return randomString(keySecretLen, base62) }

// newUserID returns "u_" and 16 random characters [a-z0-9].
func newUserID() string { return userIDPrefix + randomString(userIDRandLen, lowerDigits) }
