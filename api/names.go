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

// followNames gives the job needs just written the name their enterprise has now. fillNames
// read it before the write, and a rename written between the two, whose xiaoqi.FollowOrg read
// the job need before this write, left it under the old name. A rename writes the
// enterprise before it follows it, so the name read after the job need is written is the
// last one. It answers the last sequence number written.
func (s *Server) followNames(ctx context.Context, docs []xiaoqi.Doc) (uint64, error) {
	var seq uint64
	names := map[string]string{} // enterprise id → its name now
	for _, d := range docs {
		j, ok := d.(*xiaoqi.JobNeed)
		if !ok || j.EnterpriseID == "" || j.ID == "" {
			continue
		}
		name, ok := names[j.EnterpriseID]
		if !ok {
			e, err := s.store.Get(ctx, xiaoqi.KindEnterprise, j.EnterpriseID)
			if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
				continue
			} else if err != nil {
				return seq, err
			}
			name = e.Title()
			names[j.EnterpriseID] = name
		}
		if name == j.EnterpriseName {
			continue
		}
		rename := func(x xiaoqi.Doc) bool {
			p := &x.(*xiaoqi.JobNeed).EnterpriseName
			changed := *p != name
			*p = name
			return changed
		}
		x, err := s.store.Get(ctx, xiaoqi.KindJob, j.ID)
		if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
			continue
		} else if err != nil {
			return seq, err
		}
		if !rename(x) {
			continue
		}
		n, err := xiaoqi.FollowPart(ctx, s.store, x, rename)
		if err != nil {
			return seq, err
		}
		seq = max(seq, n)
	}
	return seq, nil
}
