package api

import (
	"context"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// checkProgramNames refuses a course (a program without a major code) that repeats another of
// its institution at the same degree by its name, spaces, letter case and width aside
// (ingest.CourseKey, which an import reads too): "java全栈开发工程师 " beside
// Java全栈开发工程师 was stored as a second course, both listed and their trainees counted twice. Only the exact spelling was one
// program (the store's natural key). The same document written again, by id or natural key,
// is no repeat; within a batch two such courses repeat each other.
func (s *Server) checkProgramNames(ctx context.Context, docs []xiaoqi.Doc) error {
	stored := map[string][]*xiaoqi.Program{} // institution id → its programs, read once
	written := map[string]bool{}             // the ids and natural keys the batch writes
	for _, d := range docs {
		if p, ok := d.(*xiaoqi.Program); ok {
			written[p.ID], written[p.NaturalKey()] = true, true
		}
	}
	delete(written, "")
	seen := map[string]*xiaoqi.Program{} // course key → the batch's program
	for i, d := range docs {
		p, ok := d.(*xiaoqi.Program)
		if !ok || p.MajorCode != "" || p.InstitutionID == "" {
			continue
		}
		key := ingest.CourseKey(p)
		if o, ok := seen[key]; ok && !sameDoc(o, p) {
			return inBatch(duplicateCourse(o), i, len(docs))
		}
		seen[key] = p
		list, ok := stored[p.InstitutionID]
		if !ok {
			var err error
			if list, err = s.programsOf(ctx, p.InstitutionID); err != nil {
				return err
			}
			stored[p.InstitutionID] = list
		}
		for _, o := range list {
			if o.MajorCode != "" || sameDoc(o, p) || written[o.ID] || written[o.NaturalKey()] || ingest.CourseKey(o) != key {
				continue
			}
			return inBatch(duplicateCourse(o), i, len(docs))
		}
	}
	return nil
}

// programsOf lists the stored programs of institution id.
func (s *Server) programsOf(ctx context.Context, id string) ([]*xiaoqi.Program, error) {
	var out []*xiaoqi.Program
	opt := xiaoqi.ListOptions{Filters: map[string]string{"institution_id": id}, Limit: xiaoqi.MaxListLimit}
	for {
		page, err := s.store.List(ctx, xiaoqi.KindProgram, opt)
		if err != nil {
			return nil, err
		}
		for _, d := range page.Docs {
			out = append(out, d.(*xiaoqi.Program))
		}
		if page.Next == "" {
			return out, nil
		}
		opt.After = page.Next
	}
}

// duplicateCourse is the refusal of a course that repeats o, naming it as stored.
func duplicateCourse(o *xiaoqi.Program) error {
	return &xiaoqi.Error{Code: xiaoqi.ECONFLICT,
		Message: "name: 该院校已有同名、同学历层次（" + o.Degree + "）的课程「" + o.Name + "」（" + o.ID + "，不计空格、大小写与全半角）：请编辑那一条 / the institution has the course " +
			o.Name + " (" + o.ID + ") of this name and degree (" + xiaoqi.DegreeEnglish(o.Degree) + ") already, spaces, case and width aside: edit that one",
		Details: []xiaoqi.FieldError{{Field: "name", Message: "与课程「" + o.Name + "」（" + o.ID + "）重复 / duplicates the course " + o.Name + " (" + o.ID + ")"}}}
}
