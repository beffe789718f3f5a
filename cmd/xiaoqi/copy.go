package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// `xiaoqi copy`: the whole store into another, empty one. A deployment that began on the
// embedded store moves into MongoDB with it when it grows past one machine, and a MongoDB
// database comes back into an embedded store (a copy to try something on) the same way.

const copyUsage = `用法 Usage: xiaoqi copy (--to-mongodb-uri URI [--to-mongodb-database NAME] | --to-data-dir DIR) [flags]

复制数据 Copies everything the store holds into another, empty store: the documents of every
kind under their ids, with their versions and times; the accounts with their password hashes;
the API keys; the audit log, oldest first, with its times; the import jobs with their reports.
Sessions are not copied: users sign in again. The source is the store of the usual flags
(--data-dir, or --mongodb-uri); stop serve on an embedded store first, and stop writes to a
MongoDB source while it copies: a copy during which the source was written to fails, and
says so. The target holds personal data of candidates as the source
does: protect it the same way. A copy cut short leaves a target that is not empty: delete it
(the directory, or the database) and run the copy again.

例子 Examples:
  xiaoqi copy --to-mongodb-uri mongodb://db1,db2,db3/xiaoqi?replicaSet=rs0   # ./data into MongoDB
  xiaoqi copy --mongodb-uri mongodb://db/xiaoqi --to-data-dir ./local        # MongoDB into ./local

Flags:
`

// RunCopy runs `xiaoqi copy`.
func RunCopy(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("xiaoqi copy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.bindCommon(fs, getenv)
	to := cfg
	to.MongoURI, to.MongoDatabase, to.DataDir = "", "", ""
	fs.StringVar(&to.MongoURI, "to-mongodb-uri", "", "copy into this MongoDB database, e.g. mongodb://host:27017/xiaoqi")
	fs.StringVar(&to.MongoDatabase, "to-mongodb-database", "", "the target's database name, overriding the URI's")
	fs.StringVar(&to.DataDir, "to-data-dir", "", "copy into an embedded store in this directory (its xiaoqi.db)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), copyUsage)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case (to.MongoURI == "") == (to.DataDir == ""):
		return errors.New("须指定 --to-mongodb-uri 或 --to-data-dir 之一 / give one of --to-mongodb-uri and --to-data-dir: the store to copy into")
	case to.MongoURI != "" && !strings.HasPrefix(to.MongoURI, "mongodb://") && !strings.HasPrefix(to.MongoURI, "mongodb+srv://"):
		return errors.New("--to-mongodb-uri 须以 mongodb:// 或 mongodb+srv:// 开头 / --to-mongodb-uri must start with mongodb:// or mongodb+srv://")
	case to.MongoDatabase != "" && to.MongoURI == "":
		return errors.New("--to-mongodb-database 须与 --to-mongodb-uri 同用 / --to-mongodb-database goes with --to-mongodb-uri")
	case cfg.MongoURI == "" && to.DataDir != "" && samePath(cfg.DataDir, to.DataDir):
		return fmt.Errorf("源与目标是同一目录 %s / the source and the target are the same directory %s", to.DataDir, to.DataDir)
	}
	to.MongoTimeout = cfg.MongoTimeout
	src, logger, err := openTask(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := openStore(ctx, to, logger)
	if err != nil {
		return fmt.Errorf("打开目标存储 / open the target store: %w", err)
	}
	defer dst.Close()
	c := copier{src: src, dst: dst, out: stdout}
	return c.run(ctx)
}

// samePath reports whether two directory names name one directory (as far as their absolute
// forms tell).
func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// copier copies one store into another.
type copier struct {
	src, dst xiaoqi.Store
	out      io.Writer
}

// parts are the interfaces a store implements beside xiaoqi.Store, which a copy needs of both.
type parts struct {
	restorer xiaoqi.Restorer
	accounts xiaoqi.Accounts
	imports  xiaoqi.ImportJobs
}

func partsOf(s xiaoqi.Store) (parts, error) {
	var p parts
	var ok1, ok2, ok3 bool
	p.restorer, ok1 = s.(xiaoqi.Restorer)
	p.accounts, ok2 = s.(xiaoqi.Accounts)
	p.imports, ok3 = s.(xiaoqi.ImportJobs)
	if !ok1 || !ok2 || !ok3 {
		return p, fmt.Errorf("存储 %[1]T 不能复制 / the store %[1]T cannot be copied: it lacks accounts, import jobs or Restore", s)
	}
	return p, nil
}

func (c copier) run(ctx context.Context) error {
	from, err := partsOf(c.src)
	if err != nil {
		return err
	}
	to, err := partsOf(c.dst)
	if err != nil {
		return err
	}
	if err := c.checkEmpty(ctx, to); err != nil {
		return err
	}
	start := time.Now()
	before, err := c.src.LastSeq(ctx)
	if err != nil {
		return fmt.Errorf("read the source store: %w", err)
	}
	total := 0
	for _, k := range xiaoqi.Kinds {
		n, err := c.docs(ctx, to.restorer, k)
		if err != nil {
			return err
		}
		total += n
	}
	// A copy reads the source a page at a time: a write meanwhile (a MongoDB source that was
	// still served) may be in it or not, or a document counted twice or never. Such a copy
	// is no copy of any one state of the source.
	if after, err := c.src.LastSeq(ctx); err != nil {
		return fmt.Errorf("read the source store: %w", err)
	} else if after != before {
		return xiaoqi.Errorf(xiaoqi.ECONFLICT, "复制期间源存储有写入（变更序号 %[1]d → %[2]d），副本可能不一致：请停止对源的写入，删除目标后重新复制 / the source store was written to during the copy (its change feed went from %[1]d to %[2]d), so the copy may not match any one state of it: stop writes to the source, delete the target and copy again", before, after)
	}
	users, keys, err := copyAccounts(ctx, from.accounts, to.accounts)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "copy: %d 个账户 users, %d 个 API 密钥 API keys\n", users, keys)
	entries, err := copyAudit(ctx, from.accounts, to.accounts)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "copy: %d 条审计日志 audit log entries\n", entries)
	jobs, err := copyImportJobs(ctx, from.imports, to.imports)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "copy: %d 个导入任务 import jobs\n", jobs)
	fmt.Fprintf(c.out, "copy: 完成 done: %d documents, %d users, %d API keys, %d audit log entries, %d import jobs in %s\n",
		total, users, keys, entries, jobs, time.Since(start).Round(time.Millisecond))
	return nil
}

