package auth

import (
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Params are the argon2id cost parameters of new hashes. Verification reads the parameters
// from the encoded hash, so changing them affects only hashes made afterwards.
type Params struct {
	// Time is the number of passes over memory.
	Time uint32
	// MemoryKiB is the memory used, in KiB.
	MemoryKiB uint32
	// Threads is the degree of parallelism.
	Threads uint8
}

// DefaultParams follow the OWASP password-storage recommendation for argon2id: 19 MiB,
// two passes, one thread (about 30-60 ms on one core; see BenchmarkHashSecret). Treat it as a
// constant.
var DefaultParams = Params{Time: 2, MemoryKiB: 19 * 1024, Threads: 1}

// TestParams are cheap parameters for tests only: they make a hash in microseconds and protect
// nothing.
var TestParams = Params{Time: 1, MemoryKiB: 64, Threads: 1}

// Limits on the parameters VerifySecret accepts from an encoded hash, so that a corrupt or
// hostile stored hash cannot make one verification take gigabytes or minutes.
const (
	maxTime      = 10
	maxMemoryKiB = 64 * 1024
	maxThreads   = 16
	saltLen      = 16
	keyLen       = 32
)

// Password rules checked by CheckPassword.
const (
	// MinPasswordChars is the least number of characters (not bytes) of a password.
	MinPasswordChars = 12
	// MaxPasswordBytes bounds a password; longer ones are refused when set and fail at sign-in.
	MaxPasswordBytes = 128
)

// errMalformedHash is returned for an encoded hash VerifySecret cannot read. It never quotes
// the hash or the secret.
var errMalformedHash = errors.New("auth: malformed argon2id hash")

// HashSecret hashes secret with argon2id and a random 16-byte salt and returns it in PHC string
// format: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, salt and hash in unpadded standard
// base64. It fails only for parameters VerifySecret would refuse.
func HashSecret(secret string, p Params) (string, error) {
	if err := p.check(); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	rand.Read(salt) // never fails (crypto/rand, Go 1.24+)
	sum := argon2.IDKey([]byte(secret), salt, p.Time, p.MemoryKiB, p.Threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.MemoryKiB, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(sum)), nil
}

func (p Params) check() error {
	if p.Time < 1 || p.Time > maxTime || p.Threads < 1 || p.Threads > maxThreads ||
		p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxMemoryKiB {
		return fmt.Errorf("auth: argon2id parameters out of range: t=%d (1-%d), m=%d KiB (8·p-%d), p=%d (1-%d)",
			p.Time, maxTime, p.MemoryKiB, maxMemoryKiB, p.Threads, maxThreads)
	}
	return nil
}

// VerifySecret reports whether secret matches encoded, a hash made by HashSecret, comparing in
// constant time. A wrong secret is (false, nil); an encoded hash that is not argon2id version 19
// in PHC format, or whose parameters are out of range, is an error (an internal one: stored
// hashes come from HashSecret). The error never quotes the hash or the secret.
func VerifySecret(encoded, secret string) (bool, error) {
	p, salt, want, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(secret), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// decodeHash parses $argon2id$v=19$m=M,t=T,p=P$salt$hash strictly: fields in that order,
// decimal numbers without signs, canonical unpadded base64.
func decodeHash(encoded string) (p Params, salt, sum []byte, err error) {
	if len(encoded) > 256 {
		return p, nil, nil, errMalformedHash
	}
	f := strings.Split(encoded, "$")
	if len(f) != 6 || f[0] != "" || f[1] != "argon2id" || f[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, errMalformedHash
	}
	kv := strings.Split(f[3], ",")
	if len(kv) != 3 {
		return p, nil, nil, errMalformedHash
	}
	var n [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		v, ok := strings.CutPrefix(kv[i], name)
		if !ok || v == "" || len(v) > 10 || strings.TrimLeft(v, "0123456789") != "" {
			return p, nil, nil, errMalformedHash
		}
		if n[i], err = strconv.ParseUint(v, 10, 32); err != nil {
			return p, nil, nil, errMalformedHash
		}
	}
	if n[2] > 255 {
		return p, nil, nil, errMalformedHash
	}
	p = Params{MemoryKiB: uint32(n[0]), Time: uint32(n[1]), Threads: uint8(n[2])}
	if p.check() != nil {
		return p, nil, nil, errMalformedHash
	}
	enc := base64.RawStdEncoding.Strict()
	if salt, err = enc.DecodeString(f[4]); err != nil || len(salt) < 8 || len(salt) > 64 {
		return p, nil, nil, errMalformedHash
	}
	if sum, err = enc.DecodeString(f[5]); err != nil || len(sum) < 16 || len(sum) > 64 {
		return p, nil, nil, errMalformedHash
	}
	return p, salt, sum, nil
}

// CheckPassword checks a new password for the account named username: at least
// MinPasswordChars characters, at most MaxPasswordBytes bytes, valid UTF-8, not made of one
// class of character only (lower-case letters, upper-case letters, digits, everything else:
// 汉字, punctuation, spaces), not a common password (commonPassword), not one short part
// repeated (abc123abc123) and not holding the username (cand1cand1cand1 for cand1), which is
// the first guess of anyone who sees it in a list or the audit log. It returns EINVALID naming
// the field "password"; the message never quotes the password.
func CheckPassword(pw, username string) error {
	var msg string
	switch {
	case !utf8.ValidString(pw):
		msg = "不是有效的 UTF-8 文本 / is not valid UTF-8 text"
	case utf8.RuneCountInString(pw) < MinPasswordChars:
		msg = fmt.Sprintf("至少需要 %[1]d 个字符 / must be at least %[1]d characters", MinPasswordChars)
	case len(pw) > MaxPasswordBytes:
		msg = fmt.Sprintf("不能超过 %[1]d 字节 / must be at most %[1]d bytes", MaxPasswordBytes)
	case classes(pw) < 2:
		msg = "须混合至少两类字符（小写字母、大写字母、数字、其他），不能全是数字或全是小写字母 / must mix at least two kinds of characters (lower-case, upper-case, digits, others)"
	case containsUsername(pw, username):
		msg = "不能包含用户名 / must not contain the username"
	case commonPassword(pw):
		msg = "过于常见，容易被猜中（常用密码，或在其前后加了数字、符号） / is too common and easily guessed (a common password, or one with digits or signs added before or after it)"
	case repeated(strings.ToLower(pw)):
		msg = "不能由同一段字符重复组成 / must not be one part repeated"
	default:
		return nil
	}
	zh, en := xiaoqi.Halves(msg)
	return &xiaoqi.Error{
		Code:    xiaoqi.EINVALID,
		Message: "密码不符合要求：" + zh + " / password " + en,
		Details: []xiaoqi.FieldError{{Field: "password", Message: msg}},
	}
}

// commonPasswordList is the list of the commonest passwords; its header names its sources.
//
//go:embed data/common-passwords.txt
var commonPasswordList string

// commonPasswords is commonPasswordList as a set, read once.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonPasswordList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
})

