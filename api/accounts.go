package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/auth"
)

// Accounts: sign-in sessions for the web UI, users and their API keys.
//
//	POST   /api/v1/session              sign in (username, password) → cookie + csrf_token
//	GET    /api/v1/session              who am I
//	DELETE /api/v1/session              sign out
//	GET    /api/v1/users                administrators
//	POST   /api/v1/users                administrators: create a user
//	GET    /api/v1/users/:id            administrators, the user
//	DELETE /api/v1/users/:id            administrators
//	PUT    /api/v1/users/:id/password   administrators, the user (with the current password)
//	GET    /api/v1/users/:id/keys       administrators, the user
//	PUT    /api/v1/users/:id/disabled   administrators: disable or enable a user
//	POST   /api/v1/users/:id/keys       administrators, the user: the key is shown once
//	POST   /api/v1/keys/:id/rotate      administrators, the key's user: new secret shown once
//	DELETE /api/v1/keys/:id             administrators, the key's user: revoke
func (s *Server) accountRoutes(v1 *gin.RouterGroup) {
	// No account route takes a query parameter: one would be ignored without a word
	// (POST /users/{id}/keys?expires=720h made a key that never expires).
	v1.POST("/session", s.noQuery, s.login)
	getHead(v1, "/session", s.session)
	v1.DELETE("/session", s.noQuery, s.logout)
	admin := s.requireRole(xiaoqi.RoleAdmin)
	signedIn := s.requireRole(xiaoqi.Roles...)
	getHead(v1, "/users", admin, s.listUsers)
	v1.POST("/users", admin, s.noQuery, s.createUser)
	getHead(v1, "/users/:id", signedIn, s.getUser)
	v1.DELETE("/users/:id", admin, s.noQuery, s.deleteUser)
	v1.PUT("/users/:id/password", signedIn, s.noQuery, s.setPassword)
	v1.PUT("/users/:id/disabled", admin, s.noQuery, s.setDisabled)
	getHead(v1, "/users/:id/keys", signedIn, s.listKeys)
	v1.POST("/users/:id/keys", signedIn, s.noQuery, s.createKey)
	v1.POST("/keys/:id/rotate", signedIn, s.noQuery, s.rotateKey)
	v1.DELETE("/keys/:id", signedIn, s.noQuery, s.revokeKey)
}

// noQuery answers 400 to a request with a query parameter, for routes that take none.
func (s *Server) noQuery(c *gin.Context) {
	if err := noParams(c); err != nil {
		s.writeError(c, err)
		c.Abort()
	}
}

// Bounds of account request fields.
const (
	maxUsername = 64  // runes
	maxPassword = 128 // bytes
	maxKeyName  = 64  // runes
	// sessionMaxAge is the cookie's lifetime; the store's session ends it too.
	sessionMaxAge = 12 * time.Hour
)

// userView is a user as the API shows it: never the password hash.
type userView struct {
	ID            string      `json:"id"`
	Username      string      `json:"username"`
	Role          xiaoqi.Role `json:"role"`
	EnterpriseID  string      `json:"enterprise_id,omitempty"`
	InstitutionID string      `json:"institution_id,omitempty"`
	CandidateID   string      `json:"candidate_id,omitempty"`
	// ScopeName names the enterprise or institution, in the list of accounts only.
	ScopeName   string    `json:"scope_name,omitempty"`
	Disabled    bool      `json:"disabled,omitempty"`
	HasPassword bool      `json:"has_password"`
	CreatedAt   time.Time `json:"created_at"`
}

func viewUser(u *xiaoqi.User) *userView {
	if u == nil {
		return nil
	}
	return &userView{ID: u.ID, Username: u.Username, Role: u.Role, EnterpriseID: u.EnterpriseID,
		InstitutionID: u.InstitutionID, CandidateID: u.CandidateID, Disabled: u.Disabled,
		HasPassword: u.PasswordHash != "", CreatedAt: u.CreatedAt}
}

