package api

// The conditions of a write beyond the document's own validation: who may write a batch
// (mayWriteAll), the version a client read (ifMatch) and what depends on a document
// (hasNoParts).

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// etag is the entity tag of a document's version: "3".
func etag(version int64) string { return strconv.Quote(strconv.FormatInt(version, 10)) }

// ifMatch checks the request's If-Match against the stored document old: a PUT or DELETE
// sent with the ETag of a version that is no longer stored is refused as stale (409), as a
// stale version field is. It was ignored: a client that sent it believed itself protected.
// If-Match compares strongly (RFC 9110 §13.1.1): a weak tag (W/"3") never matches, so it is
// stale as well; it was taken as "3". A value that is no ETag of ours (3 unquoted, "abc") is
// a 400 naming If-Match: it was answered 409, as if the client had read an older version.
func ifMatch(c *gin.Context, old xiaoqi.Doc) error {
	h := strings.TrimSpace(c.GetHeader("If-Match"))
	if h == "" || h == "*" {
		return nil
	}
	want := etag(old.Base().Version)
	match := false
	for _, t := range strings.Split(h, ",") {
		t = strings.TrimSpace(t)
		tag, weak := strings.CutPrefix(t, "W/")
		if !ourETag(tag) {
			return invalid("If-Match", "须为 GET 或上次写入返回的 ETag（如 %[2]s，带引号），不能是 %[1]q / must be the ETag a GET or the last write answered (such as %[2]s, quotes included), not %[1]q", t, want)
		}
		match = match || (!weak && tag == want)
	}
	if match {
		return nil
	}
	return &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
		Message: fmt.Sprintf("If-Match %[1]s 与当前版本 %[2]s 不符（弱标签 W/ 从不相符）：请重新读取后再写 / If-Match %[1]s is not the current version %[2]s (a weak W/ tag never matches): read it again and write", h, want),
		Details: []xiaoqi.FieldError{{Field: "If-Match", Message: "版本已过期 / is stale"}}}
}

// deleteTries bounds how often a DELETE reads the document again after a write landed
// between its read and its delete.
const deleteTries = 3

// deleteRead reads document kind/id, checks it with check and If-Match, calls prepare (when
// not nil: what must be done before, and can be done again) and deletes it at the version
// read (Store.Delete's version), so that what was checked is what is deleted. A
// write that lands in between makes the store refuse (ECONFLICT): the document is read and
// checked again, If-Match included, which then answers 409 if it named the version replaced
// (a DELETE sent with a stale If-Match removed a version its sender never saw, erasures
// included), or 404 if the document is gone meanwhile. Without If-Match the DELETE deletes
// the version it reads last.
func (s *Server) deleteRead(c *gin.Context, k xiaoqi.Kind, id string, check, prepare func(old xiaoqi.Doc) error) (xiaoqi.Doc, xiaoqi.WriteResult, error) {
	ctx := c.Request.Context()
	for try := 1; ; try++ {
		old, err := s.store.Get(ctx, k, id)
		if err == nil {
			err = check(old)
		}
		if err == nil {
			err = ifMatch(c, old)
		}
		if err == nil && prepare != nil {
			err = prepare(old)
		}
		if err != nil {
			return nil, xiaoqi.WriteResult{}, err
		}
		res, err := s.store.Delete(ctx, k, id, old.Base().Version)
		if xiaoqi.ErrorCode(err) == xiaoqi.ECONFLICT && try < deleteTries {
			continue // a write landed since the read: read it
		}
		return old, res, err
	}
}

