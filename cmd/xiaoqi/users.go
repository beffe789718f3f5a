package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/auth"
)

const usersUsage = `xiaoqi users — 账户管理 manage accounts (works on the store directly; with the embedded
store, stop serve first, or use the API: /api/v1/users)

  xiaoqi users add --username NAME --role admin|enterprise|institution|candidate
                   [--enterprise ent_…|--institution ins_…|--candidate cnd_…] [--password-stdin]
      新建账户 create a user. Without --password-stdin a strong random password is generated and
      printed once. There is no default password anywhere.
  xiaoqi users key --username NAME [--name LABEL] [--expires 720h]
      新建 API 密钥 create an API key for the user, printed once.
  xiaoqi users passwd --username NAME [--password-stdin]
      重设密码 set a new password (random unless given on stdin); the user's open sessions end.
  xiaoqi users revoke --key KEY_ID
      撤销密钥 revoke an API key.
  xiaoqi users disable --username NAME
      停用账户 disable a user: no sign-in, no key, open sessions end; password and keys are kept.
  xiaoqi users enable --username NAME
      启用账户 enable a disabled user again.
  xiaoqi users list
      列出账户 list users and their keys (never secrets).
`

// RunUsers runs `xiaoqi users <add|key|passwd|revoke|disable|enable|list>`. stdin feeds --password-stdin.
func RunUsers(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprint(stderr, usersUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			return flag.ErrHelp
		}
		return errUsage
	}
	sub := args[0]
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("users "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.bindCommon(fs, getenv)
	var (
		username, role, enterprise, institution, candidate, name, keyID string
		pwStdin                                                         bool
		expires                                                         time.Duration
	)
	switch sub {
	case "add":
		fs.StringVar(&role, "role", "", "admin, enterprise, institution or candidate")
		fs.StringVar(&enterprise, "enterprise", "", "enterprise id (ent_…) for role enterprise")
		fs.StringVar(&institution, "institution", "", "institution id (ins_…) for role institution")
		fs.StringVar(&candidate, "candidate", "", "candidate id (cnd_…) for role candidate")
		fallthrough
	case "passwd":
		fs.StringVar(&username, "username", "", "the user's sign-in name")
		fs.BoolVar(&pwStdin, "password-stdin", false, "read the password from the first line of standard input")
	case "key":
		fs.StringVar(&username, "username", "", "the user's sign-in name")
		fs.StringVar(&name, "name", "", "a label for the key")
		fs.DurationVar(&expires, "expires", 0, "the key ends after this long (0: never)")
	case "disable", "enable":
		fs.StringVar(&username, "username", "", "the user's sign-in name")
	case "revoke":
		fs.StringVar(&keyID, "key", "", "the key's id (the part after xq_, before the second _)")
	case "list":
	default:
		fmt.Fprintf(stderr, "xiaoqi users: 未知子命令 / unknown subcommand %q\n\n%s", sub, usersUsage)
		return errUsage
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\nxiaoqi users %s 的参数 flags:\n", usersUsage, sub)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if (sub == "add" || sub == "passwd" || sub == "key" || sub == "disable" || sub == "enable") && username == "" {
		return errors.New("必须指定 --username / --username is required")
	}
	if expires < 0 {
		// --expires -5h made a key that never expires, listed as active.
		return fmt.Errorf("--expires 须为正的时长（如 720h）或 0（永不过期），不能是 %[1]s / --expires must be a positive duration such as 720h, or 0 (never), not %[1]s", expires)
	}
	if sub == "revoke" && keyID == "" {
		return errors.New("必须指定 --key / --key is required")
	}
	if err := cfg.check(); err != nil {
		return err
	}
	logger := cfg.newLogger(stderr)
	// Only add may create the embedded store (the first administrator of a new install):
	// passwd without XIAOQI_MONGODB_URI created an empty one in ./data and said only "no user
	// named ops", and the operator could not tell which store had been read.
	where, whereZh := "MongoDB (XIAOQI_MONGODB_URI)", "MongoDB（XIAOQI_MONGODB_URI）"
	if cfg.MongoURI == "" {
		file := filepath.Join(cfg.DataDir, storeFile)
		where, whereZh = file, file
		if _, err := os.Stat(file); os.IsNotExist(err) {
			if sub != "add" {
				return fmt.Errorf("没有存储：%[1]s 不存在，未创建；请用 --data-dir（XIAOQI_DATA_DIR）指定 serve 使用的目录，或用 XIAOQI_MONGODB_URI 指定 MongoDB / "+
					"no store: %[1]s does not exist, and users %[2]s creates none; name the directory serve uses with --data-dir (XIAOQI_DATA_DIR), or MongoDB with XIAOQI_MONGODB_URI", file, sub)
			}
			where, whereZh = file+" (new)", file+"（新建）"
		}
	}
	fmt.Fprintf(stderr, "存储：%s / store: %s\n", whereZh, where)
	store, err := openStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	accounts, ok := store.(xiaoqi.Accounts)
	if !ok {
		return fmt.Errorf("存储 %[1]T 不保存账户 / the store %[1]T keeps no accounts", store)
	}
	svc := auth.New(accounts, auth.Options{})

	password := func() (string, bool, error) {
		if !pwStdin {
			pw, err := randomPassword(username)
			return pw, true, err
		}
		line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", false, err
		}
		pw := strings.TrimRight(line, "\r\n")
		if pw == "" {
			// An empty line made an account without a password (add) or removed the password
			// (passwd), and said "password set": a failed command before the pipe gives one.
			return "", false, errors.New("--password-stdin：标准输入的第一行为空，未设置密码 / --password-stdin: the first line of standard input is empty; no password was set")
		}
		return pw, false, nil
	}

	switch sub {
	case "add":
		pw, generated, err := password()
		if err != nil {
			return err
		}
		u := &xiaoqi.User{Username: username, Role: xiaoqi.Role(role), EnterpriseID: enterprise,
			InstitutionID: institution, CandidateID: candidate}
		// Said by the flag, not by the field of the API (enterprise_id), which no flag is named.
		for _, sc := range []struct{ role, flag, value, what string }{
			{string(xiaoqi.RoleEnterprise), "enterprise", enterprise, "企业编号 ent_… / the id of its enterprise, ent_…"},
			{string(xiaoqi.RoleInstitution), "institution", institution, "院校编号 ins_… / the id of its institution, ins_…"},
			{string(xiaoqi.RoleCandidate), "candidate", candidate, "候选人编号 cnd_… / the id of the candidate's profile, cnd_…"},
		} {
			if role == sc.role && sc.value == "" {
				zh, en, _ := strings.Cut(sc.what, " / ")
				return fmt.Errorf("角色 %[1]s 须用 --%[2]s 指定所属对象（%[3]s） / --%[2]s is required for role %[1]s (%[4]s)", role, sc.flag, zh, en)
			}
		}
		if err := xiaoqi.CheckScope(ctx, store, u); err != nil {
			return err
		}
		if err := svc.AddUser(ctx, u, pw); err != nil {
			return err
		}
		if err := auditCandidate(ctx, accounts, u, "创建账户 / account created"); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "用户已创建 user created: %s (%s, id %s)\n", u.Username, u.Role, u.ID)
		if generated {
			fmt.Fprintf(stdout, "密码（只显示这一次）password (shown only this once): %s\n", pw)
		}
	case "passwd":
		u, err := accounts.UserByName(ctx, username)
		if err != nil {
			return err
		}
		pw, generated, err := password()
		if err != nil {
			return err
		}
		if err := svc.SetPassword(ctx, u.ID, pw); err != nil {
			return err
		}
		if err := auditCandidate(ctx, accounts, u, "设置密码 / password set"); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "密码已更新 password set for %s\n", u.Username)
		if generated {
			fmt.Fprintf(stdout, "密码（只显示这一次）password (shown only this once): %s\n", pw)
		}
	case "key":
		u, err := accounts.UserByName(ctx, username)
		if err != nil {
			return err
		}
		var until time.Time
		if expires > 0 {
			until = time.Now().Add(expires)
		}
		key, k, err := svc.CreateKey(ctx, u.ID, name, until)
		if err != nil {
			return err
		}
		if err := auditCandidate(ctx, accounts, u, "创建 API 密钥 / API key created"); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "API 密钥已创建 key %s created for %s; the key (shown only this once):\n%s\n", k.ID, u.Username, key)
	case "disable", "enable":
		u, err := accounts.UserByName(ctx, username)
		if err != nil {
			return err
		}
		was := u.Disabled
		if u, err = svc.SetDisabled(ctx, u.ID, sub == "disable"); err != nil {
			return err
		}
		if was != u.Disabled {
			what := map[bool]string{true: "停用账户 / account disabled", false: "启用账户 / account enabled"}[u.Disabled]
			if err := auditCandidate(ctx, accounts, u, what); err != nil {
				return err
			}
		}
		if u.Disabled {
			fmt.Fprintf(stdout, "账户已停用 user %s disabled: no sign-in, no key, open sessions ended\n", u.Username)
		} else {
			fmt.Fprintf(stdout, "账户已启用 user %s enabled\n", u.Username)
		}
	case "revoke":
		if err := svc.RevokeKey(ctx, keyID); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "密钥已撤销 key %s revoked\n", keyID)
	case "list":
		users, err := accounts.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "用户名 USERNAME\t角色 ROLE\t范围 SCOPE\tID\t密钥 KEYS")
		for _, u := range users {
			keys, err := accounts.Keys(ctx, u.ID)
			if err != nil {
				return err
			}
			var ks []string
			for _, k := range keys {
				state := "active"
				if !k.Active(time.Now()) {
					state = "inactive"
				}
				ks = append(ks, k.ID+"("+state+")")
			}
			role := string(u.Role)
			if u.Disabled {
				role += " (已停用 disabled)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Username, role,
				u.EnterpriseID+u.InstitutionID+u.CandidateID, u.ID, strings.Join(ks, " "))
		}
		return tw.Flush()
	}
	return nil
}

