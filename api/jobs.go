package api

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// postedSlack is how far past the server's clock a job need's posted_at may be: a day, for
// a posting dated in a time zone ahead of the server's.
const postedSlack = 24 * time.Hour

// checkJob refuses what HR writes into a job need by mistake and the document's own
// validation lets pass (d the job to write, old the stored one or nil, data the body as sent):
//   - an explicit "headcount": 0 (stored as "not stated": a typo of 10 or a cleared field
//     published a job that asked for nobody, without a word);
//   - a salary under xiaoqi.MinMonthlySalary (8 for 8千 was stored as 8 yuan a month);
//   - a posted_at in the future (2100-01-01 sorted first in every newest-first list for ever);
//   - a second open job need of the same enterprise with the same title in the same place (a
//     double click on 发布, or the same job posted from two tabs, doubled its openings in every
//     count and ranking).
func (s *Server) checkJob(ctx context.Context, old, d xiaoqi.Doc, data []byte) error {
	j, ok := d.(*xiaoqi.JobNeed)
	if !ok {
		return nil
	}
	var raw struct {
		Headcount *json.RawMessage `json:"headcount"`
	}
	if json.Unmarshal(data, &raw) == nil && raw.Headcount != nil && strings.TrimSpace(string(*raw.Headcount)) == "0" {
		return invalid("headcount", "须至少为 1；人数未定请不填 / must be at least 1; leave it out when the number is not decided")
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"salary_min", j.SalaryMin}, {"salary_max", j.SalaryMax}} {
		if f.v > 0 && f.v < xiaoqi.MinMonthlySalary {
			return invalid(f.name, "月薪以元计，%[1]d 元过低（8千请写 8000） / must be in yuan a month; %[1]d is too low (write 8000 for 8千)", f.v)
		}
	}
	if !j.PostedAt.IsZero() && j.PostedAt.After(time.Now().Add(postedSlack)) {
		return invalid("posted_at", "发布日期不能晚于今天，不能是 %[1]s / must not be later than today, not %[1]s", j.PostedAt.Format(time.DateOnly))
	}
	if j.Status == xiaoqi.JobClosed || j.EnterpriseID == "" {
		return nil
	}
	if o, ok := old.(*xiaoqi.JobNeed); ok && o.Status != xiaoqi.JobClosed && sameJob(o, j) {
		return nil // an edit that leaves title and place as they were, of a job already open
	}
	opt := xiaoqi.ListOptions{Filters: map[string]string{"enterprise_id": j.EnterpriseID}, Limit: xiaoqi.MaxListLimit}
	for {
		page, err := s.store.List(ctx, xiaoqi.KindJob, opt)
		if err != nil {
			return err
		}
		for _, x := range page.Docs {
			o, ok := x.(*xiaoqi.JobNeed)
			if !ok || o.ID == j.ID || o.Status == xiaoqi.JobClosed || !sameJob(o, j) {
				continue
			}
			return &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
				Message: "title: 该企业在" + o.City + "已有招聘中的同名岗位需求（" + o.ID + "）：请编辑那一条，或先将其关闭 / the enterprise already has an open job need of this title in " + xiaoqi.CityEnglish(o.City) + " (" + o.ID + "): edit that one, or close it first",
				Details: []xiaoqi.FieldError{{Field: "title", Message: "与招聘中的岗位需求 " + o.ID + " 重复 / duplicates the open job need " + o.ID}}}
		}
		if page.Next == "" {
			return nil
		}
		opt.After = page.Next
	}
}

// sameJob reports whether two job needs are the same posting: the same title (spaces and
// letter case aside) in the same city and district.
func sameJob(a, b *xiaoqi.JobNeed) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }
	return norm(a.Name) == norm(b.Name) && xiaoqi.NormalizeCity(a.City) == xiaoqi.NormalizeCity(b.City) && norm(a.District) == norm(b.District)
}

// checkBatchJobs is checkJob for each job need of a batch that HR sends (POST /jobs/batch went
// around it): an error names the document (docs[1].headcount), and two open postings of the
// same job within the batch are the same duplicate as one stored before.
func (s *Server) checkBatchJobs(ctx context.Context, docs []xiaoqi.Doc, data []byte) error {
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil || len(raws) != len(docs) {
		raws = make([]json.RawMessage, len(docs))
	}
	prefix := func(i int, err error) error {
		e, ok := err.(*xiaoqi.Error)
		if !ok {
			return err
		}
		p := "docs[" + strconv.Itoa(i) + "]"
		out := &xiaoqi.Error{Code: e.Code, Message: p + "." + e.Message}
		for _, d := range e.Details {
			out.Details = append(out.Details, xiaoqi.FieldError{Field: p + "." + d.Field, Message: d.Message})
		}
		return out
	}
	for i, d := range docs {
		var old xiaoqi.Doc
		if id := d.Base().ID; id != "" {
			o, err := s.store.Get(ctx, xiaoqi.KindJob, id)
			if err != nil && xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
				return err
			}
			old = o
		}
		if err := s.checkJob(ctx, old, d, raws[i]); err != nil {
			return prefix(i, err)
		}
		j, ok := d.(*xiaoqi.JobNeed)
		if !ok || j.Status == xiaoqi.JobClosed {
			continue
		}
		for k, x := range docs[:i] {
			if o, ok := x.(*xiaoqi.JobNeed); ok && o.Status != xiaoqi.JobClosed && o.EnterpriseID == j.EnterpriseID && sameJob(o, j) {
				return prefix(i, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
					Message: fmt.Sprintf("title: 与本批第 %[1]d 项（docs[%[1]d]）是同一个招聘中的岗位需求 / is the same open job need as docs[%[1]d] of this batch", k),
					Details: []xiaoqi.FieldError{{Field: "title", Message: fmt.Sprintf("与 docs[%[1]d] 重复 / duplicates docs[%[1]d]", k)}}})
			}
		}
	}
	return nil
}

// hrEnterprise is the fill of decodeBatch for p: a job need of HR's batch that names no
// enterprise is of HR's own, as in a single POST (the batch was refused, enterprise_id
// required, where the POST of the same document passed). nil for anyone else.
func hrEnterprise(p *principal) func(xiaoqi.Doc) {
	if p == nil || p.user == nil || p.user.Role != xiaoqi.RoleEnterprise {
		return nil
	}
	ent := p.user.EnterpriseID
	return func(d xiaoqi.Doc) {
		if j, ok := d.(*xiaoqi.JobNeed); ok && j.EnterpriseID == "" && j.EnterpriseName == "" {
			j.EnterpriseID = ent
		}
	}
}

// lockJobs locks the job needs of d's enterprise (an HR batch is all of one enterprise, its
// own) and answers the unlock. Only this node's requests wait: several nodes can still race.
func (s *Server) lockJobs(d xiaoqi.Doc) func() {
	ent := ""
	if j, ok := d.(*xiaoqi.JobNeed); ok {
		ent = j.EnterpriseID
	}
	m, _ := s.jobLocks.LoadOrStore(ent, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}
