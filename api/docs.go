package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// listPage is the answer of GET /api/v1/{kind}.
type listPage struct {
	Data []any  `json:"data"`
	Next string `json:"next,omitempty"`
}

// list answers GET /api/v1/{kind}?city=…&limit=…&after=….
func (s *Server) list(k xiaoqi.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		opt := xiaoqi.ListOptions{Limit: xiaoqi.DefaultListLimit, Filters: map[string]string{}}
		err := eachParam(c, func(name, v string) (err error) {
			switch {
			case name == "limit":
				opt.Limit, err = intParam(name, v, xiaoqi.DefaultListLimit, xiaoqi.MaxListLimit)
			case name == "after":
				// The cursor is the id of the page's last document. Anything else listed
				// nothing, as if the list had ended (a truncated or mistyped cursor).
				if v != "" && xiaoqi.CheckID(k, v) != nil {
					err = invalid(name, "分页游标无效：须为本列表的游标（%[2]s编号，%[1]s），请传上一页的 next / is not a cursor of this list (the id of a %[1]s): pass the next of the previous page", k, xiaoqi.KindName(k))
				}
				opt.After = v
			case name == "page" || name == "per_page" || name == "offset" || name == "skip":
				// Search's paging (and other APIs'): said so, rather than "cannot filter by page".
				err = invalid(name, "未知参数：列表以 limit 与 after 分页（after 传上一页的 next），不支持 %[1]s；page 与 per_page 用于 /api/v1/search / unknown parameter: lists page with limit and after (the next of the previous page), not %[1]s; page and per_page are for /api/v1/search", name)
			case !slices.Contains(xiaoqi.FilterFields[k], name):
				err = xiaoqi.CheckFilters(k, map[string]string{name: v})
			case v == "":
				// An empty filter, as an HTML form sends it, means "any".
			case name == "synthetic":
				b, perr := strconv.ParseBool(v)
				if perr != nil {
					err = invalid(name, "须为 true 或 false，不能是 %[1]q / must be true or false, not %[1]q", v)
				}
				opt.Filters[name] = strconv.FormatBool(b)
			case name == "city":
				// 西安 and 西安市 alike, as search takes them (stored cities are full names):
				// read as writes read a city (深圳, Shenzhen → 深圳市); a text that names a
				// district too (广州天河区) or no known city is looked up as it is.
				if err = xiaoqi.CheckFilterValue(k, name, v); err == nil {
					opt.Filters[name] = xiaoqi.NormalizeCity(v)
					if city, ok := xiaoqi.CityNamed(v); ok {
						opt.Filters[name] = city // Yangling, as search takes it
					} else if city, district, problem, _ := ingest.ReadCity(v); city != "" && district == "" && problem == "" {
						opt.Filters[name] = city
					}
				}
			case name == "sector":
				if err = xiaoqi.CheckFilterValue(k, name, v); err == nil {
					sec, _ := xiaoqi.SectorOf(v) // 金融保险 as finance, as stored
					opt.Filters[name] = string(sec)
				}
			case name == "region":
				if r, ok := xiaoqi.RegionNamed(v); ok {
					v = string(r) // Guanzhong as 关中
				}
				err = xiaoqi.CheckFilterValue(k, name, v)
				opt.Filters[name] = v
			case name == "degree":
				v = degreeParam(v) // bachelor as 本科
				err = xiaoqi.CheckFilterValue(k, name, v)
				opt.Filters[name] = v
			default:
				err = xiaoqi.CheckFilterValue(k, name, v)
				opt.Filters[name] = v
			}
			return err
		})
		if err != nil {
			s.writeError(c, err)
			return
		}
		out, err := s.visiblePage(c, k, opt)
		if err != nil {
			s.writeError(c, err)
			return
		}
		s.writeJSON(c, http.StatusOK, out)
	}
}

