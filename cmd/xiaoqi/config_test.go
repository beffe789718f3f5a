package main_test

import (
	"context"
	"strings"
	"testing"

	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
)

// TestBadEnvironmentValues: an XIAOQI_* variable whose value does not parse stops the command
// with an error naming the variable and its flag. Before, the default stayed in force without
// a word: XIAOQI_SEED=no seeded, XIAOQI_SEARCH_CACHE_STALE=5 (no unit) kept 1s,
// XIAOQI_MAX_UPLOAD_BYTES=200MB kept 100 MB.
func TestBadEnvironmentValues(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // a serve that opens shuts down at once
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want []string // in stderr; none: exit 0
	}{
		{args: []string{"serve"}, env: map[string]string{"XIAOQI_SEED": "no", "XIAOQI_SEARCH_CACHE_STALE": "5"},
			want: []string{`XIAOQI_SEED (--seed): "no"`, `XIAOQI_SEARCH_CACHE_STALE (--search-cache-stale): "5"`}},
		{args: []string{"serve"}, env: map[string]string{"XIAOQI_MAX_UPLOAD_BYTES": "200MB"},
			want: []string{`XIAOQI_MAX_UPLOAD_BYTES (--max-upload-bytes): "200MB"`}},
		{args: []string{"serve"}, env: map[string]string{"XIAOQI_RATE_PER_KEY": "fast", "XIAOQI_SECURE_COOKIES": "yes"},
			want: []string{"XIAOQI_RATE_PER_KEY (--rate-per-key)", "XIAOQI_SECURE_COOKIES (--secure-cookies)"}},
		{args: []string{"users", "list"}, env: map[string]string{"XIAOQI_MONGODB_TIMEOUT": "ten"},
			want: []string{`XIAOQI_MONGODB_TIMEOUT (--mongodb-timeout): "ten"`}},
		// --mongodb-timeout 0s was taken, and MongoDB then reported unreachable.
		{args: []string{"serve", "--mongodb-timeout", "0s"}, want: []string{"--mongodb-timeout (XIAOQI_MONGODB_TIMEOUT) must be more than 0, not 0s"}},
		{args: []string{"serve"}, env: map[string]string{"XIAOQI_MONGODB_TIMEOUT": "-5s"}, want: []string{"--mongodb-timeout (XIAOQI_MONGODB_TIMEOUT) must be more than 0, not -5s"}},
		// --poll-interval 0 was taken as 200ms while the log said 0s.
		{args: []string{"serve", "--poll-interval", "0"}, want: []string{"--poll-interval (XIAOQI_POLL_INTERVAL) must be more than 0"}},
		// A value that parses but cannot be used names the variable too, for those who set
		// the environment and never typed the flag.
		{args: []string{"serve"}, env: map[string]string{"XIAOQI_SEARCH_CACHE": "-3"},
			want: []string{"配置无效：--search-cache（XIAOQI_SEARCH_CACHE）", "--search-cache (XIAOQI_SEARCH_CACHE) must be from 0"}},
		// A rate below -1 turned the limit off as -1 does; NaN made a limiter of nonsense.
		{args: []string{"serve", "--rate-per-key", "-5"}, want: []string{"--rate-per-key (XIAOQI_RATE_PER_KEY) must be requests per second", "not -5"}},
		{args: []string{"serve"}, env: map[string]string{"XIAOQI_RATE_PER_ADDRESS": "NaN"},
			want: []string{"--rate-per-address (XIAOQI_RATE_PER_ADDRESS) must be requests per second", "not NaN"}},
		// An address that cannot be listened on names the flag and the variable.
		{args: []string{"serve", "--addr", "nonsense"}, want: []string{`cannot listen on --addr (XIAOQI_ADDR) "nonsense"`}},
		// Values that parse are taken.
		{args: []string{"serve"}, env: map[string]string{"XIAOQI_SEED": "false", "XIAOQI_SEARCH_CACHE": "0",
			"XIAOQI_SEARCH_CACHE_STALE": "0", "XIAOQI_RATE_PER_ADDRESS": "-1", "XIAOQI_MAX_UPLOAD_BYTES": "1048576", "XIAOQI_RATE_PER_KEY": "0.5"}},
	} {
		env := map[string]string{"XIAOQI_DATA_DIR": t.TempDir(), "XIAOQI_ADDR": "127.0.0.1:0", "XIAOQI_LOG_LEVEL": "warn"}
		for k, v := range tc.env {
			env[k] = v
		}
		var stdout, stderr strings.Builder
		code := main.Run(ctx, tc.args, func(k string) string { return env[k] }, &stdout, &stderr)
		if len(tc.want) == 0 {
			if code != 0 {
				t.Errorf("%v with %v: exit %d, stderr %q", tc.args, tc.env, code, stderr.String())
			}
			continue
		}
		if code != 1 {
			t.Errorf("%v with %v: exit %d, want 1 (stderr %q)", tc.args, tc.env, code, stderr.String())
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr.String(), w) {
				t.Errorf("%v with %v: stderr %q does not name %s", tc.args, tc.env, stderr.String(), w)
			}
		}
	}
}
