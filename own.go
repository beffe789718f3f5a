package xiaoqi

// The fields a candidate corrected herself, which a school's list imported later keeps.

import "slices"

// OwnFieldNames are the fields of a candidate's profile whose correction by the candidate
// herself a later import keeps: the school's list, imported again, put back the phone,
// e-mail and summary she had corrected, and HR's contact release then gave the old phone.
// Not the name, by which an import knows the person (and their consents), nor the
// education, which is the school's record.
var OwnFieldNames = []string{"phone", "email", "birth_date", "city", "summary", "study_country", "degree", "skills", "languages"}

// ownField returns the value of field f of c: a text or a list.
func (c *Candidate) ownField(f string) (*string, *[]string) {
	switch f {
	case "phone":
		return &c.Phone, nil
	case "email":
		return &c.Email, nil
	case "birth_date":
		return &c.BirthDate, nil
	case "city":
		return &c.City, nil
	case "summary":
		return &c.Summary, nil
	case "study_country":
		return &c.StudyCountry, nil
	case "degree":
		return &c.Degree, nil
	case "skills":
		return nil, &c.Skills
	case "languages":
		return nil, &c.Languages
	}
	return nil, nil
}

// sameField reports whether field f holds the same in a and b.
func sameField(a, b *Candidate, f string) bool {
	as, al := a.ownField(f)
	bs, bl := b.ownField(f)
	if as != nil {
		return *as == *bs
	}
	return al == nil || slices.Equal(*al, *bl)
}

// OwnName is recorded among OwnFields when the candidate changes her own name. An import does
// not keep it (it knows the person by the name, and OwnFieldNames leaves it out); the record
// says that the name is hers to have written, and so not who she is to anyone else
// (TrustedKeys).
const OwnName = "name"

// Corrected returns the OwnFields of c, written by the candidate herself onto old: those of
// old and those she changed now, OwnName first, then in OwnFieldNames order.
func Corrected(old, c *Candidate) []string {
	var out []string
	if slices.Contains(old.OwnFields, OwnName) || !slices.Equal(identityNames(old.Name), identityNames(c.Name)) {
		out = append(out, OwnName)
	}
	for _, f := range OwnFieldNames {
		if slices.Contains(old.OwnFields, f) || !sameField(old, c, f) {
			out = append(out, f)
		}
	}
	return out
}

// KeepBlank gives c, a row of a list imported onto the stored candidate old, old's values of
// the fields (OwnFieldNames) the row leaves empty: a blank cell is not known to that list, not
// a value to erase, as with institutions, firms and postings. A list without e-mails, imported
// again, wiped every e-mail without a word.
func KeepBlank(c, old *Candidate) {
	for _, f := range OwnFieldNames {
		cs, cl := c.ownField(f)
		os, ol := old.ownField(f)
		switch {
		case cs != nil && *cs == "":
			*cs = *os
		case cl != nil && len(*cl) == 0:
			*cl = slices.Clone(*ol)
		}
	}
}

// KeepOwn gives c, a row of a list imported onto the stored candidate old, the values old
// holds of the fields the candidate corrected herself (old.OwnFields), and the record of
// them. It returns the fields whose value in the row differed and was not written, in
// OwnFieldNames order; a row that leaves one empty keeps hers without a word.
func KeepOwn(c, old *Candidate) []string {
	var kept []string
	for _, f := range OwnFieldNames {
		if !slices.Contains(old.OwnFields, f) || sameField(old, c, f) {
			continue
		}
		cs, cl := c.ownField(f)
		os, ol := old.ownField(f)
		if cs != nil {
			if *cs != "" {
				kept = append(kept, f)
			}
			*cs = *os
		} else {
			if len(*cl) > 0 {
				kept = append(kept, f)
			}
			*cl = slices.Clone(*ol)
		}
	}
	c.OwnFields = slices.Clone(old.OwnFields)
	return kept
}