// visiblePage lists the documents of opt that the caller may see. A private candidate is left
// out, and never named by the cursor either: a page whose last document was one gave its id as
// next, telling anyone that a private profile exists and, through the filters, its city,
// degree and school. The page is filled from the pages after it instead, and next is the id
// of the last document shown.
func (s *Server) visiblePage(c *gin.Context, k xiaoqi.Kind, opt xiaoqi.ListOptions) (listPage, error) {
	limit := min(max(opt.Limit, 1), xiaoqi.MaxListLimit)
	out := listPage{Data: make([]any, 0, limit)}
	last := ""
	for {
		opt.Limit = limit - len(out.Data)
		page, err := s.storeList(c.Request.Context(), k, opt)
		if err != nil {
			return listPage{}, err
		}
		for _, d := range page.Docs {
			if v, ok := view(who(c), d); ok && !hiddenSource(v, opt.Filters["source"]) {
				out.Data = append(out.Data, v)
				last = d.Base().ID
			}
		}
		switch {
		case page.Next == "":
			return out, nil
		case len(out.Data) >= limit:
			out.Next = last
			return out, nil
		}
		opt.After = page.Next
	}
}

// get answers GET /api/v1/{kind}/{id}.
func (s *Server) get(k xiaoqi.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := s.pathID(c, k)
		if err == nil {
			err = noParams(c)
		}
		if err != nil {
			s.writeError(c, err)
			return
		}
		d, err := s.store.Get(c.Request.Context(), k, id)
		if err != nil {
			s.writeError(c, err)
			return
		}
		v, ok := view(who(c), d)
		if !ok {
			s.writeError(c, hiddenCandidate(id))
			return
		}
		c.Header("ETag", etag(d.Base().Version))
		s.writeJSON(c, http.StatusOK, v)
	}
}

// create answers POST /api/v1/{kind}: 201 for a new document, 200 when the natural key matched
// a stored one and the write became an update.
func (s *Server) create(k xiaoqi.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		wait, err := refreshParam(c)
		if err != nil {
			s.writeError(c, err)
			return
		}
		data, err := readBody(c, s.maxBody)
		var d, old xiaoqi.Doc
		if err == nil {
			d, err = decodeDoc(k, data, "")
		}
		if err == nil && d.Base().ID != "" {
			err = invalid("id", "编号由服务器分配；替换文档请用 PUT /api/v1/%[1]s/{id} / is assigned by the server; to replace a document use PUT /api/v1/%[1]s/{id}", resource(k))
		}
		var warnings []string
		if err == nil {
			// Before the natural key is looked up: an enterprise's is its name and city.
			_, err = readPlace(d, "")
		}
		sent, asSent := d, ""
		if err == nil {
			asSent = orgName(d)
			d, old, err = s.ontoStored(c, d, data)
		}
		if e, ok := d.(*xiaoqi.Enterprise); ok && err == nil && old == nil && asSent != "" {
			// A firm stored before names were written as registered: under the name as sent.
			e.Name = asSent
			d, old, err = s.ontoStored(c, d, data)
		}
		if err == nil {
			orgName(d) // the body's name, written onto the stored firm
			readSectors(d)
		}
		if err == nil {
			// Again on the stored document the body was written onto, whose city is the body's.
			warnings, err = readPlace(d, "")
			warnings = append(warnings, readMarkets(d, "")...)
		}
		if err == nil {
			var w []string
			w, err = readSalary(d, sent, "")
			warnings = append(warnings, w...)
		}
		if err == nil {
			err = mayWrite(who(c), old, d)
		}
		if err == nil && old != nil && d.Base().Version == 0 {
			// Written onto old, the body replaces old's version or nothing, as a PUT does: a
			// POST of an erased candidate's key wrote the profile read before the erasure
			// back, her phone and e-mail included.
			d.Base().Version = old.Base().Version
		}
		if cd, ok := d.(*xiaoqi.Candidate); ok && err == nil {
			setOwnFields(who(c), cd, old)
		}
		if err == nil {
			// After mayWrite, which fills what the account implies (HR's enterprise_id).
			err = validate(d, "")
		}
		if err == nil && k == xiaoqi.KindJob {
			defer s.lockJobs(d)()
			err = s.checkJob(c.Request.Context(), old, d, data)
		}
		if err == nil && k == xiaoqi.KindCandidate && old == nil {
			err = s.newPeople(c.Request.Context(), []xiaoqi.Doc{d})
		}
		if err != nil {
			s.writeError(c, err)
			return
		}
		warn(c, warnings)
		s.writeCreated(c, d, resource(k), wait, nil)
	}
}

