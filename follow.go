package xiaoqi

// What carries the name or place of an enterprise or institution, and follows it when it
// changes.

import "context"

// orgPart is a kind of document that carries the name (or place) of an enterprise or
// institution: field filters those of one (all of the kind when empty), and rename sets the
// new name in one, reporting whether that changed it.
type orgPart struct {
	k      Kind
	field  string
	rename func(Doc) bool
}

// FollowOrg writes the new name of d, an enterprise or institution that was old, into what
// carries it for search, suggestions and lists: an enterprise's job needs and partnerships,
// an institution's programs, partnerships and the education of candidates who studied there.
// Renamed, a firm kept its job needs under the old name, which search and suggestions still
// gave, and the new one found none of them; its partnerships kept the old name after job
// needs and programs took the new one. An institution's programs that stand where it stood
// (the API and imports placed them there) follow it to its new city and district: a school given its
// district later (雁塔区) kept its courses at none, and search by district found the school
// without them. A program placed apart (a campus elsewhere) stays. The API's PUT and imports
// (an office's list giving its schools their districts, or a school its new name, by its
// code) both call it once the document is written. It answers the last sequence number
// written, for refresh=wait_for.
func FollowOrg(ctx context.Context, store Store, old, d Doc) (uint64, error) {
	if old == nil {
		return 0, nil
	}
	name, id := d.Title(), d.Base().ID
	var parts []orgPart
	add := func(k Kind, field string, rename func(Doc) bool) {
		parts = append(parts, orgPart{k, field, rename})
	}
	set := func(p *string) bool {
		changed := *p != name
		*p = name
		return changed
	}
	renamed := old.Title() != name
	switch d.Kind() {
	case KindEnterprise:
		if !renamed {
			break
		}
		add(KindJob, "enterprise_id", func(x Doc) bool { return set(&x.(*JobNeed).EnterpriseName) })
		add(KindPartnership, "enterprise_id", func(x Doc) bool { return set(&x.(*Partnership).EnterpriseName) })
	case KindInstitution:
		was, now := old.(*Institution), d.(*Institution)
		moved := was.City != now.City || was.District != now.District
		if !renamed && !moved {
			break
		}
		add(KindProgram, "institution_id", func(x Doc) bool {
			p := x.(*Program)
			changed := renamed && set(&p.InstitutionName)
			if moved && (p.City == "" || p.City == was.City && p.District == was.District) {
				changed = changed || p.City != now.City || p.District != now.District
				p.City, p.District = now.City, now.District
			}
			return changed
		})
		if !renamed {
			break
		}
		add(KindPartnership, "institution_id", func(x Doc) bool { return set(&x.(*Partnership).InstitutionName) })
		// The stores filter candidates by their first school only: all are read, as a
		// rename is rare and a school further down the list is as much the candidate's.
		add(KindCandidate, "", func(x Doc) bool {
			changed := false
			for i, e := range x.(*Candidate).Education {
				if e.InstitutionID == id {
					changed = set(&x.(*Candidate).Education[i].InstitutionName) || changed
				}
			}
			return changed
		})
	}
	var seq uint64
	for _, p := range parts {
		opt := ListOptions{Filters: map[string]string{}, Limit: MaxListLimit}
		if p.field != "" {
			opt.Filters[p.field] = id
		}
		for {
			page, err := store.List(ctx, p.k, opt)
			if err != nil {
				return seq, err
			}
			var docs []Doc
			for _, x := range page.Docs {
				if p.rename(x) {
					docs = append(docs, x)
				}
			}
			if len(docs) > 0 {
				res, err := store.Upsert(ctx, docs)
				if ErrorCode(err) == ECONFLICT {
					// One part changed since the page was read (a job need edited as its firm
					// was renamed): the page's transaction wrote none, and they all kept the
					// old name. Each is written alone, read again when it changed.
					res, err = nil, nil
					for _, x := range docs {
						n, err := FollowPart(ctx, store, x, p.rename)
						if err != nil {
							return seq, err
						}
						seq = max(seq, n)
					}
				}
				if err != nil {
					return seq, err
				}
				for _, r := range res {
					seq = max(seq, r.Seq)
				}
			}
			if page.Next == "" {
				break
			}
			opt.After = page.Next
		}
	}
	return seq, nil
}

// followTries bounds the times FollowPart reads a part again that changed as it was written.
const followTries = 10

// FollowPart writes d, a part that rename has given the name (or place) of its enterprise or
// institution; when the store refuses it because it changed since it was read, it reads it
// again, renames that and writes it, up to followTries times. A part removed meanwhile is
// left. It answers the sequence number written, 0 when nothing was.
func FollowPart(ctx context.Context, store Store, d Doc, rename func(Doc) bool) (uint64, error) {
	for try := 0; ; try++ {
		res, err := store.Upsert(ctx, []Doc{d})
		if err == nil {
			return res[0].Seq, nil
		}
		if ErrorCode(err) != ECONFLICT || try == followTries {
			return 0, err
		}
		if d, err = store.Get(ctx, d.Kind(), d.Base().ID); ErrorCode(err) == ENOTFOUND {
			return 0, nil
		} else if err != nil {
			return 0, err
		}
		if !rename(d) {
			return 0, nil // already carries the name
		}
	}
}