// checkEmpty refuses a target that has been written to: a copy adds to nothing, so that what
// it writes is the source's and nothing else (and the audit log's order is the source's).
func (c copier) checkEmpty(ctx context.Context, to parts) error {
	var held []string
	if seq, err := c.dst.LastSeq(ctx); err != nil {
		return fmt.Errorf("read the target store: %w", err)
	} else if seq > 0 {
		n := int64(0)
		for _, k := range xiaoqi.Kinds {
			m, err := c.dst.Count(ctx, k, nil)
			if err != nil {
				return fmt.Errorf("read the target store: %w", err)
			}
			n += m
		}
		held = append(held, fmt.Sprintf("%d documents (change feed at %d)", n, seq))
	}
	if users, err := to.accounts.Users(ctx); err != nil {
		return fmt.Errorf("read the target store: %w", err)
	} else if len(users) > 0 {
		held = append(held, plural(len(users), "user", "users"))
	}
	if entries, _, err := to.accounts.Audit(ctx, xiaoqi.AuditFilter{Limit: 1}); err != nil {
		return fmt.Errorf("read the target store: %w", err)
	} else if len(entries) > 0 {
		held = append(held, "an audit log")
	}
	if jobs, err := to.imports.ImportJobs(ctx); err != nil {
		return fmt.Errorf("read the target store: %w", err)
	} else if len(jobs) > 0 {
		held = append(held, plural(len(jobs), "import job", "import jobs"))
	}
	if len(held) > 0 {
		return xiaoqi.Errorf(xiaoqi.ECONFLICT, "目标存储不是空的，复制只写入新的存储（新的数据库或目录）；若是上次中断的复制，请先删除它 / the target store is not empty (it holds %s): copy into a new database or directory, or delete the target of a copy cut short first", strings.Join(held, ", "))
	}
	return nil
}

