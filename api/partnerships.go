package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// The partnership workflow (policy item (12)): either side proposes, the other accepts or
// declines, an accepted partnership becomes active; the proposing side may withdraw its
// proposal, and either side ends an accepted or active partnership.
//
//	suggested ─propose─> proposed ─accept─> accepted ─activate─> active
//	(none)    ─propose─┘          └decline─> declined
//	proposed ─withdraw─> withdrawn           (the side that proposed)
//	accepted, active ─end─> ended            (either side)
//	declined, withdrawn, ended ─propose─> proposed (again)
//
// Declined, withdrawn and ended are closed: the pair may be proposed again, which reopens the
// same document (one per pair, so never two open partnerships of one pair), its history
// going on. Only a partnership that stands (proposed, accepted, active) holds its parties
// against DELETE (conditions.go).
//
// A partnership is stored as one xiaoqi.Partnership document per institution and enterprise
// (its natural key); every step appends to its History. Status changes only through these
// endpoints: the generic PUT, batch and DELETE of /partnerships are refused, the generic
// GETs stay.
//
// The acting side comes from the caller's account: enterprise HR acts for its enterprise,
// institution staff for its institution, and only for partnerships their side is a party to;
// an administrator names the side in "by". The actor recorded in the history is the caller's
// username.

// Bounds of the workflow's request fields.
const (
	maxPartnershipNote    = 500 // runes
	maxPartnershipActor   = 64  // runes
	maxPartnershipHistory = 200 // events kept on one partnership
)

// partnershipRequest is the body of a propose, accept, decline, activate, withdraw or end request.
type partnershipRequest struct {
	InstitutionID string `json:"institution_id"` // propose only
	EnterpriseID  string `json:"enterprise_id"`  // propose only
	// Status is "proposed" (the default) or "suggested" to record a suggestion that neither
	// side has proposed yet (propose only).
	Status string `json:"status"`
	By     string `json:"by"`    // institution or enterprise
	Actor  string `json:"actor"` // optional name of the person acting
	Note   string `json:"note"`
}

// stateName is a partnership state in Chinese and English, for messages.
func stateName(status string) string {
	zh := map[string]string{
		xiaoqi.PartnershipSuggested: "建议中", xiaoqi.PartnershipProposed: "已提议",
		xiaoqi.PartnershipAccepted: "已接受", xiaoqi.PartnershipDeclined: "已拒绝",
		xiaoqi.PartnershipActive: "合作中", xiaoqi.PartnershipWithdrawn: "已撤回", xiaoqi.PartnershipEnded: "已结束",
	}[status]
	return fmt.Sprintf("「%s」(%s)", zh, status)
}

// stateIs is the detail of a conflict with the partnership's status: 当前为「已接受」(accepted) / is accepted.
func stateIs(status string) string {
	return "当前为" + stateName(status) + " / is " + status
}

// sideName is an acting side in Chinese, for the Chinese half of a message (the English half
// names it by its value, institution or enterprise).
func sideName(by string) string {
	if by == "institution" {
		return "院校方"
	}
	return "企业方"
}

