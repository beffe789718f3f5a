package api

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// listPart is one store list of a list that several make up: its filters, and which of the
// documents it lists belong (nil: all).
type listPart struct {
	filters map[string]string
	keep    func(xiaoqi.Doc) bool
}

// areaParts returns the parts of a list whose city filter names a new area of policy item (7),
// read as search reads it: the documents that name the area as their city, and those of the
// area's districts in the cities around it (xiaoqi.AreaDistricts). city=杨凌 listed nothing of
// the default data, whose schools of 杨凌 (西北农林科技大学) say 咸阳市 杨陵区, while search found
// them. nil when the filter names no new area, or the kind has no district.
func areaParts(k xiaoqi.Kind, filters map[string]string) []listPart {
	cities, districts := xiaoqi.AreaDistricts(filters["city"])
	if cities == nil || docDistrict(xiaoqi.NewDoc(k)) == nil {
		return nil
	}
	parts := []listPart{{filters: filters}}
	for _, c := range cities {
		f := maps.Clone(filters)
		f["city"] = c
		parts = append(parts, listPart{filters: f, keep: func(d xiaoqi.Doc) bool {
			p := docDistrict(d)
			return p != nil && slices.Contains(districts, *p)
		}})
	}
	return parts
}

// docDistrict returns the district field of d, nil for a kind that has none.
func docDistrict(d xiaoqi.Doc) *string {
	switch d := d.(type) {
	case *xiaoqi.Institution:
		return &d.District
	case *xiaoqi.Program:
		return &d.District
	case *xiaoqi.Enterprise:
		return &d.District
	case *xiaoqi.JobNeed:
		return &d.District
	}
	return nil
}

// storeList lists a page of opt as the store does, a city filter of a new area included
// (areaParts): the pages of the parts are merged in id order, as far as every part has been
// read, so that the cursor of the page still orders the whole list.
func (s *Server) storeList(ctx context.Context, k xiaoqi.Kind, opt xiaoqi.ListOptions) (*xiaoqi.ListPage, error) {
	parts := areaParts(k, opt.Filters)
	if parts == nil {
		return s.store.List(ctx, k, opt)
	}
	limit := min(max(opt.Limit, 1), xiaoqi.MaxListLimit)
	var docs []xiaoqi.Doc
	horizon := "" // the last id every part with more to list has reached; "" when all are read
	for _, p := range parts {
		page, err := s.store.List(ctx, k, xiaoqi.ListOptions{Filters: p.filters, After: opt.After, Limit: limit})
		if err != nil {
			return nil, err
		}
		for _, d := range page.Docs {
			if p.keep == nil || p.keep(d) {
				docs = append(docs, d)
			}
		}
		if page.Next != "" && (horizon == "" || page.Next < horizon) {
			horizon = page.Next
		}
	}
	slices.SortFunc(docs, func(a, b xiaoqi.Doc) int { return strings.Compare(a.Base().ID, b.Base().ID) })
	if horizon != "" {
		// Beyond the horizon, a part not read that far may hold documents that come first.
		docs = slices.DeleteFunc(docs, func(d xiaoqi.Doc) bool { return d.Base().ID > horizon })
	}
	out := &xiaoqi.ListPage{Docs: docs}
	switch {
	case len(docs) > limit:
		out.Docs = docs[:limit]
		out.Next = docs[limit-1].Base().ID
	case horizon != "":
		// A page short of the limit (or empty) with more to read: on from the horizon.
		out.Next = horizon
	}
	return out, nil
}
