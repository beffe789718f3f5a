package api

import (
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Candidates' personal data (PIPL; README: Security and privacy):
//
//	GET    /api/v1/candidates/:id/contact?reason=…   enterprise HR the candidate consented to
//	GET    /api/v1/candidates/:id/audit              the candidate, administrators
//	GET    /api/v1/candidates/:id/export             the candidate
//	DELETE /api/v1/candidates/:id                    the candidate, administrators: erasure
//	GET    /api/v1/audit                             administrators
//
// Contact details are released to HR of an enterprise in the candidate's consent_enterprises,
// or of any verified enterprise when the candidate's visibility is public; every release is
// written to the audit log before it is answered, with the reason the HR gave.

// Bounds of a release's reason.
const (
	minReasonRunes = 2
	maxReasonRunes = 200
)

func (s *Server) personalRoutes(v1 *gin.RouterGroup) {
	getHead(v1, "/candidates/:id/contact", s.requireRole(xiaoqi.RoleEnterprise), s.candidateContact)
	getHead(v1, "/candidates/:id/audit", s.requireRole(xiaoqi.RoleCandidate, xiaoqi.RoleAdmin), s.candidateAudit)
	getHead(v1, "/candidates/:id/export", s.requireRole(xiaoqi.RoleCandidate), s.candidateExport)
	getHead(v1, "/audit", s.requireRole(xiaoqi.RoleAdmin), s.listAudit)
}

// partyOf reports whether p is an administrator or speaks for a side of partnership pt.
func partyOf(p *principal, pt *xiaoqi.Partnership) bool {
	switch {
	case p.user == nil:
		return false
	case p.is(xiaoqi.RoleAdmin):
		return true
	case p.is(xiaoqi.RoleInstitution):
		return p.user.InstitutionID == pt.InstitutionID
	case p.is(xiaoqi.RoleEnterprise):
		return p.user.EnterpriseID == pt.EnterpriseID
	}
	return false
}

// headOnly answers a HEAD request that has passed every check with its status and the type
// of the body a GET would have, and reports whether it did: a HEAD releases nothing, so a
// handler that records a release records none for it.
func headOnly(c *gin.Context) bool {
	if c.Request.Method != http.MethodHead {
		return false
	}
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Status(http.StatusOK)
	return true
}

// self reports whether p is the candidate with id.
func self(p *principal, id string) bool {
	return p.is(xiaoqi.RoleCandidate) && id != "" && p.user.CandidateID == id
}

// view returns what p may see of d, and false when p may not see it at all (a private
// candidate to anyone but themself).
func view(p *principal, d xiaoqi.Doc) (any, bool) {
	if e, ok := d.(*xiaoqi.Enterprise); ok {
		return enterpriseView{Enterprise: e, Verified: xiaoqi.ValidCreditCode(e.CreditCode)}, true
	}
	if pt, ok := d.(*xiaoqi.Partnership); ok && !partyOf(p, pt) {
		// A partnership is public, its steps too; who took them for each side (a staff
		// member's or an HR officer's name) only to its parties and administrators.
		out := *pt
		out.History = make([]xiaoqi.PartnershipEvent, len(pt.History))
		for i, e := range pt.History {
			e.Actor = ""
			out.History[i] = e
		}
		return &out, true
	}
	c, ok := d.(*xiaoqi.Candidate)
	switch {
	case !ok:
		return d, true
	case self(p, c.ID):
		return ownCandidate(c), true
	case c.Visibility == xiaoqi.VisibilityPrivate:
		return nil, false
	}
	return anonymizeCandidate(c), true
}

// ownCandidate returns c as the candidate herself sees it (her profile, her export): whole,
// but for the digests the server keeps of who she was (FormerKeys), which say nothing to her.
func ownCandidate(c *xiaoqi.Candidate) *xiaoqi.Candidate {
	own := *c
	own.FormerKeys = nil
	return &own
}

// enterpriseView is an enterprise as the API shows it: with whether its 统一社会信用代码 passes
// the check character (unverified enterprises are flagged wherever they are shown).
type enterpriseView struct {
	*xiaoqi.Enterprise
	Verified bool `json:"verified"`
}

// hiddenCandidate is the answer for a private candidate: as if absent, word for word as the
// stores answer an id they do not hold (a message of its own told anyone that the profile
// exists and was made private).
func hiddenCandidate(id string) error {
	k := xiaoqi.KindCandidate
	return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "未找到%[3]s %[2]s / %[1]s %[2]s not found", k, id, xiaoqi.KindName(k))
}

