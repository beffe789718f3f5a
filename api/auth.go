package api

import (
	"context"
	"crypto/subtle"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/auth"
)

// Authentication and authorization (README: Security and privacy, issue 8).
//
// Every request is authenticated by the authenticate middleware into a principal: a program
// presents "Authorization: Bearer xq_<id>_<secret>", a browser the session cookie; without
// either the caller is public. A request with a bad key or an expired session is refused (401)
// rather than served as public, so that a client notices. Writes made with the cookie must carry
// the session's CSRF token in X-CSRF-Token.
//
// Authorization is decided per route: requireRole for whole routes (imports, users, audit,
// metrics) and mayWrite for the documents a write touches (scopes: enterprise HR its enterprise
// and its jobs, institution staff its institution and programs, candidates their own profile).

// Auth is what the API needs of the auth package; *auth.Service implements it.
type Auth interface {
	KeyUser(ctx context.Context, key string) (*xiaoqi.User, *xiaoqi.APIKey, error)
	SessionUser(ctx context.Context, token string) (*xiaoqi.User, error)
	Login(ctx context.Context, username, password string) (string, *xiaoqi.User, error)
	Logout(ctx context.Context, token string) error
	AddUser(ctx context.Context, u *xiaoqi.User, password string) error
	SetPassword(ctx context.Context, userID, password string) error
	SetDisabled(ctx context.Context, userID string, disabled bool) (*xiaoqi.User, error)
	CreateKey(ctx context.Context, userID, name string, expires time.Time) (string, *xiaoqi.APIKey, error)
	RotateKey(ctx context.Context, keyID string) (string, *xiaoqi.APIKey, error)
	RevokeKey(ctx context.Context, keyID string) error
}

// RateLimits bounds how often one caller may call: requests per second and burst, per API key
// or session user (PerKey) and per client address for everyone (PerAddress). Zero values take
// the defaults; a negative rate turns that limit off (load tests).
type RateLimits struct {
	PerKey, PerAddress           float64
	PerKeyBurst, PerAddressBurst int
	// Logins bounds sign-in attempts per address and per username, per minute (default 10).
	LoginsPerMinute float64
}

// Default rate limits.
const (
	DefaultRatePerKey     = 100
	DefaultRatePerAddress = 50
	DefaultLoginsPerMin   = 10
	maxLimiterKeys        = 100_000
)

// SessionCookie is the name of the browser's session cookie.
const SessionCookie = "xiaoqi_session"

const keyPrincipal = "xiaoqi.principal"

// principal is who is calling.
type principal struct {
	user *xiaoqi.User // nil: public
	// keyID is the API key used, "" for a session or the public.
	keyID string
	// session is the session token when the cookie authenticated the request.
	session string
}

func (p *principal) role() xiaoqi.Role {
	if p == nil || p.user == nil {
		return xiaoqi.RolePublic
	}
	return p.user.Role
}

func (p *principal) is(r xiaoqi.Role) bool { return p.role() == r }

// who returns the caller of a request (public when the middleware did not run).
func who(c *gin.Context) *principal {
	if v, ok := c.Get(keyPrincipal); ok {
		return v.(*principal)
	}
	return &principal{}
}

// limiters are the rate limiters of a server.
type limiters struct {
	perKey, perAddress, loginAddr, loginName *auth.Limiter
}

func newLimiters(r RateLimits) limiters {
	mk := func(rate float64, burst int, def float64) *auth.Limiter {
		switch {
		case rate < 0:
			return nil
		case rate == 0:
			rate = def
		}
		if burst <= 0 {
			burst = int(2 * rate)
		}
		return auth.NewLimiter(rate, max(burst, 1), maxLimiterKeys)
	}
	logins := r.LoginsPerMinute
	if logins == 0 {
		logins = DefaultLoginsPerMin
	}
	var l limiters
	l.perKey = mk(r.PerKey, r.PerKeyBurst, DefaultRatePerKey)
	l.perAddress = mk(r.PerAddress, r.PerAddressBurst, DefaultRatePerAddress)
	if logins > 0 {
		l.loginAddr = auth.NewLimiter(logins/60, int(logins), maxLimiterKeys)
		l.loginName = auth.NewLimiter(logins/60, int(logins), maxLimiterKeys)
	}
	return l
}