// docs copies the documents of kind k, a page at a time, and checks the target's count.
func (c copier) docs(ctx context.Context, to xiaoqi.Restorer, k xiaoqi.Kind) (int, error) {
	n := 0
	total, err := c.src.Count(ctx, k, nil)
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", k, err)
	}
	start, said := time.Now(), time.Now()
	for after := ""; ; {
		if time.Since(said) >= copyProgressEvery {
			// A large store takes minutes: say how far it is, at what rate.
			said = time.Now()
			fmt.Fprintf(c.out, "copy: %s %s %d/%d (%.0f/s)\n", xiaoqi.KindName(k), k, n, total, float64(n)/time.Since(start).Seconds())
		}
		page, err := c.src.List(ctx, k, xiaoqi.ListOptions{After: after, Limit: xiaoqi.MaxListLimit})
		if err != nil {
			return n, fmt.Errorf("read %s after %q: %w", k, after, err)
		}
		if len(page.Docs) > 0 {
			if _, err := to.Restore(ctx, page.Docs); err != nil {
				return n, fmt.Errorf("复制%[1]s失败 / copy %[2]s %[3]s: %[4]w", xiaoqi.KindName(k), k, failedDoc(err, page.Docs), err)
			}
			n += len(page.Docs)
		}
		if page.Next == "" {
			break
		}
		after = page.Next
	}
	got, err := c.dst.Count(ctx, k, nil)
	if err != nil {
		return n, fmt.Errorf("count %s in the target: %w", k, err)
	}
	if got != int64(n) {
		return n, fmt.Errorf("复制后目标有 %[2]d 个%[4]s，应为 %[3]d / the target holds %[2]d %[1]s after the copy, want %[3]d", k, got, n, xiaoqi.KindName(k))
	}
	fmt.Fprintf(c.out, "copy: %d 个%s %s\n", n, xiaoqi.KindName(k), k)
	return n, nil
}

// failedDoc names the document of docs that err, Restore's, names as docs[i]: its id, which
// the source can be corrected by (a record an older version stored that today's validation
// refuses); else the ids the batch spans.
func failedDoc(err error, docs []xiaoqi.Doc) string {
	for _, d := range xiaoqi.ErrorDetails(err) {
		var i int
		if _, serr := fmt.Sscanf(d.Field, "docs[%d]", &i); serr == nil && i >= 0 && i < len(docs) {
			return docs[i].Base().ID
		}
	}
	return fmt.Sprintf("%s … %s", docs[0].Base().ID, docs[len(docs)-1].Base().ID)
}

// copyProgressEvery is how often a copy says how far it is within a kind.
const copyProgressEvery = 5 * time.Second

// copyAccounts copies every user, as stored (password hash, role, scope, disabled), and each
// one's API keys (revoked ones too: the audit log and the users' lists name them).
func copyAccounts(ctx context.Context, from, to xiaoqi.Accounts) (users, keys int, err error) {
	list, err := from.Users(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("read the users: %w", err)
	}
	for _, u := range list {
		if err := to.CreateUser(ctx, u); err != nil {
			return users, keys, fmt.Errorf("write user %s (%s): %w", u.ID, u.Username, err)
		}
		users++
		ks, err := from.Keys(ctx, u.ID)
		if err != nil {
			return users, keys, fmt.Errorf("read the API keys of user %s: %w", u.ID, err)
		}
		for _, k := range ks {
			if err := to.PutKey(ctx, k); err != nil {
				return users, keys, fmt.Errorf("write API key %s: %w", k.ID, err)
			}
			keys++
		}
	}
	return users, keys, nil
}

// copyAudit appends the source's audit log to the target's, oldest first, each entry with its
// time; the target numbers them anew, in the same order.
func copyAudit(ctx context.Context, from, to xiaoqi.Accounts) (int, error) {
	n := 0
	for after := ""; ; {
		page, next, err := from.Audit(ctx, xiaoqi.AuditFilter{After: after, Limit: xiaoqi.MaxListLimit})
		if err != nil {
			return n, fmt.Errorf("read the audit log after %q: %w", after, err)
		}
		for i := range page {
			e := page[i]
			e.ID = ""
			if err := to.AppendAudit(ctx, &e); err != nil {
				return n, fmt.Errorf("write audit entry %s: %w", page[i].ID, err)
			}
			n++
		}
		if next == "" {
			return n, nil
		}
		after = next
	}
}

// copyImportJobs copies every import job with its report and report CSV.
func copyImportJobs(ctx context.Context, from, to xiaoqi.ImportJobs) (int, error) {
	list, err := from.ImportJobs(ctx)
	if err != nil {
		return 0, fmt.Errorf("read the import jobs: %w", err)
	}
	for i, j := range list {
		whole, err := from.ImportJob(ctx, j.ID)
		if err != nil {
			return i, fmt.Errorf("read import job %s: %w", j.ID, err)
		}
		cancel := whole.CancelRequested // a put keeps the target's, which is none
		if err := to.PutImportJob(ctx, whole); err != nil {
			return i, fmt.Errorf("write import job %s: %w", j.ID, err)
		}
		if cancel {
			if err := to.RequestImportCancel(ctx, j.ID); err != nil {
				return i, fmt.Errorf("write import job %s: %w", j.ID, err)
			}
		}
	}
	return len(list), nil
}

// plural writes n with the noun's singular or plural: 1 user, 2 users.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