// decodeStrict reads a small JSON object into v: no unknown fields, no trailing data.
func (s *Server) decodeStrict(c *gin.Context, v any) error {
	data, err := readBody(c, s.maxBody)
	if err != nil {
		return err
	}
	if first(data) != '{' {
		return invalid("body", "须为 JSON 对象 / must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err, data, "", v)
	}
	return trailing(dec)
}

// needAuth answers 503 when the server has no accounts configured.
func (s *Server) needAuth(c *gin.Context) bool {
	if s.auth == nil || s.accounts == nil {
		s.writeError(c, xiaoqi.Errorf(xiaoqi.EUNAVAILABLE, "账户功能未配置 / accounts are not configured on this server"))
		return false
	}
	return true
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type sessionJSON struct {
	User      *userView `json:"user"`
	CSRFToken string    `json:"csrf_token"`
}

// login answers POST /api/v1/session.
func (s *Server) login(c *gin.Context) {
	if !s.needAuth(c) {
		return
	}
	var r loginRequest
	if err := s.decodeStrict(c, &r); err != nil {
		s.writeError(c, err)
		return
	}
	r.Username = strings.TrimSpace(r.Username)
	switch {
	case r.Username == "" || !utf8.ValidString(r.Username) || utf8.RuneCountInString(r.Username) > maxUsername:
		s.writeError(c, invalid("username", "必填，最多 %[2]d 个字符 / is required, at most %[1]d characters", maxUsername, maxUsername))
		return
	case r.Password == "" || len(r.Password) > maxPassword:
		s.writeError(c, invalid("password", "必填，最多 %[2]d 字节 / is required, at most %[1]d bytes", maxPassword, maxPassword))
		return
	}
	if !s.allow(c, s.limits.loginAddr, c.ClientIP()) || !s.allow(c, s.limits.loginName, r.Username) {
		return
	}
	token, u, err := s.auth.Login(c.Request.Context(), r.Username, r.Password)
	if err != nil {
		s.writeError(c, err)
		return
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: SessionCookie, Value: token, Path: "/",
		MaxAge: int(sessionMaxAge.Seconds()), HttpOnly: true, Secure: s.secureCookie(c),
		SameSite: http.SameSiteStrictMode})
	v := viewUser(u)
	v.HasPassword = true // signed in with it (the user auth returns carries no hash)
	s.writeJSON(c, http.StatusOK, sessionJSON{User: v, CSRFToken: auth.CSRFToken(token)})
}

// session answers GET /api/v1/session: the signed-in user, or null.
func (s *Server) session(c *gin.Context) {
	if err := noParams(c); err != nil {
		s.writeError(c, err)
		return
	}
	p := who(c)
	out := sessionJSON{User: viewUser(p.user)}
	if out.User != nil && s.accounts != nil {
		// The signed-in user carries no password hash (auth clears it): read whether there is one.
		if u, err := s.accounts.User(c.Request.Context(), p.user.ID); err == nil {
			out.User.HasPassword = u.PasswordHash != ""
		}
	}
	if p.session != "" {
		out.CSRFToken = auth.CSRFToken(p.session)
	}
	s.writeJSON(c, http.StatusOK, out)
}

// logout answers DELETE /api/v1/session.
func (s *Server) logout(c *gin.Context) {
	if p := who(c); p.session != "" && s.auth != nil {
		if err := s.auth.Logout(c.Request.Context(), p.session); err != nil {
			s.writeError(c, err)
			return
		}
	}
	s.clearSessionCookie(c)
	c.Status(http.StatusNoContent)
}

// secureCookie says whether the session cookie is sent over HTTPS only: when this server
// terminates TLS, or when Config.SecureCookies says a proxy in front does.
func (s *Server) secureCookie(c *gin.Context) bool { return c.Request.TLS != nil || s.secureCookies }

func (s *Server) clearSessionCookie(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookie(c), SameSite: http.SameSiteStrictMode})
}

