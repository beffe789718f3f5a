package api

import (
	"context"
	"strconv"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// fillNames gives a job need the name of its enterprise, and a program and a candidate's
// education the name of its institution, as stored, whenever the document names one that
// exists: the name written with the document was kept, so HR of one firm published postings
// under another's name ("华为技术有限公司", shown in search hits and found by enterprise=), and
// a training base's staff programs titled "西安交通大学 · 软件工程". Imports name them so
// already (ingest). A reference to nothing is refused, naming the field. A program that
// names no city is placed where its institution is, city and district (a district it names
// is kept), as imports place it, so that the city and district filters find it. A program's
// degree must be one its institution awards (xiaoqi.CheckProgramDegree).
func (s *Server) fillNames(ctx context.Context, docs []xiaoqi.Doc) error {
	refs := map[string]xiaoqi.Doc{} // id → stored document; nil when there is none
	ref := func(k xiaoqi.Kind, id string) (xiaoqi.Doc, error) {
		if d, ok := refs[id]; ok || id == "" {
			return d, nil
		}
		d, err := s.store.Get(ctx, k, id)
		if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
			refs[id] = nil
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		refs[id] = d
		return d, nil
	}
	for i, d := range docs {
		switch d := d.(type) {
		case *xiaoqi.JobNeed:
			e, err := ref(xiaoqi.KindEnterprise, d.EnterpriseID)
			if err != nil {
				return err
			}
			if e == nil && d.EnterpriseID != "" {
				// A job need of no enterprise was written, listed and matched for none.
				return inBatch(invalid("enterprise_id", "企业 %[1]s 不存在 / no enterprise %[1]s", d.EnterpriseID), i, len(docs))
			}
			if e != nil {
				d.EnterpriseName = e.Title()
				// A job need of a fictitious enterprise is as fictitious: it is marked 示例
				// synthetic, and real_only leaves it out of every count and ranking.
				if e.Base().Synthetic {
					d.Synthetic = true
				}
			}
		case *xiaoqi.Candidate:
			// A school named by its id had no name, so the institution filter of search
			// missed the candidate; an id of no school was stored.
			for k := range d.Education {
				ed := &d.Education[k]
				in, err := ref(xiaoqi.KindInstitution, ed.InstitutionID)
				if err != nil {
					return err
				}
				if in == nil && ed.InstitutionID != "" {
					f := "education[" + strconv.Itoa(k) + "].institution_id"
					return inBatch(invalid(f, "院校 %[1]s 不存在 / no institution %[1]s", ed.InstitutionID), i, len(docs))
				}
				if in != nil {
					ed.InstitutionName = in.Title()
				}
			}
		case *xiaoqi.Program:
			in, err := ref(xiaoqi.KindInstitution, d.InstitutionID)
			if err != nil {
				return err
			}
			if in == nil && d.InstitutionID != "" {
				return inBatch(invalid("institution_id", "院校 %[1]s 不存在 / no institution %[1]s", d.InstitutionID), i, len(docs))
			}
			if in, ok := in.(*xiaoqi.Institution); ok {
				if err := xiaoqi.CheckProgramDegree(d, in); err != nil {
					return inBatch(err, i, len(docs))
				}
				d.InstitutionName = in.Title()
				if strings.TrimSpace(d.City) == "" {
					// The district given is kept and checked against the school's city: 长安区
					// without a city was replaced by the school's 雁塔区, and 火星区 too, without a word.
					d.City = in.City
					if strings.TrimSpace(d.District) == "" {
						d.District = in.District
					}
				}
				if err := checkProgramPlace(d, in); err != nil {
					return inBatch(err, i, len(docs))
				}
			}
		}
	}
	return nil
}

// orgName writes the name of an enterprise d as its registration does (ingest.OrgName) and
// answers the name as sent when that changed it, else "".
func orgName(d xiaoqi.Doc) string {
	e, ok := d.(*xiaoqi.Enterprise)
	if !ok {
		return ""
	}
	sent := e.Name
	if e.Name = ingest.OrgName(e.Name); e.Name == sent {
		return ""
	}
	return sent
}

// inBatch names the fields of a validation error of docs[i] as the store names them in a
// batch (docs[3].degree); a single document's error stays as it is.
func inBatch(err error, i, n int) error {
	e, ok := err.(*xiaoqi.Error)
	if !ok || n == 1 {
		return err
	}
	out := &xiaoqi.Error{Code: e.Code, Message: "docs[" + strconv.Itoa(i) + "]: " + e.Message}
	for _, d := range e.Details {
		out.Details = append(out.Details, xiaoqi.FieldError{Field: "docs[" + strconv.Itoa(i) + "]." + d.Field, Message: d.Message})
	}
	return out
}

// namePart is a kind of document that carries the name (or place) of an enterprise or
// institution: field filters those of one (all of the kind when empty), and rename sets the
// new name in one, reporting whether that changed it.
type namePart struct {
	k      xiaoqi.Kind
	field  string
	rename func(xiaoqi.Doc) bool
}

// renamed writes the new name of d, an enterprise or institution that was old, into what
// carries it for search, suggestions and lists: an enterprise's job needs and partnerships,
// an institution's programs, partnerships and the education of candidates who studied there.
// Renamed, a firm kept its job needs under the old name, which search and suggestions still
// gave, and the new one found none of them; its partnerships kept the old name after job
// needs and programs took the new one. An institution's programs that stand where it stood
// (fillNames placed them there) follow it to its new city and district: a school given its
// district later (雁塔区) kept its courses at none, and search by district found the school
// without them. A program placed apart (a campus elsewhere) stays. It answers the last
// sequence number written, for refresh=wait_for.
func (s *Server) renamed(ctx context.Context, old, d xiaoqi.Doc) (uint64, error) {
	if old == nil {
		return 0, nil
	}
	name, id := d.Title(), d.Base().ID
	var parts []namePart
	add := func(k xiaoqi.Kind, field string, rename func(xiaoqi.Doc) bool) {
		parts = append(parts, namePart{k, field, rename})
	}
	set := func(p *string) bool {
		changed := *p != name
		*p = name
		return changed
	}
	renamed := old.Title() != name
	switch d.Kind() {
	case xiaoqi.KindEnterprise:
		if !renamed {
			break
		}
		add(xiaoqi.KindJob, "enterprise_id", func(x xiaoqi.Doc) bool { return set(&x.(*xiaoqi.JobNeed).EnterpriseName) })
		add(xiaoqi.KindPartnership, "enterprise_id", func(x xiaoqi.Doc) bool { return set(&x.(*xiaoqi.Partnership).EnterpriseName) })
	case xiaoqi.KindInstitution:
		was, now := old.(*xiaoqi.Institution), d.(*xiaoqi.Institution)
		moved := was.City != now.City || was.District != now.District
		if !renamed && !moved {
			break
		}
		add(xiaoqi.KindProgram, "institution_id", func(x xiaoqi.Doc) bool {
			p := x.(*xiaoqi.Program)
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
		add(xiaoqi.KindPartnership, "institution_id", func(x xiaoqi.Doc) bool { return set(&x.(*xiaoqi.Partnership).InstitutionName) })
		// The stores filter candidates by their first school only: all are read, as a
		// rename is rare and a school further down the list is as much the candidate's.
		add(xiaoqi.KindCandidate, "", func(x xiaoqi.Doc) bool {
			changed := false
			for i, e := range x.(*xiaoqi.Candidate).Education {
				if e.InstitutionID == id {
					changed = set(&x.(*xiaoqi.Candidate).Education[i].InstitutionName) || changed
				}
			}
			return changed
		})
	}
	var seq uint64
	for _, p := range parts {
		opt := xiaoqi.ListOptions{Filters: map[string]string{}, Limit: xiaoqi.MaxListLimit}
		if p.field != "" {
			opt.Filters[p.field] = id
		}
		for {
			page, err := s.store.List(ctx, p.k, opt)
			if err != nil {
				return seq, err
			}
			var docs []xiaoqi.Doc
			for _, x := range page.Docs {
				if p.rename(x) {
					docs = append(docs, x)
				}
			}
			if len(docs) > 0 {
				res, err := s.store.Upsert(ctx, docs)
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

// checkProgramPlace refuses a program placed where its school cannot teach it: in a city
// outside Shaanxi other than its institution's, or in a district its city does not have
// (北京市 · 火星区 was stored and found by search there). A program may be taught at a campus
// in another city of the province; its district must be one of the divisions' or a zone.
func checkProgramPlace(p *xiaoqi.Program, in *xiaoqi.Institution) error {
	if p.City != in.City && xiaoqi.RegionOf(p.City) == "" {
		return invalid("city", "须为院校所在的%[1]s或陕西的城市，不能是 %[2]q / must be the city of its institution (%[3]s) or a city of Shaanxi, not %[2]q",
			in.City, p.City, xiaoqi.CityEnglish(in.City))
	}
	if p.District != "" && (p.City != in.City || p.District != in.District) && !ingest.KnownDistrict(p.City, p.District) {
		return invalid("district", "%[1]q 不是%[2]s的区县或开发区 / %[1]q is not a district, county or development zone of %[3]s",
			p.District, p.City, xiaoqi.CityEnglish(p.City))
	}
	return nil
}