// writeCreated writes d and answers body (when nil, what the caller may see of d): 201 with its Location (under /api/v1/{res}/) when
// the write created it, 200 when the natural key matched a stored document. A failed write
// has been answered by s.write already.
func (s *Server) writeCreated(c *gin.Context, d xiaoqi.Doc, res string, wait bool, body any) {
	wr, ok := s.write(c, []xiaoqi.Doc{d}, wait, false)
	if !ok {
		return
	}
	// The ETag of the last write, as a PUT answers it, to send back as If-Match.
	c.Header("ETag", etag(wr[0].Version))
	status := http.StatusOK
	if wr[0].Created {
		status = http.StatusCreated
		c.Header("Location", "/api/v1/"+res+"/"+wr[0].ID)
	}
	if body == nil {
		// What the caller may see of d, now that the store has given it its id and version.
		v, visible := view(who(c), d)
		if !visible {
			// A private candidate written by someone else (an administrator, an import):
			// only that it was written.
			v = privateStub{ID: wr[0].ID, Type: wr[0].Kind, Version: wr[0].Version, Visibility: xiaoqi.VisibilityPrivate}
		}
		body = v
	}
	s.writeJSON(c, status, body)
}

// privateStub is all the writer of a private candidate other than the candidate gets back.
type privateStub struct {
	ID         string      `json:"id"`
	Type       xiaoqi.Kind `json:"type"`
	Version    int64       `json:"version"`
	Visibility string      `json:"visibility"`
}

// batch answers POST /api/v1/{kind}/batch: one Store.Upsert of up to MaxBatchDocs documents.
func (s *Server) batch(k xiaoqi.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		wait, err := refreshParam(c)
		if err != nil {
			s.writeError(c, err)
			return
		}
		data, err := readBody(c, s.maxBatch)
		if err != nil {
			s.writeError(c, err)
			return
		}
		docs, warnings, err := decodeBatch(k, data, hrEnterprise(who(c)))
		if err == nil {
			err = s.mayWriteAll(c, docs)
		}
		if err == nil && k == xiaoqi.KindCandidate {
			err = s.newPeople(c.Request.Context(), docs)
		}
		if err == nil && k == xiaoqi.KindJob {
			// Checked as single posts are, an administrator's batch too: README's bounds hold
			// whichever way data comes in (an import reads its own rows, in package ingest).
			defer s.lockJobs(docs...)()
			err = s.checkBatchJobs(c.Request.Context(), docs, data)
		}
		if err != nil {
			s.writeError(c, err)
			return
		}
		warn(c, warnings)
		res, ok := s.write(c, docs, wait, true)
		if !ok {
			return
		}
		s.writeJSON(c, http.StatusOK, gin.H{"results": res})
	}
}

