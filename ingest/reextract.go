package ingest

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/skill"
)

// ReextractCounts says what Reextract did.
type ReextractCounts struct {
	// Checked and Changed count documents by kind: job needs, programs and candidates.
	Checked map[xiaoqi.Kind]int `json:"checked"`
	Changed map[xiaoqi.Kind]int `json:"changed"`
	// Version is the taxonomy version the skills were extracted with.
	Version string `json:"taxonomy_version"`
}

// tagsLine starts the line of a job need's description that keeps its tags as written.
const tagsLine = "标签 Tags："

// Reextract extracts the skills of the stored job needs, programs and candidates again with
// tax and writes back, in batches of batchSize, only the documents whose skills changed:
//
//   - a job need from the tags its description keeps as written ("标签 Tags：…"), its stored
//     skills, its title and the rest of its description, as an import does (TaxonomySkills);
//   - a program from its major code (MajorSkills); a program of a major the taxonomy does not
//     know keeps its skills, resolved to the taxonomy's names;
//   - a candidate from its skills and summary.
//
// Documents are written with the version they were read with, so a concurrent edit fails the
// batch (ECONFLICT) rather than being overwritten.
func Reextract(ctx context.Context, store xiaoqi.Store, tax *skill.Taxonomy, batchSize int) (ReextractCounts, error) {
	if batchSize <= 0 {
		batchSize = 500
	}
	c := ReextractCounts{Checked: map[xiaoqi.Kind]int{}, Changed: map[xiaoqi.Kind]int{}, Version: tax.Version()}
	sk := TaxonomySkills(tax)
	var pending []xiaoqi.Doc
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		if _, err := store.Upsert(ctx, pending); err != nil {
			return fmt.Errorf("reextract: write %d documents: %w", len(pending), err)
		}
		pending = pending[:0]
		return nil
	}
	err := rewriteStored(ctx, "reextract", store, []xiaoqi.Kind{xiaoqi.KindJob, xiaoqi.KindProgram, xiaoqi.KindCandidate}, batchSize, flush,
		func(d xiaoqi.Doc) bool {
			c.Checked[d.Kind()]++
			if !reextractDoc(d, tax, sk) {
				return false
			}
			c.Changed[d.Kind()]++
			return true
		}, &pending)
	return c, err
}

// rewriteStored lists every stored document of kinds, page by page in id order, keeps in
// *pending those that change reports it changed, and calls flush whenever batchSize are
// pending and at the end (flush empties *pending). It stops at the end of ctx. what names the
// task in its errors.
func rewriteStored(ctx context.Context, what string, store xiaoqi.Store, kinds []xiaoqi.Kind, batchSize int, flush func() error,
	change func(xiaoqi.Doc) bool, pending *[]xiaoqi.Doc) error {
	for _, kind := range kinds {
		after := ""
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			page, err := store.List(ctx, kind, xiaoqi.ListOptions{After: after, Limit: xiaoqi.MaxListLimit})
			if err != nil {
				return fmt.Errorf("%s: list %s: %w", what, kind, err)
			}
			for _, d := range page.Docs {
				if !change(d) {
					continue
				}
				if *pending = append(*pending, d); len(*pending) >= batchSize {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			if page.Next == "" {
				break
			}
			after = page.Next
		}
	}
	return flush()
}

// reextractDoc sets the skills of d extracted again and reports whether they changed.
func reextractDoc(d xiaoqi.Doc, tax *skill.Taxonomy, sk Skills) bool {
	set := func(dst *[]string, skills []string) bool {
		if slices.Equal(*dst, skills) {
			return false
		}
		*dst = skills
		return true
	}
	switch d := d.(type) {
	case *xiaoqi.JobNeed:
		text, tags := splitTags(d.Description)
		var keep []string
		for _, t := range tags {
			if t != d.Experience {
				keep = append(keep, t)
			}
		}
		return set(&d.Skills, sk.Skills(append(keep, d.Skills...), strings.TrimSpace(d.Name+"\n"+text)))
	case *xiaoqi.Program:
		if _, ok := tax.Major(d.MajorCode); ok {
			return set(&d.Skills, MajorSkills(tax, d.MajorCode))
		}
		return set(&d.Skills, sk.Skills(d.Skills, ""))
	case *xiaoqi.Candidate:
		return set(&d.Skills, sk.Skills(d.Skills, d.Summary))
	}
	return false
}

// splitTags separates the description of a job need from the line of tags an import or the
// seed appended to it.
func splitTags(desc string) (text string, tags []string) {
	i := strings.LastIndex(desc, tagsLine)
	if i < 0 || (i > 0 && desc[i-1] != '\n') {
		return desc, nil
	}
	line := desc[i+len(tagsLine):]
	if j := strings.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	for _, t := range strings.Split(line, "、") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return strings.TrimSpace(desc[:i]), tags
}

// MajorSkills returns the Chinese names of the skills that the catalogue major code teaches in
// tax, deepest first: the skills of a program. It returns nil for an unknown code or a nil tax.
func MajorSkills(tax *skill.Taxonomy, code string) []string {
	if tax == nil {
		return nil
	}
	var out []string
	for _, d := range tax.SkillsOfMajor(code) {
		if s, ok := tax.Skill(d.ID); ok {
			out = append(out, s.NameZH)
		}
	}
	return out
}