// listUsers answers GET /api/v1/users.
func (s *Server) listUsers(c *gin.Context) {
	if !s.needAuth(c) {
		return
	}
	if err := noParams(c); err != nil {
		s.writeError(c, err)
		return
	}
	us, err := s.accounts.Users(c.Request.Context())
	if err != nil {
		s.writeError(c, err)
		return
	}
	names, err := s.scopeNames(c.Request.Context(), us)
	if err != nil {
		s.writeError(c, err)
		return
	}
	out := make([]*userView, 0, len(us))
	for _, u := range us {
		v := viewUser(u)
		v.ScopeName = names[u.EnterpriseID+u.InstitutionID]
		out = append(out, v)
	}
	s.writeJSON(c, http.StatusOK, gin.H{"data": out})
}

// scopeNames reads the names of the enterprises and institutions of users, each once, by
// id: an administrator finds HR by their firm among 500 accounts (the ids alone said
// nothing). A candidate's name is personal data and stays out; a deleted scope has none.
func (s *Server) scopeNames(ctx context.Context, users []*xiaoqi.User) (map[string]string, error) {
	names := map[string]string{}
	for _, u := range users {
		k, id := xiaoqi.KindEnterprise, u.EnterpriseID
		if id == "" {
			k, id = xiaoqi.KindInstitution, u.InstitutionID
		}
		if _, done := names[id]; id == "" || done {
			continue
		}
		d, err := s.store.Get(ctx, k, id)
		if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
			names[id] = ""
			continue
		} else if err != nil {
			return nil, err
		}
		switch d := d.(type) {
		case *xiaoqi.Enterprise:
			names[id] = d.Name
		case *xiaoqi.Institution:
			names[id] = d.Name
		}
	}
	return names, nil
}

type userRequest struct {
	Username      string      `json:"username"`
	Role          xiaoqi.Role `json:"role"`
	EnterpriseID  string      `json:"enterprise_id"`
	InstitutionID string      `json:"institution_id"`
	CandidateID   string      `json:"candidate_id"`
	Password      string      `json:"password"`
}

// createUser answers POST /api/v1/users. The scope it names must exist.
func (s *Server) createUser(c *gin.Context) {
	if !s.needAuth(c) {
		return
	}
	var r userRequest
	if err := s.decodeStrict(c, &r); err != nil {
		s.writeError(c, err)
		return
	}
	if len(r.Password) > maxPassword {
		s.writeError(c, invalid("password", "最多 %[2]d 字节 / at most %[1]d bytes", maxPassword, maxPassword))
		return
	}
	u := &xiaoqi.User{Username: strings.TrimSpace(r.Username), Role: r.Role,
		EnterpriseID: r.EnterpriseID, InstitutionID: r.InstitutionID, CandidateID: r.CandidateID}
	if err := xiaoqi.CheckScope(c.Request.Context(), s.store, u); err != nil {
		s.writeError(c, err)
		return
	}
	if err := s.auth.AddUser(c.Request.Context(), u, r.Password); err != nil {
		s.writeError(c, err)
		return
	}
	if err := s.auditAccount(c, u, "创建账户 / account created"); err != nil {
		s.writeError(c, err)
		return
	}
	c.Header("Location", "/api/v1/users/"+u.ID)
	s.writeJSON(c, http.StatusCreated, viewUser(u))
}

// userParam loads the user of the path and checks that the caller is an administrator or that
// user.
func (s *Server) userParam(c *gin.Context) (*xiaoqi.User, bool) {
	if !s.needAuth(c) {
		return nil, false
	}
	p, id := who(c), c.Param("id")
	if !p.is(xiaoqi.RoleAdmin) && p.user.ID != id {
		s.writeError(c, errForbidden("只能查看或修改自己的账户 / you may only see or change your own account"))
		return nil, false
	}
	u, err := s.accounts.User(c.Request.Context(), id)
	if err != nil {
		s.writeError(c, err)
		return nil, false
	}
	return u, true
}

