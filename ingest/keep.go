package ingest

// What a row imported onto a stored record keeps of it, and the rows refused or warned about
// because their key is another's.

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

// keepChoices keeps what a stored candidate chose, which an import of their row does not
// change: who may see the profile (visibility) and which enterprises may see their contacts
// (consent_enterprises). A list imported again made a profile its candidate had made private
// public again, and dropped their consents, without a word in the audit log. It returns the
// row's candidate as it was before, for the writer to apply the choices again (rechoose)
// should she change them before the row is written: c carries the version read, which the
// store checks.
func (rs *rows) keepChoices(rec *record, c *xiaoqi.Candidate) (*xiaoqi.Candidate, error) {
	old, err := stored(rs.ctx, rs.store, xiaoqi.KindCandidate, "", c.NaturalKey())
	if err != nil {
		return nil, err
	}
	o, ok := old.(*xiaoqi.Candidate)
	if !ok {
		if o, err = rs.samePerson(rec, c); o == nil || err != nil {
			return nil, err
		}
	} else if otherPerson(o, c) {
		// Not the source: named after the file, it may hold a name and a phone
		// (陈晓东_13700001111_简历), and problems are not redacted after this point.
		rec.errorf("external_id", "编号 %[1]s 在此来源中已属于另一位候选人（姓名不同），此行未导入：若是另一所学校或机构的名单，请为其指定来源（source）；若此人改了姓名，请在其档案中修改 / id %[1]s of this source belongs to another candidate (another name): the row was not imported; if this is another school's or office's list, give it a source of its own; if the person changed their name, change it on their profile",
			c.ExternalID)
		return nil, nil
	}
	if c.Visibility != "" && c.Visibility != cmp.Or(o.Visibility, xiaoqi.VisibilityAnonymous) {
		rec.warnf("visibility", "候选人的可见性（%[1]s）已保留：导入不改变已有候选人的可见性，请由本人或在其资料中修改 / the candidate's visibility (%[1]s) is kept: an import does not change that of a stored candidate; they (or an administrator, on the profile) change it",
			cmp.Or(o.Visibility, xiaoqi.VisibilityAnonymous))
	}
	row := *c
	// What she corrected herself on her profile stays: the school's list is older than her
	// correction. The warning names the field, never a value.
	for _, f := range applyChoices(c, o) {
		rec.warnf(f, "保留了本人更正的%[1]s：导入不改变候选人本人更正过的内容，请由本人或管理员在其资料中修改 / kept the candidate's own correction of %[2]s: an import does not change what the candidate corrected herself; she (or an administrator, on the profile) changes it",
			ownLabels[f][0], ownLabels[f][1])
	}
	return &row, nil
}

// applyChoices gives c, a row's candidate, what o, the stored one, keeps (keepChoices), and
// o's version: the row is written only onto the profile it was read from. The import read
// her profile while parsing and wrote the row a batch later without a version, and a profile
// she made private in between was public again. It returns the fields of her own corrections
// kept.
func applyChoices(c, o *xiaoqi.Candidate) []string {
	c.Visibility, c.ConsentEnterprises = o.Visibility, o.ConsentEnterprises
	own := xiaoqi.KeepOwn(c, o)
	xiaoqi.KeepBlank(c, o)
	c.FormerKeys = xiaoqi.FormerIdentity(o, c)
	c.Version = o.Version
	return own
}

// ownLabels names the fields of xiaoqi.OwnFieldNames in warnings, in Chinese and English.
var ownLabels = map[string][2]string{
	"phone": {"电话", "phone"}, "email": {"邮箱", "e-mail"}, "birth_date": {"出生日期", "birth date"},
	"city": {"城市", "city"}, "summary": {"个人简介", "summary"}, "study_country": {"留学国家", "country of study"},
	"degree": {"学历", "degree"}, "skills": {"技能", "skills"}, "languages": {"语言", "languages"},
}

