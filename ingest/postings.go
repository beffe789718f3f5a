package ingest

import (
	"cmp"
	"context"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"time"

	"github.com/xiaoqi-dev/xiaoqi"
)

// postings finds, for a job row without an id column, the posting already stored for it
// under another key: imported from another file (the file name is the default source, so a
// list saved under a new name had all its rows added again) or under the key of an older
// version, which held the posting date. A posting is the same when its enterprise, title,
// city and district are. The stored postings of an enterprise are read once, on first use.
type postings struct {
	store   xiaoqi.Store
	seed    maphash.Seed
	byEnt   map[string]map[string][]storedPosting // enterprise id → title, city, district → postings
	cached  int
	claimed map[uint64]bool // postings a row of this import wrote or took, by id
}

// storedPosting is what postings keeps of a stored job need.
type storedPosting struct {
	id, source, externalID, salaryText string
	postedAt, created                  time.Time
}

func newPostings(store xiaoqi.Store, seed maphash.Seed) *postings {
	return &postings{store: store, seed: seed, byEnt: map[string]map[string][]storedPosting{}, claimed: map[uint64]bool{}}
}

func postingIdentity(j *xiaoqi.JobNeed) string { return j.Name + "\x00" + j.City + "\x00" + j.District }

// claim marks the posting id as written by this import: no other row takes it.
func (p *postings) claim(id string) { p.claimed[maphash.String(p.seed, id)] = true }

// match returns the stored posting of j's enterprise that j is, when j's own key names none:
// the one with j's external id (a posting of another source, made from the same fields), else
// the only one with j's title, city and district. Of several (a firm's two postings of one
// title and place, six pairs in 51job's list), the one with j's posting date and salary, else
// the first in the order they were stored: the rows of a file take them in the file's order,
// and the same file imported again pairs them alike (each of them was added again). It
// returns nil when there is none, or when other rows of the import took them all.
func (p *postings) match(ctx context.Context, j *xiaoqi.JobNeed) (*storedPosting, error) {
	own := xiaoqi.NewID(xiaoqi.KindJob, j.NaturalKey())
	ps, err := p.load(ctx, j.EnterpriseID)
	if err != nil {
		return nil, err
	}
	var free []storedPosting
	for _, sp := range ps[postingIdentity(j)] {
		if sp.id == own {
			p.claim(own)
			return nil, nil // stored under its own key
		}
		if sp.source == j.Source && strings.HasPrefix(sp.externalID, j.ExternalID+"-") {
			continue // a later row's own key (the second of the file's rows with this identity)
		}
		if !p.claimed[maphash.String(p.seed, sp.id)] {
			free = append(free, sp)
		}
	}
	p.claim(own)
	for _, sp := range free {
		if sp.externalID == j.ExternalID {
			p.claim(sp.id)
			return &sp, nil
		}
	}
	if len(free) == 0 {
		return nil, nil
	}
	best, score := 0, -1
	for i, sp := range free {
		n := 0
		if !j.PostedAt.IsZero() && sp.postedAt.Equal(j.PostedAt) {
			n += 2
		}
		if sp.salaryText == j.SalaryText {
			n++
		}
		if n > score {
			best, score = i, n
		}
	}
	p.claim(free[best].id)
	return &free[best], nil
}

// load reads the stored postings of an enterprise.
func (p *postings) load(ctx context.Context, ent string) (map[string][]storedPosting, error) {
	if ps, ok := p.byEnt[ent]; ok {
		return ps, nil
	}
	if p.cached >= maxCached {
		p.byEnt, p.cached = map[string]map[string][]storedPosting{}, 0
	}
	ps := map[string][]storedPosting{}
	opt := xiaoqi.ListOptions{Filters: map[string]string{"enterprise_id": ent}, Limit: xiaoqi.MaxListLimit}
	for {
		page, err := p.store.List(ctx, xiaoqi.KindJob, opt)
		if err != nil {
			return nil, fmt.Errorf("ingest: read the job needs of %s: %w", ent, err)
		}
		for _, d := range page.Docs {
			if j, ok := d.(*xiaoqi.JobNeed); ok {
				k := postingIdentity(j)
				ps[k] = append(ps[k], storedPosting{id: j.ID, source: j.Source, externalID: j.ExternalID, salaryText: j.SalaryText,
					postedAt: j.PostedAt, created: j.CreatedAt})
				p.cached++
			}
		}
		if page.Next == "" || p.cached >= maxCached {
			break
		}
		opt.After = page.Next
	}
	for _, list := range ps {
		// In the order they were stored, which is a file's: the store lists them by id.
		slices.SortStableFunc(list, func(a, b storedPosting) int {
			return cmp.Or(a.created.Compare(b.created), strings.Compare(a.id, b.id))
		})
	}
	p.byEnt[ent] = ps
	return ps, nil
}