// getUser answers GET /api/v1/users/{id}.
func (s *Server) getUser(c *gin.Context) {
	if u, ok := s.userParam(c); ok {
		if err := noParams(c); err != nil {
			s.writeError(c, err)
			return
		}
		s.writeJSON(c, http.StatusOK, viewUser(u))
	}
}

// deleteUser answers DELETE /api/v1/users/{id}: the user, its keys and sessions.
func (s *Server) deleteUser(c *gin.Context) {
	if !s.needAuth(c) {
		return
	}
	if id := c.Param("id"); id == who(c).user.ID {
		s.writeError(c, invalid("id", "不能删除自己的账户 / administrators cannot delete themselves"))
		return
	}
	u, err := s.accounts.User(c.Request.Context(), c.Param("id"))
	if err == nil {
		err = s.accounts.DeleteUser(c.Request.Context(), u.ID)
	}
	if err == nil {
		err = s.auditAccount(c, u, "删除账户 / account deleted")
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type passwordRequest struct {
	Current  string `json:"current_password"`
	Password string `json:"password"`
}

// setPassword answers PUT /api/v1/users/{id}/password. A user changing their own password
// gives the current one; an administrator setting another's does not.
func (s *Server) setPassword(c *gin.Context) {
	u, ok := s.userParam(c)
	if !ok {
		return
	}
	var r passwordRequest
	if err := s.decodeStrict(c, &r); err != nil {
		s.writeError(c, err)
		return
	}
	if len(r.Password) > maxPassword || len(r.Current) > maxPassword {
		s.writeError(c, invalid("password", "最多 %[2]d 字节 / at most %[1]d bytes", maxPassword, maxPassword))
		return
	}
	ctx := c.Request.Context()
	if who(c).user.ID == u.ID {
		if !s.allow(c, s.limits.loginName, u.Username) {
			return
		}
		if ok, _ := auth.VerifySecret(u.PasswordHash, r.Current); !ok || u.PasswordHash == "" {
			s.writeError(c, invalid("current_password", "当前密码错误 / is wrong"))
			return
		}
	}
	if err := s.auth.SetPassword(ctx, u.ID, r.Password); err != nil {
		s.writeError(c, err)
		return
	}
	if err := s.auditAccount(c, u, "设置密码 / password set"); err != nil {
		s.writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type disabledRequest struct {
	Disabled *bool `json:"disabled"`
}

// setDisabled answers PUT /api/v1/users/{id}/disabled: a disabled user cannot sign in or use
// a key and its sessions end; enabled again, its password and keys work again.
func (s *Server) setDisabled(c *gin.Context) {
	u, ok := s.userParam(c)
	if !ok {
		return
	}
	var r disabledRequest
	if err := s.decodeStrict(c, &r); err != nil {
		s.writeError(c, err)
		return
	}
	if r.Disabled == nil {
		s.writeError(c, invalid("disabled", "必填，true 停用或 false 启用 / is required: true to disable, false to enable"))
		return
	}
	if *r.Disabled && u.ID == who(c).user.ID {
		s.writeError(c, invalid("id", "不能停用自己的账户 / administrators cannot disable themselves"))
		return
	}
	changed := u.Disabled != *r.Disabled
	u, err := s.auth.SetDisabled(c.Request.Context(), u.ID, *r.Disabled)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if changed {
		what := map[bool]string{true: "停用账户 / account disabled", false: "启用账户 / account enabled"}[u.Disabled]
		if err := s.auditAccount(c, u, what); err != nil {
			s.writeError(c, err)
			return
		}
	}
	s.writeJSON(c, http.StatusOK, viewUser(u))
}

// listKeys answers GET /api/v1/users/{id}/keys.
func (s *Server) listKeys(c *gin.Context) {
	u, ok := s.userParam(c)
	if !ok {
		return
	}
	if err := noParams(c); err != nil {
		s.writeError(c, err)
		return
	}
	ks, err := s.accounts.Keys(c.Request.Context(), u.ID)
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.writeJSON(c, http.StatusOK, gin.H{"data": ks})
}

type keyRequest struct {
	Name      string    `json:"name"`
	ExpiresAt time.Time `json:"expires_at"`
}

// newKeyJSON is a key shown once.
type newKeyJSON struct {
	Key    string         `json:"key"`
	APIKey *xiaoqi.APIKey `json:"api_key"`
	Notice string         `json:"notice"`
}

const keyNotice = "密钥只显示这一次，请妥善保存 / the key is shown only this once: keep it safe"

// createKey answers POST /api/v1/users/{id}/keys.
func (s *Server) createKey(c *gin.Context) {
	u, ok := s.userParam(c)
	if !ok {
		return
	}
	var r keyRequest
	if err := s.decodeStrict(c, &r); err != nil {
		s.writeError(c, err)
		return
	}
	r.Name = strings.TrimSpace(r.Name)
	if !utf8.ValidString(r.Name) || utf8.RuneCountInString(r.Name) > maxKeyName {
		s.writeError(c, invalid("name", "最多 %[2]d 个字符 / at most %[1]d characters", maxKeyName, maxKeyName))
		return
	}
	if !r.ExpiresAt.IsZero() && !r.ExpiresAt.After(time.Now()) {
		s.writeError(c, invalid("expires_at", "须晚于当前时间 / must be in the future"))
		return
	}
	key, k, err := s.auth.CreateKey(c.Request.Context(), u.ID, r.Name, r.ExpiresAt)
	if err == nil {
		err = s.auditAccount(c, u, "创建 API 密钥 / API key created")
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.writeJSON(c, http.StatusCreated, newKeyJSON{Key: key, APIKey: k, Notice: keyNotice})
}

// keyParam loads the key of the path and checks that the caller is an administrator or its user.
func (s *Server) keyParam(c *gin.Context) (*xiaoqi.APIKey, bool) {
	if !s.needAuth(c) {
		return nil, false
	}
	k, err := s.accounts.Key(c.Request.Context(), c.Param("id"))
	p := who(c)
	if err == nil && !p.is(xiaoqi.RoleAdmin) && k.UserID != p.user.ID {
		// Someone else's key is as good as absent.
		err = xiaoqi.Errorf(xiaoqi.ENOTFOUND, "API 密钥不存在 / API key not found")
	}
	if err != nil {
		s.writeError(c, err)
		return nil, false
	}
	return k, true
}

// rotateKey answers POST /api/v1/keys/{id}/rotate.
func (s *Server) rotateKey(c *gin.Context) {
	k, ok := s.keyParam(c)
	if !ok {
		return
	}
	if err := noBody(c, "要换有效期请新建密钥 (POST /api/v1/users/{id}/keys)", "a new expiry needs a new key (POST /api/v1/users/{id}/keys)"); err != nil {
		s.writeError(c, err)
		return
	}
	// The new secret is the candidate's key in the hands of whoever rotated it: recorded as
	// making a key is (auditAccount skips the candidate rotating their own).
	owner, err := s.accounts.User(c.Request.Context(), k.UserID)
	if err != nil {
		s.writeError(c, err)
		return
	}
	key, k, err := s.auth.RotateKey(c.Request.Context(), k.ID)
	if err == nil {
		err = s.auditAccount(c, owner, "轮换 API 密钥 / API key rotated")
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.writeJSON(c, http.StatusOK, newKeyJSON{Key: key, APIKey: k, Notice: keyNotice})
}

// revokeKey answers DELETE /api/v1/keys/{id}.
func (s *Server) revokeKey(c *gin.Context) {
	k, ok := s.keyParam(c)
	if !ok {
		return
	}
	if err := s.auth.RevokeKey(c.Request.Context(), k.ID); err != nil {
		s.writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