// readPartnershipRequest decodes and checks a workflow request body; propose says whether
// the pair fields are expected.
func (s *Server) readPartnershipRequest(c *gin.Context, propose bool) (*partnershipRequest, error) {
	data, err := readBody(c, s.maxBody)
	if err != nil {
		return nil, err
	}
	if first(data) != '{' {
		return nil, invalid("body", "须为 JSON 对象 / must be a JSON object")
	}
	var r partnershipRequest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, decodeError(err, data, "", &r)
	}
	if err := trailing(dec); err != nil {
		return nil, err
	}
	switch {
	case r.By != "" && r.By != "institution" && r.By != "enterprise":
		return nil, invalid("by", "须为 institution 或 enterprise，不能是 %[1]q / must be institution or enterprise, not %[1]q", r.By)
	case !utf8.ValidString(r.Actor) || utf8.RuneCountInString(r.Actor) > maxPartnershipActor:
		return nil, invalid("actor", "须为最多 %[1]d 个字符的 UTF-8 文本 / must be UTF-8 of at most %[1]d characters", maxPartnershipActor)
	case !utf8.ValidString(r.Note) || utf8.RuneCountInString(r.Note) > maxPartnershipNote:
		return nil, invalid("note", "须为最多 %[1]d 个字符的 UTF-8 文本 / must be UTF-8 of at most %[1]d characters", maxPartnershipNote)
	}
	r.Actor, r.Note = strings.TrimSpace(r.Actor), strings.TrimSpace(r.Note)
	if !propose {
		for _, f := range [...]struct{ name, v string }{{"institution_id", r.InstitutionID}, {"enterprise_id", r.EnterpriseID}, {"status", r.Status}} {
			if f.v != "" {
				return nil, invalid(f.name, "此处不可修改 / cannot be changed here: the path names the partnership and the action its new status")
			}
		}
		return &r, nil
	}
	if err := xiaoqi.CheckID(xiaoqi.KindInstitution, r.InstitutionID); err != nil {
		return nil, invalid("institution_id", "须为院校编号（ins_…），不能是 %[1]q / must be an institution id (ins_…), not %[1]q", r.InstitutionID)
	}
	if err := xiaoqi.CheckID(xiaoqi.KindEnterprise, r.EnterpriseID); err != nil {
		return nil, invalid("enterprise_id", "须为企业编号（ent_…），不能是 %[1]q / must be an enterprise id (ent_…), not %[1]q", r.EnterpriseID)
	}
	switch r.Status {
	case "":
		r.Status = xiaoqi.PartnershipProposed
	case xiaoqi.PartnershipProposed, xiaoqi.PartnershipSuggested:
	default:
		return nil, invalid("status", "新建合作只能为 proposed 或 suggested，不能是 %[1]q；接受、拒绝、启动、撤回、结束各有其接口（accept、decline、activate、withdraw、end） / a new partnership is proposed or suggested, not %[1]q; accept, decline, activate, withdraw and end have their own endpoints", r.Status)
	}
	return &r, nil
}

// actAs sets the acting side and actor of r from the caller, and checks that the caller speaks
// for that side of the partnership between inst and ent.
func actAs(c *gin.Context, r *partnershipRequest, inst, ent string) error {
	p := who(c)
	if p.user == nil {
		return errSignIn()
	}
	side := map[xiaoqi.Role]string{xiaoqi.RoleEnterprise: "enterprise", xiaoqi.RoleInstitution: "institution"}[p.role()]
	switch {
	case p.is(xiaoqi.RoleAdmin):
		if r.By == "" {
			return invalid("by", "必填：institution（院校）或 enterprise（企业） / is required: institution or enterprise")
		}
	case side == "":
		return errForbidden("只有院校或企业账户可以办理合作 / only institution or enterprise accounts take part in partnerships")
	case side == "enterprise" && p.user.EnterpriseID != ent, side == "institution" && p.user.InstitutionID != inst:
		return errForbidden("您的账户不是该合作的一方 / your account is not a party to this partnership")
	case r.By != "" && r.By != side:
		return invalid("by", "须为 %[2]s（您的账户所代表的一方） / must be %[1]s: your account acts for that side", side, side)
	default:
		r.By = side
	}
	if r.Actor == "" || !p.is(xiaoqi.RoleAdmin) {
		r.Actor = p.user.Username // an administrator may record on whose behalf it acted
	}
	return nil
}

// event appends one step to p's history and sets its status.
func (r *partnershipRequest) event(p *xiaoqi.Partnership, status string) error {
	if len(p.History) >= maxPartnershipHistory {
		return xiaoqi.Errorf(xiaoqi.ECONFLICT, "合作历史已达 %d 条上限 / the partnership's history is full (%d events)", maxPartnershipHistory, maxPartnershipHistory)
	}
	p.Status = status
	p.History = append(p.History, xiaoqi.PartnershipEvent{At: time.Now().UTC(), Status: status, By: r.By, Actor: r.Actor, Note: r.Note})
	return nil
}

// findPartnership returns the partnership of a pair, or nil.
func (s *Server) findPartnership(c *gin.Context, inst, ent string) (*xiaoqi.Partnership, error) {
	page, err := s.store.List(c.Request.Context(), xiaoqi.KindPartnership, xiaoqi.ListOptions{
		Filters: map[string]string{"institution_id": inst, "enterprise_id": ent}, Limit: 1})
	if err != nil || len(page.Docs) == 0 {
		return nil, err
	}
	return page.Docs[0].(*xiaoqi.Partnership), nil
}