// allow answers 429 with Retry-After and returns false when l refuses key.
func (s *Server) allow(c *gin.Context, l *auth.Limiter, key string) bool {
	if l == nil {
		return true
	}
	ok, wait := l.Allow(key)
	if ok {
		return true
	}
	secs := int(wait.Seconds() + 0.999)
	c.Header("Retry-After", strconv.Itoa(max(secs, 1)))
	s.writeError(c, &xiaoqi.Error{Code: eTooManyRequests,
		Message: "请求过于频繁，请稍后再试 / too many requests, try again later"})
	return false
}

// authenticate finds the principal of a request and applies the rate limits.
func (s *Server) authenticate(c *gin.Context) {
	p := &principal{}
	c.Set(keyPrincipal, p)
	ctx := c.Request.Context()
	if h := c.GetHeader("Authorization"); h != "" {
		// The scheme is case-insensitive (RFC 9110 §11.1): "bearer xq_…" was refused.
		scheme, key, _ := strings.Cut(strings.TrimSpace(h), " ")
		if !strings.EqualFold(scheme, "Bearer") || s.auth == nil {
			s.writeError(c, xiaoqi.Errorf(xiaoqi.EUNAUTHORIZED, "Authorization 须为 \"Bearer <API key>\" / the Authorization header must be \"Bearer <API key>\""))
			c.Abort()
			return
		}
		u, k, err := s.auth.KeyUser(ctx, strings.TrimSpace(key))
		if err != nil {
			s.writeError(c, unauthorized(err, "API 密钥无效、已撤销或已过期 / the API key is invalid, revoked or expired"))
			c.Abort()
			return
		}
		p.user, p.keyID = u, k.ID
	} else if ck, err := c.Cookie(SessionCookie); err == nil && ck != "" && s.auth != nil {
		u, err := s.auth.SessionUser(ctx, ck)
		if err != nil {
			// An expired session signs the browser out rather than failing every page.
			s.clearSessionCookie(c)
		} else {
			p.user, p.session = u, ck
			if unsafeMethod(c.Request.Method) && !s.csrfOK(c, ck) {
				s.writeError(c, xiaoqi.Errorf(xiaoqi.EFORBIDDEN, "缺少或错误的 X-CSRF-Token / missing or wrong X-CSRF-Token header"))
				c.Abort()
				return
			}
		}
	}
	if c.FullPath() == "/healthz" || c.FullPath() == "/readyz" {
		c.Next()
		return
	}
	switch {
	case p.keyID != "":
		if !s.allow(c, s.limits.perKey, "k:"+p.keyID) {
			c.Abort()
			return
		}
	case p.user != nil:
		if !s.allow(c, s.limits.perKey, "u:"+p.user.ID) {
			c.Abort()
			return
		}
	default:
		if !s.allow(c, s.limits.perAddress, "a:"+c.ClientIP()) {
			c.Abort()
			return
		}
	}
	c.Next()
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

func (s *Server) csrfOK(c *gin.Context, token string) bool {
	got := c.GetHeader("X-CSRF-Token")
	want := auth.CSRFToken(token)
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// unauthorized keeps err when it is already EUNAUTHORIZED (its message is safe), else wraps it.
func unauthorized(err error, msg string) error {
	if xiaoqi.ErrorCode(err) == xiaoqi.EUNAUTHORIZED {
		return &xiaoqi.Error{Code: xiaoqi.EUNAUTHORIZED, Message: msg, Err: err}
	}
	return err
}

// errSignIn is the answer to the public where a role is needed.
func errSignIn() error {
	return xiaoqi.Errorf(xiaoqi.EUNAUTHORIZED, "请先登录或提供 API 密钥 / sign in or send an API key")
}

// errForbidden names what the caller may not do.
func errForbidden(format string, args ...any) error {
	return xiaoqi.Errorf(xiaoqi.EFORBIDDEN, format, args...)
}

// requireRole lets only the given roles through: 401 for the public, 403 for other roles.
func (s *Server) requireRole(roles ...xiaoqi.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		p := who(c)
		switch {
		case slices.Contains(roles, p.role()):
			c.Next()
			return
		case p.user == nil:
			s.writeError(c, errSignIn())
		default:
			s.writeError(c, errForbidden("当前角色（%s）无权执行此操作 / role %s may not do this", p.role(), p.role()))
		}
		c.Abort()
	}
}

// mayWrite decides whether p may write d (the new state) over old (the stored state, nil when
// d is new). It may fill a scoped field left empty (a job's enterprise_id for HR).
func mayWrite(p *principal, old, d xiaoqi.Doc) error {
	if p.user == nil {
		return errSignIn()
	}
	u := p.user
	if u.Role == xiaoqi.RoleAdmin {
		return nil
	}
	k := d.Kind()
	deny := func() error {
		return errForbidden("角色 %s 只能修改自己所属的数据，不能修改此%s / role %s may change only its own records, not this %s",
			u.Role, xiaoqi.KindName(k), u.Role, k)
	}
	inScope := func(x xiaoqi.Doc) bool {
		switch x := x.(type) {
		case *xiaoqi.Institution:
			return u.Role == xiaoqi.RoleInstitution && x.ID != "" && x.ID == u.InstitutionID
		case *xiaoqi.Program:
			// Staff's program without an institution is their institution's, as HR's job
			// need is their enterprise's (it was 403 "not this program", naming nothing).
			if u.Role == xiaoqi.RoleInstitution && x.InstitutionID == "" && x == d {
				x.InstitutionID = u.InstitutionID
			}
			return u.Role == xiaoqi.RoleInstitution && x.InstitutionID == u.InstitutionID
		case *xiaoqi.Enterprise:
			return u.Role == xiaoqi.RoleEnterprise && x.ID != "" && x.ID == u.EnterpriseID
		case *xiaoqi.JobNeed:
			if u.Role == xiaoqi.RoleEnterprise && x.EnterpriseID == "" && x == d {
				x.EnterpriseID = u.EnterpriseID
			}
			return u.Role == xiaoqi.RoleEnterprise && x.EnterpriseID == u.EnterpriseID
		case *xiaoqi.Candidate:
			return u.Role == xiaoqi.RoleCandidate && x.ID != "" && x.ID == u.CandidateID
		}
		return false // policies, partnerships: administrators (and the workflow)
	}
	if old != nil && !inScope(old) {
		return deny()
	}
	if !inScope(d) {
		return deny()
	}
	if old == nil && d.NaturalKey() != "" && (k == xiaoqi.KindJob || k == xiaoqi.KindCandidate) {
		// source + external_id match any stored document of the kind, possibly another's.
		return invalid("external_id", "只有管理员导入可设置 source/external_id / only administrators' imports may set source and external_id")
	}
	if old != nil && (k == xiaoqi.KindJob || k == xiaoqi.KindCandidate) {
		// Nor change them: a PUT gave HR's job any unused key, so that a later import's row
		// of that key would land on it. A replacement that leaves both out keeps them.
		ob, nb := old.Base(), d.Base()
		if nb.Source == "" && nb.ExternalID == "" {
			nb.Source, nb.ExternalID = ob.Source, ob.ExternalID
		} else if nb.Source != ob.Source || nb.ExternalID != ob.ExternalID {
			return invalid("external_id", "只有管理员导入可设置或修改 source/external_id / only administrators' imports may set or change source and external_id")
		}
	}
	if (k == xiaoqi.KindEnterprise || k == xiaoqi.KindJob) && d.Base().Synthetic && (old == nil || !old.Base().Synthetic) {
		// 示例 synthetic marks a fictitious firm and its postings: HR of a real firm could put
		// it on a posting, hiding it from real_only. Taking it off is kept from them by
		// keepDesignations below (a replacement that leaves it out keeps it).
		return errForbidden("示例数据标记（synthetic）只能由管理员设置或修改 / only an administrator may set or change synthetic")
	}
	if e, ok := d.(*xiaoqi.Enterprise); ok {
		// A valid credit code makes the enterprise verified, and a verified enterprise's HR
		// may see the contact details of every public candidate: HR may not give its
		// enterprise one (or change it), only an administrator may.
		var was string
		if o, ok := old.(*xiaoqi.Enterprise); ok {
			was = o.CreditCode
		}
		if strings.TrimSpace(e.CreditCode) != strings.TrimSpace(was) {
			return errForbidden("统一社会信用代码只能由管理员设置或修改 / only an administrator may set or change the credit code")
		}
	}
	if k == xiaoqi.KindInstitution || k == xiaoqi.KindProgram || k == xiaoqi.KindEnterprise || k == xiaoqi.KindJob {
		return keepDesignations(old, d)
	}
	return nil
}
