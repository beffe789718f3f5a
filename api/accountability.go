package api

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Accountability for what others do with a candidate's consent and account: an administrator
// may record consent the candidate gave on paper, or create the candidate's account, and can
// then act as the candidate. Neither is refused, both are written to the audit log the
// candidate reads (GET /api/v1/candidates/{id}/audit), so that nothing is done in their name
// unseen.

// consentChange is how a write by someone other than the candidate changes whom the
// candidate's contact details may reach.
type consentChange struct {
	doc    int // index of the candidate in the written docs
	reason string
}

// consentChanges compares each candidate of docs that p is not with its stored version.
func (s *Server) consentChanges(ctx context.Context, p *principal, docs []xiaoqi.Doc) []consentChange {
	var out []consentChange
	for i, d := range docs {
		c, ok := d.(*xiaoqi.Candidate)
		if !ok || self(p, c.ID) {
			continue
		}
		var old *xiaoqi.Candidate
		if c.ID != "" {
			if o, err := s.store.Get(ctx, xiaoqi.KindCandidate, c.ID); err == nil {
				old, _ = o.(*xiaoqi.Candidate)
			}
		}
		if old == nil {
			old = &xiaoqi.Candidate{}
		}
		// Each half joins its own parts, so that the reason reads "中文 / English" as the API's
		// other texts do and the UI shows one language (apiText).
		var zh, en []string
		added, removed := diff(old.ConsentEnterprises, c.ConsentEnterprises), diff(c.ConsentEnterprises, old.ConsentEnterprises)
		if len(added) > 0 {
			names := s.enterpriseNames(ctx, added)
			zh = append(zh, "同意查看联系方式的企业增加："+strings.Join(names, "、"))
			en = append(en, "enterprises allowed to see contact details, added: "+strings.Join(names, ", "))
		}
		if len(removed) > 0 {
			names := s.enterpriseNames(ctx, removed)
			zh = append(zh, "同意查看联系方式的企业减少："+strings.Join(names, "、"))
			en = append(en, "enterprises allowed to see contact details, removed: "+strings.Join(names, ", "))
		}
		if ov, nv := visibility(old.Visibility), visibility(c.Visibility); ov != nv && (old.ID != "" || nv == xiaoqi.VisibilityPublic) {
			zh = append(zh, fmt.Sprintf("可见性：%s → %s", visibilityName(ov, "zh"), visibilityName(nv, "zh")))
			en = append(en, fmt.Sprintf("visibility: %s → %s", visibilityName(ov, "en"), visibilityName(nv, "en")))
		}
		if len(zh) > 0 {
			out = append(out, consentChange{doc: i, reason: xiaoqi.AuditReason(strings.Join(zh, "；"), strings.Join(en, "; "))})
		}
	}
	return out
}

// enterpriseNames names the enterprises of ids as the candidate knows them, with the id (an
// enterprise no longer stored by its id only).
func (s *Server) enterpriseNames(ctx context.Context, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if d, err := s.store.Get(ctx, xiaoqi.KindEnterprise, id); err == nil {
			out[i] = d.(*xiaoqi.Enterprise).Name + " (" + id + ")"
		}
	}
	return out
}

// visibility returns v, or the default it stands for when empty.
func visibility(v string) string {
	if v == "" {
		return xiaoqi.VisibilityAnonymous
	}
	return v
}

// visibilityName names a visibility in Chinese (lang "zh") or English ("en").
func visibilityName(v, lang string) string {
	names := map[string][2]string{xiaoqi.VisibilityPrivate: {"不公开", "private"}, xiaoqi.VisibilityPublic: {"公开", "public"}}
	n, ok := names[v]
	if !ok {
		n = [2]string{"匿名", "anonymous"}
	}
	if lang == "en" {
		return n[1]
	}
	return n[0]
}

// diff returns the values of b that a lacks.
func diff(a, b []string) []string {
	var out []string
	for _, v := range b {
		if !slices.Contains(a, v) {
			out = append(out, v)
		}
	}
	return out
}

// auditConsent records the changes of a write that res acknowledged.
func (s *Server) auditConsent(c *gin.Context, changes []consentChange, res []xiaoqi.WriteResult) error {
	p := who(c)
	for _, ch := range changes {
		if ch.doc >= len(res) || res[ch.doc].Unchanged {
			continue
		}
		e := &xiaoqi.AuditEntry{Action: xiaoqi.AuditConsent, ActorID: p.user.ID, ActorRole: p.user.Role,
			SubjectID: res[ch.doc].ID, Reason: ch.reason}
		if err := s.accounts.AppendAudit(c.Request.Context(), e); err != nil {
			return fmt.Errorf("audit the consent of %s: %w", res[ch.doc].ID, err)
		}
	}
	return nil
}

// auditAccount records that the caller, an administrator, did what to the account of user u:
// in the candidate's audit log for a candidate's account (AuditAccount), else under the
// user's ID (AuditUserAccount), so that the admin page's audit log says who disabled whom.
// Nothing when users act on their own account.
func (s *Server) auditAccount(c *gin.Context, u *xiaoqi.User, what string) error {
	p := who(c)
	if p.user == nil || p.user.ID == u.ID {
		return nil
	}
	e := &xiaoqi.AuditEntry{Action: xiaoqi.AuditUserAccount, ActorID: p.user.ID, ActorRole: p.user.Role,
		SubjectID: u.ID, Reason: xiaoqi.AccountReason(what, "", u.Username)}
	if u.Role == xiaoqi.RoleCandidate && u.CandidateID != "" {
		e.Action, e.SubjectID = xiaoqi.AuditAccount, u.CandidateID
	}
	if err := s.accounts.AppendAudit(c.Request.Context(), e); err != nil {
		return fmt.Errorf("audit the account of %s: %w", e.SubjectID, err)
	}
	return nil
}
