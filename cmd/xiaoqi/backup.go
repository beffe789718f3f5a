package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/xiaoqi-dev/xiaoqi/bolt"
)

// Backups of the embedded store while serve runs (--backup-dir): a consistent copy of the
// store file at start and then every --backup-every, the newest --backup-keep kept. The index
// is not backed up: it is rebuilt from the store.

const (
	backupPrefix = "xiaoqi-"
	backupSuffix = ".db"
	// backupLayout names a backup by its time (UTC): names sort as times do.
	backupLayout = "20060102T150405Z"
)

// backupMetrics tell an operator whether backups are being made.
type backupMetrics struct {
	last   prometheus.Gauge
	failed prometheus.Counter
}

func newBackupMetrics() *backupMetrics {
	return &backupMetrics{
		last: prometheus.NewGauge(prometheus.GaugeOpts{Name: "xiaoqi_backup_last_success_timestamp_seconds",
			Help: "When serve last wrote a backup of the embedded store (--backup-dir), in seconds since 1970; 0: none yet. 最近一次成功备份内置存储的时间（Unix 秒），0 表示尚无。"}),
		failed: prometheus.NewCounter(prometheus.CounterOpts{Name: "xiaoqi_backup_failures_total",
			Help: "Backups of the embedded store that failed. 内置存储备份失败的次数。"}),
	}
}

func (b *backupMetrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{b.last, b.failed}
}

// backupLoop backs the store up now and then every m.Config.BackupEvery until ctx ends.
func (m *Main) backupLoop(ctx context.Context, s *bolt.Store, bm *backupMetrics) {
	for {
		if path, n, err := m.backup(s, time.Now()); err != nil {
			bm.failed.Inc()
			m.Logger.Error("backup of the store failed", "dir", m.Config.BackupDir, "err", err)
		} else {
			bm.last.SetToCurrentTime()
			m.Logger.Info("backed up the store", "file", path, "bytes", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(m.Config.BackupEvery):
		}
	}
}

// backup writes one backup named by now, readable by its owner only (it holds every
// candidate's personal data and the accounts' password hashes), then removes the oldest
// beyond m.Config.BackupKeep. A backup cut short never takes a backup's name: it is written
// under a temporary name and renamed once synced.
func (m *Main) backup(s *bolt.Store, now time.Time) (string, int64, error) {
	dir := m.Config.BackupDir
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", 0, err
	}
	path := filepath.Join(dir, backupPrefix+now.UTC().Format(backupLayout)+backupSuffix)
	f, err := os.CreateTemp(dir, ".backup-*.tmp")
	if err != nil {
		return "", 0, err
	}
	defer os.Remove(f.Name()) // after the rename, a no-op
	n, err := s.Backup(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return "", n, err
	}
	return path, n, pruneBackups(dir, m.Config.BackupKeep)
}

// pruneBackups removes the oldest backups of dir beyond keep.
func pruneBackups(dir string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		stamp, ok := strings.CutSuffix(strings.TrimPrefix(name, backupPrefix), backupSuffix)
		if _, perr := time.Parse(backupLayout, stamp); ok && perr == nil && strings.HasPrefix(name, backupPrefix) && e.Type().IsRegular() {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return fmt.Errorf("remove an old backup: %w", err)
		}
		names = names[1:]
	}
	return nil
}
