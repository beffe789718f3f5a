package main_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/bolt"
	main "github.com/xiaoqi-dev/xiaoqi/cmd/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/internal/msgcheck"
)

// TestCLIErrorsBilingual: the errors of the commands read "中文 / English", Chinese first,
// both halves naming the flag and the value refused. Before, some were English only ("want
// field=value"), English first ("--region: must be 关中, 陕南 or 陕北 / 区域无效"), or said in
// Chinese no more than "配置无效".
func TestCLIErrorsBilingual(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // a serve that opens shuts down at once
	file := filepath.Join(t.TempDir(), "jobs.csv")
	if err := os.WriteFile(file, []byte("岗位名称,公司名称,城市\r\n测试,某公司,西安\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The flag package's own words ("invalid value … for flag -default: ") lead some.
	command := regexp.MustCompile(`^(xiaoqi( \w+)?: )?(invalid value ".*" for flag -\S+: )?`)
	// A data directory that serve holds (here this process: bbolt's flock excludes it too).
	held := t.TempDir()
	s, err := bolt.Open(filepath.Join(held, "xiaoqi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tc := range []struct {
		args []string
		env  map[string]string
	}{
		// Was "bolt: open …: file locked for 2s; data directory in use by another xiaoqi process? timeout".
		{args: []string{"users", "list"}, env: map[string]string{"XIAOQI_DATA_DIR": held}},
		{args: []string{"match", "--allocate", "--region", "华北"}},
		{args: []string{"match", "--allocate", "--sector", "mining"}},
		{args: []string{"import", "--type", "jobs", "--dry-run", "--strict", file}},
		{args: []string{"import", "--type", "jobs", "--default", "city", file}},
		{args: []string{"seed", "--synthetic", "-1"}},
		{args: []string{"seed", "--synthetic", "5", "--type", "unicorns"}},
		{args: []string{"serve", "--log-format", "xml"}},
		{args: []string{"serve", "--log-level", "loud"}},
		{args: []string{"serve", "--poll-interval", "0"}},
		{args: []string{"serve", "--trusted-proxies", "somewhere"}},
		{args: []string{"serve"}, env: map[string]string{"XIAOQI_SEED": "no"}},
		{args: []string{"serve"}, env: map[string]string{"XIAOQI_SEARCH_CACHE": "-3"}},
		{args: []string{"serve"}, env: map[string]string{"XIAOQI_TLS_CERT": "cert.pem"}},
		// Were English only: "listen on nonsense: …", "XIAOQI_TLS_CERT / XIAOQI_TLS_KEY: load …".
		{args: []string{"serve", "--addr", "nonsense"}},
		{args: []string{"serve", "--tls-cert", "missing.pem", "--tls-key", "missing.key"}},
		{args: []string{"serve", "--rate-per-key", "-5"}},
		// The flag package's own errors were English only.
		{args: []string{"serve", "--frob"}},
		{args: []string{"serve", "--addr"}},
		{args: []string{"serve", "--search-cache", "many"}},
		{args: []string{"users", "key", "--username", "root", "--expires", "5"}},
		{args: []string{"serve", "--seed=maybe"}},
	} {
		env := map[string]string{"XIAOQI_DATA_DIR": t.TempDir(), "XIAOQI_ADDR": "127.0.0.1:0", "XIAOQI_LOG_LEVEL": "warn"}
		for k, v := range tc.env {
			env[k] = v
		}
		var stdout, stderr strings.Builder
		if code := main.Run(ctx, tc.args, func(k string) string { return env[k] }, &stdout, &stderr); code == 0 {
			t.Errorf("%v with %v: exit 0", tc.args, tc.env)
			continue
		}
		line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if err := msgcheck.Check(command.ReplaceAllString(line, "")); err != nil {
			t.Errorf("%v with %v: %v", tc.args, tc.env, err)
		}
	}
}
