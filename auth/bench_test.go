package auth_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/xiaoqi-dev/xiaoqi/auth"
)

// reportMS reports and prints the mean time per operation in milliseconds.
func reportMS(b *testing.B, what string) {
	b.Helper()
	ms := b.Elapsed().Seconds() * 1000 / float64(b.N)
	b.ReportMetric(ms, "ms/op")
	fmt.Printf("%s: %.2f ms/op (%d ops)\n", what, ms, b.N)
}

// BenchmarkLogin compares failing sign-ins with DefaultParams: an unknown username must cost
// the same as a wrong password (both verify one argon2id hash), or timing tells which
// usernames exist.
func BenchmarkLogin(b *testing.B) {
	ctx := context.Background()
	st := openStore(b)
	svc := auth.New(st, auth.Options{})
	addUser(b, svc, "hr_li", goodPassword)
	for _, tc := range []struct{ name, username, password string }{
		{"ok", "hr_li", goodPassword},
		{"wrong-password", "hr_li", goodPassword + "x"},
		{"unknown-user", "nobody", goodPassword},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				_, _, err := svc.Login(ctx, tc.username, tc.password)
				if (err == nil) != (tc.name == "ok") {
					b.Fatal(err)
				}
			}
			reportMS(b, "Login "+tc.name)
		})
	}
}

// BenchmarkKeyUser shows what the cache of verified keys saves: a cached key costs two store
// reads, an uncached one adds an argon2id verification with DefaultParams.
func BenchmarkKeyUser(b *testing.B) {
	ctx := context.Background()
	st := openStore(b)
	cached := auth.New(st, auth.Options{})
	uncached := auth.New(st, auth.Options{KeyCacheSize: 1})
	u := addUser(b, cached, "erp", "")
	key, _, err := cached.CreateKey(ctx, u.ID, "", time.Time{})
	if err != nil {
		b.Fatal(err)
	}
	other, _, err := cached.CreateKey(ctx, u.ID, "", time.Time{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := cached.KeyUser(ctx, key); err != nil {
				b.Fatal(err)
			}
		}
		reportMS(b, "KeyUser cached")
	})
	b.Run("uncached", func(b *testing.B) {
		for b.Loop() {
			// Alternating two keys in a one-entry cache: every call verifies.
			for _, k := range []string{key, other} {
				if _, _, err := uncached.KeyUser(ctx, k); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(b.Elapsed().Seconds()*1000/float64(2*b.N), "ms/key")
		fmt.Printf("KeyUser uncached: %.2f ms/key\n", b.Elapsed().Seconds()*1000/float64(2*b.N))
	})
}
