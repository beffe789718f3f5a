package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi/mongodb"
	"github.com/xiaoqi-dev/xiaoqi/search"
)

// Config is everything xiaoqi reads from flags and XIAOQI_* environment variables. It is
// parsed once here and passed down as struct fields; no other package reads the environment.
type Config struct {
	// DataDir holds the embedded store file (xiaoqi.db) and the search index (index/).
	DataDir string
	// Addr is the HTTP listen address; ":0" picks a free port.
	Addr string
	// MongoURI selects MongoDB as the system of record instead of the embedded store.
	MongoURI string
	// MongoDatabase overrides the database named in MongoURI (default "xiaoqi").
	MongoDatabase string
	// MongoTimeout bounds connecting to MongoDB at start-up.
	MongoTimeout time.Duration
	// FeedCompactAge is how long ago serve must have seen a change of MongoDB's change feed
	// settled before it removes the change as superseded (mongodb.Store.CompactFeed); 0
	// never compacts.
	FeedCompactAge time.Duration
	// Seed loads the default data set into an empty store at start-up.
	Seed bool
	// BackupDir, when set, is where serve writes a backup of the embedded store at start and
	// every BackupEvery, keeping the newest BackupKeep (backup.go).
	BackupDir   string
	BackupEvery time.Duration
	BackupKeep  int
	// LogLevel is debug, info, warn or error; LogFormat is json or text.
	LogLevel  string
	LogFormat string
	// PollInterval is how often the index follower asks the store for changes when idle.
	PollInterval time.Duration
	// SearchCache is the number of search results kept (search.Options.CacheEntries); 0
	// keeps none.
	SearchCache int
	// SearchCacheStale is how long a kept result may be served after ordinary writes
	// (search.Options.CacheMaxStale); 0: none after any write.
	SearchCacheStale time.Duration
	// ShutdownTimeout bounds graceful shutdown.
	ShutdownTimeout time.Duration
	// MaxBodyBytes limits JSON request bodies.
	MaxBodyBytes int64
	// MaxUploadBytes limits files uploaded to /api/v1/imports.
	MaxUploadBytes int64
	// TLSCert and TLSKey are PEM files; set both to serve HTTPS (TLS 1.2 or later), neither
	// for plain HTTP (behind a TLS-terminating proxy). See tls.go.
	TLSCert string
	TLSKey  string
	// CORSOrigins are the browser origins allowed to call the API; empty sends no CORS
	// headers at all.
	CORSOrigins []string
	// Security holds the rate limits and trusted proxies (security.go).
	Security securityConfig

	// envErrs are the XIAOQI_* variables whose values did not parse (badEnv); check
	// reports them.
	envErrs []error
}

// DefaultConfig returns the configuration of `xiaoqi serve` with no flags or environment.
func DefaultConfig() Config {
	return Config{
		DataDir:        "data",
		Addr:           ":8080",
		MongoTimeout:   10 * time.Second,
		FeedCompactAge: mongodb.DefaultCompactAge,
		Seed:           true,
		BackupEvery:    24 * time.Hour,
		BackupKeep:     7,
		LogLevel:       "info",
		LogFormat:      "json",
		PollInterval:   200 * time.Millisecond,
		SearchCache:    search.DefaultCacheEntries,
		// Near-real-time, as Elasticsearch's default refresh interval.
		SearchCacheStale: time.Second,
		ShutdownTimeout:  15 * time.Second,
		MaxBodyBytes:     1 << 20,
		MaxUploadBytes:   100 << 20,
	}
}

// unknownSetting is an XIAOQI_ variable of the environment that serve does not read, with the
// one it reads whose name begins most like it.
type unknownSetting struct{ name, near string }

// unknownSettings lists the XIAOQI_ variables of environ (NAME=value) not among asked, the
// variables serve read: a mistyped XIAOQI_BACKUP_DIRECTORY was ignored without a word, and
// the operator believed backups were on. XIAOQI_TEST_ variables are the tests'.
func unknownSettings(environ []string, asked map[string]bool) []unknownSetting {
	var out []unknownSetting
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "XIAOQI_") || strings.HasPrefix(name, "XIAOQI_TEST_") || asked[name] {
			continue
		}
		u, best := unknownSetting{name: name}, len("XIAOQI_")
		for _, a := range slices.Sorted(maps.Keys(asked)) {
			n := 0
			for n < len(a) && n < len(name) && a[n] == name[n] {
				n++
			}
			if n > best {
				u.near, best = a, n
			}
		}
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b unknownSetting) int { return strings.Compare(a.name, b.name) })
	return out
}