// auditCandidate writes to the audit log what an operator did to an account at the command
// line, as the API does for an administrator: a candidate's in their own log (creating it,
// setting its password or making it a key lets whoever ran the command sign in as the
// candidate), anyone else's under their user ID (AuditUserAccount).
func auditCandidate(ctx context.Context, accounts xiaoqi.Accounts, u *xiaoqi.User, what string) error {
	e := &xiaoqi.AuditEntry{Action: xiaoqi.AuditUserAccount, ActorID: "cli", ActorRole: xiaoqi.RoleAdmin, SubjectID: u.ID,
		Reason: xiaoqi.AccountReason(what, "命令行 xiaoqi users / command line, xiaoqi users", u.Username)}
	if u.Role == xiaoqi.RoleCandidate && u.CandidateID != "" {
		e.Action, e.SubjectID = xiaoqi.AuditAccount, u.CandidateID
	}
	if err := accounts.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("审计日志写入失败 / audit the account of %s: %w", e.SubjectID, err)
	}
	return nil
}

// randomPassword returns a random password that auth accepts for username: crypto/rand.Text
// gives 26 base32 characters (130 bits).
func randomPassword(username string) (string, error) {
	for range 100 {
		if pw := rand.Text(); auth.CheckPassword(pw, username) == nil {
			return pw, nil
		}
	}
	return "", errors.New("随机生成的密码均未通过密码规则 / no random password passed the password rules")
}