// samePerson returns the stored candidate who is c, a row whose source and external id no stored
// candidate has, by name with phone or e-mail (xiaoqi.IdentityKeys), nil when there is none: the
// name with phone or e-mail an import or an administrator gave the stored one (xiaoqi.Identity),
// never what the candidate wrote on her profile herself, as anyone may write another person's name
// and phone there and so had their row. c then takes that candidate's id, source and external id,
// so that the row updates their profile. The school that sent its list again under another file
// name (and so another source), or another school that lists the same graduate, made a second
// profile of one person: public and searchable though they had made theirs private, without the
// enterprises they had consented to, and back though they had been erased. One profile per person
// is what the school and the student expect: the row updates it, keeping its id, the student's
// choices (keepChoices) and their own corrections (keepOwn), and says so; it is not refused, as a
// list sent again would fail on every row. The warning names neither the profile nor the source (a
// file name may hold a name and a phone).
func (rs *rows) samePerson(rec *record, c *xiaoqi.Candidate) (*xiaoqi.Candidate, error) {
	if len(c.IdentityKeys()) == 0 {
		return nil, nil
	}
	if rs.people == nil {
		rs.people = xiaoqi.NewPersons(rs.store)
	}
	id, err := rs.people.Find(rs.ctx, c)
	if err != nil {
		return nil, fmt.Errorf("ingest: find the stored candidate of a row: %w", err)
	}
	if id == "" {
		return nil, nil
	}
	old, err := stored(rs.ctx, rs.store, xiaoqi.KindCandidate, id, "")
	o, ok := old.(*xiaoqi.Candidate)
	if err != nil || !ok {
		return nil, err
	}
	c.ID, c.Source, c.ExternalID = o.ID, o.Source, o.ExternalID
	rec.warnf("name", "此人（同一姓名与电话或邮箱）已在系统中，以另一来源或编号登记：本行更新了其原有档案，保留其编号与本人的选择，未另建一份 / this person (the same name with the same phone or e-mail) is already in xiaoqi under another source or id: the row updated their profile, keeping its id and their choices, and made no second one")
	return o, nil
}

// otherPerson reports whether a row's candidate c, found stored as o by its source and
// external id, is someone else: another name. Two schools' 就业名单.csv (or one downloaded
// twice, 就业名单 (1).csv, which names the same source) both number their students from 1, and
// the second overwrote the first school's students with its own, name, phone and all, under
// the choices (public) the first ones had made.
func otherPerson(o, c *xiaoqi.Candidate) bool {
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return o.Name != "" && c.Name != "" && squash(o.Name) != squash(c.Name)
}

// otherFirm warns of a row whose source and id are those of a stored posting of another
// enterprise: two offices' 用工需求.csv (or one saved as 用工需求(1).csv) name the same source
// and both number their postings from 1, and the second moved the first office's postings to
// its own firms without a word. The row is written (a list may move a posting on purpose),
// and the warning says whose posting it was and how to keep the lists apart.
func (rs *rows) otherFirm(rec *record, j *xiaoqi.JobNeed) error {
	if j.EnterpriseID == "" || !rs.opt.derivedSource {
		return nil // a source given on purpose (--source 51job) is the importer's to keep apart
	}
	old, err := stored(rs.ctx, rs.store, xiaoqi.KindJob, "", j.NaturalKey())
	if err != nil {
		return err
	}
	if o, ok := old.(*xiaoqi.JobNeed); ok && o.EnterpriseID != "" && o.EnterpriseID != j.EnterpriseID {
		rec.warnf("external_id", "编号 %[1]s 在来源 %[2]q 中原是另一企业（%[3]s）的岗位“%[4]s”，已改为本行的企业与岗位：若这是另一份名单，请为其指定来源（source） / id %[1]s of source %[2]q was a posting of another enterprise (%[3]s, %[4]q) and now is this row's: if this is another list, give it a source of its own",
			j.ExternalID, j.Source, o.EnterpriseName, o.Name)
	}
	return nil
}

// keepStored gives j, a row imported onto the stored posting old, what old holds and the row
// leaves empty: a short list (title, firm, district, salary) imported onto the postings of a
// full one replaced each whole, and their degree, headcount, description, skills and posting
// date were lost.
func keepStored(rec *record, j, old *xiaoqi.JobNeed) {
	keep := func(v *string, o string) {
		if *v == "" {
			*v = o
		}
	}
	keep(&j.Degree, old.Degree)
	keep(&j.Experience, old.Experience)
	keep((*string)(&j.Sector), string(old.Sector))
	if j.Headcount == 0 {
		j.Headcount = old.Headcount
	}
	if j.SalaryMin == 0 && j.SalaryMax == 0 && j.SalaryText == "" {
		j.SalaryMin, j.SalaryMax, j.SalaryMonths, j.SalaryText = old.SalaryMin, old.SalaryMax, old.SalaryMonths, old.SalaryText
	}
	if len(j.Languages) == 0 {
		j.Languages = old.Languages
	}
	if j.PostedAt.IsZero() {
		j.PostedAt = old.PostedAt
	}
	if rec.get("status") == "" {
		j.Status = old.Status // a closed posting is not opened by a list that says nothing of it
	}
	if j.Description == "" {
		// The skills of the title only, but the stored ones came of the description too.
		j.Description = old.Description
		j.Skills = union(old.Skills, j.Skills)
	}
}