// ourETag reports whether t is an entity tag etag could have made: a version in quotes.
func ourETag(t string) bool {
	if len(t) < 3 || len(t) > 21 || t[0] != '"' || t[len(t)-1] != '"' {
		return false
	}
	v := t[1 : len(t)-1]
	for _, r := range v {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// hasNoParts refuses to delete an enterprise that has job needs or an institution that has
// programs: deleted, a firm left its job needs open, searched and matched under a name no
// record had.
func (s *Server) hasNoParts(ctx context.Context, k xiaoqi.Kind, id string) error {
	var parts xiaoqi.Kind
	var field, zh, en string
	switch k {
	case xiaoqi.KindEnterprise:
		parts, field, zh, en = xiaoqi.KindJob, "enterprise_id", "岗位需求", "job needs"
	case xiaoqi.KindInstitution:
		parts, field, zh, en = xiaoqi.KindProgram, "institution_id", "专业或课程", "programs"
	default:
		return nil
	}
	page, err := s.store.List(ctx, parts, xiaoqi.ListOptions{Filters: map[string]string{field: id}, Limit: 1})
	if err != nil {
		return err
	}
	if len(page.Docs) > 0 {
		return xiaoqi.Errorf(xiaoqi.ECONFLICT, "%[1]s仍有%[2]s（如 %[3]s）：请先删除它们 / the %[4]s still has %[5]s (such as %[3]s): delete them first",
			xiaoqi.KindName(k), zh, page.Docs[0].Base().ID, k, en)
	}
	return s.hasNoPartners(ctx, k, field, id)
}

// hasNoPartners refuses to delete an enterprise or institution that is a party to a proposed,
// accepted or active partnership: deleted (204), the firm's partnerships were still accepted
// and activated, and shown, with a partner that no longer existed. The refusal says the way
// out, naming the partnership: withdraw (or have the other side decline) a proposal, end an
// accepted or active partnership. A closed one (suggested, declined, withdrawn, ended) does
// not hold it: the workflow moves it on only by proposing it again, which reads both parties,
// and the API deletes no partnership, so it would hold the firm for ever. Those stay after
// the party is deleted, with both names and their history, for the other party to read.
func (s *Server) hasNoPartners(ctx context.Context, k xiaoqi.Kind, field, id string) error {
	opt := xiaoqi.ListOptions{Filters: map[string]string{field: id}, Limit: xiaoqi.MaxListLimit}
	for {
		page, err := s.store.List(ctx, xiaoqi.KindPartnership, opt)
		if err != nil {
			return err
		}
		for _, d := range page.Docs {
			p, ok := d.(*xiaoqi.Partnership)
			if !ok || !xiaoqi.PartnershipOpen(p.Status) {
				continue
			}
			zh := "请先结束该合作（POST /api/v1/partnerships/" + p.ID + "/end）"
			en := "end it first (POST /api/v1/partnerships/" + p.ID + "/end)"
			if p.Status == xiaoqi.PartnershipProposed {
				zh = "请先撤回该提议（提议方 POST /api/v1/partnerships/" + p.ID + "/withdraw），或由另一方拒绝"
				en = "withdraw the proposal first (the proposing side, POST /api/v1/partnerships/" + p.ID + "/withdraw), or have the other side decline it"
			}
			return &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
				Message: fmt.Sprintf("%[1]s仍是合作 %[2]s（%[6]s）的一方，状态为%[3]s：%[7]s，然后才能删除 / the %[4]s is a party to partnership %[2]s (%[6]s), which is %[5]s: %[8]s, then delete it",
					xiaoqi.KindName(k), p.ID, stateName(p.Status), k, p.Status, p.Title(), zh, en),
				Details: []xiaoqi.FieldError{{Field: "id", Message: "合作 " + p.ID + " / partnership " + p.ID}}}
		}
		if page.Next == "" {
			return nil
		}
		opt.After = page.Next
	}
}

// mayWriteAll checks mayWrite for every document of a batch, naming the first refused one.
func (s *Server) mayWriteAll(c *gin.Context, docs []xiaoqi.Doc) error {
	p := who(c)
	for i, d := range docs {
		var old xiaoqi.Doc
		if id := d.Base().ID; id != "" && !p.is(xiaoqi.RoleAdmin) {
			var err error
			if old, err = s.store.Get(c.Request.Context(), d.Kind(), id); xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
				old = nil
			} else if err != nil {
				return err
			}
		}
		if err := mayWrite(p, old, d); err != nil {
			if e, ok := err.(*xiaoqi.Error); ok {
				return &xiaoqi.Error{Code: e.Code, Message: "docs[" + strconv.Itoa(i) + "]: " + e.Message,
					Details: []xiaoqi.FieldError{{Field: "docs[" + strconv.Itoa(i) + "]", Message: e.Message}}}
			}
			return err
		}
	}
	return nil
}