// put answers PUT /api/v1/{kind}/{id}: it replaces a stored document and never creates one.
func (s *Server) put(k xiaoqi.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, wait, err := s.pathWrite(c, k)
		if err != nil {
			s.writeError(c, err)
			return
		}
		data, err := readBody(c, s.maxBody)
		var d xiaoqi.Doc
		if err == nil {
			d, err = decodeDoc(k, data, "")
		}
		if err == nil && d.Base().ID != "" && d.Base().ID != id {
			err = invalid("id", "编号与路径不符：不填，或填路径中的编号（%[1]s） / must be absent or equal to the id in the path (%[1]s)", id)
		}
		var warnings []string
		if err == nil {
			orgName(d)
			readSectors(d)
			warnings, err = readPlace(d, "")
			warnings = append(warnings, readMarkets(d, "")...)
		}
		if err == nil {
			var w []string
			w, err = readSalary(d, d, "")
			warnings = append(warnings, w...)
		}
		if err != nil {
			s.writeError(c, err)
			return
		}
		old, err := s.store.Get(c.Request.Context(), k, id)
		if err == nil && !who(c).is(xiaoqi.RoleAdmin) {
			if _, seen := view(who(c), old); !seen {
				err = hiddenCandidate(id) // a private profile, as if absent (its 403 said it exists)
			}
		}
		if err == nil {
			d.Base().ID = id
			err = mayWrite(who(c), old, d)
		}
		if err == nil {
			err = ifMatch(c, old)
		}
		if err == nil && d.Base().Version == 0 {
			// The store writes over the version read or not at all: the body's version, else
			// If-Match's (ifMatch found it is old's), else old's itself, so that what was
			// checked and kept of old above is what the write replaces. Without it, a PUT that
			// read a candidate an erasure then deleted stored her again, and of twenty PUTs
			// sent with one If-Match four were answered 200.
			d.Base().Version = old.Base().Version
		}
		if cd, ok := d.(*xiaoqi.Candidate); ok && err == nil {
			if !self(who(c), id) {
				keepUnseen(cd, old.(*xiaoqi.Candidate))
			}
			setOwnFields(who(c), cd, old)
		}
		if err == nil {
			err = validate(d, "")
		}
		if err == nil && k == xiaoqi.KindJob {
			defer s.lockJobs(d)()
			err = s.checkJob(c.Request.Context(), old, d, data)
		}
		if err != nil {
			s.writeError(c, err)
			return
		}
		warn(c, warnings)
		wr, ok := s.write(c, []xiaoqi.Doc{d}, wait, false)
		if !ok {
			return
		}
		if seq, err := xiaoqi.FollowOrg(c.Request.Context(), s.store, old, d); err != nil {
			// The document is written; its parts keep the old name until they are written again.
			s.logger.LogAttrs(c.Request.Context(), slog.LevelWarn, "rename: the parts keep the old name",
				slog.String("id", id), slog.Any("error", err))
		} else {
			s.afterWrite(c, wait, seq) // refresh=wait_for finds the parts renamed or moved too
		}
		c.Header("ETag", etag(wr[0].Version))
		v, visible := view(who(c), d)
		if !visible {
			// As for a POST: an administrator who made a profile private got the body null.
			v = privateStub{ID: wr[0].ID, Type: wr[0].Kind, Version: wr[0].Version, Visibility: xiaoqi.VisibilityPrivate}
		}
		s.writeJSON(c, http.StatusOK, v)
	}
}

// delete answers DELETE /api/v1/{kind}/{id}.
func (s *Server) delete(k xiaoqi.Kind) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, wait, err := s.pathWrite(c, k)
		if err != nil {
			s.writeError(c, err)
			return
		}
		if k == xiaoqi.KindInstitution || k == xiaoqi.KindEnterprise {
			// Held from the check of its partnerships to the delete: a proposal made between
			// the two (proposing takes the lock and reads both parties) opened a partnership
			// with a party then deleted.
			s.partnerMu.Lock()
			defer s.partnerMu.Unlock()
		}
		_, res, err := s.deleteRead(c, k, id, func(old xiaoqi.Doc) error {
			err := mayWrite(who(c), old, old)
			if err == nil && (k == xiaoqi.KindInstitution || k == xiaoqi.KindEnterprise) && !who(c).is(xiaoqi.RoleAdmin) {
				// Staff and HR change their organisation; removing it is for administrators.
				err = errForbidden("只有管理员可以删除%s / only administrators delete an %s", xiaoqi.KindName(k), k)
			}
			if err == nil {
				err = s.hasNoParts(c.Request.Context(), k, id)
			}
			return err
		}, nil)
		if err != nil {
			s.writeError(c, err)
			return
		}
		s.afterWrite(c, wait, res.Seq)
		c.Status(http.StatusNoContent)
	}
}