// commonPassword reports whether pw is a common password, in any case, with the usual letter
// swaps (p@ssw0rd) or with digits and signs before or after it: password1234 and Qwerty123456!
// passed the other rules (twelve characters, two kinds) and are the first an attacker tries.
func commonPassword(pw string) bool {
	p := strings.ToLower(pw)
	stem := strings.TrimFunc(p, func(r rune) bool { return !unicode.IsLetter(r) })
	set := commonPasswords()
	for _, s := range []string{p, stem} {
		if set[s] || set[unleet.Replace(s)] {
			return true
		}
	}
	return false
}

// unleet undoes the letter swaps of passwords: p@ssw0rd is password.
var unleet = strings.NewReplacer("@", "a", "4", "a", "0", "o", "3", "e", "1", "i", "!", "i", "$", "s", "5", "s", "7", "t")

// containsUsername reports whether pw holds username (or the part of an e-mail address used as
// one before its @), in any case; names of fewer than three characters are left out, as they
// would refuse half of all passwords.
func containsUsername(pw, username string) bool {
	p := strings.ToLower(pw)
	name := strings.ToLower(strings.TrimSpace(username))
	local, _, _ := strings.Cut(name, "@")
	for _, n := range []string{name, local} {
		if utf8.RuneCountInString(n) >= 3 && strings.Contains(p, n) {
			return true
		}
	}
	return false
}

// repeated reports whether s is one part written two or more times (abc123abc123), also with
// digits or signs added before or after it, as commonPassword reads a common one: abababababab1
// and Ab1Ab1Ab1Ab1! passed where Ab1Ab1Ab1Ab1 alone was refused. What is added must be shorter
// than the repeats (aa12345678 is not "aa" repeated).
func repeated(s string) bool {
	r := []rune(s)
	added := func(r rune) bool { return !unicode.IsLetter(r) }
	lead := 0
	for lead < len(r) && added(r[lead]) {
		lead++
	}
	trail := 0
	for trail < len(r)-lead && added(r[len(r)-1-trail]) {
		trail++
	}
	for i := 0; i <= lead; i++ {
		for j := 0; j <= trail && i+j < len(r); j++ {
			if core := r[i : len(r)-j]; len(core) > i+j && repeats(core) {
				return true
			}
		}
	}
	return false
}

// repeats reports whether r is one part written two or more times.
func repeats(r []rune) bool {
	for k := 1; k <= len(r)/2; k++ {
		if len(r)%k == 0 && slices.Equal(r[:len(r)-k], r[k:]) {
			return true
		}
	}
	return false
}

// classes counts the kinds of character in s: lower-case, upper-case, digits, other.
func classes(s string) int {
	var seen [4]bool
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			seen[0] = true
		case unicode.IsUpper(r):
			seen[1] = true
		case unicode.IsDigit(r):
			seen[2] = true
		default:
			seen[3] = true
		}
	}
	n := 0
	for _, b := range seen {
		if b {
			n++
		}
	}
	return n
}
