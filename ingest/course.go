package ingest

import (
	"context"
	"fmt"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// CourseKey is what makes two courses (programs without a major code) one: institution,
// degree and name, the name's spaces, letter case and width aside (java全栈开发工程师 and
// Java 全栈开发工程师, Ｊａｖａ). "" for a program with a major code, whose code names it, or
// without an institution. The API refuses a course that repeats a stored one so (409), and
// an import updates the stored one: both read this key.
func CourseKey(p *xiaoqi.Program) string {
	if p.MajorCode != "" || p.InstitutionID == "" {
		return ""
	}
	return p.InstitutionID + "|" + p.Degree + "|" + strings.ToLower(strings.Join(strings.Fields(Narrow(p.Name)), ""))
}

// dedupeKey is the key by which rows of one file repeat each other: a course's CourseKey, so
// that two spellings of one course in a file are one course, as the store would have them;
// else the natural key.
func dedupeKey(d xiaoqi.Doc) string {
	if p, ok := d.(*xiaoqi.Program); ok {
		if k := CourseKey(p); k != "" {
			return k
		}
	}
	return d.NaturalKey()
}

// storedCourse returns the stored course that p names in another spelling (CourseKey), nil
// when there is none. The natural key, which the store looks programs up by, holds the name
// as written: an office that sent its course list again with 'Java 全栈开发工程师' for
// 'java全栈开发工程师' got a second course of each, listed and counted twice. A course list
// sent again is meant to update the courses, as the same list with the same spellings does,
// so the row updates the stored course (keeping its name: importing either spelling again
// changes nothing) rather than being refused, which would fail every row of the list. The
// courses of each institution are read once an import.
func (rs *rows) storedCourse(ctx context.Context, p *xiaoqi.Program) (*xiaoqi.Program, error) {
	key := CourseKey(p)
	if key == "" {
		return nil, nil
	}
	if rs.courses == nil {
		rs.courses = map[string]map[string]string{}
	}
	byKey, ok := rs.courses[p.InstitutionID]
	if !ok {
		byKey = map[string]string{}
		opt := xiaoqi.ListOptions{Filters: map[string]string{"institution_id": p.InstitutionID}, Limit: xiaoqi.MaxListLimit}
		for {
			page, err := rs.store.List(ctx, xiaoqi.KindProgram, opt)
			if err != nil {
				return nil, fmt.Errorf("ingest: list the programs of %s: %w", p.InstitutionID, err)
			}
			for _, d := range page.Docs {
				if o := d.(*xiaoqi.Program); CourseKey(o) != "" {
					if _, dup := byKey[CourseKey(o)]; !dup { // the first of two stored before the API refused them
						byKey[CourseKey(o)] = o.ID
					}
				}
			}
			if page.Next == "" {
				break
			}
			opt.After = page.Next
		}
		rs.courses[p.InstitutionID] = byKey
	}
	id := byKey[key]
	if id == "" {
		return nil, nil
	}
	d, err := stored(ctx, rs.store, xiaoqi.KindProgram, id, "")
	if err != nil || d == nil {
		return nil, err
	}
	return d.(*xiaoqi.Program), nil
}