// proposePartnership answers POST /api/v1/partnerships: either side proposes (or records a
// suggestion for) a partnership with the other. 201 for a new pair; 200 when a suggested,
// declined, withdrawn or ended partnership of the pair is proposed (again); 409 when the pair
// already has an open one (proposed, accepted or active).
func (s *Server) proposePartnership(c *gin.Context) {
	wait, err := refreshParam(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	r, err := s.readPartnershipRequest(c, true)
	if err == nil {
		err = actAs(c, r, r.InstitutionID, r.EnterpriseID)
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	ctx := c.Request.Context()
	// One process serialises its workflow writes, and the deletes of firms and schools, which
	// take the lock to check their partnerships: the parties are read under it, or a firm
	// deleted between this read and the write was left a party to an open partnership. The
	// version check of the store catches a concurrent change by another process.
	s.partnerMu.Lock()
	defer s.partnerMu.Unlock()
	in, err := s.store.Get(ctx, xiaoqi.KindInstitution, r.InstitutionID)
	if err != nil {
		s.writeError(c, referenceError(err, "institution_id", "院校", "institution", r.InstitutionID))
		return
	}
	ent, err := s.store.Get(ctx, xiaoqi.KindEnterprise, r.EnterpriseID)
	if err != nil {
		s.writeError(c, referenceError(err, "enterprise_id", "企业", "enterprise", r.EnterpriseID))
		return
	}
	p, err := s.findPartnership(c, r.InstitutionID, r.EnterpriseID)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if p == nil {
		p = &xiaoqi.Partnership{InstitutionID: r.InstitutionID, EnterpriseID: r.EnterpriseID}
	} else if xiaoqi.PartnershipOpen(p.Status) {
		s.writeError(c, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
			Message: fmt.Sprintf("该院校与企业已有合作 %s，状态为%s，不能重复提议 / this institution and enterprise already have an open partnership (%s), status %s",
				p.ID, stateName(p.Status), p.ID, p.Status),
			Details: []xiaoqi.FieldError{{Field: "status", Message: stateIs(p.Status)}, {Field: "id", Message: "已有合作 " + p.ID + " / the partnership is " + p.ID}}})
		return
	} else if r.Status == xiaoqi.PartnershipSuggested {
		s.writeError(c, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
			Message: fmt.Sprintf("合作 %s 已存在，状态为%s / partnership %s already exists, status %s", p.ID, stateName(p.Status), p.ID, p.Status),
			Details: []xiaoqi.FieldError{{Field: "status", Message: stateIs(p.Status)}, {Field: "id", Message: "已有合作 " + p.ID + " / the partnership is " + p.ID}}})
		return
	}
	p.InstitutionName, p.EnterpriseName = in.Title(), ent.Title()
	p.Synthetic = in.Base().Synthetic || ent.Base().Synthetic
	if r.Status == xiaoqi.PartnershipProposed {
		p.ProposedBy, p.Note = r.By, r.Note
	}
	if err := r.event(p, r.Status); err != nil {
		s.writeError(c, err)
		return
	}
	s.writeCreated(c, p, "partnerships", wait, p)
}

// referenceError turns the not-found of a document named in a request body into an error
// naming the field.
func referenceError(err error, field, zh, en, id string) error {
	if xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
		return err
	}
	return &xiaoqi.Error{Code: xiaoqi.ENOTFOUND, Message: fmt.Sprintf("%s: %s %s 不存在 / no %s with id %s", field, zh, id, en, id),
		Details: []xiaoqi.FieldError{{Field: field, Message: fmt.Sprintf("%[1]s 不存在 / %[1]s not found", id)}}}
}

// transition is one workflow step from some states to another.
type transition struct {
	from      []string
	to        string
	zh        string // the action in Chinese
	done      string // the action's past participle in English
	otherSide bool   // only the side that did not propose may take it
	proposer  bool   // only the side that proposed may take it
}

// transitions are the steps after a proposal, by action. A proposal is withdrawn by the side
// that made it (the other declines it); either side ends a partnership, accepted (before it
// started) or active, with the reason in the note.
func transitions() map[string]transition {
	return map[string]transition{
		"accept":   {from: []string{xiaoqi.PartnershipProposed}, to: xiaoqi.PartnershipAccepted, zh: "接受", done: "accepted", otherSide: true},
		"decline":  {from: []string{xiaoqi.PartnershipProposed}, to: xiaoqi.PartnershipDeclined, zh: "拒绝", done: "declined", otherSide: true},
		"activate": {from: []string{xiaoqi.PartnershipAccepted}, to: xiaoqi.PartnershipActive, zh: "启动", done: "activated"},
		"withdraw": {from: []string{xiaoqi.PartnershipProposed}, to: xiaoqi.PartnershipWithdrawn, zh: "撤回", done: "withdrawn", proposer: true},
		"end":      {from: []string{xiaoqi.PartnershipAccepted, xiaoqi.PartnershipActive}, to: xiaoqi.PartnershipEnded, zh: "结束", done: "ended"},
	}
}

