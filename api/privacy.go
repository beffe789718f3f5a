package api

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/xiaoqi-dev/xiaoqi"
	_ "github.com/xiaoqi-dev/xiaoqi/romanize" // a candidate's name in pinyin is hidden too (Anonymized)
)

// candidateView is a candidate without personal information (README: Security and privacy, PIPL): what
// everyone but the candidate sees (view in personal.go decides): no name, phone, e-mail, birth
// date, the enterprises they consented to or the external id, and every text redacted
// (xiaoqi.Candidate.Anonymized). Contact details
// reach enterprise HR only through the audited release of personal.go. The fields
// below shadow the embedded candidate's fields of the same JSON name; the personal ones are
// always empty, so encoding/json omits them.
type candidateView struct {
	*xiaoqi.Candidate
	Name               string   `json:"name,omitempty"`
	Phone              string   `json:"phone,omitempty"`
	Email              string   `json:"email,omitempty"`
	BirthDate          string   `json:"birth_date,omitempty"`
	ConsentEnterprises []string `json:"consent_enterprises,omitempty"`
	ExternalID         string   `json:"external_id,omitempty"`
	OwnFields          []string `json:"own_fields,omitempty"`
	FormerKeys         []string `json:"former_keys,omitempty"`
	// BirthYear is all that is shown of the birth date.
	BirthYear int `json:"birth_year,omitempty"`
}

// anonymizeCandidate returns the public view of c.
func anonymizeCandidate(c *xiaoqi.Candidate) candidateView {
	v := candidateView{Candidate: c.Anonymized(redacted)}
	if len(c.BirthDate) >= 4 {
		if y, err := strconv.Atoi(c.BirthDate[:4]); err == nil {
			v.BirthYear = y
		}
	}
	return v
}

// hiddenSource reports whether v, a candidate as the caller sees it, was found by a source
// filter whose value the view hides: a source that holds personal data (陈晓东_13700001111_简历,
// an import's file name). ?source=陈晓东_13700001111_简历 listed the person, and a wrong phone
// listed no one: anyone could tell whether a name and phone were in xiaoqi.
func hiddenSource(v any, source string) bool {
	cv, ok := v.(candidateView)
	return ok && source != "" && cv.Source != source
}

// keepUnseen gives cd, a candidate written whole (PUT) by someone who sees it anonymised (an
// administrator recording consent given on paper: GET, add consent_enterprises, PUT), what
// that view hid and the body leaves as the view showed it: the name, phone, e-mail, birth
// date, external id and consents it left out, a source it left out, and each text it showed
// redacted. Such a PUT was refused for its missing name, and with the name added wiped the
// phone, e-mail and birth date (HR's contact release then gave the name only), lost the key
// an import finds the person by, and stored the summary with [已隐藏 hidden] in it.
func keepUnseen(cd, old *xiaoqi.Candidate) {
	seen := anonymizeCandidate(old).Candidate
	keep := func(v *string, shown, stored string) {
		if *v == shown {
			*v = stored
		}
	}
	keep(&cd.Name, "", old.Name)
	keep(&cd.Phone, "", old.Phone)
	keep(&cd.Email, "", old.Email)
	keep(&cd.BirthDate, "", old.BirthDate)
	keep(&cd.ExternalID, "", old.ExternalID)
	keep(&cd.Source, seen.Source, old.Source)
	keep(&cd.Summary, seen.Summary, old.Summary)
	keep(&cd.City, seen.City, old.City)
	keep(&cd.StudyCountry, seen.StudyCountry, old.StudyCountry)
	if slices.Equal(cd.Skills, seen.Skills) {
		cd.Skills = old.Skills
	}
	if slices.Equal(cd.Languages, seen.Languages) {
		cd.Languages = old.Languages
	}
	// The consents the view hid stay, and those the body names are added: the list written
	// blind replaced the consents given before with the one the administrator added. Only
	// the candidate, who sees the list, withdraws one.
	added := cd.ConsentEnterprises
	cd.ConsentEnterprises = slices.Clone(old.ConsentEnterprises)
	for _, id := range added {
		if !slices.Contains(cd.ConsentEnterprises, id) {
			cd.ConsentEnterprises = append(cd.ConsentEnterprises, id)
		}
	}
	if len(cd.Education) == len(old.Education) {
		for i := range cd.Education {
			e, s, o := &cd.Education[i], seen.Education[i], old.Education[i]
			keep(&e.InstitutionName, s.InstitutionName, o.InstitutionName)
			keep(&e.Major, s.Major, o.Major)
		}
	}
}