// candidateOf loads the candidate of the path that p may see.
func (s *Server) candidateOf(c *gin.Context) (*xiaoqi.Candidate, error) {
	id, err := s.pathID(c, xiaoqi.KindCandidate)
	if err != nil {
		return nil, err
	}
	d, err := s.store.Get(c.Request.Context(), xiaoqi.KindCandidate, id)
	if err != nil {
		return nil, err
	}
	cand := d.(*xiaoqi.Candidate)
	if _, ok := view(who(c), cand); !ok && !who(c).is(xiaoqi.RoleAdmin) {
		return nil, hiddenCandidate(id)
	}
	return cand, nil
}

// contactJSON is what a release shows.
type contactJSON struct {
	CandidateID string `json:"candidate_id"`
	Name        string `json:"name"`
	Phone       string `json:"phone,omitempty"`
	Email       string `json:"email,omitempty"`
	AuditID     string `json:"audit_id"`
	Notice      string `json:"notice"`
}

// candidateContact answers GET /api/v1/candidates/{id}/contact?reason=….
func (s *Server) candidateContact(c *gin.Context) {
	if !s.needAuth(c) {
		return
	}
	var reason string
	err := eachParam(c, func(name, v string) error {
		if name != "reason" {
			return invalid(name, "未知参数（可选：reason） / unknown parameter (allowed: reason)")
		}
		reason = strings.TrimSpace(v)
		return nil
	})
	if err == nil {
		// A reason given but too short or too long is said to be so, with the bounds: "a" and
		// 201 characters were said to be missing (必填 / is required).
		switch n := utf8.RuneCountInString(reason); {
		case n == 0:
			err = invalid("reason", "必填：说明查看联系方式的原因（%[1]d–%[2]d 字） / is required: why you need the contact details, %[1]d to %[2]d characters",
				minReasonRunes, maxReasonRunes)
		case !utf8.ValidString(reason):
			err = invalid("reason", "须为有效的 UTF-8 文本 / must be valid UTF-8 text")
		case n < minReasonRunes:
			err = invalid("reason", "过短：须为 %[1]d–%[2]d 字，现为 %[3]d 字 / is too short: it must have %[1]d to %[2]d characters, not %[3]d",
				minReasonRunes, maxReasonRunes, n)
		case n > maxReasonRunes:
			err = invalid("reason", "过长：须为 %[1]d–%[2]d 字，现为 %[3]d 字 / is too long: it must have %[1]d to %[2]d characters, not %[3]d",
				minReasonRunes, maxReasonRunes, n)
		case strings.ContainsFunc(reason, unicode.IsControl):
			// It goes to the audit log the candidate reads (an ESC[31m once went there too).
			err = invalid("reason", "不能含控制字符 / must not hold control characters")
		}
	}
	var cand *xiaoqi.Candidate
	if err == nil {
		cand, err = s.candidateOf(c)
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	p := who(c)
	ctx := c.Request.Context()
	// The enterprise must still exist: consent given to a firm that was deleted does not pass
	// to its HR accounts.
	if p.user.EnterpriseID == "" {
		s.writeError(c, errForbidden("候选人未同意向贵企业公开联系方式 / the candidate has not allowed your enterprise to see their contact details"))
		return
	}
	ent, err := s.store.Get(ctx, xiaoqi.KindEnterprise, p.user.EnterpriseID)
	if err != nil {
		if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
			err = errForbidden("您所属的企业已不在本平台 / your enterprise is no longer in xiaoqi")
		}
		s.writeError(c, err)
		return
	}
	allowed := slices.Contains(cand.ConsentEnterprises, p.user.EnterpriseID)
	if !allowed && cand.Visibility == xiaoqi.VisibilityPublic {
		// Public contact goes to verified enterprises only.
		allowed = xiaoqi.ValidCreditCode(ent.(*xiaoqi.Enterprise).CreditCode)
	}
	if !allowed {
		// The candidate sees who asked and why, not only who was given their details: a
		// refusal is recorded too, and may lead them to consent. Not a HEAD, which asks nothing.
		refused := errForbidden("候选人未同意向贵企业公开联系方式 / the candidate has not allowed your enterprise to see their contact details")
		if cand.Visibility == xiaoqi.VisibilityPublic {
			// Said as it is: the candidate did share their details, with verified firms, and
			// "has not allowed your enterprise" sent HR asking the candidate for a consent
			// that would not be needed once the firm is verified.
			refused = errForbidden("候选人只向已核验的企业公开联系方式；贵企业未登记有效的统一社会信用代码，请联系管理员核验 / the candidate shares contact details with verified enterprises only; yours has no valid unified social credit code on record: ask an administrator to verify it")
		}
		if !headOnly(c) {
			e := &xiaoqi.AuditEntry{Action: xiaoqi.AuditContactRefused, ActorID: p.user.ID, ActorRole: p.user.Role,
				ActorEnterpriseID: p.user.EnterpriseID, SubjectID: cand.ID, Reason: cand.Redact(reason, redacted)}
			if err := s.accounts.AppendAudit(ctx, e); err != nil {
				s.writeError(c, err)
				return
			}
		}
		s.writeError(c, refused)
		return
	}
	if headOnly(c) {
		return // nothing released, nothing to record (a link checker's HEAD was logged as a release)
	}
	e := &xiaoqi.AuditEntry{Action: xiaoqi.AuditContactRelease, ActorID: p.user.ID, ActorRole: p.user.Role,
		// The reason as HR gave it, less the candidate's own data should HR have written it in.
		ActorEnterpriseID: p.user.EnterpriseID, SubjectID: cand.ID, Reason: cand.Redact(reason, redacted), Fields: []string{"name"}}
	if cand.Phone != "" {
		e.Fields = append(e.Fields, "phone")
	}
	if cand.Email != "" {
		e.Fields = append(e.Fields, "email")
	}
	// The audit entry is written first: no release without a record of it.
	if err := s.accounts.AppendAudit(ctx, e); err != nil {
		s.writeError(c, err)
		return
	}
	s.writeJSON(c, http.StatusOK, contactJSON{CandidateID: cand.ID, Name: cand.Name, Phone: cand.Phone,
		Email: cand.Email, AuditID: e.ID,
		Notice: "本次查看已记入审计日志，候选人可查阅 / this release is recorded in the audit log, which the candidate can read"})
}

