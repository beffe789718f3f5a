package xiaoqi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Role is what a user may do (README: Security and privacy). Everyone not signed in is RolePublic.
type Role string

// Roles.
const (
	// RoleAdmin administers the service: users, imports, every document. An administrator
	// sees candidates anonymised like everyone else; only the candidate and HR of an
	// enterprise the candidate consented to see contact details.
	RoleAdmin Role = "admin"
	// RoleEnterprise is enterprise HR: changes only its enterprise (User.EnterpriseID) and
	// that enterprise's job needs; may ask for the contact details of consenting candidates.
	RoleEnterprise Role = "enterprise"
	// RoleInstitution is institution staff: changes only its institution (User.InstitutionID)
	// and its programs.
	RoleInstitution Role = "institution"
	// RoleCandidate is a candidate: reads, changes, exports and erases its own profile
	// (User.CandidateID) and reads the audit log of its own record.
	RoleCandidate Role = "candidate"
	// RolePublic searches public data and sees candidates only anonymised.
	RolePublic Role = "public"
)

// Roles lists the roles a user account can have (RolePublic is the absence of one).
var Roles = []Role{RoleAdmin, RoleEnterprise, RoleInstitution, RoleCandidate}

// ValidRole reports whether r is a role an account can have.
func ValidRole(r Role) bool { return slices.Contains(Roles, r) }

// User is an account. The scope fields say whose data a user may change: EnterpriseID for
// RoleEnterprise, InstitutionID for RoleInstitution, CandidateID for RoleCandidate.
type User struct {
	ID            string `json:"id" bson:"_id"`
	Username      string `json:"username" bson:"username"`
	Role          Role   `json:"role" bson:"role"`
	EnterpriseID  string `json:"enterprise_id,omitempty" bson:"enterprise_id,omitempty"`
	InstitutionID string `json:"institution_id,omitempty" bson:"institution_id,omitempty"`
	CandidateID   string `json:"candidate_id,omitempty" bson:"candidate_id,omitempty"`
	// PasswordHash is the argon2id hash of the password in PHC string format, "" when the
	// user signs in with API keys only. The API never shows it.
	PasswordHash string    `json:"password_hash,omitempty" bson:"password_hash,omitempty"`
	Disabled     bool      `json:"disabled,omitempty" bson:"disabled,omitempty"`
	CreatedAt    time.Time `json:"created_at" bson:"created_at"`
	UpdatedAt    time.Time `json:"updated_at" bson:"updated_at"`
}

// userScopes are the documents the scoped roles act for, and the User field naming each.
var userScopes = []struct {
	role  Role
	field string
	kind  Kind
}{
	{RoleEnterprise, "enterprise_id", KindEnterprise},
	{RoleInstitution, "institution_id", KindInstitution},
	{RoleCandidate, "candidate_id", KindCandidate},
}

func (u *User) scopeField(r Role) *string {
	switch r {
	case RoleEnterprise:
		return &u.EnterpriseID
	case RoleInstitution:
		return &u.InstitutionID
	case RoleCandidate:
		return &u.CandidateID
	}
	return nil
}

// NewUser returns a user of role acting for scope: the id of its enterprise, institution or
// candidate, "" for an administrator.
func NewUser(username string, role Role, scope string) *User {
	u := &User{Username: username, Role: role}
	if f := u.scopeField(role); f != nil {
		*f = scope
	}
	return u
}

// CheckScope checks that the document u acts for exists in s: EINVALID naming the field when
// it does not. A missing or malformed id is left to Validate.
func CheckScope(ctx context.Context, s Store, u *User) error {
	for _, sc := range userScopes {
		if sc.role != u.Role {
			continue
		}
		id := *u.scopeField(sc.role)
		if id == "" || CheckID(sc.kind, id) != nil {
			continue // Validate reports it
		}
		if _, err := s.Get(ctx, sc.kind, id); ErrorCode(err) == ENOTFOUND {
			return &Error{Code: EINVALID, Message: fmt.Sprintf("所属对象不存在：%[1]s 指向的%[4]s %[3]s 不存在 / %[1]s: no %[2]s %[3]s", sc.field, sc.kind, id, KindName(sc.kind)),
				Details: []FieldError{{Field: sc.field, Message: fmt.Sprintf("%[3]s %[2]s 不存在 / no %[1]s %[2]s", sc.kind, id, KindName(sc.kind))}}}
		} else if err != nil {
			return err
		}
	}
	return nil
}