// workflowActions are the actions of transitions, in the order of the workflow.
var workflowActions = []string{"accept", "decline", "activate", "withdraw", "end"}

// advancePartnership answers POST /api/v1/partnerships/{id}/{accept|decline|activate|withdraw|end}.
func (s *Server) advancePartnership(action string) gin.HandlerFunc {
	t := transitions()[action]
	return func(c *gin.Context) {
		id, wait, err := s.pathWrite(c, xiaoqi.KindPartnership)
		if err != nil {
			s.writeError(c, err)
			return
		}
		r, err := s.readPartnershipRequest(c, false)
		if err != nil {
			s.writeError(c, err)
			return
		}
		s.partnerMu.Lock()
		defer s.partnerMu.Unlock()
		d, err := s.store.Get(c.Request.Context(), xiaoqi.KindPartnership, id)
		if err != nil {
			s.writeError(c, err)
			return
		}
		p := d.(*xiaoqi.Partnership)
		if err := actAs(c, r, p.InstitutionID, p.EnterpriseID); err != nil {
			s.writeError(c, err)
			return
		}
		if !slices.Contains(t.from, p.Status) {
			zh := make([]string, len(t.from))
			for i, f := range t.from {
				zh[i] = stateName(f)
			}
			s.writeError(c, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
				Message: fmt.Sprintf("无法%s：该合作当前状态为%s，只有%s的合作可以%s / cannot %s: the partnership is %s; only partnerships that are %s can be %s",
					t.zh, stateName(p.Status), strings.Join(zh, "或"), t.zh, action, p.Status, strings.Join(t.from, " or "), t.done),
				Details: []xiaoqi.FieldError{{Field: "status", Message: stateIs(p.Status)}}})
			return
		}
		if t.otherSide && r.By == p.ProposedBy {
			s.writeError(c, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
				Message: fmt.Sprintf("无法%s：提议由%s发起，须由另一方%s / cannot %s: the %s proposed it; the other side must %s",
					t.zh, sideName(p.ProposedBy), t.zh, action, p.ProposedBy, action),
				Details: []xiaoqi.FieldError{{Field: "by", Message: "须为被提议方 / must be the side that did not propose"}}})
			return
		}
		if t.proposer && r.By != p.ProposedBy {
			s.writeError(c, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
				Message: fmt.Sprintf("无法%s：提议由%s发起，只有提议方可以%s；另一方可以拒绝（decline） / cannot %s: the %s proposed it and only the proposing side can %s it; the other side may decline it",
					t.zh, sideName(p.ProposedBy), t.zh, action, p.ProposedBy, action),
				Details: []xiaoqi.FieldError{{Field: "by", Message: "须为提议方 / must be the side that proposed"}}})
			return
		}
		if err := r.event(p, t.to); err != nil {
			s.writeError(c, err)
			return
		}
		// The version read above makes the write fail with 409 if the partnership changed
		// meanwhile (another process).
		if _, ok := s.write(c, []xiaoqi.Doc{p}, wait, false); !ok {
			return
		}
		s.writeJSON(c, http.StatusOK, p)
	}
}

// partnershipWriteRefused answers the generic writes of /partnerships, which would bypass the
// workflow and its history.
func (s *Server) partnershipWriteRefused(c *gin.Context) {
	c.Header("Allow", "GET, HEAD")
	s.writeError(c, &xiaoqi.Error{Code: eMethodNotAllowed,
		Message: "合作状态只能通过工作流变更：POST /api/v1/partnerships（提议）及 /api/v1/partnerships/{id}/accept、decline、activate、withdraw、end / " +
			"partnerships change only through the workflow: POST /api/v1/partnerships (propose) and /api/v1/partnerships/{id}/accept, decline, activate, withdraw or end"})
}

// partnershipRoutes adds the workflow and the read-only generic routes of /partnerships.
func (s *Server) partnershipRoutes(v1 *gin.RouterGroup) {
	g := v1.Group("/partnerships")
	getHead(g, "", s.list(xiaoqi.KindPartnership))
	getHead(g, "/:id", s.get(xiaoqi.KindPartnership))
	g.POST("", s.proposePartnership)
	for _, a := range workflowActions {
		g.POST("/:id/"+a, s.advancePartnership(a))
	}
	g.POST("/batch", s.partnershipWriteRefused)
	g.PUT("/:id", s.partnershipWriteRefused)
	g.DELETE("/:id", s.partnershipWriteRefused)
}
