package api

import (
	"context"

	"github.com/xiaoqi-dev/xiaoqi"
)

// fillNames gives a job need the name of its enterprise and a program the name of its
// institution, as stored, whenever the document names one that exists: the name written with
// the document was kept, so HR of one firm published postings under another's name
// ("华为技术有限公司", shown in search hits and found by enterprise=), and a training base's
// staff programs titled "西安交通大学 · 软件工程". Imports name them so already (ingest).
// A reference to nothing keeps the name written.
func (s *Server) fillNames(ctx context.Context, docs []xiaoqi.Doc) error {
	names := map[string]string{} // id → stored name; "" when there is none
	name := func(k xiaoqi.Kind, id string) (string, error) {
		if n, ok := names[id]; ok || id == "" {
			return n, nil
		}
		d, err := s.store.Get(ctx, k, id)
		if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
			names[id] = ""
			return "", nil
		} else if err != nil {
			return "", err
		}
		names[id] = d.Title()
		return names[id], nil
	}
	for _, d := range docs {
		var err error
		var n string
		switch d := d.(type) {
		case *xiaoqi.JobNeed:
			if n, err = name(xiaoqi.KindEnterprise, d.EnterpriseID); n != "" {
				d.EnterpriseName = n
			}
		case *xiaoqi.Program:
			if n, err = name(xiaoqi.KindInstitution, d.InstitutionID); n != "" {
				d.InstitutionName = n
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}