// Validate checks a user before it is stored: only the scope field of its role is set, and
// it holds an id of the right kind.
func (u *User) Validate() error {
	var v validation
	v.accountID("id", u.ID)
	v.required("username", u.Username)
	if n := len([]rune(u.Username)); n > 64 {
		v.add("username", "用户名过长（最多 64 个字）", "is longer than 64 characters")
	}
	for i, r := range u.Username {
		// Control and invisible format characters (U+0001, U+202E, U+200B) make names that
		// look like another's in lists and the audit log, and that nobody can type to sign in.
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			v.add("username", "含有控制字符或不可见字符 %U（第 %d 字节）", "holds the control or invisible character %U (byte %d)", r, i)
			break
		}
	}
	if !ValidRole(u.Role) {
		v.add("role", "须为 admin、enterprise、institution 或 candidate，不能是 %q", "must be admin, enterprise, institution or candidate, not %q", u.Role)
	}
	for _, sc := range userScopes {
		switch id := *u.scopeField(sc.role); {
		case sc.role == u.Role && id == "":
			v.add(sc.field, "角色 %s 必须指定所属对象", "is required for role %s", u.Role)
		case sc.role != u.Role && id != "":
			v.add(sc.field, "仅适用于角色 %s", "is only for role %s", sc.role)
		case id != "" && CheckID(sc.kind, id) != nil:
			v.add(sc.field, "编号格式错误：须为 %s 的编号，不能是 %q", "must be a %s id, not %q", sc.kind, id)
		}
	}
	return v.err("user")
}

// APIKey is a secret a program presents as "Authorization: Bearer xq_<id>_<secret>". Only an
// argon2id hash of the secret is stored; the whole key is shown once, when it is created or
// rotated.
type APIKey struct {
	// ID is the public part of the key; it names the key in lists and logs.
	ID     string `json:"id" bson:"_id"`
	UserID string `json:"user_id" bson:"user_id"`
	// Name is a label chosen by its owner ("ERP 同步").
	Name string `json:"name,omitempty" bson:"name,omitempty"`
	// Hash is the argon2id hash of the secret part, in PHC string format.
	Hash      string    `json:"-" bson:"hash"`
	CreatedAt time.Time `json:"created_at" bson:"created_at"`
	// RotatedAt is when the secret was last replaced; the old secret stopped working then.
	RotatedAt time.Time `json:"rotated_at,omitzero" bson:"rotated_at,omitempty"`
	// ExpiresAt, when set, ends the key.
	ExpiresAt time.Time `json:"expires_at,omitzero" bson:"expires_at,omitempty"`
	// RevokedAt, when set, ended the key for good.
	RevokedAt time.Time `json:"revoked_at,omitzero" bson:"revoked_at,omitempty"`
}

// Validate checks a key before it is stored.
func (k *APIKey) Validate() error {
	var v validation
	v.accountID("id", k.ID)
	v.accountID("user_id", k.UserID)
	v.required("hash", k.Hash)
	return v.err("API key")
}

// Active reports whether the key may be used at now.
func (k *APIKey) Active(now time.Time) bool {
	return k.RevokedAt.IsZero() && (k.ExpiresAt.IsZero() || now.Before(k.ExpiresAt))
}

// Session is a signed-in browser. The cookie carries a random token; the store keeps only its
// SHA-256 (a 256-bit random token cannot be guessed, so a slow hash adds nothing).
type Session struct {
	// ID is the hex SHA-256 of the token.
	ID        string    `json:"id" bson:"_id"`
	UserID    string    `json:"user_id" bson:"user_id"`
	CreatedAt time.Time `json:"created_at" bson:"created_at"`
	ExpiresAt time.Time `json:"expires_at" bson:"expires_at"`
}

// Validate checks a session before it is stored.
func (s *Session) Validate() error {
	var v validation
	v.accountID("id", s.ID)
	v.accountID("user_id", s.UserID)
	if s.ExpiresAt.IsZero() {
		v.add("expires_at", "必填", "is required")
	}
	return v.err("session")
}

