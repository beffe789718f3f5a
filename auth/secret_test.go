package auth_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/auth"
)

func TestHashSecretVerify(t *testing.T) {
	h, err := auth.HashSecret("correct horse 电池 staple", auth.TestParams)
	if err != nil {
		t.Fatal(err)
	}
	if want := "$argon2id$v=19$m=64,t=1,p=1$"; !strings.HasPrefix(h, want) {
		t.Fatalf("hash %q does not start with %q", h, want)
	}
	if f := strings.Split(h, "$"); len(f) != 6 || len(f[4]) != 22 || len(f[5]) != 43 {
		t.Fatalf("hash %q: want 16-byte salt and 32-byte hash in unpadded base64", h)
	}
	h2, err := auth.HashSecret("correct horse 电池 staple", auth.TestParams)
	if err != nil {
		t.Fatal(err)
	}
	if h == h2 {
		t.Fatal("two hashes of one secret are equal: salt is not random")
	}
	for _, tc := range []struct {
		secret string
		want   bool
	}{
		{"correct horse 电池 staple", true},
		{"correct horse 电池 staplE", false},
		{"", false},
		{"correct horse 电池 staple ", false},
	} {
		ok, err := auth.VerifySecret(h, tc.secret)
		if err != nil || ok != tc.want {
			t.Errorf("VerifySecret(hash, %q) = %v, %v; want %v, nil", tc.secret, ok, err, tc.want)
		}
	}
}