// anonymizeHit drops personal fields from a candidate hit, whatever the index put there.
func anonymizeHit(h *xiaoqi.Hit) {
	if h.Type != xiaoqi.KindCandidate {
		return
	}
	for _, f := range [...]string{"name", "phone", "email", "birth_date", "consent_enterprises"} {
		delete(h.Fields, f)
	}
}

const redacted = "[已隐藏 hidden]"

// newPeople checks candidates that are not stored yet (no stored one has their source and
// external id) before an administrator's POST or batch creates them. It refuses a person erased
// at their request, by the source and external id of their row or by their name with their
// phone or e-mail (as an import of their row is refused: xiaoqi.Erased), and a person who
// already has a profile under another source or none (their name with their phone or e-mail):
// a second profile of one person would be public, searchable and without the choices they
// made on the first. An import writes such a row onto the stored profile instead (package
// ingest, samePerson): a school's list sent again under another name is the same people; one
// person entered by hand is said to be there already, without saying which profile is theirs
// (the writer sees it anonymised). Documents with an id, or a key stored already, update.
func (s *Server) newPeople(ctx context.Context, docs []xiaoqi.Doc) error {
	var (
		erased map[string]bool
		people = xiaoqi.NewPersons(s.store)
		err    error
	)
	for i, d := range docs {
		c, ok := d.(*xiaoqi.Candidate)
		if !ok || c.ID != "" || (c.NaturalKey() == "" && len(c.IdentityKeys()) == 0) {
			continue
		}
		if nk := c.NaturalKey(); nk != "" {
			if _, err := xiaoqi.GetStored(ctx, s.store, xiaoqi.KindCandidate, nk); err == nil {
				continue
			} else if xiaoqi.ErrorCode(err) != xiaoqi.ENOTFOUND {
				return err
			}
		}
		at := ""
		if len(docs) > 1 {
			at = fmt.Sprintf("docs[%d]: ", i)
		}
		if erased == nil && s.accounts != nil {
			if erased, err = xiaoqi.ErasedKeys(ctx, s.accounts); err != nil {
				return err
			}
		}
		if xiaoqi.Erased(erased, c) {
			return xiaoqi.Errorf(xiaoqi.ECONFLICT, "%s此人已应本人要求删除，不再录入 / this person was erased at their request and is not entered again", at)
		}
		if len(c.IdentityKeys()) == 0 {
			continue
		}
		if id, err := people.Find(ctx, c); err != nil {
			return err
		} else if id != "" {
			return xiaoqi.Errorf(xiaoqi.ECONFLICT, "%s此人（同一姓名与电话或邮箱）已有档案，未另建一份：请由本人修改其档案，或以其原来源（source）与编号导入 / this person (the same name with the same phone or e-mail) already has a profile, and no second one was made: they change theirs, or import them under the source and id they have", at)
		}
	}
	return nil
}

// setOwnFields records on cd, a candidate written by p onto old (nil for a new one), the
// fields the candidate corrected herself (xiaoqi.Corrected), which a later import keeps and
// which, her name, phone and e-mail, say nothing of who she is to anyone else
// (xiaoqi.TrustedKeys), and who she was before a change of name, phone or e-mail
// (xiaoqi.FormerIdentity).
// Only the server sets the record: on her own write, what she changed is added; anyone
// else's write (an administrator, who may still change those fields) keeps it as it was.
func setOwnFields(p *principal, cd *xiaoqi.Candidate, old xiaoqi.Doc) {
	o, _ := old.(*xiaoqi.Candidate)
	switch {
	case o == nil:
		cd.OwnFields = nil
	case self(p, o.ID):
		cd.OwnFields = xiaoqi.Corrected(o, cd)
	default:
		cd.OwnFields = slices.Clone(o.OwnFields)
	}
	cd.FormerKeys = xiaoqi.FormerIdentity(o, cd) // never the body's
}