// Audit actions.
const (
	// AuditContactRelease: a candidate's contact details were shown to enterprise HR.
	AuditContactRelease = "contact.release"
	// AuditContactRefused: enterprise HR asked for a candidate's contact details, giving a
	// reason, and was refused (no consent; or public contact, and the enterprise unverified):
	// the candidate sees who asked, and may consent.
	AuditContactRefused = "contact.refused"
	// AuditExport: a candidate exported their own data.
	AuditExport = "candidate.export"
	// AuditErase: a candidate was erased.
	AuditErase = "candidate.erase"
	// AuditConsent: someone other than the candidate changed whom their contact details may
	// reach (consent_enterprises, visibility); Reason says what changed.
	AuditConsent = "candidate.consent"
	// AuditAccount: an administrator created a candidate's account, set its password or made
	// it an API key, any of which lets the administrator sign in as the candidate.
	AuditAccount = "candidate.account"
	// AuditUserAccount: an administrator (or an operator at the command line) created,
	// disabled, enabled or deleted the account of another user who is not a candidate, set
	// its password or made it an API key. SubjectID is then the user's ID, not a candidate's;
	// Reason says what, with the username.
	AuditUserAccount = "user.account"
)

// AuditEntry records one access to personal data: who, whose, when, why.
type AuditEntry struct {
	// ID orders entries: entries appended later have greater IDs.
	ID     string    `json:"id" bson:"_id"`
	Time   time.Time `json:"time" bson:"time"`
	Action string    `json:"action" bson:"action"`
	// ActorID is the user who acted, ActorRole their role, ActorEnterpriseID the enterprise they
	// acted for (HR).
	ActorID           string `json:"actor_id" bson:"actor_id"`
	ActorRole         Role   `json:"actor_role" bson:"actor_role"`
	ActorEnterpriseID string `json:"actor_enterprise_id,omitempty" bson:"actor_enterprise_id,omitempty"`
	// SubjectID is the candidate whose data was accessed (the user whose account was managed,
	// for AuditUserAccount); after erasure it is replaced by ErasedSubject and the entry keeps
	// only that something was released, when and to whom.
	SubjectID string `json:"subject_id" bson:"subject_id"`
	// Reason is why, as the actor gave it.
	Reason string `json:"reason,omitempty" bson:"reason,omitempty"`
	// Fields names what was released: name, phone, email.
	Fields []string `json:"fields,omitempty" bson:"fields,omitempty"`
	// ErasedKey, in an AuditErase entry, is ErasedKey of the erased candidate's natural key
	// (the file and row an import brought them from), so that importing that row again brings
	// no one back: a digest, from which the key cannot be read.
	ErasedKey string `json:"erased_key,omitempty" bson:"erased_key,omitempty"`
	// ErasedIdentity, in an AuditErase entry, holds the erased candidate's IdentityKeys (name
	// with phone, name with e-mail), so that no list brings them back under another source or
	// file name either. Digests, kept by the store and shown to no one.
	ErasedIdentity []string `json:"-" bson:"erased_identity,omitempty"`
}

// Validate checks an entry before it is appended.
func (e *AuditEntry) Validate() error {
	var v validation
	v.required("action", e.Action)
	v.accountID("subject_id", e.SubjectID)
	return v.err("audit entry")
}

// AuditReason joins the halves of an audit entry's reason as the API's other texts are
// joined, "中文 / English", of which the web UI shows the page's language (apiText). Reasons
// written before ran the two together ("创建账户 account created (wxm)"); the UI shows those as
// they are.
func AuditReason(zh, en string) string { return zh + " / " + en }

// AccountReason is the reason of an audit entry about the account of username: what was done
// (what, "中文 / English"), and by whom when not through the API (by, "中文 / English", or "").
func AccountReason(what, by, username string) string {
	zh, en, _ := strings.Cut(what, " / ")
	if byZh, byEn, ok := strings.Cut(by, " / "); ok {
		zh, en = zh+"（"+byZh+"）", en+" ("+byEn+")"
	}
	return AuditReason(zh+"（"+username+"）", en+" ("+username+")")
}