// auditPage is a page of the audit log.
type auditPage struct {
	Data []xiaoqi.AuditEntry `json:"data"`
	Next string              `json:"next,omitempty"`
}

// auditFilter parses limit and after, and the names in extra into the filter's fields.
func auditFilter(c *gin.Context, extra ...string) (xiaoqi.AuditFilter, error) {
	f := xiaoqi.AuditFilter{Limit: xiaoqi.DefaultListLimit}
	err := eachParam(c, func(name, v string) (err error) {
		switch {
		case name == "limit":
			f.Limit, err = intParam(name, v, xiaoqi.DefaultListLimit, xiaoqi.MaxListLimit)
		case name == "after":
			f.After = v
		case name == "order":
			// Administrators read the log newest first; the default stays oldest first.
			switch v {
			case "oldest":
			case "newest":
				f.Newest = true
			default:
				err = invalid(name, "须为 oldest 或 newest，不能是 %[1]q / must be oldest or newest, not %[1]q", v)
			}
		case (name == "subject" || name == "actor") && slices.Contains(extra, name) && utf8.RuneCountInString(v) > maxAuditFilter:
			err = invalid(name, "最多 %[1]d 个字符 / must be at most %[1]d characters", maxAuditFilter)
		case name == "subject" && slices.Contains(extra, name):
			f.SubjectID = v
		case name == "actor" && slices.Contains(extra, name):
			f.ActorID = v
		default:
			known := append([]string{"limit", "after", "order"}, extra...)
			err = invalid(name, "未知参数（可选：%s） / unknown parameter (allowed: %s)", strings.Join(known, "、"), strings.Join(known, ", "))
		}
		return err
	})
	return f, err
}

// maxAuditFilter bounds the actor and subject an audit query names: an id, a username.
const maxAuditFilter = 200

