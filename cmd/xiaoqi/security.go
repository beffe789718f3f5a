package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"net/netip"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/api"
	"github.com/xiaoqi-dev/xiaoqi/auth"
)

// Security settings of `xiaoqi serve` beside TLS and CORS (tls.go): rate limits and the
// reverse proxies trusted to name the client.
type securityConfig struct {
	// RatePerAddress and RatePerKey are requests per second per client address (callers
	// without a key) and per API key or signed-in user; 0 takes the default, -1 turns the
	// limit off (load tests).
	RatePerAddress, RatePerKey float64
	// MaxAllocations is how many allocations run at once (as many more wait); 0 takes the
	// default, -1 bounds nothing (load tests).
	MaxAllocations int
	// TrustedProxies are the addresses (IP or CIDR) whose X-Forwarded-For names the client.
	TrustedProxies []string
	// SecureCookies marks the session cookie HTTPS-only behind a TLS-terminating proxy.
	SecureCookies bool
}

// bindSecurity registers the flags of securityConfig.
func (c *Config) bindSecurity(fs *flag.FlagSet, getenv func(string) string) {
	fs.Float64Var(&c.Security.RatePerAddress, "rate-per-address", c.envFloat(getenv, "XIAOQI_RATE_PER_ADDRESS", c.Security.RatePerAddress),
		fmt.Sprintf("requests per second per client address without an API key; 0: %d, -1: off (env XIAOQI_RATE_PER_ADDRESS)", api.DefaultRatePerAddress))
	fs.Float64Var(&c.Security.RatePerKey, "rate-per-key", c.envFloat(getenv, "XIAOQI_RATE_PER_KEY", c.Security.RatePerKey),
		fmt.Sprintf("requests per second per API key or signed-in user; 0: %d, -1: off (env XIAOQI_RATE_PER_KEY)", api.DefaultRatePerKey))
	fs.IntVar(&c.Security.MaxAllocations, "max-allocations", int(c.envInt64(getenv, "XIAOQI_MAX_ALLOCATIONS", int64(c.Security.MaxAllocations))),
		fmt.Sprintf("allocations (/api/v1/match/allocate) run at once, as many more wait, further ones get 503 with Retry-After; 0: %d, -1: no bound (env XIAOQI_MAX_ALLOCATIONS)", api.DefaultMaxAllocations))
	fs.Func("trusted-proxies", "comma-separated IPs or CIDRs of reverse proxies whose X-Forwarded-For names the client; unset: none (env XIAOQI_TRUSTED_PROXIES)",
		func(s string) error { c.Security.TrustedProxies = splitList(s); return nil })
	c.Security.TrustedProxies = splitList(envOr(getenv, "XIAOQI_TRUSTED_PROXIES", ""))
	fs.BoolVar(&c.Security.SecureCookies, "secure-cookies", c.envBool(getenv, "XIAOQI_SECURE_COOKIES", c.Security.SecureCookies),
		"mark the session cookie Secure (HTTPS only) on plain HTTP too: set it behind a proxy that terminates TLS (env XIAOQI_SECURE_COOKIES)")
}

// checkSecurity reports security settings that cannot work.
func (c *Config) checkSecurity() error {
	for _, r := range []struct {
		flag, env string
		v         float64
	}{
		{"--rate-per-address", "XIAOQI_RATE_PER_ADDRESS", c.Security.RatePerAddress},
		{"--rate-per-key", "XIAOQI_RATE_PER_KEY", c.Security.RatePerKey},
	} {
		// -5 turned the limit off as -1 does, and NaN or Inf made a limiter of nonsense:
		// a typo for 5 or 50 should not leave the service unprotected without a word.
		if r.v != -1 && (r.v < 0 || math.IsNaN(r.v) || math.IsInf(r.v, 0)) {
			return fmt.Errorf("配置无效：%[1]s（%[2]s）须为每秒请求数（大于 0）、0（默认）或 -1（不限），不能是 %[3]v / "+
				"%[1]s (%[2]s) must be requests per second (more than 0), 0 (the default) or -1 (off), not %[3]v", r.flag, r.env, r.v)
		}
	}
	if c.Security.MaxAllocations < -1 {
		return fmt.Errorf("配置无效：--max-allocations（XIAOQI_MAX_ALLOCATIONS）须为同时进行的分配计算数（大于 0）、0（默认）或 -1（不限），不能是 %[1]d / "+
			"--max-allocations (XIAOQI_MAX_ALLOCATIONS) must be how many allocations run at once (more than 0), 0 (the default) or -1 (no bound), not %[1]d", c.Security.MaxAllocations)
	}
	for _, p := range c.Security.TrustedProxies {
		if _, err := netip.ParsePrefix(p); err == nil {
			continue
		}
		if _, err := netip.ParseAddr(p); err != nil {
			return fmt.Errorf("配置无效：--trusted-proxies（XIAOQI_TRUSTED_PROXIES）中的 %[1]q 不是 IP 地址或 CIDR / --trusted-proxies (XIAOQI_TRUSTED_PROXIES): %[1]q is not an IP address or CIDR", p)
		}
	}
	return nil
}

// apiSecurity fills the security part of the API's configuration: accounts from the store
// (both stores keep them), argon2id at its default cost, the rate limits and proxies.
func (m *Main) apiSecurity(cfg *api.Config) error {
	accounts, ok := m.Store.(xiaoqi.Accounts)
	if !ok {
		return fmt.Errorf("存储 %[1]T 不保存账户 / the store %[1]T keeps no accounts", m.Store)
	}
	cfg.Accounts = accounts
	cfg.Auth = auth.New(accounts, auth.Options{})
	cfg.RateLimits = api.RateLimits{PerAddress: m.Config.Security.RatePerAddress, PerKey: m.Config.Security.RatePerKey}
	cfg.MaxAllocations = m.Config.Security.MaxAllocations
	cfg.TrustedProxies = m.Config.Security.TrustedProxies
	cfg.SecureCookies = m.Config.Security.SecureCookies
	return nil
}

// warnNoAdmin logs how to create the first administrator when there is none.
func (m *Main) warnNoAdmin(ctx context.Context, accounts xiaoqi.Accounts) {
	users, err := accounts.Users(ctx)
	if err != nil {
		m.Logger.Warn("cannot list users", "err", err)
		return
	}
	for _, u := range users {
		if u.Role == xiaoqi.RoleAdmin && !u.Disabled {
			return
		}
	}
	m.Logger.Warn("还没有管理员账户，数据只读 / no administrator account yet, data is read-only: create one with `xiaoqi users add --role admin --username NAME` (stop serve first when using the embedded store)")
}