// ErasedSubject replaces the subject of audit entries about an erased candidate.
const ErasedSubject = "erased"

// ErasedKey is the digest of an erased candidate's natural key that their erasure's audit
// entry keeps; "" for a candidate without one (who signed up themselves).
func ErasedKey(naturalKey string) string {
	if naturalKey == "" {
		return ""
	}
	sum := sha256.Sum256([]byte("candidate\x00" + naturalKey))
	return hex.EncodeToString(sum[:16])
}

// ErasedKeys returns the ErasedKey and the IdentityKeys of every candidate erased so far, read
// from the audit log (see Erased):
// an import refuses their rows, since the person asked to be forgotten, and the school's next
// list that still names them must not bring them back.
func ErasedKeys(ctx context.Context, a Accounts) (map[string]bool, error) {
	keys := map[string]bool{}
	f := AuditFilter{SubjectID: ErasedSubject, Limit: MaxListLimit}
	for {
		page, next, err := a.Audit(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, e := range page {
			if e.Action != AuditErase {
				continue
			}
			if e.ErasedKey != "" {
				keys[e.ErasedKey] = true
			}
			for _, k := range e.ErasedIdentity {
				keys[k] = true
			}
		}
		if next == "" {
			return keys, nil
		}
		f.After = next
	}
}

// AuditFilter selects audit entries, oldest first (newest first with Newest), one page at a
// time.
type AuditFilter struct {
	SubjectID string
	ActorID   string
	// After is the ID of the last entry of the previous page: the page holds the entries
	// appended after it, or with Newest those appended before it.
	After string
	// Newest lists the newest entries first, as an administrator reads the log.
	Newest bool
	// Limit defaults to DefaultListLimit and is capped at MaxListLimit.
	Limit int
}

// accountID checks an ID that stores key accounts by: present, and without NUL, which the
// embedded store uses to separate the parts of a key.
func (v *validation) accountID(field, value string) {
	v.required(field, value)
	if strings.IndexByte(value, 0) >= 0 {
		v.add(field, "含有非法字符（NUL）", "contains a NUL byte")
	}
}

// Accounts keeps users, API keys, sessions and the audit log. bolt and mongodb implement it
// beside Store, in the same file or database; storetest.TestAccounts is its conformance suite.
// Accounts are not documents: they have no change feed and are never indexed.
type Accounts interface {
	// CreateUser stores a new user; ECONFLICT when the ID or the username is taken.
	CreateUser(ctx context.Context, u *User) error
	// UpdateUser replaces a stored user; ENOTFOUND when absent, ECONFLICT when the new username
	// is taken by another user.
	UpdateUser(ctx context.Context, u *User) error
	// User returns a user by ID, UserByName by username; ENOTFOUND when absent.
	User(ctx context.Context, id string) (*User, error)
	UserByName(ctx context.Context, username string) (*User, error)
	// Users returns all users in username order. (There are few: people, not records.)
	Users(ctx context.Context) ([]*User, error)
	// DeleteUser removes a user with its keys and sessions; ENOTFOUND when absent.
	DeleteUser(ctx context.Context, id string) error

	// PutKey stores a key, new or changed (rotated, revoked).
	PutKey(ctx context.Context, k *APIKey) error
	// Key returns a key by ID; ENOTFOUND when absent.
	Key(ctx context.Context, id string) (*APIKey, error)
	// Keys returns a user's keys in ID order.
	Keys(ctx context.Context, userID string) ([]*APIKey, error)

	// PutSession stores a session; Session returns one (ENOTFOUND when absent or expired);
	// DeleteSession removes one (no error when absent). Expired sessions are removed as
	// PutSession meets them.
	PutSession(ctx context.Context, s *Session) error
	Session(ctx context.Context, id string) (*Session, error)
	DeleteSession(ctx context.Context, id string) error

	// AppendAudit appends an entry, setting its ID (increasing) and, when zero, its Time.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	// Audit returns entries matching f, oldest first (newest first with f.Newest), and the
	// After of the next page ("" on the last).
	Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, string, error)
	// RedactAudit replaces subjectID by ErasedSubject in every entry about it and clears their
	// Reason (which may name the person); it returns how many entries changed.
	RedactAudit(ctx context.Context, subjectID string) (int, error)
}
