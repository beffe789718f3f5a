package auth_test

import (
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/auth"
)

const (
	validID     = "abc123def456"
	validSecret = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg" // 43 base62
)

func TestParseKey(t *testing.T) {
	key := auth.FormatKey(validID, validSecret)
	if key != "xq_"+validID+"_"+validSecret {
		t.Fatalf("FormatKey = %q", key)
	}
	id, secret, err := auth.ParseKey(key)
	if err != nil || id != validID || secret != validSecret {
		t.Fatalf("ParseKey(%q) = %q, %q, %v", key, id, secret, err)
	}
	hex64 := strings.Repeat("0123456789abcdef", 4)
	for _, k := range []string{
		"xq_" + validID + "_" + validSecret[:32],
		"xq_" + validID + "_" + hex64,
	} {
		if _, _, err := auth.ParseKey(k); err != nil {
			t.Errorf("ParseKey(%q) = %v, want ok", k, err)
		}
	}
}

func TestParseKeyMalformed(t *testing.T) {
	for _, k := range []string{
		"",
		"xq_",
		"xq_" + validID,
		"xq_" + validID + "_",
		"Bearer xq_" + validID + "_" + validSecret,
		"xq_" + validID + "_" + validSecret + " ",
		" xq_" + validID + "_" + validSecret,
		"XQ_" + validID + "_" + validSecret,
		"xk_" + validID + "_" + validSecret,
		"xq_" + "ABC123DEF456" + "_" + validSecret,       // upper-case ID
		"xq_" + "abc123def45" + "_" + validSecret,        // short ID
		"xq_" + "abc123def4567" + "_" + validSecret,      // long ID
		"xq_" + "abc123def45_" + "_" + validSecret,       // underscore in ID
		"xq_" + validID + "-" + validSecret,              // wrong separator
		"xq_" + validID + "_" + validSecret[:31],         // short secret
		"xq_" + validID + "_" + strings.Repeat("a", 65),  // long secret
		"xq_" + validID + "_" + validSecret[:40] + "_-+", // not base62
		"xq_" + validID + "_" + validSecret[:40] + "é",
		"xq_" + validID + "_" + strings.Repeat("a", 10000),
	} {
		id, secret, err := auth.ParseKey(k)
		if err == nil {
			t.Errorf("ParseKey(%q) = %q, %q, nil; want an error", k, id, secret)
			continue
		}
		if id != "" || secret != "" {
			t.Errorf("ParseKey(%q) returned parts %q, %q with its error", k, id, secret)
		}
		if strings.Contains(err.Error(), validSecret[:32]) {
			t.Errorf("ParseKey error quotes the secret: %v", err)
		}
	}
}

func TestKeyPattern(t *testing.T) {
	key := auth.FormatKey(validID, validSecret)
	text := `time=2025-01-01 msg="request" auth="Bearer ` + key + `" other=xq_short_abc`
	got := auth.KeyPattern.FindAllString(text, -1)
	if len(got) != 1 || got[0] != key {
		t.Fatalf("KeyPattern found %q in log line, want [%q]", got, key)
	}
	if red := auth.KeyPattern.ReplaceAllString(text, "xq_[REDACTED]"); strings.Contains(red, validSecret) {
		t.Fatalf("redacted line still holds the secret: %s", red)
	}
	if auth.KeyPattern.MatchString("xq_" + validID + "_" + validSecret[:31]) {
		t.Fatal("KeyPattern matches a key with a 31-character secret")
	}
}

// FuzzParseKey checks that ParseKey never panics, that whatever it accepts has the documented
// shape and formats back to the input, and that KeyPattern finds every key it accepts.
func FuzzParseKey(f *testing.F) {
	f.Add(auth.FormatKey(validID, validSecret))
	f.Add("xq_" + validID + "_")
	f.Add("xq__")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		id, secret, err := auth.ParseKey(s)
		if err != nil {
			return
		}
		if auth.FormatKey(id, secret) != s {
			t.Fatalf("ParseKey(%q) = %q, %q: does not format back", s, id, secret)
		}
		if len(id) != 12 || len(secret) < 32 || len(secret) > 64 {
			t.Fatalf("ParseKey(%q) accepted id %q, secret of %d characters", s, id, len(secret))
		}
		if got := auth.KeyPattern.FindString(s); got != s {
			t.Fatalf("KeyPattern finds %q in the valid key %q", got, s)
		}
	})
}