// envOr returns the environment variable's value, or def when it is unset.
func envOr(getenv func(string) string, name, def string) string {
	if v := getenv(name); v != "" {
		return v
	}
	return def
}

// bindCommon registers the flags shared by every subcommand that opens the store, with
// defaults taken from the environment.
func (c *Config) bindCommon(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&c.DataDir, "data-dir", envOr(getenv, "XIAOQI_DATA_DIR", c.DataDir),
		"directory for the embedded store and the search index (env XIAOQI_DATA_DIR)")
	fs.StringVar(&c.MongoURI, "mongodb-uri", envOr(getenv, "XIAOQI_MONGODB_URI", c.MongoURI),
		"use MongoDB as the system of record, e.g. mongodb://host:27017/xiaoqi (env XIAOQI_MONGODB_URI)")
	fs.StringVar(&c.MongoDatabase, "mongodb-database", envOr(getenv, "XIAOQI_MONGODB_DATABASE", c.MongoDatabase),
		"MongoDB database name, overriding the URI's (env XIAOQI_MONGODB_DATABASE)")
	fs.DurationVar(&c.MongoTimeout, "mongodb-timeout", c.envDuration(getenv, "XIAOQI_MONGODB_TIMEOUT", c.MongoTimeout),
		"give up connecting to MongoDB at start-up after this long (env XIAOQI_MONGODB_TIMEOUT)")
	fs.StringVar(&c.LogLevel, "log-level", envOr(getenv, "XIAOQI_LOG_LEVEL", c.LogLevel),
		"debug, info, warn or error (env XIAOQI_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", envOr(getenv, "XIAOQI_LOG_FORMAT", c.LogFormat),
		"json or text (env XIAOQI_LOG_FORMAT)")
}

// The env* methods return an environment variable's value as the flag's type, or def when
// the variable is unset. A value that does not parse is kept for check to report, naming the
// variable: XIAOQI_SEARCH_CACHE_STALE=5 or XIAOQI_SEED=no used to leave the default in force
// without a word.
func (c *Config) envDuration(getenv func(string) string, name string, def time.Duration) time.Duration {
	v := getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		c.badEnv(name, v, "时长，如 500ms、10s 或 1h", "a duration such as 500ms, 10s or 1h")
		return def
	}
	return d
}

func (c *Config) envInt64(getenv func(string) string, name string, def int64) int64 {
	v := getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		c.badEnv(name, v, "整数", "a whole number")
		return def
	}
	return n
}

func (c *Config) envBool(getenv func(string) string, name string, def bool) bool {
	v := getenv(name)
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		c.badEnv(name, v, "true 或 false", "true or false")
		return def
	}
	return b
}

func (c *Config) envFloat(getenv func(string) string, name string, def float64) float64 {
	v := getenv(name)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		c.badEnv(name, v, "数字", "a number")
		return def
	}
	return f
}

// badEnv records an environment variable whose value does not parse, with the flag it sets.
func (c *Config) badEnv(name, value, wantZH, want string) {
	flagName := "--" + strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(name, "XIAOQI_")), "_", "-")
	c.envErrs = append(c.envErrs, fmt.Errorf("环境变量 %[1]s（%[2]s）的值 %[3]q 无效：须为%[4]s / %[1]s (%[2]s): %[3]q is not %[5]s",
		name, flagName, value, wantZH, want))
}