// write upserts docs and answers any error itself; ok is false when it did.
func (s *Server) write(c *gin.Context, docs []xiaoqi.Doc, wait, batch bool) (res []xiaoqi.WriteResult, ok bool) {
	warnings, err := s.checkMajors(docs)
	if err != nil {
		s.writeError(c, err)
		return nil, false
	}
	warn(c, warnings)
	s.fillSkills(docs)
	if err := s.fillNames(c.Request.Context(), docs); err != nil {
		s.writeError(c, err)
		return nil, false
	}
	if err := s.checkProgramNames(c.Request.Context(), docs); err != nil {
		s.writeError(c, err)
		return nil, false
	}
	var changes []consentChange
	if s.accounts != nil {
		changes = s.consentChanges(c.Request.Context(), who(c), docs)
	}
	res, err = s.store.Upsert(c.Request.Context(), docs)
	if err == nil {
		err = s.auditConsent(c, changes, res)
	}
	if err != nil {
		if !batch {
			err = oneDoc(s.keyConflict(c.Request.Context(), docs[0], err))
		}
		s.writeError(c, err)
		return nil, false
	}
	var seq uint64
	for _, r := range res {
		seq = max(seq, r.Seq)
	}
	if n, err := s.followNames(c.Request.Context(), docs); err != nil {
		// Written; a job need keeps the old name of its firm until it is written again.
		s.logger.LogAttrs(c.Request.Context(), slog.LevelWarn, "job needs keep their enterprise's old name", slog.Any("error", err))
	} else {
		seq = max(seq, n)
	}
	s.afterWrite(c, wait, seq)
	return res, true
}

// oneDoc is a store's error about the one document of a POST or PUT, which the store names
// "docs[0]" as an item of a batch: the client sent no batch, so the field is named as in the
// body it sent ("version", not "docs[0].version"; the message without "docs[0]: ").
func oneDoc(err error) error {
	var e *xiaoqi.Error
	if !errors.As(err, &e) {
		return err
	}
	out := &xiaoqi.Error{Code: e.Code, Message: strings.Replace(e.Message, "docs[0]: ", "", 1), Err: e.Err}
	for _, d := range e.Details {
		field := strings.TrimPrefix(strings.TrimPrefix(d.Field, "docs[0]"), ".")
		if field == "" {
			field = whole("")
		}
		out.Details = append(out.Details, xiaoqi.FieldError{Field: field, Message: d.Message})
	}
	return out
}

// afterWrite wakes the index follower and, for ?refresh=wait_for, waits (bounded) until the
// index has applied seq. A write that changed nothing has seq 0 and waits for nothing.
func (s *Server) afterWrite(c *gin.Context, wait bool, seq uint64) {
	if seq == 0 {
		return
	}
	if s.notify != nil {
		s.notify()
	}
	if !wait || s.index == nil {
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.refreshTimeout)
	defer cancel()
	if err := s.index.WaitFor(ctx, seq); err != nil {
		// The write is durable; only its visibility in search is late. Say so, don't fail.
		c.Header("X-Refresh", "timeout")
		s.logger.LogAttrs(c.Request.Context(), slog.LevelWarn, "refresh=wait_for timed out",
			slog.Uint64("seq", seq), slog.Uint64("index_seq", s.index.Seq()),
			slog.String("error", err.Error()), slog.String("request_id", c.GetString(keyRequestID)))
	}
}

// pathID returns the checked id of the path.
func (s *Server) pathID(c *gin.Context, k xiaoqi.Kind) (string, error) {
	id := c.Param("id")
	if err := xiaoqi.CheckID(k, id); err != nil {
		return "", err
	}
	c.Set(keyDocID, id)
	return id, nil
}

// pathWrite reads what a write to /api/v1/{kind}/{id}[/…] is addressed by: the id in the
// path and the refresh parameter.
func (s *Server) pathWrite(c *gin.Context, k xiaoqi.Kind) (id string, wait bool, err error) {
	if id, err = s.pathID(c, k); err != nil {
		return "", false, err
	}
	if wait, err = refreshParam(c); err != nil {
		return "", false, err
	}
	return id, wait, nil
}
