package api

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
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
	if err := checkJobFields(j, data); err != nil {
		return err
	}
	if j.Status == xiaoqi.JobClosed || j.EnterpriseID == "" {
		return nil
	}
	if o, ok := old.(*xiaoqi.JobNeed); ok && o.Status != xiaoqi.JobClosed && sameJob(o, j) {
		return nil // an edit that leaves title and place as they were, of a job already open
	}
	open, err := s.openJobs(ctx, j.EnterpriseID)
	if err != nil {
		return err
	}
	for _, o := range open {
		if o.ID != j.ID && sameJob(o, j) {
			return duplicateJob(o)
		}
	}
	return nil
}

// checkJobFields is what checkJob refuses in j itself, without reading the store.
func checkJobFields(j *xiaoqi.JobNeed, data []byte) error {
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
	return nil
}

// openJobs lists the open job needs of the enterprise ent.
func (s *Server) openJobs(ctx context.Context, ent string) ([]*xiaoqi.JobNeed, error) {
	var out []*xiaoqi.JobNeed
	opt := xiaoqi.ListOptions{Filters: map[string]string{"enterprise_id": ent}, Limit: xiaoqi.MaxListLimit}
	for {
		page, err := s.store.List(ctx, xiaoqi.KindJob, opt)
		if err != nil {
			return nil, err
		}
		for _, x := range page.Docs {
			if o, ok := x.(*xiaoqi.JobNeed); ok && o.Status != xiaoqi.JobClosed {
				out = append(out, o)
			}
		}
		if page.Next == "" {
			return out, nil
		}
		opt.After = page.Next
	}
}

// duplicateJob is the refusal of a job need that repeats the open job need o.
func duplicateJob(o *xiaoqi.JobNeed) error {
	return &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
		Message: "title: 该企业在" + o.City + "已有招聘中的同名岗位需求（" + o.ID + "）：请编辑那一条，或先将其关闭 / the enterprise already has an open job need of this title in " + xiaoqi.CityEnglish(o.City) + " (" + o.ID + "): edit that one, or close it first",
		Details: []xiaoqi.FieldError{{Field: "title", Message: "与招聘中的岗位需求 " + o.ID + " 重复 / duplicates the open job need " + o.ID}}}
}

// sameJob reports whether two job needs are the same posting: the same title (spaces,
// letter case and width aside) in the same city and district.
func sameJob(a, b *xiaoqi.JobNeed) bool { return postingKey(a) == postingKey(b) }

// postingKey is what sameJob compares: title, city and district, spaces, letter case and
// width aside (Ｊａｖａ开发工程师, typed by a Chinese input method, is Java开发工程师).
func postingKey(j *xiaoqi.JobNeed) string {
	return foldTitle(j.Name) + "|" + xiaoqi.NormalizeCity(j.City) + "|" + foldTitle(j.District)
}

// foldTitle is a title with spaces, letter case and width aside (Ｊａｖａ 开发 → java开发): two
// titles that fold alike name one posting or one course.
func foldTitle(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(ingest.Narrow(s)), ""))
}