// check reports configuration that cannot work.
func (c *Config) check() error {
	if len(c.envErrs) > 0 {
		return errors.Join(c.envErrs...)
	}
	if c.DataDir == "" {
		return fmt.Errorf("配置无效：--data-dir（XIAOQI_DATA_DIR）不能为空，其中存放搜索索引（不用 MongoDB 时还有内置存储） / --data-dir (XIAOQI_DATA_DIR) must not be empty: it holds the search index (and the embedded store without MongoDB)")
	}
	if c.MongoURI != "" && !strings.HasPrefix(c.MongoURI, "mongodb://") && !strings.HasPrefix(c.MongoURI, "mongodb+srv://") {
		return fmt.Errorf("配置无效：--mongodb-uri（XIAOQI_MONGODB_URI）须以 mongodb:// 或 mongodb+srv:// 开头 / --mongodb-uri (XIAOQI_MONGODB_URI) must start with mongodb:// or mongodb+srv://")
	}
	if c.FeedCompactAge != 0 && c.FeedCompactAge < 2*mongodb.DefaultGrace {
		return fmt.Errorf("配置无效：--feed-compact-age（XIAOQI_FEED_COMPACT_AGE）须为 0（从不）或至少 %[1]s（写入者可用时间的两倍），不能是 %[2]s / "+
			"--feed-compact-age (XIAOQI_FEED_COMPACT_AGE) must be 0 (never) or at least %[1]s, twice the time a writer may take, not %[2]s",
			2*mongodb.DefaultGrace, c.FeedCompactAge)
	}
	if _, err := c.logLevel(); err != nil {
		return err
	}
	if c.MongoTimeout <= 0 {
		// 0s was taken, and MongoDB then reported unreachable.
		return fmt.Errorf("配置无效：--mongodb-timeout（XIAOQI_MONGODB_TIMEOUT）须大于 0，不能是 %[1]s / --mongodb-timeout (XIAOQI_MONGODB_TIMEOUT) must be more than 0, not %[1]s", c.MongoTimeout)
	}
	if c.PollInterval <= 0 {
		return fmt.Errorf("配置无效：--poll-interval（XIAOQI_POLL_INTERVAL）须大于 0，不能是 %[1]s / --poll-interval (XIAOQI_POLL_INTERVAL) must be more than 0, not %[1]s", c.PollInterval)
	}
	if c.SearchCache < 0 || c.SearchCache > 1_000_000 {
		return fmt.Errorf("配置无效：--search-cache（XIAOQI_SEARCH_CACHE）须为 0（不缓存）至 1000000 条，不能是 %[1]d / --search-cache (XIAOQI_SEARCH_CACHE) must be from 0 (none) to 1000000 results, not %[1]d", c.SearchCache)
	}
	if c.SearchCacheStale < 0 || c.SearchCacheStale > time.Minute {
		return fmt.Errorf("配置无效：--search-cache-stale（XIAOQI_SEARCH_CACHE_STALE）须在 0 至 1m 之间，不能是 %[1]s / --search-cache-stale (XIAOQI_SEARCH_CACHE_STALE) must be from 0 to 1m, not %[1]s", c.SearchCacheStale)
	}
	if c.MaxUploadBytes <= 0 {
		return fmt.Errorf("配置无效：--max-upload-bytes（XIAOQI_MAX_UPLOAD_BYTES）须为正数，不能是 %[1]d / --max-upload-bytes (XIAOQI_MAX_UPLOAD_BYTES) must be positive, not %[1]d", c.MaxUploadBytes)
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		return fmt.Errorf("配置无效：--log-format（XIAOQI_LOG_FORMAT）须为 json 或 text，不能是 %[1]q / --log-format (XIAOQI_LOG_FORMAT) must be json or text, not %[1]q", c.LogFormat)
	}
	if c.BackupDir != "" && c.MongoURI != "" {
		return fmt.Errorf("配置无效：--backup-dir（XIAOQI_BACKUP_DIR）备份的是内置存储；MongoDB 请用其自带的备份工具（mongodump、快照） / --backup-dir (XIAOQI_BACKUP_DIR) backs up the embedded store: back up MongoDB with its own tools (mongodump, snapshots)")
	}
	if c.BackupEvery < time.Minute {
		return fmt.Errorf("配置无效：--backup-every（XIAOQI_BACKUP_EVERY）须至少 1m，不能是 %[1]s / --backup-every (XIAOQI_BACKUP_EVERY) must be at least 1m, not %[1]s", c.BackupEvery)
	}
	if c.BackupKeep < 1 || c.BackupKeep > 1000 {
		return fmt.Errorf("配置无效：--backup-keep（XIAOQI_BACKUP_KEEP）须在 1 至 1000 之间，不能是 %[1]d / --backup-keep (XIAOQI_BACKUP_KEEP) must be from 1 to 1000, not %[1]d", c.BackupKeep)
	}
	if err := c.checkSecurity(); err != nil {
		return err
	}
	return c.checkHTTP()
}

func (c *Config) logLevel() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return 0, fmt.Errorf("配置无效：--log-level（XIAOQI_LOG_LEVEL）须为 debug、info、warn 或 error，不能是 %[1]q / --log-level (XIAOQI_LOG_LEVEL) must be debug, info, warn or error, not %[1]q", c.LogLevel)
	}
	return l, nil
}

// newLogger builds the process logger, writing to w.
func (c *Config) newLogger(w io.Writer) *slog.Logger {
	level, _ := c.logLevel()
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