// candidateAudit answers GET /api/v1/candidates/{id}/audit: the releases of one candidate's
// data, to that candidate or an administrator.
func (s *Server) candidateAudit(c *gin.Context) {
	if !s.needAuth(c) {
		return
	}
	f, err := auditFilter(c)
	var cand *xiaoqi.Candidate
	if err == nil {
		cand, err = s.candidateOf(c)
	}
	if err == nil && !self(who(c), cand.ID) && !who(c).is(xiaoqi.RoleAdmin) {
		err = errForbidden("只能查看自己的审计记录 / you may read only your own audit record")
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	f.SubjectID = cand.ID
	s.writeAudit(c, f)
}

// listAudit answers GET /api/v1/audit?subject=&actor=&order=&after=&limit= for administrators.
func (s *Server) listAudit(c *gin.Context) {
	if !s.needAuth(c) {
		return
	}
	f, err := auditFilter(c, "subject", "actor")
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.writeAudit(c, f)
}

func (s *Server) writeAudit(c *gin.Context, f xiaoqi.AuditFilter) {
	es, next, err := s.accounts.Audit(c.Request.Context(), f)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if es == nil {
		es = []xiaoqi.AuditEntry{}
	}
	s.writeJSON(c, http.StatusOK, auditPage{Data: es, Next: next})
}

// exportJSON is everything xiaoqi holds about one candidate.
type exportJSON struct {
	ExportedAt time.Time           `json:"exported_at"`
	Candidate  *xiaoqi.Candidate   `json:"candidate"`
	Accounts   []*userView         `json:"accounts"`
	Audit      []xiaoqi.AuditEntry `json:"audit"`
	Notice     string              `json:"notice"`
}

// maxExportAudit bounds the audit entries an export carries.
const maxExportAudit = 10 * xiaoqi.MaxListLimit

// candidateExport answers GET /api/v1/candidates/{id}/export: the candidate's own data.
func (s *Server) candidateExport(c *gin.Context) {
	if !s.needAuth(c) {
		return
	}
	err := noParams(c)
	var cand *xiaoqi.Candidate
	if err == nil {
		cand, err = s.candidateOf(c)
	}
	if err == nil && !self(who(c), cand.ID) {
		err = errForbidden("只能导出自己的数据 / you may export only your own data")
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	if headOnly(c) {
		return
	}
	ctx := c.Request.Context()
	p := who(c)
	if err := s.accounts.AppendAudit(ctx, &xiaoqi.AuditEntry{Action: xiaoqi.AuditExport, ActorID: p.user.ID,
		ActorRole: p.user.Role, SubjectID: cand.ID}); err != nil {
		s.writeError(c, err)
		return
	}
	out := exportJSON{ExportedAt: time.Now().UTC(), Candidate: ownCandidate(cand), Accounts: []*userView{},
		Notice: "这是本平台保存的关于您的全部数据 / this is all the data this service holds about you"}
	users, err := s.accounts.Users(ctx)
	if err != nil {
		s.writeError(c, err)
		return
	}
	for _, u := range users {
		if u.CandidateID == cand.ID {
			out.Accounts = append(out.Accounts, viewUser(u))
		}
	}
	f := xiaoqi.AuditFilter{SubjectID: cand.ID, Limit: xiaoqi.MaxListLimit}
	for len(out.Audit) < maxExportAudit {
		es, next, err := s.accounts.Audit(ctx, f)
		if err != nil {
			s.writeError(c, err)
			return
		}
		out.Audit = append(out.Audit, es...)
		if next == "" {
			break
		}
		f.After = next
	}
	c.Header("Content-Disposition", `attachment; filename="xiaoqi-export-`+cand.ID+`.json"`)
	s.writeJSON(c, http.StatusOK, out)
}

// eraseCandidate answers DELETE /api/v1/candidates/{id}: the person is removed from the store
// (the index and the matcher follow its change feed and drop them), their accounts are deleted,
// and the audit entries about them are redacted; the erasure itself is recorded without naming
// them.
func (s *Server) eraseCandidate(c *gin.Context) {
	id, wait, err := s.pathWrite(c, xiaoqi.KindCandidate)
	if err != nil {
		s.writeError(c, err)
		return
	}
	p := who(c)
	if p.user == nil {
		s.writeError(c, errSignIn())
		return
	}
	if !self(p, id) && !p.is(xiaoqi.RoleAdmin) {
		s.writeError(c, errForbidden("只能删除自己的档案 / you may erase only your own profile"))
		return
	}
	if !s.needAuth(c) {
		return
	}
	ctx := c.Request.Context()
	// Accounts and audit first, the document last: a failure part-way leaves the document, so
	// that a retry of the DELETE finds it and finishes (every step can be repeated). The
	// document is deleted at the version read, If-Match's when sent (an erasure cannot be
	// undone): a correction landing in between is read and checked again (deleteRead).
	d, res, err := s.deleteRead(c, xiaoqi.KindCandidate, id, func(xiaoqi.Doc) error { return nil }, func(d xiaoqi.Doc) error {
		if err := s.imports.forgetPerson(ctx, d.(*xiaoqi.Candidate)); err != nil {
			return err
		}
		users, err := s.accounts.Users(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			if u.CandidateID == id {
				if err := s.accounts.DeleteUser(ctx, u.ID); err != nil {
					return err
				}
			}
		}
		if _, err = s.accounts.RedactAudit(ctx, id); err != nil {
			return err
		}
		// The erasure is recorded before the profile goes: an import running meanwhile reads
		// the erasures after writing each batch (ingest.Options.Erased), and one that wrote her
		// row between the two found no erasure yet and kept her, with name and phone, under a
		// new id. (A correction landing before the delete records it once more: harmless.)
		return s.accounts.AppendAudit(ctx, &xiaoqi.AuditEntry{Action: xiaoqi.AuditErase, ActorID: p.user.ID,
			ActorRole: p.user.Role, SubjectID: xiaoqi.ErasedSubject, ErasedKey: xiaoqi.ErasedKey(d.NaturalKey()),
			ErasedIdentity: d.(*xiaoqi.Candidate).Identity()})
	})
	if d != nil && xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
		err = nil // gone already: an import took her row out again once it read the erasure
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.afterWrite(c, wait, res.Seq)
	c.Status(http.StatusNoContent)
}