// checkBatchJobs is checkJob for each job need of a batch, HR's or an administrator's (an
// administrator's went around it: salary_min 8, headcount 0 and a posted_at of 2199, which
// topped every newest-first list, were stored, as were two copies of one posting): an error
// names the document (docs[1].headcount), and two open postings of the same job of one
// enterprise within the batch are the same duplicate as one stored before. A batch of a
// thousand job needs reads each enterprise's open job needs once, not once a document, and
// reads no stored version: the one the exemption of an unchanged edit needs is in that list.
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
	// The stored documents the batch writes again, by id or natural key: the batch's own
	// version of them is what counts, checked within the batch.
	inBatch := map[string]bool{}
	for _, d := range docs {
		inBatch[d.Base().ID] = true
		inBatch[d.NaturalKey()] = true
	}
	delete(inBatch, "")
	open := map[string][]*xiaoqi.JobNeed{} // enterprise id → its open job needs as stored
	seen := map[string]int{}               // firmKey and postingKey → the index of the open job need
	for i, d := range docs {
		j, ok := d.(*xiaoqi.JobNeed)
		if !ok {
			continue
		}
		if err := checkJobFields(j, raws[i]); err != nil {
			return prefix(i, err)
		}
		if j.Status == xiaoqi.JobClosed {
			continue
		}
		if j.EnterpriseID != "" {
			stored, ok := open[j.EnterpriseID]
			if !ok {
				var err error
				if stored, err = s.openJobs(ctx, j.EnterpriseID); err != nil {
					return err
				}
				open[j.EnterpriseID] = stored
			}
			if err := duplicateStored(stored, j, inBatch); err != nil {
				return prefix(i, err)
			}
		}
		key := firmKey(j) + "|" + postingKey(j)
		if k, ok := seen[key]; ok && !sameDoc(docs[k], j) {
			return prefix(i, &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
				Message: fmt.Sprintf("title: 与本批第 %[1]d 项（docs[%[1]d]）是同一个招聘中的岗位需求 / is the same open job need as docs[%[1]d] of this batch", k),
				Details: []xiaoqi.FieldError{{Field: "title", Message: fmt.Sprintf("与 docs[%[1]d] 重复 / duplicates docs[%[1]d]", k)}}})
		}
		seen[key] = i
	}
	return nil
}

// duplicateStored is checkJob's duplicate check of j against stored, the open job needs of
// its enterprise; a stored one the batch writes again (inBatch) is left to the batch's check.
func duplicateStored(stored []*xiaoqi.JobNeed, j *xiaoqi.JobNeed, inBatch map[string]bool) error {
	nk := j.NaturalKey()
	for _, o := range stored {
		if (o.ID == j.ID || (nk != "" && o.NaturalKey() == nk)) && sameJob(o, j) {
			return nil // an edit that leaves title and place as they were, of a job already open
		}
	}
	for _, o := range stored {
		if o.ID == j.ID || inBatch[o.ID] || inBatch[o.NaturalKey()] || !sameJob(o, j) {
			continue
		}
		return duplicateJob(o)
	}
	return nil
}

// firmKey is the enterprise of j for the duplicate check within a batch: its id, or, for an
// administrator's batch that names the enterprise only, that name (two firms named
// differently are two firms, though neither has an id).
func firmKey(j *xiaoqi.JobNeed) string {
	if j.EnterpriseID != "" {
		return "id:" + j.EnterpriseID
	}
	return "name:" + strings.ToLower(strings.Join(strings.Fields(ingest.OrgName(ingest.Narrow(j.EnterpriseName))), ""))
}

// sameDoc reports whether a and b are one document written twice (the same id or natural key).
func sameDoc(a, b xiaoqi.Doc) bool {
	return (a.Base().ID != "" && a.Base().ID == b.Base().ID) || (a.NaturalKey() != "" && a.NaturalKey() == b.NaturalKey())
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

// lockJobs locks the job needs of the enterprises of docs, each once and in the order of
// their ids, so that two batches of the same firms cannot each hold one lock and wait for the
// other's; it answers the unlock. A job need that names no enterprise id is checked against
// nothing stored and takes no lock. Only this node's requests wait: several nodes can still race.
func (s *Server) lockJobs(docs ...xiaoqi.Doc) func() {
	var ents []string
	for _, d := range docs {
		if j, ok := d.(*xiaoqi.JobNeed); ok && j.EnterpriseID != "" {
			ents = append(ents, j.EnterpriseID)
		}
	}
	slices.Sort(ents)
	ents = slices.Compact(ents)
	unlock := make([]func(), 0, len(ents))
	for _, ent := range ents {
		m, _ := s.jobLocks.LoadOrStore(ent, &sync.Mutex{})
		mu := m.(*sync.Mutex)
		mu.Lock()
		unlock = append(unlock, mu.Unlock)
	}
	return func() {
		for _, u := range slices.Backward(unlock) {
			u()
		}
	}
}