func TestHashSecretDefaultParams(t *testing.T) {
	h, err := auth.HashSecret("s3cret-密码-long", auth.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	if want := "$argon2id$v=19$m=19456,t=2,p=1$"; !strings.HasPrefix(h, want) {
		t.Fatalf("hash %q does not start with %q (OWASP parameters)", h, want)
	}
	if ok, err := auth.VerifySecret(h, "s3cret-密码-long"); !ok || err != nil {
		t.Fatalf("VerifySecret = %v, %v; want true", ok, err)
	}
}

func TestHashSecretBadParams(t *testing.T) {
	for _, p := range []auth.Params{{}, {Time: 1, MemoryKiB: 4, Threads: 1}, {Time: 1, MemoryKiB: 1 << 30, Threads: 1}, {Time: 0, MemoryKiB: 64, Threads: 1}, {Time: 1, MemoryKiB: 64}} {
		if h, err := auth.HashSecret("x", p); err == nil {
			t.Errorf("HashSecret(%+v) = %q, nil; want an error", p, h)
		}
	}
}

func TestVerifySecretMalformed(t *testing.T) {
	good, err := auth.HashSecret("pw", auth.TestParams)
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Split(good, "$")
	salt, sum := f[4], f[5]
	for _, enc := range []string{
		"",
		"plain",
		"$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + sum,
		"$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + sum,
		"$argon2id$m=64,t=1,p=1$" + salt + "$" + sum,
		"$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + sum,
		"$argon2id$v=19$m=+64,t=1,p=1$" + salt + "$" + sum,
		"$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + sum,
		"$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + sum,
		"$argon2id$v=19$m=64,t=1,p=256$" + salt + "$" + sum,
		"$argon2id$v=19$m=99999999,t=1,p=1$" + salt + "$" + sum,
		"$argon2id$v=19$m=64,t=99,p=1$" + salt + "$" + sum,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "==$" + sum,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + sum + "$",
		"$argon2id$v=19$m=64,t=1,p=1$$" + sum,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$",
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$AAAA",
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + sum + strings.Repeat("A", 300),
	} {
		ok, err := auth.VerifySecret(enc, "pw")
		if ok || err == nil {
			t.Errorf("VerifySecret(%q) = %v, %v; want false and an error", enc, ok, err)
		}
		if err != nil && strings.Contains(err.Error(), "pw") {
			t.Errorf("error %q quotes the secret", err)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		pw, username string
		ok           bool
	}{
		{"Mxqrtvbnwpze", "", true},                  // 12 chars, two classes
		{"mxqrtvbnwpz1", "", true},                  // lower + digit
		{"Abcdefghijkl", "", false},                 // the alphabet in a row: common
		{"陕西校企合作服务外包2025", "", true},                // 12 characters (not bytes), other + digit
		{"Mxqrtvbnwpz", "", false},                  // 11 chars
		{"abcdefghijklmnop", "", false},             // one class
		{"123456789012345", "", false},              // one class
		{"陕西省西安市雁塔区科技路一号院", "", false},              // one class, 15 characters
		{strings.Repeat("aB", 64), "", false},       // 128 bytes, but aB repeated
		{strings.Repeat("aB", 63) + "cD", "", true}, // 128 bytes
		{strings.Repeat("aB", 64) + "c", "", false}, // 129 bytes
		{"abcdefghijk\xff1", "", false},             // invalid UTF-8
		// An audit set these, and each was accepted: a common password with digits after it,
		// and the username three times.
		{"password1234", "", false},
		{"cand1cand1cand1", "cand1", false},
		{"Password1234!", "", false}, {"P@ssw0rd2025", "", false}, {"qwerty123456", "", false}, {"1qaz2wsx3edc", "", false},
		{"woaini131452", "", false}, {"2025Iloveyou!", "", false}, {"Admin-2025-xx", "admin", false},
		{"My-CAND1-pass", "cand1", false}, {"zhangsan-2025", "zhangsan@example.com", false}, {"abc123abc123", "", false},
		// One short part repeated with a digit or sign added, as the common passwords are read:
		// each was accepted where the repeats alone were refused.
		{"abababababab1", "", false}, {"abcabcabcabc12", "", false}, {"Ab1Ab1Ab1Ab1!", "", false}, {"!Ab1Ab1Ab1Ab1", "", false},
		{"2025xyzxyzxyz", "", false},
		// What is added longer than the repeats makes no repeat.
		{"aa-2025-0612-7788", "", true},
		// Common words inside a longer password, and short usernames, are fine.
		{"correct-horse-battery-9", "hr_li", true}, {"Ui-Test-Passw0rd!", "admin-ui", true},
		{"Xian-2025-outsourcing", "xa", true}, {"password-of-Yanta-7", "", true},
	} {
		err := auth.CheckPassword(tc.pw, tc.username)
		if (err == nil) != tc.ok {
			t.Errorf("CheckPassword(%q) = %v; want ok=%v", tc.pw, err, tc.ok)
			continue
		}
		if err == nil {
			continue
		}
		if xiaoqi.ErrorCode(err) != xiaoqi.EINVALID {
			t.Errorf("CheckPassword(%q) code %q, want %q", tc.pw, xiaoqi.ErrorCode(err), xiaoqi.EINVALID)
		}
		if d := xiaoqi.ErrorDetails(err); len(d) != 1 || d[0].Field != "password" {
			t.Errorf("CheckPassword(%q) details %+v, want one naming \"password\"", tc.pw, d)
		}
		if strings.Contains(err.Error(), tc.pw) {
			t.Errorf("CheckPassword(%q) error quotes the password: %v", tc.pw, err)
		}
	}
}

// FuzzVerifySecret checks that no encoded string, however odd, makes VerifySecret panic, and
// that a malformed one always gets the same error (which therefore quotes neither input).
func FuzzVerifySecret(f *testing.F) {
	_, malformed := auth.VerifySecret("", "")
	if malformed == nil {
		f.Fatal("VerifySecret of an empty hash: no error")
	}
	good, err := auth.HashSecret("pw", auth.TestParams)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, "pw")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "")
	f.Add("$argon2id$v=19$m=0,t=0,p=0$$", "x")
	f.Add("$$$$$", "x")
	f.Fuzz(func(t *testing.T, enc, secret string) {
		ok, err := auth.VerifySecret(enc, secret)
		if ok && err != nil {
			t.Fatalf("VerifySecret = true, %v", err)
		}
		if err != nil && err.Error() != malformed.Error() {
			t.Fatalf("VerifySecret error %q, want the fixed %q", err, malformed)
		}
	})
}

// BenchmarkHashSecret measures one argon2id hash with DefaultParams: the cost of a sign-in and
// of an API key's first request on a node.
func BenchmarkHashSecret(b *testing.B) {
	for b.Loop() {
		if _, err := auth.HashSecret("correct horse battery staple", auth.DefaultParams); err != nil {
			b.Fatal(err)
		}
	}
	reportMS(b, fmt.Sprintf("HashSecret DefaultParams (m=%d KiB, t=%d, p=%d)",
		auth.DefaultParams.MemoryKiB, auth.DefaultParams.Time, auth.DefaultParams.Threads))
}
